"""A code or prefix that names no check is refused in the reader's language (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
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


# --- [tool.kring] against its schema (schemas/config.schema.json), issue 16 ------------------

BAD_CONFIGURATIONS = [
    ('[tool.kring]\nseverity = "x"\n', "[tool.kring] severity: must be a table"),
    ("[tool.kring]\npolicy = [1]\n", "[tool.kring] policy: must be a table"),
    ("tool = 5\n", "'tool' must be a table"),
    ("[tool]\nkring = 5\n", "[tool.kring] must be a table"),
    (
        '[tool.kring.severity]\nKR205 = "warn"\n',
        "[tool.kring.severity] KR205: 'warn' is not one of error, warning, info",
    ),
    (
        "[tool.kring.policy]\nmeetings_per_year = 100000\n",
        "[tool.kring.policy] meetings_per_year: '100000' is not a whole number from 0 to 52",
    ),
    (
        "[tool.kring.policy]\nmeetings_per_yr = 3\n",
        "unknown key 'meetings_per_yr' (did you mean 'meetings_per_year'?)",
    ),
    (
        "[tool.kring]\nmax-file-kib = true\n",
        "max-file-kib: 'true' is not a whole number from 1 to 16384",
    ),
    ("[tool.kring]\nselect = 5\n", "[tool.kring] select: must be a list of codes"),
    ('[tool.kring]\nlang = "fr"\n', "[tool.kring] lang: 'fr' is not one of nl, en"),
    ("[tool.kring]\nseveritty = {}\n", "unknown key 'severitty' (did you mean 'severity'?)"),
    ("[tool.kring\n", "pyproject.toml: "),
]


@pytest.mark.parametrize(
    ("toml", "message"), BAD_CONFIGURATIONS, ids=[t for t, _ in BAD_CONFIGURATIONS]
)
def test_configuration_that_breaks_its_schema_is_a_usage_error(
    tmp_path: Path, toml: str, message: str
) -> None:
    repo = build_repo(tmp_path / "repo")
    (repo / "pyproject.toml").write_text(toml)
    for command in (["check"], ["due"], ["report", "--check"]):
        result = CliRunner().invoke(cli, [*command, "--repo", str(repo), "--today", TODAY])
        assert result.exit_code == 2, (command, result.output)
        assert message in result.output, result.output
        assert "Traceback" not in result.output and "internal error" not in result.output


def test_a_configuration_problem_reads_in_dutch(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "repo")
    (repo / "pyproject.toml").write_text('[tool.kring]\nseverity = "x"\n')
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--lang", "nl"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("Fout: pyproject.toml [tool.kring] severity: moet ")


def test_the_schema_bounds_policy_as_the_network_schema_does() -> None:
    # One policy, two places it can be set: the same keys, types and bounds.
    from importlib import resources

    def policy(name: str) -> dict[str, object]:
        text = resources.files("kring.schemas").joinpath(name).read_text("utf-8")
        properties = json.loads(text)["properties"]["policy"]["properties"]
        return {
            key: {k: v for k, v in value.items() if k not in ("description", "default")}
            for key, value in properties.items()
        }

    assert policy("config.schema.json") == policy("network.schema.json")
    for key, bounds in policy("config.schema.json").items():
        assert "maximum" in bounds, key


def _linked_to_zero(repo: Path) -> None:
    (repo / "pyproject.toml").symlink_to("/dev/zero")


def _fifo(repo: Path) -> None:
    os.mkfifo(repo / "pyproject.toml")


def _fifo_network(repo: Path) -> None:
    (repo / "network/network.yaml").unlink()
    os.mkfifo(repo / "network/network.yaml")


@pytest.mark.parametrize("plant", [_linked_to_zero, _fifo, _fifo_network], ids=lambda f: f.__name__)
def test_a_pyproject_or_network_file_that_is_no_regular_file_is_never_read(
    tmp_path: Path, plant: Callable[[Path], None]
) -> None:
    # The language is sniffed from pyproject.toml and network.yaml before any command runs:
    # a link to /dev/zero would read without end, a FIFO would block every command.
    repo = build_repo(tmp_path / "repo")
    plant(repo)
    for args, codes in (
        (["rules"], {0}),
        (["--help"], {0}),
        (["check"], {1, 2}),
        (["due"], {0, 2}),
    ):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kring",
                *args,
                *(["--repo", str(repo)] if args[0] != "--help" else []),
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.returncode in codes, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
