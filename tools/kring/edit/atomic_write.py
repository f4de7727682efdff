"""The one write path: atomic, never clobbering (STYLE: only commands that say they write).

- `create(path, text)` makes a new file and refuses when anything is already there.
- `replace(path, text, expected)` replaces a file only if it still holds `expected` (the
  bytes the command read and edited), so a concurrent edit is never overwritten.
- `withdraw(path, expected)` removes a file if it still holds `expected`: one this run
  created (to undo the first half of a two-file change whose second half failed), or a
  generated page whose group is gone (`kring report`).

Both writers put the new bytes in a temporary file in the same folder (named `.<name>.…tmp`,
which kring never reads as data), fsync it, then move it into place: `create` with link(),
which fails if the target appeared meanwhile, `replace` with rename(). On any failure the
temporary file is removed and the original is untouched. A replaced file keeps its
permission bits; a created one gets the usual 0666 less the umask (mkstemp's 0600 would make
network files unreadable to the rest of a shared checkout).

With `within=ROOT`, a path that leaves ROOT or passes through a symbolic link is refused:
kring never writes outside the repository, nor through a link (SPEC §2.2, §7).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from kring.core.i18n import T, Text
from kring.load.repo import read_file


class WriteRefused(Exception):
    """The write would replace something the command did not mean to (nothing was written)."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temporary(path: Path, data: bytes, mode: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
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


def _guard(path: Path, within: Path | None) -> None:
    """Refuse a path outside `within`, or one that passes through a symbolic link."""
    if within is None:
        return
    top = within.resolve()
    try:
        rel = path.absolute().relative_to(top)
    except ValueError:
        raise WriteRefused(
            T("{path} is outside the repository {root}", path=path, root=top)
        ) from None
    here = top
    for part in rel.parts:
        if part in ("", ".", ".."):
            raise WriteRefused(T("{path} is not a plain path in the repository", path=path))
        here = here / part
        if here.is_symlink():
            raise WriteRefused(
                T("{path} is a symbolic link; kring never writes through links", path=here)
            )


def _exists(path: Path) -> WriteRefused:
    return WriteRefused(T("{path} already exists; kring never overwrites a file", path=path))


def create(path: Path, text: str, *, within: Path | None = None) -> None:
    """Write a new file; WriteRefused if the path exists (even as a broken symlink)."""
    _guard(path, within)
    if os.path.lexists(path):
        raise _exists(path)
    data = text.encode("utf-8")
    tmp = _temporary(path, data, _default_mode())
    try:
        # link() fails if the target appeared meanwhile, unlike rename(): no clobbering race.
        os.link(tmp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
        _create_exclusive(path, data)  # a file system without hard links
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def _create_exclusive(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        raise _exists(path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        # The file is ours (O_EXCL made it): never leave half of it behind.
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def _regular(path: Path) -> os.stat_result:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise WriteRefused(T("{path} does not exist any more", path=path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(T("{path} is not a regular file", path=path))
    return st


def _unchanged(path: Path, expected: bytes) -> None:
    if read_file(path, len(expected)) != expected:
        raise WriteRefused(
            T("{path} changed while kring was editing it; run the command again", path=path)
        )


def replace(path: Path, text: str, expected: bytes, *, within: Path | None = None) -> None:
    """Replace `path` with `text` if it still holds exactly `expected`."""
    _guard(path, within)
    st = _regular(path)
    _unchanged(path, expected)
    tmp = _temporary(path, text.encode("utf-8"), stat.S_IMODE(st.st_mode))
    try:
        # Look once more right before the rename: the window for a lost edit stays tiny.
        _regular(path)
        _unchanged(path, expected)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def withdraw(path: Path, expected: bytes, *, within: Path | None = None) -> bool:
    """Remove a file — one this run created, or a generated page whose group is gone —
    only if it still holds `expected`; True if removed."""
    try:
        _guard(path, within)
        _regular(path)
        if read_file(path, len(expected)) != expected:
            return False
        path.unlink()
    except (OSError, WriteRefused):
        return False
    _fsync_dir(path.parent)
    return True
