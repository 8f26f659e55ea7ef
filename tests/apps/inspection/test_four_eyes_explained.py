"""Four eyes that explain themselves: a senior officer's own decision is never "waiting for your approval"; the
queue and the traveller's panel name who may approve it instead (the other senior officers at that post)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from borderdesk.apps.accounts.services import deactivate_user, staff_who_may
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Approval
from borderdesk.core.access import Perm
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift


@pytest.fixture
def own_refusal(senior, port):
    """A refusal the senior officer decided at a booth themselves: it waits for another senior officer."""
    session = open_booth_on_shift(senior, port.booths.get(code="A01"))
    inspection = services.start_inspection(senior, session, passport(), today=TODAY)
    decision = services.decide(
        senior,
        inspection,
        kind="refuse",
        grounds=["UIA-12-1-e"],
        remarks="no credible purpose",
        departure_reason="purpose contradicted by the traveller's own documents",
        idempotency_key="own",
        version=inspection.version,
        today=TODAY,
    )
    assert decision.approval == Approval.PENDING
    return decision


def _named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def _section(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}"')
    return page[start : page.index("</section>", start)]


def test_who_may_approve_are_the_active_senior_officers_of_the_post(make_user, senior, second_senior, port, other_port):
    hq = make_user("hq-senior", "senior_officer", all_posts=True)
    make_user("elsewhere", "senior_officer", posts=[other_port.code])
    make_user("officer2", "border_officer", posts=[port.code])
    retired = make_user("retired", "senior_officer", posts=[port.code])
    deactivate_user(SETUP, retired)
    names = [u.username for u in staff_who_may(Perm.BORDER_DECISION_APPROVE, port.code, exclude=senior)]
    assert sorted(names) == sorted([second_senior.username, hq.username])


def test_a_seniors_own_decision_waits_for_the_others_who_are_named(
    client_for, senior, second_senior, own_refusal, make_user, other_port
):
    _named(second_senior, "Rafael", "Hythloday")
    make_user("elsewhere", "senior_officer", posts=[other_port.code])
    page = client_for(senior).get(reverse("inspection:queue")).content.decode()
    waiting = _section(page, "pending-approvals")
    assert "Nothing waiting." in waiting.split("<h3>")[0], "never one's own decision under 'waiting for your approval'"
    assert f'data-testid="mine-{own_refusal.pk}"' in waiting
    assert 'data-testid="alert-approval_needed"' not in page, "no alert asks them to approve their own decision"
    approvers = re.search(r'data-testid="approvers">(.*?)</span>', waiting).group(1)
    assert approvers == "May approve at TST: <strong>Rafael Hythloday</strong>."
    assert "elsewhere" not in approvers

    panel = client_for(senior).get(reverse("inspection:inspection", args=[own_refusal.inspection_id]))
    panel = panel.content.decode()
    assert 'data-testid="approve"' not in panel
    awaiting = _section(panel, "awaiting-approval")
    assert "You decided this; a senior officer other than you approves it (four eyes)." in awaiting
    assert "<strong>Rafael Hythloday</strong>" in awaiting


def test_the_other_senior_sees_it_waiting_for_their_approval(client, client_for, senior, second_senior, own_refusal):
    page = client_for(second_senior).get(reverse("inspection:queue")).content.decode()
    waiting = _section(page, "pending-approvals")
    assert f'data-testid="review-{own_refusal.pk}"' in waiting and "my-pending" not in waiting
    assert 'data-testid="alert-approval_needed"' in page
    panel = client_for(second_senior).get(reverse("inspection:inspection", args=[own_refusal.inspection_id]))
    assert 'data-testid="approve"' in panel.content.decode()


def test_with_no_other_senior_the_page_says_whom_to_ask(client_for, senior, own_refusal):
    page = client_for(senior).get(reverse("inspection:queue")).content.decode()
    assert "No other senior officer works at TST: ask an administrator to assign one." in page


def test_the_officer_who_refused_sees_who_may_approve(client_for, officer, session, senior, second_senior):
    inspection = services.start_inspection(officer, session, passport(), today=TODAY)
    services.decide(
        officer,
        inspection,
        kind="refuse",
        grounds=["UIA-12-1-e"],
        remarks="no credible purpose",
        departure_reason="purpose contradicted by the traveller's own documents",
        idempotency_key="o",
        version=inspection.version,
        today=TODAY,
    )
    panel = client_for(officer).get(reverse("inspection:inspection", args=[inspection.pk])).content.decode()
    awaiting = _section(panel, "awaiting-approval")
    assert "You decided this" in awaiting  # the officer decided; both seniors may approve
    assert awaiting.count("<strong>") == 2
