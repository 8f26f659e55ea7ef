from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    """SHA-256 over the previous link's hash and the event's canonical JSON."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_json(payload).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    reason: str  # "sequence_gap", "prev_hash_mismatch" or "hash_mismatch"
    message: str


@dataclass(frozen=True)
class StoredLink:
    seq: int
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str


def verify_chain(links: Iterable[StoredLink]) -> tuple[int, BrokenLink | None]:
    """Walk the links in sequence order; return how many were checked and the first broken one, if any."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for link in links:
        if link.seq != expected_seq:
            return checked, BrokenLink(link.seq, "sequence_gap", f"expected event #{expected_seq}, found #{link.seq}")
        if link.prev_hash != expected_prev:
            return checked, BrokenLink(
                link.seq, "prev_hash_mismatch", f"event #{link.seq} does not point to the hash of #{link.seq - 1}"
            )
        if link_hash(link.prev_hash, link.payload) != link.hash:
            return checked, BrokenLink(link.seq, "hash_mismatch", f"event #{link.seq} was altered after it was written")
        checked += 1
        expected_prev = link.hash
        expected_seq += 1
    return checked, None
