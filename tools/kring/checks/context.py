"""What every check may know besides the model: today, the configuration, and the base.

`base` is the network as it was at the revision a change started from (`--changed-since`,
`kring summary --base`); checks that compare two revisions (KR304) find nothing without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kring.core.config import Config
from kring.core.model import Model


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date
    config: Config = field(default_factory=Config)
    base: Model | None = None
