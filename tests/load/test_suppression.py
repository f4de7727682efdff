"""Suppression comments (SPEC §5): where each comment points.

How suppressions act on a run — line and file forms, cross-file findings, KR901 unused,
KR902 invalid — is data: the cases under tests/cases/KR501, KR502, KR201, KR901 and KR902.
"""

from __future__ import annotations

from kring.load.suppression import parse


def test_parse_targets() -> None:
    text = "a: 1  # kring: ignore[KR101]\n# kring: ignore[KR102]\n# kring: ignore[kr201]\n\nb: 2\n"
    suppressions, problems = parse("x.yaml", text, markdown=False)
    assert problems == []
    assert [(s.line, s.codes, s.target) for s in suppressions] == [
        (1, ("KR101",), 1),
        (2, ("KR102",), 5),
        (3, ("KR201",), 5),
    ]


def test_a_hash_inside_a_word_is_not_a_comment() -> None:
    suppressions, problems = parse("x.yaml", "a: b#kring: ignore[KR101]\n", markdown=False)
    assert suppressions == () and problems == []


def test_markdown_heading_is_not_a_suppression() -> None:
    text = "---\na: 1\n---\n# kring: ignore[KR501]\n"
    suppressions, problems = parse("x.md", text, markdown=True, body_line=4)
    assert suppressions == () and problems == []
