"""No fixed point of contact at the municipality.

What it does: reports a network without `municipal_contact` in `network/network.yaml`, a
contact whose member file says they left before today, and a contact who works for a
partner rather than a municipality.

Why is this bad: a network of municipalities needs one person inside a municipality who is
its fixed point of contact: who answers when a department asks what the network does, who
finds a meeting room, who knows whom to ask for a new member. Without one, the network
depends on goodwill and slowly loses its footing in the organisations it serves. Agree
with one of the members from a municipality that they take this role.

Example:

    name: Kenniskring Sociaal Domein Oost
    facilitators:
      - member: lotte-brinkman
        roles: [process-guide]

Use instead:

    name: Kenniskring Sociaal Domein Oost
    facilitators:
      - member: lotte-brinkman
        roles: [process-guide]
    municipal_contact: anna-de-vries
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._health import is_set
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.timeline import has_left

RULE = Rule(Code.NO_MUNICIPAL_CONTACT, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    network = model.network
    if network is None or network.broken:
        return
    contact = network.municipal_contact
    if contact is None:
        # the contact belongs next to the facilitators; point there, else at the first key
        where = network.loc.key("facilitators") if is_set(network.loc, "facilitators") else None
        yield RULE.at(
            where or network.loc.at(),
            T(
                "the network names no municipal_contact: nobody at a municipality is its fixed "
                "point of contact"
            ),
            T(
                "add municipal_contact: <member-id>, a member who works at one of the "
                "municipalities"
            ),
        )
        return
    member = model.members.get(contact)
    if member is None:
        return  # an unknown member is KR201's finding
    if has_left(member, ctx.today):
        yield RULE.at(
            network.loc.at("municipal_contact"),
            T("the municipal contact '{member}' left on {left}", member=contact, left=member.left),
            T("choose a new municipal_contact among the members who take part"),
        )
        return
    organisation = model.organisations.get(member.organisation or "")
    if organisation is not None and organisation.kind != "municipality":
        yield RULE.at(
            network.loc.at("municipal_contact"),
            T(
                "the municipal contact '{member}' works at {organisation}, not at a municipality",
                member=contact,
                organisation=organisation.name or organisation.id,
            ),
            T("choose a member who works at one of the municipalities"),
        )
