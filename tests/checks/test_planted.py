"""The embedded example with one planted defect of every kind (issue 2, "Must show").

Each defect is planted by an exact text edit, or as a new file, in a copy of `network/`;
each must be reported with its code at its line, and nothing else may be reported: the
untouched files stay clean.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from support import EXAMPLE, check, git

# (file, old text, new text): old must occur exactly once; old=None writes a new file.
EDITS: list[tuple[str, str | None, str]] = [
    ("members/ruud-kamphuis.yaml", "name: Ruud Kamphuis", "name: Ruud: Kamphuis"),
    ("members/ilse-verhoeven.yaml", "stage: advanced\n", "stage: advanced\njoined: 2025-01-16\n"),
    ("themes/jeugd-en-veiligheid.yaml", "structural: true", "structural: !!bool true"),
    ("meetings/2026-12-10-liemers.md", None, "---\ndate: 2026-12-10\ngroup: liemers\n---\n"),
    ("meetings/2025/2025-10-16-liemers.md", "date: 2025-10-16", "date: 2025-10-17"),
    (
        "members/Noor_W.yaml",
        None,
        "name: Noor W\norganisation: westervoort\ngroups: [liemers]\njoined: 2026-06-01\n",
    ),
    ("regions/liemers.yaml", "host_rotation:", "host_rotaton:"),
    ("members/sander-bosman.yaml", "joined: 2025-09-01", "joined: 2025-09-31"),
    ("cases/2026/zorgmijder-na-ontslag-ggz.md", "confidential: true", "confidential: yes"),
    (
        "meetings/2025/2025-06-12-achterhoek.md",
        "  prepared_by: femke-te-brake",
        "  prepared_by: femke-te-brak",
    ),
    ("themes/achterhoek.yaml", None, "name: Achterhoek thema\n"),
    # KR203: the owner was not at the presentation; the meeting does not list the case; a
    # follow-up at another group; one before the presentation; a follow-up with status open;
    # a follow-up at a meeting the owner did not attend.
    ("meetings/2025/2025-02-13-achterhoek.md", "  - joost-hendriks\n", ""),
    ("meetings/2026/2026-10-15-liemers.md", "cases:\n  - zorgmijder-na-ontslag-ggz\n", ""),
    (
        "cases/2025/wachtlijst-jeugdhulp-overbrugging.md",
        "reported_at: 2025-06-19-liemers",
        "reported_at: 2025-06-12-achterhoek",
    ),
    (
        "cases/2025/mantelzorger-overbelast.md",
        "reported_at: 2026-06-11-achterhoek",
        "reported_at: 2025-06-12-achterhoek",
    ),
    ("cases/2025/overlast-jongeren-winkelcentrum.md", "status: followed-up", "status: open"),
    ("meetings/2026/2026-02-19-liemers.md", "  - karin-hofstede\n", ""),
    # KR204: a dated due before the meeting; an intention due before the presentation; a
    # meeting that ends before it starts; an action closed before the meeting.
    ("meetings/2026/2026-06-18-liemers.md", "due: 2026-09-30", "due: 2026-06-01"),
    ("cases/2026/ouder-met-lvb-en-opvoedvragen.md", "due: 2026-05-31", "due: 2026-01-31"),
    ("meetings/2026/2026-10-08-achterhoek.md", 'end: "16:30"', 'end: "11:30"'),
    ("meetings/2026/2026-10-08-achterhoek.md", "closed: 2026-11-12", "closed: 2026-10-01"),
    (
        "meetings/2026/2026-11-19-liemers.md",
        None,
        "---\ndate: 2026-11-19\ngroup: liemers\nkind: regional\n---\n",
    ),
    # KR206: an attendee among the apologies too. KR207: a chair who was not there. (KR208
    # comes with the KR203 edit above: karin-hofstede gave an update at 2026-02-19-liemers.)
    (
        "meetings/2026/2026-06-11-achterhoek.md",
        "topic: Newcomer families and school",
        "apologies: [sander-bosman]\ntopic: Newcomer families and school",
    ),
    ("meetings/2025/2025-10-16-liemers.md", "chair: bram-wouters", "chair: noor-wiggers"),
]

# (code, file, a text on the reported line; None for line 1)
EXPECTED: list[tuple[str, str, str | None]] = [
    ("KR001", "members/ruud-kamphuis.yaml", "name: Ruud: Kamphuis"),
    ("KR002", "members/ilse-verhoeven.yaml", "joined: 2025-01-16"),
    ("KR003", "themes/jeugd-en-veiligheid.yaml", "structural: !!bool true"),
    ("KR004", "members/femke-te-brake.yaml", None),
    ("KR005", "meetings/2026-12-10-liemers.md", None),
    ("KR005", "members/link.yaml", None),
    ("KR006", "meetings/2025/2025-10-16-liemers.md", "date: 2025-10-17"),
    ("KR006", "members/Noor_W.yaml", None),
    ("KR007", "members/bram-wouters.yaml", None),
    ("KR006", "members/Bram-Wouters.yaml", None),
    ("KR101", "regions/liemers.yaml", "host_rotaton:"),
    ("KR101", "members/sander-bosman.yaml", "joined: 2025-09-31"),
    ("KR102", "cases/2026/zorgmijder-na-ontslag-ggz.md", "confidential: yes"),
    ("KR201", "meetings/2025/2025-06-12-achterhoek.md", "prepared_by: femke-te-brak"),
    ("KR202", "themes/achterhoek.yaml", None),
    ("KR203", "cases/2025/schoolverzuim-en-zorgen-thuis.md", "owner: joost-hendriks"),
    ("KR203", "cases/2026/zorgmijder-na-ontslag-ggz.md", "presented_at:"),
    ("KR203", "cases/2025/wachtlijst-jeugdhulp-overbrugging.md", "reported_at:"),
    ("KR203", "cases/2025/mantelzorger-overbelast.md", "reported_at:"),
    ("KR203", "cases/2025/overlast-jongeren-winkelcentrum.md", "status: open"),
    ("KR203", "cases/2025/schulden-en-huisuitzetting.md", "reported_at:"),
    ("KR204", "meetings/2026/2026-06-18-liemers.md", "due: 2026-06-01"),
    ("KR204", "cases/2026/ouder-met-lvb-en-opvoedvragen.md", "due: 2026-01-31"),
    ("KR204", "meetings/2026/2026-10-08-achterhoek.md", 'end: "11:30"'),
    ("KR204", "meetings/2026/2026-10-08-achterhoek.md", "closed: 2026-10-01"),
    ("KR205", "meetings/2026/2026-11-19-liemers.md", "date: 2026-11-19"),
    ("KR206", "meetings/2026/2026-06-11-achterhoek.md", "apologies: [sander-bosman]"),
    ("KR207", "meetings/2025/2025-10-16-liemers.md", "chair: noor-wiggers"),
    ("KR208", "meetings/2026/2026-02-19-liemers.md", "  - member: karin-hofstede"),
]


def _plant(network: Path) -> None:
    for rel, old, new in EDITS:
        path = network / rel
        if old is None:
            assert not path.exists(), rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
            continue
        text = path.read_text("utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    # KR004: saved as Latin-1 by an editor.
    femke = network / "members/femke-te-brake.yaml"
    text = femke.read_text("utf-8").replace("Femke te Brake", "Femke të Brake")
    femke.write_bytes(text.encode("latin-1"))
    # KR005: a symbolic link out of the repository. KR007: a copy differing in case.
    os.symlink("/etc/passwd", network / "members/link.yaml")
    shutil.copyfile(network / "members/bram-wouters.yaml", network / "members/Bram-Wouters.yaml")


def _line(path: Path, text: str | None) -> int:
    if text is None:
        return 1
    lines = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line]
    assert len(lines) == 1, (path, text, lines)
    return lines[0]


def test_every_planted_defect_is_reported_at_its_line_and_nothing_else(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    network = repo / "network"
    shutil.copytree(EXAMPLE, network, symlinks=True)
    git(repo, "init", "-q", "-b", "main")
    _plant(network)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "planted defects")

    # The first three families: later families (time, policy, privacy) have their own tests.
    run = check(repo, "--select", "KR0,KR1,KR2")

    want = {(code, f"network/{rel}", _line(network / rel, text)) for code, rel, text in EXPECTED}
    assert run.found() == want, run.output
    assert run.exit_code == 1
    assert {code for code, _, _ in want} >= {f"KR00{n}" for n in range(1, 8)} | {
        "KR101",
        "KR102",
        "KR201",
        "KR202",
        "KR203",
        "KR204",
        "KR205",
        "KR206",
        "KR207",
        "KR208",
    }


def test_the_untouched_example_is_clean(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo / "network", symlinks=True)
    git(repo, "init", "-q", "-b", "main")
    run = check(repo)
    # no errors at all; the warnings are the overdue items the example is written with
    assert {f["code"] for f in run.findings} <= {"KR301", "KR302", "KR303"}
    assert run.exit_code == 0
