"""GitHub Actions workflow commands: one annotation per finding, grouped by file (SPEC §6).

    ::error file=network/x.yaml,line=2,col=15,endLine=2,endColumn=25,title=KR201 unknown-ref…::…

Escaping follows the runner's own rules (actions/toolkit, `command.ts`): in the message `%`,
CR and LF become %25, %0D and %0A; in properties `:` and `,` too. So no text from the data
— a file name or a value with a line break followed by `::error::` — can end the command
and start another: every line this reporter writes begins with a command it chose.
"""

from __future__ import annotations

from itertools import groupby

from kring.core.findings import Finding, Severity
from kring.core.i18n import T
from kring.core.printable import escaped
from kring.reporters import Report, closing_line

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    # Other control characters (an ANSI escape, which the log renders) are shown escaped.
    text = escaped(value, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    d = finding.to_dict()
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", d["path"]),
            ("line", d["line"]),
            ("col", d["column"]),
            ("endLine", d["end_line"]),
            ("endColumn", d["end_column"]),
            ("title", f"{finding.code} {finding.name}"),
        )
    )
    hint = T("hint").render()  # in the reader's language, as the text format says it
    message = d["message"] if d["hint"] is None else f"{d['message']}\n{hint}: {d['hint']}"
    return f"::{_LEVEL[finding.severity]} {properties}::{escape_data(message)}"


def render(report: Report) -> str:
    lines: list[str] = []
    for path, findings in groupby(report.findings, key=lambda f: f.source.path):
        lines.append(f"::group::{escape_data(path)}")
        lines.extend(annotation(f) for f in findings)
        lines.append("::endgroup::")
    lines.append(closing_line(report))
    return "\n".join(lines) + "\n"
