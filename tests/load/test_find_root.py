"""Which repository kring reads when no --repo is given: the nearest folder upward that has
network/ (or koepel.yaml), never one above the git repository the command runs in."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import git

from kring.load import koepel_sources, repo


def test_the_nearest_folder_upward_within_the_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "network").mkdir()
    (tmp_path / "koepel.yaml").write_text("name: K\n", "utf-8")
    inner = tmp_path / "inner"
    (inner / "deep/er").mkdir(parents=True)
    monkeypatch.chdir(inner / "deep/er")
    assert repo.find_root(None) == tmp_path
    assert koepel_sources.find_root(None) == tmp_path
    git(inner, "init", "-q")  # now the folders around the repository are not looked at
    with pytest.raises(repo.RepositoryError):
        repo.find_root(None)
    with pytest.raises(koepel_sources.KoepelError):
        koepel_sources.find_root(None)
