import pytest

from borderdesk.apps.posts.models import Booth
from tests.rosters import open_booth_on_shift


@pytest.fixture
def senior(make_user, port):
    return make_user("senior", "senior_officer", posts=[port.code])


@pytest.fixture
def duty(make_user, port):
    return make_user("duty", "duty_manager", posts=[port.code])


@pytest.fixture
def stranger(make_user, other_port):
    return make_user("elsewhere", "border_officer", "senior_officer", "duty_manager", posts=[other_port.code])


@pytest.fixture
def at_booth(officer, port):
    return open_booth_on_shift(officer, Booth.objects.get(post=port, code="A01"))
