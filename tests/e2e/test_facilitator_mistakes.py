"""Issue 17, "Must show": a meeting written by hand the way a facilitator writes it — dates
as in a letter, times with a dot, "ja" for yes, ids separated by commas, text pasted from
Word — gives one finding per mistake, each at its line, each with a hint that holds the
exact text to type; nothing follows from a mistake in another file; and the Dutch output
holds no parser English and none of the glossary's forbidden words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import FORBIDDEN, MakeRepo, check, forbidden_in, kring

MEETING = "network/meetings/2026/2026-12-10-achterhoek.md"
CASE = "network/cases/2026/wachtlijst-jeugd.md"

# Every mistake of the issue in one meeting (the file name says 2026-12-10), and a case
# presented there whose owner is misspelt in the broken attendees.
FILES = {
    MEETING: (
        "---\n"
        "date: 10-12-2026\n"  # 2
        "group: achterhoek\n"
        "kind: regionaal\n"  # 4
        "host: aalten\n"
        "start: \u201c13:30\u201d\n"  # 6: curly quotes from Word
        "end: 16.30\n"  # 7
        "chair: anna-de-vries\n"
        "attendees: anna-de-vries, marieke-jansen, joost-hendrik\n"  # 9
        "apologies: [sander-bosman]\n"
        "topic: Wachtlijsten\u00a0in de jeugdhulp\n"  # a harmless non-breaking space
        "cases: [wachtlijst-jeugd, wachtlijst-nieuw]\n"  # 12: the second has no file
        "actions:\n"
        "  - id: overzicht\n"
        "    owner: marieke-jansen\n"
        "    what: Share the overview of waiting lists.\n"
        "    due: 1 februari 2027\n"  # 17
        "  - id: tweede\n"  # 18: no owner
        "    what: Ask the schools.\n"
        "    due: 31/01/2027\n"  # 20
        "    status: gedaan\n"  # 21
        "---\n\nMinutes.\n"
    ),
    CASE: (
        "---\n"
        "title: Wachtlijst jeugdhulp\n"
        "owner: joost-hendriks\n"
        "presented_at: 2026-12-10-achterhoek\n"
        "confidential: ja\n"  # 5
        "question: How do we keep in touch while they wait?\n"
        "intention:\n  what: Call every two weeks.\n  due: next-meeting\n"
        "status: open\n"
        "---\n\nThe case.\n"
    ),
}

# (code, path, line, column or None, text the hint must hold)
EXPECTED = [
    ("KR101", CASE, 5, 15, "confidential: true"),
    ("KR101", MEETING, 2, 7, "date: 2026-12-10"),
    ("KR101", MEETING, 4, 7, "kind: regional"),
    ("KR101", MEETING, 6, 8, 'start: "13:30"'),  # at the curly quote itself
    ("KR102", MEETING, 7, 6, 'end: "16:30"'),
    ("KR101", MEETING, 9, 12, "attendees: [anna-de-vries, marieke-jansen, joost-hendrik]"),
    ("KR201", MEETING, 9, 43, "joost-hendriks"),  # the misspelt id inside the broken list
    (
        "KR201",
        MEETING,
        12,
        None,
        "kring new case wachtlijst-nieuw --presented-at 2026-12-10-achterhoek",
    ),
    ("KR101", MEETING, 17, 10, "due: 2027-02-01"),
    ("KR101", MEETING, 18, 5, "owner: <member-id>"),
    ("KR101", MEETING, 20, 10, "due: 2027-01-31"),
    ("KR101", MEETING, 21, 13, "status: done"),
]

# What PyYAML and libyaml say, in English, that must never reach a reader.
PARSER_WORDS = re.compile(
    r"while (parsing|scanning)|expected <|block end|could not find expected|"
    r"mapping values are not allowed|cannot start any token|did not find expected|"
    r"found unexpected|but found|<document start>|jsonschema|is not of type|"
    r"is not valid under|does not match '\^",
)


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo(FILES, example=True)


def _ours(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return [f for f in findings if f["path"] in (MEETING, CASE)]


def test_each_mistake_once_at_its_line_with_the_text_to_type(repo: Path) -> None:
    run = check(repo)
    found = _ours(run.findings)
    assert [(f["code"], f["path"], f["line"]) for f in found] == [
        (code, path, line) for code, path, line, _column, _text in EXPECTED
    ], run.output
    for finding, (_code, _path, _line, column, text) in zip(found, EXPECTED, strict=True):
        if column is not None:
            assert finding["column"] == column, finding
        assert text in str(finding["hint"]), finding
    # the cause, not the knock-on: no "owner not among the attendees" for the case, no
    # "ends before it starts" for the meeting
    assert not [f for f in run.findings if f["code"] in ("KR203", "KR204")], run.output


def test_the_pasted_quote_and_the_position_in_words(repo: Path) -> None:
    messages = {(f["line"]): str(f["message"]) for f in _ours(check(repo).findings)}
    assert "curly quote (U+201C)" in messages[6] and 'type " instead' in messages[6]
    assert messages[18].startswith("the 2nd action has no owner")
    assert messages[17].startswith("due of the 1st action")
    # no "did you mean" to the case the meeting already lists beside the missing one
    assert "did you mean" not in messages[12], messages[12]


def test_the_dutch_run_reads_as_a_facilitator_writes(repo: Path) -> None:
    result = kring(repo, "check", "--lang", "nl")
    assert result.exit_code == 1
    out = result.output
    assert PARSER_WORDS.search(out) is None, out
    assert forbidden_in(out) == [], out
    assert "de 2e actie heeft geen owner" in out
    assert "schrijf date: 2026-12-10" in out
    assert "harde spatie" not in out  # a non-breaking space inside text harms nothing


# Files that do not parse: each the way pasted or hand-typed text breaks YAML, with the
# line as it should read in the hint.
BROKEN = {
    "nbsp-indentation": (
        "attendees:\n\u00a0 - anna-de-vries\n",
        3,
        "non-breaking space (U+00A0)",
        "- anna-de-vries",
    ),
    "curly-quotes-around-a-colon": (
        "topic: \u201cJeugd: wachtlijsten\u201d\n",
        2,
        "curly quote (U+201C)",
        'topic: "Jeugd: wachtlijsten"',
    ),
    "colon-in-a-value": (
        "topic: Jeugd: wachtlijsten\n",
        2,
        "a second ': '",
        'topic: "Jeugd: wachtlijsten"',
    ),
    "field-indented-too-far": (
        "actions:\n  - id: bel-school\n    owner: bram-wouters\n"
        "    what: Bel de school\n    due: next-meeting\n      status: open\n",
        7,
        "line 7 starts further right than line 6",
        "status:",
    ),
    "no-colon": ("topic Jeugd\nlocation: Aalten\n", 3, "line 2 has no ':'", "topic: Jeugd"),
    "quote-not-closed": ('topic: "Jeugd\nlocation: Aalten\n', 2, "never closed", 'topic: "Jeugd"'),
    "bracket-not-closed": (
        "apologies: [anna-de-vries\nlocation: Aalten\n",
        2,
        "not closed",
        "apologies: [anna-de-vries]",
    ),
    "zero-width-space": (
        "attendees:\n\u200b  - anna-de-vries\n",
        3,
        "zero-width space (U+200B)",
        "- anna-de-vries",
    ),
}


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("name", list(BROKEN))
def test_a_file_that_does_not_parse_says_why_in_plain_words(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch, parser: str, name: str
) -> None:
    if parser == "python":
        monkeypatch.setenv("KRING_PURE_YAML", "1")
    front, line, words, fix = BROKEN[name]
    path = "network/meetings/2027/2027-01-14-liemers.md"
    text = "---\n" + front + "date: 2027-01-14\ngroup: liemers\nkind: regional\n---\n"
    repo = make_repo({path: text}, example=True)
    found = [f for f in check(repo, "--no-cache").findings if f["path"] == path]
    assert [(f["code"], f["line"]) for f in found] == [("KR001", line)], found
    assert words in str(found[0]["message"]), found
    assert fix in str(found[0]["hint"]), found
    dutch = kring(repo, "check", "--no-cache", "--lang", "nl", "--format", "json").output
    messages = [f for f in json.loads(dutch)["findings"] if f["path"] == path]
    shown = json.dumps(messages, ensure_ascii=False)
    assert PARSER_WORDS.search(shown) is None, shown
    assert forbidden_in(shown) == [], shown
    assert fix in str(messages[0]["hint"]), shown


def test_the_glossary_forbids_what_the_issue_names() -> None:
    assert {"sleutel", "mapping", "gastheer"} <= set(FORBIDDEN)


def test_a_field_indented_too_far_is_not_called_a_second_colon(make_repo: MakeRepo) -> None:
    # One ': ' on the line: the mistake is that it starts under the value of the field above.
    path = "network/meetings/2027/2027-01-14-liemers.md"
    front = BROKEN["field-indented-too-far"][0]
    text = "---\n" + front + "date: 2027-01-14\ngroup: liemers\nkind: regional\n---\n"
    repo = make_repo({path: text}, example=True)
    english = [str(f["hint"]) for f in check(repo).findings if f["path"] == path]
    assert english == ["start status: in the same column as due: (column 5)"]
    dutch = kring(repo, "check", "--lang", "nl").output
    assert f"{path}:7:13: KR001 [fout] regel 7 springt verder in dan regel 6" in dutch
    assert "tip: laat status: in dezelfde kolom beginnen als due: (kolom 5)" in dutch
    assert "tweede" not in dutch
