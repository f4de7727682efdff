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

import bisect
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
MAX_SECONDS = 5.0  # parsing time per file; checked every _CLOCK_EVERY events
_CLOCK_EVERY = 2048

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
    text: str | None = None  # the whole file decoded, when it is UTF-8 within the size limit


@dataclass(slots=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_events: int = MAX_EVENTS
    max_seconds: float = MAX_SECONDS


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
# YAML's document end marker closes a front matter too (Jekyll and Hugo accept it).
_CLOSING_FENCE = re.compile(r"(---|\.\.\.)[ \t]*\r?")


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
        if _CLOSING_FENCE.fullmatch(lines[index]):
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


class _Lines:
    """The parser's character index as the line and column that git and editors show.

    PyYAML and libyaml also break lines at a lone CR, NEL (U+0085) and the Unicode line and
    paragraph separators, which git, the web view and editors do not; and they place the end
    of the stream on a line after the last one. Positions are therefore taken from the
    character index, counting LF only, and clamped to the lines the text holds.
    """

    __slots__ = ("last", "length", "offset", "starts")

    def __init__(self, text: str, offset: int) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.length = len(text)
        self.offset = offset
        # A final LF ends the last line; it does not open another one.
        self.last = len(self.starts) - 1 if text.endswith("\n") else len(self.starts)
        self.last = max(self.last, 1)

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character index, inside the text's lines."""
        index = max(0, min(index, self.length))
        line = bisect.bisect_right(self.starts, index)
        if line > self.last:
            # The end of the stream after a final LF: the end of the last line.
            line = self.last
            index = self.starts[line] - 1 if line < len(self.starts) else self.length
        return line + self.offset, index - self.starts[line - 1] + 1

    def mark(self, start: Any, end: Any) -> Mark:
        line, column = self.position(start.index)
        end_line, end_column = self.position(end.index)
        return Mark(line, column, end_line, end_column)


def _mark(event: Any, lines: _Lines) -> Mark:
    return lines.mark(event.start_mark, event.end_mark)


def _prescan(
    path: str, text: str, lines: _Lines, limits: Limits, loader: Any
) -> tuple[list[Any] | None, list[Problem]]:
    """All events of `text`, or the problem that stops the file before values are built."""
    odd = _ODD.search(text)
    if odd:
        return None, [_odd_character(path, text, odd.start(), lines)]
    directive = _DIRECTIVE.search(text)
    if directive:
        line, _column = lines.position(directive.start())
        problem = Problem(
            "KR003",
            Source(path, line, 1),
            T("a YAML directive ('%YAML', or a '%TAG' tag directive) is not allowed"),
            T("remove the directive line, or indent the text or put it in quotes"),
        )
        return None, [problem]
    tab = _LEADING_TAB.search(text)
    if tab:
        # The C and Python parsers disagree on some tabs (SPEC §2.2): refuse them alike.
        line, column = lines.position(tab.end() - 1)
        return (
            None,
            [
                Problem(
                    "KR001",
                    Source(path, line, column),
                    T("tab character in indentation"),
                    T("indent YAML with spaces only"),
                )
            ],
        )
    events: list[Any] = []
    depth = 0
    documents = 0
    deadline = time.monotonic() + limits.max_seconds
    try:
        for event in yaml.parse(text, Loader=loader):
            if len(events) % _CLOCK_EVERY == 0 and time.monotonic() > deadline:
                problem = Problem(
                    "KR003",
                    Source(path, _mark(event, lines).line, 1),
                    T(
                        "reading the file took longer than {seconds} seconds",
                        seconds=limits.max_seconds,
                    ),
                    T("split the file: no network file needs this long to read"),
                )
                return None, [problem]
            stop = _refused(path, event, lines, depth, documents, limits)
            if stop is not None:
                return None, [stop]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
            events.append(event)
            if len(events) > limits.max_events:
                m = _mark(event, lines)
                problem = Problem(
                    "KR003",
                    Source(path, m.line, m.column),
                    T("more than {limit} YAML values", limit=limits.max_events),
                    T("split the file: no network file needs this many values"),
                )
                return None, [problem]
    except yaml.YAMLError as exc:
        return None, [_syntax(path, exc, lines)]
    except Exception as exc:  # PyYAML leaks ValueError, AttributeError, IndexError
        problem = Problem(
            "KR001",
            Source(path, lines.offset + 1, 1),
            T("the YAML parser failed: {error}", error=type(exc).__name__),
            T("check the file for unusual characters or structure"),
        )
        return None, [problem]
    return events, []


def _refused(
    path: str, event: Any, lines: _Lines, depth: int, documents: int, limits: Limits
) -> Problem | None:
    """The problem that stops the file at this event, if any: checked before values exist."""
    if isinstance(event, yaml.AliasEvent):
        return _unsafe(path, event, lines, T("alias '*{name}'", name=event.anchor))
    if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
        return _unsafe(path, event, lines, T("anchor '&{name}'", name=event.anchor))
    if isinstance(event, yaml.CollectionStartEvent | yaml.ScalarEvent) and _explicit_tag(event):
        tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
        return _unsafe(path, event, lines, T("tag '{tag}'", tag=tag))
    if isinstance(event, yaml.CollectionStartEvent) and depth >= limits.max_depth:
        m = _mark(event, lines)
        return Problem(
            "KR003",
            Source(path, m.line, m.column),
            T("nesting deeper than {limit} levels", limit=limits.max_depth),
            T("network data is never this deep: flatten the structure"),
        )
    if (
        isinstance(event, yaml.ScalarEvent)
        and event.style == '"'
        and _SURROGATE.search(event.value)
    ):
        # PyYAML turns "\ud800" into a lone surrogate (which no output can encode); libyaml
        # refuses it. Refuse it alike.
        m = _mark(event, lines)
        return Problem(
            "KR001",
            Source(path, m.line, m.column),
            T("YAML does not parse: an escape for an invalid Unicode character"),
            T("remove the '\\u' escape, or write the character itself"),
        )
    if isinstance(event, yaml.DocumentStartEvent) and documents >= 1:
        m = _mark(event, lines)
        return Problem(
            "KR001",
            Source(path, m.line, m.column),
            T("more than one YAML document in one file"),
            T("remove the second '---' and keep one document per file"),
        )
    return None


# Characters YAML 1.1 does not allow as text (its non-printable set), a byte-order mark
# inside the file, and a lone CR (a line break to the parsers, not to git and editors):
# refused before either parser runs, so both agree and every line is an editor's line.
_ODD = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|\r(?!\n)"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# A '%' in the first column is a directive (%YAML, %TAG) to both parsers, which disagree on
# which ones they accept; network data needs none.
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


def _odd_character(path: str, text: str, at: int, lines: _Lines) -> Problem:
    char = text[at]
    line, column = lines.position(at)
    source = Source(path, line, column)
    name = f"U+{ord(char):04X}"
    if char == "\ufeff":
        return Problem(
            "KR004",
            source,
            T("a byte-order mark ({name}) inside the file", name=name),
            T("delete the invisible character (retype the text around it)"),
        )
    if char == "\r":
        return Problem(
            "KR001",
            source,
            T("a line break other than a newline ({name})", name=name),
            T("replace it with an ordinary line break, or a space"),
        )
    return Problem(
        "KR004",
        source,
        T("control character {name} is not text", name=name),
        T("delete the invisible character (retype the text around it)"),
    )


def _second_opinion(text: str, events: list[Any] | None) -> bool:
    """Whether the Python parser must decide a text that libyaml has read.

    libyaml stops at its own nesting limit before the pre-scan sees the depth, words its
    errors differently, accepts tags and tabs that the Python parser refuses, and accepts
    a comment glued to a block scalar's `|` or `>`. Where any of that could matter the
    Python parser decides, so both paths give one answer (SPEC §2.2); ordinary files are
    read by libyaml alone.
    """
    if events is None or "\t" in text:
        return True
    odd = _FLOW_ODDITY.search(text) is not None
    for event in events:
        if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
            return True
        if odd and isinstance(event, yaml.CollectionStartEvent) and event.flow_style:
            return True
    return False


# Inside [..] and {..} libyaml reads some '?' and '>' as text where the Python parser fails.
_FLOW_ODDITY = re.compile(r"[?>|]")


def _explicit_tag(event: Any) -> bool:
    if event.tag is None:
        return False
    if isinstance(event, yaml.ScalarEvent):
        # A plain scalar without a tag carries implicit=(True, False); the parser fills in
        # "!" for untagged non-plain scalars. Anything else was written by the author.
        return bool(event.tag != "!")
    return not event.implicit


def _unsafe(path: str, event: Any, lines: _Lines, what: Any) -> Problem:
    m = _mark(event, lines)
    return Problem(
        "KR003",
        Source(path, m.line, m.column, m.end_line, m.end_column),
        T("{what} is not allowed in network data", what=what),
        T("write the value out in full: anchors, aliases and tags are refused for safety"),
    )


def _syntax(path: str, exc: yaml.YAMLError, lines: _Lines) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    # A ReaderError (a character YAML does not allow) has no mark, only a position.
    index = mark.index if mark is not None else getattr(exc, "position", None)
    line, column = lines.position(index) if isinstance(index, int) else (lines.offset + 1, 1)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "'\\t'" in str(problem):
        return Problem(
            "KR001",
            Source(path, line, column),
            T("tab character where YAML does not allow one"),
            T("replace the tab with spaces; a tab is only safe inside quotes"),
        )
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


@dataclass(slots=True)
class _Builder:
    path: str
    lines: _Lines
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def build(self, events: list[Any]) -> Any:
        it = iter(events)
        for event in it:
            if isinstance(event, yaml.DocumentStartEvent):
                return self._node(next(it), it, ())
        return None

    def _node(self, event: Any, it: Iterable[Any], at: Path_) -> Any:
        self.marks[at] = _mark(event, self.lines)
        if isinstance(event, yaml.ScalarEvent):
            if event.style is None or event.style == "":
                value = resolve_plain(event.value)
                if not isinstance(value, str) or value.lower() in YAML11_BOOLEANS:
                    self.raw[at] = event.value
                return value
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in it:
                if isinstance(child, yaml.SequenceEndEvent):
                    self._close(at, child)
                    return items
                items.append(self._node(child, it, (*at, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            first_seen: dict[str, Mark] = {}
            for key_event in it:
                if isinstance(key_event, yaml.MappingEndEvent):
                    self._close(at, key_event)
                    return mapping
                key_mark = _mark(key_event, self.lines)
                if not isinstance(key_event, yaml.ScalarEvent):
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
                value_event = next(iter(it))
                child_at = (*at, key)
                if key in first_seen:
                    first = first_seen[key]
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
                    self._forget(child_at)
                first_seen[key] = key_mark
                self.key_marks[child_at] = key_mark
                mapping[key] = self._node(value_event, it, child_at)
                if _is_empty(value_event):
                    # `key:` with nothing after it: the parsers disagree on where that
                    # nothing stands, so it stands at its key.
                    self.marks[child_at] = key_mark
            return mapping
        raise ValueError(f"unexpected event {type(event).__name__}")  # pragma: no cover

    def _close(self, at: Path_, end_event: Any) -> None:
        start = self.marks[at]
        end_line, end_column = self.lines.position(end_event.end_mark.index)
        self.marks[at] = Mark(start.line, start.column, end_line, end_column)

    def _forget(self, at: Path_) -> None:
        # The later key wins, as in PyYAML; drop the positions of the earlier value.
        n = len(at)
        for table in (self.marks, self.raw):
            for key in [k for k in table if k[:n] == at]:
                del table[key]


# YAML 1.1 parsers (PyYAML, libyaml) break lines at NEL and the Unicode line and paragraph
# separators, which YAML 1.2, git and editors treat as ordinary (invisible) characters: the
# same file would mean one thing here and another elsewhere.
_SEPARATOR = re.compile("[\x85\u2028\u2029]")


def _separator(path: str, found: re.Match[str], lines: _Lines) -> Problem:
    line, column = lines.position(found.start())
    return Problem(
        "KR001",
        Source(path, line, column),
        T(
            "invisible line-break character U+{code} in the YAML",
            code=f"{ord(found.group()):04X}",
        ),
        T("delete it; it often comes with text pasted from a web page or a word processor"),
    )


def _is_empty(event: Any) -> bool:
    return isinstance(event, yaml.ScalarEvent) and not event.style and event.value == ""


def parse_yaml(path: str, text: str, offset: int = 0, limits: Limits | None = None) -> Parsed:
    """Parse one YAML text (a file or a front matter starting after `offset` lines)."""
    limits = limits or Limits()
    lines = _Lines(text, offset)
    separator = _SEPARATOR.search(text)
    if separator:
        return Parsed(None, (_separator(path, separator, lines),))
    loader = loader_class()
    events, problems = _prescan(path, text, lines, limits, loader)
    if loader is not yaml.SafeLoader and _second_opinion(text, events):
        events, problems = _prescan(path, text, lines, limits, yaml.SafeLoader)
    if events is None:
        return Parsed(None, tuple(problems))
    builder = _Builder(path, lines)
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
    document = Document(data, builder.marks, builder.key_marks, builder.raw, lines.last + offset)
    return Parsed(document, tuple(builder.problems))


def parse_file(path: str, data: bytes, *, markdown: bool, limits: Limits | None = None) -> Parsed:
    """Bytes of one network file to its document (or None) and the problems met on the way."""
    limits = limits or Limits()
    text, problems = decode(path, data, limits)
    if text is None:
        return Parsed(None, tuple(problems))
    if not markdown:
        parsed = parse_yaml(path, text, 0, limits)
        return Parsed(parsed.document, parsed.problems, text=text)
    front, offset, body, body_line, problems = split_front_matter(path, text)
    if front is None:
        return Parsed(None, tuple(problems), body, body_line, text)
    parsed = parse_yaml(path, front, offset, limits)
    return Parsed(parsed.document, parsed.problems, body, body_line, text)
