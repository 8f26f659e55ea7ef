"""The visas services: putting a visa on record, reading one (scoped, logged), annulling one issued in error and
revoking one for cause; an annulled or revoked visa never counts at the booth or the e-gate."""

from datetime import timedelta

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.inspection import services as booth
from borderdesk.apps.visas.models import Visa, VisaStatus
from borderdesk.apps.visas.services import annul_visa, record_visa, revoke_visa, valid_visa, view_visa, visa_sticker
from borderdesk.core.audit.actions import AuditAction
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.apps.visas.conftest import NIGERIAN

REVOKE = {"reason": "obtained by deception", "legal_ground": "UIA s.31(2)(b)"}


def rescan(officer, session):
    return booth.start_inspection(officer, session, passport(**NIGERIAN), today=TODAY)


def test_a_consulate_puts_a_visa_on_record_once(consul, consulate, e_visa, officer):
    traveller = e_visa[0].traveller
    terms = {"kind": "visa", "valid_from": TODAY, "valid_until": TODAY + timedelta(days=30)}
    visa = record_visa(consul, traveller=traveller, number=" sv-100 ", post=consulate, **terms)
    assert visa.number == "SV-100" and visa.issued_at_post == consulate and visa.status == VisaStatus.VALID
    event = AuditEvent.objects.get(action=AuditAction.VISAS_VISA_RECORD, object_id=str(visa.pk))
    assert event.object_type == "visas.visa" and event.post_code == "CON" and event.new_values["number"] == "SV-100"
    with pytest.raises(Conflict) as exc:
        record_visa(consul, traveller=traveller, number="SV-100", post=consulate, **terms)
    assert exc.value.code == "visa_exists"
    with pytest.raises(Invalid) as exc:
        record_visa(
            consul,
            traveller=traveller,
            number="SV-101",
            post=consulate,
            **{**terms, "valid_from": TODAY + timedelta(days=31)},
        )
    assert exc.value.code == "visa_dates_reversed"
    for number in ("", "AB/12", "X" * 21, "-1", "A B"):
        with pytest.raises(Invalid) as exc:
            record_visa(consul, traveller=traveller, number=number, post=consulate, **terms)
        assert exc.value.code == "visa_number_invalid"
    with pytest.raises(PermissionDenied):  # border officers issue visas on arrival only
        record_visa(officer, traveller=traveller, number="SV-102", **terms)


def test_a_revoked_visa_is_never_valid_at_the_booth(officer, session, senior, e_visa):
    inspection, visa = e_visa
    booth.attach_visa(officer, inspection, version=inspection.version, number=visa.number, today=TODAY)
    inspection.refresh_from_db()
    assert inspection.recommendation["outcome"] == "admit" and inspection.situation["authorisation"]["type"] == "e_visa"

    revoke_visa(senior, visa.number, **REVOKE, post_code="TST")  # its holder is at this post's booth

    again = rescan(officer, session)
    assert "authorisation" not in again.situation and again.recommendation["outcome"] == "refuse_recommended"
    with pytest.raises(Conflict) as exc:
        booth.attach_visa(officer, again, version=again.version, number=visa.number, today=TODAY)
    assert exc.value.code == "visa_not_valid" and "revoked" in exc.value.message
    again.refresh_from_db()
    assert "authorisation" not in again.situation  # the rules never saw it
    assert valid_visa(again.traveller, TODAY) is None


def test_a_revoked_visa_replayed_at_the_e_gate_sends_the_traveller_to_a_booth(officer, senior, e_visa, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["NGA"]
    visa = e_visa[1]  # the booth's open inspection is superseded by the gate's
    mrz = passport(**NIGERIAN)
    first = booth.egate_inspection(officer, mrz=mrz, post_code="TST", idempotency_key="in-1", today=TODAY)
    assert first["gate_action"] == "open", first["reasons"]
    booth.egate_inspection(officer, mrz=mrz, post_code="TST", direction="exit", idempotency_key="out-1", today=TODAY)

    revoke_visa(senior, visa.number, **REVOKE, post_code="TST")

    back = booth.egate_inspection(officer, mrz=mrz, post_code="TST", idempotency_key="in-2", today=TODAY)
    assert back["gate_action"] == "to_booth" and "rules_recommend_refuse_recommended" in back["reasons"]


def test_a_visa_issued_in_error_is_annulled_once_with_a_reason(officer, senior, voa):
    visa = voa[1]
    with pytest.raises(Invalid) as exc:
        annul_visa(senior, visa.number, reason="  ")
    assert exc.value.code == "annul_reason_required"
    annulled = annul_visa(senior, visa.number, reason="the birth date was misprinted")
    assert annulled.status == VisaStatus.ANNULLED and annulled.ended_on == TODAY and annulled.ended_by == senior
    assert annulled.ended_at_post.code == "TST"
    with pytest.raises(Conflict) as exc:
        annul_visa(senior, visa.number, reason="again")
    assert exc.value.code == "visa_not_valid"
    with pytest.raises(Conflict) as exc:
        revoke_visa(senior, visa.number, **REVOKE)
    assert exc.value.code == "visa_not_valid"
    with pytest.raises(Conflict) as exc:
        visa_sticker(officer, visa.number)
    assert exc.value.code == "visa_not_valid"
    event = AuditEvent.objects.get(action=AuditAction.VISAS_VISA_ANNUL)
    assert event.old_values == {"status": "valid"} and event.new_values["status"] == "annulled"
    assert event.new_values["ended_reason"] == "the birth date was misprinted" and event.post_code == "TST"


def test_a_used_visa_is_revoked_not_annulled(officer, senior, voa):
    inspection, visa = voa
    booth.decide(officer, inspection, kind="admit", idempotency_key="in", version=inspection.version, today=TODAY)
    with pytest.raises(Conflict) as exc:
        annul_visa(senior, visa.number, reason="misprint")
    assert exc.value.code == "visa_already_used" and "revoke it instead" in exc.value.message
    with pytest.raises(Invalid) as exc:
        revoke_visa(senior, visa.number, reason="worked without a permit", legal_ground=" ")
    assert exc.value.code == "revoke_ground_required"
    with pytest.raises(Invalid) as exc:
        revoke_visa(senior, visa.number, **REVOKE, effective_on=TODAY + timedelta(days=1))
    assert exc.value.code == "revoke_date_out_of_range"
    with pytest.raises(Invalid) as exc:
        revoke_visa(senior, visa.number, **REVOKE, effective_on=TODAY - timedelta(days=1))
    assert exc.value.code == "revoke_date_out_of_range"  # before the visa began
    revoked = revoke_visa(senior, visa.number, **REVOKE, effective_on=TODAY)
    assert revoked.status == VisaStatus.REVOKED and revoked.legal_ground == "UIA s.31(2)(b)"
    assert AuditEvent.objects.filter(action=AuditAction.VISAS_VISA_REVOKE, object_id=str(visa.pk)).count() == 1


def test_who_may_end_a_visa(officer, senior, elsewhere, consul, voa, e_visa):
    visa = voa[1]
    with pytest.raises(PermissionDenied) as exc:  # a primary-line officer does not end visas
        annul_visa(officer, visa.number, reason="misprint", post_code="TST")
    assert exc.value.code == "permission_denied"
    for outsider, post in ((elsewhere, "OTH"), (consul, "CON")):  # issued at TST, its holder never at theirs
        with pytest.raises(PermissionDenied) as exc:
            annul_visa(outsider, visa.number, reason="misprint", post_code=post)
        assert exc.value.code == "not_your_post"
    with pytest.raises(PermissionDenied):  # the e-visa system's visa, its holder not at the senior's post
        revoke_visa(elsewhere, e_visa[1].number, **REVOKE, post_code="OTH")
    assert Visa.objects.filter(status=VisaStatus.VALID).count() == 2
    with pytest.raises(NotFound) as exc:
        annul_visa(senior, "V99999999", reason="misprint")
    assert exc.value.code == "visa_not_found"


def test_a_consulate_ends_the_visas_it_put_on_record(consul, consulate, e_visa):
    traveller = e_visa[0].traveller
    visa = record_visa(
        consul, traveller=traveller, number="SV-7", kind="visa", valid_from=TODAY, valid_until=TODAY, post=consulate
    )
    assert annul_visa(consul, visa.number, reason="wrong holder", post_code="CON").status == VisaStatus.ANNULLED


def test_a_huge_reason_is_refused_and_nothing_changes(senior, voa, settings):
    visa = voa[1]
    with pytest.raises(Invalid) as exc:
        annul_visa(senior, visa.number, reason="x" * (settings.BORDERDESK_TEXT_MAX_CHARS + 1))
    assert exc.value.code == "value_too_long"
    with pytest.raises(Invalid) as exc:
        revoke_visa(senior, visa.number, reason="fraud", legal_ground="g" * 201)
    assert exc.value.code == "value_too_long"
    visa.refresh_from_db()
    assert visa.status == VisaStatus.VALID and not AuditEvent.objects.filter(action__startswith="visas.visa.").exists()


def test_reading_a_visa_is_scoped_logged_and_shows_its_whole_history(officer, senior, elsewhere, e_visa):
    inspection, visa = e_visa
    # An event written before visas had their own app names the model as it was then.
    record_change(SETUP, AuditAction.TRAVELLERS_VISA_RECORD, object_type="travellers.visa", object_id=str(visa.pk))
    revoke_visa(senior, visa.number, **REVOKE, post_code="TST")
    record = view_visa(officer, visa.number, post_code="TST")
    assert record.visa == visa and record.post_code == "TST" and not record.may_end and not record.counts_today
    assert [e.action for e in record.changes] == [
        AuditAction.VISAS_VISA_RECORD,
        AuditAction.TRAVELLERS_VISA_RECORD,
        AuditAction.VISAS_VISA_REVOKE,
    ]
    access = AccessEvent.objects.latest("seq")
    assert (
        access.purpose == "visa record"
        and access.detail == visa.number
        and access.object_id == str(inspection.traveller_id)
    )
    with pytest.raises(PermissionDenied) as exc:
        view_visa(elsewhere, visa.number, post_code="OTH")
    assert exc.value.code == "permission_denied"  # no post issued it: headquarters, or a post that saw its holder
    assert view_visa(senior, visa.number, post_code="TST").may_end is False  # already revoked
