"""One run of the koepel's checks (SPEC §10): koepel.yaml's own problems, then every KR6xx
check over the networks' published facts, sorted as every finding is (SPEC §6).

koepel.yaml's own problems (YAML syntax, its schema, a network listed twice) are surfaced
under the rule of their code, as `kring check` surfaces a data file's. The configuration of a
network repository (`[tool.kring]`) does not apply here; a koepel has its policy in
koepel.yaml.
"""

from __future__ import annotations

from kring.checks.context import Context
from kring.checks.registry import KOEPEL_CHECKS, rule
from kring.core.findings import Finding
from kring.core.koepel_model import Federation


def run(federation: Federation, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for problem in federation.koepel.problems:
        own = rule(problem.code)
        if own is not None:
            out.append(own.from_problem(problem))
    for module in KOEPEL_CHECKS:
        out.extend(module.check(federation, ctx))
    out.sort(key=Finding.sort_key)
    return out
