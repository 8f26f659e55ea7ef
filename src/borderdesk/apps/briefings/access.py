"""Who reads and acknowledges briefings, as permissions (any one of them lets a user in): the publishers, and
those who work at posts, whose roles a briefing may be for."""

from borderdesk.core.access import Perm

# Those a briefing may be for: each holds one of these at their posts.
BRIEFED = (
    Perm.BORDER_INSPECTION_DECIDE,
    Perm.BORDER_MESSAGE_SEND,
    Perm.CASE_APPLICATION_READ,
    Perm.CONSULAR_VISA_READ,
    Perm.ASYLUM_CLAIM_READ,
    Perm.PATROL_LOG_READ,
)
READERS = (Perm.OPS_BRIEFING_PUBLISH, *BRIEFED)
