from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import StrEnum


class Perm(StrEnum):
    """Every permission the system checks, named ``scope:resource:action``."""

    BORDER_TRAVELLER_READ = "border:traveller:read"
    BORDER_INSPECTION_DECIDE = "border:inspection:decide"
    BORDER_SECONDARY_INSPECT = "border:secondary:inspect"
    BORDER_DECISION_APPROVE = "border:decision:approve"
    BORDER_VISA_ISSUE = "border:visa_on_arrival:issue"
    BORDER_QUEUE_MANAGE = "border:queue:manage"
    BORDER_ROSTER_MANAGE = "border:roster:manage"
    BORDER_QUEUE_COUNT = "border:queue:count"
    BORDER_MESSAGE_SEND = "border:message:send"
    BORDER_FIGURES_READ = "border:figures:read"
    DOCUMENTS_MRZ_CHECK = "documents:mrz:check"
    DOCUMENTS_REGISTER_IMPORT = "documents:lost_stolen:import"
    SCREENING_PERSON_SCREEN = "screening:person:screen"
    SCREENING_MATCH_ADJUDICATE = "screening:match:adjudicate"
    WATCHLIST_LIST_IMPORT = "watchlist:list:import"
    RULES_STAY_CALCULATE = "rules:stay:calculate"
    POLICY_RULE_EDIT = "policy:rule:edit"
    POLICY_RULE_REVIEW = "policy:rule:review"
    POLICY_RULE_PUBLISH = "policy:rule:publish"
    CASE_APPLICATION_READ = "casework:application:read"
    CASE_APPLICATION_DECIDE = "casework:application:decide"
    CASE_DECISION_APPROVE = "casework:decision:approve"
    CASE_QUEUE_MANAGE = "casework:queue:manage"
    CONSULAR_VISA_READ = "consular:visa_application:read"
    CONSULAR_VISA_DECIDE = "consular:visa_application:decide"
    ASYLUM_CLAIM_MAKE = "asylum:claim:make"
    ASYLUM_CLAIM_READ = "asylum:claim:read"
    ASYLUM_CLAIM_DECIDE = "asylum:claim:decide"
    ASYLUM_DECISION_APPROVE = "asylum:decision:approve"
    PATROL_LOG_READ = "patrol:log:read"
    PATROL_LOG_WRITE = "patrol:log:write"
    PATROL_REFERRAL_MAKE = "patrol:referral:make"
    PARTNER_REFERRAL_READ = "partner:referral:read"
    PARTNER_REFERRAL_ACKNOWLEDGE = "partner:referral:acknowledge"
    ADMIN_PARTNER_MANAGE = "admin:partner:manage"
    AUDIT_TRAIL_READ = "audit:trail:read"
    AUDIT_TRAIL_VERIFY = "audit:trail:verify"
    AUDIT_ACCESS_REVIEW = "audit:access:review"
    ADMIN_USER_MANAGE = "admin:user:manage"
    ADMIN_POST_MANAGE = "admin:post:manage"
    ADMIN_REFERENCE_MANAGE = "admin:reference:manage"
    OPS_BRIEFING_PUBLISH = "operations:briefing:publish"
    # --- #18 manifests: an airline's system sends its passenger and crew lists (for its own carrier codes) ---
    CARRIER_MANIFEST_SEND = "carrier:manifest:send"
    CARRIER_BOARDING_CHECK = "carrier:boarding:check"
    # --- #19 chip: the trust store of country signing CAs that ePassport chips are verified against ---
    ADMIN_TRUST_MANAGE = "admin:trust:manage"


class Role(StrEnum):
    BORDER_OFFICER = "border_officer"
    SENIOR_OFFICER = "senior_officer"
    DUTY_MANAGER = "duty_manager"
    CASEWORKER = "caseworker"
    CONSULAR_OFFICER = "consular_officer"
    ASYLUM_CASE_OFFICER = "asylum_case_officer"
    PATROL_OFFICER = "patrol_officer"
    POLICY_AUTHOR = "policy_author"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
    # An outside agency's account (police, customs, coast guard, another state's contact point): its API tokens
    # reach only what was referred or alerted to that agency.
    PARTNER_AGENCY = "partner_agency"
    # --- #18 manifests: an airline's account; its API tokens send manifests for the carrier codes it is given ---
    CARRIER = "carrier"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# Permissions on work done at a post: granted only at the posts the user is assigned to.
POST_SCOPED: frozenset[Perm] = frozenset(
    p for p in Perm if p.value.split(":")[0] in {"border", "casework", "consular", "asylum", "patrol"}
) | {Perm.SCREENING_MATCH_ADJUDICATE}  # a verdict on a match is given at the post where the person was screened

_PRIMARY_LINE = {
    Perm.BORDER_TRAVELLER_READ,
    Perm.BORDER_INSPECTION_DECIDE,
    Perm.BORDER_VISA_ISSUE,
    Perm.DOCUMENTS_MRZ_CHECK,
    Perm.SCREENING_PERSON_SCREEN,
    Perm.RULES_STAY_CALCULATE,
    # "The traveller asks for protection": anyone who meets travellers records it; the asylum unit takes it on.
    Perm.ASYLUM_CLAIM_MAKE,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.BORDER_OFFICER: frozenset(_PRIMARY_LINE | {Perm.BORDER_MESSAGE_SEND}),
    Role.SENIOR_OFFICER: frozenset(
        _PRIMARY_LINE
        | {
            Perm.BORDER_SECONDARY_INSPECT,
            Perm.BORDER_DECISION_APPROVE,
            Perm.BORDER_QUEUE_MANAGE,
            Perm.PATROL_REFERRAL_MAKE,  # a detained traveller handed over to the police, with its record
            Perm.BORDER_MESSAGE_SEND,
            Perm.BORDER_FIGURES_READ,
            Perm.SCREENING_MATCH_ADJUDICATE,
            # At offices and consulates: approve caseworkers' decisions (four eyes) and run their queues.
            Perm.CASE_APPLICATION_READ,
            Perm.CONSULAR_VISA_READ,
            Perm.CASE_DECISION_APPROVE,
            Perm.CASE_QUEUE_MANAGE,
            # At the asylum unit: open every claim of the post, assign asylum case officers, review every decision.
            Perm.ASYLUM_DECISION_APPROVE,
        }
    ),
    Role.DUTY_MANAGER: frozenset(
        {
            Perm.BORDER_TRAVELLER_READ,
            Perm.BORDER_QUEUE_MANAGE,
            Perm.BORDER_QUEUE_COUNT,
            Perm.BORDER_ROSTER_MANAGE,
            Perm.BORDER_MESSAGE_SEND,
            Perm.BORDER_FIGURES_READ,
            Perm.OPS_BRIEFING_PUBLISH,
        }
    ),
    Role.CASEWORKER: frozenset(
        {
            Perm.CASE_APPLICATION_READ,
            Perm.CASE_APPLICATION_DECIDE,
            Perm.ASYLUM_CLAIM_MAKE,
            Perm.DOCUMENTS_MRZ_CHECK,
            Perm.SCREENING_PERSON_SCREEN,
            Perm.RULES_STAY_CALCULATE,
        }
    ),
    Role.CONSULAR_OFFICER: frozenset(
        {
            Perm.CONSULAR_VISA_READ,
            Perm.CONSULAR_VISA_DECIDE,
            Perm.DOCUMENTS_MRZ_CHECK,
            Perm.SCREENING_PERSON_SCREEN,
            Perm.RULES_STAY_CALCULATE,
        }
    ),
    Role.ASYLUM_CASE_OFFICER: frozenset(
        {
            Perm.ASYLUM_CLAIM_MAKE,
            Perm.ASYLUM_CLAIM_READ,
            Perm.ASYLUM_CLAIM_DECIDE,
            Perm.DOCUMENTS_MRZ_CHECK,
            Perm.SCREENING_PERSON_SCREEN,
        }
    ),
    Role.PATROL_OFFICER: frozenset(
        {
            Perm.PATROL_LOG_READ,
            Perm.PATROL_LOG_WRITE,
            Perm.PATROL_REFERRAL_MAKE,
            Perm.SCREENING_PERSON_SCREEN,
            Perm.DOCUMENTS_MRZ_CHECK,
            Perm.ASYLUM_CLAIM_MAKE,
        }
    ),
    Role.POLICY_AUTHOR: frozenset(
        {
            Perm.POLICY_RULE_EDIT,
            Perm.POLICY_RULE_REVIEW,
            Perm.POLICY_RULE_PUBLISH,
            Perm.RULES_STAY_CALCULATE,
            Perm.OPS_BRIEFING_PUBLISH,
        }
    ),
    Role.AUDITOR: frozenset({Perm.AUDIT_TRAIL_READ, Perm.AUDIT_TRAIL_VERIFY, Perm.AUDIT_ACCESS_REVIEW}),
    Role.ADMINISTRATOR: frozenset(
        {
            Perm.ADMIN_USER_MANAGE,
            Perm.ADMIN_POST_MANAGE,
            Perm.ADMIN_REFERENCE_MANAGE,
            Perm.WATCHLIST_LIST_IMPORT,
            Perm.DOCUMENTS_REGISTER_IMPORT,
            Perm.ADMIN_PARTNER_MANAGE,
            Perm.ADMIN_TRUST_MANAGE,  # --- #19 chip ---
        }
    ),
    Role.PARTNER_AGENCY: frozenset({Perm.PARTNER_REFERRAL_READ, Perm.PARTNER_REFERRAL_ACKNOWLEDGE}),
    Role.CARRIER: frozenset({Perm.CARRIER_MANIFEST_SEND, Perm.CARRIER_BOARDING_CHECK}),  # --- #18 manifests ---
}


def permissions_of(roles: Iterable[Role | str]) -> frozenset[Perm]:
    granted: set[Perm] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[Role(role)]
    return frozenset(granted)


def roles_granting(perm: Perm | str) -> list[Role]:
    """The roles that hold ``perm``, in the roles' order: whom a refusal names instead of the permission."""
    perm = Perm(perm)
    return [role for role in Role if perm in ROLE_PERMISSIONS[role]]


def allows(
    roles: Iterable[Role | str],
    perm: Perm | str,
    *,
    post: str | None = None,
    assigned_posts: Collection[str] = (),
    all_posts: bool = False,
) -> bool:
    """Whether holders of ``roles`` may do ``perm`` (at ``post``, for post-scoped permissions).

    A post-scoped permission asked without a post is granted when the user may use it at some post:
    the caller then narrows what it shows to the user's posts.
    """
    perm = Perm(perm)
    if perm not in permissions_of(roles):
        return False
    if perm not in POST_SCOPED or all_posts:
        return True
    if post is None:
        return bool(assigned_posts)
    return post in assigned_posts
