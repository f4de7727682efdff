"""A suppression comment that suppressed nothing.

What it does: after every other check has run, matches each suppression comment
(`# kring: ignore[KR404]`, `<!-- kring: ignore[KR501] -->`, and the file-level
`ignore-file[...]` forms) against the findings, drops the findings it covers, and reports
each named code that covered no finding. A code whose check is switched off in this run
(`--select`, `--ignore`, `[tool.kring]`) is not reported. These findings cannot themselves
be suppressed by a comment; `--ignore KR901` switches them off.

Why is this bad: a suppression outlives its reason. Once the finding is fixed, a stale
comment would silently hide the next real finding of that kind on the same line.

Example:

    attendees: [anna-de-vries, bram-wouters]  # kring: ignore[KR404]

Use instead (the meeting is no longer too large):

    attendees: [anna-de-vries, bram-wouters]
"""

from __future__ import annotations

from kring.core.codes import Code, Rule

# An after-pass of the check runner (checks/runner.py), not a check of the model: this
# module holds the rule's documentation.
RULE = Rule(Code.UNUSED_SUPPRESSION, __doc__ or "")
