"""`borderdesk createuser`."""

from __future__ import annotations

import getpass
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("createuser", help="create a user with roles and posts")
    parser.add_argument("username")
    parser.add_argument("--role", action="append", default=[], help="a role (repeatable), e.g. border_officer")
    parser.add_argument("--post", action="append", default=[], help="a post code (repeatable), e.g. UCX")
    parser.add_argument("--all-posts", action="store_true", help="headquarters staff: every post")
    parser.add_argument("--first-name", default="")
    parser.add_argument("--last-name", default="")
    parser.add_argument("--email", default="")
    parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    parser.set_defaults(func=run_createuser)


def run_createuser(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.services import create_user
    from borderdesk.apps.common.errors import BorderdeskError

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password again: "):
            print("error [passwords_differ]: the two passwords differ", file=sys.stderr)
            return 2
    try:
        user = create_user(
            None, username=args.username, password=password, roles=args.role, posts=args.post,
            first_name=args.first_name, last_name=args.last_name, email=args.email, all_posts=args.all_posts,
        )
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    print(f"Created {user.username} with roles {', '.join(sorted(r.value for r in user.roles)) or '(none)'}")
    return 0
