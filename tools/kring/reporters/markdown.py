"""The pull-request comment (SPEC §6): a hidden marker, a verdict, findings by file, and with
a base revision the summary of the change, under what a reviewer must see first (SPEC §8):
a change to kring's rules, and suppressions the change adds.

The marker on the first line lets the bot find its own comment and update it in place
instead of adding another. All text from the data is escaped (kring.views.markup): no raw HTML,
no @mention that pings anyone, code spans fenced safely. The body stays under
summary_text.LIMIT characters; what does not fit is named in a closing note.

Two ways in, one rendering: `render` for `kring check --format markdown`, and `comment` for
the privileged workflow, which reads the JSON document an unprivileged run left as an artifact
(`kring bot comment`). Both go through `body`, which reads only that JSON form, so what the bot
posts is written by this code, whatever the document says.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from kring.core.i18n import T, _
from kring.core.layout import is_rule_path
from kring.core.tally import tally_of
from kring.reporters import Report, closing_line
from kring.views import markup
from kring.views.change_summary import finding_dict, to_dict
from kring.views.summary_text import (
    LIMIT,
    blocks,
    cut_note,
    finding_line,
    left_out,
    notices,
    severity_counts,
)

MARKER = "<!-- kring:comment -->"

Doc = dict[str, Any]


def verdict(n: dict[str, int]) -> str:
    if n["error"]:
        sign = "❌"
    elif n["warning"]:
        sign = "⚠️"
    else:
        sign = "✅"
    text = T("kring: {tally}", tally=tally_of(n)).render()
    return f"## {sign} {text}\n\n"


def render(report: Report, limit: int = LIMIT) -> str:
    findings = [finding_dict(f, report.private) for f in report.findings]
    summary = to_dict(report.summary) if report.summary is not None else None
    closing = f"<sub>{markup.text(closing_line(report))}</sub>\n"
    return body(findings, summary, closing=closing, limit=limit)


def comment(doc: Doc, rules: Sequence[str] | None = None, limit: int = LIMIT) -> str:
    """The comment for a `kring summary --format json` document that has been validated
    against schemas/summary.schema.json; `rules`: the paths GitHub lists as changed."""
    return body(doc["findings"], doc, rules=rules, limit=limit)


def body(
    findings: Sequence[Doc],
    summary: Doc | None,
    *,
    rules: Sequence[str] | None = None,
    closing: str | None = None,
    limit: int = LIMIT,
) -> str:
    parts: list[tuple[str, str]] = []
    if summary is not None:
        changed = None if rules is None else [p for p in rules if is_rule_path(p)]
        parts.extend(notices(summary, changed))
    parts.append(("verdict", verdict(severity_counts(findings))))
    label = _("findings")
    if findings:
        scope = _("Findings in the changed files") if summary is not None else _("Findings")
        parts.append((label, f"### {scope}\n\n"))
    for path, in_file in groupby(findings, key=lambda f: str(f["path"])):
        parts.append((label, f"#### {markup.code(path)}\n\n"))
        parts.extend((label, finding_line(f, with_path=False)) for f in in_file)
        parts.append((label, "\n"))
    if summary is not None:
        parts.extend(blocks(summary, findings=False))
    if closing is not None:
        parts.append(("count", closing))
    text, left = markup.fit(parts, limit - len(MARKER) - 1, cut_note(["x" * 200]))
    left = [*(left_out(summary) if summary is not None else []), *left]
    return f"{MARKER}\n{text}" + (cut_note(left) if left else "")


def refused(reason: str, rules: Sequence[str] | None = None) -> str:
    """The comment when the check run's findings could not be used: why, in kring's words
    (`reason`), and the notice of a change to kring's rules from GitHub's own list."""
    parts = notices({"rules": [], "suppressions": []}, [p for p in rules or () if is_rule_path(p)])
    title = _("kring could not read the findings of the check run")
    text = T(
        "{reason}. The log of the check run on the Checks tab shows what it found.",
        reason=markup.text(reason),
    ).render()
    return f"{MARKER}\n" + "".join(block for _section, block in parts) + f"## ⚠️ {title}\n\n{text}\n"
