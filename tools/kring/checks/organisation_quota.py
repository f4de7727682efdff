"""More participants of one organisation in a region than policy.per_organisation.

What it does: counts, per region, the members who take part (no `left` date before today)
by `organisation`, and reports an organisation with more than `policy.per_organisation`
(the region's own policy first, else the network's; 2 unless set). The finding points at
the region in the `groups` of the member who joined last.

Why is this bad: a regional platform lives on the exchange between municipalities. When
one organisation fills the room, its own way of working sets the tone, the others become
an audience, and the cases start to sound alike. Agree with the organisation who
represents it on this platform; colleagues can join a thematic meeting instead.

Example:

    # three members of winterswijk in the achterhoek, per_organisation: 2
    groups: [achterhoek]

Use instead:

    groups: [jeugd-en-veiligheid]   # the third colleague joins the theme
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Member, Model
from kring.core.timeline import has_left, policy

RULE = Rule(Code.ORGANISATION_QUOTA, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # One pass over the members, not one per region: region -> organisation -> members.
    taking_part: dict[str, dict[str, list[Member]]] = defaultdict(lambda: defaultdict(list))
    for member in model.all_members:
        if member.broken or not member.organisation or has_left(member, ctx.today):
            continue
        for group in dict.fromkeys(member.groups):  # a group listed twice counts once
            taking_part[group][member.organisation].append(member)
    # by id: the region's meetings and members name it; a shared id names neither (KR202)
    for region in model.regions.values():
        limit = policy(model, region.id, "per_organisation")
        by_organisation = taking_part.get(region.id, {})
        for organisation, members in sorted(by_organisation.items()):
            if len(members) <= limit:
                continue
            members.sort(key=lambda m: (m.joined or dt.date.min, m.id))
            last = members[-1]
            known = model.organisations.get(organisation)
            yield RULE.at(
                last.loc.items("groups")(last.groups.index(region.id)),
                T(
                    "{organisation} has {count} members in {region}, more than the {limit} per "
                    "organisation: {members}",
                    organisation=(known.name if known else None) or organisation,
                    count=len(members),
                    region=region.name or region.id,
                    limit=limit,
                    members=", ".join(m.id for m in members),
                ),
                T(
                    "agree with {organisation} who takes part in {region}; a member who stops "
                    "gets left: YYYY-MM-DD, or raise per_organisation in {path}",
                    organisation=(known.name if known else None) or organisation,
                    region=region.name or region.id,
                    path=region.loc.path,
                ),
            )
