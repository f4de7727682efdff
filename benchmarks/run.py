"""Measure kring against the libyaml floor and its peers, in one run (issue 8).

    python benchmarks/run.py                      # 10,000 files, 5 repeats
    python benchmarks/run.py --files 2000 --repeat 3
    python benchmarks/run.py --network /tmp/net   # reuse a network made by generate.py
    python benchmarks/run.py --crowd 1500x1500    # 1,500 members at each of 1,500 meetings

kring is byte-compiled first, as installing it does, so that no run pays for compiling it
(an editable install under PYTHONDONTWRITEBYTECODE would, every run).

What is measured, each the median of --repeat runs:

- floor: one Python process reads every file under network/ and parses its YAML (the file,
  or a Markdown file's front matter) with yaml.load(..., Loader=yaml.CSafeLoader); the time
  is taken inside that process, so it contains no interpreter start-up;
- cold: `kring check --no-cache` as a subprocess, wall-clock time (start-up included);
- report: `kring report --check` as a subprocess with no cache (.git/kring removed before
  each run), so every file is parsed and every page computed and compared with the file;
  none is written, so the network stays as generated; wall-clock time;
- warm: `kring check` as a subprocess after one priming run, nothing changed;
- start-up: `kring --version` against `python -c pass`, both subprocesses;
- peak memory: the maximum resident set of a cold run and of a report (getrusage of a child);
- findings: errors and warnings of a cold run (the generated network should have none);
- peers: check-jsonschema (with kring's schemas) and yamllint on the network's YAML files,
  as files per second; they are looked for next to this Python, on PATH, or installed into
  benchmarks/.peers/ with pip (skipped with a message when that fails).

Ratios are kring's wall-clock time over the floor's in-process time: the conservative
reading, since kring also pays for starting Python. The "engine" column divides kring's own
reported run time (without start-up) by the floor, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)

TARGETS = {
    "cold": 2.0,  # cold kring check --no-cache <= 2.0 x floor
    "warm": 0.35,  # warm kring check <= 0.35 x floor
    "version": 6.0,  # kring --version <= 6 x python -c pass
    "report": 4.0,  # kring report <= 4 x floor
    "peak_mb": 400.0,
    "peer_speedup": 10.0,  # files/s >= 10 x check-jsonschema's
}


def median_of(repeat: int, run: Callable[[], float]) -> float:
    return statistics.median(run() for _ in range(repeat))


def wall(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - started


def cold_wall(argv: Sequence[str], network: Path, env: dict[str, str]) -> float:
    """`wall`, after removing kring's cache, for commands that have no --no-cache."""
    shutil.rmtree(network / ".git" / "kring", ignore_errors=True)
    return wall(argv, network, env)


def compile_kring() -> None:
    """Byte-compile the kring that this Python imports, as installing it from a wheel does.

    An editable install writes its .pyc files on the first run, unless PYTHONDONTWRITEBYTECODE
    is set: then every run compiles all of kring's modules again (about 30 ms of a warm run),
    a cost no installed kring pays.
    """
    import importlib.util

    spec = importlib.util.find_spec("kring")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            argv = [sys.executable, "-m", "compileall", "-q", folder]
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)


def data_files(network: Path) -> list[Path]:
    return sorted(p for p in (network / "network").rglob("*") if p.is_file())


def floor(network: Path) -> float:
    """Read every file and parse its YAML with libyaml, in this process."""
    import yaml

    paths = data_files(network)
    started = time.perf_counter()
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".md":
            if not text.startswith("---"):
                continue
            end = text.find("\n---", 3)
            text = text[4 : end + 1]
        yaml.load(text, Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def kring_json(kring: str, network: Path, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [kring, "check", "--no-cache", "--format", "json", "--fail-on", "never"],
        cwd=network,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def peak_mb(kring: str, network: Path, env: dict[str, str], *command: str) -> float:
    """The peak resident set of one run (by default a cold check), measured in a fresh
    parent of its own."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, kring, *(command or ("check", "--no-cache"))],
        cwd=network,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def find_tool(name: str, peers: Path, install: bool) -> str | None:
    for folder in (Path(sys.executable).parent, peers / "bin"):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found or not install:
        return found
    print(f"  installing {name} into {peers} …", file=sys.stderr)
    try:
        if not (peers / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(peers)], check=True)
        subprocess.run(
            [str(peers / "bin" / "python"), "-m", "pip", "install", "-q", name],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"  could not install {name}: {exc}", file=sys.stderr)
        return None
    tool = peers / "bin" / name
    return str(tool) if tool.exists() else None


def yaml_files_by_kind(network: Path) -> dict[str, list[str]]:
    base = network / "network"
    return {
        "network": ["network/network.yaml"],
        "member": sorted(f"network/members/{p.name}" for p in (base / "members").glob("*.yaml")),
        "region": sorted(f"network/regions/{p.name}" for p in (base / "regions").glob("*.yaml")),
        "theme": sorted(f"network/themes/{p.name}" for p in (base / "themes").glob("*.yaml")),
    }


def check_jsonschema_seconds(tool: str, network: Path) -> tuple[float, int]:
    """All YAML files, each against its kind's schema from kring; (seconds, files)."""
    total, files = 0.0, 0
    for kind, paths in yaml_files_by_kind(network).items():
        schema = ROOT / "schemas" / f"{kind}.schema.json"
        started = time.perf_counter()
        done = subprocess.run(
            [tool, "--schemafile", str(schema), *paths],
            cwd=network,
            capture_output=True,
            text=True,
            check=False,
        )
        total += time.perf_counter() - started
        files += len(paths)
        if done.returncode != 0:
            print(f"  check-jsonschema on {kind}: {done.stdout[-300:]}", file=sys.stderr)
    return total, files


def yamllint_seconds(tool: str, network: Path) -> tuple[float, int]:
    paths = [p for group in yaml_files_by_kind(network).values() for p in group]
    started = time.perf_counter()
    subprocess.run(
        [tool, "-d", "relaxed", *paths], cwd=network, stdout=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - started, len(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="network size (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--network", type=Path, help="an existing generated network to use")
    parser.add_argument(
        "--crowd",
        metavar="MxN",
        help="generate M members who each attend N meetings of one region instead (1500x1500)",
    )
    parser.add_argument("--kring", default=None, help="kring executable (default: beside python)")
    parser.add_argument("--no-peers", action="store_true", help="skip check-jsonschema/yamllint")
    parser.add_argument(
        "--no-install", action="store_true", help="never pip-install the peer tools"
    )
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    kring = args.kring or str(Path(sys.executable).parent / "kring")
    if not Path(kring).exists():
        kring = shutil.which("kring") or kring
    env = {**os.environ, "KRING_TODAY": generate.TODAY}
    env.pop("GITHUB_ACTIONS", None)

    scratch = None
    network = args.network
    if network is None:
        scratch = tempfile.mkdtemp(prefix="kring-bench-")
        network = Path(scratch) / "network-repo"
        if args.crowd:
            members, meetings = (int(part) for part in args.crowd.split("x", 1))
            files = generate.Crowd(members, meetings).run()
        else:
            files = generate.Generator(args.files).run()
        generate.write(files, network)
    network = network.resolve()
    n_files = len(data_files(network))
    print(f"network: {network} ({n_files} files), repeat {repeat}, python {sys.version.split()[0]}")

    compile_kring()
    try:
        results: dict[str, float] = {}
        results["floor"] = median_of(repeat, lambda: floor(network))
        cold_argv = [kring, "check", "--no-cache"]
        results["cold"] = median_of(repeat, lambda: wall(cold_argv, network, env))
        report_argv = [kring, "report", "--check"]
        results["report"] = median_of(repeat, lambda: cold_wall(report_argv, network, env))
        wall([kring, "check"], network, env)  # prime the cache
        results["warm"] = median_of(repeat, lambda: wall([kring, "check"], network, env))
        many = max(repeat, 10)
        results["python"] = median_of(many, lambda: wall([sys.executable, "-c", "pass"], ROOT))
        results["version"] = median_of(many, lambda: wall([kring, "--version"], ROOT))
        report = kring_json(kring, network, env)
        summary = report["summary"]
        assert isinstance(summary, dict)
        engine_seconds = float(summary["seconds"])
        peak = peak_mb(kring, network, env)
        shutil.rmtree(network / ".git" / "kring", ignore_errors=True)
        report_peak = peak_mb(kring, network, env, "report", "--check")
        findings = report["findings"]
        assert isinstance(findings, list)
        bad = [f for f in findings if f["severity"] in ("error", "warning")]

        peers: dict[str, tuple[float, int]] = {}
        if not args.no_peers:
            dot = HERE / ".peers"
            for name, measure in (
                ("check-jsonschema", check_jsonschema_seconds),
                ("yamllint", yamllint_seconds),
            ):
                tool = find_tool(name, dot, not args.no_install)
                if tool is None:
                    print(f"  {name}: not available, skipped")
                    continue
                runs = [measure(tool, network) for _ in range(repeat)]
                peers[name] = (statistics.median(r[0] for r in runs), runs[0][1])
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)

    fl = results["floor"]
    kring_rate = n_files / results["cold"]
    print()
    print(f"{'measure':<34} {'median':>9} {'ratio':>8} {'target':>9}  verdict")

    def row(name: str, seconds: float, ratio: float | None, target: str, ok: bool | None) -> None:
        shown = f"{ratio:8.2f}" if ratio is not None else " " * 8
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{name:<34} {seconds:8.3f}s {shown} {target:>9}  {verdict}")

    row("floor (libyaml, in-process)", fl, 1.0, "", None)
    cold = results["cold"] / fl
    row("cold kring check --no-cache", results["cold"], cold, "<= 2.00", cold <= TARGETS["cold"])
    print(f"{'  engine only (no start-up)':<34} {engine_seconds:8.3f}s {engine_seconds / fl:8.2f}")
    ratio = results["report"] / fl
    row("kring report", results["report"], ratio, "<= 4.00", ratio <= TARGETS["report"])
    warm = results["warm"] / fl
    row("warm kring check", results["warm"], warm, "<= 0.35", warm <= TARGETS["warm"])
    row("python -c pass", results["python"], None, "", None)
    start = results["version"] / results["python"]
    row("kring --version", results["version"], start, "<= 6.00", start <= TARGETS["version"])
    print(
        f"{'peak memory, cold run':<34} {peak:7.1f}MB {'':>8} {'<= 400MB':>9}  "
        f"{'ok' if peak <= TARGETS['peak_mb'] else 'MISSED'}"
    )
    print(
        f"{'peak memory, report':<34} {report_peak:7.1f}MB {'':>8} {'<= 400MB':>9}  "
        f"{'ok' if report_peak <= TARGETS['peak_mb'] else 'MISSED'}"
    )
    print(
        f"{'error/warning findings':<34} {len(bad):>9} {'':>8} {'0':>9}  "
        f"{'ok' if not bad else 'MISSED'}"
    )
    for f in bad[:5]:
        print(f"    {f['path']}:{f['line']}: {f['code']} {f['message']}")
    print(f"{'kring files/s (cold, all files)':<34} {kring_rate:9.0f}")
    for name, (seconds, count) in peers.items():
        rate = count / seconds
        speedup = kring_rate / rate
        line = f"{name + ' files/s (YAML files)':<34} {rate:9.0f} {speedup:7.1f}x"
        if name == "check-jsonschema":
            ok = speedup >= TARGETS["peer_speedup"]
            line += f" {'>= 10x':>9}  {'ok' if ok else 'MISSED'}"
        print(line)
    print(
        "\nratios: kring's wall-clock time (a subprocess, start-up included) over the floor's"
        " in-process time;\n'engine only' is the run time kring reports itself."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
