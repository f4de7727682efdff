"""A value whose meaning depends on the YAML version.

What it does: kring reads YAML 1.2, where `yes`, `no`, `on` and `off` are text and only
`true` and `false` are booleans, and where a bare number is a number. It reports a YAML 1.1
boolean word where a boolean is expected, and a bare number (or `true`) where text is
expected.

Why is this bad: other tools read the same file as YAML 1.1 and see something else: `no`
becomes false in one tool and the text "no" in another; a code like `0612` can lose its
leading zero.

Example:

    confidential: no
    title: 2026

Use instead:

    confidential: false
    title: "2026"
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.YAML11_SCALAR, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
