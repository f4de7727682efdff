"""Anchors, aliases, tags, or documents past the size and depth limits.

What it does: refuses YAML anchors (`&name`), aliases (`*name`), explicit tags (`!!str`,
`!!python/object`, ...), nesting deeper than the limit, more values than the limit, and files
over the size limit (256 KiB by default, `max-file-kib` in `[tool.kring]`). The check runs on
the parser's events before any value is built.

Why is this bad: pull requests come from anyone. Aliases can multiply a small file into
gigabytes (the "billion laughs"), tags can ask a loader to run code, and deep nesting crashes
parsers. Network data needs none of them.

Example:

    attendees: &regulars [anna-de-vries, bram-jansen]
    apologies: *regulars

Use instead:

    attendees: [anna-de-vries, bram-jansen]
    apologies: [anna-de-vries, bram-jansen]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.UNSAFE_YAML, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
