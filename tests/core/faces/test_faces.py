"""Face comparison with real photos available offline: scikit-image's astronaut (a portrait of Eileen Collins) and
its pictures with no face on them. The first test loads dlib's models (a few seconds, once per process)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from borderdesk.core.faces import THRESHOLD, FaceError, compare_faces, descriptor_of, load_rgb

skimage = pytest.importorskip("skimage", reason="scikit-image (test extra) ships the real photos these tests use")
DATA = Path(skimage.__file__).parent / "data"


def _astronaut() -> bytes:
    return (DATA / "astronaut.png").read_bytes()


def _reencoded(data: bytes, *, scale: float = 1.0, quality: int = 60, fmt: str = "JPEG", **save) -> bytes:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if scale != 1.0:
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    out = io.BytesIO()
    image.save(out, fmt, quality=quality, **save)
    return out.getvalue()


@pytest.mark.parametrize(
    "variant",
    [
        {"quality": 20},  # heavily recompressed
        {"scale": 0.5, "quality": 70},  # a smaller copy, like a chip's portrait
        {"scale": 0.4, "quality": 30},
        {"fmt": "JPEG2000", "scale": 0.6},  # DG2 images are often JPEG 2000
    ],
)
def test_the_same_face_resized_or_recompressed_matches(variant):
    result = compare_faces(_reencoded(_astronaut(), **variant), _astronaut())
    assert result.likely_same
    assert 0.0 <= result.distance < THRESHOLD
    assert result.similarity == pytest.approx(1 - result.distance)
    assert "likely the same person" in result.in_words()
    assert "99.38%" in result.in_words() and "you decide" in result.in_words()


def test_an_identical_image_is_at_distance_zero():
    assert compare_faces(_astronaut(), _astronaut()).distance == 0.0


def test_exif_orientation_is_applied_before_looking_for_the_face():
    upright = Image.open(io.BytesIO(_astronaut())).convert("RGB")
    # Stored turned a quarter, with the tag saying how to turn it back (what phone cameras do).
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=90, exif=exif)
    assert load_rgb(out.getvalue()).shape == (512, 512, 3)
    assert compare_faces(out.getvalue(), _astronaut()).likely_same


@pytest.mark.parametrize("picture", ["coffee.png", "chelsea.png", "page.png", "camera.png"])
def test_a_picture_with_no_face_says_so(picture):
    with pytest.raises(FaceError) as raised:
        descriptor_of((DATA / picture).read_bytes())
    assert raised.value.code == "no_face_found"


def test_several_faces_are_refused():
    face = Image.open(io.BytesIO(_astronaut())).convert("RGB")
    pair = Image.new("RGB", (1024, 512))
    pair.paste(face, (0, 0))
    pair.paste(face, (512, 0))
    out = io.BytesIO()
    pair.save(out, "PNG")
    with pytest.raises(FaceError) as raised:
        descriptor_of(out.getvalue())
    assert raised.value.code == "several_faces"


def test_which_image_is_at_fault_is_named():
    with pytest.raises(FaceError) as raised:
        compare_faces(_astronaut(), (DATA / "coffee.png").read_bytes())
    assert raised.value.code == "no_face_found"
    assert raised.value.message.startswith("The reference image:")


def test_a_truncated_file_gives_image_truncated():
    jpeg = _reencoded(_astronaut(), quality=90)
    with pytest.raises(FaceError) as raised:
        load_rgb(jpeg[: len(jpeg) // 2])
    assert raised.value.code == "image_truncated"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "image_empty"),
        (b"%PDF-1.7 not a photo", "image_unreadable"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image_unreadable"),
        (b"GIF89a" + b"\x00" * 100, "image_unreadable"),  # a real format, but not one accepted
    ],
)
def test_what_is_no_image_gets_a_code(data, code):
    with pytest.raises(FaceError) as raised:
        load_rgb(data)
    assert raised.value.code == code


def test_too_many_bytes_is_refused_before_reading():
    with pytest.raises(FaceError) as raised:
        load_rgb(b"\xff" * 2048, max_bytes=1024)
    assert raised.value.code == "image_too_large"


def test_a_huge_image_is_refused_from_its_header_without_decoding_it():
    # A 30,000 × 30,000 PNG that compresses to a few hundred kilobytes (a decompression bomb): refused at once.
    out = io.BytesIO()
    Image.new("L", (30_000, 30_000)).save(out, "PNG", compress_level=9)
    assert len(out.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(FaceError) as raised:
        load_rgb(out.getvalue())
    assert raised.value.code == "image_too_many_pixels"


def test_a_large_photo_is_worked_on_at_a_bounded_size():
    big = _reencoded(_astronaut(), scale=6.0, quality=80)  # 3072 × 3072
    assert max(load_rgb(big).shape) == 1600
    assert compare_faces(big, _astronaut()).likely_same


def test_the_models_load_once_per_process_from_the_installed_package():
    from borderdesk.core.faces.model import models

    assert models() is models()
