"""A facilitator's round trip on the example network, in a real git repository (issue 6).

New meeting, close an action, record a follow-up: each followed by a clean `kring check`
and a minimal `git diff`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from support import TODAY, MakeRepo, git, kring

from kring.core.config import Config
from kring.core.timeline import open_commitments
from kring.load import pipeline


def _numstat(repo: Path) -> dict[str, tuple[int, int]]:
    """Tracked files changed since the last commit: path -> (lines added, lines removed)."""
    out = {}
    for line in git(repo, "diff", "--numstat").splitlines():
        added, removed, path = line.split("\t")
        out[path] = (int(added), int(removed))
    return out


def _untracked(repo: Path) -> list[str]:
    return git(repo, "ls-files", "--others", "--exclude-standard").split()


def _clean(repo: Path) -> None:
    result = kring(repo, "check")
    assert result.exit_code == 0, result.output
    assert " 0 errors" in result.output, result.output


def _overdue(repo: Path) -> set[str]:
    model = pipeline.load(repo, Config())
    return {c.ref for c in open_commitments(model, dt.date.fromisoformat(TODAY)) if c.overdue}


def test_facilitator_round_trip(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    _clean(repo)
    assert {
        "2026-02-12-achterhoek#convenant-gegevensdeling",
        "statushouder-gezinshereniging-school",
    } <= _overdue(repo)

    # 1. the next meeting: one new file, nothing else touched
    result = kring(repo, "new", "meeting", "achterhoek", "--date", "2026-12-10", "--host", "aalten")
    assert result.exit_code == 0, result.output
    assert _untracked(repo) == ["network/meetings/2026/2026-12-10-achterhoek.md"]
    assert _numstat(repo) == {}
    _clean(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Next Achterhoek meeting")

    # 2. close the overdue action: one line changed, one added
    result = kring(
        repo,
        "close",
        "2026-02-12-achterhoek#convenant-gegevensdeling",
        "--done",
        "--on",
        "2026-11-20",
    )
    assert result.exit_code == 0, result.output
    assert _numstat(repo) == {"network/meetings/2026/2026-02-12-achterhoek.md": (2, 1)}
    diff = git(repo, "diff", "-U0")
    assert "-    status: open\n+    status: done\n+    closed: 2026-11-20\n" in diff
    _clean(repo)
    assert "2026-02-12-achterhoek#convenant-gegevensdeling" not in _overdue(repo)
    git(repo, "commit", "-q", "-am", "Covenant question answered")

    # 3. the overdue follow-up: a four-line block and the status
    result = kring(
        repo,
        "follow-up",
        "statushouder-gezinshereniging-school",
        "--at",
        "2026-11-12-achterhoek",
        "--done",
        "Held the round-table conversation with the school and the family",
        "--result",
        "The school's mentor keeps the overview",
        "--lessons",
        "Invite the interpreter from the start",
    )
    assert result.exit_code == 0, result.output
    path = "network/cases/2026/statushouder-gezinshereniging-school.md"
    assert _numstat(repo) == {path: (6, 1)}
    _clean(repo)
    assert "statushouder-gezinshereniging-school" not in _overdue(repo)
    git(repo, "commit", "-q", "-am", "Follow-up of the newcomer family case")
    assert git(repo, "status", "--porcelain") == ""
