"""Findings counted by severity, and said in words: every format closes with the count, and
the summary and the pull-request comment say it too."""

from __future__ import annotations

from collections.abc import Iterable

from kring.core.findings import Finding
from kring.core.i18n import T, Text


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        out[finding.severity.label] += 1
    return out


def tally(findings: Iterable[Finding]) -> Text:
    """'2 errors, 1 warning, 0 info': each count with its noun in the right number.

    English and Dutch both use the singular for exactly one and the plural otherwise, so
    the choice is made here; a language with other plural rules would need ngettext.
    """
    return tally_of(counts(findings))


def tally_of(n: dict[str, int]) -> Text:
    """tally() from counts by severity label (the JSON form's findings)."""
    errors, warnings = n["error"], n["warning"]
    return T(
        "{errors}, {warnings}, {info}",
        errors=T("1 error") if errors == 1 else T("{n} errors", n=errors),
        warnings=T("1 warning") if warnings == 1 else T("{n} warnings", n=warnings),
        info=T("{n} info", n=n["info"]),
    )
