"""MRZ from images: Borderdesk's reader against PassportEye and rapidocr on data-page photos it generates.

Each photo (core/documents/photo.py, seeded) is a TD3, TD2 or TD1 data page at any rotation (a quarter at exact
right angles), with small perspective, blur, noise, uneven light and JPEG compression. A read counts as exact
when every line equals the zone printed on the page. CPU time is process time per image, decoding included.

    .venv/bin/python benchmarks/mrz_image.py [--count 200] [--seed 50000]
    .venv/bin/python benchmarks/mrz_image.py --count 3      # a smoke run (the tests do this)

PassportEye and rapidocr (the project's `bench` extra) are measured on the same images when they are installed;
without them the script says so and measures Borderdesk alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections import Counter
from datetime import date

from borderdesk.core.documents.glyphs import default_classifier
from borderdesk.core.documents.image_reader import MrzImageError, read_mrz_image
from borderdesk.core.documents.photo import data_page_photo

TODAY = date(2026, 11, 30)


def read_borderdesk(jpeg: bytes) -> list[str] | None:
    try:
        return read_mrz_image(jpeg, TODAY).lines
    except MrzImageError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=50000, help="first photo's seed (the tests use others)")
    args = parser.parse_args()
    default_classifier()  # loaded once, as a long-running server would
    exact, cpu, misses = 0, [], Counter()
    for seed in range(args.seed, args.seed + args.count):
        photo = data_page_photo(seed)
        started = time.process_time()
        lines = read_borderdesk(photo.jpeg)
        cpu.append(time.process_time() - started)
        right_angle = photo.rotation % 90 == 0
        if lines is not None and tuple(lines) == photo.lines:
            exact += 1
        else:
            misses["no zone found" if lines is None else "zone misread"] += 1
            misses["at a right angle" if right_angle else "at another angle"] += 1
    cpu.sort()
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(
        f"borderdesk: {exact}/{args.count} exact ({100 * exact / args.count:.1f}%), CPU s per image: "
        f"mean {sum(cpu) / len(cpu):.3f}, median {cpu[len(cpu) // 2]:.3f}, max {cpu[-1]:.3f}"
    )
    print(f"  misses: {dict(misses)}")
    for name, reader in _others():
        exact, seconds = 0, 0.0
        for seed in range(args.seed, args.seed + args.count):
            photo = data_page_photo(seed)
            started = _cpu_with_children()
            exact += tuple(reader(photo.jpeg) or ()) == photo.lines
            seconds += _cpu_with_children() - started
        print(
            f"{name}: {exact}/{args.count} exact ({100 * exact / args.count:.1f}%), "
            f"CPU s per image {seconds / args.count:.3f} (its Tesseract or ONNX processes included)"
        )


def _cpu_with_children() -> float:
    """CPU seconds of this process and of the processes it waited for (PassportEye runs tesseract)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _others():
    try:
        from passporteye import read_mrz  # type: ignore[import-not-found]
    except ImportError:
        print("PassportEye is not installed (pip install PassportEye, the bench extra): not measured")
    else:
        import io

        def passporteye(jpeg: bytes) -> list[str] | None:
            found = read_mrz(io.BytesIO(jpeg))
            return found.aux["text"].split("\n") if found is not None else None

        yield "PassportEye", passporteye
    try:  # the release that carries its ONNX models in the wheel (later ones fetch them at first use)
        from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-not-found]
    except ImportError:
        print("rapidocr is not installed (pip install rapidocr-onnxruntime, the bench extra): not measured")
    else:
        engine = RapidOCR()

        def rapid(jpeg: bytes) -> list[str] | None:
            found, _elapsed = engine(jpeg)
            return _zone_lines([(box, text.replace(" ", "")) for box, text, _score in (found or ())])

        yield "rapidocr", rapid


def _zone_lines(pieces: list[tuple[list, str]]) -> list[str] | None:
    """rapidocr's text boxes made into zone lines, in its favour: boxes on one text line (their centres within half
    a box's height) joined left to right (it cuts a line at long runs of fillers), lines of a zone's length kept."""
    rows: list[list[tuple[float, float, float, str]]] = []
    for box, text in pieces:
        ys, xs = [point[1] for point in box], [point[0] for point in box]
        centre, height = sum(ys) / len(ys), max(ys) - min(ys)
        for row in rows:
            if abs(row[0][0] - centre) < max(row[0][1], height) / 2:
                row.append((centre, height, min(xs), text))
                break
        else:
            rows.append([(centre, height, min(xs), text)])
    lines = ["".join(text for *_, text in sorted(row, key=lambda piece: piece[2])) for row in rows]
    return [line for line in lines if len(line) in (30, 36, 44)][-3:] or None


if __name__ == "__main__":
    main()
