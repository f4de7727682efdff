"""The hostile corpus: crafted and careless files, each with the finding it must give.

Every case is one or more files dropped into a copy of the example network, checked by a
real `kring check` in a process of its own (isolated.py) under a memory limit (RLIMIT_AS)
and a time limit, in every output format. Each run must exit 1 (0 where nothing is
wrong), print no traceback, give the expected codes (at the expected lines), never print
the planted KRING_CANARY, and never let data start a GitHub workflow command line. Small
inputs are files in tests/hostile/; large ones (20 MB, 100,000-deep nesting, 20,000
attendees) are generated here. tests/e2e/test_matrix.py runs every other command on them.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from isolated import Run, run_all
from support import EXAMPLE, TESTS, TODAY

from kring.load.yaml_loader import parse_file
from kring.reporters import REPORTERS

HOSTILE = TESTS / "hostile"
MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the whole kring process
TIME_LIMIT = 20.0  # seconds per run; a case is expected to take well under one
CANARY = "kring-canary-" + uuid.uuid4().hex
MEMBER = "network/members/hostile.yaml"
MEETING = "network/meetings/2026/2026-12-03-achterhoek.md"
CASE = "network/cases/2026/hostile-case.md"
PWNED = Path("/tmp") / f"kring-pwned-{uuid.uuid4().hex}"

Setup = Callable[[Path], None]
Expect = tuple[str, str, int | None]  # (code, path, line or None for any line)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    expect: tuple[Expect, ...] = ()
    exit: int = 1
    setup: Setup | None = None
    absent: tuple[str, ...] = ()  # codes that must not be reported


def stored(name: str) -> bytes:
    return (HOSTILE / name).read_bytes()


def member_file(name: str, *expect: tuple[str, int | None], path: str = MEMBER) -> Case:
    return Case(name, {path: stored(name)}, tuple((c, path, line) for c, line in expect))


def _symlink(link: str, target: str) -> Setup:
    def setup(repo: Path) -> None:
        (repo / link).symlink_to(target)

    return setup


def _symlink_loop(repo: Path) -> None:
    (repo / "network/members/loop-a.yaml").symlink_to("loop-b.yaml")
    (repo / "network/members/loop-b.yaml").symlink_to("loop-a.yaml")
    (repo / "network/regions/self").symlink_to(".")


def _fifo(repo: Path) -> None:
    os.mkfifo(repo / "network/members/fifo.yaml")


def _deep_folders(repo: Path) -> None:
    deep = repo / "network/meetings"
    for _ in range(40):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.md").write_text("---\n---\n")


def _case_twins(repo: Path) -> None:
    member = (repo / "network/members/anna-de-vries.yaml").read_bytes()
    (repo / "network/members/Anna-de-Vries.yaml").write_bytes(member)


def _meeting(extra: str) -> bytes:
    return ("---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\n" + extra + "---\n").encode()


def _python_apply() -> bytes:
    return (
        "name: Runs Code\norganisation: winterswijk\ngroups: [achterhoek]\njoined: 2025-01-01\n"
        f'x-run: !!python/object/apply:os.system ["touch {PWNED}"]\n'
    ).encode()


CASES: tuple[Case, ...] = (
    member_file("alias-bomb.yaml", ("KR003", 1)),
    member_file("recursive-alias.yaml", ("KR003", 2)),
    member_file("python-object.yaml", ("KR003", 5)),
    member_file("python-name.yaml", ("KR003", 5)),
    member_file("binary-tag.yaml", ("KR003", 5)),
    member_file("set-tag.yaml", ("KR003", 5)),
    member_file("timestamp-tag.yaml", ("KR003", 5)),
    member_file("empty-int-tag.yaml", ("KR003", 5)),
    member_file("verbatim-tag.yaml", ("KR003", 5)),
    member_file("local-tag.yaml", ("KR003", 5)),
    member_file("str-tag.yaml", ("KR003", 5)),
    member_file("tag-directive.yaml", ("KR003", None)),
    member_file("yaml-directive.yaml", ("KR003", 1)),
    member_file("duplicate-key-deep.yaml", ("KR002", 6)),
    member_file("latin1.yaml", ("KR004", 1)),
    member_file("utf16.yaml", ("KR004", 1)),
    member_file("bom.yaml", ("KR004", 1)),
    member_file("nul-byte.yaml", ("KR004", 1)),
    member_file("png.yaml", ("KR004", 3)),
    member_file("empty.yaml", ("KR101", 1)),
    member_file("empty.md", ("KR001", 1), path=CASE),
    member_file("top-level-list.yaml", ("KR101", 1)),
    member_file("top-level-scalar.yaml", ("KR101", 1)),
    member_file("unterminated-front-matter.md", ("KR001", 1), path=CASE),
    member_file("missing-front-matter.md", ("KR001", 1), path=CASE),
    member_file("tabs.yaml", ("KR001", 3)),
    member_file("impossible-date.yaml", ("KR101", 4)),
    member_file("datetime.yaml", ("KR101", 4)),
    member_file("two-documents.yaml", ("KR001", 5)),
    member_file("control-character.yaml", ("KR004", 1)),
    member_file("complex-key.yaml", ("KR001", 1)),
    member_file("merge-key.yaml", ("KR101", 5)),
    member_file("lone-surrogate.md", ("KR001", 5), path=MEETING),
    member_file("workflow-injection.md", ("KR201", 5), path=MEETING),
    member_file("email-and-bsn.md", ("KR501", 11), ("KR503", 13), path=CASE),
    member_file("phone-and-iban.yaml", ("KR502", 5), ("KR504", 6)),
    Case(
        "suppressed",
        {MEMBER: stored("suppressed.yaml")},
        (("KR902", MEMBER, 6),),
        exit=1,  # a suppression without a code is an error (SPEC §5)
        absent=("KR501",),
    ),
    Case("crlf", {MEMBER: stored("crlf.yaml")}, exit=0),
    Case("mentions", {MEETING: stored("mentions.md")}, exit=0),
    Case(
        "newline-in-file-name",
        {"network/members/x\n::error::pwned.yaml": stored("crlf.yaml")},
        (("KR006", "network/members/x\n::error::pwned.yaml", 1),),
    ),
    member_file("unicode-separators.yaml", ("KR001", 1)),
    Case(
        "python-apply-runs-nothing",
        {MEMBER: _python_apply()},
        (("KR003", MEMBER, 5),),
    ),
    Case(
        "nesting-100000-flow",
        {MEMBER: b"x-a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"},
        (("KR003", MEMBER, 1),),
    ),
    Case(
        "nesting-30000-mappings",
        {MEMBER: b"x-a: " + b"{a: " * 30_000 + b"1" + b"}" * 30_000 + b"\n"},
        (("KR003", MEMBER, 1),),
    ),
    Case(
        "nesting-block-deep",
        {MEMBER: "".join(f"{' ' * i}- \n" for i in range(0, 400, 2)).encode()},
        (("KR003", MEMBER, None),),
    ),
    Case(
        "twenty-megabytes", {MEMBER: b"name: " + b"x" * 20_000_000 + b"\n"}, (("KR003", MEMBER, 1),)
    ),
    Case(
        "twenty-thousand-attendees",
        {MEETING: _meeting("attendees: [" + ", ".join(f"m{i}" for i in range(20_000)) + "]\n")},
        (("KR201", MEETING, 5), ("KR903", MEETING, 5)),
    ),
    Case(
        # what kring reads as "meant" (a list written as text, a time) meets long runs of
        # spaces and words: read in time linear in the length, or not at all
        "long-runs-for-the-hints",
        {
            MEETING: _meeting(
                'attendees: "anna'
                + " " * 100_000
                + 'bram"\n'
                + 'apologies: "a '
                + "en " * 15_000
                + 'b"\n'
                + 'start: "1'
                + " " * 40_000
                + 'x"\n'
                + 'end: "2'
                + " " * 40_000
                + '-1-2026"\n'
            )
        },
        (
            ("KR101", MEETING, 5),
            ("KR101", MEETING, 6),
            ("KR101", MEETING, 7),
            ("KR101", MEETING, 8),
        ),
    ),
    Case(
        "adversarial-privacy-line",
        {MEMBER: b"name: Long\nx-note: '" + b"0 6-1." * 40_000 + b"'\n"},
        (("KR101", MEMBER, None),),
    ),
    Case(
        "symlink-to-environ",
        setup=_symlink(MEMBER, "/proc/self/environ"),
        expect=(("KR005", MEMBER, 1),),
    ),
    Case(
        "symlink-to-etc",
        setup=_symlink("network/themes/etc", "/etc"),
        expect=(("KR005", "network/themes/etc", 1),),
    ),
    Case(
        "symlink-loops",
        setup=_symlink_loop,
        expect=(
            ("KR005", "network/members/loop-a.yaml", 1),
            ("KR005", "network/regions/self", 1),
        ),
    ),
    Case("fifo", setup=_fifo, expect=(("KR005", "network/members/fifo.yaml", 1),)),
    Case("deep-folders", setup=_deep_folders, expect=(("KR005", None, 1),)),
    Case(
        "case-twins",
        setup=_case_twins,
        expect=(("KR007", "network/members/anna-de-vries.yaml", 1),),
    ),
    Case(
        "name-with-spaces",
        {"network/members/anna de vries.yaml": stored("crlf.yaml")},
        (("KR006", "network/members/anna de vries.yaml", 1),),
    ),
    Case(
        "directory-named-like-a-file",
        {"network/members/x.yaml/y.yaml": stored("crlf.yaml")},
        (("KR005", "network/members/x.yaml/y.yaml", 1),),
    ),
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-base")
    shutil.copytree(EXAMPLE, root / "network", symlinks=True)
    return root


def run_kring(repo: Path, formats: tuple[str, ...]) -> list[Run]:
    """`kring check` in each format, each run in a process of its own under the limits."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB", "KRING"))}
    env["KRING_CANARY"] = CANARY
    commands = [
        ("check", "--repo", str(repo), "--today", TODAY, "--format", fmt) for fmt in formats
    ]
    return run_all(commands, repo, env)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case(case: Case, base: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(base, repo, symlinks=True)
    for rel, data in case.files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(data)
    if case.setup:
        case.setup(repo)

    formats = ("json", *(f for f in REPORTERS if f != "json"))
    runs = run_kring(repo, formats)
    first = runs[0]
    out, err = first.out.decode("utf-8"), first.err.decode("utf-8")
    assert "Traceback" not in err and "internal error" not in err, err
    assert first.code == case.exit, out + err
    assert first.seconds < 5, f"{case.name} took {first.seconds:.1f}s"
    findings = json.loads(out)["findings"]
    got = {(f["code"], f["path"], f["line"]) for f in findings}
    for want_code, want_path, want_line in case.expect:
        assert any(
            c == want_code
            and (want_path is None or p == want_path)
            and (want_line is None or line == want_line)
            for c, p, line in got
        ), (want_code, want_path, want_line, sorted(got))
    for f in findings:
        assert f["line"] >= 1 and f["column"] >= 1
        assert f["code"] not in case.absent, f

    for fmt, run in zip(formats, runs, strict=True):
        fmt_out, fmt_err = run.out.decode("utf-8"), run.err.decode("utf-8")
        assert run.code == case.exit, run.describe()
        assert CANARY not in fmt_out + fmt_err
        if fmt != "github":
            # Only the github reporter may write workflow commands; data never starts one.
            assert not any(line.lstrip().startswith("::") for line in fmt_out.splitlines())
    assert not PWNED.exists()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len(list(HOSTILE.iterdir())) >= 30


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()))
def test_stored_inputs_read_alike_with_and_without_libyaml(name: str) -> None:
    data = (HOSTILE / name).read_bytes()
    markdown = name.endswith(".md")
    outcomes = []
    for pure in ("0", "1"):
        os.environ["KRING_PURE_YAML"] = pure
        try:
            parsed = parse_file(name, data, markdown=markdown)
        finally:
            del os.environ["KRING_PURE_YAML"]
        codes = sorted({(p.code, p.source.line) for p in parsed.problems})
        outcomes.append((parsed.document.data if parsed.document else None, codes))
    assert outcomes[0] == outcomes[1]
