"""JSON Schema validation of one document, as problems at the values' own positions.

Valid documents take a fast path (a compiled Rust-backed validator when installed, built
once per schema); only a document that fails gets jsonschema's detailed errors, which are
turned into KR101 (schema) and KR102 (YAML 1.1 scalar) problems with a fix hint each.

A hint carries the fix itself wherever the value shows what was meant (issue 17): the date
`10-12-2026` gets `date: 2026-12-10` (checked against the meeting's file name), `16.30` gets
`end: "16:30"`, `ja` gets `confidential: true`, ids separated by commas get the list
`[a, b, c]`, a missing field gets the line to add. Positions read as words ("the 2nd
action"), and a character pasted from a word processor is named at its own column. The
schemas' descriptions are for the editor's hover text, not for hints: a hint says what to
type, never what a field is.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from typing import Any

from kring.core import corrections
from kring.core.codes import Code
from kring.core.document import Document, Mark, Path_
from kring.core.findings import Problem, Source
from kring.core.i18n import Quoted, T, Text
from kring.core.layout import ID_PATTERN, MEETING_STEM, SCHEMAS, place_of
from kring.core.model import FIRST_DAY, LAST_DAY, calendar_date, parse_date
from kring.core.phrases import field_words
from kring.core.suggest import closest, suffix
from kring.load.yaml_loader import YAML11_BOOLEANS


@functools.cache
def schema_for(kind: str) -> dict[str, Any]:
    if kind not in SCHEMAS:
        raise KeyError(kind)
    text = resources.files("kring.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _detailed(kind: str) -> Any:
    import jsonschema

    cls = jsonschema.Draft202012Validator
    # the same reading of `format: date` as the fast path and the model: a real date within
    # the years kring reads (jsonschema's own checker takes 0001-01-01 and 9999-12-31)
    checker = jsonschema.FormatChecker(formats=list(cls.FORMAT_CHECKER.checkers))
    checker.checks("date")(_is_date)
    return cls(schema_for(kind), format_checker=checker)


@functools.cache
def _fast(kind: str) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # the detailed validator alone gives the same answers, slower
        return None
    # One reading of `format: date` on both paths: the Rust validator alone would accept
    # year 0000, and a date outside FIRST_DAY..LAST_DAY is refused by both.
    return jsonschema_rs.validator_for(
        schema_for(kind), validate_formats=True, formats={"date": _is_date}
    )


def _is_date(text: object) -> bool:
    return parse_date(text) is not None


def problems(kind: str, path: str, doc: Document) -> list[Problem]:
    fast = _fast(kind)
    if fast is not None and fast.is_valid(doc.data):
        return []
    out: list[Problem] = []
    for error in _detailed(kind).iter_errors(doc.data):
        out.extend(_explain(kind, path, doc, error))
    return out


def first_error(kind: str, data: Any) -> tuple[Path_, str] | None:
    """Where plain data (not a parsed file: no positions) breaks the kind's schema, and the
    schema keyword it breaks; None when it fits. For JSON read from elsewhere (a koepel's
    exports), whose values are never quoted back."""
    fast = _fast(kind)
    if fast is not None and fast.is_valid(data):
        return None
    import jsonschema

    error = jsonschema.exceptions.best_match(_detailed(kind).iter_errors(data))
    if error is None:
        return None
    return tuple(error.absolute_path), str(error.validator)


# --- turning a jsonschema error into words --------------------------------------------------

_TYPE_WORDS = {
    "string": T("text"),
    "array": T("a list"),
    "object": T("fields of its own (name: value lines)"),
    "integer": T("a whole number"),
    "number": T("a number"),
    "boolean": T("true or false"),
    "null": T("empty"),
}


# What to write when the value shows nothing of what was meant.
_SHAPE_HINTS = {
    "object": T("write its fields as 'field: value' lines, each on a line of its own"),
    "array": T("write a list: [a, b] on one line, or one '- item' on each line"),
    "string": T("write the text after the colon, in quotes if it starts with a special character"),
    "integer": T("write a whole number, like 3"),
    "number": T("write a number, like 3"),
    "boolean": T("write true or false"),
}


def _kind_of(value: Any) -> Text:
    if value is None:
        return T("empty")
    if isinstance(value, bool):
        return T("true/false")
    if isinstance(value, int | float):
        return T("a number")
    if isinstance(value, str):
        return T("text")
    if isinstance(value, list):
        return T("a list")
    return T("fields of its own")


def _either(words: list[Text]) -> Text:
    """'a or b or c', with 'or' in the reader's language."""
    out = words[0]
    for word in words[1:]:
        out = T("{first} or {second}", first=out, second=word)
    return out


def _source(path: str, doc: Document, at: Path_, *, key: bool = False) -> Source:
    table = doc.key_marks if key else doc.marks
    while at not in table and at:
        at = at[:-1]
    mark: Mark | None = table.get(at) or doc.marks.get(at)
    if mark is None:
        return Source(path, 1, 1)  # a document without positions: its first line
    if key or not at:
        return Source(path, mark.line, mark.column)
    return Source(path, mark.line, mark.column, mark.end_line, mark.end_column)


# What to write for a field that is missing, by its name: ids of the kind they name, dates
# as the schemas write them. Anything else gets the ellipsis of text to fill in.
_PLACEHOLDERS = {
    "owner": "<member-id>",
    "chair": "<member-id>",
    "speaker": "<member-id>",
    "prepared_by": "<member-id>",
    "member": "<member-id>",
    "municipal_contact": "<member-id>",
    "presented_at": "<meeting-id>",
    "reported_at": "<meeting-id>",
    "group": "<group-id>",
    "organisation": "<organisation-id>",
    "host": "<organisation-id>",
    "id": "<short-id>",
    "date": "YYYY-MM-DD",
    "joined": "YYYY-MM-DD",
    "left": "YYYY-MM-DD",
    "closed": "YYYY-MM-DD",
    "from": "YYYY-MM-DD",
    "due": "next-meeting",
    "groups": "[<group-id>]",
    "attendees": "[<member-id>, <member-id>]",
    "municipalities": "[{id: <municipality-id>, name: <name>}]",
    "facilitators": "[{member: <member-id>, roles: [chair]}]",
    "intention": "{what: …, due: next-meeting}",
    "follow_up": "{reported_at: <meeting-id>, done: …, result: …}",
    "commitment": "{meetings: 3, from: YYYY-MM-DD}",
    "next": "{topic: …, prepared_by: <member-id>}",
}


def _placeholder(key: str, schema: Any) -> str:
    known = _PLACEHOLDERS.get(key)
    if known is not None:
        return known
    options = schema.get("enum") if isinstance(schema, dict) else None
    if isinstance(options, list) and options:
        return str(options[0])
    return "…"


def _key(at: Path_) -> str | None:
    """The field name a value is written after, or None for an item of a list."""
    return at[-1] if at and isinstance(at[-1], str) else None


def _line(at: Path_, value: str) -> str:
    """The exact text to type for `value` at `at`: `key: value`, or the item itself."""
    key = _key(at)
    return f"{key}: {value}" if key is not None else value


def _write(at: Path_, value: str) -> Text:
    """'write `key: value`' for a value read from what was written: quoted (i18n.Quoted), so
    a confidential case's file shows a placeholder for it (kring.core.disclosure)."""
    return T("write {line}", line=Quoted(_line(at, value)))


def _write_known(at: Path_, value: str) -> Text:
    """'write `key: value`' for a value kring chose (an option, a limit, a placeholder)."""
    return T("write {line}", line=_line(at, value))


def _written(doc: Document, at: Path_, instance: Any) -> str | None:
    """The value as it stands in the file: the source of a plain scalar the YAML read as a
    number or boolean, else the text itself; None for a list or mapping."""
    raw = doc.raw.get(at)
    if raw is not None:
        return raw
    if isinstance(instance, str):
        return instance
    if isinstance(instance, bool | int | float):
        return json.dumps(instance)
    return None


def _shape(schema: Any) -> str | None:
    """'time', 'date' or 'id' for a schema (or a $defs entry) of such a value."""
    if not isinstance(schema, dict):
        return None
    if schema.get("format") == "date":
        return "date"
    pattern = schema.get("pattern")
    if pattern == "^" + ID_PATTERN.pattern + "$":
        return "id"
    if isinstance(pattern, str) and ":" in pattern:
        return "time"
    return None


def _file_date(path: str, at: Path_) -> dt.date | None:
    """The date in a meeting's file name, for the meeting's own `date` field."""
    if at != ("date",):
        return None
    place = place_of(path)
    match = MEETING_STEM.fullmatch(place.id) if place.kind == "meeting" else None
    return parse_date(match["date"]) if match else None


def _date_fix(path: str, at: Path_, text: str) -> Text | None:
    """The hint for a date written another way: `date: 2026-12-10`, cross-checked with the
    file name of a meeting; None when `text` reads as no date at all."""
    in_name = _file_date(path, at)
    readings = corrections.dates_meant(text)
    if not readings:
        return None
    meant = corrections.date_meant(text, in_name)
    assert meant is not None
    if meant.isoformat() == text.strip():
        return None  # written as the schemas want, and still refused: nothing to retype
    if in_name is not None and meant != in_name:
        return T(
            "write {line} and rename the file to {name}, or write {named} if the file name "
            "is right",
            line=Quoted(_line(at, meant.isoformat())),
            name=f"{meant.isoformat()}{place_of(path).id[10:]}.md",
            named=_line(at, in_name.isoformat()),
        )
    if in_name is None and len(readings) > 1:
        return T("write {line} (read as day-month-year)", line=Quoted(_line(at, meant.isoformat())))
    return _write(at, meant.isoformat())


def _list_fix(at: Path_, text: str, schema: Any) -> Text | None:
    """`attendees: [a, b, c]` for ids written as text; None when no items show."""
    parts = [p.text for p in corrections.list_parts(corrections.typed(text))]
    if not parts:
        return None
    if _shape(schema.get("items") if isinstance(schema, dict) else None) == "id" or _key(at) in (
        "attendees",
        "apologies",
        "cases",
        "groups",
        "host_rotation",
        "roles",
    ):
        parts = [p if ID_PATTERN.fullmatch(p) else corrections.slug(p) or p for p in parts]
    return T("write it as a list: {line}", line=Quoted(_line(at, corrections.flow_list(parts))))


def _mapping_fix(at: Path_, text: str) -> Text | None:
    """The fields a one-line text most likely belongs in, for the mappings people write as
    text (`intention: Call the family`)."""
    key = _key(at)
    shown = text.strip()
    fields = {
        "intention": f"{{what: {shown}, due: next-meeting}}",
        "next": f"{{topic: {shown}, prepared_by: <member-id>}}",
        "follow_up": f"{{reported_at: <meeting-id>, done: {shown}}}",
    }.get(key or "")
    if fields is None:
        if key == "commitment" and (n := corrections.number_meant(shown)) is not None:
            fields = f"{{meetings: {n}, from: YYYY-MM-DD}}"
        else:
            return None
    return _write(at, fields)


def _required_fix(
    doc: Document, at: Path_, instance: dict[str, Any], key: str, schema: Any
) -> Text:
    """The line to add for a missing field, and where: under the mapping's last field."""
    line = f"{key}: {_placeholder(key, schema)}"
    if not at:
        return T("add the line {line}", line=line)
    marks = [(m, k) for k in instance if (m := doc.key_marks.get((*at, k))) is not None]
    if not marks:
        return T("add {line} to {where}", line=line, where=field_words(at))
    _last_mark, last = max(marks, key=lambda pair: (pair[0].line, pair[0].column))
    if len({m.line for m, _k in marks}) == 1 and len(marks) > 1:
        return T("add {line} inside the braces of {where}", line=line, where=field_words(at))
    return T(
        "add the line {line} to {where}, lined up under {other}",
        line=line,
        where=field_words(at),
        other=Quoted(f"{last}:"),
    )


def _pasted(path: str, doc: Document, at: Path_, text: str) -> tuple[Text, Source] | None:
    """A character pasted with `text` (a curly quote, a non-breaking space…), named, and
    the place it stands when the value sits on one line as written."""
    found = next(corrections.pasted(text), None)
    if found is None:
        return None
    source = _source(path, doc, at)
    mark = doc.marks.get(at)
    if mark is not None and mark.line == mark.end_line:
        width = mark.end_column - mark.column
        # plain text stands as written; a quoted one has its quote first
        start = 0 if width == len(text) else 1 if width == len(text) + 2 else None
        if start is not None:
            column = mark.column + start + found.offset
            source = Source(path, mark.line, column, mark.line, column + 1)
    return corrections.pasted_words(found), source


def _problem(
    code: Code,
    path: str,
    doc: Document,
    at: Path_,
    message: Text,
    hint: Text | None,
    text: str | None = None,
) -> Problem:
    """A problem at the value; when its text holds a pasted character, at that character
    and naming it, since that is what the facilitator cannot see."""
    pasted = _pasted(path, doc, at, text) if text is not None else None
    if pasted is None:
        return Problem(code, _source(path, doc, at), message, hint)
    named, source = pasted
    return Problem(code, source, T("{message}; {pasted}", message=message, pasted=named), hint)


def _explain(kind: str, path: str, doc: Document, error: Any) -> list[Problem]:
    at: Path_ = tuple(error.absolute_path)
    name = field_words(at)
    validator = error.validator
    instance = error.instance
    schema = error.schema

    if validator == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        return [
            _unknown_key(path, doc, at, str(key), known) for key in instance if _stray(key, known)
        ]
    if validator == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        properties = schema.get("properties", {})
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T("{field} has no {key}", field=name, key=k)
                if at
                else T("the required field {key} is missing", key=k),
                _required_fix(doc, at, instance, k, properties.get(k)),
            )
            for k in missing
        ]
    if validator == "type":
        return _wrong_type(kind, path, doc, at, error)
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        text = _written(doc, at, instance) or str(instance)
        meant = corrections.choice_meant(_key(at) or _list_of(at), text, options)
        meant = meant or closest(corrections.typed(text), options)
        return [
            _problem(
                Code.SCHEMA,
                path,
                doc,
                at,
                T(
                    "{field}: '{value}' is not one of {options}",
                    field=name,
                    value=Quoted(text),
                    options=", ".join(options),
                ),
                _write_known(at, meant)
                if meant
                else T("use one of: {options}", options=", ".join(options)),
                text,
            )
        ]
    if validator == "format" and error.validator_value == "date":
        return [_not_a_date(path, doc, at, str(instance))]
    if validator == "pattern":
        text = str(instance)
        if error.validator_value == "^" + ID_PATTERN.pattern + "$":
            fixed = corrections.slug(text)
            ids = text.split()
            return [
                _problem(
                    Code.SCHEMA,
                    path,
                    doc,
                    at,
                    T("{field}: '{value}' is not an id", field=name, value=Quoted(text)),
                    # `[anna-de-vries marieke-jansen]`: a forgotten comma, not one long id.
                    T(
                        "put a comma between the ids: {write}",
                        write=_write(at, ", ".join(ids)),
                    )
                    if _list_of(at) and len(ids) > 1 and all(map(_looks_like_an_id, ids))
                    else T(
                        "{write} (an id is lowercase letters, digits and single hyphens)",
                        write=_write(at, fixed),
                    )
                    if fixed and fixed != text
                    else T(
                        "ids are lowercase letters, digits and single hyphens, like anna-de-vries"
                    ),
                    text,
                )
            ]
        if ":" in error.validator_value:
            meant = corrections.time_meant(text)
            return [
                _problem(
                    Code.SCHEMA,
                    path,
                    doc,
                    at,
                    T("{field}: '{value}' is not a time", field=name, value=Quoted(text)),
                    _write(at, f'"{meant}"')
                    if meant
                    else T('write the time in quotes as "HH:MM", for example "09:30"'),
                    text,
                )
            ]
        # any other pattern (koepel.yaml's git: and ref:)
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "'{value}' in {field} is not written as this field expects",
                    value=Quoted(instance),
                    field=name,
                ),
                T("'kring schema' prints the schema that says how {field} is written", field=name),
            )
        ]
    if validator == "anyOf" and at and at[-1] == "due":
        return [_not_a_due(path, doc, at, instance)]
    if validator == "uniqueItems" and isinstance(instance, list):
        seen: set[str] = set()
        out = []
        for index, item in enumerate(instance):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                out.append(
                    Problem(
                        Code.SCHEMA,
                        _source(path, doc, (*at, index)),
                        T(
                            "'{value}' is listed twice in {field}",
                            value=Quoted(item),
                            field=name,
                        ),
                        T("remove {where}", where=field_words((*at, index))),
                    )
                )
            seen.add(marker)
        return out
    if validator == "minLength":
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T("{field} is empty", field=name),
                T("write the text after {key}", key=f"{_key(at)}:")
                if _key(at)
                else T("write the text, or remove the empty entry"),
            )
        ]
    if validator == "maxLength":
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "{field} is longer than {limit} characters",
                    field=name,
                    limit=error.validator_value,
                ),
                T("shorten it"),
            )
        ]
    if validator == "minItems":
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T("{field} needs at least {count} item", field=name, count=error.validator_value),
                _write_known(at, _placeholder(_key(at) or "", schema)),
            )
        ]
    if validator in ("minimum", "maximum"):
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "{field} is {value}; the lowest allowed is {limit}",
                    field=name,
                    value=Quoted(instance),
                    limit=error.validator_value,
                )
                if validator == "minimum"
                else T(
                    "{field} is {value}; the highest allowed is {limit}",
                    field=name,
                    value=Quoted(instance),
                    limit=error.validator_value,
                ),
                _write_known(at, str(error.validator_value)),
            )
        ]
    if validator == "not" and isinstance(instance, dict):
        both = [k for k in error.validator_value.get("required", ()) if k in instance]
        if len(both) >= 2:
            return [
                Problem(
                    Code.SCHEMA,
                    _source(path, doc, (*at, both[-1]), key=True),
                    T(
                        "{field} has both {first} and {second}; give one of them",
                        field=name,
                        first=both[0],
                        second=both[-1],
                    ),
                    T("a member presents as speaker, someone from outside as guest"),
                )
            ]
    if validator is False or schema is False:
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at, key=True),
                T("{field} is not allowed together with the other fields here", field=name),
                T("remove one of them"),
            )
        ]
    # No raw jsonschema wording (English only) reaches a reader: a plain sentence instead.
    return [
        Problem(
            Code.SCHEMA,
            _source(path, doc, at),
            T("{field} does not have the form its schema asks for", field=name),
            T("compare it with what 'kring schema {kind}' prints", kind=kind),
        )
    ]


def _looks_like_an_id(word: str) -> bool:
    """An id of more than one word (`anna-de-vries`), which a name's word (`de`) is not."""
    return "-" in word and ID_PATTERN.fullmatch(word) is not None


def _list_of(at: Path_) -> str:
    """The list a list item stands in (`roles` for ('facilitators', 0, 'roles', 1))."""
    return str(at[-2]) if len(at) >= 2 and isinstance(at[-1], int) else ""


def _stray(key: Any, known: list[str]) -> bool:
    return key not in known and not str(key).startswith("x-")


def _unknown_key(path: str, doc: Document, at: Path_, key: str, known: list[str]) -> Problem:
    meant = corrections.key_meant(key, known) or closest(corrections.typed(key), known)
    mean = suffix(key, known) if meant is None else T(" (did you mean '{match}'?)", match=meant)
    message = (
        T(
            "unknown field '{key}' in {field}{mean}",
            key=Quoted(key),
            field=field_words(at),
            mean=mean,
        )
        if at
        else T("unknown field '{key}'{mean}", key=Quoted(key), mean=mean)
    )
    hint = (
        T("write {right} instead of {wrong}", right=f"{meant}:", wrong=Quoted(f"{key}:"))
        if meant
        else T(
            "fields allowed here: {keys}; put a field of your own under a name starting with 'x-'",
            keys=", ".join(known),
        )
    )
    source = _source(path, doc, (*at, key), key=True)
    found = next(corrections.pasted(key), None)
    if found is not None:
        message = T("{message}; {pasted}", message=message, pasted=corrections.pasted_words(found))
        bare = corrections.typed(key).strip()
        if found.offset == 0 and found.plain == " " and bare:
            hint = T("type ordinary spaces before {key}", key=Quoted(f"{bare}:"))
        mark = doc.key_marks.get((*at, key))
        if (
            mark is not None
            and mark.line == mark.end_line
            and mark.end_column - mark.column == len(key)
        ):
            column = mark.column + found.offset
            source = Source(path, mark.line, column, mark.line, column + 1)
    return Problem(Code.SCHEMA, source, message, hint)


def _not_a_date(path: str, doc: Document, at: Path_, text: str) -> Problem:
    name = field_words(at)
    if len(text) > 10 and text[:10].count("-") == 2 and text[10:11] in ("T", " ", "t"):
        return _problem(
            Code.SCHEMA,
            path,
            doc,
            at,
            T(
                "{field} must be a date, not a date and time: '{value}'",
                field=name,
                value=Quoted(text),
            ),
            _write(at, text[:10]) if parse_date(text[:10]) else None,
        )
    if calendar_date(text) is not None:  # a day of the calendar, outside kring's years
        return _problem(
            Code.SCHEMA,
            path,
            doc,
            at,
            T("{field}: {value} is outside the dates kring reads", field=name, value=text),
            T(
                "kring reads dates from {first} to {last}; check the year",
                first=FIRST_DAY,
                last=LAST_DAY,
            ),
            text,
        )
    fix = _date_fix(path, at, text)
    if fix is None and len(text) == 10 and text[4] == "-" and text[7] == "-":
        return _problem(
            Code.SCHEMA,
            path,
            doc,
            at,
            T("{field}: {value} is not a day of the calendar", field=name, value=Quoted(text)),
            T("check the day and the month; write {line}", line=_line(at, "YYYY-MM-DD")),
            text,
        )
    return _problem(
        Code.SCHEMA,
        path,
        doc,
        at,
        T(
            "{field}: '{value}' is not a date written as YYYY-MM-DD",
            field=name,
            value=Quoted(text),
        ),
        fix or T("write the date as YYYY-MM-DD, for example {line}", line=_line(at, "2026-03-12")),
        text,
    )


_NEXT_MEETING_WORDS = frozenset(
    {
        "volgende bijeenkomst",
        "volgende keer",
        "volgende vergadering",
        "next meeting",
        "next time",
        "next",
        "nextmeeting",
        "next_meeting",
    }
)


def _not_a_due(path: str, doc: Document, at: Path_, instance: Any) -> Problem:
    text = _written(doc, at, instance) or str(instance)
    fixed = corrections.typed(text).strip().lower()
    if fixed in _NEXT_MEETING_WORDS:
        hint: Text | None = _write_known(at, "next-meeting")
    else:
        hint = _date_fix(path, at, text) or T("write a date as YYYY-MM-DD, or next-meeting")
    return _problem(
        Code.SCHEMA,
        path,
        doc,
        at,
        T(
            "{field}: '{value}' is neither a date as YYYY-MM-DD nor next-meeting",
            field=field_words(at),
            value=Quoted(text),
        ),
        hint,
        text,
    )


def _required_here(kind: str, at: Path_) -> bool:
    """Whether the field at `at` is one its mapping must have (so leaving it out is no fix)."""
    root = schema_for(kind)
    node: Any = root
    for step in (*at[:-1], None):
        while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
            for part in str(node["$ref"])[2:].split("/"):
                node = node.get(part, {}) if isinstance(node, dict) else {}
        if step is None or not isinstance(node, dict):
            break
        node = node.get("items", {}) if isinstance(step, int) else node.get("properties", {})
        node = node if isinstance(step, int) else node.get(step, {})
    return isinstance(node, dict) and at[-1] in node.get("required", ())


def _wrong_type(kind: str, path: str, doc: Document, at: Path_, error: Any) -> list[Problem]:
    expected = error.validator_value
    expected_list = [str(t) for t in (expected if isinstance(expected, list) else [expected])]
    instance = error.instance
    schema = error.schema
    name = field_words(at)
    raw = doc.raw.get(at)
    text = _written(doc, at, instance)

    if instance is None:
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T("{field} is empty", field=name),
                # `owner:` left empty: removing the line would only make it missing
                _write_known(at, _placeholder(str(at[-1]), error.schema))
                if _key(at) and _required_here(kind, at)
                else T("write a value after {key}, or remove the line", key=f"{_key(at)}:")
                if _key(at)
                else T("write a value, or remove the empty entry"),
            )
        ]
    if "boolean" in expected_list and text is not None:
        yes = corrections.boolean_meant(text)
        yaml11 = raw is not None and raw.lower() in YAML11_BOOLEANS
        return [
            _problem(
                Code.YAML11_SCALAR if yaml11 else Code.SCHEMA,
                path,
                doc,
                at,
                T(
                    "{field}: '{value}' is not read as yes or no; only true and false are",
                    field=name,
                    value=Quoted(text),
                ),
                _write_known(at, "true" if yes else "false")
                if yes is not None
                else T("write true or false"),
                text,
            )
        ]
    if "string" in expected_list and raw is not None:
        shape = _shape(schema)
        if shape == "time" and (meant := corrections.time_meant(raw)) is not None:
            return [
                Problem(
                    Code.YAML11_SCALAR,
                    _source(path, doc, at),
                    T(
                        "{field}: {raw} is read as a number, not a time",
                        field=name,
                        raw=Quoted(raw),
                    ),
                    _write(at, f'"{meant}"'),
                )
            ]
        return [
            Problem(
                Code.YAML11_SCALAR,
                _source(path, doc, at),
                T(
                    "{field} expects text, but {raw} is read as {actual}",
                    field=name,
                    raw=Quoted(raw),
                    actual=_kind_of(instance),
                ),
                _write(at, f'"{raw}"'),
            )
        ]
    hint: Text | None = None
    if "array" in expected_list and isinstance(instance, str):
        hint = _list_fix(at, instance, schema)
    elif "object" in expected_list and isinstance(instance, str | int):
        hint = _mapping_fix(at, str(instance))
    elif "integer" in expected_list and isinstance(instance, str):
        n = corrections.number_meant(instance)
        hint = _write(at, str(n)) if n is not None else None
    elif "string" in expected_list and isinstance(instance, list) and instance:
        first = instance[0]
        if isinstance(first, str | int):
            hint = T("give one value, not a list: {line}", line=Quoted(_line(at, str(first))))
    if hint is None:
        hint = _SHAPE_HINTS.get(expected_list[0])
    words = _either([_TYPE_WORDS.get(t, Text(t)) for t in expected_list])
    return [
        _problem(
            Code.SCHEMA,
            path,
            doc,
            at,
            T(
                "{field} must be {expected}, not {actual}",
                field=name,
                expected=words,
                actual=_kind_of(instance),
            ),
            hint,
            text if isinstance(instance, str) else None,
        )
    ]
