"""Lodging an application: the kind checked against the post (a consulate takes visas, an office takes permits and
extensions), the answers against the kind's form, the fee for the applicant's nationality, the case's reference and
its decision deadline; family members joined to the principal's application.

Who the applicant is (their travel document read through the MRZ reader, matched to the traveller on record) is
settled before this is called: see ``intake``.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError
from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.casework.models import Application, Channel, EventKind, ReferenceCounter
from borderdesk.apps.casework.services.cases import (
    WORK,
    add_event,
    calendar_of,
    kind_or_invalid,
    load,
    refresh_deadline,
)
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import atomic_block, service, the_post
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import ApplicationKind, answer_problems, fee_for, missing_answers
from borderdesk.core.casework.grounds import LETTER_LANGUAGES
from borderdesk.core.casework.kinds import KindError

RELATIONSHIPS = ("spouse", "partner", "child", "parent", "sibling", "other_relative")
SPONSOR_KINDS = ("sponsor", "employer", "host", "school")


@service(WORK, post=the_post)
def lodge(
    actor,
    *,
    post: Post,
    kind: str,
    traveller: Traveller,
    document: HeldDocument | None,
    answers: dict,
    language: str = "en",
    principal=None,
    relationship: str = "",
    sponsor: dict | None = None,
    contact_email: str = "",
    channel: str = Channel.OFFICER,
    external_reference: str = "",
    lodged_on: date | None = None,
) -> Application:
    """Lodge an application of ``kind`` at ``post`` for ``traveller``. A sending system's ``external_reference``
    sent twice lodges once: the second call answers ``application_exists`` with the first case's reference."""
    application_kind = kind_or_invalid(kind)
    if not application_kind.may_be_lodged_at(post.kind):
        raise Invalid(
            f"A {application_kind.title.lower()} is not lodged at {post.name} (a {post.get_kind_display().lower()}).",
            code="kind_not_lodged_here",
            field="kind",
        )
    answers = dict(answers or {})
    check_form(application_kind, answers)
    if language not in LETTER_LANGUAGES:
        raise Invalid(
            f"Letters are written in {', '.join(LETTER_LANGUAGES)}.", code="unknown_language", field="language"
        )
    family_of = None
    if principal is not None:
        family_of = load(principal)
        if family_of.post_id != post.pk or family_of.principal_id is not None:
            raise Invalid(
                "A family member joins a principal application lodged at the same post.",
                code="principal_invalid",
                field="principal",
            )
        if relationship not in RELATIONSHIPS:
            raise Invalid(
                f"Say how they are related: {', '.join(RELATIONSHIPS)}.",
                code="relationship_invalid",
                field="relationship",
            )
    external_reference = (external_reference or "").strip()[:80]
    if external_reference:
        earlier = Application.objects.filter(post=post, external_reference=external_reference).first()
        if earlier is not None:
            raise Conflict(f"This application was lodged already as {earlier.reference}.", code="application_exists")
    try:
        fee = fee_for(application_kind, traveller.nationality)
    except KindError as exc:
        raise Invalid(exc.message, code="unknown_nationality", field="nationality") from None
    now = timezone.now()
    lodged_on = lodged_on or post.local_date()
    try:
        with atomic_block():
            application = Application(
                reference=_next_reference(post, lodged_on),
                kind=application_kind.id,
                post=post,
                applicant=traveller,
                document=document,
                principal=family_of,
                relationship=relationship if family_of else "",
                answers=_plain(answers),
                sponsor=_sponsor(sponsor),
                language=language,
                contact_email=(contact_email or "").strip()[:254],
                channel=channel,
                external_reference=external_reference,
                fee_amount=fee.amount,
                fee_currency=fee.currency,
                fee_exempt=fee.exempt,
                lodged_on=lodged_on,
                lodged_at=now,
                lodged_by=getattr(actor, "pk", None) and actor,
            )
            refresh_deadline(application)
            application.save()
    except IntegrityError:
        raise Conflict(
            "The application was lodged twice at the same moment; the other one was kept.", code="application_exists"
        ) from None
    holiday = calendar_of(post).holiday(application.decision_due) if application.decision_due else None
    add_event(
        application,
        actor,
        EventKind.LODGED,
        text=f"{application_kind.title} lodged at {post.name}",
        to_state=application.state,
        fee=f"{fee.amount} {fee.currency}" + (" (exempt)" if fee.exempt else ""),
        decision_due=application.decision_due.isoformat() if application.decision_due else None,
        **({"principal": family_of.reference} if family_of else {}),
        **({"note": holiday} if holiday else {}),
    )
    record_change(
        actor,
        AuditAction.CASEWORK_APPLICATION_LODGE,
        application,
        new={
            "reference": application.reference,
            "kind": application.kind,
            "applicant": traveller.pk,
            "channel": channel,
            "decision_due": str(application.decision_due),
        },
        post_code=post.code,
    )
    return application


def check_form(application_kind: ApplicationKind, answers: dict) -> None:
    """The answers against the kind's form: ``answers_invalid`` naming the first field wrong or missing."""
    problems = answer_problems(application_kind, answers)
    missing = missing_answers(application_kind, answers)
    if problems or missing:
        field = next(iter(problems), None) or missing[0]
        text = "; ".join([f"{key}: {why}" for key, why in problems.items()] + [f"{key}: required" for key in missing])
        raise Invalid(f"The form is not complete: {text}.", code="answers_invalid", field=field)


def _next_reference(post: Post, on: date) -> str:
    """``UTBER-2026-000042``: the post, the year, and the next number of that post's year (its counter row is
    locked while it is counted, so two intakes at once get two numbers)."""
    ReferenceCounter.objects.get_or_create(post=post, year=on.year)
    counter = ReferenceCounter.objects.select_for_update().get(post=post, year=on.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{post.code}-{on.year}-{counter.last:06d}"


def _plain(answers: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in answers.items()}


def _sponsor(sponsor: dict | None) -> dict:
    if not sponsor:
        return {}
    kind = sponsor.get("kind", "sponsor")
    if kind not in SPONSOR_KINDS:
        raise Invalid(f"A sponsor is one of {', '.join(SPONSOR_KINDS)}.", code="sponsor_invalid", field="sponsor")
    name = str(sponsor.get("name", "")).strip()
    if not name:
        raise Invalid("Give the sponsor's or employer's name.", code="sponsor_invalid", field="sponsor")
    keep = ("kind", "name", "birth_date", "nationality", "address", "registration_number", "phone")
    return {key: str(sponsor[key]).strip()[:200] for key in keep if sponsor.get(key)}
