"""Races: the same new passport lodged by several officers at once makes one traveller and one application; a
sending system's request sent several times at once lodges once; one family member added twice at once is added
once. Real concurrency needs PostgreSQL (SQLite's in-memory test database is one connection)."""

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.audit.services import verify_trail
from borderdesk.apps.casework.models import Application
from borderdesk.apps.casework.services.intake import add_family_member, lodge_application
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from tests.apps.casework.conftest import TOURIST
from tests.apps.inspection.conftest import passport
from tests.apps.inspection.test_races import at_once, postgres_only  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _split(outcomes) -> tuple[list, set[str]]:
    """The intakes that lodged, and the codes of the refused ones (nothing else escaped)."""
    escaped = [o for o in outcomes if isinstance(o, str) and o.startswith("unexpected")]
    assert not escaped, escaped
    return [o for o in outcomes if not isinstance(o, str)], {o for o in outcomes if isinstance(o, str)}


def test_one_new_passport_lodged_at_once_by_several_officers_is_one_traveller(postgres_only, consul, embassy):
    outcomes = at_once(
        8,
        lambda: lodge_application(consul, post=embassy, kind="short_stay_visa", mrz=passport(), answers=TOURIST),
    )
    lodged, refused = _split(outcomes)
    assert len(lodged) == 1 and refused == {"application_open"}
    assert Traveller.objects.count() == 1 and HeldDocument.objects.count() == 1 and Application.objects.count() == 1
    assert AuditEvent.objects.filter(action="travellers.traveller.create").count() == 1, "losers' events undone"
    assert all(report.broken is None for report in verify_trail())


def test_a_sending_systems_request_sent_at_once_lodges_once(postgres_only, consul, embassy):
    outcomes = at_once(
        6,
        lambda: lodge_application(
            consul,
            post=embassy,
            kind="short_stay_visa",
            mrz=passport(),
            answers=TOURIST,
            channel="api",
            external_reference="VFS-1",
        ),
    )
    lodged, refused = _split(outcomes)
    assert len(lodged) == 1 and refused <= {"application_exists", "application_open"}
    assert Application.objects.count() == 1 and Traveller.objects.count() == 1


def test_one_family_member_added_twice_at_once_is_added_once(postgres_only, consul, visa_case):
    spouse = passport(surname="OKAFOR", given="ADA", number="A09999999", nationality="NGA", sex="F")
    outcomes = at_once(4, lambda: add_family_member(consul, visa_case.reference, mrz=spouse, relationship="spouse"))
    lodged, refused = _split(outcomes)
    assert len(lodged) == 1 and refused == {"application_open"}
    assert Application.objects.filter(principal=visa_case).count() == 1


def test_a_document_recorded_between_the_two_reads_is_found_on_record(postgres_only, consul, embassy, monkeypatch):
    """The window the race above can hit: another officer's intake of the same new passport commits after this one
    found no document but before it looked for the same identity. Its holder is not offered as a possible match:
    the document is on record, and this lodging is refused as already open."""
    from borderdesk.apps.casework.services import intake as intake_module

    real_same_identity = intake_module.travellers.same_identity
    other_officer_done = []

    def same_identity_after_the_other_officer(fields, **options):
        if other_officer_done:
            return real_same_identity(fields, **options)
        other_officer_done.append(True)
        winner = at_once(
            1, lambda: lodge_application(consul, post=embassy, kind="short_stay_visa", mrz=passport(), answers=TOURIST)
        )
        assert winner[0].application is not None, winner
        return real_same_identity(fields, **options)

    monkeypatch.setattr(intake_module.travellers, "same_identity", same_identity_after_the_other_officer)
    outcome = at_once(
        1, lambda: lodge_application(consul, post=embassy, kind="short_stay_visa", mrz=passport(), answers=TOURIST)
    )
    assert outcome == ["application_open"]
    assert Traveller.objects.count() == 1 and Application.objects.count() == 1
