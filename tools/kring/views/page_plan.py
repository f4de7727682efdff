"""Which generated pages to write: create, replace, leave unchanged, or refuse; and which
generated pages it no longer writes (to remove).

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
    ARCHIVE_DIR,
    GENERATED_MARKER,
    LESSONS_DIR,
    NETWORK_DIR,
    generated_marker,
    page_owners,
)
from kring.core.model import Model
from kring.load.repo import read_file

# A page kring writes stays under 400 KiB (report_pages); a larger file there is not one.
_PAGE_LIMIT = 4 << 20


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
            try:
                old = read_file(path, _PAGE_LIMIT)  # never a link, a pipe or a device
            except OSError:
                refused.append(page.path)
                continue
            if not old.startswith((marker or generated_marker(page.path)).encode()) or (
                len(old) > _PAGE_LIMIT
            ):
                refused.append(page.path)
                continue
        writes.append(PageWrite(page, old))
    return Plan(tuple(writes), tuple(refused))


def orphans(root: Path, model: Model, pages: Iterable[Page]) -> list[tuple[str, bytes]]:
    """Generated pages this report no longer writes, with their bytes: `kring report`
    removes them (only while they still hold these bytes). Of a group, the page of a group
    that has no data file any more (a group whose file is there but does not load, or shares
    its id, keeps its page until that is fixed); of an archive year, one that no longer has
    a meeting or case."""
    written = {page.path for page in pages}
    data = {f.path for f in model.files}
    out = []
    for folder in ("regions", "themes", LESSONS_DIR, ARCHIVE_DIR):
        for path in sorted((root / NETWORK_DIR / folder).glob("*.md")):
            rel = f"{NETWORK_DIR}/{folder}/{path.name}"
            if rel in written or any(owner in data for owner in page_owners(rel) or ()):
                continue
            try:
                old = read_file(path, _PAGE_LIMIT)  # never a link, a pipe or a device
            except OSError:
                continue
            if old.startswith(GENERATED_MARKER.encode()) and len(old) <= _PAGE_LIMIT:
                out.append((rel, old))
    return out
