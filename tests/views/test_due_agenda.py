"""`kring due` and `kring agenda` through the command line, on real repositories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from support import TODAY, MakeRepo, case, meeting, member, network

from kring.cli.main import cli


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--repo", str(root)], catch_exceptions=False)


# --- kring due ---------------------------------------------------------------------------


def test_due_json_is_sorted_overdue_first(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    result = run(root, "due", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["version"] == 1 and data["today"] == TODAY
    assert data["summary"] == {"overdue": 4, "open": 7}
    items = data["commitments"]
    assert [i["ref"] for i in items[:4]] == [
        "sander-bosman",
        "2026-02-12-achterhoek#convenant-gegevensdeling",
        "2026-06-18-liemers#training-meldcode",
        "statushouder-gezinshereniging-school",
    ]
    assert [i["days_late"] for i in items[:4]] == [286, 167, 56, 48]
    assert all(i["status"] == "overdue" for i in items[:4])
    assert all(i["status"] == "open" for i in items[4:])
    first = items[1]
    assert first["due"] == {
        "date": "2026-06-11",
        "meeting": "2026-06-11-achterhoek",
        "slid_past": [],
    }
    assert first["path"] == "network/meetings/2026/2026-02-12-achterhoek.md"
    assert first["line"] == 22
    assert set(first) == {
        "kind", "ref", "owner", "group", "groups", "status", "due", "days_late", "days_left",
        "set_at", "confidential", "title", "what", "attendance", "path", "line", "column",
    }  # fmt: skip
    confidential = items[3]
    assert confidential["confidential"] is True
    assert confidential["title"] is None and confidential["what"] is None


@pytest.mark.parametrize(
    ("options", "refs"),
    [
        (
            ["--group", "liemers"],
            [
                "2026-06-18-liemers#training-meldcode",
                "2026-10-15-liemers#jaarplanning-2027",
                "noor-wiggers",
                "zorgmijder-na-ontslag-ggz",
            ],
        ),
        (
            ["--member", "marieke-jansen"],
            [
                "2026-02-12-achterhoek#convenant-gegevensdeling",
                "2026-11-12-achterhoek#werkplan-2027",
            ],
        ),
        (
            ["--within", "0"],
            [
                "sander-bosman",
                "2026-02-12-achterhoek#convenant-gegevensdeling",
                "2026-06-18-liemers#training-meldcode",
                "statushouder-gezinshereniging-school",
            ],
        ),
        (["--within", "67", "--group", "achterhoek", "--member", "marieke-jansen"], None),
    ],
)
def test_due_filters(make_repo: MakeRepo, options: list[str], refs: list[str] | None) -> None:
    root = make_repo(example=True)
    result = run(root, "due", "--today", TODAY, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    got = [i["ref"] for i in json.loads(result.output)["commitments"]]
    if refs is None:  # 67 days is exactly the werkplan's due date
        assert got == [
            "2026-02-12-achterhoek#convenant-gegevensdeling",
            "2026-11-12-achterhoek#werkplan-2027",
        ]
        result = run(root, "due", "--today", TODAY, "--format", "json", *options[:1], "66")
        assert "werkplan" not in result.output
    else:
        assert got == refs


def test_due_attendance_counts_for_every_group_of_the_member(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    result = run(root, "due", "--today", TODAY, "--group", "jeugd-en-veiligheid")
    assert "attendance Sander Bosman" in result.output  # in achterhoek and the theme


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "achterhoekk"], "no group 'achterhoekk' (did you mean 'achterhoek'?)"),
        (["--member", "noor"], "no member 'noor'"),
        (["--within", "-1"], "-1"),
        (["--today", "25-11-2026"], "not a date"),
        (["--format", "html"], "html"),
    ],
)
def test_due_usage_errors_exit_2(make_repo: MakeRepo, args: list[str], message: str) -> None:
    root = make_repo(example=True)
    result = CliRunner().invoke(cli, ["due", "--repo", str(root), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_due_with_nothing_open(make_repo: MakeRepo) -> None:
    root = make_repo(network(meeting("2026-01-15")))
    result = run(root, "due", "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == "Open commitments on 2026-11-25: 0 overdue, 0 open\nNothing is open.\n"


def test_due_markdown_keeps_user_text_inert(make_repo: MakeRepo) -> None:
    hostile = "Ask @octocat | <script>alert(1)</script> [link](http://x) *now*"
    files = network(
        meeting(
            "2026-01-15",
            actions=[{"id": "a1", "owner": "bert", "what": hostile, "due": "2026-02-01"}],
        )
    )
    root = make_repo(files)
    result = run(root, "due", "--today", TODAY, "--format", "markdown")
    out = result.output
    row = next(line for line in out.splitlines() if "a1" in line)
    text = row.replace("<br>", " ")  # the one tag kring itself writes in a cell
    assert re.search(r"(?<!\\)[<>\[\]|*]", text.strip("| ").replace(" | ", " ")) is None
    assert "@octocat" not in text  # a word joiner after @: GitHub pings nobody
    inert = "Ask @\u2060octocat \\| &lt;script&gt;alert(1)&lt;/script&gt; \\[link\\](http://x)"
    assert inert in text
    assert row.count(" | ") == 5  # six cells: the | in the text did not add one


# --- kring agenda --------------------------------------------------------------------------


def front(text: str) -> dict[str, object]:
    head = text.split("---\n")[1]
    data = yaml.load(head, Loader=yaml.BaseLoader)  # every scalar a string, as kring reads
    assert isinstance(data, dict)
    return data


def test_agenda_of_the_example(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    result = run(root, "agenda", "achterhoek", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert front(result.output) == {
        "date": "2027-03-11",  # 4 months after 2026-11-12, on its weekday (Thursday)
        "group": "achterhoek",
        "kind": "regional",
        "host": "aalten",  # after winterswijk in the rotation
        "topic": "Work plan 2027",
    }
    body = result.output
    assert "Host by rotation: Aalten, after Winterswijk on 2026-11-12." in body
    assert "prepared by Marieke Jansen (marieke-jansen), as agreed on 2026-11-12" in body
    assert (
        "- statushouder-gezinshereniging-school, by Joost Hendriks (joost-hendriks), due at "
        "the meeting of 2026-10-08 (2026-10-08-achterhoek), 48 days late: a confidential case "
        "presented at 2026-06-11-achterhoek"
    ) in body
    assert "evaluatie-verslag, by Anna de Vries (anna-de-vries), due at this meeting" in body
    assert "convenant-gegevensdeling" in body and "werkplan-2027" in body


def test_agenda_lists_members_inside_their_commitment(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    result = run(root, "agenda", "liemers", "--today", TODAY)
    assert front(result.output)["host"] == "zevenaar"  # westervoort was last: wrap around
    assert (
        "- Noor Wiggers (noor-wiggers): meeting 3 of the 3 committed to from 2026-06-01; "
        "attended 2 of 2 so far"
    ) in result.output
    assert "zorgmijder-na-ontslag-ggz, by Daan Smeenk (daan-smeenk), due at this meeting" in (
        result.output
    )


def test_agenda_of_a_theme_has_no_host_and_thematic_cadence(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    data = front(run(root, "agenda", "jeugd-en-veiligheid", "--today", TODAY).output)
    assert data == {
        "date": "2027-09-16",
        "group": "jeugd-en-veiligheid",
        "kind": "thematic",
        "topic": "Online safety and young people",
    }


def test_agenda_takes_a_planned_meeting_file_and_its_values(make_repo: MakeRepo) -> None:
    planned = meeting(
        "2026-12-10", attendees=None, host="cee", location="Town hall: Cee", start="13:30"
    )
    root = make_repo(
        network(
            meeting("2026-01-15", host="bee", actions=[
                {"id": "a1", "owner": "bert", "what": "Share it.", "due": "next-meeting"}
            ]),
            planned,
            case("c1", "2026-01-15-noord", confidential=False),
        )
    )  # fmt: skip
    result = run(root, "agenda", "noord", "--today", "2026-12-10")  # the meeting is today
    assert result.exit_code == 0, result.output
    assert front(result.output) == {
        "date": "2026-12-10",
        "group": "noord",
        "kind": "regional",
        "host": "cee",
        "location": "Town hall: Cee",
        "start": "13:30",
    }
    assert "- 2026-01-15-noord#a1, by Bert (bert), due at this meeting: Share it." in (
        result.output
    )
    # a public case shows its title and intention
    assert "- c1, by Anna (anna), due at this meeting: Case c1 (presented at 2026-01-15-noord)" in (
        result.output
    )
    refused = run(root, "agenda", "noord", "--today", "2026-12-10", "--write")
    assert refused.exit_code == 2 and "already exists" in refused.output


def test_agenda_with_a_date_and_without_any_meeting(make_repo: MakeRepo) -> None:
    root = make_repo(network())
    result = CliRunner().invoke(cli, ["agenda", "noord", "--repo", str(root), "--today", TODAY])
    assert result.exit_code == 2 and "give --date" in result.output
    result = run(root, "agenda", "noord", "--today", TODAY, "--date", "2027-01-14")
    assert result.exit_code == 0
    assert front(result.output) == {
        "date": "2027-01-14",
        "group": "noord",
        "kind": "regional",
        "host": "aa",  # nobody hosted yet: the first in the rotation
    }
    assert "No topic was set at the previous meeting." in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["noordd"], "no region or theme 'noordd' (did you mean 'noord'?)"),
        (["noord", "--date", "14-01-2027"], "not a date"),
        (["noord", "--date", "20270114"], "not a date"),  # a date as YYYY-MM-DD, as everywhere
        (["noord", "--date", "2026-01-01", "--write"], "has passed"),
    ],
)
def test_agenda_usage_errors_exit_2(make_repo: MakeRepo, args: list[str], message: str) -> None:
    root = make_repo(network(meeting("2025-11-13")))
    result = CliRunner().invoke(cli, ["agenda", *args, "--repo", str(root), "--today", TODAY])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_agenda_write_creates_a_file_that_passes_check(make_repo: MakeRepo) -> None:
    root = make_repo(example=True)
    printed = run(root, "agenda", "achterhoek", "--today", TODAY).output
    result = run(root, "agenda", "achterhoek", "--today", TODAY, "--write")
    assert result.exit_code == 0, result.output
    path = root / "network/meetings/2027/2027-03-11-achterhoek.md"
    assert "network/meetings/2027/2027-03-11-achterhoek.md" in result.output
    assert path.read_text("utf-8") == printed
    checked = run(root, "check", "--today", TODAY, "--format", "json")
    assert checked.exit_code == 0, checked.output
    assert not [f for f in json.loads(checked.output)["findings"] if "2027-03-11" in f["path"]]
    # the next run drafts that file, and refuses to write it again
    again = run(root, "agenda", "achterhoek", "--today", TODAY, "--write")
    assert again.exit_code == 2 and "already exists" in again.output
    assert path.read_text("utf-8") == printed


def test_agenda_write_never_writes_through_a_symbolic_link(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(example=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "network/meetings/2027").symlink_to(outside, target_is_directory=True)
    result = run(root, "agenda", "achterhoek", "--today", TODAY, "--write")
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output
    assert list(outside.iterdir()) == []


def test_agenda_front_matter_quotes_what_yaml_would_misread(make_repo: MakeRepo) -> None:
    topics = ["No", "Yes: and # more", "2027", '"Quoted" \\ back', "Wachtlijsten, deel 2"]
    for topic in topics:
        root = make_repo(
            network(meeting("2026-09-17", next={"topic": topic, "prepared_by": "anna"}))
        )
        result = run(root, "agenda", "noord", "--today", TODAY, "--write")
        assert result.exit_code == 0, result.output
        written = (root / "network/meetings/2026/2026-12-17-noord.md").read_text("utf-8")
        assert front(written)["topic"] == topic
        assert run(root, "check", "--today", TODAY).exit_code == 0


def test_agenda_counts_a_member_who_joined_between_meetings(make_repo: MakeRepo) -> None:
    cor = member("cor", joined="2026-10-01", commitment={"meetings": 2, "from": "2026-10-01"})
    root = make_repo(network(meeting("2026-09-17"), meeting("2026-10-15", ("anna", "cor")), cor))
    result = run(root, "agenda", "noord", "--today", TODAY)
    assert "- Cor (cor): meeting 2 of the 2 committed to from 2026-10-01; attended 1 of 1" in (
        result.output
    )
    assert re.search(r"^date: 2027-01-14$", result.output, re.M)


def test_agenda_write_leaves_out_what_is_no_text_in_what_was_agreed(make_repo: MakeRepo) -> None:
    # issue 16: a next.topic with U+2028 (or an escape) was written raw and the new file
    # failed KR001. A control character is no text, raw or built by an escape (KR004, issue
    # 14): the draft takes the topic without them, a line separator as a space, and passes.
    topic = "Work\u2028plan \x1b[2J 2027\x85"
    previous, text = meeting("2026-09-17", next={"topic": topic, "prepared_by": "anna"})
    root = make_repo(network((previous, text)))
    result = run(root, "agenda", "noord", "--today", TODAY, "--write")
    assert result.exit_code == 0, result.output
    new = "network/meetings/2026/2026-12-17-noord.md"
    written = (root / new).read_text("utf-8")
    assert front(written)["topic"] == "Work plan [2J 2027"
    assert "\u2028" not in written and "\x1b" not in written and "\x85" not in written
    checked = run(root, "check", "--today", TODAY, "--format", "json")
    found = {(f["code"], f["path"]) for f in json.loads(checked.output)["findings"]}
    assert ("KR004", previous) in found  # the escapes of the previous meeting ...
    assert not [path for _code, path in found if path == new]  # ... and nothing of the draft


def test_agenda_write_rechecks_what_it_writes(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kring.views import agenda_draft

    root = make_repo(network(meeting("2026-09-17")))
    monkeypatch.setattr(agenda_draft, "front_matter", lambda d: "---\ndate: [2026\n---\n")
    result = run(root, "agenda", "noord", "--today", TODAY, "--write")
    assert result.exit_code == 1, result.output
    assert "would not pass kring check; nothing written" in result.output
    assert "KR001" in result.output
    assert not (root / "network/meetings/2026/2026-12-17-noord.md").exists()


def test_the_dutch_draft_says_pas_het_gerust_aan(make_repo: MakeRepo) -> None:
    # "pas vrij aan" is "edit freely" word for word; a colleague writes "gerust".
    from support import kring

    out = kring(make_repo(example=True), "agenda", "achterhoek", "--lang", "nl").output
    assert f"Opgesteld door kring agenda op {TODAY}; pas het gerust aan." in out
