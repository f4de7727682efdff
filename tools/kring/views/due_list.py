"""`kring due`: open commitments by due date, overdue first, as text, Markdown or JSON.

Everything about time comes from `timeline`; this module only filters and renders. A
confidential case shows only its id, owner, group, dates and status (SPEC §7): the records
from `timeline.open_commitments` carry no text of a confidential case to begin with
(`kring.core.disclosure.shown_case` decides what they carry).

The JSON shape (version 1) is documented in the README, "Before a meeting".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kring.core import timeline
from kring.core.i18n import T, Text, _
from kring.core.model import Model
from kring.core.phrases import days, due_text, slid_text
from kring.core.printable import dumps, escaped_line
from kring.core.timeline import OpenCommitment
from kring.views import markup

FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True, slots=True)
class Filters:
    group: str | None = None
    member: str | None = None
    within: int | None = None  # days from today; overdue items always pass


def select(model: Model, today: dt.date, filters: Filters) -> list[OpenCommitment]:
    out = []
    for item in timeline.open_commitments(model, today):
        if filters.group is not None and filters.group not in item.groups:
            continue
        if filters.member is not None and item.owner != filters.member:
            continue
        if filters.within is not None and not _within(item, filters.within):
            continue
        out.append(item)
    return out


def _within(item: OpenCommitment, days: int) -> bool:
    """Overdue, or falls due on a known date at most `days` days from today."""
    return item.overdue or (item.days_left is not None and item.days_left <= days)


_KIND = {
    "action": T("action"),
    "intention": T("intention"),
    "attendance": T("attendance"),
}


def when(item: OpenCommitment) -> Text:
    """How late, or how long to go."""
    if item.overdue:
        return T("{late} late", late=days(item.days_late))
    if item.days_left == 0:
        return T("today")
    if item.days_left is not None:
        return T("in {left}", left=days(item.days_left))
    return T("no date yet")


def due_of(item: OpenCommitment) -> Text:
    """When it falls due; an attendance commitment at its last meeting."""
    if item.coverage is not None and item.due.date is None:
        return T(
            "at meeting {n} from {start}, not planned yet",
            n=item.coverage.required,
            start=item.coverage.start,
        )
    return due_text(item.due)


def details(item: OpenCommitment) -> list[Text]:
    """What the commitment is, in lines; for a confidential case only ids, dates, status."""
    lines: list[Text] = []
    if item.kind == "action":
        lines.append(T("set at {meeting}", meeting=item.set_at or "?"))
        if item.what:
            lines.append(T("{text}", text=item.what))
    elif item.kind == "intention":
        status = T("status {status}", status="open")
        if item.confidential:
            lines.append(
                T(
                    "confidential case, presented at {meeting}; {status}",
                    meeting=item.set_at or "?",
                    status=status,
                )
            )
        else:
            lines.append(T("case: {title}", title=item.title or "?"))
            lines.append(T("presented at {meeting}; {status}", meeting=item.set_at, status=status))
            if item.what:
                lines.append(T("intention: {text}", text=item.what))
    elif item.coverage is not None:
        c = item.coverage
        lines.append(
            T(
                "attended {attended} of {held} meetings held so far; committed to {required} "
                "from {start}",
                attended=c.attended,
                held=c.taken_place,
                required=c.required,
                start=c.start,
            )
        )
        if c.apologised:  # reported, they do not excuse (SPEC §3)
            lines.append(T("sent apologies for {n} of them", n=c.apologised))
    slid = slid_text(item.due)
    if slid is not None:
        lines.append(slid)
    return lines


def _heading(today: dt.date, items: Sequence[OpenCommitment]) -> Text:
    overdue = sum(1 for i in items if i.overdue)
    return T(
        "Open commitments on {today}: {overdue} overdue, {open} open",
        today=today,
        overdue=overdue,
        open=len(items) - overdue,
    )


def _parts(items: Sequence[OpenCommitment]) -> Iterable[tuple[str, list[OpenCommitment]]]:
    overdue = [i for i in items if i.overdue]
    rest = [i for i in items if not i.overdue]
    if overdue:
        yield _("Overdue"), overdue
    if rest:
        yield _("Open"), rest


def _ref(item: OpenCommitment, model: Model | None) -> str:
    """What the commitment is called: an action's or case's id (what `kring close` and
    `kring follow-up` take), a member by name for attendance."""
    if item.kind == "attendance" and model is not None:
        return model.person(item.ref)
    return item.ref


def _owner(item: OpenCommitment, model: Model | None) -> str:
    return model.person(item.owner) if model is not None else item.owner or "?"


def _groups(item: OpenCommitment, model: Model | None) -> str:
    names = [model.group_name(g) if model is not None else g for g in item.groups]
    return ", ".join(names) or "?"


def render_text(items: Sequence[OpenCommitment], today: dt.date, model: Model | None = None) -> str:
    """The list for a terminal; with the model, people and groups by name (SPEC §6: ids
    stay in the machine formats)."""
    lines = [_heading(today, items).render()]
    if not items:
        lines.append(_("Nothing is open."))
    for title, part in _parts(items):
        lines += ["", f"{title} ({len(part)})"]
        for item in part:
            lines.append(f"  {_KIND[item.kind].render()} {_ref(item, model)}")
            lines.append(
                "      "
                + T(
                    "owner {owner}, group {group}",
                    owner=_owner(item, model),
                    group=_groups(item, model),
                ).render()
            )
            due = (
                T("due {due}: {when}", due=due_of(item), when=when(item))
                if item.due.date is not None
                else T("due {due}", due=due_of(item))
            )
            lines.append("      " + due.render())
            lines += ["      " + line.render() for line in details(item)]
    # each line holds data: a line break or an escape sequence in it is shown, not obeyed
    return "\n".join(escaped_line(line) for line in lines) + "\n"


def render_markdown(
    items: Sequence[OpenCommitment], today: dt.date, model: Model | None = None
) -> str:
    lines = [f"## {markup.text(_heading(today, items).render())}", ""]
    if not items:
        lines.append(markup.text(_("Nothing is open.")))
    for title, part in _parts(items):
        lines += [f"### {markup.text(title)} ({len(part)})", ""]
        header = [_("Due"), _("When"), _("Kind"), _("Commitment"), _("Owner"), _("Group")]
        lines.append("| " + " | ".join(markup.text(h) for h in header) + " |")
        lines.append("|" + "---|" * len(header))
        for item in part:
            commitment = "<br>".join(
                [
                    markup.text(_ref(item, model)),
                    *(markup.text(line.render()) for line in details(item)),
                ]
            )
            cells = [
                markup.text(due_of(item).render()),
                markup.text(when(item).render()),
                markup.text(_KIND[item.kind].render()),
                commitment,
                markup.text(_owner(item, model)),
                markup.text(_groups(item, model)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_dict(item: OpenCommitment) -> dict[str, Any]:
    """One commitment for programs; the shape is documented in the README."""
    attendance = None
    if item.coverage is not None:
        c = item.coverage
        attendance = {
            "required": c.required,
            "from": c.start.isoformat(),
            "meetings": [m.id for m in c.meetings],
            "taken_place": c.taken_place,
            "attended": c.attended,
        }
    due = item.due
    return {
        "kind": item.kind,
        "ref": item.ref,
        "owner": item.owner,
        "group": item.group,
        "groups": list(item.groups),
        "status": "overdue" if item.overdue else "open",
        "due": {
            "date": due.date.isoformat() if due.date else None,
            "meeting": due.meeting.id if due.meeting else None,
            "slid_past": [m.id for m in due.slid],
        },
        "days_late": item.days_late,
        "days_left": item.days_left,
        "set_at": item.set_at,
        "confidential": item.confidential,
        "title": item.title,
        "what": item.what,
        "attendance": attendance,
        "path": item.source.path,
        "line": item.source.line,
        "column": item.source.column,
    }


def render_json(items: Sequence[OpenCommitment], today: dt.date, filters: Filters) -> str:
    overdue = sum(1 for i in items if i.overdue)
    data = {
        "version": 1,
        "today": today.isoformat(),
        "filters": {"group": filters.group, "member": filters.member, "within": filters.within},
        "summary": {"overdue": overdue, "open": len(items) - overdue},
        "commitments": [to_dict(i) for i in items],
    }
    return dumps(data)


def render(
    fmt: str,
    items: Sequence[OpenCommitment],
    today: dt.date,
    filters: Filters,
    model: Model | None = None,
) -> str:
    if fmt == "json":
        return render_json(items, today, filters)
    if fmt == "markdown":
        return render_markdown(items, today, model)
    return render_text(items, today, model)
