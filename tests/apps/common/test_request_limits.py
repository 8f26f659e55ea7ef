"""Finding 5: bodies over the limits are answered 413 and NUL characters 422, clearly, before any view runs."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.watchlists.models import ListVersion
from borderdesk.apps.watchlists.services import forget_screener

MB = 1024 * 1024
NATIONAL_HEADER = "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"


@pytest.fixture
def screener_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    forget_screener()
    yield
    forget_screener()


def test_a_body_over_a_few_mb_is_answered_413_problem_json_on_the_api(client_for, officer):
    body = json.dumps({"name": "x" * (5 * MB)})
    response = client_for(officer).post("/api/v1/screening", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "request_too_large" and "4 MB" in response.json()["detail"]


def test_a_form_over_a_few_mb_is_answered_413_with_a_page(client_for, officer):
    response = client_for(officer).post("/screening/result", {"name": "x" * (5 * MB)})
    assert response.status_code == 413
    page = response.content.decode()
    assert 'data-testid="error-code">request_too_large<' in page and "at most 4 MB" in page


def test_an_htmx_request_over_the_limit_gets_only_the_alert(client_for, officer):
    response = client_for(officer).post("/screening/result", {"name": "x" * (5 * MB)}, HTTP_HX_REQUEST="true")
    assert response.status_code == 413
    assert b"request_too_large" in response.content and b"<html" not in response.content


def test_a_list_file_larger_than_the_form_limit_is_still_imported(settings, screener_in_tmp, client_for, admin_user):
    """A list file streams to a temporary file: only the upload limit applies to it, not the form limit."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024
    rows = "".join(f"UTO-{n},Person Number{n} Example,,1970,UKR,M,,Reason {n},inform\n" for n in range(2000))
    source = (NATIONAL_HEADER + rows).encode()
    assert len(source) > 4 * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client_for(admin_user).post(
        "/screening/watchlists/import",
        {"format": "csv", "list": "national", "source": SimpleUploadedFile("national.csv", source)},
    )
    assert response.status_code == 200
    assert ListVersion.objects.filter(watchlist__name="national").count() == 1


def test_an_upload_over_the_upload_limit_is_answered_413(settings, screener_in_tmp, client_for, admin_user):
    settings.BORDERDESK_MAX_UPLOAD_SIZE = 64 * 1024
    source = (NATIONAL_HEADER + "x" * (128 * 1024)).encode()
    response = client_for(admin_user).post(
        "/screening/watchlists/import",
        {"format": "csv", "list": "national", "source": SimpleUploadedFile("national.csv", source)},
    )
    assert response.status_code == 413 and b"request_too_large" in response.content
    assert not ListVersion.objects.exists()


def test_too_many_form_fields_are_answered_413(client_for, officer):
    fields = {f"f{n}": "x" for n in range(1100)}
    response = client_for(officer).post("/screening/result", fields)
    assert response.status_code == 413 and b"too_many_fields" in response.content


def test_a_nul_character_in_a_form_field_is_answered_422_naming_the_field(client_for, officer):
    response = client_for(officer).post("/screening/result", {"name": "Anna\x00Smith"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-testid="error-code">nul_character<' in page and 'data-testid="error-field">name<' in page


def test_a_nul_character_in_a_query_parameter_or_the_path_is_answered_422(client_for, officer):
    client = client_for(officer)
    query = client.get("/api/v1/rules/refusal-grounds", {"pack": "uto\x00"})
    assert query.status_code == 422 and query.json()["code"] == "nul_character"
    path = client.get("/visas/AB%00CD/sticker.pdf")
    assert path.status_code == 422 and b"nul_character" in path.content


def test_a_nul_character_in_a_json_body_is_answered_422_naming_the_field(client_for, officer):
    body = json.dumps({"name": "Anna\x00Smith"})
    response = client_for(officer).post("/api/v1/screening", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "nul_character" and response.json()["field"] == "name"
