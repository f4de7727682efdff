"""A small network for the report, calendar and history tests, with canaries.

Every confidential field of the confidential cases holds a canary string; no generated
page, calendar or history output may ever contain one (SPEC §7).
"""

from __future__ import annotations

import os
from pathlib import Path

CANARIES = (
    "CANARY-TITLE-7f3a",
    "CANARY-QUESTION-91bc",
    "CANARY-INTENTION-44de",
    "CANARY-NARRATIVE-0a5e",
    "CANARY-RESULT-c2d8",
    "CANARY-OPEN-TITLE-5b61",
)

SMALL: dict[str, str | bytes] = {
    "network/network.yaml": """\
name: Testkring Noord
description: A small network for the tests.
goals:
  - Learn from each other | across towns
facilitators:
  - member: ann-aa
    roles: [initiator, networker]
  - member: bob-bb
    roles: [process-guide, chair]
municipal_contact: ann-aa
lang: en
policy:
  meetings_per_year: 2
  thematic_per_year: 1
  commitment_meetings: 2
""",
    "network/regions/noord.yaml": """\
name: Noord
municipalities:
  - id: a-stad
    name: A-stad
  - id: b-dorp
    name: B-dorp
host_rotation: [a-stad, b-dorp]
""",
    "network/themes/digitaal.yaml": """\
name: Digitaal
structural: false
""",
    "network/members/ann-aa.yaml": """\
name: Ann <Aa>
organisation: a-stad
groups: [noord]
joined: 2025-01-10
stage: advanced
""",
    "network/members/bob-bb.yaml": """\
name: Bob Bb
organisation: b-dorp
groups: [noord, digitaal]
joined: 2025-01-10
stage: advanced
""",
    "network/members/cor-cc.yaml": """\
name: Cor Cc
organisation: a-stad
groups: [noord]
joined: 2025-01-10
left: 2025-12-01
stage: starter
""",
    "network/members/dee-dd.yaml": """\
name: Dee Dd
organisation: b-dorp
groups: [noord, digitaal]
joined: 2026-02-01
stage: starter
commitment:
  meetings: 2
  from: 2026-02-01
""",
    "network/meetings/2025/2025-03-06-noord.md": """\
---
date: 2025-03-06
group: noord
kind: regional
host: a-stad
location: Town hall A-stad
start: "13:30"
end: "16:00"
attendees: [ann-aa, bob-bb, cor-cc]
topic: Waiting lists | what works
presentations:
  - title: Our waiting list
    speaker: ann-aa
    knowledge_source: experiential
cases: [geheim-een]
actions:
  - id: a1
    owner: bob-bb
    what: Share the overview.
    due: next-meeting
    status: done
    closed: 2025-09-04
next:
  topic: Debts
  prepared_by: bob-bb
---

Minutes.
""",
    "network/meetings/2025/2025-09-04-noord.md": """\
---
date: 2025-09-04
group: noord
kind: regional
host: b-dorp
start: "09:00"
attendees: [ann-aa, bob-bb]
apologies: [cor-cc]
topic: Debts
cases: [open-zaak]
---
""",
    "network/meetings/2026/2026-03-05-noord.md": """\
---
date: 2026-03-05
group: noord
kind: regional
host: a-stad
attendees: [ann-aa, bob-bb]
apologies: [dee-dd]
topic: Schools
presentations:
  - title: Research on schools
    speaker: bob-bb
    knowledge_source: scientific
cases: [geheim-twee]
actions:
  - id: brief
    owner: ann-aa
    what: Write the letter to the schools.
    due: 2026-06-01
    status: open
---
""",
    "network/meetings/2026/2026-10-01-digitaal.md": """\
---
date: 2026-10-01
group: digitaal
kind: thematic
host: b-dorp
attendees: [bob-bb, dee-dd, ann-aa]
topic: Online safety
presentations:
  - title: Phishing in schools
    speaker: dee-dd
    knowledge_source: professional
---
""",
    "network/meetings/2026/2026-12-10-noord.md": """\
---
date: 2026-12-10
group: noord
kind: regional
host: b-dorp
start: "13:30"
end: "16:00"
topic: Plans for 2027
---
""",
    "network/cases/2025/geheim-een.md": """\
---
title: CANARY-TITLE-7f3a a family in debt
owner: ann-aa
presented_at: 2025-03-06-noord
question: CANARY-QUESTION-91bc what now?
knowledge_sources: [experiential, professional]
intention:
  what: CANARY-INTENTION-44de call them every week
  due: next-meeting
follow_up:
  reported_at: 2025-09-04-noord
  done: Called them.
  result: CANARY-RESULT-c2d8 they pay again
status: followed-up
---

CANARY-NARRATIVE-0a5e The story of the family.
""",
    "network/cases/2025/open-zaak.md": """\
---
title: An open case about [links](http://x) and | pipes
owner: bob-bb
presented_at: 2025-09-04-noord
confidential: false
question: What is public?
knowledge_sources: [scientific]
intention:
  what: Publish it.
  due: next-meeting
status: open
---

Public narrative.
""",
    "network/cases/2026/geheim-twee.md": """\
---
title: CANARY-OPEN-TITLE-5b61 a second secret
owner: ann-aa
presented_at: 2026-03-05-noord
question: CANARY-QUESTION-91bc again
intention:
  what: CANARY-INTENTION-44de again
  due: next-meeting
status: open
---

CANARY-NARRATIVE-0a5e again.
""",
}


def assert_no_canary(text: str | bytes, where: str = "") -> None:
    data = text.decode("utf-8") if isinstance(text, bytes) else text
    for canary in CANARIES:
        assert canary not in data, f"{canary} leaked into {where}"


def generated_files(root: Path) -> list[Path]:
    """Every page `kring report` writes: network/README.md, the group pages, the groups'
    lessons pages and the archive of earlier years."""
    top = root / "network"
    return sorted(
        [
            top / "README.md",
            *top.glob("regions/*.md"),
            *top.glob("themes/*.md"),
            *top.glob("lessons/*.md"),
            *top.glob("archive/*.md"),
        ],
    )


def assert_matches_golden(pages: dict[str, bytes], golden: Path) -> None:
    """The pages are the golden copies in `golden`, byte for byte (the wording is part of the
    product); KRING_UPDATE_GOLDEN=1 rewrites the copies from the pages instead."""
    if os.environ.get("KRING_UPDATE_GOLDEN"):
        for rel, data in pages.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(data)
    copies = {
        p.relative_to(golden).as_posix(): p.read_bytes() for p in sorted(golden.rglob("*.md"))
    }
    assert pages == copies, f"run with KRING_UPDATE_GOLDEN=1 to update {golden}"
