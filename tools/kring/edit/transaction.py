"""Writing network files without loss: one checked transaction for every command that writes.

Every change is planned as a list of `Write`s, checked in memory with the same checks as
`kring check` (the whole repository is loaded with the changed files in place), then written
through `atomic_write` (atomic, never clobbering), and checked once more on disk. A change that
would bring an error into a file it touches is refused before anything is written.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kring.checks import runner
from kring.checks.context import Context
from kring.core.config import Config
from kring.core.document import Document, Limits
from kring.core.findings import Finding, Severity
from kring.core.i18n import T
from kring.core.layout import place_of
from kring.core.model import LoadedFile, Model, build
from kring.edit import atomic_write, splice
from kring.edit.refused import Refused
from kring.load import pipeline
from kring.load.analyse import analyse
from kring.load.repo import Entry, read_limited
from kring.load.yaml_loader import parse_file


@dataclass(frozen=True, slots=True)
class Write:
    """One file to write: repository-relative path, new text, and the bytes it must still
    hold (None for a file that must not exist yet)."""

    path: str
    text: str
    expected: bytes | None = None


def document_of(root: Path, rel: str, limits: Limits) -> tuple[bytes, str, Document]:
    """The bytes, text and parsed document of a network file that a command will edit."""
    try:
        data = read_limited(root, Entry(rel, "file"), limits.max_bytes)
    except OSError as exc:
        error = exc.strerror or str(exc)
        raise Refused(T("cannot read {path}: {error}", path=rel, error=error)) from None
    parsed = parse_file(rel, data, markdown=rel.endswith(".md"), limits=limits)
    if parsed.document is None or not isinstance(parsed.document.data, dict):
        raise Refused(T("{path} does not load cleanly; run kring check and fix it first", path=rel))
    return data, data.decode("utf-8"), parsed.document


def edit(
    rel: str, text: str, steps: Iterable[Callable[[str, Document], str]], limits: Limits
) -> str:
    """Apply splice steps one after another, parsing again between them (offsets move)."""
    for step in steps:
        parsed = parse_file(rel, text.encode("utf-8"), markdown=rel.endswith(".md"), limits=limits)
        if parsed.document is None:
            raise Refused(T("{path}: the edit would break the YAML; nothing written", path=rel))
        try:
            text = step(text, parsed.document)
        except splice.SpliceError as exc:
            raise Refused(T("{path}: {problem}", path=rel, problem=exc.message)) from None
    return text


# --- checking in memory and on disk ------------------------------------------------------------


def load_with(model: Model, config: Config, changes: Mapping[str, bytes]) -> Model:
    """`model` with `changes` (path -> new bytes) in place of (or beside) its files."""
    limits = pipeline.limits_of(config)
    return _replaced(
        model,
        config,
        {path: analyse(path, place_of(path), data, limits) for path, data in changes.items()},
    )


def reloaded(root: Path, model: Model, config: Config, paths: Iterable[str]) -> Model:
    """`model` with the files at `paths` read again from disk (after writing them)."""
    limits = pipeline.limits_of(config)
    return _replaced(
        model, config, {p: pipeline.load_entry(root, Entry(p, "file"), limits) for p in paths}
    )


def _replaced(model: Model, config: Config, files: Mapping[str, LoadedFile]) -> Model:
    """`model` built again with `files` in place of (or beside) its own; the records of the
    other files depend on nothing but their file (model.FILE_LOCAL_KINDS) and are reused."""
    kept = [f for f in model.files if f.path not in files]
    records = pipeline.records_of(model, {f.path for f in kept})
    out = [*kept, *files.values()]
    out.sort(key=lambda f: f.path.split("/"))
    return build(out, config.policy, records)


def _errors(findings: Iterable[Finding], paths: Collection[str]) -> Counter[tuple[str, str, str]]:
    return Counter(
        (f.source.path, f.code, f.message.render())
        for f in findings
        if f.severity >= Severity.ERROR and f.source.path in paths
    )


def introduced(
    before: Sequence[Finding], after: Sequence[Finding], paths: Collection[str]
) -> list[Finding]:
    """Error findings in `paths` after a change that were not there before it."""
    new = _errors(after, paths) - _errors(before, paths)
    out = []
    for f in after:
        key = (f.source.path, f.code, f.message.render())
        if f.severity >= Severity.ERROR and new[key] > 0:
            new[key] -= 1
            out.append(f)
    return out


def apply(root: Path, ctx: Context, model: Model, writes: Sequence[Write]) -> None:
    """Check `writes` in memory against `model` (the repository as the command loaded it),
    write them, check again with the written files read back; Refused if anything fails."""
    paths = {w.path for w in writes}
    before = runner.run(model, ctx)
    changes = {w.path: w.text.encode("utf-8") for w in writes}
    after = runner.run(load_with(model, ctx.config, changes), ctx)
    bad = introduced(before, after, paths)
    if bad:
        raise Refused(T("the result would not pass kring check; nothing written"), findings=bad)
    done: list[Write] = []
    try:
        for w in writes:
            _write(root, w)
            done.append(w)
    except (atomic_write.WriteRefused, OSError) as exc:
        _undo(root, done)
        raise Refused(T("nothing written: {reason}", reason=_reason(exc))) from None
    # Should never find anything (the same checks passed in memory); if it does, undo.
    on_disk = runner.run(reloaded(root, model, ctx.config, paths), ctx)
    bad = introduced(before, on_disk, paths)
    if bad:
        _undo(root, done)
        raise Refused(
            T("the files on disk did not pass kring check; the change was undone"), findings=bad
        )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return str(exc)


def _write(root: Path, w: Write) -> None:
    if w.expected is None:
        atomic_write.create(root / w.path, w.text, within=root)
    else:
        atomic_write.replace(root / w.path, w.text, w.expected, within=root)


def _undo(root: Path, done: Sequence[Write]) -> None:
    for w in reversed(done):
        written = w.text.encode("utf-8")
        if w.expected is None:
            atomic_write.withdraw(root / w.path, written)
        else:
            with contextlib.suppress(atomic_write.WriteRefused, OSError):
                atomic_write.replace(
                    root / w.path, w.expected.decode("utf-8"), written, within=root
                )
