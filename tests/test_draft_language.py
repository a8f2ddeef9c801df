"""`targets draft --lang zh|en`: the file's own words (comments, notes, the English name to
fill in) are in one language; its keys, ids and values are what `targets validate` reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core.models import Plan, Target
from gongshu_targets.enums import Comparator, Lang, Pace
from gongshu_targets.errors import ExitCode
from test_language import ALLOWED_IN_ZH, BUNDLED, ENGLISH_WORD

runner = CliRunner()

REPORT = (
    "2026年主要预期目标是：城乡居民收入增长与经济增长同步，地区生产总值增长5.5%左右，"
    "确保5%以上，社会消费品零售总额100亿元左右。\n"
    "到2030年，数字经济核心产业增加值达到1000亿元。\n"
)
HEAD = """\
# yaml-language-server: $schema=./targets.schema.json
"""
PLAN_HEADER = """\
id: draft-2026
title: 2026年政府工作报告主要目标任务
region: ''
period:
  start: 2026-01-01
  end: 2026-12-31
source: r.txt
targets:
"""
ZH = (
    HEAD
    + """\
# 本文件是 `targets draft` 根据 r.txt 草拟的计划草稿。
# 各项目标均为暂定：请对照报告逐项核对名称、数值、单位、比较方式（comparator）
# 和进度口径（pace），需要英文输出的可补写英文名称（name_en），核对后另存为
# targets.yaml；`targets coverage` 可将其与报告逐条比对。识别时略过成果 0 项、
# 名称或限定语 0 项（`targets coverage --format json` 逐项列出并注明原因）。
"""
    + PLAN_HEADER
    + """\
- id: t001
  section: 主要预期目标
  name: 地区生产总值增长
  quote: 地区生产总值增长5.5%左右，确保5%以上
  target: 5.5
  unit: '%'
  comparator: about
  pace: rate
  floor: 5
  notes: 草稿：请对照报告核对名称、比较方式和进度口径
- id: t002
  section: 主要预期目标
  name: 社会消费品零售总额
  quote: 社会消费品零售总额100亿元左右
  target: 100
  unit: 亿元
  comparator: about
  pace: cumulative
  tolerance: 5.0
  notes: 草稿：请对照报告核对名称、比较方式和进度口径；容差按目标值的5%估计
# 后续年份的目标（不属于本计划）：
#   2030年：数字经济核心产业增加值达到1000亿元
# 未草拟（如属本计划目标，请手工补入）：
#   城乡居民收入增长与经济增长同步：与之同步的增长率目标尚未列入计划
"""
)
EN = (
    HEAD
    + """\
# A DRAFT of the commitments in r.txt, made by `targets draft`.
# Every target is provisional: check its name, number, unit, comparator and pace
# against the report and give its name_en, then save the file as targets.yaml;
# `targets coverage` checks it against the report. The reader set aside 0
# results and 0 names or qualifiers (`targets coverage --format json` lists
# each with why).
"""
    + PLAN_HEADER
    + """\
- id: t001
  section: 主要预期目标
  name: 地区生产总值增长
  name_en: Draft target 1
  quote: 地区生产总值增长5.5%左右，确保5%以上
  target: 5.5
  unit: '%'
  comparator: about
  pace: rate
  floor: 5
  notes: 'draft: check the name, comparator and pace against the report'
- id: t002
  section: 主要预期目标
  name: 社会消费品零售总额
  name_en: Draft target 2
  quote: 社会消费品零售总额100亿元左右
  target: 100
  unit: 亿元
  comparator: about
  pace: cumulative
  tolerance: 5.0
"""
    + "  notes: 'draft: check the name, comparator and pace against the report; tolerance"
    + " guessed as 5% of the\n"
    + """\
    target'
# For a later year than this plan's (not targets of it):
#   2030: 数字经济核心产业增加值达到1000亿元
# Not drafted (add them by hand if they are targets):
#   城乡居民收入增长与经济增长同步: in step with a growth rate the plan has not yet
"""
)


def draft(folder: Path, report: str, lang: Lang) -> bytes:
    """The draft of ``report`` (a path under ``folder``) written in ``lang``; it validates."""
    out = folder / f"draft-{lang.value}.yaml"
    made = runner.invoke(cli.app, ["draft", report, "-o", str(out), "--lang", lang.value])
    assert made.exit_code == ExitCode.OK, made.output
    checked = runner.invoke(cli.app, ["validate", "-f", str(out), "--lang", lang.value])
    assert checked.exit_code == ExitCode.OK, checked.output
    return out.read_bytes()


@pytest.mark.parametrize(("lang", "expected"), [(Lang.ZH, ZH), (Lang.EN, EN)])
def test_a_small_draft_byte_for_byte_in_each_language(
    lang: Lang, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert draft(tmp_path, "r.txt", lang).decode("utf-8") == expected


# What a Chinese draft may hold in Latin letters: the YAML keys a reader is pointed to
# (比较方式（comparator）), the machine's values (about, cumulative), ids, file names and
# commands, and the report's own text (quotes, names, sections, units).
KEYS = {*Plan.model_fields, *Target.model_fields, "start", "end"}
VALUES = {*(str(v) for v in (*Comparator, *Pace)), "true"}
YAML_KEY = re.compile(r"^\s*(?:- )?[a-z_]+:")
WORD = re.compile(r"[a-z_]+")
ID = re.compile(r"t\d+|draft-\d+")


def english_words_of_ours(text: str, report: str) -> list[str]:
    """The English words a Chinese draft says in its own voice: in comments and notes,
    not keys, values, ids or file names, nor what it quotes from the report."""
    loaded = yaml.safe_load(text)
    ours = [line for line in text.splitlines() if line.startswith("#")][1:]  # the schema line
    ours += [t["notes"] for t in loaded["targets"]]
    for line in text.splitlines():
        if not line.startswith("#") and YAML_KEY.match(line):
            value = YAML_KEY.sub("", line).strip().strip("'")
            if value not in VALUES and value not in report and not ID.fullmatch(value):
                ours.append(value)
    found = []
    for line in ours:
        left = WORD.sub(
            lambda m: " " if m.group() in KEYS else m.group(), ALLOWED_IN_ZH.sub(" ", line)
        )
        found += ENGLISH_WORD.findall(left)
    return found


@pytest.mark.parametrize("source", ["r.txt", "gongshu-2025.txt"])
def test_a_chinese_draft_has_no_english_word_but_keys_ids_and_values(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    text = REPORT if source == "r.txt" else (BUNDLED.parent / "reports" / source).read_text()
    (tmp_path / source).write_text(text, encoding="utf-8")
    zh = draft(tmp_path, source, Lang.ZH).decode("utf-8")
    assert "name_en" not in yaml.safe_load(zh)["targets"][0]
    assert english_words_of_ours(zh, text) == []
    en = draft(tmp_path, source, Lang.EN).decode("utf-8")
    assert english_words_of_ours(en, text) != []  # the check sees English where it is
    plan = yaml.safe_load(en)
    assert [t["name_en"] for t in plan["targets"]][:2] == ["Draft target 1", "Draft target 2"]


def test_a_chinese_draft_read_in_english_names_its_targets_by_their_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    draft(tmp_path, "r.txt", Lang.ZH)
    shown = runner.invoke(cli.app, ["show", "t002", "-f", "draft-zh.yaml", "--lang", "en"])
    assert shown.exit_code == ExitCode.OK, shown.output
    assert "t002  社会消费品零售总额" in shown.stdout
