"""One file, one record (SPEC §2.3, issue 14): ids that several files share.

A change on the example network adds a case filed under two years (the 2025 file
confidential, with a canary in every field it has, `status` and `intention.due` included),
a region and a theme with one id, and a second meeting file with an existing meeting's id.
Every file's commitments still count, the only findings about the shared ids are KR202 and
each file's own defects, no finding states a fact of the other file, and nothing of the
confidential file reaches any output of any command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import MakeRepo, check, commit, every_output, git, kring, write_files

from kring.views import markup

CANARY = "CANARY-DUBBEL-3e9f"

SECRET_CASE = "network/cases/2025/dubbel.md"
PUBLIC_CASE = "network/cases/2026/dubbel.md"
SECOND_MEETING = "network/meetings/2025/2026-10-15-liemers.md"
FIRST_MEETING = "network/meetings/2026/2026-10-15-liemers.md"
REGION = "network/regions/grens.yaml"
THEME = "network/themes/grens.yaml"
GROUP_MEETING = "network/meetings/2026/2026-11-05-grens.md"
# followed up cases of the Achterhoek: the lessons page may show the lesson of the one that
# shares it, and nothing else of either
KEPT_LESSON = "network/cases/2026/les-geheim.md"
SHARED_LESSON = "network/cases/2026/les-gedeeld.md"
SHARED_TEXT = "Ask the school's mentor first; the family then hears one voice."


def _followed_up(ident: str, *, share: bool) -> str:
    lessons = SHARED_TEXT if share else f"{CANARY} kept lessons"
    return f"""\
---
title: {CANARY} {ident} title
owner: joost-hendriks
presented_at: 2026-06-11-achterhoek
{"share_lesson: true" if share else "confidential: true"}
question: {CANARY} {ident} question
intention:
  what: {CANARY} {ident} intention
  due: next-meeting
follow_up:
  reported_at: 2026-10-08-achterhoek
  done: {CANARY} {ident} done
  result: {CANARY} {ident} result
  lessons: {lessons}
status: followed-up
---

{CANARY} {ident} narrative.
"""


FILES = {
    # confidential (it says nothing else): a canary in every field, also where the value
    # breaks the schema (status, intention.due) and in a key the schema does not know
    SECRET_CASE: f"""\
---
title: {CANARY} title
owner: anna-de-vries
presented_at: 2025-06-12-achterhoek
question: {CANARY} question
knowledge_sources: [{CANARY}-source]
intention:
  what: {CANARY} intention
  due: {CANARY}-due
status: {CANARY}-status
reason: {CANARY} reason
{CANARY.lower()}-key: {CANARY} value
x-note: {CANARY} note
---

{CANARY} narrative.
""",
    PUBLIC_CASE: """\
---
title: A public case about a school
owner: femke-te-brake
presented_at: 2026-06-11-achterhoek
confidential: false
question: How does the school hear of it in time?
intention:
  what: Visit the school with the neighbourhood team.
  due: 2026-12-17
status: open
---

The narrative of the public case.
""",
    SECOND_MEETING: """\
---
date: 2026-10-15
group: liemers
kind: regional
host: westervoort
chair: bram-wouters
attendees: [bram-wouters, ilse-verhoeven]
actions:
  - id: tweede-actie
    owner: ilse-verhoeven
    what: Send the second meeting's notes.
    due: 2026-12-20
    status: open
---

A second file with the id of the Liemers meeting of 15 October.
""",
    REGION: """\
name: Grensregio
municipalities:
  - id: grensdorp
    name: Grensdorp
""",
    THEME: """\
name: Grensoverschrijdend
structural: false
""",
    KEPT_LESSON: _followed_up("les-geheim", share=False),
    SHARED_LESSON: _followed_up("les-gedeeld", share=True),
    GROUP_MEETING: """\
---
date: 2026-11-05
group: grens
kind: thematic
attendees: [anna-de-vries, bram-wouters]
actions:
  - id: grensactie
    owner: bram-wouters
    what: Map the border municipalities.
    due: 2026-12-31
    status: open
---

A meeting of the shared group id.
""",
}


def _list_case(repo: Path, meeting: str, case: str = "dubbel") -> None:
    """The meeting where a case file says it was presented lists it."""
    path = repo / meeting
    text = path.read_text("utf-8")
    if "cases:\n" in text:
        text = text.replace("cases:\n", f"cases:\n  - {case}\n", 1)
    else:
        text = text.replace("\n---\n", f"\ncases: [{case}]\n---\n", 1)
    path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example network on main; on the branch `change` the files above."""
    from support import make_repo_at

    repo = make_repo_at(tmp_path_factory.mktemp("identity") / "repo", example=True)
    git(repo, "checkout", "-q", "-b", "change")
    write_files(repo, FILES)
    _list_case(repo, "network/meetings/2025/2025-06-12-achterhoek.md")
    _list_case(repo, "network/meetings/2026/2026-06-11-achterhoek.md")
    for case in ("les-geheim", "les-gedeeld"):
        _list_case(repo, "network/meetings/2026/2026-06-11-achterhoek.md", case)
    commit(repo, "Files that share ids")
    return repo


def test_the_canary_is_really_in_the_data(shared: Path) -> None:
    assert (shared / SECRET_CASE).read_text("utf-8").count(CANARY) == 10


def test_every_files_commitments_are_due(shared: Path) -> None:
    result = kring(shared, "due", "--format", "json")
    assert result.exit_code == 0, result.output
    found = {(c["kind"], c["ref"], c["path"]) for c in json.loads(result.output)["commitments"]}
    assert ("intention", "dubbel", PUBLIC_CASE) in found
    assert ("action", "2026-10-15-liemers#tweede-actie", SECOND_MEETING) in found
    assert ("action", "2026-10-15-liemers#jaarplanning-2027", FIRST_MEETING) in found
    assert ("action", "2026-11-05-grens#grensactie", GROUP_MEETING) in found
    # the confidential file's intention has a due that is no date: it is owed, due unknown
    secret = [c for c in json.loads(result.output)["commitments"] if c["path"] == SECRET_CASE]
    assert [(c["ref"], c["confidential"], c["title"], c["what"]) for c in secret] == [
        ("dubbel", True, None, None)
    ]


def test_the_only_findings_about_shared_ids_are_kr202_and_each_files_own(shared: Path) -> None:
    run = check(shared, "--changed-since", "main")
    by_path: dict[str, list[str]] = {}
    for finding in run.findings:
        by_path.setdefault(str(finding["path"]), []).append(str(finding["code"]))
    assert by_path.get(PUBLIC_CASE) == ["KR202"]
    assert by_path.get(THEME) == ["KR202"]
    assert REGION not in by_path and GROUP_MEETING not in by_path
    # the second meeting file: KR202, and its own folder (a meeting of 2026 under 2025/)
    assert sorted(by_path[SECOND_MEETING]) == ["KR006", "KR202"]
    # the confidential file: its own values that break the schema, its unknown key
    assert sorted(by_path[SECRET_CASE]) == ["KR101", "KR101", "KR101", "KR101"]
    assert "KR201" not in {str(f["code"]) for f in run.findings}
    assert "KR203" not in {str(f["code"]) for f in run.findings}


def test_no_finding_states_a_fact_of_the_other_file(shared: Path) -> None:
    run = check(shared, "--changed-since", "main")
    for finding in run.findings:
        text = f"{finding['message']} {finding['hint']}"
        if finding["path"] == SECOND_MEETING:
            assert "jaarplanning" not in text and "westervoort" not in text.lower()
        if finding["path"] in (PUBLIC_CASE, SECRET_CASE):
            other = "2025" if finding["path"] == PUBLIC_CASE else "2026"
            # no year, date or meeting of the other file; KR202 names the other path only
            words = text.replace(SECRET_CASE, "").replace(PUBLIC_CASE, "")
            assert other not in words, finding


def test_kr202_is_once_per_extra_file(shared: Path) -> None:
    def shared_ids(*args: str) -> list[tuple[str, str]]:
        run = check(shared, *args)
        return sorted(
            (str(f["path"]), str(f["message"])) for f in run.findings if f["code"] == "KR202"
        )

    # without a base the first path keeps the id ...
    assert shared_ids() == [
        (PUBLIC_CASE, f"case id 'dubbel' is also used by {SECRET_CASE}"),
        (FIRST_MEETING, f"meeting id '2026-10-15-liemers' is also used by {SECOND_MEETING}"),
        (THEME, f"group id 'grens' is also used by {REGION}"),
    ]
    # ... with one, the file that held it before the change: the change's file is the extra
    assert (
        SECOND_MEETING,
        f"meeting id '2026-10-15-liemers' is also used by {FIRST_MEETING}",
    ) in shared_ids("--changed-since", "main")


def test_a_confidential_files_values_reach_no_output(shared: Path) -> None:
    outputs = every_output(shared)
    assert len(outputs) > 40
    leaks = [name for name, text in outputs.items() if CANARY in text or CANARY.lower() in text]
    assert leaks == []
    # the confidential file is there, by its path, with placeholders for its values
    assert "the value is not shown: confidential case" in outputs["check json"]
    assert SECRET_CASE in outputs["summary markdown"]
    # a confidential case lends its lesson to the lessons page only when it says so, and
    # then the lesson alone
    lessons = outputs["page network/lessons/achterhoek.md"]
    assert markup.text(SHARED_TEXT) in lessons
    assert "les-gedeeld" not in lessons and "les-geheim" not in lessons


def test_an_added_file_with_a_shared_id_is_added_in_the_summary(shared: Path) -> None:
    data = json.loads(kring(shared, "summary", "--base", "main", "--format", "json").output)
    added = {(e["kind"], e["id"], e["path"]) for e in data["entities"] if e["change"] == "added"}
    assert {
        ("case", "dubbel", SECRET_CASE),
        ("case", "dubbel", PUBLIC_CASE),
        ("meeting", "2026-10-15-liemers", SECOND_MEETING),
        ("region", "grens", REGION),
        ("theme", "grens", THEME),
    } <= added
    facts = {e["path"]: e for e in data["entities"]}
    assert facts[SECRET_CASE]["confidential"] is True and "title" not in facts[SECRET_CASE]
    assert facts[PUBLIC_CASE]["title"] == "A public case about a school"
    opened = {(c["ref"], c["path"]) for c in data["commitments"] if c["change"] == "opened"}
    assert ("2026-10-15-liemers#tweede-actie", SECOND_MEETING) in opened
    assert ("dubbel", PUBLIC_CASE) in opened


def test_a_file_moved_to_another_folder_is_one_entity_changed(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    git(repo, "checkout", "-q", "-b", "move")
    old = "network/cases/2026/zorgmijder-na-ontslag-ggz.md"
    git(repo, "mv", old, "network/cases/2025/zorgmijder-na-ontslag-ggz.md")
    commit(repo, "Move a case")
    data = json.loads(kring(repo, "summary", "--base", "main", "--format", "json").output)
    assert [(e["change"], e["path"]) for e in data["entities"]] == [
        ("changed", "network/cases/2025/zorgmijder-na-ontslag-ggz.md")
    ]
    assert data["commitments"] == []  # its open intention is the same commitment


def test_a_confidential_cases_own_keys_are_not_named(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    git(repo, "checkout", "-q", "-b", "keys")
    path = "network/cases/2026/zorgmijder-na-ontslag-ggz.md"
    text = (repo / path).read_text("utf-8")
    text = text.replace("status: open\n", f"status: open\n{CANARY.lower()}: yes\n", 1)
    (repo / path).write_text(text.replace("title: A care", "title: Another care", 1), "utf-8")
    commit(repo, "Keys")
    for fmt in ("json", "markdown"):
        out = kring(repo, "summary", "--base", "main", "--format", fmt).output
        assert CANARY.lower() not in out
    data = json.loads(kring(repo, "summary", "--base", "main", "--format", "json").output)
    assert [e["fields"] for e in data["entities"] if e["path"] == path] == [["title", "…"]]


def test_a_shared_group_id_has_no_agenda_until_it_is_made_unique(shared: Path) -> None:
    result = kring(shared, "agenda", "grens")
    assert result.exit_code == 2
    assert "'grens' is the id of more than one file: give each its own id first (KR202)" in (
        result.output
    )
    # a group of its own still gets its draft, with every file's commitments
    assert kring(shared, "agenda", "liemers").exit_code == 0
