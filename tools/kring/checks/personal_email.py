"""An e-mail address anywhere in a data file: values, comments, front matter or minutes.

What it does: looks through the whole text of every data file for something shaped like an
e-mail address (`name@domain.tld`) and reports its line and column. The finding never repeats
the address.

Why is this bad: contact details do not belong in the repository (SPEC §2, §7). Git history
keeps every version of every file, so an address that is removed later stays readable by
anyone with a clone; a pull request from a fork publishes it the moment it is opened.

Example:

    name: Anna de Vries  # anna.devries@gemeente.invalid

Use instead:

    name: Anna de Vries

A shared, public mailbox (a helpdesk) can stay with `# kring: ignore[KR501]` on its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.model import Model

RULE = Rule(Code.PERSONAL_EMAIL, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, model)
