"""Demo data for the fictional Republic of Utopia (UTO): posts, booths and one user per role.

Everything here is made up by the project. Loading is idempotent: what exists already is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.accounts.models import User
from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.models import Post
from borderdesk.apps.posts.services import create_booth, create_post

DEMO_PASSWORD = "utopia-demo-2026"

POSTS = [
    dict(
        code="UCX", name="Utopia City International Airport", kind="airport", country="UTO", time_zone="Europe/Lisbon"
    ),
    dict(code="UTPRT", name="Port of Amaurot", kind="seaport", country="UTO", time_zone="Europe/Lisbon"),
    dict(code="UTNGT", name="Northgate land crossing", kind="land_crossing", country="UTO", time_zone="Europe/Lisbon"),
    dict(
        code="UTCIO", name="Amaurot immigration office", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    ),
    dict(code="UTBER", name="Embassy of Utopia in Berlin", kind="embassy", country="DEU", time_zone="Europe/Berlin"),
    dict(
        code="UTPSN", name="North coast patrol sector", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    ),
]

BOOTHS = {
    "UCX": [
        ("A01", "entry", "all"),
        ("A02", "entry", "all"),
        ("A03", "entry", "visa_required"),
        ("A04", "entry", "nationals"),
        ("EG1", "entry", "egate"),
        ("D01", "exit", "all"),
        ("D02", "exit", "all"),
    ],
    "UTPRT": [("S01", "both", "all"), ("C01", "both", "crew")],
    "UTNGT": [("L01", "entry", "all"), ("L02", "exit", "all")],
}

USERS = [
    ("officer", "Ana", "Ramos", ["border_officer"], ["UCX", "UTPRT"]),
    ("senior", "Tomas", "Hythloday", ["senior_officer"], ["UCX", "UTPRT"]),
    ("duty", "Mira", "Castell", ["duty_manager"], ["UCX"]),
    ("casework", "Jon", "Abraxa", ["caseworker"], ["UTCIO"]),
    ("consul", "Lena", "Vogt", ["consular_officer"], ["UTBER"]),
    ("asylum", "Samir", "Haddad", ["asylum_case_officer"], ["UTCIO"]),
    ("patrol", "Kai", "Morus", ["patrol_officer"], ["UTPSN", "UTNGT"]),
    ("policy", "Ines", "Giles", ["policy_author"], []),
    ("auditor", "Petra", "Anyder", ["auditor"], []),
    ("admin", "Raphael", "Utopus", ["administrator"], []),
]


@transaction.atomic
def load_demo_data(progress: Callable[[str], None] = lambda _: None) -> list[tuple[str, str, list[str]]]:
    _load_posts(progress)
    _load_users(progress)
    from borderdesk.demo.watchlist import load_demo_watchlist

    load_demo_watchlist(progress)
    from borderdesk.demo.policy import load_policy

    load_policy(progress, password=DEMO_PASSWORD)
    _enrol_demo_users()
    from borderdesk.demo.travellers import load_demo_travellers

    load_demo_travellers(progress)
    return [(username, roles[0], posts or ["all posts"]) for username, _, _, roles, posts in USERS]


def _load_posts(progress) -> None:
    for fields in POSTS:
        if Post.objects.filter(code=fields["code"]).exists():
            continue
        post = create_post(DEMO, **fields)
        for code, direction, lane in BOOTHS.get(post.code, []):
            create_booth(DEMO, post, code=code, name=f"Booth {code}", direction=direction, lane=lane)
        progress(f"  post {post.code} {post.name}")


def _load_users(progress) -> None:
    for username, first, last, roles, posts in USERS:
        if User.objects.filter(username=username).exists():
            continue
        create_user(
            DEMO,
            username=username,
            password=DEMO_PASSWORD,
            roles=roles,
            posts=posts,
            first_name=first,
            last_name=last,
            all_posts=not posts,
        )
        progress(f"  user {username} ({', '.join(roles)})")


def _demo_usernames() -> list[str]:
    from borderdesk.demo.policy import SECOND_AUTHOR

    return [username for username, *_ in USERS] + [SECOND_AUTHOR[0]]


def _enrol_demo_users() -> None:
    """Each demo user gets an authenticator with a known secret, so the demo can be tried without a phone."""
    from borderdesk.apps.accounts.second_factor import enrol_demo_user

    for user in User.objects.filter(username__in=_demo_usernames()):
        enrol_demo_user(user)


def second_factor_instructions() -> list[str]:
    """How to get each demo user's code: the secret for an authenticator app, its otpauth URI, or the command."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from borderdesk.apps.accounts.second_factor import secret_base32

    lines = [
        "Second factor: after the password, type the 6-digit code. Print a demo user's current code with",
        "  borderdesk otp code USERNAME",
        "or add the user's secret to an authenticator app (secret in base32, then the otpauth URI):",
    ]
    devices = (
        TOTPDevice.objects.select_related("user")
        .filter(user__username__in=_demo_usernames(), user__is_demo=True, confirmed=True)
        .order_by("user__username")
    )
    for device in devices:
        lines.append(f"  {device.user.username:<10} {secret_base32(device)}  {device.config_url}")
    return lines
