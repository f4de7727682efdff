"""A network repository made from this template, on a simulated GitHub (helpers_github.py).

The template is this repository as it is on disk — kring's code, schemas, pyproject.toml,
workflows, guides — with the example network from the tests' copy (support.EXAMPLE) as its
`network/`, never this repository's own `network/`, which a network's facilitators edit.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from helpers_github import Hub, PullRequest
from support import EXAMPLE, ROOT, git, kring

# What a network repository made from the template needs to run the bot; kring's own tests
# and benchmarks are left out (the bot never runs them).
LEFT_OUT = ("network/", "tests/", "benchmarks/", ".ci/", "scripts/")

# A facilitator's "record a follow-up" form for a case of the example network, as GitHub
# renders the submitted form in the issue's body (issue 20's must-show).
FOLLOW_UP_CASE = "network/cases/2026/statushouder-gezinshereniging-school.md"
FOLLOW_UP_FORM = (
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


def template_files() -> list[str]:
    """The template's files: what git tracks here and what it would add (not ignored)."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted(
        p for p in out.split("\0") if p and not p.startswith(LEFT_OUT) and (ROOT / p).is_file()
    )


def make_template(where: Path) -> Path:
    """A git repository at `where` holding the template with the example network, on main."""
    where.mkdir()
    for rel in template_files():
        (where / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, where / rel)
    shutil.copytree(EXAMPLE, where / "network", symlinks=True)
    git(where, "init", "-q", "-b", "main")
    # The issue forms follow the network, as intake.yml keeps them: in kring's own repository
    # they are the example's already; in a network repository they were made from its own.
    forms = kring(where, "intake", "--forms", "--write")
    assert forms.exit_code == 0, forms.output
    git(where, "add", "-A")
    git(where, "commit", "-q", "-m", "the network, from the kring template")
    return where


def make_hub(tmp_path: Path, pip_cache: Path) -> Hub:
    work = make_template(tmp_path / "template")
    return Hub.create(tmp_path / "github", work, pip_cache)


def change(hub: Hub, tmp_path: Path, branch: str, files: dict[str, str | None]) -> Path:
    """A clone of main with `files` written (None: deleted) and committed on `branch`."""
    work = hub.clone(tmp_path / f"work-{branch}")
    git(work, "checkout", "-q", "-b", branch)
    for rel, text in files.items():
        path = work / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", f"{branch}: a change")
    return work


def pull_request(
    hub: Hub, tmp_path: Path, branch: str, files: dict[str, str | None], *, fork: bool = False
) -> PullRequest:
    return hub.open_pull_request(change(hub, tmp_path, branch, files), branch, fork=fork)


def edited(rel: str, old: str, new: str) -> str:
    """The example network's file `rel` (network/…) with `old` replaced by `new`, once."""
    text = (EXAMPLE / rel.removeprefix("network/")).read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    return text.replace(old, new, 1)
