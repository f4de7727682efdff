"""Plain text for a terminal (SPEC §6): one line a finding with a hint below, then a count."""

from __future__ import annotations

from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.printable import escaped
from kring.reporters import Report, closing_line


def finding_lines(finding: Finding) -> list[str]:
    """A finding as text: `path:line:col: CODE [severity] message`, and its hint below, in
    the reader's language. Every command that prints a finding on a terminal uses this."""
    s = finding.source
    # Data can hold any character: a line break in a message or a file name must not start a
    # new output line (under GitHub Actions a line "::error::…" on stdout is a command).
    lines = [
        f"{escaped(s.path)}:{s.line}:{s.column}: {finding.code} "
        f"[{finding.severity.word}] {escaped(finding.message.render())}"
    ]
    if finding.hint is not None:
        lines.append(f"    {T('hint').render()}: {escaped(finding.hint.render())}")
    return lines


def render(report: Report) -> str:
    lines = [line for finding in report.findings for line in finding_lines(finding)]
    lines.append(closing_line(report))
    return "\n".join(lines) + "\n"
