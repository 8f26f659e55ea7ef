"""Real photos for face comparison tests, from scikit-image (a test dependency): the astronaut portrait (Eileen
Collins) and pictures with no face on them."""

from __future__ import annotations

import io
from pathlib import Path

import skimage
from PIL import Image

DATA = Path(skimage.__file__).parent / "data"


def portrait() -> bytes:
    return (DATA / "astronaut.png").read_bytes()


def no_face() -> bytes:
    return (DATA / "coffee.png").read_bytes()


def reencoded(data: bytes, *, scale: float = 1.0, quality: int = 60, fmt: str = "JPEG") -> bytes:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if scale != 1.0:
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    out = io.BytesIO()
    image.save(out, fmt, quality=quality)
    return out.getvalue()
