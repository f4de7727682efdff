"""The time rules of SPEC §3 at their boundaries, through real repositories."""

from __future__ import annotations

import datetime as dt

import pytest
from support import MakeRepo, case, day, load, meeting, member, network

from kring.core import timeline
from kring.core.model import Model


def build(make_repo: MakeRepo, *files: tuple[str, str], **options: object) -> Model:
    return load(make_repo(network(*files, **options)))  # type: ignore[arg-type]


# --- today ---------------------------------------------------------------------------


def test_today_prefers_option_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_TODAY", "2026-01-02")
    assert timeline.today_from("2026-11-25") == day("2026-11-25")
    assert timeline.today_from(None) == day("2026-01-02")
    monkeypatch.setenv("KRING_TODAY", "")
    assert timeline.today_from(None) == dt.date.today()


@pytest.mark.parametrize("bad", ["", "2026-13-01", "25-11-2026", "2026-11-25T10:00"])
def test_today_refuses_what_is_not_a_date(bad: str) -> None:
    with pytest.raises(timeline.TodayError):
        timeline.today_from(bad)


def test_bad_environment_date_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_TODAY", "tomorrow")
    with pytest.raises(timeline.TodayError, match="KRING_TODAY"):
        timeline.today_from(None)


# --- meetings ------------------------------------------------------------------------


def test_meeting_today_has_not_taken_place(make_repo: MakeRepo) -> None:
    model = build(make_repo, meeting("2026-04-16"))
    m = model.meetings["2026-04-16-noord"]
    assert not timeline.has_taken_place(m, day("2026-04-16"))
    assert timeline.has_taken_place(m, day("2026-04-17"))
    assert timeline.upcoming_meeting(model, "noord", day("2026-04-16")) is m
    assert timeline.upcoming_meeting(model, "noord", day("2026-04-17")) is None


def test_next_and_previous_meeting_are_strict(make_repo: MakeRepo) -> None:
    model = build(make_repo, meeting("2026-01-15"), meeting("2026-04-16"))
    first, second = model.meetings_by_group["noord"]
    assert timeline.next_meeting(model, "noord", day("2026-01-15")) is second
    assert timeline.next_meeting(model, "noord", day("2026-04-16")) is None
    assert timeline.previous_meeting(model, "noord", day("2026-04-16")) is first
    assert timeline.previous_meeting(model, "noord", day("2026-01-15")) is None


# --- actions -------------------------------------------------------------------------

ACTION = {"id": "a1", "owner": "bert", "what": "Share the overview.", "status": "open"}


def _action(**changes: object) -> dict[str, object]:
    return {**ACTION, **changes}


def _late(model: Model, today: str) -> list[tuple[str, bool, int]]:
    return [
        (c.ref, c.overdue, c.days_late)
        for c in timeline.open_commitments(model, day(today))
        if c.kind == "action"
    ]


def test_action_due_next_meeting_is_overdue_the_day_after_it(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15", actions=[_action(due="next-meeting")]),
        meeting("2026-04-16"),
    )
    ref = "2026-01-15-noord#a1"
    due = timeline.action_due(model, model.meetings["2026-01-15-noord"].actions[0])
    assert due.meeting is model.meetings["2026-04-16-noord"]
    assert _late(model, "2026-04-16") == [(ref, False, 0)]  # the meeting is today
    assert _late(model, "2026-04-17") == [(ref, True, 1)]


def test_dated_due_today_is_not_overdue_yesterday_is(make_repo: MakeRepo) -> None:
    model = build(make_repo, meeting("2026-01-15", actions=[_action(due="2026-03-01")]))
    ref = "2026-01-15-noord#a1"
    assert _late(model, "2026-03-01") == [(ref, False, 0)]
    assert _late(model, "2026-03-02") == [(ref, True, 1)]
    (item,) = timeline.open_commitments(model, day("2026-03-01"))
    assert item.days_left == 0


def test_action_without_a_next_meeting_is_not_due_yet(make_repo: MakeRepo) -> None:
    model = build(make_repo, meeting("2026-01-15", actions=[_action(due="next-meeting")]))
    (item,) = timeline.open_commitments(model, day("2027-06-01"))
    assert item.due == timeline.DueAt(None)
    assert not item.overdue and item.days_left is None


def test_action_closed_late_is_open_until_its_closed_date(make_repo: MakeRepo) -> None:
    closed = _action(due="next-meeting", status="done", closed="2026-05-10")
    model = build(make_repo, meeting("2026-01-15", actions=[closed]), meeting("2026-04-16"))
    ref = "2026-01-15-noord#a1"
    assert _late(model, "2026-05-09") == [(ref, True, 23)]  # a replay before it was closed
    assert _late(model, "2026-05-10") == []
    assert _late(model, "2026-11-25") == []


def test_dropped_action_is_not_open(make_repo: MakeRepo) -> None:
    dropped = _action(due="2026-02-01", status="dropped", closed="2026-02-10")
    model = build(make_repo, meeting("2026-01-15", actions=[dropped]))
    assert _late(model, "2026-11-25") == []


# --- intentions ------------------------------------------------------------------------


def _intention(model: Model, today: str) -> timeline.OpenCommitment | None:
    return timeline.intention_commitment(model, model.cases["c1"], day(today))


def test_intention_due_at_next_meeting_the_owner_attended(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16"),
        case("c1", "2026-01-15-noord"),
    )
    assert (item := _intention(model, "2026-04-16")) is not None
    assert item.due.meeting is model.meetings["2026-04-16-noord"] and not item.overdue
    assert (item := _intention(model, "2026-04-17")) is not None
    assert item.overdue and item.days_late == 1 and item.due.slid == ()


def test_owner_absent_once_slides(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16", attendees=("bert",), apologies=["anna"]),
        meeting("2026-09-17"),
        case("c1", "2026-01-15-noord"),
    )
    item = _intention(model, "2026-05-01")
    assert item is not None and not item.overdue
    assert item.due.meeting is model.meetings["2026-09-17-noord"]
    assert [m.id for m in item.due.slid] == ["2026-04-16-noord"]


def test_owner_absent_twice_is_overdue(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16", attendees=("bert",)),
        meeting("2026-09-17", attendees=("bert",)),
        meeting("2026-11-12"),
        case("c1", "2026-01-15-noord"),
    )
    item = _intention(model, "2026-09-18")
    assert item is not None and item.overdue and item.days_late == 1
    assert item.due.meeting is model.meetings["2026-09-17-noord"]  # no second slide


def test_absent_at_last_meeting_so_far_waits_for_the_next_one(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16", attendees=("bert",)),
        case("c1", "2026-01-15-noord"),
    )
    item = _intention(model, "2026-11-25")
    assert item is not None and not item.overdue and item.due.date is None
    assert [m.id for m in item.due.slid] == ["2026-04-16-noord"]


def test_region_policy_overrides_follow_up_carry(make_repo: MakeRepo) -> None:
    files = (
        meeting("2026-01-15"),
        meeting("2026-04-16", attendees=("bert",)),
        meeting("2026-09-17", attendees=("bert",)),
        meeting("2026-11-12"),
        case("c1", "2026-01-15-noord"),
    )
    model = build(make_repo, *files, region_policy={"follow_up_carry": 2})
    item = _intention(model, "2026-09-18")
    assert item is not None and not item.overdue
    assert item.due.meeting is model.meetings["2026-11-12-noord"]
    strict = build(make_repo, *files, policy={"follow_up_carry": 0})
    item = _intention(strict, "2026-04-17")
    assert item is not None and item.overdue
    assert item.due.meeting is strict.meetings["2026-04-16-noord"]


def test_dated_intention_ignores_attendance(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16", attendees=("bert",)),
        case("c1", "2026-01-15-noord", due="2026-03-01"),
    )
    assert (item := _intention(model, "2026-03-01")) is not None and not item.overdue
    assert (item := _intention(model, "2026-03-02")) is not None and item.days_late == 1


def test_follow_up_ends_the_intention_from_the_meeting_it_was_reported_at(
    make_repo: MakeRepo,
) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16"),
        meeting("2026-09-17"),
        case(
            "c1",
            "2026-01-15-noord",
            status="followed-up",
            follow_up={"reported_at": "2026-09-17-noord", "done": "Called them."},
        ),
    )
    assert _intention(model, "2026-09-17") is None
    replay = _intention(model, "2026-09-16")  # before it was reported: open, overdue
    assert replay is not None and replay.overdue and replay.days_late == 153


def test_dropped_case_owes_nothing(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        meeting("2026-04-16"),
        case("c1", "2026-01-15-noord", status="dropped", reason="The family moved."),
    )
    assert _intention(model, "2026-11-25") is None


# --- attendance commitments ----------------------------------------------------------------

YEAR = (
    meeting("2026-01-15"),
    meeting("2026-04-16", attendees=("anna", "bert", "cor")),
    meeting("2026-09-17", attendees=("anna", "bert"), apologies=["cor"]),
    meeting("2026-11-12", attendees=("anna", "bert", "cor")),
)


def _coverage(model: Model, mid: str, today: str) -> timeline.Coverage:
    coverage = timeline.commitment_coverage(model, model.members[mid], day(today))
    assert coverage is not None
    return coverage


def test_member_who_joined_between_meetings(make_repo: MakeRepo) -> None:
    cor = member("cor", joined="2026-03-01", commitment={"meetings": 3, "from": "2026-03-01"})
    model = build(make_repo, *YEAR, cor)
    coverage = _coverage(model, "cor", "2026-11-12")
    assert [m.id for m in coverage.meetings] == [
        "2026-04-16-noord",
        "2026-09-17-noord",
        "2026-11-12-noord",
    ]
    assert coverage.state == "open"  # the third meeting is today: not yet taken place
    missed = _coverage(model, "cor", "2026-11-13")
    assert missed.state == "missed" and missed.attended == 2  # apologies do not excuse
    item = timeline.attendance_commitment(model, model.members["cor"], day("2026-11-13"))
    assert item is not None and item.overdue and item.days_late == 1


def test_commitment_kept(make_repo: MakeRepo) -> None:
    cor = member("cor", joined="2026-03-01", commitment={"meetings": 1, "from": "2026-04-01"})
    model = build(make_repo, *YEAR, cor)
    assert _coverage(model, "cor", "2026-11-25").state == "kept"
    assert timeline.attendance_commitment(model, model.members["cor"], day("2026-11-25")) is None


def test_member_who_left_owes_nothing(make_repo: MakeRepo) -> None:
    cor = member(
        "cor",
        joined="2026-03-01",
        left="2026-10-01",
        commitment={"meetings": 3, "from": "2026-03-01"},
    )
    model = build(make_repo, *YEAR, cor)
    coverage = _coverage(model, "cor", "2026-11-25")
    assert [m.id for m in coverage.meetings] == ["2026-04-16-noord", "2026-09-17-noord"]
    assert coverage.state == "released"
    assert timeline.attendance_commitment(model, model.members["cor"], day("2026-11-25")) is None
    before = _coverage(model, "cor", "2026-09-30")  # a replay before leaving: still open
    assert before.state == "open"


def test_default_commitment_comes_from_policy_and_region(make_repo: MakeRepo) -> None:
    cor = member("cor", joined="2026-03-01")
    model = build(make_repo, *YEAR, cor, region_policy={"commitment_meetings": 1})
    coverage = _coverage(model, "cor", "2026-11-25")
    assert coverage.required == 1 and not coverage.explicit and coverage.state == "kept"
    model = build(make_repo, *YEAR, cor, policy={"commitment_meetings": 3})
    assert _coverage(model, "cor", "2026-11-25").state == "missed"
    nobody = build(make_repo, *YEAR, cor)  # the helpers' network sets the default to 0
    assert timeline.commitment_coverage(nobody, nobody.members["cor"], day("2026-11-25")) is None


def test_commitment_counts_meetings_of_every_group_of_the_member(make_repo: MakeRepo) -> None:
    cor = member(
        "cor",
        joined="2026-03-01",
        groups=("noord", "thema"),
        commitment={"meetings": 3, "from": "2026-03-01"},
    )
    model = build(make_repo, *YEAR, cor, meeting("2026-06-01", ("cor",), group="thema"), theme=True)
    coverage = _coverage(model, "cor", "2026-11-25")
    assert [m.id for m in coverage.meetings] == [
        "2026-04-16-noord",
        "2026-06-01-thema",
        "2026-09-17-noord",
    ]
    assert coverage.state == "missed" and coverage.attended == 2


def test_commitment_not_planned_yet_has_no_due_date(make_repo: MakeRepo) -> None:
    cor = member("cor", joined="2026-10-01", commitment={"meetings": 3, "from": "2026-10-01"})
    model = build(make_repo, *YEAR, cor)
    item = timeline.attendance_commitment(model, model.members["cor"], day("2026-11-25"))
    assert item is not None and not item.overdue and item.due.date is None


# --- planning ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-15", 3, "2026-04-15"),
        ("2026-01-31", 1, "2026-02-28"),  # the 31st becomes the month's last day
        ("2028-01-31", 1, "2028-02-29"),
        ("2026-11-30", 2, "2027-01-30"),  # across the year
        ("2026-11-25", -12, "2025-11-25"),  # back: KR406's evaluation period
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -1, "2025-12-15"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert timeline.add_months(day(start), months) == day(expected)


@pytest.mark.parametrize(
    ("last", "today", "options", "expected"),
    [
        # Thursday + 3 months (policy default 4 a year) is a Thursday again
        ("2026-01-15", "2026-02-01", {}, "2026-04-16"),
        # + 4 months lands on a Friday: the nearest Thursday
        ("2026-11-12", "2026-11-25", {"policy": {"meetings_per_year": 3}}, "2027-03-11"),
        # a region's own cadence wins
        ("2026-11-12", "2026-11-25", {"region_policy": {"meetings_per_year": 12}}, "2026-12-10"),
        # long ago: a cadence further until it is not before today
        ("2025-01-16", "2026-11-25", {}, "2027-01-14"),
        # a Saturday meeting plans on the nearest Friday
        ("2026-01-17", "2026-02-01", {}, "2026-04-17"),
    ],
)
def test_planned_date(
    make_repo: MakeRepo, last: str, today: str, options: dict[str, object], expected: str
) -> None:
    model = build(make_repo, meeting(last), **options)
    assert timeline.planned_date(model, "noord", day(today)) == day(expected)


def test_planned_date_of_a_theme_uses_thematic_cadence(make_repo: MakeRepo) -> None:
    model = build(make_repo, meeting("2026-09-17", group="thema"), theme=True)
    assert timeline.planned_date(model, "thema", day("2026-11-25")) == day("2027-09-16")


def test_no_planned_date_without_a_meeting_or_cadence(make_repo: MakeRepo) -> None:
    assert timeline.planned_date(build(make_repo), "noord", day("2026-11-25")) is None
    model = build(make_repo, meeting("2026-01-15"), policy={"meetings_per_year": 0})
    assert timeline.planned_date(model, "noord", day("2026-11-25")) is None


def test_a_planned_meeting_takes_what_is_due_next(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15", actions=[_action(due="next-meeting")]),
        case("c1", "2026-01-15-noord"),
    )
    planned = timeline.planned_meeting(model, "noord", day("2026-04-16"), "regional")
    plan = timeline.with_meeting(model, planned)
    assert timeline.action_due(plan, model.meetings["2026-01-15-noord"].actions[0]).meeting is (
        planned
    )
    assert (item := _intention(plan, "2026-03-01")) is not None
    assert item.due.meeting is planned
    assert "2026-04-16-noord" not in model.meetings  # the model itself is unchanged


# --- all together ------------------------------------------------------------------------


def test_open_commitments_sort_overdue_first_then_by_date(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting(
            "2026-01-15",
            actions=[
                _action(id="later", due="2026-12-31"),
                _action(id="sooner", due="2026-12-01"),
                _action(id="late", due="2026-11-01"),
                _action(id="later-still", due="next-meeting"),
                _action(id="latest", due="2026-02-01"),
            ],
        ),
    )
    refs = [c.ref.split("#")[1] for c in timeline.open_commitments(model, day("2026-11-25"))]
    assert refs == ["latest", "late", "sooner", "later", "later-still"]


def test_confidential_intention_carries_no_text(make_repo: MakeRepo) -> None:
    model = build(
        make_repo,
        meeting("2026-01-15"),
        case("c1", "2026-01-15-noord"),
        case("c2", "2026-01-15-noord", confidential=False),
    )
    items = {c.ref: c for c in timeline.open_commitments(model, day("2026-11-25"))}
    assert items["c1"].confidential and items["c1"].what is None and items["c1"].title is None
    assert items["c2"].what == "Call the family." and items["c2"].title == "Case c2"


@pytest.mark.parametrize(
    ("left", "gone"), [("2026-11-24", True), ("2026-11-25", True), ("2026-11-26", False)]
)
def test_a_member_has_left_from_their_left_date_on(left: str, gone: bool) -> None:
    """One rule for every part that asks (attendance commitments, the health checks)."""
    from kring.core.document import Document
    from kring.core.model import Loc, Member

    doc = Document({}, {}, {}, {}, 1)
    person = Member(
        "x",
        "X",
        "aa",
        ("noord",),
        day("2025-01-01"),
        day(left),
        None,
        None,
        (),
        (),
        Loc("network/members/x.yaml", doc),
    )
    assert timeline.has_left(person, day("2026-11-25")) is gone


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_a_day_outside_the_dates_kring_reads_is_a_usage_error(value: str) -> None:
    # SPEC §3: such a date never reaches date arithmetic (year 10000, a day before year 1)
    with pytest.raises(timeline.TodayError, match="1900-01-01 to 2200-12-31"):
        timeline.today_from(value)
    assert timeline.today_from("1900-01-01") == dt.date(1900, 1, 1)
    assert timeline.today_from("2200-12-31") == dt.date(2200, 12, 31)
