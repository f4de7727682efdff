"""Settings of one run: options, environment and `[tool.kring]` in pyproject.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kring.core.codes import Code
from kring.core.findings import Severity
from kring.core.i18n import T
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


def load(root: Path, path: Path | None = None) -> Config:
    """`[tool.kring]` of the repository's pyproject.toml, or of the file `path` names.

    The pull-request bot names the base's file (`--config`), so that the change under review
    is judged by the configuration it started from, never by one it brings (SPEC §8).
    """
    if path is None:
        path = root / "pyproject.toml"
        if not path.is_file():
            return Config()
    elif not path.is_file():
        raise ConfigError(T("{path}: no such file", path=str(path)))
    import tomllib  # here: a network without a pyproject.toml never loads the parser

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(T("pyproject.toml: {error}", error=str(exc))) from None
    section = data.get("tool", {}).get("kring", {})
    if not isinstance(section, dict):
        raise ConfigError(T("pyproject.toml: [tool.kring] must be a table"))
    unknown = set(section) - {"select", "ignore", "severity", "policy", "max-file-kib", "lang"}
    if unknown:
        raise ConfigError(
            T("pyproject.toml [tool.kring]: unknown key(s) {keys}", keys=", ".join(sorted(unknown)))
        )
    severity = {}
    for code, value in dict(section.get("severity", {})).items():
        try:
            severity[codes([code], "[tool.kring.severity]")[0]] = Severity.parse(str(value))
        except KeyError:
            raise ConfigError(
                T(
                    "[tool.kring.severity] {code}: '{value}' is not error, warning or info",
                    code=code,
                    value=value,
                )
            ) from None
    policy = {}
    for key, value in dict(section.get("policy", {})).items():
        if key not in POLICY_DEFAULTS or not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(
                T("[tool.kring.policy] {key}: not a policy key with a whole number", key=key)
            )
        policy[key] = value
    max_kib = section.get("max-file-kib", 256)
    if not isinstance(max_kib, int) or not 1 <= max_kib <= 16384:
        raise ConfigError(T("[tool.kring] max-file-kib: a whole number from 1 to 16384"))
    lang = section.get("lang")
    return Config(
        select=codes(section.get("select", []), "[tool.kring] select"),
        ignore=codes(section.get("ignore", []), "[tool.kring] ignore"),
        severity=severity,
        policy=policy,
        max_file_kib=max_kib,
        lang=lang if isinstance(lang, str) else None,
    )
