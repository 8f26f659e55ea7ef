"""Patrols' pages: a sector set up, a patrol started, positions typed and pasted (bad ones named, good ones kept),
a wrong one withdrawn, the patrol ended; the day's log; other sectors' pages refused and recorded."""

import re
from datetime import timedelta

from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.patrols import services
from borderdesk.apps.patrols.models import Patrol, Position, Sector
from tests.apps.patrols.conftest import SEA_BOUNDARY, minutes_ago


def local(post, moment):
    return services.on_post_clock(post, moment)


def test_a_patrol_officer_sets_up_the_sector_and_its_units(client_for, kai, coast):
    http = client_for(kai)
    page = http.get("/patrols/", follow=True)
    assert page.redirect_chain[-1][0] == "/patrols/sectors/UTPSN/"
    assert 'data-testid="no-sector"' in page.content.decode()
    answer = http.post("/patrols/sectors/UTPSN/boundary", {"terrain": "sea", "boundary": "0,0\n1,1\n0,1\n1,0"})
    assert answer.status_code == 422 and b"boundary_self_intersects" in answer.content
    assert b"0,0\n1,1\n0,1\n1,0" in answer.content  # what was typed is there to correct
    assert not Sector.objects.exists()
    answer = http.post("/patrols/sectors/UTPSN/boundary", {"terrain": "sea", "boundary": SEA_BOUNDARY})
    assert answer.status_code == 302
    answer = http.post("/patrols/sectors/UTPSN/units", {"kind": "boat", "call_sign": "UTP-RHIB-1"})
    assert answer.status_code == 302
    page = http.get("/patrols/sectors/UTPSN/").content.decode()
    assert 'data-testid="unit-UTP-RHIB-1"' in page and "Sea sector, its boundary of 4 points" in page
    answer = http.post("/patrols/sectors/UTPSN/units", {"kind": "boat", "call_sign": "UTP-RHIB-1"})
    assert answer.status_code == 409 and b"call_sign_taken" in answer.content


def test_a_patrol_is_started_reported_and_ended_through_its_pages(client_for, kai, lena, boat):
    http = client_for(kai)
    form = http.get("/patrols/sectors/UTPSN/start").content.decode()
    assert 'data-testid="crew-kai"' in form and "checked" in form
    when = local(boat.sector.post, minutes_ago(60))
    answer = http.post(
        "/patrols/sectors/UTPSN/start",
        {
            "unit": boat.pk,
            "crew": [kai.pk, lena.pk],
            f"role-{kai.pk}": "coxswain",
            "tasking": "Watch the point",
            "day": f"{when:%Y-%m-%d}",
            "time": f"{when:%H:%M}",
        },
    )
    patrol = Patrol.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/patrols/{patrol.pk}/"

    at = local(boat.sector.post, minutes_ago(40))
    refused = http.post(f"/patrols/{patrol.pk}/positions", {"at": f"{at:%H:%M}", "latitude": "95", "longitude": "-9.5"})
    body = refused.content.decode()
    assert refused.status_code == 422 and "latitude_out_of_range" in body and "Latitude 95 is out of range" in body
    assert 'value="95"' in body  # kept in the form to correct
    kept = http.post(f"/patrols/{patrol.pk}/positions", {"at": f"{at:%H:%M}", "latitude": "38.75", "longitude": "-9.5"})
    assert kept.status_code == 302 and Position.objects.count() == 1

    times = [f"{local(boat.sector.post, minutes_ago(m)):%H:%M}" for m in (30, 20)]
    pasted = http.post(
        f"/patrols/{patrol.pk}/positions/pasted", {"lines": f"{times[0]},38.76,-9.49\n{times[1]},38.77,-200\n"}
    )
    body = pasted.content.decode()
    assert pasted.status_code == 200 and 'data-testid="line-2"' in body and "longitude_out_of_range" in body
    assert f"{times[1]},38.77,-200" in body  # the bad line is left in the box to correct
    assert Position.objects.count() == 2

    wrong = Position.objects.latest("at")
    answer = http.post(f"/patrols/{patrol.pk}/positions/{wrong.pk}/withdraw", {"reason": "Wrong boat"})
    assert answer.status_code == 302
    page = http.get(f"/patrols/{patrol.pk}/").content.decode()
    assert "Withdrawn" in page and "Wrong boat" in page and "<del>" in page
    assert re.search(rf'href="/incidents/new/?\?patrol={patrol.pk}" data-testid="record-incident"', page)

    back = local(boat.sector.post, minutes_ago(5))
    answer = http.post(f"/patrols/{patrol.pk}/end", {"day": f"{back:%Y-%m-%d}", "time": f"{back:%H:%M}"})
    assert answer.status_code == 302
    again = http.post(f"/patrols/{patrol.pk}/end", {"day": f"{back:%Y-%m-%d}", "time": f"{back:%H:%M}"})
    assert again.status_code == 409 and b"patrol_already_ended" in again.content
    page = http.get(f"/patrols/{patrol.pk}/").content.decode()
    assert 'data-testid="end-form"' not in page and "Lasted" in page


def test_starting_in_the_future_is_refused_with_the_form_kept(client_for, kai, boat):
    later = local(boat.sector.post, timezone.now() + timedelta(hours=3))
    answer = client_for(kai).post(
        "/patrols/sectors/UTPSN/start",
        {"unit": boat.pk, "crew": [kai.pk], "tasking": "Dawn", "day": f"{later:%Y-%m-%d}", "time": f"{later:%H:%M}"},
    )
    body = answer.content.decode()
    assert answer.status_code == 422 and "time_in_future" in body and 'value="Dawn"' in body
    assert not Patrol.objects.exists()


def test_the_days_log_lists_the_patrol_with_its_track(client_for, kai, out):
    services.report_position(kai, out.pk, at=minutes_ago(60), latitude="38.7", longitude="-9.5")
    services.report_position(kai, out.pk, at=minutes_ago(30), latitude="38.8", longitude="-9.5")
    page = client_for(kai).get("/patrols/sectors/UTPSN/log").content.decode()
    assert 'data-testid="log-UTP-RHIB-1"' in page and "6.0 nm, 2 positions" in page
    answer = client_for(kai).get("/patrols/sectors/UTPSN/log?day=yesterday")
    assert answer.status_code == 422 and b"invalid_date" in answer.content


def test_another_sectors_pages_are_refused_and_recorded(client_for, uphill, out, kai):
    position = services.report_position(kai, out.pk, at=minutes_ago(30), latitude="38.7", longitude="-9.5").position
    http = client_for(uphill)
    pages = [
        ("get", "/patrols/sectors/UTPSN/", {}),
        ("get", "/patrols/sectors/UTPSN/log", {}),
        ("get", "/patrols/sectors/UTPSN/map", {}),
        ("get", "/patrols/sectors/UTPSN/start", {}),
        ("get", f"/patrols/{out.pk}/", {}),
        ("post", f"/patrols/{out.pk}/positions", {"at": "06:40", "latitude": "38.7", "longitude": "-9.5"}),
        ("post", f"/patrols/{out.pk}/positions/{position.pk}/withdraw", {"reason": "not mine"}),
        ("post", f"/patrols/{out.pk}/end", {"day": "2026-01-01", "time": "06:00"}),
    ]
    for method, url, data in pages:
        before = AuditEvent.objects.filter(action="access.denied").count()
        answer = getattr(http, method)(url, data)
        assert answer.status_code == 403, url
        assert b"not_your_post" in answer.content and b"38.7" not in answer.content
        assert AuditEvent.objects.filter(action="access.denied").count() == before + 1, url
    out.refresh_from_db()
    position.refresh_from_db()
    assert out.ended_at is None and position.withdrawn_at is None and Position.objects.count() == 1


def test_a_call_sign_is_escaped_everywhere_it_is_shown(client_for, kai, sea):
    http = client_for(kai)
    http.post("/patrols/sectors/UTPSN/units", {"kind": "boat", "call_sign": "<script>alert(1)</script>"})
    unit = sea.units.get()
    patrol = services.start_patrol(
        kai, post_code="UTPSN", unit_id=unit.pk, crew=[(kai.pk, "")], started_at=minutes_ago(30)
    )
    services.report_position(kai, patrol.pk, at=minutes_ago(20), latitude="38.7", longitude="-9.5")
    for url in ("/patrols/sectors/UTPSN/", f"/patrols/{patrol.pk}/", "/patrols/sectors/UTPSN/map"):
        body = http.get(url).content.decode()
        assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url
