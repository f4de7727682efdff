"""Policy where it is set (SPEC §2.1, issue 18): every policy key a schema accepts on the
network, a region or a theme takes effect at that level — a group's value over the
network's over the default — and a key that means nothing at a level is not in its schema.

Each key has one scenario in which the value decides whether a check speaks. For every level
that accepts the key, the test sets the deciding value there and the opposite one on the
network (for a group), and the other way round: the finding follows the level's value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import yaml
from support import ROOT, MakeRepo, case, check, meeting, member

from kring.core.model import POLICY_DEFAULTS, REGION_POLICY_KEYS, THEME_POLICY_KEYS

Files = dict[str, str | bytes]
LEVELS = {
    "network": frozenset(POLICY_DEFAULTS),
    "region": REGION_POLICY_KEYS,
    "theme": THEME_POLICY_KEYS,
}
# every attendance-watching check off unless a scenario asks for it
QUIET = {"commitment_meetings": 0, "drift_meetings": 0, "contact_share": 0}


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def network(
    group: str,
    files: list[tuple[str, str]],
    network_policy: dict[str, int],
    group_policy: dict[str, int] | None,
    facilitators: list[dict[str, Any]] | None = None,
    region_facilitators: list[dict[str, Any]] | None = None,
) -> Files:
    """A network with region noord (aa, bee) and theme thema; `group_policy` goes on
    `group`'s own file."""
    net = {
        "name": "Testnetwerk",
        "facilitators": facilitators or [{"member": "anna", "roles": ["chair"]}],
        "municipal_contact": "anna",
        "policy": {**QUIET, **network_policy},
    }
    region: dict[str, Any] = {
        "name": "Noord",
        "municipalities": [{"id": "aa", "name": "Aa"}, {"id": "bee", "name": "Bee"}],
    }
    if region_facilitators:
        region["facilitators"] = region_facilitators
    theme: dict[str, Any] = {"name": "Thema", "structural": False}
    if group_policy is not None:
        (region if group == "noord" else theme)["policy"] = group_policy
    out: Files = {
        "network/network.yaml": _dump(net),
        "network/regions/noord.yaml": _dump(region),
        "network/themes/thema.yaml": _dump(theme),
    }
    for mid, org in (("anna", "aa"), ("bert", "bee")):
        out[member(mid, groups=("noord", "thema"), organisation=org)[0]] = member(
            mid, groups=("noord", "thema"), organisation=org
        )[1]
    out.update(dict(files))
    return out


@dataclass(frozen=True)
class Scenario:
    """`files(group)` for a key: with `fires` the check `code` reports at
    `where(level, group)`, with `quiet` it does not; `today` is the day to check on."""

    code: str
    fires: int
    quiet: int
    files: Callable[[str], list[tuple[str, str]]]
    where: Callable[[str, str], str]  # (level, group) -> the path of the finding
    today: str = "2026-11-25"
    facilitators: Callable[[str], dict[str, Any]] | None = None


def _kind(group: str) -> str:
    return "regional" if group == "noord" else "thematic"


def _held(group: str, dates: list[str], **extra: Any) -> list[tuple[str, str]]:
    kind = extra.pop("kind", _kind(group))
    return [meeting(d, group=group, kind=kind, **extra) for d in dates]


def _cor(group: str, **extra: Any) -> tuple[str, str]:
    return member("cor", joined="2026-01-01", groups=(group,), organisation="aa", **extra)


SCENARIOS: dict[str, Scenario] = {
    # a region holding two meetings in 2025: fewer than three
    "meetings_per_year": Scenario(
        "KR403",
        3,
        2,
        lambda g: _held(g, ["2025-01-16", "2025-06-12"]),
        lambda lv, g: "network/regions/noord.yaml",
    ),
    # one thematic meeting in 2025: fewer than two
    "thematic_per_year": Scenario(
        "KR403",
        2,
        1,
        lambda g: _held(g, ["2025-01-16"], kind="thematic"),
        lambda lv, g: "network/network.yaml" if g == "noord" else "network/themes/thema.yaml",
    ),
    # cor came to two of the three meetings since joining
    "commitment_meetings": Scenario(
        "KR303",
        3,
        2,
        lambda g: [
            _cor(g),
            *_held(g, ["2026-02-12", "2026-04-16"], attendees=("anna", "cor")),
            *_held(g, ["2026-06-11"]),
        ],
        lambda lv, g: "network/members/cor.yaml",
    ),
    # five attendees: more than four
    "max_group_size": Scenario(
        "KR404",
        4,
        5,
        lambda g: [
            *(member(m, groups=(g,), organisation="aa") for m in ("cor", "dirk", "eva")),
            *_held(g, ["2026-06-11"], attendees=("anna", "bert", "cor", "dirk", "eva")),
        ],
        lambda lv, g: f"network/meetings/2026/2026-06-11-{g}.md",
    ),
    # three members of aa in noord (anna, cor, dirk): more than two
    "per_organisation": Scenario(
        "KR407",
        2,
        3,
        lambda g: [member(m, groups=(g,), organisation="aa") for m in ("cor", "dirk")],
        lambda lv, g: "network/members/dirk.yaml",
    ),
    # the last evaluation eight months ago
    "evaluation_months": Scenario(
        "KR406",
        6,
        12,
        lambda g: _held(g, ["2025-06-12"]) + _held(g, ["2026-03-12"], kind="evaluation"),
        lambda lv, g: (
            "network/network.yaml" if lv == "network" else f"network/{_folder(g)}/{g}.yaml"
        ),
    ),
    # the owner was absent at the meeting after the case; the one after that is planned
    "follow_up_carry": Scenario(
        "KR302",
        0,
        1,
        lambda g: [
            *_held(g, ["2026-03-12"], cases=["wachtlijst"]),
            *_held(g, ["2026-06-11"], attendees=("bert",)),
            meeting("2026-12-10", group=g, kind=_kind(g), attendees=None),
            case("wachtlijst", f"2026-03-12-{g}", owner="anna"),
        ],
        lambda lv, g: "network/cases/2026/wachtlijst.md",
    ),
    # cor came once, then missed two meetings
    "drift_meetings": Scenario(
        "KR305",
        2,
        3,
        lambda g: [
            _cor(g),
            *_held(g, ["2026-02-12"], attendees=("anna", "cor")),
            *_held(g, ["2026-04-16", "2026-06-11"]),
        ],
        lambda lv, g: "network/members/cor.yaml",
    ),
    # a facilitator with two roles
    "max_roles": Scenario(
        "KR408",
        2,
        3,
        lambda g: [],
        lambda lv, g: "network/network.yaml" if lv == "network" else "network/regions/noord.yaml",
        facilitators=lambda g: {"member": "anna", "roles": ["networker", "chair"]},
    ),
    # anna, the municipal contact, came to one of three meetings
    "contact_share": Scenario(
        "KR410",
        50,
        30,
        lambda g: (
            _held(g, ["2026-02-12"]) + _held(g, ["2026-04-16", "2026-06-11"], attendees=("bert",))
        ),
        lambda lv, g: "network/network.yaml",
    ),
}


def _folder(group: str) -> str:
    return "regions" if group == "noord" else "themes"


def _found(repo_files: Files, make_repo: MakeRepo, scenario: Scenario) -> set[tuple[str, str]]:
    run = check(make_repo(repo_files), today=scenario.today)
    return {(str(f["code"]), str(f["path"])) for f in run.findings}


def _repo(key: str, level: str, at_level: int, on_network: int) -> tuple[Files, str]:
    scenario = SCENARIOS[key]
    group = {"network": "noord", "region": "noord", "theme": "thema"}[level]
    own = None if level == "network" else {key: at_level}
    net_policy = {key: at_level if level == "network" else on_network}
    fac = scenario.facilitators(group) if scenario.facilitators else None
    files = network(
        group,
        scenario.files(group),
        net_policy,
        own,
        facilitators=[fac] if fac and level == "network" else None,
        region_facilitators=[fac] if fac and level == "region" else None,
    )
    return files, scenario.where(level, group)


CASES = [(key, level) for level, keys in LEVELS.items() for key in sorted(keys)]


def test_every_key_has_a_scenario() -> None:
    assert set(SCENARIOS) == set(POLICY_DEFAULTS)


@pytest.mark.parametrize(("key", "level"), CASES, ids=[f"{lv}-{k}" for k, lv in CASES])
def test_a_key_takes_effect_at_its_level(key: str, level: str, make_repo: MakeRepo) -> None:
    scenario = SCENARIOS[key]
    files, where = _repo(key, level, scenario.fires, scenario.quiet)
    assert (scenario.code, where) in _found(files, make_repo, scenario), (key, level)
    files, where = _repo(key, level, scenario.quiet, scenario.fires)
    assert (scenario.code, where) not in _found(files, make_repo, scenario), (key, level)


@pytest.mark.parametrize("level", ["region", "theme"])
def test_the_schemas_accept_exactly_the_keys_that_take_effect(level: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{level}.schema.json").read_text("utf-8"))
    assert set(schema["properties"]["policy"]["properties"]) == LEVELS[level]
    network = json.loads((ROOT / "schemas" / "network.schema.json").read_text("utf-8"))
    assert set(network["properties"]["policy"]["properties"]) == set(POLICY_DEFAULTS)


@pytest.mark.parametrize(
    ("level", "key"),
    [("region", "contact_share"), ("region", "thematic_per_year"), ("theme", "per_organisation")],
)
def test_a_key_that_means_nothing_at_a_level_is_refused_there(
    level: str, key: str, make_repo: MakeRepo
) -> None:
    group = "noord" if level == "region" else "thema"
    files = network(group, [], {}, {key: 1})
    found = _found(files, make_repo, SCENARIOS["meetings_per_year"])
    assert ("KR101", f"network/{_folder(group)}/{group}.yaml") in found


def test_a_theme_takes_a_changed_network_policy_on_a_warm_run(make_repo: MakeRepo) -> None:
    """Themes are built again every run (not kept in the cache): a theme without a policy of
    its own follows the network's, also when only network.yaml changed."""
    scenario = SCENARIOS["max_group_size"]
    files = network("thema", scenario.files("thema"), {"max_group_size": 5}, None)
    repo = make_repo(files)
    where = ("KR404", scenario.where("theme", "thema"))
    assert where not in _found(files, lambda _files: repo, scenario)  # and the cache is warm
    text = (repo / "network/network.yaml").read_text("utf-8")
    (repo / "network/network.yaml").write_text(
        text.replace("max_group_size: 5", "max_group_size: 4")
    )
    assert where in _found(files, lambda _files: repo, scenario)
