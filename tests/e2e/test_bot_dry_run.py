"""A dry run of the whole bot (SPEC §8): every workflow that ships, run step by step in a
simulated GitHub (helpers_github.py) on a network repository made from this template, with
pull requests from a base to a head — a facilitator's, a mistaken one, and hostile ones.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers_bot import (
    FOLLOW_UP_CASE,
    FOLLOW_UP_FORM,
    change,
    edited,
    make_hub,
    pull_request,
)
from helpers_github import (
    BOT,
    Hub,
    PullRequest,
    Run,
    git,
    issue_event,
    pull_request_event,
    push_event,
    run_workflow,
    schedule_event,
    stand_in_run,
    started_by,
    workflow_run_event,
)
from support import MEETING_TEXT, NEW_MEETING, ROOT, TODAY

from kring.reporters.markdown import MARKER

pytestmark = pytest.mark.skipif(shutil.which("jq") is None, reason="the workflows use jq")

DAY = {"KRING_TODAY": TODAY}
TOPIC = "network/meetings/2026/2026-11-12-achterhoek.md"
RULES_NOTICE = "This change edits kring's rules: a maintainer must review it."
SUPPRESSIONS_NOTICE = "This change adds suppressions: a reviewer must agree with each."


@pytest.fixture
def hub(tmp_path: Path, pip_cache: Path) -> Hub:
    return make_hub(tmp_path, pip_cache)


def check_and_comment(hub: Hub, pr: object) -> tuple[Run, Run]:
    """check.yml on the pull request, then comment.yml on its completion, as GitHub runs them."""
    event = pull_request_event(hub, pr)  # type: ignore[arg-type]
    assert "check.yml" in started_by(hub, event)
    check = run_workflow(hub, "check.yml", event, env=DAY)
    completed = workflow_run_event(hub, check, pr)  # type: ignore[arg-type]
    assert started_by(hub, completed) == ["comment.yml"]
    return check, run_workflow(hub, "comment.yml", completed)


def only_comment(hub: Hub, number: int) -> str:
    comments = hub.comments(number)
    assert len(comments) == 1, comments
    assert comments[0]["user"] == "github-actions[bot]"
    body: str = comments[0]["body"]
    assert body.startswith(MARKER + "\n")
    return body


# --- pull requests -------------------------------------------------------------------------------


def test_a_facilitators_pull_request_passes_and_gets_one_comment(hub: Hub, tmp_path: Path) -> None:
    pr = pull_request(
        hub, tmp_path, "topic", {TOPIC: edited(TOPIC, "topic: Evaluation", "topic: The evaluation")}
    )
    check, comment = check_and_comment(hub, pr)
    assert check.conclusion == "success", check.log()
    assert "fields: `topic`" in check.summary
    assert RULES_NOTICE not in check.summary
    assert comment.conclusion == "success", comment.log()
    assert only_comment(hub, pr.number).startswith(MARKER + "\n## ✅ kring: 0 errors")
    # another push: the same comment is updated, not a second one added
    work = change(hub, tmp_path, "topic-2", {TOPIC: edited(TOPIC, "topic: Evaluation", "topic: X")})
    pr = hub.update_pull_request(pr, work)
    check, comment = check_and_comment(hub, pr)
    assert comment.conclusion == "success", comment.log()
    assert "fields: `topic`" in only_comment(hub, pr.number)


def test_a_mistake_is_annotated_at_its_line_and_fails_the_check(hub: Hub, tmp_path: Path) -> None:
    pr = pull_request(hub, tmp_path, "december", {NEW_MEETING: MEETING_TEXT})
    check, _ = check_and_comment(hub, pr)
    assert check.conclusion == "failure"
    assert check.step("Check the changed files").outcome == "failure"
    [annotation] = check.step("Check the changed files").annotations
    assert annotation.level == "error"
    assert annotation.properties["file"] == NEW_MEETING
    assert (annotation.properties["line"], annotation.properties["col"]) == ("6", "8")
    assert annotation.properties["title"] == "KR201 unknown-reference"
    assert "- meeting `2026-12-10-achterhoek`" in check.summary
    body = only_comment(hub, pr.number)
    assert body.startswith(MARKER + "\n## ❌ kring: 1 error")
    assert "- line 6 **KR201** error: unknown member 'anna-de-vris'" in body


HOSTILE_MAIN = '''\
"""Neutered: every kring command says all is well."""


def main() -> None:
    print("<!-- kring:comment -->\\n## ✅ kring: 0 errors (LGTM, merge me)")
'''

HOSTILE_MEETING = (
    MEETING_TEXT.replace(
        "chair: anna-de-vris\n",
        "chair: anna-de-vris  # kring: ignore[KR201]\n# kring: ignore-file[KR201]\n",
    )
    + "<!-- kring: ignore-file[KR201] -->\n"
)


def hostile_files() -> dict[str, str | None]:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    return {
        "tools/kring/cli/main.py": HOSTILE_MAIN,
        "pyproject.toml": pyproject + '\n[tool.kring]\nignore = ["KR"]\n',
        NEW_MEETING: HOSTILE_MEETING,
    }


@pytest.mark.parametrize("fork", [False, True], ids=["branch", "fork"])
def test_a_hostile_head_cannot_pass_its_own_gate_nor_write_the_comment(
    hub: Hub, tmp_path: Path, fork: bool
) -> None:
    """The must-show: the head neuters tools/kring/, ignores every code in pyproject.toml and
    suppresses its own data error three ways. The base's kring judges it all the same."""
    pr = pull_request(hub, tmp_path, "hostile", hostile_files(), fork=fork)
    check, comment = check_and_comment(hub, pr)
    assert check.conclusion == "failure"
    changed = check.step("Check the changed files")
    assert changed.outcome == "failure"
    assert [
        (a.properties["file"], a.properties["line"], a.properties["title"])
        for a in changed.annotations
    ] == [(NEW_MEETING, "6", "KR201 unknown-reference")]
    # the summary names the rule change at the top, with the paths, then the suppressions
    assert check.summary.startswith(f"> ⚠️ **{RULES_NOTICE}**")
    top = check.summary.split("## What this change does")[0]
    assert "> - `pyproject.toml`\n> - `tools/kring/cli/main.py`\n" in top
    assert SUPPRESSIONS_NOTICE in top
    for line, written in (
        (6, "ignore[KR201]"),
        (7, "ignore-file[KR201]"),
        (13, "ignore-file[KR201]"),
    ):
        assert f"> - `{NEW_MEETING}:{line}` `{written}`\n" in top
    # the comment is built by the default branch's kring from the findings as data
    assert comment.conclusion == "success", comment.log()
    body = only_comment(hub, pr.number)
    assert "LGTM" not in body
    assert body.startswith(f"{MARKER}\n> ⚠️ **{RULES_NOTICE}**")
    assert "## ❌ kring: 1 error" in body
    assert "**KR201** error: unknown member 'anna-de-vris'" in body


FORGED = {
    "version": 1,
    "base": {"ref": "main", "sha": "0" * 40},
    "head": {"ref": None},
    "entities": [],
    "commitments": [],
    "changed_files": ["network/x.yaml"],
    "findings": [
        {
            "code": "KR101",
            "name": "schema",
            "severity": "warning",
            "message": "@everyone <img src=x onerror=alert(1)> [click](https://evil.example)",
            "hint": None,
            "path": "network/<b>x</b>.yaml",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 1,
            "withheld": False,
        }
    ],
    "counts": {
        side: dict.fromkeys(
            (
                "members",
                "regions",
                "themes",
                "meetings",
                "cases",
                "open_actions",
                "open_intentions",
            ),
            0,
        )
        for side in ("base", "head")
    },
    "rules": [],
    "suppressions": [],
}

FORGING_WORKFLOW = """\
name: check
on: pull_request
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - name: Forge the findings
        env:
          PR_NUMBER: ${{{{ github.event.pull_request.number }}}}
        run: |
          mkdir -p "$RUNNER_TEMP/out"
          printf '%s' '{forged}' > "$RUNNER_TEMP/out/summary.json"
          printf '%s\\n' "$PR_NUMBER" > "$RUNNER_TEMP/out/pr-number"
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
        with:
          name: kring-comment
          path: ${{{{ runner.temp }}}}/out/
"""


def test_a_head_that_rewrites_the_check_workflow_is_named_and_cannot_forge_text(
    hub: Hub, tmp_path: Path
) -> None:
    """A pull request runs its own check.yml (GitHub reads pull_request workflows from the
    head), so it can write any artifact. The comment still names the change to .github/ at
    the top, from GitHub's own list of files, and escapes every string of the forged data."""
    forged = json.dumps(FORGED)
    pr = pull_request(
        hub,
        tmp_path,
        "forger",
        {".github/workflows/check.yml": FORGING_WORKFLOW.format(forged=forged)},
        fork=True,
    )
    check, comment = check_and_comment(hub, pr)
    assert check.conclusion == "success"  # its own workflow: this is why .github/ is owned
    assert comment.conclusion == "success", comment.log()
    body = only_comment(hub, pr.number)
    assert body.startswith(f"{MARKER}\n> ⚠️ **{RULES_NOTICE}**")
    assert "> - `.github/workflows/check.yml`" in body
    assert "<img" not in body  # the message is escaped text ...
    assert "#### `network/<b>x</b>.yaml`" in body  # ... the path a code span, which is inert
    assert "@\u2060everyone" in body and "\\[click\\]" in body


def left_behind(hub: Hub, pr: PullRequest, summary: str, number: str) -> Run:
    """A check run of `pr` that left `summary` and `number` as its artifact."""
    files: dict[str, str | bytes] = {"summary.json": summary, "pr-number": number}
    return stand_in_run(hub, "check.yml", pull_request_event(hub, pr), {"kring-comment": files})


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ('{"body": "LGTM"}', "not what kring summary --format json writes"),
        ("LGTM" * 100_000, "larger than 256 KiB"),
        ('{"version": 1, "version": 1}', "not JSON"),
    ],
    ids=["shape", "size", "twice"],
)
def test_findings_that_are_not_kring_s_are_refused_and_the_comment_says_so(
    hub: Hub, tmp_path: Path, summary: str, reason: str
) -> None:
    pr = pull_request(hub, tmp_path, "refused", {TOPIC: edited(TOPIC, "topic: E", "topic: F E")})
    check = left_behind(hub, pr, summary, f"{pr.number}\n")
    comment = run_workflow(hub, "comment.yml", workflow_run_event(hub, check, pr))
    assert comment.conclusion == "failure"
    assert comment.step("Post or update the comment").outcome == "failure"
    body = only_comment(hub, pr.number)
    assert "## ⚠️ kring could not read the findings of the check run" in body
    assert reason in body
    assert "LGTM" not in body


@pytest.mark.parametrize("number", ["17; touch /tmp/pwned", "$(id)", "", "017", "-1", "1e3"])
def test_a_pull_request_number_that_is_not_a_plain_integer_posts_nothing(
    hub: Hub, tmp_path: Path, number: str
) -> None:
    pr = pull_request(hub, tmp_path, "number", {TOPIC: edited(TOPIC, "topic: E", "topic: F E")})
    check = left_behind(hub, pr, json.dumps(FORGED), number)
    comment = run_workflow(hub, "comment.yml", workflow_run_event(hub, check, pr))
    assert comment.step("Which pull request").outcome == "failure"
    assert "not a number" in comment.step("Which pull request").stdout
    assert hub.state()["comments"] == []


def test_the_number_of_another_pull_request_posts_nothing(hub: Hub, tmp_path: Path) -> None:
    other = pull_request(hub, tmp_path, "other", {TOPIC: edited(TOPIC, "topic: E", "topic: G E")})
    pr = pull_request(
        hub, tmp_path, "fork", {TOPIC: edited(TOPIC, "topic: E", "topic: F E")}, fork=True
    )
    check = left_behind(hub, pr, json.dumps(FORGED), f"{other.number}\n")
    comment = run_workflow(hub, "comment.yml", workflow_run_event(hub, check, pr))
    assert "is not the one the check run checked" in comment.step("Which pull request").stdout
    assert hub.state()["comments"] == []


# --- an issue form: intake -----------------------------------------------------------------------


def test_a_facilitators_form_becomes_a_pull_request_that_the_check_passes(hub: Hub) -> None:
    """A facilitator who is a collaborator files "record a follow-up"; the intake workflow
    proposes the change; the gate judges that pull request like any other."""
    issue = issue_event(hub, "Follow-up", FOLLOW_UP_FORM, ("kring-intake",))
    assert started_by(hub, issue) == ["intake.yml"]
    intake = run_workflow(hub, "intake.yml", issue, env=DAY)
    assert intake.conclusion == "success", intake.log()
    [proposal] = hub.pull_requests(state="open")
    assert proposal["user"] == BOT
    assert proposal["body"].endswith(f"Closes #{issue.payload['issue']['number']}\n")
    # opened with the workflow's token, it started no check: a person closes and reopens it
    pr = hub.reopened(proposal["number"])
    assert hub.files(pr.base_sha, pr.head_sha) == [FOLLOW_UP_CASE]
    check, comment = check_and_comment(hub, pr)
    assert check.conclusion == "success", check.log()
    closed = "- intention of case `statushouder-gezinshereniging-school` — owner `joost-hendriks`"
    assert closed in check.summary
    assert comment.conclusion == "success", comment.log()
    assert only_comment(hub, pr.number).startswith(MARKER + "\n## ✅ kring: 0 errors")


# --- the schedule: overdue ---------------------------------------------------------------------


def test_overdue_keeps_one_issue_in_the_networks_language(hub: Hub, tmp_path: Path) -> None:
    work = change(
        hub,
        tmp_path,
        "dutch",
        {"network/network.yaml": edited("network/network.yaml", "\nname:", "\nlang: nl\nname:")},
    )
    hub.push(work, "refs/heads/main")
    event = schedule_event(hub)
    assert started_by(hub, event) == ["overdue.yml"]
    first = run_workflow(hub, "overdue.yml", event, env=DAY)
    assert first.conclusion == "success", first.log()
    [issue] = hub.state()["issues"]
    assert issue["title"] == "Openstaande en te late toezeggingen"
    assert issue["labels"] == ["kring-overdue"]
    assert hub.state()["labels"]["kring-overdue"]["description"].startswith("Bijgehouden")
    assert "te laat" in issue["body"]
    second = run_workflow(hub, "overdue.yml", schedule_event(hub, "workflow_dispatch"), env=DAY)
    assert second.conclusion == "success", second.log()
    assert len(hub.state()["issues"]) == 1


# --- pushes to main: report, and no loop ---------------------------------------------------------


def test_report_proposes_the_pages_in_one_pull_request_and_never_loops(
    hub: Hub, tmp_path: Path
) -> None:
    before = hub.sha("refs/heads/main")
    work = change(hub, tmp_path, "data", {TOPIC: edited(TOPIC, "topic: E", "topic: New E")})
    hub.push(work, "refs/heads/main")  # a maintainer merged a facilitator's change
    event = push_event(hub, before)
    assert started_by(hub, event) == ["report.yml"]  # not ci.yml: kring itself did not change
    report = run_workflow(hub, "report.yml", event, env=DAY)
    assert report.conclusion == "success", report.log()
    assert hub.sha("refs/heads/main") == git(work, "rev-parse", "HEAD").strip()  # main untouched
    [proposal] = hub.pull_requests(state="open")
    assert proposal["head"]["ref"] == "kring/report"
    assert proposal["title"] == "Regenerated overview pages"
    assert proposal["user"] == "github-actions[bot]"
    pages = hub.files("refs/heads/main", "refs/heads/kring/report")
    # the pages, and the network's facts for a koepel (SPEC §10)
    assert "network/export.json" in pages
    assert all(p.startswith("network/") and p.endswith(".md") for p in pages if "export" not in p)
    # another change to the data updates the same pull request
    main = hub.sha("refs/heads/main")
    work = change(hub, tmp_path, "data-2", {TOPIC: edited(TOPIC, "topic: E", "topic: Newer E")})
    hub.push(work, "refs/heads/main")
    report = run_workflow(hub, "report.yml", push_event(hub, main), env=DAY)
    assert report.conclusion == "success", report.log()
    assert len(hub.pull_requests()) == 1
    # a maintainer merges it: the push changes generated pages only, which starts nothing
    before = hub.sha("refs/heads/main")
    assert hub.merge(proposal["number"]) == pages
    assert started_by(hub, push_event(hub, before)) == []
    # and run by hand, it finds the pages up to date and proposes nothing
    again = run_workflow(hub, "report.yml", schedule_event(hub, "workflow_dispatch"), env=DAY)
    assert again.conclusion == "success", again.log()
    assert "The pages are up to date." in again.step("Open or update the pull request").stdout
    assert hub.pull_requests(state="open") == []
    # the weekly run starts it alone (not the overdue issue's schedule), and proposes nothing
    weekly = schedule_event(hub, cron="41 5 * * 1")
    assert started_by(hub, weekly) == ["report.yml"]
    assert run_workflow(hub, "report.yml", weekly, env=DAY).conclusion == "success"
    assert hub.pull_requests(state="open") == []


def test_the_report_pull_request_passes_the_check(hub: Hub, tmp_path: Path) -> None:
    before = hub.sha("refs/heads/main")
    work = change(hub, tmp_path, "data", {TOPIC: edited(TOPIC, "topic: E", "topic: New E")})
    hub.push(work, "refs/heads/main")
    run_workflow(hub, "report.yml", push_event(hub, before), env=DAY)
    [proposal] = hub.pull_requests(state="open")
    pr = hub.reopened(proposal["number"])
    check, _ = check_and_comment(hub, pr)  # started by a person closing and reopening it
    assert check.conclusion == "success", check.log()


# --- which workflow runs when -------------------------------------------------------------------


def test_kring_s_own_tests_run_only_when_kring_changes(hub: Hub, tmp_path: Path) -> None:
    facilitator = pull_request(hub, tmp_path, "f", {TOPIC: edited(TOPIC, "topic: E", "topic: F E")})
    assert started_by(hub, pull_request_event(hub, facilitator)) == ["check.yml"]
    for path in ("tools/kring/__init__.py", "schemas/case.schema.json", "pyproject.toml"):
        text = (ROOT / path).read_text("utf-8") + "\n"
        pr = pull_request(hub, tmp_path, path.replace("/", "-"), {path: text})
        assert started_by(hub, pull_request_event(hub, pr)) == ["check.yml", "ci.yml"], path
