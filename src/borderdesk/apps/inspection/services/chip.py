"""The chip at the booth (#19): the officer adds the files a reader took from the passport's chip to the traveller's
inspection; the chip's MRZ is compared with the data page scanned at this inspection; a chip that is not genuine
stops an admission (``decisions``), whatever the rules recommend; its face image is shown through a scoped, logged
read."""

from __future__ import annotations

from borderdesk.apps.audit.services import record_access
from borderdesk.apps.common import hot_reads
from borderdesk.apps.common.errors import Conflict, NotFound
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.inspection.services._common import DECIDABLE, inspection_post
from borderdesk.apps.travel_documents.chip_reads import checked_chip_files, opened_face, read_chip
from borderdesk.apps.travel_documents.models import ChipRead, ChipVerdict
from borderdesk.core.access import Perm
from borderdesk.core.documents.chip import ChipReport

# The MRZ fields that tell a document and its holder apart: the chip's and the scanned page's must agree.
COMPARED_FIELDS = ("document_number", "issuing_state", "nationality", "birth_date", "expiry_date", "sex", "surname",
                   "given_names")  # fmt: skip


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post)
def read_chip_at_booth(officer, inspection, files: list[tuple[str, bytes]]) -> ChipRead:
    """Verify the chip's files (name, content) and keep the read with the inspection."""
    inspection = Inspection.objects.select_related("post").get(pk=pk_of(inspection, field="inspection"))
    if inspection.status not in DECIDABLE:
        raise Conflict(
            f"This traveller is {inspection.get_status_display().lower()}: the chip is read while deciding.",
            code="not_decidable",
        )
    chip_files = checked_chip_files(files)
    return read_chip(
        officer,
        chip_files,
        inspection=inspection,
        purpose="chip read at the booth",
        check_print=lambda report: compare_with_page(report, inspection.document_check),
    )


def compare_with_page(report: ChipReport, document_check: dict) -> None:
    """The chip's MRZ against the data page scanned at the booth (rule M with the scanned zone as the print)."""
    chip_fields = ((report.chip_mrz_check or {}).get("fields")) or {}
    page_fields = document_check.get("fields") or {}
    if document_check.get("typed") or not document_check.get("format") or not chip_fields:
        return  # nothing was read from the page, or the chip's MRZ does not read: nothing to compare
    differing = [name for name in COMPARED_FIELDS if chip_fields.get(name) != page_fields.get(name)]
    report.steps["mrz_matches_print"] = not differing
    if differing:
        words = ", ".join(name.replace("_", " ") for name in differing)
        report.add("mrz_mismatch", f"the chip's MRZ differs from the scanned data page: {words}")


def latest_chip_read(inspection: Inspection) -> ChipRead | None:
    """The last chip read of an inspection its viewer was allowed to open (the access event is written there)."""
    return ChipRead.objects.filter(inspection_id=inspection.pk).order_by("-read_at", "-pk").first()


def chip_not_genuine(inspection: Inspection) -> bool:
    """Whether any chip read at this inspection was not genuine: a later read does not wash an earlier one."""
    # Asked at every admission (the e-gate's too), and almost always no: a plain statement, not the ORM's compiler.
    found = hot_reads.rows(
        f"SELECT 1 FROM {ChipRead._meta.db_table} WHERE inspection_id = %s AND verdict = %s LIMIT 1",
        [pk_of(inspection, field="inspection"), ChipVerdict.NOT_GENUINE.value],
    )
    return bool(found)


def chip_portrait(inspection) -> tuple[bytes, str] | None:
    """The portrait of the inspection's latest chip read that holds one (PNG), and words saying where it came from,
    for the face comparison; None when no read of this inspection holds a portrait that opens. The caller's service
    checked the officer's scope."""
    chip = (
        ChipRead.objects.filter(inspection_id=pk_of(inspection, field="inspection"), face_sealed__isnull=False)
        .order_by("-read_at", "-pk")
        .first()
    )
    if chip is None:
        return None
    try:
        portrait = opened_face(chip)
    except Conflict:  # a sealed face that no longer opens (a lost key): nothing to compare with
        return None
    return portrait, f"chip's DG2 portrait ({chip.get_verdict_display().lower()})"  # at most 40 characters


@service(Perm.BORDER_TRAVELLER_READ, post=inspection_post)
def chip_face(actor, inspection, chip_read_id) -> bytes:
    """The face image (PNG) of a chip read at this inspection: a logged read of the traveller's biometrics."""
    inspection = Inspection.objects.select_related("post", "traveller").get(pk=pk_of(inspection, field="inspection"))
    chip = ChipRead.objects.filter(pk=pk_of(chip_read_id, field="chip_read"), inspection_id=inspection.pk).first()
    if chip is None:
        raise NotFound("No such chip read at this inspection.", code="chip_read_not_found")
    record_access(
        actor,
        inspection.traveller,
        purpose="chip face image",
        post_code=inspection.post.code,
        detail=f"chip read {chip.pk} at inspection {inspection.pk}",
    )
    return opened_face(chip)
