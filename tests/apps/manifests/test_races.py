"""A carrier's gateway retries: the same message arrives twice at the same moment, or two parts of a new flight's
list do. One message is stored, the other answered as a duplicate; the two parts make one flight, and a person in
both counts once (the flight's row is locked while its travellers are stored). Real concurrency needs PostgreSQL
(SQLite's in-memory test database is a single connection)."""

import threading

import pytest
from django.db import connection

from borderdesk.apps.manifests import services
from borderdesk.apps.manifests.models import Flight, ManifestTraveller, Message

from .conftest import paxlst, tomorrow_at

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(carrier, bodies: list[bytes]) -> list[str]:
    start, outcomes = threading.Barrier(len(bodies)), []

    def send(body):
        try:
            start.wait()
            received = services.receive_manifest(carrier, body)
            outcomes.append("duplicate" if received.duplicate else "stored")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def postgresql():
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")


def test_the_same_message_twice_at_once_is_stored_once(postgresql, port, carrier):
    body = paxlst(at=tomorrow_at(port, 9))
    assert at_once(carrier, [body, body]) == ["duplicate", "stored"]
    assert Message.objects.count() == 1 and ManifestTraveller.objects.count() == 2


def test_two_parts_of_a_new_flight_at_once_make_one_flight_counting_each_person_once(postgresql, port, carrier):
    at = tomorrow_at(port, 9)
    both = ("ERIKSSON", "ANNA MARIA", "740812", "SWE", "L898902C3")
    first = paxlst(at=at, part="01:C", reference="1", travellers=[both, ("ONE", "A", "800101", "UTO", "U1")])
    second = paxlst(at=at, part="02:F", reference="2", travellers=[both, ("TWO", "B", "800101", "UTO", "U2")])
    assert at_once(carrier, [first, second]) == ["stored", "stored"]
    flight = Flight.objects.get()
    assert sorted(flight.travellers.filter(current=True).values_list("surname", flat=True)) == [
        "ERIKSSON",
        "ONE",
        "TWO",
    ]
    assert flight.travellers.count() == 4  # the second ERIKSSON kept, not counted
