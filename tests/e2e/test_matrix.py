"""Every command, every hostile network (issue 16): nothing crashes, hangs or leaks.

Each input is a git repository: the example network with hostile files laid over it (the
whole corpus of tests/hostile/ and the generated extremes at once, since a file of the
network never masks another), dates at the ends of the calendar, escapes in values and in
git's history, a repository whose git configuration would run programs, a broken or hostile
pyproject.toml, a crowd where everyone attends every meeting, and networks Hypothesis makes.
Every command in every format runs on each, in a process of its own under a memory and a
time limit (isolated.py), the writing commands last. Each run must

- end by itself with exit code 0, 1 or 2, without a traceback, and say why on exit 2;
- write valid UTF-8 with no control character from the data (a calendar's CRLF aside) and
  no line that a CI log would read as a workflow command (except --format github's own);
- never print the KRING_CANARY planted in its environment;

and no run writes anything outside the repository or runs anything the data names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from isolated import Run, run_all
from support import EXAMPLE, ROOT, TESTS, TODAY, git
from test_properties import TARGETS, yaml_like

from kring.core.printable import CONTROLS

HOSTILE = TESTS / "hostile"
CANARY = "kring-canary-" + uuid.uuid4().hex
PWNED = Path("/tmp") / f"kring-matrix-pwned-{uuid.uuid4().hex}"
MEETING = "network/meetings/2026/2026-11-12-achterhoek.md"

# what a command needs beyond one line: the new case's question and intention
_MORE = {"matrix-casus": ("--question", "Q", "--intention", "I")}


def _command(line: str) -> tuple[str, ...]:
    words = tuple(line.split())
    return words + _MORE.get(words[2] if len(words) > 2 else "", ())


READING = tuple(
    _command(line)
    for line in """
    check
    check --format json
    check --format github
    check --format sarif
    check --format markdown
    check --no-cache --format json network/members
    check --changed-since HEAD~1
    due
    due --format markdown
    due --format json --within 30
    agenda achterhoek
    summary --base HEAD~1
    report --check
    calendar
    history 2026-11-12-achterhoek
    history anna-de-vries --format json
    history joost-hendriks
    match
    match --format json
    export
    koepel check
    bot text report-title
    bot comment --from matrix-summary.json
    intake --forms
    rules
    explain KR201
    schema
    schema meeting
    """.strip().splitlines()
)
WRITING = tuple(
    _command(line)
    for line in """
    agenda achterhoek --write
    new member matrix-lid --name M --organisation aalten --group achterhoek --joined 2026-11-01
    new meeting achterhoek --date 2027-06-10 --host aalten
    new case matrix-casus --owner anna-de-vries --presented-at 2026-11-12-achterhoek --title T
    new region matrix-regio --name Matrix --municipality matrixstad
    new theme matrix-thema --name Matrix
    close 2026-11-12-achterhoek#evaluatie-verslag --done
    follow-up statushouder-gezinshereniging-school --at 2026-11-12-achterhoek --done D --result R
    intake matrix-issue.md
    intake --forms --write
    export --write
    report
    """.strip().splitlines()
)
# Commands that run without a network repository or its configuration.
STANDALONE = {"rules", "explain", "schema"}


# --- the inputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    name: str
    lay: Callable[[Path], None] = lambda repo: None  # files to commit over the example
    after: Callable[[Path], None] = lambda repo: None  # what git cannot store, after it
    today: str = TODAY
    example: bool = True
    config_error: bool = False  # every command that reads the configuration exits 2
    marks: tuple[str, ...] = field(default_factory=tuple)  # files that must never appear


def _write(repo: Path, files: dict[str, bytes | str]) -> None:
    for rel, data in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _corpus(repo: Path) -> None:
    """Every stored hostile file at once, and the generated extremes of test_hostile."""
    files: dict[str, bytes | str] = {}
    for path in sorted(HOSTILE.iterdir()):
        stem = path.stem.lower().replace("_", "-")
        rel = (
            f"network/cases/2026/hostile-{stem}.md"
            if path.suffix == ".md"
            else f"network/members/hostile-{stem}.yaml"
        )
        files[rel] = path.read_bytes()
    meeting = "---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\n"
    files["network/meetings/2026/2026-12-03-achterhoek.md"] = (HOSTILE / "mentions.md").read_bytes()
    files["network/meetings/2026/2026-12-04-achterhoek.md"] = (
        HOSTILE / "workflow-injection.md"
    ).read_bytes()
    files["network/meetings/2026/2026-12-05-achterhoek.md"] = (
        meeting + "attendees: [" + ", ".join(f"m{i}" for i in range(20_000)) + "]\n---\n"
    )
    files["network/members/nesting.yaml"] = b"x-a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    files["network/members/large.yaml"] = b"name: " + b"x" * 20_000_000 + b"\n"
    files["network/members/privacy.yaml"] = b"name: Long\nx-note: '" + b"0 6-1." * 40_000 + b"'\n"
    files["network/members/runs-code.yaml"] = (
        "name: Runs Code\norganisation: winterswijk\ngroups: [achterhoek]\njoined: 2025-01-01\n"
        f'x-run: !!python/object/apply:os.system ["touch {PWNED}"]\n'
    )
    files["network/members/x\n::error::pwned.yaml"] = (HOSTILE / "crlf.yaml").read_bytes()
    files["network/members/anna de vries.yaml"] = (HOSTILE / "crlf.yaml").read_bytes()
    files["network/members/x.yaml/y.yaml"] = (HOSTILE / "crlf.yaml").read_bytes()
    _write(repo, files)
    # a file name that is not UTF-8, and links out of the repository and in a loop
    (repo / os.fsdecode(b"network/members/bad\xff.yaml")).write_bytes(
        (EXAMPLE / "members/anna-de-vries.yaml").read_bytes()
    )
    (repo / "network/members/environ.yaml").symlink_to("/proc/self/environ")
    (repo / "network/members/loop-a.yaml").symlink_to("loop-b.yaml")
    (repo / "network/members/loop-b.yaml").symlink_to("loop-a.yaml")
    (repo / "network/themes/etc").symlink_to("/etc")
    (repo / "network/members/joost-hendriks.yaml").unlink()
    (repo / "network/members/joost-hendriks.yaml").symlink_to("/etc/passwd")
    (repo / "network/members/Anna-de-Vries.yaml").write_bytes(
        (repo / "network/members/anna-de-vries.yaml").read_bytes()
    )
    deep = repo / "network/meetings"
    for _ in range(40):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.md").write_text("---\n---\n")


def _fifo(repo: Path) -> None:
    os.mkfifo(repo / "network/members/fifo.yaml")


def _dates(repo: Path) -> None:
    meeting = (repo / MEETING).read_text("utf-8")
    _write(
        repo,
        {
            "network/meetings/9999/9999-12-31-achterhoek.md": meeting.replace(
                "date: 2026-11-12", "date: 9999-12-31"
            ).replace("due: 2027-01-31", "due: 2201-01-01"),
            "network/meetings/0001/0001-01-01-liemers.md": (
                "---\ndate: 0001-01-01\ngroup: liemers\nkind: regional\n"
                "attendees: [anna-de-vries]\n---\n"
            ),
        },
    )
    member = repo / "network/members/anna-de-vries.yaml"
    text = member.read_text("utf-8")
    member.write_text(
        "\n".join(
            "joined: 0001-01-01" if line.startswith("joined:") else line
            for line in text.split("\n")
        ),
        "utf-8",
    )


ESCAPES = '"::error::fake\\e[2J\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\\\n::error::x"'


def _escapes(repo: Path) -> None:
    meeting = (repo / MEETING).read_text("utf-8")
    meeting = meeting.replace(
        "what: Write up the evaluation and share it with the Liemers platform.",
        f"what: {ESCAPES}",
    ).replace("  topic: Work plan 2027", '  topic: "::x\\u2028plan \\e[2J\\x85 \\u202e"')
    meeting = meeting.replace("\n---\n", "\nx-notes: |+\n  Kept.\n\n\n---\n", 1)
    # the first "\n---\n" closes the front matter (the file starts with "---\n")
    _write(repo, {MEETING: meeting})
    member = repo / "network/members/anna-de-vries.yaml"
    member.write_text(
        member.read_text("utf-8").replace("name: Anna de Vries", f"name: {ESCAPES}"), "utf-8"
    )


def _escapes_in_git(repo: Path) -> None:
    (repo / "network/members/anna-de-vries.yaml").write_bytes(
        (repo / "network/members/anna-de-vries.yaml").read_bytes() + b"x-more: 1\n"
    )
    author = ["-c", "user.name=Eve\x1b[31m\u202e", "-c", "user.email=e@example.invalid"]
    message = "subject\n::error::injected\x1b[2J"
    subprocess.run(["git", *author, "commit", "-qam", message], cwd=repo, check=True)


def _crowd(repo: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    _write(repo, dict(generate.Crowd(200, 200).run()))


def _trap(repo: Path) -> None:
    marks = repo.parent / "marks"
    marks.mkdir()
    settings = {
        "core.fsmonitor": f"touch '{marks}/fsmonitor'; false",
        "filter.trap.clean": f"touch '{marks}/filter'; cat",
        "filter.trap.required": "true",
        "diff.trap.textconv": f"touch '{marks}/textconv'; cat",
    }
    for key, value in settings.items():
        git(repo, "config", key, value)
    (repo / ".git/info").mkdir(exist_ok=True)
    (repo / ".git/info/attributes").write_text("* filter=trap diff=trap\n")
    for path in (repo / "network").rglob("*"):
        if path.is_file():
            os.utime(path, (1, 1))


def _pyproject(text: str) -> Callable[[Path], None]:
    def lay(repo: Path) -> None:
        (repo / "pyproject.toml").write_text(text)

    return lay


def _pyproject_to_zero(repo: Path) -> None:
    (repo / "pyproject.toml").symlink_to("/dev/zero")


def _pyproject_fifo(repo: Path) -> None:
    os.mkfifo(repo / "pyproject.toml")


INPUTS = (
    Input("corpus", _corpus, _fifo),
    Input("dates-outside-the-calendar", _dates),
    Input("escapes-in-values-and-git", _escapes, _escapes_in_git),
    Input("crowd-200x200", _crowd, example=False),
    Input("git-config-that-runs-programs", after=_trap, marks=("marks",)),
    Input("config-severity-text", _pyproject('[tool.kring]\nseverity = "x"\n'), config_error=True),
    Input("config-policy-list", _pyproject("[tool.kring]\npolicy = [1]\n"), config_error=True),
    Input("config-tool-number", _pyproject("tool = 5\n"), config_error=True),
    Input("config-link-to-dev-zero", _pyproject_to_zero, config_error=True),
    Input("config-fifo", after=_pyproject_fifo, config_error=True),
    Input("today-9999-12-31", today="9999-12-31", config_error=True),
    Input("today-0001-01-01", today="0001-01-01", config_error=True),
)


# --- running and judging ---------------------------------------------------------------------


def build(root: Path, item: Input) -> Path:
    repo = root / "repo"
    repo.mkdir(parents=True)
    if item.example:
        shutil.copytree(EXAMPLE, repo / "network")
    else:
        (repo / "network").mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "base")
    item.lay(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "the input")
    item.after(repo)
    # What the bot and the intake read besides the network: a check run's findings and a
    # submitted issue form, both as hostile as the values in them can be.
    (repo / "matrix-summary.json").write_text(
        '{"version": 1, "findings": [{"code": "KR201", "message": "\\u001b[2J\\n::error::x"}]}\n'
    )
    (repo / "matrix-issue.md").write_text(
        "### Meeting date\n\n2026-12-10\n\n### Group\n\nachterhoek\x1b[2J\n\n"
        "### Topic\n\n::error::x\u2028y\n"
    )
    return repo


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def environment(outside: Path) -> dict[str, str]:
    (outside / "home").mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(outside / "home"),
        "XDG_CACHE_HOME": str(outside / "cache"),
        "LANG": "C.UTF-8",
        "KRING_CANARY": CANARY,
    }


_ALLOWED = {ord("\n"), ord("\t")}


def judge(run: Run, item: Input) -> None:
    what = run.describe()
    assert run.killed_by is None, "killed (over the time limit?): " + what
    assert run.code in (0, 1, 2), what
    out, err = run.out.decode("utf-8"), run.err.decode("utf-8")  # strict: valid UTF-8
    for stream in (out, err):
        assert "Traceback" not in stream and "internal error" not in stream, what
        assert CANARY not in stream, what
    if run.code == 2:
        assert err.strip(), "exit 2 without a message: " + what
    calendar = run.args[0] == "calendar"
    for stream in (out.replace("\r\n", "\n") if calendar else out, err):
        bad = {c for c in stream if ord(c) in CONTROLS and ord(c) not in _ALLOWED}
        assert not bad, f"control characters {bad!r}: {what}"
    github = run.args[:1] == ("check",) and "github" in run.args
    for stream in (err,) if github else (out, err):
        commands = [line for line in stream.splitlines() if line.lstrip().startswith("::")]
        assert not commands, f"workflow command lines {commands!r}: {what}"
    if item.config_error and run.args[0] not in STANDALONE:
        assert run.code == 2, what


def commands_for(item: Input) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    def placed(args: tuple[str, ...]) -> tuple[str, ...]:
        if args[0] in STANDALONE:
            return args
        return (*args, "--repo", ".", "--today", item.today)

    return [placed(a) for a in READING], [placed(a) for a in WRITING]


def run_matrix(root: Path, item: Input) -> int:
    repo = build(root, item)
    outside = root / "outside"
    env = environment(outside)
    before = snapshot(outside)
    reading, writing = commands_for(item)
    runs = run_all(reading, repo, env, parallel=2) + run_all(writing, repo, env, parallel=1)
    for run in runs:
        judge(run, item)
    assert snapshot(outside) == before, "written outside the repository"
    for mark in item.marks:
        assert not list((repo.parent / mark).iterdir()), "a program of the repository ran"
    assert not PWNED.exists(), "the data ran a command"
    return len(runs)


@pytest.mark.parametrize("item", INPUTS, ids=lambda i: i.name)
def test_every_command_on_a_hostile_network(item: Input, tmp_path: Path) -> None:
    assert run_matrix(tmp_path, item) == len(READING) + len(WRITING)


# Networks Hypothesis makes: YAML-like text replacing, or standing in, files of the example.
edits = st.lists(
    st.tuples(st.sampled_from(TARGETS), st.booleans(), yaml_like), min_size=1, max_size=3
)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=edits)
def test_every_command_on_generated_networks(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, bool, str]]
) -> None:
    def lay(repo: Path) -> None:
        for target, whole, text in edits:
            path = repo / target
            data = text.encode("utf-8", "surrogatepass")
            if not whole:  # in place of the file's third line
                lines = path.read_bytes().split(b"\n")
                data = b"\n".join([*lines[:2], data, *lines[3:]])
            path.write_bytes(data)

    root = tmp_path_factory.mktemp("generated")
    assert run_matrix(root, Input("generated", lay)) == len(READING) + len(WRITING)


def test_the_matrix_is_every_command_on_every_input() -> None:
    # the size the issue asks to report: commands x inputs (and 4 generated networks);
    # in the corpus, joost-hendriks's file is a link to /etc/passwd: a history outside
    commands = len(READING) + len(WRITING)
    names = {args[0] for args in (*READING, *WRITING)}
    assert names >= {
        "check", "due", "agenda", "new", "close", "follow-up", "summary", "report",
        "calendar", "history", "rules", "explain", "schema", "match", "export", "koepel",
        "bot", "intake",
    }  # fmt: skip
    formats = {a[a.index("--format") + 1] for a in READING if "--format" in a and a[0] == "check"}
    assert formats == {"json", "github", "sarif", "markdown"}  # and text, the default
    assert commands * len(INPUTS) >= 40 * 12
