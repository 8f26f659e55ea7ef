"""Visas: recording one granted elsewhere, issuing one on arrival (its number and its sticker's machine-readable
zone), annulling one issued in error and revoking one for cause; finding and reading them, and telling which are
valid (only a valid visa counts at the booth and the e-gate).

A visa is worked on at a post: the border post where its holder has been inspected (the booth shows the visa a
traveller presents, whoever issued it), or else the post that issued it. Reading it there takes a border or a
consular read permission; annulling or revoking it, a senior officer's approval or a consular decision. A visa put
on record with no issuing post (the e-visa system) is otherwise for headquarters staff only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.audit.services import changes_of, record_access, record_change, snapshot
from borderdesk.apps.common import hot_reads
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service, the_post, the_post_code
from borderdesk.apps.travellers.models import CrossingOutcome, Direction, HeldDocument, Traveller
from borderdesk.apps.visas.models import Visa, VisaKind, VisaStatus
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

READ = (Perm.BORDER_TRAVELLER_READ, Perm.CONSULAR_VISA_READ, Perm.CASE_APPLICATION_READ)
END = (Perm.BORDER_DECISION_APPROVE, Perm.CONSULAR_VISA_DECIDE, Perm.CASE_DECISION_APPROVE)
HEADQUARTERS = ""  # the post of a visa no post issued: only staff of all posts hold a post-scoped permission there
FORMER_TYPE = "travellers.visa"  # what the audit trail called a visa before visas had their own app
VISA_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{0,19}")  # it names the visa's page: /visas/NUMBER/
RECORDED_FIELDS = ["number", "kind", "traveller", "valid_from", "valid_until", "entries_allowed", "duration_days"]


def normalised(number) -> str:
    return str(number).strip().upper()


def _not_found(number) -> NotFound:
    return NotFound(f"No visa numbered {str(number)[:40]} is on record.", code="visa_not_found")


# --- Where a visa is worked on ---------------------------------------------------------------------------------


def visa_post(number, *_, post_code: str | None = None, **__) -> str:
    """For ``service(post=...)``: the post a visa is worked on, found without reading anything personal: the
    caller's post (``post_code``) when the holder has been inspected there, else the post that issued the visa."""
    row = Visa.objects.filter(number=normalised(number)).values_list("traveller_id", "issued_at_post__code").first()
    if row is None:
        raise _not_found(number)
    holder, issued_at = row
    if post_code and post_code != issued_at and _inspected_at(holder, post_code):
        return post_code
    return issued_at or HEADQUARTERS


def _inspected_at(traveller_id: int, post_code: str) -> bool:
    # ``inspections`` is the inspection app's relation to travellers: followed by name, so this app imports none of
    # the booth's code (the booth builds on visas, not the other way round).
    return Traveller.objects.filter(pk=traveller_id, inspections__post__code=post_code).exists()


# --- Which visas count ----------------------------------------------------------------------------------------


def entries_used(visa: Visa) -> int:
    return visa.crossings.filter(direction=Direction.ENTRY, outcome=CrossingOutcome.ADMITTED).count()


def has_entries_left(visa: Visa) -> bool:
    return visa.entries_allowed is None or entries_used(visa) < visa.entries_allowed


def counts_on(visa: Visa, on: date) -> bool:
    """Whether the booth and the e-gate may rely on ``visa`` on ``on``: valid (neither annulled nor revoked), in
    its dates, with entries left."""
    return visa.is_valid and visa.valid_from <= on <= visa.valid_until and has_entries_left(visa)


def valid_visa(traveller: Traveller, on: date, *, document: HeldDocument | None = None) -> Visa | None:
    """A visa or authorisation on record that counts on ``on`` (see ``counts_on``)."""
    # Asked at every admission and most travellers hold none: a statement built once (a traveller's valid visas
    # are few; their dates are compared here).
    visas = hot_reads.select(
        Visa, ("traveller", "status"), [traveller.pk, VisaStatus.VALID.value], order_by=("-valid_until", "-id")
    )
    return next((visa for visa in visas if visa.valid_from <= on <= visa.valid_until and has_entries_left(visa)), None)


def visas_of(traveller: Traveller, *, limit: int = 50) -> list[Visa]:
    """The traveller's visas, latest first, annulled and revoked ones too (without an access event: for callers
    that wrote one for this view, such as the travel history)."""
    return list(Visa.objects.filter(traveller=traveller).order_by("-valid_until", "-pk")[:limit])


def visa_issue(number: str) -> tuple[str, str | None]:
    """A visa's kind and the code of the post that issued it (None: issued elsewhere), without its holder."""
    issue = Visa.objects.filter(number=normalised(number)).values_list("kind", "issued_at_post__code").first()
    if issue is None:
        raise _not_found(number)
    return issue


@service(Perm.BORDER_TRAVELLER_READ, post=the_post_code)
def find_visa(actor, number: str, *, post_code: str) -> Visa:
    """The visa a traveller presents at a booth of ``post_code`` (the caller checks it is theirs)."""
    visa = Visa.objects.select_related("traveller").filter(number=normalised(number)).first()
    if visa is None:
        raise _not_found(number)
    record_access(actor, visa.traveller, purpose="visa look-up", detail=visa.number, post_code=post_code)
    return visa


# --- Reading one visa -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisaRecord:
    """One visa as its page shows it: the visa with its holder, its entries, and what was done to it."""

    visa: Visa
    post_code: str  # where it was read
    crossings: list
    changes: list[AuditEvent]
    may_end: bool  # the reader may annul or revoke it here

    @property
    def entries_used(self) -> int:
        return sum(
            1 for c in self.crossings if c.direction == Direction.ENTRY and c.outcome == CrossingOutcome.ADMITTED
        )

    @property
    def counts_today(self) -> bool:
        return counts_on(self.visa, timezone.localdate())


@service(READ, post=visa_post)
def view_visa(actor, number: str, *, post_code: str | None = None) -> VisaRecord:
    """A visa with its holder, status and history: a logged read at the post it is worked on (``visa_post``)."""
    where = visa_post(number, post_code=post_code)
    visa = Visa.objects.select_related(
        "traveller", "document", "issued_at_post", "issued_by", "ended_by", "ended_at_post"
    ).get(number=normalised(number))
    record_access(actor, visa.traveller, purpose="visa record", detail=visa.number, post_code=where)
    return VisaRecord(
        visa=visa,
        post_code=where,
        crossings=list(visa.crossings.select_related("post").order_by("occurred_at")),
        changes=changes_of(visa, former_types=(FORMER_TYPE,)),
        may_end=visa.is_valid and allowed(actor, END, where),
    )


# --- Putting a visa on record ---------------------------------------------------------------------------------


def _issuing_post(*_, post=None, **__) -> str | None:
    return post.code if post is not None else None


@service(Perm.CONSULAR_VISA_DECIDE, post=_issuing_post)
def record_visa(
    actor,
    *,
    traveller: Traveller,
    number: str,
    kind: str,
    valid_from: date,
    valid_until: date,
    entries_allowed: int | None = None,
    duration_days: int | None = None,
    document: HeldDocument | None = None,
    post=None,
) -> Visa:
    """A visa or authorisation granted elsewhere (a consulate: ``post``; the e-visa system: no post) put on record."""
    number = normalised(number)
    if kind not in VisaKind.values:
        raise Invalid(f"Unknown kind of visa {kind!r}.", code="unknown_visa_kind", field="kind")
    if not VISA_NUMBER.fullmatch(number):
        raise Invalid(
            "A visa number is 1 to 20 letters, digits and hyphens, starting with a letter or digit.",
            code="visa_number_invalid",
            field="number",
        )
    if valid_until < valid_from:
        raise Invalid("A visa cannot end before it starts.", code="visa_dates_reversed", field="valid_until")
    if Visa.objects.filter(number=number).exists():
        raise Conflict(f"Visa {number} is already on record.", code="visa_exists", field="number")
    visa = Visa.objects.create(
        number=number,
        kind=kind,
        traveller=traveller,
        document=document,
        valid_from=valid_from,
        valid_until=valid_until,
        entries_allowed=entries_allowed,
        duration_days=duration_days,
        issued_at_post=post,
        issued_by=user_of(actor),
    )
    record_change(
        actor, AuditAction.VISAS_VISA_RECORD, visa, new=snapshot(visa, RECORDED_FIELDS), post_code=post and post.code
    )
    return visa


@service(Perm.BORDER_VISA_ISSUE, post=the_post)
def issue_visa_on_arrival(
    officer,
    *,
    traveller: Traveller,
    document: HeldDocument,
    post,
    terms: dict,
    fee_paid: bool,
    receipt_number: str,
    today: date,
    inspection: int | None = None,
    document_reason: str = "",
) -> Visa:
    """Issue a visa on arrival at ``post`` on the rules' ``terms`` (days, entries, fee, currency), once the fee is
    paid: the agency's next number, and the sticker's machine-readable zone. The booth decides who may have one
    (``inspection.services.visas``) and names the inspection and the officer's reason for an unclear document."""
    if not fee_paid or not receipt_number.strip():
        raise Invalid(
            "Record the fee as paid and its receipt number first.", code="voa_fee_unpaid", field="receipt_number"
        )
    days, entries = int(terms["days"]), terms.get("entries") or 1
    visa = Visa.objects.create(
        number=_next_visa_number(),
        kind=VisaKind.VISA_ON_ARRIVAL,
        traveller=traveller,
        document=document,
        valid_from=today,
        valid_until=today + timedelta(days=days - 1),
        entries_allowed=entries,
        duration_days=days,
        issued_at_post=post,
        issued_by=user_of(officer),
        fee_amount=terms.get("fee"),
        fee_currency=terms.get("currency", ""),
        receipt_number=receipt_number.strip(),
    )
    visa.mrz = "\n".join(visa_mrz(visa))
    visa.save(update_fields=["mrz"])
    record_change(
        officer,
        AuditAction.VISAS_VISA_ON_ARRIVAL_ISSUE,
        visa,
        post_code=post.code,
        new={
            "number": visa.number,
            "inspection": inspection,
            "days": days,
            "entries": entries,
            "fee": str(visa.fee_amount),
            "currency": visa.fee_currency,
            "receipt": visa.receipt_number,
            "document_not_clear_reason": document_reason.strip(),
        },
    )
    return visa


def _next_visa_number() -> str:
    """Visa numbers are the agency's letter V, the year's last two digits and a running number: V26000123."""
    return next_number(f"V{timezone.localdate():%y}", 6)


def next_number(prefix: str, width: int) -> str:
    """The next number after ``prefix`` (a running number of ``width`` digits), the last one locked while taken:
    visas V26000123, residence permit cards UTO260000123."""
    last = (
        Visa.objects.select_for_update()
        .filter(number__startswith=prefix, number__regex=rf"^{re.escape(prefix)}[0-9]{{{width}}}$")
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:0{width}d}"


def visa_mrz(visa: Visa, *, format: str = "MRVB") -> tuple[str, str]:
    """The sticker's MRV-B zone (its 8-character optional field cannot hold a 9-character passport number), or
    the MRV-A zone of a visa issued at a consulate, whose optional field holds the passport number."""
    from borderdesk.core.printing import visa_sticker_mrz

    traveller = visa.traveller
    passport = visa.document.document_number.upper() if format == "MRVA" and visa.document else ""
    return visa_sticker_mrz(
        issuing_state_code=settings.BORDERDESK_COUNTRY,
        visa_number=visa.number,
        surname=traveller.surname,
        given_names=traveller.given_names,
        nationality=traveller.nationality,
        birth_date=traveller.birth_date,
        sex=traveller.sex or "X",
        valid_until=visa.valid_until,
        format=format,
        optional_data=passport if re.fullmatch(r"[A-Z0-9]{1,16}", passport) else "",
    )


def residence_permit_mrz(visa: Visa) -> tuple[str, ...]:
    """The TD1 zone of a residence permit's card: document code IR (I, the card class; R, a residence permit, as
    EU residence permits write it), the card number as the document number (its 3 characters beyond 9 overflow
    into the optional data, as Doc 9303 Part 5 allows)."""
    from borderdesk.core.documents import MrzFields, generate_mrz

    traveller = visa.traveller
    fields = MrzFields(
        document_code="IR",
        issuing_state=settings.BORDERDESK_COUNTRY,
        surname=traveller.surname,
        given_names=traveller.given_names,
        document_number=visa.number,
        nationality=traveller.nationality,
        birth_date=traveller.birth_date,
        sex=traveller.sex or "X",
        expiry_date=visa.valid_until,
    )
    return tuple(generate_mrz("TD1", fields))


# --- Issuing a visa or residence permit an application was granted -------------------------------------------

GRANTED_KINDS = (VisaKind.VISA, VisaKind.LONG_STAY_VISA, VisaKind.RESIDENCE_PERMIT)
GRANT = (Perm.CONSULAR_VISA_DECIDE, Perm.CASE_APPLICATION_DECIDE, Perm.CASE_DECISION_APPROVE)


@service(GRANT, post=the_post)
def issue_granted(
    actor,
    *,
    traveller: Traveller,
    document: HeldDocument | None,
    post,
    kind: str,
    valid_from: date,
    valid_until: date,
    entries_allowed: int | None,
    duration_days: int | None,
    fee_amount=None,
    fee_currency: str = "",
    receipt_number: str = "",
    application: str = "",
) -> Visa:
    """A visa (MRV-A sticker zone) or a residence permit (a card: number UTO, the year, 7 digits; TD1 zone) that
    a decision on ``application`` at ``post`` granted; casework calls this when the decision takes effect."""
    from borderdesk.core.documents import MrzGenerationError

    if kind not in GRANTED_KINDS:
        raise Invalid(f"A decision does not issue a {kind!r}.", code="unknown_visa_kind", field="kind")
    permit = kind == VisaKind.RESIDENCE_PERMIT
    number = next_number(f"{settings.BORDERDESK_COUNTRY}{timezone.localdate():%y}", 7) if permit else None
    visa = Visa.objects.create(
        number=number or _next_visa_number(),
        kind=kind,
        traveller=traveller,
        document=document,
        valid_from=valid_from,
        valid_until=valid_until,
        entries_allowed=entries_allowed,
        duration_days=duration_days,
        issued_at_post=post,
        issued_by=user_of(actor),
        fee_amount=fee_amount,
        fee_currency=fee_currency,
        receipt_number=receipt_number,
    )
    try:
        visa.mrz = "\n".join(residence_permit_mrz(visa) if permit else visa_mrz(visa, format="MRVA"))
    except MrzGenerationError as exc:
        raise Invalid(
            f"The holder's details do not fit a machine-readable zone: {exc}.", code="visa_mrz_impossible"
        ) from None
    visa.save(update_fields=["mrz"])
    record_change(
        actor,
        AuditAction.VISAS_VISA_ISSUE,
        visa,
        new={**snapshot(visa, RECORDED_FIELDS), "application": application},
        post_code=post.code,
    )
    return visa


# --- Ending a visa early --------------------------------------------------------------------------------------


@service(END, post=visa_post)
def annul_visa(actor, number: str, *, reason: str, post_code: str | None = None) -> Visa:
    """A visa issued in error (a misprint, the wrong holder), before it was ever used: it never counted."""
    visa = _valid_and_locked(number)
    if not reason.strip():
        raise Invalid("Say what was wrong with the visa.", code="annul_reason_required", field="reason")
    used = visa.crossings.filter(direction=Direction.ENTRY, outcome=CrossingOutcome.ADMITTED).order_by("occurred_at")
    first = used.first()
    if first is not None:
        raise Conflict(
            f"Visa {visa.number} was used to enter on {timezone.localdate(first.occurred_at).isoformat()}: it can no "
            "longer be annulled; revoke it instead.",
            code="visa_already_used",
        )
    return _end(
        actor, visa, VisaStatus.ANNULLED, AuditAction.VISAS_VISA_ANNUL, timezone.localdate(), reason, "", post_code
    )


@service(END, post=visa_post)
def revoke_visa(
    actor,
    number: str,
    *,
    reason: str,
    legal_ground: str,
    effective_on: date | None = None,
    post_code: str | None = None,
) -> Visa:
    """A visa ended for cause after it was issued (the holder no longer meets its conditions, it was obtained by
    deception): from ``effective_on`` (today unless given: never later, never before the visa began)."""
    visa = _valid_and_locked(number)
    if not reason.strip():
        raise Invalid("Say why the visa is revoked.", code="revoke_reason_required", field="reason")
    if not legal_ground.strip():
        raise Invalid("Name the legal ground of the revocation.", code="revoke_ground_required", field="legal_ground")
    today = timezone.localdate()
    effective_on = effective_on or today
    began = min(visa.valid_from, timezone.localdate(visa.issued_on))
    if not began <= effective_on <= today:
        raise Invalid(
            f"A revocation takes effect between the visa's start ({began.isoformat()}) and today.",
            code="revoke_date_out_of_range",
            field="effective_on",
        )
    return _end(
        actor, visa, VisaStatus.REVOKED, AuditAction.VISAS_VISA_REVOKE, effective_on, reason, legal_ground, post_code
    )


def _valid_and_locked(number: str) -> Visa:
    visa = Visa.objects.select_for_update().filter(number=normalised(number)).first()
    if visa is None:
        raise _not_found(number)
    if not visa.is_valid:
        raise Conflict(
            f"Visa {visa.number} was already {visa.status} on {visa.ended_on.isoformat() if visa.ended_on else '?'}.",
            code="visa_not_valid",
        )
    return visa


def _end(actor, visa: Visa, status, action, on: date, reason: str, legal_ground: str, post_code) -> Visa:
    where = visa_post(visa.number, post_code=post_code)
    visa.status, visa.ended_on, visa.ended_at = status, on, timezone.now()
    visa.ended_by, visa.ended_reason, visa.legal_ground = user_of(actor), reason.strip(), legal_ground.strip()
    visa.ended_at_post = _post(where)
    fields = ["status", "ended_on", "ended_reason", "legal_ground"]
    visa.save(update_fields=[*fields, "ended_at", "ended_by", "ended_at_post"])
    record_change(actor, action, visa, old={"status": VisaStatus.VALID}, new=snapshot(visa, fields), post_code=where)
    return visa


def _post(code: str):
    from borderdesk.apps.posts.models import Post

    return Post.objects.filter(code=code).first() if code else None


# --- The sticker ----------------------------------------------------------------------------------------------


def _sticker_post(number: str) -> str:
    """The post that issued a visa on arrival (the sticker is printed there), or a clear refusal for other visas."""
    kind, post_code = visa_issue(number)
    if kind == VisaKind.E_VISA:
        raise Conflict(
            f"{number} is an e-visa: it is electronic and has no sticker to print.", code="no_sticker_for_evisa"
        )
    if kind != VisaKind.VISA_ON_ARRIVAL or not post_code:
        raise Conflict(
            f"{number} was not issued at a border post: its sticker was printed where it was issued.",
            code="no_sticker_here",
        )
    return post_code


@service(Perm.BORDER_TRAVELLER_READ, post=_sticker_post)
def visa_sticker(actor, number: str) -> bytes:
    """The sticker of a valid visa issued on arrival, printed at the post that issued it. Other visas have no
    sticker here: an e-visa is electronic, and a consulate's visa was printed by the consulate."""
    from borderdesk.apps.visas.printed import visa_sticker_pdf_for

    visa = find_visa(actor, number, post_code=_sticker_post(number))
    if not visa.is_valid:
        raise Conflict(f"Visa {visa.number} was {visa.status}: its sticker is not printed.", code="visa_not_valid")
    return visa_sticker_pdf_for(visa)
