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


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    known = {
        "member": model.members.keys(),
        "group": model.group_ids(),
        "organisation": model.organisations.keys(),
        "meeting": model.meetings.keys(),
        "case": model.cases.keys(),
    }
    # (kind, id, record, field path) of each unknown id: the position is looked up only for
    # those, which keeps this check linear and cheap on a network of ten thousand files.
    refs: list[tuple[str, str, Loc, tuple[str | int, ...]]] = []

    def add(kind: str, ref: str | None, loc: Loc, *at: str | int) -> None:
        if ref is not None and ref not in known[kind]:
            refs.append((kind, ref, loc, at))

    def add_all(kind: str, loc: Loc, field: str, values: tuple[str, ...]) -> None:
        ids = known[kind]
        refs.extend(
            (kind, value, loc, (field, index))
            for index, value in enumerate(values)
            if value not in ids
        )

    net = model.network
    if net is not None:
        for f in net.facilitators:
            add("member", f.member, f.loc, "member")
        add("member", net.municipal_contact, net.loc, "municipal_contact")
    for region in model.regions.values():
        for f in region.facilitators:
            add("member", f.member, f.loc, "member")
        own = {m.id for m in region.municipalities}
        for index, host in enumerate(region.host_rotation):
            if host not in own:
                yield _finding("municipality", host, region.loc.at("host_rotation", index), own)
    for member in model.members.values():
        add("organisation", member.organisation, member.loc, "organisation")
        add_all("group", member.loc, "groups", member.groups)
    members, cases = known["member"], known["case"]
    for meeting in model.meetings.values():
        loc = meeting.loc
        add("group", meeting.group, loc, "group")
        add("organisation", meeting.host, loc, "host")
        add("member", meeting.chair, loc, "chair")
        # The lists are checked as sets first: nearly always every id in them is known.
        attendees = meeting.attendees or ()
        if attendees and not members >= set(attendees):
            add_all("member", loc, "attendees", attendees)
        if meeting.apologies and not members >= set(meeting.apologies):
            add_all("member", loc, "apologies", meeting.apologies)
        if meeting.cases and not cases >= set(meeting.cases):
            add_all("case", loc, "cases", meeting.cases)
        for p in meeting.presentations:
            add("member", p.speaker, p.loc, "speaker")
        for u in meeting.updates:
            add("member", u.member, u.loc, "member")
        for a in meeting.actions:
            if a.owner is not None and a.owner not in members:
                add("member", a.owner, a.loc, "owner")
        if meeting.next is not None:
            add("member", meeting.next.prepared_by, meeting.next.loc, "prepared_by")
    for case in model.cases.values():
        add("member", case.owner, case.loc, "owner")
        add("meeting", case.presented_at, case.loc, "presented_at")
        if case.follow_up is not None:
            add("meeting", case.follow_up.reported_at, case.follow_up.loc, "reported_at")

    # A region or network file that does not parse still exists by its id, but its
    # municipalities or partners are unknown: do not cascade into "unknown organisation".
    unreadable = any(r.broken for r in model.regions.values()) or bool(
        model.network and model.network.broken
    )
    for kind, ref, loc, at in refs:
        if kind == "organisation" and unreadable:
            continue
        yield _finding(kind, ref, loc.at(*at), known[kind])
