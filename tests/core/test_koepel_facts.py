"""A network's export as the koepel reads it: the years in order, each once."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from kring.core.koepel_model import facts_of

EXPORT = Path(__file__).parents[1] / "koepel_cases/_base/networks/oost/network/export.json"


def test_the_years_of_an_export_are_read_in_order_and_a_repeated_year_by_its_first_entry() -> None:
    data = json.loads(EXPORT.read_text(encoding="utf-8"))
    y2025, y2026 = data["network"]["totals"]
    later = copy.deepcopy(y2025) | {"held": 99}  # the same year again, listed last
    data["network"]["totals"] = [y2026, y2025, later]

    totals = facts_of(data).totals

    assert [y.year for y in totals] == [2025, 2026]
    assert totals[0].held == y2025["held"] != 99
