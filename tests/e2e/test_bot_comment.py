"""`kring bot comment` and `kring bot text`: what the privileged workflow posts is written by
kring from the check run's findings as data (SPEC §8), and the bot writes in the network's
language."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support import TODAY, MakeRepo, must_show_change

from kring.cli.main import cli
from kring.load.artifact import MAX_BYTES
from kring.reporters.markdown import MARKER

RULES_NOTICE = "This change edits kring's rules: a maintainer must review it."


def kring(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--repo", str(repo), "--today", TODAY])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def scenario(make_repo: MakeRepo) -> Path:
    repo = make_repo(example=True)
    must_show_change(repo)
    return repo


def summary_of(repo: Path, tmp_path: Path) -> Path:
    code, out = kring(repo, "summary", "--base", "main", "--format", "json")
    assert code == 0
    path = tmp_path / "summary.json"
    path.write_text(out, "utf-8")
    return path


def comment(repo: Path, source: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["bot", "comment", "--from", str(source), *args, "--repo", str(repo)]
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def test_the_comment_from_the_artifact_is_the_one_kring_check_writes(
    scenario: Path, tmp_path: Path
) -> None:
    code, body = comment(scenario, summary_of(scenario, tmp_path))
    assert code == 0
    local = kring(scenario, "check", "--changed-since", "main", "--format", "markdown")[1]
    # the same comment, but for the closing count (files checked, seconds) of a local run
    assert local.startswith(body)
    assert local[len(body) :].startswith("<sub>")
    assert body.startswith(MARKER + "\n## ❌ kring: 3 errors")
    assert "- line 2 **KR101** error: `schema` in a confidential case" in body


CANARY = "<script>x</script> @everyone\n## Approved [merge](https://evil.example) | `tick`"


def poison(value: Any) -> Any:
    """Every string of a document replaced by one a hostile run would write."""
    if isinstance(value, dict):
        return {k: poison(v) if k not in _KEEP else v for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v) for v in value]
    return CANARY if isinstance(value, str) else value


# values the schema pins down (codes, severities, kinds, ids of a commit): those it refuses
_KEEP = {"code", "name", "severity", "kind", "change", "scope", "sha", "codes"}


def outside_code_spans(markdown: str) -> str:
    return re.sub(r"(`+)(.+?)\1", "", markdown, flags=re.S)


def test_every_string_of_the_artifact_is_escaped(scenario: Path, tmp_path: Path) -> None:
    source = summary_of(scenario, tmp_path)
    doc = json.loads(source.read_text("utf-8"))
    doc["rules"] = [{"path": "tools/x", "change": "M"}]
    doc["suppressions"] = [{"path": "network/x", "line": 1, "codes": ["KR501"], "scope": "file"}]
    for finding in doc["findings"]:
        finding["withheld"] = False
    source.write_text(json.dumps(poison(doc)), "utf-8")
    code, body = comment(scenario, source)
    assert code == 0, body
    assert body.count(MARKER) == 1
    prose = outside_code_spans(body)
    assert "<script>" not in prose and "&lt;script&gt;" in prose
    assert "@everyone" not in prose  # a word joiner keeps it from pinging
    assert "[merge](" not in prose and "\\[merge\\](" in prose  # no link
    assert "\n## Approved" not in body  # no line break reaches the Markdown


def test_the_rules_notice_comes_from_github_s_list_of_files(scenario: Path, tmp_path: Path) -> None:
    source = summary_of(scenario, tmp_path)
    code, body = comment(scenario, source)
    assert RULES_NOTICE not in body
    files = tmp_path / "changed-files.txt"
    files.write_text(
        "network/meetings/2026/2026-12-10-achterhoek.md\n.github/workflows/check.yml\n"
        "docs/facilitators.md\ntools/kring/cli/main.py\n",
        "utf-8",
    )
    code, body = comment(scenario, source, "--changed-files", str(files))
    assert code == 0
    top = body.split("## ❌")[0]
    assert top.startswith(f"{MARKER}\n> ⚠️ **{RULES_NOTICE}**")
    assert "> - `.github/workflows/check.yml`\n> - `tools/kring/cli/main.py`\n" in top
    assert "docs/" not in top and "network/" not in top
    # and a document that claims rule changes GitHub does not list is not believed
    doc = json.loads(source.read_text("utf-8"))
    doc["rules"] = [{"path": "tools/kring/forged.py", "change": "M"}]
    source.write_text(json.dumps(doc), "utf-8")
    files.write_text("network/members/anna-de-vries.yaml\n", "utf-8")
    code, body = comment(scenario, source, "--changed-files", str(files))
    assert RULES_NOTICE not in body


def test_the_comment_reads_in_the_network_s_language(scenario: Path, tmp_path: Path) -> None:
    source = summary_of(scenario, tmp_path)
    files = tmp_path / "changed-files.txt"
    files.write_text("pyproject.toml\n", "utf-8")
    code, body = comment(scenario, source, "--changed-files", str(files), "--lang", "nl")
    assert code == 0
    assert (
        "Deze wijziging past de regels van kring aan: een beheerder moet haar beoordelen." in body
    )
    assert "## Wat deze wijziging doet" in body


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("x" * (MAX_BYTES + 1), "larger than 256 KiB"),
        ("{not json", "is not JSON"),
        ('{"version": 1, "version": 1}', "is not JSON"),
        ('{"version": NaN}', "is not JSON"),
        (_deep(100_000), "is not JSON"),
        (b"\xff\xfe{}", "is not JSON"),
        ('{"body": "LGTM"}', "is not what kring summary --format json writes (at /)"),
    ],
    ids=["size", "syntax", "twice", "nan", "deep", "encoding", "shape"],
)
def test_a_findings_file_that_is_not_kring_s_is_refused(
    scenario: Path, tmp_path: Path, content: str | bytes, reason: str
) -> None:
    source = tmp_path / "summary.json"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, "utf-8")
    code, body = comment(scenario, source)
    assert code == 1
    assert body.startswith(MARKER + "\n## ⚠️ kring could not read the findings of the check run")
    assert reason in body
    assert "LGTM" not in body


def test_the_place_of_a_shape_error_is_named_without_quoting_the_file(
    scenario: Path, tmp_path: Path
) -> None:
    source = summary_of(scenario, tmp_path)
    doc = json.loads(source.read_text("utf-8"))
    doc["findings"][0]["line"] = "@everyone"
    doc["counts"]["<img src=x>"] = {}
    source.write_text(json.dumps(doc), "utf-8")
    code, body = comment(scenario, source)
    assert code == 1
    assert "(at " in body
    assert "@everyone" not in body and "<img" not in body


def test_a_link_or_a_folder_is_never_read(scenario: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"token": "KRING_CANARY"}', "utf-8")
    link = tmp_path / "summary.json"
    os.symlink(secret, link)
    code, body = comment(scenario, link)
    assert code == 1
    assert "there is no findings file, or it is a link" in body
    assert "KRING_CANARY" not in body
    code, body = comment(scenario, tmp_path)
    assert code == 2  # a folder is a usage error before anything is read


@pytest.mark.parametrize(
    ("name", "english", "dutch"),
    [
        ("overdue-title", "Open and overdue commitments", "Openstaande en te late toezeggingen"),
        ("report-title", "Regenerated overview pages", "Bijgewerkte overzichtspagina's"),
        ("report-commit", "report: regenerate the overview pages", "report: overzichtspagina's"),
    ],
)
def test_the_bot_s_texts_read_in_the_network_s_language(
    make_repo: MakeRepo, name: str, english: str, dutch: str
) -> None:
    repo = make_repo(example=True)
    assert kring(repo, "bot", "text", name)[1].startswith(english)
    network = repo / "network" / "network.yaml"
    network.write_text(network.read_text("utf-8").replace("lang: en", "lang: nl"), "utf-8")
    assert kring(repo, "bot", "text", name)[1].startswith(dutch)


def test_an_unknown_text_is_a_usage_error(make_repo: MakeRepo) -> None:
    code, out = kring(make_repo(example=True), "bot", "text", "greeting")
    assert code == 2
    assert "overdue-title" in out
