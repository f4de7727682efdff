"""`kring agenda`: the draft of a group's next meeting, as the meeting file it would be.

The draft holds what the facilitator needs on the table: the follow-ups expected and from
whom, the open actions to report on, the members still inside their attendance commitment,
the host by rotation, and the topic set at the previous meeting. Which meeting is next and
what falls due there is decided by `timeline`, against the model as if the drafted meeting
were planned. A confidential case shows only its id, owner, dates and status (SPEC §7): the
open commitments carry what `kring.core.disclosure.shown_case` allows, nothing more.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from kring.core import timeline
from kring.core.i18n import T, Text, _
from kring.core.model import Meeting, Model
from kring.core.personal_data import mask
from kring.core.phrases import days, due_text, slid_text
from kring.core.printable import CONTROLS, json_escaped
from kring.core.suggest import suffix
from kring.core.timeline import Coverage, OpenCommitment
from kring.views import agenda_practice, markup
from kring.views.matchmaking import who


class AgendaError(Exception):
    """No draft can be made: an unknown group, or no date to plan from."""


@dataclass(frozen=True, slots=True)
class Attendance:
    member: str
    coverage: Coverage
    position: int  # this meeting is number `position` (1-based) of the commitment


@dataclass(frozen=True, slots=True)
class Draft:
    meeting: Meeting  # the meeting's file, or a planned record when there is none yet
    exists: bool
    kind: str
    host: str | None
    last_host: Meeting | None  # the meeting the rotation continues from
    topic: str | None
    previous: Meeting | None
    follow_ups: tuple[OpenCommitment, ...]
    actions: tuple[OpenCommitment, ...]
    attendance: tuple[Attendance, ...]
    practice: agenda_practice.Practice | None = None  # turns, invitations, round, evaluation

    @property
    def path(self) -> str:
        return self.meeting.loc.path


def target(model: Model, group: str, today: dt.date, day: dt.date | None) -> Meeting | None:
    """The existing meeting the draft is for, if there is a file for it."""
    if day is None:
        return timeline.upcoming_meeting(model, group, today)
    return next((m for m in model.meetings_by_group.get(group, ()) if m.date == day), None)


def draft(model: Model, group: str, today: dt.date, day: dt.date | None = None) -> Draft:
    if group not in model.group_ids():
        raise AgendaError(
            T(
                "no region or theme '{group}'{mean}",
                group=group,
                mean=suffix(group, sorted(model.group_ids())),
            )
        )
    if group in model.ambiguous.get("group", ()):
        # SPEC §2.3: a shared id names neither group, so there is no one group to draft for
        raise AgendaError(
            T(
                "'{id}' is the id of more than one file: give each its own id first (KR202)",
                id=group,
            )
        )
    existing = target(model, group, today, day)
    kind = "thematic" if group in model.themes else "regional"
    if existing is not None:
        meeting = existing
    else:
        day = day or timeline.planned_date(model, group, today)
        if day is None:
            raise AgendaError(
                T(
                    "'{group}' has no meeting yet to plan the next one from: give --date "
                    "YYYY-MM-DD",
                    group=group,
                )
            )
        kind = agenda_practice.proposed_kind(model, group, day, kind)
        meeting = timeline.planned_meeting(model, group, day, kind)
    assert meeting.date is not None  # both come with a date
    plan = timeline.with_meeting(model, meeting)
    previous = timeline.previous_meeting(plan, group, meeting.date)
    host, last_host = _host(plan, meeting)
    topic = meeting.topic or (previous.next.topic if previous and previous.next else None)
    return Draft(
        meeting=meeting,
        exists=existing is not None,
        kind=meeting.kind or kind,
        host=host,
        last_host=last_host,
        topic=topic,
        previous=previous,
        follow_ups=_follow_ups(plan, meeting, today),
        actions=_actions(plan, meeting, today),
        attendance=_attendance(plan, meeting, today),
        practice=agenda_practice.practice(plan, meeting, today, topic),
    )


def _host(model: Model, meeting: Meeting) -> tuple[str | None, Meeting | None]:
    """The meeting's own host, else the municipality after the last host in the rotation."""
    if meeting.host:
        return meeting.host, None
    region = model.regions.get(meeting.group or "")
    if region is None or not region.host_rotation or meeting.date is None:
        return None, None
    rotation = region.host_rotation
    for earlier in reversed(timeline.meetings_before(model, region.id, meeting.date)):
        if earlier.host in rotation:
            following = (rotation.index(earlier.host) + 1) % len(rotation)
            return rotation[following], earlier
    return rotation[0], None


def _due_by(item: OpenCommitment, meeting: Meeting) -> bool:
    """Due at this meeting, or by its date (so still expected there)."""
    if item.due.meeting is not None and item.due.meeting.id == meeting.id:
        return True
    return item.due.date is not None and meeting.date is not None and item.due.date <= meeting.date


def _follow_ups(model: Model, meeting: Meeting, today: dt.date) -> tuple[OpenCommitment, ...]:
    out = []
    for case in model.all_cases:
        item = timeline.intention_commitment(model, case, today)
        if item is not None and item.group == meeting.group and _due_by(item, meeting):
            out.append(item)
    return tuple(sorted(out, key=timeline.sort_key))


def _actions(model: Model, meeting: Meeting, today: dt.date) -> tuple[OpenCommitment, ...]:
    """The group's open actions set before this meeting: each owner reports on them."""
    out = []
    for item in timeline.action_commitments(model, today):
        set_at = model.records.get(item.where.path)  # its own file, also of a shared id
        if (
            isinstance(set_at, Meeting)
            and item.group == meeting.group
            and set_at.date is not None
            and meeting.date is not None
            and set_at.date < meeting.date
        ):
            out.append(item)
    return tuple(sorted(out, key=timeline.sort_key))


def _attendance(model: Model, meeting: Meeting, today: dt.date) -> tuple[Attendance, ...]:
    """Members for whom this meeting counts towards an attendance commitment still open."""
    out = []
    for member in sorted(model.all_members, key=lambda m: m.id):
        if member.broken or meeting.group not in member.groups:
            continue
        coverage = timeline.commitment_coverage(model, member, today)
        if coverage is None or coverage.state != "open":
            continue
        ids = [m.id for m in coverage.meetings]
        if meeting.id in ids:
            out.append(Attendance(member.id, coverage, ids.index(meeting.id) + 1))
    return tuple(out)


# --- rendering ---------------------------------------------------------------------------

# Words that YAML 1.1 readers take for booleans or null: never plain.
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}
_PLAIN = re.compile(r"[^\W\d_][\w ,.()'/+-]*")


# Control characters are no text (KR004, written raw or built by an escape): a draft takes
# the text of the previous meeting without them, a line or paragraph separator as a space.
_NOT_TEXT = {c: None for c in CONTROLS} | {0x85: " ", 0x2028: " ", 0x2029: " ", 0xFEFF: None}


def _yaml(value: str) -> str:
    """A YAML scalar: plain when unambiguous, else double-quoted (JSON is valid YAML 1.2)."""
    if any(ord(c) in _NOT_TEXT for c in value):
        value = " ".join(value.translate(_NOT_TEXT).split())
    if (
        _PLAIN.fullmatch(value)
        and value == value.strip()
        and value.lower() not in _YAML_WORDS
        and ": " not in value
        and " #" not in value
    ):
        return value
    # anything else JSON escapes (a lone surrogate) as a \u escape
    return json_escaped(json.dumps(value, ensure_ascii=False))


def front_matter(d: Draft) -> str:
    m = d.meeting
    ids = {"group": m.group, "kind": d.kind, "host": d.host, "chair": m.chair}
    lines = ["---", f"date: {m.date.isoformat() if m.date else ''}"]
    for key, value in ids.items():
        if value is not None:
            value = mask(value)
            lines.append(f"{key}: {value if _slug(value) else _yaml(value)}")
    if m.location is not None:
        lines.append(f"location: {_yaml(mask(m.location))}")
    for key, value in (("start", m.start), ("end", m.end)):
        if value is not None:
            lines.append(f"{key}: {json_escaped(json.dumps(value, ensure_ascii=False))}")
    if d.topic is not None:
        lines.append(f"topic: {_yaml(mask(d.topic))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _slug(value: str) -> bool:
    return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value) is not None


def _organisation(model: Model, org: str) -> str:
    found = model.organisations.get(org)
    return found.name if found is not None and found.name else org


def _status(item: OpenCommitment, meeting: Meeting) -> Text:
    if item.overdue:
        return T("due {due}, {late} late", due=due_text(item.due), late=days(item.days_late))
    if item.due.meeting is not None and item.due.meeting.id == meeting.id:
        return T("due at this meeting")
    return T("due {due}", due=due_text(item.due))


def _follow_up_line(model: Model, item: OpenCommitment, meeting: Meeting) -> Text:
    status = _status(item, meeting)
    slid = slid_text(item.due)
    if item.confidential:
        text = T(
            "{case}, by {owner}, {status}: a confidential case presented at {meeting}",
            case=item.ref,
            owner=who(model, item.owner),
            meeting=item.set_at or "?",
            status=status,
        )
    else:
        text = T(
            "{case}, by {owner}, {status}: {title} (presented at {meeting}); intention: {what}",
            case=item.ref,
            owner=who(model, item.owner),
            title=item.title or "?",
            meeting=item.set_at or "?",
            what=item.what or "?",
            status=status,
        )
    return text if slid is None else T("{text}; {slid}", text=text, slid=slid)


def _action_line(model: Model, item: OpenCommitment, meeting: Meeting) -> Text:
    return T(
        "{ref}, by {owner}, {status}: {what}",
        ref=item.ref,
        owner=who(model, item.owner),
        what=item.what or "?",
        status=_status(item, meeting),
    )


def _attendance_line(model: Model, a: Attendance) -> Text:
    c = a.coverage
    return T(
        "{member}: meeting {n} of the {required} committed to from {start}; attended "
        "{attended} of {held} so far",
        member=who(model, a.member),
        n=a.position,
        required=c.required,
        start=c.start,
        attended=c.attended,
        held=c.taken_place,
    )


def _topic(model: Model, d: Draft) -> Text:
    agreed = d.previous.next if d.previous is not None else None
    if d.topic and agreed is not None and agreed.topic == d.topic and d.previous is not None:
        if agreed.prepared_by:
            return T(
                "{topic}, prepared by {who}, as agreed on {date}.",
                topic=d.topic,
                who=who(model, agreed.prepared_by),
                date=d.previous.date,
            )
        return T("{topic}, as agreed on {date}.", topic=d.topic, date=d.previous.date)
    if d.topic:
        return T("{topic}", topic=d.topic)
    return T("No topic was set at the previous meeting.")


def _host_line(model: Model, d: Draft) -> Text | None:
    if d.host and d.last_host is not None:
        return T(
            "Host by rotation: {host}, after {last} on {date}.",
            host=_organisation(model, d.host),
            last=_organisation(model, d.last_host.host or "?"),
            date=d.last_host.date,
        )
    if d.host:
        return T("Host: {host}.", host=_organisation(model, d.host))
    return None


def body(model: Model, d: Draft, today: dt.date) -> str:
    m = d.meeting
    group = model.regions.get(m.group or "") or model.themes.get(m.group or "")
    name = (group.name if group else None) or m.group or "?"

    def para(text: Text) -> list[str]:
        return [markup.text(text.render()), ""]

    def section(title: str, items: list[Text], empty: Text) -> list[str]:
        lines = ["## " + markup.text(title), ""]
        lines += ["- " + markup.text(i.render()) for i in items] or [markup.text(empty.render())]
        return [*lines, ""]

    lines = ["# " + markup.text(T("{group}, {date}: agenda", group=name, date=m.date).render()), ""]
    lines += para(T("Drafted by kring agenda on {today}; edit freely.", today=today))
    host = _host_line(model, d)
    if host is not None:
        lines += para(host)
    lines += ["## " + markup.text(_("Topic")), "", *para(_topic(model, d))]
    lines += section(
        _("Follow-ups expected"),
        [_follow_up_line(model, i, m) for i in d.follow_ups],
        T("No follow-ups are due."),
    )
    lines += section(
        _("Actions to report on"),
        [_action_line(model, i, m) for i in d.actions],
        T("No open actions."),
    )
    lines += section(
        _("Members inside their attendance commitment"),
        [_attendance_line(model, a) for a in d.attendance],
        T("Nobody is inside an attendance commitment at this meeting."),
    )
    for title, items, empty in agenda_practice.sections(model, d.practice) if d.practice else ():
        lines += section(title, items, empty)
    return "\n".join(lines).rstrip("\n") + "\n"


def render(model: Model, d: Draft, today: dt.date) -> str:
    """The meeting file the draft would be: front matter, then the agenda."""
    return front_matter(d) + "\n" + body(model, d, today)
