"""A standing theme that no longer meets.

What it does: reports a theme with `structural: true` that has no meeting dated in the
twelve months before today, nor one planned from today on. A meeting exactly twelve months
ago still counts. A one-off theme (`structural: false`, or not said) is not reported. It
points at `structural`.

Why is this bad: a standing cross-link between the regions is there to keep a subject
alive across the platforms; when it stops meeting, it stays on the list as if it were
still there and nobody feels it is gone. The KNC platforms lay their thematic cross-links
as the need arises, "zowel een incidenteel als structureel karakter" (research/
000_f9cbfa0219d1a120.txt, "Dwarsverbanden"), and hold one thematic session among the four
meetings of a year. Plan the theme's next meeting, or say that it was a one-off.

Example:

    # network/themes/jeugd-en-veiligheid.yaml: last met in May of last year
    structural: true

Use instead: plan the next meeting (network/meetings/2026/2026-09-17-jeugd-en-veiligheid.md),
or, when the theme has done its work:

    structural: false
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.timeline import add_months, meetings_before

RULE = Rule(Code.IDLE_THEME, __doc__ or "")

MONTHS = 12


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    since = add_months(ctx.today, -MONTHS)
    for theme in model.themes.values():
        if theme.broken or theme.structural is not True:
            continue
        meetings = [m for m in model.meetings_by_group.get(theme.id, ()) if not m.broken]
        # meetings_by_group is in date order: the latest dated in the window or later decides
        if meetings and meetings[-1].date is not None and meetings[-1].date >= since:
            continue
        earlier = meetings_before(model, theme.id, since)
        last = earlier[-1] if earlier else None
        name = theme.name or theme.id
        message = (
            T(
                "the standing theme {theme} has not met in the last {months} months; its last "
                "meeting was on {date}, and none is planned",
                theme=name,
                months=MONTHS,
                date=last.date,
            )
            if last is not None
            else T(
                "the standing theme {theme} has never met, and no meeting is planned",
                theme=name,
            )
        )
        yield RULE.at(
            theme.loc.at("structural"),
            message,
            T(
                "plan the next meeting of {theme} (kring new meeting {id} --date YYYY-MM-DD), "
                "or set structural: false when it was a one-off",
                theme=name,
                id=theme.id,
            ),
        )
