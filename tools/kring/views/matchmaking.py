"""`kring match`: who could help whom — members' `gives` paired with other members' `wants`.

The Almere report advises to link people actively, by telling them whom they should have a
word with (research/004_0e1b1fca02ef0560.txt, §4.2.2, "mensen actief aan elkaar te
koppelen"), and to keep a balance between bringing and taking knowledge. Members write what
they bring (`gives`) and what they look for (`wants`) as short topics; this module pairs
them across the network:

- a want and a give match when they share a word, compared by its stem (Snowball, in the
  network's language: "schools" and "school", "scholen" and "school") and leaving out
  small words ("the", "and", "de", "voor");
- a member is never paired with themselves, nor with a colleague of their own organisation
  (they know where to find each other), nor with anyone who left or has not joined yet;
- each pair of members is listed once, with the want and give that share the most words;
- pairs rank by the number of shared words, then those who have not met at a meeting
  before those who did (and fewer meetings together first), then by member id.

`topic_matches` uses the same words for `kring agenda`'s "Invite personally".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from kring.core import timeline
from kring.core.i18n import T, Text, _
from kring.core.model import Member, Model
from kring.core.personal_data import mask
from kring.core.printable import dumps, escaped_line
from kring.views import markup

FORMATS = ("text", "markdown", "json")

# Words that say nothing about a topic, in the two languages kring speaks. Words of one or
# two letters are left out anyway.
_SMALL_WORDS = frozenset(
    """
    about after all also and any are around based before between both can does during each
    earlier for from get getting have how into its more most new not off one ones other
    others our out over own should some such than that the their them then there these they
    this those through too two under very was way ways what when where which while who whom
    why will with within work working would you your examples example practice small large
    larger know municipality municipalities
    aan als bij dan dat deze die dit doen door een eigen elkaar en hoe hun iets met meer
    naar niet nog onder ons onze ook over tegen tot tussen uit van voor wat wel welke wie
    zich zijn zoals gemeente gemeenten kleine grote
    """.split()  # noqa: SIM905 - a block of words reads better than a list of 150 strings
)
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _stemmer(lang: str) -> object:
    # imported here: only `kring match`, the agenda and the report need it
    import snowballstemmer

    return snowballstemmer.stemmer("dutch" if lang == "nl" else "english")


@functools.cache
def _stem(word: str, lang: str) -> str:
    stem: str = _stemmer(lang).stemWord(word)  # type: ignore[attr-defined]
    return stem


def words(text: str, lang: str) -> dict[str, str]:
    """The topic's meaningful words by their stem (stem -> the first word written with it)."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in _SMALL_WORDS:
            continue
        out.setdefault(_stem(word, lang), word)
    return out


def language(model: Model) -> str:
    """The language the members write their topics in: the network's `lang`."""
    return model.network.lang if model.network and model.network.lang else "en"


@dataclass(frozen=True, slots=True)
class Pair:
    """`taker` looks for `want`; `giver` brings `give`; they share `shared` (as written in
    the want)."""

    taker: str
    want: str
    giver: str
    give: str
    shared: tuple[str, ...]
    met: int  # meetings both attended


def current(member: Member, today: dt.date) -> bool:
    """A member who takes part today: joined on or before today and not left."""
    if member.broken or timeline.has_left(member, today):
        return False
    return member.joined is None or member.joined <= today


def pairs(
    model: Model,
    today: dt.date,
    member: str | None = None,
    best_of: int | None = None,
    counted: list[int] | None = None,
) -> list[Pair]:
    """Every pair of members in which one gives what the other wants, best first; with
    `member`, only the pairs that member is in; with `best_of`, only the best so many
    (and `counted`, when given, receives how many pairs there are in all)."""
    lang = language(model)
    # every member file (SPEC §2.3), kept apart by its path
    people = sorted(
        (m for m in model.all_members if current(m, today)), key=lambda m: (m.id, m.loc.path)
    )
    by_path = {m.loc.path: m for m in people}
    gives = {m.loc.path: _Topics([(g, words(g, lang)) for g in m.gives]) for m in people}
    # who gives a topic with this stem: only they can match a want that has it
    givers: dict[str, set[str]] = {}
    for path, topics in gives.items():
        for _topic, stems in topics.topics:
            for stem in stems:
                givers.setdefault(stem, set()).add(path)
    found: list[tuple[str, str, str, str, tuple[str, ...]]] = []
    for taker in people:
        wanted = [(w, words(w, lang)) for w in taker.wants]
        candidates = {g for _want, stems in wanted for s in stems for g in givers.get(s, ())}
        for giver in sorted((by_path[g] for g in candidates), key=lambda m: (m.id, m.loc.path)):
            # one id is one name to the reader: a pair of two files with one id says nothing
            if giver.id == taker.id or (member is not None and member not in (taker.id, giver.id)):
                continue
            if taker.organisation and taker.organisation == giver.organisation:
                continue
            best = _best(wanted, gives[giver.loc.path])
            if best is None:
                continue
            want, give, shared = best
            found.append((taker.id, want, giver.id, give, shared))
    if counted is not None:
        counted.append(len(found))
    if best_of is not None:
        # only the pairs that can be among the best: those sharing as many words as the
        # best_of-th pair (the meetings two members both attended only order those)
        found.sort(key=lambda f: -len(f[4]))
        if len(found) > best_of:
            least = len(found[best_of - 1][4])
            found = [f for f in found if len(f[4]) >= least]
    # meetings attended, only of the members in a pair (the network may hold millions of
    # attendance entries and few pairs)
    attended = _attended(model, today, {p[0] for p in found} | {p[2] for p in found})
    out = [
        Pair(taker, want, giver, give, shared, len(attended[taker] & attended[giver]))
        for taker, want, giver, give, shared in found
    ]
    out.sort(key=lambda p: (-len(p.shared), p.met > 0, p.met, p.taker, p.giver))
    return out if best_of is None else out[:best_of]


# wants x gives up to which _best compares each pair rather than count by stem
_FEW = 64


class _Topics:
    """A member's topics with their words, and which topics hold each stem."""

    __slots__ = ("holders", "topics")

    def __init__(self, topics: Sequence[tuple[str, dict[str, str]]]) -> None:
        self.topics = topics
        self.holders: dict[str, list[int]] = {}
        for i, (_topic, stems) in enumerate(topics):
            for stem in stems:
                self.holders.setdefault(stem, []).append(i)


def _best(
    wanted: Sequence[tuple[str, dict[str, str]]], given: _Topics
) -> tuple[str, str, tuple[str, ...]] | None:
    """The want and give sharing the most words: the first such want, and its first such
    give. A want is counted only against the gives that hold one of its stems, and skipped
    when it has no more words than the best so far: comparing every want with every give
    took minutes for members who list hundreds of topics (60 members of 300 gives and 300
    wants each: 207 s; now 11 s)."""
    best: tuple[str, str, tuple[str, ...]] | None = None
    most = 0
    if len(wanted) * len(given.topics) <= _FEW:
        # the usual few topics a member: comparing each pair is quicker than counting
        for want, want_words in wanted:
            if len(want_words) <= most:
                continue
            for give, give_words in given.topics:
                shared = tuple(want_words[s] for s in want_words if s in give_words)
                if len(shared) > most:
                    best, most = (want, give, shared), len(shared)
        return best
    for want, want_words in wanted:
        if len(want_words) <= most:
            continue
        # Counter counts in C: the gives each of the want's stems is in
        counts = Counter(chain.from_iterable(given.holders.get(s, ()) for s in want_words))
        if not counts:
            continue
        top = max(counts.values())
        if top > most:
            give, give_words = given.topics[min(i for i, n in counts.items() if n == top)]
            shared = tuple(want_words[s] for s in want_words if s in give_words)
            best, most = (want, give, shared), top
    return best


def _attended(model: Model, today: dt.date, members: set[str]) -> dict[str, set[str]]:
    """The meeting files each of `members` attended (that have taken place): every meeting
    file, and an attendee only where the id names one member (a shared id names no one)."""
    out: dict[str, set[str]] = {mid: set() for mid in members}
    named = {mid for mid in members if mid in model.members}
    if not named:
        return out
    for meeting in model.all_meetings:
        if meeting.broken or not timeline.has_taken_place(meeting, today):
            continue
        for mid in named.intersection(meeting.attendees or ()):
            out[mid].add(meeting.loc.path)
    return out


def topic_matches(model: Model, topic: str, wants: Iterable[str]) -> list[tuple[str, str]]:
    """The wants that share a word with the topic: (want, the words as written in it)."""
    lang = language(model)
    topic_words = words(topic, lang)
    out = []
    for want in wants:
        want_words = words(want, lang)
        shared = [want_words[s] for s in want_words if s in topic_words]
        if shared:
            out.append((want, ", ".join(shared)))
    return out


# --- rendering ---------------------------------------------------------------------------


def who(model: Model, mid: str | None) -> str:
    """A member as people read them: name and id, personal data masked (SPEC §7); the id
    alone for an unknown member, '?' for none."""
    if mid is None:
        return "?"
    person = model.members.get(mid)
    return f"{model.person(mid)} ({mid})" if person is not None and person.name else mid


def met_text(met: int) -> Text:
    if met == 0:
        return T("have not met at a meeting yet")
    if met == 1:
        return T("met at 1 meeting")
    return T("met at {n} meetings", n=met)


def _heading(today: dt.date, found: Sequence[Pair], total: int | None) -> Text:
    if total is not None and total > len(found):
        return T(
            "Who could help whom on {today}: the best {shown} of {n} pairs "
            "(--most 0 shows them all)",
            today=today,
            shown=len(found),
            n=total,
        )
    return T("Who could help whom on {today}: {n} pairs", today=today, n=len(found))


def render_text(
    model: Model, found: Sequence[Pair], today: dt.date, total: int | None = None
) -> str:
    lines = [_heading(today, found, total).render()]
    if not found:
        lines.append(_("No member gives what another member wants, across organisations."))
    for p in found:
        lines += [
            "",
            "  " + T("{member} wants: {topic}", member=who(model, p.taker), topic=p.want).render(),
            "  " + T("{member} gives: {topic}", member=who(model, p.giver), topic=p.give).render(),
            "      "
            + T(
                "in common: {words}; {met}", words=", ".join(p.shared), met=met_text(p.met)
            ).render(),
        ]
    # names and topics are data: shown escaped, never obeyed by a terminal or a CI log
    return "\n".join(escaped_line(line) for line in lines) + "\n"


def table(model: Model, found: Sequence[Pair]) -> str:
    """The pairs as a Markdown table (for `--format markdown` and the report)."""
    return markup.table(
        [_("Wants"), _("Looks for"), _("Gives"), _("Brings"), _("In common"), _("Met")],
        [
            [
                markup.text(who(model, p.taker)),
                markup.text(p.want, 90),
                markup.text(who(model, p.giver)),
                markup.text(p.give, 90),
                markup.text(", ".join(p.shared)),
                str(p.met),
            ]
            for p in found
        ],
        align="lllllr",
    )


def render_markdown(
    model: Model, found: Sequence[Pair], today: dt.date, total: int | None = None
) -> str:
    lines = [f"## {markup.text(_heading(today, found, total).render())}", ""]
    if not found:
        lines.append(
            markup.text(_("No member gives what another member wants, across organisations."))
        )
        return "\n".join(lines) + "\n"
    lines.append(table(model, found).rstrip("\n"))
    lines += ["", markup.text(_("Met: the meetings both attended."))]
    return "\n".join(lines) + "\n"


def render_json(
    found: Sequence[Pair], today: dt.date, member: str | None, total: int | None = None
) -> str:
    data = {
        "version": 1,
        "today": today.isoformat(),
        "member": member,
        "total": len(found) if total is None else total,  # pairs in all; "pairs" the best
        "pairs": [
            {
                "wants": {"member": p.taker, "topic": mask(p.want)},
                "gives": {"member": p.giver, "topic": mask(p.give)},
                "shared": [mask(word) for word in p.shared],
                "met": p.met,
            }
            for p in found
        ],
    }
    return dumps(data)


def render(
    fmt: str,
    model: Model,
    found: Sequence[Pair],
    today: dt.date,
    member: str | None,
    total: int | None = None,
) -> str:
    """The pairs in a format; `total`, when more pairs were found than shown, says how many."""
    if fmt == "json":
        return render_json(found, today, member, total)
    if fmt == "markdown":
        return render_markdown(model, found, today, total)
    return render_text(model, found, today, total)
