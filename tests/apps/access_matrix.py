"""The role x endpoint matrix as data: every page of the web app and every API operation, the permission that
guards it, whether it names an object of a post, its methods, and how to build a valid request from the
objects of `test_access_matrix.World`.

A new page or API operation fails `test_the_matrix_lists_every_endpoint` until it is added here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from borderdesk.apps.briefings.access import BRIEFED  # --- #16 PART ---
from borderdesk.apps.briefings.access import READERS as BRIEFING_READERS
from borderdesk.core.access import POST_SCOPED, Perm
from tests.apps.policy.conftest import ON, SITUATION

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # any signed-in user, whatever their roles

Guard = Perm | tuple[Perm, ...] | str


def _nothing(world) -> dict:
    return {}


@dataclass(frozen=True)
class Endpoint:
    """``route`` is a URL name for a page ("inspection:decide") or "METHOD /api/v1/path" for an API operation."""

    route: str
    guard: Guard
    methods: tuple[str, ...] = ("GET",)
    of_post: bool = False  # the request names an object of the fixture post: its officers only
    kwargs: Callable = field(default=_nothing, compare=False)
    data: Callable = field(default=_nothing, compare=False)
    denied_redirect: str = ""  # where a signed-in user without the permission is sent instead of a 403

    @property
    def is_api(self) -> bool:
        return self.route.split(" ")[0] in ("GET", "POST", "PUT", "PATCH", "DELETE")

    @property
    def perms(self) -> tuple[Perm, ...]:
        """Any one of these lets the user in."""
        if isinstance(self.guard, Perm):
            return (self.guard,)
        return self.guard if isinstance(self.guard, tuple) else ()

    @property
    def post_scoped(self) -> bool:
        """Granted only at the posts the user is assigned to (see core/access POST_SCOPED)."""
        return any(perm in POST_SCOPED for perm in self.perms)

    def __str__(self) -> str:
        return self.route


def web(route, guard, *methods, **options) -> Endpoint:
    return Endpoint(route, guard, tuple(methods) or ("GET",), **options)


def api(route, guard, **options) -> Endpoint:
    return Endpoint(route, guard, (route.split(" ")[0],), **options)


def _now_iso() -> str:
    from django.utils import timezone

    return timezone.now().isoformat()


def _inspection(world) -> dict:
    return {"pk": world.inspection.pk}


def _board_check(world) -> dict:
    return {
        "flight": "?",
        "arrival_airport": "TST",
        "traveller": {"surname": "MATRIX"},
        "document": {"number": "X1", "issuing_state": "UTO"},
        "idempotency_key": "matrix",
    }


def _pending(world) -> dict:
    return {"pk": world.pending.pk}


def _draft(world) -> dict:
    return {"pk": world.draft.pk}


def _case(world) -> dict:
    return {"reference": world.case.reference}


def _claim(world) -> dict:
    return {"reference": world.claim.reference}


def _emergency_opening(world) -> dict:
    """Nobody in the matrix is assigned to the claim: an asylum case officer opens it as an emergency."""
    return {"purpose": "emergency", "reason": "matrix: who may open a claim", "emergency": "yes"}


def _auditor_alert(world) -> dict:
    """An alert waiting for an auditor, raised for the request (each request's changes are rolled back after it)."""
    from borderdesk.apps.audit.models import AuditorAlert
    from borderdesk.apps.audit.services import raise_auditor_alert

    waiting = AuditorAlert.objects.filter(acknowledged_at=None).first() or raise_auditor_alert(
        "asylum_emergency_opening", "matrix: an emergency opening", instance=world.claim, post_code=world.post.code
    )
    return {"pk": waiting.pk}


def _typed_person(world) -> dict:
    return {"surname": "MATRIX", "given_names": "ASKING", "birth_date": "1990-01-01", "nationality": "SYR"}


def _registration(world) -> dict:
    return {**_typed_person(world), "version": "1", "languages": "ar", "narrative": "matrix"}


def _case_file(world) -> dict:
    """A file on the fixture case, stored for the request (each request's changes are rolled back after it)."""
    from borderdesk.apps.casework.models import SupportingFile
    from borderdesk.apps.casework.services import files
    from tests.actors import SETUP

    found = SupportingFile.objects.filter(application=world.case).first() or files.upload(
        SETUP, world.case.reference, document_code="photograph", content=_png((1, 2, 3)), filename="photo.png"
    )
    return {"reference": world.case.reference, "pk": found.pk}


def _upload(world) -> dict:
    """A one-page PDF, written in ASCII: the GET the matrix also sends turns the file into query parameters."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return {"document_code": "accommodation", "file": SimpleUploadedFile("booking.png", content, "image/png")}


def _png(colour) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


def _v1(world) -> dict:
    return {"version": "1"}


def _appointment(world) -> dict:
    """An appointment on the fixture case (made when first asked: the matrix's world has none of its own)."""
    from datetime import timedelta

    from django.utils import timezone

    from borderdesk.apps.casework.models import Appointment

    found = Appointment.objects.filter(application=world.case).first()
    if found is None:
        start = timezone.now() + timedelta(days=7)
        found = Appointment.objects.create(
            application=world.case,
            post=world.case.post,
            purpose="biometrics",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            booked_by=world.users["senior_officer"],
            booked_at=timezone.now(),
        )
    return {"reference": world.case.reference, "pk": found.pk}


def _event_about(record) -> int:
    from borderdesk.apps.audit.models import AuditEvent

    return AuditEvent.objects.filter(object_type=record._meta.label_lower, object_id=str(record.pk)).first().seq


def _version(world) -> dict:
    return {"version": world.inspection.version}


def _sticker_visa(world) -> dict:
    return {"number": world.sticker_visa.number}


# --- #17 patrols PART ---
def _sector(world) -> dict:
    return {"post_code": "TST"}


def _patrol(world) -> dict:
    return {"pk": world.patrols["patrol"].pk}


def _post_clock(world, minutes_ago: int) -> dict:
    """A day and a time (HH:MM) ``minutes_ago`` on the fixture post's clock, as the patrols' forms take them."""
    from datetime import timedelta

    from django.utils import timezone

    from borderdesk.apps.patrols.services import on_post_clock

    moment = on_post_clock(world.post, timezone.now() - timedelta(minutes=minutes_ago))
    return {"day": f"{moment:%Y-%m-%d}", "time": f"{moment:%H:%M}"}


# --- end #17 patrols PART ---


P = Perm


def _incident_person(world) -> dict:
    """#17 incidents PART."""
    return {"pk": world.incident_person.pk}


def _incident_form(post) -> dict:
    """#17 incidents PART: a rescue a minute ago on the post's clock, off the coast."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    when = timezone.localtime(timezone.now() - timedelta(minutes=1), ZoneInfo(post.time_zone))
    return {
        "kind": "rescue",
        "day": when.strftime("%Y-%m-%d"),
        "time": when.strftime("%H:%M"),
        "latitude": "41.23",
        "longitude": "-8.75",
        "place": "off the matrix beach",
    }


# --- #17 partners PART ---
def _referral(world) -> dict:
    return {"reference": world.referral.reference}


def _partner(world) -> dict:
    return {"pk": world.partner.pk}


def _partner_form(world) -> dict:
    return {"code": world.partner.code, "name": "Matrix Police", "kind": "police", "country": "UTO", "is_active": "on"}


def _partner_token(world) -> dict:
    """A token of the partner's account, issued for the request (each request's changes are rolled back after it)."""
    from borderdesk.apps.accounts.tokens import issue_token
    from tests.actors import SETUP

    token, _ = issue_token(SETUP, world.partner.account, name="matrix")
    return {"prefix": token.prefix}


# --- end #17 partners PART ---


def _briefing_form(world) -> dict:
    return {
        "title": "Matrix briefing",
        "body": "Read me.",
        "priority": "routine",
        "effective_on": "2026-01-01",
        "roles": ["border_officer"],
        "posts": ["TST"],
    }


CASE_READ = (P.CASE_APPLICATION_READ, P.CONSULAR_VISA_READ)
ASYLUM_OPEN = (P.ASYLUM_CLAIM_READ, P.ASYLUM_DECISION_APPROVE)
CASE_WORK = (P.CASE_APPLICATION_DECIDE, P.CONSULAR_VISA_DECIDE)
RECOMMEND = (P.BORDER_TRAVELLER_READ, P.CASE_APPLICATION_READ, P.CONSULAR_VISA_READ)
VISA_READ = (P.BORDER_TRAVELLER_READ, P.CONSULAR_VISA_READ, P.CASE_APPLICATION_READ)
VISA_END = (P.BORDER_DECISION_APPROVE, P.CONSULAR_VISA_DECIDE, P.CASE_DECISION_APPROVE)

WEB = [
    web("home", SIGNED_IN),
    web("login", PUBLIC, "GET", "POST", data=lambda w: {"username": "nobody", "password": "wrong"}),
    web("logout", PUBLIC, "POST"),
    web("switch-post", SIGNED_IN, "POST", data=lambda w: {"post": "TST"}),
    web("second-factor", SIGNED_IN, "GET", "POST", data=lambda w: {"code": "000000"}),
    web("second-factor-enrol", SIGNED_IN, "GET", "POST", data=lambda w: {"code": "000000"}),
    web("admin-sign-in", SIGNED_IN),
    web("audit:trail", P.AUDIT_TRAIL_READ),
    web("audit:verify", P.AUDIT_TRAIL_VERIFY, "POST"),
    web("audit:accesses", P.AUDIT_ACCESS_REVIEW),
    web("audit:changes-csv", P.AUDIT_TRAIL_READ),
    web("audit:accesses-csv", P.AUDIT_ACCESS_REVIEW),
    web("audit:record", P.AUDIT_TRAIL_READ, kwargs=lambda w: {"chain": "changes", "seq": _event_about(w.refused)}),
    web("people:find", P.BORDER_TRAVELLER_READ),
    web("people:search", P.BORDER_TRAVELLER_READ, "POST", data=lambda w: {"name": "QUIXWORTH"}),
    web("people:reason", P.BORDER_TRAVELLER_READ, kwargs=lambda w: {"pk": w.inspection.traveller_id}),
    web(
        "people:record",
        P.BORDER_TRAVELLER_READ,
        "POST",
        kwargs=lambda w: {"pk": w.inspection.traveller_id},
        data=lambda w: {"purpose": "primary_inspection"},
    ),
    web("documents:check", P.DOCUMENTS_MRZ_CHECK),
    web("documents:check-result", P.DOCUMENTS_MRZ_CHECK, "POST", data=lambda w: {"mrz": w.mrz}),
    web("documents:register", P.DOCUMENTS_REGISTER_IMPORT, "GET", "POST"),
    web("documents:trust", P.ADMIN_TRUST_MANAGE, "GET", "POST"),  # --- #19 chip ---
    web("documents:trust-remove", P.ADMIN_TRUST_MANAGE, "POST", kwargs=lambda w: {"pk": w.trusted.pk}),  # #19 chip
    web("screening:screen", P.SCREENING_PERSON_SCREEN),
    web("screening:result", P.SCREENING_PERSON_SCREEN, "POST", data=lambda w: {"name": w.listed_name}),
    web(
        "screening:adjudicate",
        P.SCREENING_MATCH_ADJUDICATE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"match_id": w.match.pk},
        data=lambda w: {"verdict": "false_match", "reason": "checked"},
    ),
    web(
        "screening:confirm_false_match",
        P.SCREENING_MATCH_ADJUDICATE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"match_id": w.match.pk},
        data=lambda w: {"note": "checked"},
    ),
    web(
        "screening:reject_false_match",
        P.SCREENING_MATCH_ADJUDICATE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"match_id": w.match.pk},
        data=lambda w: {"reason": "not the same person"},
    ),
    web("screening:watchlists", P.WATCHLIST_LIST_IMPORT),
    web("screening:import", P.WATCHLIST_LIST_IMPORT, "POST", data=lambda w: {"format": "csv"}),
    web(
        "screening:thresholds",
        P.WATCHLIST_LIST_IMPORT,
        "POST",
        kwargs=lambda w: {"name": "national"},
        data=lambda w: {"hit": "0.9", "possible": "0.7"},
    ),
    web("policy:packs", P.POLICY_RULE_EDIT, "GET", "POST", data=lambda w: {"pack_id": "uto"}),
    web("policy:version", P.POLICY_RULE_EDIT, kwargs=_draft),
    web(
        "policy:version-save",
        P.POLICY_RULE_EDIT,
        "POST",
        kwargs=_draft,
        data=lambda w: {f"file:{name}": text for name, text in w.draft.files.items()},
    ),
    web("policy:version-submit", P.POLICY_RULE_EDIT, "POST", kwargs=_draft),
    web(
        "policy:version-review",
        P.POLICY_RULE_REVIEW,
        "POST",
        kwargs=lambda w: {"pk": w.in_review.pk},
        data=lambda w: {"decision": "send_back", "comment": "cite the act"},
    ),
    web("policy:version-simulate", P.POLICY_RULE_EDIT, "POST", kwargs=_draft, data=lambda w: {"days": "1"}),
    web(
        "policy:version-publish",
        P.POLICY_RULE_PUBLISH,
        "POST",
        kwargs=lambda w: {"pk": w.in_review.pk},
        data=lambda w: {"effective_from": "2099-01-01"},
    ),
    web("policy:version-withdraw", P.POLICY_RULE_PUBLISH, "POST", kwargs=_draft, data=lambda w: {"comment": "x"}),
    web("policy:grounds", SIGNED_IN),
    web("policy:stay", P.RULES_STAY_CALCULATE),
    web(
        "policy:stay-result",
        P.RULES_STAY_CALCULATE,
        "POST",
        data=lambda w: {"stays": "2025-01-01 2025-01-20", "on": "2025-03-01"},
    ),
    web("policy:visa-matrix", P.ADMIN_REFERENCE_MANAGE, "GET", "POST"),
    web("inspection:booth", P.BORDER_INSPECTION_DECIDE),
    web(
        "inspection:open-booth", P.BORDER_INSPECTION_DECIDE, "POST", of_post=True, data=lambda w: {"booth": w.booth.pk}
    ),
    web("inspection:close-booth", SIGNED_IN, "POST"),
    web("inspection:scan", P.BORDER_INSPECTION_DECIDE, "POST", data=lambda w: {"scan": w.mrz}),
    web("inspection:scan-photo", P.BORDER_INSPECTION_DECIDE, "POST"),  # no photo sent: refused 422 for those allowed
    web("inspection:inspection", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=_inspection),
    # --- #19 chip: the reader's files beside the scan (none sent: refused 422 for those allowed), the chip's face ---
    web("inspection:read-chip", P.BORDER_INSPECTION_DECIDE, "POST", of_post=True, kwargs=_inspection),
    web(
        "inspection:chip-face",
        P.BORDER_TRAVELLER_READ,
        of_post=True,
        kwargs=lambda w: {"pk": w.inspection.pk, "read": w.chip_read.pk},
    ),
    web(
        "inspection:interview",
        P.BORDER_INSPECTION_DECIDE,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "purpose": "tourism", "notes": "calm"},
    ),
    web(
        "inspection:decide",
        P.BORDER_INSPECTION_DECIDE,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "kind": "refer", "remarks": "matrix", "idempotency_key": "matrix"},
    ),
    web(
        "inspection:visa-on-arrival",
        P.BORDER_VISA_ISSUE,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "fee_paid": "on", "receipt_number": "R-9"},
    ),
    web(
        "inspection:visa-on-arrival-confirmed",
        P.BORDER_VISA_ISSUE,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "fee_paid": "on", "receipt_number": "R-9", "document_reason": "seen"},
    ),
    web(
        "inspection:merge",
        P.BORDER_INSPECTION_DECIDE,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "duplicate": w.pending.inspection.traveller_id, "reason": "same person"},
    ),
    web(
        "inspection:attach-visa",
        P.BORDER_INSPECTION_DECIDE,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "number": w.visa.number},
    ),
    web(
        "inspection:end-custody",
        P.BORDER_INSPECTION_DECIDE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.pending.custody.pk},
        data=lambda w: {"outcome": "released"},
    ),
    web("inspection:take", P.BORDER_SECONDARY_INSPECT, "POST", of_post=True, kwargs=_inspection),
    # #19 face comparison: the booth's live photo (the form sends none here: photo_missing) and viewing it
    web("inspection:take-live-photo", P.BORDER_INSPECTION_DECIDE, "POST", of_post=True, kwargs=_inspection),
    web("inspection:live-photo", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=lambda w: {"pk": w.live_photo.pk}),
    web(
        "inspection:secondary-notes",
        P.BORDER_SECONDARY_INSPECT,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "notes": "matrix"},
    ),
    web(
        "inspection:settle-stay",
        P.BORDER_SECONDARY_INSPECT,
        "POST",
        of_post=True,
        kwargs=_inspection,
        data=lambda w: {**_version(w), "left_on": "2020-01-01", "evidence": "stamp"},
    ),
    web(
        "inspection:approve",
        P.BORDER_DECISION_APPROVE,
        "POST",
        of_post=True,
        kwargs=_pending,
        data=lambda w: {"approved": "yes", "note": "seen"},
    ),
    web("inspection:refusal-form", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=lambda w: {"pk": w.refused.pk}),
    web(
        "inspection:refusal-signed",
        P.BORDER_INSPECTION_DECIDE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.refused.pk},
    ),
    # --- #14 asylum foundation: a claim of the fixture post (see test_access_matrix._claim) ---
    web("asylum:claim", ASYLUM_OPEN, of_post=True, kwargs=_claim),
    web("asylum:open", ASYLUM_OPEN, "POST", of_post=True, kwargs=_claim, data=_emergency_opening),
    # --- #14 procedure: nobody in the matrix has the claim open, so its forms answer with the opening form (409) ---
    web(
        "asylum:admissible", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim, data=lambda w: {"version": "1"}
    ),
    web("asylum:inadmissible", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web("asylum:schedule-interview", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web(
        "asylum:record-interview", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=lambda w: {**_claim(w), "pk": 1}
    ),
    web(
        "asylum:confirm-interview", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=lambda w: {**_claim(w), "pk": 1}
    ),
    web("asylum:add-document", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web("asylum:document", ASYLUM_OPEN, of_post=True, kwargs=lambda w: {**_claim(w), "pk": 1}),
    web("asylum:write-country-note", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web("asylum:link-country-note", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web("asylum:propose", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web("asylum:approve", P.ASYLUM_DECISION_APPROVE, "POST", of_post=True, kwargs=_claim),
    web("asylum:return", P.ASYLUM_DECISION_APPROVE, "POST", of_post=True, kwargs=_claim),
    web("asylum:lodge-appeal", (P.ASYLUM_CLAIM_DECIDE, P.ASYLUM_DECISION_APPROVE), "POST", of_post=True, kwargs=_claim),
    web(
        "asylum:decide-appeal", (P.ASYLUM_CLAIM_DECIDE, P.ASYLUM_DECISION_APPROVE), "POST", of_post=True, kwargs=_claim
    ),
    web("asylum:permit-card", ASYLUM_OPEN, of_post=True, kwargs=_claim),
    # --- #14 polish: closing a decided claim (no opening in the matrix: the opening form again, 409) ---
    web("asylum:close", (P.ASYLUM_CLAIM_DECIDE, P.ASYLUM_DECISION_APPROVE), "POST", of_post=True, kwargs=_claim),
    # --- #16 PART: briefings and messages (world.briefing is for every role at every post; world.post_briefing is
    # the duty manager's for TST; world.post_message is a senior officer's to everyone at TST; world.call the
    # officer's call from booth A01) ---
    web("briefings:list", BRIEFING_READERS),
    web("briefings:briefing", BRIEFING_READERS, kwargs=lambda w: {"pk": w.briefing.pk}),
    web("briefings:acknowledge", BRIEFED, "POST", kwargs=lambda w: {"pk": w.briefing.pk}),
    web("briefings:new", P.OPS_BRIEFING_PUBLISH, "GET", "POST", data=_briefing_form),
    web("briefings:status", P.OPS_BRIEFING_PUBLISH, kwargs=lambda w: {"pk": w.post_briefing.pk}),
    web(
        "briefings:revise",
        P.OPS_BRIEFING_PUBLISH,
        "GET",
        "POST",
        kwargs=lambda w: {"pk": w.post_briefing.pk},
        data=_briefing_form,
    ),
    web(
        "briefings:withdraw",
        P.OPS_BRIEFING_PUBLISH,
        "POST",
        kwargs=lambda w: {"pk": w.post_briefing.pk},
        data=lambda w: {"reason": "matrix"},
    ),
    web("messaging:inbox", P.BORDER_MESSAGE_SEND),
    web("messaging:send", P.BORDER_MESSAGE_SEND, "POST", data=lambda w: {"body": "matrix", "to": w.colleague.pk}),
    web("messaging:indicator", P.BORDER_MESSAGE_SEND),
    web("messaging:call", P.BORDER_MESSAGE_SEND, "POST"),
    web("messaging:call-state", P.BORDER_MESSAGE_SEND),
    web("messaging:message", P.BORDER_MESSAGE_SEND, of_post=True, kwargs=lambda w: {"pk": w.post_message.pk}),
    web("messaging:answer", P.BORDER_MESSAGE_SEND, "POST", of_post=True, kwargs=lambda w: {"pk": w.call.pk}),
    web("messaging:close", P.BORDER_MESSAGE_SEND, "POST", of_post=True, kwargs=lambda w: {"pk": w.call.pk}),
    # --- #14 restricted: the auditors' alerts (the claim's access log is a panel of asylum:claim) ---
    web("audit:alerts", P.AUDIT_ACCESS_REVIEW),
    web("audit:alerts-badge", P.AUDIT_ACCESS_REVIEW),
    web(
        "audit:alert-acknowledge",
        P.AUDIT_ACCESS_REVIEW,
        "POST",
        kwargs=_auditor_alert,
        data=lambda w: {"note": "matrix: looked into it"},
    ),
    # --- #14 claims: making a claim, its registration and card, the unit's queue ---
    web("inspection:ask-protection", P.BORDER_INSPECTION_DECIDE, "POST", of_post=True, kwargs=_inspection),
    web("asylum:make", P.ASYLUM_CLAIM_MAKE, "GET", "POST", data=_typed_person),
    web("asylum:queue", ASYLUM_OPEN),
    web("asylum:take", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim),
    web("asylum:register", P.ASYLUM_CLAIM_DECIDE, "POST", of_post=True, kwargs=_claim, data=_registration),
    web("asylum:card", P.ASYLUM_CLAIM_DECIDE, of_post=True, kwargs=_claim),
    # Casework: a case of the fixture post (see test_access_matrix._application).
    web("casework:case", CASE_READ, of_post=True, kwargs=_case),
    web("casework:upload", CASE_WORK, "POST", of_post=True, kwargs=_case, data=_upload),
    web("casework:file", CASE_READ, of_post=True, kwargs=_case_file),
    # Evidence and appointments: refused by the lodged case's state (422) where a move is asked, or no schedule.
    web(
        "casework:request-evidence",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "documents": "photograph", "due_on": "2099-01-01", "message": "x"},
    ),
    web("casework:receive-evidence", CASE_WORK, "POST", of_post=True, kwargs=_case, data=lambda w: {"version": "1"}),
    web("casework:appointments", CASE_READ, data=lambda w: {"day": "2026-03-10"}),
    web(
        "casework:schedule",
        P.CASE_QUEUE_MANAGE,
        "GET",
        "POST",
        data=lambda w: {"hours": "Mon 09:00-12:00", "slot_minutes": "30", "per_slot": "1"},
    ),
    web(
        "casework:book-appointment",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "purpose": "biometrics", "starts_at": "2099-01-05T09:00"},
    ),
    web(
        "casework:reschedule-appointment",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_appointment,
        data=lambda w: {"version": "1", "starts_at": "2099-01-05T09:00"},
    ),
    web(
        "casework:appointment-outcome",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_appointment,
        data=lambda w: {"version": "1", "outcome": "no_show"},
    ),
    web("casework:invitation-ics", CASE_READ, of_post=True, kwargs=_appointment),
    web(
        "casework:act",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"action": "find_admissible", "version": "1"},
    ),
    web(
        "casework:note",
        (*CASE_WORK, P.CASE_QUEUE_MANAGE),
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"text": "x"},
    ),
    web("casework:take", CASE_WORK, "POST", of_post=True, kwargs=_case, data=lambda w: {"version": "1"}),
    # The decision letter of the lodged case: allowed, it answers letter_not_available (409).
    web("casework:letter", CASE_READ, of_post=True, kwargs=lambda w: {**_case(w), "letter": "decision"}),
    # Intake at the user's current post (an airport: no kind is lodged there, so an allowed POST is a clear 422).
    web("casework:intake", CASE_WORK, "GET", "POST", data=lambda w: {"kind": "short_stay_visa", "mrz": w.mrz}),
    web(
        "casework:family",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"mrz": w.mrz, "relationship": "spouse", "answers": "same"},
    ),
    # Decisions (the fixture case is lodged: proposing, approving, notifying and appeals answer 422 there).
    web(
        "casework:propose",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "outcome": "refuse", "grounds": "insufficient_means", "reason": "x"},
    ),
    web("casework:approve-decision", P.CASE_DECISION_APPROVE, "POST", of_post=True, kwargs=_case, data=_v1),
    web(
        "casework:return-decision",
        P.CASE_DECISION_APPROVE,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "reason": "x"},
    ),
    web(
        "casework:inadmissible",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "grounds": "incomplete_application"},
    ),
    web(
        "casework:notify",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "how": "handed_over"},
    ),
    web("casework:appeal", CASE_WORK, "POST", of_post=True, kwargs=_case, data=_v1),
    web(
        "casework:decide-appeal",
        P.CASE_DECISION_APPROVE,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"version": "1", "result": "upheld", "reason": "x"},
    ),
    web("casework:sticker", CASE_READ, of_post=True, kwargs=_case),
    web("casework:card", CASE_READ, of_post=True, kwargs=_case),
    # Cases of the fixture post in the states these need to succeed (test_access_matrix._build_world).
    web(
        "casework:start-checks",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=lambda w: {"reference": "TST-2026-000002"},
        data=lambda w: {"version": "1"},
    ),
    web(
        "casework:run-checks",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=lambda w: {"reference": "TST-2026-000003"},
        data=lambda w: {"stage": "lodged", "version": "1"},
    ),
    web("casework:queue", CASE_READ),
    web(
        "casework:assign",
        P.CASE_QUEUE_MANAGE,
        "POST",
        of_post=True,
        data=lambda w: {"application": [w.case.reference], "to": str(w.users["caseworker"].pk)},
    ),
    # --- #14 citizenship ---
    # On the fixture case (a visa application): allowed callers reach the service, which answers not_naturalisation.
    web("citizenship:check-residence", CASE_WORK, "POST", of_post=True, kwargs=_case),
    web(
        "citizenship:record-test",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"test": "civics", "taken_on": "2026-01-05", "score": "20/24", "passed": "yes"},
    ),
    web(
        "citizenship:request-police",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"authority": "Police", "police_reference": "PC-1"},
    ),
    web(
        "citizenship:police-answer",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"request": "1", "answer": "no_record"},
    ),
    web(
        "citizenship:book-ceremony",
        CASE_WORK,
        "POST",
        of_post=True,
        kwargs=_case,
        data=lambda w: {"ceremony_on": "2026-06-01"},
    ),
    web("citizenship:record-oath", CASE_WORK, "POST", of_post=True, kwargs=_case),
    web("citizenship:certificate", CASE_READ, of_post=True, kwargs=_case),
    # --- end #14 citizenship ---
    web("visas:sticker", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=_sticker_visa),
    web("visas:visa", VISA_READ, of_post=True, kwargs=_sticker_visa),
    web("visas:annul", VISA_END, "POST", of_post=True, kwargs=_sticker_visa, data=lambda w: {"reason": "misprint"}),
    web(
        "visas:revoke",
        VISA_END,
        "POST",
        of_post=True,
        kwargs=_sticker_visa,
        data=lambda w: {"reason": "obtained by deception", "legal_ground": "UIA s.31(2)"},
    ),
    web("inspection:queue", P.BORDER_DECISION_APPROVE),
    web("inspection:queue-live", P.BORDER_DECISION_APPROVE),
    web("inspection:acknowledge", P.BORDER_DECISION_APPROVE, "POST", of_post=True, kwargs=lambda w: {"pk": w.alert.pk}),
    # --- #16 queues ---
    web("queues:dashboard", P.BORDER_QUEUE_MANAGE),
    web("queues:dashboard-live", P.BORDER_QUEUE_MANAGE),
    web("queues:setup", P.BORDER_QUEUE_MANAGE),
    web("queues:save-queue", P.BORDER_QUEUE_MANAGE, "POST", data=lambda w: {"kind": "crew", "lanes": ["crew"]}),
    web("queues:schedule", P.BORDER_QUEUE_MANAGE),
    web(
        "queues:enter-arrival",
        P.BORDER_QUEUE_MANAGE,
        "POST",
        data=lambda w: {
            "service": "UX1",
            "expected_on": "2026-05-04",
            "expected_time": "06:40",
            "passengers": "120",
            "residents_share": "0.3",
        },
    ),
    web(
        "queues:import-schedule",
        P.BORDER_QUEUE_MANAGE,
        "POST",
        data=lambda w: {"text": "service,expected_at,passengers,residents_share\nUX2,2026-05-04T07:00,90,40%\n"},
    ),
    web("queues:start-break", P.BORDER_INSPECTION_DECIDE, "POST"),
    web("queues:end-break", P.BORDER_INSPECTION_DECIDE, "POST"),
    # --- end #16 queues ---
    # --- #16 figures: the fixture post's figures for a month, as a page and as CSV ---
    web(
        "figures:post",
        P.BORDER_FIGURES_READ,
        of_post=True,
        kwargs=lambda w: {"code": "TST"},
        data=lambda w: {"month": "2026-03"},
    ),
    web(
        "figures:export",
        P.BORDER_FIGURES_READ,
        of_post=True,
        kwargs=lambda w: {"code": "TST"},
        data=lambda w: {"day": "2026-03-29"},
    ),
    # --- end #16 figures ---
    # --- #16 rosters ---
    web("rosters:mine", SIGNED_IN),
    web("rosters:request-leave", SIGNED_IN, "POST", data=lambda w: {"post": "TST"}),
    web("rosters:propose-swap", SIGNED_IN, "POST"),
    web("rosters:answer-swap", SIGNED_IN, "POST", kwargs=lambda w: {"pk": w.rosters["swap"].pk}),
    web("rosters:reset-feed", SIGNED_IN, "POST"),
    web("rosters:feed", PUBLIC, kwargs=lambda w: {"token": w.rosters["feed"]}),
    web("rosters:current-week", P.BORDER_ROSTER_MANAGE),
    web("rosters:week", P.BORDER_ROSTER_MANAGE, of_post=True, kwargs=lambda w: {"code": "TST"}),
    web("rosters:add-shift", P.BORDER_ROSTER_MANAGE, "POST", of_post=True, kwargs=lambda w: {"code": "TST"}),
    web("rosters:add-pattern", P.BORDER_ROSTER_MANAGE, "POST", of_post=True, kwargs=lambda w: {"code": "TST"}),
    web(
        "rosters:cancel-shift",
        P.BORDER_ROSTER_MANAGE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.rosters["shift"].pk},
    ),
    web(
        "rosters:apply-pattern",
        P.BORDER_ROSTER_MANAGE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.rosters["pattern"].pk},
    ),
    web(
        "rosters:decide-leave",
        P.BORDER_ROSTER_MANAGE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.rosters["leave"].pk},
        data=lambda w: {"decision": "refuse"},
    ),
    web(
        "rosters:decide-swap",
        P.BORDER_ROSTER_MANAGE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.rosters["swap"].pk},
        data=lambda w: {"decision": "refuse"},
    ),
    # --- end #16 rosters ---
    # --- #17 incidents PART: world.incident is a rescue on the fixture post's stretch of border (TST has a sector for
    # the matrix), world.incident_person the person met at it; each request's changes are rolled back after it ---
    web("incidents:list", P.PATROL_LOG_READ),
    web("incidents:new", P.PATROL_LOG_WRITE, "GET", "POST", data=lambda w: _incident_form(w.post)),
    web("incidents:incident", P.PATROL_LOG_READ, of_post=True, kwargs=lambda w: {"reference": w.incident.reference}),
    web(
        "incidents:add-person",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"reference": w.incident.reference},
        data=lambda w: {"surname": "MATRIX", "given_names": "MET", "nationality": "SYR", "health_needs": "none"},
    ),
    web(
        "incidents:seize",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"reference": w.incident.reference},
        data=lambda w: {"description": "Outboard engine", "quantity": "1"},
    ),
    web("incidents:protection", P.ASYLUM_CLAIM_MAKE, "POST", of_post=True, kwargs=_incident_person),
    web(
        "incidents:refer",
        P.PATROL_REFERRAL_MAKE,
        "GET",
        "POST",
        of_post=True,
        kwargs=_incident_person,
        data=lambda w: {"partner": w.partner.pk, "kind": "referral", "reason": "matrix", "fields": ["surname"]},
    ),
    web(
        "incidents:outcome",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=_incident_person,
        data=lambda w: {"outcome": "Removal arranged"},
    ),
    # --- end #17 incidents PART ---
    # --- #17 partners PART: the referrals of the fixture post and the administrators' partner pages ---
    web("partners:referrals", P.PATROL_REFERRAL_MAKE),
    web("partners:referral", P.PATROL_REFERRAL_MAKE, of_post=True, kwargs=_referral),
    web(
        "partners:sign-handover",
        P.PATROL_REFERRAL_MAKE,
        "POST",
        of_post=True,
        kwargs=_referral,
        data=lambda w: {"signature": "Matrix Officer"},
    ),
    web("partners:partners", P.ADMIN_PARTNER_MANAGE),
    web("partners:new", P.ADMIN_PARTNER_MANAGE, "GET", "POST", data=_partner_form),
    web("partners:partner", P.ADMIN_PARTNER_MANAGE, kwargs=_partner),
    web("partners:edit", P.ADMIN_PARTNER_MANAGE, "GET", "POST", kwargs=_partner, data=_partner_form),
    web("partners:set-secret", P.ADMIN_PARTNER_MANAGE, "POST", kwargs=_partner),
    web("partners:create-account", P.ADMIN_PARTNER_MANAGE, "POST", kwargs=_partner),
    web("partners:issue-token", P.ADMIN_PARTNER_MANAGE, "POST", kwargs=_partner, data=lambda w: {"name": "matrix"}),
    web("partners:revoke-token", P.ADMIN_PARTNER_MANAGE, "POST", kwargs=_partner, data=_partner_token),
    # --- end #17 partners PART ---
    # --- #17 patrols PART: the fixture post's sector, its units, the patrol out (world.patrols) and its tracker's
    # API; the pages' and the API operation's entries together ---
    web("patrols:home", P.PATROL_LOG_READ),
    web("patrols:sector", P.PATROL_LOG_READ, of_post=True, kwargs=_sector),
    web(
        "patrols:save-sector",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=_sector,
        data=lambda w: {"terrain": "sea", "boundary": "38.9, -9.7\n38.9, -9.3\n38.6, -9.3\n38.6, -9.7"},
    ),
    web(
        "patrols:add-unit",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=_sector,
        data=lambda w: {"kind": "boat", "call_sign": "MX-NEW"},
    ),
    web(
        "patrols:deactivate-unit",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"post_code": "TST", "pk": w.patrols["spare"].pk},
    ),
    web(
        "patrols:start",
        P.PATROL_LOG_WRITE,
        "GET",
        "POST",
        of_post=True,
        kwargs=_sector,
        data=lambda w: {"unit": w.patrols["free"].pk, "crew": [w.colleague.pk], **_post_clock(w, 0)},
    ),
    web("patrols:log", P.PATROL_LOG_READ, of_post=True, kwargs=_sector),
    web("patrols:map", P.PATROL_LOG_READ, of_post=True, kwargs=_sector),
    web("patrols:patrol", P.PATROL_LOG_READ, of_post=True, kwargs=_patrol),
    web(
        "patrols:report-position",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=_patrol,
        data=lambda w: {"at": _post_clock(w, 30)["time"], "latitude": "38.7", "longitude": "-9.5"},
    ),
    web(
        "patrols:report-pasted",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=_patrol,
        data=lambda w: {"lines": f"{_post_clock(w, 20)['time']}, 38.71, -9.5\n99:99, 91, 0"},
    ),
    web(
        "patrols:withdraw-position",
        P.PATROL_LOG_WRITE,
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.patrols["patrol"].pk, "position_pk": w.patrols["position"].pk},
        data=lambda w: {"reason": "matrix: who may withdraw"},
    ),
    web("patrols:end", P.PATROL_LOG_WRITE, "POST", of_post=True, kwargs=_patrol, data=lambda w: _post_clock(w, 0)),
    api(
        "POST /api/v1/patrols/{patrol_id}/positions",
        P.PATROL_LOG_WRITE,
        of_post=True,
        kwargs=lambda w: {"patrol_id": w.patrols["patrol"].pk},
        data=lambda w: {"at": _now_iso(), "latitude": 38.72, "longitude": -9.5, "idempotency_key": "matrix"},
    ),
    # --- end #17 patrols PART ---
    # --- #18 manifests PART: the flights landing at the fixture post (world.flight, from a manifest naming the
    # fixture traveller) and the message as received; a carrier's system sends manifests (JSON is no manifest: 422)
    web("manifests:flights", P.BORDER_TRAVELLER_READ, of_post=True, data=lambda w: {"post": "TST"}),
    web("manifests:flight", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=lambda w: {"pk": w.flight.pk}),
    web(
        "manifests:mark-arrived",
        (P.BORDER_INSPECTION_DECIDE, P.BORDER_QUEUE_MANAGE),
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.flight.pk},
    ),
    web("manifests:message", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=lambda w: {"pk": w.flight_message.pk}),
    web("manifests:screening", P.BORDER_TRAVELLER_READ, of_post=True, kwargs=lambda w: {"pk": w.flight.pk}),
    web(
        "manifests:screen-again",
        (P.BORDER_INSPECTION_DECIDE, P.BORDER_QUEUE_MANAGE),
        "POST",
        of_post=True,
        kwargs=lambda w: {"pk": w.flight.pk},
    ),
    # --- end #18 manifests ---
    web("admin:index", P.ADMIN_REFERENCE_MANAGE, denied_redirect="/admin/login/"),
    web("api-v1:openapi-json", PUBLIC),
    web("api-v1:openapi-view", PUBLIC),
]

API = [
    api("GET /api/v1/me", SIGNED_IN),
    api("GET /api/v1/posts", SIGNED_IN),
    api("POST /api/v1/audit/verify", P.AUDIT_TRAIL_VERIFY),
    api("POST /api/v1/documents/mrz", P.DOCUMENTS_MRZ_CHECK, data=lambda w: {"mrz": w.mrz}),
    api("POST /api/v1/documents/chip", P.DOCUMENTS_MRZ_CHECK, data=lambda w: {"files": {"DG1": "YWJj"}}),  # #19 chip
    api("POST /api/v1/screening", P.SCREENING_PERSON_SCREEN, data=lambda w: {"name": w.listed_name}),
    api(
        "POST /api/v1/screening/matches/{match_id}/adjudication",
        P.SCREENING_MATCH_ADJUDICATE,
        of_post=True,
        kwargs=lambda w: {"match_id": w.match.pk},
        data=lambda w: {"verdict": "false_match", "reason": "checked"},
    ),
    api("GET /api/v1/screening/lists", P.WATCHLIST_LIST_IMPORT),
    api("GET /api/v1/screening/false-match-proposals", P.SCREENING_MATCH_ADJUDICATE),
    api(
        "POST /api/v1/screening/matches/{match_id}/false-match/confirm",
        P.SCREENING_MATCH_ADJUDICATE,
        of_post=True,
        kwargs=lambda w: {"match_id": w.match.pk},
        data=lambda w: {"note": "checked"},
    ),
    api(
        "POST /api/v1/screening/matches/{match_id}/false-match/reject",
        P.SCREENING_MATCH_ADJUDICATE,
        of_post=True,
        kwargs=lambda w: {"match_id": w.match.pk},
        data=lambda w: {"reason": "not the same person"},
    ),
    api(
        "POST /api/v1/inspections",
        P.BORDER_INSPECTION_DECIDE,
        of_post=True,
        data=lambda w: {"mrz": w.mrz, "post": "TST", "idempotency_key": "matrix"},
    ),
    api(
        "POST /api/v1/stay",
        P.RULES_STAY_CALCULATE,
        data=lambda w: {"stays": [{"entry": "2025-01-01", "exit": "2025-01-20"}], "on": "2025-03-01"},
    ),
    api(
        "POST /api/v1/rules/evaluate",
        RECOMMEND,
        of_post=True,
        data=lambda w: {"situation": SITUATION, "date": ON, "post": "TST"},
    ),
    api("GET /api/v1/rules/refusal-grounds", SIGNED_IN),
    api("GET /api/v1/visas/{number}", VISA_READ, of_post=True, kwargs=_sticker_visa),
    api(
        "POST /api/v1/applications",
        CASE_WORK,
        of_post=True,
        data=lambda w: {"kind": "short_stay_visa", "post": "TST", "mrz": w.mrz, "external_reference": "matrix"},
    ),
    api("GET /api/v1/applications/{reference}", CASE_READ, of_post=True, kwargs=_case),
    api(
        "POST /api/v1/applications/{reference}/files",
        CASE_WORK,
        of_post=True,
        kwargs=_case,
        data=lambda w: {"document_code": "accommodation"},  # sent as JSON: the answer is file_required
    ),
    # --- #16 queues ---
    api(
        "POST /api/v1/queues/counts",
        P.BORDER_QUEUE_COUNT,
        of_post=True,
        data=lambda w: {
            "queue": w.queue.pk,
            "at": _now_iso(),
            "waiting": 12,
            "joined": 3,
            "idempotency_key": "matrix",
        },
    ),
    # --- end #16 queues ---
    # --- #17 partners PART: the partner's API (its account's token; a session in the matrix) and signed callbacks ---
    api("GET /api/v1/partners/referrals", P.PARTNER_REFERRAL_READ),
    api("GET /api/v1/partners/referrals/{reference}", P.PARTNER_REFERRAL_READ, kwargs=_referral),
    api(
        "POST /api/v1/partners/referrals/{reference}/acknowledge",
        P.PARTNER_REFERRAL_ACKNOWLEDGE,
        kwargs=_referral,
        data=lambda w: {"officer": "Sgt Matrix", "partner_reference": "P-1"},
    ),
    api(
        "POST /api/v1/partners/referrals/{reference}/custody",
        P.PARTNER_REFERRAL_ACKNOWLEDGE,
        kwargs=_referral,
        data=lambda w: {"signature": "Sgt Matrix"},  # not signed by our officer yet: handover_not_signed (409)
    ),
    api("POST /api/v1/partners/callbacks", PUBLIC),  # unsigned: signature_missing (400)
    # --- end #17 partners PART ---
    api("POST /api/v1/manifests", P.CARRIER_MANIFEST_SEND),  # --- #18 manifests PART ---
    # a carrier's board-check: a well-formed question naming no flight, refused by the service after its permission
    # check (invalid_flight: 422), so that a role without the permission is refused first (403)
    api("POST /api/v1/carriers/board-check", P.CARRIER_BOARDING_CHECK, data=_board_check),
]

MATRIX: list[Endpoint] = WEB + API
