"""Finding 8a: a false match needs two senior officers before it suppresses anything, and a senior officer
adjudicates only matches of screenings made at their own posts."""

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.watchlists.models import FalseMatch, ScreeningMatch
from borderdesk.apps.watchlists.services import (
    adjudicate,
    confirm_false_match,
    pending_false_matches,
    reject_false_match,
    screen_person,
)
from borderdesk.core.screening import PartialDate, Query

VOLKOV = Query(name="Sergei Volkov", birth_date=PartialDate(1971, 3, 4), nationality="UKR")


@pytest.fixture
def senior_elsewhere(make_user, other_port):
    return make_user("senior_oth", "senior_officer", posts=[other_port.code])


def volkov_match_id(officer) -> int:
    outcome = screen_person(officer, VOLKOV, post_code=None, purpose="test")
    return next(m["match_id"] for m in outcome.matches if m["entry_id"] == "UTO-1")


def raised(officer) -> list[str]:
    return [m["entry_id"] for m in screen_person(officer, VOLKOV, post_code=None, purpose="test").matches]


def test_one_seniors_false_match_suppresses_nothing_until_a_second_senior_confirms(
    national, officer, senior, second_senior
):
    match_id = volkov_match_id(officer)
    proposed = adjudicate(senior, match_id, verdict="false_match", reason="Different parents, other passport")
    assert proposed.verdict == "false_match_proposed" and proposed.adjudicated_by == senior
    assert not FalseMatch.objects.exists()
    assert "UTO-1" in raised(officer)  # still raised at every post
    event = AuditEvent.objects.get(action="watchlists.match.false_match.propose")
    assert event.actor == senior and event.new_values["verdict"] == "false_match_proposed"

    confirmed = confirm_false_match(second_senior, match_id, note="agree: photo differs")
    assert confirmed.verdict == "false_match" and confirmed.second_officer == second_senior
    held = FalseMatch.objects.get()
    assert (held.decided_by, held.confirmed_by) == (senior, second_senior)
    event = AuditEvent.objects.get(action="watchlists.match.false_match.confirm")
    assert event.actor == second_senior and event.new_values["proposed_by"] == "senior"
    assert event.new_values["note"] == "agree: photo differs"
    assert "UTO-1" not in raised(officer)


def test_the_second_seniors_own_false_match_verdict_confirms_the_proposal(national, officer, senior, second_senior):
    match_id = volkov_match_id(officer)
    adjudicate(senior, match_id, verdict="false_match", reason="not him")
    adjudicate(second_senior, match_id, verdict="false_match", reason="not him either")
    assert ScreeningMatch.objects.get(pk=match_id).verdict == "false_match"
    assert "UTO-1" not in raised(officer)


def test_the_proposer_cannot_confirm_their_own_proposal(national, officer, senior):
    match_id = volkov_match_id(officer)
    adjudicate(senior, match_id, verdict="false_match", reason="not him")
    for attempt in (
        lambda: confirm_false_match(senior, match_id),
        lambda: adjudicate(senior, match_id, verdict="false_match", reason="really not him"),
    ):
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert caught.value.code == "four_eyes_required"
    assert ScreeningMatch.objects.get(pk=match_id).verdict == "false_match_proposed"
    assert not FalseMatch.objects.exists() and "UTO-1" in raised(officer)
    assert not AuditEvent.objects.filter(action="watchlists.match.false_match.confirm").exists()


def test_a_rejected_proposal_leaves_the_match_open_and_is_audited(national, officer, senior, second_senior):
    match_id = volkov_match_id(officer)
    adjudicate(senior, match_id, verdict="false_match", reason="not him")
    with pytest.raises(Invalid) as caught:
        reject_false_match(second_senior, match_id, reason=" ")
    assert caught.value.code == "reason_required"
    rejected = reject_false_match(second_senior, match_id, reason="same scar as in the listing")
    assert rejected.verdict == "" and rejected.adjudicated_by is None
    event = AuditEvent.objects.get(action="watchlists.match.false_match.reject")
    assert event.actor == second_senior and event.old_values == {"verdict": "false_match_proposed", "reason": "not him"}
    assert event.new_values["reason"] == "same scar as in the listing"
    with pytest.raises(Conflict) as caught:
        confirm_false_match(second_senior, match_id)
    assert caught.value.code == "no_false_match_proposal"
    assert not FalseMatch.objects.exists() and "UTO-1" in raised(officer)


def test_a_confirmed_match_needs_one_officer_and_lifts_a_false_match_in_force(national, officer, senior, second_senior):
    match_id = volkov_match_id(officer)
    adjudicate(senior, match_id, verdict="false_match", reason="not him")
    confirm_false_match(second_senior, match_id)
    with pytest.raises(Conflict) as caught:
        adjudicate(senior, match_id, verdict="false_match", reason="again")
    assert caught.value.code == "already_false_match"
    judged = adjudicate(senior, match_id, verdict="confirmed", reason="fingerprints match after all")
    assert judged.verdict == "confirmed" and judged.second_officer is None
    assert not FalseMatch.objects.exists() and "UTO-1" in raised(officer)


def test_a_senior_at_another_post_cannot_adjudicate_and_sees_nothing_of_the_match(
    national, officer, senior, senior_elsewhere, client_for
):
    match_id = volkov_match_id(officer)
    with pytest.raises(PermissionDenied) as caught:
        adjudicate(senior_elsewhere, match_id, verdict="confirmed", reason="x")
    assert caught.value.code == "not_your_post"
    adjudicate(senior, match_id, verdict="false_match", reason="not him")
    for attempt in (
        lambda: confirm_false_match(senior_elsewhere, match_id),
        lambda: reject_false_match(senior_elsewhere, match_id, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert pending_false_matches(senior_elsewhere) == []

    client = client_for(senior_elsewhere)
    responses = [
        client.post(f"/screening/matches/{match_id}/adjudicate", {"verdict": "confirmed", "reason": "x"}),
        client.post(f"/screening/matches/{match_id}/adjudicate", {"verdict": "confirmed", "reason": ""}),
        client.post(f"/screening/matches/{match_id}/false-match/confirm", {}),
        client.post(f"/screening/matches/{match_id}/false-match/reject", {"reason": "x"}),
        client.post(
            f"/api/v1/screening/matches/{match_id}/adjudication",
            {"verdict": "confirmed", "reason": "x"},
            content_type="application/json",
        ),
        client.post(f"/api/v1/screening/matches/{match_id}/false-match/confirm", {}, content_type="application/json"),
        client.post(
            f"/api/v1/screening/matches/{match_id}/false-match/reject", {"reason": "x"}, content_type="application/json"
        ),
    ]
    for response in responses:
        body = response.content.decode()
        assert response.status_code == 403, body
        assert "Volkov" not in body and "UTO-1" not in body and "Absconded" not in body and "1971" not in body
    assert "Volkov" not in client.get("/screening/").content.decode()
    assert ScreeningMatch.objects.get(pk=match_id).verdict == "false_match_proposed"
    assert not AuditEvent.objects.filter(actor=senior_elsewhere, action__startswith="watchlists.match").exists()


def test_headquarters_staff_adjudicate_everywhere(national, officer, senior, make_user):
    headquarters = make_user("hq_senior", "senior_officer", all_posts=True)
    match_id = volkov_match_id(officer)
    adjudicate(senior, match_id, verdict="false_match", reason="not him")
    assert [match.pk for match in pending_false_matches(headquarters)] == [match_id]
    assert confirm_false_match(headquarters, match_id).verdict == "false_match"


def test_the_screening_page_shows_proposals_waiting_for_a_second_senior(
    national, officer, senior, second_senior, client_for
):
    match_id = volkov_match_id(officer)
    client = client_for(senior)
    page = client.post(
        f"/screening/matches/{match_id}/adjudicate", {"verdict": "false_match", "reason": "other parents"}
    ).content.decode()
    assert "proposed" in page and "other parents" in page and "Another senior officer must confirm" in page
    page = client.get("/screening/").content.decode()
    assert 'data-testid="proposals"' in page and f'id="match-{match_id}"' in page
    assert "confirm-false-match" not in page  # not for the proposer
    mine = client.post(f"/screening/matches/{match_id}/false-match/confirm", {}).content.decode()
    assert "four_eyes_required" in mine

    client = client_for(second_senior)
    before = AccessEvent.objects.filter(actor=second_senior).count()
    page = client.get("/screening/").content.decode()
    assert "Sergei Volkov" in page and "confirm-false-match" in page
    assert AccessEvent.objects.filter(actor=second_senior).count() == before + 1  # the screening shown is logged
    done = client.post(f"/screening/matches/{match_id}/false-match/confirm", {"note": "agree"}).content.decode()
    assert "a false match" in done and "confirmed by senior2" in done
    assert "None at your posts" in client.get("/screening/").content.decode()


def test_api_proposal_confirmation_and_listing(national, officer, senior, second_senior, client_for):
    match_id = volkov_match_id(officer)
    client = client_for(senior)
    body = client.post(
        f"/api/v1/screening/matches/{match_id}/adjudication",
        {"verdict": "false_match", "reason": "other parents"},
        content_type="application/json",
    ).json()
    assert body["verdict"] == "false_match_proposed" and body["adjudicated_by"] == "senior"
    own = client.post(f"/api/v1/screening/matches/{match_id}/false-match/confirm", {}, content_type="application/json")
    assert own.status_code == 403 and own.json()["code"] == "four_eyes_required"
    client = client_for(second_senior)
    listed = client.get("/api/v1/screening/false-match-proposals").json()
    assert [row["match_id"] for row in listed] == [match_id]
    done = client.post(
        f"/api/v1/screening/matches/{match_id}/false-match/confirm", {"note": "agree"}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["verdict"] == "false_match"
    assert done.json()["second_officer"] == "senior2"
    assert client.get("/api/v1/screening/false-match-proposals").json() == []
