"""The agenda as the facilitator's assistant: whose turn it is for a case, whom to invite
personally and why, the round of updates with the asks still open, and an evaluation when
one is due. `kring.views.agenda_draft` calls `practice` for its draft and renders
`sections`; every other agenda format can render the same sections.

Where each comes from (the README's "Network health" guide says more):

- **Whose turn for a case**: the members expected at the meeting (of the group on its date,
  not left, no apologies sent, not drifting) who brought a case to this group longest ago
  or never, never first, at most three. KNC platforms bring a personal case "op toerbeurt"
  (research/000_f9cbfa0219d1a120.txt, "Intervisie").
- **Invite personally**: drifting members of the group (`kring.core.practice.drift`), and
  members whose `wants` share a word with the meeting's topic (a region's members; for a
  theme, any member, as anyone may attend a thematic meeting), each with the reason. The
  Almere report found that inviting people personally works, saying why the next meeting
  is of interest to them (research/004_0e1b1fca02ef0560.txt, §4.1.3).
- **Round of updates**: who gave an update at the group's previous meeting, and every ask
  made in an update of the group's earlier meetings that has no `answered` date yet (on
  today), while the one who asked still takes part. Almere's round asks what happened,
  what was learned, the next step, what the group can do and tips (§2.2.1).
- **Evaluation**: when `kring.core.practice.evaluation_proposed` says the meeting should be
  one, a new draft gets `kind: evaluation`, and the agenda lists the evaluation questions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kring.core import timeline
from kring.core.disclosure import shown_case
from kring.core.i18n import T, Text, _
from kring.core.model import Meeting, Member, Model, Update
from kring.core.practice import Drift, EvaluationDue, drift, evaluation_proposed
from kring.views.matchmaking import current, topic_matches, who

TURNS = 3  # members proposed to bring a case


@dataclass(frozen=True, slots=True)
class Turn:
    member: str
    last: dt.date | None  # when they last brought a case to this group; None: never


@dataclass(frozen=True, slots=True)
class Invite:
    member: str
    drift: Drift | None
    wants: tuple[tuple[str, str], ...]  # (want, the words it shares with the topic)


@dataclass(frozen=True, slots=True)
class Ask:
    member: str
    meeting: Meeting
    text: str


@dataclass(frozen=True, slots=True)
class Practice:
    turns: tuple[Turn, ...]
    invites: tuple[Invite, ...]
    previous: Meeting | None  # the group's meeting before this one
    updates: tuple[str, ...]  # members who gave an update there
    asks: tuple[Ask, ...]
    evaluation: EvaluationDue | None


def proposed_kind(model: Model, group: str, day: dt.date, kind: str) -> str:
    """The kind of a new draft: `evaluation` when one is due by then, else `kind`."""
    return "evaluation" if evaluation_proposed(model, group, day) is not None else kind


def practice(model: Model, meeting: Meeting, today: dt.date, topic: str | None) -> Practice:
    """What the facilitator needs for `meeting` (a meeting of a group, with a date) on
    `topic` (the meeting's own, or the one agreed at the previous meeting)."""
    group = meeting.group or ""
    day = meeting.date or today
    previous = timeline.previous_meeting(model, group, day)
    drifting = {
        m.id: found
        for m in model.all_members  # every file's, also of a shared id (SPEC §2.3)
        if group in m.groups and (found := drift(model, m, today)) is not None
    }
    return Practice(
        turns=_turns(model, meeting, today, drifting),
        invites=_invites(model, meeting, today, drifting, topic or ""),
        previous=previous,
        updates=tuple(dict.fromkeys(u.member for u in previous.updates if u.member))
        if previous is not None
        else (),
        asks=_asks(model, meeting, today),
        evaluation=evaluation_proposed(model, group, day),
    )


def _expected(meeting: Meeting, member: Member, today: dt.date) -> bool:
    day = meeting.date or today
    if meeting.group not in member.groups or not current(member, today):
        return False
    if member.joined is not None and member.joined > day:
        return False
    return member.id not in meeting.apologies


def _turns(
    model: Model, meeting: Meeting, today: dt.date, drifting: dict[str, Drift]
) -> tuple[Turn, ...]:
    day = meeting.date or today
    last: dict[str, dt.date] = {}
    for case in model.all_cases:
        shown = shown_case(model, case)  # only its owner, group and date are read here
        if shown.group != meeting.group or shown.owner is None or shown.presented is None:
            continue
        if shown.presented < day and shown.presented > last.get(shown.owner, dt.date.min):
            last[shown.owner] = shown.presented
    # who already brings one to this meeting (a meeting file that lists its cases)
    bringing = {c.owner for cid in meeting.cases if (c := model.cases.get(cid)) is not None}
    expected = [
        m
        for m in model.all_members
        if m.id not in drifting and m.id not in bringing and _expected(meeting, m, today)
    ]
    expected.sort(
        key=lambda m: (m.id in last, last.get(m.id, dt.date.min), m.joined or dt.date.min, m.id)
    )
    return tuple(Turn(m.id, last.get(m.id)) for m in expected[:TURNS])


def _invites(
    model: Model, meeting: Meeting, today: dt.date, drifting: dict[str, Drift], topic: str
) -> tuple[Invite, ...]:
    theme = meeting.group in model.themes
    out = []
    for member in sorted(model.all_members, key=lambda m: m.id):
        if not current(member, today) or member.id in meeting.apologies:
            continue
        if meeting.attendees is not None and member.id in meeting.attendees:
            continue
        if not theme and meeting.group not in member.groups:
            continue
        wants = tuple(topic_matches(model, topic, member.wants)) if topic else ()
        found = drifting.get(member.id)
        if found is not None or wants:
            out.append(Invite(member.id, found, wants))
    return tuple(out)


def _open(update: Update, today: dt.date) -> bool:
    """An ask not answered on `today` (an answer dated later is not given yet: a replay)."""
    return bool(update.ask) and (update.answered is None or update.answered > today)


def _asks(model: Model, meeting: Meeting, today: dt.date) -> tuple[Ask, ...]:
    day = meeting.date or today
    out = []
    for earlier in timeline.meetings_before(model, meeting.group, day):
        if earlier.broken:
            continue
        for update in earlier.updates:
            asker = model.members.get(update.member or "")
            if asker is None or not current(asker, today) or not _open(update, today):
                continue
            out.append(Ask(asker.id, earlier, update.ask or ""))
    return tuple(out)


# --- what the agenda says ----------------------------------------------------------------------


EVALUATION_QUESTIONS = (
    T("What has the platform brought you since the last evaluation, or since you joined?"),
    T("Under which conditions do you want to go on, and what should change?"),
    T(
        "Members came and went: what does the group need now, and do the meetings still give "
        "starters and advanced members something?"
    ),
    T("Is the balance between bringing and taking knowledge right for you?"),
    T("Are the roles well divided, or does someone wear too many hats?"),
    T(
        "Which knowledge sources did we use (experience, professional knowledge, research), "
        "and which did we miss?"
    ),
    T("Which topics and speakers do we plan for the coming meetings, and who prepares them?"),
)


def _turn_line(model: Model, turn: Turn) -> Text:
    if turn.last is None:
        return T("{member}: has not brought a case here yet", member=who(model, turn.member))
    return T(
        "{member}: last brought a case on {date}", member=who(model, turn.member), date=turn.last
    )


def _invite_line(model: Model, invite: Invite) -> Text:
    reasons: list[Text] = []
    if invite.drift is not None:
        missed = invite.drift.missed
        reasons.append(
            T(
                "missed the last {n} meetings, since {date}",
                n=len(missed),
                date=missed[0].date,
            )
        )
    for want, shared in invite.wants:
        reasons.append(
            T("looks for '{want}', which the topic touches ({words})", want=want, words=shared)
        )
    return T(
        "{member}: {reasons}",
        member=who(model, invite.member),
        reasons="; ".join(r.render() for r in reasons),
    )


def _round_lines(model: Model, p: Practice) -> list[Text]:
    lines: list[Text] = []
    if p.previous is not None:
        if p.updates:
            lines.append(
                T(
                    "At the last meeting, on {date}, updates came from {members}; ask the "
                    "others first.",
                    date=p.previous.date,
                    members=", ".join(who(model, m) for m in p.updates),
                )
            )
        else:
            lines.append(
                T("Nobody gave an update at the last meeting, on {date}.", date=p.previous.date)
            )
    for ask in p.asks:
        lines.append(
            T(
                "{member} asked on {date}, still open: {ask}",
                member=who(model, ask.member),
                date=ask.meeting.date,
                ask=ask.text,
            )
        )
    return lines


def _evaluation_lines(p: Practice) -> list[Text]:
    due = p.evaluation
    if due is None:
        return []
    if due.starting:
        reason = T(
            "An evaluation is due: the group has held {held} meetings and evaluates once its "
            "first {n}, the commitment period, are over.",
            held=due.held,
            n=due.commitment,
        )
    elif due.last is not None:
        reason = T(
            "An evaluation is due: the last was on {date}, and the policy asks one every "
            "{months} months.",
            date=due.last.date,
            months=due.months,
        )
    else:
        reason = T(
            "An evaluation is due: the group has not evaluated yet, and the policy asks one "
            "every {months} months.",
            months=due.months,
        )
    return [reason, *EVALUATION_QUESTIONS]


def sections(model: Model, p: Practice) -> list[tuple[str, list[Text], Text]]:
    """(title, items, what to say when there are none) for each section of the agenda."""
    out = [
        (
            _("Whose turn for a case"),
            [_turn_line(model, t) for t in p.turns],
            T("Nobody is expected who could bring a case."),
        ),
        (
            _("Invite personally"),
            [_invite_line(model, i) for i in p.invites],
            T("Nobody to invite personally: nobody drifts, and no wants match the topic."),
        ),
        (
            _("Round of updates"),
            _round_lines(model, p),
            T("No earlier meeting, and no open asks."),
        ),
    ]
    evaluation = _evaluation_lines(p)
    if evaluation:
        out.append((_("Evaluation"), evaluation, T("")))
    return out
