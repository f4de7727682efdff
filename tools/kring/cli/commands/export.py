"""`kring export`: the network's facts for a koepel, printed or written to network/export.json."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, settings


@click.command(
    epilog="""\b
Examples:
  kring export                        print the network's facts as JSON
  kring export --write                write them to network/export.json
  kring export --check                exit 1 when network/export.json is out of date
  kring export --today 2026-11-25     the facts as of that date

\b
The export holds counts, rates, dates, group ids and the network's own name: never a
person's name or id, a case's id or text, or free text from the minutes
(schemas/export.schema.json). A koepel of networks reads it (kring koepel).
"""
)
@click.option(
    "--write",
    is_flag=True,
    help="Write network/export.json (a generated file) instead of printing.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when network/export.json would be created or changed.",
)
@common
def export(
    write: bool, check_only: bool, repo: Path | None, today: str | None, lang: str | None
) -> None:
    """Print the network's facts for a koepel as one JSON document, or write them.

    The same data and --today always give the same bytes. An existing network/export.json is
    replaced only if kring export wrote it.
    """
    from kring import __version__
    from kring.checks import runner
    from kring.checks.context import Context
    from kring.cli.generated_files import write_planned
    from kring.core.i18n import T
    from kring.core.layout import EXPORT_PATH
    from kring.load.validate import schema_for
    from kring.views import network_export, page_plan
    from kring.views.report_numbers import numbers

    s = settings(repo, today, lang)
    result = runner.check(s.root, Context(s.today, s.config), use_cache=True)
    model = result.model
    if model.network is None or not model.network.name:
        raise UsageProblem(
            str(T("network/network.yaml gives no name for the network; run kring check"))
        )
    document = network_export.export(model, numbers(model, s.today), result.findings, __version__)
    _valid_or_bug(document, schema_for("export"))
    text = network_export.render(document)
    if not (write or check_only):
        click.echo(text, nl=False)
        return
    plan = page_plan.plan(s.root, [page_plan.Page(EXPORT_PATH, text)])
    if plan.refused:
        raise UsageProblem(
            str(
                T(
                    "{path}: not an export written by kring export, so it is left alone; "
                    "move it elsewhere",
                    path=EXPORT_PATH,
                )
            )
        )
    (planned,) = plan.writes
    if write_planned(s.root, planned, check_only=check_only) and check_only:
        click.echo(str(T("run kring export --write")), err=True)
        sys.exit(1)


def _valid_or_bug(document: object, schema: dict[str, object]) -> None:
    """The export is checked against its own schema before anyone sees it: a value that does
    not fit is a bug in kring (exit 2), never a file a koepel would have to refuse."""
    import jsonschema

    cls = jsonschema.Draft202012Validator
    error = jsonschema.exceptions.best_match(
        cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(document)
    )
    if error is not None:
        raise RuntimeError(f"the export does not fit its schema at {list(error.absolute_path)}")
