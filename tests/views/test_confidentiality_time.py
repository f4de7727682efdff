"""SPEC §7 for `kring due`, `kring agenda` and KR30x: a confidential case's title, question,
intention and narrative appear in no output. Canary strings are planted in every one of those
fields of the example's confidential cases with open intentions (one overdue, one not yet due),
and every output is searched for them. A public case's marker must appear, so the search
itself is shown to work.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from support import TODAY, MakeRepo, commit, every_output

from kring.cli.main import cli

CONFIDENTIAL = (
    "network/cases/2026/statushouder-gezinshereniging-school.md",
    "network/cases/2026/zorgmijder-na-ontslag-ggz.md",
)
PUBLIC_MARKER = "PUBLIC-INTENTION-7731"


def plant(root: Path) -> list[str]:
    canaries = []
    for n, rel in enumerate(CONFIDENTIAL):
        path = root / rel
        text = path.read_text("utf-8")
        fields = {f"CANARY{n}{field.upper()}" for field in ("title", "question", "what", "body")}
        canaries += sorted(fields)
        text = re.sub(r"^title: .*$", f"title: CANARY{n}TITLE", text, count=1, flags=re.M)
        text = re.sub(r"^question: .*$", f"question: CANARY{n}QUESTION", text, count=1, flags=re.M)
        text = re.sub(r"^  what: .*$", f"  what: CANARY{n}WHAT", text, count=1, flags=re.M)
        text = text.rstrip("\n") + f"\n\nCANARY{n}BODY in the narrative.\n"
        assert all(c in text for c in fields)
        path.write_text(text, "utf-8")
    return canaries


def publish_one(root: Path) -> None:
    """A third open case, public: its intention may be shown (and must be, to prove the test)."""
    path = root / "network/cases/2026/openbaar.md"
    path.write_text(
        "---\n"
        "title: A public case\n"
        "owner: daan-smeenk\n"
        "presented_at: 2026-10-15-liemers\n"
        "confidential: false\n"
        "question: What works?\n"
        f"intention:\n  what: {PUBLIC_MARKER}\n  due: next-meeting\n"
        "status: open\n"
        "---\n\nNarrative.\n",
        "utf-8",
    )
    meeting = root / "network/meetings/2026/2026-10-15-liemers.md"
    text = meeting.read_text("utf-8")
    meeting.write_text(
        text.replace(
            "  - zorgmijder-na-ontslag-ggz\n", "  - zorgmijder-na-ontslag-ggz\n  - openbaar\n"
        ),
        "utf-8",
    )


def outputs(root: Path) -> dict[str, str]:
    runner = CliRunner()
    runs = {}
    commands = [
        ["due", *extra, "--format", fmt]
        for fmt in ("text", "markdown", "json")
        for extra in (
            [],
            ["--group", "achterhoek"],
            ["--member", "joost-hendriks"],
            ["--within", "400"],
        )
    ]
    commands += [["agenda", group] for group in ("achterhoek", "liemers", "jeugd-en-veiligheid")]
    commands += [["agenda", "achterhoek", "--date", "2026-12-10"]]
    commands += [["check", "--format", fmt] for fmt in ("text", "json")]
    for args in commands:
        result = runner.invoke(cli, [*args, "--repo", str(root), "--today", TODAY])
        assert result.exit_code == 0, (args, result.output)
        runs[" ".join(args)] = result.output
    return runs


def test_no_confidential_text_in_any_output(make_repo: MakeRepo) -> None:
    root = make_repo(example=True, commit=False)
    canaries = plant(root)
    publish_one(root)
    runs = outputs(root)
    for name, text in runs.items():
        for canary in canaries:
            assert canary not in text, f"{canary} leaked into: kring {name}"
    # the search works: the public case's intention is shown where intentions are listed
    assert PUBLIC_MARKER in runs["due --format text"]
    assert PUBLIC_MARKER in runs["due --format json"]
    assert PUBLIC_MARKER in runs["agenda liemers"]
    # and the confidential cases are there, by id only
    assert "statushouder-gezinshereniging-school" in runs["due --format markdown"]
    assert "zorgmijder-na-ontslag-ggz" in runs["agenda liemers"]
    # and in no output of any other command, format or page either
    commit(root, "planted")
    for name, text in every_output(root, base=None).items():
        for canary in canaries:
            assert canary not in text, f"{canary} leaked into: {name}"


def test_agenda_write_carries_no_confidential_text(make_repo: MakeRepo) -> None:
    root = make_repo(example=True, commit=False)
    canaries = plant(root)
    result = CliRunner().invoke(
        cli, ["agenda", "liemers", "--write", "--repo", str(root), "--today", TODAY]
    )
    assert result.exit_code == 0, result.output
    written = (root / "network/meetings/2027/2027-02-18-liemers.md").read_text("utf-8")
    assert "zorgmijder-na-ontslag-ggz" in written
    assert not [c for c in canaries if c in written]
