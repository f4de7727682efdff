"""One run of the checks: every enabled check over the model, then the after-passes."""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kring.checks import invalid_suppression, too_many_findings, unused_suppression
from kring.checks.context import Context
from kring.checks.registry import CHECKS
from kring.core.codes import Code, code_of
from kring.core.config import Config
from kring.core.findings import Finding, Severity, Source, Suppression
from kring.core.i18n import T
from kring.core.model import Model
from kring.load.pipeline import (
    Baseline,
    Start,
    blobs_of,
    load,
    load_baseline,
    load_cached,
    no_cycle_collection,
    reusable,
)
from kring.load.repo import git_keys


@dataclass(frozen=True, slots=True)
class Result:
    model: Model
    findings: tuple[Finding, ...]
    files_checked: int
    seconds: float
    baseline: Baseline | None = None  # with check(base=...)


def run(model: Model, ctx: Context) -> list[Finding]:
    """Every enabled check over the model, then the after-passes: suppressions applied
    (KR901, KR902), severities adjusted, sorted (SPEC §6), at most MAX_PER_FILE findings per
    file (KR903)."""
    config = ctx.config
    out: list[Finding] = []
    for module in CHECKS:
        code = module.RULE.code
        if code not in AFTER_PASSES and config.enabled(code):
            out.extend(module.check(model, ctx))
    # After every check, so a comment also suppresses cross-file findings (SPEC §5).
    out = _apply_suppressions(out, model, ctx)
    out = [_override(finding, config) for finding in out]
    out.sort(key=Finding.sort_key)
    if not config.enabled(too_many_findings.RULE.code):
        return out  # `--ignore KR903`: every finding, none summarised
    return _cap(out)


# The rules that are steps of the runner rather than checks of the model: their modules hold
# the documentation only.
AFTER_PASSES = frozenset({Code.UNUSED_SUPPRESSION, Code.TOO_MANY_FINDINGS})

# Findings about suppressions themselves: a comment must not silence its own diagnosis.
_NOT_SUPPRESSIBLE = frozenset({Code.UNUSED_SUPPRESSION, Code.INVALID_SUPPRESSION})


def _apply_suppressions(findings: list[Finding], model: Model, ctx: Context) -> list[Finding]:
    """`findings` without the suppressed ones, plus KR901 for a suppression that covered
    nothing and KR902 for one naming a code kring does not have (checks/unused_suppression.py
    and invalid_suppression.py explain them).

    With a base revision, a comment the change itself adds does not hide an error: otherwise
    a pull request could suppress its own error and pass its own gate (SPEC §8)."""
    config = ctx.config
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
    added = _added_suppressions(model, ctx)
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
            if code_of(code) is None:
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
                and config.enabled(unused_suppression.RULE.code)
            ):
                kept.append(
                    unused_suppression.RULE.at(
                        where,
                        T("the suppression of {code} suppressed nothing", code=code),
                        T("remove {code} from the comment, or the whole comment", code=code),
                    )
                )
    return kept


def _added_suppressions(model: Model, ctx: Context) -> frozenset[tuple[str, int, int]]:
    """(path, line, column) of the comments the change adds, when there is a base."""
    if ctx.base is None:
        return frozenset()
    from kring.core.diff import added_suppressions

    return frozenset((a.path, a.line, a.column) for a in added_suppressions(ctx.base, model))


MAX_PER_FILE = 50


def _cap(findings: list[Finding], limit: int = MAX_PER_FILE) -> list[Finding]:
    """At most `limit` findings per path (input sorted), then one closing finding whose
    severity is the worst it stands for (checks/too_many_findings.py explains it)."""
    rule = too_many_findings.RULE
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
                    rule.code,
                    rule.name,
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


def _override(finding: Finding, config: Config) -> Finding:
    severity = config.severity.get(finding.code)
    if severity is None or severity == finding.severity:
        return finding
    return dataclasses.replace(finding, severity=severity)


def only_paths(findings: Iterable[Finding], paths: Iterable[str]) -> list[Finding]:
    """Findings in the given files or folders (repository-relative)."""
    wanted = [p.rstrip("/") for p in paths]
    return [
        f
        for f in findings
        if any(f.source.path == p or f.source.path.startswith(p + "/") for p in wanted)
    ]


def check(
    root: Path, ctx: Context, *, use_cache: bool = False, base: Start | None = None
) -> Result:
    """Load the work tree and run every check. With `base` (start(root, ref, None)), the
    network at the change's start is loaded too, after the work tree and from it where the
    files are the same, and becomes ctx.base (Result.baseline)."""
    started = time.perf_counter()
    with no_cycle_collection():
        if use_cache:
            model, keys = load_cached(root, ctx.config)
        else:
            model = load(root, ctx.config)
            keys = git_keys(root) if base is not None else {}
        baseline = None
        if base is not None:
            baseline = load_baseline(base, ctx.config, reusable(model, blobs_of(keys)))
            ctx = dataclasses.replace(ctx, base=baseline.model)
        findings = run(model, ctx)
    seconds = time.perf_counter() - started
    return Result(model, tuple(findings), len(model.files), seconds, baseline)
