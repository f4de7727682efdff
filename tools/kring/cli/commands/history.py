"""`kring history ID`: the commits that touched one entity's file, newest first."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, list_format, settings
from kring.core.layout import KINDS


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
@list_format
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
    from kring.load import pipeline
    from kring.views import entity_history

    s = settings(repo, today, lang)
    model = pipeline.load_cached(s.root, s.config)[0]
    try:
        found = entity_history.history(s.root, model, ident.strip(), s.today, kind)
    except entity_history.HistoryError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(entity_history.RENDERERS[fmt](found), nl=False)
