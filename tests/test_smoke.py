"""The embedded example network is valid (SPEC §9)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kring.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent


def test_example_network_checks_clean() -> None:
    result = CliRunner().invoke(cli, ["check", "--repo", str(ROOT), "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
