"""The pull-request bot's artifact, read back as untrusted data (SPEC §8).

The unprivileged check run leaves `kring summary --format json` as an artifact; the privileged
workflow, which may write comments, reads it here before its own code renders the comment.
Whoever wrote the file — kring, or a pull request that rewrote the check workflow — it is only
ever data: read as every file kring reads (repo.read_file: no link followed, no FIFO waited
on), at most MAX_BYTES, parsed as strict JSON (no duplicate keys, no NaN, no nesting the
parser chokes on) and validated against schemas/summary.schema.json. Anything else is an
ArtifactError that says why, in words of kring's own: nothing of the file is quoted back.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from kring.core.i18n import T, Text
from kring.load import strict_json
from kring.load.repo import NotAFile, read_file

MAX_BYTES = 256 * 1024  # `kring summary --format json` stays under 60,000 characters


class ArtifactError(Exception):
    """The artifact cannot be used; `reason` is kring's own words, safe to post."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.render())
        self.reason = reason


def read_summary(path: Path) -> dict[str, Any]:
    """The validated document at `path`, or ArtifactError."""
    data = _read(path)
    try:
        text = data.decode("utf-8")
        doc = strict_json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArtifactError(T("the findings file is not JSON")) from None
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(doc))
    if error is not None:
        where = "/".join(_plain(part) for part in error.absolute_path) or "/"
        raise ArtifactError(
            T(
                "the findings file is not what kring summary --format json writes (at {where})",
                where=where,
            )
        )
    result: dict[str, Any] = doc
    return result


def _read(path: Path) -> bytes:
    try:
        data = read_file(path, MAX_BYTES)
    except NotAFile:
        raise ArtifactError(T("the findings file is not a regular file")) from None
    except OSError:
        raise ArtifactError(T("there is no findings file, or it is a link")) from None
    if len(data) > MAX_BYTES:
        raise ArtifactError(T("the findings file is larger than {kib} KiB", kib=MAX_BYTES // 1024))
    return data


def _plain(part: object) -> str:
    """A key or index of the document, cut short and without anything but letters, digits
    and '_-': the place of an error is named, the document's own text is not repeated."""
    text = str(part)
    kept = "".join(c for c in text[:40] if c.isascii() and (c.isalnum() or c in "_-"))
    return kept if kept == text else "…"


@functools.cache
def _validator() -> Any:
    from importlib import resources

    import jsonschema

    schema = json.loads(
        resources.files("kring.schemas").joinpath("summary.schema.json").read_text("utf-8")
    )
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)
