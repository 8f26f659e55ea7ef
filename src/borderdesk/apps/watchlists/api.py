"""`POST /api/v1/screening` (one person or a batch) and adjudication of matches."""

from __future__ import annotations

from ninja import Router, Schema

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.posts.services import post_of_caller
from borderdesk.apps.watchlists import services
from borderdesk.apps.watchlists.codec import QueryError, query_from_dict

router = Router()
MAX_BATCH = 5000


class PersonIn(Schema):
    id: str | int | None = None
    name: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    sex: str | None = None
    document_number: str | None = None
    document_issuing_state: str | None = None


class ScreenIn(PersonIn):
    people: list[PersonIn] | None = None
    lists: list[str] | None = None
    threshold: float | None = None
    post_code: str | None = None
    purpose: str = "screening (API)"


class AdjudicationIn(Schema):
    verdict: str
    reason: str


class ConfirmationIn(Schema):
    note: str = ""


class RejectionIn(Schema):
    reason: str


def _query(person: PersonIn, index: int | None = None):
    try:
        return query_from_dict(person.dict())
    except QueryError as exc:
        where = f"people[{index}]." if index is not None else ""
        raise Invalid(exc.message, code=exc.code, field=f"{where}{exc.field or ''}".rstrip(".")) from None


@router.post("", summary='Screen one person, or a batch ({"people": [...]}), against the lists in force')
def screen(request, body: ScreenIn):
    """Per person the `borderdesk screen` contract (`id`, `matches` with list, entry_id, name, score, decision,
    explanation) plus `match_id`, the listed `action` and `reason`, `hits`, `possibles`, `required_action`,
    `suppressed` (known false matches not raised again), `screening_id`, and `error` for a name that cannot
    be screened. A batch answers `{"results": [...]}` in input order."""
    post_code = post_of_caller(request.user, body.post_code, field="post_code").code if body.post_code else None
    options = dict(post_code=post_code, purpose=body.purpose, lists=body.lists, threshold=body.threshold)
    if body.people is not None:
        if len(body.people) > MAX_BATCH:
            raise Invalid(f"At most {MAX_BATCH} people per request.", code="batch_too_large", field="people")
        queries = [_query(person, index) for index, person in enumerate(body.people)]
        outcomes = services.screen_batch(request.user, queries, **options)
        return {"results": [outcome.as_dict() for outcome in outcomes]}
    return services.screen_person(request.user, _query(body), **options).as_dict()


def _judged(match):
    return {**services.match_dict(match), **services.verdict_dict(match)}


@router.post(
    "/matches/{match_id}/adjudication",
    summary="Confirm a match, or propose a false match (with a reason) for a second senior officer",
)
def adjudicate(request, match_id: int, body: AdjudicationIn):
    """`confirmed` takes effect at once. `false_match` is a proposal (`verdict` `false_match_proposed`) that
    suppresses nothing until a different senior officer confirms it; sent by that second officer it confirms."""
    return _judged(services.adjudicate(request.user, match_id, verdict=body.verdict, reason=body.reason))


@router.post(
    "/matches/{match_id}/false-match/confirm",
    summary="Confirm another senior officer's false-match proposal (four eyes)",
)
def confirm_false_match(request, match_id: int, body: ConfirmationIn):
    return _judged(services.confirm_false_match(request.user, match_id, note=body.note))


@router.post("/matches/{match_id}/false-match/reject", summary="Reject a false-match proposal (with a reason)")
def reject_false_match(request, match_id: int, body: RejectionIn):
    return _judged(services.reject_false_match(request.user, match_id, reason=body.reason))


@router.get("/false-match-proposals", summary="False-match proposals at your posts waiting for a second officer")
def false_match_proposals(request):
    return [_judged(match) for match in services.pending_false_matches(request.user)]


@router.get("/lists", summary="The lists, their thresholds and the version in force (administrators)")
def lists(request):
    return [
        {
            "list": row["list"].name,
            "hit_threshold": row["list"].hit_threshold,
            "possible_threshold": row["list"].possible_threshold,
            "current": None
            if row["current"] is None
            else {
                "version": row["current"].number,
                "entries": row["current"].entry_count,
                "format": row["current"].source_format,
                "source": row["current"].source_name,
                "sha256": row["current"].sha256,
                "imported_at": row["current"].imported_at,
            },
            "versions": len(row["versions"]),
        }
        for row in services.list_overview(request.user)
    ]
