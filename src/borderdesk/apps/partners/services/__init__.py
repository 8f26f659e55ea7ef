"""Partner agencies' services: referrals and hand-overs (``referrals``), the alerts' outbox and its webhooks
(``outbox``), watchlist hits reported to the lists' owners (``hits``), signed callbacks (``callbacks``), and the
partners' administration (``management``). Others use the names below."""

from borderdesk.apps.partners.services.outbox import deliver_due, queue_alert
from borderdesk.apps.partners.services.referrals import (
    SHAREABLE,
    partners_for_referral,
    refer,
    referral_view,
)

__all__ = ["SHAREABLE", "deliver_due", "partners_for_referral", "queue_alert", "refer", "referral_view"]
