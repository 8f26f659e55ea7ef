"""Demo data for the fictional Republic of Utopia (UTO): posts, booths and users of every role.

Everything here is made up by the project. Loading is idempotent: what exists already is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    posts: tuple[str, ...]  # none: headquarters staff, at every post
    note: str = ""


# Two senior officers at each port, office and consulate, so that every four-eyes flow can be finished in the demo;
# two policy authors, one to draft and one to review.
USERS = [
    DemoUser("officer", "Ana", "Ramos", ("border_officer",), ("UCX", "UTPRT", "UTNGT")),
    DemoUser("senior", "Tomas", "Hythloday", ("senior_officer",), ("UCX", "UTPRT", "UTNGT", "UTCIO", "UTBER")),
    DemoUser(
        "senior2",
        "Rafaela",
        "Peter",
        ("senior_officer",),
        ("UCX", "UTPRT", "UTNGT", "UTCIO", "UTBER"),
        "the second, for four eyes",
    ),
    DemoUser("duty", "Mira", "Castell", ("duty_manager",), ("UCX",)),
    DemoUser("caseworker", "Jon", "Abraxa", ("caseworker",), ("UTCIO",)),
    DemoUser("consul", "Lena", "Vogt", ("consular_officer",), ("UTBER",)),
    DemoUser("asylum", "Samir", "Haddad", ("asylum_case_officer",), ("UTCIO",)),
    DemoUser("patrol", "Kai", "Morus", ("patrol_officer",), ("UTPSN", "UTNGT")),
    DemoUser("policy", "Ines", "Giles", ("policy_author",), (), "drafts rule packs"),
    DemoUser("policy2", "Thomas", "More", ("policy_author",), (), "reviews the other author's drafts"),
    DemoUser("auditor", "Petra", "Anyder", ("auditor",), ()),
    DemoUser("admin", "Raphael", "Utopus", ("administrator",), ()),
]


@transaction.atomic
def load_demo_data(progress: Callable[[str], None] = lambda _: None) -> list[DemoUser]:
    _load_posts(progress)
    _load_users(progress)
    from borderdesk.demo.watchlist import load_demo_watchlist

    load_demo_watchlist(progress)
    from borderdesk.demo.policy import load_policy

    load_policy(progress)
    _enrol_demo_users()
    from borderdesk.demo.travellers import load_demo_travellers

    samples = load_demo_travellers(progress)
    from borderdesk.demo.chip import load_demo_chip  # #19 chip: the Utopian citizen's passport chip

    load_demo_chip(next(s.mrz for s in samples if s.fields.issuing_state == "UTO"), progress)
    from borderdesk.demo.casework import load_demo_casework

    load_demo_casework(progress)
    from borderdesk.demo.citizenship import load_demo_citizenship

    load_demo_citizenship(progress)
    from borderdesk.demo.rosters import load_demo_rosters  # #16 rosters: before anything opens a booth

    load_demo_rosters(progress)
    from borderdesk.demo.asylum import load_demo_asylum

    load_demo_asylum(progress)
    from borderdesk.demo.queues import load_demo_queues  # #16 queues

    load_demo_queues(progress)
    from borderdesk.demo.partners import load_demo_partners  # #17: before the patrols (the coast guard's cutter)

    load_demo_partners(progress)
    from borderdesk.demo.patrols import load_demo_patrols  # #17 patrols

    load_demo_patrols(progress)
    from borderdesk.demo.incidents import load_demo_incidents  # #17: after the asylum demo (it skips if claims exist)

    load_demo_incidents(progress)
    from borderdesk.demo.manifests import load_demo_manifests  # #18 manifests

    load_demo_manifests(progress)

    from borderdesk.demo.briefings import load_demo_briefings  # last: from now on a booth opens once it is read

    load_demo_briefings(progress)
    return USERS


def login_lines() -> list[str]:
    """One line per demo user: who it is, what they do, where."""
    from borderdesk.core.access import Role

    rows = [
        (
            user.username,
            f"{user.first_name} {user.last_name}",
            ", ".join(Role(role).label.lower() for role in user.roles) + (f" ({user.note})" if user.note else ""),
            ", ".join(user.posts) or "all posts",
        )
        for user in USERS
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return [
        "  " + "  ".join(value.ljust(width) for value, width in zip(row, [*widths, 0], strict=True)).rstrip()
        for row in rows
    ]


def _load_posts(progress) -> None:
    for fields in POSTS:
        if Post.objects.filter(code=fields["code"]).exists():
            continue
        post = create_post(DEMO, **fields)
        for code, direction, lane in BOOTHS.get(post.code, []):
            create_booth(DEMO, post, code=code, name=f"Booth {code}", direction=direction, lane=lane)
        progress(f"  post {post.code} {post.name}")


def _load_users(progress) -> None:
    for user in USERS:
        if User.objects.filter(username=user.username).exists():
            continue
        create_user(
            DEMO,
            username=user.username,
            password=DEMO_PASSWORD,
            roles=user.roles,
            posts=user.posts,
            first_name=user.first_name,
            last_name=user.last_name,
            all_posts=not user.posts,
        )
        progress(f"  user {user.username} ({', '.join(user.roles)})")


def _demo_usernames() -> list[str]:
    return [user.username for user in USERS]


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
