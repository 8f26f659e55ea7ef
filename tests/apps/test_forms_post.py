"""A form that HTMX posts must also post without HTMX: submitted before htmx.js has bound it (a fast Enter after
a swap), a form with no method is sent as GET, and its CSRF token and personal data land in the address bar, the
browser history and the server's access logs."""

import re
from pathlib import Path

import borderdesk

FORM = re.compile(r"<form\b[^>]*>", re.S)


def test_every_htmx_form_declares_method_post():
    root = Path(borderdesk.__file__).parent
    unsafe = [
        f"{path.relative_to(root)}: {tag[:80]}"
        for path in root.rglob("*.html")
        for tag in FORM.findall(path.read_text())
        if "hx-post" in tag and 'method="post"' not in tag
    ]
    assert unsafe == []
