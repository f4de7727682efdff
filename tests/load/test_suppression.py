"""Suppression comments (SPEC §5): line and file forms, KR901 unused, KR902 invalid."""

from __future__ import annotations

import json

from click.testing import CliRunner
from support import TODAY, MakeRepo

from kring.cli.main import cli
from kring.load.suppression import parse

MEMBER = "network/members/helpdesk.yaml"
HEAD = "name: Helpdesk\norganisation: winterswijk\ngroups: [achterhoek]\njoined: 2025-01-01\n"
MEETING = "network/meetings/2026/2026-12-03-achterhoek.md"


# The example network is written with overdue items (KR30x); network health (KR40x) is
# not what these tests are about.
QUIET = ("--ignore", "KR3,KR4")


def findings(repo: object, *args: str) -> set[tuple[str, str, int]]:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--format", "json", *QUIET, *args]
    )
    assert result.exit_code in (0, 1), result.output
    return {(f["code"], f["path"], f["line"]) for f in json.loads(result.output)["findings"]}


def test_same_line_and_line_above_in_yaml(make_repo: MakeRepo) -> None:
    text = (
        HEAD
        + "x-a: desk@example.org  # kring: ignore[KR501]\n"
        + "# kring: ignore[KR501, KR502]\n"
        + "\n"
        + "x-b: desk@example.org 06-12345678\n"
        + "x-c: other@example.org\n"
    )
    got = findings(make_repo({MEMBER: text}, example=True))
    assert got == {("KR501", MEMBER, 9)}


def test_markdown_line_forms_and_front_matter(make_repo: MakeRepo) -> None:
    meeting = (
        "---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\n"
        "topic: desk@example.org  # kring: ignore[KR501]\n---\n\n"
        "Write to desk@example.org <!-- kring: ignore[KR501] -->\n"
        "<!-- kring: ignore[KR502] -->\n"
        "Call 06-12345678.\n"
        "Call 06-87654321.\n"
    )
    got = findings(make_repo({MEETING: meeting}, example=True))
    assert got == {("KR502", MEETING, 11)}


def test_file_level_forms(make_repo: MakeRepo) -> None:
    member = HEAD + "# kring: ignore-file[KR501]\nx-a: a@example.org\nx-b: b@example.org\n"
    meeting = (
        "---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\n---\n"
        "<!-- kring: ignore-file[KR502,KR501] -->\n\nCall 06-12345678 or a@example.org.\n"
    )
    got = findings(make_repo({MEMBER: member, MEETING: meeting}, example=True))
    assert got == set()


def test_cross_file_findings_are_suppressed_too(make_repo: MakeRepo) -> None:
    meeting = (
        "---\ndate: 2026-12-03\ngroup: achterhoek\nkind: regional\n"
        "chair: nobody-here  # kring: ignore[KR201]\n---\n"
    )
    assert findings(make_repo({MEETING: meeting}, example=True)) == set()
    unsuppressed = meeting.replace("  # kring: ignore[KR201]", "")
    assert findings(make_repo({MEETING: unsuppressed}, example=True)) == {("KR201", MEETING, 5)}


def test_unused_suppression_is_kr901(make_repo: MakeRepo) -> None:
    text = HEAD + "x-a: nothing personal  # kring: ignore[KR501]\n"
    repo = make_repo({MEMBER: text}, example=True)
    assert findings(repo) == {("KR901", MEMBER, 5)}
    # A code switched off in this run is not called unused.
    assert findings(repo, "--select", "KR9", "--ignore", "KR901") == set()
    assert findings(repo, "--ignore", "KR501") == set()


def test_bare_and_unknown_codes_are_kr902(make_repo: MakeRepo) -> None:
    text = (
        HEAD
        + "x-a: desk@example.org  # kring: ignore\n"
        + "x-b: text  # kring: ignore[]\n"
        + "x-c: text  # kring: ignore[KR501 KR502]\n"
        + "x-d: text  # kring: ignore[KR999]\n"
        + "# kring: ignore-file\n"
    )
    got = findings(make_repo({MEMBER: text}, example=True))
    assert got == {
        ("KR501", MEMBER, 5),
        ("KR902", MEMBER, 5),
        ("KR902", MEMBER, 6),
        ("KR902", MEMBER, 7),
        ("KR902", MEMBER, 8),
        ("KR902", MEMBER, 9),
    }


def test_parse_targets() -> None:
    text = "a: 1  # kring: ignore[KR101]\n# kring: ignore[KR102]\n# kring: ignore[kr201]\n\nb: 2\n"
    suppressions, problems = parse("x.yaml", text, markdown=False)
    assert problems == []
    assert [(s.line, s.codes, s.target) for s in suppressions] == [
        (1, ("KR101",), 1),
        (2, ("KR102",), 5),
        (3, ("KR201",), 5),
    ]


def test_a_hash_inside_a_word_is_not_a_comment() -> None:
    suppressions, problems = parse("x.yaml", "a: b#kring: ignore[KR101]\n", markdown=False)
    assert suppressions == () and problems == []


def test_markdown_heading_is_not_a_suppression() -> None:
    text = "---\na: 1\n---\n# kring: ignore[KR501]\n"
    suppressions, problems = parse("x.md", text, markdown=True, body_line=4)
    assert suppressions == () and problems == []


def test_a_suppression_cannot_silence_kr902(make_repo: MakeRepo) -> None:
    text = HEAD + "x-a: text  # kring: ignore # kring: ignore[KR902]\n"
    got = findings(make_repo({MEMBER: text}, example=True))
    assert ("KR902", MEMBER, 5) in got
