"""Checking travel documents (MRZ, document checks, visual zone, lost and stolen register) and keeping
the register. Every check is permission-checked and leaves an access event; every import an audit event."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common import hot_reads
from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.travel_documents.models import LostStolenDocument, RegisterVersion
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.documents import (
    CheckPolicy,
    LostStolenEntry,
    LostStolenRegister,
    RegisterImportError,
    compare_viz,
    document_checks,
    parse_mrz,
    parse_register_csv,
)
from borderdesk.core.documents.image_reader import MrzImageError, read_mrz_image


def zone_from_photo(image: bytes, *, today: date) -> str:
    """The machine-readable zone read from a photo or scan of a data page (JPEG or PNG, at any rotation), repaired
    through its check digits: for posts without a reader. It reads no record; the scan that follows is checked,
    logged and audited as any scan."""
    try:
        read = read_mrz_image(image, today)
    except MrzImageError as exc:
        raise Invalid(f"{exc.message[:1].upper()}{exc.message[1:]}.", code=exc.code, field="page_photo") from None
    return "\n".join(read.lines)


def check_policy() -> CheckPolicy:
    return CheckPolicy(
        expiry_warning_days=settings.BORDERDESK_DOCUMENT_EXPIRY_WARNING_DAYS,
        required_validity_after_departure_days=settings.BORDERDESK_DOCUMENT_VALIDITY_AFTER_DEPARTURE_DAYS,
        unrecognised_states=frozenset(settings.BORDERDESK_UNRECOGNISED_STATES),
        # The agency's own country is never a specimen state to itself (the demo runs as Utopia, UTO).
        specimen_states=CheckPolicy().specimen_states - {settings.BORDERDESK_COUNTRY},
    )


@dataclass
class DocumentCheck:
    """Everything an officer needs to judge a document: the MRZ verdict and what goes beyond it."""

    mrz: dict
    findings: list[dict] = field(default_factory=list)
    age: int | None = None
    validity_after_departure_days: int | None = None
    lost_stolen: dict | None = None
    viz_differences: list[dict] = field(default_factory=list)
    typed: bool = False  # typed by the officer (number and state), not read: nothing was checked

    @classmethod
    def of_typed_document(cls, fields: dict) -> DocumentCheck:
        """A document the officer typed and the records know: no zone was read, so it is never clear."""
        return cls(
            mrz={"format": None, "valid": None, "fields": fields, "errors": [], "warnings": [], "repairs": []},
            typed=True,
        )

    @property
    def clear(self) -> bool:
        return bool(
            self.mrz["valid"]
            and not self.lost_stolen
            and not self.viz_differences
            and not any(f["code"] in ALERT_FINDINGS for f in self.findings)
        )

    def as_dict(self) -> dict:
        return {
            **self.mrz,
            **({"typed": True} if self.typed else {}),
            "document_checks": {
                "findings": self.findings,
                "age": self.age,
                "validity_after_departure_days": self.validity_after_departure_days,
            },
            "lost_stolen": self.lost_stolen,
            "viz_differences": self.viz_differences,
            "clear": self.clear,
        }


ALERT_FINDINGS = {
    "document_expired",
    "insufficient_validity_after_departure",
    "specimen_document",
    "issuing_state_not_recognised",
    "issuing_state_unknown",
}


@service(Perm.DOCUMENTS_MRZ_CHECK)
def check_document(
    actor,
    text: str,
    *,
    today: date | None = None,
    repair: bool = False,
    departure: date | None = None,
    viz: dict | None = None,
    purpose: str = "document check",
) -> DocumentCheck:
    today = today or timezone.localdate()
    parsed = parse_mrz(text, today=today, repair=repair)
    result = DocumentCheck(mrz=parsed.to_dict())
    if parsed.format is None:
        return result
    report = document_checks(parsed, today, departure=departure, policy=check_policy())
    result.findings = [issue.to_dict() for issue in report.findings]
    result.age = report.age
    if report.validity_after_departure is not None:
        result.validity_after_departure_days = report.validity_after_departure.days
    hit = current_register().check(parsed)
    result.lost_stolen = _entry_dict(hit) if hit else None
    if viz:
        result.viz_differences = [d.to_dict() for d in compare_viz(parsed, viz)]
    fields = parsed.fields
    with transaction.atomic(savepoint=False):
        record_access(
            actor,
            purpose=purpose,
            object_type="travel_document",
            object_id=f"{fields.get('issuing_state', '')}:{fields.get('document_number', '')}",
            detail="lost/stolen HIT" if hit else "",
        )
    return result


def _entry_dict(entry: LostStolenEntry) -> dict:
    return {
        "document_number": entry.document_number,
        "issuing_state": entry.issuing_state,
        "document_type": entry.document_type,
        "reported_on": entry.reported_on.isoformat(),
        "reason": entry.reason,
    }


@dataclass(frozen=True)
class RegisterImport:
    version: RegisterVersion
    changed: bool  # False when the same file was already the current register


@service(Perm.DOCUMENTS_REGISTER_IMPORT)
def import_lost_stolen(actor, content: bytes, *, source_name: str) -> RegisterImport:
    """Replace the register by the file's entries, all or nothing; the same file again changes nothing."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"The register file is not UTF-8 text (byte {exc.start}).", code="register_not_utf8") from exc
    try:
        entries = parse_register_csv(text)
    except RegisterImportError as exc:
        raise RegisterRejected(exc) from exc
    digest = hashlib.sha256(content).hexdigest()
    current = RegisterVersion.objects.select_for_update().filter(is_current=True).first()
    if current is not None and current.sha256 == digest:
        return RegisterImport(current, changed=False)
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    version = RegisterVersion.objects.create(
        imported_by=actor if actor is not None else None,
        source_name=source_name[:300],
        sha256=digest,
        entry_count=len(entries),
        is_current=True,
    )
    LostStolenDocument.objects.bulk_create(
        [
            LostStolenDocument(
                version=version,
                document_number=e.document_number,
                issuing_state=e.issuing_state,
                document_type=e.document_type,
                reported_on=e.reported_on,
                reason=e.reason[:200],
            )
            for e in entries
        ],
        batch_size=5000,
    )
    record_change(
        actor,
        AuditAction.TRAVEL_DOCUMENTS_REGISTER_IMPORT,
        version,
        old={"version": current.pk, "entries": current.entry_count} if current else None,
        new={"version": version.pk, "entries": len(entries), "source": source_name, "sha256": digest},
    )
    return RegisterImport(version, changed=True)


class RegisterRejected(Invalid):
    code = "register_rejected"

    def __init__(self, error: RegisterImportError):
        super().__init__(str(error), code="register_rejected")
        self.rows = [row.to_dict() for row in error.errors]


_cache_lock = threading.Lock()
_cached: tuple[int | None, LostStolenRegister] = (None, LostStolenRegister())


def current_register() -> LostStolenRegister:
    """The current register in memory (a dict look-up per document), reloaded when a new version lands."""
    global _cached
    current = hot_reads.rows(  # at every scan
        f"SELECT id FROM {RegisterVersion._meta.db_table} WHERE is_current ORDER BY imported_at DESC LIMIT 1"
    )
    version_id = current[0][0] if current else None
    if _cached[0] == version_id:
        return _cached[1]
    with _cache_lock:
        rows = LostStolenDocument.objects.filter(version_id=version_id).values_list(
            "document_number", "issuing_state", "document_type", "reported_on", "reason"
        )
        register = LostStolenRegister(LostStolenEntry(*row) for row in rows.iterator(chunk_size=10_000))
        _cached = (version_id, register)
    return register
