"""Signed checkpoints of the audit chains: the agency's signing key, and where checkpoints are kept (a table in
the database and a JSON-lines file outside it, which someone who alters the database cannot reach)."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.audit.models import Checkpoint as StoredCheckpoint
from borderdesk.apps.common.errors import Invalid
from borderdesk.core.audit import (
    Checkpoint,
    UnreadableCheckpoint,
    load_private_key,
    load_public_key,
    new_private_key_pem,
    parse_checkpoint_line,
    sign_checkpoint,
)

CHAINS = {"audit_events": AuditEvent, "access_events": AccessEvent}
CHECKPOINT_FILE_NAME = "checkpoints.jsonl"
log = logging.getLogger(__name__)


class SigningKeyError(Invalid):
    code = "audit_signing_key_unusable"


class CheckpointFileError(Invalid):
    code = "checkpoint_file_unreadable"


def signing_key_path() -> Path:
    configured = settings.BORDERDESK_AUDIT_SIGNING_KEY
    return Path(configured) if configured else Path(settings.DATA_DIR) / "audit_signing_key.pem"


def signing_key() -> Ed25519PrivateKey:
    """The agency's key: BORDERDESK_AUDIT_SIGNING_KEY, or one made once in the data directory (mode 0600)."""
    path = signing_key_path()
    try:
        if not path.exists() and not settings.BORDERDESK_AUDIT_SIGNING_KEY:
            _create_key_file(path)
        return load_private_key(path.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(f"cannot use the audit signing key {path}: {exc}") from exc


def public_key(pem_path: str | Path | None = None) -> Ed25519PublicKey | None:
    """The key checkpoints are checked with: a PEM public key given by the checker, else the agency's own
    (never made here: a missing key is None)."""
    if pem_path:
        try:
            return load_public_key(Path(pem_path).read_bytes())
        except (OSError, ValueError, TypeError) as exc:
            raise SigningKeyError(f"cannot read the public key {pem_path}: {exc}", code="public_key_unusable") from exc
    if not signing_key_path().exists():
        return None
    return signing_key().public_key()


def _create_key_file(path: Path) -> None:
    # Written aside and linked into place: another process either finds no file or the whole key.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit_signing_key.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new_private_key_pem())
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def checkpoint_file() -> Path:
    return Path(settings.BORDERDESK_AUDIT_CHECKPOINT_DIR) / CHECKPOINT_FILE_NAME


def write_checkpoint(chain: str, seq: int, hash: str, *, robust: bool = True) -> Checkpoint:
    """Sign the chain's head, store it, and append it to the checkpoint file once the transaction commits.

    ``robust``: a file that cannot be written is logged, not raised (inside a request the events are already
    committed; the next checkpoint writes the file again)."""
    checkpoint = sign_checkpoint(
        signing_key(), chain=chain, seq=seq, hash=hash, created_at=datetime.now(UTC).isoformat(timespec="seconds")
    )
    StoredCheckpoint.objects.create(**checkpoint.as_dict())
    transaction.on_commit(lambda: append_to_file(checkpoint_file(), [checkpoint]), robust=robust)
    return checkpoint


def automatic_checkpoint(chain: str, seq: int, hash: str) -> Checkpoint | None:
    """The checkpoint the app writes every N events: a key it cannot use is logged, never fails the request
    (the events are written all the same; `borderdesk audit checkpoint` reports the error)."""
    try:
        return write_checkpoint(chain, seq, hash)
    except SigningKeyError as exc:
        log.error("no automatic audit checkpoint of %s #%s: %s", chain, seq, exc.message)
        return None


def checkpoint_heads() -> list[Checkpoint]:
    """`borderdesk audit checkpoint`: one checkpoint of each chain that has events."""
    written = []
    with transaction.atomic():
        for chain, model in CHAINS.items():
            head = model.objects.order_by("-seq").values_list("seq", "hash").first()
            if head:
                written.append(write_checkpoint(chain, *head, robust=False))
    return written


def append_to_file(path: Path, checkpoints: Iterable[Checkpoint]) -> None:
    text = "".join(checkpoint.to_json_line() for checkpoint in checkpoints)
    path.parent.mkdir(parents=True, exist_ok=True)
    # One write with O_APPEND: lines from several processes never interleave.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def stored_checkpoints() -> list[Checkpoint]:
    fields = ("chain", "seq", "hash", "created_at", "key_id", "signature")
    return [Checkpoint(*row) for row in StoredCheckpoint.objects.order_by("id").values_list(*fields)]


def read_file(path: Path) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints of a file, and a message for each line that is not one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckpointFileError(f"cannot read the checkpoint file {path}: {exc}") from exc
    checkpoints, unreadable = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            checkpoints.append(parse_checkpoint_line(line))
        except UnreadableCheckpoint as exc:
            unreadable.append(f"{path}:{number}: {exc}")
    return checkpoints, unreadable


def export(path: Path) -> int:
    """Write every stored checkpoint to a new file, for an outside party; returns how many."""
    checkpoints = stored_checkpoints()
    with open(path, "x", encoding="utf-8") as handle:
        handle.writelines(checkpoint.to_json_line() for checkpoint in checkpoints)
    return len(checkpoints)
