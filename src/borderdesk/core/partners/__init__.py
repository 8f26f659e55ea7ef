"""Partner agencies: plain Python, no database. What a referral may carry and its checks (``referrals``); signing
a webhook, verifying one, and the back-off between failed deliveries (``delivery``).

Every problem raised on purpose has a stable code: :class:`PartnerProblem` for a referral's input,
:class:`SignatureProblem` for a signed request.
"""

from borderdesk.core.partners.delivery import (
    BACKOFF_CAP,
    BACKOFF_FIRST,
    TOLERANCE_SECONDS,
    SignatureProblem,
    next_delay,
    sign,
    verify,
)
from borderdesk.core.partners.referrals import (
    KINDS,
    REASON_MAX,
    SHAREABLE,
    SIGNATURE_MAX,
    VALUE_MAX,
    PartnerProblem,
    ReferralDraft,
    check_partner_reference,
    check_referral,
    check_signature_name,
)

__all__ = [
    "BACKOFF_CAP",
    "BACKOFF_FIRST",
    "KINDS",
    "REASON_MAX",
    "SHAREABLE",
    "SIGNATURE_MAX",
    "TOLERANCE_SECONDS",
    "VALUE_MAX",
    "PartnerProblem",
    "ReferralDraft",
    "SignatureProblem",
    "check_partner_reference",
    "check_referral",
    "check_signature_name",
    "next_delay",
    "sign",
    "verify",
]
