"""Small network repositories for tests: a minimal valid base with a case's files on top.

`tests/cases/_base/network/` is a tiny network that every check passes: one region with two
municipalities, a theme, a partner, three members, two meetings and one followed-up case.
A case folder `tests/cases/<CODE>/<name>/` holds only the files it changes under `network/`
(each replaces the base file of the same path, or adds one; a `pyproject.toml` beside
`network/` configures the run), an `expected.txt` and, when the case needs what git cannot
store or a checkout should not hold, a `setup.txt`.

expected.txt, one finding a line (blank lines and `#` comments are ignored; no finding
lines means the case must pass cleanly):

    KR203 network/cases/2026/casus.md:3

setup.txt, one step a line, applied after the files are laid down:

    delete network/members/cor.yaml
    copy network/members/anna.yaml -> network/members/Anna.yaml
    symlink network/members/link.yaml -> /etc/passwd
    fifo network/members/pipe.yaml
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from kring.cli.main import cli

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases"
BASE = CASES / "_base"
TODAY = "2026-11-25"

Found = tuple[str, str, int]  # (code, path, line)

_NOT_COPIED = {"expected.txt", "setup.txt"}
_EXPECTED = re.compile(r"(?P<code>KR[0-9]{3}) (?P<path>\S+):(?P<line>[0-9]+)")


def git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test Facilitator", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)


def build_repo(target: Path, overlay: Path | None = None) -> Path:
    """The base network with `overlay`'s files and setup applied, as a committed git repo."""
    target.mkdir(parents=True)
    shutil.copytree(BASE / "network", target / "network")
    specials: list[tuple[str, str, str]] = []
    if overlay is not None:
        shutil.copytree(
            overlay,
            target,
            dirs_exist_ok=True,
            ignore=lambda folder, names: [n for n in names if n in _NOT_COPIED],
        )
        setup = overlay / "setup.txt"
        if setup.is_file():
            specials = [_step(line) for line in _lines(setup)]
    for verb, path, arg in specials:
        if verb == "delete":
            (target / path).unlink()
        elif verb == "copy":
            (target / arg).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target / path, target / arg)
        elif verb == "symlink":
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(arg, target / path)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "network")
    # A FIFO cannot be committed; it is made in the work tree, where kring must not block on it.
    for verb, path, _ in specials:
        if verb == "fifo":
            os.mkfifo(target / path)
    return target


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _step(line: str) -> tuple[str, str, str]:
    verb, _, rest = line.partition(" ")
    path, _, arg = rest.partition(" -> ")
    if verb not in ("delete", "copy", "symlink", "fifo"):
        raise ValueError(f"setup.txt: unknown step {line!r}")
    return verb, path.strip(), arg.strip()


def expected(case: Path) -> set[Found]:
    out = set()
    for line in _lines(case / "expected.txt"):
        match = _EXPECTED.fullmatch(line)
        if match is None:
            raise ValueError(f"{case}/expected.txt: cannot read {line!r}")
        out.add((match["code"], match["path"], int(match["line"])))
    return out


@dataclass(frozen=True)
class Run:
    exit_code: int
    findings: list[dict[str, object]]
    output: str

    def found(self) -> set[Found]:
        return {(str(f["code"]), str(f["path"]), int(str(f["line"]))) for f in self.findings}


def run_check(repo: Path, *args: str) -> Run:
    """`kring check --format json --today 2026-11-25 …` on `repo`, through click."""
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--format", "json", "--today", TODAY, *args]
    )
    if result.exit_code not in (0, 1):
        raise AssertionError(f"exit {result.exit_code}: {result.output}")
    data = json.loads(result.output)
    return Run(result.exit_code, data["findings"], result.output)


def line_count(path: Path) -> int:
    """Lines as git and editors count them: LF-separated, a final LF opens no new line."""
    data = path.read_bytes()
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))
