"""Fixtures only; what the tests share otherwise is in support.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import MakeRepo, make_repo_at


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """make_repo(files, example=False, commit=True) -> a git repository in tmp_path.

    With example=True the example network is copied in first; `files` then adds or replaces
    files (a value of None is not allowed: delete with Path.unlink).
    """
    made: list[Path] = []

    def make(
        files: dict[str, str | bytes] | None = None, *, example: bool = False, commit: bool = True
    ) -> Path:
        repo = make_repo_at(
            tmp_path / f"repo{len(made) + 1}", files, example=example, commit=commit
        )
        made.append(repo)
        return repo

    return make
