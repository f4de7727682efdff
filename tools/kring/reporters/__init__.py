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
from kring.core.i18n import T, Text

if TYPE_CHECKING:
    from kring.core.model import Model
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


def confidential_paths(model: Model) -> frozenset[str]:
    """The files of confidential cases, whose findings are shown without their message.

    Here rather than in kring.views.change_summary, which `kring check` would otherwise
    import (with json and the entity diff) on every run only for this.
    """
    return frozenset(c.loc.path for c in model.cases.values() if c.confidential)


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
        "{files} checked: {tally} in {seconds:.2f}s",
        files=T("1 file") if files == 1 else T("{n} files", n=files),
        tally=tally(report.findings),
        seconds=report.seconds,
    ).render()


def tally(findings: tuple[Finding, ...]) -> Text:
    """'2 errors, 1 warning, 0 info': each count with its noun in the right number.

    English and Dutch both use the singular for exactly one and the plural otherwise, so
    the choice is made here; a language with other plural rules would need ngettext.
    """
    return tally_of(counts(findings))


def tally_of(n: dict[str, int]) -> Text:
    """tally() from counts by severity label (the JSON form's findings)."""
    errors, warnings = n["error"], n["warning"]
    return T(
        "{errors}, {warnings}, {info}",
        errors=T("1 error") if errors == 1 else T("{n} errors", n=errors),
        warnings=T("1 warning") if warnings == 1 else T("{n} warnings", n=warnings),
        info=T("{n} info", n=n["info"]),
    )


def counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        out[finding.severity.label] += 1
    return out
