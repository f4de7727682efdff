"""Schema findings as a facilitator reads them: the hint holds the exact text to type."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import MakeRepo, check, kring

MEETING = "network/meetings/2027/2027-01-14-liemers.md"


def _meeting(attendees: str) -> str:
    return f"---\ndate: 2027-01-14\ngroup: liemers\nkind: regional\nattendees: {attendees}\n---\n"


def _hints(repo: Path) -> list[str]:
    return [str(f["hint"]) for f in check(repo).findings if f["code"] == "KR101"]


def test_a_forgotten_comma_between_two_ids_asks_for_the_comma(make_repo: MakeRepo) -> None:
    # Not "write bram-wouters-noor-wiggers": that id would be as unknown as the two together.
    repo = make_repo({MEETING: _meeting("[bram-wouters noor-wiggers, daan-smeenk]")}, example=True)
    assert _hints(repo) == ["put a comma between the ids: write bram-wouters, noor-wiggers"]
    dutch = kring(repo, "check", "--lang", "nl").output
    assert "zet een komma tussen de ids: schrijf bram-wouters, noor-wiggers" in dutch


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("[Bram-Wouters]", "write bram-wouters (an id is"),
        ("[bram wouters]", "write bram-wouters (an id is"),  # a name's words, not two ids
    ],
)
def test_a_value_that_is_no_id_gets_the_id_without_a_colon_after_it(
    make_repo: MakeRepo, written: str, hint: str
) -> None:
    # "write bram-wouters: an id is …" read as a YAML key to copy, colon and all.
    repo = make_repo({MEETING: _meeting(written)}, example=True)
    assert [h for h in _hints(repo) if h.startswith(hint)], _hints(repo)
    dutch = kring(repo, "check", "--lang", "nl").output
    assert "schrijf bram-wouters (een id bestaat uit kleine letters" in dutch
    assert "bram-wouters:" not in dutch


CASE = "network/cases/2026/wachtlijst-jeugd.md"


def _case(owner_line: str) -> str:
    return (
        "---\ntitle: Wachtlijst\n" + owner_line + "presented_at: 2026-10-15-liemers\n"
        "question: Hoe houden we contact?\nintention:\n  what: Elke week bellen.\n"
        "  due: next-meeting\nstatus: open\n---\n\nDe casus.\n"
    )


def test_an_empty_required_field_is_not_offered_removal(make_repo: MakeRepo) -> None:
    # "or remove the line" for owner: would only turn "owner is empty" into "owner is missing".
    repo = make_repo({CASE: _case("owner:\n")}, example=True)
    assert _hints(repo) == ["write owner: <member-id>"]
    assert "schrijf owner: <member-id>" in kring(repo, "check", "--lang", "nl").output


def test_an_empty_optional_field_may_still_be_removed(make_repo: MakeRepo) -> None:
    repo = make_repo({CASE: _case("owner: daan-smeenk\nknowledge_sources:\n")}, example=True)
    assert _hints(repo) == ["write a value after knowledge_sources:, or remove the line"]
