"""A code or prefix that names no check is refused in the reader's language (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import TODAY, build_repo

from kring.cli.main import cli


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repo(tmp_path_factory.mktemp("config") / "repo")


@pytest.mark.parametrize(
    ("lang", "args", "message"),
    [
        (
            "en",
            ["--select", "KR999"],
            "Error: --select: 'KR999' matches no check (did you mean KR903?); "
            "'kring rules' lists them\n",
        ),
        (
            "en",
            ["--ignore", "KR8"],
            "Error: --ignore: 'KR8' matches no check (did you mean KR408?); "
            "'kring rules' lists them\n",
        ),
        (
            "nl",
            ["--select", "KR999"],
            "Fout: --select: 'KR999' past bij geen controle (bedoel je KR903?); "
            "'kring rules' toont ze allemaal\n",
        ),
        (
            "nl",
            ["--ignore", "KR8"],
            "Fout: --ignore: 'KR8' past bij geen controle (bedoel je KR408?); "
            "'kring rules' toont ze allemaal\n",
        ),
    ],
)
def test_a_code_that_matches_no_check(repo: Path, lang: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--lang", lang, *args]
    )
    assert result.exit_code == 2
    assert result.output == message


def test_a_configured_code_that_matches_no_check_reads_in_dutch(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "repo")
    (repo / "pyproject.toml").write_text("[tool.kring]\nselect = ['KR999']\n")
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--lang", "nl"]
    )
    assert result.exit_code == 2
    assert "'KR999' past bij geen controle (bedoel je KR903?)" in result.output
