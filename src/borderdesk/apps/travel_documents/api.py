import base64
import binascii
from datetime import date

from ninja import Field, Router, Schema

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.travel_documents.chip_reads import MAX_CHIP_FILE_BYTES, checked_chip_files, read_chip
from borderdesk.apps.travel_documents.services import check_document

router = Router()


class VizIn(Schema):
    surname: str | None = None
    given_names: str | None = None
    document_number: str | None = None
    birth_date: date | None = None
    expiry_date: date | None = None
    sex: str | None = None
    nationality: str | None = None


class MrzCheckIn(Schema):
    mrz: str
    today: date | None = None
    repair: bool = False
    departure: date | None = None
    viz: VizIn | None = None


@router.post("/mrz", summary="Check a machine-readable zone, the document and the lost/stolen register")
def check_mrz(request, body: MrzCheckIn):
    """The same JSON as `borderdesk mrz check --json`, plus `document_checks`, `lost_stolen` (the register
    entry, or null), `viz_differences` and `clear`."""
    viz = body.viz.dict(exclude_none=True) if body.viz else None
    return check_document(
        request.user,
        body.mrz,
        today=body.today,
        repair=body.repair,
        departure=body.departure,
        viz=viz,
        purpose="document check (API)",
    ).as_dict()


# --- #19 chip: a chip reader sends the files it read ---


class ChipIn(Schema):
    files: dict[str, str] = Field(
        ..., description="The files read from the chip, base64: EF.COM, EF.SOD, DG1, DG2 (and DG3 ... DG16 if read)"
    )
    printed_mrz: str | None = Field(None, max_length=300, description="The MRZ read from the data page, 2 or 3 lines")


@router.post("/chip", summary="Verify an ePassport chip (passive authentication) and keep the read")
def verify_chip_read(request, body: ChipIn):
    """The same JSON as `borderdesk chip verify --json` (verdict `genuine`, `not_genuine` or `unverifiable`, each
    step, the errors with their codes, the document signer, the chip's MRZ and face image's description), plus
    `chip_read_id`. Verified against the trust store the administrators keep. Refused: a name that is no chip
    file (`chip_file_unknown`), a file that is not base64 (`chip_file_not_base64`) or larger than 512 KB
    (`chip_file_too_large`). Damaged or truncated files are not refused: they are what the verdict is about."""
    files = checked_chip_files([(name, _base64(name, text)) for name, text in body.files.items()])
    chip = read_chip(request.user, files, printed_mrz=body.printed_mrz, purpose="chip read (API)")
    return {"chip_read_id": chip.pk, **chip.report}


def _base64(name: str, text: str) -> bytes:
    if len(text) > MAX_CHIP_FILE_BYTES * 4 // 3 + 4:
        raise Invalid(f"{name[:60]} is larger than {MAX_CHIP_FILE_BYTES // 1024} KB: no chip file is.",
                      code="chip_file_too_large", field="files")  # fmt: skip
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(f"{name[:60]} is not base64.", code="chip_file_not_base64", field="files") from None
