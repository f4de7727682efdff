"""A member, group, meeting, case or organisation id that does not exist.

What it does: follows every reference between files — a member's organisation and groups,
a meeting's group, host, chair, attendees, apologies, speakers, action owners and cases, a
case's owner, `presented_at` and `follow_up.reported_at`, facilitators, the municipal
contact and a region's host rotation — and reports each id that names nothing, with the
closest existing id as a "did you mean".

Why is this bad: a misspelt id silently drops a person from the attendance count, a case
from its meeting, or a follow-up from the list of commitments.

Example:

    attendees: [anna-de-vries, bram-jansen, ana-bakker]

Use instead:

    attendees: [anna-de-vries, bram-jansen, anna-bakker]
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from kring.context import Context
from kring.findings import Finding, Rule, Severity, Source
from kring.i18n import T, Text
from kring.model import Loc, Model
from kring.suggest import suffix

RULE = Rule("KR201", "unknown-reference", Severity.ERROR, __doc__ or "")

_WHAT = {
    "member": (T("unknown member '{id}'{mean}"), T("members are the files in network/members/")),
    "group": (
        T("unknown group '{id}'{mean}"),
        T("groups are the regions in network/regions/ and the themes in network/themes/"),
    ),
    "organisation": (
        T("unknown organisation '{id}'{mean}"),
        T("an organisation is a municipality of a region or a partner in network.yaml"),
    ),
    "meeting": (
        T("unknown meeting '{id}'{mean}"),
        T("a meeting id is its file name without .md, like 2026-03-12-achterhoek"),
    ),
    "case": (T("unknown case '{id}'{mean}"), T("cases are the files in network/cases/<YYYY>/")),
    "municipality": (
        T("'{id}' is not a municipality of this region{mean}"),
        T("host_rotation lists ids from this region's municipalities"),
    ),
}


def _finding(kind: str, ref: str, source: Source, known: Collection[str]) -> Finding:
    message, hint = _WHAT[kind]
    return RULE.at(
        source,
        Text(message.msgid, (("id", ref), ("mean", suffix(ref, known)))),
        hint,
    )


def _refs(loc: Loc, field: str, values: tuple[str, ...]) -> Iterator[tuple[str, Source]]:
    for index, value in enumerate(values):
        yield value, loc.at(field, index)


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    known = {
        "member": model.members.keys(),
        "group": model.group_ids(),
        "organisation": model.organisations.keys(),
        "meeting": model.meetings.keys(),
        "case": model.cases.keys(),
    }
    refs: list[tuple[str, str, Source]] = []

    def add(kind: str, ref: str | None, source: Source) -> None:
        if ref is not None:
            refs.append((kind, ref, source))

    net = model.network
    if net is not None:
        for f in net.facilitators:
            add("member", f.member, f.loc.at("member"))
        add("member", net.municipal_contact, net.loc.at("municipal_contact"))
    for region in model.regions.values():
        for f in region.facilitators:
            add("member", f.member, f.loc.at("member"))
        own = {m.id for m in region.municipalities}
        for index, ref in enumerate(region.host_rotation):
            if ref not in own:
                yield _finding("municipality", ref, region.loc.at("host_rotation", index), own)
    for member in model.members.values():
        add("organisation", member.organisation, member.loc.at("organisation"))
        for ref, source in _refs(member.loc, "groups", member.groups):
            add("group", ref, source)
    for meeting in model.meetings.values():
        loc = meeting.loc
        add("group", meeting.group, loc.at("group"))
        add("organisation", meeting.host, loc.at("host"))
        add("member", meeting.chair, loc.at("chair"))
        for ref, source in _refs(loc, "attendees", meeting.attendees or ()):
            add("member", ref, source)
        for ref, source in _refs(loc, "apologies", meeting.apologies):
            add("member", ref, source)
        for ref, source in _refs(loc, "cases", meeting.cases):
            add("case", ref, source)
        for p in meeting.presentations:
            add("member", p.speaker, p.loc.at("speaker"))
        for u in meeting.updates:
            add("member", u.member, u.loc.at("member"))
        for a in meeting.actions:
            add("member", a.owner, a.loc.at("owner"))
        if meeting.next is not None:
            add("member", meeting.next.prepared_by, meeting.next.loc.at("prepared_by"))
    for case in model.cases.values():
        add("member", case.owner, case.loc.at("owner"))
        add("meeting", case.presented_at, case.loc.at("presented_at"))
        if case.follow_up is not None:
            add("meeting", case.follow_up.reported_at, case.follow_up.loc.at("reported_at"))

    # A region or network file that does not parse still exists by its id, but its
    # municipalities or partners are unknown: do not cascade into "unknown organisation".
    unreadable = any(r.broken for r in model.regions.values()) or bool(
        model.network and model.network.broken
    )
    for kind, ref, source in refs:
        if kind == "organisation" and unreadable:
            continue
        if ref not in known[kind]:
            yield _finding(kind, ref, source, known[kind])
