"""`kring summary`: what a pull request did to the network, as data.

An entity diff (meetings, cases, members, regions, themes added, changed with their fields,
removed), the commitments opened, closed and removed without being closed (KR304), the
findings in the changed files, and the network's counts before and after; and the facts of
each changed entity that may be shown. kring.views.summary_text renders it as Markdown or
JSON.

SPEC §7: a confidential case appears with its id, owner, group, dates and status only —
never its title, question, intention or narrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kring.core.diff import CommitmentChange, EntityChange, commitment_changes, entity_changes
from kring.core.disclosure import confidential_paths, shown_case, shown_text
from kring.core.findings import Finding
from kring.core.model import Case, Meeting, Member, Model, Region, Theme


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


def summarise(
    base_ref: str,
    base_sha: str,
    head_ref: str | None,
    base: Model,
    head: Model,
    changed: dict[str, str],
    findings: tuple[Finding, ...],
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
    )


# --- facts that may be shown ------------------------------------------------------------------


def case_facts(model: Model, case: Case) -> dict[str, Any]:
    """What may be said about a case (kring.core.disclosure): its title when it is not
    confidential, and its owner, group, dates and status."""
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
    """The facts of the changed file itself (SPEC §2.3: never of another file with its id)."""
    model = summary.base if change.change == "removed" else summary.head
    record = model.records.get(change.path)
    if isinstance(record, Case):
        return case_facts(model, record)
    if isinstance(record, Member | Region | Theme):
        return {"name": shown_text(record.name)}
    if isinstance(record, Meeting):
        return {"group": record.group, "date": record.date.isoformat() if record.date else None}
    if change.kind == "case":
        # a case file that is not read as a case: nothing of it may be shown but its place
        return {"confidential": change.path in confidential_paths(model)}
    return {}


def counts(model: Model) -> dict[str, int]:
    """The network's size; every file counts, also one whose id another file shares."""
    meetings = model.all_meetings
    return {
        "members": sum(1 for m in model.all_members if m.left is None),
        "regions": len(model.all_regions),
        "themes": len(model.all_themes),
        "meetings": len(meetings),
        "cases": len(model.all_cases),
        "open_actions": sum(1 for m in meetings for a in m.actions if a.status == "open"),
        "open_intentions": sum(
            1
            for c in model.all_cases
            if c.status == "open" and c.follow_up is None and c.intention is not None
        ),
    }
