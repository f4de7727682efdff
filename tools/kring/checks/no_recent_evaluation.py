"""A network of the koepel without a recent evaluation.

What it does: reports a network whose export shows no meeting of `kind: evaluation` (in any
of its groups) within its own `policy.evaluation_months` before the koepel's today. A
network whose first meeting is more recent than that is not asked yet. This is KR406 seen
from the koepel: the same rule, on the network's published facts and the koepel's date.

Why is this bad: a network that never looks back with its members keeps doing what it did,
also when the members stopped getting anything out of it. Across a koepel this is the
clearest sign of which networks need a visit from the coordinator, and which network could
show the others how it evaluates.

Example:

    # the network's export, as read on 2027-06-01 (evaluation_months: 12)
    "policy": {"evaluation_months": 12, ...},
    "network": {"last_evaluation": "2025-11-12", ...}

Use instead:

    # the network holds and records an evaluation meeting
    "network": {"last_evaluation": "2026-11-12", ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._koepel import at_network
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.koepel_model import Federation
from kring.core.timeline import add_months

RULE = Rule(Code.NO_RECENT_EVALUATION, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    for published in federation.published:
        facts = published.facts
        if facts is None or facts.first_meeting is None:
            continue
        months = facts.policy["evaluation_months"]  # the export schema requires it
        since = add_months(ctx.today, -months)
        if facts.first_meeting >= since:
            continue  # a network younger than its evaluation period
        last = facts.last_evaluation
        if last is not None and last >= since:
            continue
        message = (
            T(
                "network '{id}' held no evaluation in the last {months} months; the last was "
                "on {date}",
                id=published.network.id,
                months=months,
                date=last,
            )
            if last is not None
            else T(
                "network '{id}' held no evaluation in the last {months} months, nor ever before",
                id=published.network.id,
                months=months,
            )
        )
        yield RULE.at(
            at_network(published),
            message,
            T(
                "ask the network's facilitators to plan an evaluation meeting with the members "
                "(kind: evaluation)"
            ),
        )
