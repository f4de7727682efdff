"""A network/ folder that is itself a symbolic link is a finding, never followed (SPEC §2.2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from support import EXAMPLE, TODAY, git

from kring.cli.main import cli


def test_a_linked_network_folder_is_kr005_and_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(EXAMPLE, outside)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "network").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["summary"]["files"] == 1  # the link, and nothing read through it
    [finding] = [f for f in data["findings"] if f["code"] == "KR005"]
    assert finding["path"] == "network"
    assert "symbolic link" in finding["message"]
