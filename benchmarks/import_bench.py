"""Import: a 100,000-row CSV imported all-or-nothing, against what the csv module alone
needs to read it and to rewrite progress.csv with the merged rows, sorted.

    python benchmarks/import_bench.py [--rows 100000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from common import PYTHON, TARGETS, run_usage
from make_plan import PACES, make

WHOLE = ("家", "件", "万名")  # counted one by one: a figure in them is a whole number


def plausible(target: int, i: int) -> float | int:
    """A figure for target ``t-{target}`` that the plausibility check lets through: 5% to
    105% of its target, in its recording unit (a 万名 target records people), whole where
    the unit counts things one by one."""
    _, _, unit, goal = PACES[target % len(PACES)]
    scale = goal * (10_000 if unit == "万名" else 1)
    figure = scale * (0.05 + i % 997 / 997)
    return round(figure) if unit in WHOLE else round(figure, 2)


BASELINE = """
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    incoming = list(csv.reader(f))[1:]
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
rows += [[i, d, v, "", "", "2025-12-31T00:00:00+00:00"] for i, d, v in incoming]
rows.sort(key=lambda r: (r[0], r[1], r[5]))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\\n")
    w.writerow(header)
    w.writerows(rows)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    targets = max(1, args.rows // 300)
    plan, progress = make(folder, targets, 0)  # a plan, and a progress.csv with no figures
    subprocess.run([*TARGETS, "validate", "-f", str(plan)], check=True, capture_output=True)
    sheet = folder / "quarter.csv"
    lines = ["id,as_of,value"]
    for i in range(args.rows):
        day = date(2025, 1, 1) + timedelta(days=i // targets % 365)
        lines.append(f"t-{i % targets},{day},{plausible(i % targets, i)}")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pristine = progress.read_bytes()
    samples: dict[str, list[tuple[float, float, int]]] = {"baseline": [], "import": []}
    scratch = folder / "scratch.csv"
    for _ in range(args.repeats):
        scratch.write_bytes(pristine)
        samples["baseline"].append(run_usage([PYTHON, "-c", BASELINE, str(sheet), str(scratch)]))
        progress.write_bytes(pristine)
        samples["import"].append(run_usage([*TARGETS, "import", str(sheet), "-f", str(plan)]))
    print(f"{args.rows:,} rows for {targets:,} targets ({args.repeats} runs each, alternated)")
    print(f"{'':38}{'wall':>7}{'CPU':>8}")
    medians = {}
    for name, label in (("baseline", "baseline (csv read + merged rewrite)"),
                        ("import", "targets import")):  # fmt: skip
        wall = statistics.median(s[0] for s in samples[name])
        cpu = statistics.median(s[1] for s in samples[name])
        medians[name] = (wall, cpu)
        print(f"{label:38}{wall:6.2f}s{cpu:7.2f}s")
    (base_wall, base_cpu), (wall, cpu) = medians["baseline"], medians["import"]
    print(f"{'ratio':38}{wall / base_wall:7.2f}{cpu / base_cpu:8.2f}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
