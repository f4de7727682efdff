"""A mapping key given twice.

What it does: reports a key that appears twice in the same mapping, with both lines.

Why is this bad: YAML parsers silently keep only the last value, so half of what was written
disappears: the first list of attendees, or an earlier action, is lost without a word.

Example:

    attendees: [anna-de-vries]
    topic: Wijkteams
    attendees: [bram-jansen]

Use instead:

    attendees: [anna-de-vries, bram-jansen]
    topic: Wijkteams
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.DUPLICATE_KEY, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
