from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.watchlists.models import ListVersion, ScreeningMatch
from tests.apps.watchlists.conftest import NATIONAL


def post_json(client, url, body):
    return client.post(url, body, content_type="application/json")


# --------------------------------------------------------------------------------------------------- API


def test_api_screens_one_person_in_the_contract_shape(national, client_for, officer):
    response = post_json(
        client_for(officer),
        "/api/v1/screening",
        {"id": "q1", "name": "Sergei Volkov", "birth_date": "1971-03", "nationality": "UKR"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "q1" and body["hits"] >= 1 and body["required_action"] == "arrest"
    match = body["matches"][0]
    expected = {"list", "entry_id", "name", "score", "decision", "explanation", "match_id", "action", "reason"}
    assert expected <= set(match)
    assert match["entry_id"] == "UTO-1" and match["decision"] == "hit"


def test_api_screens_a_batch_in_input_order(national, client_for, officer):
    people = [{"id": "a", "name": "Nobody Atall"}, {"id": "b", "name": "Lucia Iglesias"}, {"id": "c", "name": "!!"}]
    body = post_json(client_for(officer), "/api/v1/screening", {"people": people, "purpose": "manifest"}).json()
    assert [r["id"] for r in body["results"]] == ["a", "b", "c"]
    assert body["results"][0]["matches"] == [] and body["results"][1]["matches"][0]["entry_id"] == "UTO-2"
    assert body["results"][2]["error"]["code"] == "name_without_letters"


def test_api_errors_are_problem_json(national, client_for, officer, auditor):
    bad = post_json(client_for(officer), "/api/v1/screening", {"name": "Anna", "birth_date": "12/01/1970"})
    assert bad.status_code == 422 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["code"] == "invalid_birth_date"
    unknown = post_json(client_for(officer), "/api/v1/screening", {"name": "Anna", "lists": ["interpol"]})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_list"
    refused = post_json(client_for(auditor), "/api/v1/screening", {"name": "Anna"})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


def test_api_adjudication(national, client_for, officer, senior, second_senior):
    screened = post_json(client_for(officer), "/api/v1/screening", {"name": "Sergei Volkov"}).json()
    match_id = screened["matches"][0]["match_id"]
    url = f"/api/v1/screening/matches/{match_id}/adjudication"
    assert post_json(client_for(officer), url, {"verdict": "false_match", "reason": "no"}).status_code == 403
    client = client_for(senior)
    missing = post_json(client, url, {"verdict": "false_match", "reason": ""})
    assert missing.status_code == 422 and missing.json()["code"] == "reason_required"
    proposed = post_json(client, url, {"verdict": "false_match", "reason": "other parents"})
    assert proposed.status_code == 200 and proposed.json()["verdict"] == "false_match_proposed"
    assert proposed.json()["adjudicated_by"] == "senior"
    done = post_json(client_for(second_senior), url, {"verdict": "false_match", "reason": "agreed"})
    assert done.status_code == 200 and done.json()["verdict"] == "false_match"
    assert (done.json()["adjudicated_by"], done.json()["second_officer"]) == ("senior", "senior2")
    client = client_for(senior)
    again = post_json(client, "/api/v1/screening", {"name": "Sergei Volkov"}).json()
    assert "UTO-1" in [m["entry_id"] for m in again["suppressed"]]
    assert (
        post_json(
            client, "/api/v1/screening/matches/999999/adjudication", {"verdict": "confirmed", "reason": "x"}
        ).status_code
        == 404
    )


def test_api_lists_for_administrators(national, client_for, admin_user, officer):
    body = client_for(admin_user).get("/api/v1/screening/lists").json()
    assert body[0]["list"] == "national" and body[0]["current"]["entries"] == 4
    assert client_for(officer).get("/api/v1/screening/lists").status_code == 403


# --------------------------------------------------------------------------------------------------- web


def test_screening_page_shows_the_hit_with_its_explanation_and_the_action(national, client_for, officer):
    client = client_for(officer)
    assert b'data-testid="person-name"' in client.get("/screening/").content
    page = client.post(
        "/screening/result", {"name": "Sergei Wolkow", "birth_date": "1971-03-04", "nationality": "UKR", "sex": "M"}
    ).content.decode()
    assert "Watchlist hit: Arrest" in page and "UTO-1" in page and "Absconded from custody" in page
    assert "Date of birth" in page and "same" in page
    assert "Record verdict" not in page  # officers cannot adjudicate
    assert "<strong>Arrest</strong>" in page and "action: arrest" not in page  # the verdict in words, not the code


def test_screening_page_errors_are_messages(national, client_for, officer):
    client = client_for(officer)
    page = client.post("/screening/result", {"name": "Anna", "birth_date": "yesterday"}).content.decode()
    assert "invalid_birth_date" in page
    page = client.post("/screening/result", {"name": "???"}).content.decode()
    assert "name_without_letters" in page


def test_senior_officers_adjudicate_on_the_page(national, client_for, senior, second_senior):
    client = client_for(senior)
    page = client.post("/screening/result", {"name": "Sergei Volkov"}).content.decode()
    assert "Record verdict" in page
    match = ScreeningMatch.objects.filter(entry_id="UTO-1").first()
    missing = client.post(f"/screening/matches/{match.pk}/adjudicate", {"verdict": "false_match", "reason": ""})
    assert b"reason_required" in missing.content
    proposed = client.post(f"/screening/matches/{match.pk}/adjudicate", {"verdict": "false_match", "reason": "not him"})
    assert b"proposed" in proposed.content and b"a false match" not in proposed.content
    page = client.post("/screening/result", {"name": "Sergei Volkov"}).content.decode()
    assert "already judged false" not in page  # one senior officer alone hides nothing
    client = client_for(second_senior)
    done = client.post(f"/screening/matches/{match.pk}/false-match/confirm", {})
    assert b"a false match" in done.content
    page = client.post("/screening/result", {"name": "Sergei Volkov"}).content.decode()
    assert "already judged false" in page


def test_pages_refuse_people_without_the_permission(national, client_for, auditor, officer):
    assert client_for(auditor).get("/screening/").status_code == 403
    assert client_for(officer).get("/screening/watchlists/").status_code == 403
    match = ScreeningMatch.objects.first()
    assert (
        client_for(officer)
        .post(f"/screening/matches/{match.pk if match else 1}/adjudicate", {"verdict": "confirmed", "reason": "x"})
        .status_code
        == 403
    )


def test_watchlists_page_imports_and_rejects_files(db, client_for, admin_user):
    client = client_for(admin_user)
    assert b"No list imported yet" in client.get("/screening/watchlists/").content
    upload = {"format": "csv", "list": "national", "source": SimpleUploadedFile("national.csv", NATIONAL.encode())}
    page = client.post("/screening/watchlists/import", upload)
    assert b"Imported 4 entries into list national as version 1" in page.content
    upload = {"format": "csv", "list": "national", "source": SimpleUploadedFile("national.csv", NATIONAL.encode())}
    page = client.post("/screening/watchlists/import", upload)
    assert b"nothing changed" in page.content
    bad = (NATIONAL + "UTO-9,Anna,,1990-02-30,,,,,\n").encode()
    page = client.post(
        "/screening/watchlists/import",
        {"format": "csv", "list": "national", "source": SimpleUploadedFile("bad.csv", bad)},
    ).content.decode()
    assert "File rejected" in page and "bad.csv, line 6" in page and "bad_date" in page
    assert ListVersion.objects.get(is_current=True).number == 1
    page = client.post("/screening/watchlists/import", {"format": "csv"}).content.decode()
    assert "file_required" in page
    page = client.post("/screening/watchlists/national/thresholds", {"hit": "0.9", "possible": "0.8"}).content.decode()
    assert "Thresholds of national saved" in page
    page = client.post("/screening/watchlists/national/thresholds", {"hit": "x", "possible": "0.8"}).content.decode()
    assert "invalid_thresholds" in page
