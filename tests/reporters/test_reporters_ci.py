"""The machine formats for CI: github, sarif, markdown — exact output and safety."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from support import (
    INTENTION_CASE,
    NEW_MEETING,
    TESTS,
    TODAY,
    MakeRepo,
    must_show_change,
    write_files,
)

from kring.checks import deleted_commitment, registry, unknown_reference
from kring.cli.main import cli
from kring.core.findings import Finding, Severity, Source
from kring.core.i18n import T
from kring.reporters import Report, reporter


def check_changed(repo: Path, fmt: str) -> Result:
    """`kring check` on the files changed since main, in one format."""
    return CliRunner().invoke(
        cli,
        [
            "check",
            "--repo",
            str(repo),
            "--today",
            TODAY,
            "--changed-since",
            "main",
            "--format",
            fmt,
        ],
    )


SARIF_SCHEMA = json.loads((TESTS / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))

FINDINGS = (
    unknown_reference.RULE.at(
        Source("network/meetings/2026/2026-12-10-achterhoek.md", 6, 8, 6, 20),
        T("unknown member '{id}' (did you mean '{match}'?)", id="anna-de-vris", match="x"),
        T("members are the files in network/members/"),
    ),
    Finding(
        "KR404",
        "group-size",
        Severity.WARNING,
        Source("network/meetings/2026/2026-12-10-achterhoek.md", 7, 1),
        T("17 attendees: 100% full, a,b: c"),
    ),
    deleted_commitment.RULE.at(
        Source("network/members/odd, name:x.yaml"),
        T("line one\r\n::error::injected"),
        None,
    ),
)
REPORT = Report(FINDINGS, 40, 0.0)


def test_github_exact() -> None:
    assert reporter("github")(REPORT) == (
        "::group::network/meetings/2026/2026-12-10-achterhoek.md\n"
        "::error file=network/meetings/2026/2026-12-10-achterhoek.md,line=6,col=8,endLine=6,"
        "endColumn=20,title=KR201 unknown-reference::unknown member 'anna-de-vris' (did you "
        "mean 'x'?)%0Ahint: members are the files in network/members/\n"
        "::warning file=network/meetings/2026/2026-12-10-achterhoek.md,line=7,col=1,endLine=7,"
        "endColumn=1,title=KR404 group-size::17 attendees: 100%25 full, a,b: c\n"
        "::endgroup::\n"
        "::group::network/members/odd, name:x.yaml\n"
        "::error file=network/members/odd%2C name%3Ax.yaml,line=1,col=1,endLine=1,endColumn=1,"
        "title=KR304 deleted-commitment::line one%0D%0A::error::injected\n"
        "::endgroup::\n"
        "40 files checked: 2 errors, 1 warning, 0 info in 0.00 s\n"
    )


COMMAND = re.compile(r"::(group|endgroup|error|warning|notice)( [^:]*)?::")


def test_data_can_never_start_another_workflow_command(make_repo: MakeRepo) -> None:
    # a real file whose name carries a line break and a workflow command (git allows it)
    name = "network/members/x\n::error file=evil::pwned\r\n::add-mask::y.yaml"
    repo = make_repo({name: "name: X\n"}, example=True)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY], env={"GITHUB_ACTIONS": "true"}
    )
    lines = result.output.splitlines()
    assert any("pwned" in line for line in lines)  # the finding is there ...
    for line in lines[:-1]:  # ... and every line is a command kring wrote, the count aside
        assert COMMAND.match(line), line
    escaped = "network/members/x%0A%3A%3Aerror file=evil%3A%3Apwned%0D%0A%3A%3Aadd-mask%3A%3Ay.yaml"
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors
    assert all(line.startswith(f"::error file={escaped},") for line in errors)
    assert not any(line.startswith(("::add-mask", "::error file=evil")) for line in lines)


def test_sarif_exact_result_and_rules_from_the_registry() -> None:
    log = json.loads(reporter("sarif")(REPORT))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    # every rule, a network's and a koepel's (kring koepel check --format sarif uses the same)
    assert [r["id"] for r in rules] == [r.code for r in registry.rules()]
    kr304 = rules[[r["id"] for r in rules].index("KR304")]
    assert kr304["name"] == "deleted-commitment"
    assert (
        kr304["shortDescription"]["text"]
        == "An open action or intention removed instead of closed."
    )
    assert kr304["fullDescription"]["text"].startswith("What it does: with a base revision")
    assert "Use instead:" in kr304["help"]["text"]
    assert kr304["defaultConfiguration"] == {"level": "error"}
    assert run["results"][0] == {
        "ruleId": "KR201",
        "ruleIndex": [r["id"] for r in rules].index("KR201"),
        "level": "error",
        "message": {
            "text": "unknown member 'anna-de-vris' (did you mean 'x'?) (hint: members are the "
            "files in network/members/)"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "network/meetings/2026/2026-12-10-achterhoek.md",
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": {"startLine": 6, "startColumn": 8, "endLine": 6, "endColumn": 20},
                }
            }
        ],
    }
    assert run["results"][1]["level"] == "warning"
    assert run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "network/members/odd%2C%20name%3Ax.yaml"
    )


def test_sarif_schema_rejects_what_is_not_sarif() -> None:
    # the validation above can fail: a result without a message is not SARIF
    log = json.loads(reporter("sarif")(REPORT))
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)


def test_markdown_exact() -> None:
    assert reporter("markdown")(REPORT) == (
        "<!-- kring:comment -->\n"
        "## ❌ kring: 2 errors, 1 warning, 0 info\n\n"
        "### Findings\n\n"
        "#### `network/meetings/2026/2026-12-10-achterhoek.md`\n\n"
        "- line 6 **KR201** error: unknown member 'anna-de-vris' (did you mean 'x'?) — hint: "
        "members are the files in network/members/\n"
        "- line 7 **KR404** warning: 17 attendees: 100% full, a,b: c\n\n"
        "#### `network/members/odd, name:x.yaml`\n\n"
        "- line 1 **KR304** error: line one ::error::injected\n\n"
        "<sub>40 files checked: 2 errors, 1 warning, 0 info in 0.00 s</sub>\n"
    )


def test_markdown_verdicts() -> None:
    assert "## ✅ kring: 0 errors" in reporter("markdown")(Report((), 3, 0.0))
    assert "## ⚠️ kring: 0 errors, 1 warning" in reporter("markdown")(Report(FINDINGS[1:2], 3, 0.0))


def test_markdown_pings_nobody_and_renders_no_html(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    write_files(
        repo,
        {
            "network/members/someone.yaml": (
                'name: "@someone <img src=x onerror=alert(1)> **bold** [link](https://x) #1"\n'
                "organisation: aalten\ngroups: [achterhoek]\njoined: 2026-01-01\n"
            ),
            "network/meetings/2026/2026-12-10-achterhoek.md": (
                "---\ndate: 2026-12-10\ngroup: achterhoek\nkind: regional\n"
                "attendees: ['@someone', 'a`b``c']\n---\n"
            ),
        },
    )
    result = check_changed(repo, "markdown")
    out = result.output
    assert "unknown member '@\u2060someone'" in out  # the finding is there, defused
    assert "@someone" not in out
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "\\*\\*bold\\*\\*" in out and "\\[link\\]" in out and "\\#1" in out
    assert "unknown member 'a\\`b\\`\\`c'" in out  # backticks cannot open a code span
    assert "- member `someone` (@\u2060someone &lt;img" in out  # the summary's text too


def test_code_spans_are_fenced_longer_than_any_backtick_run() -> None:
    from kring.views.markup import code

    assert code("plain") == "`plain`"
    assert code("a`b") == "``a`b``"
    assert code("a``b`") == "``` a``b` ```"
    assert code("x\n# heading") == "`x # heading`"


def test_must_show_github_annotations_at_the_right_lines(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    must_show_change(repo)
    result = check_changed(repo, "github")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert [
        re.match(r"::error file=([^,]*),line=(\d+),col=(\d+)", a).groups() for a in annotations
    ] == [  # type: ignore[union-attr]
        (INTENTION_CASE, "2", "1"),
        (INTENTION_CASE, "2", "1"),
        (NEW_MEETING, "6", "8"),
    ]
    assert "title=KR304 deleted-commitment::" in annotations[1]
    assert "title=KR201 unknown-reference::" in annotations[2]


def test_must_show_sarif_validates(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    must_show_change(repo)
    result = check_changed(repo, "sarif")
    log = json.loads(result.output)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["KR101", "KR304", "KR201"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["1 file checked: 1 error, 1 warning, 0 info", "2 files checked: 0 errors"]),
        ("nl", ["1 bestand gecontroleerd: 1 fout, 1 waarschuwing", "2 bestanden gecontroleerd"]),
    ],
)
def test_counts_read_in_the_singular_for_one(lang: str, expected: list[str]) -> None:
    from kring.core.i18n import current_language, set_language

    before = current_language()
    set_language(lang)
    try:
        one = reporter("text")(Report(FINDINGS[:2], 1, 0.0))
        two = reporter("text")(Report((), 2, 0.0))
        verdict = reporter("markdown")(Report(FINDINGS[1:2], 1, 0.0))
    finally:
        set_language(before)
    assert expected[0] in one
    assert expected[1] in two
    heading = next(line for line in verdict.splitlines() if line.startswith("## "))
    assert ("1 warning" if lang == "en" else "1 waarschuwing") in heading
    assert "1 warnings" not in one + verdict and "1 waarschuwingen" not in one + verdict


def test_the_hint_is_named_in_the_readers_language() -> None:
    from kring.core.i18n import using_language

    with using_language("nl"):
        github = reporter("github")(REPORT)
        sarif = json.loads(reporter("sarif")(REPORT))
    assert "%0Atip: " in github and "hint" not in github
    message = sarif["runs"][0]["results"][0]["message"]["text"]
    assert message.endswith("(tip: deelnemers zijn de bestanden in network/members/)"), message
