from datetime import UTC, date, datetime, timedelta

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.travellers.models import Stay, Traveller
from borderdesk.apps.travellers.services import (
    identify,
    load_history,
    merge_travellers,
    record_entry,
    record_exit,
    travel_history,
)
from borderdesk.apps.visas.models import Visa, VisaKind
from borderdesk.apps.visas.services import valid_visa

FIELDS = {
    "document_code": "P",
    "issuing_state": "SWE",
    "document_number": "AB1234567",
    "surname": "LARSSON",
    "given_names": "KARIN",
    "nationality": "SWE",
    "birth_date": "1985-04-02",
    "sex": "F",
    "expiry_date": "2030-01-01",
}


def at(day: date):
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_identify_creates_once_then_finds_by_document(officer):
    first = identify(officer, FIELDS, post_code="TST")
    again = identify(officer, FIELDS, post_code="TST")
    assert first.is_new and not again.is_new
    assert again.traveller == first.traveller and Traveller.objects.count() == 1
    assert AuditEvent.objects.filter(action="travellers.traveller.create").count() == 1


def test_same_person_with_a_new_passport_is_offered_as_a_duplicate_never_merged(officer):
    old = identify(officer, FIELDS, post_code="TST").traveller
    new = identify(officer, {**FIELDS, "document_number": "ZZ9999999"}, post_code="TST")
    assert new.is_new and new.possible_duplicates == [old]
    with pytest.raises(Invalid):
        merge_travellers(officer, old, new.traveller, reason=" ", post_code="TST")
    merge_travellers(officer, old, new.traveller, reason="same face, old passport shown", post_code="TST")
    assert identify(officer, {**FIELDS, "document_number": "ZZ9999999"}, post_code="TST").traveller == old
    with pytest.raises(Conflict):
        merge_travellers(officer, old, new.traveller, reason="again", post_code="TST")


def test_a_document_shown_by_someone_else_is_flagged(officer):
    identify(officer, FIELDS, post_code="TST")
    other = identify(officer, {**FIELDS, "surname": "NILSSON"}, post_code="TST")
    assert other.holder_differs


def test_reading_the_history_is_logged_and_scoped_to_the_post(officer, other_port):
    traveller = identify(officer, FIELDS, post_code="TST").traveller
    travel_history(officer, traveller, post_code="TST", purpose="primary inspection")
    event = AccessEvent.objects.get(object_type="travellers.traveller")
    assert event.purpose == "primary inspection" and event.object_id == str(traveller.pk)
    with pytest.raises(PermissionDenied):
        travel_history(officer, traveller, post_code="OTH", purpose="curiosity")


def test_entry_then_exit_closes_the_stay_and_counts_overstay(officer, port):
    found = identify(officer, FIELDS, post_code="TST")
    entered = date(2026, 1, 1)
    record_entry(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        admitted_until=entered + timedelta(days=29),
        class_of_admission="visitor",
        occurred_at=at(entered),
    )
    with pytest.raises(Conflict) as exc:
        record_entry(
            officer,
            traveller=found.traveller,
            document=found.document,
            post=port,
            admitted_until=None,
            class_of_admission="visitor",
        )
    assert exc.value.code == "stay_still_open"
    left = record_exit(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        occurred_at=at(entered + timedelta(days=34)),
    )
    assert left.overstay_days == 5  # admitted until 30 January, left 4 February
    stay = Stay.objects.get()
    assert stay.exit_date == date(2026, 2, 4) and stay.overstay_days == 5


def test_rolling_limit_overstay_at_exit(officer, port):
    found = identify(officer, FIELDS, post_code="TST")
    entered = date(2026, 1, 1)
    record_entry(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        admitted_until=None,
        class_of_admission="visitor",
        occurred_at=at(entered),
    )
    left = record_exit(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        occurred_at=at(entered + timedelta(days=99)),
    )
    assert left.overstay_days == 10  # 100 days of stay against 90 in any 180


def test_no_valid_visa_on_record(officer):
    traveller = identify(officer, FIELDS, post_code="TST").traveller
    assert valid_visa(traveller, date(2026, 1, 1)) is None


def test_a_single_entry_visa_is_spent_by_its_entry_in_the_history_too(officer, port):
    found = identify(officer, FIELDS, post_code="TST")
    day = date(2026, 3, 1)
    visa = Visa.objects.create(
        number="V1",
        kind=VisaKind.E_VISA,
        traveller=found.traveller,
        valid_from=day,
        valid_until=day + timedelta(days=60),
        entries_allowed=1,
        duration_days=30,
    )
    assert valid_visa(found.traveller, day) == visa == load_history(found.traveller).valid_visa(day)
    assert load_history(found.traveller).valid_visa(day + timedelta(days=61)) is None
    record_entry(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        admitted_until=None,
        class_of_admission="visitor",
        visa=visa,
        occurred_at=at(day),
    )
    record_exit(
        officer, traveller=found.traveller, document=found.document, post=port, occurred_at=at(day + timedelta(days=5))
    )
    later = day + timedelta(days=10)
    assert valid_visa(found.traveller, later) is None and load_history(found.traveller).valid_visa(later) is None


def test_stay_days_are_the_posts_days_not_the_servers(officer, port):
    """At a post a day ahead of UTC (Auckland, UTC+13 in January) and one behind (Honolulu, UTC-10), the stay
    begins and ends on the day it was there."""
    found = identify(officer, FIELDS, post_code="TST")
    port.time_zone = "Pacific/Auckland"
    port.save()
    record_entry(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        admitted_until=None,
        class_of_admission="visitor",
        occurred_at=datetime(2026, 1, 1, 20, tzinfo=UTC),  # 2 January, 09:00 in Auckland
    )
    port.time_zone = "Pacific/Honolulu"
    port.save()
    record_exit(
        officer,
        traveller=found.traveller,
        document=found.document,
        post=port,
        occurred_at=datetime(2026, 1, 10, 5, tzinfo=UTC),  # 9 January, 19:00 in Honolulu
    )
    stay = Stay.objects.get()
    assert (stay.entry_date, stay.exit_date) == (date(2026, 1, 2), date(2026, 1, 9))
