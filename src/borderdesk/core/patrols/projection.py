"""Drawing a sector: an equirectangular projection of its bounding box onto an SVG canvas (north up, x grows east,
y grows south), true to scale at the box's middle latitude, which is near enough across a sector; and a scale bar
of a round length."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from borderdesk.core.patrols.geometry import EARTH_RADIUS_KM, KM_PER_NAUTICAL_MILE

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # along a meridian
MIN_SPAN = 0.01  # degrees: a box around one point still shows a few hundred metres


@dataclass(frozen=True)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def around(cls, points: Iterable[Sequence], *, margin: float = 0.05) -> BoundingBox | None:
        """The box around ``(latitude, longitude)`` points, widened by ``margin`` of its span on each side and to
        at least ``MIN_SPAN``; None for no points."""
        lats, lons = [], []
        for point in points:
            lats.append(float(point[0]))
            lons.append(float(point[1]))
        if not lats:
            return None
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        pad_lat = max((north - south) * margin, (MIN_SPAN - (north - south)) / 2, 0)
        pad_lon = max((east - west) * margin, (MIN_SPAN - (east - west)) / 2, 0)
        south, north = max(south - pad_lat, -90.0), min(north + pad_lat, 90.0)
        return cls(south, max(west - pad_lon, -180.0), north, min(east + pad_lon, 180.0))

    @property
    def middle_latitude(self) -> float:
        return (self.south + self.north) / 2


@dataclass(frozen=True)
class Projection:
    box: BoundingBox
    width: float
    height: float
    pixels_per_degree: float  # of latitude
    x_stretch: float  # cos(middle latitude): a degree of longitude is this share of a degree of latitude
    left: float
    top: float

    @classmethod
    def fit(cls, box: BoundingBox, width: float, height: float, padding: float = 20) -> Projection:
        """The largest scale at which the box fits the canvas inside ``padding``, centred."""
        stretch = max(math.cos(math.radians(box.middle_latitude)), 0.01)
        span_x = max((box.east - box.west) * stretch, 1e-9)
        span_y = max(box.north - box.south, 1e-9)
        scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
        left = padding + ((width - 2 * padding) - span_x * scale) / 2
        top = padding + ((height - 2 * padding) - span_y * scale) / 2
        return cls(box, width, height, scale, stretch, left, top)

    def to_svg(self, latitude: Decimal | float, longitude: Decimal | float) -> tuple[float, float]:
        """SVG coordinates of the point, to a tenth of a pixel."""
        x = self.left + (float(longitude) - self.box.west) * self.x_stretch * self.pixels_per_degree
        y = self.top + (self.box.north - float(latitude)) * self.pixels_per_degree
        return round(x, 1), round(y, 1)

    @property
    def pixels_per_km(self) -> float:
        return self.pixels_per_degree / KM_PER_DEGREE


@dataclass(frozen=True)
class ScaleBar:
    value: float
    unit: str
    pixels: float

    @property
    def label(self) -> str:
        return f"{self.value:g} {self.unit}"


def scale_bar(projection: Projection, terrain: str, max_pixels: float) -> ScaleBar:
    """The longest round length (1, 2 or 5 times a power of ten, in nautical miles at sea and kilometres on land)
    whose bar is at most ``max_pixels`` long."""
    unit, km_per_unit = ("nm", KM_PER_NAUTICAL_MILE) if terrain == "sea" else ("km", 1.0)
    pixels_per_unit = projection.pixels_per_km * km_per_unit
    best = ScaleBar(0.01, unit, 0.01 * pixels_per_unit)
    for exponent in range(-2, 5):
        for step in (1, 2, 5):
            value = step * 10.0**exponent
            if value * pixels_per_unit <= max_pixels:
                best = ScaleBar(round(value, 2), unit, round(value * pixels_per_unit, 1))
    return best
