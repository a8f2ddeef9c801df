"""Speed of the report reader: `targets draft` and `targets coverage` on a 30,000-character
report, and CPU time as the text grows (it should grow linearly).

    python benchmarks/extract_speed.py

The report is real text: the labelled corpus and the bundled report, one after another,
repeated to each size. Times are medians of CPU time in this process, and the ratio of
each size to the 30,000-character one measured in the same run; then whole `targets draft`
and `targets coverage` processes on the 30,000-character report (start-up included).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import TARGETS, median_seconds, run

from gongshu_targets.core.coverage import check_coverage
from gongshu_targets.core.draft import draft_plan
from gongshu_targets.core.extract import extract, prepare
from gongshu_targets.core.models import Plan

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


def cpu(job: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.process_time()
        job(*args)
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
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
        run(draft_cmd)
        cover_cmd = [*TARGETS, "coverage", "-f", str(plan_file)]
        drafts = [run(draft_cmd) for _ in range(REPEATS)]
        covers = [run(cover_cmd) for _ in range(REPEATS)]
        print(f"\nwhole processes on {BASE} characters (median wall time, start-up included):")
        print(f"  targets draft    {median_seconds(drafts):.3f} s")
        print(f"  targets coverage {median_seconds(covers):.3f} s")


if __name__ == "__main__":
    main()
