"""The check catalogue: an explicit registry, in code order.

Each check is a module with `RULE` (code, name, default severity, explanation) and
`check(model, ctx) -> Iterator[Finding]`. `kring rules`, `kring explain` and the SARIF rule
list are generated from this tuple; a test asserts the codes are unique and documented.
"""

from __future__ import annotations

from types import ModuleType

from kring.checks import (
    attendee_and_apology,
    bsn,
    case_collision,
    chair_absent,
    deleted_commitment,
    duplicate_id,
    duplicate_key,
    encoding,
    group_size,
    host_rotation,
    iban,
    id_mismatch,
    inconsistent_dates,
    inconsistent_link,
    invalid_suppression,
    meeting_cadence,
    misplaced_file,
    missed_commitment,
    missing_attendance,
    no_evaluation,
    no_municipal_contact,
    organisation_quota,
    overdue_action,
    overdue_follow_up,
    personal_email,
    personal_phone,
    schema,
    single_facilitator,
    too_many_findings,
    unknown_reference,
    unsafe_yaml,
    unused_suppression,
    update_by_absent,
    yaml11_scalar,
    yaml_syntax,
)
from kring.core.codes import Rule

CHECKS: tuple[ModuleType, ...] = (
    yaml_syntax,  # KR001
    duplicate_key,  # KR002
    unsafe_yaml,  # KR003
    encoding,  # KR004
    misplaced_file,  # KR005
    id_mismatch,  # KR006
    case_collision,  # KR007
    schema,  # KR101
    yaml11_scalar,  # KR102
    unknown_reference,  # KR201
    duplicate_id,  # KR202
    inconsistent_link,  # KR203
    inconsistent_dates,  # KR204
    missing_attendance,  # KR205
    attendee_and_apology,  # KR206
    chair_absent,  # KR207
    update_by_absent,  # KR208
    overdue_action,  # KR301
    overdue_follow_up,  # KR302
    missed_commitment,  # KR303
    deleted_commitment,  # KR304
    single_facilitator,  # KR401
    no_municipal_contact,  # KR402
    meeting_cadence,  # KR403
    group_size,  # KR404
    host_rotation,  # KR405
    no_evaluation,  # KR406
    organisation_quota,  # KR407
    personal_email,  # KR501
    personal_phone,  # KR502
    bsn,  # KR503
    iban,  # KR504
    unused_suppression,  # KR901
    invalid_suppression,  # KR902
    too_many_findings,  # KR903
)


def rules() -> tuple[Rule, ...]:
    return tuple(check.RULE for check in CHECKS)


def rule(code: str) -> Rule | None:
    code = code.strip().upper()
    return next((r for r in rules() if r.code == code), None)
