"""One run of `kring check`: list, load, build the model, check, filter, sort."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kring.cache import Cache, content_key, git_keys
from kring.checks import CHECKS
from kring.config import Config
from kring.context import Context
from kring.findings import Finding, Problem, Source
from kring.i18n import T
from kring.layout import place_of
from kring.loader import Limits
from kring.model import LoadedFile, Model, build
from kring.repo import Entry, read_limited, walk


@dataclass(frozen=True, slots=True)
class Result:
    model: Model
    findings: tuple[Finding, ...]
    files_checked: int
    seconds: float


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
    place = place_of(entry.path)
    if entry.kind != "file":
        return _refused(entry)
    if place.kind is None:
        return LoadedFile(entry.path, place, None, (_misplaced(entry.path, place.hint),))
    key = known.get(entry.path) if known else None
    if cache is not None and key is not None:
        hit = cache.get(entry.path, key)
        if hit is not None:
            return hit
    try:
        data = read_limited(root, entry, limits.max_bytes)
    except OSError:
        return _refused(entry)
    if cache is not None and key is None:
        key = content_key(data)
        hit = cache.get(entry.path, key)
        if hit is not None:
            return hit
    from kring.analyse import analyse  # parsing and validation: only for files not cached

    loaded = analyse(entry.path, place, data, limits)
    if cache is not None and key is not None:
        cache.put(entry.path, key, loaded)
    return loaded


def _refused(entry: Entry) -> LoadedFile:
    what = (
        T("'{path}' is a symbolic link; kring never follows links", path=entry.path)
        if entry.kind == "symlink"
        else T("'{path}' is not a regular file (a FIFO, socket or device)", path=entry.path)
    )
    problem = Problem(
        "KR005", Source(entry.path), what, T("replace it with a regular file, or remove it")
    )
    place = place_of(entry.path)
    return LoadedFile(
        entry.path,
        place,
        None,
        (problem,),
        is_symlink=entry.kind == "symlink",
        is_special=entry.kind == "special",
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
        "KR005",
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


def limits_of(config: Config) -> Limits:
    return Limits(max_bytes=config.max_file_kib * 1024)


def load(root: Path, config: Config, *, cache: Cache | None = None) -> Model:
    """Every file under network/ through the file-local stage, then the model.

    With a cache (`Cache.open(root, limits_of(config))`), files whose content was seen
    before come from it, and it is saved afterwards (cache.py).
    """
    limits = limits_of(config)
    entries = [e for e in walk(root) if not _ignored(e.path)]
    if cache is None:
        return build([load_entry(root, e, limits) for e in entries], config.policy)
    known = git_keys(root)
    files = [load_entry(root, e, limits, cache, known) for e in entries]
    cache.save()
    return build(files, config.policy)


def _ignored(path: str) -> bool:
    # Editor and system droppings (.gitkeep, .DS_Store, swap files) are not network data.
    return path.rsplit("/", 1)[-1].startswith(".")


def run(model: Model, ctx: Context) -> list[Finding]:
    """Every enabled check over the model, severities adjusted, sorted (SPEC §6)."""
    config = ctx.config
    out: list[Finding] = []
    for check in CHECKS:
        if not config.enabled(check.RULE.code):
            continue
        for finding in check.check(model, ctx):
            override = config.severity.get(finding.code)
            if override is not None and override != finding.severity:
                finding = Finding(
                    finding.code,
                    finding.name,
                    override,
                    finding.source,
                    finding.message,
                    finding.hint,
                )
            out.append(finding)
    out.sort(key=Finding.sort_key)
    return out


def only_paths(findings: Iterable[Finding], paths: Iterable[str]) -> list[Finding]:
    """Findings in the given files or folders (repository-relative)."""
    wanted = [p.rstrip("/") for p in paths]
    return [
        f
        for f in findings
        if any(f.source.path == p or f.source.path.startswith(p + "/") for p in wanted)
    ]


def check(root: Path, ctx: Context, *, use_cache: bool = False) -> Result:
    started = time.perf_counter()
    with _no_cycle_collection():
        cache = Cache.open(root, limits_of(ctx.config)) if use_cache else None
        model = load(root, ctx.config, cache=cache)
        findings = run(model, ctx)
    return Result(model, tuple(findings), len(model.files), time.perf_counter() - started)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Keep Python's cycle collector out of a run.

    Loading allocates millions of small objects that all stay alive (values, positions,
    records) and form no cycles; each automatic collection would walk all of them again,
    which on ten thousand files costs more than parsing them. Reference counting still
    frees everything as usual; the collector is switched back on (and runs) afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
