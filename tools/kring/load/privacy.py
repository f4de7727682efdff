"""Personal data in a file's text: e-mail addresses, phone numbers, BSNs and IBANs (SPEC §7).

The scan reads the file's decoded text line by line — YAML values and keys, comments, front
matter and Markdown body alike, because git history keeps a comment as long as a value — and
returns file-local Problems (KR501–KR504) that carry a place and a code, never the text that
matched: a finding that repeated a BSN would publish it in the very comment meant to catch it.

Order matters, and each kind masks what it found before the next looks: e-mail first (an
address may hold digits), then IBAN (its account digits look like a phone number), then BSN,
then phone numbers. A masked span becomes underscores, which the later patterns treat as a
word character and therefore as a boundary they cannot start or end next to.

Every pattern is linear in the length of a line: quantifiers are bounded (or possessive), and
a lookbehind keeps a match from starting in the middle of a run it already rejected, so a long
adversarial line costs one pass, not one pass per position (tested).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kring.core.codes import Code
from kring.core.document import Document, Mark, Path_
from kring.core.findings import Problem, Severity, Source
from kring.core.i18n import T, Text

# --- e-mail --------------------------------------------------------------------------------

_LOCAL = r"[A-Za-z0-9._%+\-]"
_EMAIL = re.compile(
    rf"(?<!{_LOCAL}){_LOCAL}{{1,64}}+@"
    r"[A-Za-z0-9\-]{1,63}+(?:\.[A-Za-z0-9\-]{1,63}+){1,8}+"
)

# --- IBAN: two letters, two check digits, a BBAN compact or in groups of four ------------

_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}"
    r"(?:[A-Za-z0-9]{11,30}+|(?: [A-Za-z0-9]{4}){2,7}+(?: [A-Za-z0-9]{1,3})?)"
    r"(?![A-Za-z0-9])"
)

# --- BSN: nine digits, bare or in the usual groupings --------------------------------------

_BSN = re.compile(
    r"(?<![\w+@/\-.)])(?<!\+31 )(?<!0031 )(?<!\+31-)"
    r"(?:[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}([ .\-])[0-9]{3}\1[0-9]{3})"
    r"(?![\w@])(?![.\-/,][0-9])"
)
_BSN_WORDS = ("bsn", "burgerservicenummer", "sofinummer")
_NEAR_WORDS = 6  # "within a few words": this many words either side of the number
_WORD = re.compile(r"\w+")
_ASCII_DIGIT = re.compile(r"[0-9]")

# --- phone numbers: Dutch national and international forms --------------------------------

_SEP = r"(?: ?[.\-/] ?| )?"
_DIGIT = rf"{_SEP}[0-9]"
_PHONE = re.compile(
    r"(?<![\w+@/\-])(?<![0-9][.,])"
    r"(?:"
    # +31 6 12345678, +31 (0)20 123 4567, 0031-544-123456
    rf"(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_DIGIT}){{8}}"
    # 06-12345678, 020 123 45 67, 0544.123456
    rf"|0[1-9](?:{_DIGIT}){{8}}"
    # (020) 1234567, (0544) 12 34 56, (06) 12345678
    rf"|\(0[1-9]\) ?[0-9](?:{_DIGIT}){{7}}"
    rf"|\(0[1-9][0-9]\) ?[0-9](?:{_DIGIT}){{6}}"
    rf"|\(0[1-9][0-9]{{2}}\) ?[0-9](?:{_DIGIT}){{5}}"
    # any other country: +32 2 123 45 67, +49 30 1234567
    rf"|\+[1-9](?:{_DIGIT}){{7,14}}"
    r")"
    r"(?![\w@])(?![.\-/,][0-9])"
)

# What every match of the three patterns above contains (see _candidate_lines), cheap to
# look for because it starts at a digit or a '+': two digits after two letters (an IBAN's
# check digits); a '+' and eight digits; or nine digits. Digits in a phone number or BSN
# stand at most four separators apart ("+31 - (0) - 6").
_HINT = re.compile(
    r"[+0-9](?:"
    r"[0-9](?<=[A-Za-z]{2}[0-9]{2})"
    r"|(?<=\+)[0-9](?:[ .\-/()]{0,4}[0-9]){7}"
    r"|(?<=[0-9])(?:[ .\-/()]{0,4}[0-9]){8}"
    r")"
)


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


def scan(path: str, text: str, document: Document | None = None) -> list[Problem]:
    """KR501–KR504 problems in `text` (the whole file), at the line and column of each match.

    `document`, when the file parsed, tells which field a number stands in: a BSN in a field
    named bsn, burgerservicenummer or sofinummer is an error even without a keyword nearby.
    """
    candidates = _candidate_lines(text)
    if not candidates:
        return []
    lines = text.split("\n")
    fields: _Fields | None = None
    out: list[Problem] = []
    for index in candidates:
        line = lines[index]
        for kind, start, end, masked in _matches(line):
            number = index + 1
            if kind == "bsn" and not _near_bsn_word(masked, start, end):
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


def _candidate_lines(text: str) -> list[int]:
    """The 0-based numbers of the lines that may hold personal data, in order.

    The patterns are costly to try at every position of every line, so one cheap pattern
    finds the lines worth it: a line with an '@' match, or one where _HINT matches, which
    every phone number, BSN and IBAN contains. A line without them has no match, and a line
    with them goes through _matches, which decides what it holds. No pattern matches across
    a line break, so the lines can be found in the whole text at once.
    """
    starts: list[int] = []
    if "@" in text:
        starts.extend(m.start() for m in _EMAIL.finditer(text))
    starts.extend(m.start() for m in _HINT.finditer(text))
    numbers: list[int] = []
    line = at = 0
    for start in sorted(starts):
        line += text.count("\n", at, start)
        at = start
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def _matches(line: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, the line as masked when it was found) for each match, in order."""
    if "@" in line:
        spans = [m.span() for m in _EMAIL.finditer(line) if _is_email(m.group())]
        for start, end in spans:
            yield "email", start, end, line
        line = _mask(line, spans)
    if not _ASCII_DIGIT.search(line):
        return  # every pattern below needs a digit 0-9
    spans = [m.span() for m in _IBAN.finditer(line) if _is_iban(m.group())]
    for start, end in spans:
        yield "iban", start, end, line
    line = _mask(line, spans)
    spans = [m.span() for m in _BSN.finditer(line) if _is_bsn(m.group())]
    for start, end in spans:
        yield "bsn", start, end, line
    line = _mask(line, spans)
    for m in _PHONE.finditer(line):
        yield "phone", m.start(), m.end(), line


def _mask(line: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return line
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(line[last:start])
        parts.append("_" * (end - start))
        last = end
    parts.append(line[last:])
    return "".join(parts)


def _is_email(text: str) -> bool:
    domain = text.rpartition("@")[2]
    tld = domain.rpartition(".")[2]
    return len(tld) >= 2 and tld.isalpha() and not domain.startswith(("-", "."))


def _is_iban(text: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or sum(c.isdigit() for c in compact[4:]) < 7:
        return False
    rotated = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rotated)
    return int(number) % 97 == 1


def _is_bsn(text: str) -> bool:
    """The eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not zero)."""
    digits = [int(c) for c in text if c.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0 and len(set(digits)) > 1


def _near_bsn_word(line: str, start: int, end: int) -> bool:
    """Whether a BSN keyword stands within a few words of the match."""
    before = _WORD.findall(line[max(0, start - 80) : start])[-_NEAR_WORDS:]
    after = _WORD.findall(line[end : end + 80])[:_NEAR_WORDS]
    return any(_is_bsn_word(w) for w in (*before, *after))


def _is_bsn_word(word: str) -> bool:
    word = word.lower()
    return word == "sofi" or word.startswith(_BSN_WORDS) or word.endswith(_BSN_WORDS)


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
        return any(isinstance(key, str) and _is_bsn_word(key) for key in path)


def _leaf(data: Any, path: Path_) -> bool:
    value = data
    for key in path:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return False
    return not isinstance(value, dict | list)
