"""`kring close` and `kring follow-up`: record the two most common events in place.

Both are splice edits (see `kring.edit.splice`): only the bytes of the values they set and the
lines they add change; comments, key order, quoting, blank lines and line endings stay.

- close sets an action's `status` (done or dropped) and `closed` date, and its `note` when
  one is given: an existing key keeps its place and only its value changes; an absent key
  becomes a line after the action's last key (inside the braces of a flow-style action).
- follow-up adds a `follow_up:` block after the case's `intention` and sets `status:
  followed-up`. The meeting must be of the case's group, after the presentation, not in
  the future, and have the owner among its attendees when it lists them (KR203).

A closed action, or a case with a follow-up already, is left alone (exit 1): changing what
was recorded is an edit a person makes on purpose, by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kring.checks.context import Context
from kring.core.i18n import T
from kring.core.model import Action, Meeting, Model
from kring.edit import splice
from kring.edit.options import known, text_option
from kring.edit.refused import Refused
from kring.edit.transaction import Write, apply, document_of, edit
from kring.load import pipeline


@dataclass(frozen=True, slots=True)
class Closed:
    path: str
    ref: str
    status: str
    on: dt.date


def _meeting(model: Model, meeting_id: str) -> Meeting:
    meeting = model.meetings[known("meeting", meeting_id, model.meetings.keys())]
    if meeting.broken or meeting.date is None:
        raise Refused(
            T(
                "{path} does not load cleanly; run kring check and fix it first",
                path=meeting.loc.path,
            )
        )
    return meeting


def split_ref(ref: str) -> tuple[str, str]:
    meeting_id, hash_, action_id = ref.partition("#")
    if not hash_ or not meeting_id or not action_id:
        raise Refused(
            T(
                "'{ref}' is not an action: write MEETING#ACTION, like "
                "2026-03-12-achterhoek#send-toolkit",
                ref=ref,
            ),
            exit_code=2,
        )
    return meeting_id, action_id


def close(
    root: Path,
    ctx: Context,
    ref: str,
    *,
    status: str,
    on: dt.date | None = None,
    note: str | None = None,
) -> Closed:
    """Mark the action `ref` done or dropped on `on` (default today)."""
    assert status in ("done", "dropped")
    meeting_id, action_id = split_ref(ref)
    model = pipeline.load_cached(root, ctx.config)[0]
    meeting = _meeting(model, meeting_id)
    actions = {a.id: a for a in meeting.actions}
    action: Action = actions[known("action", action_id, actions.keys())]
    if action.status != "open":
        raise Refused(
            T(
                "{ref} is already {status} (closed {closed}); nothing changed",
                ref=action.ref,
                status=action.status,
                closed=action.closed.isoformat() if action.closed else "?",
            )
        )
    on = on or ctx.today
    assert meeting.date is not None
    if on < meeting.date:
        raise Refused(
            T(
                "--on {on} is before the meeting of {date} that set the action",
                on=on.isoformat(),
                date=meeting.date.isoformat(),
            ),
            exit_code=2,
        )
    if on > ctx.today:
        raise Refused(
            T("--on {on} is after today ({today})", on=on.isoformat(), today=ctx.today),
            exit_code=2,
        )
    if note is not None:
        note = text_option(note, "--note")
    limits = pipeline.limits_of(ctx.config)
    rel = meeting.loc.path
    data, text, doc = document_of(root, rel, limits)
    where = _action_path(doc.data, action_id)
    steps = [
        lambda t, d: splice.set_value(t, d, where, "status", status),
        lambda t, d: splice.set_value(t, d, where, "closed", on.isoformat(), after="status"),
    ]
    if note is not None:
        steps.append(lambda t, d: splice.set_value(t, d, where, "note", note, after="closed"))
    new = edit(rel, text, steps, limits)
    apply(root, ctx, model, [Write(rel, new, data)])
    return Closed(rel, action.ref, status, on)


def _action_path(data: object, action_id: str) -> tuple[str, int]:
    actions = data.get("actions") if isinstance(data, dict) else None
    matches = [
        i
        for i, a in enumerate(actions if isinstance(actions, list) else [])
        if isinstance(a, dict) and a.get("id") == action_id
    ]
    if len(matches) != 1:
        raise Refused(
            T(
                "action '{id}' is given {n} times in the meeting; fix that first",
                id=action_id,
                n=len(matches),
            )
        )
    return ("actions", matches[0])


@dataclass(frozen=True, slots=True)
class FollowedUp:
    path: str
    case: str
    at: str


def follow_up(
    root: Path,
    ctx: Context,
    case_id: str,
    *,
    at: str,
    done: str,
    result: str,
    lessons: str | None = None,
) -> FollowedUp:
    """Record the follow-up of `case_id`, reported at the meeting `at`."""
    model = pipeline.load_cached(root, ctx.config)[0]
    case = model.cases[known("case", case_id, model.cases.keys())]
    if case.broken:
        raise Refused(
            T("{path} does not load cleanly; run kring check and fix it first", path=case.loc.path)
        )
    if case.follow_up is not None:
        raise Refused(
            T(
                "case '{case}' already has a follow-up, reported at {at}; nothing changed",
                case=case.id,
                at=case.follow_up.reported_at or "?",
            )
        )
    if case.status == "dropped":
        raise Refused(T("case '{case}' is dropped; nothing changed", case=case.id))
    reported = _meeting(model, at)
    presented = model.meetings.get(case.presented_at or "")
    assert reported.date is not None
    if presented is not None and presented.group != reported.group:
        raise Refused(
            T(
                "{at} is a meeting of {group}, but the case was presented in {own}; a case is "
                "followed up in its own group",
                at=reported.id,
                group=reported.group,
                own=presented.group,
            ),
            exit_code=2,
        )
    if presented is not None and presented.date and reported.date <= presented.date:
        raise Refused(
            T(
                "{at} is not after the presentation at {presented}",
                at=reported.id,
                presented=presented.id,
            ),
            exit_code=2,
        )
    if reported.date > ctx.today:
        raise Refused(
            T(
                "{at} is on {date}, after today; record the follow-up once it has taken place",
                at=reported.id,
                date=reported.date.isoformat(),
            ),
            exit_code=2,
        )
    if case.owner and reported.attendees is not None and case.owner not in reported.attendees:
        raise Refused(
            T(
                "'{owner}' is not among the attendees of {at}; the owner reports back, so add "
                "them to the attendees first",
                owner=case.owner,
                at=reported.id,
            ),
            exit_code=2,
        )
    entries = [
        ("reported_at", reported.id),
        ("done", text_option(done, "--done")),
        ("result", text_option(result, "--result")),
    ]
    if lessons is not None:
        entries.append(("lessons", text_option(lessons, "--lessons")))
    limits = pipeline.limits_of(ctx.config)
    rel = case.loc.path
    data, text, _doc = document_of(root, rel, limits)
    steps = [
        lambda t, d: splice.add_mapping(t, d, (), "follow_up", entries, after="intention"),
        lambda t, d: splice.set_value(t, d, (), "status", "followed-up", after="follow_up"),
    ]
    new = edit(rel, text, steps, limits)
    apply(root, ctx, model, [Write(rel, new, data)])
    return FollowedUp(rel, case.id, reported.id)
