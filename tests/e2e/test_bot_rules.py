"""A pull request never judges itself (SPEC §8), as kring sees it: `--config` names the
configuration to judge by, a change to kring's rules and the suppressions a change adds are
named at the top of the summary, and a suppression the change adds hides no error from it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from support import MEETING_TEXT, NEW_MEETING, TODAY, MakeRepo, commit, git, write_files

from kring.cli.main import cli
from kring.core.layout import RULE_PATHS, is_rule_path

RULES_NOTICE = "This change edits kring's rules: a maintainer must review it."
SUPPRESSIONS_NOTICE = "This change adds suppressions: a reviewer must agree with each."
QUIET = ("--ignore", "KR3,KR4")  # the example's overdue items and health are not the point


def kring(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--repo", str(repo), "--today", TODAY])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def codes(output: str) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in json.loads(output)["findings"]]


def branch(repo: Path, files: dict[str, str | bytes]) -> None:
    git(repo, "checkout", "-q", "-b", "change")
    write_files(repo, files)
    commit(repo, "a change")


# --- --config ---------------------------------------------------------------------------------


def test_config_names_the_configuration_to_judge_by(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = make_repo(
        {NEW_MEETING: MEETING_TEXT, "pyproject.toml": '[tool.kring]\nignore = ["KR"]\n'},
        example=True,
    )
    code, out = kring(repo, "check", "--format", "json")
    assert (code, codes(out)) == (0, [])  # the repository's own configuration ignores all
    base = tmp_path / "base.toml"
    base.write_text('[tool.kring]\nignore = ["KR3", "KR4"]\n', "utf-8")
    code, out = kring(repo, "check", "--format", "json", "--config", str(base))
    assert (code, codes(out)) == (1, [("KR201", NEW_MEETING, 6)])


def test_a_config_file_that_is_not_there_is_a_usage_error(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    code, out = kring(repo, "check", "--config", str(repo / "nowhere.toml"))
    assert code == 2
    assert "nowhere.toml: no such file" in out


# --- the rules and the suppressions at the top of the summary -----------------------------------


def test_the_rule_paths_are_kring_s_code_schemas_configuration_and_workflows() -> None:
    assert RULE_PATHS == (
        "tools/",
        "schemas/",
        "pyproject.toml",
        ".github/",
        ".pre-commit-hooks.yaml",
    )
    for path in (
        "tools",
        "tools/kring/cli/main.py",
        "pyproject.toml",
        ".github/CODEOWNERS",
        ".pre-commit-hooks.yaml",
    ):
        assert is_rule_path(path), path
    for path in (
        "network/network.yaml",
        "toolshed/x",
        "pyproject.toml.bak",
        "docs/tools/x.md",
        "README.md",
    ):
        assert not is_rule_path(path), path


def test_the_summary_names_a_change_to_the_rules_at_the_top(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {"pyproject.toml": "[project]\nname = 'x'\n", "tools/kring/x.py": "x = 1\n"}, example=True
    )
    branch(
        repo,
        {
            "pyproject.toml": "[project]\nname = 'x'\n\n[tool.kring]\nignore = ['KR']\n",
            "tools/kring/x.py": "x = 2\n",
            ".github/workflows/check.yml": "name: check\n",
            "docs/notes.md": "not a rule\n",
        },
    )
    code, out = kring(repo, "summary", "--base", "main", "--head", "change")
    assert code == 0
    top, _ = out.split("## What this change does")
    assert top.startswith(f"> ⚠️ **{RULES_NOTICE}**")
    assert top.count("\n> - ") == 3
    for path in (".github/workflows/check.yml", "pyproject.toml", "tools/kring/x.py"):
        assert f"> - `{path}`\n" in top
    assert "docs/notes.md" not in top
    data = json.loads(
        kring(repo, "summary", "--base", "main", "--head", "change", "--format", "json")[1]
    )
    assert data["rules"] == [
        {"path": ".github/workflows/check.yml", "change": "A"},
        {"path": "pyproject.toml", "change": "M"},
        {"path": "tools/kring/x.py", "change": "M"},
    ]
    # the work tree as the head sees an uncommitted change too
    (repo / "schemas").mkdir()
    (repo / "schemas" / "extra.schema.json").write_text("{}", "utf-8")
    out = kring(repo, "summary", "--base", "main")[1]
    assert "> - `schemas/extra.schema.json`\n" in out


def test_a_change_to_the_data_only_has_no_notice(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    branch(repo, {NEW_MEETING: MEETING_TEXT})
    out = kring(repo, "summary", "--base", "main", "--head", "change")[1]
    assert out.startswith("## What this change does")
    data = json.loads(
        kring(repo, "summary", "--base", "main", "--head", "change", "--format", "json")[1]
    )
    assert (data["rules"], data["suppressions"]) == ([], [])


SUPPRESSED = MEETING_TEXT.replace(
    "chair: anna-de-vris\n", "chair: anna-de-vris  # kring: ignore[KR201]\n"
)


def test_a_suppression_the_change_adds_hides_no_error_from_it(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    branch(
        repo,
        {
            NEW_MEETING: SUPPRESSED
            + "<!-- kring: ignore-file[KR201, KR502] -->\nCall 06-12345678.\n"
        },
    )
    # on its own the comments work: they are the network's rules once merged
    code, out = kring(repo, "check", "--format", "json", *QUIET)
    assert (code, codes(out)) == (0, [])
    # judged as a change, the error stands; the phone number (an error too) as well
    code, out = kring(repo, "check", "--format", "json", *QUIET, "--changed-since", "main")
    assert code == 1
    assert codes(out) == [("KR201", NEW_MEETING, 6), ("KR502", NEW_MEETING, 13)]
    data = json.loads(kring(repo, "summary", "--base", "main", "--format", "json")[1])
    assert data["suppressions"] == [
        {"path": NEW_MEETING, "line": 6, "codes": ["KR201"], "scope": "line"},
        {"path": NEW_MEETING, "line": 12, "codes": ["KR201", "KR502"], "scope": "file"},
    ]
    top = kring(repo, "summary", "--base", "main")[1].split("## What this change does")[0]
    assert top.startswith(f"> ⚠️ **{SUPPRESSIONS_NOTICE}**")
    assert f"> - `{NEW_MEETING}:6` `ignore[KR201]`\n" in top
    assert f"> - `{NEW_MEETING}:12` `ignore-file[KR201, KR502]`\n" in top


def test_a_suppression_the_change_adds_still_hides_a_warning(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    # a nine-digit number that passes the eleven-test, far from any keyword: KR503 warning
    text = MEETING_TEXT.replace("chair: anna-de-vris\n", "").replace(
        "---\n\n#", "---\n\nFile 123456782.\n#"
    )
    branch(repo, {NEW_MEETING: text})
    out = kring(repo, "check", "--format", "json", *QUIET, "--changed-since", "main")[1]
    assert codes(out) == [("KR503", NEW_MEETING, 10)]
    write_files(repo, {NEW_MEETING: text + "<!-- kring: ignore-file[KR503] -->\n"})
    code, out = kring(repo, "check", "--format", "json", *QUIET, "--changed-since", "main")
    assert (code, codes(out)) == (0, [])  # a warning gates nothing; the comment is listed


def test_a_suppression_that_an_edit_moved_is_not_new(make_repo: MakeRepo) -> None:
    unknown_chair = SUPPRESSED.replace("anna-de-vris", "bram")
    repo = make_repo({NEW_MEETING: unknown_chair}, example=True)
    branch(
        repo,
        {
            NEW_MEETING: unknown_chair.replace(
                "kind: regional\n", "kind: regional\nlocation: Aalten\n"
            )
        },
    )
    code, out = kring(repo, "check", "--format", "json", *QUIET, "--changed-since", "main")
    assert (code, codes(out)) == (0, [])  # the comment moved to line 7 and still holds
    data = json.loads(kring(repo, "summary", "--base", "main", "--format", "json")[1])
    assert data["suppressions"] == []
