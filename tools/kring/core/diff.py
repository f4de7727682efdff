"""What a change did to the network: two models in, entity and commitment changes out.

Pure functions over the base and head models (no git, no today): which meetings, cases,
members, regions and themes were added, changed (and in which fields) or removed, and which
commitments were opened, closed, or removed without being closed (KR304, SPEC §5).
Commitments are addressed as SPEC §2 does: an action by `<meeting-id>#<action-id>`, an
intention by its case id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kring.core.disclosure import is_confidential
from kring.core.findings import Source
from kring.core.layout import KINDS
from kring.core.model import Action, Case, LoadedFile, Model

BODY = "body"  # the Markdown below the front matter, reported as a field of its own


@dataclass(frozen=True, slots=True)
class EntityChange:
    kind: str  # one of layout.KINDS, in whose order a summary lists them
    id: str
    change: str  # "added", "changed" or "removed"
    path: str  # at head, or at base for a removed entity
    fields: tuple[str, ...] = ()  # the top-level fields that differ (and BODY)


@dataclass(frozen=True, slots=True)
class CommitmentChange:
    kind: str  # "action" or "intention"
    ref: str  # `<meeting>#<action>` or the case id
    change: str  # "opened", "closed" or "removed"
    owner: str | None
    status: str  # the status at head ("open", "done", "dropped", "followed-up"), or at base
    source: Source  # where to look at head; line 1 of the base path when the file is gone
    confidential: bool = False


def _files_by_entity(model: Model) -> dict[tuple[str, str], LoadedFile]:
    out: dict[tuple[str, str], LoadedFile] = {}
    for f in model.files:
        if f.place.kind in KINDS:
            out.setdefault((f.place.kind, f.place.id), f)
    return out


def _fields(base: LoadedFile, head: LoadedFile) -> tuple[str, ...]:
    old = _data(base)
    new = _data(head)
    keys = [*new, *(k for k in old if k not in new)]
    changed = [str(k) for k in keys if old.get(k, _MISSING) != new.get(k, _MISSING)]
    if base.body != head.body:
        changed.append(BODY)
    return tuple(changed)


_MISSING = object()


def _data(f: LoadedFile) -> Mapping[Any, Any]:
    data = f.document.data if f.document is not None else None
    return data if isinstance(data, dict) else {}


def entity_changes(base: Model, head: Model) -> list[EntityChange]:
    """Entities added, changed (with the fields) and removed, by kind then id."""
    old = _files_by_entity(base)
    new = _files_by_entity(head)
    out: list[EntityChange] = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (KINDS.index(k[0]), k[1])):
        kind, ident = key
        before, after = old.get(key), new.get(key)
        if before is None and after is not None:
            out.append(EntityChange(kind, ident, "added", after.path))
        elif after is None and before is not None:
            out.append(EntityChange(kind, ident, "removed", before.path))
        elif before is not None and after is not None:
            fields = _fields(before, after)
            if fields or before.path != after.path:
                out.append(EntityChange(kind, ident, "changed", after.path, fields))
    return out


# --- commitments -------------------------------------------------------------------------------


def _actions(model: Model) -> dict[str, Action]:
    return {a.ref: a for m in model.meetings.values() for a in m.actions}


def _open_intentions(model: Model) -> dict[str, Case]:
    """Cases whose intention is still owed: open, no follow-up yet (SPEC §2.1, §3)."""
    return {
        c.id: c
        for c in model.cases.values()
        if not c.broken and c.status == "open" and c.follow_up is None and c.intention is not None
    }


def commitment_changes(base: Model, head: Model) -> list[CommitmentChange]:
    """Commitments opened, closed, or removed without being closed between base and head."""
    out: list[CommitmentChange] = []
    old_actions, new_actions = _actions(base), _actions(head)
    for ref, action in old_actions.items():
        if action.status != "open":
            continue
        after = new_actions.get(ref)
        if after is not None:
            if after.status != "open":
                out.append(
                    CommitmentChange(
                        "action", ref, "closed", after.owner, after.status, after.loc.at("status")
                    )
                )
            continue
        meeting = head.meetings.get(action.meeting)
        if meeting is not None and meeting.broken:
            continue  # a file that does not parse says nothing about its actions (KR001)
        where = meeting.loc.key("actions") if meeting is not None else Source(action.loc.path)
        out.append(CommitmentChange("action", ref, "removed", action.owner, "open", where))
    for ref, after in new_actions.items():
        before = old_actions.get(ref)
        if after.status == "open" and (before is None or before.status != "open"):
            out.append(
                CommitmentChange("action", ref, "opened", after.owner, "open", after.loc.at())
            )

    old_intentions, new_intentions = _open_intentions(base), _open_intentions(head)
    for ident, case in old_intentions.items():
        if ident in new_intentions:
            continue
        later = head.cases.get(ident)
        if later is not None and later.broken:
            continue
        if later is None:
            out.append(_intention(case, "removed", "open", Source(case.loc.path)))
        elif later.follow_up is not None or later.status != "open":
            status = later.status if later.status != "open" else "followed-up"
            where = later.follow_up.loc.at() if later.follow_up else later.loc.at("status")
            out.append(_intention(later, "closed", status, where))
        else:
            out.append(_intention(later, "removed", "open", later.loc.at()))
    for ident, case in new_intentions.items():
        if ident not in old_intentions:
            where = case.intention.loc.at() if case.intention else case.loc.at()
            out.append(_intention(case, "opened", "open", where))
    out.sort(key=lambda c: (_ORDER.index(c.change), c.kind, c.ref))
    return out


_ORDER = ("opened", "closed", "removed")


def _intention(case: Case, change: str, status: str, source: Source) -> CommitmentChange:
    return CommitmentChange(
        "intention", case.id, change, case.owner, status, source, is_confidential(case)
    )


# --- suppressions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddedSuppression:
    """A suppression comment at head that the base did not have (SPEC §8)."""

    path: str
    line: int
    column: int
    codes: tuple[str, ...]
    whole_file: bool  # `ignore-file[...]`: every line of the file

    @property
    def written(self) -> str:
        """As a reader would recognise it in the file: `ignore-file[KR503]`."""
        form = "ignore-file" if self.whole_file else "ignore"
        return f"{form}[{', '.join(self.codes)}]"


def added_suppressions(base: Model, head: Model) -> tuple[AddedSuppression, ...]:
    """The suppression comments a change adds, by path and line.

    Per file, the head's comments less as many of the base's as have the same form and codes:
    a comment that an edit above it moved to another line is not new, a second one of the same
    kind is. A comment is a rule written into the data, so a change that adds one is named as
    one that edits the rules (SPEC §8).
    """
    before: dict[str, Counter[tuple[bool, tuple[str, ...]]]] = {}
    for f in base.files:
        if f.suppressions:
            before[f.path] = Counter((s.target is None, s.codes) for s in f.suppressions)
    out: list[AddedSuppression] = []
    for f in head.files:
        if not f.suppressions:
            continue
        known = before.get(f.path, Counter())
        for s in f.suppressions:
            key = (s.target is None, s.codes)
            if known[key] > 0:
                known[key] -= 1
                continue
            out.append(AddedSuppression(f.path, s.line, s.column, s.codes, s.target is None))
    return tuple(sorted(out, key=lambda a: (a.path, a.line, a.column)))
