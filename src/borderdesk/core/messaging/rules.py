from __future__ import annotations

from enum import StrEnum

BODY_MAX = 2_000


class MessageProblem(ValueError):
    def __init__(self, message: str, *, code: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


class CallState(StrEnum):
    """A call to a supervisor: open until one of them answers ("on my way"), closed when dealt with."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


def clean_body(text: str) -> str:
    """The text as sent, line ends unified and outer blank space trimmed; shown as text, never as HTML."""
    body = str(text or "").replace("\r\n", "\n").strip()
    if "\x00" in body:
        raise MessageProblem("The message holds a NUL character.", code="nul_character", field="body")
    if not body:
        raise MessageProblem("Write the message.", code="body_required", field="body")
    if len(body) > BODY_MAX:
        raise MessageProblem(
            f"A message is at most {BODY_MAX:,} characters; this one has {len(body):,}.",
            code="body_too_long",
            field="body",
        )
    return body


def answer_call(state: CallState) -> CallState:
    """A supervisor answers an open call; answering it again is refused (the first answer stands)."""
    if state is CallState.CLOSED:
        raise MessageProblem("This call is closed.", code="call_closed")
    if state is CallState.ANSWERED:
        raise MessageProblem("A supervisor has already answered this call.", code="call_already_answered")
    return CallState.ANSWERED


def close_call(state: CallState) -> CallState:
    if state is CallState.CLOSED:
        raise MessageProblem("This call is already closed.", code="call_closed")
    return CallState.CLOSED
