"""Two paths that differ only in letter case.

What it does: reports a path under `network/` that equals another when letter case is
ignored, such as `members/anna.yaml` and `members/Anna.yaml`.

Why is this bad: on Windows and macOS both paths are one file: a checkout there keeps only
one of them, and which one is chance.

Example:

    network/cases/2026/Wijkteam-overdracht.md
    network/cases/2026/wijkteam-overdracht.md

Use instead: keep one file, with a lowercase name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding, Source
from kring.core.i18n import T
from kring.core.model import Model

RULE = Rule(Code.CASE_COLLISION, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    folded: dict[str, list[str]] = defaultdict(list)
    for loaded in model.files:
        folded[loaded.path.casefold()].append(loaded.path)
    for paths in folded.values():
        if len(paths) > 1:
            first, *others = sorted(paths)
            for path in others:
                yield RULE.at(
                    Source(path),
                    T(
                        "'{path}' differs from '{other}' only in letter case",
                        path=path,
                        other=first,
                    ),
                    T("keep one of the two files; Windows and macOS cannot hold both"),
                )
