from borderdesk.apps.travel_documents.services import import_lost_stolen
from tests.apps.travel_documents.test_services import REGISTER, SPECIMEN, a_passport


def test_api_returns_the_cli_contract_plus_the_register(client_for, officer, admin_user):
    import_lost_stolen(admin_user, REGISTER, source_name="reg.csv")
    response = client_for(officer).post(
        "/api/v1/documents/mrz", {"mrz": SPECIMEN, "today": "2010-01-01"}, content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 200
    assert {"format", "valid", "fields", "checks", "errors", "warnings"} <= set(body)
    assert body["format"] == "TD3" and body["valid"] is True
    assert body["fields"]["document_number"] == "L898902C3"
    assert body["lost_stolen"]["reason"] == "stolen" and body["clear"] is False


def test_api_bad_request_is_problem_json(client_for, officer):
    response = client_for(officer).post(
        "/api/v1/documents/mrz", {"today": "yesterday"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_check_page_and_htmx_result(client_for, officer):
    client = client_for(officer)
    assert b'data-testid="mrz-input"' in client.get("/documents/check/").content
    page = client.post(
        "/documents/check/result", {"mrz": a_passport(), "repair": "on", "viz_surname": "RAMOS"}
    ).content.decode()
    assert "every check digit holds" in page and "viz-differences" not in page


def test_a_bad_date_in_the_form_is_a_clear_message(client_for, officer):
    page = (
        client_for(officer)
        .post("/documents/check/result", {"mrz": a_passport(), "departure": "31/12/2026"})
        .content.decode()
    )
    assert "is not a date" in page and "invalid_date" in page


def test_register_upload_page(client_for, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(admin_user)
    page = client.post("/documents/lost-stolen/", {"register": SimpleUploadedFile("reg.csv", REGISTER)})
    assert b"Imported 2 documents" in page.content
    page = client.post("/documents/lost-stolen/", {"register": SimpleUploadedFile("bad.csv", b"a,b\n1,2\n")})
    assert b"File rejected" in page.content and b"invalid_header" in page.content


def test_the_check_names_each_error_and_finding_in_words(client_for, officer):
    lines = a_passport().splitlines()
    digit = lines[1][9]
    broken = lines[1][:9] + str((int(digit) + 1) % 10) + lines[1][10:]  # the document number's check digit
    page = client_for(officer).post("/documents/check/result", {"mrz": f"{lines[0]}\n{broken}"}).content.decode()
    assert "<strong>A check digit does not match</strong> in the document number:" in page
    specimen = client_for(officer).post("/documents/check/result", {"mrz": SPECIMEN}).content.decode()
    assert "<strong>Specimen document, not a real passport</strong>:" in specimen
