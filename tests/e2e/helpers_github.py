"""A simulated GitHub that runs the workflows of .github/workflows/ on real git repositories.

Real here: git (a bare repository plays github.com/network/demo, with its branches, the
refs/pull/N/head and refs/pull/N/merge GitHub keeps for a pull request, and a hook that
protects the default branch; pushing needs the job's token, in the URL or left in .git/config
by checkout), bash running every `run:` step as the runner does (`bash -e`, the step's env,
working-directory, the GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY files, the payload
in GITHUB_EVENT_PATH, `${{ }}` expressions resolved in the env and in the script's text),
pip installing kring from the folder a step names, kring itself, jq, and which workflows an
event starts (`on:` with its paths filters; a job's `if:` evaluated). The workflow file is
read from the commit GitHub reads it from: the pull request's head for `pull_request`, the
default branch otherwise, so a pull request that rewrites a workflow runs its own version, as
on GitHub.

Simulated: the actions a workflow `uses` (checkout clones the bare repository at the ref;
setup-python does nothing; upload- and download-artifact keep a store per run), and GitHub's
API, through a stand-in `gh` that keeps labels, issues, comments and pull requests in a JSON
file, checks the job's token permissions, and answers `--jq` with the real jq. A job's PATH
holds that `gh`, a `python` that installs into the job's own site folder, and the system's
tools, never the tests' virtual environment: a workflow that forgets to install kring fails.

An unknown action, expression or context value fails the test rather than reading as empty,
so a new workflow runs here once the actions it uses are listed in ACTIONS.

This file is also the stand-in programs: `python helpers_github.py gh …` and
`python helpers_github.py pip-install SITE …` (the job's `gh` and `python -m pip install`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve()
REPOSITORY = "network/demo"
TOKEN = "fake-token"
SERVER = "https://github.com"
BOT = "github-actions[bot]"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    identity = ["-c", "user.name=Test Facilitator", "-c", "user.email=test@example.invalid"]
    done = subprocess.run(
        ["git", *identity, *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    return done.stdout


# --- the hub: one repository on a simulated GitHub -------------------------------------------

PROTECT = """\
#!/usr/bin/env bash
# Branch protection of the default branch, and the job token's `contents` permission.
while read -r old new ref; do
  if [ -n "${FAKE_GITHUB_PERMISSIONS+set}" ]; then
    case " $FAKE_GITHUB_PERMISSIONS " in
      *" contents:write "*) ;;
      *) echo "refused: the workflow's token may not write contents"; exit 1 ;;
    esac
    if [ "$ref" = "refs/heads/main" ]; then
      echo "refused: main is protected: changes reach it through a pull request"; exit 1
    fi
  fi
done
"""


@dataclass
class PullRequest:
    number: int
    head_ref: str
    head_sha: str
    base_ref: str
    base_sha: str
    fork: bool


class Hub:
    """One repository on the simulated GitHub: the bare repository, the API's state, the
    artifacts of the runs, and a cache of built kring installations (by content)."""

    def __init__(self, root: Path, pip_cache: Path) -> None:
        self.root = root
        self.origin = root / "github.com" / REPOSITORY
        self.state_file = root / "api-state.json"
        self.artifacts = root / "artifacts"
        self.pip_cache = pip_cache
        self.runs = 0

    @classmethod
    def create(cls, root: Path, work: Path, pip_cache: Path) -> Hub:
        """A hub whose default branch `main` is the `main` of the working repository `work`."""
        hub = cls(root, pip_cache)
        hub.origin.parent.mkdir(parents=True)
        git(root, "init", "-q", "--bare", "-b", "main", str(hub.origin))
        git(hub.origin, "config", "uploadpack.allowAnySHA1InWant", "true")
        hook = hub.origin / "hooks" / "pre-receive"
        hook.write_text(PROTECT, "utf-8")
        hook.chmod(0o755)
        git(work, "push", "-q", str(hub.origin), "main:refs/heads/main")
        hub.artifacts.mkdir()
        hub.save({"labels": {}, "issues": [], "pulls": {}, "comments": [], "log": [], "next": 1})
        return hub

    # the API's state, shared with the stand-in gh through a file
    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.state_file.read_text("utf-8"))
        return data

    def save(self, state: dict[str, Any]) -> None:
        self.state_file.write_text(json.dumps(state, indent=1), "utf-8")

    def sha(self, ref: str) -> str:
        return git(self.origin, "rev-parse", ref).strip()

    def files(self, base: str, head: str) -> list[str]:
        """The files a pull request changes, as GitHub lists them (three-dot diff)."""
        out = git(self.origin, "diff", "--name-only", "-z", f"{base}...{head}")
        return [p for p in out.split("\0") if p]

    def clone(self, where: Path, branch: str = "main") -> Path:
        git(self.root, "clone", "-q", "-b", branch, str(self.origin), str(where))
        return where

    def push(self, work: Path, ref: str, *, person: bool = True) -> None:
        """A person pushes (branch protection applies to the workflow's token only)."""
        env = {"FAKE_GITHUB_PERMISSIONS": "contents:write"} if not person else {}
        git(work, "push", "-q", "--force", str(self.origin), f"HEAD:{ref}", env=env)

    def open_pull_request(self, work: Path, branch: str, *, fork: bool = False) -> PullRequest:
        """Open a pull request from the commit checked out in `work` into main: a branch of
        this repository, or (fork=True) only the refs GitHub keeps for a fork's pull request."""
        state = self.state()
        number = int(state["next"])
        state["next"] = number + 1
        self.save(state)
        if not fork:
            self.push(work, f"refs/heads/{branch}")
        self.push(work, f"refs/pull/{number}/head")
        head, base = self.sha(f"refs/pull/{number}/head"), self.sha("refs/heads/main")
        self._merge_ref(number, base, head)
        state = self.state()
        state["pulls"][str(number)] = {
            "number": number,
            "state": "open",
            "title": branch,
            "body": "",
            "user": "a-facilitator",
            "head": {"ref": branch, "sha": head},
            "base": {"ref": "main", "sha": base},
            "fork": fork,
        }
        self.save(state)
        return PullRequest(number, branch, head, "main", base, fork)

    def update_pull_request(self, pr: PullRequest, work: Path) -> PullRequest:
        """A new push to the pull request's branch."""
        if not pr.fork:
            self.push(work, f"refs/heads/{pr.head_ref}")
        self.push(work, f"refs/pull/{pr.number}/head")
        head, base = self.sha(f"refs/pull/{pr.number}/head"), self.sha("refs/heads/main")
        self._merge_ref(pr.number, base, head)
        state = self.state()
        state["pulls"][str(pr.number)]["head"]["sha"] = head
        state["pulls"][str(pr.number)]["base"]["sha"] = base
        self.save(state)
        return PullRequest(pr.number, pr.head_ref, head, "main", base, pr.fork)

    def _merge_ref(self, number: int, base: str, head: str) -> str:
        tree = git(self.origin, "merge-tree", "--write-tree", base, head).split()[0]
        merge = git(
            self.origin, "commit-tree", tree, "-p", base, "-p", head, "-m", f"Merge {head}"
        ).strip()
        git(self.origin, "update-ref", f"refs/pull/{number}/merge", merge)
        return merge

    def reopened(self, number: int) -> PullRequest:
        """A pull request as GitHub has it now (its branch may have moved since it was
        opened): what a person closing and reopening it starts the check on."""
        pull = self.state()["pulls"][str(number)]
        if not pull["fork"]:
            git(self.origin, "update-ref", f"refs/pull/{number}/head", pull["head"]["ref"])
        head, base = self.sha(f"refs/pull/{number}/head"), self.sha("refs/heads/main")
        self._merge_ref(number, base, head)
        state = self.state()
        state["pulls"][str(number)]["head"]["sha"] = head
        state["pulls"][str(number)]["base"]["sha"] = base
        self.save(state)
        return PullRequest(number, pull["head"]["ref"], head, "main", base, pull["fork"])

    def merge(self, number: int) -> list[str]:
        """A maintainer merges a pull request (a merge commit on main). Returns the files
        the push to main changed."""
        pr = self.reopened(number)
        merge = self.sha(f"refs/pull/{number}/merge")
        git(self.origin, "update-ref", "refs/heads/main", merge, pr.base_sha)
        state = self.state()
        state["pulls"][str(number)]["state"] = "merged"
        self.save(state)
        return self.files(pr.base_sha, merge)

    def comments(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self.state()["comments"] if c["issue"] == number]

    def pull_requests(self, **where: Any) -> list[dict[str, Any]]:
        pulls = self.state()["pulls"].values()
        return [p for p in pulls if all(p.get(k) == v for k, v in where.items())]

    def store_artifact(self, run_id: int, name: str, files: dict[str, str | bytes]) -> None:
        """An artifact as a run would have left it (for runs the test stands in for)."""
        folder = self.artifacts / str(run_id) / name
        folder.mkdir(parents=True)
        for rel, content in files.items():
            path = folder / rel
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, "utf-8")

    def new_run_id(self) -> int:
        self.runs += 1
        return 1000 + self.runs


# --- events --------------------------------------------------------------------------------


@dataclass
class Event:
    """What starts a run: its name, the payload (github.event), github.sha and github.ref,
    and the commit whose .github/workflows/ GitHub reads."""

    name: str
    payload: dict[str, Any]
    sha: str
    ref: str
    workflow_commit: str
    actor: str = "a-facilitator"
    changed_files: list[str] | None = None  # for paths filters


def repository_payload() -> dict[str, Any]:
    return {"full_name": REPOSITORY, "default_branch": "main", "name": "demo"}


def pull_request_event(hub: Hub, pr: PullRequest, action: str = "synchronize") -> Event:
    payload = {
        "action": action,
        "number": pr.number,
        "pull_request": {
            "number": pr.number,
            "head": {"sha": pr.head_sha, "ref": pr.head_ref},
            "base": {"sha": pr.base_sha, "ref": pr.base_ref},
        },
        "repository": repository_payload(),
    }
    merge = hub.sha(f"refs/pull/{pr.number}/merge")
    return Event(
        "pull_request",
        payload,
        merge,
        f"refs/pull/{pr.number}/merge",
        workflow_commit=merge,  # GitHub reads the workflow of the merge commit: the head's
        changed_files=hub.files(pr.base_sha, pr.head_sha),
    )


def workflow_run_event(hub: Hub, run: Run, pr: PullRequest | None = None) -> Event:
    """`workflow_run` after `run` completed. GitHub lists the pull request in the run only
    when its head branch is in this repository; a fork's run lists none."""
    listed = [] if pr is None or pr.fork else [{"number": pr.number}]
    payload = {
        "action": "completed",
        "workflow_run": {
            "id": run.run_id,
            "name": run.workflow["name"],
            "event": run.event.name,
            "conclusion": run.conclusion,
            "head_sha": run.event.payload.get("pull_request", {}).get("head", {}).get("sha"),
            "pull_requests": listed,
        },
        "repository": repository_payload(),
    }
    main = hub.sha("refs/heads/main")
    return Event("workflow_run", payload, main, "refs/heads/main", workflow_commit=main)


def default_branch_event(
    hub: Hub, name: str, payload: dict[str, Any] | None = None, actor: str = "a-facilitator"
) -> Event:
    """An event that runs on the default branch's latest commit and workflows: schedule,
    workflow_dispatch, issues, issue_comment, …; `payload` is github.event besides the
    repository."""
    main = hub.sha("refs/heads/main")
    full = {"repository": repository_payload(), **(payload or {})}
    return Event(name, full, main, "refs/heads/main", workflow_commit=main, actor=actor)


def schedule_event(hub: Hub, name: str = "schedule", cron: str = "17 6 * * 1") -> Event:
    """A scheduled run (the payload names the cron line that fired: GitHub starts only the
    workflows with that schedule), or with `name="workflow_dispatch"` a run by hand."""
    return default_branch_event(hub, name, {"schedule": cron} if name == "schedule" else {})


def issue_event(
    hub: Hub,
    title: str,
    body: str,
    labels: tuple[str, ...] = (),
    action: str = "opened",
    *,
    association: str = "COLLABORATOR",
    number: int | None = None,
) -> Event:
    """A person opens an issue (an issue form, say), or edits issue `number`: the API's state
    keeps it, and the `issues` event carries it as GitHub's payload does, with the author's
    `author_association` (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …)."""
    state = hub.state()
    written = {"title": title, "body": body}
    changes: dict[str, Any] = {}
    if number is None:
        number = int(state["next"])
        state["next"] = number + 1
        issue: dict[str, Any] = {"number": number, "state": "open", "user": "a-facilitator"}
        state["issues"].append(issue)
    else:
        issue = next(i for i in state["issues"] if i["number"] == number)
        changes = {k: {"from": issue[k]} for k, v in written.items() if issue[k] != v}
    issue.update(written, labels=list(labels))
    hub.save(state)
    payload: dict[str, Any] = {
        "action": action,
        "issue": {
            "number": number,
            "state": issue["state"],
            "title": title,
            "body": body,
            "labels": [{"name": label} for label in labels],
            "user": {"login": issue["user"]},
            "author_association": association,
        },
    }
    if action == "edited":
        payload["changes"] = changes
    return default_branch_event(hub, "issues", payload, actor=issue["user"])


def push_event(hub: Hub, before: str, actor: str = "a-facilitator") -> Event:
    main = hub.sha("refs/heads/main")
    payload = {
        "ref": "refs/heads/main",
        "before": before,
        "after": main,
        "repository": repository_payload(),
    }
    return Event(
        "push",
        payload,
        main,
        "refs/heads/main",
        workflow_commit=main,
        actor=actor,
        changed_files=hub.files(before, main),
    )


# --- which workflows an event starts (`on:`) ---------------------------------------------------


def workflow_at(hub: Hub, commit: str, name: str) -> dict[str, Any]:
    text = git(hub.origin, "show", f"{commit}:.github/workflows/{name}")
    data: dict[str, Any] = yaml.safe_load(text)
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def workflow_names(hub: Hub, commit: str) -> list[str]:
    out = git(hub.origin, "ls-tree", "--name-only", f"{commit}:.github/workflows")
    return sorted(n for n in out.split() if n.endswith((".yml", ".yaml")))


def triggers(workflow: dict[str, Any], event: Event) -> bool:
    """Whether `event` starts `workflow`, by its `on:` (event name, types, paths filters)."""
    on = workflow["on"]
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = dict.fromkeys(on)
    if event.name not in on:
        return False
    spec = on[event.name] or {}
    action = event.payload.get("action")
    if "types" in spec and action is not None and action not in spec["types"]:
        return False
    if event.name == "workflow_run":
        return event.payload["workflow_run"]["name"] in spec.get("workflows", [])
    if event.name == "schedule":
        return event.payload["schedule"] in [entry["cron"] for entry in on["schedule"]]
    if "paths" in spec or "paths-ignore" in spec:
        assert event.changed_files is not None
        return paths_match(spec, event.changed_files)
    return True


def paths_match(spec: dict[str, Any], files: list[str]) -> bool:
    """GitHub's paths filters: a file counts when the last pattern that matches it is not a
    negation (`paths`), or when some file is matched by no `paths-ignore` pattern."""
    if "paths-ignore" in spec:
        return any(not any(_glob(p).fullmatch(f) for p in spec["paths-ignore"]) for f in files)
    for path in files:
        included = False
        for pattern in spec["paths"]:
            negated = pattern.startswith("!")
            if _glob(pattern.lstrip("!")).fullmatch(path):
                included = not negated
        if included:
            return True
    return False


def _glob(pattern: str) -> re.Pattern[str]:
    """GitHub's filter pattern: `*` within a folder, `**` across folders, `?` one character."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out)


def started_by(hub: Hub, event: Event) -> list[str]:
    """The workflows (file names) that `event` starts."""
    names = workflow_names(hub, event.workflow_commit)
    return [n for n in names if triggers(workflow_at(hub, event.workflow_commit, n), event)]


# --- expressions ----------------------------------------------------------------------------


class ExpressionError(AssertionError):
    pass


_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[!<>().\[\],*])|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ExpressionError(f"cannot read the expression {text!r} at {pos}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


class Expressions:
    """GitHub Actions expressions (docs: "Evaluate expressions in workflows and actions"):
    literals, contexts with `.` and `[ ]`, `!`, comparisons (strings case-insensitively),
    `&&` and `||` (which return an operand), and the functions the workflows use."""

    def __init__(self, contexts: dict[str, Any], status: Callable[[], str]) -> None:
        self.contexts = contexts
        self.status = status  # "success" or "failure" so far in the job

    def interpolate(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _as_string(self.evaluate(m.group(1))), value)

    def condition(self, value: Any) -> bool:
        if value is None:
            return self.status() == "success"
        if isinstance(value, bool):
            return value
        text = str(value).strip()
        match = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
        result = self.evaluate(match.group(1) if match else text)
        # A condition without a status function means `success() && (condition)`.
        if not re.search(r"\b(success|failure|cancelled|always)\(", text):
            return self.status() == "success" and _truthy(result)
        return _truthy(result)

    def evaluate(self, text: str) -> Any:
        self._tokens = _tokens(text)
        self._pos = 0
        value = self._or()
        if self._pos != len(self._tokens):
            raise ExpressionError(f"unexpected {self._tokens[self._pos]} in {text!r}")
        return value

    def _peek(self) -> str | None:
        return self._tokens[self._pos][1] if self._pos < len(self._tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        token = self._tokens[self._pos]
        if expected is not None and token[1] != expected:
            raise ExpressionError(f"expected {expected!r}, found {token[1]!r}")
        self._pos += 1
        return token

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self._take()
            right = self._and()
            value = value if _truthy(value) else right
        return value

    def _and(self) -> Any:
        value = self._compare()
        while self._peek() == "&&":
            self._take()
            right = self._compare()
            value = right if _truthy(value) else value
        return value

    def _compare(self) -> Any:
        left = self._unary()
        while self._peek() in ("==", "!=", "<", ">", "<=", ">="):
            op = self._take()[1]
            right = self._unary()
            a, b = _comparable(left), _comparable(right)
            left = {
                "==": a == b,
                "!=": a != b,
                "<": a < b,
                ">": a > b,
                "<=": a <= b,
                ">=": a >= b,
            }[op]
        return left

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not _truthy(self._unary())
        return self._primary()

    def _primary(self) -> Any:
        kind, text = self._take()
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(text) if "." in text else int(text)
        if text == "(":
            value = self._or()
            self._take(")")
            return value
        if kind != "name":
            raise ExpressionError(f"unexpected {text!r}")
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if self._peek() == "(":
            self._take("(")
            args = []
            while self._peek() != ")":
                args.append(self._or())
                if self._peek() == ",":
                    self._take(",")
            self._take(")")
            return self._call(text, args)
        if text not in self.contexts:
            raise ExpressionError(f"no context {text!r} here")
        value = self.contexts[text]
        path = text
        while self._peek() in (".", "["):
            if self._take()[1] == ".":
                key: Any = self._take()[1]
            else:
                key = self._or()
                self._take("]")
            path += f".{key}"
            if key == "*":  # an object filter: every element's value (docs: "Object filters")
                items = value.values() if isinstance(value, dict) else value
                value = Filtered(items)
            elif isinstance(value, Filtered):
                value = Filtered(v[key] for v in value if isinstance(v, dict) and key in v)
            else:
                value = _member(value, key, path)
        return value

    def _call(self, name: str, args: list[Any]) -> Any:
        if name == "success":
            return self.status() == "success"
        if name == "failure":
            return self.status() == "failure"
        if name == "always":
            return True
        if name == "cancelled":
            return False
        if name == "toJSON":
            return json.dumps(args[0], indent=2)
        if name == "fromJSON":
            return json.loads(args[0])
        if name == "contains":
            hay, needle = args
            if isinstance(hay, list):
                return any(_comparable(x) == _comparable(needle) for x in hay)
            return str(needle).lower() in str(hay).lower()
        if name == "startsWith":
            return str(args[0]).lower().startswith(str(args[1]).lower())
        if name == "endsWith":
            return str(args[0]).lower().endswith(str(args[1]).lower())
        if name == "format":
            return re.sub(r"\{(\d+)\}", lambda m: _as_string(args[int(m.group(1)) + 1]), args[0])
        raise ExpressionError(f"no function {name}() in this simulation")


class Filtered(list[Any]):
    """The result of an object filter (`labels.*.name`): a list that `.key` maps over."""


class Lenient(dict[str, Any]):
    """A context whose missing keys read as empty, as GitHub's do (a skipped step's outputs)."""


def _member(value: Any, key: Any, path: str) -> Any:
    if isinstance(value, Lenient):
        return value.get(key, "")
    if isinstance(value, dict) and key in value:
        return value[key]
    if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
        return value[key]
    raise ExpressionError(f"{path} is not in this simulation's contexts")


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "") and value == value


def _comparable(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _as_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


# --- runs -----------------------------------------------------------------------------------


@dataclass
class Annotation:
    level: str  # error, warning, notice
    properties: dict[str, str]
    message: str


@dataclass
class Step:
    name: str
    outcome: str  # success, failure, skipped
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def annotations(self) -> list[Annotation]:
        return list(parse_annotations(self.stdout))


@dataclass
class Run:
    """One run of one workflow: its jobs' steps, job summary and conclusion."""

    workflow_name: str
    workflow: dict[str, Any]
    event: Event
    run_id: int
    steps: list[Step] = field(default_factory=list)
    summary: str = ""
    conclusion: str = "success"
    skipped_jobs: list[str] = field(default_factory=list)
    workspaces: dict[str, Path] = field(default_factory=dict)  # by job id, as the job left it

    def step(self, name: str) -> Step:
        found = [s for s in self.steps if s.name == name]
        assert len(found) == 1, f"no single step named {name!r}: {[s.name for s in self.steps]}"
        return found[0]

    @property
    def annotations(self) -> list[Annotation]:
        return [a for s in self.steps for a in s.annotations]

    def log(self) -> str:
        return "\n".join(f"--- {s.name}: {s.outcome}\n{s.stdout}{s.stderr}" for s in self.steps)


def parse_annotations(stdout: str) -> Iterator[Annotation]:
    """Workflow commands that make annotations (`::error file=…,line=…::message`), unescaped
    as the runner does (actions/toolkit command.ts)."""
    for line in stdout.splitlines():
        match = re.match(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$", line)
        if match is None:
            continue
        properties = {}
        for item in (match.group(2) or "").split(","):
            if "=" in item:
                key, value = item.split("=", 1)
                properties[key] = _unescape(value, property_value=True)
        yield Annotation(match.group(1), properties, _unescape(match.group(3)))


def _unescape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%0D", "\r").replace("%0A", "\n")
    if property_value:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%25", "%")


@dataclass
class Job:
    """What one job's steps share: folders, environment, contexts, and its status so far."""

    hub: Hub
    run: Run
    root: Path
    env: dict[str, str]
    permissions: dict[str, str]
    contexts: dict[str, Any]
    status: str = "success"

    def __post_init__(self) -> None:
        self.expressions = Expressions(self.contexts, lambda: self.status)

    @property
    def workspace(self) -> Path:
        return self.root / "workspace"

    @property
    def temp(self) -> Path:
        return self.root / "temp"


def run_workflow(
    hub: Hub,
    name: str,
    event: Event,
    *,
    env: dict[str, str] | None = None,
    check_trigger: bool = True,
) -> Run:
    """Run workflow `name` for `event`, as GitHub would, reading the workflow from the commit
    GitHub reads it from. `env` is added to every step (KRING_TODAY, to pin a date)."""
    workflow = workflow_at(hub, event.workflow_commit, name)
    if check_trigger:
        assert triggers(workflow, event), f"{name} does not run on this {event.name} event"
    run = Run(name, workflow, event, hub.new_run_id())
    for job_id, spec in workflow["jobs"].items():
        assert "strategy" not in spec and "needs" not in spec, "not simulated: matrix, needs"
        _run_job(hub, run, job_id, spec, env or {})
    return run


def stand_in_run(
    hub: Hub, name: str, event: Event, artifacts: dict[str, dict[str, str | bytes]]
) -> Run:
    """A finished run of workflow `name` that the test stands in for, with `artifacts` as
    it left them: to start what follows a run (workflow_run) without running it."""
    run = Run(name, workflow_at(hub, event.workflow_commit, name), event, hub.new_run_id())
    for artifact, files in artifacts.items():
        hub.store_artifact(run.run_id, artifact, files)
    return run


def _permissions(workflow: dict[str, Any], job: dict[str, Any]) -> dict[str, str]:
    granted = job.get("permissions", workflow.get("permissions"))
    if granted is None:
        raise AssertionError("the workflow and job declare no permissions (the default is broad)")
    if isinstance(granted, str):
        raise AssertionError(f"permissions: {granted} is not least privilege")
    return {str(k): str(v) for k, v in granted.items()}


def _run_job(hub: Hub, run: Run, job_id: str, spec: dict[str, Any], extra: dict[str, str]) -> None:
    root = hub.root / f"run-{run.run_id}-{job_id}"
    for folder in ("workspace", "temp", "home", "bin", "site/bin"):
        (root / folder).mkdir(parents=True)
    permissions = _permissions(run.workflow, spec)
    event = run.event
    run.workspaces[job_id] = root / "workspace"
    # the runner writes the webhook's payload to a file (docs: "Variables", GITHUB_EVENT_PATH)
    event_path = root / "temp" / "_github_workflow" / "event.json"
    event_path.parent.mkdir()
    event_path.write_text(json.dumps(event.payload), "utf-8")
    github = {
        "event": event.payload,
        "event_name": event.name,
        "sha": event.sha,
        "ref": event.ref,
        "ref_name": event.ref.rsplit("/", 1)[-1] if event.ref.startswith("refs/heads/") else "",
        "repository": REPOSITORY,
        "repository_owner": REPOSITORY.split("/")[0],
        "server_url": SERVER,
        "actor": event.actor,
        "token": TOKEN,
        "run_id": run.run_id,
        "workspace": str(root / "workspace"),
        "workflow": run.workflow.get("name", run.workflow_name),
        "event_path": str(event_path),
    }
    if event.ref.startswith("refs/pull/"):
        github["ref_name"] = event.ref.removeprefix("refs/pull/")  # "17/merge", as GitHub has it
    runner = {"temp": str(root / "temp"), "os": "Linux", "arch": "X64"}
    origin = f"file://{hub.origin}"
    env = {
        "PATH": f"{root / 'site' / 'bin'}:{root / 'bin'}:{SYSTEM_PATH}",
        "HOME": str(root / "home"),
        "LANG": "C.UTF-8",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(root / "workspace"),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_SERVER_URL": SERVER,
        "GITHUB_SHA": event.sha,
        "GITHUB_REF": event.ref,
        "GITHUB_REF_NAME": str(github["ref_name"]),
        "GITHUB_EVENT_NAME": event.name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_ACTOR": event.actor,
        "GITHUB_RUN_ID": str(run.run_id),
        "RUNNER_TEMP": str(root / "temp"),
        "PYTHONPATH": str(root / "site"),
        # the stand-ins (the job's gh and python) and what they need
        "FAKE_GITHUB_STATE": str(hub.state_file),
        "FAKE_GITHUB_PERMISSIONS": " ".join(f"{k}:{v}" for k, v in sorted(permissions.items())),
        "FAKE_PIP_CACHE": str(hub.pip_cache),
        "FAKE_JOB_SITE": str(root / "site"),
        "FAKE_PYTHON": sys.executable,
        # github.com reached through the bare repository: read with or without the job's
        # token, written only with it (in the URL, or persisted by actions/checkout)
        "GIT_CONFIG_COUNT": "4",
        "GIT_CONFIG_KEY_0": f"url.{origin}.insteadOf",
        "GIT_CONFIG_VALUE_0": f"{SERVER}/{REPOSITORY}",
        "GIT_CONFIG_KEY_1": f"url.{origin}.insteadOf",
        "GIT_CONFIG_VALUE_1": f"{SERVER}/{REPOSITORY}.git",
        "GIT_CONFIG_KEY_2": f"url.{origin}.insteadOf",
        "GIT_CONFIG_VALUE_2": f"https://x-access-token:{TOKEN}@github.com/{REPOSITORY}.git",
        "GIT_CONFIG_KEY_3": f"url.file://{hub.root / 'push-without-credentials'}.pushInsteadOf",
        "GIT_CONFIG_VALUE_3": f"{SERVER}/{REPOSITORY}",
    }
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})
    for tool, script in (("gh", "gh"), ("python", "python"), ("python3", "python")):
        path = root / "bin" / tool
        path.write_text(
            f'#!/usr/bin/env bash\nexec "$FAKE_PYTHON" {shlex.quote(str(HERE))} {script} "$@"\n',
            "utf-8",
        )
        path.chmod(0o755)
    steps_context: dict[str, Any] = {}
    contexts: dict[str, Any] = {
        "github": github,
        "runner": runner,
        "env": {},
        "steps": steps_context,
        "vars": Lenient(),
        "secrets": {"GITHUB_TOKEN": TOKEN},
    }
    job = Job(hub, run, root, env, permissions, contexts)
    if not job.expressions.condition(spec.get("if")):
        run.skipped_jobs.append(job_id)
        return
    workflow_env = {**run.workflow.get("env", {}), **spec.get("env", {})}
    for key, value in workflow_env.items():
        env[key] = str(job.expressions.interpolate(value))
        contexts["env"][key] = env[key]
    env.update(extra)
    defaults = {**run.workflow.get("defaults", {}).get("run", {})}
    defaults.update(spec.get("defaults", {}).get("run", {}))
    for index, step in enumerate(spec["steps"]):
        name = step.get("name") or step.get("uses") or step["run"].strip().splitlines()[0]
        if not job.expressions.condition(step.get("if")):
            result = Step(name, "skipped")
        elif "uses" in step:
            result = _uses(job, name, step)
        else:
            result = _run(job, name, step, defaults, index)
        run.steps.append(result)
        if "id" in step:
            outputs = Lenient(result.outputs) if result.outcome != "success" else result.outputs
            steps_context[step["id"]] = {"outputs": outputs, "outcome": result.outcome}
        if result.outcome == "failure" and not step.get("continue-on-error"):
            job.status = "failure"
    if job.status == "failure":
        run.conclusion = "failure"


def _step_env(job: Job, step: dict[str, Any]) -> dict[str, str]:
    env = dict(job.env)
    for key, value in (step.get("env") or {}).items():
        env[key] = _as_string(job.expressions.interpolate(value))
    return env


def _run(job: Job, name: str, step: dict[str, Any], defaults: dict[str, Any], index: int) -> Step:
    shell = step.get("shell", defaults.get("shell"))
    assert shell in (None, "bash"), f"shell {shell} is not simulated"
    script = job.temp / f".step-{index}.sh"
    # The runner substitutes expressions into the script's text before bash reads it: this is
    # what makes `${{ github.event.issue.title }}` in a script an injection.
    script.write_text(_as_string(job.expressions.interpolate(step["run"])), "utf-8")
    env = _step_env(job, step)
    files = {}
    for var in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"):
        path = job.root / f".{var.lower()}-{index}"
        path.touch()
        files[var] = path
        env[var] = str(path)
    directory = step.get("working-directory", defaults.get("working-directory"))
    cwd = job.workspace
    if directory:
        cwd = cwd / str(job.expressions.interpolate(directory))
    # GitHub: `bash -e {0}` by default, `bash --noprofile --norc -eo pipefail {0}` with shell: bash
    argv = ["bash", "--noprofile", "--norc", "-e"]
    if shell == "bash":
        argv += ["-o", "pipefail"]
    done = subprocess.run(
        [*argv, str(script)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    outputs = _key_values(files["GITHUB_OUTPUT"].read_text("utf-8"))
    for key, value in _key_values(files["GITHUB_ENV"].read_text("utf-8")).items():
        job.env[key] = value
    job.run.summary += files["GITHUB_STEP_SUMMARY"].read_text("utf-8")
    outcome = "success" if done.returncode == 0 else "failure"
    return Step(name, outcome, done.stdout, done.stderr, outputs)


def _key_values(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT and GITHUB_ENV: `key=value` lines and `key<<DELIMITER` blocks."""
    out: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            block = []
            i += 1
            while lines[i] != delimiter:
                block.append(lines[i])
                i += 1
            out[key] = "\n".join(block)
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
        i += 1
    return out


# --- the actions a workflow uses --------------------------------------------------------------


def _uses(job: Job, name: str, step: dict[str, Any]) -> Step:
    action, _, version = str(step["uses"]).partition("@")
    assert re.fullmatch(r"[0-9a-f]{40}", version), f"{step['uses']} is not pinned to a commit"
    simulate = ACTIONS.get(action)
    assert simulate is not None, f"the action {action} is not simulated: add it to ACTIONS"
    inputs = {
        k: _as_string(job.expressions.interpolate(v)) for k, v in step.get("with", {}).items()
    }
    known = ACTION_INPUTS[action]
    assert set(inputs) <= known, f"{action}: unknown inputs {sorted(set(inputs) - known)}"
    try:
        log = simulate(job, inputs)
    except ActionFailed as exc:
        return Step(name, "failure", stderr=str(exc))
    return Step(name, "success", stdout=log)


class ActionFailed(Exception):
    pass


def _checkout(job: Job, inputs: dict[str, str]) -> str:
    """actions/checkout: fetch the ref (default: the event's github.sha) from the repository
    into the workspace or `path`; fetch-depth 0 fetches every branch and tag with history."""
    if inputs.get("repository", REPOSITORY) != REPOSITORY:
        raise ActionFailed("only this repository is simulated")
    dest = job.workspace / inputs.get("path", "")
    dest.mkdir(parents=True, exist_ok=True)
    ref = inputs.get("ref") or job.run.event.sha
    depth = int(inputs.get("fetch-depth", "1"))
    url = f"{SERVER}/{REPOSITORY}"
    env = {k: v for k, v in job.env.items() if k.startswith("GIT_CONFIG") or k == "HOME"}
    env["PATH"] = SYSTEM_PATH
    git(dest, "init", "-q", env=env)
    git(dest, "remote", "add", "origin", url, env=env)
    shallow = [] if depth == 0 else [f"--depth={depth}"]
    if depth == 0:
        git(
            dest,
            "fetch",
            "-q",
            "origin",
            "+refs/heads/*:refs/remotes/origin/*",
            "+refs/tags/*:refs/tags/*",
            env=env,
        )
    target = ref if re.fullmatch(r"[0-9a-f]{40}|refs/.*", ref) else f"refs/heads/{ref}"
    git(dest, "fetch", "-q", *shallow, "origin", target, env=env)
    git(dest, "checkout", "-q", "--force", "--detach", "FETCH_HEAD", env=env)
    if inputs.get("persist-credentials", "true") != "false":
        # the real action keeps the token in .git/config for later git commands
        token_url = f"https://x-access-token:{TOKEN}@github.com/{REPOSITORY}.git"
        git(dest, "remote", "set-url", "--push", "origin", token_url, env=env)
    return f"checked out {ref} into {dest}\n"


def _setup_python(job: Job, inputs: dict[str, str]) -> str:
    # The job's `python` is the tests' interpreter (tests/helpers_github.py: python).
    return f"python {sys.version.split()[0]} for {inputs.get('python-version')}\n"


def _upload_artifact(job: Job, inputs: dict[str, str]) -> str:
    source = Path(inputs["path"])
    files = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else []
    if source.is_file():
        files = [source]
    if not files:
        if inputs.get("if-no-files-found", "warn") == "error":
            raise ActionFailed(f"No files were found with the provided path: {source}")
        return "no files\n"
    store = job.hub.artifacts / str(job.run.run_id) / inputs["name"]
    for path in files:
        rel = path.relative_to(source) if source.is_dir() else Path(path.name)
        (store / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, store / rel)
    return f"uploaded {len(files)} files as {inputs['name']}\n"


def _download_artifact(job: Job, inputs: dict[str, str]) -> str:
    if "run-id" in inputs and inputs.get("github-token") != TOKEN:
        raise ActionFailed("another run's artifact needs github-token")
    if "run-id" in inputs and job.permissions.get("actions") not in ("read", "write"):
        raise ActionFailed("Resource not accessible by integration (actions: read)")
    run_id = inputs.get("run-id", str(job.run.run_id))
    store = job.hub.artifacts / run_id / inputs["name"]
    if not store.is_dir():
        raise ActionFailed(
            f"Unable to download artifact(s): Artifact not found for name: {inputs['name']}"
        )
    dest = Path(inputs.get("path") or job.workspace)
    shutil.copytree(store, dest, dirs_exist_ok=True)
    return f"downloaded {inputs['name']} into {dest}\n"


ACTIONS: dict[str, Callable[[Job, dict[str, str]], str]] = {
    "actions/checkout": _checkout,
    "actions/setup-python": _setup_python,
    "actions/upload-artifact": _upload_artifact,
    "actions/download-artifact": _download_artifact,
}
ACTION_INPUTS = {
    "actions/checkout": {"repository", "ref", "path", "fetch-depth", "persist-credentials"},
    "actions/setup-python": {"python-version"},
    "actions/upload-artifact": {"name", "path", "if-no-files-found", "retention-days"},
    "actions/download-artifact": {"name", "path", "run-id", "github-token"},
}


# --- the stand-in programs: python (with pip install) and gh ------------------------------------


def _python(args: list[str]) -> int:
    """The job's `python`: the tests' interpreter; `-m pip install [-q] DIR` installs DIR
    into the job's site folder, built once per content of tools/, schemas/, pyproject.toml."""
    if args[:3] == ["-m", "pip", "install"]:
        rest = [a for a in args[3:] if a not in ("-q", "--quiet", "--upgrade", "-U")]
        if len(rest) != 1 or rest[0].startswith("-") or "[" in rest[0]:
            print(f"simulated pip: not simulated: pip install {' '.join(args[3:])}")
            return 1
        return _pip_install(Path(rest[0]).resolve())
    os.execv(sys.executable, [sys.executable, *args])
    return 1  # pragma: no cover


def _pip_install(source: Path) -> int:
    digest = hashlib.sha256()
    for part in ("tools", "schemas", "pyproject.toml"):
        base = source / part
        paths = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(source)).encode() + b"\0")
                digest.update(path.read_bytes())
    built = Path(os.environ["FAKE_PIP_CACHE"]) / digest.hexdigest()[:20]
    if not built.is_dir():
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PATH"] = f"{Path(sys.executable).parent}:{SYSTEM_PATH}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--target",
                str(built) + ".tmp",
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(done.stdout + done.stderr)
            return done.returncode
        (Path(str(built) + ".tmp")).rename(built)
    shutil.copytree(built, os.environ["FAKE_JOB_SITE"], dirs_exist_ok=True, symlinks=True)
    print(f"simulated pip: installed {source}")
    return 0


def _gh(args: list[str]) -> int:
    """The GitHub CLI against the simulated API (only what the workflows use)."""
    state_file = Path(os.environ["FAKE_GITHUB_STATE"])
    state = json.loads(state_file.read_text("utf-8"))
    state["log"].append(args)
    try:
        if os.environ.get("GH_TOKEN") != TOKEN:
            raise GhError(
                "gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN "
                "environment variable."
            )
        out = _gh_command(state, args)
    except GhError as exc:
        state_file.write_text(json.dumps(state, indent=1), "utf-8")
        print(exc, file=sys.stderr)
        return 1
    state_file.write_text(json.dumps(state, indent=1), "utf-8")
    if out is not None:
        sys.stdout.write(out)
    return 0


class GhError(Exception):
    pass


def _options(args: list[str], flags: tuple[str, ...] = ()) -> tuple[list[str], dict[str, str]]:
    """Positional arguments and `--name value` options (`flags` take no value)."""
    positional: list[str] = []
    options: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-") and arg != "-":
            key = {"-X": "--method", "-q": "--jq", "-R": "--repo"}.get(arg, arg)
            if key in flags:
                options[key] = "true"
            else:
                options[key] = args[i + 1]
                i += 1
        else:
            positional.append(arg)
        i += 1
    return positional, options


def _allowed(scope: str, *levels: str) -> None:
    granted = dict(p.split(":") for p in os.environ.get("FAKE_GITHUB_PERMISSIONS", "").split())
    if granted.get(scope) not in levels:
        raise GhError(f"HTTP 403: Resource not accessible by integration ({scope})")


def _jq(data: Any, options: dict[str, str]) -> str:
    text = json.dumps(data)
    if "--jq" not in options:
        return text + "\n"
    done = subprocess.run(
        ["jq", "-r", options["--jq"]], input=text, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise GhError(done.stderr)
    return done.stdout


def _body(options: dict[str, str]) -> str:
    if "--body-file" in options:
        return Path(options["--body-file"]).read_text("utf-8")
    return options.get("--body", "")


def _gh_command(state: dict[str, Any], args: list[str]) -> str | None:
    group, rest = args[0], args[1:]
    if group == "api":
        return _gh_api(state, rest)
    command, rest = rest[0], rest[1:]
    flags = ("--force", "--delete-branch")
    positional, options = _options(rest, flags)
    if os.environ.get("GH_REPO", options.get("--repo")) != REPOSITORY:
        raise GhError("gh: set GH_REPO to the repository")
    if group == "label" and command == "create":
        _allowed("issues", "write")
        name = positional[0]
        if name in state["labels"] and "--force" not in options:
            raise GhError(f"label {name} already exists")
        state["labels"][name] = {
            "color": options.get("--color"),
            "description": options.get("--description", ""),
        }
        return None
    if group == "issue":
        return _gh_issue(state, command, positional, options)
    if group == "pr":
        return _gh_pr(state, command, positional, options)
    raise GhError(f"gh {group} {command}: not simulated")


def _gh_issue(
    state: dict[str, Any], command: str, positional: list[str], options: dict[str, str]
) -> str | None:
    issues = state["issues"]
    if command == "list":
        _allowed("issues", "read", "write")
        found = [
            i
            for i in issues
            if i["state"] == options.get("--state", "open")
            and options.get("--label", i["labels"][0] if i["labels"] else "") in i["labels"]
        ][: int(options.get("--limit", "30"))]
        return _jq([{"number": i["number"]} for i in found], options)
    if command == "comment":
        _may_comment(state, int(positional[0]), "write")
        _comment(state, int(positional[0]), _body(options))
        return f"{SERVER}/{REPOSITORY}/issues/{positional[0]}#issuecomment\n"
    _allowed("issues", "write")
    if command == "create":
        label = options.get("--label")
        if label is not None and label not in state["labels"]:
            raise GhError(f"could not add label: '{label}' not found")
        number = int(state["next"])
        state["next"] = number + 1
        issues.append(
            {
                "number": number,
                "state": "open",
                "title": options["--title"],
                "body": _body(options),
                "labels": [label] if label else [],
                "user": BOT,
            }
        )
        return f"{SERVER}/{REPOSITORY}/issues/{number}\n"
    if command == "edit":
        issue = next((i for i in issues if i["number"] == int(positional[0])), None)
        if issue is None:
            raise GhError(f"issue {positional[0]} not found")
        if "--title" in options:
            issue["title"] = options["--title"]
        if "--body-file" in options or "--body" in options:
            issue["body"] = _body(options)
        return f"{SERVER}/{REPOSITORY}/issues/{issue['number']}\n"
    raise GhError(f"gh issue {command}: not simulated")


def _gh_pr(
    state: dict[str, Any], command: str, positional: list[str], options: dict[str, str]
) -> str | None:
    pulls = state["pulls"]
    if command == "list":
        _allowed("pull-requests", "read", "write")
        found = [
            p
            for p in pulls.values()
            if p["state"] == options.get("--state", "open")
            and options.get("--head", p["head"]["ref"]) == p["head"]["ref"]
        ][: int(options.get("--limit", "30"))]
        return _jq([{"number": p["number"]} for p in found], options)
    _allowed("pull-requests", "write")
    if command == "create":
        if not state.get("actions_may_open_pull_requests", True):
            raise GhError(
                "pull request create failed: GraphQL: GitHub Actions is not permitted to "
                "create or approve pull requests (createPullRequest)"
            )
        origin = Path(os.environ["FAKE_GITHUB_STATE"]).parent / "github.com" / REPOSITORY
        head_ref, base_ref = options["--head"], options.get("--base", "main")
        head = subprocess.run(
            ["git", "rev-parse", f"refs/heads/{head_ref}"],
            cwd=origin,
            capture_output=True,
            text=True,
        )
        if head.returncode != 0:
            raise GhError(f"pull request create failed: no branch {head_ref}")
        number = int(state["next"])
        state["next"] = number + 1
        base = git(origin, "rev-parse", f"refs/heads/{base_ref}").strip()
        pulls[str(number)] = {
            "number": number,
            "state": "open",
            "title": options["--title"],
            "body": _body(options),
            "user": BOT,
            "head": {"ref": head_ref, "sha": head.stdout.strip()},
            "base": {"ref": base_ref, "sha": base},
            "fork": False,
        }
        return f"{SERVER}/{REPOSITORY}/pull/{number}\n"
    pull = pulls.get(positional[0])
    if pull is None:
        raise GhError(f"pull request {positional[0]} not found")
    if command == "edit":
        if "--title" in options:
            pull["title"] = options["--title"]
        if "--body-file" in options or "--body" in options:
            pull["body"] = _body(options)
        return f"{SERVER}/{REPOSITORY}/pull/{pull['number']}\n"
    if command == "close":
        pull["state"] = "closed"
        if "--comment" in options:
            _comment(state, pull["number"], options["--comment"])
        return None
    raise GhError(f"gh pr {command}: not simulated")


def _may_comment(state: dict[str, Any], number: int, level: str) -> None:
    """Comments live on issues and pull requests alike (the issues API): on an issue the
    token needs `issues`, on a pull request `issues` or `pull-requests` (docs: "Permissions
    required for GitHub Apps", Issues and Pull requests)."""
    levels = ("write",) if level == "write" else ("read", "write")
    if str(number) in state["pulls"]:
        try:
            _allowed("pull-requests", *levels)
        except GhError:
            _allowed("issues", *levels)
    elif any(i["number"] == number for i in state["issues"]):
        _allowed("issues", *levels)
    else:
        raise GhError(f"gh: Not Found (HTTP 404): no issue or pull request {number}")


def _comment(state: dict[str, Any], issue: int, body: str) -> dict[str, Any]:
    comment = {"id": 500 + len(state["comments"]), "issue": issue, "body": body, "user": BOT}
    state["comments"].append(comment)
    return comment


def _gh_api(state: dict[str, Any], args: list[str]) -> str | None:
    positional, options = _options(args, ("--paginate",))
    method = options.get("--method", "GET")
    route = positional[0].removeprefix("/")
    prefix = f"repos/{REPOSITORY}/"
    if not route.startswith(prefix):
        raise GhError(f"gh: Not Found (HTTP 404): {route}")
    route = route[len(prefix) :]
    payload: dict[str, Any] = {}
    if "--input" in options:
        source = (
            sys.stdin.read() if options["--input"] == "-" else Path(options["--input"]).read_text()
        )
        payload = json.loads(source)
    if match := re.fullmatch(r"pulls/(\d+)", route):
        _allowed("pull-requests", "read", "write")
        pull = state["pulls"].get(match.group(1))
        if pull is None:
            raise GhError("gh: Not Found (HTTP 404)")
        return _jq({k: v for k, v in pull.items() if k != "fork"}, options)
    if match := re.fullmatch(r"pulls/(\d+)/files", route):
        _allowed("pull-requests", "read", "write")
        pull = state["pulls"].get(match.group(1))
        if pull is None:
            raise GhError("gh: Not Found (HTTP 404)")
        origin = Path(os.environ["FAKE_GITHUB_STATE"]).parent / "github.com" / REPOSITORY
        out = git(
            origin, "diff", "--name-only", "-z", f"{pull['base']['sha']}...{pull['head']['sha']}"
        )
        return _jq([{"filename": p} for p in out.split("\0") if p], options)
    if match := re.fullmatch(r"issues/(\d+)/comments", route):
        number = int(match.group(1))
        if method == "GET":
            _may_comment(state, number, "read")
            found = [
                {"id": c["id"], "body": c["body"], "user": {"login": c["user"]}}
                for c in state["comments"]
                if c["issue"] == number
            ]
            return _jq(found, options)
        _may_comment(state, number, "write")
        return _jq(_comment(state, number, payload["body"]), options)
    if match := re.fullmatch(r"issues/comments/(\d+)", route):
        comment = next((c for c in state["comments"] if c["id"] == int(match.group(1))), None)
        if comment is None or method != "PATCH":
            raise GhError("gh: Not Found (HTTP 404)")
        _may_comment(state, comment["issue"], "write")
        comment["body"] = payload["body"]
        return _jq(comment, options)
    raise GhError(f"gh api {route}: not simulated")


def main(argv: list[str]) -> int:
    program, args = argv[0], argv[1:]
    if program == "gh":
        return _gh(args)
    if program == "python":
        return _python(args)
    raise SystemExit(f"unknown stand-in {program}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
