"""A member who attended fewer meetings than committed.

What it does: reports a member whose attendance commitment has been missed (SPEC §3). The
commitment `{meetings: N, from: D}` — by default policy.commitment_meetings from `joined` —
covers the first N meetings of the member's groups dated on or after D; it is missed once all
N have taken place and the member attended fewer. Apologies are reported, they do not excuse.
A member who has left owes nothing. It points at `commitment`, or at `joined` when the
member file relies on the default.

Why is this bad: a network lives on the same people meeting again. A new member who misses
the first meetings rarely finds their way in; the facilitator should notice and ask.

Example:

    joined: 2025-09-01
    commitment:
      meetings: 3
      from: 2025-09-01       # attended one of the first three meetings

Use instead: talk with the member, and record what was agreed:

    joined: 2025-09-01
    commitment:
      meetings: 3
      from: 2026-06-01       # a fresh start, agreed at the evaluation
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core import timeline
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.phrases import days

RULE = Rule(Code.MISSED_COMMITMENT, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for member in model.all_members:
        item = timeline.attendance_commitment(model, member, ctx.today)
        if item is None or not item.overdue or item.coverage is None:
            continue
        coverage = item.coverage
        last = coverage.meetings[-1]
        facts = {
            "member": member.id,
            "attended": coverage.attended,
            "required": coverage.required,
            "start": coverage.start,
            "meeting": last.id,
            "late": days(item.days_late),
        }
        # Apologies are reported, they do not excuse (SPEC §3).
        message = (
            T(
                "{member} attended {attended} of the {required} meetings committed to from "
                "{start} (apologies for {apologised}); the last of them was {meeting}, "
                "{late} ago",
                apologised=coverage.apologised,
                **facts,
            )
            if coverage.apologised
            else T(
                "{member} attended {attended} of the {required} meetings committed to from "
                "{start}; the last of them was {meeting}, {late} ago",
                **facts,
            )
        )
        hint = (
            T(
                "talk with {member}; then correct the attendees if they were there, add "
                "left: <date> if they left, or record a new agreement here as "
                "commitment: {{meetings: N, from: <date>}}",
                member=member.id,
            )
            if coverage.explicit
            else T(
                "talk with {member}; then correct the attendees if they were there, add "
                "left: <date> if they left, or record a new agreement below joined as "
                "commitment: {{meetings: N, from: <date>}} (the policy default is "
                "{required} from joined)",
                member=member.id,
                required=coverage.required,
            )
        )
        yield RULE.at(item.source, message, hint)
