"""Where files come from: the work tree of a network repository.

Nothing outside the repository is read and no symlink is followed (SPEC §2.2, §7): a
symlink, a FIFO or a device under network/ is listed as such so that a check reports it,
and only regular files are ever opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kring.i18n import T
from kring.layout import NETWORK_DIR


class RepositoryError(Exception):
    """The repository cannot be used at all (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing found under network/: a path relative to the top and what it is."""

    path: str
    kind: str  # "file", "symlink" or "special"
    size: int = 0


def find_root(start: Path | None) -> Path:
    """`--repo DIR`, else the current directory or the git top level above it."""
    if start is not None:
        root = start.resolve()
        if not (root / NETWORK_DIR).is_dir():
            raise RepositoryError(T("no {folder}/ folder in {root}", folder=NETWORK_DIR, root=root))
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / NETWORK_DIR).is_dir():
            return candidate
        if (candidate / ".git").exists():
            break
    raise RepositoryError(
        T(
            "no {folder}/ folder in {root} or above it; run kring inside a network "
            "repository or give --repo DIR",
            folder=NETWORK_DIR,
            root=here,
        )
    )


def walk(root: Path) -> Iterator[Entry]:
    """Everything under network/, sorted, without following symlinks."""
    top = root / NETWORK_DIR
    yield from _walk(top, NETWORK_DIR)


def _walk(folder: Path, rel: str) -> Iterator[Entry]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = f"{rel}/{entry.name}"
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            yield Entry(path, "special")
            continue
        if stat.S_ISLNK(st.st_mode):
            yield Entry(path, "symlink")
        elif stat.S_ISDIR(st.st_mode):
            yield from _walk(Path(entry.path), path)
        elif stat.S_ISREG(st.st_mode):
            yield Entry(path, "file", st.st_size)
        else:
            yield Entry(path, "special")


def read_limited(root: Path, entry: Entry, limit: int) -> bytes:
    """A regular file's bytes, at most `limit + 1` of them (the loader reports the excess).

    O_NOFOLLOW and the regular-file check are repeated at open time, so a file swapped
    for a symlink or a FIFO after the listing is still never followed nor blocked on.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(root / entry.path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError("not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(fd)
