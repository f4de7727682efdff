"""KR006's hint for a file name that is no id proposes one that is (SPEC §2.2: ids are
lowercase letters, digits and single hyphens, at most 64 characters)."""

from __future__ import annotations

import pytest

from kring.core.layout import is_valid_id, place_of
from kring.load.analyse import analyse


@pytest.mark.parametrize(
    ("name", "proposed"),
    [
        ("Dana_B", "dana-b"),
        ("Jörg Müller", "jorg-muller"),  # accents dropped, as kring new makes ids
        ("a" * 63 + "_b", "a" * 63),  # cut at 64 characters: never ending in a hyphen
    ],
)
def test_the_hint_proposes_a_valid_id(name: str, proposed: str) -> None:
    path = f"network/members/{name}.yaml"
    loaded = analyse(path, place_of(path), b"name: Dana\n")
    [problem] = [p for p in loaded.problems if p.code.value == "KR006"]
    assert problem.hint is not None
    assert dict(problem.hint.args)["example"] == proposed
    assert is_valid_id(proposed)
