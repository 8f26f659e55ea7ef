"""The traveller's identity: the record created for this scan joins the earlier record of the same person."""

from __future__ import annotations

from django.utils import timezone

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.inspection.services._common import _lock_for_change, _save_new_version, inspection_post
from borderdesk.apps.inspection.services.scan import _evaluate
from borderdesk.apps.travellers.models import Traveller
from borderdesk.core.access import Perm


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post)
def merge_duplicate(officer, inspection: Inspection, *, duplicate_id: int, version: int, reason: str) -> Inspection:
    from borderdesk.apps.travellers.services import merge_travellers

    inspection = _lock_for_change(inspection, version)
    if duplicate_id not in inspection.document_check.get("possible_duplicates", []):
        raise Invalid("That record was not offered as the same person.", code="not_a_possible_duplicate")
    duplicate = Traveller.objects.get(pk=duplicate_id)
    # The older record keeps the identity; the one created for this scan joins it.
    keep, joining = sorted([inspection.traveller, duplicate], key=lambda t: t.pk)
    merge_travellers(officer, keep, joining, reason=reason, post_code=inspection.post.code)
    inspection.traveller = keep
    inspection.document_check = {**inspection.document_check, "possible_duplicates": []}
    _evaluate(officer, inspection, today=timezone.localdate())
    _save_new_version(inspection)
    return inspection
