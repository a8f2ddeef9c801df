"""A plan's own English: title_en, region_en and section_en, used by every --lang en
output where the plan gives them; and `targets check --lang`."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SMALL_PLAN, SMALL_PROGRESS
from gongshu_targets.cli import app
from gongshu_targets.errors import ExitCode

runner = CliRunner()

ENGLISH_PLAN = (
    SMALL_PLAN.replace("title: 测试计划\n", "title: 测试计划\ntitle_en: Test plan\n")
    .replace("region: 测试区\n", "region: 测试区\nregion_en: Test District\n")
    .replace(
        "    section: 主要预期目标\n", "    section: 主要预期目标\n    section_en: Main targets\n"
    )
)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(ENGLISH_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(SMALL_PROGRESS, encoding="utf-8")
    return tmp_path / "targets.yaml"


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "160", "GITHUB_STEP_SUMMARY": None})
    assert result.exit_code == code, result.output
    return result.stdout


def test_the_english_table_uses_the_plans_english_title_region_and_headings(plan: Path):
    en = run("status", "-f", str(plan), "--lang", "en")
    assert en.splitlines()[0].strip() == "Test plan · Test District · data as of 2025-06-30"
    assert "│ Main targets " in en and "主要预期目标" not in en
    assert "│ （二）科技 " in en  # a section with no section_en keeps its heading
    zh = run("status", "-f", str(plan))
    assert zh.splitlines()[0].strip() == "测试计划 · 测试区 · 数据截至 2025-06-30"
    assert "│ 主要预期目标 " in zh and "Main targets" not in zh


def test_every_english_output_uses_the_english_forms(plan: Path):
    f = ("-f", str(plan), "--lang", "en")
    markdown = run("status", *f, "--format", "markdown")
    assert "| | **Main targets** |" in markdown and "主要预期目标" not in markdown
    by_section = run("status", *f, "--by", "section", "--format", "csv")
    assert by_section.splitlines()[1].startswith("Main targets,2,")
    show = run("show", "gdp-growth", *f)
    assert re.search(r"\n│ Main targets +│\n", show) and "主要预期目标" not in show
    report = run("report", *f, "--format", "md")
    assert "Test plan" in report.splitlines()[0]
    assert "测试计划" not in report
    html = run("report", *f, "--format", "html")
    assert (
        "<title>Test plan" in html and '<option value="主要预期目标">Main targets</option>' in html
    )
    assert "测试计划" not in html


def test_section_en_must_agree_within_a_section(plan: Path):
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("section_en: Main targets", "section_en: Main", 1), "utf-8")
    result = runner.invoke(app, ["validate", "-f", str(plan), "--lang", "en"])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "section '主要预期目标': give the same section_en on every one of its targets, or on "
        "none (found 'Main', 'Main targets')"
    ) in " ".join(result.stderr.split())


def test_check_speaks_chinese_by_default_and_english_with_lang_en(plan: Path):
    f = ("-f", str(plan), "--fail-on", "at_risk")
    plan_name = str(Path("..") / plan.parent.name / "targets.yaml")
    assert run("check", *f, "--lang", "en", code=1).replace(plan_name, "PLAN") == (
        "FAIL gdp-growth GDP growth: 4.6% vs 5% expected (-0.4 pt against the pace) as of "
        "2025-03-31; at risk since 2025-03-31\n"
        "targets check FAILED: 1 failing, 0 warnings among 4 targets in PLAN (evaluated on "
        "2025-06-30; overall score 97.3)\n"
    )
    assert run("check", *f, code=1).replace(plan_name, "PLAN") == (
        "未通过 gdp-growth 地区生产总值增长：4.6%，应达 5%（对照序时-0.4个百分点），截至 "
        "2025-03-31；存在风险（自 2025-03-31 起）\n"
        "目标检查未通过：4 项目标中未通过 1 项、警告 0 项，计划 PLAN（评估日 2025-06-30；"
        "总得分 97.3）\n"
    )


def test_check_in_chinese_in_every_format(plan: Path, tmp_path: Path):
    f = ("-f", str(plan), "--lang", "zh", "--max-age", "30")
    github = run("check", *f, "--format", "github").splitlines()
    assert github[0].endswith(
        "title=gdp-growth%3A 存在风险::警告 gdp-growth 地区生产总值增长：4.6%25，应达 5%25"
        "（对照序时-0.4个百分点），截至 2025-03-31；存在风险（自 2025-03-31 起）；数据过期："
        "最新数据已 91 天（上限 30 天）"
    )
    assert ",title=尚无数据::警告 1 项目标尚无数据；文本格式的检查结果列出全部" in github[-2]
    markdown = run("check", *f, "--format", "markdown")
    assert "| | 编号 | 名称 | 目标 | 最新 | 序时应达 | 较序时(点) | 状态 | 自 |" in markdown
    assert "| ⚠️ | `income-growth` | 居民人均可支配收入增长 | 与地区生产总值增长同步 |" in markdown
    root = ET.fromstring(run("check", *f, "--format", "junit").split("\n", 1)[1])
    assert root.get("name", "").startswith("目标检查 ")
    assert [s.get("name") for s in root] == ["主要预期目标", "（二）科技"]
    junit = run("check", "-f", str(plan), "--lang", "en", "--format", "junit")
    english = ET.fromstring(junit.split("\n", 1)[1])
    assert [s.get("name") for s in english] == ["Main targets", "（二）科技"]
    assert not re.search(
        r"[A-Za-z]{2,}", re.sub(r"gdp-growth|income-growth", "", github[0].split("::", 2)[2])
    )


# --- sheets: template, export and import's dry run in one language -----------------------


def test_template_in_english_words_units_and_names_its_sheet(plan: Path, tmp_path: Path):
    en = tmp_path / "en.xlsx"
    run("template", "-f", str(plan), "--lang", "en", "--as-of", "2025-09-30", "-o", str(en))
    book = openpyxl.load_workbook(en)
    assert book.sheetnames == ["template"]
    rows = list(book["template"].iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "name", "owner", "unit")
    units = {row[0]: row[3] for row in rows[1:]}
    assert units == {
        "gdp-growth": "%",
        "income-growth": "%",
        "young-graduates": "people",
        "platform-rd": "100m yuan",
    }
    zh = tmp_path / "zh.xlsx"
    run("template", "-f", str(plan), "--as-of", "2025-09-30", "-o", str(zh))
    book = openpyxl.load_workbook(zh)
    assert book.sheetnames == ["填报"]
    assert next(book["填报"].iter_rows(values_only=True))[:4] == (
        "编号",
        "名称",
        "牵头单位",
        "单位",
    )
    assert [r[3] for r in book["填报"].iter_rows(min_row=2, values_only=True)] == [
        "%", "%", "名", "亿元",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_in_either_language_imports_back_unchanged(plan: Path, lang: str, suffix: str):
    progress = plan.parent / "progress.csv"
    run("update", "young-graduates", "2.5万", "--as-of", "2025-09-30", "-f", str(plan))
    before = progress.read_bytes()
    sheet = plan.parent / f"export.{suffix}"
    run("export", "-f", str(plan), "--lang", lang, "-o", str(sheet))
    if suffix == "csv":
        header = sheet.read_text(encoding="utf-8-sig").splitlines()[0]
    else:
        book = openpyxl.load_workbook(sheet)
        assert book.sheetnames == ["observations" if lang == "en" else "观测数据"]
        header = ",".join(str(c) for c in next(book.active.iter_rows(values_only=True)))
    assert (
        header
        == {
            "en": "id,as_of,value,unit,source,note,recorded_at,progress",
            "zh": "编号,日期,数值,单位,来源,备注,录入时间,完成进度",
        }[lang]
    )
    imported = run("import", str(sheet), "-f", str(plan), "--lang", lang)
    assert (
        imported
        == {
            "en": "added 0, revised 0, left 4 unchanged (progress.csv not touched)\n",
            "zh": "新增 0 条、修订 0 条、4 条不变（progress.csv 未改动）\n",
        }[lang]
    )
    assert progress.read_bytes() == before


def test_the_dry_run_in_chinese(plan: Path):
    sheet = plan.parent / "q.csv"
    sheet.write_text(
        "编号,日期,数值\nyoung-graduates,2025-09-30,3.1万\nyoung-graduates,2025-06-30,retracted\n",
        encoding="utf-8",
    )
    out = run("import", str(sheet), "--dry-run", "--lang", "zh", "-f", str(plan))
    lines = out.splitlines()
    assert [c.strip() for c in lines[1].strip("┃ ").split("┃")] == [
        "变动", "编号", "日期", "现有", "填写 → 读作", "存储值",
    ]  # fmt: skip
    cells = [[c.strip() for c in line.strip("│ ").split("│")] for line in lines if "young" in line]
    assert cells == [
        ["新增", "young-graduates", "2025-09-30", "—", "3.1万 → 31,000 名（3.1 万名）", "31000"],
        ["撤回", "young-graduates", "2025-06-30", "20,000 名", "retracted → 已撤回", "已撤回"],
    ]
    assert lines[-1] == "将新增 1 条、将修订 0 条、0 条不变、将撤回 1 条（试运行：未写入任何内容）"


# --- a section chosen in either language; both forms in the data formats ----------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("wanted", ["Main targets", "main TARGETS", "主要预期目标", "预期"])
def test_section_is_chosen_by_its_heading_in_either_language(plan: Path, lang: str, wanted: str):
    rows = run("status", "-f", str(plan), "--lang", lang, "--section", wanted, "--format", "csv")
    assert [line.split(",")[0] for line in rows.splitlines()[1:]] == [
        "gdp-growth",
        "income-growth",
    ]


def test_a_section_matching_neither_language_lists_them_in_the_readers_language(plan: Path):
    """--section takes a heading in either language; the refusal names each in the reader's
    (a heading the plan gives no English form keeps its own)."""
    result = runner.invoke(app, ["status", "-f", str(plan), "--lang", "en", "--section", "Tech"])
    assert result.exit_code == ExitCode.USAGE
    assert " ".join(result.stderr.split()) == (
        "Error: --section 'Tech' matches no heading; the sections are: Main targets; （二）科技"
    )
    result = runner.invoke(app, ["status", "-f", str(plan), "--lang", "zh", "--section", "Tech"])
    assert result.stderr == (
        "错误：--section 'Tech' 与任何栏目标题都不匹配；现有栏目：主要预期目标；（二）科技\n"
    )


def test_status_json_and_csv_carry_the_plans_english_forms(plan: Path):
    document = json.loads(run("status", "-f", str(plan), "--format", "json"))
    assert {k: document["plan"][k] for k in ("title", "title_en", "region", "region_en")} == {
        "title": "测试计划",
        "title_en": "Test plan",
        "region": "测试区",
        "region_en": "Test District",
    }
    sections = [(t["section"], t["section_en"]) for t in document["targets"]]
    assert sections == [("主要预期目标", "Main targets")] * 2 + [("（二）科技", None)] * 2
    checked = json.loads(run("check", "-f", str(plan), "--format", "json"))
    assert checked["plan"]["title_en"] == "Test plan"
    assert checked["targets"][0]["section_en"] == "Main targets"
    rows = list(csv.DictReader(io.StringIO(run("status", "-f", str(plan), "--format", "csv"))))
    assert [(r["section"], r["section_en"]) for r in rows] == [
        ("主要预期目标", "Main targets"),
        ("主要预期目标", "Main targets"),
        ("（二）科技", ""),
        ("（二）科技", ""),
    ]
    rollup = json.loads(run("status", "-f", str(plan), "--by", "section", "--format", "json"))
    assert [(g["name"], g["name_en"]) for g in rollup["groups"]] == [
        ("主要预期目标", "Main targets"),
        ("（二）科技", None),
    ]
