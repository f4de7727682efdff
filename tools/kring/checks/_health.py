"""Small helpers the network-health checks (KR4xx) share.

Dates are compared with today only through `kring.core.timeline` (has_taken_place, has_left)
or the helper here, which says in one place what "a finished year" means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kring.core.findings import Source
from kring.core.model import Facilitator, Loc

# the three roles that together make one person the whole network: KR401 reports them, and
# KR408 leaves them to it
KEY_ROLES = frozenset({"networker", "process-guide", "chair"})


def finished_years(first: dt.date, today: dt.date) -> range:
    """Calendar years from the year of `first` up to, not including, today's year."""
    return range(first.year, today.year)


def is_set(loc: Loc, *path: str | int) -> bool:
    """Whether the file itself gives a value at `path` (not a default or an inherited one)."""
    return loc.doc is not None and (*loc.base, *path) in loc.doc.marks


def policy_source(loc: Loc, key: str) -> Source:
    """The line of `policy: key:` in this file when it sets it, else the file's first key."""
    if is_set(loc, "policy", key):
        return loc.at("policy", key)
    return loc.key("name") if is_set(loc, "name") else loc.at()


@dataclass(frozen=True, slots=True)
class Facilitating:
    """What one member does in one list of facilitators."""

    entry: Facilitator  # their first entry, where a finding points
    roles: frozenset[str]  # every role given to them in the list, over all their entries


def by_member(facilitators: tuple[Facilitator, ...]) -> dict[str, Facilitating]:
    """The list per member, in the order of their first entries: roles given to one member
    in two entries count together (KR401, KR408)."""
    first: dict[str, Facilitator] = {}
    roles: dict[str, set[str]] = {}
    for f in facilitators:
        first.setdefault(f.member, f)
        roles.setdefault(f.member, set()).update(f.roles)
    return {m: Facilitating(entry, frozenset(roles[m])) for m, entry in first.items()}
