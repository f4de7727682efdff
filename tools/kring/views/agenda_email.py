"""`kring agenda --format email|text|json`: the draft of a meeting to paste or to process.

The draft itself (which meeting, the host by rotation, what falls due) is `agenda_draft`'s;
this module only words it:

- **email**: a plain-text invitation a facilitator can send as it is — a subject line, the
  weekday and date written out in the network's language ("donderdag 10 december 2026"),
  time, place and host, the topic and who prepares it, the follow-ups and actions expected
  by name, the invitees by name with the apologies already known, and a closing line with
  the process guide's name;
- **text**: the same facts as a list for a terminal;
- **json**: the same facts for programs, with ids instead of names (SPEC §6).

Where the meeting has no file yet, its times are the group's last meeting's and its place
is where the host received the group last time: a draft to check, as the closing says.
A confidential case appears as its owner and the date it was presented, nothing more
(SPEC §7; `kring.core.disclosure.shown_case` decides what the commitments carry).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kring.core import timeline
from kring.core.disclosure import shown_text
from kring.core.i18n import T, Text, _
from kring.core.model import Meeting, Model
from kring.core.personal_data import mask
from kring.core.phrases import days, long_date
from kring.core.printable import dumps, escaped_line
from kring.core.timeline import OpenCommitment
from kring.views.agenda_draft import Draft


@dataclass(frozen=True, slots=True)
class Invitation:
    """What the invitation says, with ids; names are looked up when it is worded."""

    group: str
    date: dt.date
    start: str | None
    end: str | None
    location: str | None
    host: str | None
    topic: str | None
    prepared_by: str | None
    invitees: tuple[str, ...]  # member ids, by name
    apologies: tuple[str, ...]  # of the invitees, known from the meeting's file
    signed_by: str | None  # the process guide (or first facilitator) who sends it


def invitation(model: Model, d: Draft, today: dt.date) -> Invitation:
    m = d.meeting
    assert m.date is not None
    previous = d.previous
    start, end = m.start, m.end
    if start is None and end is None and previous is not None:
        start, end = previous.start, previous.end  # the group's usual afternoon
    location = m.location or _where_host_received(model, m, d.host)
    agreed = previous.next if previous is not None else None
    prepared_by = agreed.prepared_by if agreed is not None and agreed.topic == d.topic else None
    invitees = sorted(
        (
            member
            for member in model.all_members  # every file's, also of a shared id (SPEC §2.3)
            if m.group in member.groups
            and not member.broken
            and not timeline.has_left(member, today)
            and (member.joined is None or member.joined <= m.date)
        ),
        key=lambda member: (model.person(member.id).lower(), member.id),
    )
    ids = tuple(dict.fromkeys(member.id for member in invitees))
    return Invitation(
        group=m.group or "?",
        date=m.date,
        start=start,
        end=end,
        location=location,
        host=d.host,
        topic=d.topic,
        prepared_by=prepared_by,
        invitees=ids,
        apologies=tuple(a for a in m.apologies if a in ids),
        signed_by=_process_guide(model, m.group),
    )


def _where_host_received(model: Model, meeting: Meeting, host: str | None) -> str | None:
    """Where the host received the group last time (the location of its last meeting)."""
    if host is None or meeting.date is None:
        return None
    for earlier in reversed(timeline.meetings_before(model, meeting.group, meeting.date)):
        if earlier.host == host and earlier.location:
            return earlier.location
    return None


def _process_guide(model: Model, group: str | None) -> str | None:
    """Who signs: the group's process guide (a region's own facilitators first), else its
    first facilitator."""
    region = model.regions.get(group or "")
    facilitators = region.facilitators if region is not None and region.facilitators else ()
    if not facilitators and model.network is not None:
        facilitators = model.network.facilitators
    for f in facilitators:
        if "process-guide" in f.roles:
            return f.member
    return facilitators[0].member if facilitators else None


# --- wording ---------------------------------------------------------------------------------


def _host(model: Model, host: str) -> Text:
    found = model.organisations.get(host)
    name = found.name if found is not None and found.name else host
    if found is not None and found.kind == "partner":
        return T("hosted by {name}", name=name)
    return T("host municipality {name}", name=name)


def _when(inv: Invitation) -> Text:
    day = long_date(inv.date)
    if inv.start and inv.end:
        return T("{day}, {start} to {end}", day=day, start=inv.start, end=inv.end)
    if inv.start:
        return T("{day}, from {start}", day=day, start=inv.start)
    return T("{day}, time to be announced", day=day)


def _where(model: Model, inv: Invitation) -> Text | None:
    if inv.location and inv.host:
        return T("{location} ({host})", location=inv.location, host=_host(model, inv.host))
    if inv.location:
        return T("{location}", location=inv.location)
    if inv.host:
        return _host(model, inv.host)
    return None


def _late(item: OpenCommitment) -> Text | None:
    return T("{late} late", late=days(item.days_late)) if item.overdue else None


def _follow_up(model: Model, item: OpenCommitment, *, late: bool = True) -> Text:
    presented = model.meetings.get(item.set_at or "")
    on = (
        long_date(presented.date, weekday=False)
        if presented is not None and presented.date
        else "?"
    )
    if item.confidential:
        line = T(
            "{owner} reports back on the case brought in on {date}",
            owner=model.person(item.owner),
            date=on,
        )
    else:
        line = T(
            "{owner} reports back on the case '{title}' (brought in on {date})",
            owner=model.person(item.owner),
            title=item.title or "?",
            date=on,
        )
    lateness = _late(item) if late else None
    return line if lateness is None else T("{line} ({late})", line=line, late=lateness)


def _action(model: Model, item: OpenCommitment, *, late: bool = True) -> Text:
    line = T("{owner}: {what}", owner=model.person(item.owner), what=item.what or item.ref)
    lateness = _late(item) if late else None
    return line if lateness is None else T("{line} ({late})", line=line, late=lateness)


def _invitee(model: Model, inv: Invitation, member: str) -> str:
    name = model.person(member)
    if member in inv.apologies:
        return T("{name} (has sent apologies)", name=name).render()
    return name


def _sections(
    model: Model, d: Draft, inv: Invitation, *, late: bool
) -> list[tuple[str, list[str]]]:
    """The lists both plain-text formats share, with their headings; empty ones left out.
    The e-mail goes to everyone, so it says what is expected, not how late it is."""
    out = [
        (
            _("Follow-ups expected"),
            [_follow_up(model, i, late=late).render() for i in d.follow_ups],
        ),
        (_("Actions to report on"), [_action(model, i, late=late).render() for i in d.actions]),
        (_("Invited"), [_invitee(model, inv, m) for m in inv.invitees]),
    ]
    return [(title, items) for title, items in out if items]


def _particulars(model: Model, inv: Invitation) -> list[str]:
    """When, where and on what: the lines both plain-text formats open with."""
    lines = [T("When: {when}", when=_when(inv)).render()]
    where = _where(model, inv)
    if where is not None:
        lines.append(T("Where: {where}", where=where).render())
    topic = _topic(model, inv)
    if topic is not None:
        lines.append(T("Topic: {topic}", topic=topic).render())
    return lines


def _topic(model: Model, inv: Invitation) -> Text | None:
    if inv.topic and inv.prepared_by:
        return T("{topic}, prepared by {who}", topic=inv.topic, who=model.person(inv.prepared_by))
    return T("{topic}", topic=inv.topic) if inv.topic else None


def _lines(lines: list[str]) -> str:
    """One output line per entry of `lines`, whatever the data in them holds: text from the
    data is shown, never obeyed (SPEC §7), as in every plain-text output (`escaped_line`)."""
    return "\n".join(escaped_line(line) for line in lines)


def render_email(model: Model, d: Draft, today: dt.date) -> str:
    """The invitation as plain text, to paste into a new message."""
    inv = invitation(model, d, today)
    group = model.group_name(inv.group)
    lines = [
        T(
            "Subject: {group} meeting on {day}",
            group=group,
            day=long_date(inv.date),
        ).render(),
        "",
        T("Dear members of {group},", group=group).render(),
        "",
        T("You are invited to the next meeting of {group}.", group=group).render(),
        "",
        *_particulars(model, inv),
    ]
    for title, items in _sections(model, d, inv, late=False):
        lines += ["", title, *(f"- {item}" for item in items)]
    lines += [
        "",
        _("Please let me know if you cannot come."),
        "",
        _("Kind regards,"),
    ]
    signed = model.person(inv.signed_by) if inv.signed_by else None
    network = model.network.name if model.network and model.network.name else ""
    lines.append(signed or mask(network))
    return _lines(lines).rstrip("\n") + "\n"


def render_text(model: Model, d: Draft, today: dt.date) -> str:
    """The draft as a list for a terminal: the same facts as the e-mail, names for ids."""
    inv = invitation(model, d, today)
    lines = [
        T(
            "{group}: the meeting on {day}",
            group=model.group_name(inv.group),
            day=long_date(inv.date),
        ).render(),
        "",
        *_particulars(model, inv),
    ]
    if not d.exists:
        lines.append(
            T(
                "No meeting file yet: 'kring agenda {group} --write' makes it.", group=inv.group
            ).render()
        )
    for title, items in _sections(model, d, inv, late=True):
        lines += ["", title, *(f"  - {item}" for item in items)]
    return _lines(lines) + "\n"


def _commitment(item: OpenCommitment) -> dict[str, Any]:
    due = item.due
    return {
        "ref": item.ref,
        "owner": item.owner,
        "due": {
            "date": due.date.isoformat() if due.date else None,
            "meeting": due.meeting.id if due.meeting else None,
        },
        "overdue": item.overdue,
        "days_late": item.days_late,
        "set_at": item.set_at,
        "confidential": item.confidential,
        "title": item.title,
        "what": item.what,
    }


def render_json(model: Model, d: Draft, today: dt.date) -> str:
    """The draft for programs (version 1): ids, ISO dates, nothing of a confidential case
    beyond what `kring due --format json` gives."""
    inv = invitation(model, d, today)
    data = {
        "version": 1,
        "today": today.isoformat(),
        "meeting": {
            "id": d.meeting.id,
            "exists": d.exists,
            "path": d.path,
            "group": inv.group,
            "date": inv.date.isoformat(),
            "kind": d.kind,
            "start": inv.start,
            "end": inv.end,
            "location": shown_text(inv.location),
            "host": inv.host,
            "topic": shown_text(inv.topic),
            "prepared_by": inv.prepared_by,
        },
        "follow_ups": [_commitment(i) for i in d.follow_ups],
        "actions": [_commitment(i) for i in d.actions],
        "attendance": [
            {"member": a.member, "meeting": a.position, "of": a.coverage.required}
            for a in d.attendance
        ],
        "invitees": list(inv.invitees),
        "apologies": list(inv.apologies),
    }
    return dumps(data)
