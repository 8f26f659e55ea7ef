"""The officer web app's navigation: each entry shows only to users holding its permission."""

from __future__ import annotations

from dataclasses import dataclass

from borderdesk.core.access import Perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: Perm | None = None


NAVIGATION: list[NavItem] = [
    NavItem("Home", "home"),
    NavItem("Booth", "inspection:booth", Perm.BORDER_INSPECTION_DECIDE),
    NavItem("Queue", "inspection:queue", Perm.BORDER_DECISION_APPROVE),
    NavItem("Find a person", "people:find", Perm.BORDER_TRAVELLER_READ),
    NavItem("Check a document", "documents:check", Perm.DOCUMENTS_MRZ_CHECK),
    NavItem("Screen a person", "screening:screen", Perm.SCREENING_PERSON_SCREEN),
    NavItem("Lost and stolen", "documents:register", Perm.DOCUMENTS_REGISTER_IMPORT),
    NavItem("Watchlists", "screening:watchlists", Perm.WATCHLIST_LIST_IMPORT),
    NavItem("Stay calculator", "policy:stay", Perm.RULES_STAY_CALCULATE),
    NavItem("Refusal grounds", "policy:grounds"),
    NavItem("Rule packs", "policy:packs", Perm.POLICY_RULE_EDIT),
    NavItem("Visa matrix", "policy:visa-matrix", Perm.ADMIN_REFERENCE_MANAGE),
    NavItem("Audit trail", "audit:trail", Perm.AUDIT_TRAIL_READ),
    NavItem("Administration", "admin:index", Perm.ADMIN_REFERENCE_MANAGE),
]


def items_for(user) -> list[NavItem]:
    return [item for item in NAVIGATION if item.perm is None or user.can(item.perm)]
