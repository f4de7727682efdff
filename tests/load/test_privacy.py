"""KR501–KR504: personal data is found at its line and column, and never repeated."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from support import TODAY, MakeRepo

from kring.cli.main import cli
from kring.core.findings import Severity
from kring.load.privacy import scan
from kring.reporters import REPORTERS


def found(line: str) -> list[tuple[str, str]]:
    """(code, matched text) for one line, for asserting on what the scanner saw."""
    return [
        (p.code, line[p.source.column - 1 : p.source.end_column - 1])  # type: ignore[operator]
        for p in scan("x.md", line)
    ]


@pytest.mark.parametrize(
    ("line", "code", "match"),
    [
        (
            "mail anna.devries@gemeente-zutphen.nl today",
            "KR501",
            "anna.devries@gemeente-zutphen.nl",
        ),
        ("(x@y.org).", "KR501", "x@y.org"),
        ("bel 06-12345678", "KR502", "06-12345678"),
        ("bel 06 1234 5678.", "KR502", "06 1234 5678"),
        ("bel 06 12 34 56 78", "KR502", "06 12 34 56 78"),
        ("bel 0612345678", "KR502", "0612345678"),
        ("+31 6 12345678", "KR502", "+31 6 12345678"),
        ("+31 (0)6 1234 5678", "KR502", "+31 (0)6 1234 5678"),
        ("+31612345678", "KR502", "+31612345678"),
        ("0031 6 12345678", "KR502", "0031 6 12345678"),
        ("tel: 020-1234567", "KR502", "020-1234567"),
        ("tel: 0544-123456", "KR502", "0544-123456"),
        ("tel: 020 123 45 67", "KR502", "020 123 45 67"),
        ("tel: 020.123.4567", "KR502", "020.123.4567"),
        ("tel: (020) 1234567", "KR502", "(020) 1234567"),
        ("tel: (0544) 12 34 56", "KR502", "(0544) 12 34 56"),
        ("tel. 0612345678", "KR502", "0612345678"),
        ("+32 2 123 45 67", "KR502", "+32 2 123 45 67"),
        ("bsn: 123456782", "KR503", "123456782"),
        ("BSN 1234.56.782", "KR503", "1234.56.782"),
        ("burgerservicenummer 123 456 782", "KR503", "123 456 782"),
        ("IBAN NL91ABNA0417164300", "KR504", "NL91ABNA0417164300"),
        ("IBAN NL91 ABNA 0417 1643 00.", "KR504", "NL91 ABNA 0417 1643 00"),
        ("DE89 3704 0044 0532 0130 00", "KR504", "DE89 3704 0044 0532 0130 00"),
        ("GB29NWBK60161331926819", "KR504", "GB29NWBK60161331926819"),
    ],
)
def test_personal_data_is_found(line: str, code: str, match: str) -> None:
    assert found(line) == [(code, match)]


@pytest.mark.parametrize(
    "line",
    [
        "date: 2026-03-12",
        "group: 2026-03-12-achterhoek",
        "start: '10:30'",
        "12:30:45 and 07:30-09:00",
        "in 2026 and 2025-2026",
        "postcode 7141 AB Groenlo",
        "version 1.2.3 and 3.14159265",
        "ISBN 978-90-123-4567-8",
        "kvk 12345678, case 1234567890",
        "https://example.org/page/0612345678",
        "@anna-de-vries and @github/security and name@host",
        "NL91ABNA0417164301 (checksum off)",
        "2026-11-25T10:00:00",
        "123.456.789,00 euro",
    ],
)
def test_no_false_positives(line: str) -> None:
    assert found(line) == []


def test_an_iban_is_not_also_a_phone_number_nor_an_email_digits() -> None:
    # 0417164300 inside the IBAN is a valid landline shape; masked spans are not rescanned.
    assert found("NL91ABNA0417164300") == [("KR504", "NL91ABNA0417164300")]
    assert found("j.jansen0612345678@example.org") == [("KR501", "j.jansen0612345678@example.org")]


def test_bsn_is_an_error_near_a_keyword_or_in_a_field_so_named_else_a_warning() -> None:
    def severity(line: str) -> Severity | None:
        (problem,) = scan("x", line)
        return problem.severity

    assert severity("The BSN of the client is 123456782.") is None  # the rule's error
    assert severity("123456782 (sofinummer)") is None
    assert severity("file number 123456782") == Severity.WARNING
    assert severity("Sofie counted 123456782 steps") == Severity.WARNING


def test_bsn_in_a_field_named_bsn_is_an_error(make_repo: MakeRepo) -> None:
    from kring.load.yaml_loader import parse_yaml

    text = "name: X\nx-bsn:\n  - 123456782\nx-other:\n  - 123456782\n"
    doc = parse_yaml("m.yaml", text).document
    problems = scan("m.yaml", text, doc)
    assert [(p.source.line, p.severity) for p in problems] == [(3, None), (5, Severity.WARNING)]


def test_eleven_test_rejects_numbers_that_fail_it() -> None:
    assert found("bsn 123456789") == []
    assert found("bsn 000000000") == []


def test_scanning_is_linear_on_adversarial_lines() -> None:
    lines = [
        "a" * 200_000,
        "a@" * 100_000,
        "a." * 100_000 + "@",
        "a@" + "a." * 100_000,
        "0 " * 100_000,
        "0-" * 100_000,
        "+1 " * 60_000,
        "NL91 " * 50_000,
        "(0" * 100_000,
        "1" * 200_000,
        "+31 (0)" * 30_000,
        "<!-- kring: ignore" * 10_000,
    ]
    for line in lines:
        started = time.perf_counter()
        scan("x", line)
        assert time.perf_counter() - started < 0.5, line[:20]


CASE = """\
---
title: A family in debt
owner: anna-de-vries
presented_at: 2026-11-12-achterhoek
question: How do we keep the family housed?
intention:
  what: Call the housing corporation.
  due: next-meeting
---

The mother wrote from moeder.jansen@example.org to the team.

Her BSN is 123456782, the school said.
"""


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_email_and_bsn_are_found_and_never_repeated(make_repo: MakeRepo, fmt: str) -> None:
    repo = make_repo({"network/cases/2026/family-in-debt.md": CASE}, example=True)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--format", fmt]
    )
    assert result.exit_code == 1
    assert "moeder.jansen" not in result.output and "example.org" not in result.output
    assert "123456782" not in result.output and "56782" not in result.output
    if fmt == "json":
        findings = json.loads(result.output)["findings"]
        privacy = [(f["code"], f["line"], f["column"], f["severity"]) for f in findings]
        assert ("KR501", 11, 23, "error") in privacy
        assert ("KR503", 13, 12, "error") in privacy
    if fmt == "text":
        path = "network/cases/2026/family-in-debt.md"
        assert f"{path}:11:23: KR501 [error]" in result.output
        assert f"{path}:13:12: KR503 [error]" in result.output


def test_the_example_network_has_no_personal_data(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--select", "KR5"]
    )
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output
