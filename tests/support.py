"""What the tests share: the day they run on, git, repository builders and running kring.

Every test works on a real git repository in tmp_path (never a mock of git), built here:

- `make_repo_at(path, files, example=..., commit=...)` lays down `files` (optionally over a
  copy of the example network) and commits them; the `make_repo` fixture in conftest.py
  calls it with a fresh folder each time;
- `build_repo(target, overlay)` lays a folder of files over the tiny base network of
  tests/cases/_base/, `build_case(target, case)` builds a check case (see `Case`);
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from kring.cli.main import cli
from kring.core.config import Config
from kring.core.layout import KINDS
from kring.core.model import Model
from kring.load import pipeline

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
EXAMPLE = TESTS / "data" / "example"  # a copy of network/ (tests/e2e/test_example_copy.py)
CASES = TESTS / "cases"

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


def start_files(start: str = "_base") -> dict[str, str]:
    """Every file of a starting network (tests/cases/<start>/network), by repository path."""
    folder = CASES / start
    return {
        path.relative_to(folder).as_posix(): path.read_text("utf-8")
        for path in sorted((folder / "network").rglob("*"))
        if path.is_file()
    }


def base_files() -> dict[str, str | bytes]:
    """Every file of the base network (tests/cases/_base), by its path in the repository."""
    return dict(start_files())


def build_repo(
    target: Path,
    overlay: Path | None = None,
    *,
    setup: Sequence[str] = (),
    start: str = "_base",
) -> Path:
    """A starting network (tests/cases/<start>/) with `overlay`'s files laid over it and the
    `setup` steps applied (see Case), committed as a git repository on `main`."""
    target.mkdir(parents=True)
    shutil.copytree(CASES / start / "network", target / "network")
    if overlay is not None:
        _lay(overlay, target)
    steps = [_step(line) for line in setup]
    _apply(target, steps)
    git(target, "init", "-q", "-b", "main")
    commit(target, "network")
    _make_fifos(target, steps)
    return target


# --- check cases (tests/cases/<CODE>/<case>/) ------------------------------------------------


@dataclass(frozen=True)
class Expected:
    code: str
    path: str
    line: int
    severity: str | None  # None: the rule's own severity


@dataclass(frozen=True)
class Case:
    """One case folder: the files it lays over a starting network, and its case.yaml.

    case.yaml (every key but `expect` may be left out):

        # What the case shows, in a sentence.
        network: time          # starts from tests/cases/_base_time/ (default: _base/)
        today: 2026-04-17      # the day to check on (default: 2026-11-25)
        config:                # [tool.kring] of the repository's pyproject.toml
          max-file-kib: 1
        setup:                 # steps after the files: what git cannot store or a
          - delete network/members/cor.yaml          # checkout should not hold
          - copy network/members/anna.yaml -> network/members/Anna.yaml
          - symlink network/members/link.yaml -> /etc/passwd
          - fifo network/members/pipe.yaml
        changed_since: main    # check with --changed-since main
        expect:                # every finding, in kring's order; [] when the case passes
          - KR203 network/cases/2026/casus.md:3
          - KR903 network/meetings/2026/2026-12-03-noord.md:56 error

    An expected finding names its severity only where it is not the rule's own. A case with a
    `base/` folder is a change: the starting network with base/'s files is committed first
    (on `main`), then the case's own files and setup are committed on a branch `change`.
    """

    folder: Path
    network: str
    today: str
    config: dict[str, Any]
    setup: tuple[str, ...]
    changed_since: str | None
    expect: tuple[Expected, ...]

    @property
    def code(self) -> str:
        return self.folder.parent.name

    @property
    def name(self) -> str:
        return f"{self.folder.parent.name}/{self.folder.name}"

    def codes(self) -> set[str]:
        """The codes of the findings the case expects."""
        return {e.code for e in self.expect}

    def args(self) -> list[str]:
        return ["--changed-since", self.changed_since] if self.changed_since else []


_CASE_KEYS = {"network", "today", "config", "setup", "changed_since", "expect"}
_EXPECTED = re.compile(
    r"(?P<code>KR[0-9]{3}) (?P<path>\S+):(?P<line>[0-9]+)( (?P<severity>error|warning|info))?"
)


def read_case(folder: Path) -> Case:
    spec = yaml.safe_load((folder / "case.yaml").read_text("utf-8"))
    if not isinstance(spec, dict) or "expect" not in spec or set(spec) - _CASE_KEYS:
        raise ValueError(f"{folder}/case.yaml: keys {sorted(spec or {})}, want {_CASE_KEYS}")
    expect = []
    for line in spec["expect"] or []:
        match = _EXPECTED.fullmatch(str(line))
        if match is None:
            raise ValueError(f"{folder}/case.yaml: cannot read {line!r}")
        expect.append(Expected(match["code"], match["path"], int(match["line"]), match["severity"]))
    network = spec.get("network")
    return Case(
        folder=folder,
        network=f"_base_{network}" if network else "_base",
        today=str(spec.get("today", TODAY)),
        config=dict(spec.get("config") or {}),
        setup=tuple(spec.get("setup") or ()),
        changed_since=spec.get("changed_since"),
        expect=tuple(expect),
    )


def all_cases() -> list[Case]:
    """Every case folder under tests/cases/KR*/, in code and name order."""
    return [
        read_case(folder)
        for code in sorted(CASES.glob("KR[0-9][0-9][0-9]"))
        for folder in sorted(code.iterdir())
        if folder.is_dir()
    ]


def build_case(target: Path, case: Case) -> Path:
    """The case's repository: the starting network, base/ and then the case's own files."""
    target.mkdir(parents=True)
    shutil.copytree(CASES / case.network / "network", target / "network")
    if case.config:
        (target / "pyproject.toml").write_text(_toml(case.config), "utf-8")
    git(target, "init", "-q", "-b", "main")
    if (case.folder / "base").is_dir():
        _lay(case.folder / "base", target)
        commit(target, "base")
        git(target, "checkout", "-q", "-b", "change")
    _lay(case.folder, target, skip={"case.yaml", "base"})
    steps = [_step(line) for line in case.setup]
    _apply(target, steps)
    commit(target, case.name)
    _make_fifos(target, steps)
    return target


def _toml(config: dict[str, Any]) -> str:
    """`[tool.kring]` holding `config`: JSON's strings, numbers and lists are TOML's too."""

    def value(v: Any) -> str:
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + " }"
        return json.dumps(v)

    return "[tool.kring]\n" + "".join(f"{key} = {value(v)}\n" for key, v in config.items())


def _lay(overlay: Path, target: Path, skip: set[str] | frozenset[str] = frozenset()) -> None:
    # copied without the source's times: a fresh clone checks every file out in one second,
    # and a file of the same size laid over another with its old time would look unchanged
    # to git (same size, same time), so the change would not be committed
    shutil.copytree(
        overlay,
        target,
        copy_function=shutil.copy,
        dirs_exist_ok=True,
        ignore=lambda folder, names: [n for n in names if Path(folder) == overlay and n in skip],
    )


def _step(line: str) -> tuple[str, str, str]:
    verb, _, rest = line.partition(" ")
    path, _, arg = rest.partition(" -> ")
    if verb not in ("delete", "copy", "symlink", "fifo"):
        raise ValueError(f"setup: unknown step {line!r}")
    return verb, path.strip(), arg.strip()


def _apply(target: Path, steps: list[tuple[str, str, str]]) -> None:
    for verb, path, arg in steps:
        if verb == "delete":
            (target / path).unlink()
        elif verb == "copy":
            (target / arg).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target / path, target / arg)
        elif verb == "symlink":
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(arg, target / path)


def _make_fifos(target: Path, steps: list[tuple[str, str, str]]) -> None:
    # A FIFO cannot be committed; it is made in the work tree, where kring must not block on it.
    for verb, path, _ in steps:
        if verb == "fifo":
            os.mkfifo(target / path)


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


# --- every output of every command ----------------------------------------------------------


def every_output(repo: Path, *, base: str | None = "main", today: str = TODAY) -> dict[str, str]:
    """What every command prints or writes on `repo`, by a name for it: `check` in every
    format (and with `--changed-since base`), `summary` (Markdown and JSON) and the bot's
    comment built from it, `due` in every format, `agenda` of every group in every format
    (the e-mail too), `calendar`, `history` of every file's id in every format, `match` in
    every format, `export`, the pages `report` writes (the lessons pages too), the replies of
    `intake` to a form for every case and every open action, and a koepel's `check` and
    `report` over the network's export. For tests that a value reaches no output (SPEC §7).

    `repo` is left as it is: what writes (intake, export, the koepel) runs on a copy."""
    out: dict[str, str] = {}
    for fmt in ("text", "json", "github", "sarif", "markdown"):
        out[f"check {fmt}"] = kring(repo, "check", "--format", fmt, today=today).output
        if base is not None:
            out[f"check --changed-since {fmt}"] = kring(
                repo, "check", "--changed-since", base, "--format", fmt, today=today
            ).output
    if base is not None:
        for fmt in ("markdown", "json"):
            out[f"summary {fmt}"] = kring(
                repo, "summary", "--base", base, "--format", fmt, today=today
            ).output
        artifact = repo.parent / f"{repo.name}-summary.json"
        artifact.write_text(out["summary json"], "utf-8")
        out["bot comment"] = kring(repo, "bot", "comment", "--from", str(artifact)).output
    for fmt in ("text", "markdown", "json"):
        out[f"due {fmt}"] = kring(repo, "due", "--format", fmt, today=today).output
        out[f"match {fmt}"] = kring(repo, "match", "--format", fmt, today=today).output
    model = load(repo)
    for group in sorted(model.group_ids()):
        out[f"agenda {group}"] = kring(repo, "agenda", group, today=today).output
        for fmt in ("email", "text", "json"):
            out[f"agenda {group} {fmt}"] = kring(
                repo, "agenda", group, "--format", fmt, today=today
            ).output
    out["calendar"] = kring(repo, "calendar", today=today).output
    ids = sorted({f.place.id for f in model.files if f.place.kind in KINDS})
    for ident in ids:
        for fmt in ("text", "markdown", "json"):
            out[f"history {ident} {fmt}"] = kring(
                repo, "history", ident, "--format", fmt, today=today
            ).output
    out["export"] = kring(repo, "export", today=today).output
    out["report"] = kring(repo, "report", today=today).output
    for page in sorted((repo / "network").rglob("*.md")):
        text = page.read_text("utf-8")
        if text.startswith("<!-- kring: generated"):
            out[f"page {page.relative_to(repo).as_posix()}"] = text
    out.update(_intake_replies(repo, model, today))
    out.update(_koepel_outputs(repo, today))
    return out


def _copy(repo: Path, name: str) -> Path:
    """A copy of `repo` (work tree and git) beside it, for a command that writes."""
    copy = repo.parent / f"{repo.name}-{name}"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(repo, copy, symlinks=True)
    return copy


def _issue_body(form_yaml: str, answers: dict[str, str]) -> str:
    """An issue body as GitHub renders a submitted form (tests/edit/issue_body.py says how):
    `### <label>`, a blank line and the answer; the privacy box ticked."""
    form = yaml.safe_load(form_yaml)
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        if element["type"] == "checkboxes":
            answer = "\n".join(f"- [X] {option['label']}" for option in attributes["options"])
        else:
            answer = answers.get(element["id"]) or "_No response_"
        parts.append(f"### {attributes['label']}\n\n{answer}")
    return "\n\n".join(parts)


def _intake_replies(repo: Path, model: Model, today: str) -> dict[str, str]:
    """`kring intake --format json` (the comment and the pull request's texts) for a
    follow-up of every case file's id and the closing of every open action, on a copy."""
    from kring.core.i18n import using_language
    from kring.edit.issue_forms import form_files

    with using_language("en"):
        forms = {
            path.rsplit("/", 1)[-1].removesuffix(".yml"): text
            for path, text in form_files(model).items()
        }
    copy = _copy(repo, "intake")
    bodies: dict[str, str] = {}
    for case in model.all_cases:
        bodies[f"follow-up {case.loc.path}"] = _issue_body(
            forms["record-follow-up"],
            {
                "case": case.id,
                "meeting": case.presented_at or today,
                "done": "Talked it through.",
                "result": "It helped.",
            },
        )
    for meeting in model.all_meetings:
        for action in meeting.actions:
            if action.status == "open":
                bodies[f"close {meeting.loc.path} {action.id}"] = _issue_body(
                    forms["close-action"],
                    {"action": action.ref, "outcome": "done: carried out", "closed": today},
                )
    out = {}
    for name, text in bodies.items():
        body = copy.parent / f"{copy.name}-body.md"
        body.write_text(text, "utf-8")
        out[f"intake {name}"] = kring(
            copy, "intake", str(body), "--format", "json", "--issue", "7", today=today
        ).output
    return out


def _koepel_outputs(repo: Path, today: str) -> dict[str, str]:
    """`kring export --write` on a copy, then a koepel of that one network: `koepel check`
    in every format and the pages `koepel report` writes."""
    network = _copy(repo, "published")
    kring(network, "export", "--write", today=today)
    root = repo.parent / f"{repo.name}-koepel"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    (root / "koepel.yaml").write_text(
        f"name: Koepel\nnetworks:\n  - id: net\n    name: Net\n    path: ../{network.name}\n",
        "utf-8",
    )
    out = {}
    for fmt in ("text", "json", "markdown"):
        out[f"koepel check {fmt}"] = kring(
            root, "koepel", "check", "--format", fmt, today=today
        ).output
    out["koepel report"] = kring(root, "koepel", "report", today=today).output
    for page in sorted(root.rglob("*.md")):
        out[f"koepel page {page.relative_to(root).as_posix()}"] = page.read_text("utf-8")
    return out


# --- the Dutch glossary ----------------------------------------------------------------------

GLOSSARY = ROOT / "docs" / "glossary-nl.md"


def _forbidden() -> tuple[str, ...]:
    """The words docs/glossary-nl.md forbids in Dutch output: its list between the markers."""
    text = GLOSSARY.read_text("utf-8")
    block = text[text.index("<!-- glossary: forbidden -->") : text.index("<!-- /glossary -->")]
    return tuple(line[2:].strip() for line in block.splitlines() if line.startswith("- "))


FORBIDDEN = _forbidden()
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def forbidden_in(text: str) -> list[str]:
    """The forbidden words in `text` (case-insensitive, also inside longer words), outside
    code spans: a field name or an example between backticks is written as it is typed."""
    plain = _CODE_SPAN.sub("", text).lower()
    return [word for word in FORBIDDEN if word.lower() in plain]
