"""Splice edits: only the intended bytes change, and every value reads back as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_diff import unified

from kring.edit import splice
from kring.load.yaml_loader import parse_yaml


def _doc(text: str):  # type: ignore[no-untyped-def]
    parsed = parse_yaml("t.yaml", text)
    assert parsed.document is not None and not parsed.problems, parsed.problems
    return parsed.document


def _reads_back(rendered: str, flow: bool) -> object:
    parsed = parse_yaml("v.yaml", f"k: [{rendered}]\n" if flow else f"k: {rendered}\n")
    assert parsed.document is not None and not parsed.problems, (rendered, parsed.problems)
    assert parsed.document.raw == {}, rendered  # nothing KR102 would flag
    value = parsed.document.data["k"]
    return value[0] if flow else value


@settings(max_examples=300, deadline=None)
@given(st.text(), st.booleans())
def test_every_text_reads_back_as_itself(value: str, flow: bool) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates never reach here: the commands refuse them
    assert _reads_back(splice.scalar(value, flow=flow), flow) == value


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        ("Shared with the Liemers platform", "Shared with the Liemers platform"),
        ("2026-11-20", "2026-11-20"),
        ("next-meeting", "next-meeting"),
        ("Één gemeente, één loket", "Één gemeente, één loket"),
        ("yes", '"yes"'),
        ("no", '"no"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("13:30", '"13:30"'),
        ("0612", '"0612"'),
        ("1.5", '"1.5"'),
        ("note: this", '"note: this"'),
        ("issue#3", "issue#3"),
        ("see #3", '"see #3"'),
        ("a #comment", '"a #comment"'),
        ("- a list?", '"- a list?"'),
        ("'quoted'", "\"'quoted'\""),
        ("line\nbreak", '"line\\nbreak"'),
        (" padded", '" padded"'),
        ("", '""'),
        ("sep\u2028arator", '"sep\\u2028arator"'),
    ],
)
def test_plain_when_safe_quoted_otherwise(value: str, rendered: str) -> None:
    assert splice.scalar(value) == rendered


def test_flow_context_quotes_commas() -> None:
    assert splice.scalar("a, b") == "a, b"
    assert splice.scalar("a, b", flow=True) == '"a, b"'


BLOCK = """\
# top comment
actions:
  - id: a1   # the first
    what: 'Quoted  text'

    due: next-meeting
  - {id: a2, what: Flow style, due: next-meeting}
  - id: a3
    status: "open"    # keep this comment
    note: |
      kept
      lines

  # about a4
  - id: a4
    what: last
tail: 1
"""


def test_replace_existing_value_keeps_its_comment() -> None:
    after = splice.set_value(BLOCK, _doc(BLOCK), ("actions", 2), "status", "done")
    assert unified(BLOCK, after) == [
        '-    status: "open"    # keep this comment',
        "+    status: done    # keep this comment",
    ]


def test_insert_after_the_last_key_of_a_block_action() -> None:
    after = splice.set_value(BLOCK, _doc(BLOCK), ("actions", 0), "status", "done")
    assert unified(BLOCK, after) == ["+    status: done"]
    assert after.splitlines()[5:7] == ["    due: next-meeting", "    status: done"]


def test_insert_after_a_named_key() -> None:
    after = splice.set_value(BLOCK, _doc(BLOCK), ("actions", 0), "closed", "2026-01-02", after="id")
    assert after.splitlines()[2:4] == ["  - id: a1   # the first", "    closed: 2026-01-02"]


def test_insert_inside_the_braces_of_a_flow_action() -> None:
    after = splice.set_value(BLOCK, _doc(BLOCK), ("actions", 1), "note", "a, b")
    assert unified(BLOCK, after) == [
        "-  - {id: a2, what: Flow style, due: next-meeting}",
        '+  - {id: a2, what: Flow style, due: next-meeting, note: "a, b"}',
    ]


def test_replace_a_block_scalar_keeps_the_blank_line_after_it() -> None:
    after = splice.set_value(BLOCK, _doc(BLOCK), ("actions", 2), "note", "short")
    assert unified(BLOCK, after) == [
        "-    note: |",
        "-      kept",
        "-      lines",
        "+    note: short",
    ]
    assert "    note: short\n\n  # about a4\n" in after


def test_insert_before_the_comment_of_the_next_item() -> None:
    after = splice.set_value(BLOCK, _doc(BLOCK), ("actions", 2), "closed", "2026-01-02")
    assert "      lines\n    closed: 2026-01-02\n\n  # about a4\n" in after


def test_crlf_stays_crlf() -> None:
    text = BLOCK.replace("\n", "\r\n")
    after = splice.set_value(text, _doc(text), ("actions", 0), "status", "done")
    assert after.replace("\r\n", "\n") == splice.set_value(
        BLOCK, _doc(BLOCK), ("actions", 0), "status", "done"
    )
    assert "\n" not in after.replace("\r\n", "")


def test_a_lone_carriage_return_is_refused() -> None:
    text = "a: 1\rb: 2\n"
    doc = _doc("a: 1\nb: 2\n")
    with pytest.raises(splice.SpliceError, match="line breaks"):
        splice.set_value(text, doc, (), "a", "3")


def test_add_mapping_uses_the_files_indentation() -> None:
    text = "title: x\nintention:\n    what: y\n# c\nstatus: open\n"
    after = splice.add_mapping(
        text,
        _doc(text),
        (),
        "follow_up",
        [("reported_at", "m"), ("done", "it: done")],
        after="intention",
    )
    assert unified(text, after) == [
        "+follow_up:",
        "+    reported_at: m",
        '+    done: "it: done"',
    ]
    assert after.index("follow_up:") < after.index("# c")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cases: [a, b]  # two\n", "cases: [a, b, new]  # two\n"),
        ("cases: []\n", "cases: [new]\n"),
        ("cases:\n  - a   # one\n  - b\nx: 1\n", "cases:\n  - a   # one\n  - b\n  - new\nx: 1\n"),
        ("cases:\nx: 1\n", "cases: [new]\nx: 1\n"),
        ("x: 1\n", "x: 1\ncases: [new]\n"),
        ("x: 1", "x: 1\ncases: [new]\n"),
    ],
)
def test_append_item(text: str, expected: str) -> None:
    assert splice.append_item(text, _doc(text), (), "cases", "new") == expected


@pytest.mark.parametrize("header", ["|+", "|2+", ">+", "|+  # kept"])
def test_a_kept_block_scalar_before_the_new_key_keeps_its_value(header: str) -> None:
    # Keep chomping makes the blank lines after the text part of the value (issue 16):
    # the new key goes after them, so the value reads back unchanged.
    text = f"date: 2026-12-10\ntopic: {header}\n  Waiting lists\n\n\n"
    before = _doc(text).data["topic"]
    after = splice.append_item(text, _doc(text), (), "cases", "new")
    assert _doc(after).data == {"date": "2026-12-10", "topic": before, "cases": ["new"]}
    assert after == text + "cases: [new]\n"


def test_a_clipped_block_scalar_before_the_new_key_keeps_its_value() -> None:
    text = "topic: |\n  Waiting lists\n\n# next\nx: 1\n"
    after = splice.set_value(text, _doc(text), (), "y", "two", after="topic")
    assert _doc(after).data["topic"] == "Waiting lists\n"
    assert "  Waiting lists\ny: two\n\n# next\n" in after
