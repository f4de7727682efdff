"""What the tests share: the day they run on, git, repository builders and running kring.

Every test works on a real git repository in tmp_path (never a mock of git), built here:

- `make_repo_at(path, files, example=..., commit=...)` lays down `files` (optionally over a
  copy of the example network) and commits them; the `make_repo` fixture in conftest.py
  calls it with a fresh folder each time;
- `build_repo(target, overlay)` lays a folder of files over the tiny base network of
  tests/cases/_base/ (the check cases' format is described in tests/checks/test_cases.py);
- `network(...)` and its `member`/`meeting`/`case` parts write the small networks of the time
  rules as a facilitator would;
- `must_show_change(repo)` turns a copy of the example into a pull request: a base on `main`
  and a change on a branch.

`kring(repo, …)` runs a command through click; `check(repo, …)` runs `kring check --format
json` and returns its exit code and findings.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from kring.cli.main import cli
from kring.core.config import Config
from kring.core.model import Model
from kring.load import pipeline

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
EXAMPLE = ROOT / "network"
CASES = TESTS / "cases"
BASE = CASES / "_base"

# The date the example network's overdue items are written against, and the day every test
# runs on unless it says otherwise.
TODAY = "2026-11-25"

Found = tuple[str, str, int]  # (code, path, line)


# --- git and files -----------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity; return its standard output."""
    identity = ["-c", "user.name=Test Facilitator", "-c", "user.email=test@example.invalid"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True
    )
    return done.stdout


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def edit(repo: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in a file by `new`; `old` must be there."""
    file = repo / path
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), "utf-8")


def commit(repo: Path, message: str) -> str:
    """Commit everything in the work tree; return the new commit."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def line_of(repo: Path, path: str, text: str) -> int:
    """The number of the first line of a file that holds `text`."""
    for number, line in enumerate((repo / path).read_text("utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def line_count(path: Path) -> int:
    """Lines as git and editors count them: LF-separated, a final LF opens no new line."""
    data = path.read_bytes()
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


# --- repositories --------------------------------------------------------------------------

MakeRepo = Callable[..., Path]


def make_repo_at(
    repo: Path,
    files: dict[str, str | bytes] | None = None,
    *,
    example: bool = False,
    commit: bool = True,
) -> Path:
    """A git repository at `repo` (on `main`) holding `files`.

    With example=True the example network is copied in first; `files` then adds or replaces
    files (delete with Path.unlink). With commit=False the files stay uncommitted.
    """
    repo.mkdir(parents=True)
    if example:
        shutil.copytree(EXAMPLE, repo / "network", symlinks=True)
    (repo / "network").mkdir(exist_ok=True)
    write_files(repo, files or {})
    git(repo, "init", "-q", "-b", "main")
    if commit:
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "initial", "--allow-empty")
    return repo


def base_files() -> dict[str, str | bytes]:
    """Every file of the base network (tests/cases/_base), by its path in the repository."""
    return {
        path.relative_to(BASE).as_posix(): path.read_text("utf-8")
        for path in sorted(BASE.rglob("*"))
        if path.is_file()
    }


# setup.txt, one step a line, applied after a case's files are laid down (for what git
# cannot store or a checkout should not hold):
#
#     delete network/members/cor.yaml
#     copy network/members/anna.yaml -> network/members/Anna.yaml
#     symlink network/members/link.yaml -> /etc/passwd
#     fifo network/members/pipe.yaml
_NOT_COPIED = {"expected.txt", "setup.txt"}


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


_EXPECTED = re.compile(r"(?P<code>KR[0-9]{3}) (?P<path>\S+):(?P<line>[0-9]+)")


def expected(case: Path) -> set[Found]:
    """A case folder's expected.txt: one `CODE path:line` a line."""
    out = set()
    for line in _lines(case / "expected.txt"):
        match = _EXPECTED.fullmatch(line)
        if match is None:
            raise ValueError(f"{case}/expected.txt: cannot read {line!r}")
        out.add((match["code"], match["path"], int(match["line"])))
    return out


# --- small networks for the time rules (SPEC §3) ------------------------------------------
#
# `network(...)` returns the files of one region `noord` (municipalities aa, bee, cee in that
# hosting order), an optional theme `thema`, and the members, meetings and cases given. Every
# helper writes the YAML a facilitator would, so the tests go through the real loader.


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def member(
    mid: str,
    joined: str = "2025-01-01",
    groups: tuple[str, ...] = ("noord",),
    **extra: Any,
) -> tuple[str, str]:
    data = {"name": mid.title(), "organisation": "aa", "groups": list(groups), "joined": joined}
    data.update(extra)
    return f"network/members/{mid}.yaml", _dump(data)


def meeting(
    date: str,
    attendees: tuple[str, ...] | None = ("anna", "bert"),
    group: str = "noord",
    **extra: Any,
) -> tuple[str, str]:
    data: dict[str, Any] = {
        "date": date,
        "group": group,
        "kind": "regional" if group == "noord" else "thematic",
    }
    if attendees is not None:
        data["attendees"] = list(attendees)
    data.update(extra)
    return f"network/meetings/{date[:4]}/{date}-{group}.md", f"---\n{_dump(data)}---\n\nMinutes.\n"


def case(
    cid: str,
    presented_at: str,
    owner: str = "anna",
    due: str = "next-meeting",
    body: str = "The narrative.",
    **extra: Any,
) -> tuple[str, str]:
    data: dict[str, Any] = {
        "title": f"Case {cid}",
        "owner": owner,
        "presented_at": presented_at,
        "question": "What now?",
        "intention": {"what": "Call the family.", "due": due},
        "status": "open",
    }
    data.update(extra)
    return (
        f"network/cases/{presented_at[:4]}/{cid}.md",
        f"---\n{_dump(data)}---\n\n{body}\n",
    )


def network(
    *files: tuple[str, str],
    policy: dict[str, int] | None = None,
    region_policy: dict[str, int] | None = None,
    theme: bool = False,
) -> dict[str, str | bytes]:
    net: dict[str, Any] = {
        "name": "Testnetwerk",
        "facilitators": [{"member": "anna", "roles": ["chair"]}],
        # no attendance commitments unless a test asks for them
        "policy": {"commitment_meetings": 0, **(policy or {})},
    }
    region: dict[str, Any] = {
        "name": "Noord",
        "municipalities": [
            {"id": "aa", "name": "Aa"},
            {"id": "bee", "name": "Bee"},
            {"id": "cee", "name": "Cee"},
        ],
        "host_rotation": ["aa", "bee", "cee"],
    }
    if region_policy:
        region["policy"] = region_policy
    out: dict[str, str | bytes] = {
        "network/network.yaml": _dump(net),
        "network/regions/noord.yaml": _dump(region),
    }
    if theme:
        out["network/themes/thema.yaml"] = _dump({"name": "Thema", "structural": True})
    names = {path for path, _ in files}
    for mid in ("anna", "bert"):
        path, text = member(mid)
        if path not in names:
            out[path] = text
    out.update(dict(files))
    return out


def load(root: Path) -> Model:
    return pipeline.load(root, Config())


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- a pull request on the example network --------------------------------------------------

NEW_MEETING = "network/meetings/2026/2026-12-10-achterhoek.md"
CLOSED_IN = "network/meetings/2026/2026-11-12-achterhoek.md"
INTENTION_CASE = "network/cases/2026/zorgmijder-na-ontslag-ggz.md"

MEETING_TEXT = """\
---
date: 2026-12-10
group: achterhoek
kind: regional
host: aalten
chair: anna-de-vris
attendees: [anna-de-vries, marieke-jansen, joost-hendriks]
topic: Work plan 2027
---

# Achterhoek platform, 10 December 2026
"""


def must_show_change(repo: Path) -> str:
    """On a branch `change`: add a meeting (whose chair has a typo: KR201 at line 6, column
    8), close one action, delete another case's open intention. Returns the head commit;
    `main` stays the base."""
    git(repo, "checkout", "-q", "-b", "change")
    write_files(repo, {NEW_MEETING: MEETING_TEXT})
    edit(
        repo,
        CLOSED_IN,
        "    due: next-meeting\n    status: open\n  - id: werkplan-2027",
        "    due: next-meeting\n    status: done\n    closed: 2026-12-10\n  - id: werkplan-2027",
    )
    edit(
        repo,
        INTENTION_CASE,
        "intention:\n  what: Agree with the community mental health team on a joint outreach "
        "plan with a clear moment to evaluate.\n  due: next-meeting\n",
        "",
    )
    return commit(repo, "December meeting")


# --- running kring ---------------------------------------------------------------------------


def kring(repo: Path, *args: str, today: str = TODAY) -> Result:
    """Run `kring ARGS --repo REPO --today TODAY` through click (options after the command)."""
    return CliRunner().invoke(cli, [*args, "--repo", str(repo), "--today", today])


@dataclass(frozen=True)
class Checked:
    """One `kring check --format json` run: its exit code, findings and raw output."""

    exit_code: int
    findings: list[dict[str, object]]
    output: str

    def found(self) -> set[Found]:
        return {(str(f["code"]), str(f["path"]), int(str(f["line"]))) for f in self.findings}

    def messages(self, code: str) -> list[str]:
        return [str(f["message"]) for f in self.findings if f["code"] == code]


def check(repo: Path, *args: str, today: str = TODAY) -> Checked:
    """`kring check --format json --today <today> …` on `repo`; any exit but 0 or 1 fails."""
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--format", "json", "--today", today, *args]
    )
    if result.exit_code not in (0, 1):
        raise AssertionError(f"exit {result.exit_code}: {result.output}")
    data = json.loads(result.output)
    return Checked(result.exit_code, data["findings"], result.output)
