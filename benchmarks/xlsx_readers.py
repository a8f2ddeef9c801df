"""openpyxl (read-only, as `targets import` uses it) against python-calamine, reading the
first sheet of a workbook row by row: a realistic 10,000-row sheet, and the bombs that
`targets import` refuses before any reader sees them (each read here unguarded, to see
what the reader alone would do).

    pip install python-calamine   # only for this comparison; the project does not use it
    python benchmarks/xlsx_readers.py [--repeats 3]

Each read is a whole process (start-up included): wall-clock median, CPU time and peak
memory (wait4's ru_maxrss). A bomb read is cut off after 120 s.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

READERS = {
    "openpyxl read-only": """
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
book.close()
""",
    "python-calamine": """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
rows = sum(1 for _ in book.get_sheet_by_index(0).iter_rows())
book.close()
""",
}

SHEET = "xl/worksheets/sheet1.xml"


def realistic(path: Path, rows: int) -> Path:
    """A district's sheet: id, date cell, number cell, note, source."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["编号", "日期", "数值", "备注", "来源"])
    for i in range(rows):
        day = date(2025, 1, 1) + timedelta(days=i % 365)
        sheet.append([f"t-{i % 300}", day, 1000 + i * 1.5, "月报，初步数", "区统计局"])
    book.save(path)
    return path


def small(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "as_of", "value"])
    sheet.append(["gdp-growth", "2025-09-30", 5.2])
    book.save(path)
    return path


def rewrite(source: Path, target: Path, part: str, data: bytes, pad: int = 0) -> Path:
    """A copy of ``source`` with ``part`` replaced by ``data`` and ``pad`` spaces."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info, old.read(info.filename), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with new.open(info, "w", force_zip64=True) as handle:
            handle.write(data)
            chunk = b" " * 2**20
            for _ in range(pad // len(chunk)):
                handle.write(chunk)
    return target


def bombs(folder: Path) -> dict[str, Path]:
    source = small(folder / "small.xlsx")
    with zipfile.ZipFile(source) as book:
        xml = book.read(SHEET)
    far = Workbook()
    sheet = far.active
    assert sheet is not None
    sheet.append(["id", "as_of", "value"])
    for row in range(2, 20_001):
        sheet.cell(row=row, column=16384, value="x")
    far.save(folder / "far.xlsx")
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    return {
        "257 MiB of spaces in the sheet part": rewrite(
            source, folder / "spaces.xlsx", SHEET, xml[:60], pad=257 * 2**20
        ),
        "an unused 257 MiB shared string": rewrite(
            source, folder / "strings.xlsx", "xl/sharedStrings.xml", strings, pad=257 * 2**20
        ),
        "a cell in column XFD on 20,000 rows": folder / "far.xlsx",
        "dimension A1:XFD20000 declared, 2 rows": rewrite(
            source,
            folder / "declared.xlsx",
            SHEET,
            re.sub(rb'<dimension ref="A1:C2"\s*/>', b'<dimension ref="A1:XFD20000"/>', xml),
        ),
    }


def measure(code: str, path: Path) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak MB, outcome) of one reading process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = started + 120
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    code_ = os.waitstatus_to_exitcode(status)
    outcome = (
        "read"
        if code_ == 0
        else "killed at 120 s"
        if code_ < 0
        else "error: " + (stderr.strip().splitlines() or ["?"])[-1][:60]
    )
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sheet = realistic(folder / "realistic.xlsx", 10_000)
        print(f"10,000 rows, {sheet.stat().st_size / 1e6:.2f} MB "
              f"(medians of {args.repeats} alternated runs)")  # fmt: skip
        samples: dict[str, list[tuple[float, float, float, str]]] = {r: [] for r in READERS}
        for _ in range(args.repeats):
            for reader, code in READERS.items():
                samples[reader].append(measure(code, sheet))
        for reader, runs in samples.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            print(f"  {reader:20} wall {wall:6.2f} s  CPU {cpu:6.2f} s  peak {peak:7.0f} MB")
        print("\nbombs, read unguarded (targets import refuses each before reading):")
        for bomb, path in bombs(folder).items():
            print(f"  {bomb} ({path.stat().st_size / 1e6:.1f} MB file)")
            for reader, code in READERS.items():
                wall, cpu, peak, outcome = measure(code, path)
                print(f"    {reader:20} wall {wall:6.2f} s  CPU {cpu:6.2f} s  "
                      f"peak {peak:7.0f} MB  {outcome}")  # fmt: skip


if __name__ == "__main__":
    main()
