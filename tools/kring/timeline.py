"""Time: the one place that decides today, what has taken place, and what is due when.

SPEC §3. Every other part asks this module; none compares dates with today on its own.

- A meeting has taken place when its date is before today (a meeting today has not).
- The next meeting of a group after D is its earliest meeting dated after D.
- An action due `next-meeting` is due at the group's next meeting after the meeting that
  set it; overdue once that meeting has taken place while the action is open.
- An intention due `next-meeting` is due at the next meeting of the case's group at which
  the owner was present; when the owner was absent (not in attendees) it slides to the
  following meeting, at most `follow_up_carry` times. Overdue once the meeting at which it
  was due has taken place without a follow_up.
- A dated due is overdue once the date is before today.
- An attendance commitment {meetings: N, from: D} covers the first N meetings of the
  member's groups dated on or after D (none after the member left); it is missed once all N
  have taken place and the member attended fewer than N. Apologies do not excuse.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from dataclasses import dataclass

from kring.findings import Source
from kring.model import NEXT_MEETING, Action, Case, Meeting, Member, Model

KINDS = ("action", "intention", "attendance")


class TodayError(ValueError):
    """`--today` or KRING_TODAY is not a date."""


def today_from(option: str | None) -> dt.date:
    """SPEC §3: `--today`, else the environment variable KRING_TODAY, else the system date."""
    for label, value in (("--today", option), ("KRING_TODAY", os.environ.get("KRING_TODAY"))):
        if value:
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise TodayError(f"{label}: '{value}' is not a date as YYYY-MM-DD") from None
    return dt.date.today()


def has_taken_place(meeting: Meeting, today: dt.date) -> bool:
    return meeting.date is not None and meeting.date < today


def meetings_after(model: Model, group: str | None, after: dt.date) -> tuple[Meeting, ...]:
    """The group's meetings dated after `after`, earliest first."""
    meetings = model.meetings_by_group.get(group or "", ())
    start = bisect.bisect_right(meetings, after, key=lambda m: m.date or dt.date.min)
    return meetings[start:]


def next_meeting(model: Model, group: str | None, after: dt.date) -> Meeting | None:
    later = meetings_after(model, group, after)
    return later[0] if later else None


@dataclass(frozen=True, slots=True)
class DueAt:
    """When something falls due: at a meeting (with its date), on a date, or not yet known."""

    date: dt.date | None
    meeting: Meeting | None = None


def action_due(model: Model, action: Action) -> DueAt:
    if isinstance(action.due, dt.date):
        return DueAt(action.due)
    if action.due != NEXT_MEETING:
        return DueAt(None)
    set_at = model.meetings.get(action.meeting)
    if set_at is None or set_at.date is None:
        return DueAt(None)
    nxt = next_meeting(model, set_at.group, set_at.date)
    return DueAt(nxt.date, nxt) if nxt else DueAt(None)


def intention_due(model: Model, case: Case, today: dt.date) -> DueAt:
    """Where the case's intention falls due, with the slide for an absent owner."""
    intention = case.intention
    if intention is None:
        return DueAt(None)
    if isinstance(intention.due, dt.date):
        return DueAt(intention.due)
    if intention.due != NEXT_MEETING:
        return DueAt(None)
    presented = model.meetings.get(case.presented_at or "")
    if presented is None or presented.date is None:
        return DueAt(None)
    carry = _policy(model, presented.group, "follow_up_carry")
    candidates = meetings_after(model, presented.group, presented.date)
    for slides, meeting in enumerate(candidates):
        last_chance = slides >= carry
        if last_chance or not has_taken_place(meeting, today):
            return DueAt(meeting.date, meeting)
        if case.owner is not None and meeting.attended(case.owner):
            return DueAt(meeting.date, meeting)
        # the owner was absent: the follow-up slides to the following meeting
    return DueAt(None)


def _policy(model: Model, group: str | None, key: str) -> int:
    region = model.regions.get(group or "")
    if region is not None:
        return region.policy[key]
    if model.network is not None:
        return model.network.policy[key]
    from kring.model import POLICY_DEFAULTS

    return POLICY_DEFAULTS[key]


def policy(model: Model, group: str | None, key: str) -> int:
    """A policy value for a group: the region's override, else the network's, else default."""
    return _policy(model, group, key)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The meetings an attendance commitment covers, and how many of them were attended."""

    required: int
    meetings: tuple[Meeting, ...]  # at most `required`, earliest first
    attended: int
    taken_place: int


def commitment_coverage(model: Model, member: Member, today: dt.date) -> Coverage | None:
    """The member's attendance commitment (explicit, or the policy default from joined)."""
    required = (
        member.commitment.meetings
        if member.commitment is not None
        else _member_policy(model, member, "commitment_meetings")
    )
    start = member.commitment.start if member.commitment is not None else None
    start = start or member.joined
    if start is None or required <= 0:
        return None
    seen: dict[str, Meeting] = {}
    for group in member.groups:
        # meetings_by_group is sorted by (date, id): the first `required` meetings from
        # `start` (and up to `left`) of each group are all that can be covered, so a
        # member's coverage costs a binary search, not a walk over the group's history.
        meetings = model.meetings_by_group.get(group, ())
        first = bisect.bisect_left(meetings, start, key=_date_of)
        last = (
            len(meetings)
            if member.left is None
            else bisect.bisect_right(meetings, member.left, key=_date_of)
        )
        for meeting in meetings[first : min(last, first + required)]:
            seen[meeting.id] = meeting
    covered = tuple(sorted(seen.values(), key=lambda m: (m.date, m.id))[:required])
    attended = sum(1 for m in covered if m.attended(member.id))
    taken = sum(1 for m in covered if has_taken_place(m, today))
    return Coverage(required, covered, attended, taken)


def _date_of(meeting: Meeting) -> dt.date:
    return meeting.date or dt.date.min


def _member_policy(model: Model, member: Member, key: str) -> int:
    for group in member.groups:
        if group in model.regions:
            return model.regions[group].policy[key]
    return _policy(model, None, key)


def commitment_missed(coverage: Coverage) -> bool:
    """All N covered meetings have taken place and fewer than N were attended."""
    return (
        len(coverage.meetings) == coverage.required
        and coverage.taken_place == coverage.required
        and coverage.attended < coverage.required
    )


@dataclass(frozen=True, slots=True)
class OpenCommitment:
    """Something a member owes the network: an action, a case's intention, attendance."""

    kind: str  # one of KINDS
    ref: str  # `<meeting>#<action>`, the case id, or the member id
    owner: str | None
    group: str | None
    due: DueAt
    overdue: bool
    days_late: int  # 0 unless overdue
    source: Source  # the line a facilitator changes to resolve it
    confidential: bool = False  # a confidential case: show only id, owner, group, dates


def _late(due: DueAt, today: dt.date) -> tuple[bool, int]:
    if due.date is None or due.date >= today:
        return False, 0
    return True, (today - due.date).days


def open_commitments(model: Model, today: dt.date) -> list[OpenCommitment]:
    """All open commitments, overdue first (most late first), then by due date."""
    out: list[OpenCommitment] = []
    for meeting in model.meetings.values():
        for action in meeting.actions:
            if action.status != "open":
                continue
            due = action_due(model, action)
            overdue, late = _late(due, today)
            out.append(
                OpenCommitment(
                    "action",
                    action.ref,
                    action.owner,
                    meeting.group,
                    due,
                    overdue,
                    late,
                    action.loc.at(),
                )
            )
    for case in model.cases.values():
        if case.broken or case.status != "open" or case.follow_up is not None:
            continue
        if case.intention is None:
            continue
        due = intention_due(model, case, today)
        overdue, late = _late(due, today)
        out.append(
            OpenCommitment(
                "intention",
                case.id,
                case.owner,
                model.group_of_case(case),
                due,
                overdue,
                late,
                case.intention.loc.at(),
                case.confidential,
            )
        )
    for member in model.members.values():
        if member.broken:
            continue
        coverage = commitment_coverage(model, member, today)
        if coverage is None:
            continue
        missed = commitment_missed(coverage)
        fulfilled = coverage.attended >= coverage.required
        ended = coverage.taken_place == coverage.required == len(coverage.meetings)
        if fulfilled or (ended and not missed):
            continue
        last = coverage.meetings[-1] if len(coverage.meetings) == coverage.required else None
        due = DueAt(last.date, last) if last else DueAt(None)
        late = (today - last.date).days if missed and last and last.date else 0
        source = member.commitment.loc.at() if member.commitment else member.loc.at("joined")
        group = member.groups[0] if member.groups else None
        out.append(
            OpenCommitment("attendance", member.id, member.id, group, due, missed, late, source)
        )
    out.sort(key=lambda c: (not c.overdue, -c.days_late, c.due.date or dt.date.max, c.kind, c.ref))
    return out
