"""A suppression comment that suppressed nothing.

What it does: after every other check has run, matches each suppression comment
(`# kring: ignore[KR404]`, `<!-- kring: ignore[KR501] -->`, and the file-level
`ignore-file[...]` forms) against the findings, drops the findings it covers, and reports
each named code that covered no finding. A code whose check is switched off in this run
(`--select`, `--ignore`, `[tool.kring]`) is not reported. These findings cannot themselves
be suppressed by a comment; `--ignore KR901` switches them off.

With a base revision (`--changed-since`, `kring summary`, the pull-request bot), a comment
that the change itself adds does not hide an error: a pull request never judges itself
(SPEC §8). The comment is listed at the top of the summary, and once a maintainer has merged
it, it suppresses like any other.

Why is this bad: a suppression outlives its reason. Once the finding is fixed, a stale
comment would silently hide the next real finding of that kind on the same line.

Example:

    attendees: [anna-de-vries, bram-wouters]  # kring: ignore[KR404]

Use instead (the meeting is no longer too large):

    attendees: [anna-de-vries, bram-wouters]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.findings import Finding, Rule, Severity, Source
from kring.core.i18n import T
from kring.core.model import Model
from kring.load.suppression import Suppression

RULE = Rule("KR901", "unused-suppression", Severity.WARNING, __doc__ or "")
# Findings about suppressions themselves: a comment must not silence its own diagnosis.
_NOT_SUPPRESSIBLE = frozenset({"KR901", "KR902"})


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # Suppressions are matched against the other checks' findings: engine.run calls apply().
    return iter(())


def apply(findings: list[Finding], model: Model, ctx: Context) -> list[Finding]:
    """`findings` without the suppressed ones, plus KR901/KR902 for suppressions gone wrong."""
    from kring.checks import invalid_suppression
    from kring.checks.registry import rule

    # (path, covered line or None for the file, code) -> the suppressions that say so
    index: dict[tuple[str, int | None, str], list[Suppression]] = defaultdict(list)
    for loaded in model.files:
        for s in loaded.suppressions:
            for code in s.codes:
                index[(loaded.path, s.target, code)].append(s)
    if not index:
        return findings
    used: set[tuple[str, int, int, str]] = set()
    kept: list[Finding] = []
    config = ctx.config
    added = _added(model, ctx)
    for finding in findings:
        path, code = finding.source.path, finding.code
        if code in _NOT_SUPPRESSIBLE:
            kept.append(finding)
            continue
        covering = index.get((path, finding.source.line, code), []) + index.get(
            (path, None, code), []
        )
        for s in covering:
            used.add((path, s.line, s.column, code))
        if not covering:
            kept.append(finding)
        elif all((path, s.line, s.column) in added for s in covering) and (
            config.severity.get(code, finding.severity) >= Severity.ERROR
        ):
            kept.append(finding)  # the change's own comment cannot pass its own gate
    for (path, _, code), suppressions in sorted(index.items(), key=str):
        for s in suppressions:
            where = Source(path, s.line, s.column)
            if rule(code) is None:
                if config.enabled(invalid_suppression.RULE.code):
                    kept.append(
                        invalid_suppression.RULE.at(
                            where,
                            T("'{code}' is not a kring code: this suppresses nothing", code=code),
                            T("run 'kring rules' for the codes; fix or remove the comment"),
                        )
                    )
            elif (
                (path, s.line, s.column, code) not in used
                and config.enabled(code)
                and config.enabled(RULE.code)
            ):
                kept.append(
                    RULE.at(
                        where,
                        T("the suppression of {code} suppressed nothing", code=code),
                        T("remove {code} from the comment, or the whole comment", code=code),
                    )
                )
    return kept


def _added(model: Model, ctx: Context) -> frozenset[tuple[str, int, int]]:
    """(path, line, column) of the comments the change adds, when there is a base."""
    if ctx.base is None:
        return frozenset()
    from kring.core.diff import added_suppressions

    return frozenset((a.path, a.line, a.column) for a in added_suppressions(ctx.base, model))
