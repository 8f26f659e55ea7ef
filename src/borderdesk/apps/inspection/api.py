from datetime import date
from typing import Literal

from ninja import Router, Schema

from borderdesk.apps.inspection.services import egate_inspection

router = Router()


class InspectionIn(Schema):
    mrz: str
    post: str
    direction: Literal["entry", "exit"] = "entry"
    purpose: str = ""
    planned_departure: date | None = None
    idempotency_key: str = ""


class RecommendationOut(Schema):
    outcome: str | None = None
    reasons: list[str] | None = None
    admit_until: str | None = None
    days_used: int | None = None
    days_left: int | None = None
    pack: dict | None = None


class InspectionOut(Schema):
    inspection_id: int
    gate_action: Literal["open", "to_booth"]
    reasons: list[str]
    decision: str | None
    admit_until: str | None
    recommendation: RecommendationOut
    document_valid: bool
    watchlist_matches: int


@router.post("", response=InspectionOut, summary="Inspect a traveller at an e-gate or kiosk")
def create_inspection(request, body: InspectionIn):
    """Runs the booth's checks (document, lost/stolen, watchlists, entry rules, stay). The gate opens
    (`gate_action: open`) only when every check is clear and the agency allows e-gate entry for the traveller's
    nationality (`BORDERDESK_EGATE_NATIONALITIES`); otherwise `to_booth` with the reasons. Send the same
    `idempotency_key` again to get the same answer without a second decision."""
    return egate_inspection(request.user, mrz=body.mrz, post_code=body.post, direction=body.direction,
                            purpose=body.purpose, planned_departure=body.planned_departure,
                            idempotency_key=body.idempotency_key)
