"""Accessibility as the GOV.UK and USWDS teams check it: axe-core (WCAG 2.2 AA) finds no serious or critical
problem on any page any role reaches from its navigation, at 1280 and 1024 pixels wide; keyboard focus is
always visible."""

import pytest

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from borderdesk.core.access.permissions import Role
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems, sign_in
from tests.rosters import put_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def staff(db):
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    for role in Role:
        user = create_user(
            SETUP, username=role.value.replace("_", ""), password=PASSWORD, roles=[role.value], posts=["UCX"]
        )
        if role == Role.BORDER_OFFICER:
            put_on_shift(user, post)
    return [role.value.replace("_", "") for role in Role]


def _navigation(page) -> list[str]:
    paths = page.eval_on_selector_all("header nav a[href^='/']", "links => links.map(a => a.pathname)")
    return [path for path in dict.fromkeys(paths) if not path.startswith(("/admin", "/logout"))]


def test_the_sign_in_page_has_no_serious_accessibility_problem(page):
    page.goto("/login/")
    assert accessibility_problems(page) == []


def test_the_checker_finds_a_problem_when_there_is_one(page):
    page.goto("/login/")
    page.evaluate("document.querySelector('#id_username').removeAttribute('id')")  # its label now points nowhere
    assert any(problem.startswith("label") for problem in accessibility_problems(page))


def test_every_page_of_every_role_has_no_serious_accessibility_problem(page, staff):
    found, seen = [], set()
    for username in staff:
        page.context.clear_cookies()
        sign_in(page, username, PASSWORD)
        for path in ["/", *_navigation(page)]:
            for width in (1280, 1024):
                if (path, width) in seen and path != "/":
                    continue
                seen.add((path, width))
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(path)
                found += [f"{username} {path} at {width}px: {problem}" for problem in accessibility_problems(page)]
    assert len(seen) > 10 and found == []


def test_keyboard_focus_is_always_visible(page, staff):
    sign_in(page, "borderofficer", PASSWORD)
    page.goto("/booth/")
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 30),
                        visible: outlined || style.boxShadow !== 'none'};
            }"""
        )
        if focused["tag"] != "BODY" and not focused["visible"]:
            unseen.append(f"{focused['tag']} {focused['text']!r}")
    assert unseen == []


def test_the_booth_panel_after_a_scan_has_no_serious_accessibility_problem(page, staff, tmp_path):
    from borderdesk.apps.watchlists.services import import_list
    from tests.apps.inspection.conftest import passport

    listed = tmp_path / "national.csv"
    listed.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-17,Rustam Karimov,,1979-03-14,UZB,M,UZ7654321:UZB,Re-entry ban until 2034,refuse_entry\n"
    )
    import_list(SETUP, "csv", listed, list_name="national")
    sign_in(page, "borderofficer", PASSWORD)
    page.goto("/booth/")
    page.get_by_test_id("open-A01").click()
    found = []
    for zone in (passport(), passport(surname="KARIMOV", given="RUSTAM", number="UZ7654321", nationality="UZB")):
        page.get_by_test_id("scan").focus()
        page.keyboard.type(zone)  # as a passport reader types it
        surname = zone.splitlines()[0][5:].split("<")[0]
        page.get_by_test_id("traveller-name").filter(has_text=surname).wait_for()
        for width in (1280, 1024):
            page.set_viewport_size({"width": width, "height": 900})
            found += [f"{zone[:12]} at {width}px: {problem}" for problem in accessibility_problems(page)]
    assert found == []
