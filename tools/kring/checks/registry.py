"""The check catalogue: an explicit registry, in code order.

Each check is a module with `RULE` (code, name, default severity, explanation) and
`check(model, ctx) -> Iterator[Finding]`. The koepel's checks (KR6xx, SPEC §10) read a
koepel's networks' published facts instead of a network: `check(federation, ctx)`; `kring
koepel check` runs them (checks/koepel_runner.py), `kring check` never does. `kring rules`,
`kring explain` and the SARIF rule list are generated from both tuples; a test asserts the
codes are unique and documented.
"""

from __future__ import annotations

from types import ModuleType

from kring.checks import (
    absent_contact,
    attendee_and_apology,
    bsn,
    case_collision,
    chair_absent,
    deleted_commitment,
    drifting_member,
    duplicate_id,
    duplicate_key,
    encoding,
    export_malformed,
    export_missing,
    export_newer_version,
    export_stale,
    falling_follow_up,
    group_size,
    host_rotation,
    iban,
    id_mismatch,
    idle_theme,
    inconsistent_dates,
    inconsistent_link,
    invalid_suppression,
    meeting_cadence,
    misplaced_file,
    missed_commitment,
    missing_attendance,
    municipality_unrepresented,
    no_evaluation,
    no_municipal_contact,
    no_recent_evaluation,
    one_facilitator,
    organisation_quota,
    overdue_action,
    overdue_follow_up,
    personal_email,
    personal_phone,
    role_overload,
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
    drifting_member,  # KR305
    single_facilitator,  # KR401
    no_municipal_contact,  # KR402
    meeting_cadence,  # KR403
    group_size,  # KR404
    host_rotation,  # KR405
    no_evaluation,  # KR406
    organisation_quota,  # KR407
    role_overload,  # KR408
    municipality_unrepresented,  # KR409
    absent_contact,  # KR410
    idle_theme,  # KR411
    personal_email,  # KR501
    personal_phone,  # KR502
    bsn,  # KR503
    iban,  # KR504
    unused_suppression,  # KR901
    invalid_suppression,  # KR902
    too_many_findings,  # KR903
)


KOEPEL_CHECKS: tuple[ModuleType, ...] = (
    export_missing,  # KR601
    export_malformed,  # KR602
    export_newer_version,  # KR603
    export_stale,  # KR604
    no_recent_evaluation,  # KR611
    one_facilitator,  # KR612
    falling_follow_up,  # KR613
)


def rules() -> tuple[Rule, ...]:
    """Every rule, a network's and a koepel's, in code order."""
    return tuple(sorted((check.RULE for check in (*CHECKS, *KOEPEL_CHECKS)), key=lambda r: r.code))


def rule(code: str) -> Rule | None:
    code = code.strip().upper()
    return next((r for r in rules() if r.code == code), None)
