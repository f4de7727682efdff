"""Safe Markdown for text that comes from the data (GitHub Flavored Markdown).

Anything a pull request's author wrote may end up in a comment the bot posts, so user text
is escaped before it is rendered: no raw HTML (`<`, `>`, `&` become entities), no Markdown
markup (punctuation gets a backslash), no @mention that pings anyone and no #123 that links
an issue (a zero-width joiner after `@` and the `#` escaped), and no line break that could
start a heading or a list. Code spans are fenced with one more backtick than the text holds.
"""

from __future__ import annotations

import re

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# The punctuation that starts markup inside a line (emphasis, links, images, code, tables,
# strikethrough, math, issue links); text is always placed after a list marker or a label,
# so the line-start markers (`-`, `+`, `1.`, `>`) cannot take effect.
_PUNCTUATION = re.compile(r"([\\`*_\[\]#|~!$])")
_NEWLINES = re.compile(r"[\r\n\u2028\u2029]+")
_WORD_JOINER = "\u2060"  # invisible; keeps GitHub from reading `@name` as a mention


def text(value: object) -> str:
    """User text as inert Markdown on one line."""
    out = _NEWLINES.sub(" ", str(value))
    out = "".join(_ENTITIES.get(c, c) for c in out)
    out = _PUNCTUATION.sub(r"\\\1", out)
    return out.replace("@", "@" + _WORD_JOINER)


def code(value: object) -> str:
    """User text as an inline code span: nothing inside a code span is markup, HTML or a
    mention (GFM §6.1), so only the fence needs care: longer than any backtick run inside."""
    out = _NEWLINES.sub(" ", str(value))
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
