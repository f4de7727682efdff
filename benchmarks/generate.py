"""Generate a valid kring network of about N files, deterministically, as a git repository.

    python benchmarks/generate.py 10000 /tmp/net10k
    python benchmarks/generate.py 1500x1500 /tmp/crowd    # 1,500 members at 1,500 meetings

The shape follows the data contract (SPEC §2) and the issue: regions of six municipalities
and twelve members (two per municipality), four regional meetings and one evaluation meeting
per region per year, a thematic meeting per theme per year, attendees, actions and Markdown
minutes, and intervision cases that are followed up at the group's next meeting.

The network is written to give zero findings of error or warning severity as of TODAY (the
benchmark passes it as KRING_TODAY), including the time-dependent and health checks:

- every meeting has taken place and lists attendees; every action is closed;
- every case is followed up at the group's next meeting, where its owner is present;
- members attend every meeting of their first year (the commitment of three meetings);
- two facilitators with spread roles, a municipal contact, an evaluation every year,
  groups of at most fifteen, two members per organisation per region, hosts in rotation;
- no e-mail addresses, phone numbers or long digit runs in any text (privacy checks).

Everything comes from one seeded random generator, and the commit has fixed dates, so the
same N gives the same bytes and the same blob ids.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

SEED = 20260312
LAST_YEAR = 2025
TODAY = "2026-01-20"  # after the last evaluation meeting, within a year of it

MEMBERS_PER_REGION = 12
MUNICIPALITIES_PER_REGION = 6
REGIONS_PER_THEME = 4
REGIONAL_MONTHS = (2, 4, 6, 10)  # four regional meetings a year; evaluation in December

_SYLLABLES = [
    "ber",
    "ven",
    "dam",
    "hol",
    "wijk",
    "lo",
    "zand",
    "brug",
    "veld",
    "horst",
    "mond",
    "kerk",
    "sted",
    "wolde",
    "dorp",
    "haven",
    "ter",
    "gel",
    "ros",
    "mar",
    "lin",
    "den",
    "born",
    "hem",
    "ool",
    "aar",
    "esch",
    "mee",
    "zwa",
    "nij",
    "oud",
    "bree",
    "lande",
]
_FIRST = [
    "anna",
    "bram",
    "daan",
    "eva",
    "femke",
    "gijs",
    "hanna",
    "ilse",
    "joost",
    "karin",
    "lotte",
    "marieke",
    "noor",
    "pieter",
    "ruud",
    "sander",
    "tessa",
    "umar",
    "vera",
    "wouter",
    "yvonne",
    "zeynep",
]
_LAST = [
    "de-vries",
    "jansen",
    "bakker",
    "visser",
    "smit",
    "meijer",
    "mulder",
    "bos",
    "vos",
    "peters",
    "hendriks",
    "dekker",
    "brouwer",
    "kamphuis",
    "wiggers",
    "verhoeven",
    "brinkman",
    "smeenk",
    "bosman",
    "te-brake",
]
_TOPICS = (
    "waiting lists in youth care",
    "debt support for young adults",
    "school absence and worries at home",
    "community care and loneliness",
    "newcomer families and school",
    "the handover to adult services",
    "plain language in our letters",
    "working with the neighbourhood team",
    "informal carers who are worn out",
    "data sharing between services",
)
_THEMES = (
    ("jeugd-en-veiligheid", "Jeugd en veiligheid"),
    ("schulden", "Schulden en bestaanszekerheid"),
    ("wonen-en-zorg", "Wonen en zorg"),
    ("laaggeletterdheid", "Laaggeletterdheid"),
    ("mantelzorg", "Mantelzorg"),
    ("inburgering", "Inburgering"),
    ("armoede", "Armoede"),
    ("werk-en-inkomen", "Werk en inkomen"),
)


def years_for(n: int) -> int:
    """Twenty years of history for a national network; fewer for a small one."""
    return max(2, min(20, n // 500))


def files_per_region(years: int) -> float:
    # region + members + (4 regional + 1 evaluation) meetings a year + about 4 cases a year
    # + a share of the themes' files
    return 1 + MEMBERS_PER_REGION + years * 9 + (1 + years) / REGIONS_PER_THEME


class Names:
    """Unique, plausible, deterministic names and ids."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def place(self) -> tuple[str, str]:
        while True:
            parts = self.rng.sample(_SYLLABLES, 2)
            ident = "".join(parts)
            if ident not in self.used:
                self.used.add(ident)
                return ident, ident.capitalize()

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
        ident = f"{first}-{last}"
        n = 2
        while ident in self.used:
            ident = f"{first}-{last}-{n}"
            n += 1
        self.used.add(ident)
        name = f"{first.capitalize()} {last.replace('-', ' ').title().replace('De ', 'de ')}"
        return ident, name.replace("Te ", "te ")


def _list(items: list[str]) -> str:
    return "".join(f"  - {item}\n" for item in items)


class Generator:
    def __init__(self, n: int) -> None:
        self.rng = random.Random(SEED)
        self.names = Names(self.rng)
        self.years = years_for(n)
        self.first_year = LAST_YEAR - self.years + 1
        self.regions = max(1, round(n / files_per_region(self.years)))
        self.files: dict[str, str] = {}

    def run(self) -> dict[str, str]:
        regions = [self.region(i) for i in range(self.regions)]
        themes = self.themes(regions)
        self.network(regions)
        for region in regions:
            self.region_meetings(region)
        for theme in themes:
            self.theme_meetings(theme)
        return self.files

    # --- entities ---------------------------------------------------------------------

    def region(self, index: int) -> dict[str, object]:
        rid = f"regio-{index + 1:03d}"
        municipalities = [self.names.place() for _ in range(MUNICIPALITIES_PER_REGION)]
        joined = dt.date(self.first_year - 1, 12, 1) + dt.timedelta(days=index % 20)
        members = []
        for k in range(MEMBERS_PER_REGION):
            mid, name = self.names.person()
            organisation = municipalities[k // 2][0]
            members.append(mid)
            gives = self.rng.sample(_TOPICS, 2)
            wants = self.rng.sample([t for t in _TOPICS if t not in gives], 2)
            self.files[f"network/members/{mid}.yaml"] = (
                f"name: {name}\n"
                f"organisation: {organisation}\n"
                f"groups: [{rid}]\n"
                f"joined: {joined.isoformat()}\n"
                f"stage: {'advanced' if k % 3 else 'starter'}\n"
                f"gives:\n{_list(gives)}"
                f"wants:\n{_list(wants)}"
            )
        rotation = [m[0] for m in municipalities]
        self.files[f"network/regions/{rid}.yaml"] = (
            f"# Regional platform {index + 1}.\n"
            f"name: Regio {municipalities[0][1]} {index + 1}\n"
            "municipalities:\n"
            + "".join(f"  - id: {mid}\n    name: {name}\n" for mid, name in municipalities)
            + "facilitators:\n"
            f"  - member: {members[0]}\n    roles: [initiator, chair]\n"
            f"  - member: {members[1]}\n    roles: [networker, process-guide]\n"
            f"host_rotation: [{', '.join(rotation)}]\n"
        )
        return {"id": rid, "members": members, "rotation": rotation, "joined": joined}

    def themes(self, regions: list[dict[str, object]]) -> list[dict[str, object]]:
        out = []
        for t in range((len(regions) + REGIONS_PER_THEME - 1) // REGIONS_PER_THEME):
            base, name = _THEMES[t % len(_THEMES)]
            tid = base if t < len(_THEMES) else f"{base}-{t // len(_THEMES) + 1}"
            self.files[f"network/themes/{tid}.yaml"] = (
                f"name: {name}\n"
                "description: >-\n"
                f"  A standing cross-link between regions on {name.lower()}.\n"
                "structural: true\n"
            )
            group = regions[t * REGIONS_PER_THEME : (t + 1) * REGIONS_PER_THEME]
            # one member of each region (not a facilitator) joins the theme from the start
            members = [r["members"][2] for r in group]  # type: ignore[index]
            for member in members:
                path = f"network/members/{member}.yaml"
                rid = next(r["id"] for r in group if member in r["members"])  # type: ignore[operator]
                self.files[path] = self.files[path].replace(
                    f"groups: [{rid}]", f"groups: [{rid}, {tid}]"
                )
            out.append({"id": tid, "members": members})
        return out

    def network(self, regions: list[dict[str, object]]) -> None:
        first = regions[0]["members"]  # type: ignore[index]
        self.files["network/network.yaml"] = (
            "# A generated national network for kring's benchmarks.\n"
            "name: Landelijke Kenniskring Sociaal Domein\n"
            "description: >-\n"
            "  Regional platforms of municipalities that meet four times a year, bring\n"
            "  intervision cases and report back at the next meeting.\n"
            "kind: external\n"
            "focus: operational\n"
            "goals:\n"
            "  - Share practical knowledge across municipal borders.\n"
            "  - Bring research into daily practice.\n"
            "facilitators:\n"
            f"  - member: {first[0]}\n    roles: [initiator, chair]\n"
            f"  - member: {first[1]}\n    roles: [networker, process-guide]\n"
            f"municipal_contact: {first[0]}\n"
            "partners:\n"
            "  - id: kenniscentrum-sociaal-domein\n"
            "    name: Kenniscentrum Sociaal Domein\n"
            "    kind: university of applied sciences\n"
            "lang: en\n"
            "policy:\n"
            "  meetings_per_year: 4\n"
            "  thematic_per_year: 1\n"
            "  commitment_meetings: 3\n"
            "  max_group_size: 15\n"
            "  per_organisation: 2\n"
            "  evaluation_months: 12\n"
            "  follow_up_carry: 1\n"
        )

    # --- meetings and cases -------------------------------------------------------------

    def region_meetings(self, region: dict[str, object]) -> None:
        rid = str(region["id"])
        members: list[str] = region["members"]  # type: ignore[assignment]
        rotation: list[str] = region["rotation"]  # type: ignore[assignment]
        offset = int(rid.rsplit("-", 1)[1]) % 5
        plan: list[tuple[dt.date, str]] = []
        for year in range(self.first_year, LAST_YEAR + 1):
            for month in REGIONAL_MONTHS:
                plan.append((dt.date(year, month, 3 + offset + self.rng.randrange(20)), "regional"))
            plan.append((dt.date(year, 12, 1 + offset + self.rng.randrange(5)), "evaluation"))
        # who is present: everyone in the first year (their attendance commitment), then
        # now and then someone sends apologies, never three times in a row (KR305)
        present = []
        missed = dict.fromkeys(members, 0)
        for date, _ in plan:
            if date.year == self.first_year:
                here = list(members)
            else:
                # the random draw comes first, so the network stays the one of the same seed
                here = [m for m in members if self.rng.random() > 0.12 or missed[m] >= 2]
            for m in members:
                missed[m] = 0 if m in here else missed[m] + 1
            present.append(here)
        for index, (date, kind) in enumerate(plan):
            here = present[index]
            nxt = plan[index + 1] if index + 1 < len(plan) else None
            later = set(present[index + 1]) if nxt else set()
            case = None
            if kind == "regional" and nxt is not None:
                owners = [m for m in here if m in later]
                if owners:
                    owner = owners[index % len(owners)]
                    case = self.case(rid, date, owner, nxt[0], index)
            self.meeting(
                rid,
                date,
                kind,
                here,
                [m for m in members if m not in here],
                host=rotation[index % len(rotation)],
                case=case,
                next_date=nxt[0] if nxt else None,
            )

    def case(self, rid: str, date: dt.date, owner: str, follow_at: dt.date, index: int) -> str:
        topic = _TOPICS[(index + len(rid)) % len(_TOPICS)]
        cid = f"{rid}-{date.isoformat()}-casus"
        meeting = f"{date.isoformat()}-{rid}"
        follow_meeting = f"{follow_at.isoformat()}-{rid}"
        self.files[f"network/cases/{date.year}/{cid}.md"] = (
            "---\n"
            f"title: A question about {topic}\n"
            f"owner: {owner}\n"
            f"presented_at: {meeting}\n"
            "confidential: true\n"
            f"question: How do we keep {topic} workable for the resident and for us?\n"
            "knowledge_sources: [experiential, professional]\n"
            "intention:\n"
            "  what: Try the group's advice with one family and report back.\n"
            "  due: next-meeting\n"
            "follow_up:\n"
            f"  reported_at: {follow_meeting}\n"
            "  done: Tried the advice with one family and with two colleagues.\n"
            "  result: The family has one contact person now; the colleagues use the checklist.\n"
            "  lessons: Ask the resident early, and write it down in plain words.\n"
            "status: followed-up\n"
            "---\n\n"
            f"# A question about {topic}\n\n"
            "The owner described the situation of a family with several services involved.\n"
            "Each service sends its own letters and plans its own appointments, and the\n"
            "family has started to miss them, which the services read as unwillingness.\n\n"
            "## Advice from the group\n\n"
            "- choose one coordinating contact;\n"
            "- check every letter with the resident;\n"
            "- plan appointments on one fixed morning a week.\n"
        )
        return cid

    def meeting(
        self,
        group: str,
        date: dt.date,
        kind: str,
        attendees: list[str],
        apologies: list[str],
        *,
        host: str | None,
        case: str | None,
        next_date: dt.date | None,
    ) -> None:
        mid = f"{date.isoformat()}-{group}"
        topic = _TOPICS[(date.toordinal() + len(group)) % len(_TOPICS)]
        closed = (next_date or date + dt.timedelta(days=14)).isoformat()
        actions = ""
        for n, owner in enumerate(attendees[1:3]):
            actions += (
                f"  - id: a{n + 1}\n"
                f"    owner: {owner}\n"
                f"    what: Share the notes on {topic} with the colleagues at home.\n"
                "    due: next-meeting\n"
                "    status: done\n"
                f"    closed: {closed}\n"
            )
        text = "---\n"
        text += f"date: {date.isoformat()}\ngroup: {group}\nkind: {kind}\n"
        if host:
            text += f"host: {host}\nlocation: Town hall {host.capitalize()}\n"
        text += 'start: "13:30"\nend: "16:30"\n'
        text += f"chair: {attendees[0]}\n"
        text += f"attendees:\n{_list(attendees)}"
        if apologies:
            text += f"apologies:\n{_list(apologies)}"
        text += f"topic: {topic.capitalize()}\n"
        if case:
            text += f"cases:\n  - {case}\n"
        if actions:
            text += f"actions:\n{actions}"
        if len(attendees) > 3:
            text += f"next:\n  topic: {topic.capitalize()}, continued\n"
            text += f"  prepared_by: {attendees[3]}\n"
        text += "---\n\n"
        text += f"# {group}, {date.isoformat()}\n\n"
        text += "## Round of updates\n\n"
        for member in attendees[:4]:
            text += f"- **{member}**: what happened since the last meeting, and one tip.\n"
        text += f"\n## {topic.capitalize()}\n\n"
        text += (
            "The group discussed what works and what does not, with examples from each\n"
            "municipality. Two colleagues will share their notes (see the actions).\n"
        )
        if case:
            text += f"\n## Intervision\n\nA case was brought in: see `{case}`.\n"
        self.files[f"network/meetings/{date.year}/{mid}.md"] = text

    def theme_meetings(self, theme: dict[str, object]) -> None:
        tid = str(theme["id"])
        members: list[str] = theme["members"]  # type: ignore[assignment]
        for year in range(self.first_year, LAST_YEAR + 1):
            date = dt.date(year, 9, 10 + self.rng.randrange(15))
            self.meeting(
                tid,
                date,
                "thematic",
                list(members),
                [],
                host=None,
                case=None,
                next_date=None,
            )


class Crowd:
    """One region whose every member attends every meeting: M members x N meetings.

    The extreme of attendance (issue 16): every attendance entry counts for coverage,
    commitments, cadence and the report, so a cost that grows with members x meetings x
    attendees shows here. Valid as of TODAY: the policy allows the group size and the
    members per organisation, every meeting lists everyone, hosts follow the rotation and
    every tenth meeting is an evaluation.
    """

    MUNICIPALITIES = 6

    def __init__(self, members: int, meetings: int) -> None:
        self.members = members
        self.meetings = meetings
        self.files: dict[str, str] = {}

    def run(self) -> dict[str, str]:
        rid = "menigte"
        places = [f"gemeente-{k + 1}" for k in range(self.MUNICIPALITIES)]
        ids = [f"lid-{k + 1:04d}" for k in range(self.members)]
        first = dt.date(LAST_YEAR, 12, 31) - dt.timedelta(days=5 * self.meetings)
        joined = first - dt.timedelta(days=30)
        for k, mid in enumerate(ids):
            self.files[f"network/members/{mid}.yaml"] = (
                f"name: Lid {k + 1}\n"
                f"organisation: {places[k % len(places)]}\n"
                f"groups: [{rid}]\n"
                f"joined: {joined.isoformat()}\n"
            )
        per_organisation = -(-self.members // len(places))
        self.files[f"network/regions/{rid}.yaml"] = (
            "name: Menigte\n"
            "municipalities:\n"
            + "".join(f"  - id: {p}\n    name: Gemeente {k + 1}\n" for k, p in enumerate(places))
            + "facilitators:\n"
            f"  - member: {ids[0]}\n    roles: [initiator, chair]\n"
            f"  - member: {ids[1]}\n    roles: [networker, process-guide]\n"
            f"host_rotation: [{', '.join(places)}]\n"
            "policy:\n"
            f"  max_group_size: {self.members}\n"
            f"  per_organisation: {per_organisation}\n"
        )
        self.files["network/network.yaml"] = (
            "name: Menigte\n"
            "facilitators:\n"
            f"  - member: {ids[0]}\n    roles: [initiator, chair]\n"
            f"  - member: {ids[1]}\n    roles: [networker, process-guide]\n"
            f"municipal_contact: {ids[0]}\n"
            "lang: en\n"
            "policy:\n"
            "  thematic_per_year: 0  # one region, no themes\n"
        )
        everyone = ", ".join(ids)
        for n in range(self.meetings):
            date = first + dt.timedelta(days=5 * n)
            kind = "evaluation" if n % 10 == 9 else "regional"
            self.files[f"network/meetings/{date.year}/{date.isoformat()}-{rid}.md"] = (
                "---\n"
                f"date: {date.isoformat()}\ngroup: {rid}\nkind: {kind}\n"
                f"host: {places[n % len(places)]}\n"
                f"chair: {ids[n % len(ids)]}\n"
                f"attendees: [{everyone}]\n"
                "---\n\nEveryone came.\n"
            )
        return self.files


def write(files: dict[str, str], out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (out / "README.md").write_text(
        f"# A generated network of {len(files)} files\n\nMade by kring's benchmarks/generate.py;"
        f" check it with `KRING_TODAY={TODAY} kring check`.\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "kring benchmark",
        "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
        "GIT_COMMITTER_NAME": "kring benchmark",
        "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
        "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+0000",
        "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+0000",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "network"]):
        subprocess.run(["git", *args], cwd=out, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "size",
        help="about this many files (10000), or MxN: M members who each attend N meetings "
        "of one region (1500x1500)",
    )
    parser.add_argument("out", type=Path, help="the folder to write (replaced if it exists)")
    args = parser.parse_args(argv)
    if "x" in args.size:
        members, meetings = (int(part) for part in args.size.split("x", 1))
        files = Crowd(members, meetings).run()
    else:
        files = Generator(int(args.size)).run()
    write(files, args.out)
    print(f"{len(files)} files in {args.out} (check with KRING_TODAY={TODAY})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
