"""The network's practice loop (issue 18), end to end through the commands a facilitator runs:
an evaluation per region, a drifting member from `kring check` to `kring agenda`, a shared
lesson of a confidential case and nothing else of it, `kring match`, the round of updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import MakeRepo, case, check, kring, meeting, member, network

# --- a region's own evaluation_months ----------------------------------------------------


def evaluated(region_policy: dict[str, int] | None) -> dict[str, str | bytes]:
    return network(
        member("cor", organisation="bee"),
        meeting("2025-10-16"),
        meeting("2026-03-12", kind="evaluation"),  # eight months before TODAY
        meeting("2026-10-15"),
        policy={"evaluation_months": 12},
        region_policy=region_policy,
    )


def test_a_region_s_six_months_ask_an_evaluation_the_network_s_twelve_would_not(
    make_repo: MakeRepo,
) -> None:
    plain = check(make_repo(evaluated(None)), "--select", "KR406")
    assert plain.found() == set(), plain.output
    own = check(make_repo(evaluated({"evaluation_months": 6})), "--select", "KR406")
    assert own.found() == {("KR406", "network/regions/noord.yaml", 14)}, own.output
    assert own.messages("KR406") == [
        "Noord held no evaluation meeting in the last 6 months; the last was on 2026-03-12"
    ]


def test_the_agenda_proposes_the_evaluation_that_is_due(make_repo: MakeRepo) -> None:
    repo = make_repo(evaluated({"evaluation_months": 6}))
    result = kring(repo, "agenda", "noord", "--date", "2026-12-10")
    assert result.exit_code == 0, result.output
    assert "\nkind: evaluation\n" in result.output
    assert "## Evaluation" in result.output
    assert "An evaluation is due: the last was on 2026-03-12" in result.output
    assert "Are the roles well divided, or does someone wear too many hats?" in result.output
    plain = kring(make_repo(evaluated(None)), "agenda", "noord", "--date", "2026-12-10")
    assert "\nkind: regional\n" in plain.output and "## Evaluation" not in plain.output


# --- a drifting member, from kring check to kring agenda ------------------------------------

DATES = ["2026-01-15", "2026-02-12", "2026-03-12", "2026-04-16", "2026-06-11", "2026-09-17"]


def drifting() -> dict[str, str | bytes]:
    """Cor commits to three meetings, comes to them, then misses three (one with apologies)."""
    meetings = [
        meeting(
            day,
            attendees=("anna", "bert", "cor") if n < 3 else ("anna", "bert"),
            apologies=["cor"] if day == "2026-06-11" else [],
            kind="evaluation" if n == 2 else "regional",
        )
        for n, day in enumerate(DATES)
    ]
    return network(
        member("cor", joined="2026-01-01", commitment={"meetings": 3, "from": "2026-01-01"}),
        *meetings,
        meeting("2026-12-10", attendees=None, topic="Working with schools"),
        policy={"commitment_meetings": 3, "contact_share": 0},
    )


def test_a_member_who_kept_three_and_missed_three_is_drifting(make_repo: MakeRepo) -> None:
    repo = make_repo(drifting())
    run = check(repo, "--select", "KR3")
    assert run.found() == {("KR305", "network/members/cor.yaml", 3)}, run.output
    assert run.messages("KR305") == [
        "cor missed the last 3 meetings of their groups, from 2026-04-16-noord to "
        "2026-09-17-noord (apologies for 1); the last they attended was 2026-03-12-noord"
    ]
    agenda = kring(repo, "agenda", "noord")
    assert agenda.exit_code == 0, agenda.output
    invite = agenda.output.split("## Invite personally\n\n", 1)[1].split("\n\n", 1)[0]
    assert invite == "- Cor (cor): missed the last 3 meetings, since 2026-04-16"
    # Cor is not proposed to bring a case while he stays away
    turns = agenda.output.split("## Whose turn for a case\n\n", 1)[1].split("\n\n", 1)[0]
    assert "cor" not in turns and "Anna (anna)" in turns


def test_coming_back_ends_the_drift(make_repo: MakeRepo) -> None:
    files = drifting()
    files.update([meeting("2026-09-17", attendees=("anna", "bert", "cor"))])
    repo = make_repo(files)
    assert check(repo, "--select", "KR3").found() == set()
    assert "Cor (cor)" not in kring(repo, "agenda", "noord").output.split("## Invite")[1]


def test_wants_that_match_the_topic_are_a_reason_to_invite(make_repo: MakeRepo) -> None:
    files = drifting()
    files.update([member("dirk", organisation="bee", wants=["contacts with schools"])])
    out = kring(make_repo(files), "agenda", "noord").output
    assert (
        "- Dirk (dirk): looks for 'contacts with schools', which the topic touches (schools)"
    ) in out


# --- a confidential case's lesson ---------------------------------------------------------

SECRETS = {
    "title": "CANARY-TITLE the family at the harbour",
    "question": "CANARY-QUESTION who pays the rent",
    "what": "CANARY-INTENTION call the landlord",
    "done": "CANARY-DONE called him twice",
    "result": "CANARY-RESULT the eviction stopped",
    "narrative": "CANARY-NARRATIVE a long story of the family",
}
LESSON = "Call the landlord before the summons, not after."


def confidential(share: bool | None) -> dict[str, str | bytes]:
    extra = {} if share is None else {"share_lesson": share}
    path, text = case(
        "huurschuld",
        "2026-03-12-noord",
        owner="anna",
        body=SECRETS["narrative"],
        title=SECRETS["title"],
        question=SECRETS["question"],
        intention={"what": SECRETS["what"], "due": "next-meeting"},
        follow_up={
            "reported_at": "2026-06-11-noord",
            "done": SECRETS["done"],
            "result": SECRETS["result"],
            "lessons": LESSON,
        },
        status="followed-up",
        **extra,
    )
    return network(
        meeting("2026-03-12", cases=["huurschuld"]),
        meeting("2026-06-11"),
        (path, text),
    )


def outputs(repo: Path) -> dict[str, str]:
    """Everything kring shows of the network: pages, check, due, agenda, match, calendar."""
    out = {}
    assert kring(repo, "report").exit_code == 0
    for page in sorted((repo / "network").rglob("*.md")):
        if page.read_text("utf-8").startswith("<!-- kring: generated"):
            out[page.relative_to(repo).as_posix()] = page.read_text("utf-8")
    for args in (
        ("check", "--format", "json"),
        ("check", "--format", "markdown"),
        ("due", "--format", "json"),
        ("agenda", "noord", "--date", "2026-12-10"),
        ("match",),
        ("calendar",),
    ):
        out[" ".join(args)] = kring(repo, *args).output
    return out


def test_a_confidential_lesson_is_shared_only_with_share_lesson(make_repo: MakeRepo) -> None:
    for share in (None, False):
        shown = outputs(make_repo(confidential(share)))
        assert not any(LESSON in text for text in shown.values()), share
    shown = outputs(make_repo(confidential(True)))
    lessons = shown.pop("network/lessons/noord.md")
    assert f"- {LESSON}" in lessons
    # shown without any other field of the case: no id, owner, dates or link to it
    shared = lessons.split("### Shared from confidential cases", 1)[1].split("## From the round")[0]
    for field in ("huurschuld", "Anna", "anna", "2026-03-12", "2026-06-11", "cases/"):
        assert field not in shared, field
    assert not any(LESSON in text for text in shown.values())
    for text in [lessons, *shown.values()]:
        for secret in SECRETS.values():
            assert secret.split()[0] not in text


def test_a_public_case_s_lesson_comes_with_the_case(make_repo: MakeRepo) -> None:
    files = confidential(None)
    path = "network/cases/2026/huurschuld.md"
    files[path] = str(files[path]).replace("---\ntitle:", "---\nconfidential: false\ntitle:", 1)
    lessons = outputs(make_repo(files))["network/lessons/noord.md"]
    row = next(line for line in lessons.splitlines() if LESSON in line)
    assert "huurschuld" in row and SECRETS["title"] in row and "2026-06-11" in row


# --- the round of updates ---------------------------------------------------------------


def test_an_open_ask_is_carried_forward_until_it_is_answered(make_repo: MakeRepo) -> None:
    ask = {"member": "bert", "happened": "Started.", "ask": "Who knows a good trainer?"}
    files = network(
        meeting("2026-03-12", updates=[ask]),
        meeting(
            "2026-06-11", updates=[{"member": "anna", "learned": "Ask early.", "tips": "Call."}]
        ),
    )
    repo = make_repo(files)
    out = kring(repo, "agenda", "noord").output
    assert "At the last meeting, on 2026-06-11, updates came from Anna (anna)" in out
    assert "- Bert (bert) asked on 2026-03-12, still open: Who knows a good trainer?" in out
    files.update([meeting("2026-03-12", updates=[{**ask, "answered": "2026-06-11"}])])
    repo = make_repo(files)
    assert "still open" not in kring(repo, "agenda", "noord").output
    # a replay from before the answer still carries it
    assert "still open" in kring(repo, "agenda", "noord", today="2026-05-01").output
    # updates count as giving, and their lessons reach the lessons page
    assert kring(repo, "report").exit_code == 0
    page = (repo / "network/lessons/noord.md").read_text("utf-8")
    assert "| Ask early. | Call. |" in page


# --- kring match -------------------------------------------------------------------------


def test_match_pairs_gives_with_wants_across_organisations(make_repo: MakeRepo) -> None:
    files = network(
        member("anna", organisation="aa", wants=["training for front desk teams"]),
        member("bert", organisation="bee", gives=["front desk training"]),
        member("cor", organisation="aa", gives=["training of front desk staff"]),  # colleague
        member("dirk", organisation="cee", gives=["desk work"], left="2026-10-01"),  # left
        member("eva", organisation="cee", gives=["front desk"], wants=["front desk"]),
        meeting("2026-03-12", attendees=("anna", "bert")),
    )
    result = kring(make_repo(files), "match", "--format", "json")
    assert result.exit_code == 0, result.output
    pairs = [
        (p["wants"]["member"], p["gives"]["member"], p["shared"], p["met"])
        for p in json.loads(result.output)["pairs"]
    ]
    # never oneself (eva), a colleague (cor for anna) or someone who left (dirk); the most
    # words in common first, then those who have not met yet
    assert pairs == [
        ("anna", "bert", ["training", "front", "desk"], 1),
        ("anna", "eva", ["front", "desk"], 0),
        ("eva", "bert", ["front", "desk"], 0),
        ("eva", "cor", ["front", "desk"], 0),
    ]
    text = kring(make_repo(files), "match", "--member", "bert").output
    assert "Bert (bert) gives: front desk training" in text
    assert "Cor (cor)" not in text
    assert kring(make_repo(files), "match", "--member", "bertt").exit_code == 2
    # --most: the best so many, and how many there are in all
    repo = make_repo(files)
    best = json.loads(kring(repo, "match", "--most", "2", "--format", "json").output)
    assert [(p["wants"]["member"], p["gives"]["member"]) for p in best["pairs"]] == [
        ("anna", "bert"),
        ("anna", "eva"),
    ]
    assert best["total"] == 4
    assert kring(repo, "match", "--most", "2").output.startswith(
        "Who could help whom on 2026-11-25: the best 2 of 4 pairs (--most 0 shows them all)\n"
    )
    every = kring(repo, "match", "--most", "0").output
    assert every.startswith("Who could help whom on 2026-11-25: 4 pairs\n")


# gives that share no word with the wants: with them, 4 wants x 21 gives is past the few
# topics matchmaking compares pair by pair, and it counts by stem instead
UNRELATED = [
    "piano", "violin", "gardening", "cycling", "chess", "pottery", "baking", "sailing",
    "painting", "hiking", "knitting", "fishing", "rowing", "singing", "juggling", "archery",
    "climbing",
]  # fmt: skip


@pytest.mark.parametrize("unrelated", [[], UNRELATED], ids=["few topics", "many topics"])
def test_a_pair_quotes_the_want_and_give_with_the_most_words_in_common(
    make_repo: MakeRepo, unrelated: list[str]
) -> None:
    # the want and give shown are those sharing the most words; on a tie the first written
    wants = ["desk", "front desk", "training for the front desk", "front desk training"]
    gives = ["staff", "front desk help", "desk training at the front", "front desk tips"]
    gives += unrelated
    files = network(
        member("anna", organisation="aa", wants=wants),
        member("bert", organisation="bee", gives=gives),
    )
    result = kring(make_repo(files), "match", "--format", "json")
    [pair] = json.loads(result.output)["pairs"]
    assert pair["wants"]["topic"] == "training for the front desk"
    assert pair["gives"]["topic"] == "desk training at the front"
    assert pair["shared"] == ["training", "front", "desk"]


# --- the region page: municipalities, and updates as giving ------------------------------


def test_the_region_page_shows_each_municipality(make_repo: MakeRepo) -> None:
    files = network(
        member("bert", organisation="bee"),
        member("cor", organisation="bee", left="2026-05-01"),
        meeting("2026-03-12", attendees=("anna", "cor"), host="aa", cases=["c1"]),
        meeting("2026-06-11", attendees=("anna",), host="bee", updates=[{"member": "anna"}]),
        meeting("2026-09-17", attendees=("anna", "bert"), host="aa"),
        case("c1", "2026-03-12-noord", owner="cor"),
    )
    repo = make_repo(files)
    assert kring(repo, "report").exit_code == 0
    page = (repo / "network/regions/noord.md").read_text("utf-8")
    section = page.split("## Municipalities\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines()[2:] == [
        "| Aa | [Anna](../members/anna.yaml) | 3 / 3 (100%) | 0 | 2 |",
        # cor left: bee counts its members of today, and what cor did while he took part
        "| Bee | [Bert](../members/bert.yaml) | 2 / 3 (67%) | 1 | 1 |",
        "| Cee | — | 0 / 3 (0%) | 0 | 0 |",
    ]
    giving = page.split("## Giving and taking\n", 1)[1]
    # anna: 3 meetings attended, one update given (her only contribution)
    assert "| [Anna](../members/anna.yaml) | 3 | 0 | 0 | 0 | 0 | 1 | 1 | 0.3 |" in giving
