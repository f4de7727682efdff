"""Reporters in a registry: each renders the same findings (Finding.to_dict) for a reader.

`kring check --format` offers exactly the keys of REPORTERS. A reporter is a function
`render(report) -> str`; it never decides what is found, only how it reads.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from kring.findings import Finding


@dataclass(frozen=True, slots=True)
class Report:
    """What a reporter gets: the findings of one run and its counts."""

    findings: tuple[Finding, ...]
    files_checked: int
    seconds: float


Render = Callable[[Report], str]

# name -> module under kring.reporters; imported only when used (start-up stays fast)
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_reporter",
}


def reporter(name: str) -> Render:
    module = importlib.import_module(f"kring.reporters.{REPORTERS[name]}")
    render: Render = module.render
    return render


def counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        out[finding.severity.label] += 1
    return out
