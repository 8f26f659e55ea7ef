"""The duty manager's dashboard in Chromium updates itself, without a reload, after an officer inspects travellers
at a booth and after a sensor sends a count of the queue through the API."""

import json
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.inspection.services import decide, start_inspection
from borderdesk.apps.posts.services import create_booth, create_post
from borderdesk.apps.queues.services import QueueSetup, save_queue
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.browser.conftest import accessibility_problems, sign_in
from tests.rosters import open_booth_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def port():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    create_booth(SETUP, post, code="A02", direction="entry", lane="all")
    for username, role in [("officer", "border_officer"), ("duty", "duty_manager"), ("sensor", "duty_manager")]:
        create_user(SETUP, username=username, password=PASSWORD, roles=[role], posts=["UCX"], first_name=username)
    return post


def send_count(live_server, secret, queue, **values):
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/queues/counts",
        data=json.dumps({"queue": queue.pk, **values}).encode(),
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 201


def test_the_dashboard_follows_the_booths_and_the_sensors_without_a_reload(page, live_server, port):
    from borderdesk.apps.accounts.models import User

    queue = save_queue(SETUP, port, QueueSetup(kind="visitors", lanes=("all",)))
    _, secret = issue_token(SETUP, User.objects.get(username="sensor"), name="UCX hall sensor")
    sign_in(page, "duty", PASSWORD)
    page.goto("/queues/")
    expect(page.get_by_test_id("booth-A01-state")).to_have_text("Closed")
    expect(page.get_by_test_id(f"queue-{queue.pk}-waiting")).to_contain_text("no count today")
    page.evaluate("window.notReloaded = true")

    send_count(
        live_server,
        secret,
        queue,
        at=(timezone.now() - timedelta(minutes=20)).isoformat(),
        waiting=7,
        joined=0,
        idempotency_key="hall-1",
    )
    expect(page.get_by_test_id(f"queue-{queue.pk}-waiting")).to_contain_text("7", timeout=30_000)

    officer = User.objects.get(username="officer")
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    for n in range(3):
        inspection = start_inspection(officer, session, passport(number=f"TH{n:07d}"), today=TODAY)
        decide(officer, inspection, kind="admit", idempotency_key=f"k{n}", version=inspection.version, today=TODAY)
    expect(page.get_by_test_id("booth-A01-state")).to_have_text("Open", timeout=30_000)
    expect(page.get_by_test_id("booth-A01-today")).to_have_text("3")
    expect(page.get_by_test_id(f"queue-{queue.pk}-served")).to_have_text("3")
    expect(page.get_by_test_id(f"queue-{queue.pk}-share")).to_contain_text("100%")
    expect(page.get_by_test_id("chart-served-table")).to_be_visible()

    send_count(
        live_server, secret, queue, at=timezone.now().isoformat(), waiting=12, joined=8, idempotency_key="hall-2"
    )
    expect(page.get_by_test_id(f"queue-{queue.pk}-waiting")).to_contain_text("12", timeout=30_000)
    assert page.evaluate("window.notReloaded") is True  # updated in place: the page was never loaded again
    assert accessibility_problems(page) == []
