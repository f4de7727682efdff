"""What every check may know besides the model: today and the configuration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kring.config import Config


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date
    config: Config = field(default_factory=Config)
