"""Two files that tell a different story about the same link.

What it does: reports a case whose `presented_at` meeting does not list it under `cases`
(and a meeting that lists a case presented elsewhere); a case owner who is not among the
attendees of the meeting where the case was presented; a follow-up reported at a meeting of
another group, at or before the presentation, or where the owner was absent; a case whose
status and follow-up disagree; a presentation by a guest who is not among the guests.

Why is this bad: the meeting's minutes and the case disagree, so the overviews count the case
twice or not at all, and nobody can tell whether the follow-up really happened.

Example: `cases/2026/wachtlijst.md` says `presented_at: 2026-03-12-achterhoek`, while that
meeting says

    cases: [schoolverzuim]

Use instead:

    cases: [schoolverzuim, wachtlijst]
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Case, Model

RULE = Rule(Code.INCONSISTENT_LINK, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    for case in model.all_cases:
        if not case.broken:
            yield from _case(model, case)
    for meeting in model.all_meetings:
        where = meeting.loc.items("cases")  # as listed reads them: numbers skipped
        for index, case_id in enumerate(meeting.cases):
            listed = model.cases.get(case_id)
            if listed and not listed.broken and listed.presented_at not in (None, meeting.id):
                yield RULE.at(
                    where(index),
                    T(
                        "case '{case}' says it was presented at {other}, not here",
                        case=case_id,
                        other=listed.presented_at,
                    ),
                    T("remove it here, or correct presented_at in the case"),
                )
        for p in meeting.presentations:
            if p.guest is not None and p.guest not in meeting.guests:
                yield RULE.at(
                    p.loc.at("guest"),
                    T("presenter '{guest}' is not among this meeting's guests", guest=p.guest),
                    T("add the guest under guests with name and organisation"),
                )


def _case(model: Model, case: Case) -> Iterator[Finding]:
    meeting = model.meetings.get(case.presented_at or "")
    if meeting is not None and not meeting.broken:
        if case.id not in meeting.cases and "cases" not in meeting.unreadable:
            yield RULE.at(
                case.loc.at("presented_at"),
                T("meeting {meeting} does not list this case under cases", meeting=meeting.id),
                T("add '{case}' to cases in {path}", case=case.id, path=meeting.loc.path),
            )
        if (
            case.owner
            and meeting.attendees is not None
            and "attendees" not in meeting.unreadable  # the schema's finding is the cause
            and case.owner not in meeting.attendees
        ):
            yield RULE.at(
                case.loc.at("owner"),
                T(
                    "owner '{owner}' is not among the attendees of {meeting}",
                    owner=case.owner,
                    meeting=meeting.id,
                ),
                T("the owner presents the case: add them to the attendees, or correct the owner"),
            )
    fu = case.follow_up
    if fu is not None and fu.reported_at:
        at = model.meetings.get(fu.reported_at)
        if at is not None and meeting is not None and not at.broken:
            if at.group != meeting.group:
                yield RULE.at(
                    fu.loc.at("reported_at"),
                    T(
                        "follow-up at {at} of group {group}, but the case belongs to {own}",
                        at=at.id,
                        group=at.group,
                        own=meeting.group,
                    ),
                    T("a case is followed up in the group where it was presented"),
                )
            elif at.date and meeting.date and at.date <= meeting.date:
                yield RULE.at(
                    fu.loc.at("reported_at"),
                    T(
                        "follow-up at {at}, which is not after the presentation at {presented}",
                        at=at.id,
                        presented=meeting.id,
                    ),
                    T("report the follow-up at a later meeting of the group"),
                )
            elif (
                case.owner
                and at.attendees is not None
                and "attendees" not in at.unreadable
                and case.owner not in at.attendees
            ):
                yield RULE.at(
                    fu.loc.at("reported_at"),
                    T(
                        "owner '{owner}' is not among the attendees of {at}, where the "
                        "follow-up is reported",
                        owner=case.owner,
                        at=at.id,
                    ),
                    T("add the owner to that meeting's attendees, or correct reported_at"),
                )
    if case.status == "followed-up" and fu is None:
        yield RULE.at(
            case.loc.at("status"),
            T("status is followed-up, but the case has no follow_up"),
            T("add follow_up with reported_at, done and result (kring follow-up does this)"),
        )
    if case.status == "open" and fu is not None:
        yield RULE.at(
            case.loc.key("status")
            if case.loc.doc and ("status",) in case.loc.doc.marks
            else case.loc.key("follow_up"),
            T("the case has a follow_up, but its status is still open"),
            T("set status: followed-up"),
        )
