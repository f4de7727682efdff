"""SPEC §3, §4, §6, §7, §9: output order, the auto format, time findings never block, README."""

from __future__ import annotations

from click.testing import CliRunner
from support import ROOT, MakeRepo, base_files, check

from kring.cli.main import cli

MEETING = "network/meetings/2026/2026-09-10-noord.md"


def test_findings_sort_by_path_line_column_then_code(make_repo: MakeRepo) -> None:
    files = base_files()
    # one line, the e-mail address (KR501) before the unknown member (KR201): the checks run
    # in code order, the output is in reading order
    files[MEETING] = (
        "---\ndate: 2026-09-10\ngroup: noord\nkind: regional\nattendees: [anna]\n"
        "updates: [{ask: mail jan@example.org, member: ghost}]\n---\n"
    )
    files["network/members/ann.yaml"] = (
        "name: Ann\norganisation: stadd\ngroups: [noord]\njoined: 2026-01-01\n"
    )
    run = check(make_repo(files))
    order = [(f["path"], f["line"], f["column"], f["code"]) for f in run.findings]
    assert order == sorted(order), order
    assert [(f["code"], f["path"], f["line"]) for f in run.findings] == [
        ("KR501", MEETING, 6),
        ("KR201", MEETING, 6),
        ("KR201", "network/members/ann.yaml", 2),
    ], run.output
    email, member = run.findings[0], run.findings[1]
    assert int(str(email["column"])) < int(str(member["column"]))


def test_auto_is_text_outside_github_actions(make_repo: MakeRepo) -> None:
    repo = make_repo(base_files())
    env = {"GITHUB_ACTIONS": None}
    auto = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--today", "2026-11-25"], env=env)
    assert auto.exit_code == 0
    assert auto.output.startswith("9 files checked: 0 errors, 0 warnings, 0 info in ")
    under = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", "2026-11-25"], env={"GITHUB_ACTIONS": "true"}
    )
    assert under.output.startswith("9 files checked")  # github: a clean run is the count alone
    files = base_files()
    files["network/members/ann.yaml"] = "name: Ann\norganisation: stadd\ngroups: [noord]\n"
    repo = make_repo(files)
    auto = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--today", "2026-11-25"], env=env)
    assert auto.output.startswith("network/members/ann.yaml:1:1: KR101 [error] ")
    under = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", "2026-11-25"], env={"GITHUB_ACTIONS": "true"}
    )
    assert "::error file=network/members/ann.yaml,line=1," in under.output


def test_time_never_turns_the_example_red(make_repo: MakeRepo) -> None:
    # Time-dependent findings are warnings (SPEC §3), so the example checks clean on a
    # fresh clone (SPEC §9) however long after it was written.
    repo = make_repo(example=True)
    for today in ("2026-11-25", "2027-06-30", "2031-01-01"):
        run = check(repo, today=today)
        assert run.exit_code == 0, (today, run.output)
        assert not [f for f in run.findings if f["severity"] == "error"], today
        if today != "2026-11-25":
            assert {"KR301", "KR302"} <= {str(f["code"]) for f in run.findings}


def test_readme_says_confidential_cases_belong_in_a_private_repository() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Confidential cases belong in a private repository") :]
    section = " ".join(section[: section.index("\n## ", 1)].split())
    for words in ("git keeps every version", "pull request from a fork", "**private**"):
        assert words in section, words
