"""Every check against small network repositories in tests/cases/<CODE>/<case>/.

Each case is the base network with a few files changed, and the exact set of findings
(code, path, line) it must produce; see support.build_repo for the folder format. A new check
is one module, one registry line and one case folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import CASES, build_repo, check, expected, line_count

from kring.checks.registry import rules

CODE_FOLDER = re.compile(r"KR[0-9]{3}")
# Cases in this format carry an expected.txt; the time checks' cases (KR30x, a case.yaml
# each) are run by test_time_checks against their own base.
ALL_CASES = sorted(
    case
    for folder in CASES.iterdir()
    if CODE_FOLDER.fullmatch(folder.name)
    for case in folder.iterdir()
    if (case / "expected.txt").is_file()
)
CODES = sorted({case.parent.name for case in ALL_CASES})
# The checks of the first three families (issue 2). Later families add their folders here.
COVERED = [r.code for r in rules() if r.code < "KR300"]


def _id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


@pytest.mark.parametrize("case", ALL_CASES, ids=_id)
def test_case(case: Path, tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "repo", case)
    # Only the checks that have case folders run, so that the base network needs to be
    # clean for exactly those.
    run = check(repo, "--select", ",".join(CODES))
    want = expected(case)
    assert run.found() == want, run.output
    assert run.exit_code == (1 if any(f["severity"] == "error" for f in run.findings) else 0)
    for finding in run.findings:
        path = repo / str(finding["path"])
        if path.is_file() and not path.is_symlink():
            assert 1 <= int(str(finding["line"])) <= line_count(path), finding


def test_base_network_is_clean(tmp_path: Path) -> None:
    run = check(build_repo(tmp_path / "repo"))
    assert run.findings == []
    assert run.exit_code == 0


@pytest.mark.parametrize("code", COVERED)
def test_every_check_has_a_failing_and_a_passing_case(code: str) -> None:
    folder = CASES / code
    assert folder.is_dir(), f"tests/cases/{code}/ is missing"
    kinds = {bool(expected(case)) for case in folder.iterdir() if case.is_dir()}
    assert kinds == {True, False}, f"{code} needs a failing and a passing case"
    for case in folder.iterdir():
        if case.is_dir() and expected(case):
            assert code in {c for c, _, _ in expected(case)}, f"{case} never finds {code}"
