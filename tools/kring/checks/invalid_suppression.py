"""A suppression comment that names no code, or names a code that is no check.

What it does: reports `# kring: ignore` and `<!-- kring: ignore -->` without a code in
brackets (a blanket suppression), brackets that hold something other than codes such as
`KR501`, and codes that no check has. Such a comment suppresses nothing.

Why is this bad: a blanket suppression would hide every present and future finding on its
line, including personal data; a misspelt code hides nothing while looking as if it does.

Example:

    name: Helpdesk Zutphen  # kring: ignore

Use instead:

    name: Helpdesk Zutphen  # kring: ignore[KR501]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.INVALID_SUPPRESSION, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # Bare and malformed comments are found while reading the file; a well-formed code that
    # kring does not have is found by the runner's suppression pass (checks/runner.py).
    return surface(RULE, model)
