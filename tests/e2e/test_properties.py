"""Properties of kring on any input (Hypothesis): findings or a clean run, never a crash.

For arbitrary bytes, and for arbitrary YAML-like text replacing a file or standing at any
line of a file of a valid network, `kring check`

- returns findings or a clean run, never an exception;
- points only at lines that exist (1 <= line <= end_line <= the file's number of lines);
- renders in every reporter to text that encodes as UTF-8;

and the loader accepts the same texts, with the same values, with and without libyaml.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import EXAMPLE, TODAY

from kring.checks import runner
from kring.checks.context import Context
from kring.load.yaml_loader import parse_file, parse_yaml
from kring.reporters import REPORTERS, Report, reporter

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TARGETS = (
    "network/network.yaml",
    "network/members/anna-de-vries.yaml",
    "network/regions/achterhoek.yaml",
    "network/meetings/2026/2026-11-12-achterhoek.md",
    "network/cases/2026/zorgmijder-na-ontslag-ggz.md",
)

# Pieces that mean something to a YAML scanner, to a front matter split or to kring.
_TOKENS = [
    "- ",
    ": ",
    ":",
    "? ",
    "key",
    "name",
    "attendees",
    "  ",
    "    ",
    "\n",
    "\r\n",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "!",
    "'",
    '"',
    "''",
    "\\",
    "\\x41",
    "\\ud800",
    "\\U0001F600",
    "\\0",
    "#",
    " # kring: ignore[KR501]",
    "|",
    ">",
    "|-",
    ">+2",
    "---",
    "...",
    "%YAML 1.2",
    "%",
    "@",
    "`",
    "2026-03-12",
    "2026-02-30",
    "2026-03-12T10:00:00",
    "010",
    "0x1F",
    "1e3",
    ".inf",
    "yes",
    "no",
    "on",
    "~",
    "null",
    "true",
    "12:30",
    "0612345678",
    "a@b.nl",
    "123456782",
    "NL91ABNA0417164300",
    "é",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x07",
    "\x00",
    "<<",
    "=",
    "anna-de-vries",
    '"\\ud800"',
    '"\\x85 \\N \\L \\e"',
    '"\\U0010FFFF"',
    '"\\/"',
    '"\\\n  x"',
]
yaml_like = st.one_of(
    st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join),
    st.text(
        alphabet=st.sampled_from([*" \n\t-:?[]{},#&*!|>'\"%@`.~\\abcxyz019", "é", "\r"]),
        max_size=80,
    ),
)


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properties")
    shutil.copytree(EXAMPLE, root / "network")
    return root


@contextmanager
def replaced(root: Path, rel: str, data: bytes) -> Iterator[None]:
    path = root / rel
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(original)


def check_all(root: Path) -> None:
    """One in-process run: every finding at a line of its file, every reporter renders."""
    result = runner.check(root, Context(dt.date.fromisoformat(TODAY)))
    lines: dict[str, int] = {}
    for finding in result.findings:
        s = finding.source
        if s.path not in lines:
            path = root / s.path
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
            lines[s.path] = data.count(b"\n") + 1
        last = lines[s.path]
        assert 1 <= s.line <= last, (finding, last)
        assert s.line <= (s.end_line or s.line) <= last, (finding, last)
        assert s.column >= 1
    report = Report(result.findings, result.files_checked, result.seconds)
    for name in REPORTERS:
        reporter(name)(report).encode("utf-8")


@SETTINGS
@given(target=st.sampled_from(TARGETS), data=st.binary(max_size=600))
@example(target=TARGETS[1], data=b"\xef\xbb\xbf")
@example(target=TARGETS[3], data=b"---\n")
def test_arbitrary_bytes_as_a_file(network: Path, target: str, data: bytes) -> None:
    with replaced(network, target, data):
        check_all(network)


@SETTINGS
@given(target=st.sampled_from(TARGETS), text=yaml_like)
@example(target=TARGETS[3], text='---\nattendees: ["\\ud800"]\n---\n')
def test_yaml_like_text_as_a_file(network: Path, target: str, text: str) -> None:
    with replaced(network, target, text.encode("utf-8", "surrogatepass")):
        check_all(network)


@SETTINGS
@given(
    target=st.sampled_from(TARGETS),
    where=st.integers(min_value=0, max_value=30),
    replace=st.booleans(),
    text=yaml_like,
)
def test_yaml_like_text_at_any_line(
    network: Path, target: str, where: int, replace: bool, text: str
) -> None:
    lines = (network / target).read_text("utf-8").split("\n")
    where = min(where, len(lines) - 1)
    lines[where : where + int(replace)] = [text]
    with replaced(network, target, "\n".join(lines).encode("utf-8", "surrogatepass")):
        check_all(network)


@contextmanager
def pure_yaml(on: bool) -> Iterator[None]:
    before = os.environ.get("KRING_PURE_YAML")
    os.environ["KRING_PURE_YAML"] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["KRING_PURE_YAML"]
        else:
            os.environ["KRING_PURE_YAML"] = before


def _outcome(text: str) -> tuple[bool, object, list[tuple[str, int]]]:
    parsed = parse_yaml("x.yaml", text)
    data = parsed.document.data if parsed.document else None
    return (
        parsed.document is not None,
        data,
        sorted({(p.code, p.source.line) for p in parsed.problems}),
    )


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@SETTINGS
@given(text=yaml_like)
@example(text="a: [" * 40)
@example(text="%YAML 1.3\n---\na: 1\n")
@example(text='a: ["\\ud800", "\\x00", "\\e\\N\\_\\L\\P"]\n')
def test_loaders_agree(text: str) -> None:
    with pure_yaml(False):
        fast = _outcome(text)
    with pure_yaml(True):
        pure = _outcome(text)
    assert fast[0] == pure[0], (text, fast, pure)
    assert fast[1] == pure[1], (text, fast, pure)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@SETTINGS
@given(data=st.binary(max_size=300))
def test_loaders_agree_on_bytes(data: bytes) -> None:
    with pure_yaml(False):
        fast = parse_file("x.md", data, markdown=True)
    with pure_yaml(True):
        pure = parse_file("x.md", data, markdown=True)
    assert (fast.document is None) == (pure.document is None)
