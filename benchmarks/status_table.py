"""Big plans: `targets status` (the table people read; past 200 targets, the worst problems
and a line per section) and `status --all` (every row) against `targets status --format
json` on the same generated plan, alternated in one run; medians and their ratios.

    python benchmarks/status_table.py [--targets 10000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from common import TARGETS, alternate, median_seconds
from make_plan import make


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
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
