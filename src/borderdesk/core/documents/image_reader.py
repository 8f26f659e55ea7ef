"""Find and read the machine-readable zone on a photo or scan of a data page (`borderdesk mrz read`).

The steps, all numpy and Pillow on a grey image no longer than ``WORK_SIDE`` pixels:
1. ink: pixels darker than their neighbourhood (a box mean from an integral image), so uneven light and tinted
   backgrounds drop out;
2. the text angle, at any rotation: the angle whose projection profile of the ink points is sharpest (text lines
   stack into narrow peaks), searched over half a turn, then refined; the page is turned level, both ways up;
3. the zone: text lines are row bands of ink, cut into runs along the row; a zone line is a run 25 to 80 times as
   long as it is high, and the zone is 2 lines of 44 or 36 characters or 3 of 30 of matching length;
4. the zone is deskewed again on its own ink, each line cut into its monospaced cells by fitting a comb (pitch and
   offset) to the column profile, and each cell classified by ``glyphs.GlyphClassifier``, held to the
   characters its position may hold (digits in dates and check digits, letters in codes and names);
5. the lines are judged with the check digits, repaired as `mrz check --repair` does; the way up (and candidate)
   whose check digits hold best wins.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
from PIL import Image, ImageOps

from .glyphs import GlyphClassifier, allowed_characters, default_classifier
from .layout import detect_layout
from .parser import MrzResult, judge_lines

MAX_IMAGE_BYTES = 30 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000
WORK_SIDE = 1600
FIND_SIDE = 900
ANGLE_SIDE = 600
LINE_LENGTHS = {2: (44, 36), 3: (30,)}

ERROR_MESSAGES = {
    "image_too_large": "the image is larger than the reader accepts",
    "unreadable_image": "the file is not a JPEG or PNG image that can be decoded",
    "no_mrz_found": "no machine-readable zone was found on the image",
}


class MrzImageError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(slots=True)
class ImageRead:
    """The zone read from an image: its lines after repair and their judgement."""

    lines: list[str]
    result: MrzResult


def read_mrz_image(data: bytes, today: date, classifier: GlyphClassifier | None = None) -> ImageRead:
    """Read the zone on the JPEG or PNG ``data``; raises ``MrzImageError`` (codes in ``ERROR_MESSAGES``)."""
    grey = decode_grey(data)
    classifier = classifier or default_classifier()
    best: ImageRead | None = None
    best_score = -1.0
    for angle in text_angles(grey):
        level = grey.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
        for lines, confidence in read_level(np.asarray(level, dtype=np.float32), classifier):
            layout = detect_layout(lines)
            if layout is None:
                continue
            result = judge_lines(lines, layout, today, repair=True)
            score = sum(result.checks.values()) / max(1, len(result.checks)) + 0.5 * result.valid + confidence
            if score > best_score:
                best, best_score = ImageRead(list(result.lines or lines), result), score
            if result.valid and confidence > 0.5:
                return best  # type: ignore[return-value]
    if best is None:
        raise MrzImageError("no_mrz_found", ERROR_MESSAGES["no_mrz_found"])
    return best


def decode_grey(data: bytes) -> Image.Image:
    """The image as 8-bit grey, no longer than ``WORK_SIDE``; refuses huge and undecodable files."""
    if len(data) > MAX_IMAGE_BYTES:
        raise MrzImageError("image_too_large", f"{len(data)} bytes: at most {MAX_IMAGE_BYTES} are read")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=["JPEG", "PNG"])
            if opened.width * opened.height > MAX_IMAGE_PIXELS:
                raise MrzImageError(
                    "image_too_large", f"{opened.width}x{opened.height} pixels: at most {MAX_IMAGE_PIXELS} are read"
                )
            opened.draft("L", (WORK_SIDE, WORK_SIDE))  # JPEG: decode at a reduced scale, much faster
            image: Image.Image = ImageOps.exif_transpose(opened.convert("L"))
    except MrzImageError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MrzImageError("unreadable_image", ERROR_MESSAGES["unreadable_image"]) from None
    if max(image.size) > WORK_SIDE:
        scale = WORK_SIDE / max(image.size)
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BOX)
    return image


def ink_mask(grey: np.ndarray, window: int, contrast: float = 12.0) -> np.ndarray:
    """Pixels at least ``contrast`` darker than the mean of the ``window``-wide box around them (after a 3x3
    mean, so sensor noise alone does not pass)."""
    h, w = grey.shape
    edged = np.pad(grey, 1, mode="edge")
    smooth = np.add.reduce([edged[dy : dy + h, dx : dx + w] for dy in range(3) for dx in range(3)]) / 9.0
    half = window // 2
    padded = np.pad(grey, half + 1, mode="edge").astype(np.float64)
    integral = padded.cumsum(0).cumsum(1)
    top, left = np.arange(h), np.arange(w)
    y0, y1 = top[:, None], top[:, None] + window
    x0, x1 = left[None, :], left[None, :] + window
    sums = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    return smooth < sums / (window * window) - contrast


def text_angles(grey: Image.Image) -> list[float]:
    """Angles (degrees, counter-clockwise, for ``Image.rotate``) that bring text lines level: the sharpest
    projection profile first, then the one a quarter turn away."""
    scale = ANGLE_SIDE / max(grey.size)
    small = grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale))), Image.Resampling.BOX)
    mask = ink_mask(np.asarray(small, dtype=np.float32), window=15, contrast=10)
    ys, xs = np.nonzero(mask)
    if len(xs) < 50:
        return []
    if len(xs) > 40_000:
        pick = np.random.default_rng(0).choice(len(xs), 40_000, replace=False)
        xs, ys = xs[pick], ys[pick]
    xs = xs.astype(np.float32) - xs.mean()
    ys = ys.astype(np.float32) - ys.mean()
    coarse = np.arange(0, 180, 1.0)
    best = coarse[int(np.argmax([_sharpness(xs, ys, a) for a in coarse]))]
    fine = best + np.arange(-1.0, 1.01, 0.1)
    best = fine[int(np.argmax([_sharpness(xs, ys, a) for a in fine]))]
    return [float(best), float(best + 90)]


def _sharpness(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    """How peaked the ink's profile is across lines at ``angle`` (degrees of the text's tilt)."""
    theta = np.deg2rad(angle)
    rho = ys * np.cos(theta) - xs * np.sin(theta)
    counts = np.bincount((rho - rho.min()).astype(np.int64))
    return float(np.dot(counts, counts))


def read_level(grey: np.ndarray, classifier: GlyphClassifier) -> Iterator[tuple[list[str], float]]:
    """Candidate zones on a level grey image, upright and then upside down, each with the classifier's mean
    confidence. Lines are found on a copy no longer than ``FIND_SIDE`` (the cells are cut at full size)."""
    scale = min(1.0, FIND_SIDE / max(grey.shape))
    small = Image.fromarray(grey.astype(np.uint8)).reduce(max(1, round(1 / scale))) if scale < 1 else None
    small_grey = np.asarray(small, dtype=np.float32) if small is not None else grey
    factor = grey.shape[1] / small_grey.shape[1]
    mask = ink_mask(small_grey, window=max(15, min(small_grey.shape) // 40 | 1))
    for turned in (False, True):  # half a turn: the same mask and image, read backwards
        view, view_mask = (grey[::-1, ::-1], mask[::-1, ::-1]) if turned else (grey, mask)
        for group in zone_line_groups(view_mask):
            full_size = [
                (round(t * factor), round(b * factor), round(left * factor), round(right * factor))
                for t, b, left, right in group
            ]
            read = read_zone(view, full_size, classifier)
            if read is not None:
                yield read


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of true values."""
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _close_gaps(runs: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in runs:
        if merged and start - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


Box = tuple[int, int, int, int]  # top, bottom, left, right


def zone_line_groups(mask: np.ndarray) -> list[list[Box]]:
    """Groups of 2 or 3 stacked long text lines of matching extent: candidate zones, most likely first."""
    lines = long_lines(mask)
    groups = []
    for count in (3, 2):
        for start in range(len(lines) - count + 1):
            group = lines[start : start + count]
            if _stacked(group):
                groups.append(group)
    return groups


def long_lines(mask: np.ndarray) -> list[Box]:
    """Text lines that are long runs of ink once gaps narrower than a character are closed, row by row; rows
    whose runs line up make one line. (Page edges and photo frames make thin or short runs, dropped.)"""
    h, w = mask.shape
    gap = max(6, max(h, w) // 80)
    thick = _dilate_rows(mask.T, gap // 2).T  # a chevron's row holds only its tips: let rows see their neighbours
    closed = _dilate_rows(thick, gap)
    closed = ~_dilate_rows(~closed, gap)  # erode back: a closing along each row
    min_length = 0.2 * max(h, w)
    spans = np.full((h, 2), -1, dtype=np.int64)
    for y in np.flatnonzero(closed.sum(axis=1) >= min_length):
        longest = max(_runs(closed[y]), key=lambda run: run[1] - run[0])
        if longest[1] - longest[0] >= min_length:
            spans[y] = longest
    lines: list[Box] = []
    for top, bottom in _runs(spans[:, 0] >= 0):
        band = spans[top:bottom]
        lengths = band[:, 1] - band[:, 0]
        full = np.flatnonzero(lengths >= 0.7 * lengths.max())  # rows through the line's middle, not its tips
        left, right = int(np.percentile(band[full, 0], 10)), int(np.percentile(band[full, 1], 90))
        # Lines close together (or a little skewed) share rows of long runs: split the band at its ink's valleys.
        profile = mask[top:bottom, left:right].sum(axis=1)
        for start, stop in _runs(profile > 0.25 * profile.max()):
            height = stop - start
            if height >= 5 and 20 <= (right - left) / height <= 90:
                lines.append((top + start, top + stop, left, right))
    return lines


def _dilate_rows(mask: np.ndarray, width: int) -> np.ndarray:
    """Each row's ink widened by ``width`` // 2 on both sides (a running sum along the rows)."""
    half = width // 2
    window = 2 * half + 1
    padded = np.pad(mask.astype(np.int32), ((0, 0), (half + 1, half)), constant_values=0)
    sums = padded.cumsum(axis=1)
    return (sums[:, window:] - sums[:, :-window]) > 0


def _stacked(group: list[Box]) -> bool:
    """Lines of one zone: close one under the other, of similar length and flush at one end at least (a line's
    run may have caught something printed beside it)."""
    widths = [right - left for _, _, left, right in group]
    heights = [bottom - top for top, bottom, _, _ in group]
    lefts = [left for _, _, left, _ in group]
    rights = [right for _, _, _, right in group]
    gaps = [group[i + 1][0] - group[i][1] for i in range(len(group) - 1)]
    height = float(np.median(heights))
    flush = 0.06 * max(widths)
    return (
        min(widths) >= 0.75 * max(widths)
        and (max(lefts) - min(lefts) <= flush or max(rights) - min(rights) <= flush)
        and all(gap < 2.5 * height for gap in gaps)
    )


def read_zone(grey: np.ndarray, group: list[Box], classifier: GlyphClassifier) -> tuple[list[str], float] | None:
    top = min(box[0] for box in group)
    bottom = max(box[1] for box in group)
    left = min(box[2] for box in group)
    right = max(box[3] for box in group)
    height = float(np.median([box[1] - box[0] for box in group]))
    pad = round(height * 0.8)
    crop_top = max(0, top - pad)
    crop_left = max(0, left - 3 * pad)
    crop = _deskew(np.ascontiguousarray(grey[crop_top : bottom + pad, crop_left : right + 3 * pad]))
    mask = ink_mask(crop, window=max(15, round(height * 2.5) | 1))
    row_ink = mask[:, left - crop_left : right - crop_left].sum(axis=1)  # not the page edges beside the zone
    found = [b for b in text_bands(row_ink) if b[1] - b[0] >= 0.4 * height]
    bands = []
    for box in group:  # the band nearest each line found on the whole image (page edges make bands too)
        centre = (box[0] + box[1]) / 2 - crop_top
        if not found:
            return None
        bands.append(min(found, key=lambda band: abs((band[0] + band[1]) / 2 - centre)))
    if len(set(bands)) != len(bands):
        return None
    extents = [line_extent(mask, band_top, band_bottom) for band_top, band_bottom in bands]
    if any(extent is None for extent in extents):
        return None
    extent = zone_extent(extents, LINE_LENGTHS[len(group)][-1])  # type: ignore[arg-type]
    texts, confidences = [], []
    for length in LINE_LENGTHS[len(group)]:
        lines: list[str] = []
        confidence: list[np.ndarray] = []
        for index, (band_top, band_bottom) in enumerate(bands):
            cells = cut_cells(crop, mask, band_top, band_bottom, length, extent)
            if cells is None:
                return None
            allowed = allowed_characters(len(group), length, index, visa=not lines or lines[0][0] == "V")
            text, scores = classifier.classify(cells, allowed)
            lines.append(text)
            confidence.append(scores)
        texts.append(lines)
        confidences.append(float(np.mean(np.concatenate(confidence))))
    best = int(np.argmax(confidences))
    return texts[best], confidences[best]


def text_bands(row_ink: np.ndarray) -> list[tuple[int, int]]:
    """Rows of each text line: the rows holding more than 8% of the peak ink, but lines that touch there (a
    tight or skewed zone) are first told apart by their cores (30% of the peak) and split half-way between."""
    loose = _runs(row_ink > 0.08 * row_ink.max())
    cores = _runs(row_ink > 0.3 * row_ink.max())
    bands = []
    for index, (core_top, core_bottom) in enumerate(cores):
        top, bottom = next((a, b) for a, b in loose if a <= core_top and core_bottom <= b)
        if index > 0 and cores[index - 1][1] > top:
            top = (cores[index - 1][1] + core_top) // 2
        if index + 1 < len(cores) and cores[index + 1][0] < bottom:
            bottom = (core_bottom + cores[index + 1][0]) // 2
        bands.append((top, bottom))
    return bands


def zone_extent(extents: list[tuple[int, int]], length: int) -> tuple[int, int]:
    """The zone's left and right end from its lines' own: every line of a zone spans the same cells, a narrow
    first or last glyph shortens a line by less than half a cell, while something printed beside a line
    lengthens it by more (such an end is outvoted by the others)."""
    lefts, rights = [e[0] for e in extents], [e[1] for e in extents]
    pitch = (min(rights) - max(lefts)) / length
    left = min(value for value in lefts if value >= max(lefts) - 0.6 * pitch)
    right = max(value for value in rights if value <= min(rights) + 0.6 * pitch)
    return left, right


def _deskew(crop: np.ndarray) -> np.ndarray:
    """The crop turned so that its own text lines are level (perspective bends the page's lines)."""
    mask = ink_mask(crop, window=31)
    ys, xs = np.nonzero(mask)
    if len(xs) < 50:
        return crop
    xs = xs.astype(np.float32) - xs.mean()
    ys = ys.astype(np.float32) - ys.mean()
    angles = np.arange(-2.0, 2.01, 0.1)
    best = float(angles[int(np.argmax([_sharpness(xs, ys, a) for a in angles]))])
    if abs(best) < 0.05:
        return crop
    image = Image.fromarray(crop.astype(np.uint8)).rotate(best, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(image, dtype=np.float32)


def line_extent(mask: np.ndarray, top: int, bottom: int) -> tuple[int, int] | None:
    """Left and right end of the longest run of ink in the band (gaps up to its height closed)."""
    profile = mask[top:bottom].sum(axis=0)
    runs = _close_gaps(_runs(profile >= max(2, 0.08 * (bottom - top))), gap=bottom - top)
    return max(runs, key=lambda run: run[1] - run[0]) if runs else None


def cut_cells(
    crop: np.ndarray, mask: np.ndarray, top: int, bottom: int, length: int, extent: tuple[int, int] | None = None
) -> np.ndarray | None:
    """The ``length`` cells of one line, as an array (length, GLYPH_H, GLYPH_W) of grey sampled on a comb
    fitted to the column profile: ink at the cells' centres, none at their borders. ``extent``: the zone's
    left and right end (all its lines share them), else the line's own."""
    from .glyphs import GLYPH_H, GLYPH_W

    extent = extent or line_extent(mask, top, bottom)
    if extent is None or extent[1] - extent[0] < length:
        return None
    left, right = float(extent[0]), float(extent[1])
    profile = mask[top:bottom].sum(axis=0).astype(np.float32)
    pitch0 = (right - left) / length
    # Comb: cell edge k at offset + pitch * warp(k), where warp bends the spacing (a page seen in perspective
    # has its cells shrink towards the far side) but keeps both ends in place.
    index = np.arange(length, dtype=np.float32)
    pitches = pitch0 * np.linspace(0.97, 1.03, 13)[:, None, None, None]
    offsets = left + pitch0 * np.linspace(-0.3, 0.3, 13)[None, :, None, None]
    bends = np.linspace(-0.06, 0.06, 9)[None, None, :, None]

    def warp(t: np.ndarray) -> np.ndarray:
        return t + bends * t * (t - length) / length

    centres = offsets + pitches * warp(index + 0.5)
    borders = offsets + pitches * warp(index)
    score = _sample(profile, centres).sum(axis=-1) - 1.5 * _sample(profile, borders).sum(axis=-1)
    best = np.unravel_index(int(np.argmax(score)), score.shape)
    cell_centres = centres[best[0], best[1], best[2]]
    pitch = float(pitches[best[0], 0, 0, 0])
    height = bottom - top
    margin = 0.15 * height
    ys = np.linspace(top - margin, bottom + margin, GLYPH_H, dtype=np.float32)
    cell_xs = (np.arange(GLYPH_W, dtype=np.float32) + 0.5) / GLYPH_W - 0.5
    xs = cell_centres[:, None] + cell_xs[None, :] * pitch * 1.1
    return _bilinear(crop, ys, xs)


def _sample(profile: np.ndarray, positions: np.ndarray) -> np.ndarray:
    return profile[np.clip(np.round(positions).astype(np.int64), 0, len(profile) - 1)]


def _bilinear(image: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """Grey sampled at rows ``ys`` (H) and, per cell, columns ``xs`` (N, W): an array (N, H, W)."""
    h, w = image.shape
    y = np.clip(ys, 0, h - 1.001)
    x = np.clip(xs, 0, w - 1.001)
    y0, x0 = y.astype(np.int64), x.astype(np.int64)
    fy, fx = (y - y0)[None, :, None], (x - x0)[:, None, :]
    y0b, x0b = y0[None, :, None], x0[:, None, :]
    a = image[y0b, x0b]
    b = image[y0b, x0b + 1]
    c = image[y0b + 1, x0b]
    d = image[y0b + 1, x0b + 1]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy
