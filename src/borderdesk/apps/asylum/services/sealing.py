"""Sealing a claim's most sensitive text and files at rest (AES-256-GCM with ``BORDERDESK_ASYLUM_KEYS``, apart from
the casework files' keys). Each sealed value is bound to its record and field: copied onto another claim or field
it does not open."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.sealing import keyring
from borderdesk.apps.common.services import atomic_block, service
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.uploads import FileDamaged, FileKeys, seal, unseal

SETTING = "BORDERDESK_ASYLUM_KEYS"
LOCAL_KEY_FILE = "asylum-key"


def asylum_keys() -> FileKeys:
    return keyring(SETTING, LOCAL_KEY_FILE)


def _name(record: models.Model, field: str) -> str:
    return f"asylum|{record._meta.label_lower}|{record.pk}|{field}"


def seal_value(record: models.Model, field: str, plaintext: bytes, keys: FileKeys | None = None) -> tuple[str, bytes]:
    """(key id, sealed bytes) for ``record``'s ``field`` (the record must be saved: its id is bound in)."""
    assert record.pk is not None, "seal after the record has an id"
    return seal(plaintext, keys or asylum_keys(), _name(record, field))


def unseal_value(record: models.Model, field: str, sealed, key_id: str, keys: FileKeys | None = None) -> bytes:
    """The plaintext, or ``Conflict`` (``sealed_record_damaged`` / ``sealed_key_missing``) saying what to do."""
    try:
        return unseal(bytes(sealed), keys or asylum_keys(), key_id, _name(record, field), setting=SETTING)
    except FileDamaged as exc:
        code = "sealed_key_missing" if exc.code == "file_key_missing" else "sealed_record_damaged"
        raise Conflict(str(exc) if code == "sealed_key_missing" else _DAMAGED, code=code) from None


def seal_text(record: models.Model, field: str, text: str) -> tuple[str, bytes | None]:
    """Empty text is stored as nothing (key id '', None)."""
    if not text:
        return "", None
    return seal_value(record, field, text.encode())


def unseal_text(record: models.Model, field: str, sealed, key_id: str) -> str:
    if sealed is None or not key_id:
        return ""
    return unseal_value(record, field, sealed, key_id).decode()


_DAMAGED = (
    "This part of the claim does not open: the stored text was altered or damaged, so it is not shown. Tell an "
    "administrator; the audit trail says who last changed it."
)


# --- Every sealed field, and re-sealing them with the current key ----------------------------------------------


@dataclass(frozen=True)
class SealedField:
    """A sealed column, the column naming its key, and the name the value is bound to (``seal_value``'s field)."""

    model: type[models.Model]
    column: str
    key_column: str
    bound_as: str

    @property
    def label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.bound_as}"


def sealed_fields() -> tuple[SealedField, ...]:
    """Every sealed value the asylum app stores: a new one is added here, or key rotation leaves it behind."""
    from borderdesk.apps.asylum.models import Claim, ClaimCountryNote, ClaimDocument, ClaimEvent, Interview

    return (
        SealedField(Claim, "narrative_sealed", "narrative_key", "narrative"),
        SealedField(Claim, "reasons_sealed", "reasons_key", "reasons"),
        SealedField(Interview, "record_sealed", "record_key", "record"),
        SealedField(Interview, "safeguard_sealed", "safeguard_key", "safeguard"),
        SealedField(Interview, "remarks_sealed", "remarks_key", "remarks"),
        SealedField(ClaimEvent, "note_sealed", "note_key", "note"),
        SealedField(ClaimDocument, "sealed", "key", "content"),
        SealedField(ClaimDocument, "title_sealed", "title_key", "title"),
        SealedField(ClaimCountryNote, "relevance_sealed", "relevance_key", "relevance"),
    )


@dataclass
class Rekeyed:
    """What a rotation did: counted per value, the values that do not open named (they are left as they were)."""

    key_id: str
    resealed: int = 0
    current: int = 0
    failed: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"key": self.key_id, "resealed": self.resealed, "already_current": self.current, "failed": self.failed}


def _stale(sealed: SealedField, key_id: str):
    rows = sealed.model.objects.filter(**{f"{sealed.column}__isnull": False}).exclude(**{sealed.key_column: ""})
    return rows.exclude(**{sealed.key_column: key_id})


def _reseal_batch(sealed: SealedField, pks: list[int], keys: FileKeys, outcome: Rekeyed) -> None:
    """Re-seal one batch in its own transaction, each row locked: a rotation stopped half way keeps what it did."""
    key_id = keys.current[0]
    with atomic_block():
        for record in sealed.model.objects.select_for_update().filter(pk__in=pks).order_by("pk"):
            stored, old_key = getattr(record, sealed.column), getattr(record, sealed.key_column)
            if stored is None or old_key in ("", key_id):  # changed by someone else since the batch was chosen
                outcome.current += stored is not None and old_key == key_id
                continue
            try:
                plaintext = unseal_value(record, sealed.bound_as, stored, old_key, keys)
            except Conflict as exc:
                outcome.failed.append({"record": sealed.label, "id": record.pk, "key": old_key, "code": exc.code})
                continue
            new_key, resealed = seal_value(record, sealed.bound_as, plaintext, keys)
            # An update, not save(): the claim's version and updated_at say what an officer changed, not this.
            sealed.model.objects.filter(pk=record.pk).update(**{sealed.column: resealed, sealed.key_column: new_key})
            outcome.resealed += 1


@service(Perm.ADMIN_REFERENCE_MANAGE, atomic=False)
def rekey(actor, *, batch_size: int = 200, progress=None) -> Rekeyed:
    """Re-seal every sealed value with the current (first) key of ``BORDERDESK_ASYLUM_KEYS``, in batches of their
    own transaction; safe to run again (what is current is counted, not touched) and to stop (the next run goes on
    from there). A value that does not open is reported with its record id and left untouched. ``progress(label,
    done, total)`` is told after each batch. One audit event says what was done."""
    keys = asylum_keys()
    outcome = Rekeyed(keys.current[0])
    for sealed in sealed_fields():
        stale = list(_stale(sealed, outcome.key_id).order_by("pk").values_list("pk", flat=True))
        outcome.current += (
            sealed.model.objects.filter(**{f"{sealed.column}__isnull": False, sealed.key_column: outcome.key_id})
        ).count()
        if progress:
            progress(sealed.label, 0, len(stale))
        for start in range(0, len(stale), batch_size):
            _reseal_batch(sealed, stale[start : start + batch_size], keys, outcome)
            if progress:
                progress(sealed.label, min(start + batch_size, len(stale)), len(stale))
    with atomic_block():
        record_change(
            actor,
            AuditAction.ASYLUM_KEYS_ROTATE,
            new={**outcome.as_dict(), "failed": len(outcome.failed)},
            object_type="asylum.keys",
            object_id=outcome.key_id,
        )
    return outcome
