"""No evaluation meeting within policy.evaluation_months, for the network or a group.

What it does: reports a network that has held no meeting of `kind: evaluation` (in any
region or theme) in the `policy.evaluation_months` before today (the network's policy; 12
unless set); a network younger than that — its first meeting less than
`evaluation_months` ago — is not reported yet. It reports each region the same way, with
the region's own meetings and its own `evaluation_months` (the network's unless the region
sets it), and a theme that sets `policy.evaluation_months` itself. A starting group — one
that never evaluated — is reported once its first `policy.commitment_meetings` meetings
(the commitment period) and the meeting after them have taken place without an
evaluation: the evaluation belongs at the end of the commitment period.

Why is this bad: without a moment to look back together, a network keeps doing what it
did, even when members quietly stop getting anything out of it. An evaluation asks the
members what the network brings them, whether the themes still fit, and whether the roles
are well divided — and it is when the network can still change course. The Almere report
recommends to evaluate regularly ("evalueer regelmatig", research/004_0e1b1fca02ef0560.txt,
summary), and its kenniskring asked a commitment for three meetings "en die vervolgens te
evalueren" (§2.1.2): each platform has its own members, so each evaluates its own
meetings. `kring agenda` proposes `kind: evaluation` when one is due.

Example:

    # network/regions/liemers.yaml: the last Liemers evaluation was 14 months ago
    name: Liemers

Use instead:

    # network/meetings/2026/2026-10-15-liemers.md
    kind: evaluation
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._health import policy_source
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Loc, Model
from kring.core.practice import evaluated_groups, overdue_evaluation
from kring.core.timeline import add_months, has_taken_place, policy

RULE = Rule(Code.NO_EVALUATION, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    yield from _network(model, ctx)
    for group in evaluated_groups(model):
        due = overdue_evaluation(model, group, ctx.today)
        if due is None:
            continue
        record = model.regions.get(group) or model.themes.get(group)
        assert record is not None  # evaluated_groups names regions and themes only
        loc: Loc = record.loc
        name = record.name or group
        if due.starting:
            message = T(
                "{group} held {held} meetings without an evaluation: a starting group "
                "evaluates once its first {n} meetings, the commitment period, are over",
                group=name,
                held=due.held,
                n=due.commitment,
            )
        elif due.last is not None:
            message = T(
                "{group} held no evaluation meeting in the last {months} months; the last "
                "was on {date}",
                group=name,
                months=due.months,
                date=due.last.date,
            )
        else:
            message = T(
                "{group} held no evaluation meeting in the last {months} months, nor ever before",
                group=name,
                months=due.months,
            )
        yield RULE.at(
            policy_source(loc, "evaluation_months"),
            message,
            T(
                "plan a meeting of {group} with kind: evaluation (kring agenda {id} proposes "
                "one) to ask the members what the platform brings them and under which "
                "conditions they go on; the policy asks one every {months} months",
                group=name,
                id=group,
                months=due.months,
            ),
        )


def _network(model: Model, ctx: Context) -> Iterator[Finding]:
    network = model.network
    if network is None or network.broken:
        return
    months = policy(model, None, "evaluation_months")
    since = add_months(ctx.today, -months)
    held = [m for m in model.meetings.values() if not m.broken and has_taken_place(m, ctx.today)]
    first = min((m.date for m in held if m.date), default=None)
    if first is None or first >= since:
        return  # no meeting yet, or a network younger than the evaluation period
    last = max((m.date for m in held if m.kind == "evaluation" and m.date), default=None)
    if last is not None and last >= since:
        return
    message = (
        T(
            "no evaluation meeting in the last {months} months; the last was on {date}",
            months=months,
            date=last,
        )
        if last is not None
        else T("no evaluation meeting in the last {months} months, nor ever before", months=months)
    )
    yield RULE.at(
        policy_source(network.loc, "evaluation_months"),
        message,
        T(
            "plan a meeting with kind: evaluation to look back with the members on what the "
            "network brings them; the policy asks one every {months} months",
            months=months,
        ),
    )
