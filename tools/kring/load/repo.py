"""Where files come from: the work tree of a network repository, or a revision in git.

Nothing outside the repository is read and no symlink is followed (SPEC §2.2, §7): a
symlink, a FIFO or a device under network/ is listed as such so that a check reports it,
and only regular files are ever opened.

A revision is read straight from git's object database with GitPython: one `ls-tree` lists
the tree with each entry's mode and object id, and blobs are streamed through one long-running
`git cat-file --batch`; nothing is checked out. What changed between two revisions comes
from one `git diff --name-status`, never from walking commits. GitPython is imported only
inside the functions that use it, so commands that never touch history start fast.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kring.core.i18n import T
from kring.core.layout import NETWORK_DIR
from kring.load import safe_git


class RepositoryError(Exception):
    """The repository cannot be used at all (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing found under network/: a path relative to the top and what it is."""

    path: str
    kind: str  # "file", "symlink", "special" (FIFO, socket, device), "unreadable", "deep"
    # or, in a revision, "submodule"
    blob: str | None = None  # the git object id, for an entry read from a revision


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


MAX_FOLDER_DEPTH = 8  # the layout needs 2 (meetings/<YYYY>/); deeper folders are not read


def walk(root: Path) -> Iterator[Entry]:
    """Everything under network/, sorted, without following symlinks.

    Iterative, so that a hostile tree thousands of folders deep is neither a RecursionError
    nor a long walk: a folder deeper than MAX_FOLDER_DEPTH is listed, not entered.
    """
    if (root / NETWORK_DIR).is_symlink():
        # The folder itself as a link would read a network from anywhere (SPEC §2.2).
        yield Entry(NETWORK_DIR, "symlink")
        return
    stack: list[tuple[Path, str, int]] = [(root / NETWORK_DIR, NETWORK_DIR, 0)]
    while stack:
        folder, rel, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            if depth:
                yield Entry(rel, "unreadable")
            continue
        folders: list[tuple[Path, str, int]] = []
        for entry in entries:
            path = f"{rel}/{entry.name}"
            # The type the folder listing gives (no system call per file, where the file
            # system gives it); a stat only for what is neither file, folder nor link.
            if entry.is_file(follow_symlinks=False):
                yield Entry(path, "file")
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                yield Entry(path, "unreadable")
                continue
            if stat.S_ISLNK(st.st_mode):
                yield Entry(path, "symlink")
            elif stat.S_ISDIR(st.st_mode):
                if depth + 1 > MAX_FOLDER_DEPTH:
                    yield Entry(path, "deep")
                else:
                    folders.append((Path(entry.path), path, depth + 1))
            elif stat.S_ISREG(st.st_mode):
                yield Entry(path, "file")
            else:
                yield Entry(path, "special")
        stack.extend(reversed(folders))


def read_limited(root: Path, entry: Entry, limit: int) -> bytes:
    """A regular file's bytes, at most `limit + 1` of them (the loader reports the excess).

    O_NOFOLLOW and the regular-file check are repeated at open time, so a file swapped
    for a symlink or a FIFO after the listing is still never followed nor blocked on.
    """
    return read_file(f"{root}/{entry.path}", limit)


def read_file(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit + 1` of them; OSError for a
    symbolic link (never followed), a FIFO (never blocked on), a device or a folder.

    Every file kring reads goes through here: the network's files, pyproject.toml, the
    pages `kring report` replaces, and a file an edit is about to change.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        # Reads sized by the file, not by the limit: a buffer of the limit for every small
        # file costs more than reading it (ten thousand 256 KiB allocations).
        chunk = min(st.st_size, limit) + 1
        parts: list[bytes] = []
        left = limit + 1
        while left > 0:
            part = os.read(fd, min(chunk, left))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)


PYPROJECT = "pyproject.toml"
PYPROJECT_LIMIT = 1 << 20  # a network's pyproject.toml is a few KiB; this is plenty


def read_pyproject(root: Path) -> bytes | None:
    """The repository's pyproject.toml (None when there is none), through the safe reader:
    a link to /dev/zero or a FIFO committed as pyproject.toml is refused, never read."""
    try:
        data = read_file(root / PYPROJECT, PYPROJECT_LIMIT)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if (root / PYPROJECT).is_symlink():
            raise RepositoryError(
                T("{path} is a symbolic link; kring follows no links", path=PYPROJECT)
            ) from None
        reason = exc.strerror or str(exc)
        raise RepositoryError(
            T(
                "{path}: cannot be read ({reason}); kring reads only a regular file there, "
                "never a link, pipe or device",
                path=PYPROJECT,
                reason=reason,
            )
        ) from None
    if len(data) > PYPROJECT_LIMIT:
        raise RepositoryError(
            T("{path} is larger than {kib} KiB", path=PYPROJECT, kib=PYPROJECT_LIMIT // 1024)
        )
    return data


# --- revisions: git objects, no checkout ------------------------------------------------------

# git tree entry modes (gitformat-index): regular and executable files, a symbolic link, and
# a "gitlink" (a submodule's commit), which is never followed either.
_FILE_MODES = frozenset({"100644", "100755", "100664"})
_SYMLINK_MODE = "120000"
_GITLINK_MODE = "160000"


class Revision:
    """One commit of the repository, listed and read from git objects.

    `Revision(root, "main")` resolves the name once; `entries()` lists network/ as
    `walk()` lists the work tree, and `read()` returns a blob's bytes, at most `limit + 1`
    of them, like `read_limited()`.
    """

    def __init__(self, root: Path, ref: str) -> None:
        self.root = root
        self.repo = git_repo(root)
        self.prefix = _prefix(self.repo, root)
        self.sha = resolve(self.repo, ref)
        self.ref = ref
        self._entries: list[Entry] | None = None

    def entries(self) -> Iterator[Entry]:
        # Listed once: loading the revision and naming its blobs (engine.load_head) both ask.
        if self._entries is None:
            self._entries = self._listing()
        return iter(self._entries)

    def _listing(self) -> list[Entry]:
        out = self.repo.git.ls_tree(
            "-r",
            "-z",
            "--full-tree",
            self.sha,
            "--",
            self.prefix + NETWORK_DIR,
            stdout_as_string=False,
        )
        rows = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, _type, blob = meta.split()
            path = _unprefixed(raw_path, self.prefix)
            if path != NETWORK_DIR and not path.startswith(NETWORK_DIR + "/"):
                continue
            mode_text = mode.decode()
            if mode_text in _FILE_MODES:
                rows.append(Entry(path, "file", blob.decode()))
            elif mode_text == _SYMLINK_MODE:
                rows.append(Entry(path, "symlink", blob.decode()))
            elif mode_text == _GITLINK_MODE:
                rows.append(Entry(path, "submodule", blob.decode()))
            else:
                rows.append(Entry(path, "special", blob.decode()))
        return sorted(rows, key=lambda e: e.path)

    def read(self, entry: Entry, limit: int) -> bytes:
        if entry.kind != "file" or entry.blob is None:
            raise OSError("not a regular file")
        stream = self.repo.odb.stream(bytes.fromhex(entry.blob))
        data: bytes = stream.read(limit + 1)
        return data


def git_repo(root: Path) -> Any:
    """The GitPython repository `root` is in, set to run nothing of the repository's."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RepositoryError(T("{root} is not inside a git repository", root=root)) from None
    return safe_git.configure(repo, Path(repo.working_tree_dir or root))


def _prefix(repo: Any, root: Path) -> str:
    """The network repository's folder inside the git work tree ('' at the top), with '/'."""
    top = Path(repo.working_tree_dir).resolve()
    rel = root.resolve().relative_to(top).as_posix()
    return "" if rel == "." else rel + "/"


def resolve(repo: Any, ref: str) -> str:
    """The commit a name points at, or a RepositoryError that says what to fetch."""
    import git

    if not ref or ref.startswith("-"):
        raise RepositoryError(T("'{ref}' is not a git revision", ref=ref))
    try:
        sha: str = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", ref + "^{commit}")
    except git.GitCommandError:
        raise RepositoryError(
            T(
                "'{ref}' is not a commit in this repository; fetch it first "
                "(in GitHub Actions: actions/checkout with fetch-depth: 0)",
                ref=ref,
            )
        ) from None
    return sha.strip()


def merge_base(root: Path, base: str, head: str | None) -> str:
    """Where a change started: the merge base of `base` and `head` (HEAD for the work tree),
    as `git diff base...head` and a pull request's "Files changed" count it."""
    import git

    repo = git_repo(root)
    base_sha = resolve(repo, base)
    head_sha = resolve(repo, head or "HEAD")
    try:
        found: str = repo.git.merge_base(base_sha, head_sha)
    except git.GitCommandError:
        raise RepositoryError(
            T(
                "'{base}' and '{head}' have no common history here; fetch the whole "
                "history (in GitHub Actions: actions/checkout with fetch-depth: 0)",
                base=base,
                head=head or "HEAD",
            )
        ) from None
    return found.strip()


def changed_paths(root: Path, base: str, head: str | None) -> dict[str, str]:
    """Paths under network/ that differ between two commits, or between a commit and the work
    tree (head None, untracked files included), with git's status letter (A, M, D, T).

    Renames count as a deletion and an addition (`--no-renames`): a meeting or case file
    renamed is a different id, so both the old and the new path matter.
    """
    repo = git_repo(root)
    prefix = _prefix(repo, root)
    args = ["--name-status", "-z", "--no-renames", resolve(repo, base)]
    if head is not None:
        args.append(resolve(repo, head))
    out = repo.git.diff(
        *args, "--no-ext-diff", "--no-textconv", "--", prefix + NETWORK_DIR, stdout_as_string=False
    )
    fields = out.split(b"\0")
    changed: dict[str, str] = {}
    for status, raw in zip(fields[0::2], fields[1::2], strict=False):
        if status:
            changed[_unprefixed(raw, prefix)] = status.decode()[:1]
    if head is None:
        untracked = repo.git.ls_files(
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
            "--",
            prefix + NETWORK_DIR,
            stdout_as_string=False,
        )
        for raw in untracked.split(b"\0"):
            if raw:
                changed.setdefault(_unprefixed(raw, prefix), "A")
    return changed


@dataclass(frozen=True, slots=True)
class FileHistory:
    """How often, and when last, the commits of the current branch changed one file."""

    commits: int
    last: int  # the committer time of the latest of them, in seconds since 1970 (UTC)


def file_histories(root: Path, folder: str) -> dict[str, FileHistory]:
    """Repository path -> FileHistory for every file under `folder` (under network/) that a
    commit on the current branch's first-parent line changed: a merge counts once, when it
    landed. One `git log` for all files; empty without git or commits (a shallow clone
    counts only the commits it has)."""
    if git_dir(root) is None:
        return {}
    try:
        running = _start_git(
            root,
            (
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "--no-renames",
                "--relative",  # paths from the network repository's folder, like walk()'s
                "--format=%x01%ct",
                "--name-only",
                "-z",
                "--",
                folder,
            ),
        )
        (out,) = _outputs(running)
    except (OSError, subprocess.SubprocessError):
        return {}
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    when = 0
    for token in out.split("\0"):
        token = token.lstrip("\n")
        if token.startswith("\x01"):
            when = int(token[1:]) if token[1:].isdigit() else 0
        elif token:
            counts[token] = counts.get(token, 0) + 1
            latest.setdefault(token, when)  # newest first
    return {path: FileHistory(n, latest[path]) for path, n in counts.items()}


def _unprefixed(raw: bytes, prefix: str) -> str:
    return raw.decode("utf-8", "surrogateescape")[len(prefix) :]


# --- what git knows of the work tree (the cache's keys) ----------------------------------


def git_dir(root: Path) -> Path | None:
    """The repository's git directory: `.git`, or where a `.git` file points (worktrees)."""
    dotgit = root / ".git"
    if dotgit.is_dir():
        return dotgit
    if dotgit.is_file():
        try:
            line = read_file(dotgit, 4096).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if line.startswith("gitdir:"):
            target = Path(line[len("gitdir:") :].strip())
            target = target if target.is_absolute() else root / target
            return target if target.is_dir() else None
    return None


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
    """Read-only git commands, started side by side, running nothing of the repository's."""
    env = safe_git.environment()
    running: list[subprocess.Popen[bytes]] = []
    try:
        for args in commands:
            running.append(
                subprocess.Popen(
                    safe_git.command(root, *args),
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
