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
from kring.core.i18n import T, Text
from kring.core.model import Action, Meeting, Model
from kring.core.suggest import suffix
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
    shared = model.ambiguous.get("meeting", frozenset())
    meeting = model.meetings[known("meeting", meeting_id, model.meetings.keys(), shared)]
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
    model = pipeline.load_cached(root, ctx.config)[0]
    meeting_id, action_id = _find_action(model, ref)
    meeting = _meeting(model, meeting_id)
    actions = {a.id: a for a in meeting.actions}
    if action_id not in actions:
        raise Refused(
            T(
                "{meeting} has no action '{id}'{mean}; {listed}",
                meeting=meeting.id,
                id=action_id,
                mean=suffix(action_id, actions.keys()),
                listed=_open_actions(model, meeting),
            ),
            exit_code=2,
        )
    action: Action = actions[action_id]
    if action.status != "open":
        raise Refused(
            T(
                "{ref} is already done (closed {closed}); nothing changed",
                ref=action.ref,
                closed=action.closed.isoformat() if action.closed else "?",
            )
            if action.status == "done"
            else T(
                "{ref} is already dropped (closed {closed}); nothing changed",
                ref=action.ref,
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


def _find_action(model: Model, ref: str) -> tuple[str, str]:
    """(meeting id, action id) for `MEETING#ACTION`, or for an action id alone when one
    meeting in the network has it. A meeting alone, or an id that several meetings use,
    is refused with the actions to choose from."""
    if "#" in ref:
        return split_ref(ref)
    shared = model.ambiguous.get("meeting", frozenset())
    if ref in shared:
        known("meeting", ref, model.meetings.keys(), shared)  # refused: KR202 first
    meeting = model.meetings.get(ref)
    if meeting is not None:
        raise Refused(
            T(
                "{meeting} is a meeting: say which action, as MEETING#ACTION; {listed}",
                meeting=meeting.id,
                listed=_open_actions(model, meeting),
            ),
            exit_code=2,
        )
    # every meeting file's actions (SPEC §2.3); one of a shared meeting id is then refused
    # by _meeting, which says why
    found = [a for m in model.all_meetings for a in m.actions if a.id == ref]
    if len(found) == 1:
        return found[0].meeting, found[0].id
    if found:
        choices = sorted((a for a in found if a.status == "open"), key=lambda a: a.ref)
        raise Refused(
            T(
                "'{id}' is an action of {n} meetings; write one of the open ones: {refs}",
                id=ref,
                n=len(found),
                refs=", ".join(f"{a.ref} ({model.person(a.owner)})" for a in choices),
            )
            if choices
            else T(
                "'{id}' is an action of {n} meetings, and none of them is open: {refs}",
                id=ref,
                n=len(found),
                refs=", ".join(f"{a.ref} ({a.status})" for a in sorted(found, key=lambda a: a.ref)),
            ),
            exit_code=2,
        )
    every = {a.id for m in model.all_meetings for a in m.actions} | set(model.meetings)
    raise Refused(
        T(
            "'{ref}' is no action and no meeting{mean}: write MEETING#ACTION, like "
            "2026-03-12-achterhoek#send-toolkit, or an action id that one meeting has",
            ref=ref,
            mean=suffix(ref, every),
        ),
        exit_code=2,
    )


def _open_actions(model: Model, meeting: Meeting) -> Text:
    """The open actions of a meeting to choose from, each with its owner and what."""
    open_ = [a for a in meeting.actions if a.status == "open"]
    if not open_:
        return T("it has no open actions")
    return T(
        "its open actions: {actions}",
        actions="; ".join(f"{a.ref} ({model.person(a.owner)}: {a.what or '…'})" for a in open_),
    )


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
    shared = model.ambiguous.get("case", frozenset())
    case = model.cases[known("case", case_id, model.cases.keys(), shared)]
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
