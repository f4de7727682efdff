"""JSON Schema validation of one document, as problems at the values' own positions.

Valid documents take a fast path (a compiled Rust-backed validator when installed, built
once per schema); only a document that fails gets jsonschema's detailed errors, which are
turned into KR101 (schema) and KR102 (YAML 1.1 scalar) problems with a fix hint each.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from kring.core.codes import Code
from kring.core.document import Document, Mark, Path_
from kring.core.findings import Problem, Source
from kring.core.i18n import T, Text
from kring.core.layout import ID_PATTERN, SCHEMAS
from kring.core.model import FIRST_DAY, LAST_DAY, calendar_date, parse_date
from kring.core.suggest import suffix
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
        out.extend(_explain(path, doc, error))
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
    "object": T("a mapping of 'key: value' lines"),
    "integer": T("a whole number"),
    "number": T("a number"),
    "boolean": T("true or false"),
    "null": T("empty"),
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
    return T("a mapping")


def _either(words: list[Text]) -> Text:
    """'a or b or c', with 'or' in the reader's language."""
    out = words[0]
    for word in words[1:]:
        out = T("{first} or {second}", first=out, second=word)
    return out


def field_name(at: Path_) -> str | Text:
    """`actions[1].due` for ('actions', 1, 'due'); 'the file' for the top."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or T("the file")


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


def _description(schema: Any) -> str | None:
    if isinstance(schema, dict):
        d = schema.get("description")
        return d if isinstance(d, str) else None
    return None


def _about(name: str | Text, schema: Any) -> Text | None:
    described = _description(schema)
    # the schema's descriptions are message ids too (scripts/messages.py collects them)
    return (
        T("{field}: {description}", field=name, description=Text(described)) if described else None
    )


def _explain(path: str, doc: Document, error: Any) -> list[Problem]:
    at: Path_ = tuple(error.absolute_path)
    name = field_name(at)
    validator = error.validator
    instance = error.instance
    schema = error.schema

    if validator == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, (*at, key), key=True),
                T(
                    "unknown key '{key}' in {field}{mean}",
                    key=key,
                    field=name,
                    mean=suffix(key, known),
                )
                if at
                else T("unknown key '{key}'{mean}", key=key, mean=suffix(key, known)),
                T(
                    "allowed keys here: {keys}; put extensions under a key starting with 'x-'",
                    keys=", ".join(known),
                ),
            )
            for key in instance
            if key not in known and not str(key).startswith("x-")
        ]
    if validator == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T("missing required key '{key}' in {field}", key=k, field=name)
                if at
                else T("missing required key '{key}'", key=k),
                _about(k, schema.get("properties", {}).get(k))
                or T("add '{key}: …' to this mapping", key=k),
            )
            for k in missing
        ]
    if validator == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        raw = doc.raw.get(at)
        if "boolean" in expected_list and raw is not None and raw.lower() in YAML11_BOOLEANS:
            return [
                Problem(
                    Code.YAML11_SCALAR,
                    _source(path, doc, at),
                    T(
                        "'{raw}' in {field} is text under YAML 1.2, not a boolean",
                        raw=raw,
                        field=name,
                    ),
                    T("write true or false"),
                )
            ]
        if "string" in expected_list and raw is not None and instance is not None:
            return [
                Problem(
                    Code.YAML11_SCALAR,
                    _source(path, doc, at),
                    T(
                        "{field} expects text, but {raw} is read as {actual}",
                        field=name,
                        raw=raw,
                        actual=_kind_of(instance),
                    ),
                    T('put the value in quotes: "{raw}"', raw=raw),
                )
            ]
        words = _either([_TYPE_WORDS.get(str(t), Text(str(t))) for t in expected_list])
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "{field} must be {expected}, not {actual}",
                    field=name,
                    expected=words,
                    actual=_kind_of(instance),
                ),
                _about(name, schema),
            )
        ]
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "'{value}' is not a valid {field}{mean}",
                    value=instance,
                    field=name,
                    mean=suffix(str(instance), options),
                ),
                T("use one of: {options}", options=", ".join(options)),
            )
        ]
    if validator == "format" and error.validator_value == "date":
        text = str(instance)
        if len(text) > 10 and text[:10].count("-") == 2 and text[10:11] in ("T", " ", "t"):
            message = T(
                "{field} must be a date, not a date and time: '{value}'", field=name, value=text
            )
        elif calendar_date(text) is not None:
            return [
                Problem(
                    Code.SCHEMA,
                    _source(path, doc, at),
                    T(
                        "{value} in {field} is outside the dates kring reads",
                        value=text,
                        field=name,
                    ),
                    T(
                        "kring reads dates from {first} to {last}; check the year",
                        first=FIRST_DAY,
                        last=LAST_DAY,
                    ),
                )
            ]
        else:
            message = T("'{value}' in {field} is not a real date", value=text, field=name)
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                message,
                T("write the date as YYYY-MM-DD, for example 2026-03-12"),
            )
        ]
    if validator == "pattern":
        if error.validator_value == "^" + ID_PATTERN.pattern + "$":
            return [
                Problem(
                    Code.SCHEMA,
                    _source(path, doc, at),
                    T("'{value}' in {field} is not a valid id", value=instance, field=name),
                    T("ids are lowercase letters, digits and single hyphens, like anna-de-vries"),
                )
            ]
        if ":" in error.validator_value:
            return [
                Problem(
                    Code.SCHEMA,
                    _source(path, doc, at),
                    T("'{value}' in {field} is not a time", value=instance, field=name),
                    T('write the time in quotes as "HH:MM", for example "09:30"'),
                )
            ]
        # any other pattern (koepel.yaml's git: and ref:): the field's description says how
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "'{value}' in {field} is not written as this field expects",
                    value=instance,
                    field=name,
                ),
                _about(name, schema),
            )
        ]
    if validator == "anyOf" and at and at[-1] == "due":
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "'{value}' in {field} is neither a date nor next-meeting",
                    value=instance,
                    field=name,
                ),
                T("write a date as YYYY-MM-DD, or next-meeting"),
            )
        ]
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
                        T("'{value}' is listed twice in {field}", value=item, field=name),
                        T("remove the second one"),
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
                _about(name, schema),
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
                _about(name, schema),
            )
        ]
    if validator in ("minimum", "maximum"):
        return [
            Problem(
                Code.SCHEMA,
                _source(path, doc, at),
                T(
                    "{field} is {value}, outside the allowed range ({validator} {limit})",
                    field=name,
                    value=instance,
                    validator=validator,
                    limit=error.validator_value,
                ),
                _about(name, schema),
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
                T("{field} is not allowed together with the other keys here", field=name),
                T("remove one of them"),
            )
        ]
    return [
        Problem(
            Code.SCHEMA,
            _source(path, doc, at),
            T("{field}: {detail}", field=name, detail=error.message),
            _about(name, schema),
        )
    ]
