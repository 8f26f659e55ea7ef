"""The frame: navigation by role that holds one line (the rest under "More"), and the post switcher."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from borderdesk.apps.accounts.navigation import BAR_BUDGET, GROUPS, NAVIGATION, NavItem, grouped, split_for_bar
from borderdesk.core.access import Role

ALL_ROLES = [role.value for role in Role]


def _labels(items) -> list[str]:
    return [item.label for item in items]


def test_every_entry_has_a_known_group_and_a_page():
    for item in NAVIGATION:
        assert item.group in GROUPS
        assert reverse(item.url_name).startswith("/")


def test_entries_that_fit_stay_on_the_bar():
    items = [NavItem("Booth", "inspection:booth"), NavItem("Queue", "inspection:queue")]
    assert split_for_bar(items) == (items, [])


def test_what_does_not_fit_goes_under_more_in_order():
    bar, more = split_for_bar(NAVIGATION)
    assert bar and more and bar + more == NAVIGATION
    assert sum(len(item.label) + 3 for item in bar) + len("More") + 3 <= BAR_BUDGET


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_single_role_sees_all_its_entries_on_the_bar(make_user, role):
    from borderdesk.apps.accounts.navigation import items_for

    user = make_user(f"u-{role}", role, all_posts=True)
    _, more = split_for_bar(items_for(user))
    assert more == [], f"{role} has entries under More: {_labels(more)}"


def test_more_is_grouped_by_purpose_in_the_groups_order():
    _, more = split_for_bar(NAVIGATION)
    groups = grouped(more)
    assert [group for group, _ in groups] == [group for group in GROUPS if any(i.group == group for i in more)]
    assert sum(len(items) for _, items in groups) == len(more)


def _header(page: str) -> str:
    return page[page.index("<header") : page.index("</header>")]


def test_a_user_of_ten_roles_gets_a_bar_and_more_with_the_current_page_marked(client_for, make_user, port):
    user = make_user("everything", *ALL_ROLES, posts=[port.code])
    header = _header(client_for(user).get(reverse("audit:trail")).content.decode())
    assert 'data-testid="nav-more"' in header
    bar = header[header.index('class="bd-service-nav__list"') : header.index('data-testid="nav-more"')]
    assert ">Booth</a>" in bar and "Audit trail" not in bar
    more = header[header.index('data-testid="nav-more"') :]
    assert re.search(r'href="/audit/" aria-current="page">Audit trail</a>', more)
    assert "Oversight and administration" in more
    # "More" itself is marked as holding the current page.
    assert "bd-service-nav__item bd-service-nav__item--active" in header


def test_the_post_switcher_shows_the_full_name_and_switches(client_for, make_user, port, other_port):
    user = make_user("senior", "senior_officer", posts=[port.code, other_port.code])
    client = client_for(user)
    header = _header(client.get(reverse("home")).content.decode())
    assert "Test International" in header and 'data-testid="switch-to-OTH"' in header
    response = client.post(reverse("switch-post"), {"post": "OTH"})
    assert response.status_code == 302
    header = _header(client.get(reverse("home")).content.decode())
    name = re.search(r'data-testid="post-name">([^<]*)<', header).group(1)
    assert name.strip() == "Other Harbour"


def test_one_post_is_shown_without_a_switcher(client_for, officer):
    header = _header(client_for(officer).get(reverse("home")).content.decode())
    assert 'data-testid="post-name">Test International' in header and "switch-to-" not in header


def test_headquarters_staff_without_a_post_are_asked_to_choose_one(client_for, auditor, port, other_port):
    header = _header(client_for(auditor).get(reverse("home")).content.decode())
    assert "Choose the post you work at" in header
    assert 'data-testid="switch-to-TST"' in header and 'data-testid="switch-to-OTH"' in header


def test_the_frame_costs_nothing_until_a_full_page_reads_it(rf, officer, django_assert_num_queries):
    """HTMX fragments share the request context: the frame's queries run only when base.html reads it."""
    from borderdesk.apps.accounts.context_processors import Frame

    request = rf.get("/")
    request.user = officer
    with django_assert_num_queries(0):
        frame = Frame(request)
    with django_assert_num_queries(1):
        assert [post.code for post in frame.posts] == ["TST"]


@pytest.fixture
def casework_office(db):
    from borderdesk.apps.posts.services import create_post
    from tests.actors import SETUP

    return create_post(
        SETUP, code="UTO1", name="Amaurot office", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.mark.parametrize(
    ("role", "shown"),
    [("caseworker", True), ("consular_officer", True), ("senior_officer", True), ("border_officer", False)],
)
def test_cases_show_where_applications_are_worked_to_whoever_reads_them(make_user, casework_office, role, shown):
    from borderdesk.apps.accounts.navigation import items_for

    user = make_user(f"u-{role}", role, posts=[casework_office.code])
    assert ("Cases" in _labels(items_for(user))) is shown


def test_a_senior_officer_at_a_port_gets_no_cases_entry_and_keeps_one_line(make_user, port, casework_office):
    from borderdesk.apps.accounts.navigation import items_for

    senior = make_user("u-senior", "senior_officer", posts=[port.code, casework_office.code])
    assert senior.current_post == port and "Cases" not in _labels(items_for(senior))
    # #18: at an airport, Flights joins the bar and the rules' reference moves under More.
    assert _labels(split_for_bar(items_for(senior))[1]) in ([], ["Refusal grounds"])
    senior.current_post = casework_office
    bar, more = split_for_bar(items_for(senior))
    assert "Cases" in _labels(bar)  # at the office the casework entry is on the bar; what is left goes under More
    # The office is also the asylum unit, whose queue (#14) a senior officer works there too: the last tools move.
    assert _labels(more) in ([], ["Refusal grounds"], ["Stay calculator", "Refusal grounds"])


def test_an_entry_may_take_any_one_of_several_permissions(make_user, port):
    from borderdesk.core.access import Perm

    item = NavItem("Either", "home", (Perm.AUDIT_TRAIL_READ, Perm.CONSULAR_VISA_READ))
    assert item.shown_to(make_user("consul", "consular_officer", posts=[port.code]))
    assert not item.shown_to(make_user("patrol", "patrol_officer", posts=[port.code]))


def test_the_asylum_unit_gets_its_queue_and_a_patrol_records_claims(make_user, port, casework_office):
    from borderdesk.apps.accounts.navigation import items_for
    from borderdesk.apps.posts.services import create_post
    from tests.actors import SETUP

    sector = create_post(SETUP, code="UTPS9", name="Sector", kind="patrol_sector", country="UTO", time_zone="UTC")
    asylum = make_user("u-asylum", "asylum_case_officer", posts=[casework_office.code])
    patrol = make_user("u-patrol", "patrol_officer", posts=[sector.code])
    border = make_user("u-border", "border_officer", posts=[port.code])
    assert "Asylum" in _labels(items_for(asylum)) and "Protection asked" in _labels(items_for(patrol))
    assert "Asylum" not in _labels(items_for(border)) and "Protection asked" not in _labels(items_for(border))
