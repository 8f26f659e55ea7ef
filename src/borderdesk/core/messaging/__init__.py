"""Messages between officers of a post and calls to a supervisor: a message's text and a call's states. Plain
Python, no database.

Errors carry stable codes (:class:`MessageProblem`): ``body_required``, ``body_too_long``, ``nul_character``,
``call_closed``, ``call_already_answered``.
"""

from borderdesk.core.messaging.rules import (
    BODY_MAX,
    CallState,
    MessageProblem,
    answer_call,
    clean_body,
    close_call,
)

__all__ = ["BODY_MAX", "CallState", "MessageProblem", "answer_call", "clean_body", "close_call"]
