"""Personal data that only decoding reveals (SPEC §2.2, §7; issue 14).

A change on the example network writes an e-mail address and a phone number into every
kind of field in ways the raw text hides: a double-quoted escape (`\\x40`, `\\u0040`), a
backslash-continued line, a folded block, a flow sequence, a key. Each is a privacy finding
at the value itself, and the decoded text reaches no output of any command; no message of
any check quotes what a privacy pattern matches.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import check, commit, every_output, git, make_repo_at, write_files

from kring.core.personal_data import matches

# What the values decode to; none of it may appear in an output.
DECODED = ("j.vanderveen@example.nl", "0698765432", "06 9876 5432", "123456782")

MEMBER = "network/members/jan-de-vries.yaml"
MEETING = "network/meetings/2026/2026-12-03-liemers.md"
CASE = "network/cases/2026/contactgegevens.md"
THEME = "network/themes/jeugd-en-veiligheid.yaml"
# a round of updates and a lesson shared from a confidential case: the lessons page, the
# agenda's round of updates and its open asks print them
ROUND = "network/meetings/2026/2026-11-19-liemers.md"
LESSON = "network/cases/2026/les-gedeeld.md"

FILES = {
    MEMBER: r"""name: "Jan de Vries, j.vanderveen\x40example.nl"
organisation: duiven
groups: [liemers]
joined: 2026-01-05
gives: ["bel 06987\x365432"]
wants: ["mail j.vanderveen\u0040example.nl"]
"j.vanderveen\x40example.nl": the address as a key
""",
    "network/members/piet.yaml": """name: 123456782
organisation: zevenaar
groups: [liemers]
joined: 2026-01-05
gives: [mail merges]
""",
    MEETING: r"""---
date: 2026-12-03
group: liemers
kind: regional
host: duiven
chair: "j.vanderveen\x40example.nl"
location: "Town hall, ask j.vanderveen@exam\
  ple.nl at the desk"
apologies: [jan-de-vries, "0698765432"]
topic: >-
  Reaching out: bel 06 9876
  5432 when you are late
guests:
  - name: "Guest j.vanderveen\x40example.nl"
    organisation: Duiven
presentations:
  - title: "Slides from j.vanderveen\x40example.nl"
    speaker: jan-de-vries
    knowledge_source: professional
actions:
  - id: mail-lijst
    owner: jan-de-vries
    what: "Mail the list to j.vanderveen\x40example.nl"
    note: "or call 06987\x365432"
    due: 2026-12-20
    status: open
next:
  topic: "Call 06987\x365432 first"
  prepared_by: jan-de-vries
---

Minutes.
""",
    CASE: r"""---
title: "Reaching j.vanderveen\x40example.nl"
owner: jan-de-vries
presented_at: 2026-10-15-liemers
confidential: false
question: "Who calls 06987\x365432?"
intention:
  what: "Write to j.vanderveen\u0040example.nl"
  due: 2026-12-31
status: open
---

The narrative.
""",
    ROUND: r"""---
date: 2026-11-19
group: liemers
kind: regional
host: duiven
chair: jan-de-vries
attendees: [jan-de-vries, piet]
updates:
  - member: jan-de-vries
    learned: "Learned to mail j.vanderveen\x40example.nl"
    tips: "Call 06987\x365432 in the morning"
    ask: "Who knows j.vanderveen\x40example.nl?"
---

Minutes.
""",
    LESSON: r"""---
title: A case whose lesson is shared
owner: jan-de-vries
presented_at: 2026-10-15-liemers
share_lesson: true
question: How?
follow_up:
  reported_at: 2026-11-19-liemers
  done: Done.
  result: It worked.
  lessons: "Lesson: ask j.vanderveen\x40example.nl"
status: followed-up
---

The narrative.
""",
    THEME: r"""name: "Jeugd en veiligheid (j.vanderveen\x40example.nl)"
description: "Call 06987\x365432"
structural: true
""",
}


@pytest.fixture(scope="module")
def revealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo_at(tmp_path_factory.mktemp("personal") / "repo", example=True)
    git(repo, "checkout", "-q", "-b", "change")
    write_files(repo, FILES)
    commit(repo, "Contact details in disguise")
    return repo


def test_the_data_holds_no_decoded_text(revealed: Path) -> None:
    """The assertions below could not fail if the raw files held the decoded text."""
    for path in FILES:
        raw = (revealed / path).read_text("utf-8")
        assert "j.vanderveen@example.nl" not in raw.replace("@exam\\\n", "")
        assert "0698765432" not in raw.replace('"0698765432"', "")


def test_each_disguised_value_is_a_finding_at_the_value(revealed: Path) -> None:
    found = {
        (str(f["code"]), str(f["path"]), int(str(f["line"])), int(str(f["column"])))
        for f in check(revealed).findings
        if str(f["code"]).startswith("KR50")
    }
    for where in [
        ("KR501", MEMBER, 1, 7),  # name, an \x40 escape
        ("KR502", MEMBER, 5, 9),  # gives, in a flow sequence
        ("KR501", MEMBER, 6, 9),  # wants, a \u0040 escape
        ("KR501", MEMBER, 7, 1),  # a key
        ("KR501", MEETING, 7, 11),  # location, continued on the next line
        ("KR502", MEETING, 10, 8),  # topic, a folded block
        ("KR501", MEETING, 14, 11),  # a guest's name
        ("KR501", MEETING, 17, 12),  # a presentation's title
        ("KR501", MEETING, 23, 11),  # an action's what
        ("KR502", MEETING, 24, 11),  # its note
        ("KR502", MEETING, 28, 10),  # next topic
        ("KR501", CASE, 2, 8),  # title
        ("KR502", CASE, 6, 11),  # question
        ("KR501", CASE, 8, 9),  # intention
        ("KR501", THEME, 1, 7),
        ("KR502", THEME, 2, 14),
        ("KR501", ROUND, 10, 14),  # an update's learned
        ("KR502", ROUND, 11, 11),  # its tips
        ("KR501", ROUND, 12, 10),  # its ask
        ("KR501", LESSON, 11, 12),  # a follow-up's lessons
    ]:
        assert where in found, where


def test_no_message_quotes_what_a_privacy_pattern_matches(revealed: Path) -> None:
    run = check(revealed, "--changed-since", "main")
    codes = {str(f["code"]) for f in run.findings}
    # the messages that quote a value are among them: not a valid id, read as a number, an
    # unknown key, an unknown member
    assert {"KR101", "KR102", "KR201"} <= codes
    for finding in run.findings:
        for text in (str(finding["message"]), str(finding["hint"])):
            for line in text.splitlines():
                assert list(matches(line)) == [], finding


def test_the_decoded_text_reaches_no_output(revealed: Path) -> None:
    outputs = every_output(revealed)
    leaks = [(name, d) for name, text in outputs.items() for d in DECODED if d in text]
    assert leaks == []
    # the masked forms are there: the data is shown, its personal data is not
    assert r"Jan de Vries, \*\*\*" in outputs["page network/regions/liemers.md"]  # Markdown
    due = json.loads(outputs["due json"])
    actions = {c["ref"]: c for c in due["commitments"]}
    assert actions["2026-12-03-liemers#mail-lijst"]["what"] == "Mail the list to ***"
    assert "Reaching out: bel *** when you are late" in outputs["agenda liemers"]
    # the new outputs: the lessons page, the agenda's round and its e-mail, match, export
    lessons = outputs["page network/lessons/liemers.md"]
    assert r"Lesson: ask \*\*\*" in lessons  # shared from a confidential case
    assert r"Learned to mail \*\*\*" in lessons and r"Call \*\*\* in the morning" in lessons
    assert "Who knows \\*\\*\\*?" in outputs["agenda liemers"]
    assert "Jan de Vries, ***" in outputs["agenda liemers email"]
    assert '"topic": "mail ***"' in outputs["match json"]
    assert "Jan de Vries, *** (jan-de-vries) wants: mail ***" in outputs["match text"]


# --- hints that carry the fix (issue 17) quote what was written: masked, and withheld ---------

# Mistakes whose hint rewrites the value: ids written as text (a list to type), a mapping
# written as one line, a misspelt choice, a value with a second ': ' that breaks the YAML.
HINTED = {
    "network/meetings/2026/2026-12-10-liemers.md": """\
---
date: 2026-12-10
group: liemers
kind: regional
attendees: bram-wouters, 0698765432
---
""",
    "network/meetings/2026/2026-12-17-liemers.md": """\
---
date: 2026-12-17
group: liemers
kind: regional
topic: Mail j.vanderveen@example.nl: about the toolkit
---
""",
    "network/cases/2026/hints-public.md": """\
---
title: Hints
owner: bram-wouters
presented_at: 2026-10-15-liemers
confidential: false
question: How?
intention: Call 06 9876 5432 before the next meeting
status: open 0698765432
---
""",
    "network/cases/2026/hints-secret.md": """\
---
title: Hints
owner: bram-wouters
presented_at: 2026-10-15-liemers
question: How?
intention: Call 06 9876 5432 before the next meeting
status: open 0698765432
---
""",
}


def test_hints_that_carry_the_fix_mask_personal_data_and_withhold_a_secret(
    tmp_path: Path,
) -> None:
    repo = make_repo_at(tmp_path / "repo", HINTED, example=True)
    by_path: dict[str, list[str]] = {}
    for finding in check(repo).findings:
        text = f"{finding['message']} — {finding['hint']}"
        by_path.setdefault(str(finding["path"]), []).append(text)
        for line in text.splitlines():
            assert list(matches(line)) == [], finding
    listed, broken, public, secret = (by_path[path] for path in HINTED)
    # the fix is still in the hint, its personal data masked
    assert any("write it as a list: attendees: [bram-wouters, ***]" in t for t in listed)
    assert any('put the value in quotes: topic: "Mail ***: about the toolkit"' in t for t in broken)
    assert any("{what: Call *** before the next meeting, due: next-meeting}" in t for t in public)
    assert any("status: 'open ***' is not one of" in t for t in public)
    # in a confidential case's file the same hints quote the placeholder, never the value
    hidden = "the value is not shown: confidential case"
    assert any(f"write {hidden}" in t for t in secret)
    assert any(f"status: '{hidden}' is not one of" in t for t in secret)
    assert not any("Call" in t or "***" in t for t in secret)
