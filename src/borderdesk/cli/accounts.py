"""`borderdesk createuser`, `borderdesk token`, `borderdesk unlock` and `borderdesk otp code`."""

from __future__ import annotations

import getpass
import sys

from borderdesk.apps.accounts.actors import command_line


def register(subparsers) -> None:
    parser = subparsers.add_parser("createuser", help="create a user with roles and posts")
    parser.add_argument("username")
    parser.add_argument("--role", action="append", default=[], help="a role (repeatable), e.g. border_officer")
    parser.add_argument("--post", action="append", default=[], help="a post code (repeatable), e.g. UCX")
    parser.add_argument("--all-posts", action="store_true", help="headquarters staff: every post")
    parser.add_argument("--first-name", default="")
    parser.add_argument("--last-name", default="")
    parser.add_argument("--email", default="")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (the default when it is not a terminal)",
    )
    parser.add_argument(
        "--no-password",
        action="store_true",
        help="no password: a machine (e-gate, kiosk) that signs in only with an API token",
    )
    parser.set_defaults(func=run_createuser)
    register_token(subparsers)
    register_sign_in(subparsers)


def run_createuser(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.services import create_user
    from borderdesk.apps.common.errors import BorderdeskError

    try:
        user = create_user(
            command_line("createuser"),
            username=args.username,
            password=None if args.no_password else _new_password(args.password_stdin),
            roles=args.role,
            posts=args.post,
            first_name=args.first_name,
            last_name=args.last_name,
            email=args.email,
            all_posts=args.all_posts,
        )
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    print(f"Created {user.username} with roles {', '.join(sorted(r.value for r in user.roles)) or '(none)'}")
    return 0


def _new_password(from_stdin: bool) -> str:
    """Asked twice at a terminal; otherwise (a script, a pipe, ``--password-stdin``) the first line of stdin."""
    from borderdesk.apps.common.errors import Invalid

    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise Invalid(
                "No password on standard input: pipe one line in (e.g. from your password manager), or give "
                "--no-password for a machine that signs in only with an API token.",
                code="password_required",
            )
        return password
    try:
        password = getpass.getpass("Password: ")
        again = getpass.getpass("Password again: ")
    except (EOFError, KeyboardInterrupt):
        raise Invalid("No password given; nothing was created.", code="password_required") from None
    if password != again:
        raise Invalid("The two passwords differ; nothing was created.", code="passwords_differ")
    return password


def register_token(subparsers) -> None:
    parser = subparsers.add_parser("token", help="API tokens for e-gates, kiosks and other machines")
    commands = parser.add_subparsers(dest="token_command", metavar="ACTION")
    commands.required = True
    issue = commands.add_parser("issue", help="issue a token for a user (printed once)")
    issue.add_argument("username")
    issue.add_argument("--name", required=True, help="the machine that holds it, e.g. 'UCX e-gate 3'")
    issue.set_defaults(func=run_token_issue)
    revoke = commands.add_parser("revoke", help="revoke a token by its prefix")
    revoke.add_argument("prefix")
    revoke.set_defaults(func=run_token_revoke)
    listing = commands.add_parser("list", help="tokens in use (never their secrets)")
    listing.set_defaults(func=run_token_list)


def _with_errors(action) -> int:
    from borderdesk.apps.common.errors import BorderdeskError

    try:
        return action()
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2


def run_token_issue(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.models import User
    from borderdesk.apps.accounts.tokens import issue_token

    def issue() -> int:
        user = User.objects.filter(username=args.username).first()
        if user is None:
            print(f"error [user_not_found]: no user named {args.username!r}", file=sys.stderr)
            return 2
        token, secret = issue_token(command_line("token issue"), user, name=args.name)
        print(
            f"Issued token {token.prefix}… for {user.username} ({token.name}). It is shown only now:", file=sys.stderr
        )
        print(secret)
        return 0

    return _with_errors(issue)


def run_token_revoke(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.tokens import revoke_token

    def revoke() -> int:
        token = revoke_token(command_line("token revoke"), args.prefix)
        print(f"Revoked {token}")
        return 0

    return _with_errors(revoke)


def run_token_list(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.models import ApiToken

    for token in ApiToken.objects.select_related("user").filter(revoked_at__isnull=True).order_by("created_at"):
        used = token.last_used_on.isoformat() if token.last_used_on else "never used"
        print(f"{token.prefix}\t{token.user.username}\t{token.name}\t{used}")
    return 0


def register_sign_in(subparsers) -> None:
    unlock = subparsers.add_parser("unlock", help="clear a user's failed sign-ins (lifts a lock-out); audited")
    unlock.add_argument("username")
    unlock.set_defaults(func=run_unlock)
    otp = subparsers.add_parser("otp", help="second factor of the demo users")
    commands = otp.add_subparsers(dest="otp_command", metavar="ACTION")
    commands.required = True
    code = commands.add_parser("code", help="print a DEMO user's current 6-digit code (refused for other users)")
    code.add_argument("username")
    code.set_defaults(func=run_otp_code)


def run_unlock(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.lockout import unlock

    def clear() -> int:
        cleared = unlock(command_line("unlock"), args.username)
        print(f"Unlocked {args.username}: {cleared} failed sign-in(s) cleared")
        return 0

    return _with_errors(clear)


def run_otp_code(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.second_factor import demo_code

    def show() -> int:
        print(demo_code(args.username))
        return 0

    return _with_errors(show)
