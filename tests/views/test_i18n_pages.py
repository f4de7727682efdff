"""The example network, set to `lang: nl`, reads in Dutch from `kring check` to `kring report`,
and with `--lang en` in English; the report of the small test network has a Dutch golden copy.

"Reads in Dutch" is tested against the catalogue itself: no heading, table cell, chart label
or note of a generated page may still be one of kring's English message ids (the data's own
text, English in the example, is not kring's to translate).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from report_network import SMALL, assert_matches_golden, generated_files
from support import ROOT, TESTS, TODAY, MakeRepo

from kring.cli.main import cli
from kring.core import i18n

PO = ROOT / "tools" / "kring" / "core" / "locale" / "nl" / "LC_MESSAGES" / "kring.po"
GOLDEN = TESTS / "golden" / "report-nl"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env={"KRING_LANG": None, "KRING_TODAY": None})
    return result.exit_code, result.output


def dutch(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    network = files["network/network.yaml"]
    assert isinstance(network, str) and "\nlang: en\n" in network
    return {**files, "network/network.yaml": network.replace("\nlang: en\n", "\nlang: nl\n")}


def example_in_dutch(make_repo: MakeRepo) -> Path:
    repo = make_repo({}, example=True)
    path = repo / "network" / "network.yaml"
    text = path.read_text("utf-8")
    assert "\nlang: en\n" in text  # the embedded example itself stays English
    path.write_text(text.replace("\nlang: en\n", "\nlang: nl\n"), "utf-8")
    return repo


# --- what counts as English left over ---------------------------------------------------------


@cache
def english() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """kring's English labels and message templates that read differently in Dutch.

    Explanations and CLI help are left out (they are tested in test_i18n); so are templates
    with too little text of their own to recognise ("{field}: {detail}").
    """
    labels: set[str] = set()
    templates: list[re.Pattern[str]] = []
    for entry in polib.pofile(str(PO)):
        msgid = entry.msgid
        if entry.obsolete or entry.msgstr == msgid or "\n" in msgid or len(msgid) > 300:
            continue
        if "{" not in msgid:
            labels.add(msgid)
            continue
        literal = re.sub(r"\{[^{}]*\}", "", msgid)
        if sum(c.isalpha() for c in literal) < 12:
            continue
        parts = re.split(r"\{[^{}]*\}", msgid)
        templates.append(re.compile(".+?".join(re.escape(p) for p in parts)))
    return frozenset(labels), tuple(templates)


def units(markdown: str) -> Iterator[str]:
    """The pieces of a Markdown page that kring words: headings, table cells, chart titles and
    labels, notes and list items, with links reduced to their text and code spans removed."""
    in_chart = False
    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith("```"):
            in_chart = not in_chart
            continue
        if in_chart:
            yield from re.findall(r'"([^"]*)"', line)
            if line.startswith("pie title "):
                yield line[len("pie title ") :]
            continue
        if line.startswith("<!--") or not line or set(line) <= set("|-: "):
            continue
        if line.startswith("|"):
            pieces = line.strip("|").split("|")
        else:
            pieces = [re.sub(r"^(#+|-|>)\s*", "", line).strip("_*")]
        for piece in pieces:
            piece = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", piece)
            piece = re.sub(r"`[^`]*`", "", piece).strip().strip("_*").strip()
            if piece:
                yield piece


def english_left(markdown: str) -> list[str]:
    labels, templates = english()
    # a label of several words may stand inside a longer note: "Bars: meetings held. …"
    phrases = [label for label in labels if " " in label and len(label) >= 12]
    return [
        unit
        for unit in units(markdown)
        if unit in labels
        or any(t.search(unit) for t in templates)
        or any(p in unit for p in phrases)
    ]


def test_the_detector_finds_english() -> None:
    page = (
        "## Open commitments\n\n| Kind | Owner |\n| --- | --- |\n| action | — |\n\n"
        "_Bars: meetings held. Line: the target. Stage: x._\n"
    )
    assert english_left(page) == [
        "Open commitments",
        "Kind",
        "Owner",
        "action",
        "Bars: meetings held. Line: the target. Stage: x.",
    ]
    assert english_left("## Openstaande toezeggingen\n\n| Soort |\n| --- |\n| actie |\n") == []


# --- the example network, from check to report -------------------------------------------------


def test_the_example_report_has_no_english_left(make_repo: MakeRepo) -> None:
    repo = example_in_dutch(make_repo)
    code, output = run("report", "--repo", str(repo), "--today", TODAY)
    assert code == 0, output
    assert output.startswith("bijgewerkt network/README.md"), output
    pages = {p.relative_to(repo).as_posix(): p.read_text("utf-8") for p in generated_files(repo)}
    assert len(pages) == 7  # the network, three groups and their lessons pages
    for rel, page in pages.items():
        assert english_left(page) == [], rel
    readme = pages["network/README.md"]
    for heading in ("## Doelen", "## Groepen", "## Openstaande toezeggingen", "## Intervisie"):
        assert heading in readme
    assert "| 2025 | Aalten" in readme and "| 5,4 |" in readme  # a Dutch decimal comma


@pytest.mark.parametrize(
    "args",
    [
        ("agenda", "achterhoek"),
        ("agenda", "liemers"),
        ("due", "--format", "markdown"),
        ("history", "zorgmijder-na-ontslag-ggz", "--format", "markdown"),
    ],
)
def test_the_example_in_markdown_has_no_english_left(
    make_repo: MakeRepo, args: tuple[str, ...]
) -> None:
    repo = example_in_dutch(make_repo)
    code, output = run(*args, "--repo", str(repo), "--today", TODAY)
    assert code == 0, output
    assert english_left(output) == []


def test_the_example_summary_reads_in_dutch(make_repo: MakeRepo) -> None:
    repo = example_in_dutch(make_repo)
    meeting = repo / "network" / "meetings" / "2026" / "2026-10-15-liemers.md"
    text = meeting.read_text("utf-8")
    assert "    status: open\n" in text
    meeting.write_text(text.replace("    status: open\n", "    status: typo\n", 1), "utf-8")
    (repo / "network" / "members" / "yvonne-peters.yaml").unlink()
    code, output = run("summary", "--repo", str(repo), "--today", TODAY, "--base", "HEAD")
    assert code == 0, output
    assert "## Wat deze wijziging doet" in output and "### Het netwerk" in output
    assert "**KR201** fout:" in output and "— tip:" in output
    assert english_left(output) == []


def test_the_example_text_outputs_read_in_dutch(make_repo: MakeRepo) -> None:
    repo = example_in_dutch(make_repo)
    where = ("--repo", str(repo), "--today", TODAY)
    code, check = run("check", *where, "--fail-on", "never")
    assert code == 0 and "[waarschuwing]" in check and "\n    tip: " in check
    assert "bestanden gecontroleerd: 0 fouten, 4 waarschuwingen, 0 info" in check
    code, due = run("due", *where)
    assert code == 0 and due.startswith("Openstaande toezeggingen op 2026-11-25: 4 te laat")
    assert "\nTe laat (4)\n" in due and "dagen te laat" in due and "uiterlijk op" in due
    code, history = run("history", "zorgmijder-na-ontslag-ggz", *where)
    assert code == 0 and history.startswith("Geschiedenis van casus zorgmijder-na-ontslag-ggz")
    code, explain = run("explain", "KR303", "--repo", str(repo))
    assert code == 0 and "Waarom dit ertoe doet:" in explain
    code, rules = run("rules", "--repo", str(repo))
    assert code == 0 and "KR303  missed-commitment      waarschuwing Een deelnemer" in rules
    code, help_text = run("due", "--help", "--repo", str(repo))
    assert code == 0 and "Voorbeelden:" in help_text and "Opties:" in help_text
    _labels, templates = english()
    for output in (check, due, history):
        assert not [t.pattern for t in templates if t.search(output)]


def test_the_example_with_lang_en_reads_in_english(make_repo: MakeRepo) -> None:
    repo = example_in_dutch(make_repo)
    where = ("--repo", str(repo), "--today", TODAY, "--lang", "en")
    assert "files checked: 0 errors, 4 warnings" in run("check", *where)[1]
    assert run("due", *where)[1].startswith("Open commitments on 2026-11-25: 4 overdue")
    assert "## Follow-ups expected" in run("agenda", "achterhoek", *where)[1]
    assert "Why is this bad:" in run("explain", "KR303", "--lang", "en", "--repo", str(repo))[1]
    assert "Examples:" in run("due", "--help", "--lang", "en", "--repo", str(repo))[1]
    # in English the pages are exactly the committed English pages of the example
    code, output = run("report", *where)
    assert code == 0, output
    assert output.splitlines() == [
        "unchanged network/README.md",
        "unchanged network/regions/achterhoek.md",
        "unchanged network/regions/liemers.md",
        "unchanged network/themes/jeugd-en-veiligheid.md",
        "unchanged network/lessons/achterhoek.md",
        "unchanged network/lessons/liemers.md",
        "unchanged network/lessons/jeugd-en-veiligheid.md",
    ]
    readme = (repo / "network" / "README.md").read_text("utf-8")
    assert "## Open commitments" in readme and "| 5.4 |" in readme


# --- the small report network: a Dutch golden copy ------------------------------------------------


def test_dutch_report_matches_the_golden_pages(make_repo: MakeRepo) -> None:
    """The wording is part of the product: KRING_UPDATE_GOLDEN=1 rewrites tests/golden/report-nl."""
    repo = make_repo(dutch(SMALL))
    code, output = run("report", "--repo", str(repo), "--today", TODAY)
    assert code == 0, output
    assert output.splitlines() == [
        "gemaakt network/README.md",
        "gemaakt network/regions/noord.md",
        "gemaakt network/themes/digitaal.md",
        "gemaakt network/lessons/noord.md",
        "gemaakt network/lessons/digitaal.md",
    ]
    pages = {p.relative_to(repo).as_posix(): p.read_bytes() for p in generated_files(repo)}
    assert_matches_golden(pages, GOLDEN)
    for rel, data in pages.items():
        assert english_left(data.decode("utf-8")) == [], rel


def test_a_usage_error_reads_in_dutch(make_repo: MakeRepo) -> None:
    """Through kring's own entry point: kring's words around click's message."""
    import subprocess
    import sys

    repo = example_in_dutch(make_repo)
    env = {k: v for k, v in os.environ.items() if k not in ("KRING_LANG", "KRING_TODAY")}
    done = subprocess.run(
        [sys.executable, "-m", "kring", "close", "2026-10-15-liemers#jaarplanning-2027"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.replace("python -m kring", "kring").splitlines() == [
        "Gebruik: kring close [OPTIES] MEETING#ACTION|ACTION",
        "Gebruik 'kring close -h' voor hulp.",
        "",
        "Fout: geef --done of --dropped op",
    ]
