"""kring commands run as they run for a user, each in a process of its own, cheaply.

Each command runs in a child forked from the test process: kring is imported once, before the
fork, so a run costs the command and not Python's start-up (a subprocess per run would make
the command matrix cost minutes). The child gets its own working directory, environment,
standard streams (files, UTF-8, strict: an output that cannot be encoded is an error), a
memory limit (RLIMIT_AS) and a time limit (SIGALRM), then calls kring's own entry point,
which leaves with os._exit. Up to `parallel` children run at once.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MEMORY = 1 << 30  # address space a run may add to what the test process already has
SECONDS = 20  # per run; the commands take well under one on these networks


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int | None  # the exit code; None when the run was killed
    killed_by: int | None  # the signal that ended it (SIGALRM: over the time limit)
    out: bytes
    err: bytes
    seconds: float

    def describe(self) -> str:
        return (
            f"kring {' '.join(self.args)} -> {self.code} (signal {self.killed_by}), "
            f"{self.seconds:.2f}s\nstdout: {self.out[:2000]!r}\nstderr: {self.err[:2000]!r}"
        )


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _child(args: Sequence[str], cwd: Path, env: Mapping[str, str], out: int, err: int) -> None:
    try:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        limit = _address_space() + MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(SECONDS)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 (the child ends with os._exit)
        for fd, name in ((1, "stdout"), (2, "stderr")):
            stream = io.TextIOWrapper(
                io.BufferedWriter(io.FileIO(fd, "w", closefd=False)),
                encoding="utf-8",
                errors="strict",
                newline="\n",
                line_buffering=False,
            )
            setattr(sys, name, stream)
        sys.argv = ["kring", *args]
        from kring.cli.main import main

        main()  # leaves with os._exit
    finally:
        os._exit(99)  # only when main() returned or raised: never expected


def _one_done(pids: list[int]) -> tuple[int, int]:
    while True:
        for pid in pids:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return pid, status
        time.sleep(0.002)


def run_all(
    commands: Sequence[Sequence[str]],
    cwd: Path,
    env: Mapping[str, str],
    *,
    parallel: int = 2,
) -> list[Run]:
    """Run each command (the arguments after `kring`), `parallel` at a time, in order of
    start; results in the order of `commands`."""
    results: dict[int, Run] = {}
    running: dict[int, tuple[int, tuple[str, ...], object, object, float]] = {}
    queue = list(enumerate(commands))
    while queue or running:
        while queue and len(running) < parallel:
            index, args = queue.pop(0)
            out = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the run is read)
            err = tempfile.TemporaryFile()  # noqa: SIM115
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(args, cwd, env, out.fileno(), err.fileno())
            running[pid] = (index, tuple(args), out, err, time.monotonic())
        # Only our own children are waited for: the test process may have others (git).
        pid, status = _one_done(list(running))
        index, args, out, err, started = running.pop(pid)
        seconds = time.monotonic() - started
        texts = []
        for handle in (out, err):
            handle.seek(0)  # type: ignore[attr-defined]
            texts.append(handle.read())  # type: ignore[attr-defined]
            handle.close()  # type: ignore[attr-defined]
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        killed = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        results[index] = Run(args, code, killed, texts[0], texts[1], seconds)
    return [results[i] for i in range(len(commands))]
