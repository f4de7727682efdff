"""`kring bot …`: what the GitHub workflows call to write, in the network's language.

The workflows post with the `gh` CLI; kring writes every text they post (SPEC §8): the
pull-request comment, built from the check run's findings as data, and the fixed texts of the
overdue issue and the report pull request.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kring.cli.help import HelpGroup
from kring.cli.main import common, settings
from kring.core.i18n import N_, _

# The bot's fixed texts, by the name a workflow asks for (`kring bot text NAME`).
TEXTS = {
    "overdue-title": N_("Open and overdue commitments"),
    "overdue-label": N_("Kept up to date by the overdue workflow"),
    "report-title": N_("Regenerated overview pages"),
    "report-commit": N_("report: regenerate the overview pages"),
    "report-body": N_(
        "`kring report` regenerated the overview pages after the latest change to the "
        "network. Merge this pull request to publish them; the report workflow updates it "
        "whenever the network changes again.\n\n"
        "GitHub starts no workflow on a pull request that a workflow opened, so the required "
        "check has not run here yet: close this pull request and reopen it to run it."
    ),
    "report-closed": N_(
        "The overview pages on the default branch are up to date: this pull request is no "
        "longer needed."
    ),
}

MAX_CHANGED_FILES = 1024 * 1024  # bytes of GitHub's list of changed files that are read


@click.group(
    cls=HelpGroup,
    epilog="""\b
Examples:
  kring bot comment --from summary.json --changed-files changed-files.txt
  kring bot text overdue-title
""",
)
def bot() -> None:
    """What the GitHub workflows call: the pull-request comment, built from the check run's
    findings, and the bot's other texts, in the network's language."""


@bot.command(
    epilog="""\b
Example (comment.yml):
  kring bot comment --from "$DIR/summary.json" --changed-files changed-files.txt > body.md

\b
The findings file is data, whoever wrote it: at most 256 KiB of JSON in the shape of
schemas/summary.schema.json, never a link. Every string in it is escaped here. Exit 0 with
the comment; 1 when the file was refused, with a comment that says why; 2 for a usage error.
"""
)
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="The check run's findings: what kring summary --format json wrote.",
)
@click.option(
    "--changed-files",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="The files GitHub lists as changed by the pull request, one per line: the notice "
    "of a change to kring's rules is made from these, not from the findings file.",
)
@common
def comment(
    source: Path,
    changed_files: Path | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Write the pull-request comment from the check run's findings (a kring summary --format
    json document), with kring's own code: what the privileged workflow posts."""
    from kring.load.artifact import ArtifactError, read_summary
    from kring.reporters import markdown

    settings(repo, today, lang)
    rules = _lines(changed_files) if changed_files is not None else None
    try:
        doc = read_summary(source)
    except ArtifactError as exc:
        click.echo(markdown.refused(exc.reason.render(), rules), nl=False)
        click.echo(
            _("kring bot comment: the findings file was refused: {reason}").format(
                reason=exc.reason.render()
            ),
            err=True,
        )
        sys.exit(1)
    click.echo(markdown.comment(doc, rules), nl=False)


@bot.command(
    epilog="""\b
Examples:
  gh issue create --title "$(kring bot text overdue-title)" …
  kring bot text report-body > body.md
"""
)
@click.argument("name", type=click.Choice(sorted(TEXTS)))
@common
def text(name: str, repo: Path | None, today: str | None, lang: str | None) -> None:
    """Print one of the bot's fixed texts (an issue title, a pull request's body) in the
    network's language."""
    settings(repo, today, lang)
    click.echo(_(TEXTS[name]))


def _lines(path: Path) -> list[str]:
    """GitHub's list of changed files: one path a line, read up to MAX_CHANGED_FILES."""
    from kring.cli.main import UsageProblem

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CHANGED_FILES)
    except OSError as exc:
        raise UsageProblem(f"{path}: {exc.strerror}") from None
    text = data.decode("utf-8", "replace")
    return [line for line in text.split("\n") if line.strip()]
