"""The MRZ image reader on data-page photos the project generates (core/documents/photo.py)."""

import io
from datetime import date

import numpy as np
import pytest
from PIL import Image

from borderdesk.core.documents.glyphs import default_classifier, training_cells
from borderdesk.core.documents.image_reader import MAX_IMAGE_BYTES, MrzImageError, read_mrz_image
from borderdesk.core.documents.photo import data_page_photo

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270, 33.5])
def test_a_passport_page_is_read_exactly_at_any_rotation(rotation):
    photo = data_page_photo(seed=100, format="TD3", rotation=rotation)
    read = read_mrz_image(photo.jpeg, TODAY)
    assert tuple(read.lines) == photo.lines
    assert read.result.valid and read.result.format == "TD3"


def test_an_identity_card_is_read_with_its_three_lines():
    photo = data_page_photo(seed=7, format="TD1", rotation=12)
    read = read_mrz_image(photo.jpeg, TODAY)
    assert tuple(read.lines) == photo.lines and read.result.format == "TD1"


def _png(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG")
    return out.getvalue()


def test_an_image_with_no_document_has_no_zone():
    noise = np.random.default_rng(1).normal(128, 20, (900, 1200)).clip(0, 255).astype(np.uint8)
    for pixels in (np.full((600, 800), 200, np.uint8), noise):
        with pytest.raises(MrzImageError) as raised:
            read_mrz_image(_png(pixels), TODAY)
        assert raised.value.code == "no_mrz_found"


def test_huge_images_are_refused_before_decoding():
    with pytest.raises(MrzImageError) as raised:
        read_mrz_image(_png(np.zeros((9000, 9000), np.uint8)), TODAY)  # 81 Mpx, a few kB of PNG
    assert raised.value.code == "image_too_large"
    with pytest.raises(MrzImageError) as raised:
        read_mrz_image(b"\xff" * (MAX_IMAGE_BYTES + 1), TODAY)
    assert raised.value.code == "image_too_large"


@pytest.mark.parametrize("data", [b"", b"plain text, no image", b"GIF89a" + b"\0" * 100])
def test_what_is_no_jpeg_or_png_is_unreadable(data):
    with pytest.raises(MrzImageError) as raised:
        read_mrz_image(data, TODAY)
    assert raised.value.code == "unreadable_image"


def test_a_truncated_jpeg_is_unreadable_not_a_crash():
    jpeg = data_page_photo(seed=3).jpeg
    with pytest.raises(MrzImageError) as raised:
        read_mrz_image(jpeg[: len(jpeg) // 2], TODAY)
    assert raised.value.code in ("unreadable_image", "no_mrz_found")


def test_the_shipped_classifier_reads_unseen_ocr_b_cells():
    cells, labels = training_cells(20, seed=424242)
    scores = default_classifier().scores(cells)
    read = "".join(default_classifier().classes[index] for index in scores.argmax(axis=1))
    accuracy = np.mean([a == b for a, b in zip(read, labels, strict=True)])
    assert accuracy > 0.99
