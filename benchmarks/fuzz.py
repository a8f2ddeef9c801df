"""A fuzzer: random valid plans and figures, every command and format run on each.

Asserts what must hold for any plan: no exit 4 (a bug) and no traceback, every exit code
one of the documented ones, and every structured output (JSON, JUnit XML, CSV, HTML,
xlsx) readable. The tests run a few seeds (tests/test_fuzz.py); run many here:

    python benchmarks/fuzz.py 300        # seeds 0-299; prints the failing seed, if any
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from gongshu_targets import cli

UNITS = {"cumulative": ["家", "万名", "亿元", "个"], "level": ["个", "万元", "%"], "rate": ["%"]}
COMPARATORS = {
    "cumulative": ["at_least", "more_than"],
    "level": ["at_least", "at_most", "more_than"],
    "rate": ["at_least", "at_most", "about", "positive", "more_than"],
}
NAMES = ["地区生产总值增长", "新增就业", "研发投入", "Exports", "a|b", "<b>x</b>", "=1+1", "::x"]
EXITS = {0, 1, 3}


def _number(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), rng.choice([0, 1, 2]))


def random_plan(rng: random.Random) -> tuple[str, list[tuple[str, date, float]]]:
    """A plan that validates, and figures inside its period."""
    start = date(2025, 1, 1)
    end = date(2025, 12, 31)
    thresholds = {
        "cumulative_at_risk": _number(rng, 0, 20),
        "rate_at_risk": rng.choice([0, 0.5, 1, 3]),
        "tolerance": rng.choice([0, 0.5, 1]),
    }
    lines = [
        "id: fuzz", "title: 随机计划", "region: 测试区",
        f"period: {{start: {start}, end: {end}}}", "source: report.txt",
        "thresholds: " + json.dumps(thresholds),
        "targets:",
    ]  # fmt: skip
    figures: list[tuple[str, date, float]] = []
    rates: list[str] = []
    for index in range(rng.randint(1, 8)):
        pace = rng.choice(list(UNITS))
        unit = rng.choice(UNITS[pace])
        comparator = rng.choice(COMPARATORS[pace])
        target_id = f"t{index}"
        fields: dict[str, object] = {
            "id": target_id, "section": rng.choice(["一", "二", "（三）"]),
            "name": rng.choice(NAMES), "name_en": rng.choice(NAMES), "quote": rng.choice(NAMES),
            "unit": unit, "comparator": comparator, "pace": pace,
        }  # fmt: skip
        if comparator != "positive":
            low = -5.0 if unit == "%" else 0.0
            fields["target"] = _number(rng, max(low, 0.5), 100)
        if comparator == "about":
            fields["tolerance"] = rng.choice([0.5, 1])
        if pace == "level" and comparator != "positive" and rng.random() < 0.5:
            target = float(fields["target"])  # type: ignore[arg-type]
            base = target + 10 if comparator == "at_most" else max(target - 10, 0) / 2
            fields["baseline"] = {"value": base, "as_of": "2024-12-31"}
        if pace != "rate" and rng.random() < 0.3 and fields.get("target"):
            fields["milestones"] = [
                {"as_of": str(start + timedelta(days=rng.randint(0, 364))),
                 "share": _number(rng, 0, 100)}
            ]  # fmt: skip
        if rng.random() < 0.2:
            fields["stretch"] = True
        if pace == "rate":
            rates.append(target_id)
        lines.append("  - " + json.dumps(fields, ensure_ascii=False))
        for _ in range(rng.randint(0, 4)):
            value = _number(rng, -3 if unit == "%" else 0, 150)
            figures.append((target_id, start + timedelta(days=rng.randint(0, 364)), value))
    return "\n".join(lines) + "\n", figures


def write_plan(folder: Path, rng: random.Random) -> Path:
    plan, figures = random_plan(rng)
    (folder / "targets.yaml").write_text(plan, encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "as_of", "value", "source", "note", "recorded_at"])
    for n, (target_id, day, value) in enumerate(figures):
        stamp = f"2025-12-31T00:00:{n % 60:02d}+00:00"
        writer.writerow([target_id, day, value, "", rng.choice(["", "备注", "=x"]), stamp])
    (folder / "progress.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "report.txt").write_text("新增就业1万人以上，研发投入增长5%。\n", encoding="utf-8")
    return folder / "targets.yaml"


def commands(plan: Path, out: Path) -> list[tuple[list[str], str]]:
    f = ["-f", str(plan)]
    runs = [(["validate", *f], "text"), (["coverage", *f, "--format", "json"], "json")]
    runs += [(["status", *f, "--format", fmt, "--lang", lang], fmt)
             for fmt in ("table", "json", "csv", "markdown") for lang in ("zh", "en")]  # fmt: skip
    runs += [(["check", *f, "--format", fmt, "--max-age", "90"], fmt)
             for fmt in ("text", "json", "github", "junit", "markdown")]  # fmt: skip
    runs += [(["report", *f, "--format", fmt], fmt) for fmt in ("md", "csv", "html")]
    runs += [(["export", *f, "--format", "json"], "json"), (["template", *f], "csv")]
    runs += [(["show", "t0", *f], "table"),
             (["diff", *f, "--from", "2025-03-31", "--to", "2025-09-30"], "table")]  # fmt: skip
    runs += [(["report", *f, "-o", str(out / "r.xlsx")], "xlsx"),
             (["export", *f, "-o", str(out / "e.xlsx")], "xlsx")]  # fmt: skip
    return runs


def check_one(seed: int, folder: Path) -> None:
    rng = random.Random(seed)
    plan = write_plan(folder, rng)
    runner = CliRunner()
    for args, kind in commands(plan, folder):
        result = runner.invoke(cli.app, args)
        where = f"seed {seed}: targets {' '.join(args)}"
        assert result.exit_code in EXITS, f"{where}: exit {result.exit_code}\n{result.output}"
        assert "Traceback" not in result.output, where
        if result.exit_code == 3:
            continue  # an input the tool refuses, with its message
        if kind == "json":
            json.loads(result.stdout)
        elif kind == "junit":
            ET.fromstring(result.stdout)
        elif kind == "csv":
            list(csv.reader(io.StringIO(result.stdout)))
        elif kind == "xlsx":
            load_workbook(Path(args[-1])).close()


def main(count: int) -> int:
    for seed in range(count):
        with tempfile.TemporaryDirectory() as folder:
            try:
                check_one(seed, Path(folder))
            except AssertionError as exc:
                print(exc)
                return 1
    print(f"{count} random plans, every command and format: no bug, every output readable")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
