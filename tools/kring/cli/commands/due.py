"""`kring due`: what members owe the network — actions, intentions, attendance."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, list_format, settings


@click.command(
    epilog="""\b
Examples:
  kring due                                 everything open, overdue first
  kring due --today 2026-11-25              as it stood on that date
  kring due --group achterhoek --within 30  overdue, or due in the next 30 days
  kring due --member marieke-jansen
  kring due --format markdown               a table for an issue or an e-mail
  kring due --format json                   for programs (shape in the README)
"""
)
@click.option("--group", metavar="GROUP", help="Only commitments in this region or theme.")
@click.option("--member", metavar="MEMBER", help="Only commitments of this member.")
@click.option(
    "--within",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Only what is overdue or falls due within DAYS days (dated ones only).",
)
@list_format
@common
def due(
    group: str | None,
    member: str | None,
    within: int | None,
    fmt: str,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """List open commitments by due date, overdue first: actions, case intentions and
    attendance commitments, with owner, group and how late.

    A confidential case shows only its id, owner, group, dates and status.
    """
    from kring.core.i18n import T
    from kring.core.suggest import suffix
    from kring.load import pipeline
    from kring.views import due_list

    s = settings(repo, today, lang)
    model = pipeline.load_cached(s.root, s.config)[0]
    if group is not None and group not in model.group_ids():
        mean = suffix(group, sorted(model.group_ids()))
        raise UsageProblem(str(T("--group: no group '{value}'{mean}", value=group, mean=mean)))
    if member is not None and member not in model.members:
        mean = suffix(member, sorted(model.members))
        raise UsageProblem(str(T("--member: no member '{value}'{mean}", value=member, mean=mean)))
    filters = due_list.Filters(group, member, within)
    items = due_list.select(model, s.today, filters)
    click.echo(due_list.render(fmt, items, s.today, filters, model), nl=False)
