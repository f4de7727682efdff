"""The embedded example network is valid (SPEC §9)."""

from __future__ import annotations

from click.testing import CliRunner
from support import TODAY, MakeRepo

from kring.cli.main import cli


def test_example_network_checks_clean(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
