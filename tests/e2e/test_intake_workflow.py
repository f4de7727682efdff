"""The intake workflow (SPEC §11, issue 20) in the simulated GitHub of the other workflows
(helpers_github.py), on a network repository made from this template (helpers_bot.py).

A facilitator's issue is an `issues` event: GitHub decides from the workflow's `on:` and the
job's `if:` (evaluated here as GitHub does) whether anything runs; the job reads the issue
from $GITHUB_EVENT_PATH, installs the default branch's kring, pushes the intake branch to
the hub with the job's token, and opens the pull request and comments through the stand-in
`gh`, which refuses what the job's permissions do not allow.
"""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers_bot import FOLLOW_UP_CASE, FOLLOW_UP_FORM, change, edited, make_hub
from helpers_github import BOT, TOKEN, Hub, Run, git, issue_event, run_workflow, started_by
from support import ROOT, TODAY, MakeRepo
from test_example_copy import not_krings_own_repository
from test_workflows import WORKFLOWS, load

from kring.core.config import Config
from kring.core.i18n import set_language
from kring.edit.issue_forms import FOLDER, FORMS, form_files
from kring.load import pipeline
from kring.views.intake_reply import MARKER

pytestmark = pytest.mark.skipif(shutil.which("jq") is None, reason="the workflow uses jq")

DAY = {"KRING_TODAY": TODAY}
LABEL = "kring-intake"
CASE = FOLLOW_UP_CASE
RUN_STEPS = [
    "actions/checkout",
    "actions/setup-python",
    "Install kring",
    "Read the issue body (untrusted) into a file",
    "Apply the form",
    "Keep the forms' choices up to date",
    "Push the change to the intake branch",
    "Open or update the pull request",
    "Comment on the issue",
]
RECORDED_ONLY = {RUN_STEPS[i] for i in (5, 6, 7)}


@pytest.fixture
def hub(tmp_path: Path, pip_cache: Path) -> Hub:
    return make_hub(tmp_path, pip_cache)


def intake(hub: Hub, body: str, **event: Any) -> tuple[Run, int]:
    """A facilitator files (or edits) a form: the issue event, and the intake run it starts."""
    issue = issue_event(hub, "Follow-up", body, (LABEL,), **event)
    assert started_by(hub, issue) == ["intake.yml"]
    run = run_workflow(hub, "intake.yml", issue, env=DAY)
    return run, int(issue.payload["issue"]["number"])


def branch(number: int) -> str:
    return f"kring-intake/issue-{number}"


def branches(hub: Hub) -> list[str]:
    return git(hub.origin, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split()


def outcomes(run: Run) -> list[tuple[str, str]]:
    """Each step's name (an action's without its pinned commit) and outcome."""
    return [(s.name.split("@")[0], s.outcome) for s in run.steps]


def the_comment(hub: Hub, number: int) -> str:
    [comment] = hub.comments(number)
    assert comment["user"] == BOT
    body: str = comment["body"]
    return body


def changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]


def untouched(run: Run) -> bool:
    """Nothing in the job's checkout differs from the commit it checked out."""
    status = git(run.workspaces["intake"], "status", "--porcelain", "--untracked-files=all")
    return status == ""


# --- what the workflow declares -----------------------------------------------------------------


def test_it_runs_on_issues_with_least_permissions_and_never_interpolates_the_issue() -> None:
    workflow = load("intake.yml")
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["intake"]["permissions"] == {
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


# --- who may start it ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "association"),
    [
        ((LABEL,), "NONE"),
        ((LABEL,), "CONTRIBUTOR"),
        ((LABEL,), "FIRST_TIME_CONTRIBUTOR"),
        ((), "MEMBER"),
        (("question",), "OWNER"),
    ],
    ids=["stranger", "contributor", "first-timer", "no-label", "other-label"],
)
@pytest.mark.parametrize("action", ["opened", "edited"])
def test_an_issue_from_outside_or_without_the_label_starts_nothing(
    hub: Hub, labels: tuple[str, ...], association: str, action: str
) -> None:
    """The event starts the workflow (its `on:`), but the job's `if:` skips it: the form's
    label comes with every submitted form, so the author's association is what counts."""
    number = None
    if action == "edited":
        number = issue_event(hub, "Follow-up", "draft", labels).payload["issue"]["number"]
    event = issue_event(
        hub, "Follow-up", FOLLOW_UP_FORM, labels, action, association=association, number=number
    )
    assert started_by(hub, event) == ["intake.yml"]
    run = run_workflow(hub, "intake.yml", event, env=DAY)
    assert run.skipped_jobs == ["intake"]
    assert run.steps == []
    assert hub.state()["comments"] == [] and hub.state()["log"] == []
    assert branches(hub) == ["main"]


# --- a form becomes a pull request --------------------------------------------------------------


def test_a_follow_up_issue_becomes_a_pull_request(hub: Hub) -> None:
    run, number = intake(hub, FOLLOW_UP_FORM, association="MEMBER")
    assert run.conclusion == "success", run.log()
    assert outcomes(run) == [(name, "success") for name in RUN_STEPS]
    # the branch holds exactly the follow-up, on top of main (issue 20's must-show)
    assert hub.files("refs/heads/main", f"refs/heads/{branch(number)}") == [CASE]
    diff = git(hub.origin, "diff", "-U0", "main", branch(number), "--", CASE)
    assert changed_lines(diff) == [
        "+follow_up:",
        "+  reported_at: 2026-10-08-achterhoek",
        "+  done: Held the round-table conversation with the school, the family and the "
        "refugee support organisation.",
        '+  result: "The school\'s mentor keeps the overview: one contact for the family."',
        "-status: open",
        "+status: followed-up",
    ]
    message = git(hub.origin, "log", "-1", "--format=%B", branch(number))
    assert message.startswith(
        "Intake: follow-up of statushouder-gezinshereniging-school reported at "
        f"2026-10-08-achterhoek\n\nFrom issue #{number}."
    )
    author = git(hub.origin, "log", "-1", "--format=%an", branch(number)).strip()
    assert author == BOT
    # one pull request, opened by the workflow's token, that closes the issue when merged
    [pull] = hub.pull_requests(state="open")
    assert pull["head"]["ref"] == branch(number) and pull["base"]["ref"] == "main"
    assert pull["user"] == BOT
    assert pull["title"].startswith("Intake: follow-up of statushouder-gezinshereniging-school")
    assert pull["body"].endswith(f"\n\nCloses #{number}\n")
    calls = hub.state()["log"]
    listed = ["--state", "open", "--json", "number", "--jq", ".[0].number // empty"]
    assert calls[0] == ["pr", "list", "--head", branch(number), *listed]
    assert calls[1][:6] == ["pr", "create", "--base", "main", "--head", branch(number)]
    assert calls[2][:2] == ["api", "--paginate"]  # is there a comment of ours to update?
    posted = f"repos/network/demo/issues/{number}/comments"
    assert calls[3] == ["api", "-X", "POST", posted, "--input", "-"]
    assert len(calls) == 4
    assert the_comment(hub, number).startswith(f"{MARKER}\n### ✅ Recorded: follow-up of ")


def test_an_edited_issue_updates_the_branch_the_pull_request_and_the_comment(hub: Hub) -> None:
    first, number = intake(hub, FOLLOW_UP_FORM, association="MEMBER")
    assert first.conclusion == "success", first.log()
    [pull] = hub.pull_requests(state="open")
    edited_form = FOLLOW_UP_FORM.replace("2026-10-08", "2026-11-12-achterhoek")
    run, again = intake(hub, edited_form, action="edited", number=number, association="OWNER")
    assert again == number
    assert run.conclusion == "success", run.log()
    assert run.event.payload["changes"]["body"]["from"] == FOLLOW_UP_FORM
    # the branch is the edited form applied afresh to main
    diff = git(hub.origin, "diff", "main", branch(number), "--", CASE)
    assert "+  reported_at: 2026-11-12-achterhoek" in diff
    assert "2026-10-08" not in diff
    # the same pull request and the same comment, updated
    [updated] = hub.pull_requests(state="open")
    assert updated["number"] == pull["number"]
    assert "2026-11-12-achterhoek" in updated["title"]
    assert "updated pull request" in run.step("Open or update the pull request").stdout
    edits = [c for c in hub.state()["log"] if c[:2] == ["pr", "edit"]]
    assert [c[:4] for c in edits] == [["pr", "edit", str(pull["number"]), "--title"]]
    comment_id = hub.comments(number)[0]["id"]
    patched = f"repos/network/demo/issues/comments/{comment_id}"
    assert hub.state()["log"][-1][:4] == ["api", "-X", "PATCH", patched]
    assert "2026-11-12-achterhoek" in the_comment(hub, number)


# --- a form that cannot be recorded -------------------------------------------------------------


def test_a_wrong_issue_gets_a_comment_and_no_branch(hub: Hub) -> None:
    wrong = FOLLOW_UP_FORM.replace("statushouder-gezinshereniging-school", "statushouder")
    run, number = intake(hub, wrong, association="COLLABORATOR")
    assert run.conclusion == "success", run.log()
    assert outcomes(run) == [
        (name, "skipped" if name in RECORDED_ONLY else "success") for name in RUN_STEPS
    ]
    assert run.step("Apply the form").outputs == {"recorded": "false"}
    assert branches(hub) == ["main"]
    assert hub.pull_requests() == []
    comment = the_comment(hub, number)
    assert comment.startswith(f"{MARKER}\n### ❌ kring could not record this form\n")
    assert "Case: unknown case 'statushouder'" in comment
    assert untouched(run)


DUTCH_FORM = (
    "### Casus\n\nstatushouder\n\n"
    "### Teruggekoppeld op\n\n2026-10-08\n\n"
    "### Wat de inbrenger heeft gedaan\n\nHet rondetafelgesprek gevoerd.\n\n"
    "### Wat het heeft opgeleverd\n\nEén aanspreekpunt voor het gezin.\n\n"
    "### Lessen\n\n_No response_\n\n"
    "### Privacy\n\n- [X] Ik heb hier geen namen van cliënten, geen e-mailadressen en geen "
    "telefoonnummers ingevuld"
)


def test_the_refusal_is_written_in_the_networks_language(hub: Hub, tmp_path: Path) -> None:
    dutch = edited("network/network.yaml", "lang: en", "lang: nl")
    hub.push(change(hub, tmp_path, "dutch", {"network/network.yaml": dutch}), "refs/heads/main")
    run, number = intake(hub, DUTCH_FORM)
    assert run.conclusion == "success", run.log()
    comment = the_comment(hub, number)
    assert comment.startswith(f"{MARKER}\n### ❌ kring kon dit formulier niet vastleggen\n")
    assert "Casus: onbekende casus 'statushouder'" in comment
    assert branches(hub) == ["main"]


# --- a hostile issue ----------------------------------------------------------------------------


def no_workflow_command_nor_token(run: Run) -> None:
    for step in run.steps:
        for line in (step.stdout + step.stderr).splitlines():
            assert not line.startswith("::"), (step.name, line)
    assert TOKEN not in run.log()


def test_a_hostile_issue_runs_nothing_and_writes_no_workflow_command(
    hub: Hub, tmp_path: Path
) -> None:
    """Issue 20's must-show: YAML and workflow-command injection in every field is refused
    or stored as inert text, with nothing executed and no file outside the intended one
    changed."""
    pwned = tmp_path / "pwned"
    injection = (
        f"${{{{ github.token }}}} $(touch {pwned}) `touch {pwned}`\n"
        "::set-output name=recorded::true\n::error::injected\n"
        "@everyone <script>x</script>\nstatus: dropped"
    )
    hostile = (
        f"### Case\n\n{injection}\n\n### Reported at\n\n{injection}\n\n"
        f"### What the owner did\n\n{injection}\n\n### What came of it\n\n{injection}\n\n"
        f"### Lessons\n\n{injection}\n\n### Privacy\n\n- [X] {injection}"
    )
    run, number = intake(hub, hostile)
    assert not pwned.exists()
    assert run.conclusion == "success", run.log()
    assert run.step("Apply the form").outputs == {"recorded": "false"}
    no_workflow_command_nor_token(run)
    comment = the_comment(hub, number)
    assert "@everyone" not in comment and "<script>" not in comment
    assert TOKEN not in comment
    assert untouched(run)
    assert branches(hub) == ["main"]

    # valid ids, hostile free text: recorded as inert text in the one file
    text_only = FOLLOW_UP_FORM.replace(
        "Held the round-table conversation with the school, the family and the refugee "
        "support organisation.",
        injection,
    )
    run, number = intake(hub, text_only)
    assert not pwned.exists()
    assert run.conclusion == "success", run.log()
    assert run.step("Apply the form").outputs == {"recorded": "true"}
    no_workflow_command_nor_token(run)
    assert hub.files("refs/heads/main", f"refs/heads/{branch(number)}") == [CASE]
    stored = git(hub.origin, "show", f"{branch(number)}:{CASE}")
    assert "status: followed-up" in stored and "\nstatus: dropped" not in stored
    [pull] = hub.pull_requests(state="open")
    assert TOKEN not in pull["title"] + pull["body"] + the_comment(hub, number)
