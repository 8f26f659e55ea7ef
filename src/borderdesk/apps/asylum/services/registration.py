"""Registering a claim: who the claimant says they are (beside who their documents say they are: the two may
differ, both are kept), the languages they speak, their vulnerabilities, their account in brief (sealed) and the
household. Registration starts the six-month clock for the decision and issues the claimant card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services.claims import WORK, check_version, claim_service, load, move
from borderdesk.apps.asylum.services.making import Identity, Member, make_member
from borderdesk.apps.asylum.services.sealing import seal_text, unseal_text
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.travellers.models import HeldDocument
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import ClaimAction, ClaimState, Vulnerability, decision_due_after
from borderdesk.core.documents.checkdigit import compute_check_digit
from borderdesk.core.documents.countries import country_name
from borderdesk.core.printing import ClaimantCard, claimant_card_pdf

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1 or 639-3
LANGUAGES_MAX = 6
ADULT_AGE = 18


@dataclass
class Registration:
    """What the registration panel shows: the identity as claimed beside the identity as documented."""

    claimed: dict
    documented: dict
    documents: list[HeldDocument]
    narrative: str


@claim_service()
def registration_of(actor, claim) -> Registration:
    """For whoever has the claim open (its officers, the unit's seniors)."""
    record = load(claim)
    traveller = record.claimant
    return Registration(
        claimed=record.claimed_identity,
        documented=Identity(
            traveller.surname, traveller.given_names, traveller.birth_date, traveller.nationality, traveller.sex
        ).as_dict(),
        documents=list(traveller.documents.order_by("-last_seen_at")),
        narrative=unseal_text(record, "narrative", record.narrative_sealed, record.narrative_key),
    )


@claim_service(WORK)
def register(
    actor,
    claim,
    *,
    version,
    identity: Identity,
    languages: list[str],
    vulnerabilities: list[str],
    narrative: str,
    members: tuple[Member, ...] = (),
) -> Claim:
    """Register the claim (ClaimAction.REGISTER): the identity as claimed, languages, vulnerabilities, the sealed
    narrative, any household member not yet named; the decision deadline; the claimant card."""
    record = load(claim, for_update=True)
    check_version(record, version)
    if record.state != ClaimState.CLAIMED:
        raise Conflict(f"Claim {record.reference} is already registered.", code="claim_already_registered")
    languages = _checked_languages(languages)
    narrative = _checked_narrative(narrative)
    today = record.post.local_date()
    for member in members:
        make_member(actor, record.principal or record, member)
    flags = _checked_vulnerabilities(vulnerabilities) | _age_flags(record, identity, today)
    record.claimed_identity = identity.as_dict()
    record.languages = languages
    record.vulnerabilities = sorted(flags)
    record.registered_at, record.registered_by = timezone.now(), user_of(actor)
    record.decision_due = decision_due_after(today)
    record.narrative_key, record.narrative_sealed = seal_text(record, "narrative", narrative)
    record.card_number, record.card_issued_on = card_number(record), today
    move(
        record,
        actor,
        ClaimAction.REGISTER,
        audit=AuditAction.ASYLUM_CLAIM_REGISTER,
        text=f"Decision due {record.decision_due.isoformat()}",
    )
    record_change(
        actor,
        AuditAction.ASYLUM_CLAIM_UPDATE,
        record,
        new={  # what changed, not what it says
            "claimed_identity": "recorded",
            "languages": languages,
            "vulnerabilities": record.vulnerabilities,
            "narrative": "sealed" if narrative else "none",
            "household_added": len(members),
        },
        post_code=record.post.code,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_CARD_ISSUE,
        record,
        new={"card_number": record.card_number, "valid_until": record.decision_due.isoformat()},
        post_code=record.post.code,
    )
    return record


def card_number(claim: Claim) -> str:
    """The claimant card's number: the unit's country, AS, seven digits of the claim's id and an ICAO 7-3-1 check
    digit (a mistyped number is caught at once)."""
    body = f"{claim.post.country}AS{claim.pk:07d}"
    if len(body) > 12:
        raise Conflict("The claimant card numbers are used up: tell an administrator.", code="card_numbers_exhausted")
    return body + compute_check_digit(body)


@claim_service(WORK)
def claimant_card(actor, claim) -> bytes:
    """The claimant card as a PDF (printing it is an access event: it shows who the claimant is)."""
    record = load(claim)
    if not record.card_number:
        raise Conflict("The card is issued at registration: register the claim first.", code="card_not_issued")
    record_access(actor, record, purpose="asylum_card_print", post_code=record.post.code)
    identity = record.claimed_identity or {}
    traveller = record.claimant
    born = identity.get("birth_date") or (traveller.birth_date.isoformat() if traveller.birth_date else "")
    return claimant_card_pdf(
        ClaimantCard(
            issuing_state=country_name(record.post.country) or record.post.country,
            card_number=record.card_number,
            surname=identity.get("surname") or traveller.surname,
            given_names=identity.get("given_names") or traveller.given_names,
            nationality=identity.get("nationality") or traveller.nationality,
            birth_date=date.fromisoformat(born) if born else None,
            issued_on=record.card_issued_on,
            valid_until=record.decision_due,
            unit=record.post.name,
        )
    )


def _checked_languages(languages: list[str]) -> list[str]:
    codes = [str(code).strip().lower() for code in languages if str(code).strip()]
    wrong = [code[:10] for code in codes if not LANGUAGE_CODE.fullmatch(code)]
    if not codes or wrong or len(codes) > LANGUAGES_MAX:
        raise Invalid(
            f"Give the languages the claimant speaks as ISO 639 codes (e.g. ar, fa, prs), the interview language "
            f"first, at most {LANGUAGES_MAX}" + (f"; not a code: {', '.join(wrong)}" if wrong else "") + ".",
            code="invalid_languages",
            field="languages",
        )
    return list(dict.fromkeys(codes))


def _checked_vulnerabilities(codes: list[str]) -> set[str]:
    known = {v.value for v in Vulnerability}
    wrong = [str(code)[:30] for code in codes if code not in known]
    if wrong:
        raise Invalid(
            f"Not a vulnerability: {', '.join(wrong)}.", code="invalid_vulnerability", field="vulnerabilities"
        )
    return set(codes)


def _checked_narrative(text: str) -> str:
    text = str(text or "").strip()
    if len(text) > settings.BORDERDESK_TEXT_MAX_CHARS:
        raise Invalid(
            f"The account in brief is at most {settings.BORDERDESK_TEXT_MAX_CHARS} characters; the full account is "
            "taken at the interview.",
            code="text_too_long",
            field="narrative",
        )
    return text


def _age_flags(claim: Claim, identity: Identity, today: date) -> set[str]:
    """A child under 18 is a minor; one who came alone (no principal, nobody in the household) is an
    unaccompanied minor."""
    born = identity.birth_date or claim.claimant.birth_date
    if born is None:
        return set()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age >= ADULT_AGE:
        return set()
    alone = claim.principal_id is None and not claim.household.exists()
    return {Vulnerability.UNACCOMPANIED_MINOR.value if alone else Vulnerability.MINOR.value}
