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

import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from sys import intern
from typing import Any

import yaml

from kring.core import corrections
from kring.core.codes import Code
from kring.core.document import (
    Document,
    Limits,
    Mark,
    Path_,
)
from kring.core.findings import Problem, Source
from kring.core.i18n import Quoted, T

try:  # libyaml where available (SPEC §2.2); KRING_PURE_YAML=1 forces the Python parser.
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _FastLoader = None  # type: ignore[assignment,misc]

_CLOCK_EVERY = 2048  # events between two looks at the clock (Limits.max_seconds)


@dataclass(frozen=True, slots=True)
class Parsed:
    document: Document | None
    problems: tuple[Problem, ...]
    body: str = ""
    body_line: int = 0  # the body's first line in the file (Markdown), 0 for YAML files
    text: str | None = None  # the whole file decoded, when it is UTF-8 within the size limit
    # the scalars (value or key) that do not read as written: quoted, or over several lines
    decoded: tuple[Decoded, ...] = ()


@dataclass(frozen=True, slots=True)
class Decoded:
    """A scalar whose value is not its text in the file: quoted (escapes), or over more
    than one line (folded, continued). SPEC §2.2: the checks see what it decodes to."""

    at: Path_
    key: bool  # the key that introduces `at`, not the value at it
    escapes: bool  # double-quoted: escapes may build any character


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
                Code.UNSAFE_YAML,
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
                Code.ENCODING,
                Source(path),
                T("file is UTF-16, not UTF-8"),
                T("save the file as UTF-8 without a byte-order mark"),
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                Code.ENCODING,
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
                Code.ENCODING,
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
                Code.ENCODING,
                Source(path, line, column),
                T("byte 0x{byte} is not valid UTF-8", byte=f"{data[exc.start]:02x}"),
                T("save the file as UTF-8 (it looks like Latin-1 or Windows-1252)"),
            )
        ]


# --- stage 2: front matter ----------------------------------------------------------------

_FENCE = re.compile(r"---[ \t]*\r?")
# YAML's document end marker closes a front matter too (Jekyll and Hugo accept it).
# Found in the text as a whole line (a line ends at LF only).
_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def split_front_matter(path: str, text: str) -> tuple[str | None, int, str, int, list[Problem]]:
    """(front matter, its first line - 1, body, body's first line, problems)."""
    first = text.find("\n")
    if not _FENCE.fullmatch(text if first < 0 else text[:first]):
        return (
            None,
            0,
            text,
            1,
            [
                Problem(
                    Code.YAML_SYNTAX,
                    Source(path, 1, 1),
                    T("missing front matter: the file must start with a line '---'"),
                    T("start the file with '---', the YAML fields, and another '---' line"),
                )
            ],
        )
    closing = _CLOSING_LINE.search(text, first + 1) if first >= 0 else None
    if closing is not None:
        index = text.count("\n", 0, closing.start())  # the closing line's 0-based number
        front = text[first + 1 : closing.start()] or "\n"
        after = text.find("\n", closing.end())
        body = "" if after < 0 else text[after + 1 :]
        return front, 1, body, index + 2, []
    return (
        None,
        0,
        "",
        text.count("\n") + 1,
        [
            Problem(
                Code.YAML_SYNTAX,
                Source(path, 1, 1),
                T("unterminated front matter: the '---' on line 1 is never closed"),
                T("end the YAML fields with a line that holds only '---'"),
            )
        ],
    )


# --- stage 3: event pre-scan ----------------------------------------------------------------

_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)

# Exact event types, compared with `is`: both parsers create these classes and no others,
# and one identity test per event is what keeps the pre-scan and the builder cheap at ten
# thousand files.
_Scalar = yaml.ScalarEvent
_MapStart = yaml.MappingStartEvent
_SeqStart = yaml.SequenceStartEvent
_MapEnd = yaml.MappingEndEvent
_SeqEnd = yaml.SequenceEndEvent
_DocStart = yaml.DocumentStartEvent
_StreamEnd = yaml.StreamEndEvent
# Events that carry nothing to refuse (SPEC §2.2 refuses anchors, aliases, tags and depth).
_QUIET = frozenset({yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent})

# Mark(a, b, c, d) without the named tuple's Python-level __new__: the same object, one C call.
_new_mark: Any = tuple.__new__


class _Lines:
    """The parser's character index as the line and column that git and editors show.

    PyYAML and libyaml also break lines at a lone CR, NEL (U+0085) and the Unicode line and
    paragraph separators, which git, the web view and editors do not; and they place the end
    of the stream on a line after the last one. Positions are therefore those of the
    character index, counting LF only, and clamped to the lines the text holds.

    `mark()` takes the parser's own line and column where they are that same position: the
    pre-scan refuses every line break but LF and CRLF before a parser runs, and both parsers
    count characters, so inside the text's lines they agree; only the end of the stream
    (a line after the last one) is computed from the index.
    """

    __slots__ = ("last", "length", "offset", "text")

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.length = len(text)
        self.offset = offset
        # A final LF ends the last line; it does not open another one.
        breaks = text.count("\n")
        self.last = max(breaks if text.endswith("\n") else breaks + 1, 1)

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character index, inside the text's lines."""
        index = max(0, min(index, self.length))
        line = self.text.count("\n", 0, index) + 1
        if line > self.last:
            # The end of the stream after a final LF: the end of the last line, at that LF.
            line = self.last
            index = self.length - 1
        start = self.text.rfind("\n", 0, index) + 1
        return line + self.offset, index - start + 1

    def mark(self, start: Any, end: Any) -> Mark:
        """Where a parser's start and end marks stand (see the class for the fast path)."""
        last = self.last
        offset = self.offset
        if start.line < last:
            line, column = start.line + 1 + offset, start.column + 1
        else:
            line, column = self.position(start.index)
        if end.line < last:
            end_line, end_column = end.line + 1 + offset, end.column + 1
        else:
            end_line, end_column = self.position(end.index)
        mark: Mark = _new_mark(Mark, (line, column, end_line, end_column))
        return mark


def _mark(event: Any, lines: _Lines) -> Mark:
    return lines.mark(event.start_mark, event.end_mark)


def _prescan(
    path: str, text: str, lines: _Lines, limits: Limits, loader: Any
) -> tuple[list[Any] | None, list[Problem]]:
    """All events of `text`, or the problem that stops the file before values are built."""
    # Each scan of the whole text only where it can find something: cheap tests first.
    odd = None if _plain_ascii(text) else _ODD.search(text)
    if odd:
        return None, [_odd_character(path, text, odd.start(), lines)]
    directive = _DIRECTIVE.search(text) if "%" in text else None
    if directive:
        line, _column = lines.position(directive.start())
        problem = Problem(
            Code.UNSAFE_YAML,
            Source(path, line, 1),
            T("a YAML directive ('%YAML', or a '%TAG' tag directive) is not allowed"),
            T("remove the directive line, or indent the text or put it in quotes"),
        )
        return None, [problem]
    tab = _LEADING_TAB.search(text) if "\t" in text else None
    if tab:
        # The C and Python parsers disagree on some tabs (SPEC §2.2): refuse them alike.
        line, column = lines.position(tab.end() - 1)
        return (
            None,
            [
                Problem(
                    Code.YAML_SYNTAX,
                    Source(path, line, column),
                    T("tab character in indentation"),
                    T("indent YAML with spaces only"),
                )
            ],
        )
    events: list[Any] = []
    append = events.append
    count = 0
    depth = 0
    documents = 0
    max_depth = limits.max_depth
    max_events = limits.max_events
    deadline = time.monotonic() + limits.max_seconds
    parser = None
    try:
        parser = loader(text)
        # The parser's own get_event, not yaml.parse(): the generator around it costs about
        # as much as the events themselves.
        get_event = parser.get_event
        while True:
            event = get_event()
            if event is None:
                break
            if count % _CLOCK_EVERY == 0 and time.monotonic() > deadline:
                problem = Problem(
                    Code.UNSAFE_YAML,
                    Source(path, _mark(event, lines).line, 1),
                    T(
                        "reading the file took longer than {seconds} seconds",
                        seconds=limits.max_seconds,
                    ),
                    T("split the file: no network file needs this long to read"),
                )
                return None, [problem]
            # The common events decided here in a few comparisons; anything that may be
            # refused goes to _refused, which decides it in full.
            kind = type(event)
            if kind is _Scalar:
                ordinary = (
                    event.anchor is None
                    and (event.tag is None or event.tag == "!")
                    and (event.style != '"' or not _SURROGATE.search(event.value))
                )
            elif kind is _MapStart or kind is _SeqStart:
                ordinary = (
                    event.anchor is None
                    and (event.tag is None or bool(event.implicit))
                    and depth < max_depth
                )
            elif kind is _MapEnd or kind is _SeqEnd:
                ordinary = True
            elif kind is _DocStart:
                ordinary = documents == 0
            else:
                ordinary = kind in _QUIET
            if not ordinary:
                stop = _refused(path, event, lines, depth, documents, limits)
                if stop is not None:
                    return None, [stop]
            if kind is _MapStart or kind is _SeqStart:
                depth += 1
            elif kind is _MapEnd or kind is _SeqEnd:
                depth -= 1
            elif kind is _DocStart:
                documents += 1
            append(event)
            count += 1
            if count > max_events:
                m = _mark(event, lines)
                problem = Problem(
                    Code.UNSAFE_YAML,
                    Source(path, m.line, m.column),
                    T("more than {limit} YAML values", limit=max_events),
                    T("split the file: no network file needs this many values"),
                )
                return None, [problem]
            if kind is _StreamEnd:
                break  # the parser has no more events to give
    except yaml.YAMLError as exc:
        return None, [_syntax(path, exc, lines)]
    except Exception:  # PyYAML leaks ValueError, AttributeError, IndexError
        problem = Problem(
            Code.YAML_SYNTAX,
            Source(path, lines.offset + 1, 1),
            T("the YAML parser could not read this file"),
            T("check the file for unusual characters or structure"),
        )
        return None, [problem]
    finally:
        if parser is not None:
            parser.dispose()
    return events, []


def _refused(
    path: str, event: Any, lines: _Lines, depth: int, documents: int, limits: Limits
) -> Problem | None:
    """The problem that stops the file at this event, if any: checked before values exist."""
    if isinstance(event, yaml.AliasEvent):
        return _unsafe(path, event, lines, T("alias '*{name}'", name=Quoted(event.anchor)))
    if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
        return _unsafe(path, event, lines, T("anchor '&{name}'", name=Quoted(event.anchor)))
    if isinstance(event, yaml.CollectionStartEvent | yaml.ScalarEvent) and _explicit_tag(event):
        tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
        return _unsafe(path, event, lines, T("tag '{tag}'", tag=Quoted(tag)))
    if isinstance(event, yaml.CollectionStartEvent) and depth >= limits.max_depth:
        m = _mark(event, lines)
        return Problem(
            Code.UNSAFE_YAML,
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
            Code.YAML_SYNTAX,
            Source(path, m.line, m.column),
            T("YAML does not parse: an escape for an invalid Unicode character"),
            T("remove the '\\u' escape, or write the character itself"),
        )
    if isinstance(event, yaml.DocumentStartEvent) and documents >= 1:
        m = _mark(event, lines)
        return Problem(
            Code.YAML_SYNTAX,
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
# The ASCII characters _ODD lets pass (a CR only before LF, which _plain_ascii leaves to it).
_ASCII_TEXT = bytes([9, 10, 13, *range(0x20, 0x7F)])


def _plain_ascii(text: str) -> bool:
    """Whether `text` is ASCII without a CR or control character: then _ODD finds nothing.

    (str.isascii is a flag lookup; bytes.translate deletes in one C pass: several times
    cheaper than the regular expression on the ten thousand files of a large network.)
    """
    return (
        text.isascii()
        and "\r" not in text
        and not text.encode("ascii").translate(None, _ASCII_TEXT)
    )


# A '%' in the first column is a directive (%YAML, %TAG) to both parsers, which disagree on
# which ones they accept; network data needs none.
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


# What no decoded value may hold: C0 controls but tab and line feed, DEL, C1 controls, the
# Unicode line and paragraph separators and a byte-order mark. The pre-scan refuses them in
# the text; an escape in a double-quoted scalar ("\e[2J", "\x85") builds them past it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def escaped_controls(path: str, document: Document, decoded: Iterable[Decoded]) -> list[Problem]:
    """KR004 for each double-quoted value or key whose escapes build a control character
    (SPEC §2.2: the decoded value is what the checks see), at the value."""
    out = []
    for scalar in decoded:
        if not scalar.escapes:
            continue
        found = decoded_text(document, scalar)
        control = _CONTROL.search(found[0]) if found is not None else None
        if found is None or control is None:
            continue
        mark = found[1]
        source = Source(path, mark.line, mark.column, mark.end_line, mark.end_column)
        out.append(_escaped_control(source, control.group()))
    return out


def escaped_control(source: Source, value: str) -> Problem | None:
    """KR004 when `value`, a string an escape built (in a JSON file too), holds a control
    character, at `source`."""
    control = _CONTROL.search(value)
    return _escaped_control(source, control.group()) if control is not None else None


def _escaped_control(source: Source, char: str) -> Problem:
    return Problem(
        Code.ENCODING,
        source,
        T(
            "an escape in this value makes control character {name}, which is not text",
            name=f"U+{ord(char):04X}",
        ),
        T("remove the escape; write the text itself"),
    )


def decoded_text(document: Document, scalar: Decoded) -> tuple[str, Mark] | None:
    """The text of a decoded scalar and its position; None when it is no text (a quoted
    scalar is always text, a multi-line plain one may be a number) or was overwritten by
    a later key of the same name."""
    if scalar.key:
        mark = document.key_marks.get(scalar.at)
        text = scalar.at[-1] if scalar.at else None
    else:
        mark = document.marks.get(scalar.at)
        text = document.data
        for part in scalar.at:
            try:
                text = text[part]
            except (KeyError, IndexError, TypeError):
                return None
    if not isinstance(text, str) or mark is None:
        return None
    return text, mark


def control_character(path: str, text: str) -> Problem | None:
    """KR004 for the first control character, byte-order mark or other character YAML does
    not allow as text in a file that is not YAML (a generated page); a CR is left to the
    file's own line ends."""
    if _plain_ascii(text):
        return None
    for found in _ODD.finditer(text):
        if found.group() != "\r":
            return _odd_character(path, text, found.start(), _Lines(text, 0))
    return None


def _odd_character(path: str, text: str, at: int, lines: _Lines) -> Problem:
    char = text[at]
    line, column = lines.position(at)
    source = Source(path, line, column)
    name = f"U+{ord(char):04X}"
    if char == "\ufeff":
        return Problem(
            Code.ENCODING,
            source,
            T("a byte-order mark ({name}) inside the file", name=name),
            T("delete the invisible character (retype the text around it)"),
        )
    if char == "\r":
        return Problem(
            Code.YAML_SYNTAX,
            source,
            T("a line break other than a newline ({name})", name=name),
            T("replace it with an ordinary line break, or a space"),
        )
    return Problem(
        Code.ENCODING,
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
    block = "|" in text or ">" in text
    if not block and "?" not in text:
        return False  # no block scalar, and no odd character for a flow collection
    depth = 0
    begin = 0
    for event in events:
        kind = type(event)
        if kind is _Scalar:
            if block and event.style in ("|", ">"):
                return True
        elif kind is _MapStart or kind is _SeqStart:
            if event.flow_style:
                if depth == 0:
                    begin = text.rfind("\n", 0, event.start_mark.index) + 1
                depth += 1
        elif (kind is _MapEnd or kind is _SeqEnd) and depth > 0:
            depth -= 1
            if depth == 0:
                # The odd characters matter inside a flow collection: look at the lines
                # it stands on, not at the whole file (a question mark in a question is
                # common text).
                end = text.find("\n", event.end_mark.index)
                if _FLOW_ODDITY.search(text, begin, len(text) if end < 0 else end):
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
        Code.UNSAFE_YAML,
        Source(path, m.line, m.column, m.end_line, m.end_column),
        T("{what} is not allowed in network data", what=what),
        T("write the value out in full: anchors, aliases and tags are refused for safety"),
    )


def _syntax(path: str, exc: yaml.YAMLError, lines: _Lines) -> Problem:
    """A parser error in plain words (issue 17): never the parser's own English, which
    reads "while parsing a block collection: expected <block end>" in a Dutch run too."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    # A ReaderError (a character YAML does not allow) has no mark, only a position.
    index = mark.index if mark is not None else getattr(exc, "position", None)
    line, column = lines.position(index) if isinstance(index, int) else (lines.offset + 1, 1)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = getattr(exc, "context_mark", None)
    opened = lines.position(context.index)[0] if context is not None else line
    text = lines.text
    # What was pasted with the text is the likeliest cause, and the one nobody can see:
    # a non-breaking space in the indentation, curly quotes around a value.
    first = min(opened, line - 1 if "mapping values" in problem else line) - lines.offset
    found = _pasted_near(text, first, line - lines.offset)
    if found is not None:
        at, pasted = found
        where_line, where_column = lines.position(at)
        return Problem(
            Code.YAML_SYNTAX,
            Source(path, where_line, where_column, where_line, where_column + 1),
            T(
                "{pasted}, pasted with the text, breaks the YAML here",
                pasted=corrections.pasted_name(pasted),
            ),
            _retyped(text, at, pasted),
        )
    if "'\\t'" in problem or "tab character" in problem:
        return Problem(
            Code.YAML_SYNTAX,
            Source(path, line, column),
            T("tab character where YAML does not allow one"),
            T("replace the tab with spaces; a tab is only safe inside quotes"),
        )
    message, hint = _plain_words(problem, text, line, column, opened, lines.offset)
    if context is not None and _UNCLOSED.search(problem):
        # a quote or bracket never closed: the parser gives up lines later, the cause is
        # where it opened
        line, column = lines.position(context.index)
    return Problem(Code.YAML_SYNTAX, Source(path, line, column), message, hint)


_UNCLOSED = re.compile(r"unexpected end of stream|unexpected document separator|',' or ")


def _line_text(text: str, line: int) -> str:
    """Line `line` (1-based, of `text` itself) without its line break."""
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""


def _pasted_near(text: str, first: int, last: int) -> tuple[int, corrections.Pasted] | None:
    """The first pasted character on lines `first`..`last` of `text` (1-based), with its
    index in `text`."""
    if text.isascii():
        return None
    starts = [0]
    for found in re.finditer("\n", text):
        starts.append(found.end())
    first = max(first, 1)
    last = min(max(last, first), len(starts))
    begin = starts[first - 1]
    end = starts[last] if last < len(starts) else len(text)
    for pasted in corrections.pasted(text[begin:end]):
        return begin + pasted.offset, pasted
    return None


def _retyped(text: str, at: int, pasted: corrections.Pasted) -> Any:
    """The hint for a pasted character: what to type, and the line as it then reads."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : len(text) if end < 0 else end].rstrip("\r")
    fixed = corrections.typed(line).strip()
    if fixed:
        return T(
            "{fix}; the line then reads: {line}",
            fix=corrections.pasted_fix(pasted),
            line=Quoted(fixed),
        )
    return corrections.pasted_fix(pasted)


_FIELD_LINE = re.compile(r"(?P<lead>\s*(?:- )?)(?P<key>[A-Za-z_][\w-]*):\s(?P<value>.*)")
_SIMPLE_KEY = re.compile(r"\s*(?:- )?[A-Za-z_][\w-]*\s*")


def _quoted_line(line_text: str) -> str | None:
    """`what: "Share: the list"` for `what: Share: the list` (curly quotes made straight)."""
    match = _FIELD_LINE.fullmatch(line_text)
    if match is None:
        return None
    value = corrections.typed(match["value"]).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return f"{match['key']}: {json.dumps(value, ensure_ascii=False)}"


def _indented_under(here: str, above: str) -> tuple[str, str, int] | None:
    """(key, the key above, its column) when `here` is a field that starts further right
    than the field with a value on the line above it; else None."""
    this, that = _FIELD_LINE.fullmatch(here), _FIELD_LINE.fullmatch(above)
    if this is None or that is None or not that["value"].strip() or this["lead"].strip():
        return None
    if len(this["lead"]) <= len(that["lead"]):
        return None
    return this["key"], that["key"], len(that["lead"]) + 1


def _plain_words(
    problem: str, text: str, line: int, column: int, opened: int, offset: int
) -> tuple[Any, Any]:
    """(message, hint) for a parser's problem, in words a facilitator reads. `line` and
    `opened` (where the construct began) are lines of the file; `text` starts `offset`
    lines into it (a Markdown file's front matter)."""
    here = _line_text(text, line - offset)
    if "mapping values are not allowed" in problem:
        before = here[: max(column - 1, 0)]
        above = _line_text(text, line - offset - 1)
        if _SIMPLE_KEY.fullmatch(before) and above.strip() and ":" not in above:
            key, _space, rest = above.strip().partition(" ")
            return (
                T("line {line} has no ':' after its field name", line=line - 1),
                T("write {fixed}", fixed=Quoted(f"{key}: {rest}".strip())),
            )
        deeper = _indented_under(here, above) if _SIMPLE_KEY.fullmatch(before) else None
        if deeper is not None:
            # `due: next-meeting` then `      status: open`: one ': ' here, but the line
            # starts further right than the field above it, so YAML reads it as more of
            # that field's value
            key, above_key, above_column = deeper
            return (
                T(
                    "line {line} starts further right than line {above}",
                    line=line,
                    above=line - 1,
                ),
                T(
                    "start {key}: in the same column as {above_key}: (column {column})",
                    key=Quoted(key),
                    above_key=Quoted(above_key),
                    column=above_column,
                ),
            )
        quoted = _quoted_line(here)
        return (
            T("a second ': ' on this line makes YAML read the rest as another field"),
            T("put the value in quotes: {line}", line=Quoted(quoted))
            if quoted
            else T("put text that contains ': ' in quotes"),
        )
    start = _line_text(text, opened - offset).rstrip()
    if "found unexpected end of stream" in problem or "unexpected document separator" in problem:
        quote = next((c for c in start.partition(": ")[2][:1] if c in "\"'"), None)
        return (
            T("a quote opened on line {line} is never closed", line=opened),
            T("close it at the end of the value: {line}", line=Quoted(start.strip() + quote))
            if quote and start.count(quote) % 2 == 1
            else T("close the quote at the end of the value, or remove it"),
        )
    if "',' or ']'" in problem or "',' or '}'" in problem:
        missing = "]" * (start.count("[") - start.count("]")) + "}" * (
            start.count("{") - start.count("}")
        )
        return (
            T("a bracket opened on line {line} is not closed on that line", line=opened),
            T("close it on that line: {line}", line=Quoted(start.strip() + missing))
            if missing
            else T(
                "close the bracket on the same line, or write one item per line starting with '- '"
            ),
        )
    if "cannot start any token" in problem:
        char = here[column - 1 : column] if 0 < column <= len(here) else ""
        quoted = _quoted_line(here)
        return (
            T("'{char}' cannot start a value", char=Quoted(char or "?")),
            T("put the value in quotes: {line}", line=Quoted(quoted))
            if quoted
            else T("put the value in quotes"),
        )
    if "escape" in problem:
        return (
            T("a backslash inside double quotes starts a code that YAML does not know"),
            T("use single quotes around text with a backslash, or write two backslashes"),
        )
    if "could not find expected ':'" in problem:
        return (
            T("YAML expected a ':' after the field name on line {line}", line=opened),
            T("write each line as 'field: value' or '- item'; check the indentation and quotes"),
        )
    if (
        "expected <block end>" in problem
        or "expected '-' indicator" in problem
        or "expected key" in problem
        or "entries are not allowed" in problem
    ):
        return (
            T("the indentation does not line up with line {line}", line=opened),
            T("items of one list, and fields of one block, start in the same column"),
        )
    if "node content" in problem:
        return (
            T("a value is missing or cannot start here"),
            T("write the value after the ': ', or put it in quotes"),
        )
    return (
        T("the YAML structure breaks at this point"),
        T("check quotes, colons and indentation near this line"),
    )


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


# Short texts (ids, dates, keys) are kept once however often they occur: a network where
# 1,500 members attend 1,500 meetings holds each member id 1,500 times over (issue 16).
_SHARED = 64


class _Builder:
    """Values from pre-scanned events, with every value's and key's Mark."""

    __slots__ = ("decoded", "key_marks", "lines", "marks", "path", "problems", "raw")

    def __init__(self, path: str, lines: _Lines) -> None:
        self.path = path
        self.lines = lines
        self.marks: dict[Path_, Mark] = {}
        self.key_marks: dict[Path_, Mark] = {}
        self.raw: dict[Path_, str] = {}
        self.problems: list[Problem] = []
        self.decoded: list[Decoded] = []

    def build(self, events: list[Any]) -> Any:
        it = iter(events)
        for event in it:
            if type(event) is _DocStart:
                return self._node(next(it), it, ())
        return None

    def _node(self, event: Any, it: Iterator[Any], at: Path_) -> Any:
        lines = self.lines
        marks = self.marks
        kind = type(event)
        if kind is _Scalar:
            mark = marks[at] = lines.mark(event.start_mark, event.end_mark)
            value = event.value
            if len(value) <= _SHARED:
                value = intern(value)
            style = event.style
            if style or mark[0] != mark[2]:
                self.decoded.append(Decoded(at, False, style == '"'))
            if style is None or style == "":
                resolved = resolve_plain(value)
                # resolve_plain returns its argument itself when the value is text.
                if resolved is not value or (len(value) <= 3 and value.lower() in YAML11_BOOLEANS):
                    self.raw[at] = value
                return resolved
            return value
        # The parent's place comes before its children's in `marks`; its end is known at
        # the closing event.
        start = event.start_mark
        marks[at] = lines.mark(start, start)
        if kind is _SeqStart:
            items: list[Any] = []
            for child in it:
                if type(child) is _SeqEnd:
                    marks[at] = lines.mark(start, child.end_mark)
                    return items
                items.append(self._node(child, it, (*at, len(items))))
            return items
        if kind is _MapStart:
            key_marks = self.key_marks
            raw = self.raw
            mapping: dict[str, Any] = {}
            for key_event in it:
                key_kind = type(key_event)
                if key_kind is _MapEnd:
                    marks[at] = lines.mark(start, key_event.end_mark)
                    return mapping
                key_mark = lines.mark(key_event.start_mark, key_event.end_mark)
                if key_kind is not _Scalar:
                    # A list or mapping used as a key: consume it, then report it.
                    self._node(key_event, it, (*at, "?"))
                    self.problems.append(
                        Problem(
                            Code.YAML_SYNTAX,
                            Source(self.path, key_mark.line, key_mark.column),
                            T("a key must be plain text, not a list or mapping"),
                            T("write the key as a word followed by ':'"),
                        )
                    )
                    key = f"?{key_mark.line}:{key_mark.column}"
                else:
                    key = intern(key_event.value)
                    if key_event.style:
                        self.decoded.append(Decoded((*at, key), True, key_event.style == '"'))
                child_at = (*at, key)
                if key in mapping:
                    self._duplicate(key, child_at, key_mark)
                key_marks[child_at] = key_mark
                value_event: Any = next(it)
                if type(value_event) is not _Scalar:
                    mapping[key] = self._node(value_event, it, child_at)
                    continue
                # The most common node, a scalar mapping value, inline: the scalar branch
                # above without a call per value.
                value = value_event.value
                if len(value) <= _SHARED:
                    value = intern(value)
                style = value_event.style
                if style is None or style == "":
                    if value == "":
                        # `key:` with nothing after it: the parsers disagree on where that
                        # nothing stands, so it stands at its key.
                        marks[child_at] = key_mark
                        raw[child_at] = value
                        mapping[key] = None
                        continue
                    resolved = resolve_plain(value)
                    if resolved is not value or (
                        len(value) <= 3 and value.lower() in YAML11_BOOLEANS
                    ):
                        raw[child_at] = value
                    value = resolved
                mark = marks[child_at] = lines.mark(value_event.start_mark, value_event.end_mark)
                if style or mark[0] != mark[2]:
                    self.decoded.append(Decoded(child_at, False, style == '"'))
                mapping[key] = value
            return mapping
        raise ValueError(f"unexpected event {kind.__name__}")  # pragma: no cover

    def _duplicate(self, key: str, at: Path_, key_mark: Mark) -> None:
        first = self.key_marks[at]
        self.problems.append(
            Problem(
                Code.DUPLICATE_KEY,
                Source(
                    self.path,
                    key_mark.line,
                    key_mark.column,
                    key_mark.end_line,
                    key_mark.end_column,
                ),
                T(
                    "key '{key}' is given twice: on line {first} and line {second}",
                    key=Quoted(key),
                    first=first.line,
                    second=key_mark.line,
                ),
                T("keep one '{key}' and remove the other", key=Quoted(key)),
            )
        )
        # The later key wins, as in PyYAML; drop the positions of the earlier value.
        n = len(at)
        for table in (self.marks, self.raw):
            for stale in [k for k in table if k[:n] == at]:
                del table[stale]


# YAML 1.1 parsers (PyYAML, libyaml) break lines at NEL and the Unicode line and paragraph
# separators, which YAML 1.2, git and editors treat as ordinary (invisible) characters: the
# same file would mean one thing here and another elsewhere.
_SEPARATOR = re.compile("[\x85\u2028\u2029]")


def _separator(path: str, found: re.Match[str], lines: _Lines) -> Problem:
    line, column = lines.position(found.start())
    return Problem(
        Code.YAML_SYNTAX,
        Source(path, line, column),
        T(
            "invisible line-break character U+{code} in the YAML",
            code=f"{ord(found.group()):04X}",
        ),
        T("delete it; it often comes with text pasted from a web page or a word processor"),
    )


def parse_yaml(path: str, text: str, offset: int = 0, limits: Limits | None = None) -> Parsed:
    """Parse one YAML text (a file or a front matter starting after `offset` lines)."""
    limits = limits or Limits()
    lines = _Lines(text, offset)
    separator = None if text.isascii() else _SEPARATOR.search(text)
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
    except Exception:  # defensive: a builder bug must not crash a run
        return Parsed(
            None,
            (
                Problem(
                    Code.YAML_SYNTAX,
                    Source(path, 1 + offset, 1),
                    T("the YAML parser could not read this file"),
                ),
            ),
        )
    document = Document(data, builder.marks, builder.key_marks, builder.raw, lines.last + offset)
    return Parsed(document, tuple(builder.problems), decoded=tuple(builder.decoded))


def parse_file(path: str, data: bytes, *, markdown: bool, limits: Limits | None = None) -> Parsed:
    """Bytes of one network file to its document (or None) and the problems met on the way."""
    limits = limits or Limits()
    text, problems = decode(path, data, limits)
    if text is None:
        return Parsed(None, tuple(problems))
    if not markdown:
        parsed = parse_yaml(path, text, 0, limits)
        return Parsed(parsed.document, parsed.problems, text=text, decoded=parsed.decoded)
    front, offset, body, body_line, problems = split_front_matter(path, text)
    if front is None:
        return Parsed(None, tuple(problems), body, body_line, text)
    parsed = parse_yaml(path, front, offset, limits)
    return Parsed(parsed.document, parsed.problems, body, body_line, text, parsed.decoded)
