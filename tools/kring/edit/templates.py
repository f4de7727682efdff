"""The pieces new files are made of: a YAML line, a flow list, the schema modeline, the
commented-out optional fields, and the whole YAML or Markdown file they make up.

Values go through splice.scalar, so what the user typed is quoted as YAML needs it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kring.core.i18n import _
from kring.edit import splice


def modeline(root: Path, rel: str, kind: str) -> str | None:
    """`# yaml-language-server: $schema=…` with the schema's path relative to the file, so
    the YAML extension of VS Code validates and completes the file; None when the repository
    has no schemas/ folder to point at."""
    schema = root / "schemas" / f"{kind}.schema.json"
    if not schema.is_file():
        return None
    relative = os.path.relpath(schema, (root / rel).parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}"


def hints(lines: Sequence[tuple[str, str]]) -> list[str]:
    """Commented-out optional fields, each with a short explanation, to uncomment later."""
    out = ["# " + _("Optional fields: remove '# ' at the start of a line to use it.")]
    width = min(max(len(example) for example, _why in lines), 36)
    for example, why in lines:
        out.append(f"# {example.ljust(width)}  # {why}" if why else f"# {example}")
    return out


def field(key: str, value: str) -> str:
    return f"{key}: {splice.scalar(value)}"


def flow_list(key: str, values: Sequence[str]) -> str:
    return f"{key}: [{', '.join(splice.scalar(v, flow=True) for v in values)}]"


def yaml_file(head: str | None, lines: Sequence[str]) -> str:
    """A YAML file: the modeline (when there is one), then the lines."""
    return "".join(f"{line}\n" for line in ([head] if head else []) + list(lines))


def markdown_file(head: str | None, lines: Sequence[str], body: Sequence[str]) -> str:
    """A Markdown file: the modeline and the lines as front matter, then the body."""
    front = yaml_file(head, lines)
    return f"---\n{front}---\n\n" + "".join(f"{line}\n" for line in body)
