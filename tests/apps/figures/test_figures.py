"""A post's figures against known counts: inspections, decisions, a refusal approved with its ground, a referral, a
visa on arrival, exits with an overstay and a watchlist hit, all made through the inspection services; then their
timestamps set to a chosen day (Europe/Lisbon, the fixture post's zone) so that the days and durations are known."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from borderdesk.apps.figures import sections, services
from borderdesk.apps.inspection import services as inspection
from borderdesk.apps.inspection.models import Decision, Inspection
from borderdesk.apps.travellers.models import Stay
from borderdesk.apps.visas.models import Visa
from borderdesk.apps.watchlists.services import forget_screener, import_list
from borderdesk.core.figures import parse_period
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport

DAY = date(2026, 3, 29)  # Lisbon moves its clocks forward at 01:00 UTC this day: a day of 23 hours
MORNING = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)
LISTED = dict(surname="KARIMOV", given="RUSTAM", number="UZ7654321", nationality="UZB", born=date(1988, 6, 1))


@pytest.fixture
def national_list(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    forget_screener()
    path = tmp_path / "national.csv"
    path.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-17,Rustam Karimov,,1988-06-01,UZB,M,UZ7654321:UZB,Deported 2024; re-entry ban,refuse_entry\n"
    )
    import_list(SETUP, "csv", path, list_name="national")
    yield
    forget_screener()


def _scan(officer, session, n, **kwargs):
    fields = {"surname": f"TRAVELLER{chr(65 + n)}", "number": f"TH00{n:05d}", **kwargs}
    return inspection.start_inspection(officer, session, passport(**fields), today=TODAY)


def _decide(officer, record, kind, key, **kwargs):
    record.refresh_from_db()
    return inspection.decide(
        officer, record, kind=kind, idempotency_key=key, version=record.version, today=TODAY, **kwargs
    )


@pytest.fixture
def day_of_work(officer, session, senior, exit_session, national_list):
    """On DAY: 10 travellers at the entry booth (7 admitted, one with a visa on arrival; 1 referred; 1 refused on
    ground UIA-12-1-e, approved; 1 watchlist hit left open) and 2 at the exit booth (1 past their stay)."""
    admitted = [_scan(officer, session, n) for n in range(6)]
    for n, record in enumerate(admitted):
        _decide(officer, record, "admit", f"a{n}")
    referred = _scan(officer, session, 6)
    _decide(officer, referred, "refer", "r", remarks="answers do not add up")
    refused = _scan(officer, session, 7)
    refusal = _decide(officer, refused, "refuse", "x", grounds=["UIA-12-1-e"], departure_reason="forged ticket")
    inspection.approve(senior, refusal, approved=True, today=TODAY)
    voa = _scan(officer, session, 8, surname="MUELLER", given="JONAS", number="C22X81T45", nationality="D")
    inspection.issue_visa_on_arrival(
        officer, voa, version=voa.version, fee_paid=True, receipt_number="R-1", today=TODAY
    )
    _decide(officer, voa, "admit", "v")
    hit = inspection.start_inspection(officer, session, passport(**LISTED), today=TODAY)
    assert hit.screening["hits"] >= 1
    late = Stay.objects.get(traveller=admitted[0].traveller)
    Stay.objects.filter(pk=late.pk).update(
        entry_date=TODAY - timedelta(days=40), admitted_until=TODAY - timedelta(days=4)
    )
    leaving = exit_session.officer
    for n in (0, 1):
        out = _scan(leaving, exit_session, n)
        _decide(leaving, out, "exit", f"e{n}")
    _move_to(DAY)
    return {"hit": hit}


def _move_to(day_morning_of: date) -> None:
    """Every inspection made on MORNING, its first decision 60, 120, ... seconds later (in inspection order)."""
    for n, record in enumerate(Inspection.objects.order_by("pk")):
        Inspection.objects.filter(pk=record.pk).update(created_at=MORNING)
        first = Decision.objects.filter(inspection=record).order_by("pk")
        for k, decision in enumerate(first):
            Decision.objects.filter(pk=decision.pk).update(decided_at=MORNING + timedelta(seconds=60 * (n + 1) + k))
    Visa.objects.update(issued_on=MORNING)


def _row(found, day=DAY):
    return next(({k: v for k, v in r.items() if k != "day"} for r in found if r["day"] == day), {})


def test_each_section_counts_the_day_by_the_database(port, day_of_work):
    assert _row(sections.inspections(port, DAY, DAY)) == {"booth_entry": 10, "booth_exit": 2}
    assert _row(sections.decisions(port, DAY, DAY)) == {
        "admit": 7,
        "refer_from_booth": 1,
        "refuse": 1,
        "exit_in_time": 1,
        "exit_overstay": 1,
    }
    assert _row(sections.refusal_ground_citations(port, DAY, DAY)) == {"UIA-12-1-e": 1}
    assert _row(sections.visas_on_arrival(port, DAY, DAY)) == {"valid_now": 1}
    assert _row(sections.watchlist_hits(port, DAY, DAY)) == {"with_hit": 1}
    # 11 inspections decided: the n-th made (from 0) decided (n + 1) minutes later, the 10th (the watchlist hit) not
    # yet: 1 to 9 minutes, then 11 and 12; nearest ranks 6, 10 and 11 of 11.
    assert _row(sections.processing(port, DAY, DAY)) == {"decided": 11, "median_s": 360, "p90_s": 660, "p95_s": 720}
    assert sections.inspections(port, DAY + timedelta(days=1), DAY + timedelta(days=30)) == []


def test_the_published_day_hides_small_counts_and_what_would_give_them_away(senior, port, day_of_work):
    figures = services.post_figures(senior, post_code="TST", period=parse_period(day=DAY.isoformat()))
    published = {s.code: (dict(zip([c for c, _ in s.columns], s.rows[0][1], strict=True)), s) for s in figures.sections}
    decisions, section = published["decisions"]
    assert section.totals is None, "one day: its row is its total"
    # Four small counts in a row of 11 with 7 admitted: 11 - 7 = 4 would make each of them 1, so 7 is hidden too.
    assert decisions == {
        "admit": "x",
        "refer_from_booth": "<5",
        "refer_from_egate": "0",
        "refer_from_kiosk": "0",
        "refuse": "<5",
        "detain": "0",
        "exit_in_time": "<5",
        "exit_overstay": "<5",
        "awaiting_approval": "0",
        "not_approved": "0",
        "total": "11",
    }
    # 2 exits of 12 with every other channel 0: the 10 entries would give the 2 away from the total, so hidden too.
    inspections = published["inspections"][0]
    assert (inspections["booth_entry"], inspections["booth_exit"], inspections["total"]) == ("x", "<5", "12")
    assert inspections["egate_entry"] == "0"
    assert published["watchlist"][0] == {"with_hit": "<5"}
    assert published["processing"][0] == {"decided": "11", "median_s": "360", "p90_s": "660", "p95_s": "720"}
    event = AccessEvent.objects.get(purpose="figures page")
    assert event.post_code == "TST" and event.detail == "TST day 2026-03-29 page" and event.object_id == "TST"


def test_a_month_has_a_row_per_day_and_the_totals_and_exports_the_same(senior, port, day_of_work):
    figures = services.post_figures(senior, post_code="TST", period=parse_period(month="2026-03"), output="csv")
    inspections = next(s for s in figures.sections if s.code == "inspections")
    assert len(inspections.rows) == 31 and inspections.rows[28][0] == DAY
    assert inspections.rows[0][1][-1] == "0" and inspections.rows[28][1][-1] == "12"
    assert inspections.totals[-1] == "12"
    processing = next(s for s in figures.sections if s.code == "processing")
    assert processing.totals == ["11", "360", "660", "720"] and processing.rows[0][1] == ["0", "", "", ""]
    text = services.as_csv(figures)
    lines = text.splitlines()
    assert lines[0] == "post,period,section,day,column,value"
    assert "TST,2026-03,inspections,2026-03-29,booth_entry,x" in lines
    assert "TST,2026-03,decisions,2026-03-29,admit,x" in lines
    assert "TST,2026-03,decisions,2026-03-29,refer_from_booth,<5" in lines
    assert "TST,2026-03,inspections,total,total,12" in lines
    assert AccessEvent.objects.filter(purpose="figures export", detail="TST month 2026-03 csv").count() == 1


def test_a_day_is_the_posts_own_calendar_day_across_a_clock_change(officer, session, port):
    """Lisbon, 2026-03-29: clocks go from 01:00 to 02:00 (UTC+0 to UTC+1), so the local day runs from 00:00 UTC to
    23:00 UTC. An inspection at 23:30 UTC is on the 30th there; one at 23:30 UTC the day before, on the 28th."""
    moments = [
        datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # 23:30 on the 28th in Lisbon
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # 00:30 on the 29th
        datetime(2026, 3, 29, 22, 59, tzinfo=UTC),  # 23:59 on the 29th (summer time)
        datetime(2026, 3, 29, 23, 30, tzinfo=UTC),  # 00:30 on the 30th: a UTC day would count it on the 29th
    ]
    # Scanned first, then dated: a scan closes the post's inspections left open for hours.
    scanned = [_scan(officer, session, n) for n in range(len(moments))]
    for record, moment in zip(scanned, moments, strict=True):
        Inspection.objects.filter(pk=record.pk).update(created_at=moment)
    found = sections.inspections(port, date(2026, 3, 27), date(2026, 3, 31))
    assert [(r["day"], r["booth_entry"]) for r in found] == [
        (date(2026, 3, 28), 1),
        (date(2026, 3, 29), 2),
        (date(2026, 3, 30), 1),
    ]
    assert _row(sections.inspections(port, DAY, DAY)) == {"booth_entry": 2}


def test_a_superseded_scan_is_not_counted_twice(officer, session, port):
    _scan(officer, session, 1)
    _scan(officer, session, 1)  # the same traveller again before a decision: the first scan is superseded
    assert Inspection.objects.count() == 2
    today = port.local_date()
    assert _row(sections.inspections(port, today, today), today) == {"booth_entry": 1}


def test_who_may_read_the_figures(officer, senior, make_user, port, other_port):
    period = parse_period(day="2026-03-29")
    assert services.post_figures(senior, post_code="TST", period=period).post == port
    duty = make_user("duty", "duty_manager", posts=["TST"])
    assert services.post_figures(duty, post_code="TST", period=period).post == port
    with pytest.raises(PermissionDenied):
        services.post_figures(officer, post_code="TST", period=period)
    with pytest.raises(PermissionDenied) as exc:
        services.post_figures(senior, post_code="OTH", period=period)
    assert exc.value.code == "not_your_post"
    everywhere = make_user("hq", "duty_manager", all_posts=True)
    with pytest.raises(NotFound) as exc:
        services.post_figures(everywhere, post_code="NOPE", period=period)
    assert exc.value.code == "post_not_found"
    assert not AccessEvent.objects.filter(purpose__startswith="figures", post_code="OTH").exists()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"day": "2026-02-30"}, "invalid_date"),
        ({"month": "2026-13"}, "invalid_month"),
        ({"from": "2026-01-01", "to": "2027-03-01"}, "period_too_long"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "period_reversed"),
        ({"day": "2026-03-01", "month": "2026-03"}, "period_conflict"),
        ({"month": "9999-12"}, "date_out_of_range"),
    ],
)
def test_bad_periods_get_a_clear_code_on_the_page_and_the_export(client_for, senior, query, code):
    http = client_for(senior)
    page = http.get(reverse("figures:post", kwargs={"code": "TST"}), query)
    assert page.status_code == 422 and f"({code})" in page.content.decode()
    export = http.get(reverse("figures:export", kwargs={"code": "TST"}), query)
    assert export.status_code == 422 and code in export.content.decode()
    with pytest.raises(Invalid) as exc:
        services.period_from(query, DAY)
    assert exc.value.code == code


def test_the_page_and_the_export_over_http(client_for, senior, day_of_work):
    http = client_for(senior)
    page = http.get(reverse("figures:post", kwargs={"code": "TST"}), {"month": "2026-03"})
    body = page.content.decode()
    assert page.status_code == 200 and body.count("<caption>") == len(sections.SECTIONS)
    assert 'data-day="2026-03-29"' in body and "Whole period" in body and 'type="date"' not in body
    export = http.get(reverse("figures:export", kwargs={"code": "TST"}), {"day": "2026-03-29"})
    assert export.status_code == 200 and export["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="figures-TST-2026-03-29.csv"' in export["Content-Disposition"]
    assert export.content.decode("utf-8").startswith("post,period,section,day,column,value\r\n")
    assert http.get(reverse("figures:export", kwargs={"code": "OTH"}), {"day": "2026-03-29"}).status_code == 403


def test_a_cell_a_spreadsheet_would_run_is_exported_as_text(port):
    figures = services.Figures(
        port,
        parse_period(day="2026-03-29"),
        5,
        [services.SectionFigures("queues", "Queues", "", [("note", "Note")], [(DAY, ["=HYPERLINK(1)"])], None)],
    )
    assert services.as_csv(figures).splitlines()[1] == "TST,2026-03-29,queues,2026-03-29,note,'=HYPERLINK(1)"


def test_the_threshold_is_a_setting(senior, port, day_of_work, settings):
    settings.BORDERDESK_FIGURES_THRESHOLD = 3
    figures = services.post_figures(senior, post_code="TST", period=parse_period(day=DAY.isoformat()))
    decisions = next(s for s in figures.sections if s.code == "decisions")
    published = dict(zip([c for c, _ in decisions.columns], decisions.rows[0][1], strict=True))
    assert (published["refer_from_booth"], published["exit_overstay"], published["admit"]) == ("<3", "<3", "x")
    assert figures.threshold == 3


def test_refusals_awaiting_approval_and_not_approved_are_counted_apart(officer, session, senior, port):
    waiting = _scan(officer, session, 1)
    _decide(officer, waiting, "refuse", "w", grounds=["UIA-12-1-e"], departure_reason="forged ticket")
    turned_down = _scan(officer, session, 2)
    refusal = _decide(officer, turned_down, "refuse", "t", grounds=["UIA-12-1-e"], departure_reason="forged ticket")
    inspection.approve(senior, refusal, approved=False, note="the ticket checks out", today=TODAY)
    today = port.local_date()
    assert _row(sections.decisions(port, today, today), today) == {"awaiting_approval": 1, "not_approved": 1}
    assert sections.refusal_ground_citations(port, today, today) == [], "only refusals in force cite grounds"
