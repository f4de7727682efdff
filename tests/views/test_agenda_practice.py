"""`kring agenda`'s assistant sections (kring.views.agenda_practice): whose turn it is for a
case, whom to invite personally, and when an evaluation is proposed — on small networks
through the real command."""

from __future__ import annotations

from support import MakeRepo, case, kring, meeting, member, network


def section(output: str, title: str) -> list[str]:
    """The lines of one `## title` section of the agenda."""
    body = output.split(f"## {title}\n\n", 1)[1].split("\n\n", 1)[0]
    return body.splitlines()


def test_whose_turn_never_first_then_longest_ago_at_most_three(make_repo: MakeRepo) -> None:
    files = network(
        *(member(m, organisation="aa") for m in ("cor", "dirk", "eva", "finn")),
        meeting("2026-02-12", attendees=("anna", "bert"), cases=["c1"]),
        meeting("2026-06-11", attendees=("anna", "bert"), cases=["c2"]),
        case("c1", "2026-02-12-noord", owner="bert"),
        case("c2", "2026-06-11-noord", owner="anna"),
        # eva sends apologies for the coming meeting: not expected
        meeting("2026-12-10", attendees=None, apologies=["eva"]),
    )
    out = kring(make_repo(files), "agenda", "noord").output
    assert section(out, "Whose turn for a case") == [
        "- Cor (cor): has not brought a case here yet",
        "- Dirk (dirk): has not brought a case here yet",
        "- Finn (finn): has not brought a case here yet",
    ]
    files.update([member("cor", organisation="aa", left="2026-11-01")])
    files.update([member("dirk", organisation="aa", left="2026-11-01")])
    files.update([member("finn", organisation="aa", left="2026-11-01")])
    out = kring(make_repo(files), "agenda", "noord").output
    assert section(out, "Whose turn for a case") == [
        "- Bert (bert): last brought a case on 2026-02-12",
        "- Anna (anna): last brought a case on 2026-06-11",
    ]


def test_anyone_whose_wants_match_is_invited_to_a_theme_not_to_a_region(
    make_repo: MakeRepo,
) -> None:
    files = network(
        member("cor", organisation="aa", groups=("noord",), wants=["safety of young people"]),
        meeting("2026-06-11", attendees=("anna", "bert"), group="thema"),
        meeting("2026-06-18", attendees=("anna", "bert")),
        theme=True,
    )
    repo = make_repo(files)
    theme = kring(repo, "agenda", "thema", "--date", "2027-06-10").output
    assert section(theme, "Invite personally") == [
        "Nobody to invite personally: nobody drifts, and no wants match the topic."
    ]
    files.update(
        [
            meeting(
                "2026-06-11",
                attendees=("anna", "bert"),
                group="thema",
                next={"topic": "Young people and safety"},
            )
        ]
    )
    repo = make_repo(files)
    theme = kring(repo, "agenda", "thema", "--date", "2027-06-10").output
    assert section(theme, "Invite personally") == [
        "- Cor (cor): looks for 'safety of young people', which the topic touches "
        "(safety, young, people)"
    ]
    files.update(
        [
            meeting(
                "2026-06-18", attendees=("anna", "bert"), next={"topic": "Young people and safety"}
            )
        ]
    )
    region = kring(make_repo(files), "agenda", "noord", "--date", "2026-12-10").output
    assert "Cor (cor): looks for" in region  # cor is a member of noord
    files.update([member("cor", organisation="aa", groups=("thema",), wants=["safety"])])
    region = kring(make_repo(files), "agenda", "noord", "--date", "2026-12-10").output
    assert "Cor (cor)" not in region  # noord's agenda invites noord's members


def test_a_starting_group_is_proposed_an_evaluation_at_the_end_of_its_commitment(
    make_repo: MakeRepo,
) -> None:
    held = [meeting(d) for d in ("2026-02-12", "2026-04-16")]
    files = network(*held, policy={"commitment_meetings": 3, "contact_share": 0})
    repo = make_repo(files)
    third = kring(repo, "agenda", "noord", "--date", "2026-12-10").output
    assert "\nkind: evaluation\n" in third
    assert (
        "- An evaluation is due: the group has held 2 meetings and evaluates once its first "
        "3, the commitment period, are over."
    ) in third
    files = network(*held[:1], policy={"commitment_meetings": 3, "contact_share": 0})
    second = kring(make_repo(files), "agenda", "noord", "--date", "2026-12-10").output
    assert "\nkind: regional\n" in second and "## Evaluation" not in second


def test_a_theme_is_proposed_an_evaluation_only_when_it_asks_for_one(make_repo: MakeRepo) -> None:
    held = [meeting(d, group="thema") for d in ("2025-02-12", "2025-09-16", "2026-02-12")]
    files = network(*held, policy={"commitment_meetings": 3}, theme=True)
    out = kring(make_repo(files), "agenda", "thema", "--date", "2026-12-10").output
    assert "\nkind: thematic\n" in out and "## Evaluation" not in out
    files["network/themes/thema.yaml"] = (
        "name: Thema\nstructural: true\npolicy:\n  evaluation_months: 12\n"
    )
    out = kring(make_repo(files), "agenda", "thema", "--date", "2026-12-10").output
    assert "\nkind: evaluation\n" in out
    assert "An evaluation is due: the group has not evaluated yet" in out
