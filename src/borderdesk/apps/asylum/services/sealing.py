"""Sealing a claim's most sensitive text and files at rest (AES-256-GCM with ``BORDERDESK_ASYLUM_KEYS``, apart from
the casework files' keys). Each sealed value is bound to its record and field: copied onto another claim or field
it does not open."""

from __future__ import annotations

from django.db import models

from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.sealing import keyring
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
