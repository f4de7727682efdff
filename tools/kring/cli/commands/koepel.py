"""`kring koepel check` and `kring koepel report`: many networks side by side (SPEC §10)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from kring.cli.help import HelpGroup
from kring.cli.main import UsageProblem, common, findings_options, group_lang

F = TypeVar("F", bound=Callable[..., Any])


def koepel_common(func: F) -> F:
    """--repo (a koepel repository here), --today and --lang, as every command takes them."""
    func = common(func)
    for param in getattr(func, "__click_params__", []):
        if param.name == "repo":
            param.help = (
                "The koepel repository (default: here, or the nearest folder above with a "
                "koepel.yaml)."
            )
    return func


@click.group(
    cls=HelpGroup,
    epilog="""\b
Examples:
  kring koepel check                  read koepel.yaml and every network's export
  kring koepel check --format json    the findings for programs
  kring koepel report                 write README.md and networks/<id>.md
  kring koepel report --check         exit 1 when a page is out of date; write nothing

\b
A koepel repository holds koepel.yaml: its name and its networks, each with where its
published facts are (path: a network repository on disk; or git: with ref:, read from git
objects without a checkout). See docs/koepel.md.
""",
)
def koepel() -> None:
    """Check and compare the networks of a koepel, from the facts each network publishes."""


@dataclass(frozen=True, slots=True)
class _Run:
    root: Path
    today: Any  # datetime.date
    federation: Any  # kring.core.koepel_model.Federation
    findings: tuple[Any, ...]  # kring.core.findings.Finding
    seconds: float


def _run(repo: Path | None, today: str | None, lang: str | None) -> _Run:
    """Read koepel.yaml and every export, and run the koepel's checks."""
    import time

    from kring.checks import koepel_runner
    from kring.checks.context import Context
    from kring.core import i18n
    from kring.core.timeline import TodayError, today_from
    from kring.load import koepel_sources

    started = time.perf_counter()
    lang = group_lang(lang)
    i18n.set_language(i18n.language_from(lang, None))
    try:
        root = koepel_sources.find_root(repo)
        day = today_from(today)
        koepel_ = koepel_sources.load(root)
    except (koepel_sources.KoepelError, TodayError) as exc:
        raise UsageProblem(str(exc)) from None
    i18n.set_language(i18n.language_from(lang, koepel_.lang))
    federation = koepel_sources.read(root, koepel_)
    findings = tuple(koepel_runner.run(federation, Context(day)))
    return _Run(root, day, federation, findings, time.perf_counter() - started)


@koepel.command(
    epilog="""\b
Examples:
  kring koepel check
  kring koepel check --today 2027-03-01 --fail-on warning
  kring koepel check --repo ../koepel-oost --format github

\b
One network that cannot be read is a finding for that network (KR601-KR603); every other
network is still checked. Exit 0 when no finding reaches --fail-on, 1 when one does, 2 when
there is no koepel.yaml or an option is wrong.
"""
)
@findings_options
@koepel_common
def check(fmt: str, fail_on: str, repo: Path | None, today: str | None, lang: str | None) -> None:
    """Validate koepel.yaml and every network's export: missing, malformed, stale or newer
    exports, and the networks' health as the koepel sees it."""
    import os

    from kring.core.findings import Severity
    from kring.reporters import Report, reporter

    run = _run(repo, today, lang)
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    files = 1 + len(run.federation.published)  # koepel.yaml and each network's export
    click.echo(reporter(fmt)(Report(run.findings, files, run.seconds)), nl=False)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failed = threshold is not None and any(f.severity >= threshold for f in run.findings)
    sys.exit(1 if failed else 0)


@koepel.command(
    epilog="""\b
Examples:
  kring koepel report
  kring koepel report --today 2027-03-01
  kring koepel report --check

\b
The pages are generated (their first line says so); an existing file at a page's path is
replaced only if kring koepel report wrote it. The same koepel.yaml, exports and --today
always give the same bytes.
"""
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when a page would be created or changed.",
)
@koepel_common
def report(check_only: bool, repo: Path | None, today: str | None, lang: str | None) -> None:
    """Write the koepel's pages: README.md with the networks side by side, and
    networks/<id>.md for each network."""
    from kring.cli.generated_files import write_planned
    from kring.core.i18n import T
    from kring.core.layout import KOEPEL_MARKER
    from kring.load.repo import read_file
    from kring.views import koepel_pages, page_plan

    run = _run(repo, today, lang)
    root = run.root
    pages = koepel_pages.pages(run.federation, run.findings, run.today)
    plan = page_plan.plan(root, pages, marker=KOEPEL_MARKER)
    if plan.refused:
        raise UsageProblem(
            str(
                T(
                    "{paths}: not a page generated by kring koepel report, so it is left alone; "
                    "move its content elsewhere (a generated page starts with '{marker}')",
                    paths=", ".join(plan.refused),
                    marker=KOEPEL_MARKER,
                )
            )
        )
    stale = sum(write_planned(root, write, check_only=check_only) for write in plan.writes)
    unread = sum(1 for p in run.federation.published if p.facts is None)
    if unread:
        click.echo(
            str(
                T(
                    "note: {n} network(s) could not be read; the pages say so, and kring koepel "
                    "check says why",
                    n=unread,
                )
            ),
            err=True,
        )
    listed = {f"networks/{p.network.id}.md" for p in run.federation.published}
    for path in sorted((root / "networks").glob("*.md")):
        rel = f"networks/{path.name}"
        if rel in listed:
            continue
        try:
            head = read_file(path, len(KOEPEL_MARKER))  # never a link or a pipe
        except OSError:
            continue
        if head.startswith(KOEPEL_MARKER.encode()):
            click.echo(
                str(
                    T(
                        "note: {path} is the page of a network no longer in koepel.yaml; delete it",
                        path=rel,
                    )
                )
            )
    if check_only and stale:
        click.echo(
            str(T("{n} page(s) out of date: run kring koepel report", n=stale)),
            err=True,
        )
        sys.exit(1)
