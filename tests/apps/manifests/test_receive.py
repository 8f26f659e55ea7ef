"""Receiving manifests: what a carrier sends is kept as received, joined into its flight, never doubled, and what
is wrong is said at its segment. The bad inputs of issue #18: a truncated message, a wrong segment count, an
unknown message type, a traveller with no document, a part that never arrives, the same message sent twice."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Invalid, PermissionDenied
from borderdesk.apps.manifests import services
from borderdesk.apps.manifests.models import Flight, ManifestTraveller, Message
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP

from .conftest import landing, paxlst, tomorrow_at

pytestmark = pytest.mark.django_db


def counted(flight) -> list[str]:
    return sorted(ManifestTraveller.objects.filter(flight=flight, current=True).values_list("surname", flat=True))


def codes(received) -> dict[str, list]:
    found: dict[str, list] = {}
    for error in received.errors:
        found.setdefault(error["code"], []).append(error["segment"])
    return found


def test_a_manifest_makes_its_flight_at_the_arrival_post(port, carrier):
    at = landing(port, hours=3)
    received = services.receive_manifest(carrier, paxlst(at=at))
    flight = received.flight
    assert (flight.designator, flight.departure_airport, flight.arrival_airport, flight.post) == (
        "LH400",
        "FRA",
        "TST",
        port,
    )
    assert flight.arrival_date == at.date()
    assert flight.scheduled_arrival == timezone.make_aware(at, _zone(port))
    assert (received.counted, received.already_listed, received.errors, received.duplicate) == (2, 0, [], False)
    message = received.message
    assert bytes(message.raw) == paxlst(at=at) and message.received_from == carrier
    assert (message.list_type, message.part_number, message.last_part, message.reference) == (
        "passengers",
        1,
        True,
        "42",
    )
    event = AuditEvent.objects.get(action="manifests.message.receive")
    assert event.actor == carrier and event.post_code == "TST" and event.new_values["counted"] == 2


def _zone(post):
    import zoneinfo

    return zoneinfo.ZoneInfo(post.time_zone)


def test_the_same_message_sent_twice_is_stored_once_and_answered_as_a_duplicate(port, carrier):
    data = paxlst(at=landing(port, hours=3))
    first = services.receive_manifest(carrier, data)
    again = services.receive_manifest(carrier, data)
    assert again.duplicate and again.message == first.message and again.flight == first.flight
    assert (again.counted, Message.objects.count(), ManifestTraveller.objects.count()) == (2, 1, 2)
    assert AuditEvent.objects.filter(action="manifests.message.resent").count() == 1


def test_a_part_sent_again_replaces_the_rows_its_earlier_version_brought(port, carrier):
    at = landing(port, hours=3)
    services.receive_manifest(carrier, paxlst(at=at))
    corrected = [("O'BRIEN", "SEAN PATRICK", "800402", "IRL", "PA1234567")]  # one name corrected, one offloaded
    received = services.receive_manifest(carrier, paxlst(at=at, travellers=corrected, stamp="1"))
    assert received.replaced is not None and not received.duplicate
    assert counted(received.flight) == ["O'BRIEN"]
    assert ManifestTraveller.objects.count() == 3  # nothing deleted: the earlier rows are kept, not counted
    assert Message.objects.get(pk=received.replaced.pk).superseded_by == received.message


def test_parts_join_into_one_flight_and_a_person_in_two_parts_counts_once(port, carrier):
    at = landing(port, hours=3)
    first = services.receive_manifest(carrier, paxlst(at=at, part="01:C", reference="1"))
    assert first.parts.missing == () and not first.parts.last_received
    second_list = [
        ("ERIKSSON", "ANNA MARIA", "740812", "SWE", "L898902C3"),
        ("NAKAMURA", "KEN", "900101", "JPN", "TK1"),
    ]
    second = services.receive_manifest(carrier, paxlst(at=at, part="02:F", reference="2", travellers=second_list))
    assert second.flight == first.flight and second.parts.complete
    assert counted(first.flight) == ["ERIKSSON", "NAKAMURA", "O'BRIEN"]
    assert (second.counted, second.already_listed) == (1, 1)
    assert codes(second)["already_listed"] == [9]  # the NAD of the one listed already


def test_a_person_in_two_parts_counts_again_when_the_part_counting_them_is_replaced_without_them(port, carrier):
    at = landing(port, hours=3)
    services.receive_manifest(carrier, paxlst(at=at, part="01:C", reference="1"))  # O'BRIEN and ERIKSSON
    twice = [("ERIKSSON", "ANNA MARIA", "740812", "SWE", "L898902C3")]
    second = services.receive_manifest(carrier, paxlst(at=at, part="02:F", reference="2", travellers=twice))
    assert second.already_listed == 1
    only_obrien = [("O'BRIEN", "SEAN", "800402", "IRL", "PA1234567")]
    services.receive_manifest(carrier, paxlst(at=at, part="01:C", reference="1", travellers=only_obrien, stamp="9"))
    assert counted(second.flight) == ["ERIKSSON", "O'BRIEN"]  # ERIKSSON counts again, from part 2
    row = ManifestTraveller.objects.get(message=second.message)
    assert row.current and row.flags == []


def test_a_part_that_never_arrives(port, carrier, officer):
    at = landing(port, hours=3)
    services.receive_manifest(carrier, paxlst(at=at, part="01:C", reference="1"))
    third = services.receive_manifest(carrier, paxlst(at=at, part="03:F", reference="3", travellers=[]))
    assert third.parts.missing == (2,) and third.parts.total == 3
    (awaited,) = services.flight_page(officer, third.flight.pk).lists
    assert awaited.gaps == ["part 2 of 3"] and not awaited.waited_enough
    with override_settings(BORDERDESK_MANIFEST_PART_WAIT_MINUTES=0):
        (late,) = services.flight_page(officer, third.flight.pk).lists
    assert late.waited_enough


def test_a_truncated_message_keeps_every_traveller_before_the_cut(port, carrier):
    data = paxlst(at=landing(port, hours=3))
    cut = data[: data.index(b"NAT+2+SWE") + 5]  # the second traveller's NAT is cut short
    received = services.receive_manifest(carrier, cut)
    assert counted(received.flight) == ["ERIKSSON", "O'BRIEN"]
    assert "truncated" in codes(received)
    assert bytes(received.message.raw) == cut


def test_a_wrong_segment_count_is_said_at_the_unt(port, carrier):
    received = services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), unt=99))
    (position,) = codes(received)["segment_count_mismatch"]
    assert position == 24 and received.counted == 2


def test_an_unknown_message_type_keeps_its_travellers_crew_by_their_party(port, carrier):
    received = services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), list_code="999", party="FM"))
    assert codes(received)["unknown_message_type"] == [3]
    assert received.message.list_type == "" and received.counted == 2
    assert set(ManifestTraveller.objects.values_list("kind", flat=True)) == {"crew"}


def test_a_traveller_with_no_document_is_kept_and_flagged_at_its_segment(port, carrier):
    travellers = [("NODOC", "NOBODY", "800101", "UTO", None), ("ERIKSSON", "ANNA", "740812", "SWE", "L898902C3")]
    received = services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), travellers=travellers))
    assert codes(received)["no_document"] == [9]
    row = ManifestTraveller.objects.get(surname="NODOC")
    assert row.current and row.flags == ["no_document"] and row.segment == 9


def test_travellers_sharing_a_document_are_flagged(port, carrier):
    travellers = [("ONE", "A", "800101", "UTO", "X1"), ("TWO", "B", "810101", "UTO", "X1")]
    received = services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), travellers=travellers))
    assert received.counted == 2
    assert {tuple(flags) for flags in ManifestTraveller.objects.values_list("flags", flat=True)} == {
        ("shared_document",)
    }


def test_nothing_readable_is_refused_and_nothing_stored(port, carrier):
    with pytest.raises(Invalid) as refused:
        services.receive_manifest(carrier, b"%PDF-1.7 not a manifest")
    assert refused.value.code == "manifest_unreadable"
    assert not Message.objects.exists() and not Flight.objects.exists()


@override_settings(BORDERDESK_MANIFEST_MAX_KB=1)
def test_a_huge_manifest_is_refused_with_a_code(port, carrier):
    many = [(f"SURNAME{n}", "GIVEN", "800101", "UTO", f"N{n}") for n in range(40)]
    with pytest.raises(Invalid) as refused:
        services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), travellers=many))
    assert refused.value.code == "manifest_too_large" and refused.value.status == 413
    assert not Message.objects.exists()


def test_a_carrier_sends_only_for_its_own_carrier_codes(port, carrier):
    with pytest.raises(PermissionDenied) as refused:
        services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), flight="BA117"))
    assert refused.value.code == "not_your_carrier" and "LH" in refused.value.message
    assert not Message.objects.exists()
    services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), flight="DLH400"))  # its ICAO code


def test_an_officer_cannot_send_manifests(port, officer):
    with pytest.raises(PermissionDenied):
        services.receive_manifest(officer, paxlst(at=landing(port, hours=3)))


def test_long_values_and_nul_characters_are_stored_cut_and_said(port, carrier):
    travellers = [("A" * 300, "NUL\x00HERE", "800101", "UTO", "N" * 50)]
    received = services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), travellers=travellers))
    row = ManifestTraveller.objects.get()
    assert len(row.surname) == 100 and row.given_names == "NULHERE" and len(row.document_number) == 35
    assert codes(received)["value_too_long"] == [9, 9]
    assert b"A" * 300 in bytes(received.message.raw)  # as received, whole


def test_a_flight_landing_where_the_agency_has_no_post_is_kept_for_nobody(port, carrier):
    received = services.receive_manifest(carrier, paxlst(at=landing(port, hours=3), arrive="JFK"))
    assert received.flight.post is None and "no_arrival_post" in codes(received)
    assert received.counted == 2


def test_a_message_naming_no_flight_is_kept_joined_to_none(port, carrier):
    data = paxlst(at=landing(port, hours=3)).replace(b"TDT+20+LH400+++LH'", b"")
    received = services.receive_manifest(carrier, data)
    assert received.flight is None and "flight_unknown" in codes(received) and received.counted == 2


def test_a_later_message_moves_the_arrival_time_of_the_days_flight(port, carrier):
    at = tomorrow_at(port, 10)
    services.receive_manifest(carrier, paxlst(at=at, list_code="250", party="FM"))
    later = at + timedelta(minutes=40)
    received = services.receive_manifest(carrier, paxlst(at=later))
    assert Flight.objects.count() == 1
    assert received.flight.scheduled_arrival == timezone.make_aware(later, _zone(port))
    services.receive_manifest(carrier, paxlst(at=at + timedelta(days=1)))  # the next day's LH400
    assert Flight.objects.count() == 2


def test_a_csv_manifest(port, carrier):
    at = landing(port, hours=3).strftime("%Y-%m-%dT%H:%M")
    data = (
        "list_type,carrier_flight,arrival_airport,arrival_at,surname,given_names,nationality,document_number\n"
        f"crew,LH400,TST,{at},KAPITAN,PETRA,DEU,C01\n"
        f"crew,LH400,TST,{at},STEWARD,OLAF,DEU,\n"
    ).encode()
    received = services.receive_manifest(carrier, data, format=services.format_of("text/csv"))
    assert received.message.format == "csv" and received.counted == 2
    assert codes(received)["no_document"] == [3]  # CSV errors carry the line


def test_the_carrier_codes_of_an_account(make_user):
    make_user("airline", "carrier")
    assert services.set_carrier_codes(SETUP, "airline", ["lh", "DLH", " "]) == ["DLH", "LH"]
    assert services.set_carrier_codes(SETUP, "airline", ["LH"]) == ["LH"]
    for bad in (["L"], ["12"], ["LH4"], [f"A{n}" for n in range(30)]):
        with pytest.raises(Invalid):
            services.set_carrier_codes(SETUP, "airline", bad)
    make_user("someone", "border_officer")
    with pytest.raises(Invalid):
        services.set_carrier_codes(SETUP, "someone", ["LH"])
    assert AuditEvent.objects.filter(action="manifests.carrier_codes.set").count() == 2


def test_another_airport_post_gets_its_own_flight(port, carrier):
    create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    at = landing(port, hours=3)
    services.receive_manifest(carrier, paxlst(at=at))
    services.receive_manifest(carrier, paxlst(at=at, arrive="UCX"))
    assert sorted(Flight.objects.values_list("post__code", flat=True)) == ["TST", "UCX"]
