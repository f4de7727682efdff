"""Bytes to safe YAML values with positions (SPEC §2.2).

The stages, in order, each able to stop the file with a finding:

1. bytes: size limit, byte-order mark, NUL bytes, strict UTF-8;
2. front matter split for Markdown files (offset kept for positions);
3. event pre-scan: every parser event is looked at *before* any value is built, so that
   anchors, aliases, explicit tags and deep nesting are refused before they can explode
   (alias bombs) or crash libyaml's recursive composer (~30,000 levels);
4. values built from those events with YAML 1.2 core-schema scalars (dates stay strings),
   duplicate keys reported with both lines, and every value's position recorded.

Nothing here raises for bad input: every parser exception becomes a Problem.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from kring.findings import Problem, Source
from kring.i18n import T

try:  # libyaml where available (SPEC §2.2); KRING_PURE_YAML=1 forces the Python parser.
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _FastLoader = None  # type: ignore[assignment,misc]

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_EVENTS = 200_000

Path_ = tuple[str | int, ...]


class Mark(NamedTuple):
    """Where a value or key stands: 1-based line and column of its start and end.

    A named tuple, not a dataclass: a loaded network holds one per value (half a million
    in ten thousand files), and a tuple is built several times faster.
    """

    line: int
    column: int
    end_line: int
    end_column: int


class Document:
    """Parsed YAML values with the position of every value and every mapping key.

    `marks[path]` is where the value at `path` stands; `key_marks[path]` is where the key
    that introduces it stands. `raw[path]` keeps the source text of plain scalars that
    resolved to something other than a string (KR102 quotes them back to the user).

    Immutable by convention, like the records. Not a dataclass for one reason: a document
    from the cache (cache.py) keeps its positions packed until a check first asks for them,
    since a warm run over ten thousand unchanged files usually reports at none of them.
    """

    __slots__ = ("_key_marks", "_marks", "_packed", "data", "last_line", "raw")

    def __init__(
        self,
        data: Any,
        marks: dict[Path_, Mark],
        key_marks: dict[Path_, Mark],
        raw: dict[Path_, str],
        last_line: int,
    ) -> None:
        self.data = data
        self._marks: dict[Path_, Mark] | None = marks
        self._key_marks: dict[Path_, Mark] | None = key_marks
        self._packed: Callable[[], tuple[dict[Path_, Mark], dict[Path_, Mark]]] | None = None
        self.raw = raw
        self.last_line = last_line

    @classmethod
    def packed(
        cls,
        data: Any,
        unpack: Callable[[], tuple[dict[Path_, Mark], dict[Path_, Mark]]],
        raw: dict[Path_, str],
        last_line: int,
    ) -> Document:
        """A document whose positions `unpack()` returns when they are first needed."""
        document = cls(data, {}, {}, raw, last_line)
        document._marks = document._key_marks = None
        document._packed = unpack
        return document

    def _unpack(self) -> None:
        assert self._packed is not None
        self._marks, self._key_marks = self._packed()
        self._packed = None

    @property
    def marks(self) -> dict[Path_, Mark]:
        if self._marks is None:
            self._unpack()
        assert self._marks is not None
        return self._marks

    @property
    def key_marks(self) -> dict[Path_, Mark]:
        if self._key_marks is None:
            self._unpack()
        assert self._key_marks is not None
        return self._key_marks

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.data, self.marks, self.key_marks, self.raw, self.last_line) == (
            other.data,
            other.marks,
            other.key_marks,
            other.raw,
            other.last_line,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Document(data={self.data!r}, last_line={self.last_line})"


@dataclass(frozen=True, slots=True)
class Parsed:
    document: Document | None
    problems: tuple[Problem, ...]
    body: str = ""
    body_line: int = 0  # the body's first line in the file (Markdown), 0 for YAML files


@dataclass(slots=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_events: int = MAX_EVENTS


def loader_class() -> type[yaml.SafeLoader] | type[Any]:
    if _FastLoader is not None and os.environ.get("KRING_PURE_YAML") != "1":
        return _FastLoader
    return yaml.SafeLoader


# --- stage 1: bytes -----------------------------------------------------------------------


def _line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    # Columns count characters, so decode the line's prefix leniently.
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, column


def decode(path: str, data: bytes, limits: Limits) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 text, or the reason it is not (KR003 size, KR004 encoding)."""
    if len(data) > limits.max_bytes:
        return None, [
            Problem(
                "KR003",
                Source(path),
                T(
                    "file is {size} KiB, over the limit of {limit} KiB",
                    size=(len(data) + 1023) // 1024,
                    limit=limits.max_bytes // 1024,
                ),
                T("split the file, or move long minutes out of the repository"),
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                "KR004",
                Source(path),
                T("file is UTF-16, not UTF-8"),
                T("save the file as UTF-8 without a byte-order mark"),
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                "KR004",
                Source(path),
                T("file starts with a byte-order mark"),
                T("save the file as UTF-8 without a byte-order mark (BOM)"),
            )
        ]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _line_col_of_offset(data, nul)
        return None, [
            Problem(
                "KR004",
                Source(path, line, column),
                T("file contains a NUL byte: this is not a text file"),
                T("remove the file, or save it again as plain UTF-8 text"),
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = _line_col_of_offset(data, exc.start)
        return None, [
            Problem(
                "KR004",
                Source(path, line, column),
                T("byte 0x{byte} is not valid UTF-8", byte=f"{data[exc.start]:02x}"),
                T("save the file as UTF-8 (it looks like Latin-1 or Windows-1252)"),
            )
        ]


# --- stage 2: front matter ----------------------------------------------------------------

_FENCE = re.compile(r"---[ \t]*\r?")


def split_front_matter(path: str, text: str) -> tuple[str | None, int, str, int, list[Problem]]:
    """(front matter, its first line - 1, body, body's first line, problems)."""
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        return (
            None,
            0,
            text,
            1,
            [
                Problem(
                    "KR001",
                    Source(path, 1, 1),
                    T("missing front matter: the file must start with a line '---'"),
                    T("start the file with '---', the YAML fields, and another '---' line"),
                )
            ],
        )
    for index in range(1, len(lines)):
        if _FENCE.fullmatch(lines[index]) or lines[index].rstrip("\r") == "...":
            front = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return front, 1, body, index + 2, []
    return (
        None,
        0,
        "",
        len(lines),
        [
            Problem(
                "KR001",
                Source(path, 1, 1),
                T("unterminated front matter: the '---' on line 1 is never closed"),
                T("end the YAML fields with a line that holds only '---'"),
            )
        ],
    )


# --- stage 3: event pre-scan ----------------------------------------------------------------

_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)

# Exact event types, compared with `is`: both parsers create these classes and no others,
# and one identity test per event is what keeps the pre-scan cheap at ten thousand files.
_Scalar = yaml.ScalarEvent
_MapStart = yaml.MappingStartEvent
_SeqStart = yaml.SequenceStartEvent
_MapEnd = yaml.MappingEndEvent
_SeqEnd = yaml.SequenceEndEvent
_Alias = yaml.AliasEvent
_DocStart = yaml.DocumentStartEvent
_StreamEnd = yaml.StreamEndEvent


# Mark(a, b, c, d) without the named tuple's Python-level __new__: same object, one C call.
_new_mark: Any = tuple.__new__


def _mark(event: Any, offset: int) -> Mark:
    s, e = event.start_mark, event.end_mark
    mark: Mark = _new_mark(
        Mark, (s.line + 1 + offset, s.column + 1, e.line + 1 + offset, e.column + 1)
    )
    return mark


def _prescan(
    path: str, text: str, offset: int, limits: Limits
) -> tuple[list[Any] | None, list[Problem]]:
    """All events of `text`, or the problem that stops the file before values are built."""
    tab = _LEADING_TAB.search(text)
    if tab:
        # The C and Python parsers disagree on some tabs (SPEC §2.2): refuse them alike.
        line = text.count("\n", 0, tab.start()) + 1 + offset
        column = tab.end() - tab.start()
        return None, [
            Problem(
                "KR001",
                Source(path, line, column),
                T("tab character in indentation"),
                T("indent YAML with spaces only"),
            )
        ]
    events: list[Any] = []
    append = events.append
    depth = 0
    documents = 0
    max_depth = limits.max_depth
    max_events = limits.max_events
    parser = loader_class()(text)
    # The parser's own get_event, not yaml.parse(): the generator around it costs as much
    # as the events themselves.
    get_event = parser.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _Scalar:
                if event.anchor is not None:
                    return None, [_unsafe(path, event, offset, _anchor(event))]
                # A plain scalar without a tag has tag None; the parser fills in "!" for
                # untagged non-plain scalars. Any other tag was written by the author.
                if event.tag is not None and event.tag != "!":
                    return None, [_unsafe(path, event, offset, _tag(event))]
            elif kind is _MapStart or kind is _SeqStart:
                if event.anchor is not None:
                    return None, [_unsafe(path, event, offset, _anchor(event))]
                if event.tag is not None and not event.implicit:
                    return None, [_unsafe(path, event, offset, _tag(event))]
                depth += 1
                if depth > max_depth:
                    m = _mark(event, offset)
                    return None, [
                        Problem(
                            "KR003",
                            Source(path, m.line, m.column),
                            T("nesting deeper than {limit} levels", limit=max_depth),
                            T("network data is never this deep: flatten the structure"),
                        )
                    ]
            elif kind is _MapEnd or kind is _SeqEnd:
                depth -= 1
            elif kind is _Alias:
                return None, [_unsafe(path, event, offset, T("alias '*{name}'", name=event.anchor))]
            elif kind is _DocStart:
                documents += 1
                if documents > 1:
                    m = _mark(event, offset)
                    return None, [
                        Problem(
                            "KR001",
                            Source(path, m.line, m.column),
                            T("more than one YAML document in one file"),
                            T("remove the second '---' and keep one document per file"),
                        )
                    ]
            elif kind is _StreamEnd or event is None:
                break
            append(event)
            if len(events) > max_events:
                return None, [
                    Problem(
                        "KR003",
                        Source(path),
                        T("more than {limit} YAML values", limit=max_events),
                        T("split the file: no network file needs this many values"),
                    )
                ]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax(path, exc, offset)]
    except yaml.YAMLError as exc:
        return None, [_syntax(path, exc, offset)]
    except Exception as exc:  # PyYAML leaks ValueError, AttributeError, IndexError
        return None, [
            Problem(
                "KR001",
                Source(path, 1 + offset, 1),
                T("the YAML parser failed: {error}", error=type(exc).__name__),
                T("check the file for unusual characters or structure"),
            )
        ]
    finally:
        parser.dispose()
    return events, []


def _anchor(event: Any) -> Any:
    return T("anchor '&{name}'", name=event.anchor)


def _tag(event: Any) -> Any:
    return T("tag '{tag}'", tag=str(event.tag).replace("tag:yaml.org,2002:", "!!"))


def _unsafe(path: str, event: Any, offset: int, what: Any) -> Problem:
    m = _mark(event, offset)
    return Problem(
        "KR003",
        Source(path, m.line, m.column, m.end_line, m.end_column),
        T("{what} is not allowed in network data", what=what),
        T("write the value out in full: anchors, aliases and tags are refused for safety"),
    )


def _syntax(path: str, exc: yaml.YAMLError, offset: int) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else 1 + offset
    column = mark.column + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    return Problem(
        "KR001",
        Source(path, line, column),
        T("YAML does not parse: {detail}", detail=message),
        _syntax_hint(str(problem)),
    )


def _syntax_hint(problem: str) -> Any:
    if "mapping values are not allowed" in problem:
        return T("put text that contains ': ' in quotes, or indent the nested keys")
    if "could not find expected ':'" in problem:
        return T("each line needs 'key: value'; check the indentation and quotes")
    if "found character '\\t'" in problem or "tab" in problem:
        return T("indent YAML with spaces only")
    if "did not find expected" in problem or "expected <block end>" in problem:
        return T("check the indentation: items of one list or mapping line up exactly")
    if "found unexpected end of stream" in problem:
        return T("a quote or bracket is opened and never closed")
    return T("check quotes, colons and indentation near this line")


# --- stage 4: values with positions -----------------------------------------------------------

_NULL = {"", "~", "null", "Null", "NULL"}
# Words YAML 1.1 read as booleans; under 1.2 they are text, which KR102 points out.
YAML11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# YAML 1.2 core schema, with SPEC §2.2's reading: decimal only, no leading zeros, so that
# codes such as 010 or 0612345678 stay text.
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar's value under the YAML 1.2 core schema."""
    first = text[:1]
    if first.isalpha() and first not in "nNtTfF":
        return text  # a word: no null, boolean, integer or float starts with this letter
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    if (
        ("." in text or "e" in text or "E" in text)
        and _FLOAT.fullmatch(text)
        and any(c.isdigit() for c in text)
        and not text.lstrip("+-").startswith(("e", "E"))
    ):
        try:
            return float(text)
        except ValueError:
            return text
    return text


class _Builder:
    """Values from pre-scanned events, with every value's and key's Mark."""

    __slots__ = ("key_marks", "marks", "offset", "path", "problems", "raw")

    def __init__(self, path: str, offset: int) -> None:
        self.path = path
        self.offset = offset
        self.marks: dict[Path_, Mark] = {}
        self.key_marks: dict[Path_, Mark] = {}
        self.raw: dict[Path_, str] = {}
        self.problems: list[Problem] = []

    def build(self, events: list[Any]) -> Any:
        it = iter(events)
        for event in it:
            if type(event) is _DocStart:
                return self._node(next(it), it, ())
        return None

    def _node(self, event: Any, it: Iterator[Any], at: Path_) -> Any:
        kind = type(event)
        offset = self.offset
        start = event.start_mark
        line, column = start.line + 1 + offset, start.column + 1
        if kind is _Scalar:
            stop = event.end_mark
            self.marks[at] = _new_mark(
                Mark, (line, column, stop.line + 1 + offset, stop.column + 1)
            )
            value = event.value
            if event.style is None or event.style == "":
                resolved = resolve_plain(value)
                if resolved is not value or (len(value) <= 3 and value.lower() in YAML11_BOOLEANS):
                    self.raw[at] = value
                return resolved
            return value
        marks = self.marks
        # A placeholder keeps the parent's place before its children in `marks`; the end
        # is known at the closing event.
        marks[at] = _new_mark(Mark, (line, column, line, column))
        if kind is _SeqStart:
            items: list[Any] = []
            for child in it:
                if type(child) is _SeqEnd:
                    close: Any = child.end_mark
                    marks[at] = _new_mark(
                        Mark, (line, column, close.line + 1 + offset, close.column + 1)
                    )
                    return items
                items.append(self._node(child, it, (*at, len(items))))
            return items
        if kind is _MapStart:
            mapping: dict[str, Any] = {}
            for key_event in it:
                key_kind = type(key_event)
                if key_kind is _MapEnd:
                    close = key_event.end_mark
                    marks[at] = _new_mark(
                        Mark, (line, column, close.line + 1 + offset, close.column + 1)
                    )
                    return mapping
                ks, ke = key_event.start_mark, key_event.end_mark
                key_mark: Mark = _new_mark(
                    Mark, (ks.line + 1 + offset, ks.column + 1, ke.line + 1 + offset, ke.column + 1)
                )
                if key_kind is not _Scalar:
                    # A list or mapping used as a key: consume it, then report it.
                    self._node(key_event, it, (*at, "?"))
                    self.problems.append(
                        Problem(
                            "KR001",
                            Source(self.path, key_mark.line, key_mark.column),
                            T("a key must be plain text, not a list or mapping"),
                            T("write the key as a word followed by ':'"),
                        )
                    )
                    key = f"?{key_mark.line}:{key_mark.column}"
                else:
                    key = key_event.value
                child_at = (*at, key)
                if key in mapping:
                    self._duplicate(key, child_at, key_mark)
                self.key_marks[child_at] = key_mark
                value_event: Any = next(it)
                value_kind = type(value_event)
                if value_kind is not _Scalar:
                    mapping[key] = self._node(value_event, it, child_at)
                    continue
                # The most common node, a scalar mapping value, inline: exactly the scalar
                # branch above, without a call per value.
                vs, ve = value_event.start_mark, value_event.end_mark
                marks[child_at] = _new_mark(
                    Mark, (vs.line + 1 + offset, vs.column + 1, ve.line + 1 + offset, ve.column + 1)
                )
                value = value_event.value
                if value_event.style is None or value_event.style == "":
                    resolved = resolve_plain(value)
                    if resolved is not value or (
                        len(value) <= 3 and value.lower() in YAML11_BOOLEANS
                    ):
                        self.raw[child_at] = value
                    value = resolved
                mapping[key] = value
            return mapping
        raise ValueError(f"unexpected event {kind.__name__}")  # pragma: no cover

    def _duplicate(self, key: str, at: Path_, key_mark: Mark) -> None:
        first = self.key_marks[at]
        self.problems.append(
            Problem(
                "KR002",
                Source(
                    self.path,
                    key_mark.line,
                    key_mark.column,
                    key_mark.end_line,
                    key_mark.end_column,
                ),
                T(
                    "key '{key}' is given twice: on line {first} and line {second}",
                    key=key,
                    first=first.line,
                    second=key_mark.line,
                ),
                T("keep one '{key}' and remove the other", key=key),
            )
        )
        # The later key wins, as in PyYAML; drop the positions of the earlier value.
        n = len(at)
        for table in (self.marks, self.raw):
            for stale in [k for k in table if k[:n] == at]:
                del table[stale]


def parse_yaml(path: str, text: str, offset: int = 0, limits: Limits | None = None) -> Parsed:
    """Parse one YAML text (a file or a front matter starting after `offset` lines)."""
    limits = limits or Limits()
    events, problems = _prescan(path, text, offset, limits)
    if events is None:
        return Parsed(None, tuple(problems))
    builder = _Builder(path, offset)
    try:
        data = builder.build(events)
    except Exception as exc:  # defensive: a builder bug must not crash a run
        return Parsed(
            None,
            (
                Problem(
                    "KR001",
                    Source(path, 1 + offset, 1),
                    T("the YAML parser failed: {error}", error=type(exc).__name__),
                ),
            ),
        )
    last_line = text.count("\n") + 1 + offset
    document = Document(data, builder.marks, builder.key_marks, builder.raw, last_line)
    return Parsed(document, tuple(builder.problems))


def parse_file(path: str, data: bytes, *, markdown: bool, limits: Limits | None = None) -> Parsed:
    """Bytes of one network file to its document (or None) and the problems met on the way."""
    limits = limits or Limits()
    text, problems = decode(path, data, limits)
    if text is None:
        return Parsed(None, tuple(problems))
    if not markdown:
        return parse_yaml(path, text, 0, limits)
    front, offset, body, body_line, problems = split_front_matter(path, text)
    if front is None:
        return Parsed(None, tuple(problems), body, body_line)
    parsed = parse_yaml(path, front, offset, limits)
    return Parsed(parsed.document, parsed.problems, body, body_line)
