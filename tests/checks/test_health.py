"""Network health checks KR401–KR407, from data (tests/cases/health/).

Each `KR4xx.yaml` lists small networks as files laid over `base.yaml` (a small healthy
network), with the findings of that code expected as `path:line`. Every case must also be
free of errors, so a case fails for the reason it names and not for a broken fixture.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from support import CASES, ROOT, TODAY, MakeRepo

from kring.checks import runner
from kring.checks.context import Context
from kring.core.config import Config
from kring.core.findings import Severity
from kring.core.model import parse_date

HEALTH = CASES / "health"
CODES = ("KR401", "KR402", "KR403", "KR404", "KR405", "KR406", "KR407")


def _load(name: str) -> Any:
    return yaml.safe_load((HEALTH / name).read_text("utf-8"))


def network_files(overrides: dict[str, str | None] | None = None) -> dict[str, str | bytes]:
    """The base network with a case's files laid over it (None removes a file)."""
    files: dict[str, str | None] = dict(_load("base.yaml")["files"])
    files.update(overrides or {})
    return {path: text for path, text in files.items() if text is not None}


def _cases() -> list[Any]:
    out = []
    for code in CODES:
        for case in _load(f"{code}.yaml")["cases"]:
            out.append(pytest.param(code, case, id=f"{code}-{case['name']}"))
    return out


@pytest.mark.parametrize(("code", "case"), _cases())
def test_health_case(make_repo: MakeRepo, code: str, case: dict[str, Any]) -> None:
    repo = make_repo(network_files(case.get("files")))
    today = parse_date(str(case.get("today", TODAY)))
    assert today is not None
    result = runner.check(repo, Context(today, Config()))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert not errors, [f"{f.source.path}:{f.source.line} {f.code} {f.message}" for f in errors]
    found = sorted(f"{f.source.path}:{f.source.line}" for f in result.findings if f.code == code)
    assert found == sorted(case["expect"]), [
        f"{f.source.path}:{f.source.line} {f.message}" for f in result.findings if f.code == code
    ]


def test_base_network_is_healthy(make_repo: MakeRepo) -> None:
    repo = make_repo(network_files())
    today = parse_date(TODAY)
    assert today is not None
    result = runner.check(repo, Context(today, Config()))
    assert [f.code for f in result.findings] == []


def test_example_network_shows_no_health_finding() -> None:
    root = ROOT
    today = parse_date(TODAY)
    assert today is not None
    result = runner.check(root, Context(today, Config()))
    assert [f for f in result.findings if f.code.startswith("KR4")] == []


@pytest.mark.parametrize("code", CODES)
def test_every_health_check_has_passing_and_failing_cases(code: str) -> None:
    cases = _load(f"{code}.yaml")["cases"]
    assert any(c["expect"] for c in cases), f"{code}: no failing case"
    assert any(not c["expect"] for c in cases), f"{code}: no passing case"


def test_health_checks_are_registered_in_code_order() -> None:
    from kring.checks.registry import rules

    codes = [r.code for r in rules()]
    assert [c for c in codes if c.startswith("KR4")] == list(CODES)
    assert codes == sorted(codes)
