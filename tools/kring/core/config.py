"""Settings of one run: options, environment and `[tool.kring]` in pyproject.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kring.core.codes import Code
from kring.core.findings import Severity
from kring.core.i18n import T, Text
from kring.core.model import POLICY_DEFAULTS

_CODE_PREFIX = re.compile(r"KR[0-9]{0,3}")


class ConfigError(Exception):
    """Configuration that cannot be used (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    policy: dict[str, int] = field(default_factory=dict)
    max_file_kib: int = 256
    lang: str | None = None

    def enabled(self, code: str) -> bool:
        """ruff-style: the longest matching prefix of select or ignore wins."""
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if self.select and best_select < 0:
            return False
        return best_select >= best_ignore


def codes(values: Any, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [v for v in re.split(r"[,\s]+", values) if v]
    if not isinstance(values, list | tuple):
        raise ConfigError(T("{where}: expected a list of codes such as KR404", where=where))
    out = []
    for value in values:
        text = str(value).strip().upper()
        if not _CODE_PREFIX.fullmatch(text):
            raise ConfigError(
                T(
                    "{where}: '{value}' is not a code or prefix such as KR404 or KR4",
                    where=where,
                    value=value,
                )
            )
        out.append(text)
    return _known(tuple(out), where)


def _known(values: tuple[str, ...], where: str) -> tuple[str, ...]:
    """Each code or prefix names at least one check: a typo must not silently select none."""
    from kring.core.suggest import closest

    registered = [str(code) for code in Code]
    for value in values:
        if not any(code.startswith(value) for code in registered):
            match = closest(value, registered)
            raise ConfigError(
                T(
                    "{where}: '{value}' matches no check (did you mean {match}?); "
                    "'kring rules' lists them",
                    where=where,
                    value=value,
                    match=match,
                )
                if match
                else T(
                    "{where}: '{value}' matches no check; 'kring rules' lists them",
                    where=where,
                    value=value,
                )
            )
    return values


def from_pyproject(data: bytes | None, where: str = "pyproject.toml") -> Config:
    """The `[tool.kring]` table of a pyproject.toml's bytes (None: there is none).

    The table is checked against schemas/config.schema.json before any value is used, so a
    value of the wrong shape (`severity = "x"`, `policy = [1]`, `tool = 5`) is a
    ConfigError that names it, never a crash; then codes are checked against the registry.
    """
    if data is None:
        return Config()
    import tomllib  # here: a network without a pyproject.toml never loads the parser

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(T("{where}: {error}", where=where, error=str(exc))) from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(T("{where}: 'tool' must be a table, like [tool.kring]", where=where))
    section = tool.get("kring", {})
    if not isinstance(section, dict):
        raise ConfigError(T("{where}: [tool.kring] must be a table", where=where))
    if not section:
        return Config()
    _validate(section, where)
    severity = {}
    for code, value in section.get("severity", {}).items():
        severity[codes([code], "[tool.kring.severity]")[0]] = Severity.parse(value)
    max_kib = section.get("max-file-kib", 256)
    return Config(
        select=codes(section.get("select", []), "[tool.kring] select"),
        ignore=codes(section.get("ignore", []), "[tool.kring] ignore"),
        severity=severity,
        policy={k: v for k, v in section.get("policy", {}).items() if k in POLICY_DEFAULTS},
        max_file_kib=max_kib,
        lang=section.get("lang"),
    )


def _validate(section: dict[str, Any], where: str) -> None:
    """ConfigError for the first value that config.schema.json does not accept."""
    import json
    from importlib import resources

    text = resources.files("kring.schemas").joinpath("config.schema.json").read_text("utf-8")
    schema = json.loads(text)
    try:
        import jsonschema_rs  # quick to import and run: the usual, valid, case
    except ImportError:
        pass
    else:
        if jsonschema_rs.validator_for(schema).is_valid(section):
            return
    import jsonschema  # the words for what is wrong

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(section), key=lambda e: list(map(str, e.path)))
    if errors:
        raise ConfigError(_problem(errors[0], schema, where))


def _problem(error: Any, schema: dict[str, Any], where: str) -> Text:
    """One schema error as a sentence that names the key and what it must be."""
    from kring.core.suggest import suffix

    at = "[tool.kring" + "".join(f".{part}" for part in list(error.path)[:-1] if part) + "]"
    key = error.path[-1] if error.path else None
    name = f"{at} {key}" if key is not None else at
    value = error.instance
    if isinstance(value, bool):
        value = "true" if value else "false"  # as TOML writes it
    if error.validator == "additionalProperties" and isinstance(value, dict):
        known = list(error.schema.get("properties", {}))
        unknown = sorted(k for k in value if k not in known)
        return T(
            "{where} {name}: unknown key '{key}'{mean}; known keys: {keys}",
            where=where,
            name=name if key is not None else at,
            key=unknown[0],
            mean=suffix(unknown[0], known),
            keys=", ".join(known),
        )
    if error.validator == "enum":
        return T(
            "{where} {name}: '{value}' is not one of {options}",
            where=where,
            name=name,
            value=value,
            options=", ".join(map(str, error.validator_value)),
        )
    if error.validator in ("minimum", "maximum") or (
        error.validator == "type" and error.validator_value == "integer"
    ):
        return T(
            "{where} {name}: '{value}' is not a whole number from {low} to {high}",
            where=where,
            name=name,
            value=value,
            low=error.schema.get("minimum"),
            high=error.schema.get("maximum"),
        )
    if error.validator in ("type", "anyOf"):
        expected = {
            "object": T("a table"),
            "array": T("a list"),
            "string": T("text"),
        }.get(str(error.schema.get("type")), T('a list of codes such as ["KR404"]'))
        return T("{where} {name}: must be {expected}", where=where, name=name, expected=expected)
    return T("{where} {name}: {detail}", where=where, name=name, detail=error.message)
