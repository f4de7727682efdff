"""The command line: a thin click layer that parses options and calls one function each.

Help and messages read in Dutch or English: the language is decided from the raw
arguments before click parses them, and help is translated as it is rendered
(`kring.cli.help`). Heavy modules (the loader, jsonschema, GitPython) are imported inside
the commands that need them, so `kring --help` and `kring --version` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from kring import __version__
from kring.cli.help import (
    HelpContext,
    HelpGroup,
    early_language,
    network_language,
    show_usage_error,
)
from kring.core.i18n import _, set_language
from kring.core.printable import escaped

F = TypeVar("F", bound=Callable[..., Any])


class UsageProblem(click.ClickException):
    """Bad options, configuration or repository: exit code 2 (SPEC §4)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        # one line: a value with a line break must not start a workflow command in a CI log
        click.echo(escaped(_("Error: {message}").format(message=self.format_message())), err=True)


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    today: Any  # datetime.date
    config: Any  # kring.core.config.Config
    lang: str


def common(func: F) -> F:
    """--repo, --today and --lang, which every command takes (SPEC §4)."""
    options = [
        click.option(
            "--repo",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="The network repository (default: here, or the git top level above).",
        ),
        click.option(
            "--today",
            metavar="YYYY-MM-DD",
            default=None,
            help="The date to take as today (default: $KRING_TODAY, else the system date).",
        ),
        click.option(
            "--lang",
            type=click.Choice(["en", "nl"]),
            default=None,
            help="Language of messages and help (default: $KRING_LANG, else the network's "
            "lang, else English).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


# `kring --lang nl COMMAND`: the group's --lang, for commands that do not repeat it
GROUP_LANG = "kring.lang"


def group_lang(lang: str | None) -> str | None:
    """The command's own --lang, else the one given to `kring` itself."""
    ctx = click.get_current_context(silent=True)
    return lang or (ctx.meta.get(GROUP_LANG) if ctx is not None else None)


def settings(
    repo: Path | None, today: str | None, lang: str | None, config_file: Path | None = None
) -> Settings:
    from kring.core import i18n
    from kring.core.config import ConfigError
    from kring.core.timeline import TodayError, today_from
    from kring.load.pipeline import configuration
    from kring.load.repo import RepositoryError, find_root

    lang = group_lang(lang)
    # --lang and KRING_LANG first, so that a configuration problem reads in that language
    i18n.set_language(i18n.language_from(lang, None))
    try:
        root = find_root(repo)
        settled = configuration(root, config_file)
        day = today_from(today)
    except (RepositoryError, ConfigError, TodayError) as exc:
        raise UsageProblem(str(exc)) from None
    language = i18n.language_from(lang, network_language(root), settled.lang)
    i18n.set_language(language)
    return Settings(root, day, settled, language)


def findings_options(func: F) -> F:
    """--format and --fail-on of the commands that report findings (`kring check`,
    `kring koepel check`)."""
    func = click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "never"]),
        default="error",
        show_default=True,
        help="Exit 1 when a finding of this severity or worse is reported.",
    )(func)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["auto", "text", "json", "github", "sarif", "markdown"]),
        default="auto",
        show_default=True,
        help="Output format; auto is github under GitHub Actions, else text.",
    )(func)


def list_format(func: F) -> F:
    """--format of the commands that print a list to read: text, markdown or json."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "markdown", "json"]),
        default="text",
        show_default=True,
        help="Output format.",
    )(func)


def config_option(func: F) -> F:
    """--config FILE: the `[tool.kring]` to judge by, when it is not the repository's own."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        metavar="FILE",
        help="Read [tool.kring] from this pyproject.toml instead of the repository's (the "
        "pull-request bot names the base's, so a change cannot loosen its own check).",
    )(func)


# name -> "module:function" under kring.cli.commands; a command's module is imported only when
# that command runs or help is shown (click's documented lazy-loading pattern).
COMMANDS: dict[str, str] = {
    "check": "check:check",
    "rules": "rules:rules",
    "explain": "rules:explain",
    "schema": "show_schema:schema",
    "report": "report:report",
    "history": "history:history",
    "calendar": "calendar:calendar",
    "due": "due:due",
    "agenda": "agenda:agenda",
    "match": "match:match",
    "new": "new:new",
    "close": "close:close",
    "follow-up": "follow_up:follow_up",
    "summary": "summary:summary",
    "bot": "bot:bot",
    "intake": "intake:intake",
    "export": "export:export",
    "koepel": "koepel:koepel",
}


def written_pages(model: Any, day: Any, lang: str) -> Any:
    """The pages `kring report` writes (views.report_pages.written), for KR008 to hold an
    edited page against; imported only when a change edits a page."""
    from kring.views import report_pages

    return report_pages.written(model, day, lang)


def written_export(config: Any) -> Any:
    """network/export.json as `kring export` writes it for a model as of a day, with the
    repository's configuration, for KR008 to hold an edited export against; it runs the
    checks again (the export counts their findings) only when a change edits the export."""

    def export_as_of(model: Any, day: Any) -> str:
        from kring.checks import runner
        from kring.checks.context import Context
        from kring.views import network_export
        from kring.views.report_numbers import numbers

        findings = runner.run(model, Context(day, config))
        document = network_export.export(model, numbers(model, day), findings, __version__)
        return network_export.render(document)

    return export_as_of


class LazyGroup(HelpGroup):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # before click parses (and shows --help): the language of help and messages
        set_language(early_language(args))
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        import importlib

        module_name, attribute = target.split(":")
        module = importlib.import_module(f"kring.cli.commands.{module_name}")
        command: click.Command = getattr(module, attribute)
        if command.context_class is click.Context:
            command.context_class = HelpContext  # its help, too, in the chosen language
        return command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'kring COMMAND --help' for the options and examples of one command.",
)
@click.version_option(__version__, "--version", prog_name="kring")
@click.option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    expose_value=False,
    callback=lambda ctx, _param, value: ctx.meta.__setitem__(GROUP_LANG, value),
    help="Language of messages and help (default: $KRING_LANG, else the network's "
    "lang, else English).",
)
def cli() -> None:
    """kring keeps a knowledge network as plain text in git, and keeps that text honest."""


def main() -> None:
    """Entry point: exit 2 with a one-line message, never a traceback, on internal errors."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_("Aborted."), err=True)
        _exit(2)
    except click.UsageError as exc:
        show_usage_error(exc)
        _exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        _exit(2 if exc.exit_code == 1 and not isinstance(exc, UsageProblem) else exc.exit_code)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            click.echo(escaped(exc.code, keep="\n"), err=True)
        _exit(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))
    except BrokenPipeError:
        _exit(0)
    except Exception as exc:  # a bug in kring: say so plainly, keep the traceback opt-in
        if os.environ.get("KRING_DEBUG"):
            raise
        error = f"{type(exc).__name__}: {exc}"
        click.echo(escaped(_("kring: internal error: {error}").format(error=error)), err=True)
        click.echo(_("kring: set KRING_DEBUG=1 for the traceback, and please report it"), err=True)
        _exit(2)
    _exit(0)


def _exit(code: int) -> None:
    """Flush and leave without tearing the heap down object by object.

    A check of ten thousand files holds millions of small objects; freeing them one by one at
    interpreter exit costs a noticeable part of the run and serves nobody (mypy's hard_exit
    does the same). Every file kring writes is closed before this point (writing.py).
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
