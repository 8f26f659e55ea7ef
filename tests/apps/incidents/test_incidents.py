"""Recording an incident at a sector (of a patrol of that sector or of none), its reference, its time on the post's
clock and its position; bad input refused with a code and nothing stored; the day's list; another post's incident
refused and recorded as such."""

from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from borderdesk.apps.incidents import services
from borderdesk.apps.incidents.models import Incident
from borderdesk.apps.patrols.models import Patrol, Unit
from tests.apps.incidents.conftest import form


def test_an_incident_gets_its_sectors_reference_and_is_audited(patrol_officer, sea):
    post = sea.post
    first = services.record_incident(patrol_officer, post=post, form=form(post))
    sighting = form(post, kind="sighting", people_estimated="12")
    second = services.record_incident(patrol_officer, post=post, form=sighting)
    year = post.local_date().year
    assert [first.reference, second.reference] == [f"INC-UTPSN-{year}-000001", f"INC-UTPSN-{year}-000002"]
    assert first.sector == sea and first.patrol is None and first.recorded_by == patrol_officer
    assert str(first.latitude) == "41.230100" and str(first.longitude) == "-8.750200"
    assert first.place == "2 nm off Leixões" and second.people_estimated == 12
    assert abs(first.occurred_at - (timezone.now() - timedelta(minutes=30))) < timedelta(minutes=1)
    event = AuditEvent.objects.get(action="incidents.incident.record", object_id=str(first.pk))
    assert event.post_code == "UTPSN" and event.new_values["reference"] == first.reference


def test_an_incident_of_a_patrol_of_the_sector(patrol_officer, sea, boat_patrol, land):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post, patrol=str(boat_patrol.pk)))
    assert incident.patrol == boat_patrol
    land_unit = Unit.objects.create(sector=land, kind="vehicle", call_sign="LAND 1")
    theirs = Patrol.objects.create(
        sector=land, unit=land_unit, started_at=timezone.now() - timedelta(hours=3), logged_by=patrol_officer
    )
    for value, code in [
        (str(theirs.pk), "patrol_not_in_sector"),
        ("987654", "patrol_not_in_sector"),
        ("first", "invalid_id"),
    ]:
        with pytest.raises(Invalid) as refused:
            services.record_incident(patrol_officer, post=sea.post, form=form(sea.post, patrol=value))
        assert refused.value.code == code
    with pytest.raises(Invalid) as before:  # three hours ago: the boat went out two hours ago
        services.record_incident(
            patrol_officer, post=sea.post, form=form(sea.post, minutes_ago=180, patrol=str(boat_patrol.pk))
        )
    assert before.value.code == "time_outside_patrol" and Incident.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"latitude": "91"}, "latitude_out_of_range", "latitude"),
        ({"longitude": "-180.5"}, "longitude_out_of_range", "longitude"),
        ({"latitude": "forty-one north"}, "invalid_coordinate", "latitude"),
        ({"longitude": "41°14'N"}, "invalid_coordinate", "longitude"),
        ({"minutes_ago": -60}, "time_in_future", "time"),
        ({"minutes_ago": 31 * 24 * 60}, "time_too_old", "day"),
        ({"day": "2026-02-30"}, "invalid_date", "day"),
        ({"time": "25:00"}, "invalid_time", "time"),
        ({"kind": "picnic"}, "unknown_kind", "kind"),
        ({"circumstances": "x" * 5001}, "circumstances_too_long", "circumstances"),
        ({"place": "x" * 10**6}, "place_too_long", "place"),
        ({"people_estimated": "-3"}, "people_estimated_invalid", "people_estimated"),
        ({"circumstances": "nul \x00 byte"}, "nul_character", "circumstances"),
    ],
)
def test_bad_input_is_a_clear_error_and_stores_nothing(patrol_officer, sea, fields, code, field):
    with pytest.raises(Invalid) as refused:
        services.record_incident(patrol_officer, post=sea.post, form=form(sea.post, **fields))
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not Incident.objects.exists() and not AuditEvent.objects.filter(action__startswith="incidents.").exists()
    good = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    assert good.reference.endswith("-000001"), "a refused report takes no number"


def test_a_position_in_degrees_and_minutes_as_patrols_write_it(patrol_officer, sea):
    typed = form(sea.post, latitude="41°13.806'N", longitude="8°45.012'W")
    incident = services.record_incident(patrol_officer, post=sea.post, form=typed)
    assert (str(incident.latitude), str(incident.longitude)) == ("41.230100", "-8.750200")


def test_a_post_without_a_sector_is_told_so(make_user, port):
    officer = make_user("portpatrol", "patrol_officer", posts=[port.code])
    with pytest.raises(Invalid) as refused:
        services.record_incident(officer, post=port, form=form(port))
    assert refused.value.code == "no_sector"


def test_only_the_sectors_officers_record_and_read_its_incidents(patrol_officer, land_officer, sea, officer):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    for outsider in (land_officer, officer):
        with pytest.raises(PermissionDenied):
            services.record_incident(outsider, post=sea.post, form=form(sea.post))
        with pytest.raises(PermissionDenied):
            services.incident_page(outsider, incident.reference)
    with pytest.raises(PermissionDenied) as elsewhere:
        services.incident_page(land_officer, incident.reference)
    assert elsewhere.value.code == "not_your_post"
    for unknown in ("INC-UTPSN-2026-999999", incident.reference + "9" * 10_000):
        with pytest.raises(NotFound) as missing:
            services.incident_page(patrol_officer, unknown)
        assert missing.value.code == "incident_not_found"
    assert Incident.objects.count() == 1


def test_the_days_list_counts_without_names(patrol_officer, sea):
    post = sea.post
    today = services.record_incident(patrol_officer, post=post, form=form(post, minutes_ago=0))
    yesterday = post.local_date() - timedelta(days=1)
    services.record_incident(patrol_officer, post=post, form=form(post, day=yesterday.isoformat(), time="12:00"))
    day = services.incidents_of_day(patrol_officer, post=post)
    assert day.day == post.local_date() and [row.incident for row in day.rows] == [today]
    assert day.rows[0].people == 0 and day.next is None
    before = services.incidents_of_day(patrol_officer, post=post, day=yesterday.isoformat())
    assert len(before.rows) == 1 and before.next == post.local_date()
    with pytest.raises(Invalid) as refused:
        services.incidents_of_day(patrol_officer, post=post, day="yesterday")
    assert refused.value.code == "invalid_date"
