"""The asylum unit (an office in Utopia), its case officers and senior officer, a port where claims are made, and a
claim as the unit receives it: the world of the asylum tests."""

from datetime import UTC, date, datetime

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.core.casework.asylum import registration_due
from borderdesk.core.casework.deadlines import WorkingCalendar
from tests.actors import SETUP

MADE_ON = date(2026, 3, 2)  # a Monday


@pytest.fixture
def unit(db):
    return create_post(
        SETUP, code="UTAS", name="Asylum unit Amaurot", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def other_unit(db):
    return create_post(
        SETUP, code="UTAS2", name="Asylum unit North", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def asylum_officer(make_user, unit):
    return make_user("asylumofficer", "asylum_case_officer", posts=[unit.code])


@pytest.fixture
def colleague(make_user, unit):
    """Another asylum case officer of the unit, not assigned to the claim."""
    return make_user("colleague", "asylum_case_officer", posts=[unit.code])


@pytest.fixture
def outsider_officer(make_user, other_unit):
    """An asylum case officer of another unit."""
    return make_user("northofficer", "asylum_case_officer", posts=[other_unit.code])


@pytest.fixture
def unit_senior(make_user, unit):
    return make_user("unitsenior", "senior_officer", posts=[unit.code])


def make_claimant(surname="HASSAN", given="AMINA", nationality="SYR", born=date(1991, 7, 3), number="N0123456"):
    traveller = Traveller.objects.create(surname=surname, given_names=given, nationality=nationality, birth_date=born)
    if number:
        HeldDocument.objects.create(
            traveller=traveller,
            document_code="P",
            category="P",
            issuing_state=nationality,
            document_number=number,
            expiry_date=date(2030, 1, 1),
        )
    return traveller


def make_claim(unit, made_at_post, claimant, *, reference="PC-UTAS-2026-000001", where="booth", **fields) -> Claim:
    """A claim as the unit receives it, written directly (services/making.py is how officers make one)."""
    return Claim.objects.create(
        reference=reference,
        post=unit,
        claimant=claimant,
        made_where=where,
        made_at_post=made_at_post,
        made_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        made_on=MADE_ON,
        registration_due=registration_due(MADE_ON, where, WorkingCalendar("UTO")),
        **fields,
    )


@pytest.fixture
def claim(unit, port, asylum_officer):
    from borderdesk.apps.asylum.services.claims import _assign
    from borderdesk.apps.common.services import atomic_block

    made = make_claim(unit, port, make_claimant())
    with atomic_block():
        _assign(made, asylum_officer, asylum_officer)
    return made
