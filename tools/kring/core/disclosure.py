"""What of a confidential case may be shown (SPEC §7): the one place it is decided.

A case is confidential unless it says `confidential: false`. A confidential case shows only
its id, path, owner, group, dates and status; its title, question, intention, narrative and
follow-up never appear in an output. Every view asks here: the report and the summary
through `shown_case`, history through `is_confidential` and `withheld_texts`, the due list
and the agenda through the timeline's open commitments (built with `shown_case`), and the
formats that withhold a finding's message in a confidential file through
`confidential_paths` and `withholds_message`, and the lessons page through `shared_lesson`:
a confidential case lends its follow-up's `lessons` to that page only when it says
`share_lesson: true`, and then nothing else of it (SPEC §2.1).

To change who counts as confidential, change `is_confidential` and `confidential_paths`:
nothing else decides it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kring.core.codes import Code

if TYPE_CHECKING:
    from kring.core.findings import Finding
    from kring.core.model import Case, Model

# Checks whose messages may quote what was written (a value that breaks the schema, a line
# the parser stumbled over); the others name ids, keys, dates and codes only.
QUOTING = frozenset({Code.YAML_SYNTAX, Code.SCHEMA, Code.YAML11_SCALAR})


@dataclass(frozen=True, slots=True)
class ShownCase:
    """What may be shown of a case. `title`, `question` and `intention` are None for a
    confidential case, so what reads this record cannot print its text by mistake."""

    id: str
    path: str
    owner: str | None
    group: str | None  # the group of the meeting where it was presented
    presented_at: str | None  # that meeting's id
    presented: dt.date | None  # and its date
    status: str
    confidential: bool
    title: str | None = None
    question: str | None = None
    intention: str | None = None  # what the owner intends to do


def is_confidential(case: Case) -> bool:
    """SPEC §7: confidential unless the case says `confidential: false` (the model reads
    anything else as true)."""
    return case.confidential


def shown_case(model: Model, case: Case) -> ShownCase:
    meeting = model.meetings.get(case.presented_at or "")
    secret = is_confidential(case)
    return ShownCase(
        id=case.id,
        path=case.loc.path,
        owner=case.owner,
        group=meeting.group if meeting else None,
        presented_at=case.presented_at,
        presented=meeting.date if meeting else None,
        status=case.status,
        confidential=secret,
        title=None if secret else case.title,
        question=None if secret else case.question,
        intention=None if secret or case.intention is None else case.intention.what,
    )


@dataclass(frozen=True, slots=True)
class SharedLesson:
    """A lesson from a case's follow-up, for the lessons page. `case` is None for a
    confidential case: its lesson is shown without its id, owner, title or dates."""

    text: str
    case: ShownCase | None


def shared_lesson(model: Model, case: Case) -> SharedLesson | None:
    """The lesson a case may lend to its group's lessons page: a public case's, or a
    confidential case's that says `share_lesson: true`; None for any other."""
    follow_up = case.follow_up
    if case.broken or follow_up is None or not follow_up.lessons:
        return None
    if not is_confidential(case):
        return SharedLesson(follow_up.lessons, shown_case(model, case))
    if case.share_lesson:
        return SharedLesson(follow_up.lessons, None)
    return None


def confidential_paths(model: Model) -> frozenset[str]:
    """The files of confidential cases, whose findings are shown without their message."""
    return frozenset(c.loc.path for c in model.cases.values() if is_confidential(c))


def withheld_texts(model: Model) -> list[str]:
    """The texts of confidential cases that no output may carry: title, question, intention
    and the follow-up's done and result, and its lessons unless the case shares them
    (history hides a commit subject that contains one)."""
    out: list[str] = []
    for case in model.cases.values():
        if not is_confidential(case):
            continue
        values = [case.title, case.question, case.intention.what if case.intention else None]
        if case.follow_up is not None:
            values += [case.follow_up.done, case.follow_up.result]
            if not case.share_lesson:
                values.append(case.follow_up.lessons)
        out.extend(value for value in values if value)
    return out


def withholds_message(finding: Finding, private: frozenset[str]) -> bool:
    """SPEC §7: a message may quote a value (an unknown status, a due), and in a
    confidential case's file (`private`, from confidential_paths) that value is the case's
    own text: such a message is replaced by a placeholder wherever it leaves the machine."""
    return finding.source.path in private and finding.code in QUOTING
