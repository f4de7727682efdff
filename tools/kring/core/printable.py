"""Text from the data made safe to print on a terminal or in a CI log (SPEC §7).

A value can hold any character a YAML escape builds: `"\\e[2J"` clears a screen, `"\\e]8;;…"`
draws a hyperlink that points elsewhere, a line break followed by `::error::` is a command
in a GitHub Actions log, and a bidirectional override makes a line read differently from
what it holds. Every output that a terminal or a log shows passes data through `escaped`,
which writes such a character as a visible escape (`\\x1b`, `\\n`, `\\u202e`) instead.
"""

from __future__ import annotations

import functools

# C0 controls (the tab, which only moves the cursor right, stays), DEL and the C1 controls
# (U+009B is a one-character CSI on some terminals), the Unicode line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates (CVE-2021-42574).
_SHORT = {0x0A: "\\n", 0x0D: "\\r"}
CONTROLS = frozenset(
    {
        *(c for c in range(0x20) if c != 0x09),
        *range(0x7F, 0xA0),
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    }
)


# A file name with a byte that is not UTF-8 reaches kring as a lone surrogate (Python's
# surrogateescape); written raw it is either an encoding error or a stray byte in the output.
SURROGATES = range(0xD800, 0xE000)


def _escape(code: int) -> str:
    if code in _SHORT:
        return _SHORT[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.cache
def _table(keep: str) -> dict[int, str]:
    kept = {ord(c) for c in keep}
    return {c: _escape(c) for c in (*CONTROLS, *SURROGATES) if c not in kept}


def escaped(text: str, keep: str = "") -> str:
    """`text` with every control character written as an escape, except those in `keep`
    (a whole output whose line breaks kring wrote itself keeps "\\n")."""
    return text.translate(_table(keep))


def escaped_line(text: str) -> str:
    """One line of a plain-text output: `escaped`, and never read as a workflow command.

    GitHub Actions reads a log line whose text starts with `::` as a command, indented or
    not; a value that starts a line of kring's output (an action's text in `kring due`)
    gets its first colon written as an escape.
    """
    line = escaped(text)
    stripped = line.lstrip()
    if stripped.startswith("::"):
        cut = len(line) - len(stripped)
        line = line[:cut] + "\\x3a" + stripped[1:]
    return line


def json_escaped(text: str) -> str:
    """JSON text with every control character (and lone surrogate) inside its strings as a
    `\\uXXXX` escape.

    `json.dumps(..., ensure_ascii=False)` escapes only U+0000–U+001F; DEL, the C1 controls
    and the separators would reach the terminal raw. The result decodes to the same data.
    """
    return text.translate(_JSON_TABLE)


# json.dumps already escapes U+0000–U+001F inside strings; outside them it writes only its
# own line breaks and indentation, which stay.
_JSON_TABLE = {c: f"\\u{c:04x}" for c in (*CONTROLS, *SURROGATES) if c >= 0x20}


def dumps(data: object, indent: int | None = 2) -> str:
    """`data` as JSON with readable non-ASCII text and no raw control character, newline-ended."""
    import json

    return json_escaped(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"
