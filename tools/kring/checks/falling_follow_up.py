"""A network of the koepel whose follow-up rate is falling.

What it does: compares the follow-up rate of a network's last two years that have one (up to
the year of its export) and reports a fall of the koepel's `policy.follow_up_drop`
percentage points or more (10 unless set in `koepel.yaml`). The rate is the share of
intervision cases followed up, out of those followed up or overdue (kring report's
definition).

Why is this bad: intervision works when the owner of a case comes back at the next meeting
with what they did. When fewer and fewer follow-ups come back, intervision has turned into
talking about cases, and commitments quietly evaporate. A fall from one year to the next is
visible long before the rate itself looks bad.

Example:

    # the network's export: 90% in 2025, 60% in 2026
    "totals": [{"year": 2025, "follow_up_rate": 90, ...},
               {"year": 2026, "follow_up_rate": 60, ...}]

Use instead:

    "totals": [{"year": 2025, "follow_up_rate": 90, ...},
               {"year": 2026, "follow_up_rate": 85, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._koepel import at_network
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.koepel_model import Federation

RULE = Rule(Code.FALLING_FOLLOW_UP, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    drop = federation.koepel.policy["follow_up_drop"]
    for published in federation.published:
        facts = published.facts
        if facts is None:
            continue
        # Facts.totals is in year order, each year once, whatever the export's order
        rated = [
            (y.year, y.follow_up_rate)
            for y in facts.totals
            if y.year <= facts.today.year and y.follow_up_rate is not None
        ]
        if len(rated) < 2:
            continue
        (before, was), (after, now) = rated[-2:]
        if was - now >= drop:
            yield RULE.at(
                at_network(published),
                T(
                    "network '{id}': the follow-up rate fell from {was}% in {before} to {now}% "
                    "in {after}",
                    id=published.network.id,
                    was=was,
                    before=before,
                    now=now,
                    after=after,
                ),
                T(
                    "ask the network how cases are followed up: whether owners come back at the "
                    "next meeting, and whether the agenda asks them to"
                ),
            )
