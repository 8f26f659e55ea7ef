from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from borderdesk.apps.accounts import second_factor, services
from borderdesk.apps.audit.services import recent_events
from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.posts.services import posts_visible_to
from borderdesk.core.access import Role


@login_required
def home(request):
    user = request.user
    posts = posts_visible_to(user).prefetch_related("booths")
    roles = sorted(user.roles, key=list(Role).index)
    return render(
        request,
        "accounts/home.html",
        {
            "roles": roles,
            "role_sections": [f"accounts/home/{role.value}.html" for role in roles],
            "posts": posts,
            "current_post": user.current_post,
            "now": timezone.localtime(),
            "my_events": recent_events(user, limit=10, mine_only=True),
            "casework": _casework_counts(user),
            "flights_to_watch": _flights_to_watch(user),
        },
    )


def _flights_to_watch(user):
    """Today's flights landing at the officer's airport with travellers pre-arrival screening found something
    about (#18)."""
    from borderdesk.apps.manifests.services import READ, flights_to_watch

    post = user.current_post
    if post is None or not user.can(READ, post.code):
        return []
    return flights_to_watch(user, post_code=post.code, day=post.local_date())


def _casework_counts(user):
    """The work queues' counts at the user's post, for case officers and senior officers where cases are worked."""
    from borderdesk.apps.casework.services.queues import counts_at_current_post

    return counts_at_current_post(user)


@login_required
@require_POST
def switch_post(request):
    try:
        services.switch_post(request.user, request.POST.get("post", ""))
        messages.success(request, f"You now work at {request.user.current_post}.")
    except BorderdeskError as exc:
        messages.error(request, exc.message)
    return redirect("home")


WRONG_CODE_MESSAGE = (
    "That code is not right. Type the 6-digit code your authenticator app shows now, or a recovery code."
)
WAIT_MESSAGE = "Too many wrong codes: wait a few seconds, then type the newest code from your app."


def _next_page(request) -> str:
    """Where to go once the second factor is verified: a page of this site (an absolute path: anything else would
    be read by ``redirect`` as a view name), else home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_page(request)})}"


@login_required
def verify_second_factor(request):
    """After the password: the 6-digit code of the authenticator app, or a recovery code."""
    if second_factor.is_satisfied(request.user):
        return redirect(_next_page(request))
    if not second_factor.has_authenticator(request.user):
        return redirect(_with_next("second-factor-enrol", request))
    error = None
    if request.method == "POST":
        if second_factor.is_throttled(request.user):
            error = WAIT_MESSAGE
        elif second_factor.verify(request, request.POST.get("code", "")):
            return redirect(_next_page(request))
        else:
            error = WRONG_CODE_MESSAGE
    return render(request, "accounts/second_factor.html", {"error": error, "next": _next_page(request)})


@login_required
def enrol_second_factor(request):
    """A user without an authenticator adds one: scan the QR code (or type the secret), confirm with a code,
    and receive ten recovery codes, shown this once."""
    if second_factor.has_authenticator(request.user):
        return redirect(_with_next("second-factor", request))
    error = None
    if request.method == "POST":
        if second_factor.is_throttled(request.user):
            error = WAIT_MESSAGE
        elif (codes := second_factor.confirm_enrolment(request, request.POST.get("code", ""))) is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_page(request)})
        else:
            error = WRONG_CODE_MESSAGE
    device = second_factor.pending_authenticator(request.user)
    return render(
        request,
        "accounts/enrol.html",
        {
            "error": error,
            "next": _next_page(request),
            "qr_svg": mark_safe(second_factor.qr_code_svg(device)),  # segno's own SVG, no user input
            "secret": second_factor.secret_base32(device),
        },
    )


def admin_sign_in(request):
    """The admin has no sign-in of its own: people sign in on the one sign-in page (throttled, second factor).
    Someone signed in but not allowed in the admin is told so by the admin itself."""
    if request.user.is_authenticated:
        return admin.site.login(request)
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
