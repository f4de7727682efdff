"""Helpers for the SPEC conformance tests (tests/test_spec_*.py).

`base_files()` is the small valid network of tests/cases/_base as a dict for `make_repo`;
`check()` runs `kring check --format json` through click and returns the exit code and the
findings as (code, path, line) triples plus the decoded records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from kring.cli.main import cli

BASE = Path(__file__).resolve().parent / "cases" / "_base"
TODAY = "2026-11-25"

Found = tuple[str, str, int]


def base_files() -> dict[str, str | bytes]:
    """Every file of the base network, by its path in the repository."""
    return {
        path.relative_to(BASE).as_posix(): path.read_text("utf-8")
        for path in sorted(BASE.rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class Checked:
    exit_code: int
    findings: list[dict[str, object]]
    output: str

    def found(self) -> set[Found]:
        return {(str(f["code"]), str(f["path"]), int(str(f["line"]))) for f in self.findings}

    def messages(self, code: str) -> list[str]:
        return [str(f["message"]) for f in self.findings if f["code"] == code]


def check(repo: Path, *args: str, today: str = TODAY) -> Checked:
    """`kring check --format json --today <today> …` on `repo`; any exit but 0/1 fails."""
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--format", "json", "--today", today, *args]
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    return Checked(result.exit_code, data["findings"], result.output)
