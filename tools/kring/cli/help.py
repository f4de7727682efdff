"""The CLI's help in the reader's language.

click builds help from the strings given to it at definition time: docstrings, `help=` and
`epilog=`. kring keeps those English (they are the message ids) and translates them when
help is *rendered*, through a click HelpFormatter that passes every paragraph, heading and
option help through gettext. So commands keep plain docstrings, nothing depends on import
order, and one process can show help in either language. The language is decided before
click parses anything (`early_language`): `--lang` in the arguments, else KRING_LANG, else
`[tool.kring] lang`, else the network's `lang` (of `--repo`, or the repository here).

`scripts/messages.py extract` collects the same strings from the click commands (command
help up to a form feed, epilogs, option help) plus click's own words marked below.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from kring.core.i18n import N_, _, language_from
from kring.core.printable import escaped

# click's own strings that kring shows in its help; click translates them with its own
# gettext domain, which kring does not install, so they are translated here.
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("Error: {message}"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("Try '{command}' for help."),
)

# click appends "  [default: auto; required]" to an option's help
_EXTRA = re.compile(r"^(?P<help>.*?)\s*\[(?P<extra>[^\[\]]*)\]$", re.DOTALL)


def help_text(text: str) -> str:
    """The help of a command or an option, translated; click's extras translated apart."""
    translated = _(text)
    if translated != text or not text:
        return translated
    match = _EXTRA.match(text)
    if match is None:
        return text
    extras = []
    for item in match["extra"].split("; "):
        if item.startswith("default: "):
            extras.append(_("default: {default}").format(default=item[len("default: ") :]))
        else:
            extras.append(_(item))
    joined = "; ".join(extras)
    return f"{_(match['help'])}  [{joined}]" if match["help"] else f"[{joined}]"


def message_id(text: str) -> str:
    """The message id of a help block: without click's leading no-rewrap marker."""
    return text[2:] if text.startswith("\b\n") else text


def translate_block(text: str) -> str:
    """A help paragraph translated, keeping click's `\\b` (do not rewrap) marker."""
    return text[:2] + _(text[2:]) if text.startswith("\b\n") else _(text)


def command_help(command: click.Command) -> str:
    """The text click shows as a command's help: its docstring up to a form feed."""
    return inspect.cleandoc(command.help or "").partition("\f")[0]


def short_help(command: click.Command, limit: int) -> str:
    """The one-line help in a group's list of commands, made from the translated help."""
    if command.short_help:
        return _(inspect.cleandoc(command.short_help))
    return shorten(_(command_help(command)), limit)


def shorten(text: str, limit: int) -> str:
    """The first sentence of the first paragraph, cut at a word to fit `limit`."""
    words = " ".join(text.split("\n\n", 1)[0].split())
    end = words.find(". ")
    sentence = words[: end + 1] if end >= 0 else words
    if len(sentence) <= limit:
        return sentence
    return sentence[: max(limit - 3, 1)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        # click's placeholders; an argument's own metavar (GROUP, CASE) stays as it is, since
        # click's usage errors, which kring does not translate, name it
        for placeholder in ("[OPTIONS]", "COMMAND [ARGS]..."):
            args = args.replace(placeholder, _(placeholder))
        super().write_usage(prog, args, f"{_('Usage:')} " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:
        super().write_text(translate_block(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, help_text(h)) for term, h in rows], col_max, col_spacing)


def show_usage_error(error: click.UsageError) -> None:
    """click's UsageError.show, with kring's words around click's message (the message
    itself, such as "Missing argument 'GROUP'.", comes from click and stays English)."""
    ctx = error.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            hint = _("Try '{command}' for help.").format(command=command) + "\n"
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True, color=ctx.color)
    # click quotes the value given: shown on one line, escaped (SPEC §7)
    message = escaped(_("Error: {message}").format(message=error.format_message()))
    click.echo(message, err=True, color=ctx.color if ctx is not None else None)


class HelpContext(click.Context):
    formatter_class = HelpFormatter


class HelpCommand(click.Command):
    """A command whose help is shown in the reader's language."""

    context_class = HelpContext


class HelpGroup(click.Group):
    """A group whose help, and its subcommands' help, is shown in the reader's language."""

    context_class = HelpContext
    command_class = HelpCommand

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click shortens the English help; shorten the translated one instead
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _command in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, short_help(c, limit)) for name, c in rows])


def _value(args: Sequence[str], option: str) -> str | None:
    """The last value given to `option` (a command's own option comes after kring's)."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == option and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith(option + "="):
            found = arg[len(option) + 1 :]
    return found


def early_language(args: Iterable[str]) -> str:
    """The language for this run, from the raw arguments, before click parses them.

    Best effort: a repository that cannot be found or read leaves the later sources out;
    the command itself reports such problems.
    """
    args = list(args)
    repo = _value(args, "--repo")
    return best_effort_language(Path(repo) if repo else None, _value(args, "--lang"))


def best_effort_language(repo: Path | None, option: str | None) -> str:
    """`--lang`, KRING_LANG, `[tool.kring] lang`, the network's `lang`, English: for
    commands that also run outside a network repository (`rules`, `explain`)."""
    from kring.load.repo import RepositoryError, find_root

    config_lang = network_lang = None
    try:
        root = find_root(repo)
    except (RepositoryError, OSError):
        root = None
    if root is not None:
        config_lang = config_language(root)
        network_lang = network_language(root)
    return language_from(option, network_lang, config_lang)


def config_language(root: Path) -> str | None:
    """`[tool.kring] lang`, best effort: a pyproject.toml that cannot be read (a link, a
    FIFO, too large, not TOML) is passed over here; the command reports it."""
    from kring.load.repo import RepositoryError, read_pyproject

    try:
        data = read_pyproject(root)
        if data is None:
            return None
        text = data.decode("utf-8")
    except (RepositoryError, OSError, UnicodeDecodeError):
        return None
    import tomllib  # here: a network without a pyproject.toml never loads the parser

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    tool = document.get("tool")
    section = tool.get("kring") if isinstance(tool, dict) else None
    lang = section.get("lang") if isinstance(section, dict) else None
    return lang if isinstance(lang, str) else None


def network_language(root: Path) -> str | None:
    """The network's `lang:`, read from its top-level line only: the full network file is
    loaded later, with all checks. Through the safe reader: never a link or a FIFO."""
    from kring.load.repo import read_file

    try:
        head = read_file(root / "network" / "network.yaml", 64 * 1024).decode("utf-8", "replace")
    except OSError:
        return None
    for line in head.splitlines():
        if line.startswith("lang:"):
            return line.split(":", 1)[1].split("#")[0].strip().strip("'\"") or None
    return None
