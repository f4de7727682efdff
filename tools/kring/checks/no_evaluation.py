"""No evaluation meeting within policy.evaluation_months.

What it does: reports a network that has held no meeting of `kind: evaluation` (in any
region or theme) in the `policy.evaluation_months` before today (the network's policy; 12
unless set). A network younger than that — its first meeting less than
`evaluation_months` ago — is not reported yet.

Why is this bad: without a moment to look back together, a network keeps doing what it
did, even when members quietly stop getting anything out of it. An evaluation asks the
members what the network brings them, whether the themes still fit, and whether the roles
are well divided — and it is when the network can still change course. Plan an evaluation
meeting with the members.

Example:

    # the last meeting with kind: evaluation was more than 12 months ago
    kind: regional

Use instead:

    # network/meetings/2026/2026-11-12-achterhoek.md
    kind: evaluation
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._health import policy_source
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.timeline import add_months, has_taken_place, policy

RULE = Rule(Code.NO_EVALUATION, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    network = model.network
    if network is None or network.broken:
        return
    months = policy(model, None, "evaluation_months")
    since = add_months(ctx.today, -months)
    held = [m for m in model.all_meetings if not m.broken and has_taken_place(m, ctx.today)]
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
