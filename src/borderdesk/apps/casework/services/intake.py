"""How an application comes in: the applicant's travel document read through the MRZ reader (a pasted zone or a
keyboard-wedge scan), the applicant found among the travellers on record, and the application lodged, all in one
transaction.

Who the applicant is: a document on record (same issuing state, number and category) names its traveller; the
same passport twice is one traveller. A document not on record whose holder has the surname, birth date and
nationality of travellers on record is *offered*: the officer (or the sending system) says whether it is one of them
(the new document is added to that traveller) or a different person (a new traveller). Nothing is merged silently,
nothing is doubled: until the choice is made nothing is written but the access events of the records shown.

Family members join a principal's application as linked applications of the same kind: their answers are the
principal's unless others are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.utils import timezone

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import Application, Channel, EventKind
from borderdesk.apps.casework.services import lodging
from borderdesk.apps.casework.services.cases import (
    READ,
    WORK,
    add_event,
    application_post,
    kind_or_invalid,
    load,
)
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import atomic_block, service, the_post
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travel_documents.services import check_document
from borderdesk.apps.travellers import services as travellers
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import OPEN_STATES, ApplicationKind, FieldType, KindError, fee_for, visible_fields
from borderdesk.core.casework.grounds import LETTER_LANGUAGES

NEW_PERSON = "new"
MAX_MRZ = 400  # three lines of 30 or two of 44, with what a scanner adds: far less than this
MAX_ANSWERS = 60
MAX_ANSWER_LENGTH = 2000
MAX_FAMILY = 12
OPEN = frozenset(state.value for state in OPEN_STATES)
# Kinds whose applicant must already be a traveller on record: a naturalisation's residence is read from the
# applicant's own crossings, so a person Borderdesk has never seen cross has none to show.
KNOWN_TRAVELLERS_ONLY = frozenset({"naturalisation"})


@dataclass
class Person:
    """One person on an application as intake found them: the MRZ's fields, and either the traveller and document
    on record (settled) or the travellers on record under another document the officer must choose between."""

    role: str  # "applicant", or "family member 1", ...
    fields: dict
    mrz_check: dict
    document: HeldDocument | None = None  # on record already
    traveller: Traveller | None = None  # the document's holder, or the traveller chosen
    candidates: list[Traveller] = field(default_factory=list)
    new_person: bool = False

    @property
    def needs_choice(self) -> bool:
        return self.document is None and self.traveller is None and not self.new_person

    @property
    def name(self) -> str:
        return f"{self.fields.get('given_names', '')} {self.fields.get('surname', '')}".strip()


@dataclass
class Intake:
    """What intake did: the application lodged (and its family's), or, with ``application`` None, the people whose
    identity the officer must settle first (``waiting``)."""

    application: Application | None
    people: list[Person]
    family: list[Application] = field(default_factory=list)

    @property
    def waiting(self) -> list[Person]:
        return [person for person in self.people if person.needs_choice]


@dataclass(frozen=True)
class FamilyMember:
    mrz: str
    relationship: str
    answers: dict | None = None  # None: the principal's
    choice: str = ""  # "" (not chosen), "new", or the id of a traveller offered


# --- Reading the form -----------------------------------------------------------------------------------------


def answers_from_form(kind: ApplicationKind, form, *, prefix: str = "answer_") -> dict:
    """The answers to ``kind``'s form as typed into a web form (``answer_<key>``), as the kind's types: numbers as
    numbers, yes/no as booleans, countries in capitals; blank answers and fields not asked left out."""
    answers: dict = {}
    for question in kind.form:
        raw = str(form.get(prefix + question.key, "") or "").strip()
        if not raw:
            continue
        if question.type is FieldType.NUMBER:
            answers[question.key] = _number(raw, question.key)
        elif question.type is FieldType.BOOLEAN:
            if raw not in ("yes", "no"):
                raise Invalid(f"{question.label}: answer yes or no.", code="answers_invalid", field=question.key)
            answers[question.key] = raw == "yes"
        elif question.type is FieldType.COUNTRY:
            answers[question.key] = raw.upper()
        else:
            answers[question.key] = raw
    asked = {question.key for question in visible_fields(kind, answers)}
    return {key: value for key, value in answers.items() if key in asked}


def _number(raw: str, key: str) -> int | float:
    try:
        number = float(raw.replace(",", "")) if any(c in raw for c in ".eE") else int(raw.replace(",", ""))
    except ValueError:
        raise Invalid(f"{key}: {raw[:40]!r} is not a number.", code="answers_invalid", field=key) from None
    if isinstance(number, float) and (number != number or number in (float("inf"), float("-inf"))):
        raise Invalid(f"{key}: {raw[:40]!r} is not a number.", code="answers_invalid", field=key)
    return number


def sponsor_from_form(form, *, prefix: str = "sponsor_") -> dict | None:
    """The sponsor or employer as typed (``sponsor_kind``, ``sponsor_name``, ...); None when no name is given."""
    keys = ("kind", "name", "birth_date", "nationality", "address", "registration_number", "phone")
    sponsor = {key: str(form.get(prefix + key, "") or "").strip() for key in keys}
    sponsor["kind"] = sponsor["kind"] or "sponsor"
    return sponsor if sponsor["name"] else None


def fee_text(kind: ApplicationKind, nationality: str) -> str:
    """The fee for a national of ``nationality`` in words ("80 UTD", "exempt (art. 12(1)(a) ...)")."""
    try:
        fee = fee_for(kind, nationality)
    except KindError:
        return ""
    if fee.exempt:
        return f"exempt ({fee.legal_basis.instrument} {fee.legal_basis.article})"
    return f"{fee.amount} {fee.currency}"


def kinds_lodged_at(post: Post | None) -> list[ApplicationKind]:
    from borderdesk.core.casework import bundled_kinds

    if post is None:
        return []
    return [kind for kind in bundled_kinds().values() if kind.may_be_lodged_at(post.kind)]


# --- Lodging --------------------------------------------------------------------------------------------------


@service(WORK, post=the_post)
def lodge_application(
    actor,
    *,
    post: Post,
    kind: str,
    mrz: str,
    answers: dict,
    choice: str = "",
    language: str = "en",
    contact_email: str = "",
    sponsor: dict | None = None,
    channel: str = Channel.OFFICER,
    external_reference: str = "",
    family: list[FamilyMember] | tuple = (),
    today: date | None = None,
) -> Intake:
    """Lodge an application of ``kind`` at ``post`` for the holder of the document in ``mrz`` (and, optionally,
    its ``family`` members' linked applications). ``choice`` settles an applicant offered as already on record
    under another document: ``"new"`` (a different person) or the id of the traveller offered (the same person).
    Until every person is settled nothing is lodged: the answer names those waiting (``Intake.waiting``)."""
    application_kind = _check_request(post, kind, answers, language=language, sponsor=sponsor)
    contact_email = _checked_email(contact_email)
    external_reference = _check_external_reference(post, external_reference, channel)
    family = list(family or ())
    if len(family) > MAX_FAMILY:
        raise Invalid(f"At most {MAX_FAMILY} family members at once.", code="too_many_family", field="family")
    for member in family:
        if member.relationship not in lodging.RELATIONSHIPS:
            raise Invalid(
                f"Say how each family member is related: {', '.join(lodging.RELATIONSHIPS)}.",
                code="relationship_invalid",
                field="relationship",
            )
        if member.answers is not None:
            _check_answers(application_kind, member.answers)
    today = today or timezone.localdate()
    people = [_find(actor, "applicant", mrz, choice, today)]
    people += [_find(actor, f"family member {n}", m.mrz, m.choice, today) for n, m in enumerate(family, 1)]
    _refuse_one_document_twice(people)
    if application_kind.id in KNOWN_TRAVELLERS_ONLY and people[0].new_person:
        raise Invalid(
            f"{people[0].name or 'The applicant'} is not a traveller on record: a {application_kind.title.lower()} "
            "is decided on the applicant's own crossings, so the applicant must have crossed the border before.",
            code="applicant_not_on_record",
            field="mrz",
        )
    if any(person.needs_choice for person in people):
        _shown(actor, people, post)
        return Intake(None, people)
    applicant = people[0]
    application = _lodge_one(
        actor,
        applicant,
        post=post,
        kind=application_kind.id,
        answers=answers,
        language=language,
        contact_email=contact_email,
        sponsor=sponsor,
        channel=channel,
        external_reference=external_reference,
    )
    linked = [
        _lodge_family_member(actor, application, person, member, channel=channel)
        for person, member in zip(people[1:], family, strict=True)
    ]
    return Intake(application, people, linked)


@service(WORK, post=the_post)
def read_applicant(actor, *, post: Post, mrz: str, choice: str = "", today: date | None = None) -> Person:
    """The applicant's document read before lodging, to show the officer who it is (the traveller on record, or
    the travellers offered, or a new person) and the fee for their nationality. Writes only access events."""
    person = _find(actor, "applicant", mrz, choice, today or timezone.localdate())
    if person.traveller is not None:
        record_access(
            actor,
            person.traveller,
            purpose="casework intake: applicant",
            detail=str(person.document or ""),
            post_code=post.code,
        )
    _shown(actor, [person], post)
    return person


@service(WORK, post=application_post)
def add_family_member(
    actor,
    principal,
    *,
    mrz: str,
    relationship: str,
    answers: dict | None = None,
    answer_form=None,
    choice: str = "",
    today: date | None = None,
) -> Intake:
    """A family member's application linked to the ``principal``'s (same kind, same post; the principal's answers,
    language, contact and sponsor unless ``answers`` are given, or ``answer_form``: answers as typed in a web form,
    read against the principal's kind). The principal's case is locked meanwhile, so the same person sent twice at
    once is added once."""
    case = load(principal, for_update=True)
    if case.principal_id is not None:
        raise Invalid(
            f"{case.reference} is itself a family member's application: add the family member to "
            f"{case.principal.reference}.",
            code="principal_invalid",
            field="principal",
        )
    if case.state not in OPEN:
        raise Conflict(
            f"{case.reference} is {case.get_state_display().lower()}: family members join an open application.",
            code="principal_closed",
        )
    if relationship not in lodging.RELATIONSHIPS:
        raise Invalid(
            f"Say how they are related: {', '.join(lodging.RELATIONSHIPS)}.",
            code="relationship_invalid",
            field="relationship",
        )
    application_kind = kind_or_invalid(case.kind)
    if answer_form is not None:
        answers = answers_from_form(application_kind, answer_form)
    if answers is not None:
        _check_answers(application_kind, answers)
    person = _find(actor, "family member", mrz, choice, today or timezone.localdate())
    if person.needs_choice:
        _shown(actor, [person], case.post)
        return Intake(None, [person])
    member = FamilyMember(mrz=mrz, relationship=relationship, answers=answers, choice=choice)
    linked = _lodge_family_member(actor, case, person, member, channel=Channel.OFFICER)
    return Intake(linked, [person], [linked])


def _lodge_family_member(actor, principal: Application, person: Person, member: FamilyMember, *, channel: str):
    if _settled_traveller(person) == principal.applicant_id:
        raise Invalid(
            f"{person.name} is the principal applicant of {principal.reference}, not a family member.",
            code="same_as_principal",
            field="mrz",
        )
    application = _lodge_one(
        actor,
        person,
        post=principal.post,
        kind=principal.kind,
        answers=dict(principal.answers) if member.answers is None else member.answers,
        language=principal.language,
        contact_email=principal.contact_email,
        sponsor=principal.sponsor or None,
        channel=channel,
        principal=principal,
        relationship=member.relationship,
    )
    add_event(
        principal,
        actor,
        EventKind.LODGED,
        text=f"Family member's application {application.reference} linked ({member.relationship})",
        family_member=application.reference,
        relationship=member.relationship,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_APPLICATION_UPDATE,
        principal,
        new={"family_member": application.reference, "relationship": member.relationship},
        post_code=principal.post.code,
    )
    return application


def _lodge_one(actor, person: Person, *, post: Post, kind: str, answers: dict, **lodge_options) -> Application:
    if person.document is not None:
        how = "on record"
    elif person.traveller is not None:
        how = "document added to the traveller on record the officer chose"
    else:
        how = "new traveller"
    traveller, document = _settle(actor, person, post.code)
    fields = person.fields
    holder_differs = person.document is not None and (
        traveller.surname != fields.get("surname") or str(traveller.birth_date) != str(fields.get("birth_date"))
    )
    earlier = (
        Application.objects.filter(applicant=traveller, kind=kind, post=post, state__in=OPEN)
        .values_list("reference", flat=True)
        .first()
    )
    if earlier is not None:
        raise Conflict(
            f"{person.name} already has an open application of this kind here: {earlier}. Nothing was lodged.",
            code="application_open",
        )
    application = lodging.lodge(
        actor, post=post, kind=kind, traveller=traveller, document=document, answers=answers, **lodge_options
    )
    check = person.mrz_check
    findings = [f["code"] for f in check.get("document_checks", {}).get("findings", [])]
    lost = check.get("lost_stolen")
    add_event(
        application,
        actor,
        EventKind.DOCUMENT,
        text=f"Travel document read: {document}"
        + (f"; reported {lost['reason']} on {lost['reported_on']}" if lost else "")
        + (f"; findings: {', '.join(findings)}" if findings else "")
        + (
            f"; the document is on record for {traveller.surname}, born {traveller.birth_date}: the zone names "
            f"{fields.get('surname')}, born {fields.get('birth_date')}"
            if holder_differs
            else ""
        ),
        document=str(document),
        findings=findings,
        lost_stolen=bool(lost),
        holder_differs=holder_differs,
        applicant=how,
    )
    return application


# --- Who the applicant is -------------------------------------------------------------------------------------


def read_mrz(actor, text: str, *, today: date, role: str = "applicant") -> tuple[dict, dict]:
    """The MRZ's fields and the document check, or a clear error: no zone at all (``not_an_mrz``), or a zone not
    read reliably (``mrz_misread``: a check digit that does not match, a field out of shape)."""
    text = str(text or "")
    if len(text) > MAX_MRZ:
        raise Invalid(
            f"The {role}'s machine-readable zone is two or three lines; this is {len(text)} characters.",
            code="not_an_mrz",
            field="mrz",
        )
    result = check_document(actor, text, today=today, repair=True, purpose="casework intake")
    mrz = result.mrz
    if mrz["format"] is None:
        first = mrz["errors"][0]["message"] if mrz["errors"] else "unreadable"
        raise Invalid(
            f"The {role}'s document: that is not a machine-readable zone ({first}). Scan the data page again, or "
            "paste its two or three lines.",
            code="not_an_mrz",
            field="mrz",
        )
    if not mrz["valid"]:
        problems = "; ".join(f"{e['field'] or 'zone'}: {e['message']}" for e in mrz["errors"][:3])
        raise Invalid(
            f"The {role}'s {mrz['format']} zone was not read reliably ({problems}). Scan the data page again.",
            code="mrz_misread",
            field="mrz",
        )
    return mrz["fields"], result.as_dict()


def _find(actor, role: str, mrz: str, choice: str, today: date) -> Person:
    """Who holds the document: its traveller if it is on record; else a choice among travellers with the same
    identity, when there are any; else a new traveller. Reads only."""
    fields, check = read_mrz(actor, mrz, today=today, role=role)
    person = Person(role, fields, check)
    document = travellers.document_on_record(fields)
    if document is None:
        person.candidates = travellers.same_identity(fields)
        if person.candidates:
            # The same document lodged at this moment by another officer may have been recorded between the two
            # reads: its holder then shows as a candidate, and the document, read again, is on record after all.
            document = travellers.document_on_record(fields)
    if document is not None:
        person.document, person.traveller = document, travellers.holder_of(document)
        person.candidates = []
        return person
    choice = str(choice or "").strip()
    if not person.candidates or choice == NEW_PERSON:
        person.new_person = True
    elif choice:
        chosen = next((t for t in person.candidates if str(t.pk) == choice), None)
        if chosen is None:
            raise Invalid(
                "Choose one of the travellers offered, or say it is a different person.",
                code="applicant_choice_invalid",
                field="choice",
            )
        person.traveller = chosen
    return person


def _refuse_one_document_twice(people: list[Person]) -> None:
    seen: set[tuple] = set()
    for person in people:
        key = (person.fields["issuing_state"], person.fields["document_number"], person.fields["document_code"][:1])
        if key in seen:
            raise Invalid(
                f"The same document ({key[1]}) is given for two people.", code="same_document_twice", field="mrz"
            )
        seen.add(key)


def _shown(actor, people: list[Person], post: Post) -> None:
    """The records offered to the officer are read: one access event each."""
    for person in people:
        for traveller in person.candidates:
            record_access(
                actor,
                traveller,
                purpose="casework intake: same person?",
                detail=f"{person.role}, document {person.fields['issuing_state']} {person.fields['document_number']}",
                post_code=post.code,
            )


def _settled_traveller(person: Person) -> int | None:
    return person.traveller.pk if person.traveller is not None else None


def _settle(actor, person: Person, post_code: str) -> tuple[Traveller, HeldDocument]:
    """The traveller and document of a person found: the document on record seen again, the document added to the
    traveller the officer chose, or a new traveller. A first intake of the same document by someone else at the
    same moment wins; this one then uses its record."""
    if person.document is not None and person.traveller is not None:
        travellers.refresh_document(person.document, person.fields)
        return person.traveller, person.document
    try:
        with atomic_block():
            if person.traveller is not None:
                document = travellers.add_document(
                    actor, person.traveller, person.fields, post_code=post_code, reason="casework intake: same person"
                )
                return person.traveller, document
            traveller, document = travellers.new_traveller(actor, person.fields, post_code=post_code)
    except IntegrityError:
        document = travellers.document_on_record(person.fields)
        if document is None:
            raise
        person.document, person.traveller = document, travellers.holder_of(document)
        return person.traveller, document
    person.traveller = traveller
    return traveller, document


# --- Checks before anything is read -------------------------------------------------------------------------------


def _check_request(post: Post, kind: str, answers, *, language: str, sponsor) -> ApplicationKind:
    application_kind = kind_or_invalid(kind)
    if not application_kind.may_be_lodged_at(post.kind):
        raise Invalid(
            f"A {application_kind.title.lower()} is not lodged at {post.name} (a {post.get_kind_display().lower()}).",
            code="kind_not_lodged_here",
            field="kind",
        )
    _check_answers(application_kind, answers)
    if language not in LETTER_LANGUAGES:
        raise Invalid(
            f"Letters are written in {', '.join(LETTER_LANGUAGES)}.", code="unknown_language", field="language"
        )
    if sponsor is not None and not isinstance(sponsor, dict):
        raise Invalid("A sponsor is given by kind, name and details.", code="sponsor_invalid", field="sponsor")
    lodging._sponsor(sponsor)
    return application_kind


def _checked_email(value) -> str:
    email = str(value or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise Invalid(
            f"{email[:60]!r} is not an e-mail address.", code="contact_email_invalid", field="contact_email"
        ) from None
    return email


def _check_answers(application_kind: ApplicationKind, answers) -> None:
    if not isinstance(answers, dict):
        raise Invalid("The answers are the form's fields and their values.", code="answers_invalid", field="answers")
    if len(answers) > MAX_ANSWERS or any(
        isinstance(value, str) and len(value) > MAX_ANSWER_LENGTH for value in answers.values()
    ):
        raise Invalid(
            f"At most {MAX_ANSWERS} answers of at most {MAX_ANSWER_LENGTH} characters each.",
            code="answers_invalid",
            field="answers",
        )
    if any(not isinstance(value, (str, int, float, bool)) for value in answers.values() if value is not None):
        raise Invalid("Each answer is a text, a number, or true or false.", code="answers_invalid", field="answers")
    lodging.check_form(application_kind, dict(answers))


def _check_external_reference(post: Post, external_reference: str, channel: str) -> str:
    reference = str(external_reference or "").strip()
    if len(reference) > 80:
        raise Invalid(
            "The sending system's reference is at most 80 characters.",
            code="external_reference_invalid",
            field="external_reference",
        )
    if channel == Channel.API and not reference:
        raise Invalid(
            "Send your own reference for the application (external_reference): it makes a repeated request lodge once.",
            code="external_reference_required",
            field="external_reference",
        )
    earlier = (
        Application.objects.filter(post=post, external_reference=reference).values_list("reference", flat=True).first()
        if reference
        else None
    )
    if earlier is not None:
        raise ApplicationExists(earlier)
    return reference


class ApplicationExists(Conflict):
    """A sending system's reference sent again: the application it lodged the first time."""

    def __init__(self, reference: str):
        super().__init__(f"This application was lodged already as {reference}.", code="application_exists")
        self.reference = reference


# --- Reading an application's state (for sending systems) -----------------------------------------------------


@service(READ, post=application_post)
def application_status(actor, application) -> Application:
    """An application's state, kind, deadline and outcome for the system that sent it: a logged read."""
    case = load(application)
    record_access(actor, case.applicant, purpose="application status", detail=case.reference, post_code=case.post.code)
    return case
