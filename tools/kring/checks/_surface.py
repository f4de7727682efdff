"""File-local problems found while loading, surfaced under their rule."""

from __future__ import annotations

from collections.abc import Iterator

from kring.core.codes import Rule
from kring.core.findings import Finding
from kring.core.model import Model


def surface(rule: Rule, model: Model) -> Iterator[Finding]:
    for problem in model.problems.get(rule.code, ()):
        yield rule.from_problem(problem)
