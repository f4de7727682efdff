"""More findings in one file than are shown: the rest are counted in one closing finding.

What it does: shows at most 50 findings per file (in path, line, column order) and then one
finding that says how many more there are and how bad the worst of them is. Its severity is
that of the worst finding it stands for, so a run never passes because of what is hidden.
`--ignore KR903` (or `ignore` in the configuration) shows every finding instead.

Why is this bad: a file with hundreds of findings is usually one mistake repeated (a broken
indentation, a pasted list); the first findings point at it, and a pull-request comment or a
terminal drowned in the rest helps nobody. It also keeps the output of a hostile file bounded.

Example: a meeting with 300 attendees that are not members gives 50 findings of KR201 and
"and 250 more findings in this file".

Use instead: fix the findings shown and run `kring check` again.
"""

from __future__ import annotations

from kring.core.codes import Code, Rule

# An after-pass of the check runner (checks/runner.py), not a check of the model: this
# module holds the rule's documentation.
RULE = Rule(Code.TOO_MANY_FINDINGS, __doc__ or "")
