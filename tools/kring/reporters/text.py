"""Plain text for a terminal (SPEC §6): one line a finding with a hint below, then a count."""

from __future__ import annotations

from kring.findings import Severity
from kring.i18n import T, Text
from kring.reporters import Report, counts

# the labels a reader sees; json, sarif and --fail-on keep the English keywords
LABELS: dict[Severity, Text] = {
    Severity.ERROR: T("error"),
    Severity.WARNING: T("warning"),
    Severity.INFO: T("info"),
}


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        s = finding.source
        lines.append(
            f"{s.path}:{s.line}:{s.column}: {finding.code} [{LABELS[finding.severity]}] "
            f"{finding.message.render()}"
        )
        if finding.hint is not None:
            lines.append(f"    {T('hint').render()}: {finding.hint.render()}")
    n = counts(report.findings)
    lines.append(
        T(
            "{files} files checked: {errors} errors, {warnings} warnings, {info} info "
            "in {seconds:.2f}s",
            files=report.files_checked,
            errors=n["error"],
            warnings=n["warning"],
            info=n["info"],
            seconds=report.seconds,
        ).render()
    )
    return "\n".join(lines) + "\n"
