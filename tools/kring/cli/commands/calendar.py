"""`kring calendar`: the meetings as an iCalendar (RFC 5545) file."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, settings

_CALENDAR_LIMIT = 64 << 20  # a calendar kring wrote is far smaller; a larger file is not one


@click.command(
    epilog="""\b
Examples:
  kring calendar > meetings.ics             every meeting of the network
  kring calendar --group achterhoek         one group's meetings
  kring calendar --output site/kring.ics    write (or refresh) a file
"""
)
@click.option("--group", metavar="GROUP", default=None, help="Only this region's or theme's.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output. An existing file is replaced only "
    "if it is a calendar that kring wrote.",
)
@common
def calendar(
    group: str | None,
    output: Path | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Print the meetings as an iCalendar file that calendar apps can import or subscribe to.

    One event per meeting, with a stable UID, all-day when no start time is set, in
    Europe/Amsterdam otherwise. No case content is ever included.
    """
    from kring.core.i18n import T
    from kring.core.suggest import suffix
    from kring.edit import atomic_write
    from kring.load import pipeline
    from kring.load.repo import read_file
    from kring.views import ical_feed

    s = settings(repo, today, lang)
    model = pipeline.load_cached(s.root, s.config)[0]
    if group is not None and group not in model.group_ids():
        tail = suffix(group, sorted(model.group_ids()))
        raise UsageProblem(str(T("no region or theme '{group}'{mean}", group=group, mean=tail)))
    data = ical_feed.calendar(model, group, ical_feed.changes(s.root, model))
    if output is None:
        # Bytes, so the CRLF line ends that RFC 5545 requires reach the file untouched.
        click.echo(data, nl=False)
        return
    try:
        if not os.path.lexists(output):
            atomic_write.create(output, data.decode("utf-8"))  # writes the text's bytes as they are
            return
        try:
            old = read_file(output, _CALENDAR_LIMIT)  # never a link or a pipe
        except OSError:
            old = b""
        if b"PRODID:-//kring//" not in old[:512] or len(old) > _CALENDAR_LIMIT:
            raise UsageProblem(
                str(T("{path} exists and is not a calendar kring wrote; not replaced", path=output))
            )
        if old != data:
            atomic_write.replace(output, data.decode("utf-8"), expected=old)
    except (atomic_write.WriteRefused, OSError) as exc:
        raise UsageProblem(str(exc)) from None
