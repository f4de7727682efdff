"""The fast paths of the cross-file checks report what the full walks reported.

KR201 first compares every referenced id with the known ids as sets, and walks the records
for positions only when something is unknown. A field the first pass forgot would hide a
dangling id whenever nothing else in the network dangles, so each field gets a network of
its own here with exactly one unknown id in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import EXAMPLE

from kring.checks import runner
from kring.checks.context import Context
from kring.core.config import Config
from kring.core.findings import Finding
from kring.core.timeline import today_from
from kring.load import pipeline

MEETING = "meetings/2026/2026-02-12-achterhoek.md"

# (file, exact text, the text with one id replaced by an unknown one)
FIELDS: dict[str, tuple[str, str, str]] = {
    "network facilitator": ("network.yaml", "- member: lotte-brinkman", "- member: zz-nobody"),
    "municipal_contact": (
        "network.yaml",
        "municipal_contact: anna-de-vries",
        "municipal_contact: zz-nobody",
    ),
    "region facilitator": ("regions/liemers.yaml", "- member: bram-wouters", "- member: zz-nobody"),
    "organisation": (
        "members/ruud-kamphuis.yaml",
        "organisation: oost-gelre",
        "organisation: zz-nowhere",
    ),
    "groups": (
        "members/ruud-kamphuis.yaml",
        "groups: [achterhoek]",
        "groups: [achterhoek, zz-group]",
    ),
    "group": (MEETING, "group: achterhoek", "group: zz-group"),
    "host": (MEETING, "host: winterswijk", "host: zz-nowhere"),
    "chair": (MEETING, "chair: anna-de-vries", "chair: zz-nobody"),
    "attendees": (MEETING, "  - joost-hendriks\n", "  - zz-nobody\n"),
    "apologies": (MEETING, "  - sander-bosman\n", "  - zz-nobody\n"),
    "cases": (
        MEETING,
        "  - ouder-met-lvb-en-opvoedvragen\n",
        "  - ouder-met-lvb-en-opvoedvragen\n  - zz-case\n",
    ),
    "action owner": (MEETING, "owner: marieke-jansen", "owner: zz-nobody"),
    "prepared_by": (MEETING, "prepared_by: joost-hendriks", "prepared_by: zz-nobody"),
    "speaker": (
        "meetings/2026/2026-10-08-achterhoek.md",
        "speaker: sander-bosman",
        "speaker: zz-nobody",
    ),
    "update": (
        "meetings/2026/2026-02-19-liemers.md",
        "- member: karin-hofstede",
        "- member: zz-nobody",
    ),
    "case owner": (
        "cases/2025/overlast-jongeren-winkelcentrum.md",
        "owner: marieke-jansen",
        "owner: zz-nobody",
    ),
    "presented_at": (
        "cases/2025/overlast-jongeren-winkelcentrum.md",
        "presented_at: 2025-09-18-jeugd-en-veiligheid",
        "presented_at: 2025-09-18-zz-meeting",
    ),
    "reported_at": (
        "cases/2025/overlast-jongeren-winkelcentrum.md",
        "reported_at: 2026-09-17-jeugd-en-veiligheid",
        "reported_at: 2026-09-17-zz-meeting",
    ),
}


def _findings(tmp_path: Path, path: str, old: str, new: str) -> list[Finding]:
    shutil.copytree(EXAMPLE, tmp_path / "network")
    file = tmp_path / "network" / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    model = pipeline.load(tmp_path, Config())
    return runner.run(model, Context(today_from("2026-11-25")))


@pytest.mark.parametrize("field", FIELDS)
def test_one_unknown_id_in_any_field_is_reported(tmp_path: Path, field: str) -> None:
    path, old, new = FIELDS[field]
    unknown = next(
        word for word in new.replace(",", " ").replace("]", " ").split() if "zz-" in word
    )
    found = [f for f in _findings(tmp_path, path, old, new) if f.code == "KR201"]
    assert [(f.source.path, unknown in f.message.render()) for f in found] == [
        (f"network/{path}", True)
    ]
