"""#18: the demo's manifests give today's flights at UCX something to look at twice, once."""

import pytest

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.manifests.models import Flight, ManifestTraveller
from borderdesk.apps.manifests.services import flight_page
from borderdesk.apps.posts.services import create_post
from borderdesk.demo.manifests import load_demo_manifests
from tests.actors import SETUP

pytestmark = pytest.mark.django_db


def test_todays_flights_with_their_flags_and_a_missing_part():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="Europe/Lisbon")
    assert load_demo_manifests() == 5 and load_demo_manifests() == 0  # once a day
    officer = create_user(SETUP, username="officer", password=None, roles=["border_officer"], posts=["UCX"])
    flights = {flight.designator: flight for flight in Flight.objects.filter(post=post, arrival_date=post.local_date())}
    assert sorted(flights) == ["UX101", "UX305", "UX707"]
    ux305 = flight_page(officer, flights["UX305"].pk)
    assert [parts.gaps for parts in ux305.lists] == [["part 2 of 3"]]
    flags = {flag for row in ux305.flagged for flag in row.flags}
    # the reader's flags, and pre-arrival screening's (a national the rules require a visa of, none on record)
    assert flags == {"no_document", "document_expired", "shared_document", "visa_required_none_on_record"}
    assert ux305.screening.done and ux305.screening.screened == ux305.screening.total > 0
    assert ManifestTraveller.objects.filter(flight=flights["UX101"], kind="crew").count() == 2
