"""A generated page that is not what `kring report` writes.

What it does: checks the files at the paths where `kring report` writes its pages
(`network/README.md`, `network/regions/<id>.md`, `network/themes/<id>.md`,
`network/lessons/<id>.md`, `network/archive/<YYYY>.md`). Each must start with the report's
marker line, which records the date and language the page was written for and a digest of
the rest; a page whose text no longer matches that digest was edited by hand; a page of a
region or theme that has no data file is an orphan, and so is a lessons page when no region
or theme has its id, and the archive page of a year the report does not archive. With a
base revision (`--changed-since`, `kring summary`), a change that edits a page must leave
exactly the page that `kring report` writes for that revision, as of the date and in the
language the page records; a change that edits `network/export.json` must leave exactly what
`kring export` writes for that revision as of the date the export records. A change that
leaves the pages alone is never held to them: the report workflow refreshes them after the
merge.

Why is this bad: members read these pages as the network's own account of itself. An edit
by hand is lost at the next report, and a pull request that rewrites a page can make it say
anything — an attendance rate, an overdue list — that the data does not; a rewritten export
tells a koepel the same untruth.

Example: `network/regions/achterhoek.md` with a line added by hand, or
`network/themes/digitaal.md` after `network/themes/digitaal.yaml` was removed.

Use instead: change the data files and let `kring report` (or the report workflow) write
the pages; delete the page of a group that is gone (`kring report` removes it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping

from kring.checks._surface import surface
from kring.checks.context import Context
from kring.core import page_stamp, timeline
from kring.core.codes import Code, Rule
from kring.core.findings import Finding, Source
from kring.core.i18n import T
from kring.core.layout import (
    ARCHIVE_DIR,
    EXPORT_PATH,
    GENERATED_MARKER,
    NETWORK_DIR,
    page_owners,
)
from kring.core.model import LoadedFile, Model, parse_date

RULE = Rule(Code.GENERATED_PAGE, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    yield from surface(RULE, model)
    if ctx.base is not None and ctx.export is not None:
        yield from _edited_export(model, ctx)
    pages = [f for f in model.files if f.place.kind == "page" and _generated(f)]
    if not pages:
        return
    yield from _orphans(model, pages)
    yield from _archives(model, ctx, pages)
    if ctx.base is not None and ctx.pages is not None:
        yield from _edited(model, ctx, pages)


def _generated(page: LoadedFile) -> bool:
    return page.body.startswith(GENERATED_MARKER)


def _orphans(model: Model, pages: list[LoadedFile]) -> Iterator[Finding]:
    data = {f.path for f in model.files}
    for page in pages:
        owners = page_owners(page.path)
        if owners is None or any(owner in data for owner in owners):
            continue
        ident = page.place.id
        if owners[0].startswith(f"{NETWORK_DIR}/regions/") and len(owners) == 1:
            message = T("the page of region '{id}', which has no data file", id=ident)
        elif len(owners) == 1:
            message = T("the page of theme '{id}', which has no data file", id=ident)
        else:
            message = T("the lessons page of group '{id}', which has no data file", id=ident)
        yield RULE.at(
            Source(page.path),
            message,
            T("delete the page (kring report removes it), or restore the group's file"),
        )


def _archives(model: Model, ctx: Context, pages: list[LoadedFile]) -> Iterator[Finding]:
    """Archive pages of a year `kring report` does not archive as of the date the page
    records (today's for a page without one): a year without a meeting, or a recent one."""
    written: dict[dt.date, list[int]] = {}
    for page in pages:
        parts = page.path.split("/")
        if len(parts) != 3 or parts[1] != ARCHIVE_DIR:
            continue
        year = int(parts[2].removesuffix(".md"))
        stamp = page_stamp.read(page.body)
        day = stamp.day if stamp is not None else ctx.today
        if day not in written:
            written[day] = timeline.archived_years(model, day)
        if year not in written[day]:
            yield RULE.at(
                Source(page.path),
                T(
                    "the archive page of {year}, which kring report does not write as of {day}",
                    year=year,
                    day=day,
                ),
                T(
                    "delete the page (kring report removes it); a year is archived once it "
                    "has a meeting and is no longer on the overview"
                ),
            )


def _edited(model: Model, ctx: Context, pages: list[LoadedFile]) -> Iterator[Finding]:
    """Pages this change touched, held against what `kring report` writes for this
    revision as of the date and in the language each page records."""
    assert ctx.base is not None and ctx.pages is not None
    before = {f.path: f.body for f in ctx.base.files if f.place.kind == "page"}
    written: dict[tuple[dt.date, str], Mapping[str, str]] = {}
    for page in pages:
        if before.get(page.path) == page.body:
            continue  # not touched: a stale page waits for the report workflow
        stamp = page_stamp.read(page.body)
        if stamp is None:
            continue  # the page's own finding says its marker line is not the report's
        key = (stamp.day, stamp.lang)
        if key not in written:
            written[key] = ctx.pages(model, stamp.day, stamp.lang)
        if written[key].get(page.path) != page.body:
            yield RULE.at(
                Source(page.path),
                T(
                    "this change edits the page, which is not what kring report writes for "
                    "this revision as of {day}",
                    day=stamp.day,
                ),
                T(
                    "leave the page to the report workflow: undo the edit, or run kring report "
                    "--today {day} and commit what it writes",
                    day=stamp.day,
                ),
            )


def _edited_export(model: Model, ctx: Context) -> Iterator[Finding]:
    """network/export.json, when this change touched it, held against what `kring export`
    writes for this revision as of the date the export records (SPEC §5, §10)."""
    assert ctx.base is not None and ctx.export is not None
    export = next(
        (f for f in model.files if f.path == EXPORT_PATH and f.place.kind == "page"), None
    )
    if export is None or export.body is None:
        return  # none, or one kring did not write: the file's own finding says so
    before = next((f.body for f in ctx.base.files if f.path == EXPORT_PATH), None)
    if before == export.body:
        return  # not touched: a stale export waits for the report workflow
    day = _export_day(export.body) or ctx.today
    if ctx.export(model, day) != export.body:
        yield RULE.at(
            Source(export.path),
            T(
                "this change edits {path}, which is not what kring export writes for this "
                "revision as of {day}",
                path=EXPORT_PATH,
                day=day,
            ),
            T(
                "leave {path} to the report workflow: undo the edit, or run kring export "
                "--write --today {day} and commit what it writes",
                path=EXPORT_PATH,
                day=day,
            ),
        )


def _export_day(text: str) -> dt.date | None:
    """The `today` an export records, if it can be read as one of the dates kring reads."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return parse_date(document.get("today")) if isinstance(document, dict) else None
