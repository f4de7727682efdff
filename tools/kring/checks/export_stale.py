"""A network's export computed too long before today.

What it does: reports a network whose export was computed (its `today`) more than the
koepel's `policy.stale_days` before today (92 unless set in `koepel.yaml`: a network that
meets four times a year changes its data, and so publishes, at least once a quarter).

Why is this bad: an export holds the network's numbers as of its own day: what was overdue,
how many members there were, when the last evaluation took place. An old export makes a
lively network look idle and a stalled one look fine, beside networks whose facts are
fresh. The network's report workflow writes the export after every change; a network whose
data has not changed in months, or whose workflow fails, falls behind.

Example:

    # koepel today 2027-06-01; the network's export says
    {"generated": "kring export", "version": 1, "today": "2026-11-25", ...}

Use instead:

    kring export --write    # in the network's repository (or run its report workflow)
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.koepel_model import Federation

RULE = Rule(Code.EXPORT_STALE, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    limit = federation.koepel.policy["stale_days"]
    for published in federation.published:
        facts = published.facts
        if facts is None:
            continue
        age = (ctx.today - facts.today).days
        if age > limit:
            yield RULE.at(
                published.network.loc.at(
                    "path" if published.network.location.path is not None else "ref"
                ),
                T(
                    "network '{id}': its export is of {date}, {days} days old (the koepel "
                    "allows {limit})",
                    id=published.network.id,
                    date=facts.today,
                    days=age,
                    limit=limit,
                ),
                T(
                    "ask the network to run its report workflow or kring export --write and "
                    "commit network/export.json"
                ),
            )
