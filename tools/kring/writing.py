"""The one write path: atomic, never clobbering (STYLE: only commands that say they write).

- `create(path, text)` makes a new file and refuses when anything is already there.
- `replace(path, text, expected)` replaces a file only if it still holds `expected` (the
  bytes the command read and edited), so a concurrent edit is never overwritten.

Both write a temporary file in the same folder, fsync it, then move it into place; on any
failure the temporary file is removed and the original is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The write would replace something the command did not mean to."""


def _temporary(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def create(path: Path, text: str) -> None:
    """Write a new file; WriteRefused if the path exists (even as a broken symlink)."""
    if os.path.lexists(path):
        raise WriteRefused(f"{path} already exists; kring never overwrites a file")
    tmp = _temporary(path, text.encode("utf-8"))
    try:
        # link() fails if the target appeared meanwhile, unlike rename(): no clobbering race.
        os.link(tmp, path)
    except FileExistsError:
        raise WriteRefused(f"{path} already exists; kring never overwrites a file") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def replace(path: Path, text: str, expected: bytes) -> None:
    """Replace `path` with `text` if it still holds exactly `expected`."""
    if path.is_symlink() or not path.is_file():
        raise WriteRefused(f"{path} is not a regular file")
    if path.read_bytes() != expected:
        raise WriteRefused(f"{path} changed while kring was editing it; run the command again")
    tmp = _temporary(path, text.encode("utf-8"))
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
