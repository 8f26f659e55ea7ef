"""The trust store ePassport chips are verified against (#19): administrators import country signing CA
certificates, link certificates, CRLs and ICAO master lists, see what is trusted and until when, and remove what is
no longer to be trusted; every change is audited. The verification reads the store as the chip core's
``TrustStore``, built once and rebuilt when the store changes."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common import hot_reads
from borderdesk.apps.common.errors import Invalid, NotFound
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.travel_documents.models import TrustedObject
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.documents.chip import (
    TrustFileError,
    TrustObject,
    TrustStore,
    build_trust_store,
    read_trust_files,
)

MAX_FILE_BYTES = 8 * 1024 * 1024  # the ICAO master list is about 1 MB
MAX_FILES = 50
EXPIRING_SOON = timedelta(days=90)


@dataclass(frozen=True)
class TrustImport:
    added: list[TrustedObject]
    already_trusted: int


@service(Perm.ADMIN_TRUST_MANAGE)
def import_trust_files(actor, files: list[tuple[str, bytes]]) -> TrustImport:
    """Add the certificates and CRLs of ``files`` (name, content) to the store, all or nothing; what the store
    already holds is counted, not added twice."""
    if not files:
        raise Invalid("Choose at least one file: certificates (PEM or DER), CRLs or a master list.", code="no_file")
    if len(files) > MAX_FILES:
        raise Invalid(f"At most {MAX_FILES} files at once.", code="too_many_files")
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            raise Invalid(f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.", code="trust_file_too_large")
    known = [bytes(der) for der in TrustedObject.objects.values_list("der", flat=True)]
    try:
        objects = read_trust_files(files, known)
    except TrustFileError as exc:
        raise Invalid(str(exc), code=exc.code) from None
    held = set(TrustedObject.objects.values_list("sha256", flat=True))
    added: list[TrustedObject] = []
    now = timezone.now()
    for item in objects:
        digest = hashlib.sha256(item.der).hexdigest()
        if digest in held:
            continue
        held.add(digest)
        kept = _kept(item, digest, imported_at=now, imported_by=user_of(actor))
        if kept is not None:
            added.append(kept)
    record_change(
        actor,
        AuditAction.TRAVEL_DOCUMENTS_TRUST_IMPORT,
        object_type="travel_documents.trustedobject",
        object_id=",".join(str(o.pk) for o in added)[:200],
        new={
            "files": [name for name, _ in files],
            "added": [_described(o) for o in added],
            "already_trusted": len(objects) - len(added),
        },
    )
    return TrustImport(added, already_trusted=len(objects) - len(added))


def _kept(item: TrustObject, digest: str, **imported) -> TrustedObject | None:
    """The object stored, or None when another administrator's import stored it a moment ago."""
    try:
        with transaction.atomic():  # a savepoint: the unique digest refuses the second of two imports at once
            return TrustedObject.objects.create(
                kind=item.kind,
                der=item.der,
                sha256=digest,
                country=item.country,
                subject=item.subject,
                issuer=item.issuer,
                serial=item.serial,
                valid_from=item.valid_from,
                valid_until=item.valid_until,
                source=item.source,
                **imported,
            )
    except IntegrityError:
        return None


@service(Perm.ADMIN_TRUST_MANAGE)
def remove_trusted(actor, trusted_id) -> None:
    trusted = TrustedObject.objects.select_for_update().filter(pk=pk_of(trusted_id, field="trusted")).first()
    if trusted is None:
        raise NotFound("No such certificate or CRL in the trust store (removed already?).", code="trusted_not_found")
    old = _described(trusted)
    record_change(actor, AuditAction.TRAVEL_DOCUMENTS_TRUST_REMOVE, trusted, old=old)
    trusted.delete()


@dataclass(frozen=True)
class TrustRow:
    item: TrustedObject
    trusted: bool  # a CSCA or link the chain check uses (rule T); certificates and CRLs are material, not anchors
    expired: bool
    expiring_soon: bool


@service(Perm.ADMIN_TRUST_MANAGE)
def trust_listing(actor) -> list[TrustRow]:
    """Everything in the store, by country, with whether it is trusted and whether it expires soon."""
    store = current_trust_store()
    trusted = {hashlib.sha256(c.dump()).hexdigest() for c in store.trusted_cscas}
    now = timezone.now()
    rows = []
    for item in TrustedObject.objects.defer("der").select_related("imported_by"):
        until = item.valid_until
        rows.append(
            TrustRow(
                item,
                trusted=item.sha256 in trusted,
                expired=until is not None and until < now,
                expiring_soon=until is not None and now <= until < now + EXPIRING_SOON,
            )
        )
    return rows


def _described(item: TrustedObject) -> dict:
    return {
        "kind": item.kind,
        "country": item.country,
        "subject": item.subject,
        "serial": item.serial,
        "valid_until": item.valid_until.isoformat() if item.valid_until else None,
        "sha256": item.sha256,
        "source": item.source,
    }


_cache_lock = threading.Lock()
_cached: tuple[tuple[str, ...] | None, TrustStore] = (None, TrustStore())


def current_trust_store() -> TrustStore:
    """The store as the chip core reads it, rebuilt when what it holds changed: the digests of its objects say so
    (a few hundred short rows; ids alone would not, as a rolled-back import gives its ids out again)."""
    global _cached
    state = tuple(
        row[0] for row in hot_reads.rows(f"SELECT sha256 FROM {TrustedObject._meta.db_table} ORDER BY sha256")
    )
    if _cached[0] == state:
        return _cached[1]
    with _cache_lock:
        ders = [bytes(der) for der in TrustedObject.objects.values_list("der", flat=True)]
        store = build_trust_store(ders)
        _cached = (state, store)
    return store
