"""Bounded resources: findings per file, parse time, folder depth, files that are not files."""

from __future__ import annotations

import json
import os
import threading

from click.testing import CliRunner
from support import TODAY, MakeRepo

from kring.cli.main import cli
from kring.core.document import Limits
from kring.load.repo import MAX_FOLDER_DEPTH, walk
from kring.load.yaml_loader import parse_yaml

MEETING = "network/meetings/2026/2026-12-03-achterhoek.md"


# The example network is written with overdue items (KR30x); network health (KR40x) is
# not what these tests are about.
QUIET = ("--ignore", "KR3,KR4")


def run(repo: object) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--format", "json", *QUIET]
    )
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


def test_at_most_fifty_findings_per_file_then_one_closing_finding(make_repo: MakeRepo) -> None:
    attendees = "".join(f"  - ghost-{i}\n" for i in range(120))
    meeting = (
        f"---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\nattendees:\n{attendees}---\n"
    )
    findings = [f for f in run(make_repo({MEETING: meeting}, example=True)) if f["path"] == MEETING]
    assert len(findings) == 51
    assert [f["code"] for f in findings[:50]] == ["KR201"] * 50
    closing = findings[50]
    assert closing["code"] == "KR903"
    assert closing["severity"] == "error"  # the worst of what it stands for
    assert closing["line"] == 56  # where the first hidden finding is
    assert "70 more findings" in str(closing["message"])


def test_ignoring_kr903_shows_every_finding_instead_of_summarising(make_repo: MakeRepo) -> None:
    # --ignore KR903 switches the cap off: hiding findings silently would let a run pass
    # that should fail, so "ignore the summary" can only mean "show them all".
    attendees = "".join(f"  - ghost-{i}\n" for i in range(120))
    meeting = (
        f"---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\nattendees:\n{attendees}---\n"
    )
    repo = make_repo({MEETING: meeting}, example=True)
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--repo",
            str(repo),
            "--today",
            TODAY,
            "--format",
            "json",
            *QUIET[:1],
            "KR3,KR4,KR903",
        ],
    )
    assert result.exit_code == 1, result.output
    findings = [f for f in json.loads(result.output)["findings"] if f["path"] == MEETING]
    assert [f["code"] for f in findings] == ["KR201"] * 120


def test_parsing_gives_up_after_its_time_budget() -> None:
    text = "x: [" + ", ".join("1" for _ in range(20_000)) + "]\n"
    parsed = parse_yaml("x.yaml", text, limits=Limits(max_seconds=0.0))
    assert [(p.code, p.source.line) for p in parsed.problems] == [("KR003", 1)]
    assert "longer than" in parsed.problems[0].message.render()
    assert parse_yaml("x.yaml", text).document is not None


def test_deep_folders_are_listed_not_entered(tmp_path: object) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    deep = root / "network"
    for _ in range(MAX_FOLDER_DEPTH + 5):
        deep = deep / "d"
    deep.mkdir(parents=True)
    entries = list(walk(root))
    assert [(e.kind, e.path.count("/")) for e in entries] == [("deep", MAX_FOLDER_DEPTH + 1)]


def test_a_fifo_is_reported_and_never_opened(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    os.mkfifo(repo / "network/members/fifo.yaml")
    result: list[list[dict[str, object]]] = []
    worker = threading.Thread(target=lambda: result.append(run(repo)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "kring blocked on a FIFO"
    assert [(f["code"], f["path"]) for f in result[0]] == [("KR005", "network/members/fifo.yaml")]


def test_every_whole_number_in_the_schemas_has_a_maximum() -> None:
    # Bounded by design (issue 16): no count a file sets can make a check loop without end.
    import json
    from importlib import resources

    def integers(node: object, at: str) -> list[tuple[str, dict[str, object]]]:
        found: list[tuple[str, dict[str, object]]] = []
        if isinstance(node, dict):
            if node.get("type") == "integer":
                found.append((at, node))
            for key, value in node.items():
                found += integers(value, f"{at}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                found += integers(value, f"{at}/{index}")
        return found

    folder = resources.files("kring.schemas")
    seen = 0
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".schema.json"):
            for at, node in integers(json.loads(entry.read_text("utf-8")), entry.name):
                seen += 1
                assert "maximum" in node and "minimum" in node, at
    assert seen >= 15


def test_a_large_document_still_points_at_the_exact_value(make_repo: MakeRepo) -> None:
    # A document of more than a thousand values keeps no positions once it has been checked
    # file by file (issue 16: 1,500 attendees at 1,500 meetings held millions of them); a
    # finding in it parses the file again and points at the value, cold and warm alike.
    from kring.load import pipeline

    words = ", ".join(f"word-{i}" for i in range(1200))
    meeting = (
        "---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\n"
        f"x-words: [{words}]\nattendees: [anna-de-vries, ghost]\n---\n"
    )
    repo = make_repo({MEETING: meeting}, example=True)
    column = meeting.splitlines()[5].index("ghost") + 1
    model = pipeline.load(repo, pipeline.configuration(repo))
    loaded = next(f for f in model.files if f.path == MEETING)
    assert loaded.document is not None and loaded.document._marks is None  # let go
    for _ in ("cold", "warm"):
        ghosts = [f for f in run(repo) if f["path"] == MEETING and "'ghost'" in str(f["message"])]
        assert [(f["code"], f["line"], f["column"]) for f in ghosts] == [("KR201", 6, column)]
