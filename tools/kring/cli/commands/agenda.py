"""`kring agenda GROUP`: the draft of the group's next meeting, printed or written."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, settings
from kring.cli.refusals import refusals
from kring.core.printable import escaped


@click.command(
    epilog="""\b
Examples:
  kring agenda achterhoek                      the draft of Achterhoek's next meeting
  kring agenda liemers --today 2026-11-25      as it stood on that date
  kring agenda achterhoek --date 2027-03-11    the draft for that date
  kring agenda achterhoek --write              create the meeting file (never overwrites)
  kring agenda achterhoek --format email       an invitation to paste into a new message
  kring agenda achterhoek --format json        the draft for programs, with ids

\b
The next meeting is the group's first meeting dated on or after today. Without one, the
draft is for the last meeting plus 12/meetings_per_year months (12/thematic_per_year for a
theme), on the nearest day with the last meeting's weekday.
"""
)
@click.argument("group")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Draft the meeting on this date.")
@click.option(
    "--write",
    is_flag=True,
    help="Create network/meetings/<YYYY>/<date>-<group>.md; refuses if it exists.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text", "email", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: the meeting file; text: a list to read; email: an invitation to send; "
    "json: for programs.",
)
@common
def agenda(
    group: str,
    day: str | None,
    write: bool,
    fmt: str,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Draft the next meeting of GROUP: follow-ups expected and from whom, open actions to
    report on, members inside their attendance commitment, the host by rotation and the
    topic set at the previous meeting; whose turn it is for a case, whom to invite
    personally and why, the round of updates with its open asks, and the evaluation
    questions when an evaluation is due. Printed as the Markdown meeting file it would be.

    A confidential case shows only its id, owner, dates and status.
    """
    from kring.checks.context import Context
    from kring.core import timeline
    from kring.core.i18n import T
    from kring.edit import transaction
    from kring.edit.refused import Refused
    from kring.load import pipeline
    from kring.views import agenda_draft

    s = settings(repo, today, lang)
    date = None
    if day is not None:
        try:
            date = timeline.option_date(day, "--date")
        except timeline.TodayError as exc:
            raise UsageProblem(str(exc)) from None
    model = pipeline.load_cached(s.root, s.config)[0]
    try:
        draft = agenda_draft.draft(model, group, s.today, date)
    except agenda_draft.AgendaError as exc:
        raise UsageProblem(str(exc)) from None
    if write and fmt != "markdown":
        raise UsageProblem(
            str(T("--write writes the meeting file: leave out --format {fmt}", fmt=fmt))
        )
    if fmt != "markdown":
        from kring.views import agenda_email

        render = {
            "email": agenda_email.render_email,
            "text": agenda_email.render_text,
            "json": agenda_email.render_json,
        }[fmt]
        click.echo(render(model, draft, s.today), nl=False)
        return
    text = agenda_draft.render(model, draft, s.today)
    if not write:
        click.echo(text, nl=False)
        return
    if draft.exists:
        raise UsageProblem(
            str(
                T(
                    "{path} already exists; kring never overwrites a meeting file: edit it, "
                    "or draft another date with --date",
                    path=draft.path,
                )
            )
        )
    assert draft.meeting.date is not None
    if timeline.is_past(draft.meeting.date, s.today):
        raise UsageProblem(
            str(
                T(
                    "{date} has passed: a meeting file for it needs its attendees; "
                    "write it by hand or choose a later --date",
                    date=draft.meeting.date,
                )
            )
        )
    # Checked like every write (edit.transaction): in memory, then on disk once written; a
    # draft that would not pass kring check is not written (or is taken back).
    with refusals():
        try:
            transaction.apply(
                s.root, Context(s.today, s.config), model, [transaction.Write(draft.path, text)]
            )
        except Refused as exc:
            if exc.findings:  # the draft would not pass: printed with its findings, exit 1
                raise
            raise UsageProblem(str(exc)) from None  # the path cannot be written: exit 2
    click.echo(escaped(T("Created {path}; check it with 'kring check'.", path=draft.path).render()))
