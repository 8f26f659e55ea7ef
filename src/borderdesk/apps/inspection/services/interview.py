"""The interview: the officer records the traveller's purpose, answers and notes, and the rules are asked again."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import Inspection, Purpose
from borderdesk.apps.inspection.services._common import _lock_for_change, _save_new_version, inspection_post
from borderdesk.apps.inspection.services.scan import _evaluate
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post)
def record_interview(
    officer,
    inspection: Inspection,
    *,
    version: int,
    purpose: str,
    answers: dict,
    notes: str = "",
    language: str = "en",
    today: date | None = None,
) -> Inspection:
    inspection = _lock_for_change(inspection, version)
    if purpose and purpose not in Purpose.values:
        raise Invalid(f"Unknown purpose {purpose!r}.", code="unknown_purpose", field="purpose")
    old = {"purpose": inspection.purpose, "answers": inspection.answers, "notes": inspection.notes}
    inspection.purpose, inspection.answers, inspection.notes = purpose, answers, notes
    inspection.traveller_language = language or "en"
    _evaluate(officer, inspection, today=today or timezone.localdate())
    _save_new_version(inspection)
    record_change(
        officer,
        AuditAction.INSPECTION_INTERVIEW_RECORD,
        inspection,
        old=old,
        new={
            "purpose": purpose,
            "answers": answers,
            "notes": notes,
            "language": language,
            "recommendation": inspection.recommendation.get("outcome"),
        },
        post_code=inspection.post.code,
    )
    return inspection
