"""Running kring inside an untrusted repository runs nothing of that repository's (SPEC §8).

The repository's own git configuration names programs for every hook git has: an fsmonitor,
a hooks folder, clean and smudge filters and a text conversion for every file (chosen in
.gitattributes), an external diff. Each program leaves a mark when it runs. Plain git runs
them (the first test proves the trap works); no kring command does.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support import TODAY, MakeRepo, commit, edit, kring

MEMBER = "network/members/anna-de-vries.yaml"


def _trap(repo: Path, marks: Path) -> None:
    marks.mkdir()
    hooks = repo.parent / "hooks"
    hooks.mkdir()
    for hook in ("post-index-change", "pre-commit", "post-checkout", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch '{marks}/hook-{hook}'\n")
        (hooks / hook).chmod(0o755)
    external = repo.parent / "external-diff"
    external.write_text(f"#!/bin/sh\ntouch '{marks}/external-diff'\n")
    external.chmod(0o755)
    settings = {
        "core.fsmonitor": f"touch '{marks}/fsmonitor'; false",
        "core.hooksPath": str(hooks),
        "filter.trap.clean": f"touch '{marks}/filter-clean'; cat",
        "filter.trap.smudge": f"touch '{marks}/filter-smudge'; cat",
        "filter.trap.required": "true",
        "diff.trap.textconv": f"touch '{marks}/textconv'; cat",
        "diff.external": str(external),
        "log.showSignature": "true",
        "gpg.program": f"{marks}/gpg",
    }
    for key, value in settings.items():
        subprocess.run(["git", "config", key, value], cwd=repo, check=True)
    (repo / ".git/info").mkdir(exist_ok=True)
    (repo / ".git/info/attributes").write_text("* filter=trap diff=trap\n")


@pytest.fixture
def trapped(make_repo: MakeRepo, tmp_path: Path) -> tuple[Path, Path]:
    repo = make_repo(example=True)
    edit(repo, MEMBER, "stage: advanced", "stage: starter")
    commit(repo, "a second commit, so that history and summaries have something to show")
    marks = tmp_path / "marks"
    _trap(repo, marks)
    # Every file's time changes, so git must read the work tree again to compare it.
    for path in (repo / "network").rglob("*"):
        if path.is_file():
            os.utime(path, (1, 1))
    return repo, marks


def test_plain_git_falls_into_the_trap(trapped: tuple[Path, Path]) -> None:
    repo, marks = trapped
    subprocess.run(
        ["git", "diff", "--name-only", "HEAD"], cwd=repo, capture_output=True, check=False
    )
    subprocess.run(["git", "log", "-p", "-1"], cwd=repo, capture_output=True, check=False)
    assert {p.name for p in marks.iterdir()} >= {"fsmonitor", "filter-clean", "textconv"}


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--no-cache"),
        ("check", "--changed-since", "HEAD~1"),
        ("summary", "--base", "HEAD~1"),
        ("history", "anna-de-vries"),
        ("due",),
        ("report", "--check"),
        ("calendar",),
    ],
    ids=" ".join,
)
def test_no_kring_command_runs_the_repositorys_programs(
    trapped: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    repo, marks = trapped
    result = kring(repo, *args, today=TODAY)
    assert result.exit_code in (0, 1), result.output
    assert not list(marks.iterdir())
