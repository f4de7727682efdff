"""The code table: every rule's stable code, kebab-case name and default severity, once.

SPEC §5 is the contract: codes are never reused. Every stage names a rule by its member
here (`Code.SCHEMA`), never by a "KR101" literal; a `Code` is a `str` equal to its code, so
it is what findings, suppressions, the configuration and every output carry. A rule's
explanation and check live in its module under `kring.checks` (STYLE: a check is a module
with a code); `Rule` pairs the two.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kring.core.findings import Finding, Problem, Severity, Source
from kring.core.i18n import Text


class Code(enum.StrEnum):
    """A rule's code (the member's value), with its name and default severity."""

    rule_name: str
    severity: Severity

    def __new__(cls, code: str, name: str, severity: Severity) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.rule_name = name
        member.severity = severity
        return member

    YAML_SYNTAX = ("KR001", "yaml-syntax", Severity.ERROR)
    DUPLICATE_KEY = ("KR002", "duplicate-key", Severity.ERROR)
    UNSAFE_YAML = ("KR003", "unsafe-yaml", Severity.ERROR)
    ENCODING = ("KR004", "encoding", Severity.ERROR)
    MISPLACED_FILE = ("KR005", "misplaced-file", Severity.ERROR)
    ID_MISMATCH = ("KR006", "id-mismatch", Severity.ERROR)
    CASE_COLLISION = ("KR007", "case-collision", Severity.ERROR)
    SCHEMA = ("KR101", "schema", Severity.ERROR)
    YAML11_SCALAR = ("KR102", "yaml11-scalar", Severity.ERROR)
    UNKNOWN_REFERENCE = ("KR201", "unknown-reference", Severity.ERROR)
    DUPLICATE_ID = ("KR202", "duplicate-id", Severity.ERROR)
    INCONSISTENT_LINK = ("KR203", "inconsistent-link", Severity.ERROR)
    INCONSISTENT_DATES = ("KR204", "inconsistent-dates", Severity.ERROR)
    MISSING_ATTENDANCE = ("KR205", "missing-attendance", Severity.ERROR)
    ATTENDEE_AND_APOLOGY = ("KR206", "attendee-and-apology", Severity.ERROR)
    CHAIR_ABSENT = ("KR207", "chair-absent", Severity.ERROR)
    UPDATE_BY_ABSENT = ("KR208", "update-by-absent", Severity.ERROR)
    OVERDUE_ACTION = ("KR301", "overdue-action", Severity.WARNING)
    OVERDUE_FOLLOW_UP = ("KR302", "overdue-follow-up", Severity.WARNING)
    MISSED_COMMITMENT = ("KR303", "missed-commitment", Severity.WARNING)
    DELETED_COMMITMENT = ("KR304", "deleted-commitment", Severity.ERROR)
    DRIFTING_MEMBER = ("KR305", "drifting-member", Severity.WARNING)
    SINGLE_FACILITATOR = ("KR401", "single-facilitator", Severity.WARNING)
    NO_MUNICIPAL_CONTACT = ("KR402", "no-municipal-contact", Severity.INFO)
    MEETING_CADENCE = ("KR403", "meeting-cadence", Severity.WARNING)
    GROUP_SIZE = ("KR404", "group-size", Severity.WARNING)
    HOST_ROTATION = ("KR405", "host-rotation", Severity.INFO)
    NO_EVALUATION = ("KR406", "no-evaluation", Severity.WARNING)
    ORGANISATION_QUOTA = ("KR407", "organisation-quota", Severity.INFO)
    ROLE_OVERLOAD = ("KR408", "role-overload", Severity.WARNING)
    MUNICIPALITY_UNREPRESENTED = ("KR409", "municipality-unrepresented", Severity.INFO)
    ABSENT_CONTACT = ("KR410", "absent-contact", Severity.WARNING)
    IDLE_THEME = ("KR411", "idle-theme", Severity.WARNING)
    PERSONAL_EMAIL = ("KR501", "personal-email", Severity.ERROR)
    PERSONAL_PHONE = ("KR502", "personal-phone", Severity.ERROR)
    BSN = ("KR503", "bsn", Severity.ERROR)
    IBAN = ("KR504", "iban", Severity.ERROR)
    # A koepel of networks (SPEC §10): kring koepel check, over koepel.yaml and the exports.
    EXPORT_MISSING = ("KR601", "export-missing", Severity.ERROR)
    EXPORT_MALFORMED = ("KR602", "export-malformed", Severity.ERROR)
    EXPORT_NEWER_VERSION = ("KR603", "export-newer-version", Severity.ERROR)
    EXPORT_STALE = ("KR604", "export-stale", Severity.WARNING)
    NO_RECENT_EVALUATION = ("KR611", "no-recent-evaluation", Severity.WARNING)
    ONE_FACILITATOR = ("KR612", "one-facilitator", Severity.WARNING)
    FALLING_FOLLOW_UP = ("KR613", "falling-follow-up", Severity.WARNING)
    UNUSED_SUPPRESSION = ("KR901", "unused-suppression", Severity.WARNING)
    INVALID_SUPPRESSION = ("KR902", "invalid-suppression", Severity.ERROR)
    TOO_MANY_FINDINGS = ("KR903", "too-many-findings", Severity.WARNING)


def code_of(text: str) -> Code | None:
    """The code a user wrote (`kr201 `, `KR201`), or None when kring has no such code."""
    found = Code._value2member_map_.get(text.strip().upper())
    return found if isinstance(found, Code) else None


@dataclass(frozen=True, slots=True)
class Rule:
    """A check's identity (its code from the table) and its explanation (its module's
    docstring, shown by `kring explain` and in SARIF)."""

    code: Code
    explanation: str

    @property
    def name(self) -> str:
        return self.code.rule_name

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def at(self, source: Source, message: Text, hint: Text | None = None) -> Finding:
        return Finding(self.code, self.name, self.severity, source, message, hint)

    def from_problem(self, problem: Problem) -> Finding:
        severity = problem.severity if problem.severity is not None else self.severity
        return Finding(
            self.code, self.name, severity, problem.source, problem.message, problem.hint
        )
