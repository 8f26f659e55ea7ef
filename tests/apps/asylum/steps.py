"""Moving a claim through the procedure by the real services, for the procedure's tests (registration is the
`claims` part's: here its facts are set directly and the move made through ``claims.move``)."""

from datetime import timedelta

from django.utils import timezone

from borderdesk.apps.asylum.services import admissibility, claims, decisions, interviews
from borderdesk.apps.common.services import atomic_block
from tests.actors import SETUP

REASON = "Working on the claim's procedure"
REVIEW = "Reviewing the proposed decision"


def open_for(user, claim, purpose="casework"):
    claims.open_claim(user, claim.reference, purpose=purpose, reason=REVIEW if purpose == "review" else REASON)


def version(claim) -> int:
    return claims.load(claim.reference).version


def register(claim, *, languages=("ar", "en"), vulnerabilities=()):
    record = claims.load(claim.reference)
    record.languages = list(languages)
    record.vulnerabilities = list(vulnerabilities)
    record.registered_at = timezone.now()
    record.decision_due = record.made_on + timedelta(days=182)
    with atomic_block():
        claims.move(record, SETUP, "register", text="Registered")
    return record


def admissible(claim, officer):
    register(claim)
    open_for(officer, claim)
    return admissibility.find_admissible(officer, claim.reference, version=version(claim))


def soon() -> str:
    return (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


def interviewed(claim, officer, *, confirm=True):
    admissible(claim, officer)
    interview = interviews.schedule(
        officer,
        claim.reference,
        scheduled_for=soon(),
        language="ar",
        interpreter="Layla Haddad",
        version=version(claim),
    )
    interviews.record_held(
        officer,
        claim.reference,
        interview=interview.pk,
        record_text="Q: Why did you leave? A: ...",
        version=version(claim),
    )
    if confirm:
        interviews.confirm(officer, claim.reference, interview=interview.pk, remarks="", version=version(claim))
    return interview


def proposed(claim, officer, outcome="refugee_status", reasons="Well-founded fear of persecution (art. 1A)."):
    interviewed(claim, officer)
    return decisions.propose(officer, claim.reference, outcome=outcome, reasons=reasons, version=version(claim))


def decided(claim, officer, senior, outcome="rejected"):
    proposed(claim, officer, outcome=outcome, reasons="No well-founded fear shown.")
    open_for(senior, claim, "review")
    return decisions.approve(senior, claim.reference, version=version(claim))
