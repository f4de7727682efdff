"""Shared by the writing tests: what changed between two texts, line by line."""

from __future__ import annotations

import difflib


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts, line endings kept."""
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True))
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed.extend(matcher.a[i1:i2])
        if op in ("replace", "insert"):
            added.extend(matcher.b[j1:j2])
    return removed, added


def unified(before: str, after: str) -> list[str]:
    """The changed lines as '-line' / '+line' in file order, without the diff's headers."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            before.splitlines(True), after.splitlines(True), n=0, lineterm="\n"
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
