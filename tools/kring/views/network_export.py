"""`kring export`: the network's facts for a koepel, as one JSON document (SPEC §10).

The numbers are the report's (kring.views.report_numbers counts them, and says how); this
module only selects and names them, in the shape of schemas/export.schema.json, version 1.

What may leave the network here is narrow on purpose, because a koepel publishes it beside
other networks: counts, rates, dates, group ids, the network's own name, kind and focus, its
policy numbers, and its findings counted by code. Never a person's name or id (facilitators
are counted, their roles tallied), never a case's id or any of its text, never free text
from meetings, and no names of groups, municipalities or partners. Every value is built here
from a number, a date or a fixed word; the only text taken from the data is the network's
name, with any personal data in it masked (SPEC §7). tests/views/test_network_export.py
plants a canary in every field of every kind.

The document starts with layout.EXPORT_MARKER (its first key says it is generated), keys in a
fixed order, so the same data and today give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from kring.core import timeline
from kring.core.disclosure import shown_text
from kring.core.findings import Finding
from kring.core.layout import is_valid_id
from kring.core.model import POLICY_DEFAULTS, Model
from kring.core.printable import dumps
from kring.views.report_numbers import (
    ActionYear,
    CaseCounts,
    GroupNumbers,
    MeetingYear,
    MembersInYear,
    ReportNumbers,
    Stages,
)

# The version of the document's shape (schemas/export.schema.json). A koepel reads the
# versions it knows and reports a newer one (kring.load.koepel_sources).
EXPORT_VERSION = 1


def export(
    model: Model, numbers: ReportNumbers, findings: Iterable[Finding], kring_version: str
) -> dict[str, Any]:
    """The export as a JSON-ready mapping, in the order it is written."""
    network = model.network
    facilitation = numbers.facilitation
    whole = numbers.network
    return {
        "generated": "kring export",
        "version": EXPORT_VERSION,
        "kring": kring_version,
        "today": numbers.today.isoformat(),
        "network": {
            "name": shown_text(network.name) if network is not None else None,
            "kind": network.kind if network is not None else None,
            "focus": network.focus if network is not None else None,
            "first_meeting": _day(whole.first_held),
            "last_evaluation": _day(whole.last_evaluation),
            "totals": _years(whole),
        },
        "policy": {key: timeline.policy(model, None, key) for key in sorted(POLICY_DEFAULTS)},
        "facilitators": {
            "count": facilitation.count,
            "roles": dict(facilitation.roles),
            "roles_per_facilitator": list(facilitation.per_person),
        },
        "members": _members(whole.today),
        "findings": dict(sorted(Counter(str(f.code) for f in findings).items())),
        "groups": [
            {
                "id": group.group,
                "kind": "region" if group.group in model.regions else "theme",
                "target": group.target,
                "facilitators": group.facilitators,
                "members": _members(group.today),
                "last_evaluation": _day(group.last_evaluation),
                "years": _years(group),
            }
            # a group whose file name is no id (KR006) has no id to publish
            for group in numbers.groups
            if group.group is not None and is_valid_id(group.group)
        ],
    }


def render(document: dict[str, Any]) -> str:
    """The export as written: indented JSON, one trailing newline, no raw control character
    (`kring export` prints it on a terminal)."""
    return dumps(document)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _members(stages: Stages) -> dict[str, int]:
    return {"current": stages.total, "starters": stages.starters, "advanced": stages.advanced}


def _years(group: GroupNumbers) -> list[dict[str, Any]]:
    cases = {c.year: c for c in group.case_years}
    members = {m.year: m for m in group.members}
    actions = {a.year: a for a in group.actions}
    return [
        _year(row, cases.get(row.year), members.get(row.year), actions[row.year])
        for row in group.years
    ]


def _year(
    meetings: MeetingYear,
    cases: CaseCounts | None,
    members: MembersInYear | None,
    actions: ActionYear,
) -> dict[str, Any]:
    return {
        "year": meetings.year,
        "target": meetings.target,
        "held": meetings.held,
        "scheduled": meetings.scheduled,
        "thematic": meetings.thematic,
        "evaluation": meetings.evaluations,
        "attendance_rate": meetings.attendance_rate,
        "average_size": _amount(meetings.average_size),
        "members_at_end": members.at_end if members else None,
        "joined": members.joined if members else None,
        "left": members.left if members else None,
        "cases": cases.cases if cases else 0,
        "followed_up": cases.followed_up if cases else 0,
        "follow_ups_overdue": cases.overdue if cases else 0,
        "follow_up_rate": cases.follow_up_rate if cases else None,
        "median_days_to_follow_up": _amount(cases.median_days if cases else None),
        "actions_opened": actions.opened,
        "actions_closed": actions.closed,
        "actions_overdue": actions.overdue,
    }


def _amount(value: float | None) -> float | int | None:
    """One decimal, and a whole number written as one (7, not 7.0)."""
    if value is None:
        return None
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded
