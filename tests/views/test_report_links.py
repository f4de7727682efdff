"""`kring report` writes its pages only inside the repository, never through a link."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from support import EXAMPLE, TODAY, git

from kring.cli.main import cli


def test_report_never_writes_through_a_linked_network_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(EXAMPLE, outside)
    for page in [
        outside / "README.md",
        *outside.glob("regions/*.md"),
        *outside.glob("themes/*.md"),
    ]:
        page.unlink()
    before = sorted(p.relative_to(outside) for p in outside.rglob("*"))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "network").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(cli, ["report", "--repo", str(repo), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "is a symbolic link; kring never writes through links" in result.output
    assert sorted(p.relative_to(outside) for p in outside.rglob("*")) == before
