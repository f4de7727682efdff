"""A file that is not UTF-8, starts with a byte-order mark, or holds NUL bytes.

What it does: reads every file as strict UTF-8 and reports the first byte that is not, a
byte-order mark at the start, UTF-16, and NUL bytes (binary files); and a control character,
in the text or built by an escape in a quoted value (`"\\e[2J"`).

Why is this bad: an editor that saved the file as Latin-1 or Windows-1252 turns names such as
"Citroën" into garbage for everyone else, and the web view shows it wrongly. A control
character can clear a terminal or rewrite a CI log when the value is printed.

Example: a file saved as "Western (Windows 1252)" with `name: Zoë Citroën`.

Use instead: save the file as "UTF-8" (without BOM) in your editor; the git host's web
editor always does.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.ENCODING, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
