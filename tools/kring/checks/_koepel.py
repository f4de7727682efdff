"""What the koepel checks (KR6xx) share: the problems found while reading, surfaced under
their rule, and where a finding about one network points (its entry in koepel.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from kring.core.codes import Rule
from kring.core.findings import Finding, Source
from kring.core.koepel_model import Federation, Published


def surface(rule: Rule, federation: Federation) -> Iterator[Finding]:
    for published in federation.published:
        for problem in published.problems:
            if problem.code == rule.code:
                yield rule.from_problem(problem)


def at_network(published: Published) -> Source:
    """A finding about a network's facts points at the network's id in koepel.yaml."""
    return published.network.loc.at("id")
