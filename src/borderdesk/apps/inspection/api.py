from datetime import date
from typing import Literal

from ninja import Field, Router, Schema

from borderdesk.apps.inspection.services import egate_inspection
from borderdesk.apps.posts.services import post_of_caller

router = Router()


class InspectionIn(Schema):
    mrz: str
    post: str
    direction: Literal["entry", "exit"] = "entry"
    purpose: str = ""
    planned_departure: date | None = None
    idempotency_key: str = Field("", max_length=200)


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
    nationality (`BORDERDESK_EGATE_NATIONALITIES`); otherwise `to_booth` with the reasons. `post` must be a post
    the gate's account is assigned to (`unknown_post` 422, `not_your_post` 403). The same gate account sending
    the same request with the same `idempotency_key` at the same post gets the first answer again without a
    second inspection; the key sent with a different request is `idempotency_key_reused` (409), and a key means
    nothing to any other account or post."""
    post = post_of_caller(request.user, body.post)
    return egate_inspection(
        request.user,
        mrz=body.mrz,
        post_code=post.code,
        post=post,
        direction=body.direction,
        purpose=body.purpose,
        planned_departure=body.planned_departure,
        idempotency_key=body.idempotency_key,
    )
