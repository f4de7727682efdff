"""`kring close`: record that an action is done or dropped, changing nothing else."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import common, settings
from kring.cli.refusals import refusals
from kring.core.printable import escaped


@click.command(
    epilog="""\b
Examples:
  kring close 2026-11-12-achterhoek#evaluatie-verslag --done
  kring close 2026-11-12-achterhoek#werkplan-2027 --done --on 2026-11-20 --note "Shared in December"
  kring close 2026-10-15-liemers#a2 --dropped --note "Replaced by the regional plan"
  kring close werkplan-2027 --done                  an action id that one meeting has
  kring close 2026-11-12-achterhoek --done          lists that meeting's open actions

\b
Only the action's status, closed and note values change (or are added as lines after the
action's last key); comments, quoting and blank lines stay as they were. Exit 0 when
recorded, 1 when the action is already closed or the result would not pass kring check,
2 for an unknown meeting or action, or a bad date.
"""
)
@click.argument("action", metavar="MEETING#ACTION|ACTION")
@click.option("--done", "status", flag_value="done", help="The action was carried out.")
@click.option("--dropped", "status", flag_value="dropped", help="The action was abandoned.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="When it was closed (default: today).")
@click.option("--note", metavar="TEXT", help="A note on the outcome, or why it was dropped.")
@common
def close(
    action: str,
    status: str | None,
    on: str | None,
    note: str | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Record that the action MEETING#ACTION is done or dropped. An action id alone will do
    when one meeting in the network has it."""
    from kring.checks.context import Context
    from kring.core.i18n import T, _
    from kring.edit import recording
    from kring.edit.options import date_option

    if status is None:
        raise click.UsageError(_("say --done or --dropped"))
    s = settings(repo, today, lang)
    with refusals():
        day = date_option(on, "--on") if on is not None else None
        done = recording.close(
            s.root, Context(s.today, s.config), action, status=status, on=day, note=note
        )
    click.echo(
        escaped(
            (
                T(
                    "{path}: {ref} done on {on}",
                    path=done.path,
                    ref=done.ref,
                    on=done.on.isoformat(),
                )
                if done.status == "done"
                else T(
                    "{path}: {ref} dropped on {on}",
                    path=done.path,
                    ref=done.ref,
                    on=done.on.isoformat(),
                )
            ).render()
        )
    )
