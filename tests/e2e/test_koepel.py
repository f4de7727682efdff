"""A koepel of two networks, end to end (SPEC §10, issue 19's "must show").

- oost: the example network, read from a path (its network/export.json on disk);
- zuid: the canary network (tests/data/canary: another policy, and a canary in every field),
  read from a git repository at a ref, from git objects, with no export in its work tree.

Each network publishes with `kring export --write`; `kring koepel report` writes the pages
comparing both, and nothing of either network but counts, rates, dates, group ids and its
name reaches the exports or the pages.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from support import ROOT, TESTS, TODAY, commit, git, kring, make_repo_at

from kring.cli.main import cli
from kring.core.config import Config
from kring.core.layout import EXPORT_PATH, KOEPEL_MARKER
from kring.load import pipeline

KOEPEL_TODAY = "2026-12-01"
KOEPEL_YAML = """\
name: Koepel Oost-Nederland
description: The knowledge networks of the east, side by side.
networks:
  - id: oost
    name: Kenniskring Oost
    path: ../oost
  - id: zuid
    git: ../zuid
    ref: main
"""


def koepel(*args: str, repo: Path, today: str = KOEPEL_TODAY) -> Result:
    return CliRunner().invoke(
        cli,
        ["koepel", *args, "--repo", str(repo), "--today", today],
        env={"KRING_LANG": None, "KRING_TODAY": None},
    )


def publish(repo: Path, today: str = TODAY) -> None:
    result = kring(repo, "export", "--write", today=today)
    assert result.exit_code == 0, result.output


@pytest.fixture
def koepel_repo(tmp_path: Path) -> Path:
    oost = make_repo_at(tmp_path / "oost", example=True)
    publish(oost)
    zuid = tmp_path / "zuid"
    shutil.copytree(TESTS / "data" / "canary" / "network", zuid / "network")
    git(zuid, "init", "-q", "-b", "main")
    publish(zuid, today="2026-11-28")
    commit(zuid, "network and its export")
    # read by ref: what the work tree holds does not matter
    (zuid / EXPORT_PATH).unlink()
    root = make_repo_at(tmp_path / "koepel", {"koepel.yaml": KOEPEL_YAML})
    (root / "network").rmdir()  # make_repo_at lays out a network folder; a koepel has none
    return root


def pages_of(root: Path) -> dict[str, str]:
    paths = [root / "README.md", *sorted((root / "networks").glob("*.md"))]
    return {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in paths if p.exists()}


def private_texts(example: Path) -> list[str]:
    """What must never leave the example network: names and ids of people, case ids, and the
    free text of meetings, cases and actions."""
    model = pipeline.load(example, Config())
    out: list[str] = []
    for member in model.members.values():
        out += [member.id, member.name or ""]
    for case in model.cases.values():
        out += [case.id, case.title or "", case.question or ""]
        if case.intention is not None:
            out.append(case.intention.what or "")
    for meeting in model.meetings.values():
        out += [meeting.topic or "", meeting.location or ""]
        out += [a.what or "" for a in meeting.actions]
        out += [a.id for a in meeting.actions]
    texts = [t for t in out if len(t) >= 6]
    assert len(texts) > 60  # the example's people, cases, meetings and actions
    return texts


# --- must show: two networks, side by side ------------------------------------------------------


def test_a_koepel_reports_two_networks_side_by_side(koepel_repo: Path) -> None:
    result = koepel("report", repo=koepel_repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created README.md",
        "created networks/oost.md",
        "created networks/zuid.md",
    ]
    pages = pages_of(koepel_repo)
    readme = pages["README.md"]
    assert readme.startswith(KOEPEL_MARKER)
    assert "# Koepel Oost-Nederland" in readme
    assert "2 of 2 network(s) could be read" in readme
    # both networks, in a table and in every chart
    assert "| [Kenniskring Oost](networks/oost.md) | 2026-11-25 | 3 | 12 | 7 / 7 |" in readme
    assert "| [Netwerk Noord](networks/zuid.md) | 2026-11-28 | 2 | 2 | 3 / 3 |" in readme
    for title in (
        "Meetings held as a share of the target, 2025 (%)",
        "Attendance rate, 2025 (%)",
        "Follow-up rate of intervision cases, 2025 (%)",
        "Months since the last evaluation",
        "Facilitators per network",
        "Members of all networks at the end of each year",
    ):
        assert f'title "{title}"' in readme, title
    assert readme.count('x-axis ["oost", "zuid"]') == 5
    # their different policies, each on its own page
    assert "| Policy: meetings a year per region | 3 |" in pages["networks/oost.md"]
    assert "| Policy: meetings a year per region | 2 |" in pages["networks/zuid.md"]
    assert "read from `../oost`" in pages["networks/oost.md"]
    assert "read from `../zuid @ main`" in pages["networks/zuid.md"]


def test_two_entries_with_one_id_are_both_read_and_neither_gets_a_page(
    koepel_repo: Path,
) -> None:
    """SPEC §2.3 in a koepel: every entry of koepel.yaml is one network; an id two entries
    share is KR202 once, and names neither, so neither has a page of its own."""
    text = (koepel_repo / "koepel.yaml").read_text("utf-8")
    (koepel_repo / "koepel.yaml").write_text(text.replace("id: zuid", "id: oost"), "utf-8")
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    shared = [f for f in json.loads(checked.stdout)["findings"] if f["code"] == "KR202"]
    assert [(f["line"], f["path"]) for f in shared] == [(7, "koepel.yaml")]
    result = koepel("report", repo=koepel_repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["created README.md"]
    readme = pages_of(koepel_repo)["README.md"]
    assert "2 of 2 network(s) could be read" in readme
    # both networks' facts, side by side, without a link to a page that names neither
    assert "| Kenniskring Oost (`oost`) | 2026-11-25 | 3 | 12 | 7 / 7 |" in readme
    assert "| Netwerk Noord (`oost`) | 2026-11-28 | 2 | 2 | 3 / 3 |" in readme
    assert "networks/oost.md" not in readme


def test_nothing_private_of_either_network_reaches_the_exports_or_the_pages(
    koepel_repo: Path,
) -> None:
    assert koepel("report", repo=koepel_repo).exit_code == 0
    published = (koepel_repo.parent / "oost" / EXPORT_PATH).read_text("utf-8")
    published += git(koepel_repo.parent / "zuid", "show", f"main:{EXPORT_PATH}")
    shown = "".join(pages_of(koepel_repo).values())
    private = private_texts(koepel_repo.parent / "oost")
    for text in (published, shown):
        assert "kanarie" not in text.lower()
        assert [t for t in private if t in text] == []


def test_the_same_inputs_give_the_same_pages(koepel_repo: Path) -> None:
    assert koepel("report", repo=koepel_repo).exit_code == 0
    first = pages_of(koepel_repo)
    again = koepel("report", repo=koepel_repo)
    assert again.exit_code == 0
    assert all(line.startswith("unchanged ") for line in again.stdout.splitlines())
    assert pages_of(koepel_repo) == first
    assert koepel("report", "--check", repo=koepel_repo).exit_code == 0
    later = koepel("report", "--check", repo=koepel_repo, today="2027-01-10")
    assert later.exit_code == 1
    assert "out of date README.md" in later.stdout
    assert pages_of(koepel_repo) == first


def test_the_pages_read_in_dutch(koepel_repo: Path) -> None:
    yaml_text = (koepel_repo / "koepel.yaml").read_text("utf-8")
    (koepel_repo / "koepel.yaml").write_text("lang: nl\n" + yaml_text, "utf-8")
    assert koepel("report", repo=koepel_repo).exit_code == 0
    readme = pages_of(koepel_repo)["README.md"]
    assert "## Netwerken" in readme
    assert "Ritme tegenover de afspraken" in readme
    assert "2 van 2 netwerk(en) konden worden gelezen" in readme
    english = koepel("report", "--lang", "en", repo=koepel_repo)
    assert english.exit_code == 0
    assert "## Networks" in pages_of(koepel_repo)["README.md"]


# --- must show: one broken export, the other still reported ------------------------------------


def test_a_malformed_export_is_a_finding_for_that_network_and_the_other_is_reported(
    koepel_repo: Path,
) -> None:
    export = koepel_repo.parent / "oost" / EXPORT_PATH
    export.write_text(export.read_text("utf-8").replace('"held": 7', '"held": "seven"', 1))
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    assert checked.exit_code == 1
    findings = json.loads(checked.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("KR602", 6)]
    assert findings[0]["message"] == (
        "network 'oost': its export cannot be used: it does not fit "
        "schemas/export.schema.json at network.totals[0].held: a value of the wrong type"
    )
    reported = koepel("report", repo=koepel_repo)
    assert reported.exit_code == 0
    assert "1 network(s) could not be read" in reported.stderr
    pages = pages_of(koepel_repo)
    assert (
        "| [Kenniskring Oost](networks/oost.md) | no facts: see the findings |"
        in (pages["README.md"])
    )
    assert "| [Netwerk Noord](networks/zuid.md) | 2026-11-28 |" in pages["README.md"]
    assert 'x-axis ["zuid"]' in pages["README.md"]
    assert "No facts of this network could be read from `../oost`." in pages["networks/oost.md"]
    assert "KR602 export-malformed" in pages["networks/oost.md"]
    assert "## Year by year" in pages["networks/zuid.md"]


def test_an_unreachable_network_never_stops_the_others(koepel_repo: Path) -> None:
    text = (koepel_repo / "koepel.yaml").read_text("utf-8")
    text = text.replace("networks:\n", "networks:\n  - id: west\n    path: ../nowhere\n", 1)
    (koepel_repo / "koepel.yaml").write_text(text, "utf-8")
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    assert checked.exit_code == 1
    codes = [f["code"] for f in json.loads(checked.stdout)["findings"]]
    assert codes.count("KR601") == 1
    assert koepel("report", repo=koepel_repo).exit_code == 0
    readme = pages_of(koepel_repo)["README.md"]
    assert 'x-axis ["oost", "zuid"]' in readme


def test_a_commit_hash_reads_only_that_networks_own_repository(
    koepel_repo: Path, tmp_path: Path
) -> None:
    # the batch that reads the networks' exports sees every repository's objects: a hash of
    # zuid's commit given for west must not read zuid's export under west's name
    zuid_head = git(tmp_path / "zuid", "rev-parse", "HEAD").strip()
    west = tmp_path / "west"
    shutil.copytree(TESTS / "data" / "canary" / "network", west / "network")
    git(west, "init", "-q", "-b", "main")
    publish(west, today="2026-11-28")
    west_head = commit(west, "west: network and its export")  # not zuid's commit
    text = (koepel_repo / "koepel.yaml").read_text("utf-8")
    entry = "  - id: west\n    git: ../west\n    ref: {}\n"
    (koepel_repo / "koepel.yaml").write_text(text + entry.format(zuid_head), "utf-8")
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    findings = json.loads(checked.stdout)["findings"]
    assert [f["code"] for f in findings if zuid_head in f["message"]] == ["KR601"]
    # its own commit, by hash, is read
    (koepel_repo / "koepel.yaml").write_text(text + entry.format(west_head), "utf-8")
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    assert not [f for f in json.loads(checked.stdout)["findings"] if f["code"] == "KR601"]


# --- kring koepel check ---------------------------------------------------------------------------


def test_check_reports_the_koepels_findings_with_exit_codes(koepel_repo: Path) -> None:
    checked = koepel("check", repo=koepel_repo)
    # the example's follow-up rate fell from 100% (2025) to 50% (2026): a warning, exit 0
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines()[0] == (
        "koepel.yaml:4:9: KR613 [warning] network 'oost': the follow-up rate fell from 100% in "
        "2025 to 50% in 2026"
    )
    assert koepel("check", "--fail-on", "warning", repo=koepel_repo).exit_code == 1
    stale = koepel("check", repo=koepel_repo, today="2027-06-01")
    assert stale.exit_code == 0
    assert stale.stdout.count("KR604") == 2


def test_no_koepel_yaml_is_a_usage_error(tmp_path: Path) -> None:
    result = koepel("check", repo=tmp_path)
    assert result.exit_code == 2
    assert "no koepel.yaml in" in result.output


def test_koepel_yaml_is_checked_like_data(koepel_repo: Path) -> None:
    (koepel_repo / "koepel.yaml").write_text(
        "name: Koepel\nnetworks:\n"
        "  - id: oost\n    path: ../oost\n    git: ../zuid\n"
        "  - id: oost\n    path: ../oost\n"
        "  - id: zuid\n    git: ../zuid\n"
        "  - id: west\n    git: ../zuid\n    ref: --upload-pack=touch\n"
        "  - id: noord\n    pad: ../noord\n",
        "utf-8",
    )
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    assert checked.exit_code == 1
    found = [(f["code"], f["line"], f["message"]) for f in json.loads(checked.stdout)["findings"]]
    assert found == [
        ("KR101", 5, "the 1st entry in networks gives both path and git; give one of them"),
        (
            "KR202",
            6,
            "network 'oost' is listed more than once; each entry is read, and the id has no "
            "page until each network has its own",
        ),
        # the second entry is read too: its own facts' findings stand at its own entry
        ("KR613", 6, "network 'oost': the follow-up rate fell from 100% in 2025 to 50% in 2026"),
        ("KR101", 8, "missing required key 'ref' in the 3rd entry in networks"),
        (
            "KR101",
            12,
            "'--upload-pack=touch' in ref of the 4th entry in networks is not written as this "
            "field expects",
        ),
        ("KR101", 13, "the 5th entry in networks says neither path nor git: where are its facts?"),
        ("KR101", 14, "unknown field 'pad' in the 5th entry in networks"),
    ]
    assert not (koepel_repo / "touch").exists()


# --- reading from git --------------------------------------------------------------------------


def test_a_remote_repository_is_fetched_into_the_koepels_git_folder(koepel_repo: Path) -> None:
    zuid = (koepel_repo.parent / "zuid").as_uri()
    text = (koepel_repo / "koepel.yaml").read_text("utf-8").replace("git: ../zuid", f"git: {zuid}")
    (koepel_repo / "koepel.yaml").write_text(text, "utf-8")
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    assert [f["code"] for f in json.loads(checked.stdout)["findings"]] == ["KR613"]
    assert (koepel_repo / ".git" / "kring" / "koepel" / "zuid.git").is_dir()
    assert git(koepel_repo, "status", "--porcelain") == " M koepel.yaml\n"  # nothing fetched here
    assert koepel("report", repo=koepel_repo).exit_code == 0
    assert f"read from `{zuid} @ main`" in pages_of(koepel_repo)["networks/zuid.md"]


def test_a_password_in_an_address_is_never_shown(koepel_repo: Path) -> None:
    text = (koepel_repo / "koepel.yaml").read_text("utf-8")
    text = text.replace(
        "git: ../zuid", "git: https://coordinator:s3cret-token@git.invalid/zuid.git"
    )
    (koepel_repo / "koepel.yaml").write_text(text, "utf-8")
    checked = koepel("check", repo=koepel_repo)
    assert checked.exit_code == 1
    assert "KR601" in checked.stdout and "s3cret" not in checked.output
    assert koepel("report", repo=koepel_repo).exit_code == 0
    page = pages_of(koepel_repo)["networks/zuid.md"]
    assert "`https://git.invalid/zuid.git @ main`" in page
    assert "s3cret" not in "".join(pages_of(koepel_repo).values())


# --- exports are untrusted input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
        (b'{"version": 1, "network": {"name": "Jan Jansen"}, "version": 1}', "a key twice"),
        (b'{"version": 1, "Jan Jansen": 1}', "at the file: a required field is missing"),
        (b'{"version": "Jan Jansen"}', "a required field is missing"),
        (b'{"version": 10000000000000000000000000}', "newer than this kring reads"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"9" * 5000, "a number too long"),
    ],
)
def test_a_hostile_export_is_refused_without_quoting_it(
    koepel_repo: Path, content: bytes, reason: str
) -> None:
    (koepel_repo.parent / "oost" / EXPORT_PATH).write_bytes(content)
    checked = koepel("check", "--format", "json", repo=koepel_repo)
    assert checked.exit_code == 1
    (finding,) = [f for f in json.loads(checked.stdout)["findings"] if f["code"] != "KR613"]
    assert finding["code"] in ("KR602", "KR603")
    assert reason in finding["message"], finding["message"]
    assert "Jan Jansen" not in checked.output


def test_a_page_the_user_wrote_is_left_alone(koepel_repo: Path) -> None:
    (koepel_repo / "README.md").write_text("# Our koepel\n\nNotes.\n", "utf-8")
    result = koepel("report", repo=koepel_repo)
    assert result.exit_code == 2
    assert "not a page generated by kring koepel report" in result.output
    assert (koepel_repo / "README.md").read_text("utf-8") == "# Our koepel\n\nNotes.\n"


# --- the scheduled workflow of a koepel repository (docs/koepel-workflow.yml) -----------------

TEMPLATE = ROOT / "docs" / "koepel-workflow.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def template() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEMPLATE.read_text("utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_the_workflow_template_is_scheduled_pinned_and_least_privileged() -> None:
    workflow = template()
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")  # data through env: only
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    if Path(actionlint).is_file():
        done = subprocess.run([actionlint, str(TEMPLATE)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_templates_kring_steps_run_as_written(
    koepel_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(koepel_repo)
    commands = [
        shlex.split(step["run"])
        for step in template()["jobs"]["pages"]["steps"]
        if step.get("run", "").startswith("kring ")
    ]
    assert [c[:3] for c in commands] == [
        ["kring", "koepel", "check"],
        ["kring", "koepel", "report"],
    ]
    for command in commands:
        result = CliRunner().invoke(
            cli, command[1:], env={"KRING_TODAY": KOEPEL_TODAY, "KRING_LANG": None}
        )
        assert result.exit_code == 0, result.output
    assert (koepel_repo / "README.md").is_file()


# --- the benchmark's koepel ----------------------------------------------------------------------


def test_the_benchmark_koepel_is_clean_and_the_same_every_time(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import koepel_scale
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert koepel_scale.export(7) == koepel_scale.export(7)
    koepel_scale.generate(6, tmp_path / "bench")
    for koepel_dir in ("by-path", "by-ref"):
        result = koepel(
            "check",
            "--fail-on",
            "warning",
            repo=tmp_path / "bench" / koepel_dir,
            today=koepel_scale.TODAY,
        )
        assert result.exit_code == 0, result.output
        assert "7 files checked: 0 errors, 0 warnings, 0 info" in result.stdout
