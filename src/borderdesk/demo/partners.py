"""Demo partner agencies: Utopia's national police (the owner of the demo's national watchlist: a confirmed hit
with the action inform or arrest alerts it; it takes hand-overs from the patrols), customs and the coast guard.
The police have an API account (role partner_agency, no password: an administrator issues its token under
*Partner agencies*). No webhook address is set: their alerts wait in the outbox, as they would for a partner not
connected yet. Everything goes through the administrators' services."""

from __future__ import annotations

from borderdesk.apps.accounts.models import User
from borderdesk.apps.partners.models import Partner
from borderdesk.apps.partners.services import management
from borderdesk.demo.watchlist import LIST_NAME

PARTNERS = (
    management.PartnerForm(code="uto-police", name="Utopia National Police", kind="police", watchlists=(LIST_NAME,)),
    management.PartnerForm(code="uto-customs", name="Utopia Customs", kind="customs"),
    management.PartnerForm(code="uto-coast-guard", name="Utopia Coast Guard", kind="coast_guard"),
)


def load_demo_partners(progress) -> None:
    if Partner.objects.exists():
        return
    admin = User.objects.get(username="admin")
    for form in PARTNERS:
        partner = management.create_partner(admin, form)
        progress(f"  partner agency {partner.name}")
    management.create_account(admin, Partner.objects.get(code="uto-police").pk)
