from datetime import date

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.apps.travel_documents.models import RegisterVersion
from borderdesk.apps.travel_documents.services import (
    RegisterRejected,
    check_document,
    current_register,
    import_lost_stolen,
)
from borderdesk.core.documents import MrzFields, generate_mrz

REGISTER = b"""document_number,issuing_state,document_type,reported_on,reason
L898902C3,UTO,P,2024-03-01,stolen
X1234567,D,P,2025-01-10,lost
"""
SPECIMEN = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def a_passport(number="AB1234567", expiry=date(2031, 5, 1), surname="RAMOS", state="UTO"):
    fields = MrzFields(
        document_code="P",
        issuing_state=state,
        surname=surname,
        given_names="ANA",
        document_number=number,
        nationality=state,
        birth_date=date(1990, 2, 3),
        sex="F",
        expiry_date=expiry,
    )
    return "\n".join(generate_mrz("TD3", fields))


def test_a_clear_document_is_clear_and_the_check_is_logged(officer):
    result = check_document(officer, a_passport(), today=date(2026, 11, 23))
    assert result.mrz["valid"] and result.clear
    assert result.age == 36 and result.lost_stolen is None
    access = AccessEvent.objects.get()
    assert access.object_type == "travel_document" and access.object_id == "UTO:AB1234567"
    assert access.actor == officer and access.post_code == "TST"


def test_the_register_hit_comes_with_the_check(admin_user, officer):
    import_lost_stolen(admin_user, REGISTER, source_name="reg.csv")
    result = check_document(officer, SPECIMEN, today=date(2010, 1, 1))
    assert result.lost_stolen == {
        "document_number": "L898902C3",
        "issuing_state": "UTO",
        "document_type": "P",
        "reported_on": "2024-03-01",
        "reason": "stolen",
    }
    assert not result.clear
    assert AccessEvent.objects.get().detail == "lost/stolen HIT"


def test_expired_and_viz_differences_are_reported(officer):
    result = check_document(
        officer,
        a_passport(expiry=date(2020, 1, 1)),
        today=date(2026, 11, 23),
        viz={"surname": "Ramoz", "birth_date": date(1990, 2, 3)},
    )
    assert "document_expired" in [f["code"] for f in result.findings]
    assert result.viz_differences == [{"field": "surname", "viz": "Ramoz", "mrz": "RAMOS"}]
    assert not result.clear


def test_not_an_mrz_is_an_answer_not_an_exception(officer):
    result = check_document(officer, "hello world")
    assert result.mrz["format"] is None and result.mrz["errors"]
    assert AccessEvent.objects.count() == 0


def test_checking_needs_the_permission(make_user):
    auditor = make_user("aud", "auditor", all_posts=True)
    with pytest.raises(PermissionDenied):
        check_document(auditor, SPECIMEN)


def test_import_replaces_the_register_atomically_and_idempotently(admin_user):
    first = import_lost_stolen(admin_user, REGISTER, source_name="reg.csv")
    assert first.changed and first.version.entry_count == 2
    assert current_register().lookup("X1234567", "DEU", "P") is not None
    again = import_lost_stolen(admin_user, REGISTER, source_name="reg.csv")
    assert not again.changed and RegisterVersion.objects.count() == 1

    bad = REGISTER + b"BAD!,UTO,P,2024-01-01,lost\nZZ1,XYZQ,P,2024-01-01,lost\n"
    with pytest.raises(RegisterRejected) as exc:
        import_lost_stolen(admin_user, bad, source_name="bad.csv")
    assert [row["line"] for row in exc.value.rows] == [4, 5]
    assert {row["code"] for row in exc.value.rows} == {"invalid_document_number", "invalid_issuing_state"}
    assert RegisterVersion.objects.get(is_current=True) == first.version
    assert len(current_register()) == 2

    second = import_lost_stolen(
        admin_user,
        b"document_number,issuing_state,document_type,reported_on,reason\nQ7,UTO,P,2026-01-01,stolen\n",
        source_name="new.csv",
    )
    assert second.changed and len(current_register()) == 1
    assert current_register().lookup("L898902C3", "UTO", "P") is None
    event = AuditEvent.objects.filter(action="travel_documents.register.import").order_by("-seq").first()
    assert event.old_values == {"version": first.version.pk, "entries": 2}


def test_only_administrators_import(officer):
    with pytest.raises(PermissionDenied):
        import_lost_stolen(officer, REGISTER, source_name="reg.csv")
