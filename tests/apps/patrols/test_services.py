"""Patrols' services on the database: sectors and units, a patrol started with its crew and ended once, positions
typed, pasted and withdrawn; bad input refused with a code and nothing lost; another sector's officers kept out."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.partners.models import Partner
from borderdesk.apps.patrols import services
from borderdesk.apps.patrols.models import Patrol, Position, Sector
from tests.apps.patrols.conftest import minutes_ago


def code_of(call) -> str:
    with pytest.raises((Invalid, Conflict, NotFound, PermissionDenied)) as caught:
        call()
    return caught.value.code


def report(officer, patrol, minutes, lat="38.75", lon="-9.50"):
    return services.report_position(officer, patrol.pk, at=minutes_ago(minutes), latitude=lat, longitude=lon)


# --- sectors and units ------------------------------------------------------------------------------------------


def test_a_sector_is_saved_with_its_boundary_and_changed_with_the_old_one_in_the_trail(kai, coast):
    sector = services.save_sector(kai, post_code="UTPSN", terrain="sea", boundary="38.9,-9.7\n38.9,-9.3\n38.6,-9.5")
    assert sector.boundary == [[38.9, -9.7], [38.9, -9.3], [38.6, -9.5]]
    services.save_sector(kai, post_code="UTPSN", terrain="sea", boundary="38°54.0'N 9°42.0'W\n38.9,-9.2\n38.6,-9.5")
    sector.refresh_from_db()
    assert sector.boundary[1] == [38.9, -9.2] and Sector.objects.count() == 1
    change = AuditEvent.objects.filter(action="patrols.sector.save").latest("seq")
    assert change.old_values["boundary"][1] == [38.9, -9.3] and change.post_code == "UTPSN"


@pytest.mark.parametrize(
    ("terrain", "boundary", "code"),
    [
        ("swamp", "38.9,-9.7\n38.9,-9.3\n38.6,-9.5", "invalid_terrain"),
        ("sea", "38.9,-9.7\n38.9,-9.3", "boundary_too_few_points"),
        ("sea", "0,0\n1,1\n0,1\n1,0", "boundary_self_intersects"),
        ("sea", "38.9,-9.7\n98.9,-9.3\n38.6,-9.5", "latitude_out_of_range"),
        ("sea", "x" * 60_000, "boundary_too_long"),
    ],
)
def test_a_bad_boundary_is_refused_and_the_saved_one_kept(kai, sea, terrain, boundary, code):
    before = list(sea.boundary)
    assert code_of(lambda: services.save_sector(kai, post_code="UTPSN", terrain=terrain, boundary=boundary)) == code
    sea.refresh_from_db()
    assert sea.boundary == before and sea.terrain == "sea"


def test_units_are_added_once_per_call_sign_and_a_partners_vessel_names_its_partner(kai, sea):
    guard = Partner.objects.create(code="uto-coast-guard", name="Utopia Coast Guard", kind="coast_guard")
    vessel = services.add_unit(
        kai, post_code="UTPSN", kind="partner_vessel", call_sign="UCG Anyder", partner_id=guard.pk
    )
    assert vessel.partner == guard
    assert code_of(lambda: services.add_unit(kai, post_code="UTPSN", kind="boat", call_sign="ucg anyder")) == (
        "call_sign_taken"
    )
    refused = {
        "partner_required": dict(kind="partner_vessel", call_sign="X1"),
        "partner_only_for_partner_vessels": dict(kind="boat", call_sign="X2", partner_id=guard.pk),
        "partner_not_found": dict(kind="partner_vessel", call_sign="X3", partner_id=999_999),
        "invalid_unit_kind": dict(kind="submarine", call_sign="X4"),
        "call_sign_required": dict(kind="boat", call_sign="   "),
        "call_sign_too_long": dict(kind="boat", call_sign="X" * 41),
    }
    for code, fields in refused.items():
        assert code_of(lambda fields=fields: services.add_unit(kai, post_code="UTPSN", **fields)) == code
    assert sea.units.count() == 1


def test_a_unit_out_on_patrol_stays_in_service_until_it_is_back(kai, out, boat):
    assert code_of(lambda: services.deactivate_unit(kai, boat.pk)) == "unit_on_patrol"
    services.end_patrol(kai, out.pk, ended_at=minutes_ago(1))
    assert services.deactivate_unit(kai, boat.pk).is_active is False
    assert services.deactivate_unit(kai, boat.pk).is_active is False  # again: nothing more happens
    assert AuditEvent.objects.filter(action="patrols.unit.deactivate").count() == 1
    assert code_of(lambda: services.deactivate_unit(kai, boat.pk, post_code="UTHIL")) == "unit_not_found"


# --- starting and ending -------------------------------------------------------------------------------------


def test_a_patrol_sets_out_with_its_crew_on_the_posts_clock(kai, lena, boat):
    typed = services.Typed(f"{services.on_post_clock(boat.sector.post, minutes_ago(30)):%Y-%m-%d}", "")
    assert (
        code_of(
            lambda: services.start_patrol(
                kai, post_code="UTPSN", unit_id=boat.pk, crew=[(kai.pk, "")], started_at=typed
            )
        )
        == "invalid_time"
    )
    local = services.on_post_clock(boat.sector.post, minutes_ago(30))
    patrol = services.start_patrol(
        kai,
        post_code="UTPSN",
        unit_id=boat.pk,
        crew=[(kai.pk, "coxswain"), (lena.pk, "")],
        started_at=services.Typed(f"{local:%Y-%m-%d}", f"{local:%H:%M}"),
        tasking="Night watch off the point",
    )
    assert patrol.started_at == local.replace(second=0)
    assert sorted(patrol.crew.values_list("officer__username", "role")) == [("kai", "coxswain"), ("lena", "")]
    event = AuditEvent.objects.get(action="patrols.patrol.start")
    assert event.new_values["crew"] == [["kai", "coxswain"], ["lena", ""]] and event.post_code == "UTPSN"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"started_at": "future"}, "time_in_future"),
        ({"started_at": "last month"}, "start_too_old"),
        ({"crew": []}, "crew_required"),
        ({"crew": "stranger"}, "officer_not_at_post"),
        ({"crew": [("x", "")]}, "invalid_id"),
        ({"crew": "long role"}, "crew_role_too_long"),
        ({"crew": "crowd"}, "too_many_crew"),
        ({"unit_id": 999_999}, "unit_not_found"),
        ({"tasking": "x" * 301}, "tasking_too_long"),
    ],
)
def test_a_start_that_cannot_be_is_refused_and_nothing_is_stored(kai, uphill, boat, changes, code):
    fields = {"post_code": "UTPSN", "unit_id": boat.pk, "crew": [(kai.pk, "")], "started_at": minutes_ago(5)}
    fields.update(changes)
    fields["started_at"] = {
        "future": timezone.now() + timedelta(hours=1),
        "last month": timezone.now() - timedelta(days=30),
    }.get(str(fields["started_at"]), fields["started_at"])
    fields["crew"] = {
        "stranger": [(uphill.pk, "")],
        "long role": [(kai.pk, "x" * 61)],
        "crowd": [(n, "") for n in range(1, 22)],
    }.get(str(fields["crew"]), fields["crew"])
    assert code_of(lambda: services.start_patrol(kai, **fields)) == code
    assert not Patrol.objects.exists()


def test_a_unit_or_an_officer_is_on_one_patrol_at_a_time(kai, lena, out, boat, launch):
    assert (
        code_of(
            lambda: services.start_patrol(
                lena, post_code="UTPSN", unit_id=boat.pk, crew=[(lena.pk, "")], started_at=minutes_ago(5)
            )
        )
        == "unit_on_patrol"
    )
    assert (
        code_of(
            lambda: services.start_patrol(
                lena, post_code="UTPSN", unit_id=launch.pk, crew=[(kai.pk, "")], started_at=minutes_ago(5)
            )
        )
        == "officer_on_patrol"
    )
    services.deactivate_unit(lena, launch.pk)
    assert (
        code_of(
            lambda: services.start_patrol(
                lena, post_code="UTPSN", unit_id=launch.pk, crew=[(lena.pk, "")], started_at=minutes_ago(5)
            )
        )
        == "unit_out_of_service"
    )


def test_a_patrol_ends_once_after_its_start_and_its_last_position(kai, out):
    report(kai, out, 10)
    assert code_of(lambda: services.end_patrol(kai, out.pk, ended_at=minutes_ago(20))) == "positions_after_end"
    assert code_of(lambda: services.end_patrol(kai, out.pk, ended_at=minutes_ago(130))) == "end_before_start"
    future = timezone.now() + timedelta(hours=1)
    assert code_of(lambda: services.end_patrol(kai, out.pk, ended_at=future)) == "time_in_future"
    assert code_of(lambda: services.end_patrol(kai, out.pk, ended_at=minutes_ago(5), remarks="x" * 2001)) == (
        "remarks_too_long"
    )
    out.refresh_from_db()
    assert out.ended_at is None
    services.end_patrol(kai, out.pk, ended_at=minutes_ago(5), remarks="Calm sea.")
    assert code_of(lambda: services.end_patrol(kai, out.pk, ended_at=minutes_ago(1))) == "patrol_already_ended"
    out.refresh_from_db()
    assert abs(out.ended_at - minutes_ago(5)) < timedelta(seconds=5)
    assert AuditEvent.objects.filter(action="patrols.patrol.end").count() == 1


# --- positions ----------------------------------------------------------------------------------------------------


def test_positions_are_typed_as_patrols_write_them(kai, out):
    local = services.on_post_clock(out.sector.post, minutes_ago(15))
    reported = services.report_position(kai, out.pk, at=f"{local:%H:%M}", latitude="38°45.0'N", longitude="9°30.0'W")
    position = reported.position
    assert (position.latitude, position.longitude) == (Decimal("38.75"), Decimal("-9.5"))
    assert services.on_post_clock(out.sector.post, position.at).strftime("%H:%M") == f"{local:%H:%M}"
    assert position.source == "form" and position.reported_by == kai
    event = AuditEvent.objects.get(action="patrols.position.report")
    assert event.new_values["latitude"] == "38.750000" and event.object_id == str(position.pk)


@pytest.mark.parametrize(
    ("at", "lat", "lon", "code"),
    [
        ("minutes:10", "91", "-9.5", "latitude_out_of_range"),
        ("minutes:10", "38.7", "-181", "longitude_out_of_range"),
        ("minutes:10", "38,7", "-9.5", "invalid_coordinate"),
        ("minutes:-60", "38.7", "-9.5", "time_in_future"),
        ("minutes:200", "38.7", "-9.5", "position_before_start"),
        ("25:99", "38.7", "-9.5", "invalid_time"),
    ],
)
def test_a_position_that_cannot_be_is_refused_and_the_others_are_kept(kai, out, at, lat, lon, code):
    kept = report(kai, out, 30).position
    moment = minutes_ago(int(at.split(":")[1])) if at.startswith("minutes:") else at
    assert code_of(lambda: services.report_position(kai, out.pk, at=moment, latitude=lat, longitude=lon)) == code
    assert list(Position.objects.all()) == [kept]


def test_the_same_position_twice_is_on_record_once_and_another_at_that_moment_refused(kai, out):
    moment = minutes_ago(30)  # once: two calls can fall on either side of a second

    def at_that_moment(latitude):
        return services.report_position(kai, out.pk, at=moment, latitude=latitude, longitude="-9.50")

    first = at_that_moment("38.75")
    again = at_that_moment("38.75")
    assert again.replayed and again.position == first.position
    assert code_of(lambda: at_that_moment("38.80")) == "position_at_same_time"
    assert Position.objects.count() == 1


def test_a_position_after_the_end_is_refused(kai, out):
    services.end_patrol(kai, out.pk, ended_at=minutes_ago(60))
    assert code_of(lambda: report(kai, out, 30)) == "position_after_end"
    assert not report(kai, out, 90).replayed  # reported late, within the patrol: kept


def test_pasted_lines_keep_the_good_ones_and_name_the_bad_ones(kai, out):
    post = out.sector.post
    times = [f"{services.on_post_clock(post, minutes_ago(m)):%H:%M}" for m in (90, 80, 70, 60)]
    text = "\n".join(
        [
            "time,lat,lon",
            f"{times[0]}, 38.70, -9.50",
            f"{times[1]}, 93.00, -9.50",
            f"{times[2]}; 38°43.0'N; 9°29.0'W",
            "what",
            f"{times[3]}, 38.74, -9.48",
            f"{times[0]}, 38.70, -9.50",  # the first line again
        ]
    )
    outcome = services.report_pasted_positions(kai, out.pk, text)
    assert len(outcome.kept) == 3 and outcome.already == [7]
    assert [(p.number, p.code) for p in outcome.problems] == [(3, "latitude_out_of_range"), (5, "invalid_line")]
    assert {p.source for p in Position.objects.all()} == {"pasted"} and Position.objects.count() == 3
    again = services.report_pasted_positions(kai, out.pk, text)  # pasted twice: nothing stored twice
    assert again.kept == [] and Position.objects.count() == 3


def test_a_pasted_line_the_patrol_cannot_have_reported_is_a_bad_line(kai, out):
    late = f"{services.on_post_clock(out.sector.post, timezone.now() + timedelta(hours=2)):%Y-%m-%d %H:%M}"
    early = f"{services.on_post_clock(out.sector.post, minutes_ago(600)):%Y-%m-%d %H:%M}"
    outcome = services.report_pasted_positions(kai, out.pk, f"{late},38.7,-9.5\n{early},38.7,-9.5")
    assert [(p.number, p.code) for p in outcome.problems] == [(1, "time_in_future"), (2, "position_before_start")]
    assert code_of(lambda: services.report_pasted_positions(kai, out.pk, "06:40,38.7,-9.5\n" * 501)) == (
        "too_many_lines"
    )


def test_a_wrong_position_is_withdrawn_kept_and_left_off_the_track(kai, lena, out):
    report(kai, out, 60, lat="38.70")
    slip = report(kai, out, 55, lat="39.70").position  # a degree typed wrong
    report(kai, out, 50, lat="38.72")
    page = services.patrol_page(kai, out.pk)
    assert [w.code for w in page.track.warnings][:2] == ["implausible_jump", "implausible_jump"]
    assert slip.pk in page.track.warned
    assert code_of(lambda: services.withdraw_position(lena, slip.pk, "  ")) == "reason_required"
    services.withdraw_position(lena, slip.pk, "Typed 39 for 38", patrol_id=out.pk)
    assert code_of(lambda: services.withdraw_position(lena, slip.pk, "again")) == "position_already_withdrawn"
    slip.refresh_from_db()
    assert slip.withdrawn_by == lena and slip.withdrawal_reason == "Typed 39 for 38"
    page = services.patrol_page(kai, out.pk)
    assert len(page.positions) == 3 and len(page.track.fixes) == 2 and page.track.warnings == []
    assert page.track.length.unit == "nm" and page.track.length.value == pytest.approx(1.2, abs=0.05)
    event = AuditEvent.objects.get(action="patrols.position.withdraw")
    assert event.new_values["reason"] == "Typed 39 for 38" and event.actor_username == "lena"
    corrected = report(kai, out, 55, lat="38.71")  # the moment is free again for the right position
    assert not corrected.replayed


def test_a_position_of_another_patrol_is_not_withdrawn_from_this_one(kai, lena, out, launch):
    other = services.start_patrol(
        lena, post_code="UTPSN", unit_id=launch.pk, crew=[(lena.pk, "")], started_at=minutes_ago(30)
    )
    theirs = report(lena, other, 20).position
    assert code_of(lambda: services.withdraw_position(kai, theirs.pk, "wrong", patrol_id=out.pk)) == (
        "position_not_found"
    )
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None


# --- another sector's officers ----------------------------------------------------------------------------------


def test_another_sectors_officer_reaches_nothing_here(uphill, out, boat, kai):
    position = report(kai, out, 30).position
    refused = [
        lambda: services.sector_page(uphill, post_code="UTPSN"),
        lambda: services.patrol_page(uphill, out.pk),
        lambda: services.patrol_log(uphill, post_code="UTPSN"),
        lambda: services.report_position(uphill, out.pk, at=minutes_ago(5), latitude="38.7", longitude="-9.5"),
        lambda: services.report_pasted_positions(uphill, out.pk, "06:40,38.7,-9.5"),
        lambda: services.withdraw_position(uphill, position.pk, "not mine"),
        lambda: services.end_patrol(uphill, out.pk, ended_at=minutes_ago(1)),
        lambda: services.deactivate_unit(uphill, boat.pk),
        lambda: services.add_unit(uphill, post_code="UTPSN", kind="boat", call_sign="MINE"),
        lambda: services.save_sector(uphill, post_code="UTPSN", terrain="land", boundary="0,0\n0,1\n1,1"),
    ]
    assert {code_of(call) for call in refused} == {"not_your_post"}
    assert Position.objects.count() == 1 and boat.sector.units.count() == 1
    assert code_of(lambda: services.patrol_page(uphill, 999_999)) == "patrol_not_found"


def test_a_post_without_a_sector_says_so(kai, coast):
    assert services.sector_page(kai, post_code="UTPSN").sector is None
    assert code_of(lambda: services.patrol_log(kai, post_code="UTPSN")) == "sector_not_found"


# --- the day's log ------------------------------------------------------------------------------------------------


def test_the_days_log_holds_the_patrols_out_that_day_on_the_posts_clock(kai, out, launch, lena):
    report(kai, out, 90)
    report(kai, out, 60, lat="38.80")
    log = services.patrol_log(kai, post_code="UTPSN")
    assert log.day == out.sector.post.local_date()
    assert [row.patrol for row in log.rows] == [out] and log.rows[0].track.length.value > 2.9
    yesterday = services.patrol_log(kai, post_code="UTPSN", day=log.day - timedelta(days=2))
    assert yesterday.rows == []
