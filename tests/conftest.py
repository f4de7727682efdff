"""Fixtures only; what the tests share otherwise is in support.py."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, MakeRepo, make_repo_at


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


# kring's own tests never read the repository's network/ folder (issue 15): in a network
# repository made from this template the facilitators change it, and kring's tests must not
# care. The tests read the copy in tests/data/example/ instead. Python's audit events see
# every file this process opens or lists; a test that touches network/ fails, unless it is
# marked `reads_network` (the test that compares network/ with the copy).
NETWORK = os.path.join(str(ROOT), "network")
PATH_EVENTS = {
    "open",
    "os.listdir",
    "os.scandir",
    "shutil.copytree",
    "shutil.copyfile",
    "glob.glob",
}
touched: list[str] = []


def _watch(event: str, args: tuple[Any, ...]) -> None:
    if event in PATH_EVENTS and args:
        paths = [args[0]]
    elif event == "subprocess.Popen" and len(args) > 2:
        # a command's arguments are relative to its own working directory: only absolute ones
        paths = [args[2], *(a for a in args[1] or () if _text(a) and os.path.isabs(_text(a)))]
    else:
        return
    for path in paths:
        if _text(path):
            full = os.path.abspath(_text(path))
            if full == NETWORK or full.startswith(NETWORK + os.sep):
                touched.append(full)


def _text(path: object) -> str:
    return os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else ""


sys.addaudithook(_watch)


@pytest.fixture(scope="session")
def pip_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """kring built once per content (tools/, schemas/, pyproject.toml) for every job of the
    simulated GitHub in this run (tests/e2e/helpers_github.py: the job's pip install)."""
    return tmp_path_factory.mktemp("pip-cache")


@pytest.fixture(autouse=True)
def outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own empty folder: a command given no --repo finds no network
    (and so not the repository's network/, whose language or data a network may change)."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def never_reads_network(request: pytest.FixtureRequest) -> Iterator[None]:
    touched.clear()
    yield
    seen, touched[:] = sorted(set(touched)), []
    if request.node.get_closest_marker("reads_network") is None:
        assert seen == [], f"read the repository's network/ (use support.EXAMPLE): {seen[:3]}"
