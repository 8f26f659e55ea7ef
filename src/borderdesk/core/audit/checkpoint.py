"""Signed checkpoints: the agency's statement "chain C had event #S with hash H at time T", signed with Ed25519.

Kept outside the database as well, a checkpoint lets anyone holding the public key find a chain whose tail was
deleted or that was re-hashed after an event was changed: the event the checkpoint names is gone, or its hash
differs. Plain Python and `cryptography`: the audit app stores checkpoints and reads the events.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from borderdesk.core.audit.chain import canonical_json

SIGNATURE_CONTEXT = b"borderdesk-audit-checkpoint-v1\n"


@dataclass(frozen=True)
class Checkpoint:
    chain: str
    seq: int
    hash: str
    created_at: str  # ISO 8601, UTC
    key_id: str
    signature: str  # base64 of the Ed25519 signature over signed_bytes()

    def signed_bytes(self) -> bytes:
        fields = {
            "chain": self.chain,
            "seq": self.seq,
            "hash": self.hash,
            "created_at": self.created_at,
            "key_id": self.key_id,
        }
        return SIGNATURE_CONTEXT + canonical_json(fields).encode("utf-8")

    def as_dict(self) -> dict:
        return asdict(self)

    def to_json_line(self) -> str:
        return canonical_json(self.as_dict()) + "\n"

    def describe(self) -> str:
        return f"checkpoint {self.chain} #{self.seq} of {self.created_at} (hash {self.hash[:12]}…)"


class UnreadableCheckpoint(ValueError):
    """A line of a checkpoint file that is not a checkpoint."""


@dataclass(frozen=True)
class CheckpointProblem:
    code: str  # "checkpoint_bad_signature", "checkpoint_event_missing", "checkpoint_hash_mismatch"
    chain: str
    seq: int
    message: str
    checkpoint: Checkpoint

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "chain": self.chain,
            "seq": self.seq,
            "message": self.message,
            "checkpoint": self.checkpoint.as_dict(),
        }


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of the SHA-256 of its raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign_checkpoint(private_key: Ed25519PrivateKey, *, chain: str, seq: int, hash: str, created_at: str) -> Checkpoint:
    unsigned = Checkpoint(chain, seq, hash, created_at, key_id(private_key.public_key()), "")
    signature = private_key.sign(unsigned.signed_bytes())
    return Checkpoint(chain, seq, hash, created_at, unsigned.key_id, base64.b64encode(signature).decode("ascii"))


def signature_holds(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> bool:
    try:
        public_key.verify(base64.b64decode(checkpoint.signature, validate=True), checkpoint.signed_bytes())
    except (InvalidSignature, ValueError):
        return False
    return True


def parse_checkpoint_line(line: str) -> Checkpoint:
    try:
        data = json.loads(line)
        return Checkpoint(
            chain=str(data["chain"]),
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            created_at=str(data["created_at"]),
            key_id=str(data["key_id"]),
            signature=str(data["signature"]),
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise UnreadableCheckpoint(f"not a checkpoint: {exc}") from exc


def check_checkpoints(
    checkpoints: Iterable[Checkpoint],
    public_key: Ed25519PublicKey,
    stored_hashes: Callable[[str, list[int]], Mapping[int, str]],
) -> list[CheckpointProblem]:
    """Each checkpoint must carry a valid signature, and the event it names must still exist with that hash.

    ``stored_hashes(chain, seqs)`` returns the stored hash of each of those events that exists.
    """
    problems: list[CheckpointProblem] = []
    by_chain: dict[str, list[Checkpoint]] = {}
    expected_key = key_id(public_key)
    for checkpoint in _unique(checkpoints):
        if not signature_holds(checkpoint, public_key):
            other_key = "" if checkpoint.key_id == expected_key else f" (signed with key {checkpoint.key_id})"
            problems.append(
                CheckpointProblem(
                    "checkpoint_bad_signature",
                    checkpoint.chain,
                    checkpoint.seq,
                    f"{checkpoint.describe()} has no valid signature of key {expected_key}{other_key}: forged",
                    checkpoint,
                )
            )
            continue
        by_chain.setdefault(checkpoint.chain, []).append(checkpoint)
    for chain, signed in by_chain.items():
        stored = stored_hashes(chain, sorted({c.seq for c in signed}))
        for checkpoint in signed:
            problem = _compare(checkpoint, stored.get(checkpoint.seq))
            if problem:
                problems.append(problem)
    return sorted(problems, key=lambda p: (p.chain, p.seq, p.code))


def _compare(checkpoint: Checkpoint, stored_hash: str | None) -> CheckpointProblem | None:
    if stored_hash is None:
        return CheckpointProblem(
            "checkpoint_event_missing",
            checkpoint.chain,
            checkpoint.seq,
            f"event #{checkpoint.seq} named by {checkpoint.describe()} is gone: events were deleted",
            checkpoint,
        )
    if stored_hash != checkpoint.hash:
        return CheckpointProblem(
            "checkpoint_hash_mismatch",
            checkpoint.chain,
            checkpoint.seq,
            f"event #{checkpoint.seq} now has hash {stored_hash[:12]}…, not the one signed in "
            f"{checkpoint.describe()}: the chain was rewritten",
            checkpoint,
        )
    return None


def _unique(checkpoints: Iterable[Checkpoint]) -> list[Checkpoint]:
    return list(dict.fromkeys(checkpoints))


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the audit signing key must be an Ed25519 private key")
    return key


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the audit public key must be an Ed25519 public key")
    return key


def new_private_key_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def public_key_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
