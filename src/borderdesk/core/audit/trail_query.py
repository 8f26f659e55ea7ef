"""What an auditor asks of the trail: the filters and the page position read from a page's query string.

Every value comes from the address bar, so each is checked here: a malformed or oversized value is a
``TrailQueryError`` with a stable code naming the field, never a database error or a scan of the whole trail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date

from borderdesk.core.audit.actions import CONTEXT_LABELS, AuditAction

PAGE_SIZE = 50
MAX_SEQ = 2**63 - 1  # the largest sequence number a 64-bit column holds
MAX_VALUE_CHARS = 150  # a user name's length; no filter needs more
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_POST_CODE = re.compile(r"[A-Z0-9]{1,10}")
_FILTERS = ("person", "officer", "post", "action", "purpose", "since", "until")


class TrailQueryError(ValueError):
    def __init__(self, code: str, message: str, field: str):
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass(frozen=True)
class TrailQuery:
    person: int | None = None  # a traveller's record number
    officer: str = ""  # the user name that acted or read
    post: str = ""
    action: str = ""  # changes: one action's value, or a context's name for all its actions
    purpose: str = ""  # reads: words the stated purpose contains
    since: date | None = None  # whole days, UTC
    until: date | None = None
    before: int | None = None  # the page: events older than this sequence number
    after: int | None = None  # or newer than this one

    def filters(self) -> dict[str, str]:
        """The filters as query parameters (without the page position): for links, the export, its record."""
        return {
            name: str(value) for name, value in asdict(self).items() if name in _FILTERS and value not in (None, "")
        }

    @property
    def actions(self) -> tuple[AuditAction, ...]:
        """The actions the action filter stands for (empty: every action)."""
        if not self.action:
            return ()
        if self.action in CONTEXT_LABELS:
            return tuple(a for a in AuditAction if a.context == self.action)
        return (AuditAction(self.action),)


def parse_trail_query(params: Mapping[str, str]) -> TrailQuery:
    """A ``TrailQuery`` from query parameters (unknown ones ignored), or a ``TrailQueryError``."""
    raw = {field.name: _text(params, field.name) for field in fields(TrailQuery)}
    query = TrailQuery(
        person=_number(raw["person"], "person", "invalid_person", "a traveller's record number"),
        officer=raw["officer"],
        post=_post(raw["post"]),
        action=_action(raw["action"]),
        purpose=raw["purpose"],
        since=_date(raw["since"], "since"),
        until=_date(raw["until"], "until"),
        before=_number(raw["before"], "before", "invalid_page", "an event's sequence number"),
        after=_number(raw["after"], "after", "invalid_page", "an event's sequence number"),
    )
    if query.since and query.until and query.since > query.until:
        raise TrailQueryError("date_range_reversed", "The start date is after the end date.", "since")
    if query.before is not None and query.after is not None:
        raise TrailQueryError("invalid_page", "Ask for older or newer events, not both.", "before")
    return query


def _text(params: Mapping[str, str], name: str) -> str:
    value = params.get(name)
    value = "" if value is None else str(value).strip()
    if len(value) > MAX_VALUE_CHARS:
        raise TrailQueryError("value_too_long", f"{name} is longer than {MAX_VALUE_CHARS} characters.", name)
    if any(ord(char) < 32 for char in value):
        raise TrailQueryError("invalid_character", f"{name} contains a control character.", name)
    return value


def _number(value: str, field: str, code: str, what: str) -> int | None:
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_SEQ:
        raise TrailQueryError(code, f"{field} must be {what} (a whole number above 0), not {value[:40]!r}.", field)
    return int(value)


def _post(value: str) -> str:
    value = value.upper()
    if value and not _POST_CODE.fullmatch(value):
        raise TrailQueryError("invalid_post", f"{value[:40]!r} is not a post code.", "post")
    return value


def _action(value: str) -> str:
    if value and value not in CONTEXT_LABELS and value not in set(AuditAction):
        raise TrailQueryError("unknown_action", f"No action is named {value[:60]!r}.", "action")
    return value


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise TrailQueryError(
            "invalid_date", f"{field} must be a date as YYYY-MM-DD, not {value[:40]!r}.", field
        ) from None
