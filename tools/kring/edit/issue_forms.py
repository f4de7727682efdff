"""The four issue forms of `kring intake` (SPEC §11) and the YAML GitHub reads them from.

A facilitator who does not write YAML records a meeting, a follow-up, a closed action or a
new member by filling a form in the browser; `kring intake` reads the submitted issue back
(`kring.edit.rendered_body`) and makes the change (`kring.edit.submission`).

The forms are generated from the network, in its language, by `kring intake --forms
--write`: the choices a facilitator picks from (groups, members, organisations) are the
network's own, so a dropdown never offers an id that does not exist. Choices are ids only —
slugs checked by the schemas — so nothing a person wrote in a file (a name, a title) is
copied into a form. Lists that change at every meeting (open cases and actions, meetings)
are typed instead, and a mistyped one is answered with the ids that would fit.

GitHub's form syntax: docs.github.com, "Syntax for GitHub's form schema"; the forms are
validated against SchemaStore's github-issue-forms.json in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from kring.core.i18n import N_, _, every_language
from kring.core.layout import is_valid_id
from kring.core.model import Model

FOLDER = ".github/ISSUE_TEMPLATE"
LABEL = "kring-intake"  # the label every form sets; the intake workflow runs on it

# Where a dropdown's choices come from (the network), for `Field.choices`.
MEMBERS = "members"
GROUPS = "groups"
ORGANISATIONS = "organisations"

LINE = 200  # characters in a one-line answer
TEXT = 5_000  # in a free-text answer
# in the answer of a dropdown of several ids, joined with ", ": room for a hundred or so
# (twenty attendees with ids like marieke-jansen-de-wit already take more than LINE)
IDS = 5_000
MINUTES = 50_000  # in the minutes of a meeting


@dataclass(frozen=True, slots=True)
class Field:
    """One question of a form. `key` is the element's id in the form and the name the
    submission knows the answer by; `label` is the heading GitHub renders above the answer
    (a message id, read back in every language)."""

    key: str
    kind: str  # input, textarea, dropdown or checkboxes (GitHub's element types)
    label: str
    description: str = ""
    required: bool = False
    placeholder: str = ""
    choices: str | None = None  # a dropdown of MEMBERS, GROUPS or ORGANISATIONS
    options: tuple[tuple[str, str], ...] = ()  # fixed (value, label) choices
    multiple: bool = False
    limit: int = LINE

    def labels(self) -> tuple[str, ...]:
        return every_language(self.label)

    def option_values(self) -> dict[str, str]:
        """Every way a fixed option may read in a body (its value, its label in any
        language, case aside) -> the value."""
        out: dict[str, str] = {}
        for value, label in self.options:
            out[value.casefold()] = value
            for shown in every_language(label):
                out[shown.casefold()] = value
        return out


@dataclass(frozen=True, slots=True)
class Form:
    key: str  # the file's stem under .github/ISSUE_TEMPLATE, and the form's name in output
    name: str
    description: str
    title: str
    intro: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


PRIVACY = Field(
    "privacy",
    "checkboxes",
    N_("Privacy"),
    N_("Git keeps every version of every file for good."),
    options=(
        (
            "checked",
            N_("I wrote no names of clients, no e-mail addresses and no phone numbers here"),
        ),
    ),
    required=True,
)
DATE_HINT = N_("YYYY-MM-DD, like 2026-12-10")
MEMBER_HINT = N_("Members are listed by their id, the name of their file.")

MEETING = Form(
    "record-meeting",
    N_("Record a meeting"),
    N_("A meeting of a region or a theme: who came, what was agreed."),
    N_("Meeting"),
    N_(
        "kring turns this form into a pull request with the meeting's file. Leave a field "
        "empty when it does not apply."
    ),
    (
        Field(
            "group",
            "dropdown",
            N_("Group"),
            N_("The region or theme that met."),
            True,
            choices=GROUPS,
        ),
        Field("date", "input", N_("Date"), DATE_HINT, True, placeholder="2026-12-10"),
        Field(
            "kind",
            "dropdown",
            N_("Kind of meeting"),
            N_("Empty: thematic for a theme, regional for a region."),
            options=(
                ("regional", N_("regional meeting")),
                ("thematic", N_("thematic meeting")),
                ("evaluation", N_("evaluation")),
                ("kickoff", N_("kick-off")),
                ("visit", N_("working visit")),
            ),
        ),
        Field(
            "host",
            "dropdown",
            N_("Host"),
            N_("The hosting municipality or partner."),
            choices=ORGANISATIONS,
        ),
        Field("location", "input", N_("Location"), placeholder=N_("Town hall, meeting room")),
        Field("start", "input", N_("Start time"), N_("HH:MM, 24-hour clock"), placeholder="13:30"),
        Field("end", "input", N_("End time"), N_("HH:MM, 24-hour clock"), placeholder="16:30"),
        Field("chair", "dropdown", N_("Chair"), MEMBER_HINT, choices=MEMBERS),
        Field(
            "attendees",
            "dropdown",
            N_("Attendees"),
            N_("Everyone who came; required once the meeting has taken place."),
            choices=MEMBERS,
            multiple=True,
            limit=IDS,
        ),
        Field(
            "apologies",
            "dropdown",
            N_("Apologies"),
            N_("Who sent apologies."),
            choices=MEMBERS,
            multiple=True,
            limit=IDS,
        ),
        Field("topic", "input", N_("Topic"), N_("The meeting's main topic.")),
        Field(
            "actions",
            "textarea",
            N_("Actions"),
            N_(
                "One action per line: owner | what will be done | due. The owner is a "
                "member's id; due is a date YYYY-MM-DD, or empty for the next meeting."
            ),
            placeholder="marieke-jansen | Share the overview of waiting lists | 2027-01-31",
            limit=TEXT,
        ),
        Field(
            "minutes",
            "textarea",
            N_("Minutes"),
            N_("What was discussed, in plain text or Markdown."),
            limit=MINUTES,
        ),
        PRIVACY,
    ),
)

FOLLOW_UP = Form(
    "record-follow-up",
    N_("Record a follow-up"),
    N_("The owner of an intervision case reported back on their intention."),
    N_("Follow-up"),
    N_(
        "kring turns this form into a pull request that adds the follow-up to the case's "
        "file. The case and the meeting are named by their ids, as in their file names."
    ),
    (
        Field(
            "case",
            "input",
            N_("Case"),
            N_("The case's id: the name of its file under network/cases/, without .md."),
            True,
            placeholder="wachtlijst-jeugdhulp-overbrugging",
        ),
        Field(
            "meeting",
            "input",
            N_("Reported at"),
            N_("The meeting where the owner reported back: its id, or its date."),
            True,
            placeholder="2026-10-08-achterhoek",
        ),
        Field("done", "textarea", N_("What the owner did"), required=True, limit=TEXT),
        Field("result", "textarea", N_("What came of it"), required=True, limit=TEXT),
        Field(
            "lessons",
            "textarea",
            N_("Lessons"),
            N_("What the owner and the group learned."),
            limit=TEXT,
        ),
        PRIVACY,
    ),
)

CLOSE = Form(
    "close-action",
    N_("Close an action"),
    N_("An action agreed at a meeting was carried out, or dropped."),
    N_("Action closed"),
    N_("kring turns this form into a pull request that closes the action in its meeting's file."),
    (
        Field(
            "action",
            "input",
            N_("Action"),
            N_("MEETING#ACTION, or the action's id alone when no other open action has it."),
            True,
            placeholder="2026-11-12-achterhoek#werkplan-2027",
        ),
        Field(
            "outcome",
            "dropdown",
            N_("Outcome"),
            required=True,
            options=(("done", N_("done: carried out")), ("dropped", N_("dropped: not done"))),
        ),
        Field("closed", "input", N_("Closed on"), N_("YYYY-MM-DD; empty for today.")),
        Field(
            "note",
            "textarea",
            N_("Note"),
            N_("The outcome, or why the action was dropped."),
            limit=TEXT,
        ),
        PRIVACY,
    ),
)

MEMBER = Form(
    "new-member",
    N_("A new member"),
    N_("Someone joins the network."),
    N_("New member"),
    N_(
        "kring turns this form into a pull request with the member's file. A member "
        "commits to attending a number of meetings; say so below."
    ),
    (
        Field("name", "input", N_("Name"), required=True),
        Field(
            "id",
            "input",
            N_("Id"),
            N_("Empty: made from the name (Anna de Vries becomes anna-de-vries)."),
        ),
        Field("organisation", "dropdown", N_("Organisation"), required=True, choices=ORGANISATIONS),
        Field(
            "groups",
            "dropdown",
            N_("Groups"),
            N_("The regions and themes the member joins."),
            True,
            choices=GROUPS,
            multiple=True,
            limit=IDS,
        ),
        Field("joined", "input", N_("Joined on"), N_("YYYY-MM-DD; empty for today.")),
        Field(
            "stage",
            "dropdown",
            N_("Stage"),
            options=(
                ("starter", N_("starter: new to this work")),
                ("advanced", N_("advanced: experienced")),
            ),
        ),
        Field(
            "commitment",
            "input",
            N_("Meetings committed to"),
            N_(
                "The number of meetings the member commits to attend; empty for the network's "
                "policy."
            ),
            placeholder="3",
        ),
        PRIVACY,
    ),
)

FORMS = (MEETING, FOLLOW_UP, CLOSE, MEMBER)


def by_key(key: str) -> Form:
    return next(f for f in FORMS if f.key == key)


def choices(model: Model, source: str) -> list[str]:
    """The ids a dropdown offers, sorted: members (also those who left: a meeting in the
    past may list them), groups, organisations. Only well-formed ids: a file name such as
    "x\\n::error::…" is KR006's to report, never a choice a form or a log would show."""
    if source == MEMBERS:
        return sorted(m for m in model.members if is_valid_id(m))
    if source == GROUPS:
        return sorted(g for g in model.group_ids() if is_valid_id(g))
    return sorted(o for o in model.organisations if is_valid_id(o))


def _element(field: Field, model: Model) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": _(field.label)}
    if field.description:
        attributes["description"] = _(field.description)
    kind = field.kind
    options = [_(label) for _value, label in field.options]
    if field.choices is not None:
        options = choices(model, field.choices)
        if not options:
            kind = "input"  # GitHub refuses a dropdown without options
    if kind in ("input", "textarea") and field.placeholder:
        attributes["placeholder"] = _(field.placeholder)
    if kind == "dropdown":
        if field.multiple:
            attributes["multiple"] = True
        attributes["options"] = options
    if kind == "checkboxes":
        attributes["options"] = [{"label": option} for option in options]
        if field.required:
            attributes["options"][0]["required"] = True
    element: dict[str, Any] = {"type": kind, "id": field.key, "attributes": attributes}
    if field.required and kind != "checkboxes":
        element["validations"] = {"required": True}
    return element


HEADER = (
    "# Made by `kring intake --forms --write` from the network: run it again after adding a\n"
    "# member, an organisation or a group, so that the choices stay the network's own.\n"
)


def form_text(form: Form, model: Model) -> str:
    """The YAML of one form, in the current language."""
    data = {
        "name": _(form.name),
        "description": _(form.description),
        "title": _(form.title),
        "labels": [LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": _(form.intro)}},
            *(_element(field, model) for field in form.fields),
        ],
    }
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + dumped


def form_files(model: Model) -> dict[str, str]:
    """Every form: repository path -> YAML text."""
    return {f"{FOLDER}/{form.key}.yml": form_text(form, model) for form in FORMS}
