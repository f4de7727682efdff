"""SPEC §2 and §2.2: ids, dates and the size limit as a facilitator meets them."""

from __future__ import annotations

from support import MakeRepo, base_files, check

MEMBER = "name: Dana\norganisation: stad\ngroups: [noord]\njoined: 2026-01-01\n"


def test_an_id_has_at_most_64_characters(make_repo: MakeRepo) -> None:
    files = base_files()
    longest = "-".join(["abcdefg"] * 8)  # 8 * 7 + 7 = 63
    longest += "h"
    assert len(longest) == 64
    files[f"network/members/{longest}.yaml"] = MEMBER
    assert check(make_repo(files)).found() == set()
    too_long = longest + "i"
    files = base_files()
    files[f"network/members/{too_long}.yaml"] = MEMBER
    run = check(make_repo(files))
    assert run.found() == {("KR006", f"network/members/{too_long}.yaml", 1)}, run.output
    assert run.exit_code == 1


def _dated(quote: str) -> dict[str, str | bytes]:
    q = quote
    files = base_files()
    files["network/members/dana.yaml"] = (
        f"name: Dana\norganisation: stad\ngroups: [noord]\njoined: {q}2026-01-01{q}\n"
        f"left: {q}2025-12-31{q}\n"
    )
    files["network/meetings/2026/2026-09-10-noord.md"] = (
        f"---\ndate: {q}2026-09-10{q}\ngroup: noord\nkind: regional\nactions:\n"
        f"  - id: brief\n    owner: anna\n    what: Write it.\n    due: {q}2026-10-01{q}\n"
        "---\n"
    )
    return files


def test_a_quoted_and_a_bare_date_mean_the_same(make_repo: MakeRepo) -> None:
    bare = check(make_repo(_dated("")))
    meeting = "network/meetings/2026/2026-09-10-noord.md"
    # left before joined, a past meeting without attendees, an action overdue since October
    assert bare.found() == {
        ("KR204", "network/members/dana.yaml", 5),
        ("KR205", meeting, 2),
        ("KR301", meeting, 6),
    }, bare.output
    for quote in ('"', "'"):
        quoted = check(make_repo(_dated(quote)))
        assert quoted.found() == bare.found(), quoted.output
        assert quoted.messages("KR301") == bare.messages("KR301")


def _padded(size: int) -> bytes:
    head = MEMBER.encode()
    filler = size - len(head) - 2
    return head + b"#" + b"x" * filler + b"\n"


def test_files_over_256_kib_are_refused_by_default(make_repo: MakeRepo) -> None:
    files = base_files()
    files["network/members/dana.yaml"] = _padded(256 * 1024)
    assert len(files["network/members/dana.yaml"]) == 256 * 1024
    assert check(make_repo(files)).found() == set()
    files["network/members/dana.yaml"] = _padded(256 * 1024 + 1)
    run = check(make_repo(files))
    assert run.found() == {("KR003", "network/members/dana.yaml", 1)}, run.output
