"""Small helpers the network-health checks (KR4xx) share.

Dates are compared with today only through `kring.timeline` (has_taken_place) or the
helpers here, which say in one place what "still a member" and "a finished year" mean.
"""

from __future__ import annotations

import datetime as dt

from kring.findings import Source
from kring.model import Loc, Member
from kring.timeline import has_left


def is_current(member: Member, today: dt.date) -> bool:
    """Still taking part (timeline decides: the same rule as for attendance commitments)."""
    return not has_left(member, today)


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
