"""A network's export in a newer format than this kring reads.

What it does: reports a network whose `network/export.json` says `"version"` is higher than
the export versions this kring knows (version 1). Such an export is not read at all.

Why is this bad: a network that updated kring may publish its facts in a newer shape, with
fields this kring does not know or that mean something else. Reading it anyway would put
numbers side by side that are not counted the same way. The koepel needs a kring at least as
new as the networks it reads; this is the one finding an older kring can give about it.

Example:

    # the network runs a newer kring
    {"generated": "kring export", "version": 2, ...}

Use instead:

    # in the koepel repository, install the kring the networks use
    python -m pip install --upgrade kring
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._koepel import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.koepel_model import Federation

RULE = Rule(Code.EXPORT_NEWER_VERSION, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, federation)
