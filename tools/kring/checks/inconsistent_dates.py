"""Dates that cannot all be true at once.

What it does: reports a member who left before joining, or who is listed as attending a
meeting after leaving; an action closed before the meeting that set it, or with a dated due
before that meeting; an ask in the round of updates answered before the meeting where it
was asked; a case intention with a dated due before the case was presented; a meeting that
ends before it starts.

Why is this bad: one of the dates is a typo, and every overview that counts time — who is
overdue, how long a follow-up took, who attended after joining — is wrong because of it.

Example:

    - id: agenda-toolkit
      owner: anna-de-vries
      what: Share the toolkit
      due: 2025-02-01      # in a meeting of 2026-03-12

Use instead:

    - id: agenda-toolkit
      owner: anna-de-vries
      what: Share the toolkit
      due: 2026-04-01
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model

RULE = Rule(Code.INCONSISTENT_DATES, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for member in model.all_members:
        if member.left and member.joined and member.left < member.joined:
            yield RULE.at(
                member.loc.at("left"),
                T("left {left} is before joined {joined}", left=member.left, joined=member.joined),
                T("correct one of the two dates"),
            )
    # Only members who left can attend too late: most networks have few of them.
    left = {m.id: m.left for m in model.all_members if m.left}
    for meeting in model.all_meetings:
        if meeting.date is None:
            continue
        if left and meeting.attendees:
            where = meeting.loc.items("attendees")  # as listed reads them: numbers skipped
            for index, attendee in enumerate(meeting.attendees):
                gone = left.get(attendee)
                if gone is not None and gone < meeting.date:
                    yield RULE.at(
                        where(index),
                        T(
                            "'{member}' attends on {date} but left on {left}",
                            member=attendee,
                            date=meeting.date,
                            left=gone,
                        ),
                        T("remove them from the attendees, or correct left in their member file"),
                    )
        for action in meeting.actions:
            if action.closed and action.closed < meeting.date:
                yield RULE.at(
                    action.loc.at("closed"),
                    T(
                        "action {ref} is closed on {closed}, before the meeting of {date} that "
                        "set it",
                        ref=action.ref,
                        closed=action.closed,
                        date=meeting.date,
                    ),
                    T("closed is the date the action was done or dropped"),
                )
            if isinstance(action.due, dt.date) and action.due < meeting.date:
                yield RULE.at(
                    action.loc.at("due"),
                    T(
                        "action {ref} is due {due}, before the meeting of {date} that set it",
                        ref=action.ref,
                        due=action.due,
                        date=meeting.date,
                    ),
                    T("a due date lies after the meeting; or write next-meeting"),
                )
        for update in meeting.updates:
            if update.answered and update.answered < meeting.date:
                yield RULE.at(
                    update.loc.at("answered"),
                    T(
                        "the ask of '{member}' is answered on {answered}, before the meeting of "
                        "{date} where it was asked",
                        member=update.member or "?",
                        answered=update.answered,
                        date=meeting.date,
                    ),
                    T("answered is the date someone answered the ask, on or after the meeting"),
                )
        readable = "start" not in meeting.unreadable and "end" not in meeting.unreadable
        if readable and meeting.start and meeting.end and meeting.end <= meeting.start:
            yield RULE.at(
                meeting.loc.at("end"),
                T(
                    "the meeting ends at {end}, not after it starts at {start}",
                    end=meeting.end,
                    start=meeting.start,
                ),
                T('correct start or end (24-hour clock, "HH:MM")'),
            )
    for case in model.all_cases:
        presented = model.meetings.get(case.presented_at or "")
        intention = case.intention
        if (
            presented is not None
            and presented.date
            and intention is not None
            and isinstance(intention.due, dt.date)
            and intention.due < presented.date
        ):
            yield RULE.at(
                intention.loc.at("due"),
                T(
                    "the intention is due {due}, before the case was presented on {date}",
                    due=intention.due,
                    date=presented.date,
                ),
                T("a due date lies after the presentation; or write next-meeting"),
            )
