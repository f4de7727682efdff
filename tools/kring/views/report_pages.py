"""`kring report`: the overview pages that members read in the git host's web view.

SPEC §4: `network/README.md` for the network and one page per group (`network/regions/<id>.md`,
`network/themes/<id>.md`), Markdown with Mermaid charts and a table beside each chart. The
pages depend on the data and `today` only — sorted everywhere, no timestamps — so the same
input gives the same bytes and regenerating changes only what changed.

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

SPEC §7: a confidential case shows only its id, owner, group, dates and status. Its title
appears only when the case says `confidential: false`; its question, intention, narrative
and follow-up text never appear. Knowledge sources of all cases are counted in aggregate.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kring.core import timeline
from kring.core.disclosure import shown_case
from kring.core.i18n import T, _
from kring.core.layout import GENERATED_MARKER, NETWORK_DIR
from kring.core.model import Case, Meeting, Member, Model
from kring.core.phrases import MEETING_KINDS, decimal, meeting_kind
from kring.views import markup, mermaid
from kring.views.markup import text

KNOWLEDGE_SOURCES = ("experiential", "professional", "scientific")
NONE = "—"


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative to the repository, with forward slashes
    text: str


def first_line() -> str:
    """The marker line: says the page is generated and by which command (layout.py)."""
    tail = _("a generated page: do not edit it, edit the data files and it is regenerated")
    return f"{GENERATED_MARKER} — {tail.replace('--', '-')} -->"


def orphans(root: Path, model: Model) -> list[str]:
    """Generated pages of groups that no longer exist (kring report never deletes a file)."""
    out = []
    for folder, groups in (("regions", model.regions), ("themes", model.themes)):
        for path in sorted((root / NETWORK_DIR / folder).glob("*.md")):
            if path.stem in groups or path.is_symlink() or not path.is_file():
                continue
            with path.open("rb") as handle:
                if handle.read(len(GENERATED_MARKER)) == GENERATED_MARKER.encode():
                    out.append(f"{NETWORK_DIR}/{folder}/{path.name}")
    return out


def pages(model: Model, today: dt.date) -> list[Page]:
    """Every page, the network's first, then regions and themes by id."""
    facts = _Facts.of(model, today)
    out = [Page(f"{NETWORK_DIR}/README.md", _network_page(facts))]
    for gid in sorted(model.regions):
        if not model.regions[gid].broken:
            out.append(Page(f"{NETWORK_DIR}/regions/{gid}.md", _group_page(facts, gid)))
    for gid in sorted(model.themes):
        if not model.themes[gid].broken:
            out.append(Page(f"{NETWORK_DIR}/themes/{gid}.md", _group_page(facts, gid)))
    return out


# --- the facts both kinds of page draw on ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CaseRow:
    case: Case
    group: str | None
    presented: dt.date | None
    due: dt.date | None
    reported: dt.date | None
    state: str  # "followed-up", "overdue", "open" or "dropped"

    @property
    def days(self) -> int | None:
        if self.presented is None or self.reported is None:
            return None
        return (self.reported - self.presented).days


@dataclass(frozen=True, slots=True)
class _Facts:
    model: Model
    today: dt.date
    years: tuple[int, ...]
    cases: tuple[_CaseRow, ...]
    commitments: tuple[timeline.OpenCommitment, ...]

    @classmethod
    def of(cls, model: Model, today: dt.date) -> _Facts:
        commitments = tuple(timeline.open_commitments(model, today))
        overdue = {c.ref for c in commitments if c.kind == "intention" and c.overdue}
        rows = []
        for case in sorted(model.cases.values(), key=lambda c: c.id):
            if case.broken:
                continue
            presented = model.meetings.get(case.presented_at or "")
            reported_at = model.meetings.get(
                (case.follow_up.reported_at or "") if case.follow_up else ""
            )
            if case.status == "dropped":
                state = "dropped"
            elif case.follow_up is not None or case.status == "followed-up":
                state = "followed-up"
            else:
                state = "overdue" if case.id in overdue else "open"
            rows.append(
                _CaseRow(
                    case,
                    presented.group if presented else None,
                    presented.date if presented else None,
                    timeline.intention_due(model, case, today).date,
                    reported_at.date if reported_at else None,
                    state,
                )
            )
        return cls(model, today, _years(model, today), tuple(rows), commitments)

    def meetings(self, groups: Iterable[str]) -> list[Meeting]:
        out = [m for g in groups for m in self.model.meetings_by_group.get(g, ())]
        return sorted(out, key=lambda m: (m.date or dt.date.min, m.id))

    def held(self, groups: Iterable[str]) -> list[Meeting]:
        return [m for m in self.meetings(groups) if timeline.has_taken_place(m, self.today)]

    def member(self, mid: str | None, up: str) -> str:
        """A member's name linked to their file (the id when the member is unknown)."""
        if mid is None:
            return NONE
        member = self.model.members.get(mid)
        if member is None:
            return markup.code(mid)
        return markup.link(text(member.name or mid), _href(up, member.loc.path))

    def organisation(self, oid: str | None) -> str:
        if oid is None:
            return NONE
        org = self.model.organisations.get(oid)
        return text(org.name if org and org.name else oid)

    def group_name(self, gid: str | None) -> str:
        if gid is None:
            return NONE
        group = self.model.regions.get(gid) or self.model.themes.get(gid)
        return text(group.name if group and group.name else gid)

    def group_link(self, gid: str | None, up: str) -> str:
        if gid in self.model.regions:
            return markup.link(self.group_name(gid), f"{up}regions/{gid}.md")
        if gid in self.model.themes:
            return markup.link(self.group_name(gid), f"{up}themes/{gid}.md")
        return self.group_name(gid)


def _years(model: Model, today: dt.date) -> tuple[int, ...]:
    seen = {m.date.year for m in model.meetings.values() if m.date}
    seen |= {m.joined.year for m in model.members.values() if m.joined}
    if not seen:
        return (today.year,)
    last = max(max(seen), today.year)
    return tuple(range(min(seen), last + 1))


def _active(member: Member, on: dt.date) -> bool:
    return (
        member.joined is not None
        and member.joined <= on
        and (member.left is None or member.left >= on)
    )


def _members_of(model: Model, group: str, on: dt.date) -> set[str]:
    members = model.members.values()
    return {m.id for m in members if group in m.groups and not m.broken and _active(m, on)}


def _target(model: Model, group: str) -> int:
    key = "meetings_per_year" if group in model.regions else "thematic_per_year"
    return timeline.policy(model, group, key)


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else NONE


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else NONE


def _href(up: str, path: str) -> str:
    """A link from a page to a file under network/ (pages live in network/ or one below)."""
    return up + path.removeprefix(f"{NETWORK_DIR}/")


def _note(value: str) -> str:
    return f"_{value}_\n"


# --- meetings and attendance -----------------------------------------------------------------


@dataclass(slots=True)
class _Year:
    year: int
    held: int = 0
    scheduled: int = 0
    target: int = 0
    present: int = 0
    expected: int = 0
    sizes: tuple[int, ...] = ()
    hosts: tuple[str, ...] = ()

    @property
    def rate(self) -> int | None:
        return round(100 * self.present / self.expected) if self.expected else None

    @property
    def average_size(self) -> str:
        return decimal(sum(self.sizes) / len(self.sizes), ".1f") if self.sizes else NONE


def _per_year(facts: _Facts, groups: Sequence[str], target: int) -> list[_Year]:
    model, today = facts.model, facts.today
    rows = {y: _Year(y, target=target) for y in facts.years}
    for meeting in facts.meetings(groups):
        if meeting.date is None or meeting.date.year not in rows:
            continue
        row = rows[meeting.date.year]
        if not timeline.has_taken_place(meeting, today):
            row.scheduled += 1
            continue
        row.held += 1
        if meeting.host:
            row.hosts = (*row.hosts, meeting.host)
        if meeting.attendees is None or meeting.group is None:
            continue
        row.sizes = (*row.sizes, len(meeting.attendees))
        expected = _members_of(model, meeting.group, meeting.date)
        row.expected += len(expected)
        row.present += len(expected & set(meeting.attendees))
    return [rows[y] for y in facts.years]


def _meetings_section(facts: _Facts, groups: Sequence[str], target: int, target_note: str) -> str:
    rows = _per_year(facts, groups, target)
    years = [str(r.year) for r in rows]
    out = [f"## {_('Meetings held against the plan')}\n"]
    out.append(
        mermaid.xychart(
            _("Meetings per year"),
            years,
            _("meetings"),
            [("bar", [r.held for r in rows]), ("line", [r.target for r in rows])],
        )
    )
    out.append(_note(_("Bars: meetings held. Line: the target.") + " " + target_note))
    hosts = [", ".join(sorted({facts.organisation(h) for h in r.hosts})) or NONE for r in rows]
    out.append(
        markup.table(
            [
                _("Year"),
                _("Hosts"),
                _("Held"),
                _("Target"),
                _("Still scheduled"),
                _("Attendance rate"),
                _("Average group size"),
            ],
            [
                [
                    str(r.year),
                    host,
                    str(r.held),
                    str(r.target),
                    str(r.scheduled),
                    NONE if r.rate is None else f"{r.rate}%",
                    r.average_size,
                ]
                for r, host in zip(rows, hosts, strict=True)
            ],
            align="llrrrrr",
        )
    )
    attended = [r for r in rows if r.rate is not None]
    out.append(f"### {_('Attendance')}\n")
    if attended:
        out.append(
            mermaid.xychart(
                _("Attendance rate per year (%)"),
                [str(r.year) for r in attended],
                _("percent"),
                [("line", [r.rate or 0 for r in attended])],
                y_max=100,
            )
        )
    out.append(
        _note(
            _(
                "Attendance rate: of the group's members on the meeting date (joined on or "
                "before it and not yet left), the share who attended the meetings held. "
                "Apologies count as absent; visitors from other groups count towards the "
                "group size but not the rate."
            )
        )
    )
    return "\n".join(out)


def _kind_label(kind: str | None) -> str:
    if kind in MEETING_KINDS:
        return meeting_kind(kind)
    return text(kind) if kind else NONE


def _meeting_list(facts: _Facts, groups: Sequence[str], up: str) -> str:
    rows = []
    for meeting in reversed(facts.meetings(groups)):
        held = timeline.has_taken_place(meeting, facts.today)
        rows.append(
            [
                markup.link(_day(meeting.date), _href(up, meeting.loc.path)),
                _kind_label(meeting.kind),
                facts.organisation(meeting.host),
                text(meeting.topic, 80) if meeting.topic else NONE,
                str(len(meeting.attendees)) if held and meeting.attendees is not None else NONE,
                str(len(meeting.apologies)) if held else NONE,
            ]
        )
    out = [f"## {_('Meetings')}\n"]
    if not rows:
        out.append(_note(_("No meetings recorded yet.")))
    else:
        out.append(
            markup.table(
                [_("Date"), _("Kind"), _("Host"), _("Topic"), _("Attendees"), _("Apologies")],
                rows,
                align="llllrr",
            )
        )
    return "\n".join(out)


# --- intervision ----------------------------------------------------------------------------


def _intervision_section(facts: _Facts, groups: Sequence[str], up: str) -> str:
    wanted = set(groups)
    cases = [r for r in facts.cases if r.group in wanted]
    out = [f"## {_('Intervision')}\n"]
    if not cases:
        out.append(_note(_("No intervision cases presented yet.")))
        return "\n".join(out)
    years = sorted({r.presented.year for r in cases if r.presented})
    summary = []
    for year in years:
        these = [r for r in cases if r.presented and r.presented.year == year]
        summary.append(_case_summary(str(year), these))
    if len(years) > 1:
        summary.append(_case_summary(_("all years"), cases))
    out.append(
        markup.table(
            [
                _("Presented in"),
                _("Cases"),
                _("Followed up"),
                _("Overdue"),
                _("Open, not yet due"),
                _("Dropped"),
                _("Follow-up rate"),
                _("Median days to follow-up"),
            ],
            summary,
            align="lrrrrrrr",
        )
    )
    out.append(
        _note(
            _(
                "Follow-up rate: cases followed up, out of those followed up or overdue (cases "
                "not yet due and dropped cases are left out). Days to follow-up: from the "
                "meeting where the case was presented to the meeting where its follow-up was "
                "reported."
            )
        )
    )
    state_label = {
        "followed-up": _("followed up"),
        "overdue": _("overdue"),
        "open": _("open"),
        "dropped": _("dropped"),
    }
    rows = []
    for r in sorted(cases, key=lambda r: (r.presented or dt.date.min, r.case.id), reverse=True):
        case = r.case
        shown = shown_case(facts.model, case)
        rows.append(
            [
                markup.link(markup.code(case.id), _href(up, case.loc.path)),
                # SPEC §7: only a case that says `confidential: false` shows its title.
                _("confidential")
                if shown.confidential
                else (text(shown.title, 90) if shown.title else NONE),
                facts.member(case.owner, up),
                facts.group_name(r.group),
                _day(r.presented),
                _day(r.due) if r.due or r.state != "open" else _("next meeting, not yet planned"),
                _day(r.reported),
                state_label[r.state],
            ]
        )
    out.append(f"### {_('Cases')}\n")
    out.append(
        markup.table(
            [
                _("Case"),
                _("Title"),
                _("Owner"),
                _("Group"),
                _("Presented"),
                _("Follow-up due"),
                _("Followed up"),
                _("Status"),
            ],
            rows,
        )
    )
    out.append(
        _note(
            _(
                "Confidential cases show only their id, owner, group, dates and status; "
                "their content stays in the case file."
            )
        )
    )
    return "\n".join(out)


def _case_summary(label: str, rows: Sequence[_CaseRow]) -> list[str]:
    count = Counter(r.state for r in rows)
    days = [d for r in rows if r.state == "followed-up" and (d := r.days) is not None]
    median = statistics.median(days) if days else None
    return [
        label,
        str(len(rows)),
        str(count["followed-up"]),
        str(count["overdue"]),
        str(count["open"]),
        str(count["dropped"]),
        _pct(count["followed-up"], count["followed-up"] + count["overdue"]),
        NONE if median is None else decimal(median, "g"),
    ]


# --- commitments ------------------------------------------------------------------------------


def _in_scope(facts: _Facts, c: timeline.OpenCommitment, groups: set[str]) -> bool:
    if c.kind == "attendance":
        member = facts.model.members.get(c.ref)
        return member is not None and bool(groups & set(member.groups))
    return c.group in groups


def _what(facts: _Facts, c: timeline.OpenCommitment, up: str) -> str:
    model = facts.model
    if c.kind == "action":
        meeting_id, _hash, action_id = c.ref.partition("#")
        meeting = model.meetings.get(meeting_id)
        action = next((a for a in meeting.actions if a.id == action_id), None) if meeting else None
        what = text(action.what, 80) if action and action.what else markup.code(c.ref)
        return markup.link(what, _href(up, meeting.loc.path)) if meeting else what
    if c.kind == "intention":
        case = model.cases.get(c.ref)
        # The intention's text is the case's content (SPEC §7): name the case by its id only.
        case_link = markup.code(c.ref)
        if case is not None:
            case_link = markup.link(case_link, _href(up, case.loc.path))
        return str(T("follow-up of case {case}", case=case_link))
    if c.kind != "attendance":  # a kind timeline may add later: its reference says enough
        return markup.code(c.ref)
    member = model.members.get(c.ref)
    coverage = timeline.commitment_coverage(model, member, facts.today) if member else None
    if coverage is None:
        return _("attendance commitment")
    return str(
        T(
            "attend {required} meetings ({attended} attended, {taken} held so far)",
            required=coverage.required,
            attended=coverage.attended,
            taken=coverage.taken_place,
        )
    )


def _commitments_section(facts: _Facts, groups: Sequence[str], up: str) -> str:
    wanted = set(groups)
    commitments = [c for c in facts.commitments if _in_scope(facts, c, wanted)]
    kind_label = {
        "action": _("action"),
        "intention": _("follow-up"),
        "attendance": _("attendance"),
    }
    out = [f"## {_('Open commitments')}\n"]
    if not commitments:
        out.append(_note(_("Nothing open: every action, intention and commitment is met.")))
        return "\n".join(out)
    overdue = [c for c in commitments if c.overdue]
    pending = [c for c in commitments if not c.overdue]
    out.append(
        _note(
            str(
                T(
                    "{overdue} overdue and {pending} still open, as of {today}.",
                    overdue=len(overdue),
                    pending=len(pending),
                    today=facts.today.isoformat(),
                )
            )
        )
    )
    for title, items, late in (
        (_("Overdue"), overdue, True),
        (_("Still open"), pending, False),
    ):
        if not items:
            continue
        out.append(f"### {title}\n")
        headers = [_("Kind"), _("Commitment"), _("Owner"), _("Group"), _("Due")]
        if late:
            headers.append(_("Days overdue"))
        rows = []
        for c in items:
            row = [
                kind_label.get(c.kind, text(c.kind)),
                _what(facts, c, up),
                facts.member(c.owner, up),
                facts.group_name(c.group) if c.kind != "attendance" else NONE,
                _day(c.due.date) if c.due.date else _("next meeting, not yet planned"),
            ]
            if late:
                row.append(str(c.days_late))
            rows.append(row)
        out.append(markup.table(headers, rows, align="lllllr" if late else "lllll"))
    by_member: dict[str, Counter[str]] = {}
    for c in commitments:
        key = c.owner or ""
        by_member.setdefault(key, Counter())[c.kind + (":overdue" if c.overdue else ":open")] += 1
    out.append(f"### {_('By member')}\n")
    rows = []
    for owner in sorted(by_member):
        n = by_member[owner]
        rows.append(
            [
                facts.member(owner or None, up),
                str(n["action:open"]),
                str(n["action:overdue"]),
                str(n["intention:open"]),
                str(n["intention:overdue"]),
                _("missed")
                if n["attendance:overdue"]
                else (_("running") if n["attendance:open"] else NONE),
            ]
        )
    out.append(
        markup.table(
            [
                _("Member"),
                _("Actions open"),
                _("Actions overdue"),
                _("Follow-ups open"),
                _("Follow-ups overdue"),
                _("Attendance commitment"),
            ],
            rows,
            align="lrrrrl",
        )
    )
    return "\n".join(out)


# --- members, giving and taking ---------------------------------------------------------------


def _members_over_time(facts: _Facts, members: Sequence[Member]) -> str:
    today = facts.today
    years = [y for y in facts.years if y <= today.year]
    rows = []
    for year in years:
        end = min(dt.date(year, 12, 31), today)
        rows.append(
            (
                year,
                sum(1 for m in members if m.joined and m.joined.year == year),
                sum(1 for m in members if m.left and m.left.year == year),
                sum(1 for m in members if _active(m, end)),
            )
        )
    out = [f"## {_('Members over time')}\n"]
    out.append(
        mermaid.xychart(
            _("Members per year"),
            [str(r[0]) for r in rows],
            _("members"),
            [("bar", [r[3] for r in rows]), ("line", [r[1] for r in rows])],
        )
    )
    out.append(
        _note(
            str(
                T(
                    "Bars: members at the end of the year (for {year}: today). Line: members "
                    "who joined that year.",
                    year=today.year,
                )
            )
        )
    )
    out.append(
        markup.table(
            [_("Year"), _("Joined"), _("Left"), _("Members at the end of the year")],
            [[str(y), str(j), str(lft), str(n)] for y, j, lft, n in rows],
            align="lrrr",
        )
    )
    now = [m for m in members if _active(m, today)]
    stages = Counter(m.stage or "" for m in now)
    out.append(
        _note(
            str(
                T(
                    "Today {total} members. Stage: starter {starters}, advanced {advanced}, "
                    "not set {unknown}.",
                    total=len(now),
                    starters=stages["starter"],
                    advanced=stages["advanced"],
                    unknown=len(now) - stages["starter"] - stages["advanced"],
                )
            )
        )
    )
    return "\n".join(out)


@dataclass(slots=True)
class _Balance:
    attended: int = 0
    cases: int = 0
    presentations: int = 0
    prepared: int = 0
    actions: int = 0

    @property
    def given(self) -> int:
        return self.cases + self.presentations + self.prepared + self.actions


def _balances(facts: _Facts, groups: Sequence[str]) -> dict[str, _Balance]:
    out: dict[str, _Balance] = {}

    def of(mid: str) -> _Balance:
        return out.setdefault(mid, _Balance())

    for meeting in facts.held(groups):
        for mid in meeting.attendees or ():
            of(mid).attended += 1
        for p in meeting.presentations:
            if p.speaker:
                of(p.speaker).presentations += 1
        if meeting.next and meeting.next.prepared_by:
            of(meeting.next.prepared_by).prepared += 1
        for action in meeting.actions:
            if action.owner:
                of(action.owner).actions += 1
    wanted = set(groups)
    for row in facts.cases:
        if row.group in wanted and row.case.owner:
            of(row.case.owner).cases += 1
    return out


def _giving_section(
    facts: _Facts, groups: Sequence[str], members: Sequence[Member], up: str
) -> str:
    balances = _balances(facts, groups)
    ids = sorted({m.id for m in members} | set(balances))
    rows = []
    for mid in ids:
        b = balances.get(mid, _Balance())
        per = decimal(b.given / b.attended, ".1f") if b.attended else NONE
        member = facts.model.members.get(mid)
        name = facts.member(mid, up)
        if member and member.left and member.left < facts.today:
            name += " " + str(T("(left {date})", date=member.left.isoformat()))
        rows.append(
            [
                name,
                str(b.attended),
                str(b.cases),
                str(b.presentations),
                str(b.prepared),
                str(b.actions),
                str(b.given),
                per,
            ]
        )
    out = [f"## {_('Giving and taking')}\n"]
    out.append(
        markup.table(
            [
                _("Member"),
                _("Meetings attended"),
                _("Cases brought"),
                _("Presentations"),
                _("Topics prepared"),
                _("Actions owned"),
                _("Contributions"),
                _("Per meeting attended"),
            ],
            rows,
            align="lrrrrrrr",
        )
    )
    out.append(
        _note(
            _(
                "Contributions: cases brought, presentations given, next topics prepared and "
                "actions taken on, at meetings held; set against the meetings attended."
            )
        )
    )
    return "\n".join(out)


def _sources_section(facts: _Facts, groups: Sequence[str]) -> str:
    wanted = set(groups)
    presentations = Counter(p.knowledge_source for m in facts.held(groups) for p in m.presentations)
    cases = Counter(s for r in facts.cases if r.group in wanted for s in r.case.knowledge_sources)
    labels = {
        "experiential": _("experiential"),
        "professional": _("professional"),
        "scientific": _("scientific"),
    }
    out = [f"## {_('Knowledge sources')}\n"]
    totals = [(labels[s], presentations[s] + cases[s]) for s in KNOWLEDGE_SOURCES]
    if any(n for _label, n in totals):
        out.append(mermaid.pie(_("Knowledge sources in presentations and cases"), totals))
    out.append(
        markup.table(
            [_("Source"), _("Presentations"), _("Cases"), _("Total")],
            [
                [labels[s], str(presentations[s]), str(cases[s]), str(presentations[s] + cases[s])]
                for s in KNOWLEDGE_SOURCES
            ],
            align="lrrr",
        )
    )
    out.append(
        _note(
            _(
                "Experiential: what practitioners learned by doing. Professional: the "
                "expertise of a field. Scientific: research."
            )
        )
    )
    return "\n".join(out)


# --- the pages ----------------------------------------------------------------------------


def _network_data(model: Model) -> dict[str, Any]:
    for f in model.files:
        if f.place.kind == "network" and f.document and isinstance(f.document.data, dict):
            return f.document.data
    return {}


def _as_of(facts: _Facts) -> str:
    return _note(
        str(
            T(
                "Generated by kring report from the data in this folder, as of {today}. "
                "Edit the data files, not this page.",
                today=facts.today.isoformat(),
            )
        )
    )


def _network_page(facts: _Facts) -> str:
    model = facts.model
    data = _network_data(model)
    name = model.network.name if model.network and model.network.name else _("The network")
    out = [first_line(), "", f"# {text(name)}\n"]
    if isinstance(data.get("description"), str):
        out.append(text(data["description"]) + "\n")
    out.append(_as_of(facts))
    goals = [g for g in data.get("goals") or () if isinstance(g, str)]
    if goals:
        out.append(f"## {_('Goals')}\n")
        out.append("\n".join(f"- {text(g)}" for g in goals) + "\n")
    groups = [*sorted(model.regions), *sorted(model.themes)]
    out.append(f"## {_('Groups')}\n")
    rows = []
    for gid in groups:
        held = facts.held([gid])
        later = [m for m in facts.meetings([gid]) if m not in held]
        rows.append(
            [
                facts.group_link(gid, ""),
                _("region") if gid in model.regions else _("theme"),
                str(len(_members_of(model, gid, facts.today))),
                _day(held[-1].date) if held else NONE,
                _day(later[0].date) if later else NONE,
                str(len(held)),
            ]
        )
    out.append(
        markup.table(
            [
                _("Group"),
                _("Kind"),
                _("Members"),
                _("Last meeting"),
                _("Next meeting"),
                _("Meetings held"),
            ],
            rows,
            align="lllllr",
        )
    )
    if model.network and model.network.facilitators:
        out.append(f"## {_('Facilitators')}\n")
        out.append(_facilitators(facts, model.network.facilitators, ""))
    regions = [g for g in groups if g in model.regions]
    themes = [g for g in groups if g in model.themes]
    target_note = str(
        T(
            "The target adds up every region's meetings_per_year and the network's "
            "thematic_per_year ({thematic}).",
            thematic=timeline.policy(model, None, "thematic_per_year"),
        )
    )
    target = sum(_target(model, g) for g in regions)
    if themes:
        target += timeline.policy(model, None, "thematic_per_year")
    out.append(_meetings_section(facts, groups, target, target_note))
    out.append(_by_group(facts, groups))
    out.append(_intervision_section(facts, groups, ""))
    out.append(_commitments_section(facts, groups, ""))
    members = sorted((m for m in model.members.values() if not m.broken), key=lambda m: m.id)
    out.append(_members_over_time(facts, members))
    out.append(_giving_section(facts, groups, members, ""))
    out.append(_sources_section(facts, groups))
    return "\n".join(out)


def _by_group(facts: _Facts, groups: Sequence[str]) -> str:
    """Meetings held against the target, one row per group, one column per year."""
    rows = []
    for gid in groups:
        per_year = _per_year(facts, [gid], _target(facts.model, gid))
        cells = [f"{r.held} / {r.target}" if r.held or r.target else NONE for r in per_year]
        rows.append([facts.group_link(gid, ""), *cells])
    out = [f"### {_('By group')}\n"]
    out.append(
        markup.table(
            [_("Group"), *(str(y) for y in facts.years)], rows, "l" + "r" * len(facts.years)
        )
    )
    out.append(_note(_("Each cell: meetings held / target for that year.")))
    return "\n".join(out)


def _facilitators(facts: _Facts, facilitators: Iterable[Any], up: str) -> str:
    roles = {
        "initiator": _("initiator"),
        "networker": _("networker"),
        "process-guide": _("process guide"),
        "chair": _("chair"),
        "expert": _("expert"),
        "confidant": _("confidant"),
    }
    lines = []
    for f in facilitators:
        named = ", ".join(roles.get(r, text(r)) for r in f.roles)
        lines.append(f"- {facts.member(f.member, up)}" + (f" — {named}" if named else ""))
    return "\n".join(lines) + "\n"


def _group_page(facts: _Facts, gid: str) -> str:
    model = facts.model
    up = "../"
    region = model.regions.get(gid)
    theme = model.themes.get(gid)
    out = [first_line(), "", f"# {facts.group_name(gid)}\n"]
    if region is not None:
        towns = ", ".join(text(m.name or m.id) for m in region.municipalities)
        out.append(str(T("Regional platform of {municipalities}.", municipalities=towns)) + "\n")
    elif theme is not None:
        kind = _("A standing theme") if theme.structural else _("A theme")
        out.append(
            str(
                T(
                    "{kind} across the regions; any member may attend its meetings.",
                    kind=kind,
                )
            )
            + "\n"
        )
    out.append(_as_of(facts))
    out.append(markup.link(_("Back to the network overview"), f"{up}README.md") + "\n")
    facilitators = region.facilitators if region and region.facilitators else None
    if facilitators is None and model.network is not None:
        facilitators = model.network.facilitators
    if facilitators:
        out.append(f"## {_('Facilitators')}\n")
        out.append(_facilitators(facts, facilitators, up))
    if region is not None and region.host_rotation:
        rotation = " → ".join(facts.organisation(h) for h in region.host_rotation)
        out.append(_note(str(T("Hosts in rotation: {rotation}.", rotation=rotation))))
    if region is not None:
        note = str(
            T(
                "The target is the region's meetings_per_year ({n}).",
                n=_target(model, gid),
            )
        )
    else:
        note = str(
            T(
                "The target is the network's thematic_per_year ({n}): thematic sessions "
                "across the network.",
                n=_target(model, gid),
            )
        )
    out.append(_meetings_section(facts, [gid], _target(model, gid), note))
    out.append(_meeting_list(facts, [gid], up))
    out.append(_intervision_section(facts, [gid], up))
    out.append(_commitments_section(facts, [gid], up))
    members = sorted(
        (m for m in model.members.values() if gid in m.groups and not m.broken),
        key=lambda m: m.id,
    )
    out.append(_members_over_time(facts, members))
    out.append(_giving_section(facts, [gid], members, up))
    out.append(_sources_section(facts, [gid]))
    return "\n".join(out)
