"""YAML that does not parse; unterminated or missing front matter.

What it does: reports a file whose YAML the parser cannot read, and a meeting or case file
whose front matter (the YAML block between two `---` lines at the top) is missing or never
closed. Tabs in indentation and a second YAML document in one file are reported here too.

Why is this bad: nothing in the file can be read, so none of its fields count: a meeting
without readable attendees or a case without a readable intention drops out of every
overview and follow-up list.

Example:

    attendees: [anna-de-vries, bram-jansen
    topic: Wijkteams

Use instead:

    attendees: [anna-de-vries, bram-jansen]
    topic: Wijkteams
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.YAML_SYNTAX, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
