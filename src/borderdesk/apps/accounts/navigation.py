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
    NavItem("Check a document", "documents:check", Perm.DOCUMENTS_MRZ_CHECK),
    NavItem("Lost and stolen", "documents:register", Perm.DOCUMENTS_REGISTER_IMPORT),
    NavItem("Audit trail", "audit:trail", Perm.AUDIT_TRAIL_READ),
    NavItem("Administration", "admin:index", Perm.ADMIN_REFERENCE_MANAGE),
]


def items_for(user) -> list[NavItem]:
    return [item for item in NAVIGATION if item.perm is None or user.can(item.perm)]
