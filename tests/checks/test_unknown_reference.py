"""KR201 for a case a meeting lists without a file: the 'did you mean' names only a case that
says it was presented at that meeting and is not listed there yet (issue 17), never an old
case of another group with a similar id; the hint is the command that writes the file."""

from __future__ import annotations

from support import MakeRepo, check, edit

LIEMERS = "network/meetings/2026/2026-10-15-liemers.md"


def test_a_misspelt_case_of_this_meeting_is_suggested(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    edit(repo, LIEMERS, "  - zorgmijder-na-ontslag-ggz\n", "  - zorgmijder-na-ontslag\n")
    assert check(repo).messages("KR201") == [
        "case 'zorgmijder-na-ontslag' is listed here, but there is no file for it "
        "(did you mean 'zorgmijder-na-ontslag-ggz'?)"
    ]


def test_a_similar_case_of_another_meeting_is_not_suggested(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    edit(repo, LIEMERS, "cases:\n", "cases:\n  - overlast-jongeren-winkelcentra\n")
    run = check(repo)
    assert run.messages("KR201") == [
        "case 'overlast-jongeren-winkelcentra' is listed here, but there is no file for it"
    ]
    hints = [str(f["hint"]) for f in run.findings if f["code"] == "KR201"]
    assert hints == [
        "write the case's file with: kring new case overlast-jongeren-winkelcentra "
        '--presented-at 2026-10-15-liemers --owner <member-id> --title "…" --question "…" '
        '--intention "…"'
    ]
