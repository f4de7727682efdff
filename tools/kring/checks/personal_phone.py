"""A phone number anywhere in a data file.

What it does: looks through the whole text of every data file for Dutch mobile and landline
numbers (`06-12345678`, `06 1234 5678`, `020-1234567`, `0544-123456`, `(020) 123 45 67`),
the same with `+31` or `0031` (also `+31 (0)6 …`), and other international numbers starting
with `+`, with spaces, dashes, dots or slashes between the digits. Dates, times, years,
postcodes and ids are not phone numbers. The finding never repeats the number.

Why is this bad: contact details do not belong in the repository; git history keeps them
forever, and a pull request from a fork publishes them at once.

Example:

    Bram is reachable on 06-12345678 for questions.

Use instead:

    Bram answers questions after the meeting.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.PERSONAL_PHONE, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
