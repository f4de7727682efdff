"""Frozen records of the network, built once from the loaded files.

One file, one record (SPEC §2.3): every data file becomes a record keyed by its path
(`Model.records`, and per kind `Model.all_meetings` and the like), and ids index records.
An id may index several files (a case filed under two years, a region and a theme with one
name); such an id is ambiguous: the lookups by id (`Model.meetings` and the like) hold the
unambiguous ids only, so a reference to a shared id resolves to neither file, while every
file is still checked and counted on its own facts through the per-file records.

Each record keeps `loc`, which turns a field path into a Source at that field's own line
and column, so a check can point at exactly the line a facilitator must change. A file
that failed to load still yields a record (`broken=True`) by its id from the file name, so
references to it resolve and do not cascade into more findings.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kring.core.corrections import list_parts, typed
from kring.core.disclosure import confidential_file
from kring.core.document import Document, Path_
from kring.core.findings import Problem, Source, Suppression
from kring.core.layout import Place

NEXT_MEETING = "next-meeting"
Due = dt.date | str | None  # a date, NEXT_MEETING, or unknown

POLICY_DEFAULTS: dict[str, int] = {
    "meetings_per_year": 4,
    "thematic_per_year": 1,
    "commitment_meetings": 3,
    "max_group_size": 15,
    "per_organisation": 2,
    "evaluation_months": 12,
    "follow_up_carry": 1,
    "drift_meetings": 3,
    "max_roles": 3,
    "contact_share": 50,
}

# The policy keys a group's own `policy` may set (SPEC §2.1): each takes effect for that
# group, and a key that cannot mean anything for a kind of group is not in its schema. A
# theme has no facilitators or municipalities of its own (max_roles, per_organisation),
# meets as thematic sessions rather than regional meetings (meetings_per_year), and the
# municipal contact is the network's (contact_share). A region holds regional meetings;
# thematic sessions are counted for the network and per theme (thematic_per_year).
REGION_POLICY_KEYS = frozenset(POLICY_DEFAULTS) - {"thematic_per_year", "contact_share"}
THEME_POLICY_KEYS = frozenset(
    {
        "thematic_per_year",
        "commitment_meetings",
        "max_group_size",
        "evaluation_months",
        "follow_up_carry",
        "drift_meetings",
    }
)


@dataclass(frozen=True, slots=True)
class Loc:
    """A record's place: its file, its document and the path of its mapping in it."""

    path: str
    doc: Document | None = None
    base: Path_ = ()

    def at(self, *sub: str | int) -> Source:
        """The Source of the field `sub` below this record, or the nearest enclosing one."""
        if self.doc is None:
            return Source(self.path)
        at: Path_ = (*self.base, *sub)
        while at and at not in self.doc.marks:
            at = at[:-1]
        mark = self.doc.marks.get(at)
        if mark is None:
            return Source(self.path)
        return Source(self.path, mark.line, mark.column, mark.end_line, mark.end_column)

    def key(self, *sub: str | int) -> Source:
        """The Source of the key that introduces field `sub` (falls back to the value)."""
        if self.doc is not None:
            mark = self.doc.key_marks.get((*self.base, *sub))
            if mark is not None:
                return Source(self.path, mark.line, mark.column, mark.end_line, mark.end_column)
        return self.at(*sub)

    def below(self, *sub: str | int) -> Loc:
        return Loc(self.path, self.doc, (*self.base, *sub))

    def items(self, field: str) -> Callable[[int], Source]:
        """Where the `n`-th id a list field names (as `listed` reads them) stands: the item
        itself in a list, or its place inside a list written as text (`a, b, c`). Looked
        up once for the field, then per item: a list may be thousands long."""
        value: Any = self.doc.data if self.doc is not None else None
        for step in (*self.base, field):
            if isinstance(value, dict) and isinstance(step, str):
                value = value.get(step)
            elif isinstance(value, list) and isinstance(step, int) and step < len(value):
                value = value[step]
            else:
                value = None
        if isinstance(value, list):
            strings = [i for i, v in enumerate(value) if isinstance(v, str)]
            return lambda n: self.at(field, strings[n]) if n < len(strings) else self.at(field)
        if isinstance(value, str):
            return lambda n: self._inside(field, value, n)
        return lambda n: self.at(field)

    def _inside(self, field: str, value: str, n: int) -> Source:
        source = self.at(field)
        parts = list_parts(typed(value))
        mark = self.doc.marks.get((*self.base, field)) if self.doc is not None else None
        if n >= len(parts) or mark is None or mark.line != mark.end_line:
            return source
        width = mark.end_column - mark.column
        # plain text stands as written, quoted text has its quote first; typed() keeps the
        # length of most pasted characters, and where it does not the value is pointed at
        start = 0 if width == len(value) else 1 if width == len(value) + 2 else None
        if start is None or len(typed(value)) != len(value):
            return source
        part = parts[n]
        column = mark.column + start + part.offset
        return Source(self.path, mark.line, column, mark.line, column + len(part.text))


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """One file after the file-local stage: its place, its document, its problems."""

    path: str
    place: Place
    document: Document | None
    problems: tuple[Problem, ...] = ()
    body: str = ""
    body_line: int = 0
    is_symlink: bool = False
    is_special: bool = False
    suppressions: tuple[Suppression, ...] = ()


# --- reading values leniently: a wrong type is the schema's finding, not a crash here ----


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _strs(value: Any) -> tuple[str, ...]:
    return _ids(value)


def listed(value: Any) -> tuple[str, ...]:
    """The ids a list field names, read as far as they can be: the text items of a list,
    or the items of a list written as text (`a, b, c`), which the schema reports (KR101)
    while the ids in it are still checked (issue 17: the cause, not the knock-on)."""
    if isinstance(value, str):
        return tuple(p.text for p in list_parts(typed(value)))
    return _ids(value)


def _unreadable(
    d: Mapping[str, Any], lists: tuple[str, ...], texts: tuple[str, ...]
) -> tuple[str, ...]:
    """The fields present in `d` whose value cannot be read as what they hold: a list
    field that is no list of ids, a text field that is no text. Findings that compare such
    a field with another file say nothing: the schema's finding is the cause (KR101)."""
    out = []
    for key in lists:
        value = d.get(key)
        if (
            key in d
            and value is not None
            and not (
                isinstance(value, list)
                and all(isinstance(v, str) and _IDLIKE.fullmatch(v) for v in value)
            )
        ):
            out.append(key)
    for key in texts:
        value = d.get(key)
        if key in d and not isinstance(value, str):
            out.append(key)
    for key in ("start", "end"):
        if key in d and not (isinstance(d[key], str) and _TIME.fullmatch(d[key])):
            out.append(key)
    if "date" in d and parse_date(d["date"]) is None:
        out.append("date")
    return tuple(out)


_IDLIKE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _choice(value: Any, options: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in options else default


def _known(value: Any, options: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in options else None


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# The dates kring reads (SPEC §3). A date outside is a KR101 finding and never reaches date
# arithmetic: year 0001 minus a day, or 9999-12-31 plus one, is an OverflowError, and one
# meeting in year 1 would stretch every chart over two thousand years.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)


def calendar_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD date of any year (Python's fromisoformat alone also takes week dates
    such as 2026-W10-1); anything else is None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD date from FIRST_DAY to LAST_DAY, as the schemas' `format: date` accepts
    it; anything else is None."""
    day = calendar_date(value)
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def parse_due(value: Any) -> Due:
    if value == NEXT_MEETING:
        return NEXT_MEETING
    return parse_date(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> Iterable[tuple[int, Mapping[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facilitator:
    member: str
    roles: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Organisation:
    """A municipality (of a region) or a partner (of the network)."""

    id: str
    name: str | None
    kind: str  # "municipality" or "partner"
    region: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Network:
    name: str | None
    lang: str | None
    facilitators: tuple[Facilitator, ...]
    municipal_contact: str | None
    partners: tuple[Organisation, ...]
    policy: Mapping[str, int]
    loc: Loc
    broken: bool = False
    kind: str | None = None  # "internal" or "external"; anything else is the schema's finding
    focus: str | None = None  # "operational" or "strategic", likewise


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str | None
    municipalities: tuple[Organisation, ...]
    facilitators: tuple[Facilitator, ...]
    policy: Mapping[str, int]  # the network's policy with this region's overrides
    host_rotation: tuple[str, ...]
    loc: Loc
    broken: bool = False


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    name: str | None
    structural: bool | None
    policy: Mapping[str, int]  # the network's policy with this theme's overrides
    own_policy: frozenset[str]  # the keys this theme's file sets itself
    loc: Loc
    broken: bool = False


@dataclass(frozen=True, slots=True)
class Commitment:
    meetings: int
    start: dt.date | None  # `from`; defaults to the member's joined date
    loc: Loc


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str | None
    organisation: str | None
    groups: tuple[str, ...]
    joined: dt.date | None
    left: dt.date | None
    stage: str | None
    commitment: Commitment | None
    gives: tuple[str, ...]
    wants: tuple[str, ...]
    loc: Loc
    broken: bool = False


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    meeting: str  # the id of the meeting that set it
    owner: str | None
    what: str | None
    due: Due
    status: str
    closed: dt.date | None
    note: str | None
    loc: Loc

    @property
    def ref(self) -> str:
        """How an action is addressed: `<meeting-id>#<action-id>`."""
        return f"{self.meeting}#{self.id}"


@dataclass(frozen=True, slots=True)
class Presentation:
    title: str | None
    speaker: str | None
    guest: str | None
    knowledge_source: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Update:
    """One member's turn in the round of updates (what happened, what they learned, their
    next step, what they ask of the group, tips), and when their ask was answered."""

    member: str | None
    happened: str | None
    learned: str | None
    next_step: str | None
    ask: str | None
    tips: str | None
    answered: dt.date | None  # the ask was answered on this date; open while None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Next:
    topic: str | None
    prepared_by: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    date: dt.date | None
    group: str | None
    kind: str | None
    host: str | None
    location: str | None
    start: str | None
    end: str | None
    chair: str | None
    attendees: tuple[str, ...] | None  # None when the key is absent
    apologies: tuple[str, ...]
    guests: tuple[str, ...]
    topic: str | None
    presentations: tuple[Presentation, ...]
    updates: tuple[Update, ...]
    cases: tuple[str, ...]
    actions: tuple[Action, ...]
    next: Next | None
    loc: Loc
    broken: bool = False
    # fields present but unreadable as what they hold (see `_unreadable`)
    unreadable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Intention:
    what: str | None
    due: Due
    loc: Loc


@dataclass(frozen=True, slots=True)
class FollowUp:
    reported_at: str | None
    done: str | None
    result: str | None
    lessons: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    title: str | None
    owner: str | None
    presented_at: str | None
    confidential: bool
    question: str | None
    knowledge_sources: tuple[str, ...]
    intention: Intention | None
    follow_up: FollowUp | None
    status: str
    reason: str | None
    loc: Loc
    broken: bool = False
    # lets the follow-up's lessons of a confidential case appear on the lessons page, and
    # nothing else of it (SPEC §2.1; kring.core.disclosure decides)
    share_lesson: bool = False


Record = Network | Region | Theme | Member | Meeting | Case


@dataclass(frozen=True, slots=True)
class Model:
    """The whole network, with the indexes that the checks share.

    Two ways in (SPEC §2.3): the lookups by id (`regions`, `themes`, `members`, `meetings`,
    `cases`) hold each id that exactly one file claims, for following a reference; the
    per-file records (`records` by path, `all_regions` … `all_cases` in path order) hold
    every file, for anything that checks, counts or lists. A check that walks the lookups
    would lose the files of a shared id; one that follows a reference through `records`
    would read another file's facts.
    """

    files: tuple[LoadedFile, ...]
    network: Network | None
    regions: Mapping[str, Region]
    themes: Mapping[str, Theme]
    members: Mapping[str, Member]
    meetings: Mapping[str, Meeting]
    cases: Mapping[str, Case]
    organisations: Mapping[str, Organisation]
    # every (kind, id) seen with all the files that claim it, for duplicate ids (KR202)
    claims: Mapping[tuple[str, str], tuple[str, ...]]
    meetings_by_group: Mapping[str, tuple[Meeting, ...]] = field(default_factory=dict)
    # the file-local problems by code, in file order: a dozen checks each surface one code,
    # and each would otherwise walk every file of the network to find it
    problems: Mapping[str, tuple[Problem, ...]] = field(default_factory=dict)
    records: Mapping[str, Record] = field(default_factory=dict)
    all_regions: tuple[Region, ...] = ()
    all_themes: tuple[Theme, ...] = ()
    all_members: tuple[Member, ...] = ()
    all_meetings: tuple[Meeting, ...] = ()
    all_cases: tuple[Case, ...] = ()
    # ids that several files claim, by namespace ("group", "member", "meeting", "case")
    ambiguous: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def group_ids(self) -> set[str]:
        """Every group id a file claims, shared ones included."""
        return set(self.regions) | set(self.themes) | self.ambiguous.get("group", frozenset())

    def known(self, namespace: str) -> set[str]:
        """Every id of `namespace` ("member", "group", "meeting", "case") that a file claims,
        shared ones included: a reference to one of them names something."""
        if namespace == "group":
            return self.group_ids()
        table: Mapping[str, Any] = {
            "member": self.members,
            "meeting": self.meetings,
            "case": self.cases,
        }[namespace]
        return set(table) | self.ambiguous.get(namespace, frozenset())

    def person(self, member: str | None) -> str:
        """A member as people read them: the name, else the id (or '?' for none); personal
        data in it masked (SPEC §7), as every output prints it. A shared id names no one."""
        if member is None:
            return "?"
        found = self.members.get(member)
        return _masked(found.name if found is not None and found.name else member)

    def group_name(self, group: str | None) -> str:
        """A region or theme as people read it: the name, else the id; personal data
        masked."""
        if group is None:
            return "?"
        found = self.regions.get(group) or self.themes.get(group)
        return _masked(found.name if found is not None and found.name else group)

    def group_of_case(self, case: Case) -> str | None:
        meeting = self.meetings.get(case.presented_at or "")
        return meeting.group if meeting else None

    def meeting_of(self, action: Action) -> Meeting | None:
        """The meeting whose file sets `action` (its own file, also when its id is shared)."""
        record = self.records.get(action.loc.path)
        return record if isinstance(record, Meeting) else None


def _masked(text: str) -> str:
    # imported here: the patterns are compiled on first use, not at every start-up
    from kring.core.personal_data import mask

    return mask(text)


# --- building ----------------------------------------------------------------------------


def _policy(
    base: Mapping[str, int], override: Any, keys: frozenset[str] = frozenset(POLICY_DEFAULTS)
) -> dict[str, int]:
    """`base` with the overrides of the keys this level may set (any other is KR101's
    finding, and changes nothing here)."""
    merged = dict(base)
    for key, value in _mapping(override).items():
        if key in keys and isinstance(value, int) and not isinstance(value, bool):
            merged[key] = value
    return merged


def _facilitators(value: Any, loc: Loc) -> tuple[Facilitator, ...]:
    return tuple(
        Facilitator(m, _ids(item.get("roles")), loc.below(i))
        for i, item in _items(value)
        if isinstance(m := item.get("member"), str)
    )


# Kinds whose record depends on nothing but its own file: the cache can keep these records.
# (A region's and a theme's record holds the network's policy with its own overrides.)
FILE_LOCAL_KINDS = frozenset({"member", "meeting", "case"})


def build(
    files: Iterable[LoadedFile],
    policy_defaults: Mapping[str, int] | None = None,
    records: dict[str, Any] | None = None,
) -> Model:
    """The model of `files`.

    `records` (path -> record), when given, holds records of FILE_LOCAL_KINDS built before
    (from the cache): those are taken as they are, and every such record built here is
    added to it.
    """
    files = tuple(files)
    memo: dict[str, Any] = {} if records is None else records

    def local(f: LoadedFile, make: Any) -> Any:
        record = memo.get(f.path)
        if record is None:
            record = memo[f.path] = make(f)
        return record

    base_policy = dict(POLICY_DEFAULTS)
    base_policy.update(policy_defaults or {})
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_kind: dict[str, list[LoadedFile]] = defaultdict(list)
    problems: dict[str, list[Problem]] = defaultdict(list)
    for f in files:
        kind = f.place.kind
        if kind in ("network", "region", "theme", "member", "meeting", "case"):
            by_kind[kind].append(f)
            namespace = "group" if kind in ("region", "theme") else kind
            claims[(namespace, f.place.id)].append(f.path)
        for problem in f.problems:
            problems[problem.code].append(problem)

    network = None
    for f in by_kind["network"]:
        network = _network(f, base_policy)
    policy = network.policy if network else base_policy

    by_path: dict[str, Record] = {}
    all_regions = tuple(_region(f, policy) for f in by_kind["region"])
    all_themes = tuple(_theme(f, policy) for f in by_kind["theme"])
    all_members = tuple(local(f, _member) for f in by_kind["member"])
    all_meetings = tuple(local(f, _meeting) for f in by_kind["meeting"])
    all_cases = tuple(local(f, _case) for f in by_kind["case"])
    if network is not None:
        by_path[network.loc.path] = network
    every: tuple[tuple[Record, ...], ...] = (
        all_regions,
        all_themes,
        all_members,
        all_meetings,
        all_cases,
    )
    for records_of_kind in every:
        for record in records_of_kind:
            by_path[record.loc.path] = record

    # SPEC §2.3: an id that several files claim indexes none of them.
    ambiguous: dict[str, set[str]] = defaultdict(set)
    for (namespace, ident), paths in claims.items():
        if len(paths) > 1:
            ambiguous[namespace].add(ident)
    shared_groups = ambiguous.get("group", set())
    regions = _by_id(all_regions, shared_groups)
    themes = _by_id(all_themes, shared_groups)
    members = _by_id(all_members, ambiguous.get("member", set()))
    meetings = _by_id(all_meetings, ambiguous.get("meeting", set()))
    cases = _by_id(all_cases, ambiguous.get("case", set()))

    organisations: dict[str, Organisation] = {}
    for region in all_regions:
        for m in region.municipalities:
            organisations.setdefault(m.id, m)
    if network:
        for p in network.partners:
            organisations.setdefault(p.id, p)

    grouped: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in all_meetings:
        if meeting.group and meeting.date:
            grouped[meeting.group].append(meeting)
    # every meeting here has a date: sorted by (date, id) with a key made in C, not per call
    # (two files with one id keep their order, which is their paths')
    by_date = operator.attrgetter("date", "id")
    meetings_by_group = {g: tuple(sorted(ms, key=by_date)) for g, ms in grouped.items()}
    return Model(
        files=files,
        network=network,
        regions=regions,
        themes=themes,
        members=members,
        meetings=meetings,
        cases=cases,
        organisations=organisations,
        claims={k: tuple(v) for k, v in claims.items()},
        meetings_by_group=meetings_by_group,
        problems={code: tuple(found) for code, found in problems.items()},
        records=by_path,
        all_regions=all_regions,
        all_themes=all_themes,
        all_members=all_members,
        all_meetings=all_meetings,
        all_cases=all_cases,
        ambiguous={k: frozenset(v) for k, v in ambiguous.items()},
    )


def _by_id(records: tuple[Any, ...], shared: set[str]) -> dict[str, Any]:
    """The records by id, leaving out the ids that several files claim."""
    return {r.id: r for r in records if r.id not in shared}


def _data(f: LoadedFile) -> tuple[Mapping[str, Any], Loc, bool]:
    data = f.document.data if f.document else None
    loc = Loc(f.path, f.document)
    return _mapping(data), loc, not isinstance(data, dict)


def _network(f: LoadedFile, base_policy: Mapping[str, int]) -> Network:
    d, loc, broken = _data(f)
    partners = tuple(
        Organisation(p["id"], _str(p.get("name")), "partner", None, loc.below("partners", i))
        for i, p in _items(d.get("partners"))
        if isinstance(p.get("id"), str)
    )
    return Network(
        name=_str(d.get("name")),
        lang=_str(d.get("lang")),
        facilitators=_facilitators(d.get("facilitators"), loc.below("facilitators")),
        municipal_contact=_str(d.get("municipal_contact")),
        partners=partners,
        policy=_policy(base_policy, d.get("policy")),
        loc=loc,
        broken=broken,
        kind=_known(d.get("kind"), ("internal", "external")),
        focus=_known(d.get("focus"), ("operational", "strategic")),
    )


def _region(f: LoadedFile, policy: Mapping[str, int]) -> Region:
    d, loc, broken = _data(f)
    rid = f.place.id
    municipalities = tuple(
        Organisation(
            m["id"], _str(m.get("name")), "municipality", rid, loc.below("municipalities", i)
        )
        for i, m in _items(d.get("municipalities"))
        if isinstance(m.get("id"), str)
    )
    return Region(
        id=rid,
        name=_str(d.get("name")),
        municipalities=municipalities,
        facilitators=_facilitators(d.get("facilitators"), loc.below("facilitators")),
        policy=_policy(policy, d.get("policy"), REGION_POLICY_KEYS),
        host_rotation=_ids(d.get("host_rotation")),
        loc=loc,
        broken=broken,
    )


def _theme(f: LoadedFile, policy: Mapping[str, int]) -> Theme:
    d, loc, broken = _data(f)
    structural = d.get("structural")
    return Theme(
        id=f.place.id,
        name=_str(d.get("name")),
        structural=structural if isinstance(structural, bool) else None,
        policy=_policy(policy, d.get("policy"), THEME_POLICY_KEYS),
        own_policy=frozenset(_policy({}, d.get("policy"), THEME_POLICY_KEYS)),
        loc=loc,
        broken=broken,
    )


def _member(f: LoadedFile) -> Member:
    d, loc, broken = _data(f)
    joined = parse_date(d.get("joined"))
    commitment = None
    c = d.get("commitment")
    if isinstance(c, dict):
        meetings = c.get("meetings")
        commitment = Commitment(
            meetings=meetings
            if isinstance(meetings, int) and not isinstance(meetings, bool)
            else 0,
            start=parse_date(c.get("from")) or joined,
            loc=loc.below("commitment"),
        )
    return Member(
        id=f.place.id,
        name=_str(d.get("name")),
        organisation=_str(d.get("organisation")),
        groups=listed(d.get("groups")),
        joined=joined,
        left=parse_date(d.get("left")),
        stage=_str(d.get("stage")),
        commitment=commitment,
        gives=_strs(d.get("gives")),
        wants=_strs(d.get("wants")),
        loc=loc,
        broken=broken,
    )


def _meeting(f: LoadedFile) -> Meeting:
    d, loc, broken = _data(f)
    mid = f.place.id
    actions = tuple(
        Action(
            id=a["id"],
            meeting=mid,
            owner=_str(a.get("owner")),
            what=_str(a.get("what")),
            due=parse_due(a.get("due", NEXT_MEETING)),
            status=_choice(a.get("status"), ("open", "done", "dropped"), "open"),
            closed=parse_date(a.get("closed")),
            note=_str(a.get("note")),
            loc=loc.below("actions", i),
        )
        for i, a in _items(d.get("actions"))
        if isinstance(a.get("id"), str)
    )
    nxt = d.get("next")
    attendees = d.get("attendees")
    return Meeting(
        id=mid,
        date=parse_date(d.get("date")),
        group=_str(d.get("group")),
        kind=_str(d.get("kind")),
        host=_str(d.get("host")),
        location=_str(d.get("location")),
        start=_str(d.get("start")),
        end=_str(d.get("end")),
        chair=_str(d.get("chair")),
        attendees=listed(attendees) if attendees is not None else None,
        apologies=listed(d.get("apologies")),
        guests=tuple(
            g["name"] for _, g in _items(d.get("guests")) if isinstance(g.get("name"), str)
        ),
        topic=_str(d.get("topic")),
        presentations=tuple(
            Presentation(
                _str(p.get("title")),
                _str(p.get("speaker")),
                _str(p.get("guest")),
                _str(p.get("knowledge_source")),
                loc.below("presentations", i),
            )
            for i, p in _items(d.get("presentations"))
        ),
        updates=tuple(
            Update(
                member=_str(u.get("member")),
                happened=_str(u.get("happened")),
                learned=_str(u.get("learned")),
                next_step=_str(u.get("next_step")),
                ask=_str(u.get("ask")),
                tips=_str(u.get("tips")),
                answered=parse_date(u.get("answered")),
                loc=loc.below("updates", i),
            )
            for i, u in _items(d.get("updates"))
        ),
        cases=listed(d.get("cases")),
        actions=actions,
        next=Next(_str(nxt.get("topic")), _str(nxt.get("prepared_by")), loc.below("next"))
        if isinstance(nxt, dict)
        else None,
        loc=loc,
        broken=broken,
        unreadable=_unreadable(d, ("attendees", "apologies", "cases"), ("chair", "host", "group")),
    )


def _case(f: LoadedFile) -> Case:
    d, loc, broken = _data(f)
    intention = None
    i = d.get("intention")
    if isinstance(i, dict):
        intention = Intention(
            _str(i.get("what")), parse_due(i.get("due", NEXT_MEETING)), loc.below("intention")
        )
    follow_up = None
    fu = d.get("follow_up")
    if isinstance(fu, dict):
        follow_up = FollowUp(
            _str(fu.get("reported_at")),
            _str(fu.get("done")),
            _str(fu.get("result")),
            _str(fu.get("lessons")),
            loc.below("follow_up"),
        )
    status = d.get("status")
    return Case(
        id=f.place.id,
        title=_str(d.get("title")),
        owner=_str(d.get("owner")),
        presented_at=_str(d.get("presented_at")),
        # SPEC §7: confidential unless its own file says `confidential: false`, as
        # kring.core.disclosure, the one place that decides it, reads the file
        confidential=confidential_file(f.path, f.document.data if f.document else None),
        question=_str(d.get("question")),
        knowledge_sources=_strs(d.get("knowledge_sources")),
        intention=intention,
        follow_up=follow_up,
        status=status if status in ("open", "followed-up", "dropped") else "open",
        reason=_str(d.get("reason")),
        loc=loc,
        broken=broken,
        share_lesson=d.get("share_lesson") is True,
    )
