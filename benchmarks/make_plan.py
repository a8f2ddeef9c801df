"""Generate a plan of N targets with M observations: a city or province tracking all its
districts' reports. Writes targets.yaml and progress.csv into a folder.

    python benchmarks/make_plan.py OUT_DIR --targets 10000 --observations 200000
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PACES = [  # (comparator, pace, unit, target)
    ("at_least", "cumulative", "家", 120),
    ("about", "rate", "%", 5.5),
    ("at_least", "rate", "%", 15),
    ("at_least", "level", "件", 18000),
    ("more_than", "cumulative", "亿元", 75.7),
    ("at_least", "cumulative", "万名", 4),
]


def make(folder: Path, targets: int, observations: int, seed: int = 2025) -> tuple[Path, Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "id: generated",
        "title: 生成的计划",
        "region: 测试市",
        "period:",
        "  start: 2025-01-01",
        "  end: 2025-12-31",
        "source: report.txt",
        "targets:",
    ]
    kinds = []
    for i in range(targets):
        comparator, pace, unit, target = PACES[i % len(PACES)]
        kinds.append((pace, unit, target))
        lines += [
            f"  - id: t-{i}",
            f"    section: （{i % 7 + 1}）第{i % 7 + 1}部分",
            f"    name: 目标{i}",
            f"    name_en: Target {i}",
            f"    quote: 目标{i}达到{target}{unit}以上",
            f"    target: {target}",
            f"    unit: '{unit}'",
            f"    comparator: {comparator}",
            f"    pace: {pace}",
        ]
    plan = folder / "targets.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["id,as_of,value,source,note,recorded_at"]
    per_target = observations // max(targets, 1)
    start = date(2025, 1, 1)
    for i in range(targets):
        pace, unit, target = kinds[i]
        days = sorted(rng.sample(range(365), min(per_target, 365))) if per_target else []
        for n, day in enumerate(days):
            scale = 10_000 if unit == "万名" else 1
            share = (day + 1) / 365 * rng.uniform(0.7, 1.2)
            value = target * (rng.uniform(0.6, 1.3) if pace == "rate" else share) * scale
            rows.append(
                f"t-{i},{start + timedelta(days=day)},{round(value, 2)},bureau,,"
                f"2025-12-31T00:00:{n % 60:02d}+00:00"
            )
    progress = folder / "progress.csv"
    progress.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return plan, progress


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--targets", type=int, default=10_000)
    parser.add_argument("--observations", type=int, default=200_000)
    args = parser.parse_args()
    plan, progress = make(args.out, args.targets, args.observations)
    print(f"{plan} ({plan.stat().st_size:,} bytes), {progress} ({progress.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
