"""A bank account number (IBAN) with a valid checksum.

What it does: finds IBANs of any country, compact (`NL91ABNA0417164300`) or in groups of
four (`NL91 ABNA 0417 1643 00`), and reports those whose ISO 13616 mod-97 checksum is
valid, so that a reference or code that merely looks like one passes. The finding never
repeats the number.

Why is this bad: an account number is personal data that ties a person to their money;
git history keeps it forever.

Example:

    The family's rent is paid from NL91 ABNA 0417 1643 00.

Use instead:

    The family's rent is paid by the budget coach.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.IBAN, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
