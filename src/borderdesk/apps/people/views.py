from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.people import services
from borderdesk.apps.people.search import criteria_from
from borderdesk.core.access import Perm


def _post_code(request) -> str:
    """Person records belong to no post: the officer reads them at, and for, the post they work at now."""
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at on your home page first.", code="no_current_post")
    return post.code


@login_required
@require_GET
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def find(request):
    return render(request, "people/search.html")


@login_required
@require_POST
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def search(request):
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/search.html"
    try:
        criteria = criteria_from(request.POST)
        result = services.search_people(request.user, criteria, post_code=_post_code(request))
    except Invalid as exc:
        return render(request, template, {"error": exc}, status=exc.status)
    return render(request, template, {"result": result})


@login_required
@require_GET
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def reason(request, pk: int):
    return render(request, "people/reason.html", {"pk": pk, "purposes": services.PURPOSES.items()})


@login_required
@require_POST
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def record(request, pk: int):
    purpose, reason = request.POST.get("purpose", ""), request.POST.get("reason", "")
    try:
        opened = services.open_person_record(
            request.user, pk, purpose=purpose, reason=reason, post_code=_post_code(request)
        )
    except Invalid as exc:
        context = {"pk": pk, "purposes": services.PURPOSES.items(), "error": exc, "chosen": purpose, "reason": reason}
        return render(request, "people/reason.html", context, status=exc.status)
    return render(request, "people/record.html", {"record": opened})
