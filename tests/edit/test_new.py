"""`kring new`: files valid from the first save, never overwriting, with hints and a modeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import ROOT, MakeRepo, kring
from text_diff import unified

from kring.load.yaml_loader import parse_file


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    made = make_repo(example=True)
    shutil.copytree(ROOT / "schemas", made / "schemas")
    return made


def _errors(repo: Path) -> list[dict[str, object]]:
    result = kring(repo, "check", "--format", "json")
    findings = json.loads(result.output)["findings"]
    return [f for f in findings if f["severity"] == "error"]


def _case(owner: str, presented_at: str, *more: str, ident: str = "c") -> list[str]:
    """`new case IDENT` with the given owner and meeting, and one-letter title and texts."""
    texts = ["--title", "T", "--question", "Q", "--intention", "I"]
    return ["case", ident, "--owner", owner, "--presented-at", presented_at, *texts, *more]


NEW = [
    (
        [
            "member",
            "piet-puk",
            "--name",
            "Piet: Puk",
            "--organisation",
            "aalten",
            "--group",
            "achterhoek",
            "--group",
            "jeugd-en-veiligheid",
            "--joined",
            "2026-11-01",
        ],
        "network/members/piet-puk.yaml",
        "../../schemas/member.schema.json",
    ),
    (
        ["meeting", "achterhoek", "--date", "2026-12-10", "--host", "aalten"],
        "network/meetings/2026/2026-12-10-achterhoek.md",
        "../../../schemas/meeting.schema.json",
    ),
    (
        [
            "meeting",
            "liemers",
            "--date",
            "2026-11-20",
            "--attendee",
            "daan-smeenk",
            "--attendee",
            "noor-wiggers",
            "--kind",
            "visit",
        ],
        "network/meetings/2026/2026-11-20-liemers.md",
        "../../../schemas/meeting.schema.json",
    ),
    (
        [
            "case",
            "nieuw-geval",
            "--owner",
            "joost-hendriks",
            "--presented-at",
            "2026-11-12-achterhoek",
            "--title",
            "A title: with a colon",
            "--question",
            "Why?",
            "--intention",
            "Call the school",
            "--due",
            "2027-01-15",
        ],
        "network/cases/2026/nieuw-geval.md",
        "../../../schemas/case.schema.json",
    ),
    (
        [
            "region",
            "twente",
            "--name",
            "Twente",
            "--municipality",
            "enschede",
            "--municipality",
            "hof-van-twente=Hof van Twente",
        ],
        "network/regions/twente.yaml",
        "../../schemas/region.schema.json",
    ),
    (
        ["theme", "armoede", "--name", "Armoede en schulden", "--one-off"],
        "network/themes/armoede.yaml",
        "../../schemas/theme.schema.json",
    ),
]


@pytest.mark.parametrize(("args", "path", "schema"), NEW, ids=[a[0][0] + a[1] for a in NEW])
def test_new_writes_a_file_that_passes_kring_check(
    repo: Path, args: list[str], path: str, schema: str
) -> None:
    result = kring(repo, "new", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == path
    text = (repo / path).read_text("utf-8")
    first = text.splitlines()[1 if path.endswith(".md") else 0]
    assert first == f"# yaml-language-server: $schema={schema}"
    assert (repo / path).parent.joinpath(schema).resolve().is_file()
    assert "# Optional fields" in text or args[0] == "theme"
    assert _errors(repo) == []
    parsed = parse_file(path, text.encode(), markdown=path.endswith(".md"))
    assert parsed.document is not None and not parsed.problems


@pytest.mark.parametrize(("args", "path", "schema"), NEW[:1] + NEW[3:], ids=lambda v: str(v)[:20])
def test_new_refuses_to_overwrite(repo: Path, args: list[str], path: str, schema: str) -> None:
    assert kring(repo, "new", *args).exit_code == 0
    before = {p: p.read_bytes() for p in (repo / "network").rglob("*") if p.is_file()}
    again = kring(repo, "new", *args)
    assert again.exit_code == 1, again.output
    assert "already exists" in again.output
    assert {p: p.read_bytes() for p in (repo / "network").rglob("*") if p.is_file()} == before


def test_new_case_is_listed_in_its_meeting(repo: Path) -> None:
    meeting = repo / "network/meetings/2026/2026-11-12-achterhoek.md"
    before = meeting.read_text("utf-8")
    result = kring(repo, "new", *NEW[3][0])
    assert result.exit_code == 0, result.output
    assert unified(before, meeting.read_text("utf-8")) == ["+cases: [nieuw-geval]"]


def test_a_second_meeting_that_day_needs_second_and_gets_a_number(repo: Path) -> None:
    args = ["new", "meeting", "achterhoek", "--date", "2026-12-10"]
    assert kring(repo, *args).stdout.strip() == "network/meetings/2026/2026-12-10-achterhoek.md"
    # made twice by mistake: refused, with the file that is there
    again = kring(repo, *args)
    assert again.exit_code == 1 and again.stdout == ""
    assert "network/meetings/2026/2026-12-10-achterhoek.md" in again.stderr
    assert "--second" in again.stderr
    second = kring(repo, *args, "--second")
    assert second.stdout.strip() == "network/meetings/2026/2026-12-10-achterhoek-2.md"
    assert "already meets on 2026-12-10" in second.stderr
    assert kring(repo, *args, "--second").stdout.strip().endswith("2026-12-10-achterhoek-3.md")
    assert _errors(repo) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["member", "piet", "--name", "P", "--organisation", "alten", "--group", "achterhoek"],
            "unknown organisation 'alten' (did you mean 'aalten'?)",
        ),
        (
            ["member", "piet", "--name", "P", "--organisation", "aalten", "--group", "achterhok"],
            "unknown group 'achterhok' (did you mean 'achterhoek'?)",
        ),
        (
            ["member", "Piet", "--name", "P", "--organisation", "aalten", "--group", "achterhoek"],
            "'Piet' is not a valid id",
        ),
        (["meeting", "achterhok", "--date", "2026-12-10"], "did you mean 'achterhoek'?"),
        (
            ["meeting", "achterhoek", "--date", "2026-12-10", "--host", "alten"],
            "did you mean 'aalten'?",
        ),
        (["meeting", "achterhoek", "--date", "2026-11-20"], "has taken place"),
        (
            ["meeting", "achterhoek", "--date", "2026-11-20", "--attendee", "ana-de-vries"],
            "did you mean 'anna-de-vries'?",
        ),
        (["meeting", "achterhoek", "--date", "2026-13-01"], "not a date"),
        (
            _case("joost-hendriks", "2026-11-12-achterhok"),
            "did you mean '2026-11-12-achterhoek'?",
        ),
        (
            _case("joost-hendrik", "2026-11-12-achterhoek"),
            "did you mean 'joost-hendriks'?",
        ),
        (
            _case("sander-bosman", "2026-11-12-achterhoek"),
            "not among the attendees",
        ),
        (["region", "r", "--name", "R", "--municipality", "aalten"], "already exists"),
    ],
)
def test_bad_references_are_refused_with_exit_2(repo: Path, args: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in (repo / "network").rglob("*") if p.is_file()}
    result = kring(repo, "new", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in (repo / "network").rglob("*") if p.is_file()} == before


def test_a_result_that_would_not_pass_is_not_written(repo: Path) -> None:
    # A dated intention before the presentation is a KR204 error: caught before writing.
    result = kring(
        repo,
        "new",
        *_case("joost-hendriks", "2026-11-12-achterhoek", "--due", "2026-01-01", ident="te-vroeg"),
    )
    assert result.exit_code == 1, result.output
    assert "KR204" in result.output
    assert not (repo / "network/cases/2026/te-vroeg.md").exists()
    assert "te-vroeg" not in (repo / "network/meetings/2026/2026-11-12-achterhoek.md").read_text()


def test_without_a_schemas_folder_there_is_no_modeline(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    result = kring(repo, "new", "theme", "armoede", "--name", "Armoede")
    assert result.exit_code == 0, result.output
    assert "yaml-language-server" not in (repo / "network/themes/armoede.yaml").read_text()


def test_new_case_after_a_kept_block_scalar_leaves_that_value_as_it_was(repo: Path) -> None:
    # issue 16: the meeting's last value keeps its trailing blank lines (`|+`); the case is
    # added after them, so the value reads back unchanged.
    meeting = "network/meetings/2026/2026-11-12-achterhoek.md"
    path = repo / meeting
    text = path.read_text("utf-8").replace(
        "  prepared_by: marieke-jansen\n---\n",
        "  prepared_by: marieke-jansen\nx-notes: |+\n  Bring the numbers.\n\n\n---\n",
    )
    path.write_text(text, "utf-8")

    def notes() -> object:
        parsed = parse_file(meeting, path.read_bytes(), markdown=True)
        assert parsed.document is not None
        return parsed.document.data["x-notes"]

    assert notes() == "Bring the numbers.\n\n\n"
    result = kring(repo, "new", *NEW[3][0])
    assert result.exit_code == 0, result.output
    assert notes() == "Bring the numbers.\n\n\n"
    assert unified(text, path.read_text("utf-8")) == ["+cases: [nieuw-geval]"]


# --- issue 17: authoring that guesses right ---------------------------------------------------


def test_a_meeting_with_its_details_from_the_command_line(repo: Path) -> None:
    result = kring(
        repo,
        "new",
        "meeting",
        "achterhoek",
        "--date",
        "2027-03-11",
        "--host",
        "aalten",
        "--location",
        "Town hall Aalten",
        "--start",
        "13.30",  # as people type it
        "--end",
        "4:30 pm",
        "--chair",
        "anna-de-vries",
        "--topic",
        "Werkplan 2027: de data",
    )
    assert result.exit_code == 0, result.output
    text = (repo / "network/meetings/2027/2027-03-11-achterhoek.md").read_text("utf-8")
    front = text.split("---\n")[1]
    for line in (
        "host: aalten\n",
        "location: Town hall Aalten\n",
        'start: "13:30"\n',
        'end: "16:30"\n',
        "chair: anna-de-vries\n",
        'topic: "Werkplan 2027: de data"\n',  # quoted: ': ' would start another field
    ):
        assert line in front, front
    # what was given is not offered again as a comment
    assert "# location:" not in front and "# chair:" not in front
    assert _errors(repo) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "25.00"], "--start: '25.00' is not a time; write it as HH:MM"),
        (["--start", "14:00", "--end", "13:00"], "--end 13:00 is not after --start 14:00"),
        (["--chair", "ana-de-vries"], "unknown member 'ana-de-vries' (did you mean"),
    ],
)
def test_meeting_details_that_cannot_be_right(repo: Path, args: list[str], message: str) -> None:
    result = kring(repo, "new", "meeting", "achterhoek", "--date", "2027-03-11", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (repo / "network/meetings/2027").exists()


def test_a_member_by_name_gets_an_id_made_from_it(repo: Path) -> None:
    args = ["--organisation", "aalten", "--group", "achterhoek"]
    result = kring(repo, "new", "member", "Eva Jansen", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "network/members/eva-jansen.yaml"
    assert "the id is eva-jansen, made from the name Eva Jansen" in result.stderr
    text = (repo / "network/members/eva-jansen.yaml").read_text("utf-8")
    assert "name: Eva Jansen\n" in text
    # an id without a name is not guessed
    bare = kring(repo, "new", "member", "piet-pieters", *args)
    assert bare.exit_code == 2 and "--name" in bare.output
    assert not (repo / "network/members/piet-pieters.yaml").exists()
    assert _errors(repo) == []


def test_the_name_an_id_is_made_from_is_echoed_escaped(repo: Path) -> None:
    args = ["--organisation", "aalten", "--group", "achterhoek"]
    result = kring(repo, "new", "member", "Eva\x1b[2J Jansen", *args)
    assert "made from the name Eva\\x1b[2J Jansen" in result.stderr
    assert "\x1b" not in result.stderr
