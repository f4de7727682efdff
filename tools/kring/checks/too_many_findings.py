"""More findings in one file than are shown: the rest are counted in one closing finding.

What it does: shows at most 50 findings per file (in path, line, column order) and then one
finding that says how many more there are and how bad the worst of them is. Its severity is
that of the worst finding it stands for, so a run never passes because of what is hidden.

Why is this bad: a file with hundreds of findings is usually one mistake repeated (a broken
indentation, a pasted list); the first findings point at it, and a pull-request comment or a
terminal drowned in the rest helps nobody. It also keeps the output of a hostile file bounded.

Example: a meeting with 300 attendees that are not members gives 50 findings of KR201 and
"and 250 more findings in this file".

Use instead: fix the findings shown and run `kring check` again.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.findings import Finding, Rule, Severity
from kring.core.model import Model

RULE = Rule("KR903", "too-many-findings", Severity.WARNING, __doc__ or "")
MAX_PER_FILE = 50


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # Not a check of the network but of the other checks' output: engine.run applies cap().
    return iter(())


def cap(findings: list[Finding], limit: int = MAX_PER_FILE) -> list[Finding]:
    """At most `limit` findings per path (input sorted), then one closing finding."""
    from kring.core.i18n import T

    out: list[Finding] = []
    hidden: list[Finding] = []
    shown = 0
    path: str | None = None

    def close() -> None:
        if hidden:
            worst = max(f.severity for f in hidden)
            first = hidden[0]
            out.append(
                Finding(
                    RULE.code,
                    RULE.name,
                    worst,
                    first.source,
                    T(
                        "and {count} more findings in this file, the worst of them {severity}",
                        count=len(hidden),
                        severity=worst.word,
                    ),
                    T("fix the findings shown above and run kring check again"),
                )
            )
            hidden.clear()

    for finding in findings:
        if finding.source.path != path:
            close()
            path, shown = finding.source.path, 0
        if shown < limit:
            out.append(finding)
            shown += 1
        else:
            hidden.append(finding)
    close()
    return out
