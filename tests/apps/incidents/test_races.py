"""Two officers at once (PostgreSQL: SQLite's test database is one connection): incidents recorded together get
different references, and one person's asking for protection, sent twice together, is one claim."""

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.audit.services import verify_trail
from borderdesk.apps.incidents import services
from borderdesk.apps.incidents.models import Incident
from tests.apps.incidents.conftest import form, person
from tests.apps.inspection.test_races import at_once, postgres_only  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_officers_recording_at_once_get_one_number_each(postgres_only, make_user, patrol_officer, sea):
    officers = iter([patrol_officer, *(make_user(f"crew{n}", "patrol_officer", posts=["UTPSN"]) for n in range(5))])
    outcomes = at_once(
        6, lambda: services.record_incident(next(officers), post=sea.post, form=form(sea.post)).reference
    )
    year = sea.post.local_date().year
    assert sorted(outcomes) == [f"INC-UTPSN-{year}-{n:06d}" for n in range(1, 7)]
    assert Incident.objects.count() == 6 and all(report.broken is None for report in verify_trail())


def test_asking_twice_at_once_is_one_claim(postgres_only, make_user, patrol_officer, sea, unit):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    met = services.add_person(patrol_officer, incident.reference, person())
    crew = make_user("crew", "patrol_officer", posts=["UTPSN"])
    officers = iter([patrol_officer, crew])
    outcomes = at_once(2, lambda: services.ask_for_protection(next(officers), met.pk).unit.code)
    assert sorted(outcomes) == ["UTAS", "protection_already_asked"]
    assert Claim.objects.get().claimant == met.traveller
