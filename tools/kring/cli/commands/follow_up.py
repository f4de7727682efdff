"""`kring follow-up`: record a case's follow-up, changing nothing else in the file."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import common, settings
from kring.cli.refusals import refusals
from kring.core.printable import escaped


@click.command(
    epilog="""\b
Examples:
  kring follow-up statushouder-gezinshereniging-school --at 2026-11-12-achterhoek \\
      --done "Held the round-table conversation with school and family" \\
      --result "The school's mentor keeps the overview" --lessons "Invite the interpreter early"

\b
Adds a follow_up block after the case's intention and sets status: followed-up; nothing
else in the file changes. The meeting must be of the case's group, after the presentation,
and list the owner among its attendees. Exit 0 when recorded, 1 when the case already has a
follow-up or the result would not pass kring check, 2 for an unknown case or meeting.
"""
)
@click.argument("case", metavar="CASE")
@click.option("--at", "at", required=True, metavar="MEETING", help="Where the owner reported.")
@click.option("--done", required=True, metavar="TEXT", help="What the owner did.")
@click.option("--result", required=True, metavar="TEXT", help="What came of it.")
@click.option("--lessons", metavar="TEXT", help="What the owner and the group learned.")
@common
def follow_up(
    case: str,
    at: str,
    done: str,
    result: str,
    lessons: str | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Record the follow-up of CASE, reported at the meeting MEETING."""
    from kring.checks.context import Context
    from kring.core.i18n import T
    from kring.edit import recording

    s = settings(repo, today, lang)
    with refusals():
        recorded = recording.follow_up(
            s.root,
            Context(s.today, s.config),
            case,
            at=at,
            done=done,
            result=result,
            lessons=lessons,
        )
    click.echo(
        escaped(
            T(
                "{path}: follow-up of {case} reported at {at}",
                path=recorded.path,
                case=recorded.case,
                at=recorded.at,
            ).render()
        )
    )
