"""The report's numbers: for each group, and for the whole network, per year, as frozen records.

`numbers(model, today)` counts everything the overview pages show (kring.views.report_pages
turns it into Markdown) and what other outputs may reuse: meetings held against the policy,
attendance, cases and the follow-up rate, open and overdue commitments, members over time,
giving and taking, knowledge sources. No text, no Markdown: ids, dates and counts only.

How the numbers are counted (each page states the definition next to the number):

- A meeting is *held* once it has taken place (timeline.has_taken_place); a meeting dated
  later in the year is *scheduled*. The yearly *target* is policy.meetings_per_year for a
  region and policy.thematic_per_year for a theme (thematic sessions across the network).
- *Attendance rate*: of the group's members on the meeting date (joined on or before it and
  not left before it), the share who attended, over the meetings held. Apologies count as
  absent. Visitors from other groups count towards the group size, not the rate.
- *Follow-up rate*: cases followed up, out of cases followed up plus cases whose follow-up is
  overdue; cases whose follow-up is not due yet, and dropped cases, are left out.
- *Days to follow-up*: from the meeting where the case was presented to the meeting where
  its follow-up was reported.
- Overdue commitments are timeline.open_commitments', so the pages agree with `kring due`.
- *Actions* of a year: opened at the group's meetings held that year; closed that year (by
  their `closed` date, on or before today); overdue today, by the year of the meeting that
  set them.
- *Facilitators*: the people named under `facilitators:` of the network and of the regions
  who have not left; a region without facilitators of its own shares the network's.

SPEC §7: a case is here only as kring.core.disclosure shows it (a confidential case without
its title, question or intention); knowledge sources of all cases are counted in aggregate.
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kring.core import phrases, timeline
from kring.core.disclosure import ShownCase, shown_case
from kring.core.model import Case, Facilitator, Meeting, Member, Model

KNOWLEDGE_SOURCES = ("experiential", "professional", "scientific")
# schemas/network.schema.json's roles, in the order the schema gives them
FACILITATOR_ROLES = tuple(phrases.FACILITATOR_ROLES)


# --- the records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingYear:
    """A group's (or the network's) meetings in one year, against its target."""

    year: int
    target: int
    held: int = 0
    scheduled: int = 0  # dated this year, not yet taken place
    present: int = 0  # members of the group present, over the meetings held with attendees
    expected: int = 0  # members of the group on those meetings' dates
    sizes: tuple[int, ...] = ()  # attendees of each meeting held that lists them
    hosts: tuple[str, ...] = ()  # the host organisation of each meeting held, in date order
    kinds: tuple[str, ...] = ()  # the kind of each meeting held that says it, in date order

    @property
    def thematic(self) -> int:
        return self.kinds.count("thematic")

    @property
    def evaluations(self) -> int:
        return self.kinds.count("evaluation")

    @property
    def attendance_rate(self) -> int | None:
        """Percent, rounded; None when no meeting held lists its attendees."""
        return round(100 * self.present / self.expected) if self.expected else None

    @property
    def average_size(self) -> float | None:
        return sum(self.sizes) / len(self.sizes) if self.sizes else None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as it may be shown, with its follow-up dates and state."""

    case: ShownCase
    due: dt.date | None  # when the follow-up falls due, if known
    reported: dt.date | None  # the date of the meeting where the follow-up was reported
    state: str  # "followed-up", "overdue", "open" or "dropped"

    @property
    def days(self) -> int | None:
        """Days from the presentation to the follow-up, when both are known."""
        if self.case.presented is None or self.reported is None:
            return None
        return (self.reported - self.case.presented).days


@dataclass(frozen=True, slots=True)
class CaseCounts:
    """The cases presented in one year (`year` None: in all years), by state."""

    year: int | None
    cases: int
    followed_up: int
    overdue: int
    open: int
    dropped: int
    median_days: float | None  # to follow-up, over the cases followed up

    @property
    def follow_up_rate(self) -> int | None:
        """Percent of followed up out of followed up or overdue, rounded."""
        whole = self.followed_up + self.overdue
        return round(100 * self.followed_up / whole) if whole else None


@dataclass(frozen=True, slots=True)
class ActionYear:
    """The actions of a group's meetings in one year."""

    year: int
    opened: int  # set at the meetings held this year
    closed: int  # closed (done or dropped) this year, by their `closed` date
    overdue: int  # overdue today, set at a meeting of this year


@dataclass(frozen=True, slots=True)
class MemberCommitments:
    """One member's open commitments, counted (`member` None: commitments without owner)."""

    member: str | None
    actions_open: int
    actions_overdue: int
    intentions_open: int
    intentions_overdue: int
    attendance: str | None  # "missed", "running", or None without an open commitment


@dataclass(frozen=True, slots=True)
class MembersInYear:
    year: int
    joined: int
    left: int
    at_end: int  # members at the end of the year (for this year: today)


@dataclass(frozen=True, slots=True)
class Stages:
    """The members of today by stage."""

    total: int
    starters: int
    advanced: int

    @property
    def not_set(self) -> int:
        return self.total - self.starters - self.advanced


@dataclass(frozen=True, slots=True)
class Balance:
    """Giving and taking of one member, at meetings held."""

    member: str
    attended: int = 0
    cases: int = 0
    presentations: int = 0
    prepared: int = 0  # next topics prepared
    actions: int = 0  # actions owned
    updates: int = 0  # updates given in the round

    @property
    def given(self) -> int:
        return self.cases + self.presentations + self.prepared + self.actions + self.updates

    @property
    def per_meeting(self) -> float | None:
        """Contributions per meeting attended."""
        return self.given / self.attended if self.attended else None


@dataclass(frozen=True, slots=True)
class SourceCount:
    source: str  # one of KNOWLEDGE_SOURCES
    presentations: int
    cases: int

    @property
    def total(self) -> int:
        return self.presentations + self.cases


@dataclass(frozen=True, slots=True)
class Facilitation:
    """Who facilitates, counted: no names (the export and the koepel read this)."""

    count: int  # people facilitating who have not left
    roles: tuple[tuple[str, int], ...]  # each of FACILITATOR_ROLES: how many hold it
    per_person: tuple[int, ...]  # roles each of them holds, most first

    @property
    def most_roles(self) -> int:
        return self.per_person[0] if self.per_person else 0


@dataclass(frozen=True, slots=True)
class GroupNumbers:
    """The numbers of one group, or of the whole network (`group` None) over every group."""

    group: str | None
    groups: tuple[str, ...]  # the groups counted: (group,), or every region and theme
    target: int  # meetings a year
    held: int  # meetings held, all years
    last_held: dt.date | None
    next_planned: dt.date | None  # the first meeting not yet taken place
    first_held: dt.date | None
    last_evaluation: dt.date | None  # the last meeting held with kind: evaluation
    facilitators: int  # the group's (a region's own, else the network's) still taking part
    years: tuple[MeetingYear, ...]  # one per report year
    actions: tuple[ActionYear, ...]  # one per report year
    cases: tuple[CaseRow, ...]  # presented in the groups, by id
    case_years: tuple[CaseCounts, ...]  # one per year a case was presented
    case_total: CaseCounts
    commitments: tuple[timeline.OpenCommitment, ...]  # open, overdue first
    by_member: tuple[MemberCommitments, ...]
    members: tuple[MembersInYear, ...]  # one per report year up to this one
    today: Stages
    giving: tuple[Balance, ...]  # by member id
    sources: tuple[SourceCount, ...]  # in the order of KNOWLEDGE_SOURCES

    @property
    def overdue(self) -> int:
        return sum(1 for c in self.commitments if c.overdue)


@dataclass(frozen=True, slots=True)
class ReportNumbers:
    today: dt.date
    years: tuple[int, ...]  # from the first meeting or joining to this year
    network: GroupNumbers
    groups: tuple[GroupNumbers, ...]  # regions by id, then themes by id
    facilitation: Facilitation  # the network's and the regions' facilitators together

    def group(self, gid: str) -> GroupNumbers:
        return next(g for g in self.groups if g.group == gid)


# --- counting ----------------------------------------------------------------------------------


def numbers(model: Model, today: dt.date) -> ReportNumbers:
    basis = _Basis.of(model, today)
    gids = (*sorted(model.regions), *sorted(model.themes))
    target = sum(group_target(model, g) for g in gids if g in model.regions)
    if model.themes:
        target += timeline.policy(model, None, "thematic_per_year")
    members = sorted((m for m in model.all_members if not m.broken), key=lambda m: m.id)
    network = _group_numbers(basis, None, gids, target, members)
    groups = tuple(
        _group_numbers(
            basis,
            gid,
            (gid,),
            group_target(model, gid),
            sorted(
                (m for m in model.all_members if gid in m.groups and not m.broken),
                key=lambda m: m.id,
            ),
        )
        for gid in gids
    )
    return ReportNumbers(today, basis.years, network, groups, _facilitation(model, today))


@dataclass(frozen=True, slots=True)
class MunicipalityNumbers:
    """One municipality of a region: who takes part now, and what it did in the region's
    meetings held."""

    municipality: str
    members: tuple[str, ...]  # members of the region from it today, by id
    present: int  # meetings held (that list attendees) where one of its members attended
    recorded: int  # the region's meetings held that list attendees
    cases: int  # cases presented in the region by its members
    hosted: int  # meetings held that it hosted

    @property
    def presence_rate(self) -> int | None:
        return round(100 * self.present / self.recorded) if self.recorded else None


def municipality_numbers(
    model: Model, region: str, today: dt.date
) -> tuple[MunicipalityNumbers, ...]:
    """Per municipality of `region`, in the region's order."""
    found = model.regions.get(region)
    if found is None:
        return ()
    held = [
        m
        for m in model.meetings_by_group.get(region, ())
        if not m.broken and timeline.has_taken_place(m, today)
    ]
    recorded = [m for m in held if m.attendees is not None]
    # an attendee or owner is resolved only when their id names one member (SPEC §2.3)
    organisation = {m.id: m.organisation for m in model.members.values() if not m.broken}
    owners = [
        organisation.get(c.owner or "")
        for c in model.all_cases
        if not c.broken and model.group_of_case(c) == region
    ]
    out = []
    for municipality in found.municipalities:
        mid = municipality.id
        now = tuple(
            sorted(
                m.id
                for m in model.all_members
                if not m.broken
                and m.organisation == mid
                and region in m.groups
                # taking part today, as KR409 counts: left today counts as left
                and not timeline.has_left(m, today)
                and (m.joined is None or m.joined <= today)
            )
        )
        present = sum(
            1
            for meeting in recorded
            if any(organisation.get(a) == mid for a in meeting.attendees or ())
        )
        out.append(
            MunicipalityNumbers(
                mid,
                now,
                present,
                len(recorded),
                sum(1 for o in owners if o == mid),
                sum(1 for m in held if m.host == mid),
            )
        )
    return tuple(out)


def group_target(model: Model, group: str) -> int:
    """Meetings a year: policy.meetings_per_year for a region, thematic_per_year else."""
    key = "meetings_per_year" if group in model.regions else "thematic_per_year"
    return timeline.policy(model, group, key)


def meetings_of(model: Model, groups: Iterable[str]) -> list[Meeting]:
    """The groups' meetings by date (undated first), then id."""
    out = [m for g in groups for m in model.meetings_by_group.get(g, ())]
    return sorted(out, key=lambda m: (m.date or dt.date.min, m.id))


def active(member: Member, on: dt.date) -> bool:
    """A member on a date: joined on or before it and not left before it."""
    return (
        member.joined is not None
        and member.joined <= on
        and (member.left is None or member.left >= on)
    )


@dataclass(frozen=True, slots=True)
class _Roster:
    """A group's members as the attendance rate counts them, indexed once: how many are
    members on a date (two bisections) and whether an attendee is one (a lookup), so the
    rate costs the attendance entries, not members x meetings (issue 16).

    Only members who can be active at all: joined, and not left before joining.
    """

    joined: list[dt.date]  # sorted
    left: list[dt.date]  # sorted, of those who left
    members: Mapping[str, Member]

    @classmethod
    def of(cls, members: Iterable[Member]) -> _Roster:
        kept = {
            m.id: m
            for m in members
            if not m.broken and m.joined is not None and (m.left is None or m.left >= m.joined)
        }
        return cls(
            sorted(m.joined for m in kept.values() if m.joined is not None),
            sorted(m.left for m in kept.values() if m.left is not None),
            kept,
        )

    def count_on(self, on: dt.date) -> int:
        """Members on a date: joined on or before it, minus those who left before it (each
        of whom had joined before leaving)."""
        return bisect.bisect_right(self.joined, on) - bisect.bisect_left(self.left, on)

    def present(self, attendees: Iterable[str], on: dt.date) -> int:
        """How many of the attendees were members on that date."""
        members = self.members
        here = members.keys() & set(attendees)
        if self.count_on(on) == len(members):  # everyone was a member then: no date to check
            return len(here)
        return sum(1 for a in here if active(members[a], on))


@dataclass(frozen=True, slots=True)
class _Basis:
    """What every group's numbers draw on, worked out once."""

    model: Model
    today: dt.date
    years: tuple[int, ...]
    cases: tuple[tuple[Case, CaseRow], ...]
    commitments: tuple[timeline.OpenCommitment, ...]
    rosters: Mapping[str, _Roster]

    @classmethod
    def of(cls, model: Model, today: dt.date) -> _Basis:
        commitments = tuple(timeline.open_commitments(model, today))
        # by file: two case files may share an id (SPEC §2.3)
        overdue = {c.where.path for c in commitments if c.kind == "intention" and c.overdue}
        rows = []
        for case in sorted(model.all_cases, key=lambda c: (c.id, c.loc.path)):
            if case.broken:
                continue
            reported_at = model.meetings.get(
                (case.follow_up.reported_at or "") if case.follow_up else ""
            )
            if case.status == "dropped":
                state = "dropped"
            elif case.follow_up is not None or case.status == "followed-up":
                state = "followed-up"
            else:
                state = "overdue" if case.loc.path in overdue else "open"
            row = CaseRow(
                shown_case(model, case),
                timeline.intention_due(model, case, today).date,
                reported_at.date if reported_at else None,
                state,
            )
            rows.append((case, row))
        by_group: dict[str, list[Member]] = defaultdict(list)
        for member in model.all_members:  # every file's (SPEC §2.3)
            for group in dict.fromkeys(member.groups):
                by_group[group].append(member)
        rosters = {group: _Roster.of(members) for group, members in by_group.items()}
        return cls(model, today, _years(model, today), tuple(rows), commitments, rosters)

    def held(self, groups: Iterable[str]) -> list[Meeting]:
        return [
            m for m in meetings_of(self.model, groups) if timeline.has_taken_place(m, self.today)
        ]


def _years(model: Model, today: dt.date) -> tuple[int, ...]:
    seen = {m.date.year for m in model.all_meetings if m.date}
    seen |= {m.joined.year for m in model.all_members if m.joined}
    if not seen:
        return (today.year,)
    last = max(max(seen), today.year)
    return tuple(range(min(seen), last + 1))


_NOBODY = _Roster([], [], {})


def _group_numbers(
    basis: _Basis,
    group: str | None,
    groups: Sequence[str],
    target: int,
    members: Sequence[Member],
) -> GroupNumbers:
    wanted = set(groups)
    held = basis.held(groups)
    later = [
        m for m in meetings_of(basis.model, groups) if not timeline.has_taken_place(m, basis.today)
    ]
    cases = [(case, row) for case, row in basis.cases if row.case.group in wanted]
    rows = [row for _case, row in cases]
    commitments = tuple(c for c in basis.commitments if _in_scope(basis.model, c, wanted))
    return GroupNumbers(
        group=group,
        groups=tuple(groups),
        target=target,
        held=len(held),
        last_held=held[-1].date if held else None,
        next_planned=later[0].date if later else None,
        first_held=next((m.date for m in held if m.date), None),
        last_evaluation=max(
            (m.date for m in held if m.kind == "evaluation" and m.date), default=None
        ),
        facilitators=len(
            _active_facilitators(basis.model, _facilitators_of(basis.model, group), basis.today)
        ),
        years=_meeting_years(basis, groups, target),
        actions=_action_years(basis, groups, commitments),
        cases=tuple(rows),
        case_years=_case_years(rows),
        case_total=_case_counts(None, rows),
        commitments=commitments,
        by_member=_by_member(commitments),
        members=_members_in_years(basis, members),
        today=_stages([m for m in members if active(m, basis.today)]),
        giving=_giving(basis, groups, members, rows),
        sources=_sources(basis, groups, [case for case, _row in cases]),
    )


def _meeting_years(basis: _Basis, groups: Sequence[str], target: int) -> tuple[MeetingYear, ...]:
    model, today = basis.model, basis.today
    # Counted in plain lists and numbers per year, frozen once at the end: one pass over the
    # meetings whatever their number in a year.
    held: Counter[int] = Counter()
    scheduled: Counter[int] = Counter()
    present: Counter[int] = Counter()
    expected: Counter[int] = Counter()
    sizes: defaultdict[int, list[int]] = defaultdict(list)
    hosts: defaultdict[int, list[str]] = defaultdict(list)
    kinds: defaultdict[int, list[str]] = defaultdict(list)
    years = set(basis.years)
    for meeting in meetings_of(model, groups):
        if meeting.date is None or meeting.date.year not in years:
            continue
        year = meeting.date.year
        if not timeline.has_taken_place(meeting, today):
            scheduled[year] += 1
            continue
        held[year] += 1
        if meeting.host:
            hosts[year].append(meeting.host)
        if meeting.kind:
            kinds[year].append(meeting.kind)
        if meeting.attendees is not None and meeting.group is not None:
            roster = basis.rosters.get(meeting.group, _NOBODY)
            sizes[year].append(len(meeting.attendees))
            expected[year] += roster.count_on(meeting.date)
            present[year] += roster.present(meeting.attendees, meeting.date)
    return tuple(
        MeetingYear(
            y,
            target,
            held=held[y],
            scheduled=scheduled[y],
            present=present[y],
            expected=expected[y],
            sizes=tuple(sizes[y]),
            hosts=tuple(hosts[y]),
            kinds=tuple(kinds[y]),
        )
        for y in basis.years
    )


def _action_years(
    basis: _Basis, groups: Sequence[str], commitments: Sequence[timeline.OpenCommitment]
) -> tuple[ActionYear, ...]:
    opened: Counter[int] = Counter()
    closed: Counter[int] = Counter()
    for meeting in meetings_of(basis.model, groups):
        for action in meeting.actions:
            if meeting.date is not None and timeline.has_taken_place(meeting, basis.today):
                opened[meeting.date.year] += 1
            if action.closed is not None and not timeline.action_open(action, basis.today):
                closed[action.closed.year] += 1
    overdue: Counter[int] = Counter()
    for c in commitments:
        set_at = basis.model.meetings.get(c.set_at or "") if c.kind == "action" else None
        if c.overdue and set_at is not None and set_at.date is not None:
            overdue[set_at.date.year] += 1
    return tuple(ActionYear(y, opened[y], closed[y], overdue[y]) for y in basis.years)


def _facilitators_of(model: Model, group: str | None) -> tuple[Facilitator, ...]:
    """A region's own facilitators, else the network's (a theme shares the network's)."""
    region = model.regions.get(group or "")
    if region is not None and region.facilitators:
        return region.facilitators
    return model.network.facilitators if model.network is not None else ()


def _active_facilitators(
    model: Model, facilitators: Iterable[Facilitator], today: dt.date
) -> dict[str, set[str]]:
    """Facilitator -> their roles, leaving out whoever has left (an unknown member counts)."""
    roles: dict[str, set[str]] = {}
    for f in facilitators:
        person = model.members.get(f.member)
        if person is None or not timeline.has_left(person, today):
            roles.setdefault(f.member, set()).update(f.roles)
    return roles


def _facilitation(model: Model, today: dt.date) -> Facilitation:
    everyone = [*_facilitators_of(model, None)]
    for region in model.all_regions:  # each region file's own facilitators (SPEC §2.3)
        everyone.extend(region.facilitators)
    roles = _active_facilitators(model, everyone, today)
    held = Counter(role for taken in roles.values() for role in taken)
    return Facilitation(
        len(roles),
        tuple((role, held[role]) for role in FACILITATOR_ROLES),
        tuple(sorted((len(taken) for taken in roles.values()), reverse=True)),
    )


def _case_years(rows: Sequence[CaseRow]) -> tuple[CaseCounts, ...]:
    """The cases by the year they were presented (a case without a date in none of them)."""
    by_year: dict[int, list[CaseRow]] = {}
    for r in rows:
        if r.case.presented:
            by_year.setdefault(r.case.presented.year, []).append(r)
    return tuple(_case_counts(year, by_year[year]) for year in sorted(by_year))


def _case_counts(year: int | None, rows: Sequence[CaseRow]) -> CaseCounts:
    count = Counter(r.state for r in rows)
    days = [d for r in rows if r.state == "followed-up" and (d := r.days) is not None]
    return CaseCounts(
        year,
        len(rows),
        count["followed-up"],
        count["overdue"],
        count["open"],
        count["dropped"],
        statistics.median(days) if days else None,
    )


def _in_scope(model: Model, c: timeline.OpenCommitment, groups: set[str]) -> bool:
    if c.kind == "attendance":
        member = model.members.get(c.ref)
        return member is not None and bool(groups & set(member.groups))
    return c.group in groups


def _by_member(commitments: Sequence[timeline.OpenCommitment]) -> tuple[MemberCommitments, ...]:
    counted: dict[str, Counter[str]] = {}
    for c in commitments:
        key = c.owner or ""
        counted.setdefault(key, Counter())[c.kind + (":overdue" if c.overdue else ":open")] += 1
    out = []
    for owner in sorted(counted):
        n = counted[owner]
        if n["attendance:overdue"]:
            attendance: str | None = "missed"
        else:
            attendance = "running" if n["attendance:open"] else None
        out.append(
            MemberCommitments(
                owner or None,
                n["action:open"],
                n["action:overdue"],
                n["intention:open"],
                n["intention:overdue"],
                attendance,
            )
        )
    return tuple(out)


def _members_in_years(basis: _Basis, members: Sequence[Member]) -> tuple[MembersInYear, ...]:
    today = basis.today
    out = []
    for year in (y for y in basis.years if y <= today.year):
        end = min(dt.date(year, 12, 31), today)
        out.append(
            MembersInYear(
                year,
                sum(1 for m in members if m.joined and m.joined.year == year),
                sum(1 for m in members if m.left and m.left.year == year),
                sum(1 for m in members if active(m, end)),
            )
        )
    return tuple(out)


def _stages(members: Sequence[Member]) -> Stages:
    stages = Counter(m.stage or "" for m in members)
    return Stages(len(members), stages["starter"], stages["advanced"])


def _giving(
    basis: _Basis, groups: Sequence[str], members: Sequence[Member], cases: Sequence[CaseRow]
) -> tuple[Balance, ...]:
    given: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def of(mid: str) -> Counter[str]:
        return given[mid]

    attended: Counter[str] = Counter()
    for meeting in basis.held(groups):
        attended.update(meeting.attendees or ())  # counted in C: one step per entry
        for p in meeting.presentations:
            if p.speaker:
                of(p.speaker)["presentations"] += 1
        if meeting.next and meeting.next.prepared_by:
            of(meeting.next.prepared_by)["prepared"] += 1
        for action in meeting.actions:
            if action.owner:
                of(action.owner)["actions"] += 1
        for update in meeting.updates:
            if update.member:
                of(update.member)["updates"] += 1
    for row in cases:
        if row.case.owner:
            of(row.case.owner)["cases"] += 1
    for mid, n in attended.items():
        of(mid)["attended"] = n
    ids = sorted({m.id for m in members} | set(given))
    return tuple(
        Balance(
            mid,
            attended=n["attended"],
            cases=n["cases"],
            presentations=n["presentations"],
            prepared=n["prepared"],
            actions=n["actions"],
            updates=n["updates"],
        )
        for mid, n in ((mid, given.get(mid, Counter())) for mid in ids)
    )


def _sources(
    basis: _Basis, groups: Sequence[str], cases: Sequence[Case]
) -> tuple[SourceCount, ...]:
    presentations = Counter(p.knowledge_source for m in basis.held(groups) for p in m.presentations)
    in_cases = Counter(s for case in cases for s in case.knowledge_sources)
    return tuple(SourceCount(s, presentations[s], in_cases[s]) for s in KNOWLEDGE_SOURCES)
