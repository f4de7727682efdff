"""The warm path: each file's LoadedFile kept by content, so an unchanged file is not parsed.

The file-local stage (analyse.py) depends only on a file's path and bytes, so its result —
the parsed document with every position, the body and the file-local problems — can be
kept under a key of the content:

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
bool, numbers, strings, tuples, lists, dicts); the encoder below turns dataclasses, dates and
enums into tagged tuples of those, and the decoder rebuilds only dataclasses and enums
defined in kring's own modules, checking every tag. A header (kring version, a hash of the
schemas, the loader's limits and parser, the format) must match exactly, and a CRC-32
checksum and the length of the whole payload must too; a cache that is truncated, garbled,
of another version or otherwise surprising is ignored, never trusted, and replaced at the
end of the run. (The checksum guards against accidents, not against someone who can write to .git/:
they could as well install a git hook. The cache lives where a pull request cannot write.)

A file of a kind whose model record depends on nothing but the file (a theme, member,
meeting or case: model.FILE_LOCAL_KINDS) also keeps that record, packed next to its
document, so a warm run neither builds it again nor unpacks the document's values, which
stay packed until something asks for them. Regions and the network depend on the policy
of the network and the configuration, and are built again every run.

The encoding walks dataclass fields generically, so a field added to LoadedFile (or a new
kind of Problem argument) is cached without changes here, as long as it holds plain values,
tuples, lists, dicts, dates, enums or kring dataclasses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import marshal
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kring import __version__
from kring.layout import NETWORK_DIR
from kring.loader import Document, Limits, Mark, loader_class
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

FORMAT = 3
_NAME = "cache"

# Tags of encoded nodes. Every tuple in an encoding is a tagged node; lists and dicts are
# themselves.
_TUPLE, _DATACLASS, _DOCUMENT, _DATE, _ENUM = range(5)
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
        loader_class().__name__,
        # Records are packed by field order: a field added, removed or moved (without a new
        # version, as in development) makes the cache another's.
        tuple((cls.__name__, names) for cls, names in _FIELDS.items()),
    )


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


class Cache:
    """Path -> (key, LoadedFile) of the last run, and what this run adds.

    A file of FILE_LOCAL_KINDS keeps its model record next to its document, so that a
    warm run neither builds the record again nor unpacks the document's values; `records`
    holds the records of this run's hits, for model.build, which adds the ones it builds.
    """

    def __init__(self, path: Path, head: tuple[Any, ...]) -> None:
        self.path = path
        self.head = head
        self.old: dict[str, tuple[str, Any]] = {}
        self.new: dict[str, tuple[str, Any]] = {}
        self.fresh: dict[str, tuple[str, LoadedFile]] = {}
        self.records: dict[str, Any] = {}
        self.hits = 0

    @classmethod
    def open(cls, root: Path, limits: Limits) -> Cache:
        cache = cls(cache_file(root), header(limits))
        cache.old = _read(cache.path, cache.head)
        return cache

    def get(self, path: str, key: str) -> LoadedFile | None:
        entry = self.old.get(path)
        if entry is None or entry[0] != key:
            return None
        try:
            loaded = decode(entry[1])
        except (CacheError, TypeError, ValueError, KeyError, IndexError, AttributeError):
            return None
        if not isinstance(loaded, LoadedFile) or loaded.path != path:
            return None
        self.new[path] = entry
        self.hits += 1
        packed = _packed_record(entry[1])
        if packed is not None and loaded.document is not None:
            # One that does not unpack is built again from the document's values.
            with contextlib.suppress(CacheError, TypeError, ValueError, IndexError):
                record = unpack_record(packed, path, loaded.document)
                if type(record) is _RECORD_OF.get(loaded.place.kind or ""):
                    self.records[path] = record
        return loaded

    def put(self, path: str, key: str, loaded: LoadedFile) -> None:
        # Encoded when saved, with the record model.build makes of it.
        self.fresh[path] = (key, loaded)

    def save(self, records: dict[str, Any] | None = None) -> None:
        """Write the entries of this run (and only those), unless nothing changed.

        `records` (path -> model record, as model.build filled it) are kept with the files
        parsed in this run.
        """
        if not self.fresh and self.new.keys() == self.old.keys():
            return
        try:
            for path, (key, loaded) in self.fresh.items():
                self.new[path] = (key, _with_record(loaded, (records or {}).get(path)))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            payload = marshal.dumps((self.head, self.new))
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(_MAGIC + _digest(payload) + payload)
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            # A cache that cannot be written costs the next run time, never a result.
            return


def _with_record(loaded: LoadedFile, record: Any) -> Any:
    """The encoded file, its document node carrying the packed record when there is one."""
    node = encode(loaded)
    if record is None or loaded.document is None or loaded.place.kind not in FILE_LOCAL_KINDS:
        return node
    try:
        packed = pack_record(record, loaded.document)
    except TypeError:
        return node
    tag, module, name, fields = node
    return (
        tag,
        module,
        name,
        tuple((k, (*v, packed) if k == "document" else v) for k, v in fields),
    )


def _packed_record(node: Any) -> Any:
    """The packed record in an encoded LoadedFile's document node, or None."""
    try:
        for name, value in node[3]:
            if name == "document":
                return value[5] if type(value) is tuple and len(value) == 6 else None
    except (TypeError, ValueError, IndexError):
        return None
    return None


_MAGIC = b"kring-cache\n"


def _digest(payload: bytes | memoryview) -> bytes:
    # CRC-32 and length: enough against accidents (see the module's docstring), and several
    # times cheaper than a cryptographic hash over the tens of megabytes of a large network.
    return zlib.crc32(payload).to_bytes(4, "big") + (len(payload) & 0xFFFFFFFF).to_bytes(4, "big")


_START = len(_MAGIC) + 8


def _read(path: Path, head: tuple[Any, ...]) -> dict[str, tuple[str, Any]]:
    """The entries of a cache file, or none when anything about it is not as written."""
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    payload = memoryview(blob)[_START:]  # no copy of a file of tens of megabytes
    # The checksum catches a truncated or garbled file before marshal reads it.
    if not blob.startswith(_MAGIC) or blob[len(_MAGIC) : _START] != _digest(payload):
        return {}
    try:
        loaded = marshal.loads(payload)
    except (EOFError, ValueError, TypeError, MemoryError):
        return {}
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == head):
        return {}
    entries = loaded[1]
    if not isinstance(entries, dict):
        return {}
    return {
        k: v
        for k, v in entries.items()
        if isinstance(k, str) and isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
    }


# --- the encoding ---------------------------------------------------------------------------


def encode(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Document:
        # The values are plain by construction (loader.py). The positions are packed in a
        # marshal string of their own, unpacked only when a check asks for one (loader.py).
        positions = (
            dict(zip(value.marks, map(tuple, value.marks.values()), strict=True)),
            dict(zip(value.key_marks, map(tuple, value.key_marks.values()), strict=True)),
        )
        # The values too: a record from the cache needs none of them (Cache.get).
        data = marshal.dumps(value.data)
        return (_DOCUMENT, data, marshal.dumps(positions), value.raw, value.last_line)
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
    # back. Most files have no problems, no suppressions and no body, and every node left
    # out is one less to read on a warm run.
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
_new_mark: Any = tuple.__new__


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
    if tag == _DOCUMENT:
        if len(node) not in (5, 6):
            raise CacheError("document")
        _, data, positions, raw, last_line = node[:5]
        if not (isinstance(data, bytes) and isinstance(positions, bytes)):
            raise CacheError("document")
        if not (isinstance(raw, dict) and isinstance(last_line, int)):
            raise CacheError("document")
        return Document.packed(
            functools.partial(_values, data),
            functools.partial(_positions, positions),
            raw,
            last_line,
        )
    if tag == _TUPLE:
        items = node[1]
        return tuple(decode(v) for v in items) if items else ()
    if tag == _DATACLASS:
        _, module, name, fields = node
        cls: Any = _kring_class(module, name)
        if not isinstance(fields, tuple) or not hasattr(cls, "__dataclass_fields__"):
            raise CacheError(f"{module}.{name} is not a dataclass")
        # Plain field values (most of them) are taken as they are, without a call each.
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


def _values(packed: bytes) -> Any:
    """Unpack a document's values; a garbled pack yields none (a broken document)."""
    try:
        return marshal.loads(packed)
    except (EOFError, ValueError, TypeError):
        return None


def _positions(packed: bytes) -> tuple[dict[Any, Mark], dict[Any, Mark]]:
    """Unpack a document's positions; a garbled pack yields none rather than an error."""
    try:
        marks, key_marks = marshal.loads(packed)
        return (
            {at: _mark(m) for at, m in marks.items() if type(at) is tuple},
            {at: _mark(m) for at, m in key_marks.items() if type(at) is tuple},
        )
    except (EOFError, ValueError, TypeError, AttributeError, CacheError):
        return {}, {}


def _mark(value: Any) -> Mark:
    if type(value) is not tuple or len(value) != 4:
        raise CacheError("position")
    mark: Mark = _new_mark(Mark, value)
    return mark


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

# A record packs into a tuple of plain values and tagged tuples: a Loc into its path in the
# document (the file and the document are the LoadedFile's own), a date into its ordinal,
# a tuple into its items, a record into its fields in order.
_LOC, _DAY, _STRINGS, _ITEMS = range(4)
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
_RECORD_OF = {"theme": Theme, "member": Member, "meeting": Meeting, "case": Case}
_RECORD_TAGS = {cls: _FIRST_RECORD + i for i, cls in enumerate(_RECORDS)}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _RECORDS}


def pack_record(value: Any, doc: Document) -> Any:
    """A record of a file with document `doc` as marshal data; TypeError if it cannot be."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Loc:
        if value.doc is not doc:
            raise TypeError("a position in another document")
        return (_LOC, value.base)
    if kind is dt.date:
        return (_DAY, value.toordinal())
    if kind is tuple:
        if all(type(v) in _PLAIN for v in value):
            return (_STRINGS, *value)
        return (_ITEMS, *(pack_record(v, doc) for v in value))
    tag = _RECORD_TAGS.get(kind)
    if tag is None:
        raise TypeError(f"kring cache: cannot pack {kind.__name__}")
    return (tag, *(pack_record(getattr(value, name), doc) for name in _FIELDS[kind]))


def unpack_record(node: Any, path: str, doc: Document) -> Any:
    """The record `pack_record` packed, its positions in `doc` of the file at `path`."""
    if type(node) is not tuple or not node or type(node[0]) is not int:
        raise CacheError("record")
    tag = node[0]
    if tag < _FIRST_RECORD and tag != _ITEMS:
        return _unpack_items((node,), path, doc)[0]
    items = _unpack_items(node[1:], path, doc)
    if tag == _ITEMS:
        return tuple(items)
    if tag >= _FIRST_RECORD + len(_RECORDS):
        raise CacheError("record")
    return _RECORDS[tag - _FIRST_RECORD](*items)


def _unpack_items(nodes: tuple[Any, ...], path: str, doc: Document) -> list[Any]:
    # The leaves (plain values, positions, dates, tuples of strings) are unpacked here
    # rather than by a call each: a warm run unpacks a few hundred thousand of them.
    items: list[Any] = []
    add = items.append
    for v in nodes:
        kind = type(v)
        if kind in _PLAIN:
            add(v)
        elif kind is not tuple or not v:
            raise CacheError("record")
        elif v[0] == _STRINGS:
            add(v[1:])
        elif v[0] == _LOC:
            if len(v) != 2 or type(v[1]) is not tuple:
                raise CacheError("record")
            add(Loc(path, doc, v[1]))
        elif v[0] == _DAY:
            add(dt.date.fromordinal(v[1]))
        else:
            add(unpack_record(v, path, doc))
    return items
