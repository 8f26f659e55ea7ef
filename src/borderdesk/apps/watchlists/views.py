from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from borderdesk.apps.common.errors import BorderdeskError, NotFound
from borderdesk.apps.common.labels import explained_features
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.watchlists import services
from borderdesk.apps.watchlists.codec import ACTION_LABELS, DEFAULT_LIST_NAMES, QueryError, query_from_dict
from borderdesk.core.access import Perm
from borderdesk.core.screening import Action
from borderdesk.core.screening.sources import FORMATS

PERSON_FIELDS = [
    ("name", "Full name"),
    ("birth_date", "Date of birth (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("nationality", "Nationality (ISO 3166 code, e.g. UTO, DEU)"),
    ("sex", "Sex (M, F, X)"),
    ("document_number", "Document number"),
]


@login_required
@refuses_without(Perm.SCREENING_PERSON_SCREEN)
def screen_page(request):
    context = {"person_fields": PERSON_FIELDS}
    if request.user.can(Perm.SCREENING_MATCH_ADJUDICATE):
        context["can_adjudicate"] = True
        context["proposals"] = [_card(match) for match in services.pending_false_matches(request.user)]
    return render(request, "watchlists/screen.html", context)


@login_required
@require_POST
@refuses_without(Perm.SCREENING_PERSON_SCREEN)
def screen_result(request):
    data = {name: request.POST.get(name, "").strip() for name, _ in PERSON_FIELDS}
    try:
        query = query_from_dict(data)
    except QueryError as exc:
        return render(request, "watchlists/_result.html", {"error": exc})
    purpose = request.POST.get("purpose", "").strip() or "screening (web)"
    try:
        outcome = services.screen_person(request.user, query, post_code=None, purpose=purpose)
    except BorderdeskError as exc:
        return render(request, "watchlists/_result.html", {"error": exc})
    return render(request, "watchlists/_result.html", _result_context(request, outcome))


def _result_context(request, outcome):
    action = outcome.required_action
    return {
        "outcome": outcome,
        "matches": [_presented(m) for m in outcome.matches],
        "action_label": ACTION_LABELS.get(action) if action else None,
        "can_adjudicate": request.user.can(Perm.SCREENING_MATCH_ADJUDICATE),
    }


def _presented(match: dict) -> dict:
    features = explained_features(match["explanation"])
    action = Action(match["action"]) if match.get("action") else None
    return {
        **match,
        "features": features,
        "action_label": ACTION_LABELS.get(action, "") if action else "",
        "percent": round(match["score"] * 100),
    }


def _card(match) -> dict:
    return {**_presented(services.match_dict(match)), **services.verdict_dict(match)}


def _judged_card(request, match_id, judge):
    """The match's card after ``judge()``; a refusal before the match was shown (no permission, another
    post's match, no such match) is the error page alone, never the match."""
    context = {"can_adjudicate": True}
    try:
        match = judge()
    except BorderdeskError as exc:
        if isinstance(exc, NotFound) or exc.code in ("permission_denied", "not_your_post"):
            raise
        match = services.match_for_adjudicator(request.user, match_id)
        context["adjudication_error"] = exc
    context["m"] = _card(match)
    return render(request, "watchlists/_match.html", context)


@login_required
@require_POST
@refuses_without(Perm.SCREENING_MATCH_ADJUDICATE)
def adjudicate_match(request, match_id):
    return _judged_card(
        request,
        match_id,
        lambda: services.adjudicate(
            request.user, match_id, verdict=request.POST.get("verdict", ""), reason=request.POST.get("reason", "")
        ),
    )


@login_required
@require_POST
@refuses_without(Perm.SCREENING_MATCH_ADJUDICATE)
def confirm_false_match(request, match_id):
    return _judged_card(
        request,
        match_id,
        lambda: services.confirm_false_match(request.user, match_id, note=request.POST.get("note", "")),
    )


@login_required
@require_POST
@refuses_without(Perm.SCREENING_MATCH_ADJUDICATE)
def reject_false_match(request, match_id):
    return _judged_card(
        request,
        match_id,
        lambda: services.reject_false_match(request.user, match_id, reason=request.POST.get("reason", "")),
    )


@login_required
@refuses_without(Perm.WATCHLIST_LIST_IMPORT)
def watchlists_page(request):
    return render(request, "watchlists/watchlists.html", _lists_context(request))


def _lists_context(request, **extra):
    return {
        "overview": services.list_overview(request.user),
        "formats": FORMATS,
        "default_names": DEFAULT_LIST_NAMES,
        **extra,
    }


@login_required
@require_POST
@refuses_without(Perm.WATCHLIST_LIST_IMPORT)
def import_list_view(request):
    upload = request.FILES.get("source")
    fmt = request.POST.get("format", "")
    context = {}
    if upload is None:
        context["error"] = BorderdeskError("Choose a list file first.", code="file_required")
    else:
        try:
            context["outcome"] = services.import_upload(
                request.user,
                fmt,
                upload,
                list_name=request.POST.get("list", "").strip() or None,
                allow_shrink=request.POST.get("allow_shrink") == "on",
            )
        except services.ListRejected as exc:
            context["rejected"] = exc
        except BorderdeskError as exc:
            context["error"] = exc
    return render(request, "watchlists/_lists.html", _lists_context(request, **context))


@login_required
@require_POST
@refuses_without(Perm.WATCHLIST_LIST_IMPORT)
def thresholds_view(request, name):
    context = {}
    try:
        services.set_thresholds(
            request.user, name, hit=request.POST.get("hit", ""), possible=request.POST.get("possible", "")
        )
        context["saved"] = name
    except BorderdeskError as exc:
        context["error"] = exc
    return render(request, "watchlists/_lists.html", _lists_context(request, **context))
