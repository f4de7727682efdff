"""Phrases that several outputs share: how late, when something is due, the words for
kinds of meetings and entities, and numbers, dates and list positions as a reader writes
them ("0,03 s", "donderdag 10 december 2026", "the 2nd action").

Each is one message id with placeholders (SPEC: Dutch and English); the only splits are the
number of days, because "1 day" and "2 days" need different words, and the ordinals, whose
endings follow the language's rule rather than a catalogue entry per number.
"""

from __future__ import annotations

import datetime as dt

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
# schemas/network.schema.json's facilitator roles in the schema's order, as a reader sees them
FACILITATOR_ROLES = {
    "initiator": T("initiator"),
    "networker": T("networker"),
    "process-guide": T("process guide"),
    "chair": T("chair"),
    "expert": T("expert"),
    "confidant": T("confidant"),
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


def facilitator_role(role: str) -> str:
    """A facilitator's role in the reader's language; an unknown role as it is written."""
    label = FACILITATOR_ROLES.get(role)
    return label.render() if label is not None else role


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


# --- numbers, dates and positions as a reader writes them ------------------------------------


def seconds(value: float) -> Text:
    """A duration in seconds with the language's decimal mark: 0.03 s, 0,03 s."""
    return T("{seconds} s", seconds=decimal(value, ".2f"))


_WEEKDAYS = (
    T("Monday"),
    T("Tuesday"),
    T("Wednesday"),
    T("Thursday"),
    T("Friday"),
    T("Saturday"),
    T("Sunday"),
)
_MONTHS = (
    T("January"),
    T("February"),
    T("March"),
    T("April"),
    T("May"),
    T("June"),
    T("July"),
    T("August"),
    T("September"),
    T("October"),
    T("November"),
    T("December"),
)


def long_date(day: dt.date, *, weekday: bool = True) -> Text:
    """A date as a letter writes it: "Thursday 10 December 2026", "donderdag 10 december
    2026" (the catalogue gives the Dutch names, in lower case as Dutch writes them)."""
    if not weekday:
        return T("{day} {month} {year}", day=day.day, month=_MONTHS[day.month - 1], year=day.year)
    return T(
        "{weekday} {day} {month} {year}",
        weekday=_WEEKDAYS[day.weekday()],
        day=day.day,
        month=_MONTHS[day.month - 1],
        year=day.year,
    )


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th in English; 1e, 2e, 3e in Dutch."""
    if current_language() == "nl":
        return f"{n}e"
    ending = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{ending}"


# What one item of a list field is called, for "the 2nd action"; a list not named here
# reads "the 2nd entry in <field>".
LIST_ITEMS = {
    "actions": T("the {nth} action"),
    "updates": T("the {nth} update"),
    "presentations": T("the {nth} presentation"),
    "guests": T("the {nth} guest"),
    "municipalities": T("the {nth} municipality"),
    "facilitators": T("the {nth} facilitator"),
    "partners": T("the {nth} partner"),
}


def field_words(at: tuple[str | int, ...]) -> Text:
    """Where a value stands, in words: `owner` of `the 2nd action` for ('actions', 1,
    'owner'); `the 3rd entry in attendees` for ('attendees', 2); `the file` for ()."""
    if not at:
        return T("the file")
    *outer, last = at
    if isinstance(last, int):
        listed = outer[-1] if outer and isinstance(outer[-1], str) else None
        item = LIST_ITEMS.get(listed or "")
        here = (
            Text(item.msgid, (("nth", ordinal(last + 1)),))
            if item is not None
            else T("the {nth} entry in {field}", nth=ordinal(last + 1), field=listed or "?")
        )
        owner = tuple(outer[:-1]) if listed is not None else tuple(outer)
        return here if not owner else T("{part} of {whole}", part=here, whole=field_words(owner))
    if not outer:
        return T("{field}", field=last)
    return T("{part} of {whole}", part=str(last), whole=field_words(tuple(outer)))
