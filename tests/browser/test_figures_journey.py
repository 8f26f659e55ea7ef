"""A duty manager reads the airport's figures in Chromium, through the pages only (the world: an airport whose
officer admitted six travellers and referred one today, made through the inspection services in setup): today's
tables with their captions, a bad month refused with its code, the month with a row per day, the CSV download of
the same; the page checked with axe-core (WCAG 2.2 AA) on the way."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.inspection import services as inspection
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.test_casework_journeys import PASSWORD, no_axe_problems, signed_in  # noqa: F401
from tests.rosters import open_booth_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def airport_day(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="Europe/Lisbon")
    officer = create_user(SETUP, username="booth", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    create_user(SETUP, username="duty", password=PASSWORD, roles=["duty_manager"], posts=["UCX"])
    session = open_booth_on_shift(officer, create_booth(SETUP, post, code="A01", direction="entry", lane="all"))
    today = post.local_date()
    for n in range(7):
        record = inspection.start_inspection(
            officer, session, passport(surname=f"VISITOR{chr(65 + n)}", number=f"TH10{n:05d}"), today=today
        )
        kind, extra = ("refer", {"remarks": "a second look"}) if n == 6 else ("admit", {})
        inspection.decide(
            officer, record, kind=kind, idempotency_key=f"k{n}", version=record.version, today=today, **extra
        )
    return today


def _cell(page, section: str, day: str, column: str):
    table = page.locator(f"[data-section='{section}']")
    index = table.locator("thead th").evaluate_all(
        "(cells, code) => cells.findIndex(c => c.dataset.column === code)", column
    )
    return table.locator(f"tr[data-day='{day}'] > *").nth(index)


def test_a_duty_manager_reads_the_day_and_the_month_and_downloads_them(signed_in, airport_day):
    today: date = airport_day
    duty = signed_in("duty")
    duty.goto("/figures/UCX/")
    expect(duty.get_by_test_id("figures-period")).to_have_text(today.isoformat())
    expect(duty.locator("caption").first).to_contain_text("Inspections by channel and direction")
    expect(_cell(duty, "inspections", today.isoformat(), "booth_entry")).to_have_text("7")
    expect(_cell(duty, "decisions", today.isoformat(), "admit")).to_have_text("x")  # 6 + the one referral = 7
    expect(_cell(duty, "decisions", today.isoformat(), "refer_from_booth")).to_have_text("<5")
    no_axe_problems(duty)

    duty.fill("#month", "2026-13")
    duty.get_by_role("button", name="Show the month").click()
    expect(duty.get_by_test_id("figures-error")).to_contain_text("invalid_month")

    month = today.isoformat()[:7]
    duty.fill("#month", month)
    duty.get_by_role("button", name="Show the month").click()
    expect(duty.get_by_test_id("figures-period")).to_have_text(month)
    rows = duty.locator("[data-section='inspections'] tbody tr")
    expect(rows.last).to_contain_text("Whole period")
    with duty.expect_download() as download:
        duty.get_by_test_id("figures-export").click()
    lines = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert lines[0] == ["post", "period", "section", "day", "column", "value"]
    assert ["UCX", month, "inspections", today.isoformat(), "booth_entry", "7"] in lines
    assert ["UCX", month, "inspections", "total", "total", "7"] in lines
