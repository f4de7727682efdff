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
