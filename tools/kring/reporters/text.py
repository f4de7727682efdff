"""Plain text for a terminal (SPEC §6): one line a finding with a hint below, then a count."""

from __future__ import annotations

from kring.core.findings import Finding
from kring.core.i18n import T
from kring.reporters import Report, closing_line

# Data can hold any character: a line break in a message or a file name must not start a
# new output line (under GitHub Actions a line "::error::…" on stdout is a command).
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c != 0x09}
_CONTROLS.update({0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def _one_line(text: str) -> str:
    return text.translate(_CONTROLS)


def finding_lines(finding: Finding) -> list[str]:
    """A finding as text: `path:line:col: CODE [severity] message`, and its hint below, in
    the reader's language. Every command that prints a finding on a terminal uses this."""
    s = finding.source
    lines = [
        f"{_one_line(s.path)}:{s.line}:{s.column}: {finding.code} "
        f"[{finding.severity.word}] {_one_line(finding.message.render())}"
    ]
    if finding.hint is not None:
        lines.append(f"    {T('hint').render()}: {_one_line(finding.hint.render())}")
    return lines


def render(report: Report) -> str:
    lines = [line for finding in report.findings for line in finding_lines(finding)]
    lines.append(closing_line(report))
    return "\n".join(lines) + "\n"
