"""Entry rules over HTTP: the stay calculator (CONTRACTS.md section 2), recommendations with their trace, and the
refusal grounds in force."""

from __future__ import annotations

import json
from datetime import date as Date

from django.utils import timezone
from ninja import Router, Schema

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.policy import services
from borderdesk.apps.posts.services import post_of_caller

router = Router()

_STAY_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["stays", "on"],
                    "properties": {
                        "stays": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["entry"],
                                "properties": {
                                    "entry": {"type": "string", "format": "date"},
                                    "exit": {"type": "string", "format": "date", "nullable": True},
                                    "basis": {
                                        "type": "string",
                                        "enum": ["short_stay", "long_stay_visa", "residence_permit"],
                                    },
                                },
                            },
                        },
                        "on": {"type": "string", "format": "date"},
                        "entry_on": {"type": "string", "format": "date", "nullable": True},
                        "limit": {"type": "integer", "default": 90},
                        "window": {"type": "integer", "default": 180},
                    },
                    "example": {
                        "stays": [{"entry": "2014-08-15", "exit": "2014-09-30"}],
                        "on": "2014-12-01",
                        "entry_on": "2015-01-01",
                        "limit": 90,
                        "window": 180,
                    },
                }
            }
        },
    }
}


def _json_body(request) -> object:
    try:
        return json.loads(request.body.decode("utf-8") or "null")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(f"The request body is not JSON: {exc}", code="malformed_input") from exc


@router.post(
    "/stay", summary="Days of stay used and left in a rolling window (90 days in any 180)", openapi_extra=_STAY_BODY
)
def stay(request):
    """Exactly `borderdesk stay calc --json`: `days_used`, `days_remaining`, `overstay_days` and, with `entry_on`,
    `latest_exit`. Bad input is a 422 problem with the calculator's code (`end_before_start`, `overlapping_stays`,
    `malformed_date`, ...)."""
    return services.stay_calc(request.user, _json_body(request))


class EvaluateIn(Schema):
    situation: dict
    date: Date | None = None
    pack: str | None = None
    post: str | None = None


@router.post("/rules/evaluate", summary="Recommend what to do with a traveller at the border (with the trace)")
def evaluate(request, body: EvaluateIn):
    """The pack in force on `date` (default today) evaluates the situation; the answer is stored and returned
    with its `evaluation_id`. Rules recommend; the officer decides."""
    user = request.user
    post = (
        post_of_caller(user, body.post).code
        if body.post
        else (user.current_post.code if getattr(user, "current_post", None) else None)
    )
    record = services.recommend_entry(
        user,
        body.situation,
        on=body.date or timezone.localdate(),
        post_code=post,
        purpose="rules evaluation (API)",
        pack_id=body.pack,
    )
    return record.as_dict()


@router.get("/rules/refusal-grounds", summary="The refusal grounds of the pack in force on a day")
def grounds(request, on: Date | None = None, pack: str | None = None):
    day = on or timezone.localdate()
    published = services.pack_in_force(day, pack)
    return {
        "pack": {"id": published.pack.id, "version": published.pack.version, "number": published.number},
        "on": day.isoformat(),
        "grounds": services.refusal_grounds(day, pack),
    }
