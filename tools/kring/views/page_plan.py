"""Which generated pages to write: create, replace, leave unchanged, or refuse; and which
generated pages belong to groups that no longer exist (to remove).

An existing file at a page's path is replaced only if it is itself a generated page (its
first bytes are layout.GENERATED_MARKER, or the marker of the file at that path:
layout.generated_marker) and a regular file, never through a link; anything else there is
the user's and is refused. The plan only reads: the command writes it through
kring.edit.atomic_write, which checks again that each file still holds the bytes planned on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kring.core.layout import (
    GENERATED_MARKER,
    LESSONS_DIR,
    NETWORK_DIR,
    generated_marker,
    page_owners,
)
from kring.core.model import Model


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page: repository-relative path with forward slashes, and its text."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class PageWrite:
    page: Page
    old: bytes | None  # what the file holds now; None when it does not exist yet

    @property
    def unchanged(self) -> bool:
        return self.old is not None and self.old == self.page.text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Plan:
    writes: tuple[PageWrite, ...]  # in the order of the pages, unchanged ones included
    refused: tuple[str, ...]  # paths held by something that is not a generated page

    @property
    def stale(self) -> tuple[PageWrite, ...]:
        """The pages that would be created or changed."""
        return tuple(w for w in self.writes if not w.unchanged)


def plan(root: Path, pages: Iterable[Page], marker: str | None = None) -> Plan:
    """What writing `pages` under `root` would do; `marker` is what a file there must start
    with to be replaced (default: layout.generated_marker of its path)."""
    writes: list[PageWrite] = []
    refused: list[str] = []
    for page in pages:
        path = root / page.path
        old: bytes | None = None
        if os.path.lexists(path):
            if path.is_symlink() or not path.is_file():
                refused.append(page.path)
                continue
            old = path.read_bytes()
            if not old.startswith((marker or generated_marker(page.path)).encode()):
                refused.append(page.path)
                continue
        writes.append(PageWrite(page, old))
    return Plan(tuple(writes), tuple(refused))


def orphans(root: Path, model: Model) -> list[tuple[str, bytes]]:
    """Generated pages of groups that have no data file any more, with their bytes: `kring
    report` removes them (only while they still hold these bytes). A page whose group file
    is there but does not load, or shares its id, is not an orphan."""
    data = {f.path for f in model.files}
    out = []
    for folder in ("regions", "themes", LESSONS_DIR):
        for path in sorted((root / NETWORK_DIR / folder).glob("*.md")):
            rel = f"{NETWORK_DIR}/{folder}/{path.name}"
            if any(owner in data for owner in page_owners(rel) or ()):
                continue
            if path.is_symlink() or not path.is_file():
                continue
            old = path.read_bytes()
            if old.startswith(GENERATED_MARKER.encode()):
                out.append((rel, old))
    return out
