"""`kring history`: real git repositories, renames, shallow clones, nothing confidential."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_network import CANARIES, SMALL, assert_no_canary
from support import TODAY, MakeRepo, git

from kring.cli.main import cli


def history(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["history", "--repo", str(repo), "--today", TODAY, *args])
    return result.exit_code, result.output


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, "--date", date)


@pytest.fixture
def renamed(make_repo: MakeRepo) -> Path:
    """A network whose member cor-cc was renamed to cor-cornelis (git mv) and edited."""
    repo = make_repo(SMALL)
    member = repo / "network/members/cor-cc.yaml"
    member.write_text(member.read_text("utf-8").replace("Cor Cc", "Cor Cornelis"), "utf-8")
    commit(repo, "Cor's full name", "2026-01-02T10:00:00+01:00")
    git(repo, "mv", "network/members/cor-cc.yaml", "network/members/cor-cornelis.yaml")
    for path in (repo / "network/meetings").rglob("*.md"):
        path.write_text(path.read_text("utf-8").replace("cor-cc", "cor-cornelis"), "utf-8")
    commit(repo, "Rename cor-cc to cor-cornelis", "2026-02-03T10:00:00+01:00")
    return repo


def test_history_follows_a_rename_newest_first(renamed: Path) -> None:
    code, output = history(renamed, "cor-cornelis", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert data["kind"] == "member"
    assert data["path"] == "network/members/cor-cornelis.yaml"
    assert data["shallow"] is False
    subjects = [c["subject"] for c in data["commits"]]
    # the first commit also added the confidential cases: its subject is hidden everywhere
    assert subjects == ["Rename cor-cc to cor-cornelis", "Cor's full name", None]
    assert [c["date"][:10] for c in data["commits"][:2]] == ["2026-02-03", "2026-01-02"]
    assert {c["author"] for c in data["commits"]} == {"Test Facilitator"}
    assert "example.invalid" not in output, "never an author's e-mail address"


def test_text_and_markdown_formats(renamed: Path) -> None:
    code, text = history(renamed, "cor-cornelis")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "History of member cor-cornelis (network/members/cor-cornelis.yaml)"
    assert lines[2].startswith("2026-02-03  ")
    assert lines[2].endswith("  Test Facilitator: Rename cor-cc to cor-cornelis")
    code, markdown = history(renamed, "noord", "--format", "markdown")
    assert code == 0
    assert markdown.startswith("## History of region `noord`\n")
    assert "| Date | Commit | Author | Subject |" in markdown


def test_unknown_and_ambiguous_ids(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    code, output = history(repo, "bob-b")
    assert code == 2
    assert "no member, group, meeting or case with the id 'bob-b' (did you mean 'bob-bb'?)" in (
        output
    )
    # A member and a case may share an id: the command asks which one is meant.
    (repo / "network/cases/2026/bob-bb.md").write_text(
        (repo / "network/cases/2025/open-zaak.md").read_text("utf-8"), "utf-8"
    )
    code, output = history(repo, "bob-bb")
    assert code == 2
    assert "'bob-bb' is a case, member: say which with --kind" in output
    code, output = history(repo, "bob-bb", "--kind", "member")
    assert code == 0, output


def test_every_kind_of_id(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    for ident, kind in [
        ("network", "network"),
        ("noord", "region"),
        ("digitaal", "theme"),
        ("ann-aa", "member"),
        ("2025-03-06-noord", "meeting"),
        ("open-zaak", "case"),
    ]:
        code, output = history(repo, ident, "--format", "json")
        assert code == 0, output
        data = json.loads(output)
        assert data["kind"] == kind
        # the one commit also added the confidential cases
        assert [c["subject"] for c in data["commits"]] == [None]


def test_a_case_shows_its_timeline(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    data = json.loads(history(repo, "geheim-een", "--format", "json")[1])
    assert data["confidential"] is True
    assert data["timeline"] == [
        {"event": "presented", "date": "2025-03-06", "meeting": "2025-03-06-noord"},
        {"event": "due", "date": "2025-09-04", "meeting": "2025-09-04-noord"},
        {"event": "followed-up", "date": "2025-09-04", "meeting": "2025-09-04-noord"},
    ]
    code, text = history(repo, "open-zaak")
    assert code == 0
    assert "  2026-03-05    follow-up due  (2026-03-05-noord)" in text.splitlines()


def test_subjects_that_may_name_a_confidential_case_are_hidden(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    case = repo / "network/cases/2025/geheim-een.md"
    case.write_text(case.read_text("utf-8") + "\nMore.\n", "utf-8")
    commit(repo, "Notes on CANARY-TITLE-7f3a a family in debt", "2026-01-05T09:00:00+01:00")
    meeting = repo / "network/meetings/2025/2025-03-06-noord.md"
    meeting.write_text(meeting.read_text("utf-8") + "\nMore minutes.\n", "utf-8")
    commit(repo, "Minutes: canary-title-7F3A  A family in debt", "2026-01-06T09:00:00+01:00")
    for fmt in ("text", "markdown", "json"):
        for ident in ("geheim-een", "2025-03-06-noord", "ann-aa", "network"):
            code, output = history(repo, ident, "--format", fmt)
            assert code == 0, output
            assert_no_canary(output, f"history {ident} --format {fmt}")
            assert "family in debt" not in output
    case_commits = json.loads(history(repo, "geheim-een", "--format", "json")[1])["commits"]
    assert [c["subject"] for c in case_commits] == [None, None]
    meeting_commits = json.loads(history(repo, "2025-03-06-noord", "--format", "json")[1])
    assert [c["subject"] for c in meeting_commits["commits"]] == [None, None]
    text = history(repo, "geheim-een")[1]
    assert "(subject hidden: it may name a confidential case)" in text


def test_a_commit_that_touched_a_confidential_case_is_hidden_from_every_history(
    make_repo: MakeRepo,
) -> None:
    repo = make_repo(SMALL)
    member = repo / "network/members/ann-aa.yaml"
    case = repo / "network/cases/2025/geheim-een.md"
    member.write_text(member.read_text("utf-8") + "stage: advanced\n", "utf-8")
    case.write_text(case.read_text("utf-8") + "\nMore.\n", "utf-8")
    commit(repo, "Ann's stage and her family's debts", "2026-01-05T09:00:00+01:00")
    member.write_text(member.read_text("utf-8").replace("advanced", "starter"), "utf-8")
    public = repo / "network/cases/2025/open-zaak.md"
    public.write_text(public.read_text("utf-8") + "\nMore.\n", "utf-8")
    commit(repo, "Ann is a starter after all", "2026-01-06T09:00:00+01:00")
    for ident in ("ann-aa", "network", "open-zaak"):
        data = json.loads(history(repo, ident, "--format", "json")[1])
        assert "Ann's stage and her family's debts" not in json.dumps(data)
    subjects = [
        c["subject"] for c in json.loads(history(repo, "ann-aa", "--format", "json")[1])["commits"]
    ]
    # a commit that touched a case that says confidential: false keeps its subject
    assert subjects == ["Ann is a starter after all", None, None]
    opened = [
        c["subject"]
        for c in json.loads(history(repo, "open-zaak", "--format", "json")[1])["commits"]
    ]
    assert opened[0] == "Ann is a starter after all"
    # a case file that was deleted counts as confidential: git cannot say what it was
    (repo / "network/cases/2025/open-zaak.md").unlink()
    commit(repo, "Remove the open case", "2026-01-07T09:00:00+01:00")
    subjects = [
        c["subject"] for c in json.loads(history(repo, "network", "--format", "json")[1])["commits"]
    ]
    assert "Ann is a starter after all" not in subjects


def test_history_never_follows_a_link_out_of_the_repository(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ann-aa.yaml").write_text("name: Ann\n", "utf-8")
    repo = make_repo(SMALL)
    (repo / "network/members/ann-aa.yaml").unlink()
    (repo / "network/members/ann-aa.yaml").symlink_to(outside / "ann-aa.yaml")
    code, output = history(repo, "ann-aa")
    # the history of the path as git knows it (the initial commit's file), not of the link's
    # target
    assert code == 0, output
    assert "History of member ann-aa (network/members/ann-aa.yaml)" in output
    (repo / "network").rename(tmp_path / "elsewhere")
    (repo / "network").symlink_to(tmp_path / "elsewhere")
    code, output = history(repo, "noord")
    assert code == 2, output
    assert "Traceback" not in output


def test_a_shallow_clone_says_history_is_incomplete(renamed: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{renamed}", str(clone))
    data = json.loads(history(clone, "cor-cornelis", "--format", "json")[1])
    assert data["shallow"] is True
    # at a shallow clone's edge git shows the first commit as adding every file, the
    # confidential cases too: its subject is hidden
    assert [c["subject"] for c in data["commits"]] == [None]
    code, text = history(clone, "cor-cornelis")
    assert code == 0
    assert "shallow clone, so the history is incomplete" in text
    assert "shallow clone" not in history(renamed, "cor-cornelis")[1]


def test_no_git_repository_and_no_commits(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo(SMALL)
    plain = tmp_path / "plain"
    shutil.copytree(repo / "network", plain / "network")
    code, output = history(plain, "ann-aa")
    assert code == 2
    assert "is not in a git repository" in output
    fresh = make_repo(SMALL, commit=False)
    code, output = history(fresh, "ann-aa")
    assert code == 0, output
    assert "No commit has touched this file yet." in output


def test_canaries_are_really_in_the_data(make_repo: MakeRepo) -> None:
    """The canary tests above could not fail if the canaries were not in the files."""
    repo = make_repo(SMALL)
    data = "".join(p.read_text("utf-8") for p in (repo / "network/cases").rglob("*.md"))
    assert all(canary in data for canary in CANARIES)
