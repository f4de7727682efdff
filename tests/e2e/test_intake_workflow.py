"""The intake workflow (SPEC §11, issue 20), its steps run in the simulated GitHub environment
of tests/e2e/test_workflows.py on a copy of the example network.

The issue event is a JSON file ($GITHUB_EVENT_PATH), the repository's remote a bare git
repository that the push reaches through git's `url.<base>.insteadOf`, and `gh` a stand-in
that logs its calls. Steps that need GitHub itself (checkout, setup-python, installing kring)
are not run: kring is the one installed here. The job's `if:` is not evaluated by the
harness; its text is checked instead.
"""

from __future__ import annotations

import json
import os
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from support import ROOT, MakeRepo, commit, git, kring
from test_example_copy import not_krings_own_repository
from test_workflows import BIN, EXPRESSION, WORKFLOWS, load, steps

from kring.core.config import Config
from kring.core.i18n import set_language
from kring.edit.issue_forms import FOLDER, FORMS, form_files
from kring.load import pipeline
from kring.views.intake_reply import MARKER

CASE = "network/cases/2026/statushouder-gezinshereniging-school.md"
BRANCH = "kring-intake/issue-12"
PWNED = Path("/tmp/kring-intake-workflow-pwned")

FOLLOW_UP = (
    "### Case\n\nstatushouder-gezinshereniging-school\n\n"
    "### Reported at\n\n2026-10-08\n\n"
    "### What the owner did\n\nHeld the round-table conversation with the school, the family "
    "and the refugee support organisation.\n\n"
    "### What came of it\n\nThe school's mentor keeps the overview: one contact for the "
    "family.\n\n"
    "### Lessons\n\n_No response_\n\n"
    "### Privacy\n\n- [X] I wrote no names of clients, no e-mail addresses and no phone "
    "numbers here"
)

FAKE_GH = """\
#!/usr/bin/env bash
# a stand-in for the GitHub CLI: log the call, answer from the environment
printf '%s\\n' "$*" >> "$FAKE_GH_LOG"
case "$*" in
  *"--input -"*) cat > "$FAKE_GH_SENT" ;;
  "pr list"*) printf '%s' "$FAKE_PR" ;;
  "pr create"*) printf 'https://github.com/network/demo/pull/99\\n' ;;
  "api --paginate"*) printf '%s' "$FAKE_EXISTING" ;;
esac
"""


# The step runner of the first workflow tests, kept here until this test moves onto the
# simulated GitHub of helpers_github.py (which runs whole workflows from events).
class Runner:
    """Runs `run:` steps as the runner would: bash -e, the step's env with its expressions
    resolved from `expressions` (an unknown expression fails the test), GITHUB_* files."""

    def __init__(self, workspace: Path, tmp: Path, expressions: dict[str, str]) -> None:
        self.workspace = workspace
        self.temp = tmp / "runner-temp"
        self.temp.mkdir()
        self.summary = tmp / "step-summary.md"
        self.output = tmp / "github-output"
        self.summary.touch()
        self.output.touch()
        self.expressions = expressions
        self.fake_bin = tmp / "fake-bin"
        self.fake_bin.mkdir()
        self.env = {
            "PATH": f"{self.fake_bin}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(tmp),
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(self.output),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(self.temp),
            "KRING_TODAY": "2026-11-25",
        }

    def resolve(self, value: str) -> str:
        return EXPRESSION.sub(lambda m: self.expressions[m.group(1)], value)

    def run(self, step: dict[str, Any], **extra: str) -> subprocess.CompletedProcess[str]:
        env = {**self.env, **{k: self.resolve(str(v)) for k, v in step.get("env", {}).items()}}
        env.update(extra)
        return subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


class Job:
    """One run of the intake job for an issue event; `results` by step name."""

    def __init__(self, repo: Path, tmp: Path, body: str, **issue: Any) -> None:
        self.repo = repo
        self.origin = tmp / "origin.git"
        if not self.origin.exists():
            git(tmp, "init", "-q", "--bare", str(self.origin))
            git(repo, "push", "-q", str(self.origin), "main")
        event = {
            "action": "opened",
            "issue": {
                "number": 12,
                "state": "open",
                "body": body,
                "author_association": "MEMBER",
                "labels": [{"name": "kring-intake"}],
                **issue,
            },
            "repository": {"default_branch": "main"},
        }
        run_dir = tmp / f"run{len(list(tmp.glob('run*')))}"
        run_dir.mkdir()
        event_path = run_dir / "event.json"
        event_path.write_text(json.dumps(event), "utf-8")
        self.runner = Runner(
            repo,
            run_dir,
            {
                "github.event.issue.number": "12",
                "github.token": "fake-token",
                "github.repository": "network/demo",
                "github.event.repository.default_branch": "main",
            },
        )
        gh = self.runner.fake_bin / "gh"
        gh.write_text(FAKE_GH, "utf-8")
        gh.chmod(0o755)
        self.log = run_dir / "gh.log"
        self.sent = run_dir / "gh-sent.json"
        pushed_to = "https://x-access-token:fake-token@github.com/network/demo.git"
        self.runner.env.update(
            GITHUB_EVENT_PATH=str(event_path),
            GITHUB_SERVER_URL="https://github.com",
            GITHUB_REPOSITORY="network/demo",
            FAKE_GH_LOG=str(self.log),
            FAKE_GH_SENT=str(self.sent),
            FAKE_PR="",
            FAKE_EXISTING="",
            # the push goes to the bare repository instead of GitHub
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0=f"url.{self.origin}.insteadOf",
            GIT_CONFIG_VALUE_0=pushed_to,
        )
        self.results: dict[str, subprocess.CompletedProcess[str]] = {}

    def outputs(self) -> dict[str, str]:
        lines = self.runner.output.read_text("utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line)

    def run(self, **env: str) -> Job:
        self.runner.env.update(env)
        for step in steps(load("intake.yml")):
            if "uses" in step or step.get("name") == "Install kring":
                continue
            condition = step.get("if")
            if condition is not None:
                # the one condition the steps use; anything else must be taught to this test
                assert condition == "steps.intake.outputs.recorded == 'true'", condition
                if self.outputs().get("recorded") != "true":
                    continue
            done = self.runner.run(step)
            self.results[step["name"]] = done
            if done.returncode != 0:
                break
        return self

    def calls(self) -> list[str]:
        return self.log.read_text("utf-8").splitlines() if self.log.exists() else []

    def comment(self) -> str:
        body: str = json.loads(self.sent.read_text("utf-8"))["body"]
        return body

    def log_text(self) -> str:
        return "".join(r.stdout + r.stderr for r in self.results.values())


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    """The example network with its forms up to date, as a network repository keeps them."""
    repo = make_repo(example=True)
    assert kring(repo, "intake", "--forms", "--write").exit_code == 0
    commit(repo, "the issue forms")
    return repo


def test_who_may_trigger_it_and_what_it_may_do() -> None:
    workflow = load("intake.yml")
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["intake"]
    condition = " ".join(job["if"].split())
    assert "contains(github.event.issue.labels.*.name, 'kring-intake')" in condition
    assert (
        'contains(fromJSON(\'["OWNER", "MEMBER", "COLLABORATOR"]\'), '
        "github.event.issue.author_association)" in condition
    )
    assert "github.event.issue.state == 'open'" in condition
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    # the body reaches kring through a file cut from the event payload, not an expression
    text = (WORKFLOWS / "intake.yml").read_text("utf-8")
    assert "github.event.issue.body" not in text
    assert "github.event.issue.title" not in text


def test_the_workflow_validates_against_the_workflow_schema() -> None:
    schema = json.loads(
        files("check_jsonschema.builtin_schemas.vendor")
        .joinpath("github-workflows.json")
        .read_text("utf-8")
    )
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(load("intake.yml")))
    assert not errors, [e.message for e in errors]


def test_the_forms_of_this_repository_are_valid_issue_forms() -> None:
    schema = json.loads(
        files("check_jsonschema.builtin_schemas.vendor")
        .joinpath("github-issue-forms.json")
        .read_text("utf-8")
    )
    forms = sorted((ROOT / FOLDER).glob("*.yml"))
    assert {p.stem for p in forms} >= {form.key for form in FORMS}
    for path in forms:
        data = yaml.safe_load(path.read_text("utf-8"))
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(data)), path


def test_the_forms_of_this_repository_are_the_examples(make_repo: MakeRepo) -> None:
    # In a network repository the intake workflow keeps the forms in step with its own
    # network (another language, more members): there only the test above holds.
    reason = not_krings_own_repository()
    if reason:
        pytest.skip(reason)
    repo = make_repo(example=True)  # tests/data/example is network/ here
    set_language("en")
    for path, text in form_files(pipeline.load(repo, Config())).items():
        assert (ROOT / path).read_text("utf-8") == text, f"run kring intake --forms --write: {path}"


def test_a_follow_up_issue_becomes_a_pull_request(repo: Path, tmp_path: Path) -> None:
    job = Job(repo, tmp_path, FOLLOW_UP).run()
    assert all(r.returncode == 0 for r in job.results.values()), job.log_text()
    assert list(job.results) == [
        "Read the issue body (untrusted) into a file",
        "Apply the form",
        "Keep the forms' choices up to date",
        "Push the change to the intake branch",
        "Open or update the pull request",
        "Comment on the issue",
    ]
    # the branch holds exactly the follow-up, on top of main
    assert git(job.origin, "diff", "--name-only", "main", BRANCH).split() == [CASE]
    diff = git(job.origin, "diff", "-U0", "main", BRANCH, "--", CASE)
    added = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert added == [
        "+follow_up:",
        "+  reported_at: 2026-10-08-achterhoek",
        "+  done: Held the round-table conversation with the school, the family and the "
        "refugee support organisation.",
        '+  result: "The school\'s mentor keeps the overview: one contact for the family."',
        "-status: open",
        "+status: followed-up",
    ]
    message = git(job.origin, "log", "-1", "--format=%B", BRANCH)
    assert message.startswith(
        "Intake: follow-up of statushouder-gezinshereniging-school reported at "
        "2026-10-08-achterhoek\n\nFrom issue #12."
    )
    calls = job.calls()
    assert (
        calls[0] == f"pr list --head {BRANCH} --state open --json number --jq .[0].number // empty"
    )
    assert calls[1].startswith(f"pr create --base main --head {BRANCH} --title Intake: follow-up")
    body = (job.runner.temp / "pull-request.md").read_text("utf-8")
    assert body.endswith("\n\nCloses #12\n")
    assert calls[-1] == "api -X POST repos/network/demo/issues/12/comments --input -"
    assert job.comment().startswith(f"{MARKER}\n### ✅ Recorded: follow-up of ")


def test_an_edited_issue_updates_the_branch_and_the_pull_request(
    repo: Path, tmp_path: Path
) -> None:
    Job(repo, tmp_path, FOLLOW_UP).run()
    git(repo, "checkout", "-q", "main")
    git(repo, "reset", "-q", "--hard")
    edited = FOLLOW_UP.replace("2026-10-08", "2026-11-12-achterhoek")
    job = Job(repo, tmp_path, edited).run(FAKE_PR="99", FAKE_EXISTING="555\n")
    assert all(r.returncode == 0 for r in job.results.values()), job.log_text()
    diff = git(job.origin, "diff", "main", BRANCH, "--", CASE)
    assert "+  reported_at: 2026-11-12-achterhoek" in diff
    assert "2026-10-08" not in diff
    assert any(c.startswith("pr edit 99 --title Intake: ") for c in job.calls())
    assert job.calls()[-1] == "api -X PATCH repos/network/demo/issues/comments/555 --input -"


def test_a_wrong_issue_gets_a_comment_and_no_branch(repo: Path, tmp_path: Path) -> None:
    wrong = FOLLOW_UP.replace("statushouder-gezinshereniging-school", "statushouder")
    job = Job(repo, tmp_path, wrong).run()
    assert list(job.results) == [
        "Read the issue body (untrusted) into a file",
        "Apply the form",
        "Comment on the issue",
    ]
    assert all(r.returncode == 0 for r in job.results.values()), job.log_text()
    assert job.outputs() == {"recorded": "false"}
    assert git(job.origin, "branch", "--list", "kring-intake/*") == ""
    comment = job.comment()
    assert comment.startswith(f"{MARKER}\n### ❌ kring could not record this form\n")
    assert "Case: unknown case 'statushouder'" in comment
    assert git(repo, "status", "--porcelain") == ""


def test_a_hostile_issue_runs_nothing_and_writes_no_workflow_command(
    repo: Path, tmp_path: Path
) -> None:
    injection = (
        "${{ github.token }} $(touch /tmp/kring-intake-workflow-pwned) "
        "`touch /tmp/kring-intake-workflow-pwned`\n::set-output name=recorded::true\n"
        "::error::injected\n@everyone <script>x</script>\nstatus: dropped"
    )
    hostile = (
        f"### Case\n\n{injection}\n\n### Reported at\n\n{injection}\n\n"
        f"### What the owner did\n\n{injection}\n\n### What came of it\n\n{injection}\n\n"
        f"### Lessons\n\n{injection}\n\n### Privacy\n\n- [X] {injection}"
    )
    job = Job(repo, tmp_path, hostile).run()
    assert not PWNED.exists()
    assert job.outputs() == {"recorded": "false"}
    for line in job.log_text().splitlines():
        assert not line.startswith("::"), line
    assert "fake-token" not in job.log_text()
    comment = job.comment()
    assert "@everyone" not in comment and "<script>" not in comment
    assert git(repo, "status", "--porcelain") == ""
    assert git(job.origin, "branch", "--list", "kring-intake/*") == ""

    # valid ids, hostile free text: recorded as inert text in the one file
    text_only = FOLLOW_UP.replace(
        "Held the round-table conversation with the school, the family and the refugee "
        "support organisation.",
        injection,
    )
    job = Job(repo, tmp_path, text_only).run()
    assert not PWNED.exists()
    assert job.outputs() == {"recorded": "true"}
    for line in job.log_text().splitlines():
        assert not line.startswith("::"), line
    assert git(job.origin, "diff", "--name-only", "main", BRANCH).split() == [CASE]
    stored = git(job.origin, "show", f"{BRANCH}:{CASE}")
    assert "status: followed-up" in stored and "\nstatus: dropped" not in stored
