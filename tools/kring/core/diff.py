"""What a change did to the network: two models in, entity and commitment changes out.

Pure functions over the base and head models (no git, no today): which meetings, cases,
members, regions and themes were added, changed (and in which fields) or removed, and which
commitments were opened, closed, or removed without being closed (KR304, SPEC §5).
Commitments are addressed as SPEC §2 does: an action by `<meeting-id>#<action-id>`, an
intention by its case id.

One file, one record (SPEC §2.3): the diff pairs files, not ids. A file is the same entity
at base and head when it has the same path, or — a file moved to another folder, such as a
case to the right year — when it is the one file of its kind and id that left and the one
that came. So a second file with an id that already exists is an entity added, and each
file's commitments are compared with that same file's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kring.core.disclosure import confidential_file, is_confidential, shown_fields
from kring.core.findings import Source
from kring.core.layout import KINDS
from kring.core.model import Case, LoadedFile, Meeting, Model

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


Pair = tuple[LoadedFile | None, LoadedFile | None]


def pairs(base: Model, head: Model) -> list[Pair]:
    """The data files of base and head as (before, after): the same path, or a move (the one
    file of its kind and id that left, and the one that came); None where there is none."""
    old = {f.path: f for f in base.files if f.place.kind in KINDS}
    new = {f.path: f for f in head.files if f.place.kind in KINDS}
    out: list[Pair] = [(old.get(p), new.get(p)) for p in sorted(old.keys() | new.keys())]
    gone: dict[tuple[str | None, str], list[int]] = {}
    came: dict[tuple[str | None, str], list[int]] = {}
    for index, (before, after) in enumerate(out):
        if after is None and before is not None:
            gone.setdefault((before.place.kind, before.place.id), []).append(index)
        elif before is None and after is not None:
            came.setdefault((after.place.kind, after.place.id), []).append(index)
    moved: set[int] = set()
    for key, left in gone.items():
        arrived = came.get(key, [])
        if len(left) == 1 and len(arrived) == 1:
            out[left[0]] = (out[left[0]][0], out[arrived[0]][1])
            moved.add(arrived[0])
    return [pair for index, pair in enumerate(out) if index not in moved]


def _fields(base: LoadedFile, head: LoadedFile) -> tuple[str, ...]:
    old = _data(base)
    new = _data(head)
    keys = [*new, *(k for k in old if k not in new)]
    changed = [str(k) for k in keys if old.get(k, _MISSING) != new.get(k, _MISSING)]
    if base.body != head.body:
        changed.append(BODY)
    # a key is text someone wrote: a confidential case's own keys may say too much
    secret = confidential_file(base.path, _raw(base)) or confidential_file(head.path, _raw(head))
    return shown_fields(changed, confidential=secret)


_MISSING = object()


def _raw(f: LoadedFile) -> Any:
    return f.document.data if f.document is not None else None


def _data(f: LoadedFile) -> Mapping[Any, Any]:
    data = _raw(f)
    return data if isinstance(data, dict) else {}


def entity_changes(base: Model, head: Model) -> list[EntityChange]:
    """Entities added, changed (with the fields) and removed, by kind, id, then path."""
    out: list[EntityChange] = []
    for before, after in pairs(base, head):
        if before is None and after is not None:
            kind, ident = after.place.kind, after.place.id
            out.append(EntityChange(kind or "", ident, "added", after.path))
        elif after is None and before is not None:
            kind, ident = before.place.kind, before.place.id
            out.append(EntityChange(kind or "", ident, "removed", before.path))
        elif before is not None and after is not None:
            fields = _fields(before, after)
            if fields or before.path != after.path:
                kind, ident = after.place.kind, after.place.id
                out.append(EntityChange(kind or "", ident, "changed", after.path, fields))
    out.sort(key=lambda c: (KINDS.index(c.kind), c.id, c.path))
    return out


# --- commitments -------------------------------------------------------------------------------


def _open_intention(case: Case | None) -> bool:
    """The case's intention is still owed: open, no follow-up yet (SPEC §2.1, §3)."""
    return (
        case is not None
        and not case.broken
        and case.status == "open"
        and case.follow_up is None
        and case.intention is not None
    )


def commitment_changes(base: Model, head: Model) -> list[CommitmentChange]:
    """Commitments opened, closed, or removed without being closed between base and head,
    each file's compared with the same file's (pairs)."""
    out: list[CommitmentChange] = []
    for before, after in pairs(base, head):
        old = base.records.get(before.path) if before is not None else None
        new = head.records.get(after.path) if after is not None else None
        if isinstance(old, Meeting) or isinstance(new, Meeting):
            out.extend(_action_changes(old, new))
        elif isinstance(old, Case) or isinstance(new, Case):
            out.extend(_intention_changes(old, new))
    out.sort(key=lambda c: (_ORDER.index(c.change), c.kind, c.ref, c.source.path))
    return out


def _action_changes(old: Any, new: Any) -> list[CommitmentChange]:
    old_actions = {a.id: a for a in old.actions} if isinstance(old, Meeting) else {}
    new_actions = {a.id: a for a in new.actions} if isinstance(new, Meeting) else {}
    out: list[CommitmentChange] = []
    for ident, action in old_actions.items():
        if action.status != "open":
            continue
        after = new_actions.get(ident)
        if after is not None:
            if after.status != "open":
                out.append(
                    CommitmentChange(
                        "action",
                        after.ref,
                        "closed",
                        after.owner,
                        after.status,
                        after.loc.at("status"),
                    )
                )
            continue
        if isinstance(new, Meeting) and new.broken:
            continue  # a file that does not parse says nothing about its actions (KR001)
        where = new.loc.key("actions") if isinstance(new, Meeting) else Source(action.loc.path)
        out.append(CommitmentChange("action", action.ref, "removed", action.owner, "open", where))
    for ident, after in new_actions.items():
        earlier = old_actions.get(ident)
        if after.status == "open" and (earlier is None or earlier.status != "open"):
            out.append(
                CommitmentChange("action", after.ref, "opened", after.owner, "open", after.loc.at())
            )
    return out


def _intention_changes(old: Any, new: Any) -> list[CommitmentChange]:
    before = old if isinstance(old, Case) else None
    later = new if isinstance(new, Case) else None
    if _open_intention(before) and not _open_intention(later):
        assert before is not None
        if later is None:
            return [_intention(before, "removed", "open", Source(before.loc.path))]
        if later.broken:
            return []
        if later.follow_up is not None or later.status != "open":
            status = later.status if later.status != "open" else "followed-up"
            where = later.follow_up.loc.at() if later.follow_up else later.loc.at("status")
            return [_intention(later, "closed", status, where)]
        return [_intention(later, "removed", "open", later.loc.at())]
    if _open_intention(later) and not _open_intention(before):
        assert later is not None
        where = later.intention.loc.at() if later.intention else later.loc.at()
        return [_intention(later, "opened", "open", where)]
    return []


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
