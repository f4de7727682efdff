"""`kring summary`: what a change did to the network, for the pull request (SPEC §4)."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import (
    UsageProblem,
    common,
    config_option,
    settings,
    written_export,
    written_pages,
)


@click.command(
    epilog="""\b
Examples:
  kring summary --base main                      the work tree against main
  kring summary --base origin/main --head HEAD   the last commit against origin/main
  kring summary --base main --format json        for programs
  kring summary --base "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"
  kring summary --base main --config base/pyproject.toml   judged by another [tool.kring]
"""
)
@click.option(
    "--base",
    required=True,
    metavar="REF",
    help="Where the change started; kring compares with the merge base of REF and the head.",
)
@click.option(
    "--head",
    default=None,
    metavar="REF",
    help="The changed revision, read from git objects (default: the work tree).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Markdown for people (the job summary), JSON for programs.",
)
@config_option
@common
def summary(
    base: str,
    head: str | None,
    fmt: str,
    config_file: Path | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Summarise a change: entities added, changed and removed; commitments opened, closed,
    and removed without being closed (KR304); findings in the changed files; the network's
    counts before and after. Confidential cases show only id, owner, group, dates, status.
    At the top: a change to kring's rules (tools/, schemas/, pyproject.toml, .github/,
    .pre-commit-hooks.yaml) and the suppression comments the change adds.

    Exit code 0 (the summary reports, `kring check` decides), 2 for a revision that is not
    there or another usage error.
    """
    from kring.checks import runner
    from kring.checks.context import Context
    from kring.load import pipeline
    from kring.load.repo import RepositoryError, changed_rules
    from kring.views import change_summary, summary_text

    s = settings(repo, today, lang, config_file)
    try:
        begin = pipeline.start(s.root, base, head)
        # The head first: the base then takes every file the change did not touch from it.
        model, files = pipeline.load_head(s.root, head, s.config)
        baseline = pipeline.load_baseline(begin, s.config, files)
        rules = changed_rules(s.root, begin.sha, head)
    except RepositoryError as exc:
        raise UsageProblem(str(exc)) from None
    ctx = Context(s.today, s.config, baseline.model, written_pages, written_export(s.config))
    findings = runner.run(model, ctx)
    result = change_summary.summarise(
        base,
        baseline.sha,
        head,
        baseline.model,
        model,
        baseline.changed,
        tuple(runner.only_paths(findings, baseline.changed)),
        rules,
    )
    render = summary_text.render_json if fmt == "json" else summary_text.render_markdown
    click.echo(render(result), nl=False)
