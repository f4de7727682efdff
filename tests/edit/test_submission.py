"""`kring intake FILE`: a submitted issue form, applied to a copy of the example network.

A valid body changes exactly the lines `kring new`, `kring close` or `kring follow-up` would,
and `kring check` stays clean; a body that does not parse, names what the network does not
have, or would give a file with errors changes nothing and says what to fix. Every answer is
untrusted: YAML, workflow expressions, mentions, Markdown and control characters in any field
are refused or stored as the inert text they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from issue_body import Answer, elements, render
from support import TODAY, MakeRepo, git, kring
from text_diff import unified

from kring.core.config import Config
from kring.core.corrections import slug
from kring.core.i18n import set_language
from kring.edit.issue_forms import form_files
from kring.load import pipeline

CASE = "network/cases/2026/statushouder-gezinshereniging-school.md"
EVALUATION = "network/meetings/2026/2026-11-12-achterhoek.md"
NEW_MEMBER = "network/members/eva-dijkstra.yaml"
NEW_MEETING = "network/meetings/2026/2026-12-10-achterhoek.md"

VALID: dict[str, dict[str, Answer]] = {
    "record-follow-up": {
        "case": "statushouder-gezinshereniging-school",
        "meeting": "2026-10-08",
        "done": "Held the round-table conversation with the school, the family and the "
        "refugee support organisation.",
        "result": "The school's mentor keeps the overview: one contact for the family.",
        "lessons": None,
        "privacy": {"0"},
    },
    "close-action": {
        "action": "werkplan-2027",
        "outcome": "done: carried out",
        "closed": "2026-11-20",
        "note": "Shared with both platforms",
        "privacy": {"0"},
    },
    "new-member": {
        "name": "Eva Dijkstra",
        "id": None,
        "organisation": "duiven",
        "groups": ["liemers"],
        "joined": "2026-11-20",
        "stage": "starter: new to this work",
        "commitment": "3",
        "privacy": {"0"},
    },
    "record-meeting": {
        "group": "achterhoek",
        "date": "2026-12-10",
        "kind": "regional meeting",
        "host": "aalten",
        "location": "Town hall Aalten",
        "start": "13:30",
        "end": "16:30",
        "chair": "anna-de-vries",
        "attendees": ["anna-de-vries", "marieke-jansen", "joost-hendriks"],
        "apologies": ["sander-bosman"],
        "topic": "Work plan 2027",
        "actions": "marieke-jansen | Share the overview of waiting lists | 2027-01-31\n"
        "- joost-hendriks | Invite the school attendance officer |",
        "minutes": "### Work plan\n\nWe agreed on the dates for 2027.",
        "privacy": {"0"},
    },
}
WRITES = {
    "record-follow-up": CASE,
    "close-action": EVALUATION,
    "new-member": NEW_MEMBER,
    "record-meeting": NEW_MEETING,
}


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A Dutch run leaves kring's language Dutch in this process: set it back for the rest."""
    yield
    set_language("en")


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo(example=True)


def forms(repo: Path) -> dict[str, str]:
    set_language("en")
    made = form_files(pipeline.load(repo, Config()))
    return {path.rsplit("/", 1)[-1].removesuffix(".yml"): text for path, text in made.items()}


def body(repo: Path, form: str, changes: dict[str, Answer] | None = None, **kw: Any) -> str:
    return render(forms(repo)[form], {**VALID[form], **(changes or {})}, **kw)


def intake(repo: Path, text: str, *args: str, today: str = TODAY) -> Result:
    path = repo.parent / f"{repo.name}-issue-body.md"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return kring(repo, "intake", str(path), *args, today=today)


def unchanged(repo: Path) -> bool:
    return git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def changed(repo: Path) -> set[str]:
    lines = git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    return {line[3:] for line in lines}


def clean_check(repo: Path) -> None:
    result = kring(repo, "check", "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 0, data["findings"]


def committed(repo: Path, path: str) -> str:
    return git(repo, "show", f"HEAD:{path}")


# --- the must-show: a follow-up --------------------------------------------------------------


def test_a_follow_up_form_writes_exactly_the_follow_up_lines(repo: Path) -> None:
    result = intake(repo, body(repo, "record-follow-up"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{CASE}: follow-up of statushouder-gezinshereniging-school reported at "
        "2026-10-08-achterhoek\n"
    )
    assert changed(repo) == {CASE}
    assert unified(committed(repo, CASE), (repo / CASE).read_text("utf-8")) == [
        "+follow_up:",
        "+  reported_at: 2026-10-08-achterhoek",
        "+  done: Held the round-table conversation with the school, the family and the "
        "refugee support organisation.",
        '+  result: "The school\'s mentor keeps the overview: one contact for the family."',
        "-status: open",
        "+status: followed-up",
    ]
    clean_check(repo)


def test_the_follow_up_meeting_may_be_its_id_and_the_answers_hold_lines(repo: Path) -> None:
    answers: dict[str, Answer] = {
        "meeting": "2026-11-12-achterhoek",
        "lessons": "Invite the interpreter early.\nAnd the mentor.",
    }
    result = intake(repo, body(repo, "record-follow-up", answers, crlf=True))
    assert result.exit_code == 0, result.output
    added = unified(committed(repo, CASE), (repo / CASE).read_text("utf-8"))
    assert "+  reported_at: 2026-11-12-achterhoek" in added
    assert '+  lessons: "Invite the interpreter early.\\nAnd the mentor."' in added
    lessons = _front(repo, CASE)["follow_up"]["lessons"]
    assert lessons == "Invite the interpreter early.\nAnd the mentor."
    clean_check(repo)


# --- the other forms -------------------------------------------------------------------------


def test_a_close_form_closes_the_one_open_action_of_that_id(repo: Path) -> None:
    result = intake(repo, body(repo, "close-action"))
    assert result.exit_code == 0, result.output
    assert changed(repo) == {EVALUATION}
    assert unified(committed(repo, EVALUATION), (repo / EVALUATION).read_text("utf-8")) == [
        "-    status: open",
        "+    status: done",
        "+    closed: 2026-11-20",
        "+    note: Shared with both platforms",
    ]
    clean_check(repo)


def test_a_new_member_form_writes_the_member_file(repo: Path) -> None:
    result = intake(repo, body(repo, "new-member"))
    assert result.exit_code == 0, result.output
    assert changed(repo) == {NEW_MEMBER}
    data = _front(repo, NEW_MEMBER)
    assert data == {
        "name": "Eva Dijkstra",
        "organisation": "duiven",
        "groups": ["liemers"],
        "joined": "2026-11-20",
        "stage": "starter",
        "commitment": {"meetings": "3", "from": "2026-11-20"},
    }
    clean_check(repo)


def test_a_meeting_form_writes_the_meeting_file(repo: Path) -> None:
    result = intake(repo, body(repo, "record-meeting"))
    assert result.exit_code == 0, result.output
    assert changed(repo) == {NEW_MEETING}
    text = (repo / NEW_MEETING).read_text("utf-8")
    assert _front(repo, NEW_MEETING) == {
        "date": "2026-12-10",
        "group": "achterhoek",
        "kind": "regional",
        "host": "aalten",
        "location": "Town hall Aalten",
        "start": "13:30",
        "end": "16:30",
        "chair": "anna-de-vries",
        "attendees": ["anna-de-vries", "marieke-jansen", "joost-hendriks"],
        "apologies": ["sander-bosman"],
        "topic": "Work plan 2027",
        "actions": [
            {
                "id": "share-the-overview-of",
                "owner": "marieke-jansen",
                "what": "Share the overview of waiting lists",
                "due": "2027-01-31",
                "status": "open",
            },
            {
                "id": "invite-the-school-attendance",
                "owner": "joost-hendriks",
                "what": "Invite the school attendance officer",
                "due": "next-meeting",
                "status": "open",
            },
        ],
    }
    assert text.endswith("## Minutes\n\n### Work plan\n\nWe agreed on the dates for 2027.\n")
    clean_check(repo)


def test_a_past_meeting_needs_its_attendees(repo: Path) -> None:
    answers: dict[str, Answer] = {"date": "2026-11-19", "attendees": None, "chair": None}
    result = intake(repo, body(repo, "record-meeting", answers))
    assert result.exit_code == 1
    assert "Attendees: the meeting has taken place: say who attended" in result.stderr
    assert unchanged(repo)


def test_a_meeting_form_is_answered_in_the_form_s_words_not_the_command_line_s(
    repo: Path,
) -> None:
    # Bug: an end before the start and a date the group already meets on were refused with
    # kring new meeting's words ("--end ... --start", "add --second"): options the form has not.
    result = intake(repo, body(repo, "record-meeting", {"start": "13.30", "end": "9.00"}))
    assert result.exit_code == 1
    assert "End time: 09:00 is not after the start time 13:30" in result.stderr
    result = intake(repo, body(repo, "record-meeting", {"date": "2026-11-12"}))
    assert result.exit_code == 1
    assert (
        "Date: achterhoek already meets on 2026-11-12 "
        "(network/meetings/2026/2026-11-12-achterhoek.md)"
    ) in result.stderr
    assert "--" not in result.stderr
    assert unchanged(repo)


def test_text_below_the_last_box_is_refused_not_dropped(repo: Path) -> None:
    # Bug: a facilitator who added a heading of their own below the form's last field (the
    # privacy box) saw the form recorded, and what they wrote there silently left out.
    text = body(repo, "record-meeting") + "\n\n### Agreed as well\n\nThe next host is Aalten."
    result = intake(repo, text)
    assert result.exit_code == 1, result.output
    assert "Privacy: below the box is text that kring would not record" in result.stderr
    assert unchanged(repo)


def test_the_result_must_pass_kring_check(repo: Path) -> None:
    # an action due before the meeting that set it (KR204)
    answers: dict[str, Answer] = {"actions": "marieke-jansen | Share the overview | 2026-12-01"}
    result = intake(repo, body(repo, "record-meeting", answers))
    assert result.exit_code == 1
    assert "the result would not pass kring check; nothing written" in result.stderr
    assert f"{NEW_MEETING}:" in result.stderr and "KR204" in result.stderr
    assert unchanged(repo)


# --- refusals: nothing is written ------------------------------------------------------------


def _required(repo: Path) -> list[tuple[str, str]]:
    out = []
    for form, text in forms(repo).items():
        for element in elements(text):
            if element.get("validations", {}).get("required") and element["type"] != "checkboxes":
                out.append((form, element["id"]))
    return out


REQUIRED = [
    ("record-follow-up", "case"),
    ("record-follow-up", "meeting"),
    ("record-follow-up", "done"),
    ("record-follow-up", "result"),
    ("close-action", "action"),
    ("close-action", "outcome"),
    ("new-member", "name"),
    ("new-member", "organisation"),
    ("new-member", "groups"),
    ("record-meeting", "group"),
    ("record-meeting", "date"),
]


def test_the_required_fields_are_the_ones_tested(repo: Path) -> None:
    assert sorted(_required(repo)) == sorted(REQUIRED)


@pytest.mark.parametrize(("form", "key"), REQUIRED)
def test_each_required_answer_left_empty_is_refused(repo: Path, form: str, key: str) -> None:
    result = intake(repo, body(repo, form, {key: None}))
    assert result.exit_code == 1, result.output
    assert "the form cannot be recorded; fix these answers and edit the issue" in result.stderr
    assert "give an answer; this field is required" in result.stderr
    assert unchanged(repo)


@pytest.mark.parametrize(("form", "key"), REQUIRED)
def test_each_required_heading_left_out_is_refused(repo: Path, form: str, key: str) -> None:
    label = {e["id"]: e["attributes"]["label"] for e in elements(forms(repo)[form])}[key]
    sections = body(repo, form).removeprefix("### ").split("\n\n### ")
    kept = [s for s in sections if not s.startswith(f"{label}\n")]
    assert len(kept) == len(sections) - 1
    result = intake(repo, "### " + "\n\n### ".join(kept))
    assert result.exit_code == 1, result.output
    assert f"the heading '### {label}' is missing; it holds a required answer" in result.stderr
    assert unchanged(repo)


@pytest.mark.parametrize("form", sorted(VALID))
def test_the_privacy_box_must_be_ticked(repo: Path, form: str) -> None:
    result = intake(repo, body(repo, form, {"privacy": set()}))
    assert result.exit_code == 1
    assert "  - Privacy: tick the box: kring records nothing without it" in result.stderr
    assert unchanged(repo)


@pytest.mark.parametrize(
    ("typed", "written"), [("13.30", "13:30"), ("1:30 pm", "13:30"), ("9u15", "09:15")]
)
def test_a_time_is_read_as_people_write_it_as_on_the_command_line(
    repo: Path, typed: str, written: str
) -> None:
    result = intake(repo, body(repo, "record-meeting", {"start": typed}))
    assert result.exit_code == 0, result.output
    assert _front(repo, NEW_MEETING)["start"] == written
    clean_check(repo)


def test_every_wrong_answer_is_listed_at_once(repo: Path) -> None:
    answers: dict[str, Answer] = {
        "group": "achterhoeck",
        "date": "10-12-2026",
        "start": "half twee",
        "chair": "ana-de-vries",
        "actions": "nobody | Do it | soon",
    }
    result = intake(repo, body(repo, "record-meeting", answers))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  - Group: unknown group 'achterhoeck' (did you mean 'achterhoek'?)",
        "  - Date: '10-12-2026' is not a date as YYYY-MM-DD",
        "  - Start time: 'half twee' is not a time as HH:MM",
        "  - Chair: unknown member 'ana-de-vries' (did you mean 'anna-de-vries'?)",
        "  - Actions: line 1: unknown member 'nobody'",
    ]
    assert unchanged(repo)


def test_a_meeting_of_twenty_attendees_fits_the_form(make_repo: MakeRepo) -> None:
    # a thematic meeting of the whole network: more ids than fit in a one-line answer
    people = [f"medewerker-sociaal-domein-{n:02d}" for n in range(1, 21)]
    repo = make_repo(
        {
            f"network/members/{ident}.yaml": f"name: Medewerker {ident[-2:]}\n"
            "organisation: aalten\ngroups: [achterhoek]\njoined: 2026-01-01\n"
            for ident in people
        },
        example=True,
    )
    attendees = ["anna-de-vries", *people]  # the chair of VALID's meeting
    answers: dict[str, Answer] = {"date": "2026-11-19", "attendees": attendees}
    result = intake(repo, body(repo, "record-meeting", answers))
    assert len(", ".join(attendees)) > 200
    assert result.exit_code == 0, result.output
    assert changed(repo) == {"network/meetings/2026/2026-11-19-achterhoek.md"}
    written = (repo / "network/meetings/2026/2026-11-19-achterhoek.md").read_text("utf-8")
    assert f"attendees: [{', '.join(attendees)}]\n" in written
    clean_check(repo)


def test_an_unknown_case_or_a_meeting_of_another_day_is_named(repo: Path) -> None:
    answers: dict[str, Answer] = {"case": "statushouder-gezinshereniging", "meeting": "2026-10-09"}
    result = intake(repo, body(repo, "record-follow-up", answers))
    assert result.exit_code == 1
    assert "Case: unknown case 'statushouder-gezinshereniging' (did you mean" in result.stderr
    assert "Reported at: no meeting on 2026-10-09" in result.stderr
    answers = {"meeting": "2026-10-15"}  # a Liemers meeting: the case is Achterhoek's
    result = intake(repo, body(repo, "record-follow-up", answers))
    assert "Reported at: no meeting of achterhoek on 2026-10-15" in result.stderr
    assert unchanged(repo)


def test_a_case_followed_up_already_is_left_alone(repo: Path) -> None:
    answers: dict[str, Answer] = {"case": "mantelzorger-overbelast", "meeting": "2026-10-08"}
    result = intake(repo, body(repo, "record-follow-up", answers))
    assert result.exit_code == 1
    assert "already has a follow-up" in result.stderr
    assert unchanged(repo)


def test_an_action_id_alone_lists_the_open_actions_when_unknown(repo: Path) -> None:
    result = intake(repo, body(repo, "close-action", {"action": "werkplan-2028"}))
    assert result.exit_code == 1
    assert "Action: no open action 'werkplan-2028'; the open actions are: " in result.stderr
    assert "2026-11-12-achterhoek#werkplan-2027" in result.stderr
    assert unchanged(repo)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Just some text, not a form.",
        "### Privacy\n\n- [X] I wrote no names of clients, no e-mail addresses and no phone "
        "numbers here",
        "Hello\n\n### Case\n\nstatushouder-gezinshereniging-school",
    ],
)
def test_a_body_that_is_not_one_form_is_refused(repo: Path, text: str) -> None:
    result = intake(repo, text)
    assert result.exit_code == 1
    assert result.stderr.startswith("kring: the issue")
    assert unchanged(repo)


def test_a_heading_given_twice_is_refused(repo: Path) -> None:
    twice = body(repo, "record-follow-up", {"done": "Called.\n\n### What came of it\n\nA trick"})
    result = intake(repo, twice)
    assert result.exit_code == 1
    assert "the heading '### What came of it' is there twice" in result.stderr
    assert unchanged(repo)


def test_a_body_over_the_size_limit_or_not_utf8_is_refused(repo: Path) -> None:
    result = intake(repo, body(repo, "record-follow-up", {"done": "x" * 300_000}))
    assert result.exit_code == 1
    assert "the issue body is longer than 256 KiB" in result.stderr
    path = repo.parent / "latin1.md"
    path.write_bytes(body(repo, "record-follow-up", {"done": "caf\u00e9"}).encode("latin-1"))
    result = kring(repo, "intake", str(path))
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr
    assert unchanged(repo)


# --- hostile answers -------------------------------------------------------------------------

HOSTILE = {
    "newlines": "first line\nsecond line\n\nthird",
    "yaml": "key: value\n- item\n{flow: [x]} &anchor *alias !!python/object/apply:os.system "
    "['touch /tmp/kring-pwned'] 'single' \"double\" # comment",
    "front matter": "---\ntitle: injected\nconfidential: false\n---",
    "expression": "${{ github.token }} $(touch /tmp/kring-pwned) `touch /tmp/kring-pwned`",
    "workflow command": "::error::injected\n::set-output name=recorded::true\n::stop-commands::x",
    "mention": "@everyone @anna-de-vries #1 please look",
    "markdown": "<script>alert(1)</script> **bold** [link](javascript:alert(1)) <!-- x -->",
    "suppression": "<!-- kring: ignore-file[KR501] --> # kring: ignore[KR501]",
    "control": "bell\x07 and escape \x1b[2J",
    "huge": "x" * 100_000,
}
TEXT_FIELDS = {
    "record-follow-up": ["done", "result", "lessons"],
    "close-action": ["note"],
    "new-member": ["name"],
    "record-meeting": ["location", "topic", "minutes"],
}
ID_FIELDS = {
    "record-follow-up": ["case", "meeting"],
    "close-action": ["action", "outcome", "closed"],
    "new-member": ["id", "organisation", "groups", "joined", "stage", "commitment"],
    "record-meeting": [
        "group",
        "date",
        "kind",
        "host",
        "start",
        "end",
        "chair",
        "attendees",
        "apologies",
        "actions",
    ],
}


def _front(repo: Path, path: str) -> dict[str, Any]:
    text = (repo / path).read_text("utf-8")
    if path.endswith(".md"):
        text = text.split("\n---\n")[0].removeprefix("---\n")
    # BaseLoader: every scalar as the text it is, as kring's YAML 1.2 reading sees dates
    data: dict[str, Any] = yaml.load(text, Loader=yaml.BaseLoader)
    return data


def _stored(repo: Path, path: str, key: str) -> Any:
    data = _front(repo, path)
    return {
        "done": lambda: data["follow_up"]["done"],
        "result": lambda: data["follow_up"]["result"],
        "lessons": lambda: data["follow_up"]["lessons"],
        "note": lambda: data["actions"][1]["note"],
        "name": lambda: data["name"],
        "location": lambda: data["location"],
        "topic": lambda: data["topic"],
        "minutes": lambda: (repo / path).read_text("utf-8"),
    }[key]()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize(
    ("form", "key"), [(form, key) for form, keys in TEXT_FIELDS.items() for key in keys]
)
def test_hostile_free_text_is_refused_or_stored_as_inert_text(
    repo: Path, form: str, key: str, kind: str
) -> None:
    value = HOSTILE[kind]
    result = intake(repo, body(repo, form, {key: value}))
    assert not Path("/tmp/kring-pwned").exists()
    if result.exit_code != 0:
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert unchanged(repo)
        # an answer is never echoed whole: at most an id-sized piece, escaped
        assert value not in result.output or len(value) < 20
        return
    path = WRITES[form]
    if key == "name":  # the id, and so the file, is made from the name
        path = f"network/members/{slug(value)}.yaml"
    assert changed(repo) == {path}, "only the form's own file changes"
    clean_check(repo)
    stored = _stored(repo, path, key)
    if key == "minutes":
        assert value.strip("\n") in stored  # the minutes are the file's Markdown body
    else:
        assert stored == value.strip() if "\n" not in value else stored == value.strip("\n")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize(
    ("form", "key"), [(form, key) for form, keys in ID_FIELDS.items() for key in keys]
)
def test_hostile_ids_dates_and_choices_are_refused(
    repo: Path, form: str, key: str, kind: str
) -> None:
    value = HOSTILE[kind]
    answer: Answer = [value] if key in ("groups", "attendees", "apologies") else value
    result = intake(repo, body(repo, form, {key: answer}))
    assert result.exit_code == 1, result.output
    assert unchanged(repo)
    for line in result.output.splitlines():
        assert not line.startswith("::"), line
    assert not Path("/tmp/kring-pwned").exists()


def test_control_characters_and_long_answers_name_their_field(repo: Path) -> None:
    result = intake(repo, body(repo, "record-follow-up", {"done": HOSTILE["control"]}))
    assert "What the owner did: the answer holds an invisible control character (U+0007)" in (
        result.stderr
    )
    result = intake(repo, body(repo, "record-follow-up", {"result": HOSTILE["huge"]}))
    assert "What came of it: the answer is 100000 characters long; at most 5000 fit" in (
        result.stderr
    )
    result = intake(repo, body(repo, "new-member", {"name": "Eva\nDijkstra"}))
    assert "Name: write the answer on one line" in result.stderr
    assert unchanged(repo)


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u202a"])
def test_a_text_direction_override_is_refused_like_a_control_character(
    repo: Path, mark: str
) -> None:
    # Bug: a bidirectional override in an answer was written into the file, where the pull
    # request's reviewer reads the line in another order than it holds (CVE-2021-42574).
    result = intake(repo, body(repo, "record-meeting", {"topic": f"Werkplan {mark}7202"}))
    assert result.exit_code == 1, result.output
    assert f"Topic: the answer holds an invisible control character (U+{ord(mark):04X})" in (
        result.stderr
    )
    assert unchanged(repo)


def test_a_hostile_body_in_every_field_changes_nothing_and_runs_nothing(repo: Path) -> None:
    """The must-show: YAML and workflow-command injection in every field of every form."""
    injection = (
        "::error::x\n${{ github.token }}\n$(touch /tmp/kring-pwned)\nkey: value\n"
        "- !!python/object/apply:os.system ['touch /tmp/kring-pwned']"
    )
    for form, text in forms(repo).items():
        answers: dict[str, Answer] = {}
        for element in elements(text):
            if element["type"] == "checkboxes":
                answers[element["id"]] = {"0"}
            elif element["type"] == "dropdown" and element["attributes"].get("multiple"):
                answers[element["id"]] = [injection]
            else:
                answers[element["id"]] = injection
        result = intake(repo, render(text, answers), "--format", "json")
        assert result.exit_code == 1, (form, result.output)
        data = json.loads(result.stdout)
        assert data["recorded"] is False
        assert data["problems"], form
        for line in data["comment"].splitlines():
            assert not line.startswith("::")
        assert unchanged(repo)
    assert not Path("/tmp/kring-pwned").exists()


def test_hostile_free_text_with_valid_ids_is_stored_inert(repo: Path) -> None:
    """The must-show's other half: the ids are right, every free-text answer is hostile; the
    follow-up is recorded with the text as text, and only the case's file changes."""
    injection = (
        "::set-output name=recorded::true\n${{ github.token }} $(touch /tmp/kring-pwned)\n"
        "status: dropped\nconfidential: false\n--- @everyone <b>x</b>"
    )
    answers: dict[str, Answer] = {"done": injection, "result": injection, "lessons": injection}
    result = intake(repo, body(repo, "record-follow-up", answers), "--format", "json")
    assert result.exit_code == 0, result.output
    assert changed(repo) == {CASE}
    data = _front(repo, CASE)
    assert data["status"] == "followed-up"
    assert data["confidential"] == "true"
    assert data["follow_up"]["done"] == injection
    assert data["follow_up"]["lessons"] == injection
    clean_check(repo)
    assert not Path("/tmp/kring-pwned").exists()


# --- output for the workflow -----------------------------------------------------------------


def test_json_output_carries_the_pull_request_and_the_comment(repo: Path) -> None:
    result = intake(repo, body(repo, "record-follow-up"), "--format", "json", "--issue", "12")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["recorded"] is True
    assert data["form"] == "record-follow-up"
    assert data["paths"] == [CASE]
    assert data["pull_request"]["title"] == (
        "Intake: follow-up of statushouder-gezinshereniging-school reported at "
        "2026-10-08-achterhoek"
    )
    assert data["pull_request"]["body"].endswith("\n\nCloses #12\n")
    assert data["comment"].startswith("<!-- kring:intake -->\n### ✅ Recorded: ")
    assert result.stderr == ""


def test_the_refusal_comment_escapes_what_the_issue_said(repo: Path) -> None:
    answers: dict[str, Answer] = {"case": "@everyone", "meeting": "<img src=x>"}
    result = intake(repo, body(repo, "record-follow-up", answers), "--format", "json")
    data = json.loads(result.stdout)
    comment = data["comment"]
    assert comment.startswith("<!-- kring:intake -->\n### ❌ kring could not record this form\n")
    assert "@\u2060everyone" in comment and "@everyone" not in comment
    assert "<img" not in comment and "&lt;img src=x&gt;" in comment
    assert data["pull_request"] is None
    assert data["recorded"] is False
    assert data["form"] == "record-follow-up"  # recognised from the body, no --form given
    assert unchanged(repo)


def test_personal_data_in_an_answer_is_refused_without_quoting_it(repo: Path) -> None:
    answers: dict[str, Answer] = {"done": "Mailed jan.jansen@example.nl the plan."}
    result = intake(repo, body(repo, "record-follow-up", answers), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == ["KR501"]
    assert "jan.jansen" not in result.stdout
    assert unchanged(repo)


def test_a_suppression_in_any_answer_is_refused(repo: Path) -> None:
    answers: dict[str, Answer] = {"done": "Mailed jan@example.nl # kring: ignore[KR501]"}
    result = intake(repo, body(repo, "record-follow-up", answers))
    assert result.exit_code == 1
    assert "What the owner did: the answer holds a suppression comment" in result.stderr
    assert unchanged(repo)


def test_a_dutch_network_reads_dutch_forms_and_answers_in_dutch(repo: Path) -> None:
    network = repo / "network/network.yaml"
    network.write_text(network.read_text("utf-8").replace("lang: en", "lang: nl"), "utf-8")
    git(repo, "commit", "-qam", "Dutch")
    made = kring(repo, "intake", "--forms")
    assert "label: Casus" in made.stdout
    set_language("nl")
    dutch = {
        p.rsplit("/", 1)[-1].removesuffix(".yml"): t
        for p, t in form_files(pipeline.load(repo, Config())).items()
    }
    set_language("en")
    answers = {**VALID["close-action"], "outcome": "gedaan: uitgevoerd", "action": "nergens"}
    result = intake(repo, render(dutch["close-action"], answers))
    assert result.exit_code == 1
    assert "Actie: geen open actie 'nergens'" in result.stderr
    answers["action"] = "werkplan-2027"
    result = intake(repo, render(dutch["close-action"], answers), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pull_request"]["title"].startswith("Intake: actie 2026-11-12-achterhoek#")
    assert data["comment"].startswith("<!-- kring:intake -->\n### ✅ Vastgelegd: ")
