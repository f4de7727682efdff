"""Dutch as a facilitator writes it (issue 17): docs/glossary-nl.md says which word goes with
which notion, and which words never appear. This test holds the catalogue, and what kring
really prints in Dutch, to that list."""

from __future__ import annotations

from collections.abc import Iterator

import polib
import pytest
from click.testing import CliRunner
from support import FORBIDDEN, ROOT, TODAY, forbidden_in

from kring.checks.registry import rules
from kring.cli.main import COMMANDS, cli
from kring.core import i18n

PO = ROOT / "tools" / "kring" / "core" / "locale" / "nl" / "LC_MESSAGES" / "kring.po"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_the_glossary_lists_forbidden_words() -> None:
    assert {"sleutel", "mapping", "gastheer", "eigenaar", "werkmap", "merge-base"} <= set(FORBIDDEN)


def test_the_forbidden_words_are_found_where_they_stand() -> None:
    assert forbidden_in("de Gastheer volgens de rotatie") == ["gastheer"]
    assert forbidden_in("een policy-sleutel") == ["sleutel"]  # inside a longer word too
    assert forbidden_in("zet `mapping:` niet in een veld") == []  # a code span is as typed


def test_no_translation_uses_a_forbidden_word() -> None:
    found = [
        (entry.msgid[:60], words)
        for entry in polib.pofile(str(PO))
        if not entry.obsolete and (words := forbidden_in(entry.msgstr))
    ]
    assert found == [], "reword these translations (docs/glossary-nl.md): " + repr(found)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--lang", "nl"], env={"KRING_LANG": None})
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture(scope="module")
def dutch_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What kring prints in Dutch on the example network, with a defect of each family
    planted, for the commands a facilitator runs."""
    from support import make_repo_at

    repo = make_repo_at(
        tmp_path_factory.mktemp("glossary") / "repo",
        {
            "network/meetings/2026/2026-12-10-achterhoek.md": (
                "---\ndate: 10-12-2026\ngroup: achterhoek\nkind: regional\nhost: aalten\n"
                "atendees: [anna-de-vries]\nstart: 13.30\nchair: anna-de-vries\n---\n"
            ),
            "network/members/eva.yaml": "name: Eva\norganisation: aalten\ngroups: achterhoek\n",
            "network/meetings/2027/2027-01-14-liemers.md": (
                "---\ndate: 2027-01-14\ngroup: liemers\nkind: regional\n"
                "topic: Jeugd: wachtlijsten\n---\n"
            ),
        },
        example=True,
    )
    where = ["--repo", str(repo), "--today", TODAY]
    out = {
        "check": _run("check", *where),
        "due": _run("due", *where),
        "due markdown": _run("due", *where, "--format", "markdown"),
        "rules": _run("rules"),
        "help": _run("--help"),
    }
    for fmt in ("markdown", "text", "email", "json"):
        out[f"agenda {fmt}"] = _run("agenda", "liemers", *where, "--format", fmt)
    for rule in rules():
        out[f"explain {rule.code}"] = _run("explain", rule.code)
    for command in COMMANDS:
        out[f"{command} --help"] = _run(command, "--help")
    return out


def test_no_dutch_output_uses_a_forbidden_word(dutch_outputs: dict[str, str]) -> None:
    found = {name: words for name, text in dutch_outputs.items() if (words := forbidden_in(text))}
    assert found == {}


def test_the_dutch_outputs_are_dutch(dutch_outputs: dict[str, str]) -> None:
    # a sanity check that the runs above really were in Dutch
    assert "bestanden gecontroleerd" in dutch_outputs["check"]
    assert "Beste deelnemers van Liemers" in dutch_outputs["agenda email"]
    assert "donderdag 18 februari 2027" in dutch_outputs["agenda email"]


def test_the_readme_points_to_the_glossary() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/glossary-nl.md" in readme
    assert "gastheer" not in readme  # the glossary the README used to hold said so
