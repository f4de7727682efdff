"""`kring agenda --format email|text|json` (issue 17, item 5): an invitation a facilitator
can send as it is, names where people read, ids where programs read, and nothing of a
confidential case beyond its owner and date."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import TESTS, MakeRepo, kring

GOLDEN = TESTS / "golden" / "agenda-email-nl.txt"


@pytest.fixture
def example(make_repo: MakeRepo) -> Path:
    return make_repo(example=True)


def test_the_dutch_invitation_golden(example: Path) -> None:
    """The wording is part of the product: KRING_UPDATE_GOLDEN=1 rewrites the file."""
    result = kring(example, "agenda", "achterhoek", "--format", "email", "--lang", "nl")
    assert result.exit_code == 0, result.output
    if os.environ.get("KRING_UPDATE_GOLDEN"):
        GOLDEN.write_text(result.output, "utf-8")
    assert result.output == GOLDEN.read_text("utf-8")


def test_the_invitation_says_when_where_and_who(example: Path) -> None:
    out = kring(example, "agenda", "achterhoek", "--format", "email", "--lang", "nl").output
    assert out.startswith("Onderwerp: bijeenkomst Achterhoek op donderdag 11 maart 2027\n")
    assert "Wanneer: donderdag 11 maart 2027, van 13:30 tot 16:00 uur" in out
    # the host by rotation received the group in its town hall before
    assert "Waar: Town hall Aalten, room De Slinge (gastgemeente Aalten)" in out
    assert "Hoofdonderwerp: Work plan 2027, voorbereid door Marieke Jansen" in out
    assert "- Sander Bosman\n" in out  # invitees by name, ids nowhere
    assert "marieke-jansen" not in out and "2026-02-12-achterhoek" not in out
    assert "Ruud Kamphuis" not in out  # left the network
    assert out.rstrip().endswith("Met vriendelijke groet,\nMarieke Jansen")


def test_a_confidential_case_is_its_owner_and_date_only(example: Path) -> None:
    for fmt in ("email", "text"):
        out = kring(example, "agenda", "achterhoek", "--format", fmt).output
        assert "Joost Hendriks reports back on the case brought in on 11 June 2026" in out
        assert "statushouder" not in out  # not even the case's id


def test_the_email_says_what_is_expected_and_the_text_how_late(example: Path) -> None:
    email = kring(example, "agenda", "achterhoek", "--format", "email").output
    text = kring(example, "agenda", "achterhoek", "--format", "text").output
    assert "late" not in email
    assert "(167 days late)" in text
    assert "Thursday 11 March 2027" in text


def test_apologies_already_sent_are_named(make_repo: MakeRepo) -> None:
    planned = (
        "---\ndate: 2027-03-11\ngroup: achterhoek\nkind: regional\nhost: oost-gelre\n"
        'location: Town hall Groenlo\nstart: "14:00"\nend: "17:00"\n'
        "apologies: [femke-te-brake]\n---\n"
    )
    repo = make_repo({"network/meetings/2027/2027-03-11-achterhoek.md": planned}, example=True)
    out = kring(repo, "agenda", "achterhoek", "--format", "email", "--lang", "nl").output
    assert "- Femke te Brake (heeft zich afgemeld)\n" in out
    assert "van 14:00 tot 17:00 uur" in out
    assert "Waar: Town hall Groenlo (gastgemeente Oost Gelre)" in out


def test_json_keeps_the_ids(example: Path) -> None:
    result = kring(example, "agenda", "liemers", "--format", "json")
    data = json.loads(result.output)
    assert data["version"] == 1
    assert data["meeting"] == {
        "id": "2027-02-18-liemers",
        "exists": False,
        "path": "network/meetings/2027/2027-02-18-liemers.md",
        "group": "liemers",
        "date": "2027-02-18",
        "kind": "regional",
        "start": "13:00",
        "end": "16:00",
        "location": "Town hall Zevenaar, room Liemers",
        "host": "zevenaar",
        "topic": "Planning 2027 and the evaluation of the Achterhoek platform",
        "prepared_by": "bram-wouters",
    }
    assert [f["owner"] for f in data["follow_ups"]] == ["daan-smeenk"]
    assert data["follow_ups"][0]["confidential"] is True
    assert data["follow_ups"][0]["title"] is None and data["follow_ups"][0]["what"] is None
    assert "noor-wiggers" in data["invitees"]
    assert data["attendance"] == [{"member": "noor-wiggers", "meeting": 3, "of": 3}]


def test_a_theme_has_no_host(example: Path) -> None:
    out = kring(example, "agenda", "jeugd-en-veiligheid", "--format", "email").output
    assert "host municipality" not in out
    assert out.startswith("Subject: Jeugd en veiligheid meeting on ")


def test_write_takes_no_other_format(example: Path) -> None:
    result = kring(example, "agenda", "achterhoek", "--write", "--format", "email")
    assert result.exit_code == 2
    assert "--write" in result.output
    assert not (example / "network" / "meetings" / "2027").exists()


def test_text_from_the_data_cannot_start_a_line(make_repo: MakeRepo) -> None:
    # an action whose text (a YAML escape) holds a line break and a workflow command
    meeting = (
        "---\ndate: 2026-11-19\ngroup: achterhoek\nkind: regional\nhost: oost-gelre\n"
        "attendees: [anna-de-vries]\nactions:\n  - id: x\n    owner: anna-de-vries\n"
        '    what: "Call\\n::error::pwned\\u2028more"\n    status: open\n---\n'
    )
    repo = make_repo({"network/meetings/2026/2026-11-19-achterhoek.md": meeting}, example=True)
    for fmt in ("email", "text"):
        out = kring(repo, "agenda", "achterhoek", "--format", fmt).output
        assert "Call\\n::error::pwned\\u2028more" in out
        assert not any(line.startswith("::") for line in out.splitlines())
        assert "\u2028" not in out
