"""Pages members can open (issue 16): no page over 400 KiB, earlier years on archive pages.

The web view truncates a rendered page beyond 500 KiB. The overview and the group pages list
the meetings and cases of the recent years and link to one archive page per earlier year,
`network/archive/<YYYY>.md`; a page that would still be too large cuts its long tables and
says so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from report_network import SMALL, assert_no_canary, generated_files
from support import MakeRepo, member

from kring.cli.main import cli
from kring.views import report_pages

LATER = "2028-06-01"  # the small network's meetings (2025, 2026) are earlier years by then
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def broken_links(repo: Path) -> list[str]:
    out = []
    for page in generated_files(repo):
        for target in _LINK.findall(page.read_text("utf-8")):
            if "://" in target:  # escaped text from the data (`\[links\](http://x)`)
                continue
            if not (page.parent / unquote(target.partition("#")[0])).exists():
                out.append(f"{page.relative_to(repo)} -> {target}")
    return out


def test_earlier_years_are_on_archive_pages_that_the_pages_link(make_repo: MakeRepo) -> None:
    repo = make_repo(SMALL)
    code, output = run("report", "--repo", str(repo), "--today", LATER)
    assert code == 0, output
    assert "created network/archive/2025.md" in output
    assert "created network/archive/2026.md" in output
    readme = (repo / "network/README.md").read_text("utf-8")
    assert "Earlier years: [2025](archive/2025.md), [2026](archive/2026.md)." in readme
    noord = (repo / "network/regions/noord.md").read_text("utf-8")
    assert "[2025](../archive/2025.md)" in noord
    assert "2025-03-06" not in noord.split("## Meetings\n", 1)[1].split("##", 1)[0]
    year = (repo / "network/archive/2025.md").read_text("utf-8")
    assert "[2025-03-06](../meetings/2025/2025-03-06-noord.md)" in year
    assert "[Noord](../regions/noord.md)" in year
    assert not broken_links(repo)
    for page in generated_files(repo):
        assert_no_canary(page.read_bytes(), str(page))
    code, output = run("check", "--repo", str(repo), "--today", LATER, "--format", "json")
    assert "network/archive" not in output  # known pages, never findings
    code, output = run("report", "--repo", str(repo), "--today", LATER)
    assert output.count("unchanged") == len(generated_files(repo))


def test_an_archive_year_without_meetings_or_cases_fails_the_check_and_is_removed(
    make_repo: MakeRepo,
) -> None:
    # an orphan generated page (issue 14): KR008 names it, and kring report removes it as it
    # removes the page of a group that is gone; a file written by hand there stays
    repo = make_repo(SMALL)
    assert run("report", "--repo", str(repo), "--today", LATER)[0] == 0
    (repo / "network/archive/2019.md").write_text(
        (repo / "network/archive/2025.md").read_text("utf-8"), "utf-8"
    )
    code, output = run("check", "--repo", str(repo), "--today", LATER, "--format", "json")
    pages = [f["path"] for f in json.loads(output)["findings"] if f["code"] == "KR008"]
    assert pages == ["network/archive/2019.md"]
    code, output = run("report", "--repo", str(repo), "--today", LATER)
    assert code == 0, output
    assert "removed network/archive/2019.md: its year has no meeting or case to archive" in output
    assert not (repo / "network/archive/2019.md").exists()
    (repo / "network/archive/2018.md").write_text("# Notes of 2018\n", "utf-8")
    assert run("report", "--repo", str(repo), "--today", LATER)[0] == 0
    assert (repo / "network/archive/2018.md").exists()


def test_a_page_that_would_be_too_large_keeps_the_first_rows_and_says_so(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same cut a network of thousands of members needs, on a small page limit.
    crowd = dict(SMALL)
    for n in range(150):
        path, text = member(f"lid-{n:03d}", groups=("noord",))
        crowd[path] = text
    monkeypatch.setattr(report_pages, "PAGE_LIMIT", 24 * 1024)
    repo = make_repo(crowd)
    code, output = run("report", "--repo", str(repo), "--today", LATER)
    assert code == 0, output
    for page in generated_files(repo):
        assert page.stat().st_size <= 24 * 1024, page
    readme = (repo / "network/README.md").read_text("utf-8")
    assert re.search(r"_\d+ more rows are left out, to keep this page small enough", readme)
    assert not broken_links(repo)
