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


@pytest.fixture
def receiver():
    from tests.apps.partners.receiver import Receiver, start

    found = Receiver()
    server = start(found)
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def keys_dir(settings, tmp_path):
    """The local key that seals webhook secrets, made in a directory of the test's own."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def hooked(police, receiver, keys_dir):
    """The police with a webhook at the receiver and a secret: (partner, secret)."""
    from borderdesk.apps.partners.services import management

    police.webhook_url = receiver.url
    police.save()
    secret = management.set_webhook_secret(SETUP, police)
    police.refresh_from_db()
    return police, secret
