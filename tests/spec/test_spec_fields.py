"""SPEC §2.1: every kind's required fields and closed value lists, at the line to change.

For each kind the spec prints required fields in bold and lists the values an enumerated
field takes. Each test starts from the base network (tests/cases/_base), changes one field and
expects exactly one KR101 where a facilitator has to edit: the mapping for a missing key (its
first key's line; in Markdown after the front matter's `---`), the value itself for a value
outside its list.
"""

from __future__ import annotations

import pytest
from support import MakeRepo, base_files, check

NETWORK = "network/network.yaml"
REGION = "network/regions/noord.yaml"
THEME = "network/themes/thema.yaml"
MEMBER = "network/members/cor.yaml"
MEETING = "network/meetings/2026/2026-03-12-noord.md"
CASE = "network/cases/2026/casus.md"


def without_key(text: str, key: str) -> str:
    """`text` with the top-level `key` and its indented block removed."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and line.startswith((" ", "-")):
            continue
        skipping = False
        out.append(line)
    assert len(out) < len(text.splitlines()), f"no top-level {key!r}"
    return "".join(out)


def replaced(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


REQUIRED = [
    (NETWORK, "name", 1),
    (NETWORK, "facilitators", 1),
    (REGION, "name", 1),
    (REGION, "municipalities", 1),
    (THEME, "name", 1),
    (MEMBER, "name", 1),
    (MEMBER, "organisation", 1),
    (MEMBER, "groups", 1),
    (MEMBER, "joined", 1),
    (MEETING, "date", 2),
    (MEETING, "group", 2),
    (MEETING, "kind", 2),
    (CASE, "title", 2),
    (CASE, "owner", 2),
    (CASE, "presented_at", 2),
    (CASE, "question", 2),
    (CASE, "intention", 2),
]


@pytest.mark.parametrize(("path", "key", "line"), REQUIRED, ids=lambda v: str(v))
def test_a_missing_required_field_is_kr101_at_its_mapping(
    make_repo: MakeRepo, path: str, key: str, line: int
) -> None:
    files = base_files()
    files[path] = without_key(str(files[path]), key)
    run = check(make_repo(files), "--select", "KR101")
    assert run.found() == {("KR101", path, line)}, run.output
    assert run.exit_code == 1
    assert any(key in m for m in run.messages("KR101")), run.output
    # the hint is the line to add (issue 17), never the field's description
    assert any(f"add the line {key}: " in str(f["hint"]) for f in run.findings), run.output


@pytest.mark.parametrize(
    ("path", "old", "new", "line"),
    [
        (
            REGION,
            "municipalities:\n  - id: stad\n    name: Stad\n  - id: dorp\n    name: Dorp\n",
            "municipalities: []\n",
            2,
        ),
        (MEMBER, "groups: [noord]", "groups: []", 3),
    ],
    ids=["region-without-municipalities", "member-without-groups"],
)
def test_at_least_one_is_required(
    make_repo: MakeRepo, path: str, old: str, new: str, line: int
) -> None:
    files = base_files()
    files[path] = replaced(str(files[path]), old, new)
    run = check(make_repo(files), "--select", "KR101")
    assert run.found() == {("KR101", path, line)}, run.output


# (file, text to replace with `{}` for the value, the line of the value, good values, a bad one)
ENUMS = [
    (
        NETWORK,
        ("name: Testkring\n", "name: Testkring\nkind: {}\n"),
        2,
        ["internal", "external"],
        "informal",
    ),
    (
        NETWORK,
        ("name: Testkring\n", "name: Testkring\nfocus: {}\n"),
        2,
        ["operational", "strategic"],
        "tactical",
    ),
    (NETWORK, ("name: Testkring\n", "name: Testkring\nlang: {}\n"), 2, ["nl", "en"], "de"),
    (
        NETWORK,
        ("roles: [process-guide]", "roles: [{}]"),
        6,
        ["initiator", "networker", "process-guide", "chair", "expert", "confidant"],
        "boss",
    ),
    (MEMBER, ("name: Cor\n", "name: Cor\nstage: {}\n"), 2, ["starter", "advanced"], "expert"),
    (
        MEETING,
        ("kind: regional", "kind: {}"),
        4,
        ["regional", "thematic", "evaluation", "kickoff", "visit"],
        "workshop",
    ),
    (
        MEETING,
        (
            "cases: [casus]\n",
            "cases: [casus]\npresentations:\n  - title: T\n    speaker: cor\n"
            "    knowledge_source: {}\n",
        ),
        12,
        ["experiential", "professional", "scientific"],
        "anecdotal",
    ),
    (
        MEETING,
        ("    status: done\n    closed: 2026-06-11\n", "    status: {}\n    closed: 2026-06-11\n"),
        14,
        ["done", "dropped"],
        "finished",
    ),
    (CASE, ("status: followed-up", "status: {}"), 12, ["followed-up"], "closed"),
]


ENUM_IDS = [
    "network-kind",
    "network-focus",
    "network-lang",
    "facilitator-role",
    "member-stage",
    "meeting-kind",
    "knowledge-source",
    "action-status",
    "case-status",
]


@pytest.mark.parametrize(("path", "edit", "line", "good", "bad"), ENUMS, ids=ENUM_IDS)
def test_a_value_outside_its_list_is_kr101_at_the_value(
    make_repo: MakeRepo,
    path: str,
    edit: tuple[str, str],
    line: int,
    good: list[str],
    bad: str,
) -> None:
    old, new = edit
    files = base_files()
    files[path] = replaced(str(files[path]), old, new.format(bad))
    run = check(make_repo(files), "--select", "KR101")
    assert run.found() == {("KR101", path, line)}, run.output
    for value in good:
        files[path] = replaced(str(base_files()[path]), old, new.format(value))
        run = check(make_repo(files), "--select", "KR101")
        assert run.found() == set(), (value, run.output)


def test_an_open_action_and_case_statuses(make_repo: MakeRepo) -> None:
    # open and dropped (with its reason) are the other statuses; open needs no closed date
    files = base_files()
    files[MEETING] = replaced(
        str(files[MEETING]), "    status: done\n    closed: 2026-06-11\n", "    status: open\n"
    )
    files[CASE] = replaced(
        str(files[CASE]), "status: followed-up", "status: dropped\nreason: The family moved."
    )
    run = check(make_repo(files), "--select", "KR101")
    assert run.found() == set(), run.output


@pytest.mark.parametrize(
    ("path", "old", "new", "line"),
    [
        (NETWORK, "name: Testkring\n", "name: Testkring\nemail: a\n", 2),
        (REGION, "name: Noord\n", "name: Noord\nhost_rotaton: [stad]\n", 2),
        (THEME, "structural: false", "structual: false", 2),
        (MEMBER, "name: Cor\n", "name: Cor\nphone: x\n", 2),
        (CASE, "title: A case\n", "title: A case\nconfidentail: false\n", 3),
    ],
    ids=["network", "region", "theme", "member", "case"],
)
def test_every_kind_is_closed(
    make_repo: MakeRepo, path: str, old: str, new: str, line: int
) -> None:
    # a key a kind does not define is KR101 (no fields for contact details, SPEC §2)
    files = base_files()
    files[path] = replaced(str(files[path]), old, new)
    run = check(make_repo(files), "--select", "KR101")
    assert run.found() == {("KR101", path, line)}, run.output
    assert run.messages("KR101")[0].startswith("unknown field"), run.output
