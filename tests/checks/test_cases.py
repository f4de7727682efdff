"""Every check against small network repositories in tests/cases/<CODE>/<case>/.

A case folder holds the files it lays over a starting network (tests/cases/_base/, or
_base_time/ or _base_health/), an optional base/ for a change that needs a base revision,
and a case.yaml with the day, the configuration and every finding the run must give, as
`CODE path:line` in kring's order (the format is described in support.Case). A new check is
one module, one registry line and one case folder with a failing and a passing case.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import CASES, TODAY, Case, all_cases, build_case, build_repo, check, line_count

from kring.checks.registry import CHECKS, rule
from kring.cli.main import cli

CASE_LIST = all_cases()
# a network's checks; the koepel's (KR6xx) have cases of their own (test_koepel_cases.py)
CODES = [module.RULE.code for module in CHECKS]
# Cases that start from the time or the health network run on valid data: a warning there
# fails for the reason the case names and not for a broken fixture.
VALID_STARTS = ("_base_time", "_base_health")


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.name)
def test_case(case: Case, tmp_path: Path) -> None:
    repo = build_case(tmp_path / "repo", case)
    run = check(repo, *case.args(), today=case.today)
    found = [(str(f["code"]), str(f["path"]), int(str(f["line"]))) for f in run.findings]
    assert found == [(e.code, e.path, e.line) for e in case.expect], run.output
    assert run.exit_code == (1 if any(f["severity"] == "error" for f in run.findings) else 0)
    for finding, want in zip(run.findings, case.expect, strict=True):
        own = rule(want.code)
        assert own is not None
        assert finding["severity"] == (want.severity or own.severity.label), finding
        assert finding["hint"], f"{finding['code']} at line {finding['line']} gives no hint"
        path = repo / str(finding["path"])
        if path.is_file() and not path.is_symlink():
            assert 1 <= int(str(finding["line"])) <= line_count(path), finding
    if case.network in VALID_STARTS:
        assert all(f["severity"] != "error" for f in run.findings), run.output


@pytest.mark.parametrize("start", ["_base", *VALID_STARTS])
def test_every_starting_network_is_clean(start: str, tmp_path: Path) -> None:
    run = check(build_repo(tmp_path / "repo", start=start), today=TODAY)
    assert run.findings == []
    assert run.exit_code == 0


@pytest.mark.parametrize("code", CODES)
def test_every_check_has_a_failing_and_a_passing_case(code: str) -> None:
    cases = [c for c in CASE_LIST if c.code == code]
    assert cases, f"tests/cases/{code}/ is missing"
    assert any(code in c.codes() for c in cases), f"{code} needs a case that finds {code}"
    assert any(code not in c.codes() for c in cases), f"{code} needs a case that passes"


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.name)
def test_a_case_says_why_other_checks_speak(case: Case) -> None:
    """A finding of another check is there on purpose: a comment of case.yaml names its code."""
    comments = [
        line
        for line in (case.folder / "case.yaml").read_text("utf-8").splitlines()
        if line.startswith("#")
    ]
    unexplained = [c for c in case.codes() - {case.code} if not any(c in n for n in comments)]
    assert unexplained == [], f"say in a comment of {case.name}/case.yaml why {unexplained} speak"


def test_every_case_folder_names_a_check() -> None:
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert [f for f in folders if f not in CODES] == []
    for code in folders:
        for case in (CASES / code).iterdir():
            assert (case / "case.yaml").is_file(), f"{case} has no case.yaml"


@pytest.mark.parametrize("code", CODES)
def test_every_check_has_its_module_and_explanation(code: str) -> None:
    found = rule(code)
    assert found is not None
    module = importlib.import_module(f"kring.checks.{found.name.replace('-', '_')}")
    assert module in CHECKS
    assert module.RULE is found
    assert found.explanation.strip() and found.explanation == module.__doc__
    result = CliRunner().invoke(cli, ["explain", code, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{code} {found.name} [")
    assert found.explanation.strip().splitlines()[0] in result.output
