"""A region, a theme, or the network's themes, meeting less often than the policy asks.

What it does: counts, for every finished calendar year (years before today's), the
meetings of each region — every meeting whose `group` is the region, of any kind — and
compares them with `policy.meetings_per_year` (the region's own policy first, else the
network's). It counts the thematic meetings (`kind: thematic`) across the whole network
against the network's `policy.thematic_per_year` the same way, and the meetings of a theme
that sets its own `policy.thematic_per_year` against that. Counting starts in the year of
the first meeting (of the region or theme; of the network for thematic meetings), and that
first year asks only its share: a region whose first meeting is in September is asked for
four twelfths of a year's meetings, rounded down. A group without any meeting yet is not
counted.

Why is this bad: networks rarely end with a decision; meetings thin out — one is
cancelled, the next is postponed — until people forget the network exists. A region that
meets less often than agreed loses the rhythm that keeps follow-ups and commitments alive.
Plan the coming year's dates together at the next meeting, or, when fewer meetings are a
deliberate choice, write that choice down in the policy.

Example:

    # network/regions/liemers.yaml — the network asks 4 a year; 2025 held two
    name: Liemers

Use instead:

    name: Liemers
    policy:
      meetings_per_year: 2   # agreed at the evaluation of 2024
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from kring.checks._health import finished_years, policy_source
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Meeting, Model
from kring.core.timeline import has_taken_place, policy

RULE = Rule(Code.MEETING_CADENCE, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # by id: the region's meetings and members name it; a shared id names neither (KR202)
    for region in model.regions.values():
        if region.broken:
            continue
        per_year = policy(model, region.id, "meetings_per_year")
        for year, held, expected in _short_years(_held(model, region.id, ctx), per_year, ctx.today):
            yield RULE.at(
                policy_source(region.loc, "meetings_per_year"),
                T(
                    "{region} held {held} of the {expected} meetings the policy asks for {year}",
                    region=region.name or region.id,
                    held=held,
                    expected=expected,
                    year=year,
                ),
                T(
                    "plan this year's meetings of {region} now; if the region meets less often "
                    "on purpose, set policy: meetings_per_year: in {path}",
                    region=region.name or region.id,
                    path=region.loc.path,
                ),
            )
    for theme in model.themes.values():
        # a theme is asked for its own meetings only when it says how many it holds
        if theme.broken or "thematic_per_year" not in theme.own_policy:
            continue
        per_year = policy(model, theme.id, "thematic_per_year")
        for year, held, expected in _short_years(_held(model, theme.id, ctx), per_year, ctx.today):
            yield RULE.at(
                policy_source(theme.loc, "thematic_per_year"),
                T(
                    "{theme} held {held} of the {expected} meetings its policy asks for {year}",
                    theme=theme.name or theme.id,
                    held=held,
                    expected=expected,
                    year=year,
                ),
                T(
                    "plan this year's meetings of {theme}; if it meets less often on purpose, "
                    "lower policy: thematic_per_year: in {path}",
                    theme=theme.name or theme.id,
                    path=theme.loc.path,
                ),
            )
    network = model.network
    if network is None or network.broken:
        return
    # Only the years count here, so the network's meetings need no sorting.
    everything = [m for m in model.all_meetings if not m.broken and has_taken_place(m, ctx.today)]
    thematic = [m for m in everything if m.kind == "thematic"]
    per_year = policy(model, None, "thematic_per_year")
    first = min((m.date for m in everything if m.date), default=None)
    for year, held, expected in _short_years(thematic, per_year, ctx.today, first):
        yield RULE.at(
            policy_source(network.loc, "thematic_per_year"),
            T(
                "the network held {held} of the {expected} thematic meetings the policy asks "
                "for {year}",
                held=held,
                expected=expected,
                year=year,
            ),
            T(
                "plan a meeting of kind: thematic with one of the themes; or lower "
                "thematic_per_year in the policy of {path}",
                path=network.loc.path,
            ),
        )


def _held(model: Model, group: str, ctx: Context) -> list[Meeting]:
    """The group's meetings that took place, in date order (meetings_by_group's)."""
    return [
        m
        for m in model.meetings_by_group.get(group, ())
        if not m.broken and has_taken_place(m, ctx.today)
    ]


def _short_years(
    meetings: list[Meeting], per_year: int, today: dt.date, first: dt.date | None = None
) -> Iterator[tuple[int, int, int]]:
    """(year, held, expected) for each finished year that held fewer than expected."""
    first = first or (meetings[0].date if meetings else None)
    if first is None or per_year <= 0:
        return
    held = Counter(m.date.year for m in meetings if m.date)
    for year in finished_years(first, today):
        expected = per_year
        if year == first.year:
            # the first year asks only the share of the months from the first meeting on
            expected = per_year * (13 - first.month) // 12
        if held[year] < expected:
            yield year, held[year], expected
