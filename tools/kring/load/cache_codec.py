"""How the cache encodes what it keeps: a loaded file as a flat tuple of marshal data, its
record packed by field order, problems and suppressions through a generic encoding that
rebuilds only kring's own dataclasses and enums (see cache_store for why marshal).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import marshal
import operator
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from kring.core.document import Document, Limits, Mark
from kring.core.layout import Place
from kring.core.model import (
    FILE_LOCAL_KINDS,
    Action,
    Case,
    Commitment,
    FollowUp,
    Intention,
    LoadedFile,
    Loc,
    Meeting,
    Member,
    Next,
    Presentation,
    Update,
)

# Tags of nodes of the generic encoding (problems, suppressions). Every tuple in it is a
# tagged node; lists and dicts are themselves.
_TUPLE, _DATACLASS, _DATE, _ENUM = range(4)
_PLAIN = frozenset({str, int, float, bool, type(None)})
_MODULE = re.compile(r"kring(\.[a-z][a-z0-9_]*)*")


class CacheError(Exception):
    """A cache file that does not decode to what this kring wrote."""


# What a cache that is not as written raises while it is read: a miss, never an error.
MISS = (CacheError, TypeError, ValueError, KeyError, IndexError, AttributeError, EOFError)


class Writer:
    """The packs of the file being written, and where the next one starts."""

    def __init__(self) -> None:
        self.chunks: list[bytes | memoryview] = []
        self.size = 0

    def add(self, chunk: bytes | memoryview) -> int:
        """Append a pack; where it starts."""
        self.chunks.append(chunk)
        self.size += len(chunk)
        return self.size - len(chunk)


class Source:
    """Where the files of the network are, for the positions of a cached document."""

    def __init__(self, root: Path, limits: Limits) -> None:
        self.root = root
        self.limits = limits


class _Packs:
    """One cached document's values in the packs of the cache file, and where its
    positions come from: the file itself, parsed again."""

    __slots__ = ("packs", "path", "source", "where")

    def __init__(
        self, packs: memoryview, where: tuple[int, int, int], path: str, source: Source
    ) -> None:
        self.packs = packs
        self.where = where  # offset and length of the values, checksum of the file's bytes
        self.path = path
        self.source = source

    def values(self) -> Any:
        """The document's values; a pack that does not unpack yields none (a broken
        document: the checksum makes that an accident of kring's own)."""
        start, size, _ = self.where
        try:
            return marshal.loads(self.packs[start : start + size])
        except (EOFError, ValueError, TypeError):
            return None

    def positions(self) -> tuple[dict[Any, Mark], dict[Any, Mark]]:
        return reparsed_positions(self.source, self.path, self.where[2])


class Reread:
    """A large document read in this run whose positions were let go after the file-local
    stage: its values, and its positions from the file parsed again when a finding first
    asks for one, as for a cached document. A meeting that lists 1,500 attendees holds a
    position per attendee; a network of such meetings would hold millions (issue 16)."""

    __slots__ = ("crc", "data", "path", "source")

    def __init__(self, data: Any, path: str, source: Source, crc: int) -> None:
        self.data = data
        self.path = path
        self.source = source
        self.crc = crc

    def values(self) -> Any:
        return self.data

    def positions(self) -> tuple[dict[Any, Mark], dict[Any, Mark]]:
        return reparsed_positions(self.source, self.path, self.crc)


def reparsed_positions(
    source: Source, path: str, crc: int
) -> tuple[dict[Any, Mark], dict[Any, Mark]]:
    """A document's positions, from its file parsed again. None when the file's bytes are no
    longer those that were parsed (it changed during the run): a finding then names the
    file without a line rather than a wrong line."""
    from kring.core.layout import MARKDOWN_KINDS, place_of
    from kring.load.repo import Entry, read_limited
    from kring.load.yaml_loader import parse_file

    limits = source.limits
    try:
        data = read_limited(source.root, Entry(path, "file"), limits.max_bytes)
    except OSError:
        return {}, {}
    if zlib.crc32(data) != crc:
        return {}, {}
    markdown = place_of(path).kind in MARKDOWN_KINDS
    parsed = parse_file(path, data, markdown=markdown, limits=limits)
    if parsed.document is None:
        return {}, {}
    return parsed.document.marks, parsed.document.key_marks


# --- files ----------------------------------------------------------------------------------

# A LoadedFile's node: its fields in order, path left out (the index's key), the Place as
# its fields, the document as (offset and length of its values in the packs, CRC-32 of the
# file's bytes, raw, last_line), problems and suppressions through encode() (empty: ()), and last
# the packed record or None.
_FILE_FIELDS = tuple(f.name for f in dataclasses.fields(LoadedFile))
_PLACE_FIELDS = tuple(f.name for f in dataclasses.fields(Place))


def encode_file(
    loaded: LoadedFile, crc: int, record: Any, packs: Writer, same: dict[Any, Any]
) -> tuple[Any, ...]:
    document = None
    doc = loaded.document
    if doc is not None:
        values = marshal.dumps(doc.data)
        document = (packs.add(values), len(values), crc, doc.raw, doc.last_line)
    packed = None
    if record is not None and doc is not None and loaded.place.kind in FILE_LOCAL_KINDS:
        with contextlib.suppress(TypeError):
            packed = pack_record(record, doc, same)
    return (
        tuple(getattr(loaded.place, name) for name in _PLACE_FIELDS),
        document,
        encode(loaded.problems) if loaded.problems else (),
        loaded.body,
        loaded.body_line,
        loaded.is_symlink,
        loaded.is_special,
        encode(loaded.suppressions) if loaded.suppressions else (),
        packed,
    )


def decode_file(path: str, node: Any, packs: memoryview, source: Source) -> tuple[LoadedFile, Any]:
    """The LoadedFile of a node, and its record (None when it has none, or one that does
    not unpack: model.build then builds it from the document's values)."""
    place, where, problems, body, body_line, symlink, special, suppressions, packed = node
    if not (type(place) is tuple and type(body) is str and type(body_line) is int):
        raise CacheError("file")
    if not (type(symlink) is bool and type(special) is bool):
        raise CacheError("file")
    document = None
    if where is not None:
        start, size, crc, raw, last_line = where
        if not (type(raw) is dict and type(last_line) is int):
            raise CacheError("document")
        if not (type(start) is type(size) is type(crc) is int):
            raise CacheError("document")
        document = Document.packed(_Packs(packs, (start, size, crc), path, source), raw, last_line)
    loaded = LoadedFile(
        path,
        Place(*place),
        document,
        decode(problems) if problems else (),
        body,
        body_line,
        symlink,
        special,
        decode(suppressions) if suppressions else (),
    )
    record: Any = None
    if packed is not None and document is not None:
        with contextlib.suppress(*MISS):
            record = unpack_record(packed, path, document)
        # Of the kind and the id of the file (a node moved to another path is not).
        kind = _RECORD_OF.get(loaded.place.kind or "")
        if type(record) is not kind or getattr(record, "id", None) != loaded.place.id:
            record = None
    return loaded, record


def moved(node: Any, old: memoryview, packs: Writer) -> Any:
    """A node read from the last file, its packs copied into the file being written."""
    where = node[1]
    if where is None:
        return node
    start, size, crc, raw, last_line = where
    moved = packs.add(old[start : start + size])
    return (node[0], (moved, size, crc, raw, last_line), *node[2:])


# --- the generic encoding (problems and suppressions) ---------------------------------------


def encode(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return (_TUPLE, tuple(encode(v) for v in value))
    if kind is list:
        return [encode(v) for v in value]
    if kind is dict:
        return {encode(k): encode(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return (_ENUM, kind.__module__, kind.__qualname__, value.value)
    if kind is dt.date:
        return (_DATE, value.toordinal())
    if dataclasses.is_dataclass(value):
        return (_DATACLASS, kind.__module__, kind.__qualname__, _fields(value))
    raise TypeError(f"kring cache: cannot encode {kind.__name__}")


def _fields(value: Any) -> tuple[tuple[str, Any], ...]:
    # A field that holds its (plain or empty) default is left out: the constructor gives it
    # back.
    fields: list[tuple[str, Any]] = []
    for f in dataclasses.fields(value):
        if not f.init:
            continue
        item = getattr(value, f.name)
        default = f.default
        if type(item) is type(default) and item == default and type(item) in _DEFAULTS:
            continue
        fields.append((f.name, encode(item)))
    return tuple(fields)


_DEFAULTS = _PLAIN | {tuple}


def decode(node: Any) -> Any:
    kind = type(node)
    if kind in _PLAIN:
        return node
    if kind is list:
        return [decode(v) for v in node]
    if kind is dict:
        return {decode(k): decode(v) for k, v in node.items()}
    if kind is not tuple or not node:
        raise CacheError("unexpected node")
    tag = node[0]
    if tag == _TUPLE:
        items = node[1]
        return tuple(decode(v) for v in items) if items else ()
    if tag == _DATACLASS:
        _, module, name, fields = node
        cls: Any = _kring_class(module, name)
        if not isinstance(fields, tuple) or not hasattr(cls, "__dataclass_fields__"):
            raise CacheError(f"{module}.{name} is not a dataclass")
        # (A name that is not a string is a TypeError of the call: a miss, as any other.)
        return cls(**{k: v if type(v) in _PLAIN else decode(v) for k, v in fields})
    if tag == _ENUM:
        _, module, name, value = node
        cls = _kring_class(module, name)
        if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
            raise CacheError(f"{module}.{name} is not an enum")
        return cls(value)
    if tag == _DATE:
        return dt.date.fromordinal(node[1])
    raise CacheError(f"unknown tag {tag!r}")


@functools.cache
def _kring_class(module: str, name: str) -> Any:
    """A class defined in one of kring's own modules that this run has already imported.

    Nothing is imported and nothing else is looked up: a name from the cache file can only
    select a kring dataclass or enum, whose constructor then checks nothing more than any
    other caller's values would be checked.
    """
    if not (isinstance(module, str) and isinstance(name, str)) or not _MODULE.fullmatch(module):
        raise CacheError("not a kring class")
    found = sys.modules.get(module)
    if found is None or not name.isidentifier():
        raise CacheError(f"{module}.{name} is not loaded")
    cls = getattr(found, name, None)
    if not isinstance(cls, type) or cls.__module__ != module:
        raise CacheError(f"{module}.{name} is not a kring class")
    return cls


# --- records --------------------------------------------------------------------------------

# A record packs into (tag, arguments, special): the arguments of its constructor in field
# order, and the indexes of those that are not taken as they are. Plain values and tuples of
# plain values (ids, names) are taken as they are, which is most of them; the special ones
# are a Loc, packed as its path in the document (the file and the document are the
# LoadedFile's own), a date as its ordinal, a record, and a tuple of records.
_LOC, _DAY, _ITEMS = range(3)
_RECORDS: tuple[type, ...] = (
    Member,
    Commitment,
    Meeting,
    Action,
    Presentation,
    Update,
    Next,
    Case,
    Intention,
    FollowUp,
)
_FIRST_RECORD = 4
_RECORD_OF: dict[str, type] = {"member": Member, "meeting": Meeting, "case": Case}
_RECORD_TAGS = {cls: _FIRST_RECORD + i for i, cls in enumerate(_RECORDS)}
FIELDS: dict[type, tuple[str, ...]] = {
    LoadedFile: _FILE_FIELDS,
    Place: _PLACE_FIELDS,
    **{cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _RECORDS},
}
# Every field of a record in one call (a tuple), for packing.
_GETTERS = {cls: operator.attrgetter(*FIELDS[cls]) for cls in _RECORDS}


def pack_record(value: Any, doc: Document, same: dict[Any, Any] | None = None) -> Any:
    """A record of a file with document `doc` as marshal data; TypeError if it cannot be.

    `same` maps values to one object equal to them, shared by every record packed with it:
    marshal writes an object it meets again as a reference, so an id that stands in a
    thousand attendee lists, or the position ('actions', 0), is read back as one object
    rather than a thousand.
    """
    same = {} if same is None else same
    kind = type(value)
    tag = _RECORD_TAGS.get(kind)
    if tag is None:
        raise TypeError(f"kring cache: cannot pack {kind.__name__}")
    one = same.setdefault
    arguments: list[Any] = []
    add = arguments.append
    special: list[int] = []
    for i, item in enumerate(_GETTERS[kind](value)):
        kinds = type(item)
        if kinds is str:
            add(one(item, item))
        elif kinds in _PLAIN:
            add(item)
        elif kinds is tuple and _PLAIN.issuperset(map(type, item)):
            if _STR.issuperset(map(type, item)):
                item = _same(tuple(map(one, item, item)), same)
            add(item)
        else:
            add(_pack_special(item, doc, same))
            special.append(i)
    return (tag, tuple(arguments), _same(tuple(special), same))


_STR = frozenset({str})
_STR_INT = frozenset({str, int})


def _same(value: tuple[Any, ...], same: dict[Any, Any]) -> tuple[Any, ...]:
    # Only tuples of strings and ints: True == 1 == 1.0 as dict keys, and a bool or a
    # float must not come back as another type.
    if _STR_INT.issuperset(map(type, value)):
        found: tuple[Any, ...] = same.setdefault(value, value)
        return found
    return value


def _pack_special(value: Any, doc: Document, same: dict[Any, Any]) -> Any:
    kind = type(value)
    if kind is Loc:
        if value.doc is not doc:
            raise TypeError("a position in another document")
        base = _same(value.base, same)
        return same.setdefault(("loc", base), (_LOC, base)) if base in same else (_LOC, base)
    if kind is dt.date:
        return _same((_DAY, value.toordinal()), same)
    if kind is tuple:
        return (_ITEMS, tuple(pack_record(v, doc, same) for v in value))
    return pack_record(value, doc, same)


def unpack_record(node: Any, path: str, doc: Document) -> Any:
    """The record `pack_record` packed, its positions in `doc` of the file at `path`."""
    tag, arguments, special = node
    if type(tag) is not int or not _FIRST_RECORD <= tag < _FIRST_RECORD + len(_RECORDS):
        raise CacheError("record")
    if special:
        arguments = list(arguments)
        for i in special:
            item = arguments[i]
            what = item[0]
            if what == _LOC:
                arguments[i] = Loc(path, doc, item[1])
            elif what == _DAY:
                arguments[i] = dt.date.fromordinal(item[1])
            elif what == _ITEMS:
                arguments[i] = tuple([unpack_record(v, path, doc) for v in item[1]])
            else:
                arguments[i] = unpack_record(item, path, doc)
    return _RECORDS[tag - _FIRST_RECORD](*arguments)
