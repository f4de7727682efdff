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

import hashlib
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kring.core.i18n import T
from kring.core.layout import NETWORK_DIR, RULE_PATHS
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
    found = nearest(here, lambda folder: (folder / NETWORK_DIR).is_dir())
    if found is not None:
        return found
    raise RepositoryError(
        T(
            "no {folder}/ folder in {root} or above it; run kring inside a network "
            "repository or give --repo DIR",
            folder=NETWORK_DIR,
            root=here,
        )
    )


def nearest(here: Path, holds: Callable[[Path], bool]) -> Path | None:
    """`here` or the nearest folder above it that `holds` accepts, not above the top of the
    git repository `here` is in (a network is never read from a folder around it)."""
    for candidate in (here, *here.parents):
        if holds(candidate):
            return candidate
        if (candidate / ".git").exists():
            break
    return None


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


class NotAFile(OSError):
    """What read_file raises for a FIFO, a socket, a device or a folder: something there,
    but no regular file."""


def read_file(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit + 1` of them; OSError for a
    symbolic link (never followed), NotAFile for a FIFO (never blocked on), a device or a
    folder.

    Every file kring reads goes through here: the network's files, pyproject.toml, the
    pages `kring report` replaces, and a file an edit is about to change.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile("not a regular file")
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


def read_pyproject(root: Path, path: Path | None = None) -> bytes | None:
    """The repository's pyproject.toml (None when there is none), or the file `path` names
    (which must be there), through the safe reader: a link to /dev/zero or a FIFO committed
    as pyproject.toml is refused, never read."""
    target = path if path is not None else root / PYPROJECT
    shown = str(path) if path is not None else PYPROJECT
    try:
        data = read_file(target, PYPROJECT_LIMIT)
    except FileNotFoundError:
        if path is None:
            return None
        raise RepositoryError(T("{path}: no such file", path=shown)) from None
    except OSError as exc:
        if target.is_symlink():
            raise RepositoryError(
                T("{path} is a symbolic link; kring follows no links", path=shown)
            ) from None
        reason = exc.strerror or str(exc)
        raise RepositoryError(
            T(
                "{path}: cannot be read ({reason}); kring reads only a regular file there, "
                "never a link, pipe or device",
                path=shown,
                reason=reason,
            )
        ) from None
    if len(data) > PYPROJECT_LIMIT:
        raise RepositoryError(
            T("{path} is larger than {kib} KiB", path=shown, kib=PYPROJECT_LIMIT // 1024)
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
        # Listed once: loading the revision and naming its blobs (pipeline.load_head) both ask.
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
            raise NotAFile("not a regular file")
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


def changed_paths(
    root: Path, base: str, head: str | None, under: tuple[str, ...] = (NETWORK_DIR,)
) -> dict[str, str]:
    """Paths under network/ (or the folders and files `under` names) that differ between two
    commits, or between a commit and the work tree (head None, untracked files included),
    with git's status letter (A, M, D, T).

    Renames count as a deletion and an addition (`--no-renames`): a meeting or case file
    renamed is a different id, so both the old and the new path matter.
    """
    repo = git_repo(root)
    prefix = _prefix(repo, root)
    # ":(literal)" so that a name is a path, never a pattern; a folder is its own name.
    specs = [f":(literal){prefix}{path.rstrip('/')}" for path in under]
    args = ["--name-status", "-z", "--no-renames", resolve(repo, base)]
    if head is not None:
        args.append(resolve(repo, head))
    out = repo.git.diff(
        *args, "--no-ext-diff", "--no-textconv", "--", *specs, stdout_as_string=False
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
            *specs,
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


def changed_rules(root: Path, base: str, head: str | None) -> dict[str, str]:
    """The rule paths (layout.RULE_PATHS: kring's code, schemas, configuration, workflows)
    that differ between `base` and `head`, with git's status letter, as changed_paths."""
    return changed_paths(root, base, head, RULE_PATHS)


@dataclass(frozen=True, slots=True)
class LoggedCommit:
    sha: str
    date: str  # the author's date, ISO 8601
    author: str  # the author's name, never the e-mail address
    subject: str


@dataclass(frozen=True, slots=True)
class FileLog:
    """git's history of one file, for `kring history`."""

    commits: tuple[LoggedCommit, ...]  # that changed the file, following renames, newest first
    touched: dict[str, tuple[str, ...]]  # sha -> the paths under the folder asked it changed
    shallow: bool  # a shallow clone: the oldest commits may be missing


# git log fields separated by the ASCII unit separator, records by the record separator.
_LOG_FORMAT = "%H%x1f%aI%x1f%an%x1f%s%x1e"


def file_log(root: Path, path: str, folder: str) -> FileLog:
    """The commits that changed `path` (under `root`, following renames), and every commit
    that changed a file under `folder` with those files; both paths as under `root`. The
    file is named to git by its path, never through a link: it may be a link out of the
    repository (KR005), and git's history is of the link."""
    import git

    try:
        repo = git_repo(root)
    except RepositoryError:
        raise RepositoryError(T("{root} is not in a git repository", root=root)) from None
    top = Path(repo.working_tree_dir or root)
    try:
        inside = root.resolve().relative_to(top.resolve()).as_posix()
    except (ValueError, OSError):
        raise RepositoryError(
            T("{root} is not inside its git work tree {top}", root=root, top=top)
        ) from None
    prefix = "" if inside == "." else inside + "/"
    try:
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        raw = repo.git.log(
            "--follow",
            "--no-ext-diff",
            "--no-textconv",
            f"--format={_LOG_FORMAT}",
            "--",
            prefix + path,
        )
        listed = repo.git.log(
            "--no-ext-diff",
            "--no-textconv",
            "--format=%x1e%H",
            "--name-only",
            "--",
            prefix + folder,
        )
    except git.GitCommandError as exc:
        if "does not have any commits" in str(exc) or "bad default revision" in str(exc):
            return FileLog((), {}, False)
        raise RepositoryError(T("git log failed: {error}", error=exc.stderr.strip())) from None
    commits = []
    for line in raw.split("\x1e"):
        fields = line.strip("\n").split("\x1f")
        if len(fields) == 4:
            commits.append(LoggedCommit(*fields))
    touched = {}
    for block in listed.split("\x1e"):
        lines = [line for line in block.splitlines() if line]
        if lines:
            touched[lines[0]] = tuple(p.removeprefix(prefix) for p in lines[1:])
    return FileLog(tuple(commits), touched, shallow)


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


def kept_outside_git(root: Path, prefix: str = "") -> Path:
    """Where kring keeps what it remembers of a repository without a git directory (the
    cache, a koepel's fetched networks): the user's cache folder, under a digest of the
    repository's path (`prefix` + digest), never the work tree."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    digest = hashlib.blake2b(str(root).encode("utf-8"), digest_size=12).hexdigest()
    return Path(base) / "kring" / f"{prefix}{digest}"


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


# --- one file of many repositories, at a ref (a koepel's exports) ---------------------------

# git's own protocols only: never `ext::` (which runs a command) or a helper a URL could name.
_ALLOWED_PROTOCOLS = "https:http:ssh:git:file"
# Repositories whose objects one `git cat-file` reads (its own and the others' as alternates):
# a git process costs more to start than to look up a few dozen objects, and eight of them
# side by side read two hundred repositories.
_PER_PROCESS = 25
_FETCH_SECONDS = 120
_HEX = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# gitrevisions(7): where git looks for a name, in this order
_REF_PLACES = (
    "{}",
    "refs/{}",
    "refs/tags/{}",
    "refs/heads/{}",
    "refs/remotes/{}",
    "refs/remotes/{}/HEAD",
)


def _git_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        # a kring run inside a git hook inherits these; they must not redirect the reads
        if k
        not in (
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        )
    }
    env.update(
        {
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_TERMINAL_PROMPT": "0",  # a private repository fails, it never waits for a password
            "GIT_ALLOW_PROTOCOL": _ALLOWED_PROTOCOLS,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    return env


# The repository's own executable configuration is neutralised on every call (SPEC §8).
_NEUTRAL = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")


@dataclass(frozen=True, slots=True)
class _Commit:
    """A repository's commit, found: where its objects are, and the commit's object id."""

    objects: Path
    sha: str


def commit_at(repository: Path, ref: str) -> _Commit | RepositoryError:
    """The commit `ref` names in a repository on disk (a work tree or a bare repository), found
    by reading its references as git does (GitPython reads them; no git process, nothing of the
    repository's configuration runs). Only that repository: never one above it."""
    import git

    try:
        found = git.Repo(repository)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, OSError, ValueError):
        return RepositoryError(T("not a git repository, or git cannot read it"))
    objects = Path(found.common_dir) / "objects"
    if _HEX.fullmatch(ref):
        # The commit must be this repository's own: the batch that reads it sees the other
        # networks' objects too (as alternates), and a hash of theirs would read their export
        # under this network's name.
        if len(ref) == 40 and not _holds_commit(objects, ref):
            return RepositoryError(T("no branch, tag or commit '{ref}' in the repository", ref=ref))
        return _Commit(objects, ref)
    for place in _REF_PLACES:
        try:
            sha = git.SymbolicReference.dereference_recursive(found, place.format(ref))
        except (ValueError, OSError):
            continue
        return _Commit(objects, sha)
    return RepositoryError(T("no branch, tag or commit '{ref}' in the repository", ref=ref))


def _holds_commit(objects: Path, sha: str) -> bool:
    """Whether a repository's object folder (its packs, loose objects and its own
    alternates) holds the commit `sha`; read by gitdb, in Python, with no git process."""
    from git.db import GitDB
    from git.exc import BadObject

    try:
        kind: bytes = GitDB(str(objects)).info(bytes.fromhex(sha)).type
        return kind == b"commit"
    except (BadObject, ValueError, OSError):
        return False


def files_at(
    requests: list[tuple[Path, str]], path: str, limit: int
) -> Iterator[bytes | RepositoryError]:
    """For each (repository on disk, ref), in order: the bytes of the file at `path` in that
    commit, read from git objects without a checkout, or a RepositoryError saying why not.

    The refs are resolved first (commit_at); then `git cat-file --batch` reads the files of up
    to _PER_PROCESS repositories at once, the others' object folders given as alternates, and
    these processes run side by side while the caller works on the answers. A file larger than
    `limit` is refused, its bytes read past and never kept.
    """
    commits = [commit_at(repository, ref) for repository, ref in requests]
    found = [(i, c) for i, c in enumerate(commits) if isinstance(c, _Commit)]
    groups = [found[i : i + _PER_PROCESS] for i in range(0, len(found), _PER_PROCESS)]
    git_path = shutil.which("git")
    env = _git_env()
    running: list[subprocess.Popen[bytes] | None] = []
    try:
        for group in groups:
            try:
                running.append(_cat_files(git_path, env, [c for _, c in group], path))
            except (OSError, subprocess.SubprocessError):
                running.append(None)
        answers: dict[int, bytes | RepositoryError] = {}
        next_group = 0
        for index, commit in enumerate(commits):
            if isinstance(commit, RepositoryError):
                yield commit
                continue
            while index not in answers:  # read the next process's answers, in order
                group, process = groups[next_group], running[next_group]
                next_group += 1
                for (i, _), answer in zip(group, _answers(process, len(group), limit), strict=True):
                    answers[i] = _worded(answer, requests[i][1], path, limit)
            yield answers.pop(index)
    finally:
        # the caller may stop early: no git process outlives the reading
        _stop([p for p in running if p is not None])


def _cat_files(
    git_path: str | None, env: dict[str, str], commits: list[_Commit], path: str
) -> subprocess.Popen[bytes] | None:
    if git_path is None:
        return None
    first, *others = commits
    alternates = ":".join(_quoted(str(c.objects)) for c in others if c.objects != first.objects)
    process = subprocess.Popen(
        [git_path, f"--git-dir={first.objects.parent}", *_NEUTRAL, "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**env, "GIT_ALTERNATE_OBJECT_DIRECTORIES": alternates} if alternates else env,
    )
    assert process.stdin is not None
    try:
        # short lines: they fit the pipe's buffer, so writing never waits on git
        process.stdin.write("".join(f"{c.sha}:{path}\n" for c in commits).encode())
        process.stdin.close()
    except OSError:
        pass  # git already ended: its missing answers say so below
    return process


def _quoted(folder: str) -> str:
    """An entry of GIT_ALTERNATE_OBJECT_DIRECTORIES: a path holding ':' or starting with a
    double quote is written C-style quoted, as git reads it (git-config(1), since git 2.11)."""
    if ":" not in folder and not folder.startswith('"'):
        return folder
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


# What one query answered: the bytes, or (kind, size) when there are none to give.
_Answer = bytes | tuple[str, int]


def _answers(process: subprocess.Popen[bytes] | None, count: int, limit: int) -> Iterator[_Answer]:
    if process is None:
        yield from (("no git", 0) for _ in range(count))
        return
    stdout = process.stdout
    assert stdout is not None
    for _ in range(count):
        header = stdout.readline(4096).split()
        if len(header) != 3:
            yield ("stopped" if not header else "missing", 0)
            continue
        kind, size = header[1].decode("ascii", "replace"), int(header[2])
        if kind != "blob" or size > limit:
            _skip(stdout, size + 1)
            yield (kind, size)
            continue
        data = stdout.read(size)
        stdout.read(1)  # the newline after the object
        yield data if len(data) == size else ("stopped", 0)


def _skip(stream: Any, size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, 1 << 16))
        if not chunk:
            return
        size -= len(chunk)


def _worded(answer: _Answer, ref: str, path: str, limit: int) -> bytes | RepositoryError:
    if isinstance(answer, bytes):
        return answer
    kind, size = answer
    if kind == "no git":
        return RepositoryError(T("git could not be started"))
    if kind == "missing":
        return RepositoryError(T("no {path} at '{ref}'", path=path, ref=ref))
    if kind == "stopped":
        return RepositoryError(T("git stopped while reading {path} at '{ref}'", path=path, ref=ref))
    if kind != "blob":
        return RepositoryError(T("{path} at '{ref}' is not a file", path=path, ref=ref))
    return RepositoryError(
        T(
            "{path} at '{ref}' is {size} bytes, more than the {limit} kring reads",
            path=path,
            ref=ref,
            size=size,
            limit=limit,
        )
    )


def is_remote(location: str) -> bool:
    """Whether a koepel's `git:` names a repository elsewhere (a URL, or scp-like
    `user@host:path`) rather than one on disk."""
    if "://" in location:
        return True
    head, colon, _ = location.partition(":")
    return bool(colon) and "@" in head and "/" not in head


def fetch_ref(url: str, ref: str, mirror: Path) -> str | RepositoryError:
    """Fetch `ref` of a remote repository into a bare `mirror` (made when missing), one commit
    deep; returns the name to read it at. Nothing is checked out."""
    env = _git_env()
    local = "refs/kring/koepel"
    commands = []
    if not (mirror / "HEAD").is_file():
        mirror.mkdir(parents=True, exist_ok=True)
        commands.append(["git", "init", "-q", "--bare", str(mirror)])
    commands.append(
        [
            "git",
            f"--git-dir={mirror}",
            *_NEUTRAL,
            "fetch",
            "-q",
            "--depth=1",
            "--no-tags",
            "--no-write-fetch-head",
            "--end-of-options",
            url,
            f"+{ref}:{local}",
        ]
    )
    for args in commands:
        try:
            done = subprocess.run(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                timeout=_FETCH_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return RepositoryError(
                T("fetching took longer than {seconds} seconds", seconds=_FETCH_SECONDS)
            )
        except (OSError, subprocess.SubprocessError):
            return RepositoryError(T("git could not be started"))
        if done.returncode != 0:
            return RepositoryError(
                T(
                    "could not fetch '{ref}': check the address, the ref and the access to the "
                    "repository",
                    ref=ref,
                )
            )
    return local
