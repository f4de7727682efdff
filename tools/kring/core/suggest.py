"""'Did you mean': the closest known names to a misspelt one."""

from __future__ import annotations

from collections.abc import Iterable

from kring.core.i18n import T, Text


def closest(word: str, candidates: Iterable[str]) -> str | None:
    # imported here: a check that may suggest a name imports this module on every run, but
    # only a misspelt name needs difflib
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> Text | None:
    match = closest(word, candidates)
    return T(" (did you mean '{match}'?)", match=match) if match else None


def suffix(word: str, candidates: Iterable[str]) -> Text:
    """The ' (did you mean …?)' tail of a message, or nothing."""
    return did_you_mean(word, candidates) or T("")


class LaterSuffix:
    """suffix(word, candidates), worked out when the message is rendered.

    A check may find thousands of unknown names in one file (a meeting that lists 20,000
    attendees nobody knows) while only the first fifty findings of a file are shown
    (KR903): each 'did you mean' costs a comparison with every known name, so it is made
    only for a finding that is read. `candidates` is kept as given, not copied.
    """

    __slots__ = ("candidates", "word")

    def __init__(self, word: str, candidates: Iterable[str]) -> None:
        self.word = word
        self.candidates = candidates

    def render(self) -> str:
        return suffix(self.word, self.candidates).render()

    def __str__(self) -> str:
        return self.render()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LaterSuffix):
            return NotImplemented
        return self.word == other.word and self.candidates is other.candidates

    def __hash__(self) -> int:
        return hash((self.word, id(self.candidates)))
