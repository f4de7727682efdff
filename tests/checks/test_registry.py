"""The check registry: codes, names, severities and explanations (SPEC §5, STYLE)."""

from __future__ import annotations

import re

import pytest

from kring.checks.registry import CHECKS, KOEPEL_CHECKS, rule, rules
from kring.checks.runner import AFTER_PASSES
from kring.core.codes import Code
from kring.core.findings import Severity

# SPEC §5's table: code -> (name, default severity).
SPEC = {
    "KR001": ("yaml-syntax", "error"),
    "KR002": ("duplicate-key", "error"),
    "KR003": ("unsafe-yaml", "error"),
    "KR004": ("encoding", "error"),
    "KR005": ("misplaced-file", "error"),
    "KR006": ("id-mismatch", "error"),
    "KR007": ("case-collision", "error"),
    "KR101": ("schema", "error"),
    "KR102": ("yaml11-scalar", "error"),
    "KR201": ("unknown-reference", "error"),
    "KR202": ("duplicate-id", "error"),
    "KR203": ("inconsistent-link", "error"),
    "KR204": ("inconsistent-dates", "error"),
    "KR205": ("missing-attendance", "error"),
    "KR206": ("attendee-and-apology", "error"),
    "KR207": ("chair-absent", "error"),
    "KR208": ("update-by-absent", "error"),
    "KR301": ("overdue-action", "warning"),
    "KR302": ("overdue-follow-up", "warning"),
    "KR303": ("missed-commitment", "warning"),
    "KR304": ("deleted-commitment", "error"),
    "KR305": ("drifting-member", "warning"),
    "KR401": ("single-facilitator", "warning"),
    "KR402": ("no-municipal-contact", "info"),
    "KR403": ("meeting-cadence", "warning"),
    "KR404": ("group-size", "warning"),
    "KR405": ("host-rotation", "info"),
    "KR406": ("no-evaluation", "warning"),
    "KR407": ("organisation-quota", "info"),
    "KR408": ("role-overload", "warning"),
    "KR409": ("municipality-unrepresented", "info"),
    "KR410": ("absent-contact", "warning"),
    "KR411": ("idle-theme", "warning"),
    "KR501": ("personal-email", "error"),
    "KR502": ("personal-phone", "error"),
    "KR503": ("bsn", "error"),
    "KR504": ("iban", "error"),
    # SPEC §10: the koepel's checks
    "KR601": ("export-missing", "error"),
    "KR602": ("export-malformed", "error"),
    "KR603": ("export-newer-version", "error"),
    "KR604": ("export-stale", "warning"),
    "KR611": ("no-recent-evaluation", "warning"),
    "KR612": ("one-facilitator", "warning"),
    "KR613": ("falling-follow-up", "warning"),
    "KR901": ("unused-suppression", "warning"),
    "KR902": ("invalid-suppression", "error"),
}

SECTIONS = ("What it does", "Why is this bad", "Example", "Use instead")


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in rules()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"KR[0-9]{3}", code) for code in codes), codes


def test_names_are_unique_kebab_case() -> None:
    names = [r.name for r in rules()]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names), names


def test_checks_are_in_code_order() -> None:
    # the registry's own tuples (rules() sorts, so it cannot show their order)
    assert [m.RULE.code for m in CHECKS] == sorted(m.RULE.code for m in CHECKS)
    assert [m.RULE.code for m in KOEPEL_CHECKS] == sorted(m.RULE.code for m in KOEPEL_CHECKS)


def test_severities_are_severities() -> None:
    assert all(isinstance(r.severity, Severity) for r in rules())


@pytest.mark.parametrize("check", (*CHECKS, *KOEPEL_CHECKS), ids=lambda c: c.RULE.code)
def test_every_check_is_explained(check: object) -> None:
    rule_ = check.RULE  # type: ignore[attr-defined]
    # A rule is a check of the model, or a step of the runner (documented in its module).
    assert callable(getattr(check, "check", None)) != (rule_.code in AFTER_PASSES)
    assert rule_.explanation == check.__doc__  # type: ignore[attr-defined]
    text = rule_.explanation
    positions = [text.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions), (rule_.code, positions)
    assert positions == sorted(positions), f"{rule_.code}: sections out of order"
    assert text.strip().splitlines()[0].strip(), "the first line is the one-line summary"


@pytest.mark.parametrize(("code", "expected"), sorted(SPEC.items()))
def test_names_and_severities_follow_the_spec(code: str, expected: tuple[str, str]) -> None:
    found = rule(code)
    assert found is not None, code
    assert (found.name, found.severity.label) == expected


def test_rule_lookup() -> None:
    assert rule(" kr201 ") is rule("KR201")
    assert rule("KR999") is None


def test_the_code_table_and_the_registry_name_the_same_rules() -> None:
    # Every code in the table has a rule module in the registry, in code order, and the reverse.
    assert [str(r.code) for r in rules()] == [str(code) for code in Code]
    for module in (*CHECKS, *KOEPEL_CHECKS):
        assert module.RULE.code is Code(module.RULE.code), module.__name__


def test_a_network_check_and_a_koepel_check_are_apart() -> None:
    # `kring check` runs CHECKS over a network, `kring koepel check` KOEPEL_CHECKS over a
    # koepel's exports (SPEC §10): the koepel's rules are KR6xx, and only they.
    assert all(m.RULE.code.startswith("KR6") for m in KOEPEL_CHECKS)
    assert not any(m.RULE.code.startswith("KR6") for m in CHECKS)


def test_every_spec_code_is_in_the_table() -> None:
    assert set(SPEC) <= {str(code) for code in Code}
