"""Start-up, the fast loader's guarantees, and the benchmark network (issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, MakeRepo

from kring.cli.main import cli
from kring.core.document import Mark
from kring.load.yaml_loader import parse_file

HEAVY = ("jsonschema", "jsonschema_rs", "git", "yaml")


def imported_by(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {name.split(".")[0] for name in done.stdout.split()}


def test_importing_the_cli_imports_no_heavy_module() -> None:
    assert not imported_by("import kring.cli.main") & set(HEAVY)


def test_kring_version_imports_no_heavy_module() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kring", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("kring, version")
    modules = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    assert not modules & set(HEAVY)


def test_a_cold_check_imports_no_detailed_validator_for_valid_data(make_repo: MakeRepo) -> None:
    # jsonschema (the slow, detailed validator) is for documents that fail only.
    repo = make_repo(example=True)
    code = (
        "from click.testing import CliRunner\nfrom kring.cli.main import cli\n"
        f"CliRunner().invoke(cli, ['check', '--no-cache', '--repo', {str(repo)!r}, "
        "'--today', '2026-11-25'])"
    )
    assert "jsonschema" not in imported_by(code)


@pytest.fixture(params=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure":
        monkeypatch.setenv("KRING_PURE_YAML", "1")
    return str(request.param)


def codes_of(text: str, markdown: bool = False) -> list[tuple[str, int, int]]:
    parsed = parse_file("f.md" if markdown else "f.yaml", text.encode(), markdown=markdown)
    return [(p.code, p.source.line, p.source.column) for p in parsed.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: &x 2\n", [("KR003", 2, 4)]),
        ("a: 1\nb: *x\n", [("KR003", 2, 4)]),
        ("a: !!str 1\n", [("KR003", 1, 4)]),
        ("a: !!map {}\n", [("KR003", 1, 4)]),
        ("a:\n  b: 1\n  b: 2\n", [("KR002", 3, 3)]),
        ("a: 1\n---\nb: 2\n", [("KR001", 2, 1)]),
        ("[" * 40 + "]" * 40 + "\n", [("KR003", 1, 33)]),
        ("? [k]\n: v\n", [("KR001", 1, 3)]),
    ],
)
def test_the_prescan_refuses_before_building(
    parser: str, text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert codes_of(text) == expected


def test_values_keep_yaml_12_meaning_and_positions(parser: str) -> None:
    text = (
        "---\nn: null\nt: true\nf: False\ni: -12\nz: 010\nx: 1.5\nw: no\nd: 2026-03-12\n"
        "nee: nee\nq: '1'\nl:\n  - a\n  - {k: v}\n---\nbody\n"
    )
    parsed = parse_file("f.md", text.encode(), markdown=True)
    doc = parsed.document
    assert doc is not None and not parsed.problems
    assert doc.data == {
        "n": None,
        "t": True,
        "f": False,
        "i": -12,
        "z": "010",
        "x": 1.5,
        "w": "no",
        "d": "2026-03-12",
        "nee": "nee",
        "q": "1",
        "l": ["a", {"k": "v"}],
    }
    assert doc.raw == {("n",): "null", ("t",): "true", ("f",): "False", ("i",): "-12"} | {
        ("x",): "1.5",
        ("w",): "no",
    }
    assert doc.marks[("l", 1, "k")] == Mark(14, 9, 14, 10)
    assert doc.key_marks[("l",)] == Mark(12, 1, 12, 2)
    assert doc.marks[("l",)].end_line == 14  # the list ends on its last line, not at "---"
    assert (parsed.body, parsed.body_line) == ("body\n", 16)


def test_the_generated_network_checks_clean(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    files = generate.Generator(400).run()
    assert files == generate.Generator(400).run()  # deterministic
    generate.write(files, tmp_path / "net")
    net = str(tmp_path / "net")
    result = CliRunner().invoke(
        cli, ["check", "--repo", net, "--today", generate.TODAY, "--fail-on", "warning"]
    )
    assert result.exit_code == 0, result.output
    assert f"{len(files)} files checked: 0 errors, 0 warnings, 0 info" in result.output
