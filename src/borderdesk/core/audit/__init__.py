"""The hash chain behind the audit trail: each event carries the hash of the one before it.

Plain Python: the audit app stores the events; this module says how a link is computed and checked.
"""

from borderdesk.core.audit.chain import (
    GENESIS_HASH,
    BrokenLink,
    StoredLink,
    canonical_json,
    link_hash,
    verify_chain,
)

__all__ = ["GENESIS_HASH", "BrokenLink", "StoredLink", "canonical_json", "link_hash", "verify_chain"]
