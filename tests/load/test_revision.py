"""Reading a revision straight from git objects: the same findings as the work tree."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import TODAY, MakeRepo, commit, git, write_files

from kring.checks import runner
from kring.checks.context import Context
from kring.cli.main import cli
from kring.core.config import Config
from kring.load import pipeline
from kring.load.repo import Revision, changed_paths, merge_base

CTX = Context(dt.date.fromisoformat(TODAY))

BROKEN = {
    "network/members/dup.yaml": "name: A\nname: B\norganisation: aalten\n",
    "network/members/bom.yaml": b"\xef\xbb\xbfname: X\n",
    "network/members/Bad_Name.yaml": "name: X\n",
    "network/meetings/2026/2026-13-01-achterhoek.md": "---\ndate: 2026-13-01\n---\n",
    "network/notes.txt": "misplaced\n",
    "network/cases/2026/anchor.md": "---\ntitle: &a x\nowner: *a\n---\n",
}


def _keys(findings: object) -> list[tuple[str, str, int, int]]:
    return [(f.code, f.source.path, f.source.line, f.source.column) for f in findings]  # type: ignore[attr-defined]


def test_revision_gives_the_same_findings_as_the_work_tree(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    config = Config()
    at_work = runner.run(pipeline.load(repo, config), CTX)
    at_head = runner.run(pipeline.load_revision(Revision(repo, "HEAD"), config), CTX)
    assert _keys(at_work) == _keys(at_head)
    assert {f.code for f in at_head} >= {"KR002", "KR003", "KR004", "KR005", "KR006"}


def test_revision_reads_an_old_commit_without_touching_the_work_tree(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    old = git(repo, "rev-parse", "HEAD").strip()
    (repo / "network/members/anna-de-vries.yaml").unlink()
    commit(repo, "remove anna")
    model = pipeline.load_revision(Revision(repo, old), Config())
    assert "anna-de-vries" in model.members
    assert not (repo / "network/members/anna-de-vries.yaml").exists()
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_a_symlink_in_a_commit_is_kr005_and_never_followed(make_repo: MakeRepo) -> None:
    repo = make_repo({"secret.yaml": "name: Secret\n", "network/members/a.yaml": "name: A\n"})
    os.symlink("../../secret.yaml", repo / "network/members/link.yaml")
    commit(repo, "link")
    model = pipeline.load_revision(Revision(repo, "HEAD"), Config())
    found = [f for f in runner.run(model, CTX) if f.code == "KR005"]
    assert [(f.source.path, f.source.line) for f in found] == [("network/members/link.yaml", 1)]
    assert "symbolic link" in found[0].message.render()
    assert model.members["link"].name is None


def test_a_submodule_in_a_commit_is_kr005(make_repo: MakeRepo) -> None:
    repo = make_repo({"network/network.yaml": "name: N\n"})
    sha = git(repo, "rev-parse", "HEAD").strip()
    # a gitlink entry, as `git submodule add` records it, without fetching anything
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{sha},network/members/sub")
    git(repo, "commit", "-q", "-m", "submodule")
    found = [
        f
        for f in runner.run(pipeline.load_revision(Revision(repo, "HEAD"), Config()), CTX)
        if f.code == "KR005"
    ]
    assert [(f.source.path, f.source.line) for f in found] == [("network/members/sub", 1)]
    assert "submodule" in found[0].message.render()


def test_an_oversized_blob_is_refused_before_parsing(make_repo: MakeRepo) -> None:
    repo = make_repo({"network/members/big.yaml": "name: " + "x" * 300_000 + "\n"})
    found = runner.run(pipeline.load_revision(Revision(repo, "HEAD"), Config()), CTX)
    assert [(f.code, f.source.path) for f in found if f.code == "KR003"] == [
        ("KR003", "network/members/big.yaml")
    ]


def test_changed_paths_between_commits_and_against_the_work_tree(make_repo: MakeRepo) -> None:
    repo = make_repo({"network/members/a.yaml": "name: A\n", "network/members/b.yaml": "name: B\n"})
    base = git(repo, "rev-parse", "HEAD").strip()
    write_files(repo, {"network/members/a.yaml": "name: A2\n", "network/members/c.yaml": "x\n"})
    (repo / "network/members/b.yaml").unlink()
    assert changed_paths(repo, base, None) == {
        "network/members/a.yaml": "M",
        "network/members/b.yaml": "D",
        "network/members/c.yaml": "A",  # untracked, still part of the change
    }
    commit(repo, "change")
    git(repo, "mv", "network/members/c.yaml", "network/members/d.yaml")
    head = commit(repo, "rename")
    # a rename is a removal and an addition: both ids matter
    assert changed_paths(repo, base, head) == {
        "network/members/a.yaml": "M",
        "network/members/b.yaml": "D",
        "network/members/d.yaml": "A",
    }


def test_merge_base_is_where_the_branch_left_main(make_repo: MakeRepo) -> None:
    repo = make_repo({"network/network.yaml": "name: N\n"})
    start = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "change")
    write_files(repo, {"network/members/a.yaml": "name: A\n"})
    commit(repo, "on the branch")
    git(repo, "checkout", "-q", "main")
    write_files(repo, {"network/members/z.yaml": "name: Z\n"})
    commit(repo, "main moved on")
    git(repo, "checkout", "-q", "change")
    assert merge_base(repo, "main", None) == start
    # main's own later change is not part of the branch's change
    assert changed_paths(repo, start, None) == {"network/members/a.yaml": "A"}


def test_a_network_in_a_subfolder_of_the_git_repository(make_repo: MakeRepo) -> None:
    repo = make_repo({"site/network/members/a.yaml": "name: A\n"})
    root = repo / "site"
    model = pipeline.load_revision(Revision(root, "HEAD"), Config())
    assert list(model.members) == ["a"]
    base = git(repo, "rev-parse", "HEAD").strip()
    write_files(root, {"network/members/b.yaml": "name: B\n"})
    assert changed_paths(root, base, None) == {"network/members/b.yaml": "A"}


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/x", "HEAD~5"])
def test_an_unknown_revision_is_a_usage_error_not_a_traceback(
    make_repo: MakeRepo, ref: str
) -> None:
    repo = make_repo(example=True)
    for args in (["summary", "--base", ref], ["check", "--changed-since", ref]):
        result = CliRunner().invoke(cli, [*args, "--repo", str(repo), "--today", TODAY])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert "not a" in result.output


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "network").mkdir()
    result = CliRunner().invoke(cli, ["summary", "--base", "main", "--repo", str(tmp_path)])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


def test_gitpython_is_imported_only_when_history_is_read(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    code = (
        "import sys\nfrom kring.cli.main import main\nsys.argv = ['kring', 'check', '--repo', "
        f"{str(repo)!r}, '--today', {TODAY!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'git' not in sys.modules, 'GitPython imported by a plain check'\n"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
