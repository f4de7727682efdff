"""Shared fixtures: small network repositories made for real in tmp_path (git included)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "network"
TODAY = "2026-11-25"  # the date the example network's overdue items are written against


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity; return its standard output."""
    env_args = ["-c", "user.name=Test Facilitator", "-c", "user.email=test@example.invalid"]
    done = subprocess.run(
        ["git", *env_args, *args], cwd=repo, check=True, capture_output=True, text=True
    )
    return done.stdout


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


MakeRepo = Callable[..., Path]


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """make_repo(files, example=False, commit=True) -> a git repository in tmp_path.

    With example=True the embedded example network is copied in first; `files` then adds
    or replaces files (a value of None is not allowed: delete with Path.unlink).
    """
    counter = {"n": 0}

    def make(
        files: dict[str, str | bytes] | None = None, *, example: bool = False, commit: bool = True
    ) -> Path:
        counter["n"] += 1
        repo = tmp_path / f"repo{counter['n']}"
        repo.mkdir()
        if example:
            shutil.copytree(EXAMPLE, repo / "network", symlinks=True)
        (repo / "network").mkdir(exist_ok=True)
        write_files(repo, files or {})
        git(repo, "init", "-q", "-b", "main")
        if commit:
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", "initial", "--allow-empty")
        return repo

    return make
