"""The pull-request comment (SPEC §6): a hidden marker, a verdict, findings by file, and with
a base revision the summary of the change.

The marker on the first line lets the bot find its own comment and update it in place
instead of adding another. All text from the data is escaped (kring.views.markup): no raw HTML,
no @mention that pings anyone, code spans fenced safely. The body stays under
summary_text.LIMIT characters; what does not fit is named in a closing note.
"""

from __future__ import annotations

from itertools import groupby

from kring.core.i18n import T, _
from kring.core.tally import counts, tally
from kring.reporters import Report, closing_line
from kring.views import markup
from kring.views.summary_text import LIMIT, blocks, cut_note, finding_line

MARKER = "<!-- kring:comment -->"


def verdict(report: Report) -> str:
    n = counts(report.findings)
    if n["error"]:
        sign = "❌"
    elif n["warning"]:
        sign = "⚠️"
    else:
        sign = "✅"
    text = T("kring: {tally}", tally=tally(report.findings)).render()
    return f"## {sign} {text}\n\n"


def render(report: Report, limit: int = LIMIT) -> str:
    parts: list[tuple[str, str]] = [("verdict", verdict(report))]
    label = _("findings")
    if report.findings:
        scope = _("Findings in the changed files") if report.summary is not None else _("Findings")
        parts.append((label, f"### {scope}\n\n"))
    for path, findings in groupby(report.findings, key=lambda f: f.source.path):
        parts.append((label, f"#### {markup.code(path)}\n\n"))
        parts.extend((label, finding_line(f, with_path=False)) for f in findings)
        parts.append((label, "\n"))
    if report.summary is not None:
        parts.extend(blocks(report.summary, findings=False))
    parts.append(("count", f"<sub>{markup.text(closing_line(report))}</sub>\n"))
    text, left = markup.fit(parts, limit - len(MARKER) - 1, cut_note(["x" * 200]))
    return f"{MARKER}\n{text}" + (cut_note(left) if left else "")
