"""Face comparison: what can be measured offline about dlib's threshold 0.6, and how long a comparison takes.

Only one real face ships with the project's dependencies (scikit-image's astronaut portrait), so this measures
genuine pairs only: the portrait against copies of itself changed the ways a booth camera or a chip's portrait
change a face (recompressed, smaller, grey, mirrored, JPEG 2000). It shows how far those changes move the distance
and whether any crosses 0.6 (a false non-match); it cannot measure a false-match rate, which needs photos of many
different people. It also times loading the models and one comparison (both images found and described).

    .venv/bin/python benchmarks/faces_threshold.py
"""

from __future__ import annotations

import io
import os
import platform
import time

from PIL import Image
from tests.faces import portrait

from borderdesk.core.faces import THRESHOLD, descriptor_of, distance

VARIANTS = {
    "JPEG quality 90": {"quality": 90},
    "JPEG quality 20": {"quality": 20},
    "half size, quality 70": {"scale": 0.5, "quality": 70},
    "0.4 size, quality 30": {"scale": 0.4, "quality": 30},
    "0.6 size, JPEG 2000": {"scale": 0.6, "fmt": "JPEG2000"},
    "grey, quality 60": {"grey": True},
    "mirrored, quality 60": {"mirror": True},
    "3072 px, quality 80": {"scale": 6.0, "quality": 80},
}


def variant(data: bytes, *, scale=1.0, quality=60, fmt="JPEG", grey=False, mirror=False) -> bytes:
    image = Image.open(io.BytesIO(data)).convert("L" if grey else "RGB")
    if scale != 1.0:
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    if mirror:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    out = io.BytesIO()
    image.save(out, fmt, quality=quality)
    return out.getvalue()


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}")
    original = portrait()
    started = time.perf_counter()
    reference = descriptor_of(original)
    print(f"models loaded and first face described: {time.perf_counter() - started:.2f} s")
    crossed = 0
    for name, options in VARIANTS.items():
        changed = variant(original, **options)
        started = time.perf_counter()
        found = distance(reference, descriptor_of(changed))
        elapsed = time.perf_counter() - started
        crossed += found >= THRESHOLD
        print(f"{name:24} distance {found:.3f}  ({elapsed * 1000:.0f} ms to find and describe the face)")
    print(f"false non-matches at {THRESHOLD}: {crossed} of {len(VARIANTS)} changed copies of one face")


if __name__ == "__main__":
    main()
