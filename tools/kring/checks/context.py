"""What every check may know besides the model: today, the configuration, and the base.

`base` is the network as it was at the revision a change started from (`--changed-since`,
`kring summary --base`); checks that compare two revisions (KR304) find nothing without it.
`pages` writes the generated pages as `kring report` would (path -> text) for a model, a
date and a language: KR008 holds a page that a change edits against it; `export` writes
network/export.json as `kring export` would for a model and a date, which KR008 holds an
edited export against. The command that runs the checks passes them in
(kring.views.report_pages.written, kring.cli.main.written_export), as checks never import
views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kring.core.config import Config
from kring.core.model import Model


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date
    config: Config = field(default_factory=Config)
    base: Model | None = None
    pages: Callable[[Model, dt.date, str], Mapping[str, str]] | None = None
    export: Callable[[Model, dt.date], str] | None = None
