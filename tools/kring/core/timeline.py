"""Time: the one place that decides today, what has taken place, and what is due when.

SPEC §3. Every other part asks this module; none compares dates with today on its own.

- Today is `--today`, else KRING_TODAY, else the system date.
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

Decisions where the spec is silent (README, "Before a meeting"):

- Replay: an action counts as closed from its `closed` date, a follow-up as given from the
  date of the meeting it was reported at. A run with an earlier `--today` sees them open,
  as they were then.
- A member who has left (left on or before today) owes no attendance any more: the
  commitment is neither open nor missed.
- A group's upcoming meeting is its first meeting dated on or after today; when none is
  planned, the planned date is the last meeting plus 12/meetings_per_year months (for a
  theme 12/thematic_per_year), moved to the nearest day with the last meeting's weekday (a
  weekend moves to Friday or Monday), and a cadence further while it is before today.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import os
from collections.abc import Container
from dataclasses import dataclass

from kring.core.disclosure import shown_case, shown_text
from kring.core.findings import Source
from kring.core.i18n import T
from kring.core.model import (
    FIRST_DAY,
    LAST_DAY,
    NEXT_MEETING,
    POLICY_DEFAULTS,
    Action,
    Case,
    Loc,
    Meeting,
    Member,
    Model,
    calendar_date,
    parse_date,
)


class TodayError(ValueError):
    """`--today`, KRING_TODAY or another date option is not a date kring reads."""


def today_from(option: str | None) -> dt.date:
    """SPEC §3: `--today`, else the environment variable KRING_TODAY, else the system date."""
    env = os.environ.get("KRING_TODAY") or None  # an empty variable counts as unset
    for label, value in (("--today", option), ("KRING_TODAY", env)):
        if value is not None:
            return option_date(value, label)
    return dt.date.today()


def option_date(value: str, option: str) -> dt.date:
    """A date given on the command line (or in KRING_TODAY), read as the data's dates are:
    YYYY-MM-DD (fromisoformat alone takes 20261125 too), from FIRST_DAY to LAST_DAY."""
    day = parse_date(value.strip())
    if day is not None:
        return day
    if calendar_date(value.strip()) is not None:
        raise TodayError(
            T(
                "{option}: {value} is outside the dates kring reads, {first} to {last}",
                option=option,
                value=value,
                first=FIRST_DAY,
                last=LAST_DAY,
            )
        )
    raise TodayError(
        T("{option}: '{value}' is not a date as YYYY-MM-DD", option=option, value=value)
    )


def has_left(member: Member, today: dt.date) -> bool:
    """A member whose `left` date is today or earlier no longer takes part."""
    return member.left is not None and member.left <= today


def has_taken_place(meeting: Meeting, today: dt.date) -> bool:
    return meeting.date is not None and meeting.date < today


def is_past(day: dt.date, today: dt.date) -> bool:
    """A dated due, or any date, lies before today."""
    return day < today


# --- attendance, indexed once per model ---------------------------------------------------

# Lists this short are searched directly; a set costs more to build than it saves.
_SHORT_LIST = 16


class _Attendance:
    """Who attended (or sent apologies to) each meeting, as sets built when first asked.

    Attendance commitments, follow-up slides and the agenda ask "was M at meeting X?" for
    every member and every meeting they cover: with a set per meeting each question costs
    the same whatever the meeting's size, so the work grows with the attendance entries,
    not with members x meetings x attendees (issue 16). Keyed by the record itself (by
    identity), so two files that claim one meeting id keep their own lists.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self._attendees: dict[int, Container[str]] = {}
        self._apologies: dict[int, Container[str]] = {}

    def attendees(self, meeting: Meeting) -> Container[str]:
        found = self._attendees.get(id(meeting))
        if found is None:
            found = self._attendees[id(meeting)] = _searchable(meeting.attendees or ())
        return found

    def apologies(self, meeting: Meeting) -> Container[str]:
        found = self._apologies.get(id(meeting))
        if found is None:
            found = self._apologies[id(meeting)] = _searchable(meeting.apologies)
        return found


def _searchable(names: tuple[str, ...]) -> Container[str]:
    return names if len(names) <= _SHORT_LIST else frozenset(names)


_attendance: list[_Attendance] = []  # the index of the model asked last (one per run)


def _index(model: Model) -> _Attendance:
    if not _attendance or _attendance[0].model is not model:
        _attendance[:] = [_Attendance(model)]
    return _attendance[0]


def attended(model: Model, meeting: Meeting, member: str) -> bool:
    """Whether `member` is among the meeting's attendees (a set per meeting, built once)."""
    return member in _index(model).attendees(meeting)


def apologised(model: Model, meeting: Meeting, member: str) -> bool:
    """Whether `member` is among the meeting's apologies."""
    return member in _index(model).apologies(meeting)


# --- the years the pages list, and those archived -------------------------------------------

# `kring report` lists the meetings and cases of this many years, counted back from today's,
# on the overview and group pages; each earlier year that has a meeting has an archive page.
RECENT_YEARS = 2


def first_recent_year(today: dt.date) -> int:
    return today.year - RECENT_YEARS + 1


def archived_years(model: Model, today: dt.date) -> list[int]:
    """The years before the recent ones with a meeting in them (every meeting file's; a case
    is presented at a meeting, so its year is one of them): one archive page each. What
    `kring report` writes, and what KR008 holds an archive page against."""
    first = first_recent_year(today)
    return sorted({m.date.year for m in model.all_meetings if m.date and m.date.year < first})


# --- meetings of a group -----------------------------------------------------------------


def _date(meeting: Meeting) -> dt.date:
    return meeting.date or dt.date.min


def _dated(model: Model, group: str | None) -> tuple[Meeting, ...]:
    return model.meetings_by_group.get(group or "", ())


def meetings_after(model: Model, group: str | None, after: dt.date) -> tuple[Meeting, ...]:
    """The group's meetings dated after `after`, earliest first."""
    meetings = _dated(model, group)
    start = bisect.bisect_right(meetings, after, key=lambda m: m.date or dt.date.min)
    return meetings[start:]


def meetings_before(model: Model, group: str | None, before: dt.date) -> tuple[Meeting, ...]:
    """The group's meetings dated before `before`, earliest first."""
    meetings = _dated(model, group)
    end = bisect.bisect_left(meetings, before, key=lambda m: m.date or dt.date.min)
    return meetings[:end]


def next_meeting(model: Model, group: str | None, after: dt.date) -> Meeting | None:
    later = meetings_after(model, group, after)
    return later[0] if later else None


def previous_meeting(model: Model, group: str | None, before: dt.date) -> Meeting | None:
    earlier = meetings_before(model, group, before)
    return earlier[-1] if earlier else None


def upcoming_meeting(model: Model, group: str | None, today: dt.date) -> Meeting | None:
    """The group's first meeting that has not taken place: dated on or after today."""
    return next_meeting(model, group, today - dt.timedelta(days=1))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (earlier when negative); the 31st
    becomes the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    for last in (31, 30, 29, 28):  # every month has at least 28 days
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _nearest_weekday(day: dt.date, weekday: int) -> dt.date:
    """The date nearest to `day` on `weekday` (Monday 0); a weekend means Friday/Monday."""
    if weekday >= 5:
        weekday = 4 if weekday == 5 else 0
    offset = (weekday - day.weekday()) % 7
    return day + dt.timedelta(days=offset if offset <= 3 else offset - 7)


def planned_date(model: Model, group: str | None, today: dt.date) -> dt.date | None:
    """When the group would meet next if nobody planned it: None without a past meeting.

    The last meeting plus 12/meetings_per_year months (thematic_per_year for a theme; a
    fraction of a month as days), on
    the nearest day with the last meeting's weekday, stepped forward until it is not
    before today. None when the group has no meeting yet or no cadence (policy 0).
    """
    earlier = meetings_before(model, group, today)
    # A region meets meetings_per_year times; a theme thematic_per_year times.
    key = "thematic_per_year" if group in model.themes else "meetings_per_year"
    per_year = policy(model, group, key)
    if not earlier or per_year <= 0 or earlier[-1].date is None:
        return None
    last = earlier[-1].date
    whole, rest = divmod(12 / per_year, 1)
    extra = dt.timedelta(days=round(rest * 30.44))
    steps = 1
    while True:
        candidate = add_months(last, int(whole) * steps) + extra * steps
        if candidate <= last:  # more than 24 meetings a year: at least a week apart
            candidate = last + dt.timedelta(days=7 * steps)
        rounded = _nearest_weekday(candidate, last.weekday())
        if rounded >= today:
            return rounded
        steps += 1


def planned_meeting(model: Model, group: str, day: dt.date, kind: str) -> Meeting:
    """A meeting record for a draft that has no file yet (for `kring agenda`)."""
    mid = f"{day.isoformat()}-{group}"
    return Meeting(
        id=mid,
        date=day,
        group=group,
        kind=kind,
        host=None,
        location=None,
        start=None,
        end=None,
        chair=None,
        attendees=None,
        apologies=(),
        guests=(),
        topic=None,
        presentations=(),
        updates=(),
        cases=(),
        actions=(),
        next=None,
        loc=Loc(f"network/meetings/{day.year:04d}/{mid}.md"),
    )


def with_meeting(model: Model, meeting: Meeting) -> Model:
    """The model as if `meeting` were planned too: due dates then resolve to it."""
    if meeting.id in model.known("meeting") or meeting.group is None or meeting.date is None:
        return model
    group = meeting.group
    by_group = dict(model.meetings_by_group)
    by_group[group] = tuple(
        sorted(
            (*by_group.get(group, ()), meeting),
            key=lambda m: (m.date or dt.date.min, m.id),
        )
    )
    meetings = {**model.meetings, meeting.id: meeting}
    return dataclasses.replace(model, meetings=meetings, meetings_by_group=by_group)


# --- policy -----------------------------------------------------------------------------------


def policy(model: Model, group: str | None, key: str) -> int:
    """A policy value for a group: the region's or theme's own, else the network's, else
    the default (each group's record holds the network's policy with its overrides)."""
    found = model.regions.get(group or "") or model.themes.get(group or "")
    if found is not None:
        value = found.policy[key]
    elif model.network is not None:
        value = model.network.policy[key]
    else:
        value = POLICY_DEFAULTS[key]
    return max(0, value)  # a negative value is the schema's finding; here it means none


def member_policy(model: Model, member: Member, key: str) -> int:
    """A member's policy: that of their first region, else of their first theme, else the
    network's."""
    for kinds in (model.regions, model.themes):
        for group in member.groups:
            if group in kinds:
                return policy(model, group, key)
    return policy(model, None, key)


# --- when things fall due ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueAt:
    """When something falls due: at a meeting (with its date), on a date, or not yet known.

    `slid` holds the meetings a follow-up slid past because its owner was absent.
    """

    date: dt.date | None
    meeting: Meeting | None = None
    slid: tuple[Meeting, ...] = ()


def action_due(model: Model, action: Action) -> DueAt:
    if isinstance(action.due, dt.date):
        return DueAt(action.due)
    if action.due != NEXT_MEETING:
        return DueAt(None)
    set_at = model.meeting_of(action)  # its own file, also when the meeting's id is shared
    if set_at is None or set_at.date is None:
        return DueAt(None)
    nxt = next_meeting(model, set_at.group, set_at.date)
    return DueAt(nxt.date, nxt) if nxt else DueAt(None)


def action_open(action: Action, today: dt.date) -> bool:
    """Open on `today`: status open, or closed only after today (a replayed run)."""
    if action.status == "open":
        return True
    return action.closed is not None and action.closed > today


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
    carry = policy(model, presented.group, "follow_up_carry")
    slid: list[Meeting] = []
    for meeting in meetings_after(model, presented.group, presented.date):
        last_chance = len(slid) >= carry
        if last_chance or not has_taken_place(meeting, today):
            return DueAt(meeting.date, meeting, tuple(slid))
        if case.owner is not None and attended(model, meeting, case.owner):
            return DueAt(meeting.date, meeting, tuple(slid))
        slid.append(meeting)  # the owner was absent: it slides to the following meeting
    return DueAt(None, None, tuple(slid))


def follow_up_given(model: Model, case: Case, today: dt.date) -> bool:
    """The case has its follow_up on `today` (one reported at a later meeting has not)."""
    if case.follow_up is None:
        return False
    reported = model.meetings.get(case.follow_up.reported_at or "")
    return reported is None or reported.date is None or reported.date <= today


def intention_open(model: Model, case: Case, today: dt.date) -> bool:
    """The owner still owes the follow-up of this case's intention."""
    if case.broken or case.intention is None or case.status == "dropped":
        return False
    return not follow_up_given(model, case, today)


@dataclass(frozen=True, slots=True)
class Lateness:
    overdue: bool
    days_late: int  # 0 unless overdue
    days_left: int | None  # days until due, when known and not overdue


def lateness(due: DueAt, today: dt.date) -> Lateness:
    if due.date is None:
        return Lateness(False, 0, None)
    if is_past(due.date, today):
        return Lateness(True, (today - due.date).days, None)
    return Lateness(False, 0, (due.date - today).days)


# --- attendance commitments --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coverage:
    """The meetings an attendance commitment covers, and how many of them were attended."""

    required: int
    start: dt.date
    meetings: tuple[Meeting, ...]  # at most `required`, earliest first
    attended: int  # of `meetings`
    taken_place: int  # of `meetings`
    explicit: bool  # the member file says `commitment:`; else the policy default from joined
    left: bool  # the member has left on or before today
    apologised: int = 0  # of `meetings` missed with apologies: reported, not excused (SPEC §3)

    @property
    def complete(self) -> bool:
        """All N meetings are known (planned or held)."""
        return len(self.meetings) == self.required

    @property
    def state(self) -> str:
        """kept, missed, released (left before it ended) or open."""
        if self.attended >= self.required:
            return "kept"
        if self.left:
            return "released"
        if self.complete and self.taken_place == self.required:
            return "missed"
        return "open"


def commitment_coverage(model: Model, member: Member, today: dt.date) -> Coverage | None:
    """The member's attendance commitment (explicit, or the policy default from joined)."""
    explicit = member.commitment is not None
    required = (
        member.commitment.meetings
        if member.commitment is not None
        else member_policy(model, member, "commitment_meetings")
    )
    start = member.commitment.start if member.commitment is not None else None
    start = start or member.joined
    if start is None or required <= 0:
        return None
    runs = []
    for group in dict.fromkeys(member.groups):
        # each group's meetings are sorted by (date, id): the first N overall are among
        # its first N, and none after the member left
        run = meetings_after(model, group, start - dt.timedelta(days=1))[:required]
        if member.left is not None:
            run = run[: bisect.bisect_right(run, member.left, key=_date)]
        runs.append(run)
    if len(runs) == 1:
        covered = runs[0]
    else:
        seen = {m.loc.path: m for run in runs for m in run}  # by file: ids may be shared
        covered = tuple(sorted(seen.values(), key=lambda m: (m.date, m.id))[:required])
    index, mid = _index(model), member.id
    present = [mid in index.attendees(m) for m in covered]
    # taken place: dated before today, and `covered` is in date order
    taken = bisect.bisect_left(covered, today, key=_date)
    gone = has_left(member, today)
    excused = sum(
        1
        for m, here in zip(covered, present, strict=True)
        if not here and mid in index.apologies(m)
    )
    return Coverage(required, start, covered, sum(present), taken, explicit, gone, excused)


def commitment_due(coverage: Coverage) -> DueAt:
    """An attendance commitment falls due at the last of its N meetings, once planned."""
    if not coverage.complete:
        return DueAt(None)
    last = coverage.meetings[-1]
    return DueAt(last.date, last)


# --- everything open ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenCommitment:
    """Something a member owes the network: an action, a case's intention, attendance.

    `what` and `title` are None for a confidential case (SPEC §7): what reads this record
    cannot print a confidential case's text by mistake.
    """

    kind: str  # "action", "intention" or "attendance"
    ref: str  # `<meeting>#<action>`, the case id, or the member id
    owner: str | None
    group: str | None
    due: DueAt
    overdue: bool
    days_late: int  # 0 unless overdue
    where: Loc  # the record whose line a facilitator changes to resolve it, ...
    # ... at the value of the record itself (None), or at the key of the field named here
    # (a path below the record; () for the key that introduces the record)
    where_key: tuple[str, ...] | None
    confidential: bool = False  # a confidential case: show only id, owner, group, dates
    what: str | None = None  # the action's or (public) intention's text
    title: str | None = None  # a public case's title
    set_at: str | None = None  # the meeting that set the action or heard the case
    groups: tuple[str, ...] = ()  # every group it concerns (a member's groups)
    days_left: int | None = None  # days until due, when known and not overdue
    coverage: Coverage | None = None  # for attendance

    @property
    def source(self) -> Source:
        """The line to change. Looked up only when asked: on a warm run a position costs
        reading its file again (load/cache_codec.py), and most open commitments are reported
        nowhere."""
        if self.where_key is None:
            return self.where.at()
        return self.where.key(*self.where_key)


def action_commitments(model: Model, today: dt.date) -> list[OpenCommitment]:
    out = []
    for meeting in model.all_meetings:  # every file's, also of a shared id (SPEC §2.3)
        for action in meeting.actions:
            if not action_open(action, today):
                continue
            due = action_due(model, action)
            late = lateness(due, today)
            out.append(
                OpenCommitment(
                    "action",
                    action.ref,
                    action.owner,
                    meeting.group,
                    due,
                    late.overdue,
                    late.days_late,
                    action.loc,
                    None,
                    what=shown_text(action.what),
                    set_at=meeting.id,
                    groups=(meeting.group,) if meeting.group else (),
                    days_left=late.days_left,
                )
            )
    return out


def intention_commitment(model: Model, case: Case, today: dt.date) -> OpenCommitment | None:
    if not intention_open(model, case, today) or case.intention is None:
        return None
    due = intention_due(model, case, today)
    late = lateness(due, today)
    shown = shown_case(model, case)
    group = shown.group
    return OpenCommitment(
        "intention",
        case.id,
        case.owner,
        group,
        due,
        late.overdue,
        late.days_late,
        case.intention.loc,  # at its `intention:` line, where follow_up goes beside
        (),
        shown.confidential,
        what=shown.intention,
        title=shown.title,
        set_at=case.presented_at,
        groups=(group,) if group else (),
        days_left=late.days_left,
    )


def attendance_commitment(model: Model, member: Member, today: dt.date) -> OpenCommitment | None:
    """The member's commitment while open or missed; None when kept, released or absent."""
    if member.broken:
        return None
    coverage = commitment_coverage(model, member, today)
    if coverage is None or coverage.state in ("kept", "released"):
        return None
    due = commitment_due(coverage)
    late = lateness(due, today)
    where, key = (member.commitment.loc, ()) if member.commitment else (member.loc, ("joined",))
    return OpenCommitment(
        "attendance",
        member.id,
        member.id,
        member.groups[0] if member.groups else None,
        due,
        coverage.state == "missed",
        late.days_late if coverage.state == "missed" else 0,
        where,
        key,
        groups=member.groups,
        days_left=late.days_left,
        coverage=coverage,
    )


def sort_key(c: OpenCommitment) -> tuple[bool, int, dt.date, str, str]:
    """Overdue first (most late first), then by due date; unknown dates last."""
    return (not c.overdue, -c.days_late, c.due.date or dt.date.max, c.kind, c.ref)


def open_commitments(model: Model, today: dt.date) -> list[OpenCommitment]:
    """All open commitments, overdue first (most late first), then by due date."""
    out = action_commitments(model, today)
    for case in model.all_cases:
        found = intention_commitment(model, case, today)
        if found is not None:
            out.append(found)
    for member in model.all_members:
        commitment = attendance_commitment(model, member, today)
        if commitment is not None:
            out.append(commitment)
    out.sort(key=sort_key)
    return out
