"""Casework's API: another system lodges an application (with its family members) and reads how it stands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema
from ninja.responses import Status

from borderdesk.apps.casework.models import Channel
from borderdesk.apps.casework.services import intake
from borderdesk.apps.common.problems import problem
from borderdesk.apps.posts.services import post_of_caller

router = Router()


class SponsorIn(Schema):
    kind: str = Field("sponsor", max_length=20)
    name: str = Field(..., max_length=200)
    birth_date: str = Field("", max_length=10)
    nationality: str = Field("", max_length=3)
    address: str = Field("", max_length=200)
    registration_number: str = Field("", max_length=200)
    phone: str = Field("", max_length=40)


class FamilyMemberIn(Schema):
    mrz: str = Field(..., max_length=400)
    relationship: str = Field(..., max_length=30)
    answers: dict[str, Any] | None = Field(None, description="Their own answers; the principal's when left out")
    applicant: str = Field("", max_length=20, description="As the principal's `applicant`, for this member")


class ApplicationIn(Schema):
    kind: str = Field(..., max_length=40)
    post: str = Field(..., max_length=20)
    mrz: str = Field(..., max_length=400, description="The applicant's machine-readable zone, lines as read")
    answers: dict[str, Any] = Field(default_factory=dict)
    language: str = Field("en", max_length=8)
    contact_email: str = Field("", max_length=254)
    sponsor: SponsorIn | None = None
    family: list[FamilyMemberIn] = Field(default_factory=list, max_length=intake.MAX_FAMILY)
    external_reference: str = Field(..., min_length=1, max_length=80)
    applicant: str = Field(
        "",
        max_length=20,
        description="Only when answered `applicant_on_record`: `new` (a different person) or the `id` of the "
        "traveller offered (the same person)",
    )


class LinkedOut(Schema):
    reference: str
    relationship: str


class LodgedOut(Schema):
    reference: str
    state: str
    kind: str
    post: str
    lodged_on: date
    decision_due: date | None
    fee_amount: Decimal
    fee_currency: str
    fee_exempt: bool
    family: list[LinkedOut]


class StatusOut(Schema):
    reference: str
    kind: str
    state: str
    post: str
    lodged_on: date
    decision_due: date | None
    outcome: str | None
    visa_number: str | None
    principal: str | None


@router.post(
    "/applications",
    response={201: LodgedOut},
    summary="Lodge an application (and its family members' linked applications)",
)
def lodge_application(request, body: ApplicationIn):
    """Lodges an application of `kind` at `post` (a post the caller is assigned to: `unknown_post` 422,
    `not_your_post` 403) for the holder of the document in `mrz`, checked as the booth checks it (`not_an_mrz`,
    `mrz_misread` 422). `answers` are the kind's form (`answers_invalid` 422 names the field). `external_reference`
    is the sending system's own: sent again, nothing is lodged and the answer is `application_exists` (409) with
    the `reference` lodged the first time.

    A document not on record whose holder's surname, birth date and nationality are on record under another
    document is answered `applicant_on_record` (409) with the travellers offered (`people`); nothing is lodged.
    Send the request again with `applicant` (or the family member's `applicant`): `new` for a different person, or
    the `id` offered for the same person (the new document is then added to that traveller)."""
    post = post_of_caller(request.user, body.post)
    try:
        result = intake.lodge_application(
            request.user,
            post=post,
            kind=body.kind,
            mrz=body.mrz,
            answers=body.answers,
            choice=body.applicant,
            language=body.language,
            contact_email=body.contact_email,
            sponsor=body.sponsor.model_dump() if body.sponsor else None,
            channel=Channel.API,
            external_reference=body.external_reference,
            family=[
                intake.FamilyMember(mrz=m.mrz, relationship=m.relationship, answers=m.answers, choice=m.applicant)
                for m in body.family
            ],
        )
    except intake.ApplicationExists as exists:
        return problem(409, exists.code, exists.message, reference=exists.reference)
    if result.application is None:
        return problem(
            409,
            "applicant_on_record",
            "A person on this application is already on record under another document: say whether they are the "
            "same person (`applicant`: the id offered) or a different one (`applicant`: `new`). Nothing was lodged.",
            people=[_waiting(person) for person in result.waiting],
        )
    case = result.application
    return Status(
        201,
        {
            "reference": case.reference,
            "state": case.state,
            "kind": case.kind,
            "post": post.code,
            "lodged_on": case.lodged_on,
            "decision_due": case.decision_due,
            "fee_amount": Decimal(case.fee_amount).quantize(Decimal("0.01")),
            "fee_currency": case.fee_currency,
            "fee_exempt": case.fee_exempt,
            "family": [{"reference": f.reference, "relationship": f.relationship} for f in result.family],
        },
    )


def _waiting(person: intake.Person) -> dict:
    return {
        "who": person.role,
        "document": f"{person.fields['document_code']} {person.fields['issuing_state']} "
        f"{person.fields['document_number']}",
        "candidates": [
            {
                "id": traveller.pk,
                "surname": traveller.surname,
                "given_names": traveller.given_names,
                "nationality": traveller.nationality,
                "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else None,
                "documents": [str(document) for document in traveller.documents.all()],
            }
            for traveller in person.candidates
        ],
    }


@router.get("/applications/{reference}", response=StatusOut, summary="Read how an application stands")
def read_application(request, reference: str):
    """The application's state, kind, decision deadline, outcome and the number of the visa or permit an approval
    issued. Read at the application's post by its officers (`not_your_post` 403, `application_not_found` 404);
    the read is in the access log."""
    case = intake.application_status(request.user, reference[:40])
    return {
        "reference": case.reference,
        "kind": case.kind,
        "state": case.state,
        "post": case.post.code,
        "lodged_on": case.lodged_on,
        "decision_due": case.decision_due,
        "outcome": case.outcome or None,
        "visa_number": case.visa.number if case.visa_id else None,
        "principal": case.principal.reference if case.principal_id else None,
    }
