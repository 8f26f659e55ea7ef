from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.rosters.changes import create_pattern
from tests.actors import SETUP


@pytest.fixture
def duty(make_user, port):
    return make_user("duty", "duty_manager", posts=[port.code])


@pytest.fixture
def colleague(make_user, port):
    return make_user("colleague", "border_officer", posts=[port.code])


@pytest.fixture
def four_on_four_off(port):
    return create_pattern(
        SETUP,
        post=port,
        name="4 on 4 off",
        days="07:00 12h 60m, 07:00 12h 60m, 19:00 12h 60m, 19:00 12h 60m, off, off, off, off",
    )


def hours_from_now(hours: float):
    return (timezone.now() + timedelta(hours=hours)).replace(microsecond=0)
