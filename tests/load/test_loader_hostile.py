"""The loader against hostile and malformed input (SPEC §2.2), with libyaml and without.

Each input asserts the finding's code (and where it matters its line), that no exception
escapes, that every reported line lies inside the file, and that the C and the pure-Python
parser give the same answer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import build_repo, check

from kring.core.document import Limits
from kring.core.layout import place_of
from kring.load import yaml_loader
from kring.load.analyse import analyse
from kring.load.yaml_loader import Parsed, parse_file

PARSERS = ["libyaml", "python"] if yaml_loader._FastLoader is not None else ["python"]


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("KRING_PURE_YAML", "1" if request.param == "python" else "0")
    yield request.param


def _with(parser: str, func: Any) -> Any:
    old = os.environ.get("KRING_PURE_YAML")
    os.environ["KRING_PURE_YAML"] = "1" if parser == "python" else "0"
    try:
        return func()
    finally:
        if old is None:
            del os.environ["KRING_PURE_YAML"]
        else:
            os.environ["KRING_PURE_YAML"] = old


def _summary(parsed: Parsed) -> tuple[Any, ...]:
    problems = tuple(
        (p.code, p.source.line, p.source.column, p.message.render()) for p in parsed.problems
    )
    doc = parsed.document
    return problems, doc.data if doc else None, sorted(doc.marks.items()) if doc else None


def _lines_in(data: bytes) -> int:
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


def load(data: bytes, *, markdown: bool = False, limits: Limits | None = None) -> Parsed:
    """parse_file under both parsers: never raises, lines inside the file, one answer."""
    answers = {}
    for name in PARSERS:
        started = time.perf_counter()
        parsed = _with(name, lambda: parse_file("f", data, markdown=markdown, limits=limits))
        assert time.perf_counter() - started < 2.0, name
        for problem in parsed.problems:
            assert 1 <= problem.source.line <= _lines_in(data), problem
            assert problem.source.column >= 1, problem
        if parsed.document is not None:
            for mark in parsed.document.marks.values():
                assert 1 <= mark.line <= mark.end_line <= _lines_in(data), mark
        answers[name] = _summary(parsed)
    assert len(set(map(repr, answers.values()))) == 1, answers
    return parsed


def codes(parsed: Parsed) -> list[tuple[str, int]]:
    return [(p.code, p.source.line) for p in parsed.problems]


# --- unsafe constructs: refused from the events, before any value is built -----------------

BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def test_alias_bomb() -> None:
    assert codes(load(BILLION_LAUGHS)) == [("KR003", 1)]


def test_alias_alone() -> None:
    parsed = load(b"name: Anna\ngroups: *g\n")
    assert codes(parsed) == [("KR003", 2)]
    assert "alias" in parsed.problems[0].message.render()


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b"{a: " * 100_000,
        b"- " * 100_000 + b"x\n",
        b"[" * 30_000 + b"]" * 30_000 + b"\n",
        b"a: " + b"[" * 30_000 + b"]" * 30_000 + b"\n",
    ],
    ids=["flow-100k", "mapping-100k", "block-sequence-100k", "flow-30k", "value-30k"],
)
def test_deep_nesting_stops_at_the_limit(data: bytes) -> None:
    # A size limit large enough that the depth limit, not the size, must stop these.
    parsed = load(data, limits=Limits(max_bytes=10 * 1024 * 1024))
    assert codes(parsed) == [("KR003", 1)]
    assert "deeper than 32" in parsed.problems[0].message.render()


def test_deep_block_mappings() -> None:
    # "a:" nested by indentation, as deep as fits under the size limit.
    data = "".join("  " * depth + "a:\n" for depth in range(400)).encode()
    assert codes(load(data)) == [("KR003", 33)]


def test_deep_block_mappings_past_the_size_limit() -> None:
    data = "".join("  " * depth + "a:\n" for depth in range(1000)).encode()
    assert len(data) > 256 * 1024
    assert codes(load(data)) == [("KR003", 1)]


def test_thirty_thousand_levels_through_the_whole_engine(tmp_path: Path) -> None:
    # libyaml's composer segfaults near this depth: the pre-scan must stop it first.
    deep = b"name: " + b"[" * 30_000 + b"]" * 30_000 + b"\n"
    repo = build_repo(tmp_path / "repo")
    (repo / "network/themes/thema.yaml").write_bytes(deep)
    run = check(repo)
    assert run.found() == {("KR003", "network/themes/thema.yaml", 1)}


@pytest.mark.parametrize(
    "data",
    [
        b"a: !!python/object/apply:os.system ['echo pwned']\n",
        b"a: !!python/name:os.system\n",
        b"a: !custom value\n",
        b"a: !!str 2026\n",
        b"a: !!map {b: 1}\n",
        b"%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n",
    ],
    ids=["python-apply", "python-name", "local", "str", "map", "tag-directive"],
)
def test_explicit_tags_are_refused(data: bytes) -> None:
    parsed = load(data)
    assert [p.code for p in parsed.problems] == ["KR003"]
    assert "tag" in parsed.problems[0].message.render()


def test_more_values_than_the_limit() -> None:
    data = b"[" + b"1, " * 2_000 + b"1]\n"
    assert codes(load(data, limits=Limits(max_events=1_000))) == [("KR003", 1)]


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_key_at_the_top() -> None:
    parsed = load(b"name: Anna\ngroups: [a]\nname: Bram\n")
    assert codes(parsed) == [("KR002", 3)]
    assert "line 1 and line 3" in parsed.problems[0].message.render()
    assert parsed.document is not None
    assert parsed.document.data["name"] == "Bram"


def test_duplicate_key_at_depth() -> None:
    data = b"actions:\n  - id: a\n    what:\n      x: 1\n      y: 2\n      x: 3\n"
    parsed = load(data)
    assert codes(parsed) == [("KR002", 6)]
    assert "line 4 and line 6" in parsed.problems[0].message.render()


# --- bytes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xef\xbb\xbfname: Anna\n", 1),
        ("name: Zoë\n".encode("latin-1"), 1),
        ("name: Zoë\n".encode("utf-16"), 1),
        ("name: Zoë\n".encode("utf-16-be"), 1),
        (b"name: Anna\ngroups: [a]\x00\n", 2),
        (b"name: Anna\nnote: caf\xe9\n", 2),
        (b"name: \xed\xa0\x80\n", 1),  # an encoded surrogate is not UTF-8
    ],
    ids=["bom", "latin-1", "utf-16", "utf-16-be-no-bom", "nul", "latin-1-line-2", "surrogate"],
)
def test_encodings(data: bytes, line: int) -> None:
    assert codes(load(data)) == [("KR004", line)]


def test_control_character_is_reported_at_its_line() -> None:
    assert codes(load(b"name: Anna\nnote: \x1b[31mred\n")) == [("KR004", 2)]


def test_invisible_line_separator() -> None:
    parsed = load("name: Anna\nnote: one\u2028two\n".encode())
    assert codes(parsed) == [("KR001", 2)]
    assert "U+2028" in parsed.problems[0].message.render()


# --- tabs: libyaml accepts some that the Python parser refuses; both refuse them here ------


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"a:\n\tb: 1\n", 2),
        (b"a:\n  b:\t1\n", 2),
        (b"a: 1\t# comment\n", 1),
        (b"a: [1,\t2]\n", 1),
        (b"- a\n-\tb\n", 2),
    ],
)
def test_tabs(data: bytes, line: int) -> None:
    parsed = load(data)
    assert codes(parsed) == [("KR001", line)]
    assert "tab" in parsed.problems[0].message.render()


def test_tab_inside_quotes_is_text() -> None:
    parsed = load(b'a: "x\ty"\n')
    assert parsed.problems == ()
    assert parsed.document is not None and parsed.document.data == {"a": "x\ty"}


# --- syntax and front matter ----------------------------------------------------------------


def test_unterminated_quote_points_inside_the_file() -> None:
    assert codes(load(b"name: 'Anna\n")) == [("KR001", 1)]


def test_unterminated_front_matter() -> None:
    parsed = load(b"---\ntitle: A case\nowner: anna\n\nThe story.\n", markdown=True)
    assert codes(parsed) == [("KR001", 1)]
    assert "unterminated" in parsed.problems[0].message.render()


def test_missing_front_matter() -> None:
    parsed = load(b"title: A case\n", markdown=True)
    assert codes(parsed) == [("KR001", 1)]
    assert "missing front matter" in parsed.problems[0].message.render()


def test_syntax_error_in_front_matter_has_the_offset() -> None:
    parsed = load(b"---\ntitle: A case\nowner: anna: x\n---\nbody\n", markdown=True)
    assert codes(parsed) == [("KR001", 3)]


def test_second_document() -> None:
    assert codes(load(b"a: 1\n---\nb: 2\n")) == [("KR001", 2)]


def test_key_that_is_a_list() -> None:
    assert [p.code for p in load(b"? [a, b]\n: 1\n").problems] == ["KR001"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"# only a comment\n",
        b"---\n",
        b"...\n",
        b"- ]\n",
        b"a: b: c\n",
        b"'\n",
        b"{",
        b"? ? ? ?\n",
        b"&a [*a]\n",
        b"a: @\n",
        b"%YAML 9.9\n---\na: 1\n",
        b"%FOO bar\n---\n",
        b"\r\r\r",
        b"a:\r  b: 1\r",
    ],
)
def test_odd_inputs_never_raise(data: bytes) -> None:
    load(data)
    load(data, markdown=True)


# --- values and their positions -------------------------------------------------------------


def test_empty_value_is_null_at_its_key() -> None:
    parsed = load(b"---\ndate: 2026-03-12\ngroup:\nkind: regional\n---\n", markdown=True)
    doc = parsed.document
    assert doc is not None and doc.data == {"date": "2026-03-12", "group": None, "kind": "regional"}
    assert doc.marks[("group",)].line == 3
    assert doc.key_marks[("group",)].line == 3


def test_positions_in_front_matter() -> None:
    data = b"---\ndate: 2026-03-12\nattendees:\n  - anna\n  - bram\n---\n\nbody\n"
    parsed = load(data, markdown=True)
    doc = parsed.document
    assert doc is not None
    assert (doc.key_marks[("attendees",)].line, doc.key_marks[("attendees",)].column) == (3, 1)
    assert (doc.marks[("attendees", 1)].line, doc.marks[("attendees", 1)].column) == (5, 5)
    assert (doc.marks[("date",)].line, doc.marks[("date",)].column) == (2, 7)
    assert parsed.body == "\nbody\n"
    assert parsed.body_line == 7


def test_crlf_front_matter_and_dots_closing() -> None:
    data = b"---\r\ndate: 2026-03-12\r\ngroup: noord\r\n... \r\nbody\r\n"
    parsed = load(data, markdown=True)
    doc = parsed.document
    assert parsed.problems == ()
    assert doc is not None and doc.data == {"date": "2026-03-12", "group": "noord"}
    assert (doc.marks[("group",)].line, doc.marks[("group",)].column) == (3, 8)
    assert parsed.body_line == 5


def test_yaml_1_2_scalars() -> None:
    data = b"a: no\nb: on\nc: 010\nd: 1:20\ne: 0612345678\nf: 2026-03-12\ng: true\nh: ~\ni: 1.5\n"
    doc = load(data).document
    assert doc is not None
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "010",
        "d": "1:20",
        "e": "0612345678",
        "f": "2026-03-12",
        "g": True,
        "h": None,
        "i": 1.5,
    }


# --- dates: checked by the schema's format, on both validator paths -------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-02-30", "not a day of the calendar"),
        ("2026-13-01", "not a day of the calendar"),
        ("0000-01-01", "not a day of the calendar"),
        ("2026-W10-1", "not a date written as YYYY-MM-DD"),
        ("2026-03-12 10:00", "date and time"),
        ("2026-03-12T10:00:00Z", "date and time"),
    ],
)
def test_invalid_dates(parser: str, value: str, words: str) -> None:
    data = f"name: Anna\norganisation: stad\ngroups: [noord]\njoined: {value}\n".encode()
    loaded = analyse("network/members/anna.yaml", place_of("network/members/anna.yaml"), data)
    assert [(p.code, p.source.line) for p in loaded.problems] == [("KR101", 4)]
    assert words in loaded.problems[0].message.render()


@pytest.mark.parametrize(
    "value",
    [
        '"' + "1" * 5000 + '"',  # more digits than int() converts: a hint, not a crash
        '"' + "1" * 5000 + ' keer"',
        "{meetings: 3, from: '2026-01-01'}",
    ],
)
def test_a_count_written_as_long_text(value: str) -> None:
    data = (
        "name: Anna\norganisation: stad\ngroups: [noord]\njoined: 2026-01-01\n"
        f"commitment:\n  meetings: {value}\n"
    ).encode()
    loaded = analyse("network/members/anna.yaml", place_of("network/members/anna.yaml"), data)
    assert [(p.code, p.source.line) for p in loaded.problems] == [("KR101", 6)]


# --- the file system: links, pipes, names ---------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "path"),
    [
        ("symlink network/members/dana.yaml -> /etc/passwd", "network/members/dana.yaml"),
        ("symlink network/cases/2027 -> /etc", "network/cases/2027"),
        ("symlink network/members/loop.yaml -> loop.yaml", "network/members/loop.yaml"),
        ("fifo network/members/pipe.yaml", "network/members/pipe.yaml"),
    ],
    ids=["to-passwd", "to-directory", "loop", "fifo"],
)
def test_links_and_pipes_are_never_read(parser: str, tmp_path: Path, setup: str, path: str) -> None:
    repo = build_repo(tmp_path / "repo", setup=[setup])
    started = time.perf_counter()
    run = check(repo)
    assert time.perf_counter() - started < 5
    assert run.found() == {("KR005", path, 1)}
    assert "root:" not in run.output


def test_paths_differing_only_in_case(parser: str, tmp_path: Path) -> None:
    setup = ["copy network/members/cor.yaml -> network/members/COR.yaml"]
    run = check(build_repo(tmp_path / "repo", setup=setup))
    assert run.found() == {
        ("KR007", "network/members/cor.yaml", 1),
        ("KR006", "network/members/COR.yaml", 1),
    }


# --- anything at all: never an exception, lines inside the file, one answer ---------------

# Characters YAML gives meaning to, and a few whole tokens, so that structure arises often.
YAMLISH = st.lists(
    st.sampled_from([*"ab:-?[]{},'\"#&*!|>%@`\t\n\r .01~\\é", "\n  ", "\n- ", ": ", "\u2028"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH, st.booleans())
def test_fuzz(text: str, markdown: bool) -> None:
    # (Run outside the suite on some 200,000 inputs, this found the divergences that
    # yaml_loader._second_opinion now settles.)
    load(text.encode(), markdown=markdown)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=80))
def test_fuzz_bytes(data: bytes) -> None:
    load(data)
