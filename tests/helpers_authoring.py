"""Shared by the authoring tests: run kring in-process, and diff two texts line by line."""

from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner, Result

from kring.cli.main import cli

TODAY = "2026-11-25"


def kring(repo: Path, *args: str, today: str = TODAY) -> Result:
    """Run `kring ARGS --repo REPO --today TODAY` (options after the subcommand)."""
    return CliRunner().invoke(cli, [*args, "--repo", str(repo), "--today", today])


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
