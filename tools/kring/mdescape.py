"""Text from the data, made inert in Markdown that a git host renders.

User text must not become markup: no raw HTML, no links or images, no table breaks, and no
@mentions that ping someone (GitHub Flavored Markdown, https://github.github.com/gfm/).
"""

from __future__ import annotations

import re

# Any ASCII punctuation may be backslash-escaped in CommonMark (§2.4); only the characters
# that start inline markup anywhere on a line are, so that the source stays readable.
_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")
# At the start of a line these start a block (heading, list, quote, thematic break).
_BLOCK_START = re.compile(r"^([#+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def inline(text: str) -> str:
    """One line of inert Markdown: escaped, entities for & and @, newlines as spaces."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(r"\\\1", text)
    text = _ORDERED.sub(r"\1\\\2", text)  # "1. text" would start an ordered list
    return text.replace("@", "&#64;")
