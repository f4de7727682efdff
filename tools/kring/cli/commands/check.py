"""`kring check`: every check over the network, findings in the chosen format."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kring.cli.main import (
    UsageProblem,
    common,
    config_option,
    findings_options,
    settings,
    written_export,
    written_pages,
)
from kring.core.i18n import T, _


def _codes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    from kring.core.config import ConfigError, codes

    try:
        return codes([v for value in values for v in value.split(",") if v.strip()], option)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


@click.command(
    epilog="""\b
Examples:
  kring check                         check the whole network
  kring check --today 2026-11-25      replay a run as of that date
  kring check --format json           machine-readable findings
  kring check --select KR2 --ignore KR205
  kring check network/meetings/2026   report only findings in these files
  kring check --changed-since main    only the files changed since main, plus KR304
  kring check --format github         annotations for GitHub Actions
  kring check --config base/pyproject.toml --changed-since main
                                      judge by another checkout's [tool.kring] (the bot)
  kring check --no-cache              parse every file afresh (e.g. to time a cold run)

\b
Files whose content is unchanged since the last run are not parsed again: their parsed
form and file-local findings are kept in .git/kring/cache (outside git: the user's cache
folder). Checks across files always run again.
"""
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@findings_options
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these codes or prefixes.")
@click.option(
    "--changed-since",
    metavar="REF",
    default=None,
    help="Report only findings in files changed since the merge base with REF (everything is "
    "still loaded), and open commitments deleted since then (KR304).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file afresh: neither read nor write the cache in .git/kring/.",
)
@config_option
@common
def check(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    changed_since: str | None,
    no_cache: bool,
    config_file: Path | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Load the network, run every check and print the findings.

    Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 for a usage or
    configuration error.
    """
    import dataclasses

    from kring.checks import runner
    from kring.checks.context import Context
    from kring.core.findings import Severity
    from kring.load import pipeline
    from kring.reporters import REPORTERS, Report, reporter

    s = settings(repo, today, lang, config_file)
    config = s.config
    if select or ignore:
        config = dataclasses.replace(
            config,
            select=_codes(select, "--select") or config.select,
            ignore=(*config.ignore, *_codes(ignore, "--ignore")),
        )
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in REPORTERS:
        raise UsageProblem(
            _("--format {format} is not available in this version of kring").format(format=fmt)
        )
    wanted = [_relative(s.root, p) for p in paths]
    if "." in wanted:  # the repository itself: every file
        wanted, paths = [], ()
    base = None
    if changed_since is not None:
        from kring.load.repo import RepositoryError

        try:  # a ref that is not there is a usage error before anything is loaded
            base = pipeline.start(s.root, changed_since, None)
        except RepositoryError as exc:
            raise UsageProblem(str(exc)) from None
    ctx = Context(s.today, config, pages=written_pages, export=written_export(s.config))
    result = runner.check(s.root, ctx, use_cache=not no_cache, base=base)
    baseline = result.baseline
    files_checked = result.files_checked
    if wanted:
        files_checked = _matched(wanted, paths, [f.path for f in result.model.files])
    findings = tuple(runner.only_paths(result.findings, wanted)) if wanted else result.findings
    summary = None
    if baseline is not None:
        from kring.load.repo import changed_rules
        from kring.views.change_summary import summarise

        findings = tuple(runner.only_paths(findings, baseline.changed))
        summary = summarise(
            baseline.ref,
            baseline.sha,
            None,
            baseline.model,
            result.model,
            baseline.changed,
            findings,
            changed_rules(s.root, baseline.sha, None),
        )
    report = Report(findings, files_checked, result.seconds, summary)
    click.echo(reporter(fmt)(report), nl=False)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failed = threshold is not None and any(f.severity >= threshold for f in findings)
    # Leave through SystemExit, also when nothing failed: its traceback keeps this frame,
    # and so the loaded network, alive until cli.main ends the process with os._exit,
    # instead of freeing millions of objects one by one on the way out.
    sys.exit(1 if failed else 0)


def _matched(wanted: list[str], given: tuple[Path, ...], files: list[str]) -> int:
    """How many of the network's files the PATH arguments name; exit 2 for a PATH that
    names none, with the closest file or folder (a typo must not pass as "0 errors")."""
    from kring.core.suggest import suffix

    def named(path: str, prefix: str) -> bool:
        return not prefix or path == prefix or path.startswith(prefix + "/")

    for rel, path in zip(wanted, given, strict=True):
        prefix = rel.rstrip("/")
        if not any(named(f, prefix) for f in files):
            folders = {f.rsplit("/", 1)[0] for f in files}
            raise UsageProblem(
                str(
                    T(
                        "{path}: no file of the network is there{mean}",
                        path=path,
                        mean=suffix(prefix, sorted({*files, *folders})),
                    )
                )
            )
    return sum(1 for f in files if any(named(f, rel.rstrip("/")) for rel in wanted))


def _relative(root: Path, path: Path) -> str:
    full = (Path.cwd() / path).resolve() if not path.is_absolute() else path.resolve()
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        raise UsageProblem(
            _("{path} is outside the repository {root}").format(path=path, root=root)
        ) from None
