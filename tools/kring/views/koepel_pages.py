"""`kring koepel report`: the koepel's pages, networks side by side (SPEC §10).

`README.md` at the top of the koepel repository compares the networks, and `networks/<id>.md`
shows one network year by year. Everything on them comes from koepel.yaml, the networks'
exports (kring.core.koepel_model.Facts: counts, rates, dates, group ids, the network's own
name) and the koepel's findings; nothing else of a network is known here, so nothing else can
be shown. Text from either source is escaped (kring.views.markup) and Mermaid labels are
quoted (kring.views.mermaid).

Comparisons use the last finished year (the year before the koepel's today): a whole year,
counted the same way in every network, whatever day each network published on. The pages
depend on their inputs and today only — koepel.yaml's order, sorted findings, no timestamps
— so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kring.core.codes import code_of
from kring.core.findings import Finding
from kring.core.i18n import T, _
from kring.core.koepel_model import Facts, Federation, Published, Year
from kring.core.layout import KOEPEL_MARKER
from kring.core.phrases import decimal, facilitator_role
from kring.views import markup, mermaid
from kring.views.markup import text
from kring.views.page_plan import Page
from kring.views.report_numbers import FACILITATOR_ROLES

NONE = "—"


def first_line() -> str:
    """The marker line: says the page is generated, and by which command (layout.py)."""
    tail = _("a generated page: do not edit it; edit koepel.yaml, or the networks' data")
    return f"{KOEPEL_MARKER} — {tail.replace('--', '-')} -->"


def pages(federation: Federation, findings: Sequence[Finding], today: dt.date) -> list[Page]:
    """README.md, then one page per network in koepel.yaml's order."""
    sheet = _Sheet(federation, tuple(findings), today)
    out = [Page("README.md", _overview(sheet))]
    out.extend(
        Page(f"networks/{p.network.id}.md", _network_page(sheet, p))
        for p in federation.published
        if not p.shared  # SPEC §2.3: an id several entries share names no one page
    )
    return out


@dataclass(frozen=True, slots=True)
class _Sheet:
    federation: Federation
    findings: tuple[Finding, ...]
    today: dt.date

    @property
    def year(self) -> int:
        """The year compared: the last finished one."""
        return self.today.year - 1

    def of(self, published: Published) -> list[Finding]:
        """The findings about one network: those within its entry in koepel.yaml."""
        entry = published.network.loc.at()
        last = entry.end_line or entry.line
        return [f for f in self.findings if entry.line <= f.source.line <= last]


# --- small words ---------------------------------------------------------------------------------


def _pct(value: int | None) -> str:
    return NONE if value is None else f"{value}%"


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else NONE


def _note(value: str) -> str:
    return f"_{value}_\n"


def _share(done: int, target: int) -> int | None:
    return round(100 * done / target) if target else None


def _months_since(day: dt.date, today: dt.date) -> int:
    return max(0, (today.year - day.year) * 12 + today.month - day.month)


def _finding_line(finding: Finding) -> str:
    name = finding.code.rule_name
    return (
        f"- {text(finding.message.render())} "
        f"({markup.code(f'{finding.code} {name}')}, {finding.severity.word})"
    )


def _findings_block(findings: Sequence[Finding], none: str) -> str:
    if not findings:
        return _note(none)
    return "\n".join(_finding_line(f) for f in findings) + "\n"


def _network_link(published: Published, up: str = "") -> str:
    if published.shared:
        return f"{text(published.name)} ({markup.code(published.network.id)})"
    return markup.link(text(published.name), f"{up}networks/{published.network.id}.md")


# --- README.md -----------------------------------------------------------------------------------


def _overview(sheet: _Sheet) -> str:
    koepel = sheet.federation.koepel
    published = sheet.federation.published
    read = [p for p in published if p.facts is not None]
    out = [first_line(), "", f"# {text(koepel.name or _('Koepel'))}\n"]
    if koepel.description and koepel.description.strip():
        out.append(text(koepel.description) + "\n")
    out.append(
        str(
            T(
                "The networks of this koepel side by side, from the facts each network "
                "publishes (its network/export.json), as of {today}. {read} of {total} "
                "network(s) could be read. Comparisons are over {year}, the last finished year.",
                today=sheet.today,
                read=len(read),
                total=len(published),
                year=sheet.year,
            )
        )
        + "\n"
    )
    out.append(_networks_table(sheet))
    out.append(f"## {_('Findings')}\n")
    out.append(
        _findings_block(
            sheet.findings, _("No findings: every network's facts were read, and none stands out.")
        )
    )
    if read:
        out.append(_cadence(sheet, read))
        out.append(_attendance(sheet, read))
        out.append(_follow_up(sheet, read))
        out.append(_evaluation(sheet, read))
        out.append(_facilitation(read))
        out.append(_growth(sheet, read))
    return "\n".join(out)


def _networks_table(sheet: _Sheet) -> str:
    y = sheet.year
    rows = []
    for p in sheet.federation.published:
        facts = p.facts
        if facts is None:
            rows.append([_network_link(p), _("no facts: see the findings"), *[NONE] * 7])
            continue
        row = facts.year(y)
        rows.append(
            [
                _network_link(p),
                _day(facts.today),
                str(len(facts.groups)),
                str(facts.members.current),
                f"{row.held} / {row.target}" if row else NONE,
                _pct(row.attendance_rate if row else None),
                _pct(row.follow_up_rate if row else None),
                _day(facts.last_evaluation),
                str(facts.facilitators),
            ]
        )
    out = [f"## {_('Networks')}\n"]
    out.append(
        markup.table(
            [
                _("Network"),
                _("Facts of"),
                _("Groups"),
                _("Members"),
                str(T("Meetings held / target {year}", year=y)),
                str(T("Attendance {year}", year=y)),
                str(T("Follow-up rate {year}", year=y)),
                _("Last evaluation"),
                _("Facilitators"),
            ],
            rows,
            align="llrrrrrlr",
        )
    )
    out.append(
        _note(
            _(
                "Facts of: the day the network computed its facts for. Members: members today. "
                "Attendance and follow-up rate are counted as on each network's own pages: of "
                "the members of a group on a meeting's date, the share present; of the cases "
                "followed up or overdue, the share followed up."
            )
        )
    )
    return "\n".join(out)


def _bar_chart(
    title: str,
    y_title: str,
    values: Sequence[tuple[Published, float]],
    y_max: float | None = None,
    line: Sequence[float] | None = None,
) -> str:
    series: list[tuple[str, Sequence[float]]] = [("bar", [v for _p, v in values])]
    if line is not None:
        series.append(("line", line))
    return mermaid.xychart(title, [p.network.id for p, _v in values], y_title, series, y_max)


def _left_out(read: Sequence[Published], shown: Sequence[tuple[Published, float]]) -> str:
    """A note naming the networks a chart leaves out for want of a value."""
    drawn = {id(p) for p, _v in shown}  # by entry: two entries may share an id
    missing = [p for p in read if id(p) not in drawn]
    if not missing:
        return ""
    return _note(
        str(
            T(
                "Without a value for this: {networks}.",
                networks=", ".join(markup.code(p.network.id) for p in missing),
            )
        )
    )


def _by_year(read: Sequence[Published], year: int) -> list[tuple[Published, Year]]:
    out = []
    for p in read:
        assert p.facts is not None
        row = p.facts.year(year)
        if row is not None:
            out.append((p, row))
    return out


def _cadence(sheet: _Sheet, read: Sequence[Published]) -> str:
    rows = _by_year(read, sheet.year)
    shares = [(p, s) for p, r in rows if (s := _share(r.held, r.target)) is not None]
    out = [f"## {_('Cadence against policy')}\n"]
    if shares:
        top = max([100.0, *(float(v) for _p, v in shares)])
        out.append(
            _bar_chart(
                str(T("Meetings held as a share of the target, {year} (%)", year=sheet.year)),
                _("percent"),
                shares,
                y_max=top,
                line=[100.0] * len(shares),
            )
        )
    out.append(
        _note(
            _(
                "Bars: meetings held as a share of the network's target (each region's "
                "meetings_per_year and the network's thematic_per_year). Line: the target."
            )
        )
    )
    out.append(_left_out(read, shares))
    return "\n".join(part for part in out if part)


def _attendance(sheet: _Sheet, read: Sequence[Published]) -> str:
    rows = _by_year(read, sheet.year)
    rates = [(p, float(r.attendance_rate)) for p, r in rows if r.attendance_rate is not None]
    out = [f"## {_('Attendance')}\n"]
    if rates:
        out.append(
            _bar_chart(
                str(T("Attendance rate, {year} (%)", year=sheet.year)), _("percent"), rates, 100
            )
        )
    out.append(_left_out(read, rates))
    return "\n".join(part for part in out if part)


def _follow_up(sheet: _Sheet, read: Sequence[Published]) -> str:
    rows = _by_year(read, sheet.year)
    rates = [(p, float(r.follow_up_rate)) for p, r in rows if r.follow_up_rate is not None]
    out = [f"## {_('Follow-up rate')}\n"]
    if rates:
        out.append(
            _bar_chart(
                str(T("Follow-up rate of intervision cases, {year} (%)", year=sheet.year)),
                _("percent"),
                rates,
                100,
            )
        )
    out.append(
        _note(
            _(
                "Of the cases presented that year and followed up or overdue, the share "
                "followed up. A network without cases, or whose cases are not due yet, has no "
                "rate."
            )
        )
    )
    out.append(_left_out(read, rates))
    return "\n".join(part for part in out if part)


def _evaluation(sheet: _Sheet, read: Sequence[Published]) -> str:
    ago = []
    for p in read:
        assert p.facts is not None
        if p.facts.last_evaluation is not None:
            ago.append((p, float(_months_since(p.facts.last_evaluation, sheet.today))))
    out = [f"## {_('Evaluation recency')}\n"]
    if ago:
        policy = [float(_evaluation_months(p.facts)) for p, _v in ago if p.facts is not None]
        out.append(
            _bar_chart(
                _("Months since the last evaluation"),
                _("months"),
                ago,
                line=policy,
            )
        )
    out.append(
        _note(
            _(
                "Bars: months since the network's last meeting with kind: evaluation. Line: the "
                "network's policy (evaluation_months)."
            )
        )
    )
    never = [p for p in read if p.facts is not None and p.facts.last_evaluation is None]
    if never:
        out.append(
            _note(
                str(
                    T(
                        "Never evaluated: {networks}.",
                        networks=", ".join(markup.code(p.network.id) for p in never),
                    )
                )
            )
        )
    return "\n".join(out)


def _evaluation_months(facts: Facts) -> int:
    return facts.policy["evaluation_months"]  # the export schema requires it


def _facilitation(read: Sequence[Published]) -> str:
    counts = [(p, float(p.facts.facilitators)) for p in read if p.facts is not None]
    most = [float(p.facts.most_roles) for p in read if p.facts is not None]
    out = [f"## {_('Facilitators')}\n"]
    out.append(_bar_chart(_("Facilitators per network"), _("people"), counts, line=most))
    out.append(
        _note(
            _(
                "Bars: facilitators still taking part. Line: the most roles one of them holds. "
                "The exports name nobody: only counts."
            )
        )
    )
    rows = []
    for p in read:
        facts = p.facts
        assert facts is not None
        held = dict(facts.roles)
        rows.append(
            [
                _network_link(p),
                str(facts.facilitators),
                ", ".join(str(n) for n in facts.roles_per_facilitator) or NONE,
                *(str(held.get(role, 0)) for role in FACILITATOR_ROLES),
            ]
        )
    out.append(
        markup.table(
            [
                _("Network"),
                _("Facilitators"),
                _("Roles each"),
                *(facilitator_role(role) for role in FACILITATOR_ROLES),
            ],
            rows,
            align="lrl" + "r" * len(FACILITATOR_ROLES),
        )
    )
    return "\n".join(out)


def _growth(sheet: _Sheet, read: Sequence[Published]) -> str:
    years = sorted(
        {
            y.year
            for p in read
            if p.facts is not None
            for y in p.facts.totals
            if y.members_at_end is not None and y.year <= sheet.today.year
        }
    )
    out = [f"## {_('Growth')}\n"]
    if not years:
        out.append(_note(_("No members counted yet.")))
        return "\n".join(out)
    totals = []
    rows = []
    for p in read:
        assert p.facts is not None
        at_end = {y.year: y.members_at_end for y in p.facts.totals}
        rows.append([_network_link(p), *(_count(at_end.get(y)) for y in years)])
    for y in years:
        totals.append(
            float(
                sum(
                    row.members_at_end or 0
                    for p in read
                    if p.facts is not None
                    for row in p.facts.totals
                    if row.year == y
                )
            )
        )
    out.append(
        mermaid.xychart(
            _("Members of all networks at the end of each year"),
            [str(y) for y in years],
            _("members"),
            [("line", totals)],
        )
    )
    out.append(markup.table([_("Network"), *(str(y) for y in years)], rows, "l" + "r" * len(years)))
    out.append(
        _note(_("Members at the end of each year; for a network's own year, on its export's day."))
    )
    return "\n".join(out)


def _count(value: int | None) -> str:
    return NONE if value is None else str(value)


# --- networks/<id>.md ----------------------------------------------------------------------------


def _network_page(sheet: _Sheet, published: Published) -> str:
    up = "../"
    out = [first_line(), "", f"# {text(published.name)}\n"]
    out.append(markup.link(_("Back to the koepel"), f"{up}README.md") + "\n")
    facts = published.facts
    where = markup.code(published.where) if published.where else NONE
    if facts is None:
        out.append(
            str(T("No facts of this network could be read from {where}.", where=where)) + "\n"
        )
        out.append(f"## {_('Findings')}\n")
        out.append(_findings_block(sheet.of(published), _("No findings.")))
        return "\n".join(out)
    out.append(
        str(
            T(
                "Facts published by the network for {date} (kring {version}), read from {where}.",
                date=facts.today,
                version=markup.code(facts.kring),
                where=where,
            )
        )
        + "\n"
    )
    out.append(_profile(facts))
    out.append(f"## {_('Findings')}\n")
    out.append(_findings_block(sheet.of(published), _("No findings.")))
    out.append(_years_section(facts))
    out.append(_groups_section(facts, sheet.year))
    out.append(_own_findings(facts))
    return "\n".join(out)


def _profile(facts: Facts) -> str:
    kinds = {"internal": _("internal"), "external": _("external")}
    focuses = {"operational": _("operational"), "strategic": _("strategic")}
    rows = [
        [_("Kind"), kinds.get(facts.kind or "", NONE)],
        [_("Focus"), focuses.get(facts.focus or "", NONE)],
        [_("Members today"), str(facts.members.current)],
        [_("Starters / advanced"), f"{facts.members.starters} / {facts.members.advanced}"],
        [_("Facilitators"), str(facts.facilitators)],
        [
            _("Roles each"),
            ", ".join(str(n) for n in facts.roles_per_facilitator) or NONE,
        ],
        [_("First meeting"), _day(facts.first_meeting)],
        [_("Last evaluation"), _day(facts.last_evaluation)],
        [
            _("Policy: meetings a year per region"),
            str(facts.policy.get("meetings_per_year", NONE)),
        ],
        [
            _("Policy: evaluation every (months)"),
            str(facts.policy.get("evaluation_months", NONE)),
        ],
    ]
    return markup.table([_("Fact"), _("Value")], rows, "lr")


def _years_section(facts: Facts) -> str:
    years = facts.totals
    out = [f"## {_('Year by year')}\n"]
    if not years:
        out.append(_note(_("No meetings or members recorded yet.")))
        return "\n".join(out)
    labels = [str(y.year) for y in years]
    out.append(
        mermaid.xychart(
            _("Meetings per year"),
            labels,
            _("meetings"),
            [("bar", [y.held for y in years]), ("line", [y.target for y in years])],
        )
    )
    out.append(_note(_("Bars: meetings held. Line: the target.")))
    counted = [y for y in years if y.members_at_end is not None]
    if counted:
        out.append(
            mermaid.xychart(
                _("Members at the end of each year"),
                [str(y.year) for y in counted],
                _("members"),
                [("bar", [y.members_at_end or 0 for y in counted])],
            )
        )
    rated = [y for y in years if y.follow_up_rate is not None]
    if rated:
        out.append(
            mermaid.xychart(
                _("Follow-up rate per year (%)"),
                [str(y.year) for y in rated],
                _("percent"),
                [("bar", [y.follow_up_rate or 0 for y in rated])],
                y_max=100,
            )
        )
    out.append(
        markup.table(
            [
                _("Year"),
                _("Held / target"),
                _("Thematic"),
                _("Evaluation"),
                _("Attendance rate"),
                _("Average group size"),
                _("Cases"),
                _("Follow-up rate"),
                _("Median days to follow-up"),
                _("Actions opened / closed / overdue"),
                _("Members at year end"),
                _("Joined / left"),
            ],
            [
                [
                    str(y.year),
                    f"{y.held} / {y.target}",
                    str(y.thematic),
                    str(y.evaluation),
                    _pct(y.attendance_rate),
                    NONE if y.average_size is None else decimal(y.average_size, ".1f"),
                    str(y.cases),
                    _pct(y.follow_up_rate),
                    NONE
                    if y.median_days_to_follow_up is None
                    else decimal(y.median_days_to_follow_up, "g"),
                    f"{y.actions_opened} / {y.actions_closed} / {y.actions_overdue}",
                    _count(y.members_at_end),
                    f"{_count(y.joined)} / {_count(y.left)}",
                ]
                for y in years
            ],
            align="lrrrrrrrrrrr",
        )
    )
    return "\n".join(out)


def _groups_section(facts: Facts, year: int) -> str:
    out = [f"## {_('Groups')}\n"]
    if not facts.groups:
        out.append(_note(_("The network publishes no groups.")))
        return "\n".join(out)
    kinds = {"region": _("region"), "theme": _("theme")}
    rows = []
    for g in facts.groups:
        row = next((y for y in g.years if y.year == year), None)
        rows.append(
            [
                markup.code(g.id),
                kinds.get(g.kind, NONE),
                str(g.target),
                str(g.members.current),
                str(g.facilitators),
                _day(g.last_evaluation),
                f"{row.held} / {row.target}" if row else NONE,
                _pct(row.attendance_rate if row else None),
                _pct(row.follow_up_rate if row else None),
            ]
        )
    out.append(
        markup.table(
            [
                _("Group"),
                _("Kind"),
                _("Target a year"),
                _("Members"),
                _("Facilitators"),
                _("Last evaluation"),
                str(T("Held / target {year}", year=year)),
                str(T("Attendance {year}", year=year)),
                str(T("Follow-up rate {year}", year=year)),
            ],
            rows,
            align="llrrrlrrr",
        )
    )
    return "\n".join(out)


def _own_findings(facts: Facts) -> str:
    out = [f"## {_('What kring check reports in the network')}\n"]
    if not facts.findings:
        out.append(_note(_("Nothing: kring check finds nothing in the network.")))
        return "\n".join(out)
    rows = []
    for code, count in facts.findings:
        known = code_of(code)
        rows.append([markup.code(code), known.rule_name if known else NONE, str(count)])
    out.append(markup.table([_("Code"), _("Check"), _("Findings")], rows, "llr"))
    out.append(
        _note(
            _(
                "Counted by the network's own kring check when it published its facts; the "
                "findings themselves stay in the network."
            )
        )
    )
    return "\n".join(out)
