"""Escapes in the data never reach a terminal raw (SPEC §7, issue 16).

A double-quoted YAML value can build any character: `"\\e[2J"` clears the screen, an OSC 8
sequence draws a hyperlink to somewhere else, `"\\n::error::"` fakes a line of a report or
starts a GitHub workflow command. git author names and subjects are data too. Every output
of due, agenda and history shows such characters escaped, and no line starts with `::`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import MakeRepo, git, kring

from kring.core.printable import CONTROLS, escaped, json_escaped

MEETING = "network/meetings/2026/2026-11-12-achterhoek.md"
PLAIN = "what: Write up the evaluation and share it with the Liemers platform."
HOSTILE = (
    'what: "\\e[2J\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\'
    ' x\\n::error::fake \\u2028 \\u202e y \\x9b"'
)
BUILT = (
    "\x1b[2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
    " x\n::error::fake \u2028 \u202e y \x9b"
)


def _raw_controls(text: str) -> set[str]:
    return {c for c in text if ord(c) in CONTROLS and c != "\n"}


@pytest.fixture
def hostile_repo(make_repo: MakeRepo) -> Path:
    repo = make_repo(example=True)
    path = repo / MEETING
    text = path.read_text("utf-8")
    assert PLAIN in text
    path.write_text(text.replace(PLAIN, HOSTILE), "utf-8")
    git(
        repo,
        "-c",
        "user.name=Eve\x1b[31m\u202e",
        "commit",
        "-qam",
        "subject\n::error::injected\x1b[2J",
    )
    return repo


@pytest.mark.parametrize(
    "args",
    [
        ("due",),
        ("due", "--format", "markdown"),
        ("due", "--format", "json"),
        ("agenda", "achterhoek"),
        ("agenda", "achterhoek", "--format", "email"),
        ("agenda", "achterhoek", "--format", "text"),
        ("agenda", "achterhoek", "--format", "json"),
        ("history", "2026-11-12-achterhoek"),
        ("history", "2026-11-12-achterhoek", "--format", "markdown"),
        ("history", "2026-11-12-achterhoek", "--format", "json"),
    ],
    ids=" ".join,
)
def test_escapes_in_values_and_git_are_shown_not_obeyed(
    hostile_repo: Path, args: tuple[str, ...]
) -> None:
    result = kring(hostile_repo, *args)
    assert result.exit_code == 0, result.output
    assert not _raw_controls(result.output)
    assert not any(line.lstrip("|- ").startswith("::") for line in result.output.splitlines())
    # the text is still there, escaped, so a reader sees what the data holds
    assert "2J" in result.output or args[0] == "history"
    if args[0] == "history":
        assert "31m" in result.output and "injected" in result.output


def test_json_outputs_still_hold_the_value_itself(hostile_repo: Path) -> None:
    result = kring(hostile_repo, "due", "--format", "json")
    whats = [c.get("what") for c in json.loads(result.output)["commitments"]]
    assert BUILT in whats


def test_escaped_writes_every_control_character_visibly() -> None:
    assert escaped("a\x1b[2Jb\nc\u2028\x9b\u202e\td") == "a\\x1b[2Jb\\nc\\u2028\\x9b\\u202e\td"
    assert escaped("line one\nline two\x07", keep="\n") == "line one\nline two\\x07"
    assert json.loads(json_escaped(json.dumps("\x85\u2029", ensure_ascii=False))) == "\x85\u2029"
    assert not _raw_controls(json_escaped(json.dumps("\x85\u2029\x7f", ensure_ascii=False)))


def test_an_error_message_on_stderr_stays_on_one_line(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    result = kring(repo, "due", "--group", "x\n::error::pwned\x1b[2J")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert not any(line.startswith("::") for line in lines), result.output
    assert not _raw_controls(result.output)
