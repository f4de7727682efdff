"""The editor help in .vscode/ (issue 17, item 8): the task's problem matcher reads every
finding `kring check` prints, in English and in Dutch, and the snippets for meetings and
cases expand to front matter that passes kring's file checks."""

from __future__ import annotations

import json
import re

import pytest
from support import ROOT, MakeRepo, check, kring, start_files

VSCODE = ROOT / ".vscode"
TASKS = json.loads((VSCODE / "tasks.json").read_text("utf-8"))
SNIPPETS = json.loads((VSCODE / "kring.code-snippets").read_text("utf-8"))


def _matchers() -> list[tuple[str, re.Pattern[str], dict[str, int]]]:
    task = TASKS["tasks"][0]
    assert task["label"] == "kring check"
    assert task["args"][:3] == ["check", "--format", "text"]
    out = []
    for matcher in task["problemMatcher"]:
        pattern = matcher["pattern"]
        assert matcher["fileLocation"] == ["relative", "${workspaceFolder}"]
        # the matchers' regular expressions use no syntax that JavaScript and Python read
        # differently
        groups = {k: v for k, v in pattern.items() if k != "regexp"}
        out.append((matcher["severity"], re.compile(pattern["regexp"]), groups))
    return out


def test_every_task_uses_the_same_matchers() -> None:
    first = TASKS["tasks"][0]["problemMatcher"]
    assert all(task["problemMatcher"] == first for task in TASKS["tasks"])
    assert "${relativeFile}" in TASKS["tasks"][1]["args"]


# findings of every severity: an error (KR201), a warning (KR404) and info (KR405)
PLANTED = {
    "network/members/cor.yaml": "name: Cor\norganisation: hogeschol\ngroups: [noord]\n"
    "joined: 2026-01-01\n",
    "network/meetings/2026/2026-12-10-noord.md": "---\ndate: 2026-12-10\ngroup: noord\n"
    "kind: regional\nhost: dorp\nattendees: [anna, bram]\n---\n",
    "pyproject.toml": "[tool.kring.policy]\nmax_group_size = 2\n",
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_problem_matcher_reads_every_finding(make_repo: MakeRepo, lang: str) -> None:
    repo = make_repo({**start_files(), **PLANTED})
    findings = check(repo).findings
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}, findings
    text = kring(repo, "check", "--format", "text", "--lang", lang).output
    matched = []
    for line in text.splitlines():
        hits = [
            (severity, found, groups)
            for severity, pattern, groups in _matchers()
            if (found := pattern.match(line))
        ]
        assert len(hits) <= 1, line
        if hits:
            severity, found, groups = hits[0]
            matched.append(
                (
                    found[groups["file"]],
                    int(found[groups["line"]]),
                    int(found[groups["column"]]),
                    found[groups["code"]],
                    severity,
                )
            )
    assert matched == [
        (f["path"], f["line"], f["column"], f["code"], f["severity"]) for f in findings
    ], text


def _expand(body: list[str], values: dict[str, str]) -> str:
    """A snippet as VS Code inserts it when each field is left at its default (the first
    choice of a list), then with the placeholders filled in as a facilitator would."""
    text = "\n".join(body)
    text = text.replace("${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}", "2026-12-10")
    text = re.sub(r"\$\{\d+\|([^,|]*)[^}]*\|\}", r"\1", text)
    while re.search(r"\$\{\d+:([^{}]*)\}", text):
        text = re.sub(r"\$\{\d+:([^{}]*)\}", r"\1", text)
    text = re.sub(r"\$\d+", "", text)
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text + "\n"


IDS = {
    "group-id": "noord",
    "municipality-id": "stad",
    "member-id": "anna",
    "YYYY-MM-DD-group": "2026-12-10-noord",
}


def test_the_meeting_and_case_snippets_pass_the_file_checks(make_repo: MakeRepo) -> None:
    meeting = _expand(SNIPPETS["kring meeting"]["body"], IDS)
    assert meeting.startswith("---\ndate: 2026-12-10\ngroup: noord\nkind: regional\n")
    # the action and the update go into the meeting's lists
    action = _expand(SNIPPETS["kring action"]["body"], IDS)
    update = _expand(SNIPPETS["kring update"]["body"], IDS)
    # (the closing fence is the first "\n---\n": the opening one starts the text)
    meeting = meeting.replace(
        "\n---\n", "\ncases: [nieuw]\nactions:\n" + action + "updates:\n" + update + "---\n", 1
    )
    files = {
        **start_files(),
        "network/meetings/2026/2026-12-10-noord.md": meeting,
        "network/cases/2026/nieuw.md": _expand(SNIPPETS["kring case"]["body"], IDS),
    }
    run = check(make_repo(files), "--select", "KR0,KR1,KR2")
    assert run.findings == [], run.output


def test_the_follow_up_snippet_fits_a_case(make_repo: MakeRepo) -> None:
    case = start_files()["network/cases/2026/casus.md"]
    follow_up = _expand(
        SNIPPETS["kring follow-up"]["body"], {**IDS, "YYYY-MM-DD-group": "2026-06-11-noord"}
    )
    start = case.index("follow_up:")
    end = case.index("status:")
    files = {**start_files(), "network/cases/2026/casus.md": case[:start] + follow_up + case[end:]}
    run = check(make_repo(files), "--select", "KR0,KR1,KR2")
    assert run.findings == [], run.output


def test_snippets_are_offered_in_markdown() -> None:
    for name, snippet in SNIPPETS.items():
        assert snippet["scope"] == "markdown", name
        assert snippet["description"].startswith("kring: "), name
    settings = json.loads((VSCODE / "settings.json").read_text("utf-8"))
    assert settings["[markdown]"]["editor.tabCompletion"] == "onlySnippets"


def test_the_guide_is_linked_from_the_readme() -> None:
    assert "docs/editors.md" in (ROOT / "README.md").read_text("utf-8")
    guide = (ROOT / "docs" / "editors.md").read_text("utf-8")
    for name in ("tasks.json", "kring.code-snippets", "Problems"):
        assert name in guide
