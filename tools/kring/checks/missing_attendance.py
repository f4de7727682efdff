"""A meeting that has taken place without attendees.

What it does: reports a meeting dated before today (SPEC §3: `--today`, `KRING_TODAY` or the
system date) whose front matter has no `attendees`, or an empty list. A field that is
`attendees` misspelt (`attendess`, `aanwezigen`) is left to its own finding (KR101 names the
right spelling): "add attendees" would have the list written twice.

Why is this bad: attendance is what every follow-up rule rests on — whether a case owner was
there to report back, whether a new member kept their commitment, how large the group is.
Without it the meeting counts as if nobody came.

Example:

    date: 2026-03-12
    group: achterhoek
    kind: regional

Use instead:

    date: 2026-03-12
    group: achterhoek
    kind: regional
    attendees: [anna-de-vries, bram-jansen, karin-hofstede]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core import corrections, timeline
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Meeting, Model
from kring.core.suggest import closest

RULE = Rule(Code.MISSING_ATTENDANCE, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for meeting in model.all_meetings:
        if (
            meeting.broken
            or "attendees" in meeting.unreadable  # the schema's finding says what is wrong
            or not timeline.has_taken_place(meeting, ctx.today)
        ):
            continue
        if not meeting.attendees and not _misspelt_attendees(meeting):
            yield RULE.at(
                meeting.loc.at("attendees")
                if meeting.attendees is not None
                else meeting.loc.at("date"),
                T(
                    "the meeting of {date} has taken place but lists no attendees",
                    date=meeting.date,
                ),
                T("add attendees: [member-id, …] with everyone who was there"),
            )


def _misspelt_attendees(meeting: Meeting) -> bool:
    """Whether the meeting has a field no meeting has that stands for `attendees`, as the
    schema's unknown-field finding reads it."""
    # imported here: a warm run, which reads records from the cache, never needs the schemas
    from kring.load.validate import schema_for

    doc, base = meeting.loc.doc, meeting.loc.base
    if doc is None:
        return False
    known = list(schema_for("meeting")["properties"])
    for at in doc.key_marks:
        key = at[-1] if len(at) == len(base) + 1 and at[: len(base)] == base else None
        if isinstance(key, str) and key not in known:
            meant = corrections.key_meant(key, known) or closest(corrections.typed(key), known)
            if meant == "attendees":
                return True
    return False
