"""The warm path (issue 8): a cache by content that is used when right and ignored when not."""

from __future__ import annotations

import datetime as dt
import json
import marshal
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import TODAY, MakeRepo, git

from kring.checks import runner
from kring.cli.main import cli
from kring.core.document import Limits
from kring.core.findings import Problem, Severity, Source
from kring.core.i18n import T
from kring.core.layout import Place
from kring.core.model import LoadedFile
from kring.load import cache_codec, cache_store, pipeline
from kring.load.repo import git_dir, git_keys, walk

# Files with file-local problems of several kinds, so the cache must keep Problems whose
# Text arguments are nested Texts, numbers and strings.
BROKEN = {
    "network/members/dubbel.yaml": (
        "name: Dubbel\nname: Twee\norganisation: winterswijk\ngroups: [achterhoek]\n"
        "joined: 2025-01-01\n"
    ),
    "network/members/Fout.yaml": "name: Fout\norganisation: 12\nstage: no\ngroups: [achterhoek]\n",
    "network/members/atendee.yaml": (
        "name: Typo\norganisation: aalten\ngroups: [achterhoek]\njoined: 2025-02-30\n"
        "stage: starter\natendees: 3\n"
    ),
    "network/meetings/2026/2026-12-01-achterhoek.md": "---\ndate: 2026-12-01\ngroup: [\n---\n",
}


def check_json(repo: Path, *extra: str) -> dict[str, object]:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--today", TODAY, "--format", "json", *extra]
    )
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.output)
    summary = data["summary"]
    assert isinstance(summary, dict)
    summary.pop("seconds")
    return data


def load_counting(repo: Path) -> tuple[cache_store.Cache, object]:
    conf = pipeline.configuration(repo)
    cache = cache_store.Cache.open(repo, pipeline.limits_of(conf))
    model = pipeline.load(repo, conf, cache=cache)
    return cache, model


def run_findings(repo: Path, use_cache: bool) -> list[dict[str, object]]:
    from kring.checks.context import Context

    conf = pipeline.configuration(repo)
    result = runner.check(repo, Context(dt.date.fromisoformat(TODAY), conf), use_cache=use_cache)
    return [f.to_dict() for f in result.findings]


def test_warm_run_reports_what_a_cold_run_reports(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    cold = check_json(repo, "--no-cache")
    assert not (repo / ".git" / "kring" / "cache").exists()
    first = check_json(repo)
    assert (repo / ".git" / "kring" / "cache").is_file()
    warm = check_json(repo)
    assert cold == first == warm
    codes = {f["code"] for f in cold["findings"]}  # type: ignore[union-attr,index]
    assert {"KR001", "KR002", "KR006", "KR101", "KR102"} <= codes


def test_unchanged_files_come_from_the_cache(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    cache, _ = load_counting(repo)
    assert cache.hits == 0
    cache, _ = load_counting(repo)
    files = len([p for p in (repo / "network").rglob("*") if p.is_file()])
    assert cache.hits == files


def test_a_changed_file_is_parsed_again(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    before = run_findings(repo, use_cache=True)
    member = repo / "network" / "members" / "dubbel.yaml"
    member.write_text(member.read_text("utf-8").replace("name: Twee\n", ""), "utf-8")
    (repo / "network" / "members" / "nieuw.yaml").write_text("name: Nieuw\n", "utf-8")
    cache, _ = load_counting(repo)
    files = len([p for p in (repo / "network").rglob("*") if p.is_file()])
    assert cache.hits == files - 2  # the edited (tracked) file and the untracked one
    after = run_findings(repo, use_cache=True)
    assert after == run_findings(repo, use_cache=False)
    assert after != before
    assert not any(f["code"] == "KR002" for f in after)


def test_staged_and_committed_edits_are_seen(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    run_findings(repo, use_cache=True)
    member = repo / "network" / "members" / "dubbel.yaml"
    member.write_text(member.read_text("utf-8").replace("name: Twee\n", ""), "utf-8")
    git(repo, "add", "-A")
    assert run_findings(repo, use_cache=True) == run_findings(repo, use_cache=False)
    git(repo, "commit", "-q", "-m", "fix")
    member.write_text(member.read_text("utf-8") + "name: Drie\n", "utf-8")
    assert run_findings(repo, use_cache=True) == run_findings(repo, use_cache=False)


def cache_path(repo: Path) -> Path:
    return repo / ".git" / "kring" / "cache"


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 64):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def damage_empty(path: Path) -> None:
    path.write_bytes(b"")


def damage_not_marshal(path: Path) -> None:
    index = b"\x00not marshal data at all"
    payload = len(index).to_bytes(8, "big") + index
    path.write_bytes(cache_store._MAGIC + cache_store._digest(payload) + payload)


def _rewrite(path: Path, change: object) -> None:
    # A well-formed file (its checksum holds) with a changed index.
    (head, entries), packs = cache_store.split(path.read_bytes())
    head, entries = change(head, entries)  # type: ignore[operator]
    path.write_bytes(cache_store.file_bytes((head, entries), [packs]))


def damage_other_version(path: Path) -> None:
    _rewrite(path, lambda head, entries: ((*head[:2], "0.0.0-other", *head[3:]), entries))


def damage_foreign_class(path: Path) -> None:
    # A well-formed cache whose problems name something that is not a kring dataclass.
    def change(head: tuple[object, ...], entries: dict[str, object]) -> object:
        bad = (cache_codec._DATACLASS, "os", "system", (("command", "echo pwned"),))
        return head, {
            p: (key, (*node[:2], (cache_codec._TUPLE, (bad,)), *node[3:]))  # type: ignore[index]
            for p, (key, node) in entries.items()  # type: ignore[misc]
        }

    _rewrite(path, change)


def damage_wrong_shapes(path: Path) -> None:
    def change(head: tuple[object, ...], entries: dict[str, object]) -> object:
        shapes = [None, (), (99,), [1, 2], {"x": 1}, "abcdefghi", (cache_codec._ENUM,), 7]
        return head, {
            p: (key, shapes[i % len(shapes)])
            for i, (p, (key, _)) in enumerate(entries.items())  # type: ignore[misc]
        }

    _rewrite(path, change)


def damage_entries(path: Path) -> None:
    # Entries that are not (key, node) pairs at all.
    def change(head: tuple[object, ...], entries: dict[str, object]) -> object:
        shapes = [None, "x", ("k",), {"k": 1}, 3]
        return head, {p: shapes[i % len(shapes)] for i, p in enumerate(entries)}

    _rewrite(path, change)


def damage_positions(path: Path) -> None:
    # Packs that are not marshal data: the files still load, their documents without values
    # or positions.
    (head, entries), packs = cache_store.split(path.read_bytes())
    path.write_bytes(cache_store.file_bytes((head, entries), [b"\xff" * len(packs)]))


@pytest.mark.parametrize(
    "damage",
    [
        damage_truncate,
        damage_garble,
        damage_empty,
        damage_not_marshal,
        damage_other_version,
        damage_foreign_class,
        damage_wrong_shapes,
        damage_entries,
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored(make_repo: MakeRepo, damage: object) -> None:
    repo = make_repo(BROKEN, example=True)
    expected = check_json(repo, "--no-cache")
    check_json(repo)
    damage(cache_path(repo))  # type: ignore[operator]
    cache, _ = load_counting(repo)
    assert cache.hits == 0
    assert check_json(repo) == expected
    # and the cache is whole again afterwards
    cache, _ = load_counting(repo)
    assert cache.hits > 0


def test_garbled_positions_never_crash(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    check_json(repo)
    damage_positions(cache_path(repo))
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--today", TODAY])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


def test_outside_git_the_user_cache_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "plain"
    (repo / "network" / "members").mkdir(parents=True)
    (repo / "network" / "members" / "anna.yaml").write_text("name: Anna\n", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    assert cache_store.cache_file(repo.resolve()).parent == tmp_path / "cache-home" / "kring"
    first = run_findings(repo.resolve(), use_cache=True)
    assert list((tmp_path / "cache-home" / "kring").iterdir())
    cache, _ = load_counting(repo.resolve())
    assert cache.hits == 1
    assert run_findings(repo.resolve(), use_cache=True) == first


def test_a_worktree_keeps_its_cache_in_its_own_git_dir(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    other = repo.parent / "worktree"
    git(repo, "worktree", "add", "-q", str(other))
    assert (other / ".git").is_file()
    expected = run_findings(other, use_cache=False)
    assert run_findings(other, use_cache=True) == expected
    found = git_dir(other)
    assert found is not None and (found / "kring" / "cache").is_file()
    assert not (repo / ".git" / "kring" / "cache").exists()
    assert run_findings(other, use_cache=True) == expected


def test_encoding_is_generic_over_dataclass_fields() -> None:
    problem = Problem(
        "KR101",
        Source("network/x.yaml", 3, 4, 3, 9),
        T("{what} on {date}", what=T("nested {n}", n=2), date=dt.date(2026, 3, 12)),
        None,
    )
    loaded = LoadedFile("network/x.yaml", Place("member", "x"), None, (problem,), "body", 7)
    assert cache_codec.decode(marshal.loads(marshal.dumps(cache_codec.encode(loaded)))) == loaded
    assert cache_codec.decode(cache_codec.encode(Severity.WARNING)) is Severity.WARNING


def test_the_header_names_what_a_cached_file_depends_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_PURE_YAML", "0")  # the suite also runs with KRING_PURE_YAML=1
    head = cache_store.header(Limits())
    assert head == cache_store.header(Limits())
    assert head != cache_store.header(Limits(max_bytes=1024))
    monkeypatch.setenv("KRING_PURE_YAML", "1")
    assert head != cache_store.header(Limits())


def test_a_warm_run_imports_no_parser_or_validator(make_repo: MakeRepo) -> None:
    # The point of the warm path: nothing unchanged is parsed or validated again, so PyYAML
    # and the validators are not even imported (their import alone is a tenth of a run)
    # until a finding asks for a line in a file (its positions are not cached).
    import subprocess
    import sys

    repo = make_repo(example=True)
    script = (
        "import sys, datetime; from pathlib import Path;"
        "from kring.checks import runner; from kring.load import pipeline;"
        "from kring.checks.context import Context; root = Path(sys.argv[1]);"
        "today = datetime.date.fromisoformat(sys.argv[2]);"
        "result = runner.check(root, Context(today, pipeline.configuration(root)), use_cache=True);"
        "print(len(result.findings), *sorted(m for m in ('yaml', 'jsonschema', 'jsonschema_rs')"
        " if m in sys.modules))"
    )

    def imported(today: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", script, str(repo), today],
            capture_output=True,
            text=True,
            check=True,
        )
        return run.stdout.split()

    # On 2026-01-01 the example has no findings at all; on TODAY four, with their lines.
    assert imported("2026-01-01") == ["0", "jsonschema_rs", "yaml"]
    assert imported("2026-01-01") == ["0"]
    assert imported(TODAY) == ["4", "yaml"]  # positions of the four files, parsed again
    assert check_json(repo) == check_json(repo, "--no-cache")
    (repo / "network" / "themes" / "new-theme.yaml").write_text("name: Nieuw\n", "utf-8")
    assert "jsonschema_rs" in imported("2026-01-01")  # an untracked file is validated


def test_positions_of_a_cached_file_come_from_the_file_while_it_is_unchanged(
    make_repo: MakeRepo,
) -> None:
    repo = make_repo(BROKEN, example=True)
    check_json(repo)
    path = "network/members/dubbel.yaml"
    keys = git_keys(repo)

    def cached() -> LoadedFile:
        cache = cache_store.Cache.open(repo, Limits())
        loaded = cache.get(path, keys[path])
        assert loaded is not None and loaded.document is not None
        return loaded

    cold = pipeline.load_entry(repo, next(e for e in walk(repo) if e.path == path), Limits())
    assert cold.document is not None
    assert cached().document == cold.document  # values and positions, key and value marks
    assert cached().document.marks[("organisation",)].line == 3  # type: ignore[union-attr]
    # Changed after its key was taken (during a run): no positions rather than wrong ones.
    loaded = cached()
    (repo / path).write_text("\n\n" + (repo / path).read_text("utf-8"), "utf-8")
    assert loaded.document is not None and loaded.document.marks == {}


def test_positions_hold_where_git_converts_line_endings(make_repo: MakeRepo) -> None:
    # With core.autocrlf the work tree's bytes (CRLF) are not the blob git keys them by (LF):
    # the positions of a cached file are checked against the bytes that were parsed.
    repo = make_repo(BROKEN, example=True)
    git(repo, "config", "core.autocrlf", "true")
    member = repo / "network" / "members" / "dubbel.yaml"
    member.unlink()
    git(repo, "checkout", "--", "network/members/dubbel.yaml")
    assert b"\r\n" in member.read_bytes()
    expected = check_json(repo, "--no-cache")
    check_json(repo)
    warm = check_json(repo)
    assert warm == expected
    lines = [
        f["line"]
        for f in warm["findings"]  # type: ignore[attr-defined]
        if f["path"] == "network/members/dubbel.yaml"
    ]
    assert lines and all(isinstance(line, int) and line > 0 for line in lines)
