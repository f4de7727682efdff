"""An intervision case whose follow-up is overdue.

What it does: reports an open case without `follow_up` whose intention has fallen due
(SPEC §3): a dated due before today, or `due: next-meeting` when the meeting at which the
owner should report back has taken place. That meeting is the group's next one at which the
owner was present; when the owner was absent it slides to the following meeting, at most
`policy.follow_up_carry` times. It points at the case's intention and says how late it is.
Only the case's id, owner and dates appear in the message, never its text.

Why is this bad: the follow-up is where intervision pays off — the owner tells what they
did and what they learned. A follow-up that is never asked for is lost for the whole group.

Example:

    intention:
      what: Organise a round-table conversation with the school and the family.
      due: next-meeting            # that meeting has taken place
    status: open

Use instead:

    intention:
      what: Organise a round-table conversation with the school and the family.
      due: next-meeting
    follow_up:
      reported_at: 2026-10-08-achterhoek
      done: Held the round-table with an interpreter.
    status: followed-up
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

RULE = Rule(Code.OVERDUE_FOLLOW_UP, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for case in model.all_cases:
        item = timeline.intention_commitment(model, case, ctx.today)
        if item is None or not item.overdue:
            continue
        due = item.due
        facts = {
            "case": case.id,
            "owner": item.owner or "?",
            "date": due.date,
            "late": days(item.days_late),
        }
        if due.meeting is None:
            message = T(
                "the follow-up of case {case} ({owner}) is overdue: due {date}, {late} ago",
                **facts,
            )
        elif due.slid:
            message = T(
                "the follow-up of case {case} ({owner}) is overdue: due at the meeting of "
                "{date} ({meeting}) after sliding past {slid}, where the owner was absent; "
                "{late} ago",
                meeting=due.meeting.id,
                slid=", ".join(m.id for m in due.slid),
                **facts,
            )
        else:
            message = T(
                "the follow-up of case {case} ({owner}) is overdue: due at the meeting of "
                "{date} ({meeting}), {late} ago",
                meeting=due.meeting.id,
                **facts,
            )
        yield RULE.at(
            item.source,
            message,
            T(
                "add follow_up: {{reported_at: <meeting-id>, done: …}} and status: followed-up "
                "(or run 'kring follow-up {case}'); if it will not happen, set status: dropped "
                "with a reason",
                case=case.id,
            ),
        )
