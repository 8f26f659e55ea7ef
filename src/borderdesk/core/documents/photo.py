"""Realistic photographs of data pages, made from a seed: for the image reader's tests, its training and its
benchmark (no real person's document is ever needed).

A page (TD3 passport data page, TD2 or TD1 card) is drawn with Pillow: a tinted background with guilloche lines,
a photo box, printed labels and values, and the zone in OCR-B at the ICAO pitch (2.54 mm, 10 px per mm on the
page). It is then "photographed": laid on a table, turned by any angle (right angles included), given a small
perspective, scaled to a camera frame, lit unevenly, blurred, given sensor noise and saved as a JPEG.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .generator import MrzFields, generate_mrz

OCR_B_FONT = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"  # Debian's fonts-ocr-b
PRINT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian's fonts-dejavu-core
PX_PER_MM = 10
PITCH_MM = 2.54
# Page size in mm and the formats that fit it.
PAGE_MM = {"TD3": (125, 88), "TD2": (105, 74), "TD1": (85.6, 54)}
_SURNAMES = ["ERIKSSON", "OKAFOR", "NGUYEN", "GARCIA LOPEZ", "MULLER", "OBRIEN", "KOWALSKA", "HASSAN", "SATO", "LI"]
_GIVEN = ["ANNA MARIA", "JOHN", "FATIMA", "WEI", "OLUWASEUN", "MARIE CLAIRE", "IVAN", "SOFIA", "KENJI", "AMIR"]
_STATES = ["UTO", "GBR", "FRA", "D", "NGA", "VNM", "ESP", "POL", "EGY", "JPN", "CHN", "USA", "IRL", "BRA", "IND"]


@dataclass(frozen=True, slots=True)
class DataPagePhoto:
    """A JPEG of a photographed data page and the zone printed on it."""

    jpeg: bytes
    lines: tuple[str, ...]
    rotation: float


@lru_cache(maxsize=8)
def ocr_b(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(OCR_B_FONT, size)


@lru_cache(maxsize=8)
def _print_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(PRINT_FONT, size)


def ocr_b_size_for_pitch(pitch: float) -> int:
    """The OCR-B point size whose advance is ``pitch`` pixels (OCR-B is monospaced)."""
    advance_at_100 = ocr_b(100).getlength("0")
    return max(4, round(pitch * 100 / advance_at_100))


def random_zone(rng: random.Random, format: str) -> list[str]:
    """The lines of a valid zone of ``format`` (TD1, TD2, TD3) with varied fields."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    number_length = rng.choice([8, 9, 9, 9])
    number = "".join(rng.choice(letters + "0123456789" * 2) for _ in range(number_length))
    birth = date(1930, 1, 1) + timedelta(days=rng.randrange(365 * 90))
    expiry = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 15))
    optional = "".join(rng.choice(letters + "0123456789") for _ in range(rng.choice([0, 0, 6, 9])))
    fields = MrzFields(
        document_code={"TD3": "P", "TD2": "I", "TD1": "ID"}[format],
        issuing_state=rng.choice(_STATES),
        surname=rng.choice(_SURNAMES),
        given_names=rng.choice([*_GIVEN, ""]),
        document_number=number,
        nationality=rng.choice(_STATES),
        birth_date=birth,
        sex=rng.choice("FMX"),
        expiry_date=expiry,
        optional_data=optional[: 14 if format == "TD3" else 7],
    )
    return generate_mrz(format, fields)


def draw_data_page(rng: random.Random, lines: list[str], format: str) -> Image.Image:
    width_mm, height_mm = PAGE_MM[format]
    width, height = round(width_mm * PX_PER_MM), round(height_mm * PX_PER_MM)
    tint = np.array([rng.randint(215, 250), rng.randint(215, 250), rng.randint(205, 245)], dtype=np.float32)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    wave = np.sin(x / rng.uniform(9, 20) + 6 * np.sin(y / rng.uniform(40, 90))) * rng.uniform(4, 12)
    pixels = np.clip(tint[None, None, :] + wave[..., None], 0, 255).astype(np.uint8)
    page = Image.fromarray(pixels, "RGB")
    draw = ImageDraw.Draw(page)
    pitch = PITCH_MM * PX_PER_MM
    zone_top = height - round((len(lines) * 4.2 + 2.5) * PX_PER_MM)
    photo = (round(5 * PX_PER_MM), round(14 * PX_PER_MM), round(0.28 * width), zone_top - round(4 * PX_PER_MM))
    draw.rectangle(photo, fill=(rng.randint(120, 200),) * 3, outline=(60, 60, 60))
    cx, cy = (photo[0] + photo[2]) // 2, (photo[1] + photo[3]) // 2
    draw.ellipse((cx - 40, cy - 55, cx + 40, cy + 35), fill=(rng.randint(60, 150),) * 3)
    draw.text((5 * PX_PER_MM, 4 * PX_PER_MM), "PASSPORT  PASSEPORT  UTOPIA", font=_print_font(34), fill=(40, 40, 90))
    label_font, value_font = _print_font(16), _print_font(26)
    row_y = photo[1]
    for label, value in _printed_fields(rng, lines):
        if row_y + 48 > zone_top - 10:
            break
        draw.text((photo[2] + 40, row_y), label, font=label_font, fill=(70, 70, 110))
        draw.text((photo[2] + 40, row_y + 17), value, font=value_font, fill=(20, 20, 20))
        row_y += rng.randint(52, 64)
    font = ocr_b(ocr_b_size_for_pitch(pitch))
    left = (width - pitch * len(lines[0])) / 2
    for index, line in enumerate(lines):
        baseline = zone_top + round((index * 4.2 + 3.2) * PX_PER_MM)
        for column, character in enumerate(line):
            draw.text((left + column * pitch, baseline), character, font=font, fill=(15, 15, 20), anchor="ls")
    return page


def _printed_fields(rng: random.Random, lines: list[str]) -> list[tuple[str, str]]:
    words = [word for word in "".join(lines).replace("<", " ").split() if len(word) > 2]
    labels = [
        "Surname / Nom",
        "Given names / Prénoms",
        "Nationality",
        "Date of birth",
        "Sex",
        "Place of birth",
        "Date of issue",
        "Authority",
        "Date of expiry",
    ]
    return [(label, rng.choice(words)[:16]) for label in labels]


def photograph(rng: random.Random, page: Image.Image, rotation: float) -> Image.Image:
    """The page laid on a table and photographed: perspective, rotation, scale, light, blur, noise."""
    table_colour = tuple(rng.randint(60, 190) for _ in range(3))
    margin = round(max(page.size) * rng.uniform(0.08, 0.3))
    canvas = Image.new("RGB", (page.width + 2 * margin, page.height + 2 * margin), table_colour)
    canvas.paste(page, (margin, margin))
    canvas = _perspective(rng, canvas, strength=rng.uniform(0, 0.04))
    canvas = canvas.rotate(rotation, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=table_colour)
    frame_long_side = rng.choice([1280, 1600, 2000, 2400])
    scale = frame_long_side / max(canvas.size)
    canvas = canvas.resize((round(canvas.width * scale), round(canvas.height * scale)), Image.Resampling.BILINEAR)
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.6)))
    pixels = np.asarray(canvas, dtype=np.float32)
    h, w = pixels.shape[:2]
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (x / w - 0.5) * math.cos(angle) + (y / h - 0.5) * math.sin(angle)
    light = 1.0 + rng.uniform(0.15, 0.5) * ramp  # a window on one side
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 9), pixels.shape)
    pixels = np.clip(pixels * light[..., None] + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


def _perspective(rng: random.Random, image: Image.Image, strength: float) -> Image.Image:
    w, h = image.size
    jitter = [(rng.uniform(-1, 1) * strength * w, rng.uniform(-1, 1) * strength * h) for _ in range(4)]
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    moved = [(cx + dx, cy + dy) for (cx, cy), (dx, dy) in zip(corners, jitter, strict=True)]
    coefficients = _perspective_coefficients(corners, moved)
    return image.transform(
        (w, h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR, fillcolor=image.getpixel((0, 0))
    )


def _perspective_coefficients(target: list, source: list) -> tuple:
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(source, dtype=np.float64).reshape(8))
    return tuple(float(value) for value in solution)


def data_page_photo(
    seed: int, format: str | None = None, rotation: float | None = None, lines: list[str] | None = None
) -> DataPagePhoto:
    """The photo of seed ``seed``: a random format (mostly TD3) and a random rotation (a quarter of them exact
    right angles) unless given, with a random zone unless ``lines`` (of ``format``) are given."""
    rng = random.Random(seed)
    format = format or rng.choice(["TD3", "TD3", "TD3", "TD2", "TD1"])
    if rotation is None:
        rotation = rng.choice([0, 90, 180, 270]) + (0 if rng.random() < 0.25 else rng.uniform(-180, 180))
    lines = list(lines) if lines is not None else random_zone(rng, format)
    image = photograph(rng, draw_data_page(rng, lines, format), rotation)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=rng.randint(55, 90))
    return DataPagePhoto(out.getvalue(), tuple(lines), rotation % 360)
