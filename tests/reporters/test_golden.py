"""Exact output of `kring check` in the text and json formats (SPEC §6).

The wording is part of the product: a change to a message shows up here as a diff to
review. Only the run time is normalised. To accept a deliberate change, run the tests with
KRING_UPDATE_GOLDEN=1 and review the diff of tests/golden/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import TESTS, TODAY, build_repo

from kring.cli.main import cli

GOLDEN = TESTS / "golden"

# Three findings: an unknown reference with a "did you mean", a misspelt key, and a past
# meeting without attendees.
FILES = {
    "network/members/cor.yaml": (
        "name: Cor\norganisation: hogeschol\ngroups: [noord]\njoined: 2026-01-01\n"
    ),
    "network/meetings/2026/2026-09-10-noord.md": (
        "---\ndate: 2026-09-10\ngroup: noord\nkind: regional\natendees: [anna, bram]\n---\n"
    ),
}


def _normalise(output: str) -> str:
    output = re.sub(r" in [0-9]+[.,][0-9]{2} s$", " in 0.00 s", output, flags=re.MULTILINE)
    return re.sub(r'"seconds": [0-9.e-]+', '"seconds": 0.0', output)


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    overlay = tmp_path / "overlay"
    for rel, text in files.items():
        (overlay / rel).parent.mkdir(parents=True, exist_ok=True)
        (overlay / rel).write_text(text, encoding="utf-8")
    return build_repo(tmp_path / "repo", overlay if files else None)


@pytest.mark.parametrize(
    ("name", "files", "fmt", "exit_code"),
    [
        ("findings.txt", FILES, "text", 1),
        ("findings.json", FILES, "json", 1),
        ("clean.txt", {}, "text", 0),
        ("clean.json", {}, "json", 0),
    ],
)
def test_exact_output(
    tmp_path: Path, name: str, files: dict[str, str], fmt: str, exit_code: int
) -> None:
    repo = _repo(tmp_path, files)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--format", fmt]
    )
    assert result.exit_code == exit_code
    output = _normalise(result.output)
    golden = GOLDEN / name
    if os.environ.get("KRING_UPDATE_GOLDEN") == "1":
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
