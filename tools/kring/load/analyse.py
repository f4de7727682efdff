"""The file-local stage: one file's bytes to a LoadedFile with every problem it has alone.

Everything here depends on the file's path and bytes only (never on other files or on
today), so its result can be cached by content: parse problems (KR001–KR004, control
characters that escapes build included), the file's name against its content (KR006), the
schema (KR101, KR102), personal data in its text and decoded values (KR501–KR504) and its
suppression comments (kept for the runner; KR902 for a bare one). A generated page gets its
own checks (KR008: marker line and digest), and whether a case file is confidential is
decided by the file alone, so its problems are withheld here, before they are cached.
"""

from __future__ import annotations

import dataclasses

from kring.core import page_stamp
from kring.core.codes import Code
from kring.core.corrections import slug
from kring.core.disclosure import confidential_file, withhold_problem
from kring.core.document import Document, Limits
from kring.core.findings import Problem, Source, Suppression
from kring.core.i18n import Quoted, T
from kring.core.layout import (
    EXPORT_MARKER,
    EXPORT_PATH,
    GENERATED_MARKER,
    MARKDOWN_KINDS,
    MEETING_STEM,
    Place,
    is_valid_id,
)
from kring.core.model import LoadedFile, calendar_date, parse_date
from kring.load import privacy, strict_json, suppression, validate
from kring.load.yaml_loader import (
    control_character,
    decode,
    escaped_control,
    escaped_controls,
    parse_file,
)


def analyse(path: str, place: Place, data: bytes, limits: Limits | None = None) -> LoadedFile:
    """Parse and validate one data file (place.kind is one of layout.KINDS or 'page').

    In a confidential case's file (disclosure.confidential_file: the file itself decides)
    every problem quotes a placeholder instead of the file's values, before anything keeps
    or shows it (SPEC §7)."""
    kind = place.kind
    if kind == "page":
        return _page(path, place, data, limits or Limits())
    assert kind is not None
    parsed = parse_file(path, data, markdown=kind in MARKDOWN_KINDS, limits=limits)
    problems = list(parsed.problems)
    problems.extend(_name_problems(path, place, parsed.document))
    if parsed.document is not None:
        problems.extend(validate.problems(kind, path, parsed.document))
    suppressions: tuple[Suppression, ...] = ()
    if parsed.text is not None:
        if parsed.document is not None:
            problems.extend(escaped_controls(path, parsed.document, parsed.decoded))
        problems.extend(privacy.scan(path, parsed.text, parsed.document, parsed.decoded))
        suppressions, invalid = suppression.parse(
            path, parsed.text, markdown=kind in MARKDOWN_KINDS, body_line=parsed.body_line
        )
        problems.extend(invalid)
    if confidential_file(path, parsed.document.data if parsed.document is not None else None):
        problems = [withhold_problem(p) for p in problems]
    return LoadedFile(
        path,
        place,
        parsed.document,
        tuple(problems),
        parsed.body,
        parsed.body_line,
        suppressions=suppressions,
    )


def _page(path: str, place: Place, data: bytes, limits: Limits) -> LoadedFile:
    """A file `kring report` or `kring export` writes (SPEC §5, §10): text with the marker
    line — for a page also an intact digest (KR008) —, no control character (KR004), no
    personal data (KR501–KR504). Its text is kept as the body, for holding a changed page
    against what the report writes."""
    if path == EXPORT_PATH and not data.startswith(EXPORT_MARKER.encode()):
        problem = Problem(
            Code.MISPLACED_FILE,
            Source(path),
            T("'{path}' is not the export written by kring export", path=path),
            T("remove it, or run kring export --write to write the network's facts there"),
        )
        return LoadedFile(path, Place(None, place.id), None, (problem,))
    text, problems = decode(
        path, data, dataclasses.replace(limits, max_bytes=limits.max_page_bytes)
    )
    if text is None:
        return LoadedFile(path, place, None, tuple(problems))
    if path != EXPORT_PATH:
        problems.extend(_page_problems(path, text))
    odd = control_character(path, text)
    if odd is not None:
        problems.append(odd)
    found = privacy.scan(path, text)
    problems.extend(found)
    if path == EXPORT_PATH:
        # What a koepel reads is the JSON decoded: "jan\u0040example.nl" is an address there.
        strings = [
            (Source(path, line, column, line, end), value)
            for line, column, end, value in strict_json.escaped_strings(text)
        ]
        problems.extend(privacy.scan_strings(path, strings, found))
        controls = (escaped_control(source, value) for source, value in strings)
        escaped = next((p for p in controls if p is not None), None)
        if odd is None and escaped is not None:
            problems.append(escaped)  # the first, as for a control character written raw
    return LoadedFile(path, place, None, tuple(problems), text, 1)


def _page_problems(path: str, text: str) -> list[Problem]:
    if not text.startswith(GENERATED_MARKER):
        return [
            Problem(
                Code.GENERATED_PAGE,
                Source(path),
                T("'{path}' is where kring report writes a page, but this is not one", path=path),
                T(
                    "move the text into the data files (the network's description, a meeting, "
                    "a case) and let kring report write the page"
                ),
            )
        ]
    stamp = page_stamp.read(text)
    if stamp is None:
        return [
            Problem(
                Code.GENERATED_PAGE,
                Source(path),
                T("the page's first line has no date, language and digest of kring report"),
                T("run kring report to write the page again"),
            )
        ]
    if not page_stamp.intact(text, stamp):
        return [
            Problem(
                Code.GENERATED_PAGE,
                Source(path),
                T("the page was edited by hand: it is not the text kring report wrote"),
                T("undo the edit and change the data files instead; kring report writes the page"),
            )
        ]
    return []


def _name_problems(path: str, place: Place, doc: Document | None) -> list[Problem]:
    """KR006: the id in the file name, and for a meeting its date and group."""
    out: list[Problem] = []
    if place.kind == "network":
        return out
    if place.kind == "meeting":
        out.extend(_meeting_name(path, place, doc))
        return out
    if not is_valid_id(place.id):
        out.append(
            Problem(
                Code.ID_MISMATCH,
                Source(path),
                T("file name '{id}' is not a valid id", id=place.id),
                T(
                    "rename the file: lowercase letters, digits and single hyphens, at most "
                    "64 characters, like {example}",
                    example=slug(place.id) or "anna-de-vries",
                ),
            )
        )
    return out


def _meeting_name(path: str, place: Place, doc: Document | None) -> list[Problem]:
    match = MEETING_STEM.fullmatch(place.id)
    # a real date of any year: one outside the years kring reads is the content's KR101
    if match is None or calendar_date(match["date"]) is None:
        return [
            Problem(
                Code.ID_MISMATCH,
                Source(path),
                T("meeting file name '{name}' is not <YYYY-MM-DD>-<group-id>", name=place.id),
                T("rename it like 2026-03-12-achterhoek.md (add -2 for a second meeting that day)"),
            )
        ]
    out: list[Problem] = []
    file_date, rest = match["date"], match["rest"]
    if place.year is not None and place.year != file_date[:4]:
        out.append(
            Problem(
                Code.ID_MISMATCH,
                Source(path),
                T("meeting of {date} is in the folder {year}/", date=file_date, year=place.year),
                T("move it to network/meetings/{right}/", right=file_date[:4]),
            )
        )
    data = doc.data if doc is not None and isinstance(doc.data, dict) else None
    if data is None:
        return out
    date, group = data.get("date"), data.get("group")
    if isinstance(date, str) and parse_date(date) and date != file_date:
        out.append(_content_mismatch(path, doc, "date", date, file_date))
    if isinstance(group, str) and is_valid_id(group):
        suffix_ok = rest == group or (
            rest.startswith(group + "-")
            and rest[len(group) + 1 :].isdigit()
            and int(rest[len(group) + 1 :]) >= 2
        )
        if not suffix_ok:
            out.append(_content_mismatch(path, doc, "group", group, rest))
    return out


def _content_mismatch(
    path: str, doc: Document | None, key: str, value: str, in_name: str
) -> Problem:
    mark = doc.marks.get((key,)) if doc else None
    source = (
        Source(path, mark.line, mark.column, mark.end_line, mark.end_column)
        if mark
        else Source(path)
    )
    return Problem(
        Code.ID_MISMATCH,
        source,
        T(
            "{key} '{value}' disagrees with the file name, which says '{name}'",
            key=key,
            value=Quoted(value),
            name=in_name,
        ),
        T("make the {key} and the file name agree (rename the file or fix the value)", key=key),
    )
