"""A network of the koepel whose export cannot be found.

What it does: reports a network listed in `koepel.yaml` whose published facts
(`network/export.json`) cannot be read: the folder under `path:` does not exist or holds no
export, or the repository under `git:` cannot be reached, has no branch, tag or commit
`ref:`, or has no export at that ref. The other networks are read and reported all the same.

Why is this bad: the koepel compares networks from what each one publishes. A network
without an export drops out of every table and chart, so the koepel's picture looks
complete while one network is missing from it. Most often the network has not yet run
`kring export --write` (its report workflow does it after every change), or the path or the
ref in `koepel.yaml` is wrong.

Example:

    networks:
      - id: zuid
        git: https://git.example/zuid.git
        ref: mian

Use instead:

    networks:
      - id: zuid
        git: https://git.example/zuid.git
        ref: main
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks._koepel import surface
from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.koepel_model import Federation

RULE = Rule(Code.EXPORT_MISSING, __doc__ or "")


def check(federation: Federation, ctx: Context) -> Iterator[Finding]:
    return surface(RULE, federation)
