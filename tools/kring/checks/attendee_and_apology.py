"""A member listed both among the attendees and the apologies of one meeting.

What it does: reports each member whose id stands in a meeting's `attendees` and in its
`apologies`, at the entry in `apologies`.

Why is this bad: one of the two lists is wrong, and the lists decide who kept an
attendance commitment, whose follow-up slides to a later meeting and how many came.
Apologies are reported, they do not excuse (SPEC §3); a member who sent apologies and came
after all counts as present, so the apology is the entry to remove. The research behind
the three-meeting commitment asks that regular attendance be made clear to members and
followed up (research/004: "maak dan duidelijk dat regelmatige aanwezigheid een vereiste
is"), which needs the two lists to be right.

Example:

    attendees: [anna-de-vries, marieke-jansen]
    apologies: [marieke-jansen]

Use instead:

    attendees: [anna-de-vries, marieke-jansen]
    apologies: []
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model

RULE = Rule(Code.ATTENDEE_AND_APOLOGY, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for meeting in model.meetings.values():
        if meeting.broken or not meeting.attendees or not meeting.apologies:
            continue
        present = set(meeting.attendees)
        where = meeting.loc.items("apologies")
        for index, member in enumerate(meeting.apologies):
            # an unknown id is KR201's finding, with the member meant
            if member in present and member in model.members:
                yield RULE.at(
                    where(index),
                    T(
                        "'{member}' is listed among the attendees and among the apologies",
                        member=member,
                    ),
                    T(
                        "remove '{member}' from apologies if they came, or from attendees if "
                        "they did not",
                        member=member,
                    ),
                )
