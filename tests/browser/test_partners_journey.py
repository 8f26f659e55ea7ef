"""Partner agencies in Chromium: an administrator adds the police with a webhook, makes its secret and its API
token; a patrol officer opens the hand-over made from the sector, signs it, and sees the signed alert delivered to
the police's (real, local) endpoint; the police acknowledge and take custody through their API, and the officer's
page shows it."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.partners.models import Partner
from borderdesk.apps.partners.services import deliver_due, refer
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.apps.partners.receiver import Receiver, start
from tests.browser.conftest import accessibility_problems
from tests.browser.conftest import sign_in as sign_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def receiver():
    found = Receiver()
    server = start(found)
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def world(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    sector = create_post(SETUP, code="UTPSN", name="North coast", kind="patrol_sector", country="UTO", time_zone="UTC")
    create_user(SETUP, username="admin", password=PASSWORD, roles=["administrator"], all_posts=True)
    create_user(
        SETUP, username="patrol", password=PASSWORD, roles=["patrol_officer"], posts=["UTPSN"], first_name="Joao"
    )
    return sector


def signed_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in_with_code(page, username, PASSWORD)
    return page


def call(live_server, path, token, data=None):
    request = urllib.request.Request(
        live_server.url + path,
        data=json.dumps(data).encode() if data is not None else None,
        method="POST" if data is not None else "GET",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def test_a_hand_over_to_the_police_from_alert_to_custody(browser, live_server, world, receiver):
    admin = signed_in(browser, live_server, "admin")
    admin.goto("/partners/agencies/")
    admin.get_by_test_id("new-partner").click()
    admin.get_by_test_id("code").fill("police")
    admin.get_by_test_id("name").fill("National Police")
    admin.get_by_test_id("webhook-url").fill(receiver.url)
    assert accessibility_problems(admin) == []
    admin.get_by_test_id("save").click()
    expect(admin.get_by_test_id("partner-name")).to_have_text("National Police")
    expect(admin.get_by_test_id("secret-state")).to_contain_text("Not set")
    admin.get_by_test_id("set-secret").click()
    expect(admin.get_by_test_id("secret")).to_have_text(re.compile(r"^whsec_"))
    admin.get_by_test_id("create-account").click()
    expect(admin.get_by_test_id("account")).to_have_text("partner-police")
    admin.get_by_test_id("token-name").fill("Police case system")
    admin.get_by_test_id("issue-token").click()
    token = admin.get_by_test_id("token").inner_text()
    assert accessibility_problems(admin) == []

    from borderdesk.apps.accounts.models import User

    referral = refer(
        User.objects.get(username="patrol"),
        post=world,
        partner=Partner.objects.get(code="police"),
        kind="handover",
        reason="Apprehended on the north beach at dawn.",
        shared={"surname": "ERIKSSON", "given_names": "ANNA", "place": "North beach"},
    )
    assert deliver_due(SETUP).delivered == 1 and len(receiver.received) == 1

    patrol = signed_in(browser, live_server, "patrol")
    patrol.goto("/")
    patrol.get_by_role("link", name="Referrals").first.click()
    patrol.get_by_role("link", name=referral.reference).click()
    expect(patrol.get_by_test_id("shared-surname")).to_contain_text("ERIKSSON")
    expect(patrol.get_by_test_id("alert-state")).to_have_text("Delivered")
    assert accessibility_problems(patrol) == []
    patrol.get_by_test_id("signature").fill("Officer Joao Silva")
    patrol.get_by_test_id("sign").click()
    expect(patrol.get_by_test_id("handover-signed")).to_contain_text("Officer Joao Silva")

    listed = call(live_server, "/api/v1/partners/referrals", token)
    assert [row["reference"] for row in listed] == [referral.reference]
    path = f"/api/v1/partners/referrals/{referral.reference}"
    call(live_server, f"{path}/acknowledge", token, {"officer": "Sgt Ana Lopes", "partner_reference": "POL-1"})
    assert call(live_server, f"{path}/custody", token, {"signature": "Sgt Ana Lopes"})["state"] == "custody_passed"

    patrol.reload()
    expect(patrol.get_by_test_id("state")).to_have_text("Custody passed")
    expect(patrol.get_by_test_id("acknowledged")).to_contain_text("POL-1")
    expect(patrol.get_by_test_id("custody-passed")).to_contain_text("taken by Sgt Ana Lopes")
