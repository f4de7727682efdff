"""KR301–KR303 from data: one folder per case under tests/cases/<CODE>/, laid over _base_time.

Each case folder holds the files of a small network and `case.yaml` with the day to run on
and the findings expected as (code, path, line). The fixture networks are valid: no case may
produce an error, so a wrong expectation cannot hide behind a broken file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from support import CASES, TODAY, MakeRepo

from kring.checks import runner
from kring.checks.context import Context
from kring.core.config import Config
from kring.core.findings import Finding, Severity
from kring.load import pipeline

CODES = ("KR301", "KR302", "KR303")


def _files(folder: Path) -> dict[str, str | bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "case.yaml"
    }


def case_repo(make_repo: MakeRepo, folder: Path) -> Path:
    return make_repo({**_files(CASES / "_base_time"), **_files(folder)})


def findings(root: Path, today: str | dt.date) -> list[Finding]:
    day = today if isinstance(today, dt.date) else dt.date.fromisoformat(today)
    return runner.run(pipeline.load(root, Config()), Context(day))


def timed(found: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.code, f.source.path, f.source.line) for f in found if f.code in CODES]


CASE_DIRS = sorted(p for code in CODES for p in (CASES / code).iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(make_repo: MakeRepo, folder: Path) -> None:
    spec = yaml.safe_load((folder / "case.yaml").read_text("utf-8"))
    root = case_repo(make_repo, folder)
    found = findings(root, spec["today"])
    assert [f for f in found if f.severity == Severity.ERROR] == []
    expected = [(e["code"], e["path"], e["line"]) for e in spec["expect"]]
    assert timed(found) == expected
    for f in found:
        if f.code in CODES:
            assert f.severity == Severity.WARNING
            assert f.code == folder.parent.name
            assert f.hint is not None


def test_every_code_has_failing_and_passing_cases() -> None:
    for code in CODES:
        specs = [
            yaml.safe_load((p / "case.yaml").read_text("utf-8"))
            for p in CASE_DIRS
            if p.parent.name == code
        ]
        assert any(s["expect"] for s in specs) and any(not s["expect"] for s in specs)


# --- fix the reported line, and the finding disappears ----------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_closing_the_action_resolves_kr301(make_repo: MakeRepo) -> None:
    root = case_repo(make_repo, CASES / "KR301/overdue-at-next-meeting")
    assert timed(findings(root, "2026-04-17")) != []
    meeting = root / "network/meetings/2026/2026-01-15-noord.md"
    _edit(meeting, "    status: open\n", "    status: done\n    closed: 2026-04-16\n")
    found = findings(root, "2026-04-17")
    assert timed(found) == [] and [f for f in found if f.severity == Severity.ERROR] == []


def test_a_new_due_date_also_resolves_kr301(make_repo: MakeRepo) -> None:
    root = case_repo(make_repo, CASES / "KR301/overdue-at-next-meeting")
    meeting = root / "network/meetings/2026/2026-01-15-noord.md"
    _edit(meeting, "    due: next-meeting\n", "    due: 2026-06-01\n")
    assert timed(findings(root, "2026-04-17")) == []


def test_adding_the_follow_up_resolves_kr302(make_repo: MakeRepo) -> None:
    root = case_repo(make_repo, CASES / "KR302/overdue-owner-present")
    assert timed(findings(root, "2026-04-17")) != []
    _edit(
        root / "network/cases/2026/wachtlijst.md",
        "status: open\n",
        "follow_up:\n  reported_at: 2026-04-16-noord\n  done: Called twice.\nstatus: followed-up\n",
    )
    found = findings(root, "2026-04-17")
    assert timed(found) == [] and [f for f in found if f.severity == Severity.ERROR] == []


def test_recording_a_new_commitment_resolves_kr303(make_repo: MakeRepo) -> None:
    root = case_repo(make_repo, CASES / "KR303/missed-explicit")
    assert timed(findings(root, "2026-11-13")) != []
    _edit(root / "network/members/cor.yaml", "  from: 2026-03-01\n", "  from: 2026-10-01\n")
    assert timed(findings(root, "2026-11-13")) == []


def test_recording_that_the_member_left_resolves_kr303(make_repo: MakeRepo) -> None:
    root = case_repo(make_repo, CASES / "KR303/missed-policy-default")
    assert timed(findings(root, "2026-11-25")) != []
    _edit(
        root / "network/members/cor.yaml",
        "joined: 2026-03-01\n",
        "joined: 2026-03-01\nleft: 2026-11-20\n",
    )
    assert timed(findings(root, "2026-11-25")) == []


# --- the embedded example ----------------------------------------------------------------


def test_example_network_has_the_overdue_items_it_was_written_with(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    assert timed(findings(root, TODAY)) == [
        ("KR302", "network/cases/2026/statushouder-gezinshereniging-school.md", 8),
        ("KR301", "network/meetings/2026/2026-02-12-achterhoek.md", 22),
        ("KR301", "network/meetings/2026/2026-06-18-liemers.md", 24),
        ("KR303", "network/members/sander-bosman.yaml", 7),
    ]


def test_fixing_the_example_clears_its_time_findings(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    meetings = root / "network/meetings/2026"
    _edit(
        meetings / "2026-02-12-achterhoek.md",
        "    due: next-meeting\n    status: open\n",
        "    due: next-meeting\n    status: done\n    closed: 2026-11-20\n",
    )
    _edit(meetings / "2026-06-18-liemers.md", "    due: 2026-09-30\n", "    due: 2027-01-31\n")
    _edit(
        root / "network/cases/2026/statushouder-gezinshereniging-school.md",
        "status: open\n",
        "follow_up:\n  reported_at: 2026-11-12-achterhoek\n  done: Held the round table.\n"
        "status: followed-up\n",
    )
    _edit(
        root / "network/members/sander-bosman.yaml", "  from: 2025-09-01\n", "  from: 2026-06-01\n"
    )
    found = findings(root, TODAY)
    assert timed(found) == []
    assert [f for f in found if f.severity == Severity.ERROR] == []


def test_messages_say_how_late_and_where(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    text = {
        f.code + f.source.path: (f.message.render(), f.hint.render() if f.hint else "")
        for f in findings(root, TODAY)
        if f.code in CODES
    }
    assert text["KR301network/meetings/2026/2026-02-12-achterhoek.md"] == (
        "action 2026-02-12-achterhoek#convenant-gegevensdeling (marieke-jansen) is overdue: "
        "due at the meeting of 2026-06-11 (2026-06-11-achterhoek), 167 days ago",
        "when it is done or dropped, set status: done (or dropped) and closed: <date>, or run "
        "'kring close 2026-02-12-achterhoek#convenant-gegevensdeling'; if it still stands, "
        "give it a new due date",
    )
    assert text["KR301network/meetings/2026/2026-06-18-liemers.md"][0] == (
        "action 2026-06-18-liemers#training-meldcode (ilse-verhoeven) is overdue: due "
        "2026-09-30, 56 days ago"
    )
    assert text["KR302network/cases/2026/statushouder-gezinshereniging-school.md"][0] == (
        "the follow-up of case statushouder-gezinshereniging-school (joost-hendriks) is "
        "overdue: due at the meeting of 2026-10-08 (2026-10-08-achterhoek), 48 days ago"
    )
    assert text["KR303network/members/sander-bosman.yaml"][0] == (
        "sander-bosman attended 1 of the 3 meetings committed to from 2025-09-01 (apologies "
        "for 2); the last of them was 2026-02-12-achterhoek, 286 days ago"
    )


def test_slid_follow_up_says_where_the_owner_was_absent(make_repo: MakeRepo) -> None:
    root = case_repo(make_repo, CASES / "KR302/owner-absent-twice")
    (finding,) = [f for f in findings(root, "2026-09-18") if f.code == "KR302"]
    assert finding.message.render() == (
        "the follow-up of case wachtlijst (anna) is overdue: due at the meeting of 2026-09-17 "
        "(2026-09-17-noord) after sliding past 2026-04-16-noord, where the owner was absent; "
        "1 day ago"
    )
