"""`kring calendar`: the meetings as an iCalendar file (RFC 5545), for members to subscribe to.

- One VEVENT per meeting with a date, earliest first. UID `<meeting-id>@<network-slug>.kring`:
  derived from the meeting id (stable across runs and edits of the meeting), with the
  network's name so that two networks' calendars in one client never share a UID. Two files
  that share a meeting id (SPEC §2.3: both are listed) add their year folder to the id.
- DTSTAMP and SEQUENCE tell a subscribed client that an event changed (RFC 5545 §3.8.7.2,
  §3.8.7.4): a client keeps its copy unless the feed's SEQUENCE is higher or its DTSTAMP
  later. Both come from the meeting file's history (`Changed`), never from the run's clock,
  so the same data and history give the same bytes: SEQUENCE is the number of commits that
  changed the file (one more while the work tree differs from the last commit), DTSTAMP the
  time of the latest of them (the file's modification time while it differs). Without that
  history: SEQUENCE 0 and the meeting's date at 00:00 UTC.
- A meeting without a start time is an all-day event (DTSTART;VALUE=DATE, DTEND the next
  day, §3.6.1). With "HH:MM" times it is in Europe/Amsterdam, with a VTIMEZONE built from
  the zoneinfo database for the years the meetings span; without an end it has no DTEND.
- Summary: the group and the topic; location: the location, else the host's name;
  description: group, kind, host, topic. Nothing of any case is included (SPEC §7), not even
  which cases were presented, and personal data in the text is masked. A control character
  in the data, which RFC 5545 TEXT does not allow (§3.3.11) and a terminal showing the feed
  would obey, is written as a visible escape (kring.core.printable).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from kring.core.i18n import T, _
from kring.core.layout import NETWORK_DIR
from kring.core.model import Meeting, Model
from kring.core.personal_data import mask
from kring.core.phrases import meeting_kind
from kring.core.printable import escaped

TIMEZONE = "Europe/Amsterdam"
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


@dataclass(frozen=True, slots=True)
class Changed:
    """How often and when a meeting's file last changed: its event's SEQUENCE and DTSTAMP."""

    sequence: int
    stamp: dt.datetime  # UTC


def changes(root: Path, model: Model) -> dict[str, Changed]:
    """`Changed` for each meeting's file, from git's history of network/meetings and the
    work tree (see the module's docstring)."""
    from kring.load.repo import RepositoryError, changed_paths, file_histories

    histories = file_histories(root, f"{NETWORK_DIR}/meetings")
    try:
        edited = set(changed_paths(root, "HEAD", None)) if histories else None
    except RepositoryError:
        edited = None
    out: dict[str, Changed] = {}
    for meeting in model.all_meetings:  # every file's, by its path (SPEC §2.3)
        path = meeting.loc.path
        history = histories.get(path)
        if history is not None and edited is not None and path not in edited:
            out[path] = Changed(history.commits, _utc(history.last))
            continue
        try:  # new or edited since the last commit: its own time, one revision more
            mtime = int(os.lstat(root / path).st_mtime)
        except OSError:
            continue
        last = history.last if history is not None else 0
        out[path] = Changed((history.commits if history else 0) + 1, _utc(max(last, mtime)))
    return out


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def slug(value: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in value.lower())
    return "-".join(p for p in out.split("-") if p)[:64] or "network"


def uid(model: Model, meeting: Meeting) -> str:
    name = model.network.name if model.network and model.network.name else "network"
    ident = meeting.id
    if ident in model.ambiguous.get("meeting", ()):
        ident += "-" + meeting.loc.path.split("/")[2]  # network/meetings/<YYYY>/…
    return f"{escaped(ident)}@{slug(name)}.kring"


def _time(value: str | None) -> dt.time | None:
    match = _TIME.fullmatch(value or "")
    return dt.time(int(match[1]), int(match[2])) if match else None


def meetings(model: Model, group: str | None = None) -> list[Meeting]:
    chosen = (m for m in model.all_meetings if m.date is not None and not m.broken)
    if group is not None:
        chosen = (m for m in chosen if m.group == group)
    return sorted(chosen, key=lambda m: (m.date or dt.date.min, m.id))


def calendar(
    model: Model, group: str | None = None, changed: Mapping[str, Changed] | None = None
) -> bytes:
    """The calendar as RFC 5545 bytes (CRLF line ends, folded lines); `changed` by the path
    of each meeting's file."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//kring//kring calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = model.network.name if model.network and model.network.name else _("The network")
    if group is not None:
        name = str(T("{network}: {group}", network=name, group=_group_name(model, group)))
    cal.add("x-wr-calname", escaped(mask(name)))
    chosen = meetings(model, group)
    timed = False
    for meeting in chosen:
        event = _event(model, meeting, (changed or {}).get(meeting.loc.path))
        timed = timed or isinstance(event.get("dtstart").dt, dt.datetime)
        cal.add_component(event)
    if timed:
        years = [m.date.year for m in chosen if m.date]
        cal.add_missing_timezones(dt.date(min(years), 1, 1), dt.date(max(years) + 1, 1, 1))
    data: bytes = cal.to_ical()
    return data


def _group_name(model: Model, gid: str | None) -> str:
    group = model.regions.get(gid or "") or model.themes.get(gid or "")
    return group.name if group and group.name else (gid or "")


def _event(model: Model, meeting: Meeting, changed: Changed | None) -> icalendar.Event:
    assert meeting.date is not None
    event = icalendar.Event()
    event.add("uid", uid(model, meeting))
    if changed is None:
        changed = Changed(0, dt.datetime.combine(meeting.date, dt.time(), dt.UTC))
    event.add("dtstamp", changed.stamp)
    event.add("sequence", changed.sequence)
    start, end = _time(meeting.start), _time(meeting.end)
    if start is None:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    else:
        zone = ZoneInfo(TIMEZONE)
        event.add("dtstart", dt.datetime.combine(meeting.date, start, zone))
        if end is not None and end > start:
            event.add("dtend", dt.datetime.combine(meeting.date, end, zone))
    group = _group_name(model, meeting.group)
    summary = (
        str(T("{group}: {topic}", group=group, topic=meeting.topic))
        if meeting.topic
        else str(T("{group}: meeting", group=group))
    )
    event.add("summary", escaped(summary))
    host = model.organisations.get(meeting.host or "")
    host_name = (host.name if host and host.name else meeting.host) or None
    location = meeting.location or host_name
    if location:
        event.add("location", escaped(mask(location)))
    lines = _description(meeting, group, host_name)
    event.add("description", "\n".join(escaped(line) for line in lines))
    if meeting.group:
        event.add("categories", [escaped(meeting.group)])
    return event


def _description(meeting: Meeting, group: str, host: str | None) -> Iterable[str]:
    yield str(T("Group: {group}", group=group))
    if meeting.kind:
        yield str(T("Kind: {kind}", kind=meeting_kind(meeting.kind)))
    if host:
        yield str(T("Host: {host}", host=host))
    if meeting.topic:
        yield str(T("Topic: {topic}", topic=meeting.topic))
    yield str(T("Meeting file: {id}", id=meeting.id))
