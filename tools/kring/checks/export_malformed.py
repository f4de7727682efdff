"""A network's export that is not what kring export writes.

What it does: reports a network whose `network/export.json` is not UTF-8, not JSON (a key
given twice, NaN and numbers past what JSON means count as not JSON), larger than 4 MiB, or
does not fit `schemas/export.schema.json` — a field missing, a count that is not a whole
number, a key the format does not have, a group or a year listed twice. The message names
the field, never its value.

Why is this bad: the export is the one thing a network shows the koepel, and the koepel
reads it as untrusted input from another repository. An export edited by hand, cut short or
merged badly would give wrong numbers beside the other networks, or carry text that does
not belong in it (the format has no place for names or free text, on purpose). So it is
refused as a whole, and the network is reported without numbers until it is written again.

Example:

    {"generated": "kring export", "version": 1, "today": "2026-11-25",
     "members": {"current": "twelve"}, ...}

Use instead:

    kring export --write    # in the network's repository, then commit network/export.json
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._koepel import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.koepel_model import Federation

RULE = Rule(Code.EXPORT_MALFORMED, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, federation)
