"""Recording that a person asks for protection away from a port's booth: a patrol officer at their sector, an
asylum case officer or caseworker at an in-country office (the booth and secondary have their own button on the
traveller's panel). The maker learns that the claim went to the asylum unit, nothing more."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from borderdesk.apps.asylum.services import claims, making
from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import as_id
from borderdesk.apps.common.views import refuses_without


@login_required
@refuses_without(claims.MAKE)
def make_page(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (its name is at the top of the page).", code="no_current_post")
    context = {"post": post, "form": {}, "at_office": post.kind == "inland_office"}
    if request.method != "POST":
        return render(request, "asylum/make.html", context)
    form = request.POST
    try:
        traveller = as_id(form["traveller"], field="traveller") if form.get("traveller", "").strip() else None
        made = making.make_for_person(
            request.user,
            post=post,
            identity=None if traveller else making.Identity.typed(form),
            traveller=traveller,
            members=making.members_from(form),
        )
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise
        return render(request, "asylum/make.html", {**context, "form": form, "error": exc}, status=exc.status)
    return render(request, "asylum/made.html", {"made": made})


urlpatterns = [path("make", make_page, name="make")]
