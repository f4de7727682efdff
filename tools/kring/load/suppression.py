"""Suppression comments (SPEC §5), read from a file's raw text: comments are not YAML values.

The forms, each naming one or more codes (comma-separated):

    name: Helpdesk  # kring: ignore[KR501]        a YAML line: this line
    # kring: ignore[KR501]                        alone on a line: the next line with content
    # kring: ignore-file[KR503]                   anywhere in a YAML file or front matter
    text <!-- kring: ignore[KR501] -->            a Markdown line (alone: the next line)
    <!-- kring: ignore-file[KR502, KR503] -->     anywhere in a Markdown file

The YAML form counts in .yaml files and in a Markdown file's front matter; the HTML form in a
Markdown file's body, where a line starting with '#' is a heading. A suppression covers
findings that start on its target line. This module only reads them (file-local, cacheable);
the check runner (`checks/runner.py`) matches them against the findings after every check ran.
A suppression without a code, or with something that is not a code, is a KR902 problem here.
"""

from __future__ import annotations

import re

from kring.core.codes import Code
from kring.core.findings import Problem, Source, Suppression
from kring.core.i18n import T

# Bounded repeats keep a hostile line (thousands of unclosed '<!--') linear.
# Kept as text for re to compile on first use (and cache): the model imports this module for
# Suppression on every run, but a warm run takes suppressions from the cache and parses none.
_YAML = r"(?:^|(?<=\s))#[ \t]*kring[ \t]*:[ \t]*(?P<what>ignore-file|ignore)(?P<rest>[^#]{0,300})"
_HTML = r"<!--[ \t]*kring[ \t]*:[ \t]*(?P<what>ignore-file|ignore)(?P<rest>[^<>]{0,300}?)-->"
_CODES = r"[ \t]*\[(?P<codes>[^\]]{0,300})\][ \t]*"
_CODE = r"KR[0-9]{3}"


def parse(
    path: str, text: str, *, markdown: bool, body_line: int = 1
) -> tuple[tuple[Suppression, ...], list[Problem]]:
    """The suppressions in `text`, and KR902 problems for those that name no code.

    For a Markdown file `body_line` is the body's first line: lines before it are front
    matter (the YAML form), lines from it on are body (the HTML form).
    """
    if "kring" not in text:
        return (), []  # nearly every file: no line to split and look at
    lines = text.split("\n")
    found: list[tuple[Suppression, bool]] = []  # (suppression, alone on its line)
    problems: list[Problem] = []
    for index, line in enumerate(lines):
        number = index + 1
        if "kring" not in line:
            continue
        html = markdown and number >= body_line
        pattern = _HTML if html else _YAML
        for match in re.finditer(pattern, line):
            column = match.start() + 1
            codes = _codes(match["rest"])
            if codes is None:
                problems.append(_invalid(path, number, column, match["what"]))
                continue
            whole_file = match["what"] == "ignore-file"
            alone = not line[: match.start()].strip()
            if html:
                alone = alone and not line[match.end() :].strip()
            target = None if whole_file else number
            found.append((Suppression(number, column, codes, target), alone))
    return tuple(_retarget(found, lines)), problems


def _codes(rest: str) -> tuple[str, ...] | None:
    """The codes in '[KR501, KR502]', or None when there are none or one is no code."""
    match = re.fullmatch(_CODES, rest)
    if match is None:
        return None
    codes = tuple(c.strip().upper() for c in match["codes"].split(","))
    if not codes or not all(re.fullmatch(_CODE, c) for c in codes):
        return None
    return codes


def _retarget(found: list[tuple[Suppression, bool]], lines: list[str]) -> list[Suppression]:
    """A suppression alone on its line covers the next line that has content of its own."""
    if not any(alone for _, alone in found):
        return [s for s, _ in found]
    comment_only = {s.line for s, alone in found if alone}
    # next_content[n] is the first line at or after line n that is neither blank nor a
    # suppression alone on its line (len(lines) + 1 when there is none); one pass backwards.
    next_content = [0] * (len(lines) + 2)
    next_content[len(lines) + 1] = len(lines) + 1
    for number in range(len(lines), 0, -1):
        skip = number in comment_only or not lines[number - 1].strip()
        next_content[number] = next_content[number + 1] if skip else number
    out = []
    for suppression, alone in found:
        if alone and suppression.target is not None:
            target = next_content[suppression.line + 1]
            suppression = Suppression(
                suppression.line, suppression.column, suppression.codes, target
            )
        out.append(suppression)
    return out


def _invalid(path: str, line: int, column: int, what: str) -> Problem:
    return Problem(
        Code.INVALID_SUPPRESSION,
        Source(path, line, column),
        T("'kring: {what}' without a code suppresses nothing", what=what),
        T(
            "name the code to suppress, like 'kring: {what}[KR501]'; several are comma-separated",
            what=what,
        ),
    )
