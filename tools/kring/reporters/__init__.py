"""Reporters in a registry: each renders the same findings (Finding.to_dict) for a reader.

`kring check --format` offers exactly the keys of REPORTERS. A reporter is a function
`render(report) -> str`; it never decides what is found, only how it reads.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.phrases import seconds
from kring.core.tally import tally

if TYPE_CHECKING:
    from kring.views.change_summary import Summary


@dataclass(frozen=True, slots=True)
class Report:
    """What a reporter gets: the findings of one run and its counts, and with a base
    revision (`--changed-since`) the summary of the change, which the markdown comment shows."""

    findings: tuple[Finding, ...]
    files_checked: int
    seconds: float
    summary: Summary | None = None
    # files of confidential cases: the markdown comment shows their findings without the
    # message, which may quote the case's own text (SPEC §7)
    private: frozenset[str] = frozenset()


Render = Callable[[Report], str]

# name -> module under kring.reporters; imported only when used (start-up stays fast)
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_reporter",
    "github": "github",
    "sarif": "sarif",
    "markdown": "markdown",
}


def reporter(name: str) -> Render:
    module = importlib.import_module(f"kring.reporters.{REPORTERS[name]}")
    render: Render = module.render
    return render


def closing_line(report: Report) -> str:
    """The count every format closes with: files checked, findings by severity, seconds."""
    files = report.files_checked
    return T(
        "{files} checked: {tally} in {seconds}",
        files=T("1 file") if files == 1 else T("{n} files", n=files),
        tally=tally(report.findings),
        seconds=seconds(report.seconds),
    ).render()
