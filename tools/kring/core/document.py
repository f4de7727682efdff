"""A parsed YAML document with the position of every value, and the loader's limits.

Kept apart from load/yaml_loader.py, which imports PyYAML: a warm run takes every document
from the cache (load/cache_store.py) and has no need of a parser, so it never imports one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

MAX_BYTES = 256 * 1024
# A page `kring report` writes grows with the network (the README of ten thousand files is
# near 1 MB); it is read whole for its digest and the privacy scan, up to this size.
MAX_PAGE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_EVENTS = 200_000
MAX_SECONDS = 5.0  # parsing time per file

Path_ = tuple[str | int, ...]


class Mark(NamedTuple):
    """Where a value or key stands: 1-based line and column of its start and end.

    A named tuple, not a dataclass: a loaded network holds one per value (half a million
    in ten thousand files), and a tuple is built several times faster.
    """

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_page_bytes: int = MAX_PAGE_BYTES
    max_depth: int = MAX_DEPTH
    max_events: int = MAX_EVENTS
    max_seconds: float = MAX_SECONDS

    def for_kind(self, kind: str | None) -> int:
        """The size limit of a file of `kind` (layout.Place.kind)."""
        return self.max_page_bytes if kind == "page" else self.max_bytes


class Packed(Protocol):
    """Where a document from the cache keeps what it has not unpacked yet (load/cache_codec.py)."""

    def values(self) -> Any: ...

    def positions(self) -> tuple[dict[Path_, Mark], dict[Path_, Mark]]: ...


class Document:
    """Parsed YAML values with the position of every value and every mapping key.

    `marks[path]` is where the value at `path` stands; `key_marks[path]` is where the key
    that introduces it stands. `raw[path]` keeps the source text of plain scalars that
    resolved to something other than a string (KR102 quotes them back to the user).

    Immutable by convention, like the records. Not a dataclass for one reason: a document
    from the cache (load/cache_codec.py) keeps its values and positions packed until something first
    asks for them, since a warm run over ten thousand unchanged files takes most records
    from the cache as well and usually reports at none of the positions.
    """

    __slots__ = (
        "_data",
        "_key_marks",
        "_marks",
        "_packed_data",
        "_packed_marks",
        "last_line",
        "raw",
    )

    def __init__(
        self,
        data: Any,
        marks: dict[Path_, Mark],
        key_marks: dict[Path_, Mark],
        raw: dict[Path_, str],
        last_line: int,
    ) -> None:
        self._data = data
        self._marks: dict[Path_, Mark] | None = marks
        self._key_marks: dict[Path_, Mark] | None = key_marks
        self._packed_data: Packed | None = None
        self._packed_marks: Packed | None = None
        self.raw = raw
        self.last_line = last_line

    @classmethod
    def packed(cls, packed: Packed, raw: dict[Path_, str], last_line: int) -> Document:
        """A document whose values and positions `packed` gives when first needed."""
        document = cls.__new__(cls)
        document._data = None
        document._marks = document._key_marks = None
        document._packed_data = document._packed_marks = packed
        document.raw = raw
        document.last_line = last_line
        return document

    @property
    def data(self) -> Any:
        if self._packed_data is not None:
            self._data = self._packed_data.values()
            self._packed_data = None
        return self._data

    def _unpack(self) -> None:
        assert self._packed_marks is not None
        self._marks, self._key_marks = self._packed_marks.positions()
        self._packed_marks = None

    @property
    def marks(self) -> dict[Path_, Mark]:
        if self._marks is None:
            self._unpack()
        assert self._marks is not None
        return self._marks

    @property
    def key_marks(self) -> dict[Path_, Mark]:
        if self._key_marks is None:
            self._unpack()
        assert self._key_marks is not None
        return self._key_marks

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.data, self.marks, self.key_marks, self.raw, self.last_line) == (
            other.data,
            other.marks,
            other.key_marks,
            other.raw,
            other.last_line,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Document(data={self.data!r}, last_line={self.last_line})"
