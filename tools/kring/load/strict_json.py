"""JSON from elsewhere, read strictly: the koepel's exports and the bot's artifact.

Python's json module takes a key given twice (the last one wins, so two readers of one file
may see two values) and NaN or Infinity (which are no JSON numbers, RFC 8259 §6). Data from
another repository or another workflow gets neither: `loads` refuses both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from kring.core.i18n import T, Text


class Refused(ValueError):
    """JSON that parses but that kring does not take; `reason` says why in kring's words
    (the key itself is not quoted: it comes from elsewhere)."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.msgid)
        self.reason = reason


def loads(text: str) -> Any:
    """The value of `text`; Refused for a key given twice in one object or NaN or Infinity,
    json.JSONDecodeError for text that is no JSON, ValueError or RecursionError for JSON
    nested too deep or a number too long."""
    return json.loads(text, object_pairs_hook=_no_twice, parse_constant=_no_constant)


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise Refused(T("it gives a key twice in one object"))
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise Refused(T("it holds NaN or Infinity, which are not JSON numbers"))


# A JSON string. JSON has no raw line break inside a string (RFC 8259 §7), so every string
# stands on one line, and outside strings there is no quote or backslash: read from the start
# of a line, the matches are the line's strings in order.
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def escaped_strings(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(line, column, end column, decoded value) of every string in the JSON `text` that an
    escape makes read otherwise than it is written (`"jan\\u0040example.nl"`), 1-based: what
    a reader of the JSON gets is what the privacy and control-character checks must see."""
    for number, line in enumerate(text.split("\n"), start=1):
        if "\\" not in line:
            continue
        for found in _STRING.finditer(line):
            if "\\" not in found.group():
                continue
            try:
                value = json.loads(found.group())
            except ValueError:
                continue  # an escape JSON does not have: no JSON, which the reader refuses
            if isinstance(value, str):
                yield number, found.start() + 1, found.end() + 1, value
