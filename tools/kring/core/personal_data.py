"""Personal data in text: e-mail addresses, phone numbers, BSNs and IBANs (SPEC §7), and
the one masking function every output uses.

The patterns live here, in core, because two stages need them: the privacy scan
(kring.load.privacy) reports where personal data stands, and every output that quotes text
from the data — a finding's message, `kring due`, the agenda, the pages — masks it with
`mask`, so that no message, hint, page or output repeats what a privacy check matches.

Order matters, and each kind blanks what it found before the next looks: e-mail first (an
address may hold digits), then IBAN (its account digits look like a phone number), then BSN,
then phone numbers. A blanked span becomes underscores, which the later patterns treat as a
word character and therefore as a boundary they cannot start or end next to.

Every pattern is linear in the length of a line: quantifiers are bounded (or possessive), and
a lookbehind keeps a match from starting in the middle of a run it already rejected, so a long
adversarial line costs one pass, not one pass per position (tested).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# --- e-mail --------------------------------------------------------------------------------

_LOCAL = r"[A-Za-z0-9._%+\-]"
EMAIL = re.compile(
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

# What every match of the three patterns above contains (see may_hold), cheap to
# look for because it starts at a digit or a '+': two digits after two letters (an IBAN's
# check digits); a '+' and eight digits; or nine digits. Digits in a phone number or BSN
# stand at most four separators apart ("+31 - (0) - 6").
HINT = re.compile(
    r"[+0-9](?:"
    r"[0-9](?<=[A-Za-z]{2}[0-9]{2})"
    r"|(?<=\+)[0-9](?:[ .\-/()]{0,4}[0-9]){7}"
    r"|(?<=[0-9])(?:[ .\-/()]{0,4}[0-9]){8}"
    r")"
)


def matches(line: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, the line as blanked when it was found) for each match of one line,
    in order; kind is "email", "iban", "bsn" or "phone"."""
    if "@" in line:
        spans = [m.span() for m in EMAIL.finditer(line) if _is_email(m.group())]
        for start, end in spans:
            yield "email", start, end, line
        line = _blank(line, spans)
    if not _ASCII_DIGIT.search(line):
        return  # every pattern below needs a digit 0-9
    spans = [m.span() for m in _IBAN.finditer(line) if _is_iban(m.group())]
    for start, end in spans:
        yield "iban", start, end, line
    line = _blank(line, spans)
    spans = [m.span() for m in _BSN.finditer(line) if _is_bsn(m.group())]
    for start, end in spans:
        yield "bsn", start, end, line
    line = _blank(line, spans)
    for m in _PHONE.finditer(line):
        yield "phone", m.start(), m.end(), line


def _blank(line: str, spans: list[tuple[int, int]]) -> str:
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


def near_bsn_word(line: str, start: int, end: int) -> bool:
    """Whether a BSN keyword stands within a few words of the match."""
    before = _WORD.findall(line[max(0, start - 80) : start])[-_NEAR_WORDS:]
    after = _WORD.findall(line[end : end + 80])[:_NEAR_WORDS]
    return any(is_bsn_word(w) for w in (*before, *after))


def is_bsn_word(word: str) -> bool:
    word = word.lower()
    return word == "sofi" or word.startswith(_BSN_WORDS) or word.endswith(_BSN_WORDS)


# What a masked match reads as: the same in every language, and matched by no pattern.
MASK = "***"


def may_hold(text: str) -> bool:
    """Whether `text` may hold personal data: False means it certainly holds none (the cheap
    test every match passes: an e-mail match, or HINT)."""
    if "@" in text and EMAIL.search(text):
        return True
    return HINT.search(text) is not None


def mask(text: str) -> str:
    """`text` with every match of a personal-data pattern replaced by MASK (SPEC §7: what a
    privacy check finds, no output repeats)."""
    if not may_hold(text):
        return text
    out = []
    for line in text.split("\n"):
        spans = sorted((start, end) for _kind, start, end, _seen in matches(line))
        for start, end in reversed(spans):
            line = line[:start] + MASK + line[end:]
        out.append(line)
    return "\n".join(out)
