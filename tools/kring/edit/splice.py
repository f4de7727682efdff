"""Edits of YAML text at the loader's positions, so that nothing else in the file changes.

`kring close`, `kring follow-up` and `kring new case` record an event by changing the bytes of
one value or by adding a few lines; comments, key order, quoting, blank lines and line
endings stay exactly as the facilitator wrote them. The YAML is never dumped again: every edit
is a splice of new text at an offset computed from `Document.marks` and `key_marks` (which
already include a Markdown file's front matter offset).

Values are written as plain scalars when they read back as the same text under YAML 1.2 (and
are not YAML 1.1 booleans), and as JSON-style double-quoted strings otherwise — a JSON string
is a valid YAML double-quoted scalar once the few characters YAML reads as line breaks are
escaped too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kring.core.document import Document, Mark, Path_
from kring.core.i18n import T, Text
from kring.load.yaml_loader import YAML11_BOOLEANS, parse_yaml, resolve_plain


class SpliceError(Exception):
    """The file is laid out in a way kring cannot edit safely; the message says what to do."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


# --- scalars -------------------------------------------------------------------------------

# Characters that start something other than a plain scalar (YAML 1.2 §5.3, c-indicator).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
# YAML reads these as line breaks, and outside c-printable, where JSON leaves them raw.
_NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
# Numbers, times and codes that YAML 1.1 tools read as numbers (1:20 as sexagesimal, 0612
# as octal or without its zero); quoted, they read as text everywhere. ISO dates stay bare.
_NUMBERISH = re.compile(r"[-+0-9.:_]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def scalar(value: str, *, flow: bool = False) -> str:
    """`value` as a YAML scalar that reads back as exactly this text (YAML 1.2 core schema).

    Plain when that is safe, else double-quoted in JSON style. `flow` is for a value inside
    `[...]` or `{...}`, where commas and brackets end a plain scalar.
    """
    if _plain_ok(value, flow):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _NOT_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or value[0] in _INDICATORS:
        return False
    if not all(c.isprintable() for c in value) or _NOT_RAW.search(value):
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(c in _FLOW_INDICATORS for c in value):
        return False
    if _NUMBERISH.fullmatch(value) and not _ISO_DATE.fullmatch(value):
        return False
    resolved = resolve_plain(value)
    if resolved != value or not isinstance(resolved, str) or value.lower() in YAML11_BOOLEANS:
        return False
    # The final word is the loader's: the value must read back as the same text, unflagged.
    probe = f"k: [{value}]\n" if flow else f"k: {value}\n"
    parsed = parse_yaml("<value>", probe)
    doc = parsed.document
    if parsed.problems or doc is None or doc.raw:
        return False
    expected: Any = [value] if flow else value
    return bool(doc.data == {"k": expected})


# --- positions -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lines:
    """A file's text with the offsets of its lines, to turn marks into string offsets."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str, doc: Document) -> Lines:
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", text))
        made = cls(text, tuple(starts))
        # PyYAML also counts a lone CR, NEL and the Unicode separators as line breaks; in the
        # YAML part they would shift every mark, so refuse rather than splice in the wrong place.
        yaml_part = text[: made.offset(doc.last_line, 1)]
        if re.search("\r(?!\n)|[\x85\u2028\u2029]", yaml_part):
            raise SpliceError(
                T(
                    "the file has line breaks other than LF or CRLF; save it with ordinary "
                    "line endings and run the command again"
                )
            )
        return made

    def offset(self, line: int, column: int) -> int:
        if line - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def start(self, mark: Mark) -> int:
        return self.offset(mark.line, mark.column)

    def end(self, mark: Mark) -> int:
        return self.offset(mark.end_line, mark.end_column)

    def newline(self, near: int) -> str:
        """The line ending used by the line around `near` (CRLF files stay CRLF)."""
        eol = self.text.find("\n", near)
        if eol < 0:
            eol = self.text.rfind("\n")
        return "\r\n" if eol > 0 and self.text[eol - 1] == "\r" else "\n"

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def after_line(self, offset: int) -> int:
        """The start of the line after the one holding `offset` (a line start stays put)."""
        if offset > 0 and self.text[offset - 1] == "\n":
            return offset
        eol = self.text.find("\n", offset)
        return len(self.text) if eol < 0 else eol + 1


def _value(doc: Document, path: Path_) -> Any:
    value: Any = doc.data
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _is_flow(src: Lines, doc: Document, path: Path_) -> bool:
    mark = doc.marks.get(path)
    return mark is not None and src.text[src.start(mark) : src.start(mark) + 1] in ("{", "[")


def _last_end(src: Lines, doc: Document, path: Path_) -> int:
    """Where the last value below `path` ends in the text.

    A block collection's own end mark lies at the next token (past comments and blank lines
    that follow it), so only scalars and flow collections are trusted here.
    """
    return src.end(doc.marks[_last_value(src, doc, path)])


def _last_value(src: Lines, doc: Document, path: Path_) -> Path_:
    """The path of the value below `path` that ends last in the text (see _last_end)."""
    n = len(path)
    ends = [
        (src.end(mark), at)
        for at, mark in doc.marks.items()
        if len(at) > n
        and at[:n] == path
        and (not isinstance(_value(doc, at), dict | list) or _is_flow(src, doc, at))
    ]
    if not ends:
        raise SpliceError(T("nothing to add after: the mapping is empty"))
    return max(ends, key=lambda end_at: end_at[0])[1]


def _content_end(src: Lines, doc: Document, path: Path_) -> int:
    """Where new lines may go after the value at `path`: after its last line of content.

    A block scalar's end mark lies at the next line, past its trailing blank lines; those
    belong to the next lines, except under keep chomping (`|+`, `>+`), where they are part
    of the value: then the new lines go after them, and the value stays what it was.
    """
    mark = doc.marks[path]
    start, end = src.start(mark), src.end(mark)
    content = len(src.text[:end].rstrip(" \t\r\n"))
    header = src.text[start:end].split("\n", 1)[0]
    if header[:1] in ("|", ">") and "+" in header.split("#", 1)[0]:
        # the kept blank lines run up to the next line with anything on it, or the end
        blank = re.compile(r"[ \t]*\r?\n")
        at = src.after_line(content)
        while (line := blank.match(src.text, at)) is not None:
            at = line.end()
        return at
    return content


def _check_key(src: Lines, doc: Document, path: Path_) -> None:
    key = path[-1]
    mark = doc.key_marks.get(path)
    if mark is None or not isinstance(key, str):
        raise SpliceError(T("cannot find the key '{key}' in the file", key=key))
    written = src.text[src.start(mark) : src.end(mark)]
    if written.strip("'\"") != key:
        raise SpliceError(
            T("the key '{key}' is not where the parser says; edit the file by hand", key=key)
        )


def _indent_step(doc: Document) -> int:
    """The indentation the file uses for a nested mapping's keys (2 when none is nested)."""
    for at, mark in sorted(doc.key_marks.items(), key=lambda kv: (kv[1].line, kv[1].column)):
        if len(at) == 2 and isinstance(at[0], str) and isinstance(at[1], str):
            parent = doc.key_marks.get(at[:1])
            if parent is not None and mark.line > parent.line and mark.column > parent.column:
                return mark.column - parent.column
    return 2


# --- edits ---------------------------------------------------------------------------------


def set_value(
    text: str,
    doc: Document,
    mapping: Path_,
    key: str,
    value: str | bool,
    *,
    after: str | None = None,
) -> str:
    """Set `key` in the mapping at `mapping` to the text `value` (or the boolean).

    An existing scalar keeps its key and everything around it; only the value's bytes change.
    An absent key becomes a new line at the mapping's indentation after its last entry (or
    after the entry `after`), or `, key: value` before the closing brace of a flow mapping.
    """
    src = Lines.of(text, doc)
    if not isinstance(_value(doc, mapping), dict):
        raise SpliceError(T("the place to edit is not a mapping of 'key: value' lines"))
    flow = _is_flow(src, doc, mapping)
    path = (*mapping, key)
    if isinstance(value, bool):
        rendered = "true" if value else "false"
    else:
        rendered = scalar(value, flow=flow)
    if path in doc.marks:
        return _replace_scalar(src, doc, path, rendered)
    return _insert(src, doc, mapping, [f"{key}: {rendered}"], flow, after)


def add_mapping(
    text: str,
    doc: Document,
    mapping: Path_,
    key: str,
    entries: Sequence[tuple[str, str]],
    *,
    after: str | None = None,
) -> str:
    """Add `key:` with a nested block mapping of `entries` to a block mapping."""
    src = Lines.of(text, doc)
    if (*mapping, key) in doc.marks:
        raise SpliceError(T("'{key}' is already there", key=key))
    if _is_flow(src, doc, mapping):
        raise SpliceError(T("the mapping is written in flow style {...}; add the lines by hand"))
    step = " " * _indent_step(doc)
    lines = [f"{key}:"] + [f"{step}{k}: {scalar(v)}" for k, v in entries]
    return _insert(src, doc, mapping, lines, False, after)


def append_item(text: str, doc: Document, mapping: Path_, key: str, item: str) -> str:
    """Append `item` to the list under `key`, creating `key: [item]` when there is none."""
    src = Lines.of(text, doc)
    path = (*mapping, key)
    if path not in doc.marks:
        return _insert(src, doc, mapping, [f"{key}: [{scalar(item, flow=True)}]"], False, None)
    current = _value(doc, path)
    if current is None:
        return _replace_scalar(src, doc, path, f"[{scalar(item, flow=True)}]")
    if not isinstance(current, list):
        raise SpliceError(T("'{key}' is not a list", key=key))
    mark = doc.marks[path]
    if _is_flow(src, doc, path):
        close = src.end(mark) - 1  # the offset of ']'
        if not current:
            return _splice(src.text, close, close, scalar(item, flow=True))
        at = _last_end(src, doc, path)
        return _splice(src.text, at, at, f", {scalar(item, flow=True)}")
    last = src.start(doc.marks[(*path, len(current) - 1)])
    prefix = src.text[src.line_start(last) : last]
    if not re.fullmatch(r" *- +", prefix):
        raise SpliceError(
            T(
                "the items of '{key}' are laid out unusually; add '{item}' by hand",
                item=item,
                key=key,
            )
        )
    at = src.after_line(_content_end(src, doc, _last_value(src, doc, path)))
    return _splice(src.text, at, at, f"{prefix}{scalar(item)}{src.newline(last)}")


def _replace_scalar(src: Lines, doc: Document, path: Path_, rendered: str) -> str:
    _check_key(src, doc, path)
    if isinstance(_value(doc, path), dict | list):
        raise SpliceError(T("'{key}' holds a list or mapping, not a single value", key=path[-1]))
    mark = doc.marks[path]
    start, end = src.start(mark), src.end(mark)
    if _value(doc, path) is None and doc.key_marks.get(path) == mark:
        # `key:` with nothing after it stands at its key (see the loader): the value goes
        # right after the key's colon.
        colon = src.text.find(":", end)
        start = end = colon + 1 if colon >= 0 else end
    region = src.text[start:end]
    if region[:1] in ("|", ">"):
        # A block scalar ends at the start of the next line: keep its line break and any
        # blank lines after its content.
        rest = region[len(region.rstrip(" \t\r\n")) :]
        newline = rest.find("\n")
        rendered += src.newline(start) + (rest[newline + 1 :] if newline >= 0 else "")
    elif start == end and src.text[start - 1 : start] == ":":
        rendered = " " + rendered  # `key:` with nothing after it
    return _splice(src.text, start, end, rendered)


def _insert(
    src: Lines,
    doc: Document,
    mapping: Path_,
    lines: list[str],
    flow: bool,
    after: str | None,
) -> str:
    if flow:
        if len(lines) != 1:
            raise SpliceError(T("the mapping is written in flow style {...}; edit it by hand"))
        at = _last_end(src, doc, mapping)
        return _splice(src.text, at, at, f", {lines[0]}")
    keys = [k for k in doc.key_marks if len(k) == len(mapping) + 1 and k[:-1] == mapping]
    if not keys:
        raise SpliceError(T("nothing to add after: the mapping is empty"))
    column = doc.key_marks[keys[0]].column
    below = (*mapping, after) if after is not None and (*mapping, after) in doc.marks else mapping
    if below == mapping:
        last = _last_value(src, doc, mapping)
    elif isinstance(_value(doc, below), dict | list) and not _is_flow(src, doc, below):
        last = _last_value(src, doc, below)
    else:
        last = below
    end = _content_end(src, doc, last)
    at = src.after_line(end)
    newline = src.newline(src.line_start(end))
    indent = " " * (column - 1)
    block = "".join(f"{indent}{line}{newline}" for line in lines)
    if at == len(src.text) and not src.text.endswith("\n"):
        block = newline + block
    return _splice(src.text, at, at, block)


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]
