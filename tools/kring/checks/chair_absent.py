"""The chair of a meeting that took place is not among its attendees.

What it does: reports a meeting dated before today (SPEC §3) whose `chair` is not in its
`attendees`, at the `chair:` line. A meeting without attendees is KR205's finding, and an
`attendees` field that cannot be read is KR101's: neither is reported again here.

Why is this bad: the chair led the meeting, so either the attendees miss a name — and with
it an attendance that counts for a commitment — or the chair is the one who was planned,
not the one who stood in. The minutes then credit the wrong person with leading the round.

Example:

    chair: anna-de-vries
    attendees: [marieke-jansen, joost-hendriks]

Use instead:

    chair: anna-de-vries
    attendees: [anna-de-vries, marieke-jansen, joost-hendriks]

or, when someone stood in, `chair: marieke-jansen`.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core import timeline
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model

RULE = Rule(Code.CHAIR_ABSENT, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for meeting in model.meetings.values():
        chair = meeting.chair
        if (
            chair is None
            or meeting.broken
            or not meeting.attendees
            or "attendees" in meeting.unreadable
            or chair in meeting.attendees
            or chair not in model.members  # an unknown id: KR201 names it
            or not timeline.has_taken_place(meeting, ctx.today)
        ):
            continue
        yield RULE.at(
            meeting.loc.at("chair"),
            T(
                "the chair '{chair}' is not among the attendees of the meeting of {date}",
                chair=chair,
                date=meeting.date,
            ),
            T(
                "add '{chair}' to attendees, or write the member who chaired in their place "
                "as chair",
                chair=chair,
            ),
        )
