"""A member past their commitment who stopped coming.

What it does: reports a member who kept their attendance commitment (or has none) and then
missed the last `policy.drift_meetings` meetings of their groups that took place (3 unless
set; the policy of their first region, else of their first theme, else the network's; 0
switches the check off). Only meetings that list their attendees and are dated on or after
the member joined count. Apologies are reported, they do not excuse. A member still inside
their commitment, or who missed it (KR303), is not reported here; nor one who left. It
points at the member's `groups`.

Why is this bad: a network lives on the same people meeting again. Once the first
meetings are behind them, some members quietly stay away; nobody decided anything, and
after a few meetings they no longer belong. The Almere report advises to make clear that
regular attendance is required once a kenniskring runs ("regelmatige aanwezigheid een
vereiste", research/004_0e1b1fca02ef0560.txt, §4.2.1), and found that some members need
to be encouraged personally ("persoonlijk moeten worden aangemoedigd om te komen", §3.4.3).
`kring agenda` lists a drifting member under "Invite personally".

Example:

    # kept the three committed meetings, then missed June, September and October
    groups: [achterhoek]

Use instead: invite the member personally and ask what would make the meetings worth
their time; when they stopped, record it:

    groups: [achterhoek]
    left: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.practice import drift

RULE = Rule(Code.DRIFTING_MEMBER, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for member in model.members.values():
        found = drift(model, member, ctx.today)
        if found is None:
            continue
        missed = found.missed
        facts = {
            "member": member.id,
            "n": len(missed),
            "first": missed[0].id,
            "last": missed[-1].id,
        }
        message = (
            T(
                "{member} missed the last {n} meetings of their groups, from {first} to "
                "{last} (apologies for {apologised}); the last they attended was {attended}",
                apologised=found.apologised,
                attended=found.last_attended.id if found.last_attended else "-",
                **facts,
            )
            if found.apologised
            else T(
                "{member} missed the last {n} meetings of their groups, from {first} to "
                "{last}; the last they attended was {attended}",
                attended=found.last_attended.id if found.last_attended else "-",
                **facts,
            )
        )
        yield RULE.at(
            member.loc.key("groups"),
            message,
            T(
                "invite {member} personally for the next meeting and ask what would make it "
                "worth coming (kring agenda lists them); if they stopped, add left: <date>",
                member=member.id,
            ),
        )
