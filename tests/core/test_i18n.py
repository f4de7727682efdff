"""Dutch and English: the catalogue is complete and compiled, messages keep their
placeholders, findings are the same in both languages, and the language is chosen in the
documented order (--lang, KRING_LANG, [tool.kring] lang, the network's lang, English).

When a test here fails after a merge, re-extract and translate (README, "Dutch and
English"): python scripts/messages.py extract; translate the entries it lists in
tools/kring/core/locale/nl/LC_MESSAGES/kring.po; python scripts/messages.py compile.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import polib
import pytest
import yaml
from click.testing import CliRunner, Result
from support import ROOT, TESTS, TODAY, MakeRepo, start_files

from kring.cli.main import cli
from kring.core import i18n

GOLDEN = TESTS / "golden"
REFRESH = "Run: python scripts/messages.py extract, translate in kring.po, then compile."


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = module
    spec.loader.exec_module(module)
    return module


messages = _script()


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _po() -> polib.POFile:
    return polib.pofile(str(messages.PO))


# --- the catalogue -----------------------------------------------------------------------


def test_every_message_id_has_a_dutch_translation() -> None:
    missing = list(messages.todo(_po()))
    assert not missing, "\n".join([REFRESH, *missing])


def test_no_message_id_is_built_at_run_time() -> None:
    _, problems = messages.from_source()
    assert problems == []


def test_the_catalogue_is_what_extraction_writes() -> None:
    assert str(messages.updated_catalogue()) == messages.PO.read_text("utf-8"), REFRESH


def test_the_compiled_catalogue_is_up_to_date() -> None:
    assert messages.mo_bytes(_po()) == messages.MO.read_bytes(), REFRESH


def test_placeholders_survive_translation() -> None:
    templates = [e for e in _po() if "python-brace-format" in e.flags and not e.obsolete]
    assert len(templates) > 50  # the flag is set: this test compares real templates
    broken = [
        e.msgid
        for e in templates
        if messages.placeholders(e.msgid) != messages.placeholders(e.msgstr)
    ]
    assert broken == []


def test_a_broken_translation_falls_back_to_english() -> None:
    text = i18n.Text("{count} attendees", (("count", 3),))
    assert text.render() == "3 attendees"


def test_extraction_collects_explanations_help_and_schema_descriptions() -> None:
    from kring.checks.registry import rules

    found, _ = messages.collect()
    ids = {m.msgid for m in found}
    assert all(r.explanation in ids for r in rules())
    assert "Only these codes or prefixes." in ids  # an option's help
    assert "Show this message and exit." in ids  # click's own words
    assert "The member's name." in ids  # a schema description
    assert "{group} has only one facilitator, '{member}'" in ids  # a T() in a check


def test_every_explanation_reads_in_dutch() -> None:
    from kring.checks.registry import rules

    i18n.set_language("nl")
    for rule in rules():
        dutch = i18n._(rule.explanation)
        assert dutch != rule.explanation, rule.code
        assert "Wat het controleert:" in dutch, rule.code


# --- the same findings in both languages ---------------------------------------------------


def _planted(make_repo: MakeRepo, lang: str = "en") -> Path:
    files = start_files("_base_health")
    files.update(yaml.safe_load((TESTS / "data" / "i18n-planted.yaml").read_text("utf-8"))["files"])
    files["network/network.yaml"] = files["network/network.yaml"].replace(
        "lang: en", f"lang: {lang}"
    )
    return make_repo({p: t for p, t in files.items() if t is not None})


def _run(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    environment: dict[str, str | None] = {"KRING_LANG": None, "KRING_TODAY": None}
    environment.update(env or {})
    return CliRunner().invoke(cli, args, env=environment)


def _findings(repo: Path, *extra: str, env: dict[str, str | None] | None = None) -> Any:
    result = _run(["check", "--repo", str(repo), "--today", TODAY, "--format", "json", *extra], env)
    assert result.exit_code == 1, result.output
    return json.loads(result.output)["findings"]


def test_same_findings_in_both_languages_with_different_words(make_repo: MakeRepo) -> None:
    repo = _planted(make_repo)
    english = _findings(repo, "--lang", "en")
    dutch = _findings(repo, "--lang", "nl")
    where = ("code", "name", "severity", "path", "line", "column", "end_line", "end_column")
    assert [[f[k] for k in where] for f in english] == [[f[k] for k in where] for f in dutch]
    codes = {f["code"] for f in english}
    assert {"KR101", "KR201", "KR204", "KR401", "KR402", "KR403", "KR404", "KR405"} <= codes
    for en, nl in zip(english, dutch, strict=True):
        assert en["message"] != nl["message"], en
        assert en["hint"] != nl["hint"], en


def _normalised(text: str) -> str:
    return re.sub(r"in [0-9]+[.,][0-9]{2} s$", "in 0,00 s", text.rstrip("\n"), flags=re.M) + "\n"


def test_dutch_text_output_golden(make_repo: MakeRepo) -> None:
    """The wording is part of the product: KRING_UPDATE_GOLDEN=1 rewrites the file."""
    repo = _planted(make_repo, lang="nl")
    result = _run(["check", "--repo", str(repo), "--today", TODAY, "--format", "text"])
    assert result.exit_code == 1
    golden = GOLDEN / "check-nl.txt"
    if os.environ.get("KRING_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(_normalised(result.output), "utf-8")
    assert _normalised(result.output) == golden.read_text("utf-8")


# --- choosing the language -------------------------------------------------------------------


def _summary_language(repo: Path, *args: str, env: dict[str, str | None] | None = None) -> str:
    result = _run(["check", "--repo", str(repo), "--today", TODAY, *args], env)
    last = result.output.strip().splitlines()[-1]
    if "bestanden gecontroleerd" in last:
        return "nl"
    assert "files checked" in last, result.output
    return "en"


@pytest.mark.parametrize(
    ("network", "config", "env", "option", "expected"),
    [
        ("en", None, None, None, "en"),
        ("nl", None, None, None, "nl"),  # the network's lang
        ("nl", None, "en", None, "en"),  # KRING_LANG beats the network
        ("en", None, "nl", None, "nl"),
        ("nl", None, "en", "nl", "nl"),  # --lang beats KRING_LANG
        ("en", None, "nl", "en", "en"),
        ("en", "nl", None, None, "nl"),  # [tool.kring] lang beats the network
        ("nl", "nl", "en", None, "en"),  # KRING_LANG beats [tool.kring] lang
        ("nl", None, "fr", None, "nl"),  # an unknown language is passed over
    ],
)
def test_language_precedence(
    make_repo: MakeRepo,
    network: str,
    config: str | None,
    env: str | None,
    option: str | None,
    expected: str,
) -> None:
    files = start_files("_base_health")
    files["network/network.yaml"] = files["network/network.yaml"].replace(
        "lang: en", f"lang: {network}"
    )
    if config:
        files["pyproject.toml"] = f'[tool.kring]\nlang = "{config}"\n'
    repo = make_repo(files)
    args = ["--lang", option] if option else []
    assert _summary_language(repo, *args, env={"KRING_LANG": env}) == expected


def test_help_in_dutch_and_english(make_repo: MakeRepo) -> None:
    repo = make_repo(start_files("_base_health"))
    dutch = _run(["check", "--help", "--lang", "nl", "--repo", str(repo)])
    assert dutch.exit_code == 0
    assert "Opties:" in dutch.output
    assert "Alleen deze codes of voorvoegsels." in dutch.output
    assert "[standaard: error]" in dutch.output
    assert "Voorbeelden:" in dutch.output
    assert "Toon deze hulptekst en stop." in dutch.output
    english = _run(["check", "--help", "--repo", str(repo)])
    assert "Options:" in english.output and "Only these codes or prefixes." in english.output
    group = _run(["--help"], env={"KRING_LANG": "nl"})
    assert "Opdrachten:" in group.output
    assert re.search(r"^  check +Lees het netwerk in", group.output, re.M)


def test_lang_given_to_kring_itself(make_repo: MakeRepo) -> None:
    repo = make_repo(start_files("_base_health"))
    assert _summary_language(repo) == "en"
    before = ["--lang", "nl", "check", "--repo", str(repo), "--today", TODAY]
    assert "bestanden gecontroleerd" in _run(before).output
    assert "files checked" in _run([*before, "--lang", "en"]).output  # the command's own wins
    assert "Opdrachten:" in _run(["--lang", "nl", "--help"]).output
    assert "Options:" in _run(["--lang", "nl", "check", "--lang=en", "--help"]).output


def test_explain_and_rules_follow_the_language() -> None:
    dutch = _run(["explain", "KR404", "--lang", "nl"])
    assert "Waarom dit ertoe doet:" in dutch.output
    rules = _run(["rules"], env={"KRING_LANG": "nl"})
    assert "Eén facilitator, of één persoon met alle begeleidingsrollen." in rules.output
    unknown = _run(["explain", "KR999", "--lang", "nl"])
    assert unknown.exit_code == 2
    assert "Fout: geen controle KR999" in unknown.output


def test_the_example_network_reads_in_dutch(make_repo: MakeRepo) -> None:
    repo = make_repo({}, example=True)
    path = repo / "network" / "network.yaml"
    path.write_text(path.read_text("utf-8").replace("lang: en", "lang: nl"), "utf-8")
    result = _run(["check", "--repo", str(repo), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "bestanden gecontroleerd: 0 fouten" in result.output
    english = _run(["check", "--repo", str(repo), "--today", TODAY, "--lang", "en"])
    assert "files checked: 0 errors" in english.output
