"""`kring report`: the overview pages that members read in the git host's web view.

SPEC §4: `network/README.md` for the network and one page per group (`network/regions/<id>.md`,
`network/themes/<id>.md`), Markdown with Mermaid charts and a table beside each chart. The
pages depend on the data and `today` only — sorted everywhere, no timestamps — so the same
input gives the same bytes and regenerating changes only what changed.

The numbers come from kring.views.report_numbers, which also says how each is counted; this
module words them, links them and draws them.

Pages members can open (issue 16): the git host truncates a rendered page beyond 500 KiB, so
no page is over PAGE_LIMIT. The overview and group pages list the meetings and cases of the
recent years (timeline.RECENT_YEARS, counted back from today's); those of earlier years are on
one archive page per year, `network/archive/<YYYY>.md`, which the pages link to. A page that would
still be too large (a network of thousands of members, say) shows the first rows of its long
tables and says how many it leaves out.

SPEC §7: a confidential case shows only its id, owner, group, dates and status. Its title
appears only when the case says `confidential: false`; its question, intention, narrative
and follow-up text never appear. Knowledge sources of all cases are counted in aggregate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kring.core import page_stamp, timeline
from kring.core.i18n import T, _, current_language, using_language
from kring.core.layout import ARCHIVE_DIR, NETWORK_DIR
from kring.core.model import Model
from kring.core.phrases import MEETING_KINDS, decimal, facilitator_role, meeting_kind
from kring.views import lessons, markup, matchmaking, mermaid
from kring.views.markup import text
from kring.views.page_plan import Page
from kring.views.report_numbers import (
    CaseCounts,
    GroupNumbers,
    MeetingYear,
    ReportNumbers,
    meetings_of,
    municipality_numbers,
    numbers,
)

NONE = "—"

PAGE_LIMIT = 400 * 1024  # bytes of a page; the web view truncates beyond 500 KiB
# The rows a long table keeps when its page would be larger than PAGE_LIMIT: tried in turn.
_ROW_CAPS = (1000, 300, 100, 30, 10)


def stamped(below: str, today: dt.date) -> str:
    """A page: the marker line (core.page_stamp: generated, as of when, in which language,
    the digest of the rest), then `below`."""
    tail = _("a generated page: do not edit it, edit the data files and it is regenerated")
    lang = current_language()
    return page_stamp.first_line(below, today, lang, tail.replace("--", "-")) + "\n" + below


def written(model: Model, today: dt.date, lang: str) -> dict[str, str]:
    """Every page as `kring report` writes it as of `today` in `lang`, by path: what a
    change that edits a page is held against (KR008)."""
    with using_language(lang):
        return {page.path: page.text for page in pages(model, today)}


def pages(model: Model, today: dt.date) -> list[Page]:
    """Every page, the network's first, then regions and themes by id, their lessons pages,
    then the archive of earlier years by year.

    A group whose id another group's file shares has no page (SPEC §2.3: its meetings and
    members belong to neither); its page is left as it is until the id is made unique."""
    facts = _Facts(model, numbers(model, today))
    out = [_fitted(f"{NETWORK_DIR}/README.md", facts, _network_page)]
    for gid in sorted(model.regions):
        if not model.regions[gid].broken:
            out.append(_fitted(f"{NETWORK_DIR}/regions/{gid}.md", facts, _group_page, gid))
    for gid in sorted(model.themes):
        if not model.themes[gid].broken:
            out.append(_fitted(f"{NETWORK_DIR}/themes/{gid}.md", facts, _group_page, gid))
    for folder, groups in (("regions", model.regions), ("themes", model.themes)):
        for gid in sorted(g for g, record in groups.items() if not record.broken):
            below = lessons.page(model, gid, today, f"../{folder}/{gid}.md")
            out.append(Page(lessons.path_of(gid), stamped(_bounded(below), today)))
    for year in facts.archived():
        out.append(_fitted(archive_path(year), facts, _archive_page, year))
    return out


# Bytes kept free below PAGE_LIMIT for a page's first line (`stamped`): the page is cut to
# size before it is stamped, as the stamp holds the digest of what is below it.
_FIRST_LINE_ROOM = 512


def _bounded(text: str) -> str:
    """A page with no long tables to cut (a group's lessons), below its first line: if it is
    over PAGE_LIMIT, the blocks that fit and a note that says the rest is left out."""
    limit = PAGE_LIMIT - _FIRST_LINE_ROOM
    if len(text.encode("utf-8", "surrogateescape")) <= limit:
        return text
    note = _note(_("The rest is left out, to keep this page small enough for the web view."))
    room = limit - len(note.encode("utf-8")) - 2
    kept = text.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    kept = kept[: kept.rfind("\n\n") + 1] if "\n\n" in kept else kept
    return kept + "\n" + note


def archive_path(year: int) -> str:
    return f"{NETWORK_DIR}/{ARCHIVE_DIR}/{year:04d}.md"


def _fitted(path: str, facts: _Facts, render: Any, *args: Any) -> Page:
    """The page as `render` writes it, stamped; if that is over PAGE_LIMIT, with its long
    tables cut to fewer rows, step by step, until it fits (the same input gives the same
    page)."""
    text = stamped(render(facts, *args), facts.today)
    for cap in _ROW_CAPS:
        if len(text.encode("utf-8", "surrogateescape")) <= PAGE_LIMIT:
            break
        text = stamped(render(replace(facts, rows=cap), *args), facts.today)
    return Page(path, text)


# --- names and links both kinds of page use ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    model: Model
    numbers: ReportNumbers
    rows: int | None = None  # at most this many rows in a long table (see _fitted)

    @property
    def today(self) -> dt.date:
        return self.numbers.today

    @property
    def first_recent(self) -> int:
        """The first year whose meetings and cases the overview and group pages list."""
        return timeline.first_recent_year(self.today)

    def archived(self) -> list[int]:
        """The years before the recent ones that have a meeting or a case: one archive page
        each."""
        return timeline.archived_years(self.model, self.today)

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


def _pct(value: int | None) -> str:
    return NONE if value is None else f"{value}%"


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else NONE


def _href(up: str, path: str) -> str:
    """A link from a page to a file under network/ (pages live in network/ or one below)."""
    return up + path.removeprefix(f"{NETWORK_DIR}/")


def _note(value: str) -> str:
    return f"_{value}_\n"


def _long_table(
    facts: _Facts, headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = ""
) -> str:
    """A table that may grow with the network: cut to facts.rows rows, with a note, when the
    page would otherwise be too large to open."""
    cap = facts.rows
    if cap is None or len(rows) <= cap:
        return markup.table(headers, rows, align)
    left = len(rows) - cap
    note = T("{n} more rows are left out, to keep this page small enough for the web view.", n=left)
    return markup.table(headers, rows[:cap], align) + "\n" + _note(str(note))


def _earlier(facts: _Facts, years: Iterable[int], up: str) -> str:
    """'Earlier years: 2019, 2020, …' linking to the archive pages, or nothing."""
    archived = set(facts.archived())
    links = [markup.link(str(y), _href(up, archive_path(y))) for y in sorted(set(years) & archived)]
    if not links:
        return ""
    return _note(str(T("Earlier years: {years}.", years=", ".join(links))))


# --- meetings and attendance -----------------------------------------------------------------


def _meetings_section(facts: _Facts, group: GroupNumbers, target_note: str) -> str:
    rows: Sequence[MeetingYear] = group.years
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
                    _pct(r.attendance_rate),
                    NONE if r.average_size is None else decimal(r.average_size, ".1f"),
                ]
                for r, host in zip(rows, hosts, strict=True)
            ],
            align="llrrrrr",
        )
    )
    attended = [r for r in rows if r.attendance_rate is not None]
    out.append(f"### {_('Attendance')}\n")
    if attended:
        out.append(
            mermaid.xychart(
                _("Attendance rate per year (%)"),
                [str(r.year) for r in attended],
                _("percent"),
                [("line", [r.attendance_rate or 0 for r in attended])],
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


def _meeting_list(facts: _Facts, groups: Sequence[str], up: str, year: int | None = None) -> str:
    """The groups' meetings, latest first: of the recent years and later (an overview or
    group page, with links to earlier years), or of one year (an archive page, with the
    group of each)."""
    meetings = meetings_of(facts.model, groups)
    shown = [m for m in meetings if _in_view(facts, m.date, year)]
    rows = []
    for meeting in reversed(shown):
        held = timeline.has_taken_place(meeting, facts.today)
        row = [markup.link(_day(meeting.date), _href(up, meeting.loc.path))]
        if year is not None:
            row.append(facts.group_link(meeting.group, up) if meeting.group else NONE)
        row += [
            _kind_label(meeting.kind),
            facts.organisation(meeting.host),
            text(meeting.topic, 80) if meeting.topic else NONE,
            str(len(meeting.attendees)) if held and meeting.attendees is not None else NONE,
            str(len(meeting.apologies)) if held else NONE,
        ]
        rows.append(row)
    out = [f"## {_('Meetings')}\n"]
    if not rows:
        out.append(_note(_("No meetings recorded yet.")))
    else:
        headers = [_("Date"), _("Kind"), _("Host"), _("Topic"), _("Attendees"), _("Apologies")]
        if year is not None:
            headers.insert(1, _("Group"))
        align = "llllrr" if year is None else "lllllrr"
        out.append(_long_table(facts, headers, rows, align=align))
    if year is None:
        earlier = _earlier(facts, (m.date.year for m in meetings if m.date), up)
        if earlier:
            out.append(earlier)
    return "\n".join(out)


def _in_view(facts: _Facts, day: dt.date | None, year: int | None) -> bool:
    """On an archive page: of its year. Elsewhere: undated, or of the recent years or later."""
    if year is not None:
        return day is not None and day.year == year
    return day is None or day.year >= facts.first_recent


# --- intervision ----------------------------------------------------------------------------


def _intervision_section(facts: _Facts, group: GroupNumbers, up: str) -> str:
    cases = group.cases
    out = [f"## {_('Intervision')}\n"]
    if not cases:
        out.append(_note(_("No intervision cases presented yet.")))
        return "\n".join(out)
    summary = [_case_summary(str(counts.year), counts) for counts in group.case_years]
    if len(group.case_years) > 1:
        summary.append(_case_summary(_("all years"), group.case_total))
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
    out.append(f"### {_('Cases')}\n")
    out.append(_case_table(facts, cases, up, None))
    earlier = _earlier(facts, (r.case.presented.year for r in cases if r.case.presented), up)
    if earlier:
        out.append(earlier)
    return "\n".join(out)


def _case_table(facts: _Facts, cases: Sequence[Any], up: str, year: int | None) -> str:
    """The cases presented in the recent years (or in `year`), latest first."""
    state_label = {
        "followed-up": _("followed up"),
        "overdue": _("overdue"),
        "open": _("open"),
        "dropped": _("dropped"),
    }
    rows = []
    shown = [r for r in cases if _in_view(facts, r.case.presented, year)]
    for r in sorted(
        shown, key=lambda r: (r.case.presented or dt.date.min, r.case.id), reverse=True
    ):
        case = r.case
        rows.append(
            [
                markup.link(markup.code(case.id), _href(up, case.path)),
                # SPEC §7: only a case that says `confidential: false` shows its title.
                _("confidential")
                if case.confidential
                else (text(case.title, 90) if case.title else NONE),
                facts.member(case.owner, up),
                facts.group_name(case.group),
                _day(case.presented),
                _day(r.due) if r.due or r.state != "open" else _("next meeting, not yet planned"),
                _day(r.reported),
                state_label[r.state],
            ]
        )
    headers = [
        _("Case"),
        _("Title"),
        _("Case owner"),
        _("Group"),
        _("Presented"),
        _("Follow-up due"),
        _("Followed up"),
        _("Status"),
    ]
    confidential = _note(
        _(
            "Confidential cases show only their id, owner, group, dates and status; "
            "their content stays in the case file."
        )
    )
    if not rows:
        return _note(_("No cases presented in these years.")) + "\n" + confidential
    return _long_table(facts, headers, rows) + "\n" + confidential


def _case_summary(label: str, counts: CaseCounts) -> list[str]:
    median = counts.median_days
    return [
        label,
        str(counts.cases),
        str(counts.followed_up),
        str(counts.overdue),
        str(counts.open),
        str(counts.dropped),
        _pct(counts.follow_up_rate),
        NONE if median is None else decimal(median, "g"),
    ]


# --- commitments ------------------------------------------------------------------------------


def _what(facts: _Facts, c: timeline.OpenCommitment, up: str) -> str:
    model = facts.model
    path = c.where.path  # the commitment's own file, also when its id is shared
    if c.kind == "action":
        what = text(c.what, 80) if c.what else markup.code(c.ref)
        return markup.link(what, _href(up, path))
    if c.kind == "intention":
        # The intention's text is the case's content (SPEC §7): name the case by its id only.
        case_link = markup.link(markup.code(c.ref), _href(up, path))
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


def _commitments_section(facts: _Facts, group: GroupNumbers, up: str) -> str:
    commitments = group.commitments
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
        out.append(_long_table(facts, headers, rows, align="lllllr" if late else "lllll"))
    out.append(f"### {_('By member')}\n")
    attendance = {"missed": _("missed"), "running": _("running")}
    rows = [
        [
            facts.member(n.member, up),
            str(n.actions_open),
            str(n.actions_overdue),
            str(n.intentions_open),
            str(n.intentions_overdue),
            attendance[n.attendance] if n.attendance else NONE,
        ]
        for n in group.by_member
    ]
    out.append(
        _long_table(
            facts,
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


def _members_over_time(facts: _Facts, group: GroupNumbers) -> str:
    today = facts.today
    rows = group.members
    out = [f"## {_('Members over time')}\n"]
    out.append(
        mermaid.xychart(
            _("Members per year"),
            [str(r.year) for r in rows],
            _("members"),
            [("bar", [r.at_end for r in rows]), ("line", [r.joined for r in rows])],
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
            [[str(r.year), str(r.joined), str(r.left), str(r.at_end)] for r in rows],
            align="lrrr",
        )
    )
    now = group.today
    out.append(
        _note(
            str(
                T(
                    "Today {total} members. Stage: starter {starters}, advanced {advanced}, "
                    "not set {unknown}.",
                    total=now.total,
                    starters=now.starters,
                    advanced=now.advanced,
                    unknown=now.not_set,
                )
            )
        )
    )
    return "\n".join(out)


def _giving_section(facts: _Facts, group: GroupNumbers, up: str) -> str:
    rows = []
    for b in group.giving:
        per = NONE if b.per_meeting is None else decimal(b.per_meeting, ".1f")
        member = facts.model.members.get(b.member)
        name = facts.member(b.member, up)
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
                str(b.updates),
                str(b.given),
                per,
            ]
        )
    out = [f"## {_('Giving and taking')}\n"]
    out.append(
        _long_table(
            facts,
            [
                _("Member"),
                _("Meetings attended"),
                _("Cases brought"),
                _("Presentations"),
                _("Topics prepared"),
                _("Actions owned"),
                _("Updates given"),
                _("Contributions"),
                _("Per meeting attended"),
            ],
            rows,
            align="lrrrrrrrr",
        )
    )
    out.append(
        _note(
            _(
                "Contributions: cases brought, presentations given, next topics prepared, "
                "actions taken on and updates given in the round, at meetings held; set "
                "against the meetings attended."
            )
        )
    )
    return "\n".join(out)


MATCHES = 10  # pairs on the network page; `kring match` lists them all


def _matches_section(facts: _Facts) -> str:
    counted: list[int] = []
    found = matchmaking.pairs(facts.model, facts.today, best_of=MATCHES, counted=counted)
    out = [f"## {_('Who could help whom')}\n"]
    if not found:
        out.append(_note(_("No member gives what another member wants, across organisations.")))
        return "\n".join(out)
    out.append(matchmaking.table(facts.model, found))
    out.append(
        _note(
            str(
                T(
                    "What one member gives set beside what a member of another organisation "
                    "wants, by the words they share; those who have not met yet first. Met: "
                    "the meetings both attended. The {shown} best of {n} pairs; kring match "
                    "lists them all.",
                    shown=len(found),
                    n=counted[0],
                )
            )
        )
    )
    return "\n".join(out)


def _municipalities_section(facts: _Facts, region: str, up: str) -> str:
    rows = []
    for n in municipality_numbers(facts.model, region, facts.today):
        members = ", ".join(facts.member(m, up) for m in n.members) or NONE
        present = f"{n.present} / {n.recorded} ({_pct(n.presence_rate)})" if n.recorded else NONE
        rows.append(
            [facts.organisation(n.municipality), members, present, str(n.cases), str(n.hosted)]
        )
    out = [f"## {_('Municipalities')}\n"]
    out.append(
        markup.table(
            [
                _("Municipality"),
                _("Members now"),
                _("Present at meetings held"),
                _("Cases brought"),
                _("Times hosted"),
            ],
            rows,
            align="llrrr",
        )
    )
    out.append(
        _note(
            _(
                "Present: the meetings of the region held that list their attendees, at which "
                "at least one member of the municipality attended. Cases brought: cases "
                "presented in the region by its members."
            )
        )
    )
    return "\n".join(out)


def _sources_section(group: GroupNumbers) -> str:
    labels = {
        "experiential": _("experiential"),
        "professional": _("professional"),
        "scientific": _("scientific"),
    }
    out = [f"## {_('Knowledge sources')}\n"]
    totals = [(labels[s.source], s.total) for s in group.sources]
    if any(n for _label, n in totals):
        out.append(mermaid.pie(_("Knowledge sources in presentations and cases"), totals))
    out.append(
        markup.table(
            [_("Source"), _("Presentations"), _("Cases"), _("Total")],
            [
                [labels[s.source], str(s.presentations), str(s.cases), str(s.total)]
                for s in group.sources
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
    out = ["", f"# {text(name)}\n"]
    if isinstance(data.get("description"), str):
        out.append(text(data["description"]) + "\n")
    out.append(_as_of(facts))
    goals = [g for g in data.get("goals") or () if isinstance(g, str)]
    if goals:
        out.append(f"## {_('Goals')}\n")
        out.append("\n".join(f"- {text(g)}" for g in goals) + "\n")
    network = facts.numbers.network
    out.append(f"## {_('Groups')}\n")
    rows = []
    for group in facts.numbers.groups:
        gid = group.group
        rows.append(
            [
                facts.group_link(gid, ""),
                _("region") if gid in model.regions else _("theme"),
                str(group.today.total),
                _day(group.last_held),
                _day(group.next_planned),
                str(group.held),
            ]
        )
    out.append(
        _long_table(
            facts,
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
    target_note = str(
        T(
            "The target adds up every region's meetings_per_year and the network's "
            "thematic_per_year ({thematic}).",
            thematic=timeline.policy(model, None, "thematic_per_year"),
        )
    )
    out.append(_meetings_section(facts, network, target_note))
    out.append(_by_group(facts))
    out.append(_intervision_section(facts, network, ""))
    out.append(_commitments_section(facts, network, ""))
    out.append(_members_over_time(facts, network))
    out.append(_giving_section(facts, network, ""))
    out.append(_matches_section(facts))
    out.append(_sources_section(network))
    return "\n".join(out)


def _by_group(facts: _Facts) -> str:
    """Meetings held against the target, one row per group, one column per year."""
    rows = []
    for group in facts.numbers.groups:
        cells = [f"{r.held} / {r.target}" if r.held or r.target else NONE for r in group.years]
        rows.append([facts.group_link(group.group, ""), *cells])
    years = facts.numbers.years
    out = [f"### {_('By group')}\n"]
    out.append(
        _long_table(facts, [_("Group"), *(str(y) for y in years)], rows, "l" + "r" * len(years))
    )
    out.append(_note(_("Each cell: meetings held / target for that year.")))
    return "\n".join(out)


def _archive_page(facts: _Facts, year: int) -> str:
    """One earlier year: every group's meetings and the cases presented that year."""
    model = facts.model
    up = "../"
    name = model.network.name if model.network and model.network.name else _("The network")
    out = ["", f"# {text(str(T('{network}: {year}', network=name, year=year)))}\n"]
    out.append(_as_of(facts))
    out.append(markup.link(_("Back to the network overview"), f"{up}README.md") + "\n")
    groups = (*sorted(model.regions), *sorted(model.themes))
    out.append(_meeting_list(facts, groups, up, year))
    out.append(f"## {_('Intervision')}\n")
    out.append(_case_table(facts, facts.numbers.network.cases, up, year))
    return "\n".join(out)


def _facilitators(facts: _Facts, facilitators: Iterable[Any], up: str) -> str:
    lines = []
    for f in facilitators:
        named = ", ".join(text(facilitator_role(r)) for r in f.roles)  # an unknown one is data
        lines.append(f"- {facts.member(f.member, up)}" + (f" — {named}" if named else ""))
    return "\n".join(lines) + "\n"


def _group_page(facts: _Facts, gid: str) -> str:
    model = facts.model
    up = "../"
    region = model.regions.get(gid)
    theme = model.themes.get(gid)
    out = ["", f"# {facts.group_name(gid)}\n"]
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
    out.append(
        str(
            T(
                "What the members learned: {lessons}.",
                lessons=markup.link(_("the lessons of this group"), f"{up}lessons/{gid}.md"),
            )
        )
        + "\n"
    )
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
        out.append(_municipalities_section(facts, gid, up))
    group = facts.numbers.group(gid)
    if region is not None:
        note = str(T("The target is the region's meetings_per_year ({n}).", n=group.target))
    elif theme is not None and "thematic_per_year" in theme.own_policy:
        note = str(T("The target is the theme's own thematic_per_year ({n}).", n=group.target))
    else:
        note = str(
            T(
                "The target is the network's thematic_per_year ({n}): thematic sessions "
                "across the network.",
                n=group.target,
            )
        )
    out.append(_meetings_section(facts, group, note))
    out.append(_meeting_list(facts, [gid], up))
    out.append(_intervision_section(facts, group, up))
    out.append(_commitments_section(facts, group, up))
    out.append(_members_over_time(facts, group))
    out.append(_giving_section(facts, group, up))
    out.append(_sources_section(group))
    return "\n".join(out)
