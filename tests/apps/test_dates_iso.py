"""Dates are entered as ISO 8601 everywhere: no template uses type="date", which Chromium shows in the format of
the browser's locale (mm/dd/yyyy in en-US); every date field is the shared _date_input.html. Dates Django formats
by itself (templates, the admin) are ISO too."""

import datetime
import re
from pathlib import Path

from django.template import Context, Template

import borderdesk

DATE_TYPE = re.compile(r"""type\s*=\s*["']?(date|datetime-local|month|week)\b""")


def test_no_template_has_a_locale_date_input():
    root = Path(borderdesk.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.html")
        if path.name != "_date_input.html"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if DATE_TYPE.search(line)
    ]
    assert found == []


def test_dates_django_formats_unasked_are_iso():
    rendered = Template("{{ d }} {{ t }}").render(
        Context({"d": datetime.date(2026, 3, 4), "t": datetime.datetime(2026, 3, 4, 5, 6)})
    )
    assert rendered == "2026-03-04 2026-03-04 05:06"
