"""Opening an image from untrusted bytes: limits in bytes and pixels checked before any pixel is decoded, the
camera's EXIF orientation applied, the result as 8-bit RGB pixels (what dlib reads)."""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from borderdesk.core.faces.errors import FaceError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Faces are found on a copy no larger than this on its long side: a 40-megapixel photo takes seconds, not minutes,
# and a face that fills a booth camera's frame is still hundreds of pixels wide.
WORKING_SIDE = 1600
FORMATS = ("JPEG", "PNG", "JPEG2000")


def load_rgb(data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """The image in ``data`` as an (height, width, 3) uint8 array, upright, at most ``WORKING_SIDE`` on its long
    side; or ``FaceError`` with ``image_empty``, ``image_too_large``, ``image_too_many_pixels``,
    ``image_unreadable`` or ``image_truncated``."""
    if not data:
        raise FaceError("image_empty", "The image is empty: take or choose the photo again.")
    if len(data) > max_bytes:
        raise FaceError(
            "image_too_large",
            f"The image is {len(data) / 1024 / 1024:.1f} MB; at most {max_bytes / 1024 / 1024:.0f} MB is accepted.",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data), formats=FORMATS)  # reads the header only
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):  # Pillow's own, higher, limit
        raise _too_many_pixels(max_pixels) from None
    except (UnidentifiedImageError, OSError):
        raise FaceError("image_unreadable", "This is not a JPEG, PNG or JPEG 2000 image.") from None
    width, height = image.size
    if width * height > max_pixels:
        raise _too_many_pixels(max_pixels, f" ({width} × {height})")
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        # Pillow says "image file is truncated" or "broken data stream" as an OSError; a damaged header a ValueError.
        raise FaceError("image_truncated", "The image file is cut short or damaged: take or send it again.") from None
    image = image.convert("RGB")
    if max(image.size) > WORKING_SIDE:
        image.thumbnail((WORKING_SIDE, WORKING_SIDE), Image.Resampling.LANCZOS)
    return np.asarray(image, dtype=np.uint8)


def _too_many_pixels(max_pixels: int, size: str = "") -> FaceError:
    return FaceError(
        "image_too_many_pixels",
        f"The image has too many pixels{size}; at most {max_pixels / 1e6:.0f} megapixels are accepted.",
    )


def image_format(data: bytes) -> str:
    """Pillow's name of the format of ``data`` (JPEG, PNG, JPEG2000), read from its header."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            return image.format or ""
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise FaceError("image_unreadable", "This is not a JPEG, PNG or JPEG 2000 image.") from None
