"""Keep kring's Dutch catalogue in step with the code.

    python scripts/messages.py extract    # collect every message id into kring.po
    python scripts/messages.py compile    # kring.po -> kring.mo (checked in)
    python scripts/messages.py status     # what is left to do; exit 1 when anything is

The message ids come from three places:

- every `T("…")`, `_("…")` and `N_("…")` call with a literal text in tools/kring (via `ast`);
- every check's explanation (its module docstring, through the registry's CHECKS and
  KOEPEL_CHECKS), which
  `kring explain` and `kring rules` translate;
- the CLI's help: each command's help text and epilog and each option's help, read from
  the click commands themselves (see kring.cli.help for how they are translated);
- the JSON Schemas' descriptions, the editor's hover text (no longer KR101's hints since
  issue 17: a hint says what to type), kept translated for a Dutch reading of the schemas.

`extract` keeps every existing translation, adds new ids untranslated, and pre-fills an id
that closely resembles one that disappeared (a reworded message) with the old translation,
marked fuzzy: a fuzzy translation is not used until a translator checks it and removes the
flag. Ids no longer in the code stay at the end as obsolete (`#~`) entries, so their
translations can be found again; `extract --prune` drops them. polib writes and compiles
the catalogue (a test dependency: the compiled kring.mo is checked in, so installing kring
needs nothing beyond the standard library's gettext).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import inspect
import json
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tools" / "kring"
PO = PACKAGE / "core" / "locale" / "nl" / "LC_MESSAGES" / "kring.po"
MO = PO.with_suffix(".mo")
MARKERS = frozenset({"T", "_", "N_"})
FUZZY_CUTOFF = 0.75
HEADER = {
    "Project-Id-Version": "kring",
    "Language": "nl",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


@dataclass
class Message:
    msgid: str
    places: list[tuple[str, int]] = field(default_factory=list)
    template: bool = False  # a str.format template whose {placeholders} must survive


def _relative(path: str | Path) -> str:
    return Path(path).resolve().relative_to(ROOT).as_posix()


def from_source() -> tuple[list[Message], list[str]]:
    """Literal ids of T/_/N_ calls, and the calls whose id is built (an f-string, a `+`)."""
    found: list[Message] = []
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
            ):
                continue
            arg = node.args[0]
            where = (_relative(path), node.lineno)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                if not arg.value:
                    continue  # "" is the catalogue header, and renders as ""
                found.append(Message(arg.value, [where], template=True))
            elif isinstance(arg, ast.JoinedStr | ast.BinOp | ast.IfExp):
                # a message built or chosen at run time is not seen here: one call per id
                problems.append(f"{where[0]}:{where[1]}: {node.func.id}() of a built text")
    return found, problems


def from_checks() -> list[Message]:
    from kring.checks.registry import CHECKS, KOEPEL_CHECKS

    return [
        Message(check.RULE.explanation, [(_relative(check.__file__), 1)])
        for check in (*CHECKS, *KOEPEL_CHECKS)
        if check.RULE.explanation
    ]


def from_cli() -> list[Message]:
    import click

    from kring.cli.help import command_help, message_id
    from kring.cli.main import COMMANDS, cli

    ctx = click.Context(cli)
    commands: list[click.Command] = [cli]
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        if command is not None:
            commands.append(command)
            if isinstance(command, click.Group):  # `kring new member`, …
                commands += command.commands.values()
    out = []
    for command in commands:
        callback = command.callback
        if callback is not None:
            where = (
                _relative(inspect.getsourcefile(callback) or ""),
                callback.__code__.co_firstlineno,
            )
        else:  # pragma: no cover - every kring command has a callback
            where = ("tools/kring/cli.py", 1)
        texts = [command_help(command)]
        if command.epilog:
            texts.append(message_id(inspect.cleandoc(command.epilog)))
        texts += [p.help for p in command.params if isinstance(p, click.Option) and p.help]
        out += [Message(text, [where]) for text in texts if text]
    return out


def from_schemas() -> list[Message]:
    """The schemas' descriptions (the editor's hover text), kept translated with the rest."""
    out: list[Message] = []

    def walk(value: object, where: tuple[str, int]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "description" and isinstance(item, str):
                    out.append(Message(item, [where]))
                else:
                    walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        walk(json.loads(path.read_text("utf-8")), (_relative(path), 1))
    return out


def collect() -> tuple[list[Message], list[str]]:
    """Every message id once, in the order of its first place, with all its places."""
    source, problems = from_source()
    merged: dict[str, Message] = {}
    for message in [*source, *from_checks(), *from_cli(), *from_schemas()]:
        known = merged.setdefault(message.msgid, Message(message.msgid))
        known.places += message.places
        known.template = known.template or message.template
    messages = sorted(merged.values(), key=lambda m: min(m.places))
    return messages, problems


def placeholders(text: str) -> list[tuple[str, str, str]]:
    """The {name:spec!conversion} fields of a str.format template, sorted."""
    return sorted(
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def _entry(message: Message) -> polib.POEntry:
    paths = sorted({path for path, _ in message.places})
    entry = polib.POEntry(msgid=message.msgid, msgstr="", occurrences=[(p, "") for p in paths])
    if message.template and "{" in message.msgid:
        entry.flags.append("python-brace-format")
    return entry


def updated_catalogue(prune: bool = False) -> polib.POFile:
    messages, _ = collect()
    old = polib.pofile(str(PO), wrapwidth=78) if PO.exists() else polib.POFile()
    previous = {e.msgid: e for e in old if e.msgid}
    current = {m.msgid for m in messages}
    gone = {i: e for i, e in previous.items() if i not in current and e.msgstr}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(old.metadata) if old.metadata else dict(HEADER)
    for message in messages:
        entry = _entry(message)
        before = previous.get(message.msgid)
        if before is not None and before.msgstr:
            entry.msgstr = before.msgstr
            if "fuzzy" in before.flags:
                entry.flags.append("fuzzy")
                entry.previous_msgid = before.previous_msgid
        else:
            match = difflib.get_close_matches(message.msgid, list(gone), 1, FUZZY_CUTOFF)
            if match:
                entry.msgstr = gone[match[0]].msgstr
                entry.flags.append("fuzzy")
                entry.previous_msgid = match[0]
        po.append(entry)
    if not prune:
        for msgid, entry in sorted(gone.items()):
            kept = polib.POEntry(msgid=msgid, msgstr=entry.msgstr, obsolete=True)
            po.append(kept)
    return po


def mo_bytes(po: polib.POFile) -> bytes:
    """The compiled catalogue: translated entries only (no fuzzy, no obsolete ones)."""
    data: bytes = po.to_binary()
    return data


def todo(po: polib.POFile) -> Iterator[str]:
    """What stands between the catalogue and a complete Dutch kring."""
    messages, problems = collect()
    yield from problems
    entries = {e.msgid: e for e in po if not e.obsolete}
    for message in messages:
        place = "{}:{}".format(*message.places[0])
        entry = entries.get(message.msgid)
        short = message.msgid.strip().splitlines()[0][:70]
        if entry is None:
            yield f"{place}: not in kring.po (run extract): {short!r}"
        elif not entry.msgstr:
            yield f"{place}: untranslated: {short!r}"
        elif "fuzzy" in entry.flags:
            yield f"{place}: fuzzy (check it, then remove the flag): {short!r}"
        elif message.template and placeholders(entry.msgid) != placeholders(entry.msgstr):
            yield f"{place}: placeholders differ in the translation: {short!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="update kring.po from the code")
    extract.add_argument("--prune", action="store_true", help="drop obsolete entries")
    sub.add_parser("compile", help="write kring.mo from kring.po")
    sub.add_parser("status", help="list what is left to translate; exit 1 if anything is")
    args = parser.parse_args(argv)
    if args.command == "extract":
        PO.parent.mkdir(parents=True, exist_ok=True)
        po = updated_catalogue(prune=args.prune)
        po.save(str(PO))
        left = sum(1 for e in po if not e.obsolete and (not e.msgstr or "fuzzy" in e.flags))
        print(f"{_relative(PO)}: {len(po)} entries, {left} to translate")
        return 0
    if args.command == "compile":
        MO.write_bytes(mo_bytes(polib.pofile(str(PO))))
        print(f"{_relative(MO)} written")
        return 0
    po = polib.pofile(str(PO))
    lines = list(todo(po))
    if mo_bytes(po) != (MO.read_bytes() if MO.exists() else b""):
        lines.append(f"{_relative(MO)}: out of date (run compile)")
    print("\n".join(lines) if lines else "the Dutch catalogue is complete and compiled")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
