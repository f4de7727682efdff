"""`kring intake`: apply a submitted issue form (SPEC §11), or write the forms themselves."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from kring.cli.main import UsageProblem, common, settings
from kring.cli.refusals import print_refused
from kring.core.printable import escaped

# The form keys (kring.edit.issue_forms.FORMS), written out so that `kring --help` need not
# import the forms; a test keeps the two lists equal.
FORM_KEYS = ("record-meeting", "record-follow-up", "close-action", "new-member")
MAX_BODY = 256 * 1024  # bytes; GitHub's own limit on an issue body is 65,536 characters


@click.command(
    epilog="""\b
Examples:
  kring intake issue-body.md                   apply a submitted form, print what changed
  kring intake issue-body.md --format json --issue 12   the same, for the intake workflow
  kring intake --forms --write                 (re)write .github/ISSUE_TEMPLATE/*.yml
  kring intake --forms --check                 exit 1 when the forms are out of date

\b
FILE holds an issue body as GitHub renders a submitted form ('-' reads standard input). Its
answers are checked first, and every wrong one is reported; then the change is made as
kring new, kring close and kring follow-up make it, checked with the same checks as kring
check before anything is written. Exit 0 when recorded, 1 when refused (nothing written),
2 for a usage error. The forms are made from the network, in its language: run --forms
--write again after adding a member, an organisation or a group.
"""
)
@click.argument("body", metavar="FILE", required=False, type=click.File("rb"))
@click.option("--form", type=click.Choice(FORM_KEYS), help="Read FILE as this form.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json (with the comment and pull request texts) for the workflow.",
)
@click.option(
    "--issue",
    type=click.IntRange(min=1),
    metavar="N",
    help="The issue's number: the pull request's text then closes it.",
)
@click.option("--forms", "forms", is_flag=True, help="Print the issue forms instead.")
@click.option("--write", is_flag=True, help="With --forms: write them to .github/ISSUE_TEMPLATE.")
@click.option(
    "--check", "check_only", is_flag=True, help="With --forms: exit 1 when they are out of date."
)
@common
def intake(
    body: IO[bytes] | None,
    form: str | None,
    fmt: str,
    issue: int | None,
    forms: bool,
    write: bool,
    check_only: bool,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Apply the issue form submitted in FILE: a meeting, a follow-up, a closed action or a
    new member."""
    from kring.core.i18n import _

    if forms:
        if body is not None:
            raise UsageProblem(_("give FILE or --forms, not both"))
        _forms(repo, today, lang, write=write, check_only=check_only)
        return
    if body is None:
        raise UsageProblem(_("give the file with the issue body, or --forms"))
    if write or check_only:
        raise UsageProblem(_("--write and --check go with --forms"))
    _apply(body, form, fmt, issue, repo, today, lang)


def _apply(
    body: IO[bytes],
    form: str | None,
    fmt: str,
    issue: int | None,
    repo: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    from kring.checks.context import Context
    from kring.core.i18n import T
    from kring.edit.issue_forms import by_key
    from kring.edit.refused import Refused
    from kring.edit.rendered_body import read
    from kring.edit.submission import apply
    from kring.views import intake_reply
    from kring.views.change_summary import finding_dict

    s = settings(repo, today, lang)
    data = body.read(MAX_BODY + 1)
    recognised = form  # the form the body was read as, once it is known
    try:
        if len(data) > MAX_BODY:
            raise Refused(
                T("the issue body is longer than {kib} KiB; shorten it", kib=MAX_BODY // 1024)
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(T("the issue body is not UTF-8 text")) from None
        answers = read(text, form=by_key(form) if form is not None else None)
        recognised = answers.form.key
        done = apply(s.root, Context(s.today, s.config), answers)
    except Refused as exc:
        if fmt == "json":
            _json(
                {
                    "recorded": False,
                    "form": recognised,
                    "paths": [],
                    "what": None,
                    "problems": [exc.message.render(), *(d.render() for d in exc.details)],
                    "findings": [finding_dict(f) for f in exc.findings],
                    "comment": intake_reply.refused_comment(exc.message, exc.details, exc.findings),
                    "pull_request": None,
                }
            )
        else:
            print_refused(exc)
        sys.exit(1)  # an answer of the form, not the command line, was wrong
    if fmt == "json":
        _json(
            {
                "recorded": True,
                "form": done.form,
                "paths": list(done.paths),
                "what": done.what.render(),
                "problems": [],
                "findings": [],
                "comment": intake_reply.recorded_comment(done.what),
                "pull_request": {
                    "title": intake_reply.pull_request_title(done.what),
                    "body": intake_reply.pull_request_body(done.what, done.paths, issue),
                },
            }
        )
    else:
        for path in done.paths:
            click.echo(escaped(f"{path}: {done.what}"))


def _json(data: dict[str, Any]) -> None:
    from kring.core.printable import dumps

    click.echo(dumps({"version": 1, **data}), nl=False)


def _forms(
    repo: Path | None, today: str | None, lang: str | None, *, write: bool, check_only: bool
) -> None:
    from kring.cli.generated_files import write_planned
    from kring.core.i18n import T
    from kring.edit.issue_forms import HEADER, form_files
    from kring.load import pipeline
    from kring.views import page_plan

    s = settings(repo, today, lang)
    model = pipeline.load_cached(s.root, s.config)[0]
    files = form_files(model)
    if not write and not check_only:
        for rel, text in files.items():
            click.echo(f"# {rel}\n{text}")
        return
    # a form kring did not make (or a link, a pipe) is the maintainer's: nothing is written
    plan = page_plan.plan(
        s.root, [page_plan.Page(rel, text) for rel, text in files.items()], marker=HEADER
    )
    if plan.refused:
        raise UsageProblem(
            str(
                T(
                    "{path}: not a form made by kring intake, so it is left alone; move "
                    "it elsewhere",
                    path=", ".join(plan.refused),
                )
            )
        )
    stale = sum(write_planned(s.root, w, check_only=check_only) for w in plan.writes)
    if check_only and stale:
        click.echo(
            str(T("{n} form(s) out of date: run kring intake --forms --write", n=stale)), err=True
        )
        sys.exit(1)
