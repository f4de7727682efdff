"""Personal data in a file: e-mail addresses, phone numbers, BSNs and IBANs (SPEC §7).

Two passes, with the patterns of kring.core.personal_data, return file-local Problems
(KR501–KR504) that carry a place and a code, never the text that matched: a finding that
repeated a BSN would publish it in the very comment meant to catch it.

- The file's decoded text, line by line: YAML values and keys, comments, front matter and
  Markdown body alike, because git history keeps a comment as long as a value.
- Every scalar value and key of the document that does not read as it is written: what a
  double-quoted escape (`"jan\\x40example.nl"`), a backslash-continued or folded line, or a
  flow scalar builds is what the data says and what an output would print (SPEC §2.2), so
  it is scanned too, and reported at the value's own line and column when the first pass
  did not already find it there.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kring.core.codes import Code
from kring.core.document import Document, Mark, Path_
from kring.core.findings import Problem, Severity, Source
from kring.core.i18n import T, Text
from kring.core.personal_data import EMAIL, HINT, is_bsn_word, matches, may_hold, near_bsn_word
from kring.load.yaml_loader import Decoded, decoded_text


@dataclass(frozen=True, slots=True)
class _Kind:
    code: Code
    message: Text
    hint: Text


_KINDS = {
    "email": _Kind(
        Code.PERSONAL_EMAIL,
        T("an e-mail address: personal contact details do not belong in the repository"),
        T(
            "remove the address (git history keeps it forever) and name the member by id; "
            "a shared, public mailbox can stay with a 'kring: ignore[KR501]' comment on its line"
        ),
    ),
    "phone": _Kind(
        Code.PERSONAL_PHONE,
        T("a phone number: personal contact details do not belong in the repository"),
        T("remove the number (git history keeps it forever); members find each other elsewhere"),
    ),
    "bsn": _Kind(
        Code.BSN,
        T("a citizen service number (BSN): it identifies a person and must never be here"),
        T("remove the number at once and ask a maintainer to purge it from the git history"),
    ),
    "bsn?": _Kind(
        Code.BSN,
        T("a nine-digit number that passes the BSN eleven-test: it may identify a person"),
        T(
            "remove it if it is a BSN; another number (a file number) can stay with a "
            "'kring: ignore[KR503]' comment on its line"
        ),
    ),
    "iban": _Kind(
        Code.IBAN,
        T("a bank account number (IBAN) with a valid checksum"),
        T("remove the account number (git history keeps it forever)"),
    ),
}


def scan(
    path: str, text: str, document: Document | None = None, decoded: Iterable[Decoded] = ()
) -> list[Problem]:
    """KR501–KR504 problems in `text` (the whole file), at the line and column of each match,
    and in the values of `document` (the file's parsed YAML, when it parsed) that do not read
    as they are written, at the value.

    `document` also tells which field a number stands in: a BSN in a field named bsn,
    burgerservicenummer or sofinummer is an error even without a keyword nearby.
    """
    found = _in_text(path, text, document)
    if document is not None:
        found.extend(_in_values(path, text, document, decoded, found))
    return found


def _in_text(path: str, text: str, document: Document | None) -> list[Problem]:
    candidates = _candidate_lines(text)
    if not candidates:
        return []
    lines = text.split("\n")
    fields: _Fields | None = None
    out: list[Problem] = []
    for index in candidates:
        line = lines[index]
        for kind, start, end, masked in matches(line):
            number = index + 1
            if kind == "bsn" and not near_bsn_word(masked, start, end):
                # Which field the number stands in: worked out once per file, when needed.
                if fields is None and document is not None:
                    fields = _Fields(document)
                if fields is None or not fields.named_bsn(number, start + 1):
                    kind = "bsn?"
            k = _KINDS[kind]
            severity = Severity.WARNING if kind == "bsn?" else None
            source = Source(path, number, start + 1, number, end + 1)
            out.append(Problem(k.code, source, k.message, k.hint, severity))
    return out


def _in_values(
    path: str, text: str, document: Document, decoded: Iterable[Decoded], found: list[Problem]
) -> list[Problem]:
    """Problems in the values and keys that do not read as written (yaml_loader.Decoded:
    quoted, folded, continued), where the text pass did not already find them."""
    lines: list[str] | None = None
    seen: set[tuple[Code, Mark]] = set()
    out: list[Problem] = []
    for scalar in decoded:
        got = decoded_text(document, scalar)
        if got is None or not may_hold(got[0]):
            continue
        value, mark = got
        if lines is None:
            lines = text.split("\n")
        if _as_written(value, mark, lines):
            continue  # the text pass read these very characters
        named = any(isinstance(key, str) and is_bsn_word(key) for key in scalar.at)
        for k, severity in _in_value(value, named):
            if (k.code, mark) in seen or any(
                p.code == k.code and _within(p.source, mark) for p in found
            ):
                continue
            seen.add((k.code, mark))
            source = Source(path, mark.line, mark.column, mark.end_line, mark.end_column)
            out.append(Problem(k.code, source, k.message, k.hint, severity))
    return out


def _in_value(value: str, named: bool) -> Iterator[tuple[_Kind, Severity | None]]:
    """What a decoded value holds, line by line; a BSN without its word nearby is an error
    only in a field `named` for it, else a warning."""
    for part in value.split("\n"):
        for kind, start, end, blanked in matches(part):
            if kind == "bsn" and not near_bsn_word(blanked, start, end):
                kind = "bsn" if named else "bsn?"
            yield _KINDS[kind], Severity.WARNING if kind == "bsn?" else None


def scan_strings(
    path: str, strings: Iterable[tuple[Source, str]], found: Iterable[Problem] = ()
) -> list[Problem]:
    """Problems in decoded strings of a file that is not YAML (the JSON export's escaped
    strings), at each string's place, where `found` (the text pass) has none of that code."""
    done = {(p.code, p.source.line) for p in found}
    out: list[Problem] = []
    for source, value in strings:
        if not may_hold(value):
            continue
        for k, severity in _in_value(value, named=False):
            if (k.code, source.line) in done:
                continue
            done.add((k.code, source.line))
            out.append(Problem(k.code, source, k.message, k.hint, severity))
    return out


def _as_written(value: str, mark: Mark, lines: list[str]) -> bool:
    """Whether the file holds `value` character for character at `mark` (a plain scalar on
    one line): then the text pass has already read it."""
    if mark.line != mark.end_line or not 0 < mark.line <= len(lines):
        return False
    return lines[mark.line - 1][mark.column - 1 : mark.end_column - 1] == value


def _within(source: Source, mark: Mark) -> bool:
    start = (source.line, source.column)
    return (mark.line, mark.column) <= start < (mark.end_line, mark.end_column)


def _candidate_lines(text: str) -> list[int]:
    """The 0-based numbers of the lines that may hold personal data, in order.

    The patterns are costly to try at every position of every line, so one cheap pattern
    finds the lines worth it: a line with an '@' match, or one where HINT matches, which
    every phone number, BSN and IBAN contains. A line without them has no match, and a line
    with them goes through matches(), which decides what it holds. No pattern matches across
    a line break, so the lines can be found in the whole text at once.
    """
    starts: list[int] = []
    if "@" in text:
        starts.extend(m.start() for m in EMAIL.finditer(text))
    starts.extend(m.start() for m in HINT.finditer(text))
    numbers: list[int] = []
    line = at = 0
    for start in sorted(starts):
        line += text.count("\n", at, start)
        at = start
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


class _Fields:
    """Which field of a document stands at a line and column (for 'a field named bsn')."""

    def __init__(self, document: Document) -> None:
        leaves = [(m, path) for path, m in document.marks.items() if _leaf(document.data, path)]
        leaves.sort(key=lambda item: (item[0].line, item[0].column))
        self._starts = [(m.line, m.column) for m, _ in leaves]
        self._leaves: list[tuple[Mark, Path_]] = leaves

    def named_bsn(self, line: int, column: int) -> bool:
        i = bisect.bisect_right(self._starts, (line, column)) - 1
        if i < 0:
            return False
        mark, path = self._leaves[i]
        if (mark.end_line, mark.end_column) < (line, column):
            return False
        return any(isinstance(key, str) and is_bsn_word(key) for key in path)


def _leaf(data: Any, path: Path_) -> bool:
    value = data
    for key in path:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return False
    return not isinstance(value, dict | list)
