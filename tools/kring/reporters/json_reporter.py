"""JSON for programs (SPEC §6). The shape is stable and documented in the README:

{"version": 1,
 "findings": [{"code", "name", "severity", "message", "hint", "path", "line", "column",
               "end_line", "end_column"}, ...],
 "summary": {"files": int, "errors": int, "warnings": int, "info": int, "seconds": float}}
"""

from __future__ import annotations

from kring.core.printable import dumps
from kring.core.tally import counts
from kring.reporters import Report


def render(report: Report) -> str:
    n = counts(report.findings)
    data = {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings],
        "summary": {
            "files": report.files_checked,
            "errors": n["error"],
            "warnings": n["warning"],
            "info": n["info"],
            "seconds": round(report.seconds, 3),
        },
    }
    return dumps(data)
