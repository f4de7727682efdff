"""A network of the koepel that rests on one facilitator.

What it does: reports a network whose export counts one facilitator or none still taking
part (of the network and its regions together). This is KR401 seen from the koepel, from
the count alone: the export names nobody.

Why is this bad: a network that hangs on one person stops when that person changes jobs or
falls ill; nobody else knows the members, the agenda or the open follow-ups. A koepel can
do what a single network cannot: pair that network with another, or find a second
facilitator among the networks' members.

Example:

    # the network's export
    "facilitators": {"count": 1, "roles_per_facilitator": [3], ...}

Use instead:

    "facilitators": {"count": 2, "roles_per_facilitator": [2, 1], ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._koepel import at_network
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.koepel_model import Federation

RULE = Rule(Code.ONE_FACILITATOR, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    for published in federation.published:
        facts = published.facts
        if facts is None or facts.facilitators > 1:
            continue
        message = (
            T(
                "network '{id}' has only one facilitator still taking part",
                id=published.network.id,
            )
            if facts.facilitators == 1
            else T("network '{id}' has no facilitator still taking part", id=published.network.id)
        )
        yield RULE.at(
            at_network(published),
            message,
            T(
                "help the network find a second facilitator, and share the roles networker, "
                "process guide and chair"
            ),
        )
