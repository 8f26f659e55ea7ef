"""The sector's map of a day: plain SVG from our own records (no tiles, nothing fetched): the boundary, the day's
tracks with start and end markers, the sector's incidents by kind, a scale bar, and the same data in tables."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from borderdesk.apps.incidents.models import Incident
from borderdesk.apps.patrols import maps, services
from tests.apps.patrols.conftest import yesterday_at


def incident(sector, officer, kind, reference, lat, lon, when, patrol=None):
    """Stored directly: the incidents app records them; the map only reads the table."""
    return Incident.objects.create(
        reference=reference,
        kind=kind,
        sector=sector,
        patrol=patrol,
        occurred_at=when,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        recorded_by=officer,
    )


@pytest.fixture
def yesterday(kai, lena, boat, launch, hill_patrol):
    """Yesterday at the post: the boat out from 08:00 and not back, with three positions (one more withdrawn), the
    launch out 09:00 to 11:00, and incidents of the sector that day and another."""
    post = boat.sector.post

    def at(clock):
        return yesterday_at(post, clock)

    still_out = services.start_patrol(
        kai, post_code="UTPSN", unit_id=boat.pk, crew=[(kai.pk, "")], started_at=at("08:00")
    )
    for clock, lat in (("08:10", "38.70"), ("08:40", "38.75"), ("09:10", "38.80")):
        services.report_position(kai, still_out.pk, at=at(clock), latitude=lat, longitude="-9.50")
    slip = services.report_position(kai, still_out.pk, at=at("09:20"), latitude="39.90", longitude="-9.50").position
    services.withdraw_position(kai, slip.pk, "typed wrong")
    back = services.start_patrol(
        lena, post_code="UTPSN", unit_id=launch.pk, crew=[(lena.pk, "")], started_at=at("09:00")
    )
    for clock, lon in (("09:15", "-9.40"), ("10:30", "-9.35")):
        services.report_position(lena, back.pk, at=at(clock), latitude="38.65", longitude=lon)
    services.end_patrol(lena, back.pk, ended_at=at("11:00"))
    sector = still_out.sector
    incident(sector, kai, "sighting", "INC-UTPSN-1", "38.78", "-9.45", at("08:50"), patrol=still_out)
    incident(sector, kai, "rescue", "INC-UTPSN-2", "38.66", "-9.36", at("10:00"))
    incident(sector, kai, "apprehension", "INC-UTPSN-OLD", "38.7", "-9.4", at("10:00") - timedelta(days=2))
    incident(hill_patrol.sector, kai, "interception", "INC-UTHIL-1", "40.95", "-7.0", at("10:00"))
    return post.local_date() - timedelta(days=1)


def svg_of(page: str) -> str:
    return page[page.index("<svg") : page.index("</svg>") + 6]


def test_the_map_draws_the_days_tracks_and_incidents_of_the_sector(client_for, kai, yesterday):
    page = client_for(kai).get(f"/patrols/sectors/UTPSN/map?day={yesterday}").content.decode()
    svg = svg_of(page)
    assert svg.count('data-testid="map-boundary"') == 1
    assert svg.count('data-testid="map-track"') == 2 and svg.count('data-testid="map-track-line"') == 2
    assert svg.count('data-testid="map-position"') == 5  # the withdrawn one is off the map
    assert svg.count('data-testid="map-start"') == 2 and svg.count('data-testid="map-end"') == 1  # one is out
    assert re.findall(r'data-kind="(\w+)"', svg) == ["sighting", "rescue"]  # this sector, this day
    assert "39°54" not in page  # the withdrawn position, nowhere
    assert "INC-UTHIL-1" not in page and "INC-UTPSN-OLD" not in page
    assert 'data-testid="map-scale"' in svg and re.search(r">\d+(\.\d+)? nm</text>", svg)
    tables = page[page.index('data-testid="map-tracks"') :]
    assert "UTP-RHIB-1" in tables and "UTP-PB-2" in tables and "INC-UTPSN-2" in tables
    assert tables.count("38°48.000&#x27;N 9°30.000&#x27;W") == 1  # the boat's last position, as the table writes it


def test_everything_drawn_is_on_the_canvas_and_nothing_is_fetched(client_for, kai, yesterday):
    page = client_for(kai).get(f"/patrols/sectors/UTPSN/map?day={yesterday}").content.decode()
    svg = svg_of(page)
    numbers = [float(n) for n in re.findall(r'(?:cx|cy|x|y)="(-?[\d.]+)"', svg)]
    numbers += [float(n) for pair in re.findall(r'points="([^"]+)"', svg) for n in re.split(r"[ ,]", pair)]
    assert numbers and all(0 <= n <= maps.WIDTH for n in numbers)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no tiles, fonts or scripts from elsewhere
    assert "<img" not in svg and "<image" not in svg


def test_every_text_in_the_svg_is_escaped(client_for, kai, sea):
    when = yesterday_at(sea.post, "12:00")
    incident(sea, kai, "sighting", '<b onload="x">&', "38.7", "-9.45", when)
    svg = svg_of(client_for(kai).get(f"/patrols/sectors/UTPSN/map?day={when.date()}").content.decode())
    assert "<b onload" not in svg and "&lt;b onload=&quot;x&quot;&gt;&amp;" in svg


def test_a_day_without_patrols_still_shows_the_sector(client_for, kai, sea):
    week_ago = (sea.post.local_date() - timedelta(days=7)).isoformat()
    answer = client_for(kai).get(f"/patrols/sectors/UTPSN/map?day={week_ago}")
    page = answer.content.decode()
    assert answer.status_code == 200 and 'data-testid="no-tracks"' in page and 'data-testid="map-boundary"' in page
    assert client_for(kai).get("/patrols/sectors/UTPSN/map?day=2026-13-01").status_code == 422
    answer = client_for(kai).get("/patrols/sectors/UTPSN/map?day=9999-12-31")
    assert answer.status_code == 422 and b"date_out_of_range" in answer.content


@pytest.mark.parametrize("shape", ["circle", "square", "diamond", "triangle", "cross", "star"])
def test_each_marker_is_a_closed_path_around_its_point(shape):
    path = maps.marker_path(shape, 100, 50, 7)
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d", path)]
    assert path.startswith("M") and path.endswith("Z") and numbers
    if shape != "circle":  # a circle's path is written with relative arcs
        xs, ys = numbers[0::2], numbers[1::2]
        assert min(xs) >= 93 and max(xs) <= 107 and min(ys) >= 43 and max(ys) <= 57


def test_each_kind_of_incident_has_its_own_shape_apart_from_the_tracks_markers():
    shapes = list(maps.MARKERS.values())
    assert len(set(shapes)) == len(shapes) and not {"circle", "square"} & set(shapes)
