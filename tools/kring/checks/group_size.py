"""A meeting with more attendees than the policy's max_group_size.

What it does: reports a meeting — held or planned — whose `attendees` list more members
than `policy.max_group_size` (the region's own policy first, else the network's; 15
unless set). Guests do not count: they come for one presentation.

Why is this bad: intervision works because people dare to bring a case that is not going
well. In a large group that safety goes, the round of updates takes the whole afternoon,
and people listen rather than reflect. Split the intervision part into subgroups, or start
a second platform when the group keeps growing.

Example:

    max_group_size: 15
    attendees: [... 18 member ids ...]

Use instead: split the case consultation into two subgroups with their own meeting, or,
when the group deliberately chooses a larger size, raise `max_group_size` in its policy.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.timeline import policy

RULE = Rule(Code.GROUP_SIZE, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    limits: dict[str | None, int] = {}  # per group: a few dozen groups, thousands of meetings
    for meeting in model.all_meetings:
        if meeting.broken or not meeting.attendees:
            continue
        limit = limits.get(meeting.group)
        if limit is None:
            limit = limits[meeting.group] = policy(model, meeting.group, "max_group_size")
        # Counting distinct ids reads every id; a list no longer than the limit cannot be
        # over it, and that is nearly every meeting.
        if len(meeting.attendees) <= limit:
            continue
        count = len(set(meeting.attendees))
        if count > limit:
            yield RULE.at(
                meeting.loc.key("attendees"),
                T(
                    "{count} attendees, more than the {limit} at which a group gets too large "
                    "for reflection",
                    count=count,
                    limit=limit,
                ),
                T(
                    "split the case consultation into subgroups; or, if the group chooses this "
                    "size, raise max_group_size in its policy"
                ),
            )
