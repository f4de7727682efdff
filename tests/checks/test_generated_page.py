"""KR008 on a change: a page the change edits must be what `kring report` writes for that
revision, as of the date and in the language the page records; a change that leaves the
pages alone is never failed because they are stale (SPEC §5, issue 14)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from support import MakeRepo, check, commit, edit, git, kring

from kring.core import page_stamp

PAGE = "network/regions/liemers.md"
MEMBER = "network/members/noor-wiggers.yaml"


def pages_of_the_change(repo: Path, *args: str) -> list[tuple[str, str]]:
    run = check(repo, "--changed-since", "main", *args)
    return [(str(f["path"]), str(f["message"])) for f in run.findings if f["code"] == "KR008"]


def restamp(repo: Path, path: str) -> None:
    """Make the digest on a page's first line fit its text again, as someone who knows how
    would after editing it."""
    file = repo / path
    first, below = page_stamp.split(file.read_text("utf-8"))
    stamp = page_stamp.read(first)
    assert stamp is not None
    tail = first.split(" — ", 1)[1].removesuffix(" -->")
    file.write_text(page_stamp.first_line(below, stamp.day, stamp.lang, tail) + "\n" + below)


def branch(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "change")


def test_the_example_pages_are_what_the_report_writes(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    result = kring(repo, "report", "--check")
    assert result.exit_code == 0, result.output


def test_a_page_edited_by_hand_fails_every_check(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    edit(repo, PAGE, "# Liemers", "# Liemers (the best platform)")
    plain = check(repo)
    assert [(f["path"], f["message"]) for f in plain.findings if f["code"] == "KR008"] == [
        (PAGE, "the page was edited by hand: it is not the text kring report wrote")
    ]
    assert plain.exit_code == 1


def test_a_page_edited_with_its_digest_fixed_fails_the_change(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    branch(repo)
    edit(repo, PAGE, "# Liemers", "# Liemers (the best platform)")
    restamp(repo, PAGE)
    commit(repo, "A nicer title")
    assert not [f for f in check(repo).findings if f["code"] == "KR008"]  # the digest fits
    assert pages_of_the_change(repo) == [
        (
            PAGE,
            "this change edits the page, which is not what kring report writes for this "
            "revision as of 2026-11-25",
        )
    ]
    summary = kring(repo, "summary", "--base", "main").output
    assert f"`{PAGE}:1` **KR008**" in summary


def test_a_lessons_page_rewritten_with_its_digest_fixed_fails_the_change(
    make_repo: MakeRepo,
) -> None:
    """The lessons pages are generated pages too: a lesson added by hand is caught."""
    repo = make_repo(example=True)
    branch(repo)
    lessons = "network/lessons/liemers.md"
    edit(repo, lessons, "# Lessons: Liemers", "# Lessons: Liemers\n\nA lesson nobody reported.")
    restamp(repo, lessons)
    commit(repo, "A lesson of our own")
    assert pages_of_the_change(repo) == [
        (
            lessons,
            "this change edits the page, which is not what kring report writes for this "
            "revision as of 2026-11-25",
        )
    ]


def test_a_page_changed_to_another_date_fails_the_change(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    branch(repo)
    page = repo / PAGE
    page.write_text(page.read_text("utf-8").replace("(2026-11-25, en,", "(2026-12-01, en,", 1))
    commit(repo, "A later date, the rest as it was")
    assert pages_of_the_change(repo) == [
        (
            PAGE,
            "this change edits the page, which is not what kring report writes for this "
            "revision as of 2026-12-01",
        )
    ]


def test_pages_the_report_wrote_for_the_change_pass(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    branch(repo)
    edit(repo, MEMBER, "name: Noor Wiggers", "name: Noor Wiggers-Bakker")
    assert kring(repo, "report", today="2026-12-02").exit_code == 0
    commit(repo, "A name, and the pages as of half a year later")
    assert "as of 2026-12-02" in (repo / PAGE).read_text("utf-8")
    assert pages_of_the_change(repo) == []


def test_a_change_that_leaves_the_pages_alone_is_not_failed_for_stale_pages(
    make_repo: MakeRepo,
) -> None:
    repo = make_repo(example=True)
    branch(repo)
    edit(repo, MEMBER, "name: Noor Wiggers", "name: Noor Wiggers-Bakker")
    commit(repo, "A name; the report workflow writes the pages after the merge")
    assert kring(repo, "report", "--check").exit_code == 1  # the pages are stale ...
    assert pages_of_the_change(repo) == []  # ... and that fails nothing


def test_a_page_is_held_to_the_language_it_records(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    assert kring(repo, "report", "--lang", "nl").exit_code == 0
    commit(repo, "Dutch pages")
    branch(repo)
    edit(repo, MEMBER, "name: Noor Wiggers", "name: Noor Wiggers-Bakker")
    assert kring(repo, "report", "--lang", "nl").exit_code == 0
    commit(repo, "A name, and the pages in Dutch")
    stamp = page_stamp.read((repo / PAGE).read_text("utf-8"))
    assert stamp is not None and (stamp.day, stamp.lang) == (dt.date(2026, 11, 25), "nl")
    assert pages_of_the_change(repo, "--lang", "en") == []


def test_an_added_page_of_a_group_with_no_file_is_an_orphan(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    branch(repo)
    theme = repo / "network/themes/jeugd-en-veiligheid.md"
    (repo / "network/themes/weg.md").write_text(theme.read_text("utf-8"), "utf-8")
    commit(repo, "A page of a theme that has no file")
    found = pages_of_the_change(repo)
    assert ("network/themes/weg.md", "the page of theme 'weg', which has no data file") in found


def test_a_page_is_read_beyond_the_data_files_size_limit(make_repo: MakeRepo) -> None:
    """The README of a large network outgrows `max-file-kib`, which is for data files."""
    repo = make_repo({"pyproject.toml": "[tool.kring]\nmax-file-kib = 4\n"}, example=True)
    assert (repo / "network/README.md").stat().st_size > 4 * 1024
    run = check(repo)
    assert not [f for f in run.findings if f["code"] in ("KR003", "KR008")], run.output


# --- network/export.json, the export a koepel reads (SPEC §10) ---------------------------------

EXPORT = "network/export.json"


def exported(repo: Path, today: str = "2026-11-25") -> None:
    """`kring export --write` as the report workflow runs it, committed on main."""
    assert kring(repo, "export", "--write", today=today).exit_code == 0
    commit(repo, "The export")


def test_an_export_edited_by_hand_fails_the_change(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    exported(repo)
    branch(repo)
    document = json.loads((repo / EXPORT).read_text("utf-8"))
    document["members"]["current"] += 10  # a network that looks bigger than it is
    (repo / EXPORT).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    commit(repo, "More members")
    assert not [f for f in check(repo).findings if f["code"] == "KR008"]  # no base: no finding
    assert pages_of_the_change(repo) == [
        (
            EXPORT,
            "this change edits network/export.json, which is not what kring export writes "
            "for this revision as of 2026-11-25",
        )
    ]
    summary = kring(repo, "summary", "--base", "main").output
    assert f"`{EXPORT}:1` **KR008**" in summary


def test_personal_data_and_controls_written_as_json_escapes_are_found_in_the_export(
    make_repo: MakeRepo,
) -> None:
    # Bug: the export was scanned only as written, so "jan\\u0040example.nl" (an e-mail
    # address once JSON is read, as a koepel reads it) and "\\u001b[2J" passed kring check.
    repo = make_repo(example=True)
    exported(repo)
    edit(
        repo,
        EXPORT,
        '"name": "Kenniskring Sociaal Domein Oost"',
        '"name": "Kenniskring jan\\u0040example.nl \\u001b[2J"',
    )
    commit(repo, "A hand edit")
    line = (repo / EXPORT).read_text("utf-8").split("\n").index(
        '    "name": "Kenniskring jan\\u0040example.nl \\u001b[2J",'
    ) + 1
    findings = [(f["code"], f["path"], f["line"]) for f in check(repo).findings]
    assert ("KR501", EXPORT, line) in findings
    assert ("KR004", EXPORT, line) in findings
    assert "example.nl" not in kring(repo, "check", today="2026-11-25").output


def test_an_untouched_stale_export_does_not_fail_the_change(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    exported(repo)
    branch(repo)
    (repo / "network/members/eva-jansen.yaml").write_text(
        (repo / MEMBER).read_text("utf-8").replace("Noor Wiggers", "Eva Jansen"), "utf-8"
    )
    commit(repo, "A new member; the report workflow writes the export after the merge")
    assert kring(repo, "export", "--check").exit_code == 1  # the export is stale ...
    assert pages_of_the_change(repo) == []  # ... and that fails nothing


def test_an_export_that_kring_export_wrote_for_the_change_passes(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    exported(repo)
    branch(repo)
    (repo / "network/members/eva-jansen.yaml").write_text(
        (repo / MEMBER).read_text("utf-8").replace("Noor Wiggers", "Eva Jansen"), "utf-8"
    )
    exported(repo, today="2026-12-02")
    assert '"today": "2026-12-02"' in (repo / EXPORT).read_text("utf-8")
    assert pages_of_the_change(repo) == []  # checked on 2026-11-25, held to 2026-12-02


def test_an_export_added_by_the_change_is_held_to_what_kring_export_writes(
    make_repo: MakeRepo,
) -> None:
    repo = make_repo(example=True)
    branch(repo)
    exported(repo)
    assert pages_of_the_change(repo) == []
    edit(repo, EXPORT, '"today": "2026-11-25"', '"today": "2027-06-01"')
    commit(repo, "The same facts, said to be of half a year later")
    assert pages_of_the_change(repo) == [
        (
            EXPORT,
            "this change edits network/export.json, which is not what kring export writes "
            "for this revision as of 2027-06-01",
        )
    ]
