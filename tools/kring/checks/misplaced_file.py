"""A file where no kind of file is expected, a symbolic link, or a special file.

What it does: reports files under `network/` that are not in the layout (`network.yaml`,
`members/<id>.yaml`, `regions/<id>.yaml`, `themes/<id>.yaml`,
`meetings/<YYYY>/<YYYY-MM-DD>-<group>.md`, `cases/<YYYY>/<id>.md`, and the pages that
`kring report` generates), and any symbolic link, FIFO or device, which are never read.

Why is this bad: a file in the wrong place is silently ignored by every command, so the
meeting it records never counts. A symbolic link could make a tool read outside the
repository.

Example:

    network/meetings/2026-03-12-achterhoek.md
    network/members/anna-de-vries.yml

Use instead:

    network/meetings/2026/2026-03-12-achterhoek.md
    network/members/anna-de-vries.yaml
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.MISPLACED_FILE, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
