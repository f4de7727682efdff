"""A municipality of a region without a current member.

What it does: reports, per region, a municipality in its `municipalities` that has no
member taking part in the region: nobody whose `organisation` is that municipality, whose
`groups` name the region, who joined on or before today and has not left. It points at the
municipality's entry in the region file. It is information, not a warning: a municipality
may be between participants for a while.

Why is this bad: a regional platform exists for the exchange between its municipalities;
one that is absent brings no practice and takes none home. The KNC platforms prefer two
people per municipality so that every municipality is present at each meeting ("per
gemeente 2 mensen", research/000_f9cbfa0219d1a120.txt, "Bijeenkomsten"), and a platform
lives on the contribution of each participating municipality ("de inbreng van de
deelnemende gemeente", "Inbreng van een deelnemende gemeente"). Ask the municipality whom
they send, or take the municipality out of the region when it left the platform.

Example:

    # network/regions/achterhoek.yaml: nobody from Oost Gelre since Ruud left
    municipalities:
      - id: oost-gelre
        name: Oost Gelre

Use instead: a member from Oost Gelre in the region:

    # network/members/femke-te-brake.yaml
    organisation: oost-gelre
    groups: [achterhoek]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.timeline import has_left

RULE = Rule(Code.MUNICIPALITY_UNREPRESENTED, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # One pass over the members: (region, organisation) pairs that someone represents now.
    present: set[tuple[str, str]] = set()
    for member in model.members.values():
        if member.broken or not member.organisation or has_left(member, ctx.today):
            continue
        if member.joined is not None and member.joined > ctx.today:
            continue
        for group in member.groups:
            present.add((group, member.organisation))
    for region in model.regions.values():
        if region.broken:
            continue
        for municipality in region.municipalities:
            if (region.id, municipality.id) in present:
                continue
            name = municipality.name or municipality.id
            yield RULE.at(
                municipality.loc.at("id"),
                T(
                    "{municipality} has no member taking part in {region}",
                    municipality=name,
                    region=region.name or region.id,
                ),
                T(
                    "ask {municipality} whom they send to the platform and add them as a "
                    "member with organisation: {id} and {region_id} in groups; if the "
                    "municipality left the platform, remove it from municipalities:",
                    municipality=name,
                    id=municipality.id,
                    region_id=region.id,
                ),
            )
