"""Findings: what a check reports, where, and how bad it is."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kring.core.i18n import T, Text

if TYPE_CHECKING:
    from kring.core.codes import Code  # the table's members are str, so codes.py imports this


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The English keyword: json, sarif, --fail-on and the configuration use it."""
        return self.name.lower()

    @property
    def word(self) -> Text:
        """The label a reader sees, in their language."""
        return _SEVERITY_WORDS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.strip().upper()]


_SEVERITY_WORDS = {
    Severity.ERROR: T("error"),
    Severity.WARNING: T("warning"),
    Severity.INFO: T("info"),
}


@dataclass(frozen=True, slots=True, order=True)
class Source:
    """A place in the repository: path relative to the top, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A file-local finding before it meets its rule: made while loading a file.

    `severity` is None for the rule's default; a rule with two strengths sets it (KR503 is
    an error next to a BSN keyword and a warning elsewhere).
    """

    code: Code
    source: Source
    message: Text
    hint: Text | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: Code
    name: str
    severity: Severity
    source: Source
    message: Text
    hint: Text | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.source.path, self.source.line, self.source.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The one record every reporter renders (SPEC §6, json)."""
        s = self.source
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message.render(),
            "hint": self.hint.render() if self.hint else None,
            "path": s.path,
            "line": s.line,
            "column": s.column,
            "end_line": s.end_line if s.end_line is not None else s.line,
            "end_column": s.end_column if s.end_column is not None else s.column,
        }


@dataclass(frozen=True, slots=True)
class Suppression:
    """One suppression comment: where it stands, the codes it names, the line it covers."""

    line: int
    column: int
    codes: tuple[str, ...]
    target: int | None  # the covered line; None for the whole file
