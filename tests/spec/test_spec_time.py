"""SPEC §2.1 and §3: an intention's due defaults to next-meeting."""

from __future__ import annotations

from support import MakeRepo, base_files, check

CASE = "network/cases/2026/casus.md"


def _open_case(due_line: str) -> dict[str, str | bytes]:
    files = base_files()
    text = str(files[CASE])
    text = text.replace("  due: next-meeting\n", due_line)
    text = text.replace(
        "follow_up:\n  reported_at: 2026-06-11-noord\n  done: Called them.\nstatus: followed-up\n",
        "",
    )
    assert "follow_up" not in text and ("due:" in text) == bool(due_line)
    files[CASE] = text
    return files


def test_an_intention_without_due_is_due_at_the_next_meeting(make_repo: MakeRepo) -> None:
    # presented on 2026-03-12; the owner attended the next meeting, 2026-06-11
    default = make_repo(_open_case(""))
    explicit = make_repo(_open_case("  due: next-meeting\n"))
    for today, expected in (("2026-06-11", set()), ("2026-06-12", {("KR302", CASE, 6)})):
        got = check(default, "--select", "KR302", today=today)
        assert got.found() == expected, (today, got.output)
        want = check(explicit, "--select", "KR302", today=today)
        assert got.found() == want.found()
        assert got.messages("KR302") == want.messages("KR302")
    dated = make_repo(_open_case("  due: 2027-01-01\n"))
    assert check(dated, "--select", "KR302", today="2026-06-12").found() == set()
