from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from borderdesk.apps.accounts import services
from borderdesk.apps.audit.services import recent_events
from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.posts.services import posts_visible_to
from borderdesk.core.access import Role


@login_required
def home(request):
    user = request.user
    posts = posts_visible_to(user).prefetch_related("booths")
    roles = sorted(user.roles, key=list(Role).index)
    return render(request, "accounts/home.html", {
        "roles": roles,
        "role_sections": [f"accounts/home/{role.value}.html" for role in roles],
        "posts": posts,
        "current_post": user.current_post,
        "now": timezone.localtime(),
        "my_events": recent_events(user, limit=10, mine_only=True),
    })


@login_required
@require_POST
def switch_post(request):
    try:
        services.switch_post(request.user, request.POST.get("post", ""))
        messages.success(request, f"You now work at {request.user.current_post}.")
    except BorderdeskError as exc:
        messages.error(request, exc.message)
    return redirect("home")
