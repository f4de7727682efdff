"""SPEC §2.1: the policy defaults, in a network whose network.yaml sets no policy at all.

The health cases (tests/cases/_base_health) and the time cases set their policy explicitly, so
they would still pass if a default drifted. Here each default is pinned at its edge: the
default passes, one past it is the finding, at the line the spec's reader would edit (the
`name:` of the file whose policy decides, as it sets no policy key).
"""

from __future__ import annotations

from support import MakeRepo, base_files, check

NETWORK = "network/network.yaml"
REGION = "network/regions/noord.yaml"


def no_policy() -> dict[str, str | bytes]:
    files = base_files()
    network = str(files[NETWORK])
    files[NETWORK] = network[: network.index("policy:")]
    assert "policy" not in str(files[NETWORK])
    return files


def member(name: str, organisation: str = "stad", joined: str = "2026-01-01") -> str:
    return f"name: {name}\norganisation: {organisation}\ngroups: [noord]\njoined: {joined}\n"


def meeting(date: str, attendees: str, kind: str = "regional") -> str:
    return f"---\ndate: {date}\ngroup: noord\nkind: {kind}\nattendees: [{attendees}]\n---\n"


def test_max_group_size_defaults_to_15(make_repo: MakeRepo) -> None:
    files = no_policy()
    ids = [f"m{i:02d}" for i in range(1, 17)]
    for i, id_ in enumerate(ids):
        files[f"network/members/{id_}.yaml"] = member(id_.upper(), ("stad", "dorp")[i % 2])
    path = "network/meetings/2026/2026-09-10-noord.md"
    files[path] = meeting("2026-09-10", ", ".join(ids[:15]))
    assert check(make_repo(files), "--select", "KR404").found() == set()
    files[path] = meeting("2026-09-10", ", ".join(ids))
    assert check(make_repo(files), "--select", "KR404").found() == {("KR404", path, 5)}


def test_per_organisation_defaults_to_2(make_repo: MakeRepo) -> None:
    files = no_policy()  # anna is of stad already
    files["network/members/dana.yaml"] = member("Dana", joined="2026-02-01")
    assert check(make_repo(files), "--select", "KR407").found() == set()
    files["network/members/eva.yaml"] = member("Eva", joined="2026-03-01")
    found = check(make_repo(files), "--select", "KR407").found()
    assert found == {("KR407", "network/members/eva.yaml", 3)}  # the last to join, at groups


def test_meetings_per_year_defaults_to_4(make_repo: MakeRepo) -> None:
    files = no_policy()
    for date in ("2025-01-09", "2025-04-10", "2025-07-10"):
        files[f"network/meetings/2025/{date}-noord.md"] = meeting(date, "anna")
    # 2025 is finished on 2026-11-25 and its first meeting is in January: four are asked
    found = check(make_repo(files), "--select", "KR403").found()
    assert ("KR403", REGION, 1) in found
    files["network/meetings/2025/2025-10-09-noord.md"] = meeting("2025-10-09", "anna")
    found = check(make_repo(files), "--select", "KR403").found()
    assert ("KR403", REGION, 1) not in found


def test_thematic_per_year_defaults_to_1(make_repo: MakeRepo) -> None:
    files = no_policy()
    for date in ("2025-01-09", "2025-04-10", "2025-07-10", "2025-10-09"):
        files[f"network/meetings/2025/{date}-noord.md"] = meeting(date, "anna")
    assert check(make_repo(files), "--select", "KR403").found() == {("KR403", NETWORK, 1)}
    files["network/meetings/2025/2025-10-09-noord.md"] = meeting(
        "2025-10-09", "anna", kind="thematic"
    )
    assert check(make_repo(files), "--select", "KR403").found() == set()


def test_evaluation_months_defaults_to_12(make_repo: MakeRepo) -> None:
    repo = make_repo(no_policy())  # the evaluation was on 2026-06-11
    assert check(repo, "--select", "KR406", today="2027-06-11").found() == set()
    # the network and its region noord, which evaluated on 2026-06-11 (SPEC §2.1: the region
    # takes the network's value unless it sets its own)
    assert check(repo, "--select", "KR406", today="2027-06-12").found() == {
        ("KR406", NETWORK, 1),
        ("KR406", "network/regions/noord.yaml", 1),
    }


def test_commitment_meetings_defaults_to_3(make_repo: MakeRepo) -> None:
    files = no_policy()  # cor joined 2026-01-01 and attended the meetings of March and June
    path = "network/meetings/2026/2026-09-10-noord.md"
    files[path] = meeting("2026-09-10", "anna, bram, cor")
    assert check(make_repo(files), "--select", "KR303").found() == set()
    files[path] = meeting("2026-09-10", "anna, bram")
    found = check(make_repo(files), "--select", "KR303").found()
    assert found == {("KR303", "network/members/cor.yaml", 4)}  # at joined, where it starts
