"""KR304 deleted-commitment on the example network: what its messages say.

Which changes are deletions and which are not (a file deleted, closing, dropping, an action
closed before, no base to compare with, a head that does not parse) is data: the cases
under tests/cases/KR304/, each with a base revision.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import CLOSED_IN, INTENTION_CASE, TODAY, MakeRepo, edit, line_of

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
