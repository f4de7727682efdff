"""The README and the guides tell the truth (SPEC §8, issue 15): a short front page that links
the network's overview and every guide, links that resolve, a maintainers' guide that lists
the workflows that ship file for file with their permissions, code owners for kring's rules,
`kring` command lines that parse, and a bot that writes no text of its own in English."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from support import ROOT

from kring.cli.main import cli
from kring.core.layout import RULE_PATHS

README = ROOT / "README.md"
DOCS = ROOT / "docs"
GUIDES = ("facilitators.md", "maintainers.md", "contributors.md")
WORKFLOWS = ROOT / ".github" / "workflows"


def text(path: Path) -> str:
    return path.read_text("utf-8")


def outside_code(markdown: str) -> str:
    """The Markdown without its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M)


def code_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", markdown, flags=re.S | re.M)


def test_the_front_page_is_short_and_links_the_network_and_every_guide() -> None:
    assert len(README.read_bytes()) < 15_000
    top = text(README).split("\n## ")[0]
    assert "[network/README.md](network/README.md)" in top
    guides = sorted(p.name for p in DOCS.glob("*.md"))
    assert set(GUIDES) <= set(guides)
    for guide in guides:  # every guide, also one that lands later
        assert f"](docs/{guide})" in text(README), guide


def test_the_quick_start_commands_are_the_ones_ci_runs() -> None:
    commands = [block.strip() for block in code_blocks(text(README), "sh")[:2]]
    assert commands[0].endswith(".venv/bin/kring check")
    assert commands[1].endswith(".venv/bin/python -m pytest -q")
    run = text(ROOT / ".ci" / "run")
    for command in commands:
        assert f"\n{command}\n" in run + "\n", command


@pytest.mark.parametrize(
    "page", ["README.md", *(f"docs/{p.name}" for p in sorted(DOCS.glob("*.md")))]
)
def test_every_relative_link_resolves(page: str) -> None:
    path = ROOT / page
    for target in re.findall(r"\]\(([^)\s]+)\)", outside_code(text(path))):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path
        assert resolved.exists(), f"{page}: {target}"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(text(resolved)), f"{page}: {target}"


def anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", outside_code(markdown), flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        out.add(slug)
    return out


# --- the maintainers' guide and the workflows that ship -----------------------------------------


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(text(path))
    if True in data:
        data["on"] = data.pop(True)
    return data


def declared_permissions(workflow: dict[str, Any]) -> set[str]:
    """`scope: level` for every permission the workflow or one of its jobs declares."""
    out = {f"{k}: {v}" for k, v in (workflow.get("permissions") or {}).items()}
    for job in workflow["jobs"].values():
        out |= {f"{k}: {v}" for k, v in (job.get("permissions") or {}).items()}
    return out


def guide_rows() -> dict[str, list[str]]:
    """The rows of the maintainers' guide's table of workflows, by file name."""
    rows = {}
    for line in text(DOCS / "maintainers.md").splitlines():
        match = re.match(r"^\| `([\w.-]+\.ya?ml)` \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split(" | ")]
    return rows


def test_the_maintainers_guide_lists_the_workflows_that_ship_file_for_file() -> None:
    shipped = sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))
    rows = guide_rows()
    assert sorted(rows) == shipped
    for name, (_runs_on, permissions, _does) in rows.items():
        written = set(re.findall(r"`([\w-]+: (?:read|write|none))`", permissions))
        assert written == declared_permissions(load(WORKFLOWS / name)), name


def test_the_maintainers_guide_names_the_settings_the_workflows_need() -> None:
    guide = " ".join(text(DOCS / "maintainers.md").split())
    for setting in (
        "Allow GitHub Actions to create and approve pull requests",
        "Require review from Code Owners",
        "Require status checks to pass",
        "choose **check**",
        "Do not require `test`",
        "kring-overdue",
        "fetch-depth: 0",
    ):
        assert setting in guide, setting
    # the required check is the job the gate runs in, and the one not to require is ci's
    assert list(load(WORKFLOWS / "check.yml")["jobs"]) == ["check"]
    assert list(load(WORKFLOWS / "ci.yml")["jobs"]) == ["test"]
    assert (
        "label=kring-overdue"
        in load(WORKFLOWS / "overdue.yml")["jobs"]["overdue"]["steps"][-1]["run"]
    )


def test_code_owners_hold_kring_s_rules() -> None:
    owned = [
        line.split()[0]
        for line in text(ROOT / ".github" / "CODEOWNERS").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert owned == [f"/{path}" for path in RULE_PATHS]


def test_the_pre_commit_rev_is_something_that_can_exist() -> None:
    guide = text(DOCS / "maintainers.md")
    version = re.search(r'^version = "(.+)"$', text(ROOT / "pyproject.toml"), re.M)
    assert version is not None
    hooks = yaml.safe_load(text(ROOT / ".pre-commit-hooks.yaml"))
    remote = [b for b in code_blocks(guide, "yaml") if "rev:" in b]
    assert remote, "the guide shows a pre-commit configuration with rev:"
    for block in remote:
        rev = re.search(r"^\s*rev: (.+?)\s*(#.*)?$", block, re.M)
        assert rev is not None
        # a commit id (shown as a placeholder) or the tag the release procedure makes
        assert rev.group(1) == "<full commit id of kring>" or re.fullmatch(
            r"[0-9a-f]{40}", rev.group(1)
        )
        assert f"v{version.group(1)}" in block or "release tag" in block
        hook_ids = re.findall(r"- id: ([\w-]+)", block)
        assert set(hook_ids) <= {h["id"] for h in hooks}
    assert "git tag -a v" in guide


# --- the guides' command lines, and the bot's own words ----------------------------------------


def command_lines() -> list[tuple[str, str]]:
    out = []
    for page in (README, *(DOCS / g for g in GUIDES)):
        for block in code_blocks(text(page), "sh"):
            for line in block.replace("\\\n", " ").splitlines():
                line = line.split("  #")[0].strip()
                if line.startswith("kring ") and "<" not in line and "|" not in line:
                    out.append((page.name, line.split(" > ")[0].split(" >> ")[0]))
    return out


@pytest.mark.parametrize(("page", "line"), command_lines(), ids=[c[1] for c in command_lines()])
def test_every_kring_command_line_in_the_guides_parses(page: str, line: str) -> None:
    args = shlex.split(line)[1:]
    ctx = click.Context(cli)
    command = cli.get_command(ctx, args[0])
    assert command is not None, f"{page}: no command {args[0]}"
    rest = args[1:]
    while isinstance(command, click.Group):
        sub = command.get_command(ctx, rest[0])
        assert sub is not None, f"{page}: {line}"
        command, rest = sub, rest[1:]
    try:
        command.make_context(args[0], list(rest))
    except click.UsageError as exc:
        pytest.fail(f"{page}: {line}: {exc}")


def test_the_bot_writes_no_words_of_its_own_into_the_repository() -> None:
    """Titles, bodies, descriptions, comments and commit messages come from kring, in the
    network's language; a workflow passes them on from files or `$(kring …)`."""
    wording = re.compile(r"--(title|body|description|comment|message)[ =](\"?)([^\"$ ]\S*)")
    for path in WORKFLOWS.glob("*.yml"):
        for step in (s for job in load(path)["jobs"].values() for s in job["steps"]):
            script = step.get("run", "")
            for match in wording.finditer(script):
                assert match.group(3).startswith(("$", "-")), f"{path.name}: {match.group(0)}"
            assert not re.search(r"commit [^\n]*-m ", script), f"{path.name}: a commit message"


@pytest.mark.parametrize(
    "page", ["README.md", *(f"docs/{p.name}" for p in sorted(DOCS.glob("*.md")))]
)
def test_every_file_of_kring_a_guide_names_exists(page: str) -> None:
    named = re.findall(
        r"`((?:tools|tests|schemas|scripts|benchmarks|docs|\.github)/[\w./-]*)`", text(ROOT / page)
    )
    assert named
    for path in named:
        assert (ROOT / path.rstrip("/")).exists(), f"{page}: {path}"
