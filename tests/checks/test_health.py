"""Network health checks KR401–KR411 beyond their cases: the example network and the order.

The cases themselves (a folder each under tests/cases/KR40x/, starting from _base_health, a
small healthy network) run in test_cases.
"""

from __future__ import annotations

from support import TODAY, MakeRepo

from kring.checks import runner
from kring.checks.context import Context
from kring.checks.registry import CHECKS
from kring.core.config import Config
from kring.core.model import parse_date

CODES = (
    "KR401",
    "KR402",
    "KR403",
    "KR404",
    "KR405",
    "KR406",
    "KR407",
    "KR408",
    "KR409",
    "KR410",
    "KR411",
)


def test_example_network_shows_no_health_finding(make_repo: MakeRepo) -> None:
    today = parse_date(TODAY)
    assert today is not None
    result = runner.check(make_repo(example=True), Context(today, Config()))
    assert [f for f in result.findings if f.code.startswith("KR4")] == []


def test_health_checks_are_registered_in_code_order() -> None:
    # the registry's tuple itself: rules() sorts, so it cannot show the order
    codes = [m.RULE.code for m in CHECKS]
    assert [c for c in codes if c.startswith("KR4")] == list(CODES)
