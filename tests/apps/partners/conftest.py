import pytest

from borderdesk.apps.partners.models import Partner
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP


@pytest.fixture
def sector(db):
    return create_post(
        SETUP, code="UTPSN", name="North coast", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def patrol_officer(make_user, sector):
    return make_user("patrol", "patrol_officer", posts=[sector.code])


@pytest.fixture
def police(db):
    return Partner.objects.create(code="police", name="National Police", kind="police")


@pytest.fixture
def customs(db):
    return Partner.objects.create(code="customs", name="Customs Service", kind="customs")


PERSON = {"surname": "ERIKSSON", "given_names": "ANNA MARIA", "birth_date": "1974-08-12", "nationality": "UTO"}
