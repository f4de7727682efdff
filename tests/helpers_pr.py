"""Pull-request scenarios on real git repositories: a base commit, then a change on a branch."""

from __future__ import annotations

from pathlib import Path

from conftest import git, write_files

NEW_MEETING = "network/meetings/2026/2026-12-10-achterhoek.md"
CLOSED_IN = "network/meetings/2026/2026-11-12-achterhoek.md"
INTENTION_CASE = "network/cases/2026/zorgmijder-na-ontslag-ggz.md"

MEETING_TEXT = """\
---
date: 2026-12-10
group: achterhoek
kind: regional
host: aalten
chair: anna-de-vris
attendees: [anna-de-vries, marieke-jansen, joost-hendriks]
topic: Work plan 2027
---

# Achterhoek platform, 10 December 2026
"""


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), "utf-8")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def must_show_change(repo: Path) -> str:
    """On a branch `change`: add a meeting (whose chair has a typo: KR201 at line 6, column
    8), close one action, delete another case's open intention. Returns the head commit;
    `main` stays the base."""
    git(repo, "checkout", "-q", "-b", "change")
    write_files(repo, {NEW_MEETING: MEETING_TEXT})
    edit(
        repo,
        CLOSED_IN,
        "    due: next-meeting\n    status: open\n  - id: werkplan-2027",
        "    due: next-meeting\n    status: done\n    closed: 2026-12-10\n  - id: werkplan-2027",
    )
    edit(
        repo,
        INTENTION_CASE,
        "intention:\n  what: Agree with the community mental health team on a joint outreach "
        "plan with a clear moment to evaluate.\n  due: next-meeting\n",
        "",
    )
    return commit(repo, "December meeting")


def line_of(repo: Path, path: str, text: str) -> int:
    for number, line in enumerate((repo / path).read_text("utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")
