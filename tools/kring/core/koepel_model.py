"""A koepel of networks as frozen records: its koepel.yaml, and each network's published facts.

SPEC §10. A koepel reads each network's export (schemas/export.schema.json), never its data.
kring.load.koepel_sources reads koepel.yaml and the exports and builds these records; the
koepel checks and kring.views.koepel_pages read them. A network whose export could not be
read is still here, with `facts` None and the problems that say why, so that one broken
network never hides the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kring.core.findings import Problem
from kring.core.model import LoadedFile, Loc, parse_date

# koepel.yaml's policy, with its defaults (schemas/koepel.schema.json says why).
KOEPEL_POLICY_DEFAULTS: dict[str, int] = {"stale_days": 92, "follow_up_drop": 10}


@dataclass(frozen=True, slots=True)
class ExportLocation:
    """Where a network's facts are: a repository on disk, or a git repository at a ref."""

    path: str | None = None  # a network repository on disk: its network/export.json
    git: str | None = None  # a URL or a local repository path, read at `ref`
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class KoepelNetwork:
    """One network of the koepel, as koepel.yaml lists it."""

    id: str
    name: str | None  # koepel.yaml's name for it; else the export's
    location: ExportLocation
    loc: Loc  # the entry under networks:


@dataclass(frozen=True, slots=True)
class Koepel:
    name: str | None
    description: str | None
    lang: str | None
    policy: Mapping[str, int]
    networks: tuple[KoepelNetwork, ...]
    file: LoadedFile  # koepel.yaml, with the problems of the file itself

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.file.problems


# --- a network's published facts (export version 1) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Year:
    """One year of a group or of the whole network, as the export gives it."""

    year: int
    target: int
    held: int
    scheduled: int
    thematic: int
    evaluation: int
    attendance_rate: int | None
    average_size: float | None
    members_at_end: int | None
    joined: int | None
    left: int | None
    cases: int
    followed_up: int
    follow_ups_overdue: int
    follow_up_rate: int | None
    median_days_to_follow_up: float | None
    actions_opened: int
    actions_closed: int
    actions_overdue: int


@dataclass(frozen=True, slots=True)
class Headcount:
    current: int
    starters: int
    advanced: int


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    kind: str  # "region" or "theme"
    target: int
    facilitators: int
    members: Headcount
    last_evaluation: dt.date | None
    years: tuple[Year, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """A network's export, read and checked against its schema."""

    version: int
    kring: str
    today: dt.date
    name: str
    kind: str | None
    focus: str | None
    first_meeting: dt.date | None
    last_evaluation: dt.date | None
    totals: tuple[Year, ...]  # in year order, each year once
    policy: Mapping[str, int]
    facilitators: int
    roles: tuple[tuple[str, int], ...]
    roles_per_facilitator: tuple[int, ...]
    members: Headcount
    findings: tuple[tuple[str, int], ...]
    groups: tuple[Group, ...]

    def year(self, year: int) -> Year | None:
        return next((y for y in self.totals if y.year == year), None)

    @property
    def most_roles(self) -> int:
        return max(self.roles_per_facilitator, default=0)


@dataclass(frozen=True, slots=True)
class Published:
    """One network of the koepel with what could be read of its facts."""

    network: KoepelNetwork
    facts: Facts | None
    problems: tuple[Problem, ...] = ()  # why there are no facts (missing, malformed, newer)
    where: str = ""  # where they were read, for people: a path, or a URL and ref
    # koepel.yaml lists its id more than once (KR202): every entry is read and compared, but
    # the id names none of them, so it has no page of its own (SPEC §2.3)
    shared: bool = False

    @property
    def name(self) -> str:
        if self.network.name:
            return self.network.name
        return self.facts.name if self.facts is not None else self.network.id


@dataclass(frozen=True, slots=True)
class Federation:
    """A koepel and every network's published facts: what the koepel checks and pages read."""

    koepel: Koepel
    published: tuple[Published, ...]  # in koepel.yaml's order


def _by_year(years: Iterable[Year]) -> tuple[Year, ...]:
    """An export's years in year order, a year listed twice by its first entry: the schema
    asks neither order nor uniqueness, and every reader (KR613, the pages) wants both."""
    first: dict[int, Year] = {}
    for y in years:
        first.setdefault(y.year, y)
    return tuple(first[year] for year in sorted(first))


def facts_of(data: Mapping[str, Any]) -> Facts:
    """The records of an export that passed schemas/export.schema.json (version 1)."""
    network = data["network"]
    facilitators = data["facilitators"]
    return Facts(
        version=data["version"],
        kring=data["kring"],
        today=_date(data["today"]),
        name=network["name"],
        kind=network["kind"],
        focus=network["focus"],
        first_meeting=_maybe_date(network["first_meeting"]),
        last_evaluation=_maybe_date(network["last_evaluation"]),
        totals=_by_year(_year(y) for y in network["totals"]),
        policy=dict(data["policy"]),
        facilitators=facilitators["count"],
        roles=tuple(facilitators["roles"].items()),
        roles_per_facilitator=tuple(facilitators["roles_per_facilitator"]),
        members=_headcount(data["members"]),
        findings=tuple(sorted(data["findings"].items())),
        groups=tuple(
            Group(
                id=g["id"],
                kind=g["kind"],
                target=g["target"],
                facilitators=g["facilitators"],
                members=_headcount(g["members"]),
                last_evaluation=_maybe_date(g["last_evaluation"]),
                years=tuple(_year(y) for y in g["years"]),
            )
            for g in data["groups"]
        ),
    )


def _date(value: str) -> dt.date:
    day = parse_date(value)
    if day is None:  # the schema's format: date has already refused it
        raise ValueError(f"not a date: {value!r}")
    return day


def _maybe_date(value: str | None) -> dt.date | None:
    return None if value is None else _date(value)


def _headcount(data: Mapping[str, int]) -> Headcount:
    return Headcount(data["current"], data["starters"], data["advanced"])


def _year(data: Mapping[str, Any]) -> Year:
    return Year(**{name: data[name] for name in Year.__dataclass_fields__})
