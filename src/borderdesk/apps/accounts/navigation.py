"""The officer web app's navigation: each entry shows only to users holding its permission.

The service navigation holds one line at 1024 pixels whatever a user's roles: entries are listed in the order of
how often they are needed, shown on the bar while they fit a budget of characters, and the rest go under "More",
grouped by what they are for. The service name in the header leads home.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderdesk.core.access import Perm
from borderdesk.core.casework.kinds import LODGING_POSTS

BORDER_WORK = "Border work"
POLICY = "Policy and reference"
OVERSIGHT = "Oversight and administration"
GROUPS = (BORDER_WORK, POLICY, OVERSIGHT)

# What fits one line beside "More" at 1024 pixels (USWDS body font at 16 px: about 8.4 px a character, and
# PER_ITEM characters of padding around each entry); a browser test checks the bar does not wrap.
BAR_BUDGET = 106
PER_ITEM = 3


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: Perm | tuple[Perm, ...] | None = None  # any one of several, when a tuple
    group: str = BORDER_WORK
    # Only where the work is done: the permission held at the user's current post, and that post of these kinds
    # (a senior officer at an airport holds casework permissions there, but cases are worked at offices).
    at_posts: frozenset[str] = frozenset()

    def shown_to(self, user) -> bool:
        if self.perm is None:
            return True
        perms = self.perm if isinstance(self.perm, tuple) else (self.perm,)
        if not self.at_posts:
            return any(user.can(perm) for perm in perms)
        post = user.current_post
        return post is not None and post.kind in self.at_posts and any(user.can(perm, post.code) for perm in perms)


NAVIGATION: list[NavItem] = [
    NavItem("Booth", "inspection:booth", Perm.BORDER_INSPECTION_DECIDE),
    NavItem("Queue", "inspection:queue", Perm.BORDER_DECISION_APPROVE),
    # #16 queues: the duty manager's dashboard, at ports. Senior officers (whose bar is full) reach it from their
    # Queue page; BORDER_QUEUE_COUNT is held by duty managers alone.
    NavItem(
        "Operations",
        "queues:dashboard",
        Perm.BORDER_QUEUE_COUNT,
        at_posts=frozenset({"airport", "seaport", "land_crossing"}),
    ),
    # #18 manifests: the flights landing at the airport where the user works, from carriers' manifests.
    NavItem("Flights", "manifests:flights", Perm.BORDER_TRAVELLER_READ, at_posts=frozenset({"airport"})),
    NavItem(
        "Cases",
        "casework:queue",
        (Perm.CASE_APPLICATION_READ, Perm.CONSULAR_VISA_READ),
        at_posts=LODGING_POSTS["both"],
    ),
    NavItem(
        "New application",
        "casework:intake",
        (Perm.CASE_APPLICATION_DECIDE, Perm.CONSULAR_VISA_DECIDE),
        at_posts=LODGING_POSTS["both"],
    ),
    NavItem(
        "Asylum",
        "asylum:queue",
        (Perm.ASYLUM_CLAIM_READ, Perm.ASYLUM_DECISION_APPROVE),
        at_posts=frozenset({"inland_office"}),
    ),
    NavItem("Patrols", "patrols:home", Perm.PATROL_LOG_READ),  # #17 patrols: the sector, its log and map
    # #17 incidents: a patrol's log of what it met, at a sector or on a land crossing's stretch of border.
    NavItem(
        "Incidents", "incidents:list", Perm.PATROL_LOG_READ, at_posts=frozenset({"patrol_sector", "land_crossing"})
    ),
    # A patrol records a protection claim from its sector; at an office, the unit's queue links to the same page.
    NavItem("Protection asked", "asylum:make", Perm.ASYLUM_CLAIM_MAKE, at_posts=frozenset({"patrol_sector"})),
    NavItem("Roster", "rosters:current-week", Perm.BORDER_ROSTER_MANAGE),  # #16 rosters
    NavItem("Find a person", "people:find", Perm.BORDER_TRAVELLER_READ),
    NavItem("Screen a person", "screening:screen", Perm.SCREENING_PERSON_SCREEN),
    NavItem("Check a document", "documents:check", Perm.DOCUMENTS_MRZ_CHECK),
    NavItem("Stay calculator", "policy:stay", Perm.RULES_STAY_CALCULATE),
    # --- #16: briefings for those who publish them; officers are led to theirs by the header and the booth page,
    # and to messages by the header's indicator ---
    NavItem("Briefings", "briefings:list", Perm.OPS_BRIEFING_PUBLISH),
    # --- #17 partners: what a patrol sector referred or handed over to partner agencies (senior officers, whose bar
    # is full at ports, reach their post's referrals from their home page); the agencies themselves ---
    NavItem("Referrals", "partners:referrals", Perm.PATROL_REFERRAL_MAKE, at_posts=frozenset({"patrol_sector"})),
    NavItem("Rule packs", "policy:packs", Perm.POLICY_RULE_EDIT, POLICY),
    NavItem("Audit trail", "audit:trail", Perm.AUDIT_TRAIL_READ, OVERSIGHT),
    NavItem("Watchlists", "screening:watchlists", Perm.WATCHLIST_LIST_IMPORT, OVERSIGHT),
    NavItem("Lost and stolen", "documents:register", Perm.DOCUMENTS_REGISTER_IMPORT, OVERSIGHT),
    NavItem("Partner agencies", "partners:partners", Perm.ADMIN_PARTNER_MANAGE, OVERSIGHT),  # #17 partners
    NavItem("Visa matrix", "policy:visa-matrix", Perm.ADMIN_REFERENCE_MANAGE, POLICY),
    NavItem("Refusal grounds", "policy:grounds", None, POLICY),
    NavItem("Administration", "admin:index", Perm.ADMIN_REFERENCE_MANAGE, OVERSIGHT),
]


def items_for(user) -> list[NavItem]:
    return [item for item in NAVIGATION if item.shown_to(user)]


def split_for_bar(items: list[NavItem], budget: int = BAR_BUDGET) -> tuple[list[NavItem], list[NavItem]]:
    """The entries shown on the bar and those under "More". When all fit, "More" is empty; otherwise the bar keeps
    the leading entries that fit beside it."""
    if _width(items) <= budget:
        return items, []
    budget -= len("More") + PER_ITEM
    bar: list[NavItem] = []
    for item in items:
        if _width([*bar, item]) > budget:
            break
        bar.append(item)
    return bar, items[len(bar) :]


def _width(items: list[NavItem]) -> int:
    return sum(len(item.label) + PER_ITEM for item in items)


def grouped(items: list[NavItem]) -> list[tuple[str, list[NavItem]]]:
    """``items`` under their group headings, in the groups' order, leaving out empty groups."""
    return [(group, members) for group in GROUPS if (members := [item for item in items if item.group == group])]
