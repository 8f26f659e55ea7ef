from datetime import timedelta

import pytest

from borderdesk.apps.briefings import services
from borderdesk.apps.posts.services import create_booth
from tests.actors import SETUP
from tests.rosters import put_on_shift


@pytest.fixture
def duty(make_user, port):
    return make_user("duty", "duty_manager", posts=[port.code])


@pytest.fixture
def on_shift(officer, port):
    """The officer on a roster shift at the port now: the briefings' gate is the next one a booth opens past."""
    return put_on_shift(officer, port)


@pytest.fixture
def author(make_user):
    return make_user("author", "policy_author", all_posts=True)


@pytest.fixture
def other_officer(make_user, other_port):
    create_booth(SETUP, other_port, code="B01", direction="entry", lane="all")
    return make_user("elsewhere", "border_officer", posts=[other_port.code])


def form(post_codes=("TST",), *, roles=("border_officer",), days_from_now=0, **changes) -> services.BriefingForm:
    from django.utils import timezone

    today = timezone.localdate() + timedelta(days=days_from_now)
    fields = dict(
        title="New entry stamp",
        body="From today the entry stamp is blue.\nCheck it on every page.",
        priority="important",
        effective_on=today.isoformat(),
        roles=tuple(roles),
        posts=tuple(post_codes),
    )
    return services.BriefingForm(**{**fields, **changes})
