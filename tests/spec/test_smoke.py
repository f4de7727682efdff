"""The embedded example network is valid (SPEC §9)."""

from __future__ import annotations

from click.testing import CliRunner
from support import ROOT, TODAY

from kring.cli.main import cli


def test_example_network_checks_clean() -> None:
    result = CliRunner().invoke(cli, ["check", "--repo", str(ROOT), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
