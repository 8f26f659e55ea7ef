from datetime import datetime

from ninja import Field, Router, Schema, Status

from borderdesk.apps.patrols.models import PositionSource
from borderdesk.apps.patrols.services import report_position

router = Router()


class PositionIn(Schema):
    at: datetime
    latitude: float | str = Field(description="Decimal degrees (38.7), or as patrols write it (38°42.0'N)")
    longitude: float | str = Field(description="Decimal degrees (-9.4), or as patrols write it (9°24.0'W)")
    idempotency_key: str = Field("", max_length=200)


class PositionOut(Schema):
    position_id: int
    patrol: int
    at: datetime
    latitude: float
    longitude: float
    withdrawn: bool
    replayed: bool


@router.post(
    "/{patrol_id}/positions",
    response={200: PositionOut, 201: PositionOut},
    summary="Send a patrol's position (a unit's tracker)",
)
def post_position(request, patrol_id: int, body: PositionIn):
    """A unit's tracker reports where its patrol is: at the moment `at` (with its UTC offset), at `latitude` and
    `longitude` (WGS 84). The sender's account needs the patrol-log write permission at the patrol's post
    (`not_your_post` 403 for another post's patrol, `patrol_not_found` 404 for no such patrol). Answered 201 when
    stored; the same sender sending the same `idempotency_key` again gets the first answer with `replayed: true`
    (200), and nothing is stored twice; the key with another position is `idempotency_key_reused` (409). Refused
    with nothing stored: `latitude_out_of_range`, `longitude_out_of_range`, `invalid_coordinate`, `naive_time`,
    `time_in_future`, `position_before_start`, `position_after_end` (the patrol ended before it),
    `position_at_same_time` (409: another position at that moment), `idempotency_key_required`."""
    reported = report_position(
        request.user,
        patrol_id,
        at=body.at,
        latitude=body.latitude,
        longitude=body.longitude,
        source=PositionSource.TRACKER,
        idempotency_key=body.idempotency_key,
    )
    position = reported.position
    answer = {
        "position_id": position.pk,
        "patrol": position.patrol_id,
        "at": position.at,
        "latitude": float(position.latitude),
        "longitude": float(position.longitude),
        "withdrawn": position.withdrawn_at is not None,
        "replayed": reported.replayed,
    }
    return Status(200 if reported.replayed else 201, answer)
