"""The hash chain behind the audit trail: each event carries the hash of the one before it, and signed
checkpoints of each chain's head let an outside party find a deleted tail or a re-hashed chain.

Plain Python: the audit app stores the events; this package says how a link is computed and checked.
"""

from borderdesk.core.audit.chain import (
    GENESIS_HASH,
    BrokenLink,
    StoredLink,
    canonical_json,
    link_hash,
    verify_chain,
)
from borderdesk.core.audit.checkpoint import (
    Checkpoint,
    CheckpointProblem,
    UnreadableCheckpoint,
    check_checkpoints,
    key_id,
    load_private_key,
    load_public_key,
    new_private_key_pem,
    parse_checkpoint_line,
    public_key_pem,
    sign_checkpoint,
    signature_holds,
)

__all__ = [
    "GENESIS_HASH",
    "BrokenLink",
    "StoredLink",
    "canonical_json",
    "link_hash",
    "verify_chain",
    "Checkpoint",
    "CheckpointProblem",
    "UnreadableCheckpoint",
    "check_checkpoints",
    "key_id",
    "load_private_key",
    "load_public_key",
    "new_private_key_pem",
    "parse_checkpoint_line",
    "public_key_pem",
    "sign_checkpoint",
    "signature_holds",
]
