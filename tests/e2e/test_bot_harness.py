"""The simulated GitHub itself (helpers_github.py): it runs any workflow, and it refuses what
GitHub refuses, so that the dry run of the bot proves something."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers_bot import make_template
from helpers_github import (
    ExpressionError,
    Expressions,
    Hub,
    git,
    issue_event,
    paths_match,
    run_workflow,
    schedule_event,
    started_by,
)

pytestmark = pytest.mark.skipif(shutil.which("jq") is None, reason="the stand-in gh uses jq")

CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"


def hub_with(tmp_path: Path, workflows: dict[str, str]) -> Hub:
    work = make_template(tmp_path / "template")
    for name, text in workflows.items():
        (work / ".github" / "workflows" / name).write_text(text, "utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "workflows")
    return Hub.create(tmp_path / "github", work, tmp_path / "pip-cache")


ANSWER = """\
name: answer
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  answer:
    if: contains(github.event.issue.labels.*.name, 'never') == false
    runs-on: ubuntu-latest
    steps:
      - name: Answer
        id: answer
        env:
          GH_TOKEN: ${{ github.token }}
          GH_REPO: ${{ github.repository }}
          NUMBER: ${{ github.event.issue.number }}
          TITLE: ${{ github.event.issue.title }}
        run: |
          printf 'Thanks for: %s\\n' "$TITLE" > "$RUNNER_TEMP/answer.md"
          gh issue comment "$NUMBER" --body-file "$RUNNER_TEMP/answer.md"
          echo "said=yes" >> "$GITHUB_OUTPUT"
      - name: After
        if: steps.answer.outputs.said == 'yes'
        run: echo done
"""


def test_an_issues_workflow_runs_with_the_issue_as_data(tmp_path: Path) -> None:
    hub = hub_with(tmp_path, {"answer.yml": ANSWER})
    event = issue_event(hub, "$(touch /tmp/pwned) `id`", "body")
    assert "answer.yml" in started_by(hub, event)
    run = run_workflow(hub, "answer.yml", event)
    assert run.conclusion == "success", run.log()
    assert run.step("After").outcome == "success"
    [comment] = hub.state()["comments"]
    assert comment["body"] == "Thanks for: $(touch /tmp/pwned) `id`\n"


SCRIPT = """\
name: script
on:
  issues:
    types: [opened, edited]
permissions:
  {scope}: write
jobs:
  script:
    runs-on: ubuntu-latest
    steps:
      - name: Payload
        run: jq -r '.action + " " + .issue.author_association' "$GITHUB_EVENT_PATH"
      - name: Title in the script
        run: echo "${{{{ github.event.issue.title }}}}"
      - name: Comment
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          GH_REPO: ${{{{ github.repository }}}}
          NUMBER: ${{{{ github.event.issue.number }}}}
        run: gh issue comment "$NUMBER" --body "seen"
"""


def test_expressions_in_a_script_are_code_and_the_payload_is_a_file(tmp_path: Path) -> None:
    """The runner writes `${{ }}` into the script's text before bash reads it (so a title
    there is an injection, as on GitHub); the event's payload is the file GITHUB_EVENT_PATH."""
    hub = hub_with(tmp_path, {"script.yml": SCRIPT.format(scope="issues")})
    opened = issue_event(hub, "$(echo injected)", "body", association="NONE")
    edited = issue_event(hub, "x", "body", action="edited", number=1, association="OWNER")
    assert edited.payload["changes"] == {"title": {"from": "$(echo injected)"}}
    run = run_workflow(hub, "script.yml", opened)
    assert run.step("Payload").stdout == "opened NONE\n"
    assert run.step("Title in the script").stdout == "injected\n"
    assert run.step("Comment").outcome == "success", run.log()
    assert run_workflow(hub, "script.yml", edited).step("Payload").stdout == "edited OWNER\n"


def test_a_comment_on_an_issue_needs_the_issues_permission(tmp_path: Path) -> None:
    """pull-requests: write lets a job comment on a pull request, not on an issue."""
    hub = hub_with(tmp_path, {"script.yml": SCRIPT.format(scope="pull-requests")})
    run = run_workflow(hub, "script.yml", issue_event(hub, "t", "body"))
    assert run.step("Comment").outcome == "failure"
    assert "Resource not accessible by integration (issues)" in run.step("Comment").stderr
    assert hub.state()["comments"] == []


def test_a_step_that_uses_an_unpinned_or_unknown_action_fails_the_test(tmp_path: Path) -> None:
    for n, uses in enumerate(
        ("actions/checkout@v4", "peter-evans/create-pull-request@" + "a" * 40)
    ):
        workflow = (
            "name: x\non: workflow_dispatch\npermissions: {}\njobs:\n  x:\n"
            f"    runs-on: ubuntu-latest\n    steps:\n      - uses: {uses}\n"
        )
        (tmp_path / str(n)).mkdir()
        hub = hub_with(tmp_path / str(n), {"x.yml": workflow})
        with pytest.raises(AssertionError):
            run_workflow(hub, "x.yml", schedule_event(hub, "workflow_dispatch"))


PUSH_MAIN = """\
name: push
on: workflow_dispatch
permissions:
  contents: {level}
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: {checkout}
        with:
          persist-credentials: false
      - name: Push
        env:
          GH_TOKEN: ${{{{ github.token }}}}
        run: |
          git -c user.name=bot -c user.email=bot@example.invalid commit -q --allow-empty -m x
          url="https://x-access-token:${{GH_TOKEN}}@github.com/${{GITHUB_REPOSITORY}}.git"
          git push "$url" "HEAD:refs/heads/{branch}"
"""


PUSH_WITHOUT_TOKEN = """\
name: push
on: workflow_dispatch
permissions:
  contents: write
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: {checkout}
        with:
          persist-credentials: {persist}
      - name: Push
        run: |
          git -c user.name=bot -c user.email=bot@example.invalid commit -q --allow-empty -m x
          git push origin HEAD:refs/heads/side
"""


@pytest.mark.parametrize(("persist", "outcome"), [("false", "failure"), ("true", "success")])
def test_a_push_needs_the_token_in_the_url_or_left_by_checkout(
    tmp_path: Path, persist: str, outcome: str
) -> None:
    workflow = PUSH_WITHOUT_TOKEN.format(checkout=CHECKOUT, persist=persist)
    hub = hub_with(tmp_path, {"push.yml": workflow})
    run = run_workflow(hub, "push.yml", schedule_event(hub, "workflow_dispatch"))
    assert run.step("Push").outcome == outcome, run.log()


@pytest.mark.parametrize(
    ("level", "branch", "outcome"),
    [("write", "main", "failure"), ("read", "side", "failure"), ("write", "side", "success")],
)
def test_the_token_writes_only_what_the_job_may_and_main_is_protected(
    tmp_path: Path, level: str, branch: str, outcome: str
) -> None:
    workflow = PUSH_MAIN.format(level=level, checkout=CHECKOUT, branch=branch)
    hub = hub_with(tmp_path, {"push.yml": workflow})
    run = run_workflow(hub, "push.yml", schedule_event(hub, "workflow_dispatch"))
    assert run.step("Push").outcome == outcome, run.log()


def test_expressions_read_like_github_s() -> None:
    contexts = {"github": {"event": {"n": 3, "name": "Main"}, "ref_name": "main"}}
    e = Expressions(contexts, lambda: "success")
    assert e.evaluate("github.event.name == 'main'") is True  # strings compare case-blind
    assert e.evaluate("github.event.n != 3 || 'fallback'") == "fallback"
    assert e.condition("${{ !cancelled() }}") is True
    assert e.interpolate("x-${{ github.ref_name }}-${{ toJSON(github.event.n) }}") == "x-main-3"
    with pytest.raises(ExpressionError):
        e.evaluate("github.event.pull_request.number")  # a typo never reads as empty
    with pytest.raises(ExpressionError):
        e.evaluate("secrets.TOKEN")


def test_paths_filters_follow_the_last_matching_pattern() -> None:
    spec = {"paths": ["network/**", "!network/README.md", "!network/regions/*.md"]}
    assert paths_match(spec, ["network/members/a.yaml"])
    assert not paths_match(spec, ["network/README.md", "network/regions/liemers.md"])
    assert paths_match(spec, ["network/README.md", "network/regions/x/y.md"])
    assert not paths_match({"paths": ["tools/**"]}, ["toolshed/x.py"])
