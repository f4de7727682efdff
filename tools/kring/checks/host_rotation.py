"""A municipality hosting again before the others in the rotation had their turn.

What it does: follows each region's meetings, held and planned, in date order, and reports
a meeting whose `host` hosted before while another municipality of the rotation has not
hosted since. The rotation is the region's `host_rotation`, else its municipalities; a
host outside the rotation (a partner, say) is left out of the count. A municipality that
was passed over is named once, not again at every later meeting, until it hosts.

Why is this bad: hosting is how a municipality shows it owns the network: its colleagues
drop in, its director opens the afternoon, its location becomes familiar. When the same
municipality keeps hosting, the others become guests in someone else's network. Let the
next municipality in the rotation host, or write the agreed order in `host_rotation`.

Example:

    # network/regions/achterhoek.yaml: host_rotation: [winterswijk, aalten, oost-gelre]
    # 2026-02-12-achterhoek.md
    host: winterswijk
    # 2026-06-11-achterhoek.md
    host: winterswijk

Use instead:

    # 2026-06-11-achterhoek.md
    host: aalten
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model

RULE = Rule(Code.HOST_ROTATION, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # by id: the region's meetings and members name it; a shared id names neither (KR202)
    for region in model.regions.values():
        if region.broken:
            continue
        rotation = region.host_rotation or tuple(m.id for m in region.municipalities)
        if len(rotation) < 2:
            continue
        last: dict[str, tuple[int, dt.date]] = {}  # host -> (turn, date) it last hosted
        named: set[str] = set()  # passed over and already named in a finding
        place = {m: index for index, m in reversed(list(enumerate(rotation)))}  # first place
        hosted = [
            m
            for m in model.meetings_by_group.get(region.id, ())
            if not m.broken and m.date and m.host in place
        ]
        for turn, meeting in enumerate(hosted):
            host = meeting.host or ""
            previous = last.get(host)
            if previous is not None:
                waiting = [
                    m for m in rotation if m != host and last.get(m, (-1, None))[0] < previous[0]
                ]
                if set(waiting) - named:
                    named.update(waiting)
                    # the one who waited longest (never hosted first), then rotation order
                    turn_of = min(waiting, key=lambda m: (last.get(m, (-1, None))[0], place[m]))
                    yield RULE.at(
                        meeting.loc.at("host"),
                        T(
                            "{host} hosts again before the rest of the rotation had a turn "
                            "since {date}; still waiting: {waiting}",
                            host=host,
                            date=previous[1],
                            waiting=", ".join(waiting),
                        ),
                        T(
                            "it is {next}'s turn: set host: {next}; or write the agreed order "
                            "in host_rotation in {path}",
                            next=turn_of,
                            path=region.loc.path,
                        ),
                    )
            last[host] = (turn, meeting.date or dt.date.min)
            named.discard(host)
