"""Naturalisation, on top of its casework application: the residence requirement computed from the applicant's
own crossings (``travellers.absence_history``) against the requirement in force (``core.residence``), the
language and civics tests, the police's criminal-record certificate, the conditions of an approval, and after it
the ceremony, the oath and the certificate. From the oath the booth treats the person as a citizen
(``citizen_at_booth``).

Who may do what: reading takes casework's read permission at the application's post; recording anything, its
decide permission there. Every service checks that first, runs in one transaction and writes the audit trail.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import Application, EventKind, Outcome
from borderdesk.apps.casework.services import cases
from borderdesk.apps.casework.services.cases import READ, WORK, application_post
from borderdesk.apps.casework.services.files import file_keys
from borderdesk.apps.citizenship.models import (
    CertificateCounter,
    Naturalisation,
    PoliceAnswer,
    PoliceCertificate,
    ResidenceCheck,
    TestKind,
    TestResult,
)
from borderdesk.apps.common import hot_reads
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import as_id, service
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.services import absence_history
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.uploads import FileDamaged, seal, unseal
from borderdesk.core.printing import NaturalisationCertificate, naturalisation_certificate_pdf
from borderdesk.core.residence import Absence, ResidenceError, absence_calendar, assess, requirement_on

KIND = "naturalisation"
MAX_TEXT = 120
MAX_DETAILS = 5000
CEREMONY_POST_KINDS = ("inland_office",)


# --- Reading everything a naturalisation holds ------------------------------------------------------------------


@dataclass
class NaturalisationFile:
    """What the case's page shows of a naturalisation (the application itself is casework's)."""

    application: Application
    residence: ResidenceCheck | None
    calendar: list = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    police: list[PoliceCertificate] = field(default_factory=list)
    conviction_details: dict[int, str] = field(default_factory=dict)
    ceremony: Naturalisation | None = None
    blockers: list[Blocker] = field(default_factory=list)

    @property
    def convicted(self) -> bool:
        return any(answer.answer == PoliceAnswer.CONVICTIONS for answer in self.police)


@service(READ, post=application_post)
def naturalisation_file(actor, application) -> NaturalisationFile:
    """Everything recorded for a naturalisation; opening the police's details of convictions is an access event."""
    case = _naturalisation(application)
    latest = ResidenceCheck.objects.filter(application=case).order_by("-checked_at", "-pk").first()
    police = list(PoliceCertificate.objects.filter(application=case))
    details = {}
    for answer in police:
        if answer.answer == PoliceAnswer.CONVICTIONS:
            details[answer.pk] = _unsealed_details(answer)
    if details:
        record_access(actor, case.applicant, purpose="criminal record", detail=case.reference, post_code=case.post.code)
    return NaturalisationFile(
        application=case,
        residence=latest,
        calendar=_calendar(latest),
        tests=list(TestResult.objects.filter(application=case)),
        police=police,
        conviction_details=details,
        ceremony=Naturalisation.objects.filter(application=case).select_related("ceremony_post").first(),
        blockers=_blockers(case, latest),
    )


def _naturalisation(application, *, for_update: bool = False) -> Application:
    case = cases.load(application, for_update=for_update)
    if case.kind != KIND:
        raise Conflict(
            f"Application {case.reference} is not an application for naturalisation.", code="not_naturalisation"
        )
    return case


# --- Residence ------------------------------------------------------------------------------------------------


@service(WORK, post=application_post)
def check_residence(actor, application, *, on: date | None = None) -> ResidenceCheck:
    """Compute the residence requirement on ``on`` (today at the post) from the applicant's crossings and store it
    with its inputs. A crossing history with gaps is stored as not assessed, naming the crossings missing."""
    case = _naturalisation(application)
    today = case.post.local_date()
    on = on or today
    if on > today + timedelta(days=3650) or on < case.lodged_on - timedelta(days=3650):
        raise Invalid(
            "Assess the residence on a day from ten years before the lodging to ten years from today.",
            code="residence_date_out_of_range",
            field="on",
        )
    return _check(actor, case, on)


def _check(actor, case: Application, on: date) -> ResidenceCheck:
    resident_since = _resident_since(case)
    history = absence_history(case.applicant_id)
    dated = requirement_on(KIND, on)
    check = ResidenceCheck(
        application=case,
        checked_at=timezone.now(),
        checked_by=user_of(actor),
        on=on,
        resident_since=resident_since,
        assessed=False,
        inputs={
            "absences": [_absence(a) for a in history.absences],
            "first_entry": history.first_entry.isoformat() if history.first_entry else None,
        },
        rule=_plain(asdict(dated)),
        problems=[_plain(asdict(problem)) for problem in history.problems],
    )
    if history.complete:
        try:
            found = assess(resident_since, on, list(history.absences), dated.requirement)
        except ResidenceError as error:
            check.problems = [{"code": error.code, "message": error.message, "on": None}]
        else:
            check.assessed, check.eligible = True, found.eligible
            check.earliest_eligible_on = found.earliest_eligible_on
            check.figures = _plain(asdict(found))
    check.save()
    figures = {"eligible": check.eligible, "failed": check.figures.get("failed", [])} if check.assessed else {}
    cases.add_event(
        case,
        actor,
        EventKind.ASSESSMENT,
        text=_residence_words(check),
        residence_check=check.pk,
        **figures,
    )
    record_change(
        actor,
        AuditAction.CITIZENSHIP_RESIDENCE_CHECK,
        case,
        new={
            "on": on.isoformat(),
            "assessed": check.assessed,
            "eligible": check.eligible,
            "earliest_eligible_on": _iso(check.earliest_eligible_on),
            "rule_effective_from": check.rule.get("effective_from"),
            "problems": [p.get("code") for p in check.problems],
        },
        post_code=case.post.code,
    )
    return check


def _resident_since(case: Application) -> date:
    try:
        return date.fromisoformat(str(case.answers.get("resident_since") or ""))
    except ValueError:
        raise Conflict(
            "The application gives no valid date of residence since (resident_since): correct the form first.",
            code="resident_since_missing",
            field="resident_since",
        ) from None


def _residence_words(check: ResidenceCheck) -> str:
    if not check.assessed:
        return f"Residence not assessed on {check.on}: the crossing history has gaps ({len(check.problems)})"
    if check.eligible:
        return f"Residence requirement met on {check.on}"
    return (
        f"Residence requirement not met on {check.on} ({', '.join(check.figures.get('failed', []))}); earliest "
        f"eligible {_iso(check.earliest_eligible_on) or 'not within ten years'}"
    )


def _calendar(check: ResidenceCheck | None) -> list:
    """The months of the qualifying period with their absent days, for the page's calendar."""
    if check is None or not check.assessed:
        return []
    absences = [
        Absence(date.fromisoformat(a["left"]), date.fromisoformat(a["returned"]) if a["returned"] else None)
        for a in check.inputs.get("absences", [])
    ]
    period_from = date.fromisoformat(check.figures["period_from"])
    period_to = date.fromisoformat(check.figures["period_to"])
    return absence_calendar(period_from, period_to, absences)


def _absence(absence) -> dict:
    return {"left": absence.left.isoformat(), "returned": _iso(absence.returned)}


def _plain(value):
    """Dates as ISO text, tuples as lists: a dataclass made storable as JSON."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- Tests ----------------------------------------------------------------------------------------------------


@service(WORK, post=application_post)
def record_test(
    actor, application, *, test: str, taken_on: date | None, score: str, passed: bool, certificate_number: str = ""
) -> TestResult:
    case = _naturalisation(application)
    if test not in TestKind.values:
        raise Invalid("Say which test: language or civics.", code="unknown_test", field="test")
    if taken_on is None:
        raise Invalid("Give the day the test was taken (YYYY-MM-DD).", code="taken_on_required", field="taken_on")
    if taken_on > case.post.local_date():
        raise Invalid(
            "A test result is recorded once the test is taken: not a future day.",
            code="test_in_future",
            field="taken_on",
        )
    score = _short(score, field="score", what="the score or level", required=True)
    certificate_number = _short(certificate_number, field="certificate_number", what="the certificate number")
    same = {"test": test, "taken_on": taken_on, "score": score, "passed": bool(passed)}
    if TestResult.objects.filter(application=case, **same, certificate_number=certificate_number).exists():
        raise Conflict("This result is already recorded (a form sent twice?).", code="test_recorded")
    result = TestResult.objects.create(
        application=case,
        test=test,
        taken_on=taken_on,
        score=score,
        passed=bool(passed),
        certificate_number=certificate_number,
        recorded_at=timezone.now(),
        recorded_by=user_of(actor),
    )
    words = f"{TestKind(test).label} on {taken_on}: {score}, {'passed' if passed else 'not passed'}"
    cases.add_event(case, actor, EventKind.ASSESSMENT, text=words, test=test, passed=bool(passed))
    record_change(
        actor,
        AuditAction.CITIZENSHIP_TEST_RECORD,
        result,
        new={
            "application": case.reference,
            "test": test,
            "taken_on": taken_on.isoformat(),
            "score": score,
            "passed": bool(passed),
            "certificate_number": certificate_number,
        },
        post_code=case.post.code,
    )
    return result


# --- The police's criminal-record certificate -----------------------------------------------------------------


@service(WORK, post=application_post)
def request_police_certificate(
    actor, application, *, authority: str, requested_on: date | None, reference: str
) -> PoliceCertificate:
    case = _naturalisation(application)
    authority = _short(authority, field="authority", what="the police authority asked", required=True)
    reference = _short(reference, field="reference", what="the request's reference", required=True)
    requested_on = requested_on or case.post.local_date()
    if requested_on > case.post.local_date():
        raise Invalid(
            "A request is recorded once sent: not a future day.", code="request_in_future", field="requested_on"
        )
    if PoliceCertificate.objects.filter(application=case, reference=reference).exists():
        raise Conflict(
            f"A request with reference {reference} is already recorded.",
            code="police_request_recorded",
            field="reference",
        )
    asked = PoliceCertificate.objects.create(
        application=case,
        authority=authority,
        requested_on=requested_on,
        reference=reference,
        requested_by=user_of(actor),
    )
    cases.add_event(
        case, actor, EventKind.CHECK, text=f"Criminal-record certificate requested from {authority} ({reference})"
    )
    record_change(
        actor,
        AuditAction.CITIZENSHIP_POLICE_REQUEST,
        asked,
        new={
            "application": case.reference,
            "authority": authority,
            "requested_on": requested_on.isoformat(),
            "reference": reference,
        },
        post_code=case.post.code,
    )
    return asked


@service(WORK, post=application_post)
def record_police_answer(
    actor, application, *, request, answered_on: date | None, answer: str, details: str = ""
) -> PoliceCertificate:
    """The police's answer to a request: no record, or convictions with their details (sealed at rest)."""
    case = _naturalisation(application)
    asked = (
        PoliceCertificate.objects.select_for_update()
        .filter(application=case, pk=as_id(request, field="request"))
        .first()
    )
    if asked is None:
        raise Invalid(
            f"Application {case.reference} has no such police request.",
            code="police_request_not_found",
            field="request",
        )
    if asked.answer:
        raise Conflict(
            "The police's answer to this request is already recorded.", code="police_answer_recorded", field="request"
        )
    if answer not in PoliceAnswer.values:
        raise Invalid(
            "Say what the police answered: no record, or convictions.", code="unknown_police_answer", field="answer"
        )
    answered_on = answered_on or case.post.local_date()
    if not asked.requested_on <= answered_on <= case.post.local_date():
        raise Invalid(
            f"The answer came between the request ({asked.requested_on}) and today.",
            code="answer_date_out_of_range",
            field="answered_on",
        )
    details = str(details or "").strip()
    if answer == PoliceAnswer.CONVICTIONS and not details:
        raise Invalid(
            "Give the details of the convictions (offence, court, date, sentence).",
            code="details_required",
            field="details",
        )
    if answer == PoliceAnswer.NO_RECORD and details:
        raise Invalid(
            "No record has no details: leave them empty.", code="details_for_convictions_only", field="details"
        )
    if len(details) > MAX_DETAILS:
        raise Invalid("The details: at most 5,000 characters.", code="details_too_long", field="details")
    asked.answer, asked.answered_on, asked.answered_by = answer, answered_on, user_of(actor)
    if details:
        asked.sealed_name = f"police-answer-{uuid.uuid4().hex}"
        asked.details_key_id, sealed = seal(details.encode("utf-8"), file_keys(), asked.sealed_name)
        asked.details_sealed = sealed
    asked.save()
    cases.add_event(
        case,
        actor,
        EventKind.CHECK,
        text=f"Police answer ({asked.reference}): {PoliceAnswer(answer).label}",
        answer=answer,
    )
    record_change(
        actor,
        AuditAction.CITIZENSHIP_POLICE_ANSWER,
        asked,
        new={
            "application": case.reference,
            "answer": answer,
            "answered_on": answered_on.isoformat(),
            "details": "sealed" if details else "",
        },
        post_code=case.post.code,
    )
    return asked


def _unsealed_details(answer: PoliceCertificate) -> str:
    try:
        return unseal(
            bytes(answer.details_sealed or b""), file_keys(), answer.details_key_id, answer.sealed_name
        ).decode()
    except FileDamaged as damaged:
        return f"[{damaged.code}] {damaged.message}"


# --- What an approval needs -----------------------------------------------------------------------------------


def check_approval(actor, case: Application) -> None:
    """Casework asks this before a naturalisation is approved (casework/services/kind_rules.py): the residence is
    computed again on the day and stored; refused while it is not met or not assessed, a test is not passed, or
    the police's answer is missing or shows convictions."""
    check = _check(actor, case, case.post.local_date())
    blockers = _blockers(case, check)
    if blockers:
        raise Conflict(
            "This naturalisation cannot be approved: "
            + "; ".join(blocker.words for blocker in blockers)
            + ". It may still be refused.",
            code=blockers[0].code,
        )


@dataclass(frozen=True)
class Blocker:
    """What stands in the way of an approval: a stable code and its words."""

    code: str
    words: str


def _blockers(case: Application, check: ResidenceCheck | None) -> list[Blocker]:
    """Why an approval is refused now; empty when nothing stands in its way."""
    found = []
    if check is None:
        found.append(Blocker("residence_not_assessed", "the residence requirement has not been computed"))
    elif not check.assessed:
        found.append(
            Blocker("residence_not_assessed", "the crossing history has gaps, so the residence cannot be computed")
        )
    elif not check.eligible:
        earliest = _iso(check.earliest_eligible_on) or "no day within ten years"
        found.append(
            Blocker("residence_not_eligible", f"the residence requirement is not met (earliest eligible {earliest})")
        )
    tests = TestResult.objects.filter(application=case)
    for test in TestKind:
        if not tests.filter(test=test, passed=True).exists():
            found.append(Blocker("test_not_passed", f"no passed {test.label.lower()} is recorded"))
    answers = PoliceCertificate.objects.filter(application=case).exclude(answer="")
    if answers.filter(answer=PoliceAnswer.CONVICTIONS).exists():
        found.append(Blocker("convicted", "the police's answer shows convictions while in the country"))
    elif not answers.exists():
        found.append(Blocker("police_answer_missing", "the police's answer on the criminal record has not come"))
    return found


def ground_facts(case: Application) -> dict[str, str]:
    """The earliest eligible date for the refusal ground ``residence_requirement_not_met``: from the last check."""
    check = ResidenceCheck.objects.filter(application=case, assessed=True).order_by("-checked_at", "-pk").first()
    earliest = check.earliest_eligible_on if check is not None else None
    return {"earliest_eligible_on": earliest.isoformat() if earliest else "—"}


# --- Ceremony, oath, certificate ------------------------------------------------------------------------------


@service(WORK, post=application_post)
def book_ceremony(actor, application, *, on: date | None, post_code: str = "") -> Naturalisation:
    case = _naturalisation(application, for_update=True)
    if case.outcome != Outcome.APPROVE:
        raise Conflict("A ceremony is booked once the naturalisation is approved.", code="not_approved")
    if on is None:
        raise Invalid("Give the ceremony's day (YYYY-MM-DD).", code="ceremony_date_required", field="on")
    approved_on = case.post.local_date(case.decided_at) if case.decided_at else case.lodged_on
    if on < approved_on:
        raise Invalid(
            f"The ceremony comes after the approval ({approved_on}).", code="ceremony_before_approval", field="on"
        )
    place = Post.objects.filter(code=str(post_code or case.post.code).strip().upper()[:12]).first()
    if place is None or place.kind not in CEREMONY_POST_KINDS:
        raise Invalid("A ceremony is held at an immigration office.", code="ceremony_place_invalid", field="post")
    booked = Naturalisation.objects.filter(application=case).first()
    if booked is not None and booked.oath_on is not None:
        raise Conflict("The oath is already taken: the ceremony is over.", code="oath_recorded")
    booked = booked or Naturalisation(application=case, citizen=case.applicant)
    old = {"on": _iso(booked.ceremony_on), "post": booked.ceremony_post.code} if booked.pk else None
    booked.ceremony_on, booked.ceremony_post = on, place
    booked.booked_by, booked.booked_at = user_of(actor), timezone.now()
    booked.save()
    cases.add_event(
        case, actor, EventKind.APPOINTMENT, text=f"Citizenship ceremony on {on} at {place.name} ({place.code})"
    )
    record_change(
        actor,
        AuditAction.CITIZENSHIP_CEREMONY_BOOK,
        booked,
        old=old,
        new={"application": case.reference, "on": on.isoformat(), "post": place.code},
        post_code=case.post.code,
    )
    return booked


@service(WORK, post=application_post)
def record_oath(actor, application, *, on: date | None) -> Naturalisation:
    """The oath taken at the ceremony: the certificate of naturalisation gets its number; a citizen from ``on``."""
    case = _naturalisation(application, for_update=True)
    booked = Naturalisation.objects.select_for_update().filter(application=case).first()
    if booked is None:
        raise Conflict("Book the ceremony first: the oath is taken there.", code="no_ceremony")
    if booked.oath_on is not None:
        raise Conflict(
            f"The oath was recorded on {booked.oath_on} (certificate {booked.certificate_number}).",
            code="oath_recorded",
        )
    on = on or booked.ceremony_on
    if on < booked.ceremony_on or on > booked.ceremony_post.local_date():
        raise Invalid(
            f"The oath is taken on the ceremony's day ({booked.ceremony_on}) or later, and not in the future.",
            code="oath_date_out_of_range",
            field="on",
        )
    booked.oath_on, booked.oath_recorded_by = on, user_of(actor)
    booked.certificate_number = _next_certificate_number(on.year)
    booked.save()
    cases.add_event(
        case,
        actor,
        EventKind.DECISION,
        text=f"Oath taken on {on}: certificate of naturalisation {booked.certificate_number}",
    )
    record_change(
        actor,
        AuditAction.CITIZENSHIP_OATH_RECORD,
        booked,
        new={
            "application": case.reference,
            "oath_on": on.isoformat(),
            "certificate": booked.certificate_number,
            "traveller": case.applicant_id,
        },
        post_code=case.post.code,
    )
    return booked


def _next_certificate_number(year: int) -> str:
    CertificateCounter.objects.get_or_create(year=year)
    counter = CertificateCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"UNC-{year}-{counter.last:06d}"


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    filename: str


@service(READ, post=application_post)
def certificate(actor, application) -> Printed:
    """The certificate of naturalisation as a PDF: an access event and an audit event."""
    case = _naturalisation(application)
    booked = Naturalisation.objects.filter(application=case).select_related("ceremony_post").first()
    if booked is None or booked.certificate_number is None:
        raise Conflict("No certificate yet: it is issued when the oath is recorded.", code="no_certificate")
    person = case.applicant
    pdf = naturalisation_certificate_pdf(
        NaturalisationCertificate(
            number=booked.certificate_number,
            state=settings.BORDERDESK_COUNTRY_NAME,
            surname=person.surname,
            given_names=person.given_names,
            birth_date=person.birth_date,
            former_nationality=person.nationality,
            oath_on=booked.oath_on,
            place=f"{booked.ceremony_post.name} ({booked.ceremony_post.code})",
            application=case.reference,
            legal_basis="Utopia Nationality Act 2020, s. 6",
        )
    )
    record_access(
        actor, person, purpose="naturalisation certificate", detail=booked.certificate_number, post_code=case.post.code
    )
    record_change(
        actor,
        AuditAction.CITIZENSHIP_CERTIFICATE_PRINT,
        booked,
        new={"certificate": booked.certificate_number},
        post_code=case.post.code,
    )
    return Printed(pdf, f"naturalisation-{booked.certificate_number}.pdf")


# --- At the booth ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citizenship:
    since: date
    certificate: str


def citizen_at_booth(traveller_id: int, on: date) -> Citizenship | None:
    """The traveller's citizenship by naturalisation on ``on`` (their oath on or before it), or None. Called inside
    the booth's inspection service, which has checked the officer's permission and records the read."""
    # At every scan: the same question as ``one_person(traveller_id, "citizen")``, as a plain statement. The
    # naturalised record is this traveller's, or one merged into it directly or through one more record: each
    # found by an index, since a condition that joins them with OR made the database read every naturalisation.
    found = hot_reads.rows(
        f"SELECT n.oath_on, n.certificate_number FROM {Naturalisation._meta.db_table} n"
        " WHERE n.citizen_id IN (SELECT %s UNION ALL"
        " SELECT t.id FROM travellers_traveller t WHERE t.merged_into_id = %s UNION ALL"
        " SELECT t.id FROM travellers_traveller t JOIN travellers_traveller m ON m.id = t.merged_into_id"
        " WHERE m.merged_into_id = %s) AND n.oath_on <= %s"
        " ORDER BY n.oath_on LIMIT 1",
        [traveller_id, traveller_id, traveller_id, connection.ops.adapt_datefield_value(on)],
    )
    if not found:
        return None
    oath_on, certificate = found[0]
    return Citizenship(date.fromisoformat(oath_on) if isinstance(oath_on, str) else oath_on, certificate)


# --- Small helpers ----------------------------------------------------------------------------------------------


def _short(value, *, field: str, what: str, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise Invalid(f"Give {what}.", code=f"{field}_required", field=field)
    if len(text) > MAX_TEXT:
        raise Invalid(f"{what.capitalize()}: at most {MAX_TEXT} characters.", code=f"{field}_too_long", field=field)
    return text
