"""Screenshots of each demo role's pages, for docs/screens/ (run by scripts/screens).

Loads the Utopia demo into a new SQLite database, serves it, signs in as every demo user (password, then the
authenticator's code from `borderdesk otp code`), opens every page the user's navigation offers at 1280 and 1024
pixels wide, runs axe-core (WCAG 2.2 AA) on each, and saves what the screen shows: each user's home page, and every
other page the first time a user reaches it. Prints one line per page and
exits 1 when axe finds a serious or critical problem anywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, accessibility_problems  # noqa: E402

BORDERDESK = str(ROOT / ".venv" / "bin" / "borderdesk")
WIDTHS = (1280, 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    parser.add_argument("--users", nargs="*", help="only these demo users")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="borderdesk-screens-") as data:
        env = {**os.environ, "BORDERDESK_DATA_DIR": data, "BORDERDESK_DATABASE_URL": ""}
        logins = demo_logins(env)
        port = free_port()
        server = subprocess.Popen(
            [BORDERDESK, "serve", "--port", str(port), "--workers", "1"], env=env, stdout=subprocess.DEVNULL
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/login/")
            return walk(f"http://127.0.0.1:{port}", logins, args, env)
        finally:
            server.terminate()
            server.wait(timeout=30)


def demo_logins(env) -> list[tuple[str, str]]:
    """(user, password) of every demo user, as `borderdesk demo --no-serve` prints them."""
    printed = subprocess.run(
        [BORDERDESK, "demo", "--no-serve"], env=env, check=True, capture_output=True, text=True
    ).stdout
    password = re.search(r"password for all: ([^)\s]+)", printed)
    users = re.findall(r"^\s+([a-z][a-z0-9]+)\s{2,}", printed, re.MULTILINE)
    if not users or not password:
        raise SystemExit(f"could not read the demo logins from:\n{printed}")
    return [(user, password.group(1)) for user in dict.fromkeys(users)]


def walk(base: str, logins, args, env) -> int:
    from playwright.sync_api import sync_playwright

    serious, shot = 0, set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for user, password in logins:
            if args.users and user not in args.users:
                continue
            context = browser.new_context(base_url=base, viewport={"width": WIDTHS[0], "height": 900})
            page = context.new_page()
            sign_in(page, user, password, env)
            pages = [("home", "/"), *nav_pages(page)]
            for name, url in pages:
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(url)
                    if url == "/" or (url, width) not in shot:  # a page many roles share is shown once
                        shot.add((url, width))
                        target = args.out / user / f"{name}-{width}.jpeg"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(target), type="jpeg", quality=55)
                    problems = accessibility_problems(page)
                    serious += len(problems)
                    print(f"{user:10} {width:5} {url:40} {'ok' if not problems else '; '.join(problems)}")
            context.close()
        browser.close()
    return 1 if serious else 0


def sign_in(page, user: str, password: str, env) -> None:
    page.goto("/login/")
    page.fill("#id_username", user)
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sign-in/code/"))
    code = subprocess.run([BORDERDESK, "otp", "code", user], env=env, check=True, capture_output=True, text=True)
    page.fill("#id_code", code.stdout.strip().split()[-1])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))


def nav_pages(page) -> list[tuple[str, str]]:
    """The pages the user's navigation offers (the administration site aside: it is Django's own)."""
    links = page.eval_on_selector_all(
        "header nav a[href^='/'], nav[aria-label] a[href^='/']", "as => as.map(a => [a.textContent, a.pathname])"
    )
    pages = {}
    for text, path in links:
        if path in ("/", "/logout/") or path.startswith("/admin"):
            continue
        pages.setdefault(path, re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-") or "page")
    return [(name, path) for path, name in pages.items()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


if __name__ == "__main__":
    raise SystemExit(main())
