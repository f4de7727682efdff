"""A citizen service number (BSN): nine digits that pass the eleven-test.

What it does: finds nine-digit numbers (`111222333`, `1112.22.333`, `111 222 333`) whose
digits pass the BSN eleven-test (9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11). It is an
**error** when the word bsn, burgerservicenummer or sofinummer stands within a few words of
the number, or when the number is the value of a field with such a name; elsewhere it is a
**warning** with the same code, because one random nine-digit number in eleven passes the
test. The finding never repeats the number.

Why is this bad: a BSN identifies a person to every government service. An intervision case
is about a person; with their BSN it is about someone anyone can look up. Git history keeps
it even after the line is removed.

Example:

    The client (BSN 111222333) was moved to another team.

Use instead:

    The client was moved to another team.

A nine-digit number that is not a BSN (a file number) can stay with
`# kring: ignore[KR503]` or `<!-- kring: ignore[KR503] -->` on its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.BSN, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
