"""Reading an ePassport chip (#19): the files a reader sent (or an officer uploaded) are verified against the trust
store (passive authentication, CONTRACTS.md section 7), and the read is kept with its report and the chip's face
image, converted for browsers and sealed at rest. Every read is an access event (it reads a person's data) and an
audit event (it records the verdict)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import date

from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.sealing import keyring
from borderdesk.apps.common.services import service
from borderdesk.apps.travel_documents.models import ChipRead
from borderdesk.apps.travel_documents.trust_store import current_trust_store
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.uploads import FileDamaged, seal, unseal
from borderdesk.core.documents.chip import ChipReport, verify_chip

CHIP_FILES = ("EF.COM", "EF.SOD", *(f"DG{number}" for number in range(1, 17)))
MAX_CHIP_FILE_BYTES = 512 * 1024  # a DG2 face is 15-100 KB; EF.SOD a few KB
MAX_FACE_PIXELS = 4_000_000  # an ICAO face is about 480 x 640: nothing decodes a bomb
FACE_KEYS_SETTING = "BORDERDESK_FILE_KEYS"
FACE_LOCAL_KEY = "casework-file-key"  # the key the casework files are sealed with: one local key for files


def chip_file_name(name: str) -> str:
    """The chip file a name stands for (EF.COM, EF.SOD, DG1 ... DG16), from a reader's key or an uploaded file's
    name (a ``.bin`` ending and case are ignored), or ``chip_file_unknown``."""
    cleaned = name.strip().upper()
    cleaned = cleaned.removesuffix(".BIN").replace("_", ".")
    if cleaned in CHIP_FILES:
        return cleaned
    raise Invalid(
        f"{name[:60]!r} is not a chip file: name the files EF.COM, EF.SOD, DG1 ... DG16.",
        code="chip_file_unknown",
        field="files",
    )


def checked_chip_files(files: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """The chip's files by their names, refused clearly when a name is unknown or sent twice or a file too large."""
    chip: dict[str, bytes] = {}
    for name, data in files:
        chip_name = chip_file_name(name)
        if chip_name in chip:
            raise Invalid(f"{chip_name} was sent twice.", code="chip_file_twice", field="files")
        if len(data) > MAX_CHIP_FILE_BYTES:
            raise Invalid(
                f"{chip_name} is larger than {MAX_CHIP_FILE_BYTES // 1024} KB: no chip file is.",
                code="chip_file_too_large",
                field="files",
            )
        chip[chip_name] = data
    if not chip:
        raise Invalid("No chip files were sent: EF.SOD, DG1 and DG2 at least.", code="no_chip_files", field="files")
    return chip


@service(Perm.DOCUMENTS_MRZ_CHECK)
def read_chip(
    actor,
    files: dict[str, bytes],
    *,
    printed_mrz: str | None = None,
    purpose: str = "chip read",
    inspection=None,
    check_print: Callable[[ChipReport], None] | None = None,
    today: date | None = None,
) -> ChipRead:
    """Verify the chip's ``files`` (from ``checked_chip_files``) and keep the read. ``check_print`` lets the booth
    compare the chip's MRZ with the data page it scanned (when no printed MRZ text is at hand)."""
    report = verify_chip(files, current_trust_store(), printed_mrz=printed_mrz, today=today or timezone.now().date())
    if check_print is not None:
        check_print(report)
    answer = report.to_dict()
    user = user_of(actor)
    chip = ChipRead(
        read_at=timezone.now(),
        read_by=user,
        post=inspection.post if inspection is not None else getattr(user, "current_post", None),
        inspection=inspection,
        verdict=report.verdict,
        report=answer,
        chip_mrz=(report.chip_mrz or "")[:90],
        sod_sha256=hashlib.sha256(files["EF.SOD"]).hexdigest() if "EF.SOD" in files else "",
    )
    chip.save()
    face = face_png(report.face.data) if report.face is not None else None
    if face is not None:
        chip.face_key_id, sealed = seal(face, _face_keys(), _face_name(chip))
        chip.face_sealed = sealed
        chip.face_content_type = "image/png"
        chip.save(update_fields=["face_key_id", "face_sealed", "face_content_type"])
    post_code = chip.post.code if chip.post is not None else None
    who = _holder(answer)
    record_access(actor, chip, purpose=purpose, post_code=post_code, detail=f"chip of {who}: {report.verdict}")
    record_change(
        actor,
        AuditAction.TRAVEL_DOCUMENTS_CHIP_READ,
        chip,
        post_code=post_code,
        new={
            "verdict": report.verdict,
            "errors": [e["code"] + (f" {e['dg']}" if e["dg"] else "") for e in answer["errors"]],
            "document": who,
            "inspection": inspection.pk if inspection is not None else None,
        },
    )
    return chip


def face_png(data: bytes) -> bytes | None:
    """The chip's face (JPEG or JPEG 2000) as PNG for a browser; None when it does not decode."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_FACE_PIXELS:
                return None
            image.load()
            converted = image.convert("RGB") if image.mode not in ("RGB", "L") else image
            out = io.BytesIO()
            converted.save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def opened_face(chip: ChipRead) -> bytes:
    """The face image of a read (PNG). The caller's service checked scope and logs the view."""
    if chip.face_sealed is None:
        raise Invalid("This chip read holds no face image that could be shown.", code="chip_face_absent")
    try:
        return unseal(
            bytes(chip.face_sealed), _face_keys(), chip.face_key_id, _face_name(chip), setting=FACE_KEYS_SETTING
        )
    except FileDamaged as exc:
        raise Conflict(str(exc), code="chip_face_unreadable") from None


def _face_keys():
    return keyring(FACE_KEYS_SETTING, FACE_LOCAL_KEY)


def _face_name(chip: ChipRead) -> str:
    return f"chip|{chip.pk}|face"


def _holder(answer: dict) -> str:
    """The document the chip says it is (issuing state and number), for the trail."""
    fields = (answer["chip"]["mrz_check"] or {}).get("fields") or {}
    document = f"{fields.get('issuing_state') or ''} {fields.get('document_number') or ''}".strip()
    return document or "a chip whose MRZ does not read"
