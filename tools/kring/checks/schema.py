"""A value that breaks the JSON Schema of its kind.

What it does: validates every file against `schemas/<kind>.schema.json` and reports each
problem at the value's own line and column: a missing required key at its mapping, an
unknown key (with a "did you mean"), a wrong type, a value outside its list, a date that does
not exist (2025-02-30) or a date and time where a date is expected.

Why is this bad: a misspelt key such as `atendees` is otherwise ignored without a word, and
the meeting looks as if nobody came.

Example:

    date: 2026-03-12
    group: achterhoek
    atendees: [anna-de-vries]

Use instead:

    date: 2026-03-12
    group: achterhoek
    attendees: [anna-de-vries]

Keys of your own go under a name that starts with `x-`.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.SCHEMA, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
