"""Passport control end to end through the services, on the database, with the real rules, screening and
document cores behind them."""

from datetime import timedelta

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Alert, Approval, Decision, Inspection, Status
from borderdesk.apps.policy.models import Evaluation
from borderdesk.apps.policy.services import recommendation_digest
from borderdesk.apps.travellers.models import Crossing, Stay, Traveller
from borderdesk.apps.visas.models import Visa
from borderdesk.apps.visas.services import visa_sticker
from borderdesk.core.documents import parse_mrz
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport


def scan(officer, session, text=None, **kwargs):
    return services.start_inspection(officer, session, text or passport(**kwargs), today=TODAY)


def test_a_clear_traveller_gets_everything_on_one_screen_and_is_admitted(officer, session):
    inspection = scan(officer, session)
    assert inspection.document_check["valid"] is True
    assert inspection.screening["matches"] == []
    assert inspection.recommendation["outcome"] == "admit"
    assert inspection.recommendation["admit_until"]
    assert AccessEvent.objects.filter(object_type="travellers.traveller", purpose="entry inspection").count() == 1

    decision = services.decide(
        officer, inspection, kind="admit", idempotency_key="k1", version=inspection.version, today=TODAY
    )
    inspection.refresh_from_db()
    assert inspection.status == Status.CLOSED
    assert decision.admit_until.isoformat() == inspection.recommendation["admit_until"]
    assert Crossing.objects.get().outcome == "admitted" and Stay.objects.get().exit is None
    event = AuditEvent.objects.get(action="inspection.decision.admit")
    recommended = event.new_values["recommendation"]
    assert recommended["outcome"] == "admit" and recommended["pack"]["id"] == "uto"
    # The full trace is stored once, in the evaluation the decision names, and the trail vouches for it there.
    assert "trace" not in recommended and "trace" not in inspection.recommendation
    evaluation = Evaluation.objects.get(pk=recommended["evaluation_id"])
    assert evaluation.recommendation["trace"]["children"], "the decision names the full trace"
    sealed = AuditEvent.objects.get(action="policy.evaluation.create", object_id=str(evaluation.pk))
    assert sealed.new_values["recommendation_sha256"] == recommendation_digest(evaluation.recommendation)


def test_a_double_click_gives_one_decision(officer, session):
    inspection = scan(officer, session)
    first = services.decide(
        officer, inspection, kind="admit", idempotency_key="same", version=inspection.version, today=TODAY
    )
    second = services.decide(
        officer, inspection, kind="admit", idempotency_key="same", version=inspection.version, today=TODAY
    )
    assert first.pk == second.pk and Decision.objects.count() == 1 and Crossing.objects.count() == 1


def test_a_stale_form_is_refused_so_two_officers_never_both_decide(officer, session):
    inspection = scan(officer, session)
    stale = inspection.version
    services.decide(
        officer,
        inspection,
        kind="refer",
        remarks="documents look altered",
        idempotency_key="a",
        version=stale,
        today=TODAY,
    )
    with pytest.raises(Conflict) as exc:
        services.decide(officer, inspection, kind="admit", idempotency_key="b", version=stale, today=TODAY)
    assert exc.value.code == "inspection_changed"
    assert Crossing.objects.count() == 0


def test_half_read_mrz_and_junk_get_clear_messages_and_save_nothing(officer, session):
    lines = passport().splitlines()
    with pytest.raises(Invalid) as exc:
        scan(officer, session, lines[0] + "\n" + lines[1][:30])
    assert exc.value.code in ("not_an_mrz", "mrz_misread")
    broken = lines[0] + "\n" + lines[1][:13] + ("9" if lines[1][13] != "9" else "8") + lines[1][14:]
    with pytest.raises(Invalid) as exc:
        scan(officer, session, broken)
    assert exc.value.code == "mrz_misread"
    with pytest.raises(Invalid):
        scan(officer, session, "hello")
    assert Inspection.objects.count() == 0 and Traveller.objects.count() == 0


def test_a_typed_number_finds_a_document_on_record(officer, session):
    scan(officer, session)
    again = services.start_inspection(officer, session, "TH1234567 THA", today=TODAY)
    assert again.document_check["typed"] is True and again.traveller.surname == "SRISAI"
    with pytest.raises(NotFound):
        services.start_inspection(officer, session, "ZZ0000000 THA", today=TODAY)


def test_refer_secondary_refuse_and_four_eyes(officer, session, senior, second_senior):
    inspection = scan(officer, session)
    services.decide(
        officer,
        inspection,
        kind="refer",
        remarks="nervous, inconsistent answers",
        idempotency_key="r",
        version=inspection.version,
        today=TODAY,
    )
    assert Alert.objects.filter(kind="referral").exists()
    queue = services.post_queue(senior, inspection.post)
    assert [i.pk for i in queue["referred"]] == [inspection.pk]

    taken = services.take_for_secondary(senior, inspection)
    assert taken.status == Status.IN_SECONDARY
    with pytest.raises(Invalid) as exc:
        services.decide(senior, taken, kind="refuse", idempotency_key="x0", version=taken.version, today=TODAY)
    assert exc.value.code == "refusal_ground_required"
    with pytest.raises(Invalid) as exc:
        services.decide(
            senior,
            taken,
            kind="refuse",
            grounds=["UIA-12-1-e"],
            idempotency_key="x1",
            version=taken.version,
            today=TODAY,
        )
    assert exc.value.code == "departure_reason_required"  # the rules recommended admission
    refusal = services.decide(
        senior,
        taken,
        kind="refuse",
        grounds=["UIA-12-1-e"],
        remarks="no credible purpose",
        departure_reason="purpose contradicted by the traveller's own documents",
        idempotency_key="x2",
        version=taken.version,
        today=TODAY,
    )
    assert refusal.approval == Approval.PENDING
    assert Crossing.objects.count() == 0, "nothing is final before the second senior officer approves"

    with pytest.raises(PermissionDenied) as exc:
        services.approve(senior, refusal, approved=True)
    assert exc.value.code == "four_eyes_required"
    with pytest.raises(PermissionDenied):
        services.approve(officer, refusal, approved=True)
    approved = services.approve(second_senior, refusal, approved=True)
    assert approved.approval == Approval.APPROVED and approved.crossing.outcome == "refused"
    pdf = services.refusal_form(second_senior, approved)
    assert pdf.startswith(b"%PDF")
    with pytest.raises(Conflict):
        services.approve(second_senior, refusal, approved=True)


def test_a_rejected_refusal_returns_to_the_officer(officer, session, senior):
    inspection = scan(officer, session)
    refusal = services.decide(
        officer,
        inspection,
        kind="refuse",
        grounds=["UIA-12-1-e"],
        departure_reason="refuses to say why they travel",
        idempotency_key="x",
        version=inspection.version,
        today=TODAY,
    )
    with pytest.raises(Invalid):
        services.approve(senior, refusal, approved=False, note="")
    services.approve(senior, refusal, approved=False, note="ask about the hotel booking first")
    inspection.refresh_from_db()
    assert inspection.status == Status.OPEN


def test_detention_needs_custody_details(officer, session):
    inspection = scan(officer, session)
    with pytest.raises(Invalid) as exc:
        services.decide(
            officer,
            inspection,
            kind="detain",
            grounds=["UIA-12-1-e"],
            departure_reason="x",
            idempotency_key="d",
            version=inspection.version,
            today=TODAY,
        )
    assert exc.value.code == "custody_details_required"
    detained = services.decide(
        officer,
        inspection,
        kind="detain",
        grounds=["UIA-12-1-e"],
        departure_reason="x",
        custody={"reason": "suspected forged visa", "place": "UCX holding room 2"},
        idempotency_key="d2",
        version=inspection.version,
        today=TODAY,
    )
    assert detained.custody.place == "UCX holding room 2" and detained.approval == Approval.PENDING


def test_visa_on_arrival_is_issued_with_a_valid_sticker_mrz(officer, session):
    inspection = scan(officer, session, surname="MUELLER", given="JONAS", number="C22X81T45", nationality="D", sex="M")
    assert inspection.recommendation["outcome"] != "admit"
    assert inspection.visa_on_arrival["eligible"] is True
    with pytest.raises(Invalid) as exc:
        services.issue_visa_on_arrival(
            officer, inspection, version=inspection.version, fee_paid=False, receipt_number="", today=TODAY
        )
    assert exc.value.code == "voa_fee_unpaid"
    visa = services.issue_visa_on_arrival(
        officer, inspection, version=inspection.version, fee_paid=True, receipt_number="R-1001", today=TODAY
    )
    zone = parse_mrz(visa.mrz, today=TODAY)
    assert zone.format == "MRVB" and zone.valid and zone.fields["document_number"] == visa.number
    inspection.refresh_from_db()
    assert inspection.recommendation["outcome"] == "admit"
    decision = services.decide(
        officer, inspection, kind="admit", idempotency_key="voa", version=inspection.version, today=TODAY
    )
    assert decision.crossing.visa == visa
    assert visa_sticker(officer, visa.number).startswith(b"%PDF")


def test_exit_closes_the_stay_and_alerts_on_overstay(officer, session, exit_session):
    from borderdesk.apps.travellers.services import identify, record_entry

    found = identify(officer, parse_mrz(passport(), today=TODAY).fields, post_code="TST")
    record_entry(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=session.booth.post,
        admitted_until=TODAY - timedelta(days=4),
        class_of_admission="visitor",
    )
    Stay.objects.update(entry_date=TODAY - timedelta(days=33))
    leaving = services.start_inspection(exit_session.officer, exit_session, passport(), today=TODAY)
    assert leaving.recommendation["open_stay"]["days_past_admission"] == 4
    services.decide(
        exit_session.officer, leaving, kind="exit", idempotency_key="out", version=leaving.version, today=TODAY
    )
    stay = Stay.objects.get()
    assert stay.exit is not None and stay.overstay_days == 4
    assert Alert.objects.filter(kind="overstay").exists()


def test_egate_opens_only_when_everything_is_clear_and_allowed(officer, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["THA"]
    answer = services.egate_inspection(officer, mrz=passport(), post_code="TST", today=TODAY, idempotency_key="gate-1")
    assert answer["gate_action"] == "open" and answer["decision"] == "admit"
    again = services.egate_inspection(officer, mrz=passport(), post_code="TST", today=TODAY, idempotency_key="gate-1")
    assert again["inspection_id"] == answer["inspection_id"] and Crossing.objects.count() == 1

    settings.BORDERDESK_EGATE_NATIONALITIES = []
    other = services.egate_inspection(
        officer, mrz=passport(number="TH7654321", surname="CHAIYA"), post_code="TST", today=TODAY
    )
    assert other["gate_action"] == "to_booth" and "nationality_not_enabled_for_egates" in other["reasons"]


def test_officers_work_only_at_their_posts(officer, other_port, make_user):
    from borderdesk.apps.posts.services import create_booth

    booth = create_booth(SETUP, other_port, code="S9", direction="both", lane="all")
    with pytest.raises(PermissionDenied):
        services.open_booth(officer, booth)


def test_custody_ends_with_a_hand_over_or_a_removal(officer, session):
    inspection = scan(officer, session)
    detained = services.decide(
        officer,
        inspection,
        kind="detain",
        grounds=["UIA-12-1-e"],
        departure_reason="x",
        custody={"reason": "forged visa", "place": "holding room 2"},
        idempotency_key="d",
        version=inspection.version,
        today=TODAY,
    )
    with pytest.raises(Invalid) as exc:
        services.end_custody(officer, detained.custody, outcome="police")
    assert exc.value.code == "custody_details_required"
    ended = services.end_custody(officer, detained.custody, outcome="police", handed_over_to="Amaurot police, PC 42")
    assert ended.ended_at is not None and ended.outcome == "police"
    with pytest.raises(Conflict):
        services.end_custody(officer, detained.custody, outcome="released")
    assert AuditEvent.objects.filter(action="inspection.custody.end").count() == 1


def test_an_e_visa_on_record_is_found_by_its_number(officer, session):
    from borderdesk.apps.visas.models import VisaKind

    nigerian = dict(surname="OKAFOR", given="CHINEDU", number="A07654321", nationality="NGA")
    inspection = scan(officer, session, **nigerian)
    assert inspection.recommendation["outcome"] == "refuse_recommended"  # e-visa required, none on record
    visa = Visa.objects.create(
        number="EV2026001",
        kind=VisaKind.E_VISA,
        traveller=inspection.traveller,
        valid_from=TODAY - timedelta(days=10),
        valid_until=TODAY + timedelta(days=80),
        entries_allowed=1,
        duration_days=30,
    )
    other = scan(officer, session, surname="ADEYEMI", given="NGOZI", number="A01111111", nationality="NGA")
    with pytest.raises(Conflict) as exc:
        services.attach_visa(officer, other, version=other.version, number="EV2026001", today=TODAY)
    assert exc.value.code == "visa_of_someone_else"
    services.attach_visa(officer, inspection, version=inspection.version, number="ev2026001", today=TODAY)
    inspection.refresh_from_db()
    assert inspection.recommendation["outcome"] == "admit"
    assert inspection.situation["authorisation"]["type"] == "e_visa"
    with pytest.raises(NotFound):
        services.attach_visa(officer, inspection, version=inspection.version, number="NOPE", today=TODAY)
    assert visa.pk


def test_an_exit_never_recorded_is_settled_in_secondary_and_the_traveller_admitted(officer, session, senior):
    first = scan(officer, session)
    services.decide(officer, first, kind="admit", idempotency_key="in-1", version=first.version, today=TODAY)
    back = scan(officer, session)  # no exit was recorded: the system still has them in the country
    assert "no_exit_recorded" in back.recommendation["reasons"]
    services.decide(
        officer,
        back,
        kind="refer",
        remarks="no exit on record",
        idempotency_key="ref",
        version=back.version,
        today=TODAY,
    )
    with pytest.raises(Conflict) as exc:
        services.settle_earlier_stay(
            senior,
            back,
            version=Inspection.objects.get(pk=back.pk).version,
            left_on=TODAY,
            evidence="stamp",
            today=TODAY,
        )
    assert exc.value.code == "not_in_secondary"
    taken = services.take_for_secondary(senior, back)
    for left_on, evidence, code in [
        (TODAY, "  ", "settlement_evidence_required"),
        (TODAY - timedelta(days=1), "stamp", "settlement_date_out_of_range"),
        (TODAY + timedelta(days=1), "stamp", "settlement_date_out_of_range"),
        (None, "stamp", "settlement_date_required"),
    ]:
        with pytest.raises(Invalid) as exc:
            services.settle_earlier_stay(
                senior, taken, version=taken.version, left_on=left_on, evidence=evidence, today=TODAY
            )
        assert exc.value.code == code
    assert Stay.objects.get().exit is None, "a refused settlement changes nothing"
    with pytest.raises(PermissionDenied):
        services.settle_earlier_stay(
            officer, taken, version=taken.version, left_on=TODAY, evidence="stamp", today=TODAY
        )

    settled = services.settle_earlier_stay(
        senior,
        taken,
        version=taken.version,
        left_on=TODAY,
        evidence="Malaysian entry stamp in passport p. 7",
        today=TODAY,
    )
    assert "no_exit_recorded" not in settled.recommendation["reasons"]
    stay = Stay.objects.get()
    assert stay.exit.outcome == "settled" and stay.exit.remarks.startswith("Malaysian") and stay.overstay_days == 0
    event = AuditEvent.objects.get(action="inspection.secondary.settle_stay")
    assert event.new_values["evidence"].startswith("Malaysian") and event.new_values["left_on"] == TODAY.isoformat()
    services.decide(senior, settled, kind="admit", idempotency_key="in-2", version=settled.version, today=TODAY)
    assert Stay.objects.count() == 2 and Stay.objects.filter(exit__isnull=True).count() == 1


def test_a_settled_exit_counts_the_overstay_of_the_earlier_visit(officer, port, senior):
    from borderdesk.apps.travellers.services import identify, record_entry, settle_open_stay

    found = identify(officer, parse_mrz(passport()).fields, post_code=port.code)
    record_entry(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        admitted_until=TODAY - timedelta(days=20),
        class_of_admission="visitor",
    )
    Stay.objects.update(entry_date=TODAY - timedelta(days=50))
    settled = settle_open_stay(
        senior,
        traveller=found.traveller,
        document=found.document,
        post=port,
        left_on=TODAY - timedelta(days=10),
        evidence="boarding pass",
        today=TODAY,
    )
    assert settled.overstay_days == 10
    assert Stay.objects.get().exit_date == TODAY - timedelta(days=10)
