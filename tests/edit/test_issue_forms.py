"""The issue forms `kring intake --forms` makes: valid GitHub issue forms, made from the
network's own ids in its language, kept up to date, never clobbering a hand-written form."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from support import MakeRepo, git, kring

from kring.cli.commands.intake import FORM_KEYS
from kring.core.config import Config
from kring.core.i18n import set_language
from kring.edit.issue_forms import FOLDER, FORMS, HEADER, LABEL, form_files
from kring.edit.rendered_body import read
from kring.load import pipeline

# SchemaStore's schema for issue forms, as check-jsonschema vendors it (a test dependency)
SCHEMA = json.loads(
    files("check_jsonschema.builtin_schemas.vendor")
    .joinpath("github-issue-forms.json")
    .read_text("utf-8")
)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A Dutch run leaves kring's language Dutch in this process: set it back for the rest."""
    yield
    set_language("en")


def made(repo: Path, lang: str = "en") -> dict[str, str]:
    set_language(lang)
    try:
        return form_files(pipeline.load(repo, Config()))
    finally:
        set_language("en")


@pytest.fixture(scope="module")
def example_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    from support import make_repo_at

    repo = make_repo_at(tmp_path_factory.mktemp("forms") / "repo", example=True)
    return {"en": made(repo), "nl": made(repo, "nl")}


def _forms(example_forms: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    return [(lang, path, text) for lang, by in example_forms.items() for path, text in by.items()]


def test_every_form_validates_against_the_issue_forms_schema(
    example_forms: dict[str, dict[str, str]],
) -> None:
    for lang, path, text in _forms(example_forms):
        data = yaml.safe_load(text)
        errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(data))
        assert not errors, (lang, path, [e.message for e in errors])


def test_the_schema_does_catch_a_broken_form() -> None:
    broken = {"name": "x", "description": "y", "body": [{"type": "dropdown", "attributes": {}}]}
    assert list(jsonschema.Draft7Validator(SCHEMA).iter_errors(broken))


def test_the_rules_github_adds_to_the_schema(example_forms: dict[str, dict[str, str]]) -> None:
    """What GitHub refuses beyond the schema: ids and labels unique in a form, form names
    unique, an option called None (GitHub's own word for no choice), empty option lists."""
    for lang, by in example_forms.items():
        names = [yaml.safe_load(text)["name"] for text in by.values()]
        assert len(set(names)) == len(names), lang
        for path, text in by.items():
            data: dict[str, Any] = yaml.safe_load(text)
            assert data["labels"] == [LABEL]
            fields = [e for e in data["body"] if e["type"] != "markdown"]
            ids = [e["id"] for e in fields]
            labels = [e["attributes"]["label"] for e in fields]
            assert len(set(ids)) == len(ids), path
            assert len(set(labels)) == len(labels), (lang, path)
            for e in fields:
                options = e["attributes"].get("options", [])
                if e["type"] in ("dropdown", "checkboxes"):
                    assert options, (path, e["id"])
                assert "None" not in options, (path, e["id"])


def test_the_dropdowns_offer_the_networks_ids(example_forms: dict[str, dict[str, str]]) -> None:
    meeting = yaml.safe_load(example_forms["en"][f"{FOLDER}/record-meeting.yml"])
    by_id = {e.get("id"): e["attributes"] for e in meeting["body"]}
    assert by_id["group"]["options"] == ["achterhoek", "jeugd-en-veiligheid", "liemers"]
    assert "anna-de-vries" in by_id["attendees"]["options"]
    assert by_id["attendees"]["multiple"] is True
    assert "kenniscentrum-oost" in by_id["host"]["options"]


def test_a_form_in_either_language_reads_back(example_forms: dict[str, dict[str, str]]) -> None:
    for lang, path, text in _forms(example_forms):
        data = yaml.safe_load(text)
        body = "\n\n".join(
            f"### {e['attributes']['label']}\n\n_No response_"
            for e in data["body"]
            if e["type"] != "markdown"
        )
        answers = read(body)
        assert f"{FOLDER}/{answers.form.key}.yml" == path, lang


def test_the_cli_knows_every_form() -> None:
    assert tuple(form.key for form in FORMS) == FORM_KEYS


def test_forms_write_then_check(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    result = kring(repo, "intake", "--forms", "--check")
    assert result.exit_code == 1
    assert "4 form(s) out of date" in result.stderr
    result = kring(repo, "intake", "--forms", "--write")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("created .github/ISSUE_TEMPLATE/") == 4
    assert kring(repo, "intake", "--forms", "--check").exit_code == 0
    # a new member is a new choice: the forms are out of date until written again
    (repo / "network/members/eva-dijkstra.yaml").write_text(
        "name: Eva Dijkstra\norganisation: duiven\ngroups: [liemers]\njoined: 2026-11-20\n",
        "utf-8",
    )
    git(repo, "add", "-A")
    result = kring(repo, "intake", "--forms", "--check")
    assert result.exit_code == 1
    assert "out of date .github/ISSUE_TEMPLATE/record-meeting.yml" in result.stdout
    assert kring(repo, "intake", "--forms", "--write").exit_code == 0
    meeting = (repo / FOLDER / "record-meeting.yml").read_text("utf-8")
    assert meeting.startswith(HEADER) and "- eva-dijkstra\n" in meeting


def test_a_hand_written_form_is_left_alone(make_repo: MakeRepo) -> None:
    mine = "name: Bug\ndescription: A bug\nbody:\n- type: textarea\n  attributes: {label: What}\n"
    repo = make_repo({f"{FOLDER}/close-action.yml": mine}, example=True)
    result = kring(repo, "intake", "--forms", "--write")
    assert result.exit_code == 2
    assert "not a form made by kring intake, so it is left alone" in result.stderr
    assert (repo / FOLDER / "close-action.yml").read_text("utf-8") == mine
    assert sorted(p.name for p in (repo / FOLDER).iterdir()) == ["close-action.yml"]
    # --check says so too, rather than calling the maintainer's form out of date
    result = kring(repo, "intake", "--forms", "--check")
    assert result.exit_code == 2
    assert "not a form made by kring intake, so it is left alone" in result.stderr


def test_intake_without_a_file_is_a_usage_error(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    assert kring(repo, "intake").exit_code == 2
    assert kring(repo, "intake", "--write").exit_code == 2
