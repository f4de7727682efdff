"""Refused: the one way a writing command says no, with the exit code it leaves with."""

from __future__ import annotations

from collections.abc import Sequence

from kring.core.findings import Finding
from kring.core.i18n import Text


class Refused(Exception):
    """Nothing was written. exit_code 2: the command line is wrong (an unknown id, a bad
    date); 1: the network says no (the file exists, the action is closed, the result would
    not pass the checks). `details` lists what to fix, one line each, when there is more
    than one thing (a submitted issue form with several wrong fields)."""

    def __init__(
        self,
        message: Text,
        *,
        exit_code: int = 1,
        findings: Sequence[Finding] = (),
        details: Sequence[Text] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.findings = tuple(findings)
        self.details = tuple(details)
