"""The JSON object a calculator command reads from a file or standard input, or a clear ``JsonInputError``."""

from __future__ import annotations

import json
import sys


class JsonInputError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def read_json(path: str | None) -> object:
    """The parsed input of ``path`` (standard input for None or ``-``): ``cannot_read`` or ``malformed_input``."""
    try:
        if path is None or path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise JsonInputError("cannot_read", f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise JsonInputError("malformed_input", f"the input is not UTF-8 text ({exc.reason})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            "malformed_input", f"the input is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except ValueError as exc:  # an integer of more than 4,300 digits, which Python refuses to read
        raise JsonInputError("malformed_input", f"the input cannot be read: {exc}") from exc
    except RecursionError:
        raise JsonInputError("malformed_input", "the input is nested too deeply to read") from None
