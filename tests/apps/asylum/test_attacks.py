"""The asylum foundation attacked from outside and from inside: another unit's claims by reference and by id,
guessed references, openings that expired or whose assignment ended, forms sent again, huge and malformed input,
every role without the unit's standing on every asylum page, and two officers at once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from borderdesk.apps.asylum.models import ClaimAssignment, ClaimOpening
from borderdesk.apps.asylum.services import access_log, claims
from borderdesk.apps.audit.models import AccessEvent, AuditEvent, AuditorAlert
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.common.services import atomic_block
from tests.apps.asylum.conftest import make_claim, make_claimant

REASON = "Preparing the registration interview"
NOT_THERE = "PC-UTAS-2026-999999"


@pytest.fixture
def elsewhere_senior(make_user, other_unit):
    """The senior officer of another asylum unit."""
    return make_user("northsenior", "senior_officer", posts=[other_unit.code])


@pytest.fixture
def port_senior(make_user, port):
    """A senior officer of the airport where the claim was made (not of the asylum unit)."""
    return make_user("portsenior", "senior_officer", posts=[port.code])


def _refusal(call) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as refused:
        call()
    return refused.value


def _services(reference):
    return {
        "gate": lambda user: claims.gate(user, reference),
        "open": lambda user: claims.open_claim(user, reference, purpose="emergency", reason=REASON, emergency=True),
        "view": lambda user: claims.view_claim(user, reference),
        "access_log": lambda user: access_log.access_log(user, reference),
        "take": lambda user: claims.take(user, reference),
        "assign": lambda user: claims.assign(user, reference, user),
        "unassign": lambda user: claims.unassign(user, reference, user),
    }


# --- Another unit's claims, by reference, by id, guessed -----------------------------------------------------


@pytest.mark.parametrize("by", ["reference", "id", "lowercase reference"])
def test_another_units_officers_get_the_same_answer_as_for_a_claim_that_does_not_exist(
    claim, outsider_officer, elsewhere_senior, port_senior, by
):
    named = {"reference": claim.reference, "id": str(claim.pk), "lowercase reference": claim.reference.lower()}[by]
    for user in (outsider_officer, elsewhere_senior, port_senior):
        for name, call in _services(named).items():
            existing = _refusal(lambda: call(user))  # noqa: B023 (called at once)
            missing = _refusal(lambda: _services(NOT_THERE)[name](user))  # noqa: B023
            assert existing.code == missing.code == "claim_not_open_to_you", (user.username, name)
            assert existing.message.replace(named, NOT_THERE) == missing.message
            assert "UTAS" not in existing.message.replace(named, "")  # not even which unit works it
    assert not ClaimOpening.objects.exists() and not AuditorAlert.objects.exists()
    assert not AccessEvent.objects.filter(object_type="asylum.claim").exists()


def test_guessing_references_on_the_page_is_refused_alike_and_every_guess_is_on_record(
    claim, outsider_officer, client_for
):
    client = client_for(outsider_officer)
    guesses = [claim.reference, NOT_THERE, str(claim.pk), "PC-UTAS-2026-000002", "x" * 5000, "'; DROP TABLE--"]
    answers = set()
    for guess in guesses:
        response = client.get(reverse("asylum:claim", args=[guess]))
        assert response.status_code == 403
        body = response.content.decode()
        assert "claim_not_open_to_you" in body and "HASSAN" not in body and "Amaurot" not in body
        answers.add(body.replace(guess[:40], "?").replace(guess.upper()[:40], "?"))
        posted = client.post(reverse("asylum:open", args=[guess]), {"purpose": "emergency", "reason": REASON})
        assert posted.status_code == 403
    denials = AuditEvent.objects.filter(action="access.denied", new_values__code="claim_not_open_to_you")
    assert denials.count() == 2 * len(guesses)
    assert not ClaimOpening.objects.exists()


def test_the_unit_sees_a_missing_reference_refused_in_words(claim, asylum_officer, client_for):
    response = client_for(asylum_officer).get(reverse("asylum:claim", args=[NOT_THERE]))
    assert response.status_code == 403 and "no protection claim" in response.content.decode().lower()


# --- Openings: expired, assignment ended, sent again -------------------------------------------------------


def test_an_expired_opening_opens_nothing_and_the_page_asks_again(claim, asylum_officer, client_for):
    opening = claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    ClaimOpening.objects.filter(pk=opening.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _refusal(lambda: claims.view_claim(asylum_officer, claim.reference)).code == "opening_required"
    assert _refusal(lambda: access_log.access_log(asylum_officer, claim.reference)).code == "opening_required"
    page = client_for(asylum_officer).get(reverse("asylum:claim", args=[claim.reference])).content.decode()
    assert 'data-testid="open-form"' in page and "HASSAN" not in page


def test_an_opening_whose_assignment_ended_opens_nothing(claim, asylum_officer, unit_senior, client_for):
    claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    claims.unassign(unit_senior, claim.reference, asylum_officer)
    assert _refusal(lambda: access_log.access_log(asylum_officer, claim.reference)).code == "not_assigned"
    response = client_for(asylum_officer).get(reverse("asylum:claim", args=[claim.reference]))
    assert response.status_code == 403 and "HASSAN" not in response.content.decode()


def test_an_opening_by_someone_who_left_the_unit_opens_nothing(claim, asylum_officer, unit):
    claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    asylum_officer.posts.remove(unit)
    asylum_officer.forget_cached_grants()  # as on the next request
    assert _refusal(lambda: claims.view_claim(asylum_officer, claim.reference)).code == "claim_not_open_to_you"


def test_another_users_opening_is_not_yours(claim, asylum_officer, colleague):
    claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    with atomic_block():
        ClaimAssignment.objects.create(claim=claim, officer=colleague, assigned_at=timezone.now())
    assert _refusal(lambda: claims.view_claim(colleague, claim.reference)).code == "opening_required"


def test_the_same_open_form_sent_again_is_one_opening_and_one_alert(claim, colleague, client_for):
    client = client_for(colleague)
    form = {"purpose": "emergency", "reason": "Claimant in hospital, duty officer", "emergency": "yes"}
    for _ in range(3):
        assert client.post(reverse("asylum:open", args=[claim.reference]), form).status_code == 302
    assert ClaimOpening.objects.count() == 1 and AuditorAlert.objects.count() == 1
    assert AccessEvent.objects.filter(object_type="asylum.claim").count() == 1
    form["reason"] = "Claimant in hospital again, second call"
    client.post(reverse("asylum:open", args=[claim.reference]), form)
    assert ClaimOpening.objects.count() == 2 and AuditorAlert.objects.count() == 2  # a new reason is a new opening


def test_an_emergency_cannot_be_claimed_away_and_an_outsider_cannot_pose_as_assigned(claim, colleague):
    with pytest.raises(PermissionDenied) as refused:
        claims.open_claim(colleague, claim.reference, purpose="casework", reason=REASON, emergency=False)
    assert refused.value.code == "not_assigned"
    opening = claims.open_claim(colleague, claim.reference, purpose="review", reason=REASON, emergency=True)
    assert opening.emergency and opening.purpose == "emergency"


# --- Huge and malformed input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("purpose", "reason", "code"),
    [
        ("casework", "x" * 301, "reason_too_long"),
        ("casework", "x" * 2_000_000, "reason_too_long"),
        ("casework", "\x00" * 20, None),
        ("casework", "reason with a NUL \x00 inside it", None),
        ("x" * 10_000, REASON, "purpose_required"),
        ("", REASON, "purpose_required"),
        ("casework", "         \n\t      ", "reason_required"),
    ],
)
def test_huge_or_malformed_openings_are_refused_in_words_and_record_nothing(
    claim, asylum_officer, purpose, reason, code
):
    with pytest.raises(Invalid) as refused:
        claims.open_claim(asylum_officer, claim.reference, purpose=purpose, reason=reason)
    assert code is None or refused.value.code == code
    assert len(refused.value.message) < 300
    assert not ClaimOpening.objects.exists() and not AccessEvent.objects.filter(object_type="asylum.claim").exists()


def test_a_huge_reason_on_the_page_keeps_what_was_typed_and_says_why(claim, asylum_officer, client_for):
    response = client_for(asylum_officer).post(
        reverse("asylum:open", args=[claim.reference]), {"purpose": "casework", "reason": "y" * 400}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "reason_too_long" in body and "y" * 400 in body and not ClaimOpening.objects.exists()


@pytest.mark.parametrize("version", ["abc", "1e9", "", "-1", "99999999999999999999"])
def test_a_malformed_or_stale_version_is_refused(claim, version):
    record = claims.load(claim.pk)
    with pytest.raises((Invalid, Conflict)) as refused:
        claims.check_version(record, version)
    assert refused.value.code in {"invalid_version", "claim_changed"}


# --- Every role without standing on every asylum page --------------------------------------------------------


@pytest.mark.parametrize("role", ["border_officer", "caseworker", "auditor", "duty_manager", "senior_officer"])
def test_every_role_of_the_port_is_refused_every_asylum_page(claim, make_user, port, client_for, role):
    user = make_user(f"port_{role}", role, posts=[port.code], all_posts=role == "auditor")
    client = client_for(user)
    for name, method in (("asylum:claim", "get"), ("asylum:open", "post")):
        for named in (claim.reference, str(claim.pk)):
            response = getattr(client, method)(reverse(name, args=[named]), {"purpose": "emergency", "reason": REASON})
            assert response.status_code == 403, (role, name)
            assert "HASSAN" not in response.content.decode()
    assert not ClaimOpening.objects.exists() and not AuditorAlert.objects.exists()


# --- Two officers at once ------------------------------------------------------------------------------------


def _at_once(*calls) -> list[str]:
    """Run ``calls`` at the same moment, each on its own connection: what each ended with."""
    outcomes: list[str] = []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("done")
        except (Conflict, Invalid, PermissionDenied) as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_two_officers_taking_the_same_claim_at_once_one_gets_it(unit, port, asylum_officer, colleague):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL's row locks")
    made = make_claim(unit, port, make_claimant())
    outcomes = _at_once(
        lambda: claims.take(asylum_officer, made.reference), lambda: claims.take(colleague, made.reference)
    )
    assert outcomes == ["claim_already_assigned", "done"]
    assert ClaimAssignment.objects.filter(claim=made, ended_at=None).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moves_from_the_same_version_one_is_refused(unit, port, asylum_officer, colleague):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL's row locks")
    made = make_claim(unit, port, make_claimant())

    def register(user):
        with atomic_block():
            record = claims.load(made.pk, for_update=True)
            claims.check_version(record, 1)
            claims.move(record, user, "register")

    outcomes = _at_once(lambda: register(asylum_officer), lambda: register(colleague))
    assert outcomes == ["claim_changed", "done"]
    assert claims.load(made.pk).version == 2


def test_an_emergency_opening_alerts_without_the_free_text(claim, colleague):
    reason = "Claimant HASSAN taken to St Mary hospital, family asks"
    claims.open_claim(colleague, claim.reference, purpose="emergency", reason=reason)
    alert = AuditorAlert.objects.get()
    assert (alert.object_type, alert.object_id, alert.actor_username) == ("asylum.claim", str(claim.pk), "colleague")
    assert "HASSAN" not in alert.message and "hospital" not in alert.message
    change = AuditEvent.objects.get(action="asylum.claim.emergency_open")
    assert "hospital" not in str(change.new_values)
    assert AccessEvent.objects.get(object_type="asylum.claim").detail == reason  # the reason is kept, as a read
