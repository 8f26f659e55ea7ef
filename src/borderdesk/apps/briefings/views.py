"""Briefings' pages: the officer's list and reading page with its acknowledgement, and the publisher's form,
corrections, withdrawal and who has acknowledged. Views stay thin: every read and write is a service call."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from borderdesk.apps.briefings import services
from borderdesk.apps.briefings.access import BRIEFED, READERS
from borderdesk.apps.briefings.models import Priority
from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm

PUBLISH = Perm.OPS_BRIEFING_PUBLISH


@login_required
@require_GET
@refuses_without(READERS)
def briefing_list(request):
    user = request.user
    context = {
        "mine": services.my_briefings(user),
        "published": services.published_by_reach(user),
        "may_publish": user.can(PUBLISH),
    }
    return render(request, "briefings/list.html", context)


@login_required
@require_GET
@refuses_without(READERS)
def briefing_page(request, pk: int):
    return _briefing_page(request, pk)


def _briefing_page(request, pk, *, error=None, status=200):
    user = request.user
    briefing = services.readable(user, pk)
    ack = briefing.acknowledgements.filter(officer=user).first()
    context = {
        "briefing": briefing,
        "for_me": services.applies_to(user, briefing),
        "acknowledged": ack,
        "may_manage": briefing.withdrawn_at is None and services.may_manage(user, briefing),
        "may_follow": services.may_follow(user, briefing),
        "error": error,
    }
    return render(request, "briefings/briefing.html", context, status=status)


@login_required
@require_POST
@refuses_without(BRIEFED)
def acknowledge(request, pk: int):
    services.acknowledge(request.user, pk)
    return redirect("inspection:booth" if request.POST.get("next") == "booth" else "briefings:list")


def _form(post) -> services.BriefingForm:
    return services.BriefingForm(
        title=post.get("title", ""),
        body=post.get("body", ""),
        priority=post.get("priority", "routine"),
        effective_on=post.get("effective_on", ""),
        expires_on=post.get("expires_on", ""),
        roles=tuple(post.getlist("roles")),
        posts=tuple(post.getlist("posts")),
        all_posts=post.get("all_posts") == "on",
    )


def _form_page(request, form, *, briefing=None, error=None, status=200):
    user = request.user
    posts = Post.objects.filter(is_active=True)
    context = {
        "form": form,
        "briefing": briefing,
        "error": error,
        "roles": [(role.value, role.label) for role in services.AUDIENCE_ROLES],
        "posts": posts if user.all_posts else posts.filter(code__in=user.assigned_post_codes),
        "everywhere": user.all_posts,
        "priorities": Priority.choices,
    }
    return render(request, "briefings/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(PUBLISH)
def new(request):
    if request.method == "GET":
        post = request.user.current_post
        return _form_page(request, services.BriefingForm(posts=(post.code,) if post else ()))
    form = _form(request.POST)
    try:
        briefing = services.publish(request.user, form)
    except Invalid as exc:
        return _form_page(request, form, error=exc, status=exc.status)
    return redirect("briefings:status", pk=briefing.pk)


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(PUBLISH)
def revise(request, pk: int):
    briefing = services.manageable(request.user, pk)
    if request.method == "GET":
        form = services.BriefingForm(
            title=briefing.title,
            body=briefing.body,
            priority=briefing.priority,
            effective_on=briefing.effective_on.isoformat(),
            expires_on=briefing.expires_on.isoformat() if briefing.expires_on else "",
            roles=tuple(briefing.roles),
            posts=tuple(sorted(briefing.post_codes)),
            all_posts=briefing.all_posts,
        )
        return _form_page(request, form, briefing=briefing)
    form = _form(request.POST)
    try:
        new_version = services.revise(request.user, pk, form)
    except Invalid as exc:
        return _form_page(request, form, briefing=briefing, error=exc, status=exc.status)
    return redirect("briefings:status", pk=new_version.pk)


@login_required
@require_POST
@refuses_without(PUBLISH)
def withdraw(request, pk: int):
    try:
        services.withdraw(request.user, pk, request.POST.get("reason", ""))
    except Invalid as exc:
        return _briefing_page(request, pk, error=exc, status=exc.status)
    return redirect("briefings:briefing", pk=pk)


@login_required
@require_GET
@refuses_without(PUBLISH)
def status(request, pk: int):
    rows = services.acknowledgement_status(request.user, pk)
    briefing = services.readable(request.user, pk)
    waiting = sum(1 for row in rows if row.acknowledged_at is None)
    context = {"briefing": briefing, "rows": rows, "waiting": waiting, "done": len(rows) - waiting}
    return render(request, "briefings/status.html", context)
