"""An id, date or group in a file name that disagrees with the content, or a malformed id.

What it does: checks that a file's name is a valid id (lowercase letters, digits and
single hyphens, at most 64 characters), that a meeting file is named
`<date>-<group>[-<n>].md` with the `date` and `group` of its front matter, and that it sits
in the folder of its year.

Why is this bad: the file name is the id that other files refer to. When name and content
disagree, links point at one meeting while the overview shows another.

Example: `network/meetings/2026/2026-03-12-achterhoek.md` with

    date: 2026-03-19
    group: achterhoek

Use instead: rename the file to `2026-03-19-achterhoek.md`, or correct the date.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.layout import place_of
from kring.core.model import Model

RULE = Rule(Code.ID_MISMATCH, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    yield from surface(RULE, model)
    yield from _case_years(model)


def _case_years(model: Model) -> Iterator[Finding]:
    """A case sits in the folder of the year it was presented."""
    for case in model.all_cases:
        year = place_of(case.loc.path).year  # network/cases/<YYYY>/<id>.md
        # The case's own file (SPEC §2.3: never another file that shares its id).
        meeting = model.meetings.get(case.presented_at or "")
        if year and meeting and meeting.date and str(meeting.date.year) != year:
            yield RULE.at(
                case.loc.at("presented_at"),
                T(
                    "case presented in {year} is in the folder {folder}/",
                    year=meeting.date.year,
                    folder=year,
                ),
                T("move it to network/cases/{year}/", year=meeting.date.year),
            )
