"""A sea sector on the north coast with its boats, a land sector elsewhere, and their patrol officers."""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.patrols import services
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP

SEA_BOUNDARY = "38.95, -9.75\n38.95, -9.25\n38.60, -9.25\n38.60, -9.75"
LAND_BOUNDARY = "41.00, -7.10\n41.00, -6.90\n40.90, -6.90\n40.90, -7.10"


@pytest.fixture
def coast(db):
    return create_post(
        SETUP, code="UTPSN", name="North coast", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def hills(db):
    return create_post(
        SETUP, code="UTHIL", name="Hill country", kind="patrol_sector", country="UTO", time_zone="Atlantic/Azores"
    )


@pytest.fixture
def kai(make_user, coast):
    return make_user("kai", "patrol_officer", posts=[coast.code])


@pytest.fixture
def lena(make_user, coast):
    return make_user("lena", "patrol_officer", posts=[coast.code])


@pytest.fixture
def uphill(make_user, hills):
    """A patrol officer of the other sector."""
    return make_user("uphill", "patrol_officer", posts=[hills.code])


@pytest.fixture
def sea(coast):
    return services.save_sector(SETUP, post_code=coast.code, terrain="sea", boundary=SEA_BOUNDARY)


@pytest.fixture
def land(hills):
    return services.save_sector(SETUP, post_code=hills.code, terrain="land", boundary=LAND_BOUNDARY)


@pytest.fixture
def boat(sea):
    return services.add_unit(SETUP, post_code="UTPSN", kind="boat", call_sign="UTP-RHIB-1", name="Amaurot Sprint")


@pytest.fixture
def launch(sea):
    return services.add_unit(SETUP, post_code="UTPSN", kind="boat", call_sign="UTP-PB-2")


def minutes_ago(minutes: int):
    return (timezone.now() - timedelta(minutes=minutes)).replace(microsecond=0)


def yesterday_at(post, clock: str):
    """A moment of yesterday on the post's clock ("09:30"): always past, and all on one of the post's days."""
    day = post.local_date() - timedelta(days=1)
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(post.time_zone))


@pytest.fixture
def out(kai, boat):
    """The boat out since two hours ago with Kai aboard."""
    return services.start_patrol(
        kai, post_code="UTPSN", unit_id=boat.pk, crew=[(kai.pk, "coxswain")], started_at=minutes_ago(120)
    )


@pytest.fixture
def hill_patrol(uphill, land):
    unit = services.add_unit(SETUP, post_code="UTHIL", kind="vehicle", call_sign="HIL-V1")
    return services.start_patrol(
        uphill, post_code="UTHIL", unit_id=unit.pk, crew=[(uphill.pk, "")], started_at=minutes_ago(60)
    )
