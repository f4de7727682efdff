"""`kring intake`: a submitted issue form made into the change kring's own commands make.

The answers (`kring.edit.rendered_body`) are checked field by field first, and every wrong
answer is reported at once, named by the form's label, so the facilitator fixes the issue in
one edit. Then the answers go to the same authoring functions as `kring new member`, `kring
new meeting`, `kring follow-up` and `kring close`, which write through the one checked,
atomic transaction: a change that would not pass `kring check` is refused and nothing is
written.

Every answer is untrusted text. It becomes a value through `splice.scalar` (quoted as YAML
needs), an id only when it is one the network has, a date only when it parses; it is never
pasted into YAML, a shell or a workflow expression. Messages that quote an answer quote an
id-sized piece of it with invisible characters escaped; free text (what was done, minutes)
is never quoted back, as it may be a confidential case's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kring.checks.context import Context
from kring.core.corrections import slug, time_meant
from kring.core.i18n import T, Text, _
from kring.core.layout import is_valid_id
from kring.core.model import NEXT_MEETING, Model, parse_date
from kring.core.suggest import suffix
from kring.edit import options, recording
from kring.edit.issue_forms import (
    CLOSE,
    FOLLOW_UP,
    GROUPS,
    MEETING,
    MEMBER,
    MEMBERS,
    ORGANISATIONS,
    by_key,
    choices,
)
from kring.edit.new_files import (
    MeetingDetails,
    NewAction,
    free_meeting_id,
    new_meeting,
    new_member,
)
from kring.edit.refused import Refused
from kring.edit.rendered_body import Answers, read
from kring.load import pipeline

V = TypeVar("V")

# What is not text in an answer: C0 and C1 controls but tab and newline (newline only where
# the answer may hold lines), line separators YAML reads as breaks, a byte-order mark. The
# loader refuses the same in a file (SPEC §2.2); here the answer's field is named. Also the
# bidirectional embeddings, overrides and isolates that core.printable escapes on a terminal:
# written into the file, they make the pull request's reviewer read the line in another order
# than it holds (CVE-2021-42574), and no form answer needs them.
_NOT_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\u202a-\u202e\u2066-\u2069"
_ODD_LINE = re.compile(f"[{_NOT_TEXT}\n]")
_ODD_TEXT = re.compile(f"[{_NOT_TEXT}]")
_SUPPRESSION = re.compile(r"kring\s*:\s*ignore", re.IGNORECASE)
_BULLET = re.compile(r"[-*+] +")


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `kring intake` changed: the form, the files written, and one line that says
    what was recorded (ids and dates only: it becomes the pull request's title)."""

    form: str
    paths: tuple[str, ...]
    what: Text


def shown(value: str, limit: int = 60) -> str:
    """A piece of an answer fit to quote in a message: one line, invisible characters
    escaped, cut to `limit` characters."""
    cut = value[:limit]
    out = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in cut)
    return out + ("…" if len(value) > limit else "")


class _Reader:
    """The answers of one form, checked one field at a time; every problem is kept, and
    `done()` refuses with all of them."""

    def __init__(self, answers: Answers, model: Model) -> None:
        self.answers = answers
        self.model = model
        self.problems: list[Text] = []

    def problem(self, key: str, message: Text) -> None:
        label = _(self.answers.form.field(key).label)
        self.problems.append(T("{field}: {problem}", field=label, problem=message))

    def text(self, key: str, *, lines: bool = False) -> str | None:
        """The answer as text, or None when empty (a problem when the field is required)."""
        field = self.answers.form.field(key)
        value = self.answers.text.get(key)
        if value is None:
            if field.required:
                self.problem(key, T("give an answer; this field is required"))
            return None
        if len(value) > field.limit:
            self.problem(
                key,
                T(
                    "the answer is {n} characters long; at most {limit} fit here",
                    n=len(value),
                    limit=field.limit,
                ),
            )
            return None
        if not lines and "\n" in value:
            self.problem(key, T("write the answer on one line"))
            return None
        if _SUPPRESSION.search(value):
            # a `# kring: ignore[…]` inside a value still reads as a suppression on its line
            self.problem(
                key,
                T(
                    "the answer holds a suppression comment ('kring: ignore'); a maintainer "
                    "adds those by hand, never a form"
                ),
            )
            return None
        odd = (_ODD_TEXT if lines else _ODD_LINE).search(value)
        if odd:
            self.problem(
                key,
                T(
                    "the answer holds an invisible control character (U+{code:04X}); retype "
                    "the text without it",
                    code=ord(odd.group()),
                ),
            )
            return None
        return value if lines else value.strip()

    def choice(self, key: str) -> str | None:
        """The value of the fixed option chosen in a dropdown."""
        value = self.text(key)
        if value is None:
            return None
        known = self.answers.form.field(key).option_values()
        chosen = known.get(value.casefold())
        if chosen is None:
            options = ", ".join(sorted(set(known.values())))
            self.problem(
                key,
                T(
                    "'{value}' is not one of the choices ({options})",
                    value=shown(value),
                    options=options,
                ),
            )
        return chosen

    def picked(self, key: str) -> list[str]:
        """The ids chosen in a dropdown of the network's members, groups or organisations
        (several, comma-separated, where the dropdown allows more than one)."""
        field = self.answers.form.field(key)
        value = self.text(key)
        if value is None:
            return []
        assert field.choices is not None
        ids = set(choices(self.model, field.choices))
        parts = [part.strip() for part in value.split(",")] if field.multiple else [value]
        out: list[str] = []
        for part in dict.fromkeys(parts):  # an id given twice is one answer (and one problem)
            if part in ids:
                out.append(part)
            elif part in self.model.ambiguous.get(_KIND[field.choices], ()):
                self.problem(key, _shared(part))
            else:
                self.problem(key, _unknown(_KIND[field.choices], part, ids))
        return out

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if value is None:
            return None
        day = parse_date(value)
        if day is None:
            self.problem(key, T("'{value}' is not a date as YYYY-MM-DD", value=shown(value)))
        return day

    def time(self, key: str) -> str | None:
        """A time as the schemas write it, HH:MM, from what a facilitator types, as on the
        command line (13:30, 13.30, 13u30, 1:30 pm: kring new meeting's --start)."""
        value = self.text(key)
        if value is None:
            return None
        meant = time_meant(value)
        if meant is None:
            self.problem(key, T("'{value}' is not a time as HH:MM", value=shown(value)))
        return meant

    def declared(self, key: str) -> None:
        """A declaration the form asks to tick (that the answers hold no personal data)."""
        if not self.answers.checked(key):
            self.problem(key, T("tick the box: kring records nothing without it"))
        if self.answers.loose_lines(key):
            self.problem(
                key,
                T(
                    "below the box is text that kring would not record; move it into a field "
                    "of the form (the minutes, a note) or delete it"
                ),
            )

    def done(self) -> None:
        if self.problems:
            raise Refused(
                T("the form cannot be recorded; fix these answers and edit the issue"),
                details=self.problems,
            )


# The kind of id a dropdown of the network's ids offers (the namespace of SPEC §2.3).
_KIND = {MEMBERS: "member", GROUPS: "group", ORGANISATIONS: "organisation"}


def _shared(value: str) -> Text:
    return options.shared(shown(value))


def _unknown(kind: str, value: str, ids: Collection[str]) -> Text:
    return options.unknown(kind, value, ids, quoted=shown(value))


def _sure(value: V | None) -> V:
    """An answer `done()` has vouched for (a required one, so not None)."""
    assert value is not None
    return value


# --- the four forms ----------------------------------------------------------------------


def _follow_up(root: Path, ctx: Context, model: Model, r: _Reader) -> Recorded:
    case_id = r.text("case")
    if case_id is not None and case_id in model.ambiguous.get("case", ()):
        r.problem("case", _shared(case_id))
        case_id = None
    elif case_id is not None and case_id not in model.cases:
        r.problem("case", _unknown("case", case_id, model.cases))
        case_id = None
    case = model.cases.get(case_id or "")
    at = _meeting(r, "meeting", model.group_of_case(case) if case is not None else None)
    done = r.text("done", lines=True)
    result = r.text("result", lines=True)
    lessons = r.text("lessons", lines=True)
    r.declared("privacy")
    r.done()
    followed = recording.follow_up(
        root,
        ctx,
        _sure(case_id),
        at=_sure(at),
        done=_sure(done),
        result=_sure(result),
        lessons=lessons,
    )
    return Recorded(
        FOLLOW_UP.key,
        (followed.path,),
        T("follow-up of {case} reported at {at}", case=followed.case, at=followed.at),
    )


def _meeting(r: _Reader, key: str, group: str | None) -> str | None:
    """A meeting named by its id, or by its date (of the case's group, when known)."""
    value = r.text(key)
    if value is None:
        return None
    model = r.model
    if value in model.meetings:
        return value
    if value in model.ambiguous.get("meeting", ()):
        r.problem(key, _shared(value))
        return None
    day = parse_date(value)
    if day is None:
        r.problem(key, _unknown("meeting", value, model.meetings))
        return None
    # every meeting file (SPEC §2.3): two files with one id that day are two meetings, and
    # their id names neither
    same = sorted(m.id for m in model.all_meetings if m.date == day and group in (None, m.group))
    if len(same) == 1 and same[0] not in model.meetings:
        r.problem(key, _shared(same[0]))
        return None
    if len(same) == 1:
        return same[0]
    if not same:
        r.problem(
            key,
            T("no meeting of {group} on {date}", group=group, date=day.isoformat())
            if group
            else T("no meeting on {date}", date=day.isoformat()),
        )
    else:
        r.problem(
            key,
            T(
                "more than one meeting on {date} ({ids}); give the id",
                date=day.isoformat(),
                ids=", ".join(same),
            ),
        )
    return None


def _close(root: Path, ctx: Context, model: Model, r: _Reader) -> Recorded:
    ref = _action(r, "action")
    status = r.choice("outcome")
    on = r.date("closed")
    note = r.text("note", lines=True)
    r.declared("privacy")
    r.done()
    closed = recording.close(root, ctx, _sure(ref), status=_sure(status), on=on, note=note)
    return Recorded(
        CLOSE.key,
        (closed.path,),
        T("action {ref} done on {on}", ref=closed.ref, on=closed.on.isoformat())
        if closed.status == "done"
        else T("action {ref} dropped on {on}", ref=closed.ref, on=closed.on.isoformat()),
    )


def _action(r: _Reader, key: str) -> str | None:
    """MEETING#ACTION, or the id of one open action."""
    value = r.text(key)
    if value is None:
        return None
    model = r.model
    meeting_id, hash_, action_id = value.partition("#")
    if hash_:
        meeting = model.meetings.get(meeting_id)
        if meeting_id in model.ambiguous.get("meeting", ()):
            r.problem(key, _shared(meeting_id))
            return None
        if meeting is None:
            r.problem(key, _unknown("meeting", meeting_id, model.meetings))
            return None
        ids = [a.id for a in meeting.actions]
        if action_id not in ids:
            r.problem(key, _unknown("action", action_id, ids))
            return None
        return value
    # every meeting file's (SPEC §2.3); recording.close refuses one of a shared meeting id
    open_actions = sorted(
        {a.ref for m in model.all_meetings for a in m.actions if a.status == "open"}
    )
    same = [ref for ref in open_actions if ref.endswith(f"#{value}")]
    if len(same) == 1:
        return same[0]
    if same:
        r.problem(
            key,
            T(
                "more than one open action is called '{id}' ({refs}); write MEETING#ACTION",
                id=shown(value),
                refs=", ".join(same),
            ),
        )
    else:
        r.problem(
            key,
            T(
                "no open action '{id}'; the open actions are: {refs}",
                id=shown(value),
                refs=", ".join(open_actions[:20]) or "—",
            ),
        )
    return None


def _member(root: Path, ctx: Context, model: Model, r: _Reader) -> Recorded:
    name = r.text("name")
    given = r.text("id")
    ident = given if given is not None else slug(name or "")
    if given is not None and not is_valid_id(given):
        r.problem("id", options.not_an_id(shown(given)))
    elif name is not None and given is None and not ident:
        r.problem("id", T("no id can be made from the name; give one"))
    organisation = r.picked("organisation")
    groups = r.picked("groups")
    joined = r.date("joined")
    stage = r.choice("stage")
    commitment = _count(r, "commitment")
    r.declared("privacy")
    r.done()
    rel = new_member(
        root,
        ctx,
        ident,
        name=_sure(name),
        organisation=organisation[0],
        groups=groups,
        joined=joined or ctx.today,
        stage=stage,
        commitment=commitment,
    )
    return Recorded(MEMBER.key, (rel,), T("new member {id}", id=ident))


def _count(r: _Reader, key: str) -> int | None:
    value = r.text(key)
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{1,2}", value):
        r.problem(key, T("'{value}' is not a number of meetings", value=shown(value)))
        return None
    return int(value)


def _meeting_form(root: Path, ctx: Context, model: Model, r: _Reader) -> Recorded:
    group = r.picked("group")
    date = r.date("date")
    kind = r.choice("kind")
    host = r.picked("host")
    location = r.text("location")
    start = r.time("start")
    end = r.time("end")
    chair = r.picked("chair")
    attendees = r.picked("attendees")
    apologies = r.picked("apologies")
    topic = r.text("topic")
    actions = _actions(r, "actions")
    minutes = r.text("minutes", lines=True)
    r.declared("privacy")
    if date is not None and date < ctx.today and not attendees:
        r.problem("attendees", T("the meeting has taken place: say who attended"))
    # What new_meeting would refuse in its own options' words (--end, --second), said here
    # by the form's fields: the form has no such options.
    if start is not None and end is not None and end <= start:
        r.problem("end", T("{end} is not after the start time {start}", end=end, start=start))
    if group and date is not None:
        same_day = f"{date.isoformat()}-{group[0]}"
        if free_meeting_id(model, root, date, group[0])[0] != same_day:
            found = model.meetings.get(same_day)
            r.problem(
                "date",
                T(
                    "{group} already meets on {date} ({path}); a correction goes into that "
                    "file, and a second meeting on one day is recorded by a maintainer",
                    group=group[0],
                    date=date.isoformat(),
                    path=found.loc.path if found is not None else f"{same_day}.md",
                ),
            )
    r.done()
    rel = new_meeting(
        root,
        ctx,
        group[0],
        date=_sure(date),
        kind=kind,
        host=host[0] if host else None,
        attendees=attendees,
        details=MeetingDetails(
            location=location,
            start=start,
            end=end,
            chair=chair[0] if chair else None,
            apologies=apologies,
            topic=topic,
            actions=actions,
            minutes=minutes,
        ),
    )
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    return Recorded(MEETING.key, (rel,), T("meeting {id}", id=stem))


def _actions(r: _Reader, key: str) -> list[NewAction]:
    """One action per line: owner | what | due (empty for the next meeting)."""
    value = r.text(key, lines=True)
    if value is None:
        return []
    members = r.model.members.keys()
    out: list[NewAction] = []
    taken: set[str] = set()
    for number, line in enumerate(value.split("\n"), 1):
        line = _BULLET.sub("", line.strip(), count=1)
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (2, 3) or not parts[1]:
            r.problem(key, T("line {n}: write owner | what will be done | due", n=number))
            continue
        owner, what, due = parts[0], parts[1], parts[2] if len(parts) == 3 else ""
        if owner not in members:
            r.problem(
                key,
                T(
                    "line {n}: unknown member '{id}'{mean}",
                    n=number,
                    id=shown(owner),
                    mean=suffix(owner, members),
                ),
            )
            continue
        if due in ("", NEXT_MEETING):
            due = NEXT_MEETING
        elif parse_date(due) is None:
            r.problem(
                key,
                T("line {n}: '{due}' is not a date as YYYY-MM-DD", n=number, due=shown(due)),
            )
            continue
        ident = _action_id(what, number, taken)
        taken.add(ident)
        out.append(NewAction(ident, owner, what, due))
    return out


def _action_id(what: str, number: int, taken: set[str]) -> str:
    """An id from the first words of what is to be done, unique in the meeting."""
    base = slug(" ".join(what.split()[:4]))[:40].strip("-") or f"a{number}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


_HANDLERS: dict[str, Callable[[Path, Context, Model, _Reader], Recorded]] = {
    MEETING.key: _meeting_form,
    FOLLOW_UP.key: _follow_up,
    CLOSE.key: _close,
    MEMBER.key: _member,
}


def record(root: Path, ctx: Context, body: str, *, form: str | None = None) -> Recorded:
    """Apply the submitted form in `body` (of the form `form`, else the one it fits)."""
    return apply(root, ctx, read(body, form=by_key(form) if form is not None else None))


def apply(root: Path, ctx: Context, answers: Answers) -> Recorded:
    """Apply answers read from a body (kring.edit.rendered_body.read)."""
    model = pipeline.load_cached(root, ctx.config)[0]
    return _HANDLERS[answers.form.key](root, ctx, model, _Reader(answers, model))
