"""Peak memory of importing a large CSV: `targets import --dry-run` and a real import of a
~100 MB sheet, against the file's size and against baselines measured in the same run.

    python benchmarks/import_memory.py [--mb 100]

The sheet has the columns a district's monthly sheet has (编号, 日期, 数值, 备注, 来源), one
figure per target and day, every one valid and plausible, so the whole file is read,
checked and recorded. Peak memory is each process's own maximum resident set (wait4's
ru_maxrss). The goal is at most about 2× the file plus 100 MB.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from common import PYTHON, TARGETS, run
from import_bench import plausible
from make_plan import make

READ_WITH_CSV = """
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for row in csv.reader(f):
        pass
"""

BYTES_PER_ROW = 32  # at least: t-123,2025-03-31,0.3,月报,区统计局


def write_sheet(folder: Path, size: int) -> tuple[Path, Path, int]:
    """A plan with enough targets for one figure per target and day, and a sheet of
    ``size`` bytes; its number of rows."""
    targets = size // BYTES_PER_ROW // 365 + 1
    plan, _ = make(folder, targets, 0)
    days = [str(date(2025, 1, 1) + timedelta(days=d)) for d in range(365)]
    sheet = folder / "monthly.csv"
    written = rows = 0
    with sheet.open("w", encoding="utf-8") as out:
        out.write("编号,日期,数值,备注,来源\n")
        while written < size:
            target, day = rows % targets, rows // targets
            line = f"t-{target},{days[day]},{plausible(target, rows)},月报,区统计局\n"
            out.write(line)
            written += len(line.encode())
            rows += 1
    return plan, sheet, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100, help="the sheet's size in MB (10^6)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        plan, sheet, rows = write_sheet(folder, int(args.mb * 1e6))
        progress = plan.with_name("progress.csv")
        pristine = progress.read_bytes()
        size = sheet.stat().st_size / 1e6
        runs = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "csv module reading the sheet": [PYTHON, "-c", READ_WITH_CSV, str(sheet)],
            "targets validate (the plan alone)": [*TARGETS, "validate", "-f", str(plan)],
            "targets import --dry-run": [
                *TARGETS,
                "import",
                str(sheet),
                "-f",
                str(plan),
                "--dry-run",
            ],  # fmt: skip
            "targets import": [*TARGETS, "import", str(sheet), "-f", str(plan)],
        }
        print(f"sheet: {size:.1f} MB, {rows:,} rows; goal: peak ≤ 2 × file + 100 MB "
              f"= {2 * size + 100:.0f} MB")  # fmt: skip
        print(f"{'process':36} {'seconds':>8} {'peak MB':>8} {'× file':>7}")
        for name, command in runs.items():
            progress.write_bytes(pristine)
            seconds, kib = run(command)
            peak = kib * 1024 / 1e6
            print(f"{name:36} {seconds:8.1f} {peak:8.0f} {peak / size:7.2f}")
        written = progress.stat().st_size / 1e6
        print(f"progress.csv after the import: {written:.1f} MB")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
