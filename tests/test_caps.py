"""A cumulative cap (at_most on a yearly amount: energy use, a spending ceiling) reads as
used, never as done: 107 against a cap of 100 is 已用上限的107% / 107% of the cap used in
status, show and the report, worded in one place (outputs/wording.completion_text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets import cli

runner = CliRunner()

PLAN = """\
id: caps
title: 上限测试
region: 测试区
period: {start: 2025-01-01, end: 2025-12-31}
source: report.txt
targets:
  - id: energy
    section: 绿色
    name: 能耗总量
    name_en: Energy use
    quote: 能耗总量控制在100万吨标准煤以内
    target: 100
    unit: 万吨
    comparator: at_most
    pace: cumulative
  - id: spending
    section: 财政
    name: 一般性支出
    name_en: General spending
    quote: 一般性支出控制在100亿元以内
    target: 100
    unit: 亿元
    comparator: at_most
    pace: cumulative
  - id: firms
    section: 财政
    name: 新增企业
    name_en: New firms
    quote: 新增企业100家
    target: 100
    unit: 家
    comparator: at_least
    pace: cumulative
"""
PROGRESS = """\
id,as_of,value,source,note,recorded_at
energy,2025-12-31,1070000,,,2026-01-10T00:00:00+00:00
firms,2025-06-30,52,,,2025-07-10T00:00:00+00:00
spending,2025-06-30,60,,,2025-07-10T00:00:00+00:00
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(PROGRESS, encoding="utf-8")
    (tmp_path / "report.txt").write_text("报告", encoding="utf-8")
    return tmp_path


def run(folder: Path, *args: str) -> str:
    result = runner.invoke(cli.app, [*args, "-f", str(folder / "targets.yaml")],
                           env={"TARGETS_FILE": None, "COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def line_of(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if name in line)


def test_status_says_how_much_of_a_cap_is_used(folder: Path):
    zh = run(folder, "status")
    assert line_of(zh, "能耗总量").rstrip(" │").endswith("███████┃ 已用上限的107%")
    assert line_of(zh, "一般性支出").rstrip(" │").endswith("███┃█░░░ 已用上限的60%")
    assert line_of(zh, "新增企业").rstrip(" │").endswith("███┃░░░░ 52%")  # done, as before
    en = run(folder, "status", "--lang", "en")
    assert line_of(en, "Energy use").rstrip(" │").endswith("███████┃ 107% of the cap used")
    assert "完成 107" not in zh and "完成107" not in zh and " done" not in en


def test_show_words_the_cap_used_in_its_steps(folder: Path):
    assert "上限使用率 = 107 万吨 / 100 万吨 = 107.00%" in run(folder, "show", "energy")
    en = run(folder, "show", "energy", "--lang", "en")
    assert "share of the cap used = 1,070,000 t / 1,000,000 t = 107.00%" in en
    assert "completion =" not in en
    assert "完成率 = 52 家 / 100 家 = 52.00%" in run(folder, "show", "firms")


def test_the_report_says_used_in_every_format(folder: Path):
    md = run(folder, "report", "--format", "md")
    assert "| 未完成 |" in line_of(md, "能耗总量")
    assert "| 已用上限的107% | 未完成 |" in line_of(md, "能耗总量")
    # 60 used where 49.59 was due: more than the pace allows, said as such
    assert "| 已用上限的60%，高于序时进度10.41个百分点 | 滞后序时 |" in line_of(md, "一般性支出")
    assert "| 快于序时进度2.41个百分点 | 符合序时 |" in line_of(md, "新增企业")
    en = run(folder, "report", "--format", "md", "--lang", "en")
    assert "| 107% of the cap used | missed |" in line_of(en, "Energy use")
    assert "| 60% of the cap used, 10.41 points above the pace | off track |" in line_of(
        en, "General spending"
    )
    html = run(folder, "report", "--format", "html")
    assert "已用上限的107%" in html and "已用上限的60%" in html and "完成 52%" in html
    assert "完成 107%" not in html and "完成 60%" not in html
    csv_text = run(folder, "report", "--format", "csv")
    assert "已用上限的107%" in csv_text
