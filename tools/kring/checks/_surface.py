"""File-local problems found while loading, surfaced under their rule."""

from __future__ import annotations

from collections.abc import Iterator

from kring.findings import Finding, Rule
from kring.model import Model


def surface(rule: Rule, model: Model) -> Iterator[Finding]:
    for loaded in model.files:
        for problem in loaded.problems:
            if problem.code == rule.code:
                yield rule.from_problem(problem)
