"""The policy pages: packs and the draft editor, the refusal grounds, the stay calculator, the visa matrix."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.policy import services
from borderdesk.apps.policy.models import PackStatus, PackVersion
from tests.apps.policy.conftest import replace_in
from tests.apps.policy.test_services import MATRIX, STAY_LIMIT_120

pytestmark = pytest.mark.django_db


def test_packs_page_and_a_new_draft(client_for, author_a):
    client = client_for(author_a)
    page = client.get("/policy/packs/").content.decode()
    assert "uto" in page and "schengen" in page and "in force today" in page
    response = client.post("/policy/packs/", {"pack_id": "uto"})
    draft = PackVersion.objects.get(pack_id="uto", status=PackStatus.DRAFT)
    assert response.status_code == 302 and response["Location"] == f"/policy/versions/{draft.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'name="file:pack.yaml"' in page and 'name="file:visa_policy.yaml"' in page


def test_the_editor_lists_problems_by_file_and_path(client_for, author_a):
    draft = services.create_draft(author_a, "uto")
    client = client_for(author_a)
    files = replace_in(draft.files, "pack.yaml", STAY_LIMIT_120, "values: [{valid_from: 2024-01-01, value: 400}]")
    page = client.post(
        f"/policy/versions/{draft.pk}/save", {f"file:{name}": text for name, text in files.items()}
    ).content.decode()
    assert "limit_not_below_window" in page and "rules[6].parameters.limit_days" in page
    response = client.post(f"/policy/versions/{draft.pk}/submit")
    assert response.status_code == 422 and b"cannot be submitted" in response.content


def test_officers_and_authors_see_what_they_may(client_for, officer, author_a):
    assert client_for(officer).get("/policy/packs/").status_code == 403
    page = client_for(officer).get("/policy/refusal-grounds/?on=2025-03-01").content.decode()
    assert "UIA-12-1-a" in page and "Utopia Immigration Act 2019" in page
    page = client_for(officer).get("/policy/refusal-grounds/?on=2010-01-01").content.decode()
    assert "no_rule_in_force" in page


def test_stay_calculator_page(client_for, officer):
    client = client_for(officer)
    assert b'data-testid="stays"' in client.get("/policy/stay/").content
    page = client.post(
        "/policy/stay/result",
        {
            "stays": "2014-08-15 2014-09-30\n",
            "on": "2014-12-01",
            "entry_on": "2015-01-01",
            "limit": "90",
            "window": "180",
        },
    )
    text = page.content.decode()
    assert "47 of 90 days used" in text and "2015-03-31" in text
    text = client.post("/policy/stay/result", {"stays": "2014-09-30 2014-08-15", "on": "2014-12-01"}).content
    assert b"end_before_start" in text
    text = client.post("/policy/stay/result", {"stays": "a b c", "on": "2014-12-01"}).content
    assert b"line 1" in text


def test_visa_matrix_page(client_for, admin_user, officer):
    client = client_for(admin_user)
    page = client.post("/policy/visa-matrix/", {"matrix": SimpleUploadedFile("m.csv", MATRIX)}).content.decode()
    assert "Imported 4 rows" in page
    page = client.post("/policy/visa-matrix/", {"matrix": SimpleUploadedFile("bad.csv", b"a,b\n1,2\n")})
    assert b"File rejected" in page.content and b"bad_header" in page.content
    assert client_for(officer).get("/policy/visa-matrix/").status_code == 403


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"stays": "", "on": ""},
        {"stays": "2025-01-01", "on": "2025-01-01", "limit": "abc"},
        {"stays": "2025-01-01", "on": "2025-01-05", "limit": "0"},
        {"stays": "2025-01-01 2025-01-05", "window": "-3"},
        {"stays": "9999-12-31", "on": "9999-12-31", "entry_on": "9999-12-31"},
    ],
)
def test_the_stay_form_never_fails_on_odd_input(client_for, officer, form):
    response = client_for(officer).post("/policy/stay/result", form)
    assert response.status_code == 200 and b"Traceback" not in response.content


def test_the_stay_calculator_starts_from_the_rules_in_force(client_for, officer):
    client = client_for(officer)
    page = client.get("/policy/stay/").content.decode()
    assert "on the day above. Today: At most 120 days in any 365 (Utopia Immigration (Amendment) Act 2023" in page
    assert 'placeholder="120"' in page and 'placeholder="365"' in page
    now = client.post("/policy/stay/result", {"stays": "2025-01-10 2025-01-19", "on": "2025-03-01"}).content.decode()
    assert "10 of 120 days used in the 365 days to 2025-03-01" in now
    assert "By the rules in force on 2025-03-01: At most 120 days in any 365" in now
    # A day under the earlier rule gets that rule, not today's.
    then = client.post("/policy/stay/result", {"stays": "2020-01-10 2020-01-19", "on": "2020-03-01"}).content.decode()
    assert "10 of 90 days used in the 180 days to 2020-03-01" in then and "At most 90 days in any 180" in then
    mine = client.post("/policy/stay/result", {"stays": "2025-01-10", "on": "2025-01-19", "limit": "30"})
    assert "10 of 30 days used in the 365 days" in mine.content.decode()
    assert "By the limit you gave" in mine.content.decode()


def test_every_date_field_is_typed_as_iso_8601(client_for, officer):
    """Never type="date", which Chromium shows in the browser's locale (mm/dd/yyyy in en-US)."""
    page = client_for(officer).get("/policy/stay/").content.decode()
    assert 'type="date"' not in page
    assert 'id="on" name="on" type="text" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"' in page
    assert 'placeholder="YYYY-MM-DD"' in page and 'id="on-hint">Year-month-day, e.g. ' in page
