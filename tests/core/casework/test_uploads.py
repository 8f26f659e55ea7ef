"""Supporting files, without a database: what a file is (from its content alone), names safe to keep and to send
back, and sealing at rest (every change to the sealed bytes is caught; keys rotate)."""

from __future__ import annotations

import base64
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from borderdesk.core.casework.uploads import (
    JPEG,
    PDF,
    PNG,
    FileDamaged,
    FileRefused,
    KeyConfigError,
    content_type_of,
    new_key,
    parse_keys,
    safe_filename,
    seal,
    unseal,
)

ONE_PAGE = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def image(fmt: str, **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (33, 21), (120, 30, 200)).save(out, fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (image("PNG"), PNG),
        (image("JPEG"), JPEG),
        (image("JPEG", progressive=True, quality=70), JPEG),
        (image("JPEG", restart_marker_blocks=1), JPEG),
        (image("JPEG") + image("JPEG", quality=20), JPEG),  # a phone's Multi-Picture Format: more images after
        (ONE_PAGE, PDF),
        (ONE_PAGE + b"\r\n\r\n", PDF),
    ],
)
def test_pdf_jpeg_and_png_are_told_from_their_content(content, expected):
    assert content_type_of(content) == expected


def test_a_pdf_whose_pages_sit_in_a_compressed_object_stream_is_found():
    import zlib

    hidden = zlib.compress(b"3 0 obj << /Type/Page /Parent 2 0 R >> endobj")
    content = b"%PDF-1.5\n4 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n" + hidden
    content += b"\nendstream endobj\n%%EOF"
    assert content_type_of(content) == PDF
    with pytest.raises(FileRefused):  # a page drawn in some other stream's bytes is not a page
        content_type_of(content.replace(b"ObjStm", b"XObject"))


def test_bytes_inside_an_image_or_a_drawing_are_not_read_as_objects():
    content = ONE_PAGE.replace(
        b"trailer", b"4 0 obj << /Length 20 >> stream\n\x00/JS /Launch (x)\xff\nendstream endobj\ntrailer"
    )
    assert content_type_of(content) == PDF


@pytest.mark.parametrize(
    "content",
    [
        ONE_PAGE.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (x) >>"),
        ONE_PAGE.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript >>"),
        ONE_PAGE.replace(b"/Type /Catalog", b"/Type /Catalog /Names << /EmbeddedFiles 9 0 R >>"),
        ONE_PAGE.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /Launch /F (calc.exe) >>"),
    ],
)
def test_a_pdf_with_scripts_attachments_or_launch_actions_is_refused(content):
    with pytest.raises(FileRefused) as exc:
        content_type_of(content)
    assert exc.value.code == "pdf_active_content"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"MZ\x90\x00",
        b"PK\x03\x04",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.4 no pages\n%%EOF",
        ONE_PAGE.replace(b"%%EOF", b"%%EOF\n<html>"),
        ONE_PAGE[:-10],
        image("PNG") + b"trailing",
        image("JPEG") + b"PK\x05\x06" + b"\x00" * 18,
        image("JPEG")[:-2],
        image("JPEG") + image("JPEG")[:-2],
        image("JPEG") + image("JPEG") + b"PK\x03\x04",
        image("PNG")[:-12],
        b"\xff\xd8\xff\xe0" + b"\x00" * 40,
    ],
)
def test_anything_else_is_refused(content):
    with pytest.raises(FileRefused) as exc:
        content_type_of(content)
    assert exc.value.code in ("file_type_not_allowed", "file_empty")


@given(st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"%PDF-"]), st.binary(max_size=2000))
def test_whatever_the_bytes_the_answer_is_a_type_or_a_refusal(head, tail):
    try:
        assert content_type_of(head + tail) in (PDF, JPEG, PNG)
    except FileRefused as refused:
        assert refused.code in ("file_type_not_allowed", "file_empty", "pdf_active_content")


@given(st.text(max_size=400), st.sampled_from([PDF, JPEG, PNG]))
def test_a_kept_name_is_safe_whatever_was_sent(name, content_type):
    kept = safe_filename(name, content_type)
    assert 0 < len(kept) <= 200
    assert not any(c in kept for c in '/\\<>:"|?*;\r\n\t\x00')
    assert not any(0xD800 <= ord(c) <= 0xDFFF or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in kept)
    assert not kept.startswith((".", " "))
    expected = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg", ".jpe"), PNG: (".png",)}[content_type]
    assert kept.lower().endswith(expected)


def test_a_name_keeps_what_it_can():
    assert safe_filename("C:\\Users\\me\\bank statement.PDF", PDF) == "bank statement.PDF"
    assert safe_filename("../../etc/passwd", PNG) == "passwd.png"
    assert safe_filename("photo.pdf", JPEG) == "photo.jpg"
    assert safe_filename("cv.docx", PDF) == "cv.docx.pdf"
    assert safe_filename("evil\u202egnp.exe", PNG) == "evil_gnp.exe.png"
    assert safe_filename("", PDF) == "document.pdf"


def key_text(**keys: bytes) -> str:
    return ",".join(f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in keys.items())


@given(st.binary(max_size=5000), st.data())
def test_every_change_to_the_sealed_bytes_is_caught(plaintext, data):
    keys = parse_keys(key_text(k1=b"\x01" * 32))
    key_id, sealed = seal(plaintext, keys, "name")
    assert unseal(sealed, keys, key_id, "name") == plaintext
    position = data.draw(st.integers(0, len(sealed) - 1))
    flip = data.draw(st.integers(1, 255))
    altered = bytearray(sealed)
    altered[position] ^= flip
    with pytest.raises(FileDamaged) as exc:
        unseal(bytes(altered), keys, key_id, "name")
    assert exc.value.code == "file_damaged"
    with pytest.raises(FileDamaged):
        unseal(sealed[: data.draw(st.integers(0, len(sealed) - 1))], keys, key_id, "name")


def test_sealed_bytes_open_only_under_their_own_name_and_key():
    keys = parse_keys(key_text(a=new_key(), b=new_key()))
    key_id, sealed = seal(b"statement", keys, "one")
    assert key_id == "a"
    for other_id, other_name in (("a", "two"), ("b", "one"), ("zz", "one")):
        with pytest.raises(FileDamaged):
            unseal(sealed, keys, other_id, other_name)


def test_rotation_the_first_key_seals_and_every_key_opens():
    old, new = new_key(), new_key()
    before = parse_keys(key_text(old=old))
    key_id, sealed = seal(b"x", before, "n")
    after = parse_keys(key_text(new=new, old=old))
    assert after.current[0] == "new" and unseal(sealed, after, key_id, "n") == b"x"
    with pytest.raises(FileDamaged) as exc:
        unseal(sealed, parse_keys(key_text(new=new)), key_id, "n")
    assert exc.value.code == "file_key_missing"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "no key"),
        ("k1", "not id:base64key"),
        ("bad id!:" + base64.b64encode(b"\x00" * 32).decode(), "not id:base64key"),
        ("k1:not base64!", "not base64"),
        ("k1:" + base64.b64encode(b"\x00" * 16).decode(), "not 32 bytes"),
        (key_text(k1=b"\x00" * 32) + "," + key_text(k1=b"\x01" * 32), "twice"),
    ],
)
def test_a_wrong_key_list_is_refused_without_showing_the_keys(text, why):
    with pytest.raises(KeyConfigError) as exc:
        parse_keys(text)
    assert why in str(exc.value)
    assert base64.b64encode(b"\x01" * 32).decode() not in str(exc.value)
