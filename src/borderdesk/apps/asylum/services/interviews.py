"""The personal interview: scheduled (a time at the unit, a language the claimant speaks, the interpreter; for a
minor or a vulnerable claimant the safeguard taken, Article 15(3) and 25 of the Directive), held (its record sealed),
then read back to the claimant, who confirms it, with the corrections asked for. A missed interview is scheduled
again; the earlier one stays on the claim, not held."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.models import Claim, Interview
from borderdesk.apps.asylum.services import claims, sealing
from borderdesk.apps.asylum.services.claims import WORK, add_event, check_version, claim_service, load
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import ClaimAction, ClaimState

RECORD_MAX = 100_000
REMARKS_MAX = 5_000
NAME_MAX = 200
SAFEGUARD_MAX = 500
SCHEDULED_FROM = {ClaimState.ADMISSIBLE, ClaimState.INTERVIEW_SCHEDULED, ClaimState.ASSESSMENT}


def _when(value, claim: Claim) -> datetime:
    """A moment at the unit ("2026-04-10T09:30", its own time zone) as UTC."""
    try:
        moment = datetime.fromisoformat(str(value or "").strip()[:40])
    except ValueError:
        raise Invalid(
            "Give the interview's date and time (YYYY-MM-DD HH:MM, the unit's time).",
            code="interview_time_required",
            field="scheduled_for",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(claim.post.time_zone))
    if moment <= timezone.now():
        raise Invalid("An interview is scheduled in the future.", code="interview_in_past", field="scheduled_for")
    return moment


def _local(moment: datetime, claim: Claim) -> datetime:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(claim.post.time_zone))


def _limited(value, *, field: str, most: int, what: str) -> str:
    text = " ".join(str(value or "").split()) if most <= NAME_MAX else str(value or "").strip()
    if len(text) > most:
        raise Invalid(f"{what.capitalize()}: at most {most:,} characters.", code=f"{field}_too_long", field=field)
    return text


def needs_safeguard(claim: Claim) -> bool:
    return bool(claim.vulnerabilities)


@claim_service((WORK,))
def schedule(actor, claim, *, scheduled_for, language, interpreter="", safeguard="", version=None) -> Interview:
    """Schedule an interview (again, when one was missed, or a further one during the assessment)."""
    record = load(claim, for_update=True)
    check_version(record, version)
    if ClaimState(record.state) not in SCHEDULED_FROM:
        raise Invalid(
            f"A claim that is {record.get_state_display().lower()} has no interview to schedule: it is scheduled "
            "once the claim is found admissible.",
            code="transition_not_allowed",
            field="action",
        )
    when = _when(scheduled_for, record)
    language = str(language or "").strip().lower()[:8]
    if language not in record.languages:
        spoken = ", ".join(record.languages) or "none recorded yet (registration records them)"
        raise Invalid(
            f"Interview in a language the claimant speaks: {spoken}.", code="language_not_spoken", field="language"
        )
    interpreter = _limited(interpreter, field="interpreter", most=NAME_MAX, what="the interpreter's name")
    safeguard = _limited(safeguard, field="safeguard", most=SAFEGUARD_MAX, what="the safeguard")
    if needs_safeguard(record) and not safeguard:
        raise Invalid(
            "The claimant is a minor or vulnerable ("
            + ", ".join(v.replace("_", " ") for v in record.vulnerabilities)
            + "): say what safeguard the interview takes (a guardian present, an officer and interpreter of the "
            "claimant's choice of sex, breaks...).",
            code="safeguard_required",
            field="safeguard",
        )
    interview = Interview.objects.create(
        claim=record, scheduled_for=when, language=language, interpreter=interpreter, officer=user_of(actor)
    )
    if safeguard:
        interview.safeguard_key, interview.safeguard_sealed = sealing.seal_text(interview, "safeguard", safeguard)
        interview.save(update_fields=["safeguard_key", "safeguard_sealed"])
    details = {"interview": interview.pk, "language": language}
    claims.move(
        record,
        actor,
        ClaimAction.SCHEDULE_INTERVIEW,
        text=f"Interview scheduled for {_local(when, record):%Y-%m-%d %H:%M}",
        **details,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_INTERVIEW_SCHEDULE,
        interview,
        new={
            "claim": record.reference,
            "scheduled_for": when.isoformat(),
            **details,
            "interpreter": interpreter,
            "safeguard": "sealed" if safeguard else "",
        },
        post_code=record.post.code,
    )
    return interview


def _interview(record: Claim, interview) -> Interview:
    try:
        pk = int(str(interview))
    except ValueError:
        pk = 0
    found = Interview.objects.select_for_update().filter(claim=record, pk=pk).first()
    if found is None:  # another claim's interview is not found here either
        raise NotFound(f"Claim {record.reference} has no interview {str(interview)[:20]}.", code="interview_not_found")
    return found


@claim_service((WORK,))
def record_held(actor, claim, *, interview, record_text, version=None) -> Interview:
    """The interview was held: its record, sealed; the claim goes to assessment."""
    record = load(claim, for_update=True)
    check_version(record, version)
    held = _interview(record, interview)
    if held.held_at is not None:
        raise Conflict("This interview's record is already kept.", code="interview_already_recorded")
    if record.state != ClaimState.INTERVIEW_SCHEDULED:
        raise Invalid("No interview is scheduled for this claim now.", code="transition_not_allowed", field="action")
    text = str(record_text or "").strip()
    if not text:
        raise Invalid("Write the interview's record.", code="record_required", field="record_text")
    if len(text) > RECORD_MAX:
        raise Invalid(f"The record: at most {RECORD_MAX:,} characters.", code="record_too_long", field="record_text")
    held.held_at = timezone.now()
    held.officer = user_of(actor)
    held.record_key, held.record_sealed = sealing.seal_text(held, "record", text)
    held.save()
    claims.move(
        record,
        actor,
        ClaimAction.RECORD_INTERVIEW,
        text="Interview held; record kept (sealed), to be read back to the claimant",
        interview=held.pk,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_INTERVIEW_RECORD,
        held,
        new={"claim": record.reference, "record": "sealed", "characters": len(text)},
        post_code=record.post.code,
    )
    return held


@claim_service((WORK,))
def confirm(actor, claim, *, interview, remarks="", version=None) -> Interview:
    """The claimant confirmed the record after it was read back in their language (with the corrections they asked
    for, in ``remarks``)."""
    record = load(claim, for_update=True)
    check_version(record, version)
    held = _interview(record, interview)
    if held.held_at is None:
        raise Conflict("The interview was not held yet: nothing to confirm.", code="interview_not_held")
    if held.confirmed_at is not None:
        raise Conflict("The claimant already confirmed this record.", code="interview_already_confirmed")
    remarks = _limited(remarks, field="remarks", most=REMARKS_MAX, what="the corrections")
    held.remarks_key, held.remarks_sealed = sealing.seal_text(held, "remarks", remarks)
    held.confirmed_at = timezone.now()
    held.save()
    claims.bump(record)
    add_event(
        record,
        actor,
        "interview_confirmed",
        text="Interview record read back and confirmed by the claimant"
        + (" with corrections (sealed)" if remarks else ""),
        interview=held.pk,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_INTERVIEW_CONFIRM,
        held,
        new={"claim": record.reference, "corrections": "sealed" if remarks else ""},
        post_code=record.post.code,
    )
    return held


@dataclass
class InterviewRow:
    interview: Interview
    safeguard: str
    record: str
    remarks: str  # the claimant's corrections when confirming
    status: str  # scheduled, not held (a later one was scheduled), held (not confirmed), confirmed


@claim_service()
def rows(actor, claim) -> list[InterviewRow]:
    """The claim's interviews for its page, their records opened."""
    claim = load(claim)
    interviews = list(Interview.objects.filter(claim=claim).order_by("scheduled_for", "id"))
    latest = max((i.pk for i in interviews), default=None)
    found = []
    for interview in interviews:
        if interview.confirmed_at:
            status = "confirmed"
        elif interview.held_at:
            status = "not confirmed"
        elif interview.pk != latest:
            status = "not held"
        else:
            status = "scheduled"
        found.append(
            InterviewRow(
                interview,
                safeguard=sealing.unseal_text(
                    interview, "safeguard", interview.safeguard_sealed, interview.safeguard_key
                ),
                record=sealing.unseal_text(interview, "record", interview.record_sealed, interview.record_key),
                remarks=sealing.unseal_text(interview, "remarks", interview.remarks_sealed, interview.remarks_key),
                status=status,
            )
        )
    return found
