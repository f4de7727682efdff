"""`kring follow-up`: a follow_up block and the status, nothing else in the case changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import TODAY, MakeRepo, kring
from test_close import BASE
from text_diff import unified

from kring.core.config import Config
from kring.core.timeline import open_commitments
from kring.load import pipeline

CASE = "network/cases/2026/wachtlijst.md"

CASE_TEXT = """\
---
title: 'Bridging the waiting list'   # short title
owner: anna-de-vries
presented_at: 2026-03-12-achterhoek
question: "How do we keep in touch while a family waits?"

intention:
  # what she will do
  what: Call   the family   every two weeks
  due: next-meeting

# the status comes last
status: open
---

The narrative.
"""


def _meeting(date: str, extra: str = "") -> str:
    return (
        f"---\ndate: {date}\ngroup: achterhoek\nkind: regional\n"
        f"attendees: [anna-de-vries, joost-hendriks]\n{extra}---\n"
    )


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            **BASE,
            "network/themes/armoede.yaml": "name: Armoede\n",
            "network/meetings/2026/2026-03-12-achterhoek.md": _meeting(
                "2026-03-12", "cases: [wachtlijst]\n"
            ),
            "network/meetings/2026/2026-06-11-achterhoek.md": _meeting("2026-06-11"),
            "network/meetings/2026/2026-06-12-armoede.md": _meeting("2026-06-12").replace(
                "group: achterhoek\nkind: regional", "group: armoede\nkind: thematic"
            ),
            "network/meetings/2026/2026-09-10-achterhoek.md": _meeting("2026-09-10").replace(
                "[anna-de-vries, joost-hendriks]", "[joost-hendriks]"
            ),
            "network/meetings/2026/2026-12-10-achterhoek.md": _meeting("2026-12-10"),
            CASE: CASE_TEXT,
        }
    )


def test_follow_up_adds_one_block_and_sets_the_status(repo: Path) -> None:
    result = kring(
        repo,
        "follow-up",
        "wachtlijst",
        "--at",
        "2026-06-11-achterhoek",
        "--done",
        "Called every two weeks",
        "--result",
        "The family stayed: in contact",
        "--lessons",
        "no",
    )
    assert result.exit_code == 0, result.output
    after = (repo / CASE).read_text("utf-8")
    assert unified(CASE_TEXT, after) == [
        "+follow_up:",
        "+  reported_at: 2026-06-11-achterhoek",
        "+  done: Called every two weeks",
        '+  result: "The family stayed: in contact"',
        '+  lessons: "no"',
        "-status: open",
        "+status: followed-up",
    ]
    assert "  due: next-meeting\nfollow_up:\n" in after
    assert f"{CASE}: follow-up of wachtlijst reported at 2026-06-11-achterhoek" in result.output
    check = kring(repo, "check", "--format", "json")
    assert '"errors": 0' in check.output, check.output


def test_the_followed_up_case_is_no_longer_an_open_commitment(repo: Path) -> None:
    today = dt.date.fromisoformat(TODAY)

    def overdue() -> set[str]:
        model = pipeline.load(repo, Config())
        return {c.ref for c in open_commitments(model, today) if c.overdue}

    assert "wachtlijst" in overdue()
    result = kring(
        repo,
        "follow-up",
        "wachtlijst",
        "--at",
        "2026-06-11-achterhoek",
        "--done",
        "Called",
        "--result",
        "Kept in touch",
    )
    assert result.exit_code == 0, result.output
    assert "wachtlijst" not in overdue()


@pytest.mark.parametrize(
    ("case", "at", "message"),
    [
        ("wachtlyst", "2026-06-11-achterhoek", "did you mean 'wachtlijst'?"),
        ("wachtlijst", "2026-06-11-achterhoe", "did you mean '2026-06-11-achterhoek'?"),
        ("wachtlijst", "2026-06-12-armoede", "followed up in its own group"),
        ("wachtlijst", "2026-03-12-achterhoek", "not after the presentation"),
        ("wachtlijst", "2026-12-10-achterhoek", "after today"),
        ("wachtlijst", "2026-09-10-achterhoek", "not among the attendees"),
    ],
)
def test_refusals_exit_2_and_change_nothing(repo: Path, case: str, at: str, message: str) -> None:
    result = kring(repo, "follow-up", case, "--at", at, "--done", "x", "--result", "y")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert (repo / CASE).read_text("utf-8") == CASE_TEXT


def test_a_second_follow_up_exits_1_and_changes_nothing(repo: Path) -> None:
    args = ["follow-up", "wachtlijst", "--at", "2026-06-11-achterhoek", "--done", "x"]
    assert kring(repo, *args, "--result", "y").exit_code == 0
    once = (repo / CASE).read_bytes()
    result = kring(repo, *args, "--result", "z")
    assert result.exit_code == 1
    assert "already has a follow-up, reported at 2026-06-11-achterhoek" in result.output
    assert (repo / CASE).read_bytes() == once
