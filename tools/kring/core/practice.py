"""The practice loop's facts that checks and views share: who drifts, when a group owes an
evaluation, and how often the municipal contact comes.

Each is decided here once, so that `kring check` (KR305, KR406, KR410) and `kring agenda`
("Invite personally", the proposed evaluation) can never disagree. Dates are compared with
today only through `kring.core.timeline`.

- A member **drifts** once their attendance commitment is kept (or they have none) and
  they missed the last `policy.drift_meetings` meetings of their groups that took place and
  list their attendees; apologies are reported, they do not excuse (SPEC §3). A member
  inside their commitment, or who missed it (KR303), does not drift; nor one who left.
- A group **owes an evaluation** when it has held meetings for longer than its
  `policy.evaluation_months` without an evaluation meeting in that time; and a starting
  group (one that never evaluated) once its first `policy.commitment_meetings` meetings are
  over: the commitment is asked for that many meetings "en die vervolgens te evalueren"
  (research/004, §2.1.2). Every region owes its own evaluations; a theme only when its own
  file sets `policy.evaluation_months`.
- The municipal contact's **attendance** is counted over the meetings of their groups in
  the twelve months before today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kring.core import timeline
from kring.core.model import Meeting, Member, Model

EVALUATION = "evaluation"


# --- drifting members --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Drift:
    """A member who stopped coming: the meetings they missed in a row, earliest first."""

    member: str
    missed: tuple[Meeting, ...]
    apologised: int  # of `missed`, with apologies: reported, not excused
    last_attended: Meeting | None  # the last meeting of their groups they came to


def recorded_meetings(model: Model, member: Member, before: dt.date) -> list[Meeting]:
    """The meetings of the member's groups dated before `before` and on or after joining
    that list their attendees, earliest first (a meeting listed in two groups once)."""
    if member.joined is None:
        return []
    seen: dict[str, Meeting] = {}
    for group in dict.fromkeys(member.groups):
        for meeting in timeline.meetings_before(model, group, before):
            if meeting.broken or meeting.attendees is None or meeting.date is None:
                continue
            if meeting.date >= member.joined:
                seen[meeting.loc.path] = meeting  # by file: two files may share an id
    return sorted(seen.values(), key=lambda m: (m.date, m.id))


def drift(model: Model, member: Member, today: dt.date) -> Drift | None:
    """The member's drift (SPEC §5, KR305), or None when they are not drifting."""
    if member.broken or timeline.has_left(member, today):
        return None
    needed = timeline.member_policy(model, member, "drift_meetings")
    if needed <= 0:
        return None  # switched off
    coverage = timeline.commitment_coverage(model, member, today)
    if coverage is not None and coverage.state != "kept":
        return None  # still inside the commitment, or missed it: KR303 speaks
    # Only the last `needed` meetings decide (a set lookup each): the work per member does
    # not grow with the group's history (issue 16); the whole history only for a drifter.
    last = _last_recorded(model, member, today, needed)
    if len(last) < needed or any(timeline.attended(model, m, member.id) for m in last):
        return None
    came = (
        m
        for m in reversed(recorded_meetings(model, member, today))
        if timeline.attended(model, m, member.id)
    )
    apologised = sum(1 for m in last if timeline.apologised(model, m, member.id))
    return Drift(member.id, tuple(last), apologised, next(came, None))


def _last_recorded(model: Model, member: Member, before: dt.date, n: int) -> list[Meeting]:
    """The last `n` of recorded_meetings(model, member, before), found from the end."""
    if member.joined is None:
        return []
    seen: dict[str, Meeting] = {}
    for group in dict.fromkeys(member.groups):
        found = 0
        for meeting in reversed(timeline.meetings_before(model, group, before)):
            if meeting.date is None or meeting.date < member.joined:
                break
            if meeting.broken or meeting.attendees is None:
                continue
            seen[meeting.loc.path] = meeting  # by file, as recorded_meetings
            found += 1
            if found == n:
                break
    return sorted(seen.values(), key=lambda m: (m.date, m.id))[-n:]


# --- evaluations ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvaluationDue:
    """Why a group owes an evaluation."""

    group: str
    months: int  # the group's evaluation_months
    last: Meeting | None  # its last evaluation before the date asked about
    starting: bool  # owed because a starting group's commitment period ended without one
    commitment: int  # the group's commitment_meetings
    held: int  # the group's meetings before the date asked about


def evaluated_groups(model: Model) -> list[str]:
    """The groups that owe their own evaluations: every region, and a theme that sets
    `policy.evaluation_months` itself (a one-off cross-link need not evaluate)."""
    # by id: a group's meetings name it; a shared id names neither (KR202)
    regions = [r.id for r in model.regions.values() if not r.broken]
    themes = [
        t.id for t in model.themes.values() if not t.broken and "evaluation_months" in t.own_policy
    ]
    return sorted(regions) + sorted(themes)


def _evaluation(model: Model, group: str, on: dt.date, starting_after: int) -> EvaluationDue | None:
    theme = model.themes.get(group)
    if theme is not None and "evaluation_months" not in theme.own_policy:
        return None  # a theme owes its own evaluations only when it says how often
    held = [m for m in timeline.meetings_before(model, group, on) if not m.broken]
    if not held:
        return None
    months = timeline.policy(model, group, "evaluation_months")
    commitment = timeline.policy(model, group, "commitment_meetings")
    evaluations = [m for m in held if m.kind == EVALUATION]
    last = evaluations[-1] if evaluations else None
    since = timeline.add_months(on, -months) if months > 0 else None
    first = held[0].date
    assert first is not None  # meetings_by_group holds dated meetings only
    if since is not None and first < since and (last is None or (last.date or first) < since):
        return EvaluationDue(group, months, last, False, commitment, len(held))
    if last is None and commitment > 0 and len(held) >= commitment + starting_after:
        return EvaluationDue(group, months, None, True, commitment, len(held))
    return None


def overdue_evaluation(model: Model, group: str, today: dt.date) -> EvaluationDue | None:
    """KR406 for one group: no evaluation within its evaluation_months (a group younger than
    that is not asked yet), or a starting group whose meeting after its first
    commitment_meetings took place without any evaluation. The evaluation is due at the
    last meeting of the commitment period and overdue once the next one has taken place."""
    return _evaluation(model, group, today, 1)


def evaluation_proposed(model: Model, group: str, day: dt.date) -> EvaluationDue | None:
    """Whether the group's meeting on `day` should be an evaluation (for `kring agenda`): it
    would be the last meeting of a starting group's commitment period or later, or the
    group has gone evaluation_months without one by then. Meetings planned before `day`
    count as held: an evaluation already planned is not proposed again."""
    return _evaluation(model, group, day, -1)


# --- the municipal contact -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactAttendance:
    member: str
    since: dt.date
    meetings: tuple[Meeting, ...]  # of their groups, since `since`, taken place, listed
    attended: int

    @property
    def share(self) -> int | None:
        """Percent attended, rounded down; None without meetings."""
        return 100 * self.attended // len(self.meetings) if self.meetings else None


def contact_attendance(model: Model, member: Member, today: dt.date) -> ContactAttendance:
    """The member's attendance at the meetings of their groups in the last twelve months."""
    since = timeline.add_months(today, -12)
    meetings = tuple(
        m for m in recorded_meetings(model, member, today) if m.date is not None and m.date >= since
    )
    attended = sum(1 for m in meetings if timeline.attended(model, m, member.id))
    return ContactAttendance(member.id, since, meetings, attended)
