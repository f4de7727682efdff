"""An open action past its due.

What it does: reports an action with `status: open` whose due has passed (SPEC §3): a dated
due before today, or `due: next-meeting` when the group's next meeting after the one that set
the action has taken place. It points at the action's entry and says how late it is.

Why is this bad: an action that nobody closes quietly evaporates. Either it was done and the
minutes do not say so, or it was not done and nobody asked. A warning (not an error), so that
a pull request that does not touch the action is never blocked by the calendar.

Example:

    actions:
      - id: convenant-gegevensdeling
        owner: marieke-jansen
        what: Ask the privacy officer about the covenant.
        due: next-meeting          # the next meeting was months ago
        status: open

Use instead:

    actions:
      - id: convenant-gegevensdeling
        owner: marieke-jansen
        what: Ask the privacy officer about the covenant.
        due: next-meeting
        status: done
        closed: 2026-06-11
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

RULE = Rule(Code.OVERDUE_ACTION, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for item in timeline.action_commitments(model, ctx.today):
        if not item.overdue:
            continue
        due = item.due
        facts = {
            "ref": item.ref,
            "owner": item.owner or "?",
            "date": due.date,
            "late": days(item.days_late),
        }
        message = (
            T(
                "action {ref} ({owner}) is overdue: due at the meeting of {date} ({meeting}), "
                "{late} ago",
                meeting=due.meeting.id,
                **facts,
            )
            if due.meeting is not None
            else T("action {ref} ({owner}) is overdue: due {date}, {late} ago", **facts)
        )
        yield RULE.at(
            item.source,
            message,
            T(
                "when it is done or dropped, set status: done (or dropped) and closed: <date>, "
                "or run 'kring close {ref}'; if it still stands, give it a new due date",
                ref=item.ref,
            ),
        )
