"""Big plans: `targets status` (the table people read; past 200 targets, the worst problems
and a line per section) and `status --all` (every row) against `targets status --format
json` on the same generated plan, alternated in one run; medians and their ratios.

    python benchmarks/status_table.py [--targets 10000] [--repeats 5]
    python benchmarks/status_table.py --fold   # folding a cell: CPU time as the text grows

A cell is folded in time linear in its length, whatever it holds (it should double as the
text doubles): a name of 20,000 opening brackets once took seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from common import TARGETS, alternate, median_seconds
from make_plan import make

from gongshu_targets.outputs.terminal import fold


def fold_growth(repeats: int) -> None:
    """CPU seconds to fold texts of n/4, n/2 and n characters at 80 cells, and the ratio
    of each to the first (2 and 4 when linear)."""
    texts = {
        "Chinese": "中",
        "opening brackets": "（",
        "closing marks": "。",
        "English words": "growth ",
        "one long id": "x",
        "words and brackets": "ab（",
    }
    print(f"{'text':20} {'chars':>8} {'fold s':>8} ratio to 1/4 size")
    for name, piece in texts.items():
        quarter: float | None = None
        for size in (40_000, 80_000, 160_000):
            text = (piece * (size // len(piece) + 1))[:size]
            times = []
            for _ in range(repeats):
                started = time.process_time()
                fold(text, 80)
                times.append(time.process_time() - started)
            took = statistics.median(times)
            quarter = quarter or took
            print(f"{name:20} {size:8,} {took:8.3f} {took / quarter:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--fold", action="store_true", help="only folding cells, as they grow")
    args = parser.parse_args()
    if args.fold:
        fold_growth(args.repeats)
        return
    folder = Path(tempfile.mkdtemp())
    plan, _ = make(folder, args.targets, args.targets * 20)
    os.environ["COLUMNS"] = "120"  # a terminal's width, as a person would see it
    results = alternate(
        {
            "json": [*TARGETS, "status", "-f", str(plan), "--format", "json"],
            "table": [*TARGETS, "status", "-f", str(plan)],
            "all": [*TARGETS, "status", "-f", str(plan), "--all"],
        },
        args.repeats,
    )
    json_s, table_s = median_seconds(results["json"]), median_seconds(results["table"])
    all_s = median_seconds(results["all"])
    print(
        f"{'targets':>8} {'status --format json':>21} {'status (table)':>15} {'ratio':>6}"
        f" {'status --all':>13} {'ratio':>6}"
    )
    print(
        f"{args.targets:>8,} {json_s:>20.2f}s {table_s:>14.2f}s {table_s / json_s:>6.2f}"
        f" {all_s:>12.2f}s {all_s / json_s:>6.2f}"
    )


if __name__ == "__main__":
    main()
