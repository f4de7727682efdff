"""The warm path keeps each file's model record (issue 8): the same model as a cold run."""

from __future__ import annotations

from support import MakeRepo
from test_cache import BROKEN, cache_path, check_json, load_counting

from kring.core.model import FILE_LOCAL_KINDS, Model
from kring.load import cache_codec, cache_store, pipeline


def cold_model(repo: object) -> Model:
    return pipeline.load(repo, pipeline.configuration(repo))  # type: ignore[arg-type]


def test_records_from_the_cache_equal_records_built_afresh(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    load_counting(repo)
    cache, warm = load_counting(repo)
    local = [f.path for f in cold_model(repo).files if f.place.kind in FILE_LOCAL_KINDS]
    # every record of a file-local kind that parsed came from the cache ...
    assert local and set(cache.records) == set(local)
    cold = cold_model(repo)
    assert isinstance(warm, Model)
    # ... and is what a cold run builds, position for position.
    for kind in ("members", "meetings", "cases", "themes", "regions"):
        assert getattr(warm, kind) == getattr(cold, kind), kind
    member = next(iter(cold.members.values()))
    assert warm.members[member.id].loc.at("name") == member.loc.at("name")


def test_a_garbled_record_is_built_again(make_repo: MakeRepo) -> None:
    repo = make_repo(BROKEN, example=True)
    expected = check_json(repo, "--no-cache")
    check_json(repo)
    path = cache_path(repo)
    (head, entries), packs = cache_store.split(path.read_bytes())
    theme = (4, ("t", None, None, (cache_codec._LOC, ()), False), (3,))  # a Theme, not a Member
    shapes = [
        (99, (), ()),
        (cache_codec._LOC, "x"),
        ("x",),
        (5, (1, 2), ()),
        [1],
        (5, ("m",) * 12, (0, 99)),
        (5, ("m",) * 12, (10,)),
        (5, ("someone-else", *(None,) * 11), ()),
    ]

    def garble(path: str, node: tuple[object, ...], i: int) -> object:
        if node[8] is None:
            return node
        if "/members/" in path and i % 2:
            return (*node[:8], theme)
        return (*node[:8], shapes[i % len(shapes)])

    entries = {p: (key, garble(p, v, i)) for i, (p, (key, v)) in enumerate(entries.items())}
    path.write_bytes(cache_store.file_bytes((head, entries), [packs]))
    cache, warm = load_counting(repo)
    assert cache.hits > 0
    cold = cold_model(repo)
    assert isinstance(warm, Model)
    for kind in ("members", "meetings", "cases", "themes"):
        assert getattr(warm, kind) == getattr(cold, kind), kind
    assert check_json(repo) == expected
