"""Queue setup, breaks at a booth, arrival schedules, the dashboard's figures and the daily queue measures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.inspection.services import decide, start_inspection
from borderdesk.apps.queues import services
from borderdesk.apps.queues.dashboard import dashboard
from borderdesk.apps.queues.models import QueueCount
from borderdesk.apps.rosters.models import Shift
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift


def test_setup_takes_the_kinds_defaults_and_refuses_a_lane_twice(duty, port):
    queue = services.save_queue(duty, port, services.QueueSetup(kind="visitors"))
    assert (queue.target_minutes, queue.target_share, queue.lanes) == (
        45,
        0.95,
        ["all", "visa_exempt", "visa_required"],
    )
    with pytest.raises(Conflict) as taken:
        services.save_queue(duty, port, services.QueueSetup(kind="fast_track", lanes=("all",)))
    assert taken.value.code == "lane_taken"
    with pytest.raises(Conflict) as twice:
        services.save_queue(duty, port, services.QueueSetup(kind="visitors", lanes=("crew",)))
    assert twice.value.code == "queue_exists"
    assert AuditEvent.objects.filter(action="queues.queue.create").count() == 1


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (services.QueueSetup(kind="vip"), "unknown_kind"),
        (services.QueueSetup(kind="crew", lanes=("moon",)), "unknown_lane"),
        (services.QueueSetup(kind="crew", target_minutes=0), "bad_target"),
        (services.QueueSetup(kind="crew", target_percent=100), "bad_share"),
        (services.QueueSetup(kind="crew", terminal="T 1;"), "bad_terminal"),
    ],
)
def test_bad_setup_is_refused(duty, port, setup, code):
    with pytest.raises(Invalid) as refused:
        services.save_queue(duty, port, setup)
    assert refused.value.code == code


def test_an_officer_cannot_set_up_queues_nor_a_duty_manager_another_posts(officer, duty, port, other_port):
    with pytest.raises(PermissionDenied):
        services.save_queue(officer, port, services.QueueSetup(kind="crew"))
    with pytest.raises(PermissionDenied) as elsewhere:
        services.save_queue(duty, other_port, services.QueueSetup(kind="crew"))
    assert elsewhere.value.code == "not_your_post"


def test_changing_another_posts_queue_through_ones_own_post_is_not_found(duty, port, other_port):
    theirs = services.save_queue(SETUP, other_port, services.QueueSetup(kind="crew"))
    with pytest.raises(Exception) as refused:
        services.save_queue(duty, port, services.QueueSetup(kind="crew"), queue_id=theirs.pk)
    assert refused.value.code == "queue_not_found"


def test_an_officer_goes_on_a_break_and_comes_back(officer, port, duty):
    open_booth_on_shift(officer, port.booths.get(code="A01"))
    services.start_break(officer)
    services.start_break(officer)  # twice is once
    assert [row["state"] for row in services.booth_states(port, timezone.now())] == ["break"]
    services.end_break(officer)
    assert [row["state"] for row in services.booth_states(port, timezone.now())] == ["open"]
    assert AuditEvent.objects.filter(action__startswith="queues.break").count() == 2


def test_a_break_needs_a_booth(officer):
    with pytest.raises(Invalid) as refused:
        services.start_break(officer)
    assert refused.value.code == "no_booth_session"


def test_a_schedule_keeps_good_rows_and_reports_bad_ones_by_line(duty, port):
    text = (
        "service,expected_at,terminal,passengers,residents_share\n"
        "UX101,2026-05-04T06:40,T1,180,0.25\n"
        "UX102,soon,T1,180,0.25\n"
        "UX103,2026-05-04T07:10,T1,90,40%\n"
    )
    result = services.import_schedule(duty, port, text)
    assert result.stored == 2 and [(e.line, e.code) for e in result.errors] == [(3, "bad_time")]
    again = services.import_schedule(duty, port, text)  # the same file again changes nothing
    assert again.stored == 2 and port.expected_arrivals.count() == 2
    event = AuditEvent.objects.filter(action="queues.schedule.import").first()
    assert event.new_values["refused"] == 1 and event.new_values["lines"] == [3]


def test_a_file_with_no_usable_header_is_refused(duty, port):
    with pytest.raises(Invalid) as refused:
        services.import_schedule(duty, port, "flight,time\nUX1,06:00\n")
    assert refused.value.code == "missing_column"
    assert port.expected_arrivals.count() == 0


def _served(officer, port, how_many):
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    made = []
    for n in range(how_many):
        inspection = start_inspection(officer, session, passport(number=f"TH{n:07d}"), today=TODAY)
        decide(officer, inspection, kind="admit", idempotency_key=f"k{n}", version=inspection.version, today=TODAY)
        made.append(inspection)
    return made


def test_the_dashboard_measures_waits_from_counts_and_the_booths_timestamps(duty, officer, port, residents):
    now = timezone.now()
    start = now - timedelta(minutes=30)
    QueueCount.objects.create(
        queue=residents, counted_at=start, waiting=3, joined=0, sent_by=duty, key_digest="a", request_digest="a"
    )
    _served(officer, port, 2)  # reached the booth now: the first two of three waited about 30 minutes
    data = dashboard(duty, port)
    row = data["queues"][0]
    assert row["today"].measures == 2
    assert 29 * 60 < row["today"].median_seconds < 31 * 60
    assert row["today"].met is False  # 25 minutes for residents
    assert 29 * 60 < row["longest_wait"] < 31 * 60 and row["over_target"]
    assert data["booths"][0]["today"] == 2 and data["booths"][0]["state"] == "open"
    assert sum(bar["value"] for bar in data["charts"][0]["bars"]) == 2


def test_staffing_warns_when_the_roster_falls_short(duty, officer, port, residents):
    now = timezone.now()
    hour = now.astimezone(services._tz(port)).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    local = hour.astimezone(services._tz(port))
    services.enter_arrival(
        duty,
        port,
        {
            "service": "UX9",
            "expected_at": f"{local:%Y-%m-%dT%H}:15",
            "terminal": "",
            "passengers": "600",
            "residents_share": "0.5",
        },
    )
    Shift.objects.create(
        officer=officer, post=port, starts_at=hour - timedelta(hours=1), ends_at=hour + timedelta(hours=8)
    )
    table = dashboard(duty, port)["staffing"]
    row = table["rows"][1]
    assert (row["residents"], row["visitors"]) == (300, 300)
    # 300 an hour at the default 90 s is 7.5 Erlangs: Erlang C needs 8 or more booths for each queue
    assert row["residents_booths"] >= 8 and row["visitors_booths"] >= 8
    assert row["rostered"] == 1 and row["short"] == row["needed"] - 1 and table["short"]
    assert table["rows"][0]["needed"] == 0 and table["rows"][0]["short"] == 0


def test_queue_measures_by_day(duty, officer, port, residents):
    now = timezone.now()
    QueueCount.objects.create(
        queue=residents,
        counted_at=now - timedelta(minutes=10),
        waiting=1,
        joined=0,
        sent_by=duty,
        key_digest="a",
        request_digest="a",
    )
    _served(officer, port, 1)
    today = port.local_date(now)
    days = services.queue_measures(duty, port, today - timedelta(days=1), today)
    assert [d["day"] for d in days] == [today - timedelta(days=1), today]
    assert days[0]["queues"][0]["measures"] == 0 and days[0]["queues"][0]["met"] is None
    measured = days[1]["queues"][0]
    assert measured["measures"] == 1 and measured["met"] is True and measured["share_within"] == 1.0
    assert 9 * 60 < measured["median_wait_seconds"] < 11 * 60
    with pytest.raises(Invalid) as refused:
        services.queue_measures(duty, port, today, today - timedelta(days=1))
    assert refused.value.code == "invalid_range"


def test_queue_measures_need_the_post(make_user, port, other_port):
    other = make_user("elsewhere", "duty_manager", posts=[other_port.code])
    with pytest.raises(PermissionDenied):
        services.queue_measures(other, port, TODAY, TODAY)
