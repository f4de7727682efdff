"""The shared steps of every writing command: check in memory, write, check on disk, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import TODAY, MakeRepo, kring
from test_close import BASE, MEETING, MINUTES

from kring.checks.context import Context
from kring.core.config import Config
from kring.edit import transaction
from kring.edit.refused import Refused
from kring.load import analyse, pipeline
from kring.load.yaml_loader import parse_file

CTX = Context(dt.date.fromisoformat(TODAY), Config())


def test_an_error_found_only_on_disk_is_undone(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo({**BASE, MEETING: MINUTES})
    # Blind the in-memory check, so that only the check after writing can catch the error.
    monkeypatch.setattr(transaction, "load_with", lambda model, config, changes: model)
    broken = MINUTES.replace("kind: regional", "kind: [regional")
    new_member = "network/members/new-member.yaml"
    with pytest.raises(Refused) as refused:
        transaction.apply(
            repo,
            CTX,
            pipeline.load(repo, CTX.config),
            [
                transaction.Write(new_member, "name: New\n"),
                transaction.Write(MEETING, broken, MINUTES.encode()),
            ],
        )
    assert "undone" in str(refused.value)
    assert {f.code for f in refused.value.findings} >= {"KR001"}
    assert (repo / MEETING).read_text("utf-8") == MINUTES
    assert not (repo / new_member).exists()


def test_a_write_on_a_warm_cache_parses_only_the_file_it_writes(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The network is read once, through kring check's cache; the result is checked in memory
    # and read back after writing, so only the edited meeting is parsed, twice.
    repo = make_repo({**BASE, MEETING: MINUTES})
    assert kring(repo, "check").exit_code == 0  # fills the cache
    parsed: list[str] = []
    real = analyse.analyse

    def counted(path: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(analyse, "analyse", counted)
    monkeypatch.setattr(transaction, "analyse", counted)
    result = kring(repo, "close", "2026-03-12-achterhoek#send-toolkit", "--done")
    assert result.exit_code == 0, result.output
    assert parsed == [MEETING, MEETING]


def test_an_error_already_there_does_not_block_an_edit(make_repo: MakeRepo) -> None:
    # An unrelated error in the meeting (an unknown chair) was there before: close still works.
    minutes = MINUTES.replace("kind: regional\n", "kind: regional\nchair: nobody\n")
    repo = make_repo({**BASE, MEETING: minutes})
    result = kring(repo, "close", "2026-03-12-achterhoek#send-toolkit", "--done")
    assert result.exit_code == 0, result.output
    written = (repo / MEETING).read_text("utf-8")
    assert "status: done" in written and "closed: " in written
    assert "chair: nobody" in written  # the error that was there is left as it was


# Letters, spaces and punctuation: text a facilitator types as a name or a title (no digits,
# so that no privacy check can mistake it for a phone number).
TEXT = st.text(
    alphabet=st.characters(categories=["L", "Zs", "P", "S"], exclude_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=TEXT)
def test_any_name_is_written_so_that_it_reads_back(make_repo: MakeRepo, name: str) -> None:
    repo = make_repo(BASE, commit=False)
    result = kring(
        repo,
        "new",
        "member",
        "piet-puk",
        "--name",
        name,
        "--organisation",
        "aalten",
        "--group",
        "achterhoek",
        "--joined",
        "2026-01-01",
    )
    if not name.strip():
        assert result.exit_code == 2, result.output
        return
    assert result.exit_code == 0, result.output
    path = Path(repo / "network/members/piet-puk.yaml")
    parsed = parse_file("m.yaml", path.read_bytes(), markdown=False)
    assert parsed.document is not None and not parsed.problems
    assert parsed.document.data["name"] == name
