"""`kring history ID`: the git history of one entity, following renames.

The commits come from `git log --follow` on the entity's file (kring.load.repo.file_log;
no git host is asked). Newest first, with the author's date and name — never the
e-mail address, which SPEC §2 keeps out of everything kring shows.

Commit subjects are text people wrote, and a subject may name a confidential case ("add
case: <title>"). So a subject is shown only when it cannot carry a confidential case's
content: never for a commit that touched a confidential case's file — whatever entity is
asked for, since one commit often changes a member and a case together — and not when it
contains the title, question or intention of a confidential case (SPEC §7). A path under
network/cases/ that is not a case the network now says is public counts as confidential
(one that was deleted or moved away included). Subjects and author names are shown with
their personal data masked.

The entity's file is named to git by its path in the repository, never through a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kring.core import timeline
from kring.core.disclosure import (
    CASES_FOLDER,
    confidential_paths,
    is_confidential,
    shown_text,
    withheld_texts,
)
from kring.core.i18n import T, _
from kring.core.model import Case, Model
from kring.core.phrases import entity_kind
from kring.core.printable import dumps, escaped_line
from kring.views import markup


class HistoryError(Exception):
    """The id is unknown or ambiguous, or there is no git repository (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    date: str  # the author date, ISO 8601 with offset
    author: str
    subject: str | None  # None when hidden (see the module docstring)


@dataclass(frozen=True, slots=True)
class Event:
    what: str  # "presented", "due", "followed-up", "dropped"
    date: dt.date | None
    meeting: str | None


@dataclass(frozen=True, slots=True)
class History:
    id: str
    kind: str
    path: str
    commits: tuple[Commit, ...]
    shallow: bool
    timeline: tuple[Event, ...] = ()
    confidential: bool = False


def entities(model: Model) -> dict[str, list[tuple[str, str]]]:
    """id -> [(kind, repository-relative path)] for every file with a record (two files
    that share an id are both listed)."""
    out: dict[str, list[tuple[str, str]]] = {}
    if model.network is not None:
        out.setdefault("network", []).append(("network", model.network.loc.path))
    tables: list[tuple[str, tuple[Any, ...]]] = [
        ("region", model.all_regions),
        ("theme", model.all_themes),
        ("member", model.all_members),
        ("meeting", model.all_meetings),
        ("case", model.all_cases),
    ]
    for kind, records in tables:
        for record in records:
            out.setdefault(record.id, []).append((kind, record.loc.path))
    return out


def find(model: Model, ident: str, kind: str | None = None) -> tuple[str, str]:
    """The (kind, path) of an id; HistoryError with a did-you-mean when there is none."""
    from kring.core.suggest import suffix

    known = entities(model)
    found = [k for k in known.get(ident, []) if kind is None or k[0] == kind]
    if not found:
        candidates = [
            i for i, ks in known.items() if kind is None or any(k == kind for k, _p in ks)
        ]
        tail = suffix(ident, sorted(candidates))
        raise HistoryError(
            str(T("no member, group, meeting or case with the id '{id}'", id=ident)) + str(tail)
        )
    if len({k for k, _p in found}) < len(found):
        raise HistoryError(
            str(
                T(
                    "'{id}' is the id of more than one file ({paths}): give each its own id "
                    "(KR202)",
                    id=ident,
                    paths=", ".join(sorted(p for _k, p in found)),
                )
            )
        )
    if len(found) > 1:
        kinds = ", ".join(sorted(k for k, _p in found))
        raise HistoryError(
            str(T("'{id}' is a {kinds}: say which with --kind", id=ident, kinds=kinds))
        )
    return found[0]


def history(
    root: Path, model: Model, ident: str, today: dt.date, kind: str | None = None
) -> History:
    from kring.load.repo import RepositoryError, file_log

    found_kind, path = find(model, ident, kind)
    try:
        log = file_log(root, path, CASES_FOLDER)
    except RepositoryError as exc:
        raise HistoryError(str(exc)) from None
    record = model.records.get(path)
    case = record if isinstance(record, Case) else None
    private = _private_commits(log.touched, model)
    secrets = _secrets(model)
    commits = []
    for logged in log.commits:
        hidden = (
            (case is not None and is_confidential(case))
            or logged.sha in private
            or _mentions(logged.subject, secrets)
        )
        shown = None if hidden else shown_text(logged.subject)
        commits.append(Commit(logged.sha, logged.date, shown_text(logged.author) or "", shown))
    return History(
        ident,
        found_kind,
        path,
        tuple(commits),
        log.shallow,
        _case_timeline(model, case, today) if case is not None else (),
        is_confidential(case) if case is not None else False,
    )


def _private_commits(touched: Mapping[str, tuple[str, ...]], model: Model) -> set[str]:
    """The commits that touched a file under network/cases/ that is not a case the network
    now shows as public."""
    private = confidential_paths(model)
    public = {c.loc.path for c in model.all_cases if c.loc.path not in private}
    return {sha for sha, paths in touched.items() if any(p not in public for p in paths)}


def _secrets(model: Model) -> list[str]:
    """The texts a subject may not contain, flattened; a short one (under 8 characters)
    would hide ordinary subjects that merely share a word."""
    return [
        " ".join(value.split()).casefold()
        for value in withheld_texts(model)
        if len(value.strip()) >= 8
    ]


def _mentions(subject: str, secrets: list[str]) -> bool:
    flat = " ".join(subject.split()).casefold()
    return any(secret in flat or (len(flat) >= 12 and flat in secret) for secret in secrets)


def _case_timeline(model: Model, case: Case, today: dt.date) -> tuple[Event, ...]:
    events = []
    presented = model.meetings.get(case.presented_at or "")
    events.append(Event("presented", presented.date if presented else None, case.presented_at))
    if case.intention is not None:
        due = timeline.intention_due(model, case, today)
        events.append(Event("due", due.date, due.meeting.id if due.meeting else None))
    if case.follow_up is not None:
        reported = model.meetings.get(case.follow_up.reported_at or "")
        events.append(
            Event("followed-up", reported.date if reported else None, case.follow_up.reported_at)
        )
    if case.status == "dropped":
        events.append(Event("dropped", None, None))
    return tuple(events)


# --- rendering ---------------------------------------------------------------------------------


def _event_label(event: Event) -> str:
    labels = {
        "presented": _("presented"),
        "due": _("follow-up due"),
        "followed-up": _("followed up"),
        "dropped": _("dropped"),
    }
    return labels[event.what]


def _shallow_note() -> str:
    return _(
        "This is a shallow clone, so the history is incomplete; "
        "run 'git fetch --unshallow' for all of it."
    )


def _hidden() -> str:
    return _("(subject hidden: it may name a confidential case)")


def render_text(h: History) -> str:
    lines = [
        str(T("History of {kind} {id} ({path})", kind=entity_kind(h.kind), id=h.id, path=h.path))
    ]
    if h.shallow:
        lines.append(_shallow_note())
    if h.timeline:
        lines.append("")
        lines.append(_("Timeline:"))
        whens = [e.date.isoformat() if e.date else _("not yet known") for e in h.timeline]
        width = max(13, *(len(w) for w in whens))  # "nog niet bekend" is longer
        for e, when in zip(h.timeline, whens, strict=True):
            at = f"  ({e.meeting})" if e.meeting else ""
            lines.append(f"  {when:<{width}} {_event_label(e)}{at}")
    lines.append("")
    if not h.commits:
        lines.append(_("No commit has touched this file yet."))
    for c in h.commits:
        lines.append(f"{c.date[:10]}  {c.sha[:10]}  {c.author}: {c.subject or _hidden()}")
    # author names and subjects come from git: shown escaped, never obeyed by the terminal
    return "\n".join(escaped_line(line) for line in lines) + "\n"


def render_markdown(h: History) -> str:
    title = str(T("History of {kind} {id}", kind=entity_kind(h.kind), id=markup.code(h.id)))
    out = [f"## {title}\n", markup.code(h.path) + "\n"]
    if h.shallow:
        out.append(f"> {_shallow_note()}\n")
    if h.timeline:
        out.append(f"### {_('Timeline')}\n")
        out.append(
            markup.table(
                [_("Date"), _("Event"), _("Meeting")],
                [
                    [
                        e.date.isoformat() if e.date else _("not yet known"),
                        _event_label(e),
                        markup.code(e.meeting) if e.meeting else "—",
                    ]
                    for e in h.timeline
                ],
            )
        )
    out.append(f"### {_('Commits')}\n")
    if not h.commits:
        out.append(_("No commit has touched this file yet.") + "\n")
    else:
        out.append(
            markup.table(
                [_("Date"), _("Commit"), _("Author"), _("Subject")],
                [
                    [
                        c.date[:10],
                        markup.code(c.sha[:10]),
                        markup.text(c.author),
                        markup.text(c.subject) if c.subject is not None else _hidden(),
                    ]
                    for c in h.commits
                ],
            )
        )
    return "\n".join(out)


def render_json(h: History) -> str:
    data = {
        "version": 1,
        "id": h.id,
        "kind": h.kind,
        "path": h.path,
        "shallow": h.shallow,
        "confidential": h.confidential,
        "commits": [
            {"sha": c.sha, "date": c.date, "author": c.author, "subject": c.subject}
            for c in h.commits
        ],
        "timeline": [
            {
                "event": e.what,
                "date": e.date.isoformat() if e.date else None,
                "meeting": e.meeting,
            }
            for e in h.timeline
        ],
    }
    return dumps(data)


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
