"""`kring export`: a network's facts for a koepel (SPEC §10, issue 19).

What a koepel may learn of a network is narrow: counts, rates, dates, group ids and the
network's own name. tests/data/canary/ is a network with a canary ("kanarie") in every field
that holds text or an id, of every kind; none of them may reach the export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support import TESTS, TODAY, MakeRepo, check, commit, edit, kring

from kring.core.config import Config
from kring.core.layout import EXPORT_MARKER, EXPORT_PATH
from kring.core.model import parse_date
from kring.load import pipeline
from kring.load.validate import schema_for
from kring.views.report_numbers import numbers

CANARY = TESTS / "data" / "canary"


def exported(repo: Path, today: str = TODAY) -> tuple[str, dict[str, Any]]:
    result = kring(repo, "export", today=today)
    assert result.exit_code == 0, result.output
    return result.stdout, json.loads(result.stdout)


def canary_repo(make_repo: MakeRepo) -> Path:
    files = {
        path.relative_to(CANARY).as_posix(): path.read_text("utf-8")
        for path in sorted((CANARY / "network").rglob("*"))
        if path.is_file()
    }
    return make_repo(files)


def test_the_example_exports_a_document_of_its_schema(make_repo: MakeRepo) -> None:
    text, document = exported(make_repo(example=True))
    cls = jsonschema.Draft202012Validator
    cls(schema_for("export"), format_checker=cls.FORMAT_CHECKER).validate(document)
    assert text.startswith(EXPORT_MARKER)  # the file says it is generated (layout.py)
    assert document["version"] == 1
    assert document["today"] == TODAY
    assert document["network"]["name"] == "Kenniskring Sociaal Domein Oost"
    assert [g["id"] for g in document["groups"]] == ["achterhoek", "liemers", "jeugd-en-veiligheid"]
    assert document["facilitators"]["count"] == 5  # three of the network, two of the Liemers
    assert document["findings"] == {"KR301": 2, "KR302": 1, "KR303": 1}  # kring check's


def test_the_numbers_are_the_reports(make_repo: MakeRepo) -> None:
    """One count, one place: the export words what views/report_numbers counted."""
    repo = make_repo(example=True)
    _, document = exported(repo)
    day = parse_date(TODAY)
    assert day is not None
    counted = numbers(pipeline.load(repo, Config()), day)
    for year, row in zip(counted.network.years, document["network"]["totals"], strict=True):
        assert (row["year"], row["held"], row["target"]) == (year.year, year.held, year.target)
        assert row["attendance_rate"] == year.attendance_rate
    by_year = {c.year: c for c in counted.network.case_years}
    for row in document["network"]["totals"]:
        cases = by_year.get(row["year"])
        assert row["follow_up_rate"] == (cases.follow_up_rate if cases else None)
    assert document["members"]["current"] == counted.network.today.total
    assert document["network"]["last_evaluation"] == "2026-11-12"


def test_the_same_data_and_day_give_the_same_bytes(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    first, _ = exported(repo)
    again, _ = exported(repo)
    later, _ = exported(repo, today="2027-01-15")
    assert first == again
    assert later != first


def test_write_creates_keeps_and_updates_the_generated_file(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    created = kring(repo, "export", "--write")
    assert (created.exit_code, created.output) == (0, f"created {EXPORT_PATH}\n")
    printed, _ = exported(repo)
    assert (repo / EXPORT_PATH).read_text("utf-8") == printed
    same = kring(repo, "export", "--check")
    assert (same.exit_code, same.stdout) == (0, f"unchanged {EXPORT_PATH}\n")
    commit(repo, "publish the facts")
    edit(repo, "network/members/noor-wiggers.yaml", "stage: starter", "stage: advanced")
    stale = kring(repo, "export", "--check")
    assert stale.exit_code == 1
    assert f"out of date {EXPORT_PATH}" in stale.stdout
    assert (repo / EXPORT_PATH).read_text("utf-8") == printed  # --check writes nothing
    updated = kring(repo, "export", "--write")
    assert (updated.exit_code, updated.output) == (0, f"updated {EXPORT_PATH}\n")


def test_a_file_kring_did_not_write_is_left_alone(make_repo: MakeRepo) -> None:
    mine = '{"my": "own notes"}\n'
    repo = make_repo({EXPORT_PATH: mine}, example=True)
    result = kring(repo, "export", "--write")
    assert result.exit_code == 2
    assert "not an export written by kring export" in result.output
    assert (repo / EXPORT_PATH).read_text("utf-8") == mine


def test_kring_check_knows_the_export_is_a_generated_file(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    assert kring(repo, "export", "--write").exit_code == 0
    assert not [f for f in check(repo).findings if f["path"] == EXPORT_PATH]
    (repo / EXPORT_PATH).write_text('{"written": "by hand"}\n', "utf-8")
    by_hand = [f for f in check(repo).findings if f["path"] == EXPORT_PATH]
    assert [(f["code"], f["severity"]) for f in by_hand] == [("KR005", "error")]
    assert "is not the export written by kring export" in str(by_hand[0]["message"])


def test_a_network_without_a_name_is_not_exported(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    edit(repo, "network/network.yaml", "name: Kenniskring Sociaal Domein Oost\n", "")
    result = kring(repo, "export", "--write")
    assert result.exit_code == 2
    assert "gives no name for the network" in result.output
    assert not (repo / EXPORT_PATH).exists()


def test_the_name_is_shown_not_obeyed_on_a_terminal(make_repo: MakeRepo) -> None:
    """`kring export` prints the document: a control character in the name is a JSON escape."""
    repo = make_repo(example=True)
    name = 'name: "Kring \\u202e Oost \\x9b \\u2028"\n'
    edit(repo, "network/network.yaml", "name: Kenniskring Sociaal Domein Oost\n", name)
    text, document = exported(repo)
    assert document["network"]["name"] == "Kring \u202e Oost \x9b \u2028"
    assert not any(c in text for c in "\u202e\x9b\u2028")


# --- nothing but counts, rates, dates, group ids and the network's name -------------------------


def test_no_canary_of_any_field_reaches_the_export(make_repo: MakeRepo) -> None:
    repo = canary_repo(make_repo)
    text, document = exported(repo)
    # the network is read in full: its members, meetings, cases and actions are all counted
    totals = {row["year"]: row for row in document["network"]["totals"]}
    assert (totals[2025]["held"], totals[2025]["cases"], totals[2025]["actions_opened"]) == (
        3,
        2,
        2,
    )
    assert document["facilitators"]["count"] == 2
    # the canary network has an overdue action, a process guide who is also the expert (KR408)
    # and a standing theme that never meets (KR411)
    assert document["findings"] == {"KR301": 1, "KR408": 1, "KR411": 1}
    assert "kanarie" not in text.lower()
    assert "kanarie" not in json.dumps(document, ensure_ascii=True).lower()


def test_every_text_in_the_export_is_a_date_an_id_a_code_or_a_fixed_word(
    make_repo: MakeRepo,
) -> None:
    """Walk the document: what is not a number or null is one of a few things, by construction."""
    _, document = exported(canary_repo(make_repo))
    words = {"kring export", "region", "theme", "external", "strategic"}
    groups = {"noord", "wonen"}
    strings: list[tuple[str, str]] = []

    def walk(value: object, at: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                strings.append((f"{at}/{key} (key)", key))
                walk(item, f"{at}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{at}/{index}")
        elif isinstance(value, str):
            strings.append((at, value))

    walk(document, "")
    schema_keys = _schema_keys()
    for at, value in strings:
        if at.endswith("(key)"):
            assert value in schema_keys or value.startswith("KR") or "/policy/" in at, at
            continue
        allowed = (
            value in words
            or value in groups
            or value == "Netwerk Noord"  # the network's own name
            or parse_date(value) is not None
            or at == "/kring"
        )
        assert allowed, (at, value)


def _schema_keys() -> set[str]:
    keys: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "properties" and isinstance(item, dict):
                    keys.update(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(schema_for("export"))
    return keys


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_export_does_not_depend_on_the_language(make_repo: MakeRepo, lang: str) -> None:
    repo = make_repo(example=True)
    english, _ = exported(repo)
    result = kring(repo, "export", "--lang", lang)
    assert result.stdout == english


def test_the_canary_network_has_a_canary_in_every_file_of_every_kind() -> None:
    files = [p for p in (CANARY / "network").rglob("*") if p.is_file()]
    kinds = {p.relative_to(CANARY / "network").parts[0] for p in files}
    assert kinds == {"network.yaml", "members", "regions", "themes", "meetings", "cases"}
    assert all("kanarie" in p.read_text("utf-8") for p in files)
