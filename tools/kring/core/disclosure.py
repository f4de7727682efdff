"""What of the data may be shown (SPEC §2.3, §7): the one place it is decided.

Confidential cases. A file under `network/cases/` is a confidential case unless that file
itself parses and says `confidential: false`: a broken, duplicated, misplaced or
half-written case file is confidential, and no other file's word counts for it. A
confidential case shows only its id, path, owner, group, dates and status; its title,
question, intention, narrative and follow-up never appear in an output. Every view asks
here: the report and the summary through `shown_case`, history through
`confidential_paths` and `withheld_texts`, the due list and the agenda through the
timeline's open commitments (built with `shown_case`), and the lessons page through
`shared_lesson`: a confidential case lends its follow-up's `lessons` to that page only when
it says `share_lesson: true`, and then nothing else of it (SPEC §2.1).

Findings. A message that quotes a value from the data marks it (`i18n.Quoted`); in a
confidential case's file `withhold` replaces each quoted value by a placeholder, in the
finding itself: the file-local problems when the file is analysed (`withhold_problem`),
every check's finding in the runner (`disclosed`). So no format — text, json, github,
sarif, the comment, the summary — has the value to leak.

Personal data. Free text from the data that an output prints goes through `shown_text`
(kring.core.personal_data.mask), as every message argument does when it is rendered.

To change who counts as confidential, change `confidential_file` and `is_confidential`:
nothing else decides it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kring.core.i18n import Quoted, T, Text
from kring.core.layout import NETWORK_DIR
from kring.core.personal_data import mask

if TYPE_CHECKING:
    from kring.core.findings import Finding, Problem
    from kring.core.model import Case, Model

CASES_FOLDER = f"{NETWORK_DIR}/cases/"

# What a finding in a confidential case's file quotes instead of one of its values.
PLACEHOLDER = T("the value is not shown: confidential case")


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


def confidential_file(path: str, data: Any) -> bool:
    """SPEC §2.3: whether the file at `path`, whose parsed front matter is `data` (None when
    it did not parse), is a confidential case: under network/cases/ unless its own data
    says `confidential: false`."""
    if not path.startswith(CASES_FOLDER):
        return False
    return not (isinstance(data, dict) and data.get("confidential") is False)


def is_confidential(case: Case) -> bool:
    """A case record is confidential unless its own file says `confidential: false` (the
    model reads anything else as true, and a file that does not parse as true)."""
    return case.confidential


def shown_text(value: str | None) -> str | None:
    """Free text from the data as an output may print it: personal data masked."""
    return None if value is None else mask(value)


# The fields of a case (SPEC §2.1) and its Markdown body: the only names of a confidential
# case's fields an output gives; any other key is named as OTHER_FIELDS.
CASE_FIELDS = frozenset(
    {
        "title",
        "owner",
        "presented_at",
        "confidential",
        "question",
        "knowledge_sources",
        "intention",
        "follow_up",
        "status",
        "reason",
        "share_lesson",
        "body",
    }
)
OTHER_FIELDS = "…"


def shown_fields(names: list[str], *, confidential: bool) -> tuple[str, ...]:
    """The names of changed fields as an output may give them: personal data masked, and of
    a confidential case only its own fields, any other key as one OTHER_FIELDS."""
    out: list[str] = []
    for name in names:
        shown = name if not confidential or name in CASE_FIELDS else OTHER_FIELDS
        shown = mask(shown)
        if shown not in out:
            out.append(shown)
    return tuple(out)


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
        title=None if secret else shown_text(case.title),
        question=None if secret else shown_text(case.question),
        intention=None if secret or case.intention is None else shown_text(case.intention.what),
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
    text = mask(follow_up.lessons)
    if not is_confidential(case):
        return SharedLesson(text, shown_case(model, case))
    if case.share_lesson:
        return SharedLesson(text, None)
    return None


def confidential_paths(model: Model) -> frozenset[str]:
    """Every file of the network that is a confidential case (confidential_file): case
    files in their place, and any other file under network/cases/."""
    public = {c.loc.path for c in model.all_cases if not is_confidential(c)}
    return frozenset(
        f.path for f in model.files if f.path.startswith(CASES_FOLDER) and f.path not in public
    )


def withheld_texts(model: Model) -> list[str]:
    """The texts of confidential cases that no output may carry: title, question, intention
    and the follow-up's done and result, and its lessons unless the case shares them
    (history hides a commit subject that contains one)."""
    out: list[str] = []
    for case in model.all_cases:
        if not is_confidential(case):
            continue
        values = [case.title, case.question, case.intention.what if case.intention else None]
        if case.follow_up is not None:
            values += [case.follow_up.done, case.follow_up.result]
            if not case.share_lesson:
                values.append(case.follow_up.lessons)
        out.extend(value for value in values if value)
    return out


# --- findings ---------------------------------------------------------------------------------


def withhold(text: Text) -> Text:
    """`text` with every quoted value (i18n.Quoted), in it or in a text it holds, replaced by
    the placeholder."""
    changed = False
    args: list[tuple[str, object]] = []
    for name, value in text.args:
        if isinstance(value, Quoted):
            value, changed = PLACEHOLDER, True
        elif isinstance(value, Text):
            inner = withhold(value)
            changed = changed or inner is not value
            value = inner
        args.append((name, value))
    return Text(text.msgid, tuple(args)) if changed else text


def withhold_problem(problem: Problem) -> Problem:
    """A file-local problem of a confidential case's file, its quoted values withheld."""
    hint = withhold(problem.hint) if problem.hint is not None else None
    return dataclasses.replace(problem, message=withhold(problem.message), hint=hint)


def disclosed(finding: Finding, private: frozenset[str]) -> Finding:
    """The finding as it may leave the machine: in a file of `private`
    (confidential_paths), its quoted values withheld."""
    if finding.source.path not in private:
        return finding
    message = withhold(finding.message)
    hint = withhold(finding.hint) if finding.hint is not None else None
    if message is finding.message and hint is finding.hint:
        return finding
    return dataclasses.replace(finding, message=message, hint=hint)
