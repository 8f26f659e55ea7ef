"""Two officers at once (PostgreSQL: SQLite's test database is one connection): both asking for the same traveller
make one claim, the other learns that a claim is pending and the asking is on the claim's timeline; a refusal
decided while the claim is being made is blocked or, decided first, never approved."""

import pytest

from borderdesk.apps.asylum.models import Claim, ClaimEvent
from borderdesk.apps.asylum.services.making import make_at_inspection
from borderdesk.apps.audit.services import verify_trail
from borderdesk.apps.inspection import services as inspection
from tests.apps.inspection.conftest import TODAY, passport
from tests.apps.inspection.test_races import at_once, postgres_only  # noqa: F401 (a fixture)
from tests.rosters import open_booth_on_shift

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_officers_asking_at_once_make_one_claim(postgres_only, officer, make_user, port, unit):
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    inspected = inspection.start_inspection(
        officer, session, passport(surname="HADDAD", nationality="SYR"), today=TODAY
    )
    senior = make_user("senior", "senior_officer", posts=[port.code])
    officers = iter([officer, senior, officer, senior])
    outcomes = at_once(4, lambda: make_at_inspection(next(officers), inspected).claim.reference)
    made = [o for o in outcomes if o.startswith("PC-")]
    assert len(made) == 1 and sorted(o for o in outcomes if not o.startswith("PC-")) == ["claim_already_pending"] * 3
    claim = Claim.objects.get()
    assert ClaimEvent.objects.filter(claim=claim, kind="asked_again").count() == 3
    assert all(report.broken is None for report in verify_trail())
