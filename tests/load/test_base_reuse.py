"""The base of a change is loaded from the head where its files are the same (issue 8).

A pull request touches a few files of thousands; `kring check --changed-since` and
`kring summary` load the head first and take every unchanged file of the base from it.
"""

from __future__ import annotations

import json

from click.testing import CliRunner
from support import TODAY, MakeRepo, git

from kring.cli.main import cli
from kring.load import pipeline

MEMBER = "network/members/anna-de-vries.yaml"


def test_unchanged_files_of_the_base_are_the_heads_and_changed_ones_are_not(
    make_repo: MakeRepo,
) -> None:
    repo = make_repo(example=True)
    path = repo / MEMBER
    old = path.read_text("utf-8")
    assert "name: " in old
    # committed, staged and merely edited changes: none of these may come from the head
    path.write_text(old.replace("name: ", "name: Dr. ", 1), "utf-8")
    git(repo, "commit", "-q", "-am", "rename")
    staged = repo / "network" / "members" / "bram-wouters.yaml"
    staged.write_text(staged.read_text("utf-8") + "# staged\n", "utf-8")
    git(repo, "add", "-A")
    edited = repo / "network" / "themes" / "jeugd-en-veiligheid.yaml"
    edited.write_text(edited.read_text("utf-8") + "# edited\n", "utf-8")

    conf = pipeline.configuration(repo)
    begin = pipeline.start(repo, "HEAD~1", None)
    head, files = pipeline.load_head(repo, None, conf)
    base = pipeline.load_baseline(begin, conf, files).model
    cold = pipeline.load_baseline(begin, conf).model  # nothing reused

    heads = {f.path: f for f in head.files}
    changed = {MEMBER, str(staged.relative_to(repo)), str(edited.relative_to(repo))}
    for f in base.files:
        assert (f is heads.get(f.path)) == (f.path not in changed), f.path
    # ... and the base is what loading it afresh gives, record for record
    assert [f.path for f in base.files] == [f.path for f in cold.files]
    for kind in ("members", "meetings", "cases", "themes", "regions"):
        assert getattr(base, kind) == getattr(cold, kind), kind
    assert base.members["anna-de-vries"].name == cold.members["anna-de-vries"].name
    assert base.members["anna-de-vries"].name != head.members["anna-de-vries"].name


def test_changed_since_reports_as_before(make_repo: MakeRepo) -> None:
    # KR304 compares the base with the head: a meeting with an open action deleted.
    repo = make_repo(example=True)
    meetings = sorted((repo / "network" / "meetings").rglob("*.md"))
    with_open = next(p for p in meetings if "status: open" in p.read_text("utf-8"))
    git(repo, "rm", "-q", str(with_open.relative_to(repo)))

    def run(*extra: str) -> dict[str, object]:
        result = CliRunner().invoke(
            cli,
            ["check", "--repo", str(repo), "--today", TODAY, "--format", "json", *extra],
        )
        assert result.exit_code in (0, 1), result.output
        data: dict[str, object] = json.loads(result.output)
        data["summary"].pop("seconds")  # type: ignore[attr-defined]
        return data

    cold = run("--changed-since", "HEAD", "--no-cache")
    assert "KR304" in {f["code"] for f in cold["findings"]}  # type: ignore[attr-defined]
    assert run("--changed-since", "HEAD") == cold  # primes the cache
    assert run("--changed-since", "HEAD") == cold  # from it
