"""`kring summary` and `kring check --changed-since` on real pull-request-shaped histories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import (
    CLOSED_IN,
    INTENTION_CASE,
    NEW_MEETING,
    TODAY,
    MakeRepo,
    commit,
    git,
    must_show_change,
    write_files,
)

from kring.cli.main import cli
from kring.views.summary_text import LIMIT


def run(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--repo", str(repo), "--today", TODAY])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def scenario(make_repo: MakeRepo) -> Path:
    repo = make_repo(example=True)
    must_show_change(repo)
    return repo


EXPECTED_SUMMARY = """\
## What this change does

Compared `change` with `BASE` (the merge base with `main`).

### Added

- meeting `2026-12-10-achterhoek` (group `achterhoek`, on `2026-12-10`)

### Changed

- meeting `2026-11-12-achterhoek` (group `achterhoek`, on `2026-11-12`) — fields: `actions`
- case `zorgmijder-na-ontslag-ggz` (owner `daan-smeenk`, group `liemers`, presented \
`2026-10-15`, status `open`, confidential) — fields: `intention`

### Commitments

**Closed**

- action `2026-11-12-achterhoek#evaluatie-verslag` — owner `anna-de-vries`: `done`

**Removed without being closed**

- intention of case `zorgmijder-na-ontslag-ggz` — owner `daan-smeenk` — **KR304** removed \
instead of closed

### Findings in the changed files

3 errors, 0 warnings, 0 info in 3 changed files.

- `network/cases/2026/zorgmijder-na-ontslag-ggz.md:2` **KR101** error: `schema` in a \
confidential case; the message is not shown here, run kring check on the file
- `network/cases/2026/zorgmijder-na-ontslag-ggz.md:2` **KR304** error: the open intention of \
case 'zorgmijder-na-ontslag-ggz' was removed without a follow-up — hint: put the intention back \
and add a follow\\_up when the owner reports back, or set status: dropped with a reason
- `network/meetings/2026/2026-12-10-achterhoek.md:6` **KR201** error: unknown member \
'anna-de-vris' (did you mean 'anna-de-vries'?) — hint: write anna-de-vries; members are the \
files in network/members/

### The network

| | before | after |
|---|---:|---:|
| members (current) | 12 | 12 |
| regions | 2 | 2 |
| themes | 1 | 1 |
| meetings | 15 | 16 |
| cases | 8 | 8 |
| open actions | 6 | 5 |
| open intentions | 2 | 1 |

"""


def test_must_show_the_summary_of_a_pull_request(scenario: Path) -> None:
    base = git(scenario, "rev-parse", "main").strip()
    code, out = run(scenario, "summary", "--base", "main", "--head", "change")
    assert code == 0
    assert out == EXPECTED_SUMMARY.replace("BASE", base[:12])


def test_the_work_tree_is_the_default_head(scenario: Path) -> None:
    _, from_objects = run(scenario, "summary", "--base", "main", "--head", "change")
    _, from_work_tree = run(scenario, "summary", "--base", "main")
    assert from_work_tree == from_objects.replace("Compared `change`", "Compared the work tree")


def test_summary_as_json(scenario: Path) -> None:
    code, out = run(scenario, "summary", "--base", "main", "--head", "change", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["base"]["sha"] == git(scenario, "rev-parse", "main").strip()
    assert [(e["kind"], e["id"], e["change"], e["fields"]) for e in data["entities"]] == [
        ("meeting", "2026-11-12-achterhoek", "changed", ["actions"]),
        ("meeting", "2026-12-10-achterhoek", "added", []),
        ("case", "zorgmijder-na-ontslag-ggz", "changed", ["intention"]),
    ]
    assert [(c["kind"], c["ref"], c["change"], c["status"]) for c in data["commitments"]] == [
        ("action", "2026-11-12-achterhoek#evaluatie-verslag", "closed", "done"),
        ("intention", "zorgmijder-na-ontslag-ggz", "removed", "open"),
    ]
    assert [(f["code"], f["path"], f["line"]) for f in data["findings"]] == [
        ("KR101", INTENTION_CASE, 2),
        ("KR304", INTENTION_CASE, 2),
        ("KR201", NEW_MEETING, 6),
    ]
    assert data["changed_files"] == sorted([CLOSED_IN, INTENTION_CASE, NEW_MEETING])
    assert data["counts"]["base"]["meetings"] + 1 == data["counts"]["head"]["meetings"]


def test_changed_since_reports_only_the_changed_files_plus_kr304(make_repo: MakeRepo) -> None:
    # an error that was already there, in a file the change does not touch
    repo = make_repo({"network/members/zz-broken.yaml": "name: [broken\n"}, example=True)
    must_show_change(repo)
    code, out = run(repo, "check", "--format", "json")
    everything = {(f["code"], f["path"]) for f in json.loads(out)["findings"]}
    assert ("KR001", "network/members/zz-broken.yaml") in everything
    assert not any(code == "KR304" for code, _ in everything)  # no base, no KR304
    code, out = run(repo, "check", "--changed-since", "main", "--format", "json")
    assert code == 1
    found = [(f["code"], f["path"], f["line"]) for f in json.loads(out)["findings"]]
    assert found == [
        ("KR101", INTENTION_CASE, 2),
        ("KR304", INTENTION_CASE, 2),
        ("KR201", NEW_MEETING, 6),
    ]


def test_changed_since_counts_from_the_merge_base(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    must_show_change(repo)
    git(repo, "checkout", "-q", "main")
    # main moves on with a new case; the branch never had it, so it did not delete it
    write_files(repo, {"network/cases/2026/later.md": _case("later", confidential="")})
    commit(repo, "a case added on main after the branch left")
    git(repo, "checkout", "-q", "change")
    _, out = run(repo, "check", "--changed-since", "main", "--format", "json")
    found = [(f["code"], f["path"]) for f in json.loads(out)["findings"]]
    assert ("KR304", "network/cases/2026/later.md") not in found
    assert {path for _, path in found} == {INTENTION_CASE, NEW_MEETING}


# --- SPEC §7: confidential cases show id, owner, group, dates and status only -----------------

CANARIES = (
    "CANARY-STATUS",
    "CANARY-DUE",
    "CANARY-TITLE",
    "CANARY-QUESTION",
    "CANARY-INTENTION",
    "CANARY-NARRATIVE",
    "CANARY-RESULT",
    "CANARY-REASON",
)


def _case(ident: str, *, confidential: str, extra: str = "", status: str = "open") -> str:
    return f"""\
---
title: {ident} CANARY-TITLE
owner: daan-smeenk
presented_at: 2026-10-15-liemers
{confidential}question: CANARY-QUESTION {ident}
intention:
  what: CANARY-INTENTION {ident}
  due: next-meeting
{extra}status: {status}
---

CANARY-NARRATIVE {ident}
"""


def test_no_output_carries_a_confidential_cases_text(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "network/cases/2026/stays.md": _case("stays", confidential=""),
            "network/cases/2026/goes.md": _case("goes", confidential="confidential: true\n"),
            "network/cases/2026/closes.md": _case("closes", confidential=""),
            "network/cases/2026/drops.md": _case("drops", confidential=""),
        },
        example=True,
    )
    write_files(
        repo,
        {
            "network/cases/2026/stays.md": _case("stays", confidential="").replace(
                "CANARY-QUESTION", "CANARY-QUESTION changed"
            ),
            "network/cases/2026/arrives.md": _case("arrives", confidential=""),
            "network/cases/2026/closes.md": _case(
                "closes",
                confidential="",
                extra="follow_up:\n  reported_at: 2026-11-19-liemers\n  result: CANARY-RESULT\n",
                status="followed-up",
            ),
            "network/cases/2026/drops.md": _case(
                "drops", confidential="", extra="reason: CANARY-REASON\n", status="dropped"
            ),
            # values that break the schema are quoted by KR101: not for a confidential case
            "network/cases/2026/broken.md": _case(
                "broken", confidential="", status="CANARY-STATUS"
            ).replace("due: next-meeting", "due: CANARY-DUE"),
        },
    )
    (repo / "network/cases/2026/goes.md").unlink()
    outputs = [
        run(repo, "summary", "--base", "main")[1],
        run(repo, "summary", "--base", "main", "--format", "json")[1],
        run(repo, "check", "--changed-since", "main", "--format", "markdown")[1],
    ]
    for out in outputs:
        for ident in ("stays", "goes", "arrives", "closes", "drops", "broken"):
            assert ident in out  # the case is there, by its id ...
        for canary in CANARIES:
            assert canary not in out  # ... and nothing of what it says
    assert "daan-smeenk" in outputs[0]
    assert "- line 8 **KR101** error: `schema` in a confidential case" in outputs[2]


def test_an_open_case_shows_its_title(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    write_files(
        repo,
        {"network/cases/2026/open.md": _case("open", confidential="confidential: false\n")},
    )
    out = run(repo, "summary", "--base", "main")[1]
    assert "open CANARY-TITLE" in out
    assert "CANARY-QUESTION" not in out  # the question is the case's content, not its label


# --- bounded output ---------------------------------------------------------------------------


def test_a_huge_change_is_cut_below_the_limit_with_a_note(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    write_files(
        repo,
        {
            f"network/members/person-{i:04d}.yaml": (
                f"name: Person {i}\norganisation: nowhere-{i}\ngroups: [achterhoek]\n"
                "joined: 2026-01-01\n"
            )
            for i in range(600)
        },
    )
    out = run(repo, "summary", "--base", "main")[1]
    assert len(out) < LIMIT
    note = re.search(r"left out: (.*)\. Run kring summary", out)
    assert note is not None, out[-500:]
    assert re.search(r"findings \(\d+\)", note.group(1))
    comment = run(repo, "check", "--changed-since", "main", "--format", "markdown")[1]
    assert len(comment) < LIMIT
    assert comment.startswith("<!-- kring:comment -->\n")
    assert "left out: findings (" in comment
    data = run(repo, "summary", "--base", "main", "--format", "json")[1]
    assert len(data) < LIMIT
    assert json.loads(data)["left_out"]["findings"] > 0
