"""`targets diff`: what changed this quarter, with no options, in text, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets.cli import app

runner = CliRunner()

PLAN = """\
id: diff-2025
title: 变化
region: 测试区
period: {start: 2025-01-01, end: 2025-12-31}
source: report.txt
targets:
  - {id: gdp, section: 甲, name: 地区生产总值增长, name_en: GDP growth, quote: q,
     target: 5.5, unit: '%', comparator: about, pace: rate}
  - {id: stores, section: 甲, name: 引进首店, name_en: First stores, quote: q,
     target: 3000, unit: 个, comparator: at_least, pace: cumulative}
  - {id: fai, section: 乙, name: 固定资产投资, name_en: Fixed-asset investment, quote: q,
     target: 800, unit: 亿元, comparator: at_least, pace: cumulative}
"""
PROGRESS = """\
id,as_of,value,source,note,recorded_at
gdp,2025-03-31,5.3,s,,2025-04-10T00:00:00+00:00
gdp,2025-06-30,5.2,s,,2025-07-10T00:00:00+00:00
stores,2025-06-30,1200,s,,2025-07-10T00:00:00+00:00
fai,2025-06-30,300,s,,2025-07-10T00:00:00+00:00
gdp,2025-09-30,4.1,s,,2025-10-10T00:00:00+00:00
stores,2025-09-30,2400,s,,2025-10-10T00:00:00+00:00
fai,2025-09-30,300,s,,2025-10-10T00:00:00+00:00
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(PROGRESS, encoding="utf-8")
    return tmp_path / "targets.yaml"


def diff(plan: Path, *args: str) -> str:
    result = runner.invoke(app, ["diff", "-f", str(plan), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_without_options_it_compares_the_last_two_dates_with_figures(plan: Path):
    document = json.loads(diff(plan, "--format", "json", "--lang", "en"))
    assert (document["from"], document["to"]) == ("2025-06-30", "2025-09-30")
    assert [(c["id"], c["direction"]) for c in document["changes"]] == [
        ("gdp", "worse"),  # on track at 5.2, at risk at 4.1
        ("stores", "better"),  # at risk at 1,200, on track at 2,400
        ("fai", "worse"),  # the same 300: further behind the pace
    ]
    gdp = document["changes"][0]
    assert gdp["before"] == {"as_of": "2025-06-30", "value": 5.2, "status": "on_track"}
    assert gdp["after"] == {"as_of": "2025-09-30", "value": 4.1, "status": "at_risk"}
    assert gdp["name"] == "GDP growth"


def test_text_and_markdown_say_the_value_at_both_dates(plan: Path):
    text = diff(plan, "--lang", "en")
    assert "│ gdp    │ GDP growth" in text and "5.2% (2025-06-30)" in text
    assert "4.1% (2025-09-30)" in text and "on track → at risk" in text
    assert text.rstrip().endswith("2025-06-30 → 2025-09-30: 3 targets changed (better 1 · worse 2)")
    markdown = diff(plan, "--format", "markdown")
    assert markdown.splitlines()[:3] == [
        "| 编号 | 名称 | 2025-06-30 | 2025-09-30 | 状态 | 走向 |",
        "|---|---|---|---|---|---|",
        "| gdp | 地区生产总值增长 | 5.2% (2025-06-30) | 4.1% (2025-09-30) | 符合序时 → 存在风险 "
        "| 变差 |",
    ]
    assert markdown.rstrip().endswith("3 个目标有变化（好转 1 · 变差 2）")


def test_to_alone_compares_with_the_date_before_it(plan: Path):
    document = json.loads(diff(plan, "--to", "2025-06-30", "--format", "json"))
    assert (document["from"], document["to"]) == ("2025-03-31", "2025-06-30")


@pytest.mark.usefixtures("english")
def test_one_date_of_figures_is_not_enough(plan: Path, tmp_path: Path):
    (tmp_path / "progress.csv").write_text(PROGRESS.split("gdp,2025-06-30")[0], encoding="utf-8")
    result = runner.invoke(app, ["diff", "-f", str(plan), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: diff compares figures at two dates; progress.csv has figures only at "
        "2025-03-31: record another quarter's figures, or give --from and --to\n"
    )


def test_no_figures_at_all_are_not_enough(plan: Path, tmp_path: Path):
    (tmp_path / "progress.csv").write_text(PROGRESS.split("\n")[0] + "\n", encoding="utf-8")
    said = {
        "en": "Error: diff compares figures at two dates; progress.csv has no figures yet: "
        "record another quarter's figures, or give --from and --to\n",
        "zh": "错误：targets diff 比较两个日期的数据；progress.csv 中还没有数据：请再录入一个季度"
        "的数据，或用 --from 和 --to 指定两个日期\n",
    }
    for lang, text in said.items():
        result = runner.invoke(app, ["diff", "-f", str(plan), "--lang", lang])
        assert (result.exit_code, result.stderr) == (2, text)
