"""The OCR-B character classifier of the image reader, trained on zones the project renders itself.

Training (``train_classifier``, run by ``scripts/train-mrz-glyphs``, which writes ``ocrb_glyphs.npz`` beside this
file) draws strips of random zone characters in OCR-B (Debian's fonts-ocr-b) at varied sizes, blurs, lights,
noises and JPEG-compresses them, and cuts them into cells with the reader's own ``cut_cells``, so the classifier
learns exactly what the reader will show it. The model is a ridge-regression linear classifier on the normalised
cell (one weight vector per character): one small matrix product per zone.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .checkdigit import DIGITS, FILLER, LETTERS, MRZ_CHARACTERS

GLYPH_H, GLYPH_W = 24, 16
WEIGHTS_FILE = "ocrb_glyphs.npz"
_ANY = MRZ_CHARACTERS
_ALPHA = LETTERS + FILLER
_NUMERIC = DIGITS + FILLER


@dataclass(frozen=True, slots=True)
class GlyphClassifier:
    """Scores = relu(cell features x a fixed random projection) x trained weights (an "extreme learning
    machine": the projection is regenerated from ``projection_seed``, only the last layer is stored)."""

    classes: str
    weights: np.ndarray  # (hidden + 1, classes)
    projection_seed: int

    def scores(self, cells: np.ndarray) -> np.ndarray:
        return hidden_layer(features(cells), self.weights.shape[0] - 1, self.projection_seed) @ self.weights

    def classify(self, cells: np.ndarray, allowed: list[str]) -> tuple[str, np.ndarray]:
        """The character of each cell among those ``allowed`` at its position, and a confidence per cell
        (the margin of the best score over the runner-up)."""
        scores = self.scores(cells)
        text, margins = [], np.empty(len(cells), dtype=np.float32)
        for index, choices in enumerate(allowed):
            columns = [self.classes.index(c) for c in choices]
            row = scores[index, columns]
            order = np.argsort(row)[::-1]
            text.append(choices[order[0]])
            margins[index] = row[order[0]] - row[order[1]]
        return "".join(text), margins


def features(cells: np.ndarray) -> np.ndarray:
    flat = cells.reshape(len(cells), -1).astype(np.float32)
    flat = flat - flat.mean(axis=1, keepdims=True)
    flat /= np.linalg.norm(flat, axis=1, keepdims=True) + 1e-3
    return -flat


@lru_cache(maxsize=2)
def _projection(inputs: int, hidden: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((inputs, hidden)).astype(np.float32) * np.float32(3.0),
        rng.standard_normal(hidden).astype(np.float32) * np.float32(0.5),
    )


def hidden_layer(x: np.ndarray, hidden: int, seed: int) -> np.ndarray:
    projection, bias = _projection(x.shape[1], hidden, seed)
    h = np.maximum(x @ projection + bias, 0)
    return np.hstack([h, np.ones((len(h), 1), dtype=np.float32)])


def allowed_characters(line_count: int, length: int, line: int, visa: bool = True) -> list[str]:
    """What each column of a zone line may hold, by the formats of that shape (anything where they differ);
    ``visa`` False (the first line did not start with V) adds the check digits that visas lack."""
    allowed = [_ANY] * length
    if line_count == 3:
        if line == 0:
            allowed[0:5] = [_ALPHA] * 5
            allowed[14] = _NUMERIC
        elif line == 1:
            allowed[0:7] = [_NUMERIC] * 7
            allowed[7] = "FMX<"
            allowed[8:15] = [_NUMERIC] * 7
            allowed[15:18] = [_ALPHA] * 3
            allowed[29] = DIGITS
        else:
            allowed = [_ALPHA] * length
        return allowed
    if line == 0:
        return [_ALPHA] * length
    allowed[9] = _NUMERIC
    allowed[10:13] = [_ALPHA] * 3
    allowed[13:20] = [_NUMERIC] * 7
    allowed[20] = "FMX<"
    allowed[21:28] = [_NUMERIC] * 7
    if not visa:
        allowed[-1] = DIGITS  # the composite check digit of TD2 and TD3
        if length == 44:
            allowed[42] = _NUMERIC  # TD3's personal-number check digit (< when unused)
    return allowed


@lru_cache(maxsize=1)
def default_classifier() -> GlyphClassifier:
    """The shipped classifier (see ``scripts/train-mrz-glyphs``)."""
    with resources.files(__package__).joinpath(WEIGHTS_FILE).open("rb") as handle:
        stored = np.load(handle)
        return GlyphClassifier(str(stored["classes"]), stored["weights"], int(stored["projection_seed"]))


def training_strip(rng: random.Random, length: int = 44) -> tuple[Image.Image, str]:
    """One line of random zone characters as a degraded photo would show it."""
    from .photo import ocr_b, ocr_b_size_for_pitch

    text = "".join(rng.choice(MRZ_CHARACTERS + FILLER * 6) for _ in range(length))
    pitch = rng.uniform(9, 48)
    font = ocr_b(ocr_b_size_for_pitch(pitch))
    height = round(pitch * 3.2)
    width = round(pitch * (length + 4))
    paper = rng.randint(150, 250)
    strip = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(strip)
    ink = rng.randint(0, max(1, paper - 110))
    baseline = height * 0.5 + pitch * 0.45 + rng.uniform(-1, 1)
    for column, character in enumerate(text):
        jitter = rng.uniform(-0.04, 0.04) * pitch
        draw.text((2 * pitch + column * pitch + jitter, baseline), character, font=font, fill=ink, anchor="ls")
    strip = strip.rotate(rng.uniform(-0.4, 0.4), resample=Image.Resampling.BILINEAR, fillcolor=paper)
    strip = strip.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.2) * pitch / 15))
    pixels: np.ndarray = np.asarray(strip, dtype=np.float32)
    pixels = pixels * (1 + rng.uniform(-0.2, 0.2) * np.linspace(-0.5, 0.5, width)[None, :])
    pixels += np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(1, 9), pixels.shape)
    strip = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    strip.save(out, "JPEG", quality=rng.randint(45, 92))
    return Image.open(out).convert("L"), text


def training_cells(count: int, seed: int) -> tuple[np.ndarray, str]:
    """Cells cut by the reader's own code from ``count`` training strips, and their characters."""
    from .image_reader import _runs, cut_cells, ink_mask

    rng = random.Random(seed)
    cells: list[np.ndarray] = []
    labels: list[str] = []
    while len(labels) < count:
        strip, text = training_strip(rng)
        grey = np.asarray(strip, dtype=np.float32)
        mask = ink_mask(grey, window=max(15, round(grey.shape[0] * 0.8) | 1))
        bands = _runs(mask.sum(axis=1) > 0.08 * mask.sum(axis=1).max())
        if not bands:
            continue
        top, bottom = max(bands, key=lambda band: band[1] - band[0])
        cut = cut_cells(grey, mask, top, bottom, len(text))
        if cut is not None:
            cells.append(cut)
            labels.append(text)
    return np.concatenate(cells), "".join(labels)


def train_classifier(strips: int = 1200, seed: int = 9303, hidden: int = 1600, ridge: float = 1.0) -> GlyphClassifier:
    cells, labels = training_cells(strips, seed)
    x = features(cells)
    classes = MRZ_CHARACTERS
    label_index = np.array([classes.index(c) for c in labels])
    gram = ridge * np.eye(hidden + 1, dtype=np.float64)
    moment = np.zeros((hidden + 1, len(classes)), dtype=np.float64)
    for start in range(0, len(x), 4096):
        h = hidden_layer(x[start : start + 4096], hidden, seed).astype(np.float64)
        targets = np.zeros((len(h), len(classes)))
        targets[np.arange(len(h)), label_index[start : start + 4096]] = 1.0
        gram += h.T @ h
        moment += h.T @ targets
    weights = np.linalg.solve(gram, moment)
    return GlyphClassifier(classes, weights.astype(np.float32), seed)


def save_classifier(classifier: GlyphClassifier, handle: io.BufferedIOBase) -> None:
    np.savez_compressed(
        handle,
        classes=np.array(classifier.classes),
        weights=classifier.weights,
        projection_seed=np.array(classifier.projection_seed),
    )
