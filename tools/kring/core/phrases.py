"""Phrases that several outputs share: how late, when something is due, and the words for
kinds of meetings and entities.

Each is one message id with placeholders (SPEC: Dutch and English); the only split is the
number of days, because "1 day" and "2 days" need different words.
"""

from __future__ import annotations

from kring.core.i18n import T, Text, current_language
from kring.core.timeline import DueAt

# a meeting's `kind:` and the kinds of entity, as a reader sees them; the data keeps its values
MEETING_KINDS = {
    "regional": T("regional"),
    "thematic": T("thematic"),
    "evaluation": T("evaluation"),
    "kickoff": T("kickoff"),
    "visit": T("visit"),
}
ENTITY_KINDS = {
    "network": T("network"),
    "region": T("region"),
    "theme": T("theme"),
    "member": T("member"),
    "meeting": T("meeting"),
    "case": T("case"),
    "action": T("action"),
    "intention": T("intention of case"),
}


def decimal(value: float, spec: str) -> str:
    """A number with the reader's decimal mark: 5.4 in English, 5,4 in Dutch."""
    written = format(value, spec)
    return written.replace(".", ",") if current_language() == "nl" else written


def meeting_kind(kind: str) -> str:
    """A meeting's kind in the reader's language; an unknown kind as it is written."""
    label = MEETING_KINDS.get(kind)
    return label.render() if label is not None else kind


def entity_kind(kind: str) -> str:
    label = ENTITY_KINDS.get(kind)
    return label.render() if label is not None else kind


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
