"""An issue body as GitHub renders a submitted form, read back into answers by field.

GitHub writes each answered element as a level-3 heading with the element's label, a blank
line and the answer: `### Label\\n\\nanswer`, the elements separated by a blank line, in the
form's order. An empty answer reads `_No response_`; an optional dropdown left alone reads
`None`; a multiple-choice dropdown joins its choices with ", "; checkboxes read `- [X] label`
or `- [ ] label`, one per line. Bodies edited in the browser come with CRLF line ends.

The body is whatever its author typed, so reading it is strict: a heading of the form given
twice, text before the first heading, a required heading missing, or a body that fits no
form (or more than one) is refused with what to fix, rather than guessed at. An answer may
hold `### Something` lines of its own (minutes with headings); only the form's own labels
start a new answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kring.core.i18n import T, Text, _
from kring.edit.issue_forms import FORMS, Field, Form
from kring.edit.refused import Refused

NO_RESPONSE = "_No response_"
NO_CHOICE = "None"  # what GitHub writes for an optional dropdown left alone
_HEADING = re.compile(r"### +(?P<label>.*?)[ \t]*")
_CHECKBOX = re.compile(r"- \[(?P<mark>[ xX])\] (?P<label>.*)")


@dataclass(frozen=True, slots=True)
class Answers:
    """A body read against one form: field key -> the answer's text (None when empty)."""

    form: Form
    text: dict[str, str | None]

    def checked(self, key: str) -> set[str]:
        """The values of the ticked options of a checkboxes field."""
        field = self.form.field(key)
        known = field.option_values()
        out: set[str] = set()
        for line in (self.text.get(key) or "").split("\n"):
            match = _CHECKBOX.fullmatch(line.strip())
            if match and match["mark"] in "xX":
                value = known.get(match["label"].strip().casefold())
                if value is not None:
                    out.add(value)
        return out

    def loose_lines(self, key: str) -> bool:
        """Whether a checkboxes answer holds a line that is no box: text a facilitator added
        below the form's last field, which would otherwise be dropped unread."""
        return any(
            line.strip() and not _CHECKBOX.fullmatch(line.strip())
            for line in (self.text.get(key) or "").split("\n")
        )


def _label_index(forms: Sequence[Form]) -> dict[str, list[tuple[Form, Field]]]:
    index: dict[str, list[tuple[Form, Field]]] = {}
    for form in forms:
        for field in form.fields:
            for label in field.labels():
                index.setdefault(label, []).append((form, field))
    return index


def _which(forms: Sequence[Form], found: set[str]) -> Form:
    """The one form whose fields hold every heading found, and the most of them."""
    fits = [
        form
        for form in forms
        if found <= {label for field in form.fields for label in field.labels()}
    ]
    if not fits:
        raise Refused(
            T(
                "the issue is not a kring form: its headings are not those of one form; "
                "open a new issue with one of the forms"
            )
        )
    best = max(len(found & {lb for f in form.fields for lb in f.labels()}) for form in fits)
    top = [
        form for form in fits if len(found & {lb for f in form.fields for lb in f.labels()}) == best
    ]
    if len(top) > 1:
        raise Refused(
            T(
                "the issue could be more than one form ({forms}); open a new issue with one "
                "of the forms",
                forms=", ".join(form.key for form in top),
            )
        )
    return top[0]


def read(body: str, *, form: Form | None = None) -> Answers:
    """The answers in `body`, against `form` or the one form its headings fit."""
    forms = (form,) if form is not None else FORMS
    lines = body.replace("\r\n", "\n").split("\n")
    index = _label_index(forms)
    sections: list[tuple[str, int]] = []  # (label, line index)
    for number, line in enumerate(lines):
        match = _HEADING.fullmatch(line)
        if match and match["label"] in index:
            sections.append((match["label"], number))
    if not sections:
        raise Refused(
            T(
                "the issue has none of the headings of a kring form; open a new issue with "
                "one of the forms"
            )
        )
    chosen = form or _which(forms, {label for label, _n in sections})
    problems: list[Text] = []
    if any(line.strip() for line in lines[: sections[0][1]]):
        problems.append(
            T("there is text before the first heading ('### …'); remove it or move it below")
        )
    by_field: dict[str, Field] = {}
    for field in chosen.fields:
        for label in field.labels():
            by_field[label] = field
    text: dict[str, str | None] = {}
    for i, (label, start) in enumerate(sections):
        field = by_field[label]
        if field.key in text:
            problems.append(
                T(
                    "the heading '### {label}' is there twice; a form's headings cannot be "
                    "used inside an answer",
                    label=label,
                )
            )
            continue
        end = sections[i + 1][1] if i + 1 < len(sections) else len(lines)
        answer = "\n".join(lines[start + 1 : end]).strip("\n").rstrip()
        empty = answer.strip() in ("", NO_RESPONSE) or (
            field.kind == "dropdown" and answer.strip() == NO_CHOICE
        )
        text[field.key] = None if empty else answer
    for field in chosen.fields:
        if field.key not in text and field.required:
            problems.append(
                T(
                    "the heading '### {label}' is missing; it holds a required answer",
                    label=_(field.label),
                )
            )
    if problems:
        raise Refused(T("the issue cannot be read as a kring form"), details=problems)
    return Answers(chosen, text)
