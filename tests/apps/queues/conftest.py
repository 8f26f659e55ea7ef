import pytest

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.queues.services import QueueSetup, save_queue
from tests.actors import SETUP


@pytest.fixture
def duty(make_user, port):
    return make_user("duty", "duty_manager", posts=[port.code])


@pytest.fixture
def residents(port):
    return save_queue(SETUP, port, QueueSetup(kind="residents", lanes=("all",)))


@pytest.fixture
def sensor(make_user, port):
    """A machine account holding the queue-count permission at the port, and its API token."""
    user = make_user("sensor-hall-a", "duty_manager", posts=[port.code])
    _, secret = issue_token(SETUP, user, name="UCX hall A sensor")
    return user, secret
