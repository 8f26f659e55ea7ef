"""Admissibility, after registration: the claim is examined on its merits (found admissible), or not, on a ground
of Article 33(2) of the Directive or the Dublin III Regulation. Finding it inadmissible is a decision like any
other: proposed with its reasons and taking effect only on a senior officer's review (services/decisions.py)."""

from __future__ import annotations

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services import claims, decisions
from borderdesk.apps.asylum.services.claims import WORK, check_version, claim_service, load
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Invalid
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import AdmissibilityGround, ClaimAction, ClaimState, Outcome
from borderdesk.core.documents import country_name

G = AdmissibilityGround
# The grounds that send the claimant to another state, which the finding names.
NAMES_A_STATE = {
    G.OTHER_STATE_RESPONSIBLE: "the state responsible under the Dublin III Regulation",
    G.PROTECTION_ELSEWHERE: "the member state that granted protection",
    G.FIRST_COUNTRY_OF_ASYLUM: "the first country of asylum",
    G.SAFE_THIRD_COUNTRY: "the safe third country",
}


def _registered(actor, claim, version) -> Claim:
    record = load(claim, for_update=True)
    check_version(record, version)
    if record.state != ClaimState.REGISTERED:
        raise Invalid(
            f"Admissibility is found once, after registration; claim {record.reference} is "
            f"{record.get_state_display().lower()}.",
            code="transition_not_allowed",
            field="action",
        )
    return record


@claim_service((WORK,))
def find_admissible(actor, claim, *, version=None) -> Claim:
    record = _registered(actor, claim, version)
    claims.move(
        record,
        actor,
        ClaimAction.FIND_ADMISSIBLE,
        text="Found admissible",
        audit=AuditAction.ASYLUM_ADMISSIBILITY_DECIDE,
    )
    return record


def _ground(value) -> AdmissibilityGround:
    try:
        return AdmissibilityGround(str(value or "").strip())
    except ValueError:
        raise Invalid(
            f"Choose the ground: one of {', '.join(g.value.replace('_', ' ') for g in AdmissibilityGround)}.",
            code="ground_required",
            field="ground",
        ) from None


def _named_state(ground: AdmissibilityGround, value) -> str:
    code = str(value or "").strip().upper()[:3]
    if ground not in NAMES_A_STATE:
        return ""
    if not code:
        raise Invalid(f"Name {NAMES_A_STATE[ground]}.", code="state_required", field="named_state")
    if country_name(code) is None:
        raise Invalid(
            f"{str(value)[:10]!r} is not a state's code (three letters, e.g. DEU).",
            code="state_unknown",
            field="named_state",
        )
    return code


@claim_service((WORK,))
def propose_inadmissible(actor, claim, *, ground, named_state="", reasons, version=None) -> Claim:
    """Propose that the claim is inadmissible on ``ground`` (naming the other state where the ground sends the
    claimant): a decision proposal that goes to senior review."""
    record = _registered(actor, claim, version)
    chosen = _ground(ground)
    state = _named_state(chosen, named_state)
    reasons = decisions.reasons_text(reasons)
    record.admissibility_ground = chosen.value
    decisions.put_forward(
        record,
        actor,
        Outcome.INADMISSIBLE,
        reasons,
        text=f"Proposed: inadmissible ({chosen.value.replace('_', ' ')}{', ' + state if state else ''})",
        ground=chosen.value,
        named_state=state,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_ADMISSIBILITY_DECIDE,
        record,
        new={"admissibility_ground": chosen.value, "named_state": state, "review": "pending"},
        post_code=record.post.code,
    )
    return record


def named_state(claim: Claim) -> str:
    """The state the last inadmissibility proposal named (kept on the timeline)."""
    proposals = claim.events.filter(action=ClaimAction.PROPOSE_DECISION).order_by("-at", "-id")
    found = next((event for event in proposals if event.details.get("ground")), None)
    return found.details.get("named_state", "") if found else ""
