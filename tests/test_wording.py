"""One voice: every output words and rounds the same figure the same way."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import make_target
from gongshu_targets.cli import app
from gongshu_targets.core.models import Assessment
from gongshu_targets.core.units import (
    COUNT_UNITS,
    MEASURES,
    MONEY,
    MONEY_UNITS,
    PER,
    PERCENT,
    POINTS,
    SCALES,
    UnitProblem,
    unit_scale,
)
from gongshu_targets.enums import Lang, Pace, Status
from gongshu_targets.outputs import wording

runner = CliRunner()


@pytest.mark.parametrize(
    ("value", "unit", "lang", "derived", "expected"),
    [
        (4.6, "%", Lang.ZH, False, "4.6%"),
        (4.6, "%", Lang.EN, False, "4.6%"),
        (75.7, "亿元", Lang.ZH, False, "75.7 亿元"),
        (75.7, "亿元", Lang.EN, False, "75.7 × 100m yuan"),
        (1500, "万元", Lang.EN, False, "1,500 × 10k yuan"),
        (396.7123, "亿元", Lang.ZH, True, "396.71 亿元"),
        (1487.6712, "个", Lang.ZH, True, "1,488 个"),
        (1487.6712, "个", Lang.EN, True, "1,488 units"),
        (49.589, "家", Lang.ZH, True, "50 家"),
        (49.589, "家", Lang.EN, True, "50 entities"),
        (58.3, "件", Lang.ZH, False, "58.3 件"),  # a recorded density keeps its decimals
        (1.98364, "万名", Lang.ZH, True, "1.9836 万名"),  # 19,836 people: whole
        (1.98364, "万名", Lang.EN, True, "19,836 people"),
        (4, "万名", Lang.EN, False, "40,000 people"),
        (30, "万平方米", Lang.EN, False, "300,000 m²"),
        (-0.0001, "%", Lang.ZH, False, "0%"),
    ],
)
def test_quantity(value: float, unit: str, lang: Lang, derived: bool, expected: str):
    assert wording.quantity(value, unit, lang, derived=derived) == expected


@pytest.mark.parametrize(
    ("unit", "en"),
    [("%", "%"), ("亿元", "100m yuan"), ("家", "entities"), ("万名", "10,000 people"),
     ("个", "units")],
)  # fmt: skip
def test_unit_words(unit: str, en: str):
    assert wording.unit_words(unit, Lang.EN) == en
    assert wording.unit_words(unit, Lang.ZH) == unit


def test_every_unit_has_an_english_form_without_chinese():
    for unit in [*COUNT_UNITS, *(f"万{u}" for u in COUNT_UNITS), *MONEY_UNITS, "%"]:
        words = wording.quantity(12.5, unit, Lang.EN) + wording.unit_words(unit, Lang.EN)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in words), unit


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_points_are_signed_with_two_decimals_at_most(value: float):
    text = wording.points(value)
    assert float(text.replace(",", "")) == pytest.approx(round(value, 2), abs=1e-9)
    assert text.startswith("+") == (round(value, 2) > 0)
    assert len(text.replace(",", "").partition(".")[2]) <= 2


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.sampled_from(sorted(COUNT_UNITS)))
def test_a_derived_count_is_whole(value: float, unit: str):
    shown = wording.quantity(value, unit, Lang.ZH, derived=True)
    assert "." not in shown
    assert float(shown.split()[0].replace(",", "")) == round(value)


def test_the_gap_names_its_reference():
    a = Assessment(
        target=make_target(unit="家", pace=Pace.CUMULATIVE),
        status=Status.AT_RISK,
        value=40.0,
        value_as_of=date(2025, 6, 30),
        expected=49.589,
        gap=-9.59,
    )
    assert wording.gap_words(a, Lang.EN) == "-9.59 pt against the pace"
    assert wording.gap_words(a, Lang.ZH) == "对照序时-9.59个百分点"
    assert wording.judgement(a, Lang.ZH) == "慢于序时进度9.59个百分点"
    assert wording.expected_value_text(a, Lang.ZH) == "50 家"


ONE_VOICE_PLAN = """\
id: voice-2025
title: 一个声音
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
ONE_VOICE_PROGRESS = """\
id,as_of,value,source,note,recorded_at
gdp,2025-06-30,5.2,s,,2025-07-10T00:00:00+00:00
stores,2025-06-30,1200,s,,2025-07-10T00:00:00+00:00
fai,2025-06-30,300.456,s,,2025-07-10T00:00:00+00:00
"""
# What each figure reads as, in Chinese, wherever it is shown.
VOICE = {
    "gdp": {"latest": "5.2%", "expected": "5%", "gap": "+0.2"},
    "stores": {"latest": "1,200 个", "expected": "1,488 个", "gap": "-9.59"},
    "fai": {"latest": "300.46 亿元", "expected": "396.71 亿元", "gap": "-12.03"},
}


@pytest.fixture
def voice_plan(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(ONE_VOICE_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(ONE_VOICE_PROGRESS, encoding="utf-8")
    return tmp_path / "targets.yaml"


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_one_figure_reads_the_same_in_every_output(voice_plan: Path):
    f = ("-f", str(voice_plan))
    status = _run("status", *f, "--format", "markdown")
    table = _run("status", *f)
    check = _run("check", *f, "--fail-on", "at_risk", "--lang", "zh")
    report_md = _run("report", *f, "--format", "md")
    html = _run("report", *f, "--format", "html")
    data = {t["id"]: t for t in json.loads(_run("status", *f, "--format", "json"))["targets"]}
    for target_id, words in VOICE.items():
        latest, expected, gap = words["latest"], words["expected"], words["gap"]
        row = next(line for line in status.splitlines() if f"| {target_id} |" in line)
        assert f"| {latest} (2025-06-30) |" in row and f"| {gap} |" in row
        assert expected in row
        assert f"{latest} (2025-06-30)" in table and expected in table
        show = _run("show", target_id, *f)
        assert f"最新 {latest} (2025-06-30)" in show
        assert f"序时应达 {expected}" in show and f"对照序时{gap}个百分点" in show
        assert f"{latest} (2025-06-30)" in html
        figure = latest.split()[0].rstrip("%")
        assert data[target_id]["gap"] == float(gap)
        assert wording.quantity(data[target_id]["expected"], data[target_id]["unit"]) == expected
        report_row = next(line for line in report_md.splitlines() if f"| {figure} |" in line)
        if target_id != "gdp":  # a rate's judgement names its threshold
            assert f"慢于序时进度{gap.lstrip('-')}个百分点" in report_row
            assert f"慢于序时进度{gap.lstrip('-')}个百分点" in html
        if gap.startswith("-"):
            assert f"{latest}，应达 {expected}（对照序时{gap}个百分点）" in check
    # GDP 5.2% against 5.5%左右: the district's words against the target, with the
    # threshold status judges it by (5%) named; show says the same
    assert "低于目标（5.5%，门槛5%）0.3个百分点" in report_md
    assert "低于目标（5.5%，门槛5%）0.3个百分点" in html
    assert "对照序时+0.2个百分点 · 低于目标（5.5%，门槛5%）0.3个百分点" in _run("show", "gdp", *f)


def test_xlsx_shows_a_count_as_a_whole_number(voice_plan: Path, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    _run("report", "-f", str(voice_plan), "-o", str(out))
    sheet = load_workbook(out).active
    assert sheet is not None
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    stores, fai = cells[2][5], cells[3][5]
    assert (stores.value, stores.number_format) == (1200, "#,##0")
    assert (fai.value, fai.number_format) == (300.46, "#,##0.##")


def test_the_score_is_the_mean_of_the_scored_out_of_those_with_a_figure():
    """A pending target has a figure but no score: it counts among those with figures."""
    counts = {Status.ON_TRACK: 3, Status.AT_RISK: 1, Status.PENDING: 1, Status.NO_DATA: 1}
    assert wording.score_words(90.0, counts, Lang.EN) == (
        "score 90.0: the mean of 4 scored of 5 with figures"
    )
    assert (
        wording.score_words(90.0, counts, Lang.ZH) == "得分 90.0（有数据的 5 项中计分 4 项的平均）"
    )


def _units_a_draft_can_emit() -> list[str]:
    """Every unit the report reader can find (a measure, money or points word, with or
    without a scale word, over a measure or a 每万人/亩均 denominator) that a plan accepts."""
    words = [*MEASURES, *MONEY, *POINTS]
    singles = [PERCENT, *words, *(scale + w for scale in SCALES for w in words)]
    pers = sorted({*MEASURES, *PER.values()})
    ratios = [f"{n}/{d}" for n in (*words, "万元", "亿元") for d in pers]
    accepted = []
    for unit in (*singles, *ratios):
        try:
            unit_scale(unit)
        except UnitProblem:
            continue
        accepted.append(unit)
    return accepted


def test_every_unit_a_draft_can_emit_is_worded_in_both_languages():
    units = _units_a_draft_can_emit()
    assert {"微克/立方米", "件/千人", "万元/亩", "万美元", "个百分点"} <= set(units)
    for unit in units:
        zh = wording.quantity(1.5, unit, Lang.ZH)
        assert zh == "1.5%" if unit == PERCENT else zh == f"1.5 {unit}", unit
        en = wording.quantity(1.5, unit, Lang.EN)
        assert en[:1].isdigit(), (unit, en)
        wording.unit_words(unit, Lang.EN)


@pytest.mark.parametrize(
    ("unit", "quantity", "words"),
    [
        ("微克/立方米", "35 µg/m³", "µg/m³"),
        ("件/千人", "35 cases per 1,000 people", "cases per 1,000 people"),
        ("件/万人", "35 cases per 10,000 people", "cases per 10,000 people"),
        ("万元/亩", "35 × 10k yuan per mu", "10k yuan per mu"),
        ("个", "35 units", "units"),
        ("个百分点", "35 points", "points"),
        ("万美元", "35 万美元", "万美元"),  # no English form: shown as written
    ],
)
def test_units_in_english(unit: str, quantity: str, words: str):
    assert wording.quantity(35, unit, Lang.EN) == quantity
    assert wording.unit_words(unit, Lang.EN) == words


PM25_PLAN = """\
id: air-2025
title: 空气
region: 测试区
period: {start: 2025-01-01, end: 2025-12-31}
source: report.txt
targets:
  - id: pm25
    section: 生态
    name: PM2.5平均浓度
    name_en: PM2.5 concentration
    quote: PM2.5平均浓度控制在30微克/立方米以内
    target: 30
    unit: 微克/立方米
    comparator: at_most
    pace: level
"""


def test_a_unit_with_a_slash_in_its_name_is_worded_in_english(tmp_path: Path):
    """微克/立方米 is one measure, not a ratio of 微克 to 立方米: no internal error."""
    plan = tmp_path / "targets.yaml"
    plan.write_text(PM25_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at\n"
        "pm25,2025-06-30,28.4,bureau,,2025-07-10T00:00:00+00:00\n",
        encoding="utf-8",
    )
    f = ("-f", str(plan), "--lang", "en")
    status = runner.invoke(app, ["status", *f], env={"COLUMNS": "200"})
    assert status.exit_code == 0, status.output
    assert "≤ 30 µg/m³" in status.stdout and "28.4 µg/m³ (2025-06-30)" in status.stdout
    show = runner.invoke(app, ["show", "pm25", *f])
    assert show.exit_code == 0, show.output
    assert "≤ 30 µg/m³ — level: a stock measured at a date" in show.stdout
    report = runner.invoke(app, ["report", *f, "--format", "md"])
    assert report.exit_code == 0, report.output
    assert "| ≤ 30 µg/m³ | 28.4 | µg/m³ | 2025-06-30 |" in report.stdout


def test_an_in_step_target_names_the_one_it_tracks(plan_dir: Path):
    f = ("-f", str(plan_dir / "targets.yaml"))
    zh = runner.invoke(app, ["status", *f], env={"COLUMNS": "200"})
    assert "│ 与地区生产总值增长同步 │" in zh.stdout
    en = runner.invoke(app, ["status", *f, "--lang", "en"], env={"COLUMNS": "200"})
    assert "│ in step with GDP growth │" in en.stdout
    show = runner.invoke(app, ["show", "income-growth", *f, "--lang", "en"])
    assert "in step with GDP growth — rate: the year-to-date figure against the threshold" in (
        show.stdout
    )
    md = runner.invoke(app, ["status", *f, "--format", "markdown"])
    assert "| income-growth | 居民人均可支配收入增长 | 与地区生产总值增长同步 |" in md.stdout


def test_an_english_report_row_has_one_unit(plan_dir: Path):
    """≥ 40,000 people, so the figure done is 20,000 people too, not 2 (ten-thousands)."""
    f = ("-f", str(plan_dir / "targets.yaml"), "--lang", "en", "--format", "csv")
    row = next(
        line
        for line in runner.invoke(app, ["report", *f]).stdout.splitlines()
        if "Graduates" in line
    )
    assert row.split(",")[4:8] == ['"≥ 40', '000 people"', "20000", "people"]


def test_english_show_writes_each_step_in_the_units_of_its_other_lines(plan_dir: Path):
    f = ("-f", str(plan_dir / "targets.yaml"), "--lang", "en")
    show = runner.invoke(app, ["show", "young-graduates", *f], env={"COLUMNS": "200"}).stdout
    assert "• completion = 20,000 people / 40,000 people = 50.00%" in show
    assert "• linear year-end projection = 20,000 people / 0.4959 = 40,331 people" in show


def test_a_range_is_judged_against_its_threshold_as_status_judges_it():
    rate = make_target(id="r", target=5, upper=5.5, unit="%", comparator="range", pace="rate")
    a = Assessment(
        target=rate, status=Status.ON_TRACK, value=5.8, value_as_of=date(2025, 6, 30),
        expected=5, gap=0.8, reference=5,
    )  # fmt: skip
    assert wording.judgement(a, Lang.ZH) == "高于目标下限（5%）0.8个百分点"
    assert wording.judgement(a, Lang.EN) == "0.8 points above the range's lower end (5%)"


@pytest.mark.parametrize(("scale", "size"), list(SCALES.items()))
@pytest.mark.parametrize("measure", ["", "台", "家"])  # alone, no English noun, a noun
def test_a_scale_word_is_multiplied_out_never_shown_again_in_english(
    scale: str, size: float, measure: str
):
    """新增就业1.2万 is `1.2 万`: in English 12,000, not `12,000 万` (10,000 times too big)."""
    unit = scale + measure
    figure = wording.number(1.5 * size, wording.MAX_DECIMALS)
    noun = {"": "", "台": " 台", "家": " entities"}[measure]
    assert wording.quantity(1.5, unit, Lang.EN) == figure + noun
    assert wording.quantity(1.5, unit, Lang.EN, derived=True) == figure + noun
    assert wording.quantity(1.5, unit, Lang.ZH) == f"1.5 {unit}"
    assert wording.unit_words(unit, Lang.EN) == wording.EN_SCALES[size] + noun
    value, words = wording.sheet_figure(1.5, unit, Lang.EN)
    assert (value, words) == (1.5 * size, noun.strip())  # the sheet's row in quantity's unit


WAN_PLAN = PM25_PLAN.replace("PM2.5平均浓度控制在30微克/立方米以内", "新增城镇就业1.2万").replace(
    "target: 30\n    unit: 微克/立方米\n    comparator: at_most\n    pace: level",
    "target: 1.2\n    unit: 万\n    comparator: at_least\n    pace: cumulative",
)


def test_a_bare_wan_target_reads_right_in_every_output(tmp_path: Path):
    plan = tmp_path / "targets.yaml"
    plan.write_text(WAN_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at\n"
        "pm25,2025-06-30,6000,bureau,,2025-07-10T00:00:00+00:00\n",
        encoding="utf-8",
    )
    for lang, target, latest in (("en", "≥ 12,000", "6,000"), ("zh", "≥ 1.2 万", "0.6 万")):
        f = ("-f", str(plan), "--lang", lang)
        status = runner.invoke(app, ["status", *f], env={"COLUMNS": "200"})
        assert status.exit_code == 0, status.output
        assert f"│ {target} " in status.stdout and f"{latest} (2025-06-30)" in status.stdout
        show = runner.invoke(app, ["show", "pm25", *f], env={"COLUMNS": "200"})
        assert show.exit_code == 0, show.output
        assert f"{target} — " in show.stdout
        assert "12,000 万" not in status.stdout + show.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    [(49.7345, "49.73%"), (50.0, "50.00%"), (-0.001, "0.00%"), (-0.0, "0.00%"), (-1.5, "-1.50%")],
)
def test_a_worked_share_has_fixed_places_and_no_negative_zero(value: float, expected: str):
    assert wording.percent(value) == expected


@given(st.floats(min_value=-0.004999, max_value=0.004999))
def test_a_share_that_rounds_to_zero_is_never_signed(value: float):
    assert wording.percent(value) == "0.00%"


@pytest.mark.parametrize(
    ("score", "target", "mean"), [(None, "—", "—"), (95.24, "95", "95.2"), (99.96, "100", "100.0")]
)
def test_a_targets_score_is_whole_and_a_mean_has_one_decimal(
    score: float | None, target: str, mean: str
):
    assert (wording.score_text(score), wording.mean_score_text(score)) == (target, mean)


def test_an_english_noun_after_exactly_one_is_singular():
    assert wording.quantity(1, "家", Lang.EN) == "1 entity"
    assert wording.quantity(1, "万名", Lang.EN) == "10,000 people"
    assert wording.quantity(0.0001, "万名", Lang.EN) == "1 person"
    assert wording.quantity(2, "家", Lang.EN) == "2 entities"
    assert wording.quantity(1, "件/万人", Lang.EN) == "1 case per 10,000 people"
    assert wording.quantity(1, "公里", Lang.EN) == "1 km"
    assert [wording.points_words(p) for p in ("1", "-1", "+1", "0.5", "11")] == [
        "1 point", "-1 point", "+1 point", "0.5 points", "11 points",
    ]  # fmt: skip


def test_a_share_reads_the_same_in_every_output(voice_plan: Path):
    """The pace (序时进度, 49.59% at 2025-06-30) and a completion (fai: 37.56%) are rounded
    alike wherever they are shown: the report's two decimals."""
    f = ("-f", str(voice_plan))
    outputs = {
        "status": _run("status", *f, "--all"),
        "status-wide": runner.invoke(app, ["status", *f], env={"COLUMNS": "240"}).stdout,
        "status-md": _run("status", *f, "--format", "md"),
        "report-md": _run("report", *f, "--format", "md"),
        "html": _run("report", *f, "--format", "html"),
        "show": _run("show", "fai", *f),
    }
    shares = {name: set(re.findall(r"\d+\.\d+(?=%| \|)", text)) for name, text in outputs.items()}
    for name, found in shares.items():
        assert found & {"49.59", "37.56"}, name
        assert not found & {"49.6", "37.6", "49.5", "37.5"}, (name, found)
    assert "37.56%" in outputs["status-wide"] and "完成 37.56%" in outputs["html"]
    assert "38%" not in outputs["status-wide"]
