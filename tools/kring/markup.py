"""Markdown that the git host's web view renders, built from text people wrote.

User text (names, topics, titles) goes through `text()` before it lands in a generated page,
so a `|` cannot break a table, a `<script>` or `<!--` cannot become HTML, and `[x](y)`
cannot become a link. Generated pages are read by members who never see the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_WHITESPACE = re.compile(r"\s+")
# CommonMark's backslash escapes for the characters that start inline syntax.
_INLINE = re.compile(r"([\\`*_\[\]|~#!])")


def text(value: object, limit: int = 0) -> str:
    """Plain text, safe inside a paragraph, a heading or a table cell."""
    flat = _WHITESPACE.sub(" ", str(value)).strip()
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", flat)


def code(value: str) -> str:
    """An inline code span for an id or a path (ids are slugs, so no backticks inside)."""
    return "`" + value.replace("`", "'") + "`"


def link(label: str, href: str) -> str:
    """A relative link; `label` must already be escaped Markdown."""
    return f"[{label}]({href.replace(' ', '%20').replace(')', '%29')})"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A GitHub-flavoured table; `align` has an "l" or "r" per column (numbers go right)."""
    if len(align) > len(headers):
        raise ValueError("more alignments than columns")
    align = align.ljust(len(headers), "l")
    rule = ["--:" if a == "r" else "---" for a in align]
    lines = [_row(headers), _row(rule)]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
