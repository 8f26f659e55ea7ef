"""The sector's map of a day, drawn on the server as plain SVG from Borderdesk's own data: no tiles, no network, so
it works on a border post's closed network. The boundary, each patrol's track of the day (a line through its live
positions, with start and end markers), and the incidents of the sector that day (a marker shape per kind), with a
scale bar; the page shows the same data as tables beside it.

Everything here is numbers and records: the template writes the SVG, escaping every text it draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from borderdesk.apps.common.services import service, the_post_code
from borderdesk.apps.incidents.models import Incident, IncidentKind
from borderdesk.apps.patrols.models import Patrol, Sector
from borderdesk.apps.patrols.services import (
    READ,
    Track,
    day_bounds,
    on_post_clock,
    patrols_of_day,
    sector_at,
    track_of,
)
from borderdesk.apps.posts.models import Post
from borderdesk.core import patrols as core

WIDTH, HEIGHT, PADDING = 800, 560, 28
SCALE_MAX_PIXELS = WIDTH / 4
SCALE_LEFT = 16
# Track colours: USWDS's blue, red, green, violet, orange and cyan, each dark enough on white (WCAG 1.4.11).
COLOURS = ("#005ea2", "#b50909", "#00a91c", "#54278f", "#c05600", "#00687d")
# Each kind of incident has its own shape, none of them a track's start (a ring) or end (a square), so the map is
# read without telling colours apart.
MARKERS = {
    IncidentKind.SIGHTING: "diamond",
    IncidentKind.INTERCEPTION: "triangle",
    IncidentKind.APPREHENSION: "cross",
    IncidentKind.RESCUE: "star",
}


def marker_path(shape: str, x: float, y: float, size: float = 7) -> str:
    """An SVG path drawing ``shape`` centred on (x, y), ``size`` from its centre to its edge."""
    s = size
    if shape == "circle":
        return f"M{x - s:.1f},{y:.1f} a{s:.1f},{s:.1f} 0 1,0 {2 * s:.1f},0 a{s:.1f},{s:.1f} 0 1,0 {-2 * s:.1f},0 Z"
    if shape == "square":
        return _polygon(x, y, [(-0.8 * s, -0.8 * s), (0.8 * s, -0.8 * s), (0.8 * s, 0.8 * s), (-0.8 * s, 0.8 * s)])
    if shape == "diamond":
        return _polygon(x, y, [(0, -s), (s, 0), (0, s), (-s, 0)])
    if shape == "triangle":
        return _polygon(x, y, [(0, -s), (s, 0.8 * s), (-s, 0.8 * s)])
    if shape == "cross":
        w = 0.35 * s
        arms = [(-w, -s), (w, -s), (w, -w), (s, -w), (s, w), (w, w), (w, s), (-w, s), (-w, w), (-s, w), (-s, -w)]
        return _polygon(x, y, [*arms, (-w, -w)])
    if shape == "star":
        corners = []
        for n in range(10):
            radius = s if n % 2 == 0 else 0.45 * s
            angle = math.pi * n / 5
            corners.append((radius * math.sin(angle), -radius * math.cos(angle)))
        return _polygon(x, y, corners)
    raise ValueError(f"no marker shape {shape!r}")


def _polygon(x: float, y: float, corners: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners) + " Z"


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    time: str  # on the post's clock
    where: str  # degrees and minutes


@dataclass(frozen=True)
class MapTrack:
    patrol: Patrol
    colour: str
    track: Track
    points: list[MapPoint]
    start_marker: str  # SVG paths
    end_marker: str  # empty while the patrol is out
    label_at: tuple[float, float] | None  # where the call sign is written: beside the start

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class MapIncident:
    incident: Incident
    shape: str
    marker: str
    time: str
    where: str


@dataclass(frozen=True)
class Legend:
    label: str
    shape: str
    path: str  # drawn on a 20 x 20 box


@dataclass(frozen=True)
class SectorMap:
    post: Post
    sector: Sector
    day: date
    width: int
    height: int
    boundary: str  # SVG polygon points
    tracks: list[MapTrack]
    incidents: list[MapIncident]
    scale: core.ScaleBar
    legend: list[Legend]

    @property
    def previous_day(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def next_day(self) -> date:
        return self.day + timedelta(days=1)

    @property
    def scale_y(self) -> int:
        return self.height - 16

    @property
    def scale_end_x(self) -> float:
        return SCALE_LEFT + self.scale.pixels

    @property
    def scale_left(self) -> int:
        return SCALE_LEFT


@service(READ, post=the_post_code)
def sector_map(actor, *, post_code, day: date | None = None) -> SectorMap:
    """The sector's map of the post's day (today at the post by default)."""
    sector = sector_at(post_code)
    post = sector.post
    day = day or post.local_date()
    patrols = list(patrols_of_day(sector, day).prefetch_related("positions"))
    tracks = [track_of(patrol, list(patrol.positions.all())) for patrol in patrols]
    start, end = day_bounds(post, day)
    incidents = list(
        Incident.objects.filter(sector=sector, occurred_at__gte=start, occurred_at__lt=end).order_by("occurred_at")
    )
    points = [*sector.boundary, *(fix.point for track in tracks for fix in track.fixes)]
    points += [(incident.latitude, incident.longitude) for incident in incidents]
    box = core.BoundingBox.around(points) or core.BoundingBox(-1, -1, 1, 1)
    projection = core.Projection.fit(box, WIDTH, HEIGHT, PADDING)

    def at(lat, lon, moment) -> MapPoint:
        x, y = projection.to_svg(lat, lon)
        return MapPoint(x, y, f"{on_post_clock(post, moment):%H:%M}", core.as_degrees_minutes(lat, lon))

    map_tracks = []
    for n, (patrol, track) in enumerate(zip(patrols, tracks, strict=True)):
        drawn = [at(fix.latitude, fix.longitude, fix.at) for fix in track.fixes]
        first, last = (drawn[0], drawn[-1]) if drawn else (None, None)
        map_tracks.append(
            MapTrack(
                patrol,
                COLOURS[n % len(COLOURS)],
                track,
                drawn,
                marker_path("circle", first.x, first.y, 6) if first else "",
                marker_path("square", last.x, last.y, 7) if last and patrol.ended_at else "",
                # above the start, or below it for every other track: tracks often set out from one harbour
                (first.x + 10, first.y + (-8 if n % 2 == 0 else 20)) if first else None,
            )
        )
    map_incidents = []
    for incident in incidents:
        point = at(incident.latitude, incident.longitude, incident.occurred_at)
        shape = MARKERS.get(incident.kind, "diamond")
        map_incidents.append(
            MapIncident(incident, shape, marker_path(shape, point.x, point.y), point.time, point.where)
        )
    return SectorMap(
        post=post,
        sector=sector,
        day=day,
        width=WIDTH,
        height=HEIGHT,
        boundary=" ".join("{},{}".format(*projection.to_svg(lat, lon)) for lat, lon in sector.boundary),
        tracks=map_tracks,
        incidents=map_incidents,
        scale=core.scale_bar(projection, sector.terrain, SCALE_MAX_PIXELS),
        legend=_legend(),
    )


def _legend() -> list[Legend]:
    marks = [
        Legend("Start of a track", "circle", marker_path("circle", 10, 10, 6)),
        Legend("End of a track (the patrol is back)", "square", marker_path("square", 10, 10, 7)),
    ]
    return marks + [
        Legend(
            f"Incident: {label.lower()}", MARKERS[IncidentKind(kind)], marker_path(MARKERS[IncidentKind(kind)], 10, 10)
        )
        for kind, label in IncidentKind.choices
    ]
