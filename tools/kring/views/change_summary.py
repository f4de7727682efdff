"""`kring summary`: what a pull request did to the network, as data.

An entity diff (meetings, cases, members, regions, themes added, changed with their fields,
removed), the commitments opened, closed and removed without being closed (KR304), the
findings in the changed files, and the network's counts before and after; and the facts of
each changed entity that may be shown. At the top, what a reviewer must look at first (SPEC
§8): the change edits kring's rules (code, schemas, configuration, workflows), or adds
suppression comments.

The JSON document (`to_dict`, described by schemas/summary.schema.json) is the one form
everything is rendered from (kring.views.summary_text): the Markdown of the job summary, and
the pull-request comment, which the privileged workflow builds from that document as data
with its own code (`kring bot comment`). So every string is escaped by the renderer,
whoever wrote the document.

SPEC §7: a confidential case appears with its id, owner, group, dates and status only —
never its title, question, intention or narrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kring.core.diff import (
    AddedSuppression,
    CommitmentChange,
    EntityChange,
    added_suppressions,
    commitment_changes,
    entity_changes,
)
from kring.core.disclosure import confidential_paths, shown_case, withholds_message
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model


@dataclass(frozen=True, slots=True)
class Summary:
    base_ref: str
    base_sha: str
    head_ref: str | None  # None: the work tree
    base: Model
    head: Model
    entities: tuple[EntityChange, ...]
    commitments: tuple[CommitmentChange, ...]
    changed_files: tuple[str, ...]
    findings: tuple[Finding, ...]  # in the changed files, KR304 included
    rules: tuple[tuple[str, str], ...] = ()  # (path, git status letter) of rule paths changed
    suppressions: tuple[AddedSuppression, ...] = ()


def summarise(
    base_ref: str,
    base_sha: str,
    head_ref: str | None,
    base: Model,
    head: Model,
    changed: dict[str, str],
    findings: tuple[Finding, ...],
    rules: dict[str, str] | None = None,
) -> Summary:
    return Summary(
        base_ref,
        base_sha,
        head_ref,
        base,
        head,
        tuple(entity_changes(base, head)),
        tuple(commitment_changes(base, head)),
        tuple(sorted(changed)),
        findings,
        tuple(sorted((rules or {}).items())),
        added_suppressions(base, head),
    )


# --- facts that may be shown ------------------------------------------------------------------


def case_facts(model: Model, ident: str) -> dict[str, Any]:
    """What may be said about a case (kring.core.disclosure): its title when it is not
    confidential, and its owner, group, dates and status."""
    case = model.cases.get(ident)
    if case is None:
        return {}
    shown = shown_case(model, case)
    facts: dict[str, Any] = {
        "owner": shown.owner,
        "group": shown.group,
        "presented": shown.presented.isoformat() if shown.presented else None,
        "status": shown.status,
        "confidential": shown.confidential,
    }
    if not shown.confidential:
        facts["title"] = shown.title
    return facts


def entity_facts(summary: Summary, change: EntityChange) -> dict[str, Any]:
    model = summary.base if change.change == "removed" else summary.head
    if change.kind == "case":
        return case_facts(model, change.id)
    record: Any = {
        "member": model.members,
        "region": model.regions,
        "theme": model.themes,
    }.get(change.kind, {}).get(change.id)
    if record is not None:
        return {"name": record.name}
    meeting = model.meetings.get(change.id) if change.kind == "meeting" else None
    if meeting is not None:
        return {"group": meeting.group, "date": meeting.date.isoformat() if meeting.date else None}
    return {}


def counts(model: Model) -> dict[str, int]:
    meetings = model.meetings.values()
    return {
        "members": sum(1 for m in model.members.values() if m.left is None),
        "regions": len(model.regions),
        "themes": len(model.themes),
        "meetings": len(model.meetings),
        "cases": len(model.cases),
        "open_actions": sum(1 for m in meetings for a in m.actions if a.status == "open"),
        "open_intentions": sum(
            1
            for c in model.cases.values()
            if c.status == "open" and c.follow_up is None and c.intention is not None
        ),
    }


# --- JSON -------------------------------------------------------------------------------------


def to_dict(summary: Summary) -> dict[str, Any]:
    private = confidential_paths(summary.head)
    return {
        "version": 1,
        "base": {"ref": summary.base_ref, "sha": summary.base_sha},
        "head": {"ref": summary.head_ref},
        "entities": [
            {
                "kind": c.kind,
                "id": c.id,
                "change": c.change,
                "path": c.path,
                "fields": list(c.fields),
                **entity_facts(summary, c),
            }
            for c in summary.entities
        ],
        "commitments": [
            {
                "kind": c.kind,
                "ref": c.ref,
                "change": c.change,
                "owner": c.owner,
                "status": c.status,
                "path": c.source.path,
                "line": c.source.line,
            }
            for c in summary.commitments
        ],
        "changed_files": list(summary.changed_files),
        "findings": [finding_dict(f, private) for f in summary.findings],
        "counts": {"base": counts(summary.base), "head": counts(summary.head)},
        "rules": [{"path": path, "change": status} for path, status in summary.rules],
        "suppressions": [
            {
                "path": s.path,
                "line": s.line,
                "codes": list(s.codes),
                "scope": "file" if s.whole_file else "line",
            }
            for s in summary.suppressions
        ],
    }


def finding_dict(finding: Finding, private: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A finding as the JSON form has it, its message withheld in a confidential case."""
    data = finding.to_dict()
    data["withheld"] = withholds_message(finding, private)
    if data["withheld"]:
        data["message"] = withheld_message(finding.name)
        data["hint"] = None
    return data


def withheld_message(name: str) -> str:
    return T(
        "{name} in a confidential case; the message is not shown here, run kring check on the file",
        name=name,
    ).render()
