"""`kring new`: a member, meeting, case, region or theme file that is valid from the start.

Each file gets its required fields filled, its optional fields as commented hints, and a
first line (inside the front matter for Markdown) that tells the YAML extension of VS Code
which schema to use. References are looked up first, with a "did you mean"; the result is
checked with the same checks as `kring check` before it is written, and never overwrites.

A new case is also added to the `cases:` list of the meeting where it was presented (a
splice edit, like `kring close`), so that the two files agree (KR203) from the start.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kring.checks.context import Context
from kring.core.i18n import T, Text, _
from kring.core.model import NEXT_MEETING, Model
from kring.edit import splice
from kring.edit.options import known, text_option, time_option, valid_id
from kring.edit.refused import Refused
from kring.edit.templates import field, flow_list, hints, markdown_file, modeline, yaml_file
from kring.edit.transaction import Write, apply, document_of, edit
from kring.load import pipeline


def _model(root: Path, ctx: Context) -> Model:
    return pipeline.load_cached(root, ctx.config)[0]


@dataclass(frozen=True, slots=True)
class NewAction:
    """An action agreed at a new meeting: it starts open."""

    id: str
    owner: str
    what: str
    due: str = NEXT_MEETING  # a date YYYY-MM-DD or next-meeting


@dataclass(frozen=True, slots=True)
class MeetingDetails:
    """The fields of a new meeting beyond group, date, kind, host and attendees."""

    location: str | None = None
    start: str | None = None
    end: str | None = None
    chair: str | None = None
    apologies: Sequence[str] = ()
    topic: str | None = None
    actions: Sequence[NewAction] = ()
    minutes: str | None = None  # Markdown, in place of the placeholder under "Minutes"


def free_meeting_id(model: Model, root: Path, date: dt.date, group: str) -> tuple[str, str]:
    """The first free `<date>-<group>[-n]` (n from 2) and its path (SPEC §2)."""
    base = f"{date.isoformat()}-{group}"
    n = 1
    while True:
        stem = base if n == 1 else f"{base}-{n}"
        rel = f"network/meetings/{date.year:04d}/{stem}.md"
        if stem not in model.meetings and not os.path.lexists(root / rel):
            return stem, rel
        n += 1


def claimed(model: Model, namespace: str, ident: str) -> str | None:
    """The file that already holds the id `ident` in `namespace`, if any."""
    paths = model.claims.get((namespace, ident))
    return paths[0] if paths else None


def _free(model: Model, root: Path, namespace: str, ident: str, rel: str) -> None:
    holder = claimed(model, namespace, ident) or (rel if (root / rel).exists() else None)
    if holder is not None:
        raise Refused(
            T(
                "'{id}' already exists in {path}; kring never overwrites a file",
                id=ident,
                path=holder,
            )
        )


def new_member(
    root: Path,
    ctx: Context,
    ident: str,
    *,
    name: str,
    organisation: str,
    groups: Sequence[str],
    joined: dt.date,
    stage: str | None = None,
    commitment: int | None = None,
) -> str:
    valid_id(ident)
    model = _model(root, ctx)
    rel = f"network/members/{ident}.yaml"
    _free(model, root, "member", ident, rel)
    known("organisation", organisation, model.organisations.keys())
    for group in groups:
        known("group", group, model.group_ids())
    lines = [
        field("name", text_option(name, "--name")),
        field("organisation", organisation),
        flow_list("groups", list(dict.fromkeys(groups))),
        field("joined", joined.isoformat()),
    ]
    if stage:
        lines.append(field("stage", stage))
    if commitment is not None:
        # written out in full (the default `from` is joined): what the member agreed to
        step = "  "
        lines += [
            "commitment:",
            f"{step}meetings: {commitment:d}",
            f"{step}{field('from', joined.isoformat())}",
        ]
    optional = [
        ("stage: starter", _("starter for a new member, advanced for an experienced one")),
        (
            f"commitment: {{meetings: 3, from: {joined.isoformat()}}}",
            _("meetings the member commits to attend, from a date"),
        ),
        (f"gives: [{_('a topic the member brings')}]", _("the giving side of giving and taking")),
        (f"wants: [{_('a topic the member looks for')}]", _("the taking side")),
        ("left: YYYY-MM-DD", _("the date the member left the network")),
    ]
    optional = [
        (example, why)
        for example, why in optional
        if not (stage and example.startswith("stage:"))
        and not (commitment is not None and example.startswith("commitment:"))
    ]
    text = yaml_file(modeline(root, rel, "member"), [*lines, *hints(optional)])
    apply(root, ctx, model, [Write(rel, text)])
    return rel


def new_meeting(
    root: Path,
    ctx: Context,
    group: str,
    *,
    notice: Callable[[Text], None] = lambda text: None,
    date: dt.date,
    kind: str | None = None,
    host: str | None = None,
    attendees: Sequence[str] = (),
    details: MeetingDetails | None = None,
    second: bool = False,
) -> str:
    """A meeting file; `details` fills the fields a form gives (kring intake) besides the
    ones `kring new meeting` takes as options."""
    more = details or MeetingDetails()
    model = _model(root, ctx)
    known("group", group, model.group_ids())
    if host is not None:
        known("organisation", host, model.organisations.keys())
    for member in (*attendees, *more.apologies, *((more.chair,) if more.chair else ())):
        known("member", member, model.members.keys())
    for action in more.actions:
        known("member", action.owner, model.members.keys())
    start = time_option(more.start, "--start") if more.start is not None else None
    end = time_option(more.end, "--end") if more.end is not None else None
    if start is not None and end is not None and end <= start:
        raise Refused(
            T("--end {end} is not after --start {start}", end=end, start=start), exit_code=2
        )
    if date < ctx.today and not attendees:
        raise Refused(
            T(
                "the meeting of {date} has taken place: say who attended with --attendee "
                "(once for each member)",
                date=date.isoformat(),
            ),
            exit_code=2,
        )
    stem, rel = free_meeting_id(model, root, date, group)
    if stem != f"{date.isoformat()}-{group}" and not second:
        # A second meeting on one day is rare; a meeting file made twice is not.
        raise Refused(
            T(
                "{group} already meets on {date} ({path}); edit that file, or add --second "
                "for another meeting the same day",
                group=group,
                date=date.isoformat(),
                path=_meeting_path(model, date, group),
            )
        )
    if stem != f"{date.isoformat()}-{group}":
        notice(
            T(
                "{group} already meets on {date}; this is another meeting that day: {id}",
                group=group,
                date=date.isoformat(),
                id=stem,
            )
        )
    kind = kind or ("thematic" if group in model.themes else "regional")
    lines = [field("date", date.isoformat()), field("group", group), field("kind", kind)]
    if host is not None:
        lines.append(field("host", host))
    if more.location is not None:
        lines.append(field("location", text_option(more.location, "--location")))
    for key, value in (("start", start), ("end", end)):
        if value is not None:
            lines.append(field(key, value))
    if more.chair is not None:
        lines.append(field("chair", more.chair))
    if attendees:
        lines.append(flow_list("attendees", list(dict.fromkeys(attendees))))
    if more.apologies:
        lines.append(flow_list("apologies", list(dict.fromkeys(more.apologies))))
    if more.topic is not None:
        lines.append(field("topic", text_option(more.topic, "--topic")))
    if more.actions:
        lines.append("actions:")
        for action in more.actions:
            lines += [
                f"  - {field('id', valid_id(action.id))}",
                f"    {field('owner', action.owner)}",
                f"    {field('what', text_option(action.what, 'what'))}",
                f"    {field('due', action.due)}",
                "    status: open",
            ]
    optional = [
        ("host: municipality-id", _("the hosting municipality or partner")),
        (f"location: {_('Town hall, meeting room')}", ""),
        ('start: "13:30"', _("times in quotes, 24-hour clock")),
        ('end: "16:30"', ""),
        ("chair: member-id", ""),
        ("attendees: [member-id, member-id]", _("required once the meeting has taken place")),
        ("apologies: [member-id]", ""),
        ("topic: " + _("The meeting's main topic"), ""),
        ("cases: [case-id]", _("cases presented here; kring new case adds them")),
        ("actions:", _("agreed actions; kring close records one as done")),
        ("  - id: short-id", ""),
        ("    owner: member-id", ""),
        (f"    what: {_('What will be done, in one sentence')}", ""),
        ("    due: next-meeting", _("or a date YYYY-MM-DD")),
        ("    status: open", ""),
        (f"next: {{topic: {_('Next topic')}, prepared_by: member-id}}", ""),
    ]
    given = {
        "host": host,
        "location": more.location,
        "start": start,
        "end": end,
        "chair": more.chair,
        "attendees": attendees,
        "apologies": more.apologies,
        "topic": more.topic,
        "actions": more.actions,
    }
    optional = _without(optional, {key for key, value in given.items() if value})
    name = _group_name(model, group)
    body = [
        f"# {name}, {date.isoformat()}",
        "",
        f"## {_('Minutes')}",
        "",
        *(
            more.minutes.strip("\n").split("\n")
            if more.minutes
            else [_("What was discussed, in plain Markdown.")]
        ),
    ]
    text = markdown_file(modeline(root, rel, "meeting"), [*lines, *hints(optional)], body)
    apply(root, ctx, model, [Write(rel, text)])
    return rel


def _without(optional: list[tuple[str, str]], given: set[str]) -> list[tuple[str, str]]:
    """The hints for the fields not given: a given block (actions) takes its lines along."""
    out: list[tuple[str, str]] = []
    skipping = False
    for example, why in optional:
        if not example.startswith(" "):
            skipping = example.split(":", 1)[0] in given
        if not skipping:
            out.append((example, why))
    return out


def _meeting_path(model: Model, date: dt.date, group: str) -> str:
    found = model.meetings.get(f"{date.isoformat()}-{group}")
    return found.loc.path if found is not None else f"network/meetings/{date.year:04d}"


def _group_name(model: Model, group: str) -> str:
    record = model.regions.get(group) or model.themes.get(group)
    return (record.name if record is not None else None) or group


def new_case(
    root: Path,
    ctx: Context,
    ident: str,
    *,
    owner: str,
    presented_at: str,
    title: str,
    question: str,
    intention: str,
    due: str = NEXT_MEETING,
    confidential: bool = True,
) -> str:
    valid_id(ident)
    model = _model(root, ctx)
    known("member", owner, model.members.keys())
    known("meeting", presented_at, model.meetings.keys())
    meeting = model.meetings[presented_at]
    if meeting.date is None or meeting.broken:
        raise Refused(
            T(
                "meeting {meeting} does not load cleanly; run kring check and fix it first",
                meeting=presented_at,
            )
        )
    rel = f"network/cases/{meeting.date.year:04d}/{ident}.md"
    _free(model, root, "case", ident, rel)
    if meeting.attendees is not None and owner not in meeting.attendees:
        raise Refused(
            T(
                "'{owner}' is not among the attendees of {meeting}; the owner presents the "
                "case, so add them to the attendees first",
                owner=owner,
                meeting=presented_at,
            ),
            exit_code=2,
        )
    lines = [
        field("title", text_option(title, "--title")),
        field("owner", owner),
        field("presented_at", presented_at),
        f"confidential: {'true' if confidential else 'false'}",
        field("question", text_option(question, "--question")),
        "intention:",
        "  " + field("what", text_option(intention, "--intention")),
        "  " + field("due", due),
        "status: open",
    ]
    optional = [
        ("knowledge_sources: [experiential, professional]", _("and/or scientific")),
    ]
    body = [
        f"# {title.strip()}",
        "",
        _("The case in a few paragraphs: the situation, who is involved, and what was advised."),
    ]
    text = markdown_file(modeline(root, rel, "case"), [*lines, *hints(optional)], body)
    limits = pipeline.limits_of(ctx.config)
    meeting_rel = meeting.loc.path
    data, meeting_text, _doc = document_of(root, meeting_rel, limits)
    if ident in meeting.cases:
        writes = [Write(rel, text)]
    else:
        listed = edit(
            meeting_rel,
            meeting_text,
            [lambda t, d: splice.append_item(t, d, (), "cases", ident)],
            limits,
        )
        writes = [Write(rel, text), Write(meeting_rel, listed, data)]
    apply(root, ctx, model, writes)
    return rel


def new_region(
    root: Path,
    ctx: Context,
    ident: str,
    *,
    name: str,
    municipalities: Sequence[tuple[str, str]],
) -> str:
    valid_id(ident)
    model = _model(root, ctx)
    rel = f"network/regions/{ident}.yaml"
    _free(model, root, "group", ident, rel)
    seen: set[str] = set()
    for mid, _mname in municipalities:
        valid_id(mid)
        other = model.organisations.get(mid)
        if other is not None or mid in seen:
            raise Refused(
                T(
                    "organisation '{id}' already exists ({path}); an organisation belongs to "
                    "one region",
                    id=mid,
                    path=other.loc.path if other is not None else rel,
                ),
                exit_code=2,
            )
        seen.add(mid)
    lines = [field("name", text_option(name, "--name")), "municipalities:"]
    for mid, mname in municipalities:
        lines += [f"  - {field('id', mid)}", f"    {field('name', mname)}"]
    rotation = ", ".join(mid for mid, _n in municipalities)
    optional = [
        (f"host_rotation: [{rotation}]", _("the order in which municipalities host")),
        ("facilitators:", _("replace the network's facilitators for this region")),
        ("  - member: member-id", ""),
        ("    roles: [chair]", ""),
        ("policy: {meetings_per_year: 4}", _("replace the network's policy for this region")),
    ]
    text = yaml_file(modeline(root, rel, "region"), [*lines, *hints(optional)])
    apply(root, ctx, model, [Write(rel, text)])
    return rel


def new_theme(
    root: Path,
    ctx: Context,
    ident: str,
    *,
    name: str,
    structural: bool | None = None,
    description: str | None = None,
) -> str:
    valid_id(ident)
    model = _model(root, ctx)
    rel = f"network/themes/{ident}.yaml"
    _free(model, root, "group", ident, rel)
    lines = [field("name", text_option(name, "--name"))]
    optional: list[tuple[str, str]] = []
    if description is not None:
        lines.append(field("description", text_option(description, "--description")))
    else:
        optional.append((f"description: {_('What the theme is about')}", ""))
    if structural is not None:
        lines.append(f"structural: {'true' if structural else 'false'}")
    else:
        optional.append(("structural: true", _("true for a standing theme, false for a one-off")))
    tail = hints(optional) if optional else []
    text = yaml_file(modeline(root, rel, "theme"), [*lines, *tail])
    apply(root, ctx, model, [Write(rel, text)])
    return rel
