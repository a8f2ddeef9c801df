"""Scale: `targets check` on generated plans of N targets with 20·N figures, against what
libyaml and the csv module alone need to read the same two files; peak memory against the
files' size. Growth from N = 1k to 100k should be linear.

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import PYTHON, TARGETS, alternate, median_seconds, peak_kib
from make_plan import make

BASELINE = """
import csv, sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f, Loader=yaml.CSafeLoader)
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'targets':>8} {'figures':>10} {'files':>9} {'baseline':>9} {'check':>9} {'ratio':>6}"
        f" {'peak':>9} {'÷ files':>8} {'s per 1k targets':>17}"
    )
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp())
        plan, progress = make(folder, size, size * 20)
        files = plan.stat().st_size + progress.stat().st_size
        results = alternate(
            {
                "baseline": [PYTHON, "-c", BASELINE, str(plan), str(progress)],
                "check": [*TARGETS, "check", "-f", str(plan)],
            },
            args.repeats if size < 100_000 else max(1, args.repeats // 2),
        )
        base, check = median_seconds(results["baseline"]), median_seconds(results["check"])
        peak = peak_kib(results["check"]) * 1024
        print(
            f"{size:>8,} {size * 20:>10,} {files / 2**20:>7.1f}MB {base:>8.2f}s {check:>8.2f}s"
            f" {check / base:>6.2f} {peak / 2**20:>7.0f}MB {peak / files:>8.1f}"
            f" {check / size * 1000:>17.3f}"
        )


if __name__ == "__main__":
    main()
