"""Finding 11 of the attack review: a traveller whose refusal waits for approval, rescanned at another booth, was
shown as "first time on record" and admitted past a refuse-entry hit with a typed reason. Every booth now sees
the traveller's open inspections and pending decisions; the rescan may only refer or wait; an admission past a
grave alert waits for a second senior officer; a rescan closes the earlier undecided inspection."""

from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, PermissionDenied
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Alert, Approval, Decision, Inspection, Status
from borderdesk.apps.posts.services import create_booth
from borderdesk.apps.travellers.models import Crossing, Stay
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift

TWO_WEEKS = TODAY + timedelta(days=13)
LISTED = dict(surname="KARIMOV", given="RUSTAM", number="UZ7654321", nationality="UZB")


@pytest.fixture
def national_list(db, tmp_path):
    from borderdesk.apps.watchlists.services import import_list

    path = tmp_path / "national.csv"
    path.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-17,Rustam Karimov,,1988-06-01,UZB,M,UZ7654321:UZB,Deported 2024; re-entry ban,refuse_entry\n"
    )
    import_list(SETUP, "csv", path, list_name="national")


@pytest.fixture
def roaming(make_user, port, other_port):
    """A border officer who may inspect at both posts."""
    return make_user("roaming", "border_officer", posts=[port.code, other_port.code])


@pytest.fixture
def other_session(roaming, other_port):
    return open_booth_on_shift(roaming, create_booth(SETUP, other_port, code="B07", direction="entry", lane="all"))


def scan(officer, session, **kwargs):
    return services.start_inspection(officer, session, passport(**kwargs), today=TODAY)


def refuse(officer, inspection, key="refusal"):
    return services.decide(
        officer,
        inspection,
        kind="refuse",
        grounds=["UIA-12-1-h"],
        remarks="re-entry ban",
        idempotency_key=key,
        version=inspection.version,
        today=TODAY,
    )


def test_a_rescan_at_another_post_sees_the_pending_refusal_and_cannot_admit(
    officer, session, roaming, other_session, national_list
):
    first = scan(officer, session, **LISTED)
    refusal = refuse(officer, first)
    assert refusal.approval == Approval.PENDING

    again = scan(roaming, other_session, **LISTED)
    shown = services.traveller_inspections(again)
    assert [i.pk for i in shown["elsewhere"]] == [first.pk]
    assert shown["elsewhere"][0].status == Status.PENDING_APPROVAL
    assert shown["elsewhere"][0].pending_decision.pk == refusal.pk
    assert again.recommendation["under_way_elsewhere"][0] == {
        "inspection": first.pk,
        "status": "pending_approval",
        "post": "TST",
        "booth": "A01",
        "officer": "officer",
        "since": first.created_at.isoformat(),
    }

    with pytest.raises(Conflict) as exc:
        services.decide(
            roaming,
            again,
            kind="admit",
            idempotency_key="past-it",
            version=again.version,
            departure_reason="says the ban was lifted",
            today=TODAY,
        )
    assert exc.value.code == "traveller_pending_elsewhere"
    assert f"inspection {first.pk}" in exc.value.message and "TST A01" in exc.value.message
    with pytest.raises(Conflict):
        refuse(roaming, again, key="second-refusal")
    assert Crossing.objects.count() == 0 and Decision.objects.count() == 1

    referral = services.decide(
        roaming,
        again,
        kind="refer",
        remarks="refusal pending at TST",
        idempotency_key="r",
        version=again.version,
        today=TODAY,
    )
    assert referral.kind == "refer"


def test_a_referred_traveller_rescanned_blocks_decisions_until_secondary_is_done(
    officer, session, roaming, other_session
):
    first = scan(officer, session)
    services.decide(
        officer,
        first,
        kind="refer",
        remarks="inconsistent answers",
        idempotency_key="r",
        version=first.version,
        today=TODAY,
    )
    again = scan(roaming, other_session)
    with pytest.raises(Conflict) as exc:
        services.decide(roaming, again, kind="admit", idempotency_key="a", version=again.version, today=TODAY)
    assert exc.value.code == "traveller_pending_elsewhere"
    first.refresh_from_db()
    assert first.status == Status.REFERRED, "a referral is not superseded by a rescan"


def test_the_e_gate_sends_a_traveller_with_a_decision_under_way_to_a_booth(officer, session, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["THA"]
    first = scan(officer, session)
    services.decide(
        officer, first, kind="refer", remarks="check the hotel", idempotency_key="r", version=first.version, today=TODAY
    )
    answer = services.egate_inspection(officer, mrz=passport(), post_code=port.code, today=TODAY)
    assert answer["gate_action"] == "to_booth" and "traveller_pending_elsewhere" in answer["reasons"]
    assert Crossing.objects.count() == 0


def test_a_rescan_supersedes_the_earlier_undecided_inspection(officer, session, roaming, other_session):
    first = scan(officer, session)
    again = scan(roaming, other_session)
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED and first.superseded_by_id == again.pk
    event = AuditEvent.objects.get(action="inspection.superseded")
    assert event.object_id == str(first.pk)
    assert event.new_values == {"status": "superseded", "superseded_by": again.pk, "why": "rescanned"}
    with pytest.raises(Conflict) as exc:
        services.decide(officer, first, kind="admit", idempotency_key="late", version=first.version, today=TODAY)
    assert exc.value.code == "inspection_superseded"
    with pytest.raises(Conflict) as exc:  # nothing else is done on it either
        services.record_interview(officer, first, version=first.version, purpose="tourism", answers={}, today=TODAY)
    assert exc.value.code == "inspection_superseded"
    services.decide(roaming, again, kind="admit", idempotency_key="now", version=again.version, today=TODAY)
    assert Crossing.objects.count() == 1


def test_an_inspection_left_open_too_long_is_superseded_at_the_next_scan(officer, session, settings):
    settings.BORDERDESK_OPEN_INSPECTION_HOURS = 12
    forgotten = scan(officer, session)
    recent = scan(officer, session, surname="CHAIYA", number="TH7654321")
    Inspection.objects.filter(pk=forgotten.pk).update(created_at=timezone.now() - timedelta(hours=13))
    nxt = scan(officer, session, surname="WONG", number="TH5550001")
    forgotten.refresh_from_db()
    recent.refresh_from_db()
    assert forgotten.status == Status.SUPERSEDED and forgotten.superseded_by_id == nxt.pk
    assert recent.status == Status.OPEN, "another traveller's fresh inspection stays open"
    assert AuditEvent.objects.get(action="inspection.superseded").new_values["why"] == "left undecided too long"


def test_admitting_past_a_refuse_entry_hit_waits_for_a_second_senior(
    officer, session, senior, second_senior, national_list
):
    inspection = scan(officer, session, **LISTED)
    assert inspection.recommendation["outcome"] == "refuse_recommended"
    admission = services.decide(
        officer,
        inspection,
        kind="admit",
        idempotency_key="a",
        version=inspection.version,
        admit_until=TWO_WEEKS,
        departure_reason="says the ban was lifted last month",
        today=TODAY,
    )
    inspection.refresh_from_db()
    assert admission.approval == Approval.PENDING and inspection.status == Status.PENDING_APPROVAL
    assert admission.crossing is None and Crossing.objects.count() == 0 and Stay.objects.count() == 0
    assert Alert.objects.filter(kind="approval_needed", inspection=inspection).exists()
    assert [d.pk for d in services.post_queue(senior, inspection.post)["pending"]] == [admission.pk]

    with pytest.raises(PermissionDenied):
        services.approve(officer, admission, approved=True)
    approved = services.approve(senior, admission, approved=True, today=TODAY)
    assert approved.approval == Approval.APPROVED and approved.crossing.outcome == "admitted"
    assert Stay.objects.get().entry_id == approved.crossing_id and approved.crossing.admitted_until == TWO_WEEKS
    assert Inspection.objects.get(pk=inspection.pk).status == Status.CLOSED
    assert AuditEvent.objects.filter(action="inspection.decision.approve", object_id=str(admission.pk)).exists()


def test_a_senior_admitting_past_a_hit_cannot_approve_it_themselves(officer, session, senior, national_list):
    inspection = scan(officer, session, **LISTED)
    services.decide(
        officer, inspection, kind="refer", remarks="hit", idempotency_key="r", version=inspection.version, today=TODAY
    )
    taken = services.take_for_secondary(senior, inspection)
    admission = services.decide(
        senior,
        taken,
        kind="admit",
        idempotency_key="a",
        version=taken.version,
        admit_until=TWO_WEEKS,
        departure_reason="mistaken identity: other birth place",
        today=TODAY,
    )
    with pytest.raises(PermissionDenied) as exc:
        services.approve(senior, admission, approved=True)
    assert exc.value.code == "four_eyes_required" and Crossing.objects.count() == 0


def test_admitting_on_a_lost_or_stolen_document_needs_approval(officer, session, monkeypatch, admin_user):
    from borderdesk.apps.travel_documents import services as documents
    from borderdesk.core.documents import LostStolenRegister

    monkeypatch.setattr(documents, "_cached", (None, LostStolenRegister()))
    documents.import_lost_stolen(
        admin_user,
        b"document_number,issuing_state,document_type,reported_on,reason\nTH1234567,THA,P,2025-01-02,stolen\n",
        source_name="register.csv",
    )
    inspection = scan(officer, session)
    admission = services.decide(
        officer,
        inspection,
        kind="admit",
        idempotency_key="a",
        version=inspection.version,
        admit_until=TWO_WEEKS,
        departure_reason="the traveller found it again",
        today=TODAY,
    )
    assert admission.approval == Approval.PENDING and Crossing.objects.count() == 0


def test_a_rejected_admission_returns_to_the_officer(officer, session, senior, national_list):
    inspection = scan(officer, session, **LISTED)
    admission = services.decide(
        officer,
        inspection,
        kind="admit",
        idempotency_key="a",
        version=inspection.version,
        admit_until=TWO_WEEKS,
        departure_reason="claims a lifted ban",
        today=TODAY,
    )
    services.approve(senior, admission, approved=False, note="the ban stands until 2034")
    inspection.refresh_from_db()
    assert inspection.status == Status.OPEN and Crossing.objects.count() == 0


def test_the_booth_shows_the_pending_refusal_elsewhere_and_never_first_time(
    client_for, officer, session, roaming, other_session, national_list
):
    first = scan(officer, session, **LISTED)
    refuse(officer, first)
    panel = client_for(roaming).post("/booth/scan", {"scan": passport(**LISTED)}).content.decode()
    assert "First time on record" not in panel
    assert 'data-testid="under-way-elsewhere"' in panel and f'data-testid="elsewhere-{first.pk}"' in panel
    assert "Waiting for a senior officer&#x27;s approval</strong> at TST booth A01" in panel
    assert "refuse entry by officer waits for a senior officer" in panel
    assert 'data-testid="decide-blocked"' in panel and 'data-testid="confirm-admit"' not in panel
    assert 'data-testid="confirm-refer"' in panel


def test_the_booth_says_an_admission_waits_for_approval(client_for, officer, session, national_list):
    inspection = scan(officer, session, **LISTED)
    client = client_for(officer)
    assert b'data-testid="admit-needs-approval"' in client.get(f"/inspections/{inspection.pk}/").content
    response = client.post(
        f"/inspections/{inspection.pk}/decide",
        {
            "kind": "admit",
            "version": inspection.version,
            "idempotency_key": "k",
            "departure_reason": "ban lifted",
            "admit_until": TWO_WEEKS.isoformat(),
        },
    )
    assert b"senior officer has been asked to approve" in response.content and Crossing.objects.count() == 0


def test_no_visa_on_arrival_on_a_rescan_while_a_decision_is_under_way(officer, session, roaming, other_session):
    german = dict(surname="MUELLER", given="JONAS", number="C22X81T45", nationality="D")
    first = scan(officer, session, **german)
    services.decide(
        officer,
        first,
        kind="refer",
        remarks="ticket looks altered",
        idempotency_key="r",
        version=first.version,
        today=TODAY,
    )
    again = scan(roaming, other_session, **german)
    assert again.visa_on_arrival["eligible"] is True
    with pytest.raises(Conflict) as exc:
        services.issue_visa_on_arrival(
            roaming, again, version=again.version, fee_paid=True, receipt_number="R-9", today=TODAY
        )
    assert exc.value.code == "traveller_pending_elsewhere"
