"""Loading: list the files, read and analyse each (or take it from the cache), build the model.

The work tree, a revision from git objects, or a change's base reusing the head's files."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import zlib
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kring.core.codes import Code
from kring.core.config import Config, from_pyproject
from kring.core.document import Document, Limits
from kring.core.findings import Problem, Source
from kring.core.i18n import T
from kring.core.layout import place_of
from kring.core.model import LoadedFile, Model, build
from kring.load import cache_codec
from kring.load.cache_store import Cache, content_key
from kring.load.repo import (
    Entry,
    Revision,
    git_keys,
    read_limited,
    read_pyproject,
    start_git_keys,
    walk,
)


def load_entry(
    root: Path,
    entry: Entry,
    limits: Limits,
    cache: Cache | None = None,
    known: Mapping[str, str] | None = None,
) -> LoadedFile:
    """One file through the file-local stage, or from the cache when its content is known.

    `known` maps paths to content keys that need no reading (git blob ids of files that
    match the index); any other file is read and its bytes hashed.
    """
    return _load_entry(
        entry,
        limits,
        lambda limit: read_limited(root, entry, limit),
        cache,
        known,
        cache_codec.Source(root, limits),
    )


def _load_entry(
    entry: Entry,
    limits: Limits,
    read: Callable[[int], bytes],  # the file's bytes, at most the given limit (and one)
    cache: Cache | None = None,
    known: Mapping[str, str] | None = None,
    reread: cache_codec.Source | None = None,
) -> LoadedFile:
    if entry.kind != "file":
        return _refused(entry)
    key = known.get(entry.path) if known else None
    if cache is not None and key is not None:
        # Before place_of: only a file in its place is ever cached, and its place with it.
        hit = cache.get(entry.path, key)
        if hit is not None:
            return hit
    place = place_of(entry.path)
    if place.kind is None:
        return LoadedFile(entry.path, place, None, (_misplaced(entry.path, place.hint),))
    try:
        data = read(limits.for_kind(place.kind))
    except OSError:
        return _refused(Entry(entry.path, "unreadable"))
    if cache is not None and key is None:
        key = content_key(data)
        hit = cache.get(entry.path, key)
        if hit is not None:
            return hit
    from kring.load.analyse import analyse  # parsing and validation: only for files not cached

    loaded = analyse(entry.path, place, data, limits)
    if reread is not None:
        loaded = _without_positions(loaded, data, reread)
    if cache is not None and key is not None and not _timed_out(loaded):
        cache.put(entry.path, key, loaded, data)
    return loaded


# Documents with more values than this keep no positions once checked file by file: a
# finding in one reads and parses that file again (cache_codec.Reread). Ordinary files hold
# a few dozen values; a meeting of 1,500 attendees holds 1,500 positions.
_KEPT_POSITIONS = 1000


def _without_positions(loaded: LoadedFile, data: bytes, source: cache_codec.Source) -> LoadedFile:
    doc = loaded.document
    if doc is None or len(doc.marks) <= _KEPT_POSITIONS:
        return loaded
    packed = cache_codec.Reread(doc.data, loaded.path, source, zlib.crc32(data))
    return dataclasses.replace(loaded, document=Document.packed(packed, doc.raw, doc.last_line))


def _timed_out(loaded: LoadedFile) -> bool:
    # A file that ran out of its time budget depends on how busy the machine was: it is
    # read again next time rather than remembered as broken.
    return any(p.message.msgid.startswith("reading the file took longer") for p in loaded.problems)


def _refused(entry: Entry) -> LoadedFile:
    if entry.kind == "symlink":
        what = T("'{path}' is a symbolic link; kring never follows links", path=entry.path)
    elif entry.kind == "submodule":
        what = T("'{path}' is a git submodule; kring never follows it", path=entry.path)
    elif entry.kind == "deep":
        what = T("'{path}' is a folder nested deeper than the layout goes", path=entry.path)
    elif entry.kind == "unreadable":
        what = T("'{path}' cannot be read (no permission, or it vanished)", path=entry.path)
    else:
        what = T("'{path}' is not a regular file (a FIFO, socket or device)", path=entry.path)
    problem = Problem(
        Code.MISPLACED_FILE,
        Source(entry.path),
        what,
        T("replace it with a regular file, or remove it"),
    )
    place = place_of(entry.path)
    return LoadedFile(
        entry.path,
        place,
        None,
        (problem,),
        is_symlink=entry.kind == "symlink",
        is_special=entry.kind != "symlink",
    )


_WHERE = {
    "yml": T("data files end in .yaml: rename it"),
    "members": T("members live in network/members/<member-id>.yaml"),
    "regions": T("regions live in network/regions/<region-id>.yaml"),
    "themes": T("themes live in network/themes/<theme-id>.yaml"),
    "meetings": T("meetings live in network/meetings/<YYYY>/<YYYY-MM-DD>-<group-id>.md"),
    "cases": T("cases live in network/cases/<YYYY>/<case-id>.md"),
}


def _misplaced(path: str, hint: str | None) -> Problem:
    return Problem(
        Code.MISPLACED_FILE,
        Source(path),
        T("no kind of file is expected at '{path}'", path=path),
        _WHERE.get(
            hint or "",
            T(
                "see the layout in the README: network/, members/, regions/, "
                "themes/, meetings/<YYYY>/, cases/<YYYY>/"
            ),
        ),
    )


def configuration(root: Path, path: Path | None = None) -> Config:
    """The repository's `[tool.kring]`, or that of the file `path` names (the pull-request
    bot names the base's, so a change is judged by the configuration it started from: SPEC
    §8); read through the safe reader. ConfigError or RepositoryError: exit 2."""
    shown = str(path) if path is not None else "pyproject.toml"
    return from_pyproject(read_pyproject(root, path), where=shown)


def limits_of(config: Config) -> Limits:
    return Limits(max_bytes=config.max_file_kib * 1024)


def load(
    root: Path,
    config: Config,
    *,
    cache: Cache | None = None,
    keys: Callable[[], dict[str, str]] | None = None,
) -> Model:
    """Every file under network/ through the file-local stage, then the model.

    With a cache (`Cache.open(root, limits_of(config))`), files whose content was seen
    before come from it, and it is saved afterwards (cache_store.py). `keys` answers
    git_keys(root) when git was asked earlier (repo.start_git_keys).
    """
    limits = limits_of(config)
    entries = [e for e in walk(root) if not _ignored(e.path)]
    if cache is None:
        return build([load_entry(root, e, limits) for e in entries], config.policy)
    known = keys() if keys is not None else git_keys(root)
    files = [load_entry(root, e, limits, cache, known) for e in entries]
    model = build(files, config.policy, cache.records)
    cache.save()
    return model


@dataclass(frozen=True, slots=True)
class Reusable:
    """The files of a model already loaded, by path, with the git blob id each was read
    from, and their records: a revision's file of the same path and blob is the same file.

    A change touches a few files of thousands, so the base of `--changed-since` and
    `kring summary` takes nearly all of its files from the head loaded just before.
    """

    files: Mapping[str, tuple[str, LoadedFile]]
    records: Mapping[str, Any]


def reusable(model: Model, blobs: Mapping[str, str]) -> Reusable:
    """The files of `model` whose blob id is known (`blobs`: path -> blob id), for reuse."""
    files = {f.path: (blobs[f.path], f) for f in model.files if f.path in blobs}
    return Reusable(files, records_of(model, files))


def records_of(model: Model, paths: Container[str]) -> dict[str, Any]:
    """The records of `model` that depend on nothing but their file (model.FILE_LOCAL_KINDS),
    by path, for the files at `paths`: a model built again with those files takes them."""
    records: dict[str, Any] = {}
    for kind in (model.all_members, model.all_meetings, model.all_cases):
        for record in kind:
            if record.loc.path in paths:
                records[record.loc.path] = record
    return records


def load_cached(root: Path, config: Config) -> tuple[Model, dict[str, str]]:
    """The work tree as `kring check` loads it, unchanged files from the cache (cache_store.py);
    and git's keys of the files that match its index (path -> "g" + blob id)."""
    with no_cycle_collection():
        # git lists the blob ids while the cache file is read and the files are listed.
        keys = start_git_keys(root)
        try:
            model = load(root, config, cache=Cache.open(root, limits_of(config)), keys=keys)
        finally:
            known = keys()  # waits for git, also when loading failed
    return model, known


def load_revision(revision: Revision, config: Config, reuse: Reusable | None = None) -> Model:
    """The network as it was at a commit, from git objects, with the same findings as the
    work tree would give for the same bytes (a symlink or submodule is KR005 here too).

    A file that `reuse` holds with the same path and blob is taken from it, not read again.
    """
    limits = limits_of(config)

    def reader(entry: Entry) -> Callable[[int], bytes]:
        return lambda limit: revision.read(entry, limit)

    same = reuse.files if reuse is not None else {}
    files: list[LoadedFile] = []
    records: dict[str, Any] = {}
    with no_cycle_collection():
        for e in revision.entries():
            if _ignored(e.path):
                continue
            found = same.get(e.path)
            if found is not None and e.kind == "file" and found[0] == e.blob:
                files.append(found[1])
                if reuse is not None and e.path in reuse.records:
                    records[e.path] = reuse.records[e.path]
            else:
                files.append(_load_entry(e, limits, reader(e)))
        return build(files, config.policy, records)


def _ignored(path: str) -> bool:
    # Editor and system droppings (.gitkeep, .DS_Store, swap files) are not network data.
    return path.rsplit("/", 1)[-1].startswith(".")


def blobs_of(keys: Mapping[str, str]) -> dict[str, str]:
    # repo.git_keys gives "g" + blob id for the files that match git's index.
    return {path: key[1:] for path, key in keys.items() if key.startswith("g")}


@dataclass(frozen=True, slots=True)
class Start:
    """Where a change started and what it touched: the merge base and the changed paths."""

    root: Path
    ref: str  # as the user named it
    sha: str  # the merge base of ref and head
    changed: dict[str, str]  # path -> git status letter (A, M, D, T)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Where a change started and what it touched: the base model and the changed paths."""

    ref: str  # as the user named it
    sha: str  # the merge base of ref and head
    model: Model
    changed: dict[str, str]  # path -> git status letter (A, M, D, T)


def start(root: Path, ref: str, head: str | None) -> Start:
    """The merge base of `ref` and `head` (the work tree when None) and the paths under
    network/ changed since it. Raises repo.RepositoryError (before anything is loaded)."""
    from kring.load.repo import changed_paths, merge_base

    sha = merge_base(root, ref, head)
    return Start(root, ref, sha, changed_paths(root, sha, head))


def load_baseline(begin: Start, config: Config, reuse: Reusable | None = None) -> Baseline:
    """The network at the merge base, from git objects (and from `reuse` where the same)."""
    model = load_revision(Revision(begin.root, begin.sha), config, reuse)
    return Baseline(begin.ref, begin.sha, model, begin.changed)


def load_head(root: Path, head: str | None, config: Config) -> tuple[Model, Reusable]:
    """The work tree when `head` is None, else the revision `head` from git objects; and its
    files by blob id, for loading a base from (Reusable)."""
    if head is None:
        model, keys = load_cached(root, config)
        return model, reusable(model, blobs_of(keys))
    revision = Revision(root, head)
    model = load_revision(revision, config)
    blobs = {e.path: e.blob for e in revision.entries() if e.kind == "file" and e.blob}
    return model, reusable(model, blobs)


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Keep Python's cycle collector out of a run.

    Loading allocates millions of small objects that all stay alive (values, positions,
    records) and form no cycles; each automatic collection would walk all of them again,
    which on ten thousand files costs more than parsing them. Reference counting still
    frees everything as usual. Afterwards the objects of the run are moved out of the
    collector's sight (gc.freeze) before it is switched back on: otherwise its first
    collection walks them all once more, a tenth of a second at ten thousand files.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
