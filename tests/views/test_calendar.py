"""`kring calendar`: RFC 5545 parsed back with icalendar, one event per meeting."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import icalendar
from click.testing import CliRunner
from report_network import SMALL, assert_no_canary
from support import TODAY, MakeRepo

from kring.cli.main import cli

UID = "@testkring-noord.kring"


def calendar(repo: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["calendar", "--repo", str(repo), "--today", TODAY, *extra])
    # stdout_bytes: Result.output turns the CRLF line ends of RFC 5545 into LF
    return result.exit_code, result.stdout_bytes.decode("utf-8") + result.stderr


def events(data: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_one_event_per_meeting_with_stable_uids(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    code, data = calendar(repo)
    assert code == 0, data
    assert data.startswith("BEGIN:VCALENDAR\r\n")
    found = events(data)
    assert [str(e["uid"]) for e in found] == [
        "2025-03-06-noord" + UID,
        "2025-09-04-noord" + UID,
        "2026-03-05-noord" + UID,
        "2026-10-01-digitaal" + UID,
        "2026-12-10-noord" + UID,
    ]
    for event in found:
        stamp = event.decoded("dtstamp")
        assert stamp.tzinfo is not None and stamp.utcoffset() == dt.timedelta(0)
    assert calendar(repo)[1] == data, "the same data gives the same bytes"


def test_times_all_day_location_and_summary(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    cal = icalendar.Calendar.from_ical(calendar(repo)[1])
    by_uid = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    timed = by_uid["2025-03-06-noord"]
    start, end = timed.decoded("dtstart"), timed.decoded("dtend")
    assert (start.hour, start.minute, end.hour, end.minute) == (13, 30, 16, 0)
    assert str(start.tzinfo) == "Europe/Amsterdam" or "Amsterdam" in repr(start.tzinfo)
    assert start.utcoffset() == dt.timedelta(hours=1)  # CET in March before the switch
    assert str(timed["location"]) == "Town hall A-stad"
    assert str(timed["summary"]) == "Noord: Waiting lists | what works"
    no_end = by_uid["2025-09-04-noord"]
    assert "dtend" not in no_end, "no end time is given, so none is invented"
    all_day = by_uid["2026-03-05-noord"]
    assert type(all_day.decoded("dtstart")) is dt.date
    assert all_day.decoded("dtend") == dt.date(2026, 3, 6)
    assert str(all_day["location"]) == "A-stad", "the host stands in for a missing location"
    assert [c.name for c in cal.walk("VTIMEZONE")] == ["VTIMEZONE"]
    assert str(cal.walk("VTIMEZONE")[0]["tzid"]) == "Europe/Amsterdam"


def test_no_case_content_in_the_calendar(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    code, data = calendar(repo)
    assert code == 0, data
    assert events(data), "a calendar with meetings in it"
    assert_no_canary(data, "the calendar")
    assert "geheim" not in data and "open-zaak" not in data


def test_group_filter_and_unknown_group(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    code, data = calendar(repo, "--group", "digitaal")
    assert code == 0
    assert [str(e["uid"]) for e in events(data)] == ["2026-10-01-digitaal" + UID]
    assert "X-WR-CALNAME:Testkring Noord: Digitaal" in data
    assert not icalendar.Calendar.from_ical(data).walk("VTIMEZONE"), "all-day only: no zone"
    code, output = calendar(repo, "--group", "nord")
    assert code == 2
    assert "no region or theme 'nord' (did you mean 'noord'?)" in output


def test_output_file_is_created_refreshed_and_never_clobbers(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    out = repo / "site" / "meetings.ics"
    assert calendar(repo, "--output", str(out)) == (0, "")
    first = out.read_bytes()
    assert len(events(first.decode())) == 5
    (repo / "network/meetings/2026/2026-12-10-noord.md").unlink()
    assert calendar(repo, "--output", str(out))[0] == 0
    assert len(events(out.read_text("utf-8"))) == 4
    foreign = repo / "notes.ics"
    foreign.write_text("my own calendar\n", "utf-8")
    code, output = calendar(repo, "--output", str(foreign))
    assert code == 2
    assert "not a calendar kring wrote" in output
    assert foreign.read_text("utf-8") == "my own calendar\n"


def test_the_example_calendar(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    code, data = calendar(repo)
    assert code == 0
    meetings = list((repo / "network/meetings").rglob("*.md"))
    assert len(events(data)) == len(meetings) == 15
    for case in (repo / "network/cases").rglob("*.md"):
        title = next(ln for ln in case.read_text("utf-8").splitlines() if ln.startswith("title:"))
        assert title.split(":", 1)[1].strip() not in data


def _revision(repo: Path, uid: str) -> tuple[int, dt.datetime]:
    found = {str(e["uid"]).split("@")[0]: e for e in events(calendar(repo)[1])}
    event = found[uid]
    return int(event["sequence"]), event.decoded("dtstamp")


def test_a_changed_meeting_gets_a_higher_sequence_and_a_later_stamp(make_repo: MakeRepo) -> None:
    # A subscribed calendar keeps its copy of an event unless the feed's SEQUENCE is higher
    # or its DTSTAMP later (RFC 5545 §3.8.7.4): a moved meeting must reach members (issue 16).
    from support import edit

    repo = make_repo(SMALL)
    moved = "network/meetings/2026/2026-12-10-noord.md"
    before = _revision(repo, "2026-12-10-noord")
    other = _revision(repo, "2025-03-06-noord")
    assert before[0] == 1
    text = (repo / moved).read_text("utf-8")
    edit(repo, moved, "date: 2026-12-10\n", 'date: 2026-12-10\nstart: "19:00"\n')
    assert (repo / moved).read_text("utf-8") != text
    os.utime(repo / moved, (before[1].timestamp() + 60, before[1].timestamp() + 60))
    edited = _revision(repo, "2026-12-10-noord")
    assert edited[0] == 2 and edited[1] > before[1], "an edit not yet committed counts"
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "x"],
        cwd=repo,
        check=True,
        env={**os.environ, "GIT_COMMITTER_DATE": "2030-01-01T00:00:00+0000"},
    )
    committed = _revision(repo, "2026-12-10-noord")
    assert committed == (2, dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert _revision(repo, "2025-03-06-noord") == other, "an unchanged meeting keeps both"


def test_a_carriage_return_in_the_data_never_starts_a_line(make_repo: MakeRepo) -> None:
    # icalendar 6.1 left a lone CR in SUMMARY: clients that break lines at CR read an
    # injected property. kring requires icalendar 7, which escapes it.
    from support import edit

    repo = make_repo(SMALL)
    meeting = "network/meetings/2025/2025-03-06-noord.md"
    text = (repo / meeting).read_text("utf-8")
    topic = next(line for line in text.splitlines() if line.startswith("topic:"))
    edit(repo, meeting, topic, 'topic: "x\\rATTENDEE:mailto:evil@example.invalid"')
    code, data = calendar(repo)
    assert code == 0, data
    assert "\r" not in data.replace("\r\n", "")
    assert "\nATTENDEE" not in data.replace("\r\n", "\n")


def test_an_escape_in_the_data_is_shown_not_obeyed(make_repo: MakeRepo) -> None:
    # RFC 5545 §3.3.11: TEXT holds no control character; a terminal that shows the feed
    # would obey one (a cleared screen, a reversed line)
    from support import edit

    from kring.core.printable import CONTROLS

    repo = make_repo(SMALL)
    meeting = "network/meetings/2025/2025-03-06-noord.md"
    text = (repo / meeting).read_text("utf-8")
    topic = next(line for line in text.splitlines() if line.startswith("topic:"))
    edit(repo, meeting, topic, 'topic: "x\\e[2J \\u202e \\x9b y"')
    code, data = calendar(repo)
    assert code == 0, data
    assert not {c for c in data.replace("\r\n", "") if ord(c) in CONTROLS}
    summaries = [str(e["summary"]) for e in events(data)]
    assert any("x\\x1b[2J \\u202e \\x9b y" in s for s in summaries), summaries
