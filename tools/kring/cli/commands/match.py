"""`kring match`: who could help whom, from members' gives and wants."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, list_format, settings


@click.command(
    epilog="""\b
Examples:
  kring match                              the best 50 pairs, best first
  kring match --member noor-wiggers        the pairs one member is in
  kring match --format markdown            a table for an e-mail or an issue
  kring match --format json                for programs
  kring match --most 0                     every pair, however many
"""
)
@click.option("--member", metavar="MEMBER", help="Only the pairs this member is in.")
@click.option(
    "--most",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    metavar="N",
    help="Show the best N pairs; 0 shows them all.",
)
@list_format
@common
def match(
    member: str | None,
    most: int,
    fmt: str,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Pair what members give with what other members want, across organisations and
    groups: best overlap first, and people who have not met at a meeting before those who
    have. A member is never paired with themselves, a colleague of their own organisation,
    or someone who left.
    """
    from kring.core.i18n import T
    from kring.core.suggest import suffix
    from kring.load import pipeline
    from kring.views import matchmaking

    s = settings(repo, today, lang)
    model = pipeline.load_cached(s.root, s.config)[0]
    if member is not None and member not in model.members:
        mean = suffix(member, sorted(model.members))
        raise UsageProblem(str(T("--member: no member '{value}'{mean}", value=member, mean=mean)))
    # a large network with much in common has pairs by the hundred thousand: the best first,
    # and how many there are in all
    counted: list[int] = []
    found = matchmaking.pairs(model, s.today, member, best_of=most or None, counted=counted)
    total = counted[0] if counted else None
    click.echo(matchmaking.render(fmt, model, found, s.today, member, total), nl=False)
