"""One facilitator, or one person holding every facilitating role.

What it does: reports a network (`network/network.yaml`), or a region that names its own
facilitators (`network/regions/<id>.yaml`), with only one facilitator still taking part,
and one person who is networker, process-guide and chair at once. Facilitators whose
member file has a `left` date before today no longer count.

Why is this bad: when everything hangs on one person, the network stops the day that
person changes jobs or falls ill — nobody else knows the members, the agenda or the open
follow-ups. The roles also ask different things: the networker keeps people connected, the
process guide watches over the intervision method, the chair leads the meeting. Whoever
leads the meeting cannot also watch the process. Ask a member to take on one of the roles.

Example:

    facilitators:
      - member: anna-de-vries
        roles: [networker, process-guide, chair]

Use instead:

    facilitators:
      - member: anna-de-vries
        roles: [networker, chair]
      - member: lotte-brinkman
        roles: [process-guide]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._health import KEY_ROLES, by_member
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T, Text
from kring.core.model import Facilitator, Model
from kring.core.timeline import has_left

RULE = Rule(Code.SINGLE_FACILITATOR, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    network = model.network
    if network is not None and not network.broken:
        yield from _review(model, ctx, network.name or T("the network"), network.facilitators)
    for region in model.all_regions:
        # a region without facilitators of its own shares the network's: reported once, above
        if region.facilitators and not region.broken:
            yield from _review(model, ctx, region.name or region.id, region.facilitators)


def _review(
    model: Model, ctx: Context, group: str | Text, facilitators: tuple[Facilitator, ...]
) -> Iterator[Finding]:
    held = by_member(facilitators)
    # an unknown member is KR201's finding; count it as taking part so nothing cascades
    gone = [
        m
        for m in held
        if (person := model.members.get(m)) is not None and has_left(person, ctx.today)
    ]
    active = [m for m in held if m not in gone]
    if len(active) == 1 and not gone:
        yield RULE.at(
            held[active[0]].entry.loc.at("member"),
            T("{group} has only one facilitator, '{member}'", group=group, member=active[0]),
            T(
                "add a second facilitator under facilitators: and share the roles networker, "
                "process-guide and chair"
            ),
        )
        return
    if len(active) <= 1 and gone:
        where = held[gone[0]].entry.loc.at("member")
        left = ", ".join(f"'{m}'" for m in gone)
        message = (
            T(
                "{group} has only one facilitator still taking part, '{member}': {left} left",
                group=group,
                member=active[0],
                left=left,
            )
            if active
            else T(
                "{group} has no facilitator still taking part: {left} left", group=group, left=left
            )
        )
        yield RULE.at(
            where,
            message,
            T("replace the facilitator who left with a member who takes part, and share the roles"),
        )
        return
    for member in active:
        if held[member].roles >= KEY_ROLES:
            entry = held[member].entry
            yield RULE.at(
                entry.loc.at("roles"),
                T(
                    "'{member}' is networker, process-guide and chair of {group} at once",
                    member=member,
                    group=group,
                ),
                T(
                    "give one of these roles to another facilitator: whoever chairs the meeting "
                    "cannot also watch the process"
                ),
            )
