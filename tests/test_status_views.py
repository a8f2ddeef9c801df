"""Problems first: `status --sort` and `status --problems`, and what the summary says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets.cli import app

runner = CliRunner()

PLAN = """\
id: views-2025
title: 视图
region: 测试区
period: {start: 2025-01-01, end: 2025-12-31}
source: report.txt
targets:
  - {id: gdp, section: 甲, name: 地区生产总值增长, name_en: GDP growth, quote: q,
     target: 5.5, unit: '%', comparator: about, pace: rate}
  - {id: exports, section: 甲, name: 出口增长, name_en: Export growth, quote: q,
     target: 6, unit: '%', comparator: at_least, pace: rate}
  - {id: stores, section: 乙, name: 引进首店, name_en: First stores, quote: q,
     target: 3000, unit: 个, comparator: at_least, pace: cumulative}
  - {id: parks, section: 乙, name: 公园, name_en: Parks, quote: q,
     target: 10, unit: 个, comparator: at_least, pace: cumulative}
  - {id: fai, section: 乙, name: 固定资产投资, name_en: Fixed-asset investment, quote: q,
     target: 800, unit: 亿元, comparator: at_least, pace: cumulative, stretch: true}
"""
PROGRESS = """\
id,as_of,value,source,note,recorded_at
gdp,2025-06-30,5.2,s,,2025-07-10T00:00:00+00:00
exports,2025-06-30,4,s,,2025-07-10T00:00:00+00:00
stores,2025-06-30,1200,s,,2025-07-10T00:00:00+00:00
"""
# gdp on track (+0.2); exports off track (-2 against a 1-point band); stores at risk
# (-9.59 points, within the 10-point band); parks and fai have no figure.


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(PROGRESS, encoding="utf-8")
    return tmp_path / "targets.yaml"


def ids(plan: Path, *args: str) -> list[str]:
    result = runner.invoke(app, ["status", "-f", str(plan), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [t["id"] for t in json.loads(result.stdout)["targets"]]


def test_the_plans_order_by_default(plan: Path):
    assert ids(plan) == ["gdp", "exports", "stores", "parks", "fai"]
    assert ids(plan, "--sort", "plan") == ids(plan)


def test_sort_by_status_puts_the_worst_first(plan: Path):
    assert ids(plan, "--sort", "status") == ["exports", "stores", "parks", "fai", "gdp"]


def test_sort_by_gap_puts_the_furthest_behind_first(plan: Path):
    assert ids(plan, "--sort", "gap") == ["stores", "exports", "gdp", "parks", "fai"]


def test_problems_shows_only_problems_worst_first(plan: Path):
    assert ids(plan, "--problems") == ["exports", "stores"]
    assert ids(plan, "--problems", "--sort", "gap") == ["stores", "exports"]
    assert ids(plan, "--problems", "--status", "at_risk") == ["stores"]


def test_problems_with_no_problem_status_is_a_usage_error(plan: Path):
    result = runner.invoke(app, ["status", "-f", str(plan), "--problems", "--status", "on_track"])
    assert result.exit_code == 2
    assert "--status 未列出其中任何一种" in result.stderr


def test_the_summary_says_what_the_score_is_the_mean_of(plan: Path):
    result = runner.invoke(app, ["status", "-f", str(plan), "--lang", "en"], env={"COLUMNS": "200"})
    assert result.stdout.splitlines()[-2:] == [
        "4 targets: on track 1 · at risk 1 · off track 1 · no data 1; score 82.5: the mean of "
        "3 scored of 3 with figures",
        "★ 1 stretch target, counted apart: no data 1; no score: no figures yet",
    ]
    zh = runner.invoke(app, ["status", "-f", str(plan)], env={"COLUMNS": "200"})
    assert zh.stdout.splitlines()[-2] == (
        "目标 4 项：符合序时 1 · 存在风险 1 · 滞后序时 1 · 暂无数据 1；"
        "得分 82.5（有数据的 3 项中计分 3 项的平均）"
    )


def long_plan(folder: Path, targets: int) -> Path:
    """``targets`` growth-rate targets in three sections; every seventh is off track."""
    lines = [
        "id: long-2025",
        "title: 长计划",
        "region: 测试市",
        "period: {start: 2025-01-01, end: 2025-12-31}",
        "source: report.txt",
        "targets:",
    ]
    figures = ["id,as_of,value,source,note,recorded_at"]
    for i in range(targets):
        lines.append(
            f"  - {{id: t{i}, section: 第{i % 3}部分, name: 目标{i}, name_en: Target {i}, "
            "quote: q, target: 5, unit: '%', comparator: at_least, pace: rate}"
        )
        value = 2.0 + i / 1000 if i % 7 == 0 else 6.0
        figures.append(f"t{i},2025-06-30,{value},s,,2025-07-01T00:00:00+00:00")
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "progress.csv").write_text("\n".join(figures) + "\n", encoding="utf-8")
    return folder / "targets.yaml"


def test_a_long_table_lists_the_worst_problems_and_each_section(tmp_path: Path):
    plan = long_plan(tmp_path, 400)  # 58 off track: more than the 50 listed
    result = runner.invoke(app, ["status", "-f", str(plan), "--lang", "en"], env={"COLUMNS": "100"})
    lines = result.stdout.splitlines()
    assert lines[1].startswith("400 targets: too many to list. The 50 worst problems")
    rows = [line for line in lines if line.startswith("│ Target ")]
    assert len(rows) == 50
    assert rows[0].startswith("│ Target 0 ")  # 2.0%: the furthest behind comes first
    assert [line.split(":")[0] for line in lines if line.startswith("第")] == [
        "第0部分", "第1部分", "第2部分"
    ]  # fmt: skip
    assert all(len(line) <= 100 for line in lines)
    everything = runner.invoke(
        app, ["status", "-f", str(plan), "--lang", "en", "--all"], env={"COLUMNS": "100"}
    )
    assert sum(line.startswith("│ Target ") for line in everything.stdout.splitlines()) == 400


def test_a_long_table_with_no_problem_says_so(tmp_path: Path):
    plan = long_plan(tmp_path, 210)
    progress = tmp_path / "progress.csv"
    progress.write_text(progress.read_text().replace(",2.", ",9."), encoding="utf-8")
    result = runner.invoke(app, ["status", "-f", str(plan)], env={"COLUMNS": "80"})
    assert "没有未完成、滞后序时或存在风险的目标" in result.stdout
    assert "│" not in result.stdout
