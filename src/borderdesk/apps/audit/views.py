from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from borderdesk.apps.audit import services
from borderdesk.apps.common.views import refuses_without
from borderdesk.core.access import Perm


@login_required
@refuses_without(Perm.AUDIT_TRAIL_READ)
def trail(request):
    return render(
        request,
        "audit/trail.html",
        {
            "events": services.recent_events(request.user, limit=100),
            "accesses": services.recent_accesses(request.user, limit=100),
        },
    )


@login_required
@require_POST
@refuses_without(Perm.AUDIT_TRAIL_VERIFY)
def verify(request):
    return render(request, "audit/_verify_result.html", {"verification": services.verify_audit_as(request.user)})
