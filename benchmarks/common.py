"""Timing helpers shared by the benchmarks: whole processes, alternated, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

PYTHON = sys.executable
TARGETS = [PYTHON, "-m", "gongshu_targets"]


def run(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak memory (KiB) of one process."""
    elapsed, _, peak = run_usage(command, env)
    return elapsed, peak


def run_usage(
    command: Sequence[str], env: dict[str, str] | None = None
) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds (user and system) and peak memory (KiB) of one
    process: on a shared machine the CPU time varies less than the wall clock."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy()
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1 is a failed check, which is data, not a broken run
        raise SystemExit(f"{' '.join(command)} exited {code}: {stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def alternate(
    commands: dict[str, Sequence[str]], repeats: int
) -> dict[str, list[tuple[float, int]]]:
    """Run each command ``repeats`` times, interleaved, so that drift hits all alike."""
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for command in commands.values():  # one warm-up each (disk cache, .pyc files)
        run(command)
    for _ in range(repeats):
        for name, command in commands.items():
            results[name].append(run(command))
    return results


def median_seconds(samples: list[tuple[float, int]]) -> float:
    return statistics.median(s for s, _ in samples)


def peak_kib(samples: list[tuple[float, int]]) -> int:
    return max(m for _, m in samples)
