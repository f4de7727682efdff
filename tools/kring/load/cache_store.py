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

A file of a kind whose model record depends on nothing but the file (a member, meeting or
case: model.FILE_LOCAL_KINDS) also keeps that record, so a warm run neither builds it again
nor unpacks the document's values, which stay packed until something asks for them.
Regions, themes and the network depend on the policy of the network and the configuration,
and are built again every run. Positions are not kept at all: a finding in a
cached file reads and parses that file again (cache_codec._Packs.positions).

A warm run therefore imports neither PyYAML nor a schema validator (tests/load/test_cache.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from kring import __version__
from kring.core.document import Limits
from kring.core.model import LoadedFile
from kring.load.cache_codec import (
    FIELDS,
    MISS,
    CacheError,
    Source,
    Writer,
    decode_file,
    encode_file,
    moved,
)
from kring.load.repo import git_dir, kept_outside_git, read_file

# 5: the modules moved into packages (kring.core.model, …), which the generic encoding names
# 6: what a file alone yields grew (decoded values scanned, pages checked and kept as text,
#    a confidential case's problems withheld): files analysed before are analysed again
FORMAT = 6
_NAME = "cache"


# --- where ----------------------------------------------------------------------------------


def cache_file(root: Path) -> Path:
    found = git_dir(root)
    if found is not None:
        return found / "kring" / _NAME
    return kept_outside_git(root)


def content_key(data: bytes) -> str:
    return "b" + hashlib.blake2b(data, digest_size=20).hexdigest()


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
        (limits.max_bytes, limits.max_page_bytes, limits.max_depth, limits.max_events),
        _parser(),
        # Files and records are packed by field order: a field added, removed or moved
        # (without a new version, as in development) makes the cache another's.
        tuple((cls.__name__, names) for cls, names in FIELDS.items()),
    )


def _parser() -> str:
    """The YAML parser a cold run would use (yaml_loader.loader_class), found without importing
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
_CACHE_LIMIT = 1 << 30  # a network of ten thousand files caches about 20 MB
_START = len(_MAGIC) + 8


class Cache:
    """Path -> (key, file node) of the last run, and what this run adds.

    A file of FILE_LOCAL_KINDS keeps its model record in its node, so that a warm run
    neither builds the record again nor unpacks the document's values; `records` holds the
    records of this run's hits, for model.build, which adds the ones it builds.
    """

    def __init__(self, path: Path, head: tuple[Any, ...], source: Source) -> None:
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
        cache = cls(cache_file(root), header(limits), Source(root, limits))
        cache.old, cache.packs = _read(cache.path, cache.head)
        return cache

    def get(self, path: str, key: str) -> LoadedFile | None:
        entry = self.old.get(path)
        if entry is None:
            return None
        try:
            if entry[0] != key:
                return None
            loaded, record = decode_file(path, entry[1], self.packs, self.source)
        except MISS:
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
        packs = Writer()
        entries: dict[str, tuple[str, Any]] = {}
        same: dict[Any, Any] = {}  # (pack_record)
        try:
            for path, (key, node) in self.new.items():
                entries[path] = (key, moved(node, self.packs, packs))
            for path, (key, loaded, crc) in self.fresh.items():
                record = self.records.get(path)
                entries[path] = (key, encode_file(loaded, crc, record, packs, same))
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
        data = read_file(path, _CACHE_LIMIT)  # never a link or a pipe left in its place
        if len(data) > _CACHE_LIMIT:
            return nothing
        index, packs = split(data)
    except (OSError, CacheError):
        return nothing
    if not (type(index) is tuple and len(index) == 2 and index[0] == head):
        return nothing
    entries = index[1]
    if type(entries) is not dict:
        return nothing
    return entries, packs
