"""An update in the round given by a member who is not among the attendees.

What it does: reports each entry of a meeting's `updates` whose `member` is not in the
meeting's `attendees`, at that entry's `member:` line. A meeting that lists no attendees,
or whose `attendees` cannot be read, is left to KR205 and KR101.

Why is this bad: the round of updates is what each member present tells the group — what
they are working on, what they ran into, who can help (research/004: "een rondje te doen;
waar ben je mee bezig, waar loop je tegenaan"). An update by someone absent means a name
is missing from the attendees, or the update belongs to another meeting; either way the
overview of who gives and who takes counts wrong.

Example:

    attendees: [anna-de-vries, marieke-jansen]
    updates:
      - member: joost-hendriks
        happened: Started the pilot with the schools.

Use instead:

    attendees: [anna-de-vries, marieke-jansen, joost-hendriks]
    updates:
      - member: joost-hendriks
        happened: Started the pilot with the schools.

or, when someone passed on the update of an absent colleague, write it under the member who
gave it and name the colleague in the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.phrases import field_words

RULE = Rule(Code.UPDATE_BY_ABSENT, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for meeting in model.meetings.values():
        if (
            not meeting.updates
            or meeting.broken
            or not meeting.attendees
            or "attendees" in meeting.unreadable
        ):
            continue
        present = set(meeting.attendees)
        for index, update in enumerate(meeting.updates):
            if update.member is None or update.member in present:
                continue
            if update.member not in model.members:
                continue  # an unknown id: KR201 names it, with the member meant
            yield RULE.at(
                update.loc.at("member"),
                T(
                    "{update} is given by '{member}', who is not among the attendees",
                    update=field_words(("updates", index)),
                    member=update.member,
                ),
                T(
                    "add '{member}' to attendees, or write the update under the member who gave it",
                    member=update.member,
                ),
            )
