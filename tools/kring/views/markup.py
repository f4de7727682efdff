"""Safe Markdown for text that comes from the data (GitHub Flavored Markdown).

The one place where user text becomes Markdown, for every output that renders it: the
pull-request comment and summary, `kring due` and `kring agenda`, the pages of `kring
report`, `kring history`. Anything a pull request's author wrote may end up there, so user
text is escaped before it is rendered: no raw HTML (`<`, `>`, `&` become entities), no
Markdown markup (punctuation gets a backslash), no @mention that pings anyone and no #123
that links an issue (a word joiner after `@` and the `#` escaped), no table break, and no
line break or line-start marker that could start a heading or a list, and no control
character for the terminal that shows the output (written as an escape, `\\x1b`). Code
spans are fenced with one more backtick than the text holds. Text has its personal data
masked (kring.core.personal_data): a page never repeats what a privacy check finds (SPEC §7).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from kring.core.personal_data import mask
from kring.core.printable import escaped

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# The punctuation that starts markup inside a line (emphasis, links, images, code, tables,
# strikethrough, math, issue links); the line-start markers are escaped below.
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~!$]|#(?=[0-9]))")
_NEWLINES = re.compile(r"[\r\n\u2028\u2029]+")
_WHITESPACE = re.compile(r"\s+")
# At the start of a line these start a block: a heading, a list item, a setext underline;
# "1." an ordered list. Elsewhere '#' only matters before a number (an issue link).
_BLOCK_START = re.compile(r"^([#+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_WORD_JOINER = "\u2060"  # invisible; keeps GitHub from reading `@name` as a mention


def text(value: object, limit: int = 0) -> str:
    """User text as inert Markdown on one line, safe in a paragraph, heading or table cell;
    cut to `limit` characters (with an ellipsis) when a limit is given."""
    out = escaped(mask(_WHITESPACE.sub(" ", str(value)).strip()))
    if limit and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    out = "".join(_ENTITIES.get(c, c) for c in out)
    out = _PUNCTUATION.sub(r"\\\1", out)
    out = _BLOCK_START.sub(r"\\\1", out)
    out = _ORDERED.sub(r"\1\\\2", out)
    if out.startswith(":"):  # a line starting with '::' is a command in a CI log
        out = "\\" + out
    return out.replace("@", "@" + _WORD_JOINER)


def code(value: object) -> str:
    """User text as an inline code span: nothing inside a code span is markup, HTML or a
    mention (GFM §6.1), so only the fence needs care: longer than any backtick run inside."""
    out = escaped(_NEWLINES.sub(" ", str(value)))
    longest = max((len(run) for run in re.findall(r"`+", out)), default=0)
    fence = "`" * (longest + 1)
    if out.startswith("`") or out.endswith("`") or not out.strip():
        out = f" {out} "
    return f"{fence}{out}{fence}"


def fit(blocks: list[tuple[str, str]], limit: int, note: str) -> tuple[str, list[str]]:
    """Join `(section, text)` blocks while they fit in `limit` characters, keeping room for
    the closing note. Returns the text and, per section, how many blocks were left out
    (as labels "section (n)"), so the note can name what is missing."""
    room = limit - len(note) - 200
    out: list[str] = []
    used = 0
    left: dict[str, int] = {}
    for section, block in blocks:
        if left or used + len(block) > room:
            left[section] = left.get(section, 0) + 1
            continue
        out.append(block)
        used += len(block)
    labels = [f"{section} ({n})" for section, n in left.items()]
    return "".join(out), labels


def link(label: str, href: str) -> str:
    """A relative link; `label` must already be escaped Markdown."""
    # percent-encoded as a URL path; a file name byte that is not UTF-8 (surrogateescape)
    # becomes its own %XX, as git and the web view name that file
    target = quote(href, safe="/#.-_~", errors="surrogateescape")
    return f"[{label}]({target})"


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
