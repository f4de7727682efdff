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

from collections.abc import Collection, Container, Iterator, Mapping
from itertools import chain

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding, Source
from kring.core.i18n import Quoted, T, Text
from kring.core.model import Loc, Meeting, Model
from kring.core.suggest import Later

RULE = Rule(Code.UNKNOWN_REFERENCE, __doc__ or "")

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
    later = Later(ref, known)  # a 'did you mean' only for a finding that is shown
    return RULE.at(
        source,
        Text(message.msgid, (("id", Quoted(ref)), ("mean", later.suffix()))),
        # the id to type first, when there is one close enough to be meant
        later.hint(hint),
    )


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    yield from _host_rotations(model)
    # An id that several files claim is known: KR202 says it once, and nothing more.
    known = {
        "member": model.known("member"),
        "group": model.known("group"),
        "organisation": set(model.organisations),
        "meeting": model.known("meeting"),
        "case": model.known("case"),
    }
    # Nearly always every id is known: set differences over all referenced ids say so at
    # C speed, and only a network with a dangling reference is walked for the positions.
    unknown = {kind: ids - known[kind] for kind, ids in referenced(model).items()}
    # A region or network file that does not parse still exists by its id, but its
    # municipalities or partners are unknown: do not cascade into "unknown organisation".
    unreadable = any(r.broken for r in model.all_regions) or bool(
        model.network and model.network.broken
    )
    if unreadable:
        unknown["organisation"] = set()
    if not any(unknown.values()):
        return
    # per meeting file, the cases that say they were presented there: worked out once for
    # the meeting, not once per id it lists without a file (there may be thousands)
    presented: dict[str, list[str]] = {}
    for kind, ref, source, meeting in references(model, unknown):
        if kind == "case" and meeting is not None:
            here = presented.get(meeting.loc.path)
            if here is None:
                here = presented[meeting.loc.path] = _presented_here(model, meeting)
            yield _missing_case(ref, source, meeting, here)
        else:
            yield _finding(kind, ref, source, known[kind])


def _presented_here(model: Model, meeting: Meeting) -> list[str]:
    """The cases that say they were presented at `meeting` and that it does not list yet.
    `meeting` is the record of the file that lists them: of a shared meeting id no case can
    say it was presented there."""
    if meeting.id not in model.meetings:
        return []
    listed = set(meeting.cases)
    return [
        c.id for c in model.cases.values() if c.presented_at == meeting.id and c.id not in listed
    ]


def _missing_case(ref: str, source: Source, meeting: Meeting, here: list[str]) -> Finding:
    """A case a meeting lists without a file: most often one still to be written, so the
    hint is the command that writes it; a "did you mean" only names a case of `here`, one
    that says it was presented at this meeting and that the meeting does not list yet (not
    an old case of another group with a similar id)."""
    create = (
        f"kring new case {ref} --presented-at {meeting.id} --owner <member-id> "
        '--title "…" --question "…" --intention "…"'
    )
    return RULE.at(
        source,
        T(
            "case '{id}' is listed here, but there is no file for it{mean}",
            id=ref,
            mean=Later(ref, here).suffix(),  # made only for a finding that is shown
        ),
        T("write the case's file with: {command}", command=create),
    )


def _host_rotations(model: Model) -> Iterator[Finding]:
    for region in model.all_regions:
        own = {m.id for m in region.municipalities}
        where = region.loc.items("host_rotation")  # as the ids are read: numbers skipped
        for index, host in enumerate(region.host_rotation):
            if host not in own:
                yield _finding("municipality", host, where(index), own)


def referenced(model: Model) -> dict[str, set[str]]:
    """Every id each kind of reference names, without positions: the cheap first pass.

    Lists the same fields as `references` (a test holds the two together)."""
    net, regions = model.network, model.all_regions
    members, meetings, cases = model.all_members, model.all_meetings, model.all_cases
    people: set[str | None] = set()
    if net is not None:
        people.update(f.member for f in net.facilitators)
        people.add(net.municipal_contact)
    people.update(f.member for r in regions for f in r.facilitators)
    people.update(m.chair for m in meetings)
    people.update(chain.from_iterable(m.attendees or () for m in meetings))
    people.update(chain.from_iterable(m.apologies for m in meetings))
    people.update(p.speaker for m in meetings for p in m.presentations)
    people.update(u.member for m in meetings for u in m.updates)
    people.update(a.owner for m in meetings for a in m.actions)
    people.update(m.next.prepared_by for m in meetings if m.next is not None)
    people.update(c.owner for c in cases)
    groups: set[str | None] = {m.group for m in meetings}
    groups.update(chain.from_iterable(m.groups for m in members))
    organisations: set[str | None] = {m.host for m in meetings}
    organisations.update(m.organisation for m in members)
    reports: set[str | None] = {c.presented_at for c in cases}
    reports.update(c.follow_up.reported_at for c in cases if c.follow_up is not None)
    found: dict[str, set[str | None]] = {
        "member": people,
        "group": groups,
        "organisation": organisations,
        "meeting": reports,
        "case": set(chain.from_iterable(m.cases for m in meetings)),
    }
    return {kind: {i for i in ids if i is not None} for kind, ids in found.items()}


def references(
    model: Model, wanted: Mapping[str, Container[str]]
) -> Iterator[tuple[str, str, Source, Meeting | None]]:
    """(kind, id, position, meeting) of each reference to an id in `wanted[kind]`, in file
    order, with the meeting that lists it for a meeting's cases; positions are looked up
    only for these."""
    refs: list[tuple[str, str, Source, Meeting | None]] = []

    def add(kind: str, ref: str | None, loc: Loc, *at: str | int) -> None:
        if ref is not None and ref in wanted[kind]:
            refs.append((kind, ref, loc.at(*at), None))

    def add_all(
        kind: str, loc: Loc, field: str, values: tuple[str, ...], meeting: Meeting | None = None
    ) -> None:
        # `item` finds an id inside a list written as text too (`attendees: a, b`)
        ids = wanted[kind]
        found = [index for index, value in enumerate(values) if value in ids]
        if found:
            where = loc.items(field)
            refs.extend((kind, values[index], where(index), meeting) for index in found)

    net = model.network
    if net is not None:
        for f in net.facilitators:
            add("member", f.member, f.loc, "member")
        add("member", net.municipal_contact, net.loc, "municipal_contact")
    for region in model.all_regions:
        for f in region.facilitators:
            add("member", f.member, f.loc, "member")
    for member in model.all_members:
        add("organisation", member.organisation, member.loc, "organisation")
        add_all("group", member.loc, "groups", member.groups)
    for meeting in model.all_meetings:
        loc = meeting.loc
        add("group", meeting.group, loc, "group")
        add("organisation", meeting.host, loc, "host")
        add("member", meeting.chair, loc, "chair")
        add_all("member", loc, "attendees", meeting.attendees or ())
        add_all("member", loc, "apologies", meeting.apologies)
        add_all("case", loc, "cases", meeting.cases, meeting)
        for p in meeting.presentations:
            add("member", p.speaker, p.loc, "speaker")
        for u in meeting.updates:
            add("member", u.member, u.loc, "member")
        for a in meeting.actions:
            add("member", a.owner, a.loc, "owner")
        if meeting.next is not None:
            add("member", meeting.next.prepared_by, meeting.next.loc, "prepared_by")
    for case in model.all_cases:
        add("member", case.owner, case.loc, "owner")
        add("meeting", case.presented_at, case.loc, "presented_at")
        if case.follow_up is not None:
            add("meeting", case.follow_up.reported_at, case.follow_up.loc, "reported_at")
    return iter(refs)
