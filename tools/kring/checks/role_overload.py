"""One facilitator wearing too many hats.

What it does: reports a facilitator of the network (`network/network.yaml`), or of a region
that names its own facilitators, who is both `process-guide` and `expert`, or who holds
`policy.max_roles` roles or more (3 unless set; a region's own policy for its
facilitators; 0 leaves only process-guide with expert). Roles given to one member in two
entries of one list count together. A facilitator who left is not counted, and one who
is networker, process-guide and chair at once is KR401's finding, not reported again here.

Why is this bad: the process guide watches how the group works and keeps the method; the
expert brings content. Whoever does both steers the answers while guarding the process,
and the group leans on that one person for everything. The Almere report advises against
a facilitator who is "zowel procesbegeleider als inhoudelijk deskundige" and against people
with "te veel petten" (research/004_0e1b1fca02ef0560.txt, §4.2.2); its own facilitator,
who was initiator, facilitator, confidant and expert, became nearly irreplaceable ("zoveel
petten draagt", §3.5.1). Divide the roles so that each is clear and fits the person.

Example:

    facilitators:
      - member: lotte-brinkman
        roles: [process-guide, expert]

Use instead:

    facilitators:
      - member: lotte-brinkman
        roles: [expert]
      - member: marieke-jansen
        roles: [process-guide]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._health import KEY_ROLES, by_member
from kring.checks.context import Context
from kring.core import phrases
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T, Text
from kring.core.model import Facilitator, Model
from kring.core.timeline import has_left, policy

RULE = Rule(Code.ROLE_OVERLOAD, __doc__ or "")

_GUIDE_AND_EXPERT = frozenset({"process-guide", "expert"})
_ORDER = tuple(phrases.FACILITATOR_ROLES)


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    network = model.network
    if network is not None and not network.broken:
        limit = policy(model, None, "max_roles")
        name = network.name or T("the network")
        yield from _review(model, ctx, name, network.facilitators, limit, network.loc.path)
    # every region file on its own facts, also one whose id another file shares (SPEC §2.3)
    for region in model.all_regions:
        if region.facilitators and not region.broken:
            limit = max(0, region.policy["max_roles"])  # as timeline.policy reads it
            name = region.name or region.id
            yield from _review(model, ctx, name, region.facilitators, limit, region.loc.path)


def _review(
    model: Model,
    ctx: Context,
    group: str | Text,
    facilitators: tuple[Facilitator, ...],
    limit: int,
    path: str,
) -> Iterator[Finding]:
    for member, facilitating in by_member(facilitators).items():
        held = facilitating.roles
        person = model.members.get(member)
        if person is not None and has_left(person, ctx.today):
            continue
        if held >= KEY_ROLES:
            continue  # KR401's finding, reported there once
        both = held >= _GUIDE_AND_EXPERT
        many = limit > 0 and len(held) >= limit
        if not (both or many):
            continue
        named = ", ".join(r for r in _ORDER if r in held)
        if both:
            message = T(
                "'{member}' is both process-guide and expert of {group} ({roles})",
                member=member,
                group=group,
                roles=named,
            )
        else:
            message = T(
                "'{member}' holds {count} roles in {group} ({roles}); the policy's max_roles "
                "is {limit}",
                member=member,
                group=group,
                count=len(held),
                roles=named,
                limit=limit,
            )
        hint = (
            T(
                "give process-guide or expert to another facilitator: whoever guides the "
                "process should not also bring the content"
            )
            if both
            else T(
                "give one of these roles to another facilitator; or, when this is agreed, "
                "raise max_roles under policy: in {path}",
                path=path,
            )
        )
        yield RULE.at(facilitating.entry.loc.at("roles"), message, hint)
