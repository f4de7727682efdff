"""The worked examples of the "Before a meeting" section (README and guides) are real output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, make_repo_at

from kring.cli.main import cli

README = "\n".join(
    p.read_text("utf-8") for p in (ROOT / "README.md", *(ROOT / "docs").glob("*.md"))
)


def section() -> str:
    """From the section's heading to the next second-level heading outside a code block."""
    lines = README[README.index("## Before a meeting: kring due and kring agenda") :].split("\n")
    fenced = False
    for n, line in enumerate(lines[1:], 1):
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("## "):
            return "\n".join(lines[:n])
    return "\n".join(lines)


EXAMPLES = re.findall(r"```console\n\$ (kring [^\n]*)\n(.*?)```", section(), re.S)


def test_the_section_has_its_examples() -> None:
    commands = [command for command, _ in EXAMPLES]
    assert any(c.startswith("kring due") and "markdown" not in c for c in commands)
    assert any("--format markdown" in c for c in commands)
    assert any(c.startswith("kring agenda") for c in commands)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example network (the README's examples are its output) in a repository."""
    return make_repo_at(tmp_path_factory.mktemp("readme") / "repo", example=True)


@pytest.mark.parametrize(("command", "output"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_example_output_is_real(example: Path, command: str, output: str) -> None:
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(cli, [*args, "--repo", str(example)])
    assert result.exit_code == 0, result.output
    assert result.output == output, "regenerate the README example: " + command
