"""SARIF 2.1.0 (OASIS), for code scanning and other tools that read static analysis results.

The rules are the whole check catalogue from the registry, with the explanation that
`kring explain` shows as their help; each result points at its rule by id and index.
Columns count Unicode code points, as the loader's positions do (`columnKind`), and artifact
URIs are relative to the repository root (`%SRCROOT%`), percent-encoded (RFC 3986).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from kring import __version__
from kring.checks.registry import rules
from kring.core.codes import Rule
from kring.core.findings import Severity, Source
from kring.core.i18n import _
from kring.core.printable import dumps
from kring.reporters import Report

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Rule) -> dict[str, Any]:
    explanation = _(rule.explanation).strip()
    first = explanation.splitlines()[0] if explanation else rule.name
    paragraph = explanation.split("\n\n", 1)[1] if "\n\n" in explanation else explanation
    what = paragraph.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": what},
        "help": {"text": explanation, "markdown": explanation},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _region(source: Source) -> dict[str, int]:
    region = {"startLine": source.line, "startColumn": source.column}
    if source.end_line is not None and source.end_column is not None:
        region["endLine"] = source.end_line
        region["endColumn"] = source.end_column  # exclusive, as SARIF §3.30.5 counts it
    return region


def render(report: Report) -> str:
    catalogue = rules()
    index = {rule.code: i for i, rule in enumerate(catalogue)}
    results = []
    for finding in report.findings:
        d = finding.to_dict()
        hint = d["hint"]
        message = d["message"] if hint is None else f"{d['message']} ({_('hint')}: {hint})"
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": quote(d["path"], errors="surrogateescape"),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": _region(finding.source),
                    }
                }
            ],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kring",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in catalogue],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dumps(log)
