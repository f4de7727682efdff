"""What a facilitator meant by a value the schema refuses, read from what they wrote.

A hint that says "write the date as YYYY-MM-DD" sends someone who typed `10-12-2026` back
to work it out; a hint that says `date: 2026-12-10` is the fix itself. Each function here
reads one kind of value the way people write it in Dutch or English (a date with a month
name, a time with a dot, "ja" for yes, ids separated by commas) and returns the value in
the form the schemas want, or None when it cannot tell. Nothing here guesses between two
equally likely readings without saying so: `dates_meant` gives every reading, and the
caller picks the one the file name confirms.

Pasted text is the other half: Word and Outlook put curly quotes, non-breaking spaces and
invisible characters into what looks like plain text. `pasted` names each of them with the
plain character to type instead.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from kring.core.i18n import T, Text

# --- dates -----------------------------------------------------------------------------------

# Month names and their usual abbreviations, Dutch and English (lower case, without a dot).
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari january jan",
        "februari february feb",
        "maart march mrt mar",
        "april apr",
        "mei may",
        "juni june jun",
        "juli july jul",
        "augustus august aug",
        "september sept sep",
        "oktober october okt oct",
        "november nov",
        "december dec",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_WEEKDAYS = frozenset(
    [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "ma",
        "di",
        "wo",
        "do",
        "vr",
        "za",
        "zo",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
)
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th|e|ste|de)?\.?\s*([a-z]+)\.?,?\s*(\d{4})")
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dates_meant(text: str) -> tuple[dt.date, ...]:
    """Every date `text` can be read as, the likeliest first: `10-12-2026`, `10/12/2026` and
    `10.12.2026` day first (as the Netherlands writes them; month first only where day
    first is impossible, 12/31/2026), `2026-3-5`, `1 februari 2027`, `Feb 1, 2027`, with or
    without a weekday in front. Empty when it is no date at all."""
    if len(text) > _LONGEST:
        return ()
    words = typed(text).lower().replace(",", " ").split()
    while words and words[0].rstrip(".") in _WEEKDAYS:
        words = words[1:]
    cleaned = " ".join(words)
    found: list[dt.date | None] = []
    if match := _YEAR_FIRST.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
        found.append(_day(year, month, day))
    elif match := _DAY_FIRST.fullmatch(cleaned):
        first, second, year = (int(g) for g in match.groups())
        found += [_day(year, second, first), _day(year, first, second)]
    elif match := _DAY_MONTH_NAME.fullmatch(cleaned):
        month_number = MONTHS.get(match[2])
        if month_number is not None:
            found.append(_day(int(match[3]), month_number, int(match[1])))
    elif match := _MONTH_NAME_DAY.fullmatch(cleaned):
        month_number = MONTHS.get(match[1])
        if month_number is not None:
            found.append(_day(int(match[3]), month_number, int(match[2])))
    return tuple(dict.fromkeys(d for d in found if d is not None))


def date_meant(text: str, expected: dt.date | None = None) -> dt.date | None:
    """The date `text` most likely means: the reading that equals `expected` (the date in a
    meeting's file name) when there is one, else the likeliest reading."""
    readings = dates_meant(text)
    if expected is not None and expected in readings:
        return expected
    return readings[0] if readings else None


# --- times of day ----------------------------------------------------------------------------

_CLOCK = re.compile(
    r"(\d{1,2})\s*(?:[:.hu]\s*(\d{2}))?\s*(uur|u|h|am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE
)
_FOUR_DIGITS = re.compile(r"([01]\d|2[0-3])([0-5]\d)")


# Longer than any way of writing a date or a time: such a text is read no further (and the
# patterns below never meet a hostile length).
_LONGEST = 40


def time_meant(text: str) -> str | None:
    """`"HH:MM"` for what people write as a time: `16.30`, `16u30`, `16h30`, `16:30 uur`,
    `4:30 pm`, `9:30`, `16 uur`, `1630`; None when it is no time of day."""
    if len(text) > _LONGEST:
        return None
    cleaned = typed(text).strip().strip("\"'").strip()
    if match := _FOUR_DIGITS.fullmatch(cleaned):
        return f"{match[1]}:{match[2]}"
    match = _CLOCK.fullmatch(cleaned)
    if match is None:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if match[2] is None and not suffix:
        return None  # a lone number is no time
    if suffix.replace(".", "") in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


# --- yes and no ------------------------------------------------------------------------------

_TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "on", "aan", "waar", "true"})
_FALSE_WORDS = frozenset({"nee", "n", "no", "off", "uit", "onwaar", "false"})


def boolean_meant(text: str) -> bool | None:
    """True for ja/yes/on (and the like), False for nee/no/off; None otherwise."""
    word = typed(text).strip().strip("\"'").lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


# --- lists -----------------------------------------------------------------------------------

# Separators matched at the separator itself (the spaces around an item are stripped with
# it): a pattern that starts with \s* would scan a long run of spaces once per position.
_SEPARATORS = re.compile(r"[,;]|(?<=\s)(?:en|and|&)(?=\s)")
_DASHES = re.compile(r"[,;]|(?<=\s)-")


@dataclass(frozen=True, slots=True)
class Part:
    """One item of a list written as text: the item, and where it starts in the text."""

    text: str
    offset: int


def list_parts(text: str) -> tuple[Part, ...]:
    """The items of a list written as text (`a, b, c`, `a; b`, `a en b`, `[a, b` without
    the closing bracket), each with its offset in `text`; empty items are left out."""
    parts: list[Part] = []
    start = 0
    body = text
    # `- a - b`: a list whose '- ' lines YAML folded into one text (a dash without its
    # space, or with a pasted one, starts no item)
    separators = _DASHES if body.lstrip().startswith("-") else _SEPARATORS
    if body.startswith(("[", "(", "-")):
        start = 1
    end = len(body)
    if body.endswith(("]", ")")):
        end -= 1
    position = start
    for separator in separators.finditer(body, start, end):
        _add_part(parts, body, position, separator.start())
        position = separator.end()
    _add_part(parts, body, position, end)
    return tuple(parts)


def _add_part(parts: list[Part], text: str, start: int, end: int) -> None:
    item = text[start:end]
    stripped = item.strip()
    if stripped:
        parts.append(Part(stripped, start + item.index(stripped)))


def flow_list(items: list[str]) -> str:
    """`[a, b, c]`: a YAML list on one line."""
    return "[" + ", ".join(items) + "]"


# --- values in the schemas' words ------------------------------------------------------------

# Dutch (and a few English) words for the values of the schemas' fixed lists, as a
# facilitator might write them; the field decides which list a word is looked up in.
VALUE_WORDS: dict[str, dict[str, str]] = {
    "status": {
        "gedaan": "done",
        "klaar": "done",
        "afgerond": "done",
        "uitgevoerd": "done",
        "finished": "done",
        "closed": "done",
        "vervallen": "dropped",
        "geschrapt": "dropped",
        "ingetrokken": "dropped",
        "cancelled": "dropped",
        "canceled": "dropped",
        "lopend": "open",
        "openstaand": "open",
        "teruggekoppeld": "followed-up",
        "followed up": "followed-up",
        "followedup": "followed-up",
    },
    "kind": {
        "regionaal": "regional",
        "thematisch": "thematic",
        "themabijeenkomst": "thematic",
        "evaluatie": "evaluation",
        "aftrap": "kickoff",
        "kick-off": "kickoff",
        "startbijeenkomst": "kickoff",
        "bezoek": "visit",
        "werkbezoek": "visit",
        "intern": "internal",
        "extern": "external",
    },
    "focus": {"operationeel": "operational", "strategisch": "strategic"},
    "knowledge_source": {
        "ervaringskennis": "experiential",
        "ervaring": "experiential",
        "professioneel": "professional",
        "professionele kennis": "professional",
        "vakkennis": "professional",
        "wetenschappelijk": "scientific",
        "wetenschappelijke kennis": "scientific",
        "onderzoek": "scientific",
    },
    "stage": {"beginner": "starter", "nieuw": "starter", "gevorderd": "advanced"},
    "roles": {
        "voorzitter": "chair",
        "procesbegeleider": "process-guide",
        "netwerker": "networker",
        "initiatiefnemer": "initiator",
        "deskundige": "expert",
        "vertrouwenspersoon": "confidant",
    },
    "lang": {"nederlands": "nl", "dutch": "nl", "engels": "en", "english": "en"},
}
VALUE_WORDS["knowledge_sources"] = VALUE_WORDS["knowledge_source"]


# Dutch words for the schemas' field names, as a facilitator might write them; used only
# where the English name is allowed at that place.
KEY_WORDS: dict[str, str] = {
    "datum": "date",
    "groep": "group",
    "soort": "kind",
    "gastgemeente": "host",
    "gastheer": "host",
    "locatie": "location",
    "plaats": "location",
    "begin": "start",
    "begintijd": "start",
    "eind": "end",
    "einde": "end",
    "eindtijd": "end",
    "voorzitter": "chair",
    "aanwezigen": "attendees",
    "aanwezig": "attendees",
    "afmeldingen": "apologies",
    "afgemeld": "apologies",
    "afwezig": "apologies",
    "gasten": "guests",
    "onderwerp": "topic",
    "presentaties": "presentations",
    "ronde": "updates",
    "casussen": "cases",
    "acties": "actions",
    "volgende": "next",
    "titel": "title",
    "eigenaar": "owner",
    "inbrenger": "owner",
    "vraag": "question",
    "voornemen": "intention",
    "terugkoppeling": "follow_up",
    "vertrouwelijk": "confidential",
    "naam": "name",
    "organisatie": "organisation",
    "groepen": "groups",
    "lid_sinds": "joined",
    "vertrokken": "left",
    "wat": "what",
    "deadline": "due",
    "uiterlijk": "due",
    "afgesloten": "closed",
    "gesloten": "closed",
    "notitie": "note",
    "opmerking": "note",
    "reden": "reason",
    "gemeenten": "municipalities",
    "beschrijving": "description",
    "doelen": "goals",
    "procesbegeleiders": "facilitators",
    "taal": "lang",
}


def key_meant(key: str, allowed: list[str]) -> str | None:
    """The allowed field name `key` stands for: itself without pasted characters or in
    other letters (`Date`, a name with a pasted space after it), or its Dutch name
    (`datum`, `aanwezigen`)."""
    word = typed(key).strip().lower().replace(" ", "_")
    if word != key and word in allowed:
        return word
    meant = KEY_WORDS.get(word)
    return meant if meant in allowed else None


_NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        (
            "nul zero",
            "een één one",
            "twee two",
            "drie three",
            "vier four",
            "vijf five",
            "zes six",
            "zeven seven",
            "acht eight",
            "negen nine",
            "tien ten",
            "elf eleven",
            "twaalf twelve",
        )
    )
    for word in words.split()
}


def number_meant(text: str) -> int | None:
    """A whole number written as text: `"4"`, `vier`, `four`, `4 keer`; None otherwise."""
    words = typed(text).strip().strip("\"'").lower().split()
    if not words:
        return None
    first = words[0]
    if first.isdigit() and first.isascii():
        # A count has a few digits; int() refuses more than 4,300 (a ValueError), and a
        # number that long was never meant as one.
        return int(first) if len(first) <= _MOST_DIGITS else None
    return _NUMBER_WORDS.get(first)


_MOST_DIGITS = 18


def choice_meant(field: str, text: str, options: list[str]) -> str | None:
    """The option of a fixed list that `text` stands for: itself in other letters or
    spacing (`Done`, `process guide`), or its Dutch word (`gedaan`, `voorzitter`)."""
    word = typed(text).strip().lower()
    for option in options:
        if word == option.lower() or word.replace(" ", "-") == option.lower():
            return option
    meant = VALUE_WORDS.get(field, {}).get(word)
    return meant if meant in options else None


def slug(text: str) -> str:
    """The id a name gives: `Eva Jansen` → `eva-jansen`, `Jan-Willem de Bruïne` →
    `jan-willem-de-bruine` (accents dropped, anything else a hyphen), at most 64 characters."""
    flat = unicodedata.normalize("NFKD", typed(text)).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in flat.lower())
    return "-".join(p for p in out.split("-") if p)[:64].strip("-")


# --- pasted characters -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pasted:
    """A character that came with pasted text: where it stands, its name, what to type."""

    offset: int
    char: str
    name: Text
    plain: str  # the character to type instead; "" when it should simply go

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


_QUOTES = T("a curly quote")
_SPACE = T("a non-breaking space")
PASTED: dict[str, tuple[Text, str]] = {
    "\u2018": (T("a curly single quote"), "'"),
    "\u2019": (T("a curly single quote"), "'"),
    "\u201a": (T("a low single quote"), "'"),
    "\u201b": (T("a curly single quote"), "'"),
    "\u201c": (_QUOTES, '"'),
    "\u201d": (_QUOTES, '"'),
    "\u201e": (T("a low double quote"), '"'),
    "\u201f": (_QUOTES, '"'),
    "\u00ab": (T("an angle quote"), '"'),
    "\u00bb": (T("an angle quote"), '"'),
    "\u2032": (T("a prime"), "'"),
    "\u2033": (T("a double prime"), '"'),
    "\u00a0": (_SPACE, " "),
    "\u202f": (T("a narrow non-breaking space"), " "),
    "\u2007": (T("a figure space"), " "),
    "\u2009": (T("a thin space"), " "),
    "\u200a": (T("a hair space"), " "),
    "\u2002": (T("an en space"), " "),
    "\u2003": (T("an em space"), " "),
    "\u3000": (T("an ideographic space"), " "),
    "\u200b": (T("a zero-width space"), ""),
    "\u200c": (T("a zero-width non-joiner"), ""),
    "\u200d": (T("a zero-width joiner"), ""),
    "\u2060": (T("a word joiner"), ""),
    "\u00ad": (T("a soft hyphen"), ""),
    "\u200e": (T("a left-to-right mark"), ""),
    "\u200f": (T("a right-to-left mark"), ""),
    "\u2010": (T("a Unicode hyphen"), "-"),
    "\u2011": (T("a non-breaking hyphen"), "-"),
    "\u2012": (T("a figure dash"), "-"),
    "\u2013": (T("an en dash"), "-"),
    "\u2014": (T("an em dash"), "-"),
    "\u2212": (T("a minus sign"), "-"),
    "\uff1a": (T("a full-width colon"), ":"),
    "\u2236": (T("a ratio sign"), ":"),
}
for _bidi in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
    PASTED[_bidi] = (T("a text-direction mark"), "")
_PASTED = re.compile("[" + "".join(PASTED) + "]")


def pasted(text: str) -> Iterator[Pasted]:
    """Every pasted character in `text`, in order."""
    if text.isascii():
        return
    for found in _PASTED.finditer(text):
        name, plain = PASTED[found.group()]
        yield Pasted(found.start(), found.group(), name, plain)


def typed(text: str) -> str:
    """`text` with every pasted character replaced by the one to type (or left out)."""
    if text.isascii():
        return text
    return _PASTED.sub(lambda found: PASTED[found.group()][1], text)


def pasted_name(found: Pasted) -> Text:
    """'a non-breaking space (U+00A0)': what the character is, by name and code point."""
    return T("{name} ({code})", name=found.name, code=found.code)


def pasted_fix(found: Pasted) -> Text:
    """What to do instead: type an ordinary space, type ", or delete an invisible one."""
    if found.plain == " ":
        return T("type an ordinary space instead")
    if found.plain:
        return T("type {plain} instead", plain=found.plain)
    return T("delete it: it is invisible")


def pasted_words(found: Pasted) -> Text:
    """'it holds a curly quote (U+201C): type " instead', to follow a finding's message."""
    return T("it holds {name}: {fix}", name=pasted_name(found), fix=pasted_fix(found))
