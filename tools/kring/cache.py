"""The warm path: each file's LoadedFile kept by content, so an unchanged file is not parsed.

The file-local stage (analyse.py) depends only on a file's path and bytes, so its result —
the parsed values, the body and the file-local problems — can be kept under a key of the
content:

- inside a git work tree, the blob id git already knows: `git ls-files -s` lists the index,
  and `git diff-files` names the files whose work-tree bytes differ from it (git compares
  stat data and, for racily clean entries, content); only those and untracked files are
  read and hashed;
- anywhere else, and for those files, a BLAKE2b hash of the bytes.

The cache is one file, `.git/kring/cache` (the git directory of a worktree or submodule
too), or `$XDG_CACHE_HOME/kring/<hash of the repository path>` outside git. Cross-file
checks always run again on the model built from the cached files.

Why marshal and not pickle: unpickling runs whatever callable the file names, so a cache
file someone could write would be code execution. marshal reads only plain values (None,
bool, numbers, strings, tuples, lists, dicts); files and records are packed into tuples of
those (below), problems and suppressions through a generic encoding whose decoder rebuilds
only dataclasses and enums defined in kring's own modules, checking every tag. A header
(kring version, a hash of the schemas, the loader's limits and parser, the field layout,
the format) must match exactly, and a CRC-32 checksum and the length of the whole file must
too; a cache that is truncated, garbled, of another version or otherwise surprising is
ignored, never trusted, and replaced at the end of the run. (The checksum guards against
accidents, not against someone who can write to .git/: they could as well install a git
hook. The cache lives where a pull request cannot write.)

A file of a kind whose model record depends on nothing but the file (a theme, member,
meeting or case: model.FILE_LOCAL_KINDS) also keeps that record, so a warm run neither
builds it again nor unpacks the document's values, which stay packed until something asks
for them. Regions and the network depend on the policy of the network and the
configuration, and are built again every run. Positions are not kept at all: a finding in a
cached file reads and parses that file again (_Packs.positions).

A warm run therefore imports neither PyYAML nor a schema validator (tests/test_cache.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import marshal
import operator
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kring import __version__
from kring.document import Document, Limits, Mark
from kring.layout import NETWORK_DIR, Place
from kring.model import (
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
    Theme,
    Update,
)

FORMAT = 4
_NAME = "cache"

# Tags of nodes of the generic encoding (problems, suppressions). Every tuple in it is a
# tagged node; lists and dicts are themselves.
_TUPLE, _DATACLASS, _DATE, _ENUM = range(4)
_PLAIN = frozenset({str, int, float, bool, type(None)})
_MODULE = re.compile(r"kring(\.[a-z][a-z0-9_]*)*")


class CacheError(Exception):
    """A cache file that does not decode to what this kring wrote."""


# --- where ----------------------------------------------------------------------------------


def git_dir(root: Path) -> Path | None:
    """The repository's git directory: `.git`, or where a `.git` file points (worktrees)."""
    dotgit = root / ".git"
    if dotgit.is_dir():
        return dotgit
    if dotgit.is_file():
        try:
            line = dotgit.read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if line.startswith("gitdir:"):
            target = Path(line[len("gitdir:") :].strip())
            target = target if target.is_absolute() else root / target
            return target if target.is_dir() else None
    return None


def cache_file(root: Path) -> Path:
    found = git_dir(root)
    if found is not None:
        return found / "kring" / _NAME
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    digest = hashlib.blake2b(str(root).encode("utf-8"), digest_size=12).hexdigest()
    return Path(base) / "kring" / digest


# --- keys -----------------------------------------------------------------------------------


def content_key(data: bytes) -> str:
    return "b" + hashlib.blake2b(data, digest_size=20).hexdigest()


def git_keys(root: Path) -> dict[str, str]:
    """Repository path -> blob id for files under network/ whose work tree matches the index.

    Empty when git is missing or this is not a work tree: every file is then hashed.
    """
    return start_git_keys(root)()


def start_git_keys(root: Path) -> Callable[[], dict[str, str]]:
    """git_keys(root), asked of git now and answered when the returned function is called.

    git works in processes of its own while kring reads the cache and lists the files; the
    function waits for it (once: later calls return the same answer).
    """
    if git_dir(root) is None:
        return dict
    try:
        running = _start_git(
            root,
            ("ls-files", "-s", "-z", "--", NETWORK_DIR),
            ("diff-files", "--name-only", "-z", "--", NETWORK_DIR),
        )
    except (OSError, subprocess.SubprocessError):
        return dict
    answer: list[dict[str, str]] = []

    def finish() -> dict[str, str]:
        if not answer:
            try:
                listed, changed = _outputs(running)
            except (OSError, subprocess.SubprocessError):
                answer.append({})
            else:
                answer.append(_keys(listed, changed))
        return answer[0]

    return finish


def _keys(listed: str, changed: str) -> dict[str, str]:
    dirty = set(changed.split("\0"))
    keys: dict[str, str] = {}
    for record in listed.split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, blob, stage = meta.split(" ")
        # Regular files at stage 0 only: symlinks and conflicts are read as they are.
        if stage == "0" and mode in ("100644", "100755") and path not in dirty:
            keys[path] = "g" + blob
    return keys


def _start_git(root: Path, *commands: tuple[str, ...]) -> list[subprocess.Popen[bytes]]:
    """Read-only git commands, started side by side."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    running: list[subprocess.Popen[bytes]] = []
    try:
        for args in commands:
            running.append(
                subprocess.Popen(
                    ["git", "-c", "core.quotepath=off", *args],
                    cwd=root,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
            )
    except (OSError, subprocess.SubprocessError):
        _stop(running)
        raise
    return running


def _outputs(running: list[subprocess.Popen[bytes]]) -> list[str]:
    """Each command's output, in order; an error if any of them failed."""
    outputs: list[str] = []
    try:
        for process in running:
            out, _ = process.communicate(timeout=60)
            if process.returncode != 0:
                raise subprocess.CalledProcessError(process.returncode, process.args)
            outputs.append(out.decode("utf-8", "surrogateescape"))
    finally:
        _stop(running)
    return outputs


def _stop(running: list[subprocess.Popen[bytes]]) -> None:
    for process in running:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


# --- the header -----------------------------------------------------------------------------


def header(limits: Limits) -> tuple[Any, ...]:
    """What a cached LoadedFile depends on besides its path and bytes."""
    schemas = hashlib.blake2b(digest_size=16)
    for name, data in _schema_files():
        schemas.update(name.encode())
        schemas.update(data)
    return (
        "kring-cache",
        FORMAT,
        __version__,
        sys.version_info[:2],
        schemas.hexdigest(),
        (limits.max_bytes, limits.max_depth, limits.max_events),
        _parser(),
        # Files and records are packed by field order: a field added, removed or moved
        # (without a new version, as in development) makes the cache another's.
        tuple((cls.__name__, names) for cls, names in _FIELDS.items()),
    )


def _parser() -> str:
    """The YAML parser a cold run would use (loader.loader_class), found without importing
    PyYAML: a warm run parses nothing and so never imports it. The loader gives the same
    values under both parsers, but not always the same words for a syntax error."""
    if os.environ.get("KRING_PURE_YAML") == "1":
        return "python"
    import importlib.machinery

    spec = importlib.machinery.PathFinder.find_spec("yaml")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        with contextlib.suppress(OSError):
            if any(name.startswith("_yaml.") for name in os.listdir(folder)):
                return "libyaml"
    return "python"


def _schema_files() -> list[tuple[str, bytes]]:
    """The JSON schemas kring validates with, by name, in order of name."""
    import importlib

    folders = [Path(p) for p in importlib.import_module("kring.schemas").__path__]
    if len(folders) == 1 and folders[0].is_dir():
        # A plain folder (nearly always): read directly, without importing
        # importlib.resources, a tenth of kring's start-up on a warm run.
        found = [(p.name, p) for p in folders[0].iterdir() if p.name.endswith(".json")]
        return [(name, path.read_bytes()) for name, path in sorted(found)]
    from importlib import resources

    folder = resources.files("kring.schemas")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    return [(name, folder.joinpath(name).read_bytes()) for name in names]


# --- reading and writing --------------------------------------------------------------------

# The file: _MAGIC, a checksum of the rest, the length of the index, the index, the packs.
# The index is marshal data: (header, {path: (key, file node)}); a file node is a flat tuple
# (see _encode_file), with its record packed (pack_record) when it has one. The packs are
# each document's values as marshal data of their own, which the index points at by offset:
# they are unpacked only when something asks for them (_Packs), and a warm run that builds
# its records from the cache asks for few.
#
# Positions are not kept. They are half of what a file's parse yields, a warm run over an
# unchanged network asks for none of them, and a finding asks for those of one file: that
# file is then read and parsed again (_Packs.positions). Keeping them made the cache twice
# as large and its writing twice as slow.

_MAGIC = b"kring-cache\n"
_START = len(_MAGIC) + 8
_MISS = (CacheError, TypeError, ValueError, KeyError, IndexError, AttributeError, EOFError)


class Cache:
    """Path -> (key, file node) of the last run, and what this run adds.

    A file of FILE_LOCAL_KINDS keeps its model record in its node, so that a warm run
    neither builds the record again nor unpacks the document's values; `records` holds the
    records of this run's hits, for model.build, which adds the ones it builds.
    """

    def __init__(self, path: Path, head: tuple[Any, ...], source: _Source) -> None:
        self.path = path
        self.head = head
        self.source = source
        self.old: dict[str, tuple[str, Any]] = {}
        self.packs: memoryview = memoryview(b"")
        self.new: dict[str, tuple[str, Any]] = {}
        self.fresh: dict[str, tuple[str, LoadedFile, int]] = {}
        self.records: dict[str, Any] = {}
        self.hits = 0

    @classmethod
    def open(cls, root: Path, limits: Limits) -> Cache:
        cache = cls(cache_file(root), header(limits), _Source(root, limits))
        cache.old, cache.packs = _read(cache.path, cache.head)
        return cache

    def get(self, path: str, key: str) -> LoadedFile | None:
        entry = self.old.get(path)
        if entry is None:
            return None
        try:
            if entry[0] != key:
                return None
            loaded, record = _decode_file(path, entry[1], self.packs, self.source)
        except _MISS:
            return None
        self.new[path] = entry
        self.hits += 1
        if record is not None:
            self.records[path] = record
        return loaded

    def put(self, path: str, key: str, loaded: LoadedFile, data: bytes) -> None:
        """Keep `loaded`, the result of the file's bytes `data`, under `key`."""
        # Encoded when saved, with the record model.build makes of it. The checksum of the
        # bytes tells, when a finding asks for a position, whether the file is still the one
        # that was parsed (_Packs.positions).
        self.fresh[path] = (key, loaded, zlib.crc32(data))

    def save(self) -> None:
        """Write the entries of this run (and only those), unless nothing changed.

        The records model.build added to `records` are kept with the files parsed in this run.
        """
        if not self.fresh and self.new.keys() == self.old.keys():
            return
        packs = _Writer()
        entries: dict[str, tuple[str, Any]] = {}
        same: dict[Any, Any] = {}  # (pack_record)
        try:
            for path, (key, node) in self.new.items():
                entries[path] = (key, _moved(node, self.packs, packs))
            for path, (key, loaded, crc) in self.fresh.items():
                record = self.records.get(path)
                entries[path] = (key, _encode_file(loaded, crc, record, packs, same))
            data = file_bytes((self.head, entries), packs.chunks)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, self.path)
        except (OSError, ValueError, TypeError):
            # A cache that cannot be written costs the next run time, never a result.
            return


def _digest(payload: bytes | memoryview) -> bytes:
    # CRC-32 and length: enough against accidents (see the module's docstring), and several
    # times cheaper than a cryptographic hash over the tens of megabytes of a large network.
    return zlib.crc32(payload).to_bytes(4, "big") + (len(payload) & 0xFFFFFFFF).to_bytes(4, "big")


def file_bytes(index: Any, packs: list[bytes | memoryview]) -> bytes:
    """A cache file of an index (marshal data) and the packs it points into."""
    data = marshal.dumps(index)
    payload = b"".join((len(data).to_bytes(8, "big"), data, *packs))
    return _MAGIC + _digest(payload) + payload


def split(blob: bytes) -> tuple[Any, memoryview]:
    """The index and the packs of a cache file; CacheError unless its checksum holds and
    the index is marshal data."""
    payload = memoryview(blob)[_START:]  # no copy of a file of tens of megabytes
    # The checksum catches a truncated or garbled file before marshal reads any of it.
    if not blob.startswith(_MAGIC) or blob[len(_MAGIC) : _START] != _digest(payload):
        raise CacheError("checksum")
    size = int.from_bytes(payload[:8], "big")
    try:
        return marshal.loads(payload[8 : 8 + size]), payload[8 + size :]
    except (EOFError, ValueError, TypeError, MemoryError):
        raise CacheError("index") from None


def _read(path: Path, head: tuple[Any, ...]) -> tuple[dict[str, tuple[str, Any]], memoryview]:
    """The entries and packs of a cache file, or none when anything about it is not as
    written."""
    nothing: tuple[dict[str, tuple[str, Any]], memoryview] = ({}, memoryview(b""))
    try:
        index, packs = split(path.read_bytes())
    except (OSError, CacheError):
        return nothing
    if not (type(index) is tuple and len(index) == 2 and index[0] == head):
        return nothing
    entries = index[1]
    if type(entries) is not dict:
        return nothing
    return entries, packs


class _Writer:
    """The packs of the file being written, and where the next one starts."""

    def __init__(self) -> None:
        self.chunks: list[bytes | memoryview] = []
        self.size = 0

    def add(self, chunk: bytes | memoryview) -> int:
        """Append a pack; where it starts."""
        self.chunks.append(chunk)
        self.size += len(chunk)
        return self.size - len(chunk)


class _Source:
    """Where the files of the network are, for the positions of a cached document."""

    def __init__(self, root: Path, limits: Limits) -> None:
        self.root = root
        self.limits = limits


class _Packs:
    """One cached document's values in the packs of the cache file, and where its
    positions come from: the file itself, parsed again."""

    __slots__ = ("packs", "path", "source", "where")

    def __init__(
        self, packs: memoryview, where: tuple[int, int, int], path: str, source: _Source
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
        """The document's positions, from the file parsed again. None when the file's bytes
        are no longer those that were parsed (it changed during the run): a finding then
        names the file without a line rather than a wrong line."""
        from kring.layout import MARKDOWN_KINDS, place_of
        from kring.loader import parse_file
        from kring.repo import Entry, read_limited

        limits = self.source.limits
        try:
            data = read_limited(self.source.root, Entry(self.path, "file"), limits.max_bytes)
        except OSError:
            return {}, {}
        if zlib.crc32(data) != self.where[2]:
            return {}, {}
        markdown = place_of(self.path).kind in MARKDOWN_KINDS
        parsed = parse_file(self.path, data, markdown=markdown, limits=limits)
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


def _encode_file(
    loaded: LoadedFile, crc: int, record: Any, packs: _Writer, same: dict[Any, Any]
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


def _decode_file(
    path: str, node: Any, packs: memoryview, source: _Source
) -> tuple[LoadedFile, Any]:
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
        with contextlib.suppress(*_MISS):
            record = unpack_record(packed, path, document)
        # Of the kind and the id of the file (a node moved to another path is not).
        kind = _RECORD_OF.get(loaded.place.kind or "")
        if type(record) is not kind or getattr(record, "id", None) != loaded.place.id:
            record = None
    return loaded, record


def _moved(node: Any, old: memoryview, packs: _Writer) -> Any:
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
    Theme,
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
_RECORD_OF: dict[str, type] = {"theme": Theme, "member": Member, "meeting": Meeting, "case": Case}
_RECORD_TAGS = {cls: _FIRST_RECORD + i for i, cls in enumerate(_RECORDS)}
_FIELDS: dict[type, tuple[str, ...]] = {
    LoadedFile: _FILE_FIELDS,
    Place: _PLACE_FIELDS,
    **{cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _RECORDS},
}
# Every field of a record in one call (a tuple), for packing.
_GETTERS = {cls: operator.attrgetter(*_FIELDS[cls]) for cls in _RECORDS}


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
