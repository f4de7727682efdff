"""`kring close`: only the action's values change; comments, quoting, blank lines stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import TODAY, MakeRepo, kring
from text_diff import changes, unified

from kring.core.config import Config
from kring.core.timeline import open_commitments
from kring.load import pipeline

MEETING = "network/meetings/2026/2026-03-12-achterhoek.md"

BASE: dict[str, str | bytes] = {
    "network/network.yaml": "name: Test network\nfacilitators:\n  - member: anna-de-vries\n"
    "    roles: [chair]\n",
    "network/regions/achterhoek.yaml": "name: Achterhoek\nmunicipalities:\n"
    "  - id: aalten\n    name: Aalten\n",
    "network/members/anna-de-vries.yaml": "name: Anna de Vries\norganisation: aalten\n"
    "groups: [achterhoek]\njoined: 2025-01-15\n",
    "network/members/joost-hendriks.yaml": "name: Joost Hendriks\norganisation: aalten\n"
    "groups: [achterhoek]\njoined: 2025-01-15\n",
}

# Comments, odd quoting, blank lines, a flow-style action and a folded scalar: all must stay.
MINUTES = """\
---
# Minutes of the March meeting
date: '2026-03-12'
group: "achterhoek"
kind: regional

attendees: [anna-de-vries,   joost-hendriks]   # both came
actions:
  # the toolkit
  - id: send-toolkit
    owner: 'anna-de-vries'
    what: "Share the toolkit: all of it"   # quoted on purpose

    due: next-meeting
  - {id: call-school, owner: joost-hendriks, what: Call the school, due: next-meeting}
  - id: has-status
    owner: joost-hendriks
    what: >-
      Folded text
      over two lines
    status: 'open'     # still running
    note: an old note

# trailing comment
topic: 'Wachtlijsten'
---

Body of the minutes, with a --- line below.

---
"""


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo({**BASE, MEETING: MINUTES})


def _close(repo: Path, *args: str) -> tuple[int, str]:
    result = kring(repo, "close", *args)
    return result.exit_code, result.output


def test_close_a_block_action_adds_two_lines_after_its_last_key(repo: Path) -> None:
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done", "--on", "2026-04-01")
    assert code == 0, out
    after = (repo / MEETING).read_text("utf-8")
    assert unified(MINUTES, after) == ["+    status: done", "+    closed: 2026-04-01"]
    assert "    due: next-meeting\n    status: done\n    closed: 2026-04-01\n  - {id: call" in after
    assert f"{MEETING}: 2026-03-12-achterhoek#send-toolkit done on 2026-04-01" in out


def test_close_a_flow_action_splices_inside_the_braces(repo: Path) -> None:
    code, out = _close(
        repo,
        "2026-03-12-achterhoek#call-school",
        "--dropped",
        "--on",
        "2026-04-01",
        "--note",
        "School closed: no answer",
    )
    assert code == 0, out
    after = (repo / MEETING).read_text("utf-8")
    assert unified(MINUTES, after) == [
        "-  - {id: call-school, owner: joost-hendriks, what: Call the school, due: next-meeting}",
        "+  - {id: call-school, owner: joost-hendriks, what: Call the school, due: next-meeting, "
        'status: dropped, closed: 2026-04-01, note: "School closed: no answer"}',
    ]


def test_close_replaces_existing_values_and_keeps_their_comments(repo: Path) -> None:
    code, out = _close(
        repo,
        "2026-03-12-achterhoek#has-status",
        "--done",
        "--on",
        "2026-04-01",
        "--note",
        "yes",
    )
    assert code == 0, out
    after = (repo / MEETING).read_text("utf-8")
    assert unified(MINUTES, after) == [
        "-    status: 'open'     # still running",
        "-    note: an old note",
        "+    status: done     # still running",
        "+    closed: 2026-04-01",
        '+    note: "yes"',
    ]
    assert (
        '    status: done     # still running\n    closed: 2026-04-01\n    note: "yes"\n' in after
    )
    removed, added = changes(MINUTES, after)
    assert len(removed) == 2 and len(added) == 3


def test_close_keeps_crlf_line_endings(make_repo: MakeRepo) -> None:
    crlf = MINUTES.replace("\n", "\r\n")
    repo = make_repo({**BASE, MEETING: crlf.encode("utf-8")})
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done", "--on", "2026-04-01")
    assert code == 0, out
    after = (repo / MEETING).read_bytes().decode("utf-8")
    removed, added = changes(crlf, after)
    assert removed == []
    assert added == ["    status: done\r\n", "    closed: 2026-04-01\r\n"]


def test_close_defaults_to_today(repo: Path) -> None:
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done")
    assert code == 0, out
    assert f"    closed: {TODAY}\n" in (repo / MEETING).read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["2026-03-12-achterhoek#send-tolkit", "--done"], 2, "did you mean 'send-toolkit'?"),
        (
            ["2026-03-12-achterhok#send-toolkit", "--done"],
            2,
            "did you mean '2026-03-12-achterhoek'?",
        ),
        (
            ["2026-03-12-achterhoek", "--done"],
            2,
            "say which action, as MEETING#ACTION; its open actions: "
            "2026-03-12-achterhoek#send-toolkit",
        ),
        (["2026-03-12-achterhoek#send-toolkit"], 2, "--done or --dropped"),
        (
            ["2026-03-12-achterhoek#send-toolkit", "--done", "--on", "2026-03-01"],
            2,
            "before the meeting",
        ),
        (["2026-03-12-achterhoek#send-toolkit", "--done", "--on", "2027-01-01"], 2, "after today"),
        (["2026-03-12-achterhoek#send-toolkit", "--done", "--on", "12-03-2026"], 2, "not a date"),
    ],
)
def test_bad_input_changes_nothing(repo: Path, args: list[str], code: int, message: str) -> None:
    got, out = _close(repo, *args)
    assert got == code, out
    assert message in out
    assert "Traceback" not in out
    assert (repo / MEETING).read_text("utf-8") == MINUTES


def test_closing_a_closed_action_exits_1_and_changes_nothing(repo: Path) -> None:
    assert (
        _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done", "--on", "2026-04-01")[0] == 0
    )
    once = (repo / MEETING).read_bytes()
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--dropped")
    assert code == 1
    assert "already done (closed 2026-04-01); nothing changed" in out
    assert (repo / MEETING).read_bytes() == once


def test_a_refused_close_prints_its_findings_as_kring_check_does(make_repo: MakeRepo) -> None:
    # The meeting's file name holds an escape character (a KR006 of its own, which does not
    # stop the close); the note holds an IBAN, so the result would not pass kring check.
    meeting = MEETING.replace("achterhoek.md", "achterhoek\x1b.md")
    repo = make_repo({**BASE, meeting: MINUTES})
    ref = "2026-03-12-achterhoek\x1b#send-toolkit"
    iban = "NL91ABNA0417164300"
    result = kring(repo, "close", ref, "--done", "--note", iban, "--lang", "nl")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[1:] == [
        "network/meetings/2026/2026-03-12-achterhoek\\x1b.md:17:11: KR504 [fout] "
        "een bankrekeningnummer (IBAN) met een geldig controlegetal",
        "    tip: haal het rekeningnummer weg (de git-geschiedenis bewaart het voorgoed)",
    ]
    assert (repo / meeting).read_text("utf-8") == MINUTES


def test_a_failing_rename_leaves_the_meeting_intact(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done")
    assert code == 1
    assert "nothing written" in out
    assert (repo / MEETING).read_text("utf-8") == MINUTES
    assert [p.name for p in (repo / MEETING).parent.iterdir()] == ["2026-03-12-achterhoek.md"]


def test_the_closed_action_is_no_longer_an_open_commitment(repo: Path) -> None:
    today = dt.date.fromisoformat(TODAY)

    def open_refs() -> set[str]:
        return {c.ref for c in open_commitments(pipeline.load(repo, Config()), today)}

    assert "2026-03-12-achterhoek#send-toolkit" in open_refs()
    assert _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done")[0] == 0
    assert "2026-03-12-achterhoek#send-toolkit" not in open_refs()


def test_the_edited_file_passes_kring_check(repo: Path) -> None:
    for ref in ("send-toolkit", "call-school", "has-status"):
        assert _close(repo, f"2026-03-12-achterhoek#{ref}", "--done", "--note", "a: b")[0] == 0
    result = kring(repo, "check", "--format", "json")
    assert '"errors": 0' in result.output, result.output


# --- issue 17: an action id alone, and the actions to choose from -----------------------------


def test_an_action_id_that_one_meeting_has_is_enough(repo: Path) -> None:
    code, out = _close(repo, "send-toolkit", "--done", "--on", "2026-04-01")
    assert code == 0, out
    assert "2026-03-12-achterhoek#send-toolkit done on 2026-04-01" in out
    assert "    status: done\n    closed: 2026-04-01\n" in (repo / MEETING).read_text("utf-8")


def test_an_id_that_several_meetings_use_lists_the_open_ones(make_repo: MakeRepo) -> None:
    other = "network/meetings/2026/2026-06-11-achterhoek.md"
    second = (
        "---\ndate: 2026-06-11\ngroup: achterhoek\nkind: regional\nattendees: [anna-de-vries]\n"
        "actions:\n  - {id: send-toolkit, owner: anna-de-vries, what: Again., status: open}\n---\n"
    )
    repo = make_repo({**BASE, MEETING: MINUTES, other: second})
    code, out = _close(repo, "send-toolkit", "--done")
    assert code == 2
    assert "'send-toolkit' is an action of 2 meetings; write one of the open ones:" in out
    assert (
        "2026-03-12-achterhoek#send-toolkit" in out and "2026-06-11-achterhoek#send-toolkit" in out
    )
    assert (repo / MEETING).read_text("utf-8") == MINUTES


def test_a_misspelt_action_lists_the_meetings_open_actions(repo: Path) -> None:
    code, out = _close(repo, "2026-03-12-achterhoek#send-tolkit", "--done")
    assert code == 2
    assert "has no action 'send-tolkit' (did you mean 'send-toolkit'?)" in out
    assert "its open actions: 2026-03-12-achterhoek#send-toolkit" in out
    assert (repo / MEETING).read_text("utf-8") == MINUTES


def test_in_dutch_close_says_uitgevoerd_and_vervallen_not_done_and_dropped(repo: Path) -> None:
    # A facilitator reads "uitgevoerd" (the glossary's word for status done), not English.
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--done", "--lang", "nl")
    assert code == 0, out
    assert f"{MEETING}: actie 2026-03-12-achterhoek#send-toolkit uitgevoerd op {TODAY}" in out
    code, out = _close(repo, "2026-03-12-achterhoek#call-school", "--dropped", "--lang", "nl")
    assert f"actie 2026-03-12-achterhoek#call-school vervallen op {TODAY}" in out
    code, out = _close(repo, "2026-03-12-achterhoek#send-toolkit", "--dropped", "--lang", "nl")
    assert code == 1
    assert "is al uitgevoerd (afgesloten op" in out
    assert " done" not in out and "dropped" not in out
