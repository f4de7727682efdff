"""The command line through click's CliRunner, on real git repositories in tmp_path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support import TODAY, build_repo

from kring import __version__
from kring.checks.registry import rules
from kring.cli.main import cli
from kring.core.config import Config
from kring.load import pipeline

# One error (KR201, line 2) and one finding that configuration can turn into a warning
# (KR205, line 2): a member with a misspelt organisation and a past meeting without
# attendees.
DEFECTS = {
    "network/members/cor.yaml": (
        "name: Cor\norganisation: hogeschol\ngroups: [noord]\njoined: 2026-01-01\n"
    ),
    "network/meetings/2026/2026-09-10-noord.md": (
        "---\ndate: 2026-09-10\ngroup: noord\nkind: regional\n---\n"
    ),
}


def repo_with(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    overlay = tmp_path / "overlay"
    for rel, text in (files or {}).items():
        path = overlay / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return build_repo(tmp_path / "repo", overlay if files else None)


def kring(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def check(repo: Path, *args: str) -> Result:
    return kring("check", "--repo", str(repo), "--today", TODAY, *args)


def codes_in(result: Result) -> list[str]:
    return [f["code"] for f in json.loads(result.output)["findings"]]


# --- exit codes -----------------------------------------------------------------------------


def test_clean_network_exits_0(tmp_path: Path) -> None:
    result = check(repo_with(tmp_path))
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings, 0 info" in result.output


def test_an_error_exits_1(tmp_path: Path) -> None:
    result = check(repo_with(tmp_path, DEFECTS), "--format", "json")
    assert result.exit_code == 1
    assert codes_in(result) == ["KR205", "KR201"]  # sorted by path: meetings before members


@pytest.mark.parametrize(
    ("fail_on", "exit_code"), [("error", 0), ("warning", 1), ("never", 0)], ids=str
)
def test_fail_on_with_only_a_warning(tmp_path: Path, fail_on: str, exit_code: int) -> None:
    files = {
        "network/meetings/2026/2026-09-10-noord.md": DEFECTS[
            "network/meetings/2026/2026-09-10-noord.md"
        ],
        "pyproject.toml": '[tool.kring.severity]\nKR205 = "warning"\n',
    }
    result = check(repo_with(tmp_path, files), "--fail-on", fail_on)
    assert result.exit_code == exit_code, result.output
    assert "KR205 [warning]" in result.output


def test_fail_on_never_with_errors(tmp_path: Path) -> None:
    assert check(repo_with(tmp_path, DEFECTS), "--fail-on", "never").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--today", "2026-02-30"],
        ["--today", "tomorrow"],
        ["--today", "20261125"],
        ["--today", "2026-W48-3"],
        ["--select", "KR999"],
        ["--select", "XX1"],
        ["--ignore", "KR8"],
        ["--fail-on", "sometimes"],
        ["--format", "yaml"],
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = kring("check", "--repo", str(repo_with(tmp_path)), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_unknown_code_gets_a_did_you_mean(tmp_path: Path) -> None:
    result = check(repo_with(tmp_path), "--select", "KR2O1")
    assert result.exit_code == 2
    assert "KR2O1" in result.output


def test_bad_kring_today_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_TODAY", "2026-13-01")
    result = kring("check", "--repo", str(repo_with(tmp_path)))
    assert result.exit_code == 2
    assert "KRING_TODAY" in result.output


def test_no_network_folder_exits_2(tmp_path: Path) -> None:
    result = kring("check", "--repo", str(tmp_path))
    assert result.exit_code == 2
    assert "no network/ folder" in result.output


def test_no_network_folder_above_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    assert kring("check").exit_code == 2


def test_repo_found_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = repo_with(tmp_path, DEFECTS)
    monkeypatch.chdir(repo / "network" / "members")
    result = kring("check", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    assert codes_in(result) == ["KR205", "KR201"]


# --- selecting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["KR205", "KR201"]),
        (["--select", "KR2"], ["KR205", "KR201"]),
        (["--select", "KR201"], ["KR201"]),
        (["--select", "KR20"], ["KR205", "KR201"]),
        (["--ignore", "KR205"], ["KR201"]),
        (["--ignore", "KR2"], []),
        (["--select", "KR2", "--ignore", "KR20"], []),
        (["--select", "KR0,KR1"], []),
        (["--select", "KR0", "--select", "KR205"], ["KR205"]),
        (["--ignore", "KR2", "--select", "KR201"], ["KR201"]),  # the longer prefix wins
        (["--select", "kr201"], ["KR201"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_select_and_ignore(tmp_path: Path, args: list[str], expected: list[str]) -> None:
    result = check(repo_with(tmp_path, DEFECTS), "--format", "json", *args)
    assert codes_in(result) == expected


# --- configuration in [tool.kring] ----------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('select = ["KR201"]', ["KR201"]),
        ('ignore = ["KR205"]', ["KR201"]),
        ('select = "KR2"\nignore = "KR201"', ["KR205"]),
    ],
)
def test_config_select_and_ignore(tmp_path: Path, config: str, expected: list[str]) -> None:
    files = {**DEFECTS, "pyproject.toml": f"[project]\nname = 'net'\n\n[tool.kring]\n{config}\n"}
    result = check(repo_with(tmp_path, files), "--format", "json")
    assert codes_in(result) == expected


def test_options_add_to_the_configuration(tmp_path: Path) -> None:
    files = {**DEFECTS, "pyproject.toml": '[tool.kring]\nignore = ["KR205"]\n'}
    repo = repo_with(tmp_path, files)
    assert codes_in(check(repo, "--format", "json", "--ignore", "KR201")) == []
    # An explicit --select on the command line asks for the check again.
    assert codes_in(check(repo, "--format", "json", "--select", "KR205")) == ["KR205"]


def test_config_severity(tmp_path: Path) -> None:
    files = {**DEFECTS, "pyproject.toml": '[tool.kring.severity]\nKR201 = "info"\n'}
    result = check(repo_with(tmp_path, files), "--format", "json")
    severities = {f["code"]: f["severity"] for f in json.loads(result.output)["findings"]}
    assert severities == {"KR201": "info", "KR205": "error"}


def test_config_policy_sets_defaults_below_the_network(tmp_path: Path) -> None:
    files = {"pyproject.toml": "[tool.kring.policy]\nmax_group_size = 9\nfollow_up_carry = 2\n"}
    repo = repo_with(tmp_path, files)
    config = pipeline.configuration(repo)
    assert config.policy == {"max_group_size": 9, "follow_up_carry": 2}
    model = pipeline.load(repo, config)
    assert model.network is not None
    assert model.network.policy["max_group_size"] == 9
    assert model.regions["noord"].policy["follow_up_carry"] == 2
    assert check(repo).exit_code == 0


def test_config_max_file_kib(tmp_path: Path) -> None:
    files = {"pyproject.toml": "[tool.kring]\nmax-file-kib = 1\n"}
    big = "name: Thema\ndescription: " + "x" * 2000 + "\n"
    result = check(repo_with(tmp_path, {**files, "network/themes/thema.yaml": big}))
    assert result.exit_code == 1
    assert "network/themes/thema.yaml:1:1: KR003" in result.output


@pytest.mark.parametrize(
    "config",
    [
        "[tool.kring\n",
        "[tool.kring]\nselekt = ['KR2']\n",
        "[tool.kring]\nselect = ['KR999']\n",
        "[tool.kring]\nignore = 5\n",
        "[tool.kring.severity]\nKR201 = 'fatal'\n",
        "[tool.kring.severity]\nKR999 = 'error'\n",
        "[tool.kring.policy]\nmax_groupsize = 9\n",
        "[tool.kring.policy]\nmax_group_size = 'nine'\n",
        "[tool.kring]\nmax-file-kib = 0\n",
        "tool = 1\n[tool.kring]\n",
    ],
)
def test_bad_config_exits_2(tmp_path: Path, config: str) -> None:
    repo = repo_with(tmp_path)
    (repo / "pyproject.toml").write_text(config)
    result = check(repo)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_no_config_is_the_default(tmp_path: Path) -> None:
    assert pipeline.configuration(repo_with(tmp_path)) == Config()


# --- PATH arguments -------------------------------------------------------------------------


def test_paths_limit_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = repo_with(tmp_path, DEFECTS)
    monkeypatch.chdir(repo)
    only_members = kring("check", "--today", TODAY, "--format", "json", "network/members")
    assert codes_in(only_members) == ["KR201"]
    one_file = kring(
        "check", "--today", TODAY, "--format", "json", "network/meetings/2026/2026-09-10-noord.md"
    )
    assert codes_in(one_file) == ["KR205"]
    assert one_file.exit_code == 1
    elsewhere = kring("check", "--today", TODAY, "--format", "json", "network/regions/")
    assert codes_in(elsewhere) == []
    assert elsewhere.exit_code == 0
    absolute = kring("check", "--today", TODAY, "--format", "json", str(repo / "network/members"))
    assert codes_in(absolute) == ["KR201"]


@pytest.mark.parametrize(
    ("path", "mean"),
    [
        ("nosuchfile.md", ""),
        ("network/members/ana.yaml", " (did you mean 'network/members/anna.yaml'?)"),
        ("network/member", " (did you mean 'network/members'?)"),
    ],
)
def test_a_path_that_names_no_file_exits_2_with_the_closest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, mean: str
) -> None:
    # issue 16: `kring check nosuchfile.md` said "0 errors" and passed
    repo = repo_with(tmp_path, DEFECTS)
    monkeypatch.chdir(repo)
    result = kring("check", "--today", TODAY, path)
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: no file of the network is there{mean}\n"


def test_the_count_is_of_the_files_the_paths_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repo_with(tmp_path, DEFECTS)
    monkeypatch.chdir(repo)
    members = len(list((repo / "network/members").iterdir()))
    result = kring("check", "--today", TODAY, "network/members/")
    assert result.output.splitlines()[-1].startswith(f"{members} files checked")
    everything = kring("check", "--today", TODAY, ".")
    assert (
        kring("check", "--today", TODAY).output.splitlines()[-1].split(":")[0]
        == (everything.output.splitlines()[-1].split(":")[0])
    )


def test_path_outside_the_repository_exits_2(tmp_path: Path) -> None:
    result = check(repo_with(tmp_path), str(tmp_path))
    assert result.exit_code == 2
    assert "outside the repository" in result.output


# --- rules, explain, schema, version --------------------------------------------------------


def test_rules_lists_the_catalogue_in_code_order() -> None:
    result = kring("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in rules()]
    assert lines[rules().index(next(r for r in rules() if r.code == "KR201"))].split()[1:3] == [
        "unknown-reference",
        "error",
    ]


@pytest.mark.parametrize("name", ["KR201", "kr201", "unknown-reference", " KR201 "])
def test_explain(name: str) -> None:
    result = kring("explain", name)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("KR201 unknown-reference [error]\n")
    for part in ("What it does", "Why is this bad", "Example", "Use instead"):
        assert part in result.output


def test_explain_unknown_code_exits_2() -> None:
    result = kring("explain", "KR999")
    assert result.exit_code == 2
    assert "no check KR999" in result.output


def test_explain_misspelt_name_suggests() -> None:
    result = kring("explain", "unknown-refernce")
    assert result.exit_code == 2
    assert "did you mean unknown-reference?" in result.output


def test_schema_lists_the_kinds() -> None:
    result = kring("schema")
    assert result.exit_code == 0
    rows = [line.split(maxsplit=1) for line in result.output.splitlines()]
    assert [kind for kind, _ in rows] == [
        "network",
        "region",
        "theme",
        "member",
        "meeting",
        "case",
        "koepel",  # a koepel's koepel.yaml (SPEC §10)
        "export",  # a network's network/export.json
    ]
    for kind, location in rows:
        assert Path(location).name == f"{kind}.schema.json"
        assert Path(location).is_file()


def test_schema_prints_one() -> None:
    result = kring("schema", "member")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$id"].endswith("/member.schema.json")
    assert schema["additionalProperties"] is False


def test_schema_unknown_kind_exits_2() -> None:
    result = kring("schema", "person")
    assert result.exit_code == 2
    assert "no schema 'person'" in result.output


def test_schema_takes_repo_today_and_lang_like_every_command(tmp_path: Path) -> None:
    """SPEC §4: every command takes --repo, --today and --lang; the schemas are the installed
    kring's, the repository only decides the language of its messages."""
    repo = build_repo(tmp_path / "repo")
    listed = kring("schema", "--repo", str(repo), "--today", TODAY, "--lang", "nl")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[0].split()[0] == "network"
    wrong = kring("schema", "person", "--repo", str(repo), "--lang", "nl")
    assert wrong.exit_code == 2
    assert "geen schema 'person'; kies uit:" in wrong.output


def test_version() -> None:
    result = kring("--version")
    assert result.exit_code == 0
    assert result.output == f"kring, version {__version__}\n"


@pytest.mark.parametrize("command", ["check", "rules", "explain", "schema"])
def test_help_has_examples(command: str) -> None:
    result = kring(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_version_and_help_start_without_the_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from kring.cli.main import cli\n"
        "for args in (['--version'], ['--help']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'yaml', 'jsonschema', 'jsonschema_rs', 'git', 'kring.load.yaml_loader'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_main_turns_usage_errors_into_exit_2_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kring", "check", "--repo", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: no network/ folder")
    assert "Traceback" not in done.stderr
