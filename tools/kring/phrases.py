"""Phrases about time that several outputs share: how late, and when something is due.

Each is one message id with placeholders (SPEC: Dutch and English); the only split is the
number of days, because "1 day" and "2 days" need different words.
"""

from __future__ import annotations

from kring.i18n import T, Text
from kring.timeline import DueAt


def days(n: int) -> Text:
    return T("{n} day", n=n) if n == 1 else T("{n} days", n=n)


def due_text(due: DueAt) -> Text:
    """When something falls due, for a reader: at a meeting, on a date, or not yet known."""
    if due.meeting is not None:
        return T("at the meeting of {date} ({meeting})", date=due.date, meeting=due.meeting.id)
    if due.date is not None:
        return T("on {date}", date=due.date)
    return T("at the next meeting, not planned yet")


def slid_text(due: DueAt) -> Text | None:
    """The meetings a follow-up slid past because its owner was absent, if any."""
    if not due.slid:
        return None
    return T(
        "slid past {meetings}, where the owner was absent",
        meetings=", ".join(m.id for m in due.slid),
    )
