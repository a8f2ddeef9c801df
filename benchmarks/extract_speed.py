"""Speed of the report reader: `targets draft` and `targets coverage` on a 30,000-character
report, and CPU time as the text grows (it should grow linearly).

    python benchmarks/extract_speed.py
    python benchmarks/extract_speed.py --hostile   # only the texts built to be slow

The report is real text: the labelled corpus and the bundled report, one after another,
repeated to each size. Times are medians of CPU time in this process, and the ratio of
each size to the 30,000-character one measured in the same run; then whole `targets draft`
and `targets coverage` processes on the 30,000-character report (start-up included).

Then the texts an attacker would send: prose with no number, numbers with no unit
(``12345，`` over and over), one run of digits and one 分别 list of many items and figures,
each at a quarter, half and all of its size (1 MB, 100,000 digits, a 100,000-character
list), `targets coverage`'s check with the bundled plan: the time
must grow with the size, not its square, and stay under a second at full size.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import TARGETS

from gongshu_targets.core.coverage import check_coverage
from gongshu_targets.core.draft import draft_plan
from gongshu_targets.core.extract import extract, prepare
from gongshu_targets.core.models import Plan
from gongshu_targets.core.store import load_plan

ROOT = Path(__file__).resolve().parents[1]
BASE = 30_000
SIZES = (BASE, 2 * BASE, 4 * BASE, 8 * BASE)
REPEATS = 5


def report_of(size: int) -> str:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    ]
    texts.append(prepare((ROOT / "reports" / "gongshu-2025.txt").read_text(encoding="utf-8")))
    one = "\n".join(texts) + "\n"
    return (one * (size // len(one) + 1))[:size]


def process_cpu(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one whole process: on a shared machine the CPU time
    is the figure that does not depend on the other jobs running."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started


def cpu(job: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.process_time()
        job(*args)
        times.append(time.process_time() - started)
    return statistics.median(times)


def hostile() -> None:
    plan = load_plan(ROOT / "targets.yaml").plan
    report = (ROOT / "reports" / "gongshu-2025.txt").read_text(encoding="utf-8")
    prose = re.sub(r"\d", "", report)
    texts: dict[str, tuple[Callable[[int], str], int]] = {
        "prose, no number": (lambda n: (prose * (n // len(prose) + 1))[:n], 1_000_000),
        "numbers, no unit": (lambda n: ("12345，" * (n // 6 + 1))[:n], 1_000_000),
        "one run of digits": (lambda n: "1" * n, 100_000),
        "one 分别 list": (lambda n: "甲、" * (n // 6) + "分别增长" + "1%、" * (n // 6), 100_000),
    }
    print(f"{'text':18} {'chars':>9} {'coverage s':>11} {'per MB':>7} ratio to 1/4 size")
    for name, (make, full) in texts.items():
        quarter: float | None = None
        for size in (full // 4, full // 2, full):
            text = make(size)
            took = cpu(check_coverage, plan, text)
            quarter = quarter or took
            print(f"{name:18} {size:9} {took:11.3f} {took / size * 1e6:7.3f} "
                  f"{took / quarter:6.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hostile", action="store_true", help="only the hostile texts")
    if parser.parse_args().hostile:
        hostile()
        return
    print(f"{'chars':>8} {'extract s':>10} {'ratio':>6} {'draft s':>8} {'coverage s':>11} ratio")
    base: tuple[float, float] | None = None
    for size in SIZES:
        text = report_of(size)
        drafted = draft_plan(text, None, "r.txt", 2026)
        plan = Plan.model_validate({**drafted.header, "targets": drafted.targets})
        read = cpu(extract, text)
        draft = cpu(draft_plan, text, None, "r.txt", 2026)
        cover = cpu(check_coverage, plan, text)
        base = base or (read, cover)
        print(f"{size:8} {read:10.3f} {read / base[0]:6.2f} {draft:8.3f} {cover:11.3f} "
              f"{cover / base[1]:6.2f}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "r.txt"
        report.write_text(report_of(BASE), encoding="utf-8")
        plan_file = Path(folder) / "draft.yaml"
        draft_cmd = [*TARGETS, "draft", str(report), "-o", str(plan_file)]
        cover_cmd = [*TARGETS, "coverage", "-f", str(plan_file)]
        version_cmd = [*TARGETS, "--version"]
        print(f"\nwhole processes on {BASE} characters (medians, start-up included):")
        for name, command in (("targets --version", version_cmd), ("targets draft", draft_cmd),
                              ("targets coverage", cover_cmd)):  # fmt: skip
            samples = []
            for _ in range(REPEATS):
                if command is draft_cmd:
                    plan_file.unlink(missing_ok=True)
                samples.append(process_cpu(command))
            cpu_s = statistics.median(c for c, _ in samples)
            wall_s = statistics.median(w for _, w in samples)
            print(f"  {name:18} CPU {cpu_s:.3f} s, wall {wall_s:.3f} s")
    print()
    hostile()


if __name__ == "__main__":
    main()
