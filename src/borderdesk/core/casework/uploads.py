"""Supporting files: what a file really is (PDF, JPEG or PNG, told from its content, never from its name or the
browser's word), a file name safe to keep and to send back, and the sealed form a file is kept in at rest
(AES-256-GCM, the nonce kept with the ciphertext, a key id for rotation).

Plain Python (Pillow and ``cryptography`` apart): the casework app stores the files; this says which may be
stored and how they are sealed and opened.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
ALLOWED = (PDF, JPEG, PNG)
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
KNOWN_SUFFIXES = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".jpe": JPEG, ".png": PNG}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"

# How far from the end a PDF's last %%EOF may sit (only white space may follow it), and how much a PDF's
# compressed streams may inflate to while looking for its pages (a decompression bomb stops the search there).
PDF_TAIL = 1024
PDF_INFLATE_BUDGET = 64 * 1024 * 1024
# PDF features a supporting document never needs and that run or carry something else when opened.
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles", b"/RichMedia")

FILENAME_MAX = 200


class FileRefused(ValueError):
    """A file that is not stored: ``code`` says why (``file_type_not_allowed``, ``file_empty``...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


class FileDamaged(ValueError):
    """A sealed file that does not open: altered, truncated, or sealed with a key that is not configured."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


# --- What a file is ------------------------------------------------------------------------------------------------


def content_type_of(data: bytes) -> str:
    """The type of ``data`` (PDF, JPEG or PNG), told from its content and checked to open as that type, or
    ``FileRefused``. A file that is two things at once (an image or a PDF with a ZIP or a page glued on) is
    refused: only what the format itself holds may be in the file."""
    if not data:
        raise FileRefused("file_empty", "The file is empty.")
    if data.startswith(PNG_SIGNATURE):
        _check_png(data)
        return PNG
    if data.startswith(JPEG_SIGNATURE):
        _check_jpeg(data)
        return JPEG
    if data.startswith(PDF_SIGNATURE):
        _check_pdf(data)
        return PDF
    raise _not_allowed("It is not a PDF, JPEG or PNG file (whatever its name says).")


def _not_allowed(why: str) -> FileRefused:
    return FileRefused("file_type_not_allowed", f"{why} Only PDF, JPEG and PNG files are accepted.")


def _check_image(data: bytes, expected: str) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format
            image.verify()
    except Image.DecompressionBombError:
        raise _not_allowed("The image is far larger in pixels than any scan or photograph.") from None
    except Exception:  # Pillow raises many kinds of error for a broken file
        raise _not_allowed(f"The file starts like a {expected} image but does not open as one.") from None
    if found != expected:
        raise _not_allowed(f"The file starts like a {expected} image but is not one.")


def _check_png(data: bytes) -> None:
    _check_image(data, "PNG")
    end = _png_end(data)
    if end is None:
        raise _not_allowed("The PNG image is cut short.")
    if data[end:].strip(b"\x00\r\n\t "):
        raise _not_allowed("Something else follows the end of the PNG image.")


def _png_end(data: bytes) -> int | None:
    """Where the PNG ends (after its IEND chunk), walking its chunks."""
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return at if at <= len(data) else None
    return None


def _check_jpeg(data: bytes) -> None:
    _check_image(data, "JPEG")
    end = _jpeg_end(data)
    # Phones keep more pictures of the same shot (a gain map, a depth map: CIPA's Multi-Picture Format) as further
    # JPEG images after the first; anything else after it is refused.
    while end is not None and data.startswith(JPEG_SIGNATURE, end):
        following = _jpeg_end(data[end:])
        end = None if following is None else end + following
    if end is None:
        raise _not_allowed("The JPEG image is cut short.")
    if data[end:].strip(b"\x00\r\n\t "):
        raise _not_allowed("Something else follows the end of the JPEG image.")


def _jpeg_end(data: bytes) -> int | None:
    """Where the JPEG ends (after its end-of-image marker), walking its segments and entropy-coded data."""
    at, size = 2, len(data)
    while at + 1 < size:
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:  # end of image
            return at + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            at += 2
            continue
        if at + 4 > size:
            return None
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data until a marker other than a stuffed byte or RSTn
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= size:
                    return None
                following = data[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    at += 1 if following == 0xFF else 2
                    continue
                break
    return None


def _check_pdf(data: bytes) -> None:
    tail = data[-PDF_TAIL:].rstrip(b"\x00\r\n\t\x0c ")
    if not tail.endswith(b"%%EOF"):
        raise _not_allowed("The file starts like a PDF but does not end like one (something follows it, or it is cut).")
    pages = active = False
    for text in _pdf_texts(data):
        names = _pdf_names(text)
        pages = pages or bool(re.search(rb"/Type\s*/Page(?![A-Za-z])", names))
        active = active or any(re.search(re.escape(word) + rb"(?![A-Za-z])", names) for word in PDF_ACTIVE)
        if active:
            raise FileRefused(
                "pdf_active_content",
                "The PDF holds scripts, attachments or launch actions, which a supporting document never needs: "
                "print it to a new PDF or scan it, and send that.",
            )
    if not pages:
        raise _not_allowed("The file starts like a PDF but has no pages.")


def _pdf_texts(data: bytes) -> Iterator[bytes]:
    """Where a PDF's objects are written: the file with its streams' bodies left out (images and drawings are
    binary, and any bytes may occur in them), then its object streams inflated (PDF 1.5 keeps pages and actions in
    them), within a budget."""
    outside, at, budget = [], 0, PDF_INFLATE_BUDGET
    inflated: list[bytes] = []
    for match in re.finditer(rb"stream\r?\n", data):
        if match.start() < at:
            continue
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        dictionary = data[data.rfind(b"obj", at, match.start()) + 3 : match.start()]
        outside.append(data[at : match.start()])
        if budget > 0 and re.search(rb"/Type\s*/ObjStm", dictionary):
            try:
                text = zlib.decompressobj().decompress(data[match.end() : end], budget)
            except zlib.error:
                text = b""
            budget -= len(text)
            inflated.append(text)
        at = end + len(b"endstream")
    outside.append(data[at:])
    yield b"".join(outside)
    yield from inflated


def _pdf_names(text: bytes) -> bytes:
    """A PDF's names with their #xx escapes undone (``/J#61vaScript`` is ``/JavaScript``)."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), text)


# --- A file's name -------------------------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*;\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')


def safe_filename(name: str | None, content_type: str) -> str:
    """A name to keep and to send back: the last part of any path, no control or direction characters, nothing a
    file system or a header treats specially, at most 200 characters, ending in the extension of what the file
    really is (``scan.pdf`` that is a PNG is kept as ``scan.png``)."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.split(r"[/\\]", text)[-1]
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    stem, dot, suffix = text.rpartition(".")
    known = KNOWN_SUFFIXES.get(f".{suffix.lower()}") if dot else None
    if known is None:  # no extension, or not one of a PDF, JPEG or PNG: the right one is added
        stem, extension = text, EXTENSIONS[content_type]
    else:  # kept when it is right, put right when it is not
        extension = f".{suffix}" if known == content_type else EXTENSIONS[content_type]
    stem = stem.strip(" .") or "document"
    return stem[: FILENAME_MAX - len(extension)].rstrip(" .") + extension


# --- Sealing at rest -----------------------------------------------------------------------------------------------

MAGIC = b"BDCF1"
NONCE_BYTES = 12
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


class KeyConfigError(ValueError):
    """``BORDERDESK_FILE_KEYS`` is not a list of ``id:base64key`` (32-byte keys, ids of letters and digits)."""


@dataclass(frozen=True)
class FileKeys:
    """The keys files are sealed with: the first seals, every one opens (so an old key still opens what it
    sealed after a new one is put first)."""

    keys: tuple[tuple[str, bytes], ...]

    @property
    def current(self) -> tuple[str, bytes]:
        return self.keys[0]

    def get(self, key_id: str) -> bytes | None:
        return dict(self.keys).get(key_id)

    def with_key(self, key_id: str, key: bytes) -> FileKeys:
        """These keys and one more that opens (not seals), unless its id is taken."""
        if self.get(key_id) is not None:
            return self
        return FileKeys((*self.keys, (key_id, key)))


def parse_keys(text: str, *, setting: str = "BORDERDESK_FILE_KEYS") -> FileKeys:
    """``id1:base64key,id2:base64key`` as keys, or ``KeyConfigError`` naming what is wrong (never the key)."""
    keys: list[tuple[str, bytes]] = []
    for position, item in enumerate((part.strip() for part in text.split(",")), start=1):
        if not item:
            continue
        key_id, colon, encoded = item.partition(":")
        key_id = key_id.strip()
        if not colon or not KEY_ID.match(key_id):
            raise KeyConfigError(
                f"Key {position} of {setting} is not id:base64key with an id of letters, digits, - or _ (at most 20)."
            )
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise KeyConfigError(f"Key {key_id!r} of {setting} is not base64.") from None
        if len(key) != 32:
            raise KeyConfigError(f"Key {key_id!r} of {setting} is not 32 bytes (AES-256).")
        if any(known == key_id for known, _ in keys):
            raise KeyConfigError(f"Key id {key_id!r} is in {setting} twice.")
        keys.append((key_id, key))
    if not keys:
        raise KeyConfigError(f"{setting} names no key.")
    return FileKeys(tuple(keys))


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _associated(key_id: str, name: str) -> bytes:
    # The sealed bytes belong to one stored name and one key: moved to another name they do not open.
    return b"borderdesk casework file|" + key_id.encode() + b"|" + name.encode()


def seal(plaintext: bytes, keys: FileKeys, name: str) -> tuple[str, bytes]:
    """``plaintext`` sealed with the current key for the stored ``name``: (key id, magic + nonce + ciphertext)."""
    key_id, key = keys.current
    nonce = os.urandom(NONCE_BYTES)
    return key_id, MAGIC + nonce + AESGCM(key).encrypt(nonce, plaintext, _associated(key_id, name))


def unseal(
    sealed: bytes,
    keys: FileKeys | Mapping[str, bytes],
    key_id: str,
    name: str,
    *,
    setting: str = "BORDERDESK_FILE_KEYS",
) -> bytes:
    """The plaintext of a sealed file, or ``FileDamaged``: never bytes that were not sealed as they are."""
    key = keys.get(key_id)
    if key is None:
        raise FileDamaged(
            "file_key_missing",
            f"The file was sealed with key {key_id!r}, which is not configured ({setting}): an "
            "administrator must add it back to open the file.",
        )
    if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + NONCE_BYTES + 16:
        raise _damaged()
    nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, sealed[len(MAGIC) + NONCE_BYTES :], _associated(key_id, name))
    except InvalidTag:
        raise _damaged() from None


def _damaged() -> FileDamaged:
    return FileDamaged(
        "file_damaged",
        "The stored file does not match what was uploaded: it was altered or damaged on disk, so it is not shown. "
        "Ask the applicant for the document again and tell an administrator.",
    )
