"""`kring history ID`: the commits that touched one entity's file, newest first."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli import UsageProblem, common, settings
from kring.layout import KINDS


@click.command(
    epilog="""\b
Examples:
  kring history anna-de-vries                 a member
  kring history 2026-10-08-achterhoek         a meeting
  kring history zorgmijder-na-ontslag-ggz     a case, with its timeline
  kring history network --format markdown     the network file, as Markdown
"""
)
@click.argument("ident", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default=None,
    help="The kind of entity, when the id names two.",
)
@common
def history(
    ident: str,
    fmt: str,
    kind: str | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Show the git history of a member, region, theme, meeting, case or the network.

    Commits that touched the entity's file (following renames), newest first, with date,
    author and subject; for a case also its timeline: presented, follow-up due, followed up.
    A subject that may name a confidential case is hidden.
    """
    from kring import engine
    from kring import history as log

    s = settings(repo, today, lang)
    model = engine.load_cached(s.root, s.config)[0]
    try:
        found = log.history(s.root, model, ident.strip(), s.today, kind)
    except log.HistoryError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(log.RENDERERS[fmt](found), nl=False)
