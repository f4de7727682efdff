"""`kring new KIND …`: a member, meeting, case, region or theme file, valid from the start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kring.cli.help import HelpGroup
from kring.cli.main import UsageProblem, common, settings
from kring.cli.refusals import refusals
from kring.core.printable import escaped

_AFTER = """
\b
The file gets its required fields, and its optional fields as comments to fill in later. It
is checked with the same checks as kring check before it is written, and never overwrites a
file. Exit 0 with the new file's path, 1 when the file exists or would not pass kring check,
2 for an unknown reference (with a "did you mean") or a bad id or date.
"""


@click.group(
    cls=HelpGroup,
    epilog="""\b
Examples:
  kring new member "Bram Wouters" --organisation aalten --group achterhoek
  kring new meeting achterhoek --date 2026-12-10 --host aalten --start 13:30 --end 16:30
  kring new case wachtlijst-jeugdhulp --owner marieke-jansen --presented-at 2026-12-10-achterhoek \\
      --title "Bridging the waiting list" --question "How do we keep in touch while they wait?" \\
      --intention "Call the family every two weeks"
  kring new region liemers --name Liemers --municipality zevenaar --municipality duiven
  kring new theme armoede --name "Armoede en schulden" --structural
""",
)
def new() -> None:
    """Create a member, meeting, case, region or theme file with its required fields."""


def _run(
    make: Callable[..., str],
    repo: Path | None,
    today: str | None,
    lang: str | None,
    *args: Any,
    **kwargs: Any,
) -> None:
    from kring.checks.context import Context

    s = settings(repo, today, lang)
    with refusals():
        rel = make(s.root, Context(s.today, s.config), *args, **_dates(s, kwargs))
    click.echo(escaped(rel))


def _member_id_and_name(given: str, name: str | None) -> tuple[str, str]:
    """(id, name) from `kring new member ID --name NAME` or `kring new member "NAME"`: a
    name is what is not an id, and its id is made from it (and said, on stderr)."""
    from kring.core.corrections import slug
    from kring.core.i18n import T
    from kring.core.layout import is_valid_id

    if is_valid_id(given):
        if name is None:
            raise UsageProblem(
                str(T('give the member\'s name: --name "…", or write the name instead of the id'))
            )
        return given, name
    if name is not None:
        return given, name  # an invalid id with a name: new_member says what is wrong
    ident = slug(given)
    if not ident:
        raise UsageProblem(str(T("'{name}' gives no id; write the id as well", name=given)))
    made = T("the id is {id}, made from the name {name}", id=ident, name=given)
    click.echo(escaped(f"kring: {made}"), err=True)
    return ident, given


def _dates(s: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    from kring.edit.options import date_option

    out = dict(kwargs)
    for key in ("date", "joined"):
        value = out.get(key)
        if isinstance(value, str):
            out[key] = date_option(value, f"--{key}")
        elif key == "joined" and key in out and value is None:
            out[key] = s.today
    return out


@new.command(
    epilog="\b\nExamples:\n"
    '  kring new member "Eva Jansen" --organisation aalten --group achterhoek\n'
    '  kring new member bram-wouters --name "Bram Wouters" '
    "--organisation aalten --group achterhoek --joined 2026-12-01\n\n\b\n"
    "Given a name, the id is made from it (Eva Jansen: eva-jansen) and kring says which.\n" + _AFTER
)
@click.argument("member_id", metavar="ID|NAME")
@click.option("--name", help="The member's name (not needed when NAME is given).")
@click.option("--organisation", required=True, metavar="ID", help="A municipality or partner id.")
@click.option(
    "--group",
    "groups",
    required=True,
    multiple=True,
    metavar="ID",
    help="A region or theme id; repeat for more groups.",
)
@click.option("--joined", metavar="YYYY-MM-DD", help="When the member joined (default: today).")
@click.option("--stage", type=click.Choice(["starter", "advanced"]), help="Starter or advanced.")
@common
def member(
    member_id: str,
    name: str | None,
    organisation: str,
    groups: tuple[str, ...],
    joined: str | None,
    stage: str | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Create network/members/ID.yaml, the id given or made from the member's name."""
    from kring.edit.new_files import new_member

    ident, name = _member_id_and_name(member_id, name)
    _run(
        new_member,
        repo,
        today,
        lang,
        ident,
        name=name,
        organisation=organisation,
        groups=groups,
        joined=joined,
        stage=stage,
    )


@new.command(
    epilog="\b\nExamples:\n  kring new meeting achterhoek --date 2026-12-10 --host aalten "
    '--start 13:30 --end 16:30 \\\n      --chair anna-de-vries --topic "Wachtlijsten"\n'
    "  kring new meeting jeugd-en-veiligheid --date 2026-09-17 --attendee anna-de-vries "
    "--attendee daan-smeenk\n\n\b\nThe file is network/meetings/YYYY/DATE-GROUP.md; with "
    "--second, DATE-GROUP-2.md (-3, …)\nfor another meeting of the group that day.\n" + _AFTER
)
@click.argument("group", metavar="GROUP")
@click.option("--date", required=True, metavar="YYYY-MM-DD", help="The meeting's date.")
@click.option(
    "--kind",
    type=click.Choice(["regional", "thematic", "evaluation", "kickoff", "visit"]),
    help="Default: thematic for a theme, regional for a region.",
)
@click.option("--host", metavar="ID", help="The hosting municipality or partner.")
@click.option(
    "--attendee",
    "attendees",
    multiple=True,
    metavar="ID",
    help="A member who attended; repeat. Required for a meeting in the past.",
)
@click.option("--topic", metavar="TEXT", help="The meeting's main topic.")
@click.option("--start", metavar="HH:MM", help="When it starts (13:30, also 13.30 or 1:30 pm).")
@click.option("--end", metavar="HH:MM", help="When it ends.")
@click.option("--location", metavar="TEXT", help="Where: the building and town.")
@click.option("--chair", metavar="ID", help="The member who chairs the meeting.")
@click.option(
    "--second",
    is_flag=True,
    help="Another meeting of the group on a day it already meets (the file gets -2).",
)
@common
def meeting(
    group: str,
    date: str,
    kind: str | None,
    host: str | None,
    attendees: tuple[str, ...],
    topic: str | None,
    start: str | None,
    end: str | None,
    location: str | None,
    chair: str | None,
    second: bool,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Create network/meetings/YYYY/DATE-GROUP.md for a meeting of GROUP."""
    from kring.edit.new_files import MeetingDetails, new_meeting

    _run(
        new_meeting,
        repo,
        today,
        lang,
        group,
        notice=lambda text: click.echo(escaped(f"kring: {text}"), err=True),
        date=date,
        kind=kind,
        host=host,
        attendees=attendees,
        details=MeetingDetails(location=location, start=start, end=end, chair=chair, topic=topic),
        second=second,
    )


@new.command(
    epilog="\b\nExample:\n  kring new case wachtlijst-jeugdhulp --owner marieke-jansen \\\n"
    '      --presented-at 2026-12-10-achterhoek --title "Bridging the waiting list" \\\n'
    '      --question "How do we keep in touch?" --intention "Call every two weeks"\n\n\b\n'
    "The case is also added to the cases: list of the meeting where it was presented.\n" + _AFTER
)
@click.argument("case_id", metavar="ID")
@click.option("--owner", required=True, metavar="ID", help="The member who brings the case.")
@click.option(
    "--presented-at",
    "presented_at",
    required=True,
    metavar="MEETING",
    help="The meeting where the case was presented.",
)
@click.option("--title", required=True, help="The case's title.")
@click.option("--question", required=True, help="The case's core question.")
@click.option("--intention", required=True, metavar="TEXT", help="What the owner commits to do.")
@click.option(
    "--due",
    default="next-meeting",
    show_default=True,
    metavar="YYYY-MM-DD|next-meeting",
    help="When the owner reports back.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Write confidential: false (a case is confidential unless it says so).",
)
@common
def case(
    case_id: str,
    owner: str,
    presented_at: str,
    title: str,
    question: str,
    intention: str,
    due: str,
    public: bool,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Create network/cases/YYYY/ID.md for a case presented at MEETING."""
    from kring.edit.new_files import new_case
    from kring.edit.options import date_option

    if due != "next-meeting":
        with refusals():
            due = date_option(due, "--due").isoformat()
    _run(
        new_case,
        repo,
        today,
        lang,
        case_id,
        owner=owner,
        presented_at=presented_at,
        title=title,
        question=question,
        intention=intention,
        due=due,
        confidential=not public,
    )


def _municipality(value: str) -> tuple[str, str]:
    ident, eq, name = value.partition("=")
    ident = ident.strip()
    if not eq:
        name = " ".join(part.capitalize() for part in ident.split("-"))
    return ident, name.strip()


@new.command(
    epilog="\b\nExample:\n  kring new region liemers --name Liemers "
    '--municipality zevenaar --municipality "duiven=Duiven"\n' + _AFTER
)
@click.argument("region_id", metavar="ID")
@click.option("--name", required=True, help="The region's name.")
@click.option(
    "--municipality",
    "municipalities",
    required=True,
    multiple=True,
    metavar="ID[=NAME]",
    help="A municipality of the region; repeat for more.",
)
@common
def region(
    region_id: str,
    name: str,
    municipalities: tuple[str, ...],
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Create network/regions/ID.yaml."""
    from kring.core.i18n import _
    from kring.edit.new_files import new_region

    pairs = [_municipality(m) for m in municipalities]
    if any(not n for _i, n in pairs):
        raise UsageProblem(_("--municipality: write ID or ID=NAME, like oost-gelre=Oost Gelre"))
    _run(new_region, repo, today, lang, region_id, name=name, municipalities=pairs)


@new.command(
    epilog='\b\nExample:\n  kring new theme armoede --name "Armoede en schulden" '
    "--structural\n" + _AFTER
)
@click.argument("theme_id", metavar="ID")
@click.option("--name", required=True, help="The theme's name.")
@click.option(
    "--structural/--one-off",
    default=None,
    help="A standing theme, or a one-off (left as a hint when not given).",
)
@click.option("--description", help="What the theme is about.")
@common
def theme(
    theme_id: str,
    name: str,
    structural: bool | None,
    description: str | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Create network/themes/ID.yaml."""
    from kring.edit.new_files import new_theme

    _run(
        new_theme,
        repo,
        today,
        lang,
        theme_id,
        name=name,
        structural=structural,
        description=description,
    )
