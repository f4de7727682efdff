"""Reading a koepel's exports from git objects at a ref (load/repo.files_at), on real
repositories: refs as git finds them, many repositories in few processes, answers in order."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from support import commit, git

from kring.load import koepel_sources, repo

EXPORT = "network/export.json"


def network_repo(folder: Path, text: str) -> Path:
    (folder / "network").mkdir(parents=True)
    (folder / EXPORT).write_text(text, "utf-8")
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "facts")
    return folder


def read(requests: list[tuple[Path, str]], limit: int = 1 << 20) -> list[bytes | str]:
    return [
        answer if isinstance(answer, bytes) else str(answer.args[0])
        for answer in repo.files_at(requests, EXPORT, limit)
    ]


def test_refs_are_found_as_git_finds_them(tmp_path: Path) -> None:
    folder = network_repo(tmp_path / "zuid", '{"n": 1}\n')
    first = git(folder, "rev-parse", "HEAD").strip()
    git(folder, "tag", "-a", "-m", "published", "v1")
    (folder / EXPORT).write_text('{"n": 2}\n', "utf-8")
    commit(folder, "newer facts")
    git(folder, "branch", "published", first)
    git(folder, "pack-refs", "--all")  # refs in packed-refs, as after a clone or gc
    (folder / EXPORT).unlink()  # the work tree does not matter
    asked = [(folder, ref) for ref in ("main", "v1", "published", "refs/heads/main", first, "HEAD")]
    assert read(asked) == [
        b'{"n": 2}\n',
        b'{"n": 1}\n',
        b'{"n": 1}\n',
        b'{"n": 2}\n',
        b'{"n": 1}\n',
        b'{"n": 2}\n',
    ]


def test_many_repositories_answer_in_order_with_their_own_errors(tmp_path: Path) -> None:
    requests: list[tuple[Path, str]] = []
    expected: list[bytes | str] = []
    for i in range(60):  # more than one process's share
        folder = network_repo(tmp_path / f"n{i}", f'{{"i": {i}}}\n')
        if i % 13 == 5:
            requests.append((folder, "release"))
            expected.append("no branch, tag or commit 'release' in the repository")
        elif i % 17 == 3:
            requests.append((tmp_path / f"nothing-{i}", "main"))
            expected.append("not a git repository, or git cannot read it")
        else:
            requests.append((folder, "main"))
            expected.append(f'{{"i": {i}}}\n'.encode())
    assert read(requests) == expected


def test_a_file_too_large_is_refused_and_the_next_one_still_read(tmp_path: Path) -> None:
    big = network_repo(tmp_path / "big", "x" * 5000)
    small = network_repo(tmp_path / "small", "{}\n")
    assert read([(big, "main"), (small, "main")], limit=4096) == [
        f"{EXPORT} at 'main' is 5000 bytes, more than the 4096 kring reads",
        b"{}\n",
    ]


def test_a_folder_or_nothing_at_the_path(tmp_path: Path) -> None:
    folder_instead = tmp_path / "folder"
    (folder_instead / EXPORT).mkdir(parents=True)
    (folder_instead / EXPORT / "keep").write_text("x", "utf-8")
    git(folder_instead, "init", "-q", "-b", "main")
    commit(folder_instead, "a folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q", "-b", "main")
    git(empty, "commit", "-q", "--allow-empty", "-m", "nothing")
    assert read([(folder_instead, "main"), (empty, "main")]) == [
        f"{EXPORT} at 'main' is not a file",
        f"no {EXPORT} at 'main'",
    ]


@pytest.mark.parametrize("name", ["net:zuid", 'net"zuid', "net zuid"])
def test_a_repository_whose_path_git_would_split(tmp_path: Path, name: str) -> None:
    # object folders go to git as a ':'-separated list: such a path is quoted, never split
    plain = network_repo(tmp_path / "plain", '{"plain": 1}\n')
    odd = network_repo(tmp_path / name, '{"odd": 1}\n')
    assert read([(plain, "main"), (odd, "main")]) == [b'{"plain": 1}\n', b'{"odd": 1}\n']


def test_a_work_tree_whose_git_folder_is_elsewhere(tmp_path: Path) -> None:
    folder = tmp_path / "zuid"
    (folder / "network").mkdir(parents=True)
    (folder / EXPORT).write_text("{}\n", "utf-8")
    git(tmp_path, "init", "-q", "-b", "main", f"--separate-git-dir={tmp_path / 'zuid.git'}", "zuid")
    commit(folder, "facts")
    assert (folder / ".git").is_file()
    assert read([(folder, "main")]) == [b"{}\n"]


def test_a_folder_inside_another_repository_is_not_read_as_that_one(tmp_path: Path) -> None:
    outer = network_repo(tmp_path / "outer", '{"outer": 1}\n')
    inner = outer / "inner"
    inner.mkdir()
    assert read([(inner, "main")]) == ["not a git repository, or git cannot read it"]


# --- an export on disk (path:): read as every file kring reads, never followed nor blocked on


def on_disk(tmp_path: Path, make: Callable[[Path], object]) -> tuple[str, str]:
    """The code and message a koepel gives for a network on disk whose export `make` put
    in place."""
    (tmp_path / "koepel.yaml").write_text(
        "name: Koepel\nnetworks:\n  - id: zuid\n    path: zuid\n", "utf-8"
    )
    (tmp_path / "zuid/network").mkdir(parents=True)
    make(tmp_path / "zuid" / EXPORT)
    koepel = koepel_sources.load(tmp_path)
    [published] = koepel_sources.read(tmp_path, koepel).published
    assert published.facts is None
    [problem] = published.problems
    return problem.code.value, problem.message.render()


def test_an_export_on_disk_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.json").write_text("{}\n", "utf-8")
    assert on_disk(tmp_path, lambda p: p.symlink_to(tmp_path / "elsewhere.json")) == (
        "KR601",
        f"network 'zuid': no export to read: {EXPORT} in zuid cannot be read, or is a link",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_export_on_disk_that_is_a_fifo_is_not_waited_for(tmp_path: Path) -> None:
    assert on_disk(tmp_path, os.mkfifo) == (
        "KR601",
        f"network 'zuid': no export to read: {EXPORT} in zuid is not a regular file",
    )


def test_an_export_on_disk_that_is_a_folder(tmp_path: Path) -> None:
    assert on_disk(tmp_path, Path.mkdir) == (
        "KR601",
        f"network 'zuid': no export to read: {EXPORT} in zuid is not a regular file",
    )


def test_an_export_on_disk_too_large_is_refused_with_its_size(tmp_path: Path) -> None:
    size = koepel_sources.MAX_EXPORT_BYTES + 10
    assert on_disk(tmp_path, lambda p: p.write_bytes(b" " * size)) == (
        "KR602",
        f"network 'zuid': its export cannot be used: it is {size} bytes, more than the "
        f"{koepel_sources.MAX_EXPORT_BYTES} kring reads",
    )


# --- networks fetched from elsewhere (git: a URL) ------------------------------------------

BASE_EXPORT = Path(__file__).parents[1] / "koepel_cases/_base/networks/oost" / EXPORT


def published_network(folder: Path, name: str) -> str:
    """A repository whose export names the network `name`, as a file:// address."""
    text = BASE_EXPORT.read_text("utf-8").replace("Kenniskring Oost", name)
    return network_repo(folder, text).as_uri()


def test_each_fetched_entry_keeps_its_own_commits(tmp_path: Path) -> None:
    # 'zuid' twice (KR202) and a network whose id is what a second 'zuid' could be named
    addresses = [
        ("zuid", published_network(tmp_path / "a", "Zuid A")),
        ("zuid", published_network(tmp_path / "b", "Zuid B")),
        ("zuid-1", published_network(tmp_path / "c", "Zuid-1 C")),
    ]
    koepel_dir = tmp_path / "koepel"
    koepel_dir.mkdir()
    entries = "".join(f"  - id: {i}\n    git: {a}\n    ref: main\n" for i, a in addresses)
    (koepel_dir / "koepel.yaml").write_text(f"name: K\nnetworks:\n{entries}", "utf-8")
    git(koepel_dir, "init", "-q", "-b", "main")
    koepel = koepel_sources.load(koepel_dir)
    federation = koepel_sources.read(koepel_dir, koepel)
    assert [p.problems for p in federation.published] == [(), (), ()]
    assert [p.facts.name if p.facts else None for p in federation.published] == [
        "Zuid A",
        "Zuid B",
        "Zuid-1 C",
    ]
