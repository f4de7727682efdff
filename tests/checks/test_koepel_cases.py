"""The koepel's checks (KR6xx) against small koepel repositories in tests/koepel_cases/.

A koepel check reads koepel.yaml and the networks' exports, never a network's data, so its
cases are koepels: tests/koepel_cases/_base/ holds koepel.yaml and two networks on disk with
clean exports (networks/oost and networks/zuid); a case folder under <CODE>/<case>/ lays its
files (other than case.yaml) over it, and its case.yaml says what else to do and every
finding the run must give:

    # What the case shows, in a sentence (and why any other code speaks).
    today: 2027-03-01          # the koepel's today (default: 2026-12-01)
    patch:                     # values set in a network's export, by a path of keys and indexes
      zuid:
        facilitators/count: 1
    remove:                    # keys taken out of a network's export
      zuid: [members]
    steps:                     # after the files and patches, in order
      - git networks/zuid      # make that folder a git repository, everything committed on main
      - delete networks/zuid/network/export.json
    expect:                    # every finding, in kring's order; [] when the case passes
      - KR612 koepel.yaml:7
    messages:                  # optional: the findings' messages (English), in that order
      - network 'zuid' has only one facilitator still taking part

A new koepel check is one module, one line in the registry's KOEPEL_CHECKS and one folder here
with a failing and a passing case.
"""

from __future__ import annotations

import importlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from support import TESTS, git

from kring.checks.registry import KOEPEL_CHECKS, rule
from kring.cli.main import cli

FOLDER = TESTS / "koepel_cases"
BASE = FOLDER / "_base"
TODAY = "2026-12-01"
KOEPEL_CODES = [module.RULE.code for module in KOEPEL_CHECKS]
_KEYS = {"today", "patch", "remove", "steps", "expect", "messages"}


@dataclass(frozen=True)
class KoepelCase:
    folder: Path
    spec: dict[str, Any]

    @property
    def code(self) -> str:
        return self.folder.parent.name

    @property
    def name(self) -> str:
        return f"{self.code}/{self.folder.name}"

    @property
    def expect(self) -> list[tuple[str, str, int]]:
        out = []
        for line in self.spec["expect"] or []:
            code, where = line.split()
            path, number = where.rsplit(":", 1)
            out.append((code, path, int(number)))
        return out


def all_cases() -> list[KoepelCase]:
    out = []
    for folder in sorted(p for p in FOLDER.glob("*/*") if p.parent.name != "_base"):
        spec = yaml.safe_load((folder / "case.yaml").read_text("utf-8"))
        assert isinstance(spec, dict) and "expect" in spec and not set(spec) - _KEYS, folder
        out.append(KoepelCase(folder, spec))
    return out


def build(case: KoepelCase, target: Path) -> Path:
    shutil.copytree(BASE, target)
    for path in sorted(case.folder.rglob("*")):
        if path.is_file() and path.name != "case.yaml":
            rel = path.relative_to(case.folder)
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / rel)
    for network, values in (case.spec.get("patch") or {}).items():
        _edit(target, network, lambda doc, v=values: _patch(doc, v))
    for network, keys in (case.spec.get("remove") or {}).items():
        _edit(target, network, lambda doc, k=keys: [doc.pop(key) for key in k])
    for step in case.spec.get("steps") or []:
        verb, path = step.split(maxsplit=1)
        if verb == "delete":
            (target / path).unlink()
        elif verb == "git":
            git(target / path, "init", "-q", "-b", "main")
            git(target / path, "add", "-A")
            git(target / path, "commit", "-q", "--allow-empty", "-m", "network")
        else:
            raise ValueError(f"{case.name}: unknown step {step!r}")
    return target


def _edit(target: Path, network: str, change: Any) -> None:
    path = target / "networks" / network / "network" / "export.json"
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, indent=2) + "\n", "utf-8")


def _patch(doc: dict[str, Any], values: dict[str, Any]) -> None:
    for where, value in values.items():
        parts = [int(p) if p.isdigit() else p for p in where.split("/")]
        node: Any = doc
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = value


def koepel_check(repo: Path, today: str) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(
        cli,
        ["koepel", "check", "--repo", str(repo), "--today", today, "--format", "json"],
        env={"KRING_LANG": None, "KRING_TODAY": None},
    )
    try:
        findings = json.loads(result.output)["findings"]
    except (ValueError, KeyError):
        raise AssertionError(result.output) from None
    return result.exit_code, findings, result.output


CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_koepel_case(case: KoepelCase, tmp_path: Path) -> None:
    repo = build(case, tmp_path / "koepel")
    code, findings, output = koepel_check(repo, str(case.spec.get("today") or TODAY))
    found = [(f["code"], f["path"], f["line"]) for f in findings]
    assert found == case.expect, output
    if "messages" in case.spec:
        assert [f["message"] for f in findings] == case.spec["messages"], output
    assert code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    for finding in findings:
        own = rule(finding["code"])
        assert own is not None
        assert finding["severity"] == own.severity.label
        assert finding["hint"], finding


def test_the_base_koepel_is_clean(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "koepel")
    code, findings, _ = koepel_check(tmp_path / "koepel", TODAY)
    assert (code, findings) == (0, [])


@pytest.mark.parametrize("code", KOEPEL_CODES)
def test_every_koepel_check_has_a_failing_and_a_passing_case(code: str) -> None:
    cases = [c for c in CASES if c.code == code]
    assert cases, f"tests/koepel_cases/{code}/ is missing"
    assert any(code in {e[0] for e in c.expect} for c in cases), f"{code} needs a failing case"
    assert any(code not in {e[0] for e in c.expect} for c in cases), f"{code} needs a passing case"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_koepel_case_says_why_other_checks_speak(case: KoepelCase) -> None:
    comments = [
        line
        for line in (case.folder / "case.yaml").read_text("utf-8").splitlines()
        if line.startswith("#")
    ]
    others = {e[0] for e in case.expect} - {case.code}
    assert [c for c in others if not any(c in n for n in comments)] == []


@pytest.mark.parametrize("code", KOEPEL_CODES)
def test_every_koepel_check_has_its_module_and_explanation(code: str) -> None:
    found = rule(code)
    assert found is not None
    module = importlib.import_module(f"kring.checks.{found.name.replace('-', '_')}")
    assert module in KOEPEL_CHECKS
    assert module.RULE is found
    result = CliRunner().invoke(cli, ["explain", code, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{code} {found.name} [")


def test_every_koepel_case_folder_names_a_koepel_check() -> None:
    folders = sorted(p.name for p in FOLDER.iterdir() if p.is_dir() and p.name != "_base")
    assert [f for f in folders if f not in KOEPEL_CODES] == []
