"""One run of the checks: every enabled check over the model, then the after-passes."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kring.checks import too_many_findings, unused_suppression
from kring.checks.context import Context
from kring.checks.registry import CHECKS
from kring.core.config import Config
from kring.core.findings import Finding
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
    """Every enabled check over the model, suppressions applied, severities adjusted,
    sorted (SPEC §6), at most MAX_PER_FILE findings per file."""
    config = ctx.config
    out: list[Finding] = []
    for check in CHECKS:
        if config.enabled(check.RULE.code):
            out.extend(check.check(model, ctx))
    # After every check, so a comment also suppresses cross-file findings (SPEC §5).
    out = unused_suppression.apply(out, model, ctx)
    out = [_override(finding, config) for finding in out]
    out.sort(key=Finding.sort_key)
    return too_many_findings.cap(out)


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
