"""'Did you mean': the closest known names to a misspelt one."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


class Later:
    """The closest of `candidates` to `word`, worked out when a message first asks for it.

    A check may find thousands of unknown names in one file (a meeting that lists 20,000
    attendees nobody knows) while only the first fifty findings of a file are shown
    (KR903): each 'did you mean' costs a comparison with every known name, so it is made
    only for a finding that is read, once for its message and its hint. `candidates` is
    kept as given, not copied.
    """

    __slots__ = ("_match", "candidates", "word")

    def __init__(self, word: str, candidates: Iterable[str]) -> None:
        self.word = word
        self.candidates = candidates
        self._match: list[str | None] = []

    def match(self) -> str | None:
        if not self._match:
            self._match.append(closest(self.word, self.candidates))
        return self._match[0]

    def suffix(self) -> LaterText:
        """suffix(word, candidates), as a message argument."""
        return LaterText(
            lambda: T(" (did you mean '{match}'?)", match=m) if (m := self.match()) else T("")
        )

    def hint(self, hint: Text) -> Text:
        """'write <closest>; <hint>' when a known name is close enough, else `hint`."""
        later = LaterText(
            lambda: (
                T("write {match}; {known}", match=m, known=hint) if (m := self.match()) else hint
            )
        )
        return Text("{hint}", (("hint", later),))


class LaterText:
    """A message argument rendered from a Text made only when it is rendered."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Text]) -> None:
        self.make = make

    def render(self) -> str:
        return self.make().render()

    def __str__(self) -> str:
        return self.render()
