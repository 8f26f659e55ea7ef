from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from borderdesk.apps.audit import alerts, services, trail
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import actions_by_context


@login_required
@require_GET
@refuses_without(Perm.AUDIT_TRAIL_READ)
def changes(request):
    return _trail_page(request, "changes", trail.browse_changes)


@login_required
@require_GET
@refuses_without(Perm.AUDIT_ACCESS_REVIEW)
def accesses(request):
    return _trail_page(request, "accesses", trail.browse_accesses)


def _trail_page(request, chain: str, browse):
    context = {"chain": chain, "groups": actions_by_context(), "filters": request.GET, "page": None}
    try:
        query = trail.query_from(request.GET)
        context |= {"page": browse(request.user, query), "query": query.filters()}
    except Invalid as exc:
        return render(request, "audit/trail.html", context | {"error": exc}, status=exc.status)
    for event in context["page"].events:
        event.opens_record = trail.record_link(event)
        event.words = trail.action_words(event.action) if chain == "changes" else event.purpose
    return render(request, "audit/trail.html", context)


@login_required
@require_GET
@refuses_without(Perm.AUDIT_TRAIL_READ)
def changes_csv(request):
    return _csv(request, "changes", trail.export_changes)


@login_required
@require_GET
@refuses_without(Perm.AUDIT_ACCESS_REVIEW)
def accesses_csv(request):
    return _csv(request, "accesses", trail.export_accesses)


def _csv(request, chain: str, export):
    lines = export(request.user, trail.query_from(request.GET))  # an Invalid query is the error page's to show
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="borderdesk-audit-{chain}-{stamp}.csv"'
    return response


@login_required
@require_GET
@refuses_without(Perm.AUDIT_TRAIL_READ)
def record(request, chain: str, seq: int):
    opened = trail.open_record(request.user, chain, seq)
    return render(request, "audit/record.html", {"opened": opened, "record": opened.record, "chain": chain})


@login_required
@require_POST
@refuses_without(Perm.AUDIT_TRAIL_VERIFY)
def verify(request):
    return render(request, "audit/_verify_result.html", {"verification": services.verify_audit_as(request.user)})


@login_required
@require_GET
@refuses_without(Perm.AUDIT_ACCESS_REVIEW)
def alerts_page(request):
    return _alerts_page(request)


def _alerts_page(request, *, error=None, failed_id=None, status: int = 200):
    context = {
        "alerts": alerts.alerts(request.user),
        "error": error,
        "failed_id": failed_id,
        "form": request.POST if error else {},
    }
    return render(request, "audit/alerts.html", context, status=status)


@login_required
@require_GET
@refuses_without(Perm.AUDIT_ACCESS_REVIEW)
def alerts_badge(request):
    return render(request, "audit/_alerts_badge.html", {"open_alerts": alerts.open_count(request.user)})


@login_required
@require_POST
@refuses_without(Perm.AUDIT_ACCESS_REVIEW)
def acknowledge_alert(request, pk: int):
    try:
        alerts.acknowledge(request.user, pk, request.POST.get("note", ""))
    except (Invalid, Conflict) as exc:
        return _alerts_page(request, error=exc, failed_id=pk, status=exc.status)
    return redirect("audit:alerts")
