"""git without the repository's programs: every git call kring makes in a network repository
goes through here. (A koepel's reads of other repositories, repo.files_at and repo.fetch_ref,
run only `cat-file --batch` and a fetch into kring's own bare mirror, with hooks and the
fsmonitor switched off and protocols limited: repo.py says how.)

A repository's own configuration can name programs that git runs on its behalf: an
fsmonitor hook when the index is read (`core.fsmonitor`), hooks (`core.hooksPath`), clean and
smudge filters when a work-tree file is hashed (`filter.<driver>.*`, chosen by
`.gitattributes`), text conversion and external diff programs (`diff.<driver>.textconv`,
`diff.external`), signature checks in a log (`log.showSignature`), and transports and their
helpers (`protocol.*`, `core.sshCommand`). kring only reads, so it needs none of them: each is
switched off on git's command line (`-c key=value` outranks every configuration file), and
git runs with a minimal environment (SPEC §8: running kring inside an untrusted repository
runs nothing of that repository's).

The driver names of filters and diff drivers are the repository's own, so they are listed
first (`git config --get-regexp`, which reads configuration and runs nothing) and each one
is emptied: git runs no filter or text conversion whose command is empty.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from pathlib import Path
from typing import Any

# Settings that make git run something, set to what runs nothing. `-c key=` sets the empty
# string, which git reads as "no command" for the command-valued keys.
_OFF = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=",
    "core.gitProxy=",
    "core.askPass=",
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "protocol.allow=never",
    "core.quotepath=off",
)

# The environment git gets: where to find git and the user's own configuration, and the
# switches that keep it from writing the index or asking for anything.
_PASSED = ("PATH", "HOME", "XDG_CONFIG_HOME", "SYSTEMROOT", "USERPROFILE", "TMPDIR", "TEMP", "TMP")
_SET = {
    "GIT_OPTIONAL_LOCKS": "0",  # a read-only run never refreshes (writes) the index
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "GIT_EDITOR": ":",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}

# A configured driver's command-valued keys: filter.<name>.clean, diff.<name>.textconv, …
_DRIVER_KEY = re.compile(
    r"^(filter\.(?P<filter>.+)\.(clean|smudge|process|required)"
    r"|diff\.(?P<diff>.+)\.(textconv|command))$",
    re.IGNORECASE,
)


def environment() -> dict[str, str]:
    """The minimal environment every git process kring starts runs with."""
    env = {key: os.environ[key] for key in _PASSED if key in os.environ}
    env.update(_SET)
    return env


def options(root: Path) -> list[str]:
    """`-c key=value` arguments that switch off everything in `root`'s git configuration
    that would run a program."""
    return [arg for setting in settings(root) for arg in ("-c", setting)]


@functools.cache
def settings(root: Path) -> tuple[str, ...]:
    """The `key=value` settings of options(root), asked of git once per run."""
    return (*_OFF, *_drivers_off(root))


def command(root: Path, *args: str) -> list[str]:
    """The argument list of a git command that runs nothing of the repository's."""
    return ["git", *options(root), *args]


# The configuration keys that name a filter or a diff driver (read by `git config`).
_DRIVERS = r"^(filter|diff)\."


def _drivers_off(root: Path) -> list[str]:
    try:
        done = subprocess.run(
            [
                "git",
                "config",
                "--includes",
                "--name-only",
                "-z",
                "--get-regexp",
                _DRIVERS,
            ],
            cwd=root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=environment(),
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    out = []
    seen: set[tuple[str, str]] = set()
    for key in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        match = _DRIVER_KEY.match(key.strip())
        if match is None:
            continue
        if match["filter"] is not None and ("filter", match["filter"]) not in seen:
            seen.add(("filter", match["filter"]))
            name = match["filter"]
            out += [f"filter.{name}.{k}=" for k in ("clean", "smudge", "process")]
            out.append(f"filter.{name}.required=false")
        elif match["diff"] is not None and ("diff", match["diff"]) not in seen:
            seen.add(("diff", match["diff"]))
            out += [f"diff.{match['diff']}.{k}=" for k in ("textconv", "command")]
    return out


def configure(repo: Any, root: Path) -> Any:
    """A GitPython Repo whose every git command (cat-file included) runs nothing of the
    repository's: the same `-c` switches on each command line and the same variables set.

    GitPython starts git with its own process's environment plus these; the variables it
    passes through are the user's own, not the repository's.
    """
    repo.git.set_persistent_git_options(c=list(settings(root)))
    repo.git.update_environment(**_SET)
    return repo
