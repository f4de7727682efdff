"""A koepel of many networks, generated, and what kring koepel costs on it (issue 19).

    python benchmarks/koepel_scale.py                       # 200 networks, 5 repeats
    python benchmarks/koepel_scale.py --networks 50 --repeat 3
    python benchmarks/koepel_scale.py --keep /tmp/koepel200 # leave the generated koepel there

The koepel is generated, seeded, with fixed dates, so the same --networks gives the same
bytes: N network folders, each a git repository whose `network/export.json` (a synthetic
export of schema version 1: 2 to 6 groups, 3 to 12 years, numbers that give no finding) is
committed on `main` and also left in the work tree, and two koepel repositories listing them
all — `by-path/` (`path: ../networks/<id>`) and `by-ref/` (`git: ../networks/<id>`, `ref:
main`, read from git objects).

What is measured, each the median of --repeat runs:

- check: `kring koepel check` on by-path/, a subprocess, wall clock (start-up included);
- report: `kring koepel report` on by-path/, with its pages removed before each run, so
  that every run writes all of them;
- peak memory: the maximum resident set of one check and one report (getrusage of a child);
- reading: `koepel_sources.read` in this process, by path and by ref (every export read,
  parsed and checked against the schema; by ref: one `git cat-file` process per network,
  eight at a time), taken in turns, at least 9 of each, and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TODAY = "2026-12-01"  # the koepel's day; every export is of a few days before
TARGETS = {"check_s": 2.0, "report_s": 2.0, "peak_mb": 200.0, "by_ref_ratio": 3.0}
ROLES = ("initiator", "networker", "process-guide", "chair", "expert", "confidant")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "kring benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
    "GIT_COMMITTER_NAME": "kring benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
    "GIT_AUTHOR_DATE": "2026-11-28T12:00:00+0000",
    "GIT_COMMITTER_DATE": "2026-11-28T12:00:00+0000",
}


# --- generating ----------------------------------------------------------------------------------


def year_row(
    rng: random.Random, year: int, target: int, members: int, last: bool
) -> dict[str, Any]:
    held = target if not last else max(0, target - rng.randint(0, 1))
    cases = rng.randint(1, 6)
    followed = cases if not last else max(0, cases - 1)
    overdue = cases - followed
    opened = rng.randint(0, 8)
    return {
        "year": year,
        "target": target,
        "held": held,
        "scheduled": target - held,
        "thematic": 1,
        "evaluation": 1,
        "attendance_rate": rng.randint(70, 100),
        "average_size": round(rng.uniform(5, 12), 1),
        "members_at_end": members,
        "joined": rng.randint(0, 3),
        "left": rng.randint(0, 2),
        "cases": cases,
        "followed_up": followed,
        "follow_ups_overdue": overdue,
        # the same every year: a falling rate would be a finding (KR613)
        "follow_up_rate": 95,
        "median_days_to_follow_up": rng.randint(60, 130),
        "actions_opened": opened,
        "actions_closed": rng.randint(0, opened),
        "actions_overdue": 0,
    }


def export(index: int) -> dict[str, Any]:
    rng = random.Random(index)
    years = list(range(2026 - rng.randint(2, 11), 2027))
    groups = [f"regio-{index}-{g}" for g in range(rng.randint(1, 5))] + [f"thema-{index}"]
    members = rng.randint(8, 40)
    target = 4 * (len(groups) - 1) + 1
    facilitators = rng.randint(2, 4)
    per_person = sorted((rng.randint(1, 3) for _ in range(facilitators)), reverse=True)
    totals = [year_row(rng, y, target, members, y == years[-1]) for y in years]
    return {
        "generated": "kring export",
        "version": 1,
        "kring": "0.1.0",
        "today": f"2026-11-{rng.randint(20, 30)}",
        "network": {
            "name": f"Kennisnetwerk {index}",
            "kind": rng.choice(["internal", "external"]),
            "focus": rng.choice(["operational", "strategic"]),
            "first_meeting": f"{years[0]}-02-12",
            "last_evaluation": f"2026-{rng.randint(6, 11):02d}-1{rng.randint(0, 9)}",
            "totals": totals,
        },
        "policy": {
            "commitment_meetings": 3,
            "evaluation_months": 12,
            "follow_up_carry": 1,
            "max_group_size": 15,
            "meetings_per_year": 4,
            "per_organisation": 2,
            "thematic_per_year": 1,
        },
        "facilitators": {
            "count": facilitators,
            "roles": {role: rng.randint(0, facilitators) for role in ROLES},
            "roles_per_facilitator": per_person,
        },
        "members": {"current": members, "starters": members // 4, "advanced": members // 2},
        "findings": {"KR301": rng.randint(1, 3)} if rng.random() < 0.3 else {},
        "groups": [
            {
                "id": gid,
                "kind": "theme" if gid.startswith("thema") else "region",
                "target": 1 if gid.startswith("thema") else 4,
                "facilitators": facilitators,
                "members": {"current": members // 2, "starters": 1, "advanced": 3},
                "last_evaluation": None,
                "years": [
                    year_row(
                        rng, y, 1 if gid.startswith("thema") else 4, members // 2, y == years[-1]
                    )
                    for y in years
                ],
            }
            for gid in groups
        ],
    }


def generate(n: int, out: Path) -> None:
    """N networks under out/networks/, and the koepels out/by-path/ and out/by-ref/."""
    if out.exists():
        shutil.rmtree(out)
    env = {**os.environ, **GIT_ENV}
    ids = [f"netwerk-{i:03d}" for i in range(n)]
    for i, nid in enumerate(ids):
        folder = out / "networks" / nid
        (folder / "network").mkdir(parents=True)
        text = json.dumps(export(i), indent=2, ensure_ascii=False) + "\n"
        (folder / "network" / "export.json").write_text(text, "utf-8")
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "facts"]):
            subprocess.run(["git", *args], cwd=folder, env=env, check=True)
    for koepel, where in (
        ("by-path", lambda nid: f"    path: ../networks/{nid}\n"),
        ("by-ref", lambda nid: f"    git: ../networks/{nid}\n    ref: main\n"),
    ):
        lines = [f"name: Koepel van {n} netwerken\n", "networks:\n"]
        for nid in ids:
            lines += [f"  - id: {nid}\n", where(nid)]
        (out / koepel).mkdir()
        (out / koepel / "koepel.yaml").write_text("".join(lines), "utf-8")


# --- measuring -----------------------------------------------------------------------------------


def median_of(repeat: int, run: Callable[[], float]) -> float:
    return statistics.median(run() for _ in range(repeat))


def wall(argv: list[str], cwd: Path, before: Callable[[], None] | None = None) -> float:
    if before is not None:
        before()
    started = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_mb(argv: list[str], cwd: Path) -> float:
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], cwd=cwd, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024  # KiB on Linux


def reading(root: Path) -> float:
    from kring.load import koepel_sources

    koepel = koepel_sources.load(root)
    started = time.perf_counter()
    federation = koepel_sources.read(root, koepel)
    seconds = time.perf_counter() - started
    unread = [p.network.id for p in federation.published if p.facts is None]
    if unread:
        raise SystemExit(f"{root}: could not read {unread[:3]}…")
    return seconds


def reading_both(by_path: Path, by_ref: Path, repeat: int) -> dict[str, float]:
    """Both readings, taken in turns (one by path, one by ref, …) after one of each to warm up,
    so that a busy machine slows both alike; the medians."""
    reading(by_path), reading(by_ref)
    times: dict[str, list[float]] = {"by_path_s": [], "by_ref_s": []}
    for _ in range(repeat):
        times["by_path_s"].append(reading(by_path))
        times["by_ref_s"].append(reading(by_ref))
    return {key: statistics.median(values) for key, values in times.items()}


def remove_pages(root: Path) -> Callable[[], None]:
    def remove() -> None:
        (root / "README.md").unlink(missing_ok=True)
        shutil.rmtree(root / "networks", ignore_errors=True)

    return remove


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--networks", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="generate the koepel here")
    args = parser.parse_args(argv)
    kring = str(Path(sys.executable).parent / "kring")
    out = args.keep or Path(tempfile.mkdtemp(prefix="kring-koepel-")) / "koepel"
    generate(args.networks, out)
    by_path, by_ref = out / "by-path", out / "by-ref"
    os.environ["KRING_TODAY"] = TODAY
    check = [kring, "koepel", "check", "--fail-on", "never"]
    report = [kring, "koepel", "report"]
    found = subprocess.run(
        [kring, "koepel", "check", "--format", "json"], cwd=by_path, capture_output=True, text=True
    )
    findings = len(json.loads(found.stdout)["findings"])
    results = {
        "check_s": median_of(args.repeat, lambda: wall(check, by_path)),
        "report_s": median_of(
            args.repeat, lambda: wall(report, by_path, before=remove_pages(by_path))
        ),
        "check_mb": peak_mb(check, by_path),
        "report_mb": peak_mb(report, by_path),
    }
    results.update(reading_both(by_path, by_ref, max(args.repeat, 9)))
    ratio = results["by_ref_s"] / results["by_path_s"]
    rows = [
        ("kring koepel check", f"{results['check_s']:.3f} s", f"≤ {TARGETS['check_s']} s"),
        ("kring koepel report (all pages written)", f"{results['report_s']:.3f} s", "≤ 2.0 s"),
        (
            "peak memory, check / report",
            f"{results['check_mb']:.0f} / {results['report_mb']:.0f} MB",
            "≤ 200 MB",
        ),
        ("reading the exports by path (in-process)", f"{results['by_path_s']:.3f} s", ""),
        ("reading the exports by ref (in-process)", f"{results['by_ref_s']:.3f} s", ""),
        ("by ref / by path", f"{ratio:.2f}", f"≤ {TARGETS['by_ref_ratio']}"),
        ("findings", str(findings), "0"),
    ]
    print(f"A koepel of {args.networks} networks, median of {args.repeat} ({out})")
    for name, value, target in rows:
        print(f"  {name:<44} {value:>14}   {target}")
    failed = (
        results["check_s"] > TARGETS["check_s"]
        or results["report_s"] > TARGETS["report_s"]
        or max(results["check_mb"], results["report_mb"]) > TARGETS["peak_mb"]
        or ratio > TARGETS["by_ref_ratio"]
        or findings
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
