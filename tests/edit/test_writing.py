"""The one write path: never clobbering, atomic, and intact after any failure."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from kring.edit import atomic_write


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_create_writes_a_new_file_readable_like_any_other(tmp_path: Path) -> None:
    target = tmp_path / "members" / "anna.yaml"
    atomic_write.create(target, "name: Anna\n")
    assert target.read_bytes() == b"name: Anna\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize("existing", ["file", "broken-symlink"])
def test_create_never_overwrites(tmp_path: Path, existing: str) -> None:
    target = tmp_path / "anna.yaml"
    if existing == "file":
        target.write_bytes(b"keep me\n")
    else:
        target.symlink_to(tmp_path / "nowhere")
    with pytest.raises(atomic_write.WriteRefused, match="already exists"):
        atomic_write.create(target, "name: other\n")
    if existing == "file":
        assert target.read_bytes() == b"keep me\n"
    else:
        assert target.is_symlink() and not (tmp_path / "nowhere").exists()
    assert _leftovers(tmp_path) == []


def test_create_loses_the_race_without_clobbering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "anna.yaml"
    real_link = os.link

    def someone_else_first(src: str, dst: str) -> None:
        Path(dst).write_bytes(b"written by someone else\n")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(atomic_write.WriteRefused):
        atomic_write.create(target, "name: Anna\n")
    assert target.read_bytes() == b"written by someone else\n"
    assert _leftovers(tmp_path) == []


def test_create_failing_link_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "simulated I/O error")

    monkeypatch.setattr(os, "link", broken)
    with pytest.raises(OSError, match="simulated"):
        atomic_write.create(tmp_path / "anna.yaml", "name: Anna\n")
    assert list(tmp_path.iterdir()) == []


def test_create_without_hard_links_still_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", unsupported)
    target = tmp_path / "anna.yaml"
    atomic_write.create(target, "name: Anna\n")
    assert target.read_bytes() == b"name: Anna\n"
    with pytest.raises(atomic_write.WriteRefused):
        atomic_write.create(target, "name: other\n")
    assert target.read_bytes() == b"name: Anna\n"
    assert _leftovers(tmp_path) == []


ORIGINAL = b"# a comment\r\nname: Anna\r\n"


def test_replace_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "anna.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    atomic_write.replace(target, "name: Anna B\n", ORIGINAL)
    assert target.read_bytes() == b"name: Anna B\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failure_during_replace_leaves_the_original_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "anna.yaml"
    target.write_bytes(ORIGINAL)

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, f"simulated failure in {failing}")

    if failing == "write":
        monkeypatch.setattr(atomic_write.os, "fdopen", boom)
    else:
        monkeypatch.setattr(atomic_write.os, failing, boom)
    with pytest.raises(OSError, match="simulated"):
        atomic_write.replace(target, "name: changed\n", ORIGINAL)
    assert target.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path) == []


def test_replace_refuses_a_file_changed_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "anna.yaml"
    target.write_bytes(b"name: edited by hand\n")
    with pytest.raises(atomic_write.WriteRefused, match="changed while"):
        atomic_write.replace(target, "name: mine\n", ORIGINAL)
    assert target.read_bytes() == b"name: edited by hand\n"


def test_replace_refuses_a_change_between_reading_and_renaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "anna.yaml"
    target.write_bytes(ORIGINAL)
    real = atomic_write._temporary

    def slow_temporary(path: Path, data: bytes, mode: int) -> Path:
        made = real(path, data, mode)
        target.write_bytes(b"name: edited meanwhile\n")  # someone saves in between
        return made

    monkeypatch.setattr(atomic_write, "_temporary", slow_temporary)
    with pytest.raises(atomic_write.WriteRefused):
        atomic_write.replace(target, "name: mine\n", ORIGINAL)
    assert target.read_bytes() == b"name: edited meanwhile\n"
    assert _leftovers(tmp_path) == []


def test_replace_refuses_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(ORIGINAL)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    with pytest.raises(atomic_write.WriteRefused, match="not a regular file"):
        atomic_write.replace(link, "name: x\n", ORIGINAL)
    assert real.read_bytes() == ORIGINAL and link.is_symlink()


def test_within_refuses_a_path_through_a_linked_folder(tmp_path: Path) -> None:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    (root / "network").mkdir(parents=True)
    outside.mkdir()
    (root / "network" / "cases").symlink_to(outside, target_is_directory=True)
    with pytest.raises(atomic_write.WriteRefused, match="symbolic link"):
        atomic_write.create(root / "network" / "cases" / "x.md", "---\n---\n", within=root)
    with pytest.raises(atomic_write.WriteRefused, match="outside the repository"):
        atomic_write.create(outside / "x.md", "x\n", within=root)
    assert list(outside.iterdir()) == []


def test_withdraw_removes_only_what_was_written(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    atomic_write.create(target, "mine\n")
    target.write_bytes(b"changed by someone\n")
    assert atomic_write.withdraw(target, b"mine\n") is False
    assert target.exists()
    target.write_bytes(b"mine\n")
    assert atomic_write.withdraw(target, b"mine\n") is True
    assert not target.exists()
