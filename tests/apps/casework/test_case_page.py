"""A case's page: the application, its deadline and timeline for the post's officers; moving it from the page;
two officers on one case; a transition not allowed answers with the allowed ones and loses nothing."""

from borderdesk.apps.casework.models import Application


def test_the_case_page_shows_the_case_and_moves_it(client_for, consul, visa_case):
    client = client_for(consul)
    page = client.get(f"/casework/{visa_case.reference}/")
    body = page.content.decode()
    assert page.status_code == 200 and "UTB-2026-000001" in body and "OKAFOR" in body and "2026-03-17" in body
    assert 'value="find_admissible"' in body and 'value="approve"' not in body
    answer = client.post(f"/casework/{visa_case.reference}/act", {"action": "find_admissible", "version": "1"})
    assert answer.status_code == 302 and Application.objects.get().state == "admissible"
    stale = client.post(
        f"/casework/{visa_case.reference}/act", {"action": "withdraw", "version": "1", "text": "keep me"}
    )
    assert stale.status_code == 409 and "case_changed" in stale.content.decode()
    assert "keep me" in stale.content.decode()  # what the officer wrote is still there
    wrong = client.post(f"/casework/{visa_case.reference}/act", {"action": "close", "version": "2"})
    assert wrong.status_code == 422 and "start_checks" in wrong.content.decode()
    client.post(f"/casework/{visa_case.reference}/note", {"text": "phoned the host"})
    assert "phoned the host" in client.get(f"/casework/{visa_case.reference}/").content.decode()


def test_another_posts_officer_sees_only_the_refusal(client_for, caseworker, visa_case):
    page = client_for(caseworker).get(f"/casework/{visa_case.reference}/")
    assert page.status_code == 403 and "OKAFOR" not in page.content.decode()
