"""KR304 deleted-commitment: open actions and intentions are closed, not deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import CLOSED_IN, INTENTION_CASE, TODAY, MakeRepo, edit, git, line_of

from kring.cli.main import cli

ACTION_FULL = (
    "  - id: evaluatie-verslag\n    owner: anna-de-vries\n    what: Write up the evaluation and "
    "share it with the Liemers platform.\n    due: next-meeting\n    status: open\n"
)
INTENTION = (
    "intention:\n  what: Agree with the community mental health team on a joint outreach plan "
    "with a clear moment to evaluate.\n  due: next-meeting\n"
)


def kr304(repo: Path, *extra: str) -> list[tuple[str, int, str]]:
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo), "--today", TODAY, "--format", "json", *extra],
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["findings"]
    return [(f["path"], f["line"], f["message"]) for f in findings if f["code"] == "KR304"]


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo(example=True)


def test_an_open_action_deleted_from_its_meeting(repo: Path) -> None:
    edit(repo, CLOSED_IN, ACTION_FULL, "")
    line = line_of(repo, CLOSED_IN, "actions:")
    assert kr304(repo, "--changed-since", "main") == [
        (
            CLOSED_IN,
            line,
            "the open action '2026-11-12-achterhoek#evaluatie-verslag' was removed instead "
            "of closed",
        )
    ]


def test_a_meeting_file_deleted_with_its_open_actions(repo: Path) -> None:
    (repo / CLOSED_IN).unlink()
    found = kr304(repo, "--changed-since", "main")
    assert [(path, line) for path, line, _ in found] == [(CLOSED_IN, 1), (CLOSED_IN, 1)]
    assert "2026-11-12-achterhoek#werkplan-2027" in found[1][2]


def test_an_open_intention_taken_out_of_its_case(repo: Path) -> None:
    edit(repo, INTENTION_CASE, INTENTION, "")
    assert kr304(repo, "--changed-since", "main") == [
        (
            INTENTION_CASE,
            2,
            "the open intention of case 'zorgmijder-na-ontslag-ggz' was removed without a "
            "follow-up",
        )
    ]


def test_a_case_file_deleted_with_its_open_intention(repo: Path) -> None:
    (repo / INTENTION_CASE).unlink()
    found = kr304(repo, "--changed-since", "main")
    assert [(path, line) for path, line, _ in found] == [(INTENTION_CASE, 1)]


def test_closing_is_not_deleting(repo: Path) -> None:
    edit(repo, CLOSED_IN, "    status: open\n", "    status: done\n    closed: 2026-11-20\n")
    edit(
        repo,
        INTENTION_CASE,
        "status: open\n",
        "follow_up:\n  reported_at: 2026-11-19-liemers\n  done: Made the plan.\nstatus: "
        "followed-up\n",
    )
    assert kr304(repo, "--changed-since", "main") == []


def test_dropping_a_case_is_closing_it(repo: Path) -> None:
    edit(repo, INTENTION_CASE, INTENTION, "")
    edit(repo, INTENTION_CASE, "status: open\n", "status: dropped\nreason: Moved away.\n")
    assert kr304(repo, "--changed-since", "main") == []


def test_deleting_an_action_that_was_already_closed_is_fine(repo: Path) -> None:
    edit(repo, CLOSED_IN, "    status: open\n", "    status: done\n    closed: 2026-11-20\n")
    git(repo, "commit", "-q", "-am", "close it")
    edit(
        repo,
        CLOSED_IN,
        "  - id: evaluatie-verslag\n    owner: anna-de-vries\n    what: Write up the evaluation "
        "and share it with the Liemers platform.\n    due: next-meeting\n    status: done\n"
        "    closed: 2026-11-20\n",
        "",
    )
    assert kr304(repo, "--changed-since", "main") == []


def test_without_a_base_it_finds_nothing(repo: Path) -> None:
    edit(repo, CLOSED_IN, ACTION_FULL, "")
    assert kr304(repo) == []


def test_a_head_file_that_does_not_parse_is_not_a_deletion(repo: Path) -> None:
    edit(repo, CLOSED_IN, "topic:", "topic: [unclosed\nfoo:")
    assert kr304(repo, "--changed-since", "main") == []
