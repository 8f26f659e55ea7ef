"""Secondary inspection: a senior officer takes a referred traveller, records notes, and settles an earlier stay
the traveller is on record as never having left."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.inspection.models import Alert, AlertKind, Inspection, Status
from borderdesk.apps.inspection.services._common import _alert, _lock_for_change, _save_new_version, inspection_post
from borderdesk.apps.inspection.services.scan import _evaluate
from borderdesk.apps.travellers.services import settle_open_stay
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


@service(Perm.BORDER_SECONDARY_INSPECT, post=inspection_post)
def take_for_secondary(senior, inspection: Inspection) -> Inspection:
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("post")
        .get(pk=pk_of(inspection, field="inspection"))
    )
    if inspection.status != Status.REFERRED:
        raise Conflict("This traveller is not waiting for secondary inspection.", code="not_in_secondary_queue")
    inspection.status, inspection.secondary_officer = Status.IN_SECONDARY, senior
    _save_new_version(inspection)
    Alert.objects.filter(inspection=inspection, kind=AlertKind.REFERRAL, acknowledged_at__isnull=True).update(
        acknowledged_by=senior, acknowledged_at=timezone.now()
    )
    record_change(
        senior,
        AuditAction.INSPECTION_SECONDARY_TAKE,
        inspection,
        old={"status": Status.REFERRED},
        new={"status": Status.IN_SECONDARY},
        post_code=inspection.post.code,
    )
    return inspection


@service(Perm.BORDER_SECONDARY_INSPECT, post=inspection_post)
def record_secondary_notes(senior, inspection: Inspection, *, version: int, notes: str) -> Inspection:
    inspection = _lock_for_change(inspection, version)
    old = inspection.secondary_notes
    inspection.secondary_notes = notes
    _save_new_version(inspection)
    record_change(
        senior,
        AuditAction.INSPECTION_SECONDARY_NOTES,
        inspection,
        old={"notes": old},
        new={"notes": notes},
        post_code=inspection.post.code,
    )
    return inspection


@service(Perm.BORDER_SECONDARY_INSPECT, post=inspection_post)
def settle_earlier_stay(
    senior, inspection: Inspection, *, version: int, left_on: date | None, evidence: str, today: date | None = None
) -> Inspection:
    """In secondary inspection: the traveller is on record as still in the country from an earlier visit, but
    the evidence (another country's entry stamp, a ticket) shows when they left. Close that stay on that day,
    count any overstay, and ask the rules again, so that the traveller can be decided on."""
    inspection = _lock_for_change(inspection, version)
    if inspection.status != Status.IN_SECONDARY:
        raise Conflict("Take the traveller for secondary inspection first.", code="not_in_secondary")
    if left_on is None:
        raise Invalid("Give the day the traveller left.", code="settlement_date_required", field="left_on")
    today = today or timezone.localdate()
    settled = settle_open_stay(
        senior,
        traveller=inspection.traveller,
        document=inspection.document,
        post=inspection.post,
        left_on=left_on,
        evidence=evidence,
        today=today,
    )
    _evaluate(senior, inspection, today=today)
    _save_new_version(inspection)
    record_change(
        senior,
        AuditAction.INSPECTION_SECONDARY_SETTLE_STAY,
        inspection,
        new={
            "stay": settled.stay.pk,
            "left_on": left_on,
            "evidence": evidence.strip(),
            "overstay_days": settled.overstay_days,
            "recommendation": inspection.recommendation.get("outcome"),
        },
        post_code=inspection.post.code,
    )
    if settled.overstay_days:
        _alert(
            inspection,
            AlertKind.OVERSTAY,
            f"{inspection.traveller.full_name} overstayed the earlier visit by "
            f"{settled.overstay_days} days (exit settled in secondary)",
        )
    return inspection
