"""Two readings the plan's own words govern: a heading that names an aim (取得新成就) is no
review, and a heading's words that go either way (成就, 目标任务) follow the heading above
them; a plan's intro (…主要预期目标如下。) governs the list of targets after it. Every
sentence here is made up; each rule has a case where it fires and one where it must not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core.extract import extract
from gongshu_targets.errors import ExitCode


def taken(text: str) -> list[str]:
    return [c.text for c in extract(text).commitments]


def results(text: str) -> dict[str, str]:
    return {s.text: s.why for s in extract(text).results}


# ------------------------------------------------ an aim under a plan heading is a plan

AIMS = (
    "2026年政府工作报告\n二、2026年工作安排\n（一）推动科技创新取得新成就\n"
    "新建重点实验室5个，新增高新技术企业100家。\n（二）推动城市建设迈上新台阶\n新建学校5所。"
)


def test_aims_under_a_plan_heading_are_commitments():
    assert taken(AIMS) == ["5个", "100家", "5所"]
    assert results(AIMS) == {}
    assert extract(AIMS).commitments[0].section == "（一）推动科技创新取得新成就"


def test_the_draft_of_aims_under_a_plan_heading_has_every_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    Path("report.txt").write_text(AIMS, encoding="utf-8")
    drafted = CliRunner().invoke(cli.app, ["draft", "report.txt", "--lang", "en"])
    assert drafted.exit_code == ExitCode.OK, drafted.output
    assert drafted.stderr.splitlines()[-1] == (
        "3 draft targets (0 stretch); review every target before use"
    )


def test_an_aim_with_no_heading_above_is_no_review():
    text = "（一）推动科技创新再创新成就\n新建重点实验室5个，新增高新技术企业100家。\n"
    assert taken(text) == ["5个", "100家"]


def test_achievements_to_keep_are_an_aim_too():
    text = (
        "一、2026年主要预期目标\n全区地区生产总值增长6%左右，城镇新增就业1万人。\n"
        "二、巩固拓展发展成就，推动经济持续向好\n全区新建学校5所，改造老旧小区12个。\n"
    )
    assert taken(text) == ["6%", "1万人", "5所", "12个"]


def test_a_word_that_fixes_the_time_outweighs_one_that_goes_either_way():
    text = "一、2025年主要成绩和2026年工作安排\n全区新建学校5所，改造老旧小区12个。\n"
    assert taken(text) == ["5所", "12个"]
    text = "一、2025年工作回顾和2026年目标任务\n全区新建学校5所，改造老旧小区12个。\n"
    assert taken(text) == []


def test_what_a_period_achieved_still_heads_a_review():
    text = (
        "一、主要成就\n全区生产总值达到520亿元，新建学校12所，改造老旧小区30个。\n"
        "二、2026年工作安排\n新建学校20所。\n"
    )
    assert taken(text) == ["20所"]
    assert results(text)["12所"] == "in a review section (一、主要成就)"
    told = "一、2025年取得的主要成绩\n全区新建学校12所，改造老旧小区30个。\n"
    assert results(told)["30个"] == "in a review section (一、2025年取得的主要成绩)"


def test_achievements_named_under_a_plan_heading_do_not_turn_it_to_a_review():
    text = (
        "二、2026年工作安排\n（一）巩固拓展发展成就\n新建学校20所，改造老旧小区30个。\n"
        "（二）2025年工作回顾\n全区新建学校12所，完成投资80亿元。\n"
    )
    assert taken(text) == ["20所", "30个"]
    assert results(text) == {
        "12所": "in a review section (（二）2025年工作回顾)",
        "80亿元": "in a review section (（二）2025年工作回顾)",
    }


# -------------------------------------- a target met, told under a review heading, is a result

MET = (
    "一、2025年工作回顾\n（一）圆满完成年度目标任务\n"
    "全区地区生产总值增长6%，新建学校5所，改造老旧小区12个。\n"
    "（二）重点任务扎实推进\n新建公办幼儿园3所。\n"
    "二、2026年工作安排\n新建学校8所。\n"
)


def test_targets_met_under_a_review_heading_are_results():
    assert taken(MET) == ["8所"]
    assert results(MET) == {
        "6%": "in a review section (（一）圆满完成年度目标任务)",
        "5所": "in a review section (（一）圆满完成年度目标任务)",
        "12个": "in a review section (（一）圆满完成年度目标任务)",
        "3所": "in a review section (（二）重点任务扎实推进)",
    }


def test_a_heading_that_names_both_times_lets_its_parts_name_theirs():
    text = (
        "一、2025年工作回顾和2026年目标任务\n（一）2025年工作回顾\n"
        "全区新建学校5所，改造老旧小区12个。\n（二）2026年目标任务\n"
        "全区新建学校8所，改造老旧小区20个。\n"
    )
    assert taken(text) == ["8所", "20个"]
    assert set(results(text)) == {"5所", "12个"}


# ---------------------------------------------------- a plan's intro governs its list

INTRO = (
    "今年经济社会发展的主要预期目标如下。\n地区生产总值比上年增长6%。\n"
    "一般公共预算收入同比增长5%。\n城镇新增就业1.2万人。"
)


def test_targets_listed_after_an_intro_ending_in_a_full_stop_are_commitments():
    assert taken(INTRO) == ["6%", "5%", "1.2万人"]
    assert results(INTRO) == {}


def test_an_intro_governs_the_rest_of_its_line():
    text = (
        "今年经济社会发展的主要预期目标如下。地区生产总值比上年增长6%。一般公共预算收入同比增长5%。"
    )
    assert taken(text) == ["6%", "5%"]


def test_an_intro_ending_in_a_colon_governs_numbered_items_of_several_sentences():
    text = (
        "综合考虑各方面因素，2026年全区经济社会发展的主要预期目标是：\n"
        "1.地区生产总值比上年增长6%。这是稳就业的需要。\n"
        "2.一般公共预算收入同比增长5%。\n"
    )
    assert taken(text) == ["6%", "5%"]


def test_an_intro_naming_what_follows_as_below_governs_its_list():
    text = (
        "2026年全区经济社会发展的主要预期目标有以下几项。\n地区生产总值比上年增长6%。\n"
        "一般公共预算收入同比增长5%。\n"
    )
    assert taken(text) == ["6%", "5%"]
    progress = "2025年主要目标完成情况有以下几项。\n地区生产总值比上年增长6%。\n"
    assert taken(progress) == []


def test_an_intro_of_progress_governs_nothing():
    text = "2025年主要目标完成情况如下。\n地区生产总值比上年增长6%。\n一般公共预算收入同比增长5%。"
    assert taken(text) == []
    assert results(text) == {
        "6%": "a result (比上年增长: a change seen against last year)",
        "5%": "a result (同比增长: a change seen against last year)",
    }


def test_a_heading_or_a_paragraph_of_sentences_ends_the_list():
    text = (
        "2026年全区经济社会发展的主要预期目标如下。\n地区生产总值比上年增长6%。\n"
        "统计显示，规上工业增加值同比增长5%。居民收入同比增长4%。\n"
        "二、主要指标\n一般公共预算收入同比增长3%。\n"
    )
    assert taken(text) == ["6%"]
    assert set(results(text)) == {"5%", "4%", "3%"}


# ---------------------------------------------------------------- properties

INDICATORS = [
    "地区生产总值",
    "一般公共预算收入",
    "固定资产投资",
    "社会消费品零售总额",
    "外贸进出口",
]
CHANGES = ["比上年增长", "同比增长", "较上年增长", "比上年提高"]
INTROS = ["如下。", "如下：", "是：", "为：", "有以下几项。"]


@given(
    st.lists(
        st.tuples(st.sampled_from(INDICATORS), st.sampled_from(CHANGES), st.integers(1, 19)),
        min_size=1,
        max_size=5,
        unique_by=lambda item: item[0],
    ),
    st.sampled_from(INTROS),
    st.sampled_from(INTROS),
)
def test_a_list_reads_alike_whatever_its_intro_and_on_lines_or_in_one(items, one, other):
    """The targets a plan's intro lists are the same figures however the intro ends and
    whether the items stand each on a line or run on after it."""
    lines = [f"{name}{change}{n}%。" for name, change, n in items]
    intro = "2026年全区经济社会发展的主要预期目标"
    on_lines = taken(intro + one + "\n" + "\n".join(lines))
    run_on = taken(intro + other + "".join(lines))
    assert on_lines == run_on == [f"{n}%" for _, _, n in items]


VERBS = ["推动", "奋力推动", "加快推动", "全力推进"]
FIELDS = ["科技创新", "城市建设", "乡村振兴", "民生事业"]
AIMED = ["取得新成就", "迈上新台阶", "实现新突破", "取得更大成绩", "再创新佳绩"]
# aims told with no word that leans to a review (取得 does: 取得新成效 is also told as done)
KEPT = ["迈上新台阶", "实现新突破", "再创新成就", "创造更好成绩", "，巩固拓展发展成就"]
MET_WORDS = ["圆满完成年度目标任务", "重点任务扎实推进", "目标任务全面完成", "主要目标顺利实现"]
BODY = "全区新建学校5所，改造老旧小区12个，新增高新技术企业100家。\n"


@given(st.sampled_from(VERBS), st.sampled_from(FIELDS), st.sampled_from(AIMED))
def test_an_aim_under_a_plan_heading_reads_as_a_plain_subheading(verb, name, aim):
    plain = taken(f"二、2026年工作安排\n（一）{name}\n{BODY}")
    assert taken(f"二、2026年工作安排\n（一）{verb}{name}{aim}\n{BODY}") == plain
    assert plain == ["5所", "12个", "100家"]


@given(st.sampled_from(VERBS), st.sampled_from(FIELDS), st.sampled_from(KEPT))
def test_an_aim_with_no_heading_above_reads_as_a_plain_heading(verb, name, aim):
    plain = taken(f"一、{name}\n{BODY}")
    assert taken(f"一、{verb}{name}{aim}\n{BODY}") == plain == ["5所", "12个", "100家"]


@given(st.sampled_from(FIELDS), st.sampled_from(MET_WORDS))
def test_a_target_met_under_a_review_heading_reads_as_a_plain_subheading(name, met):
    plain = extract(f"一、2025年工作回顾\n（一）{name}\n{BODY}")
    told = extract(f"一、2025年工作回顾\n（一）{name}{met}\n{BODY}")
    assert plain.commitments == told.commitments == []
    assert [s.text for s in told.results] == [s.text for s in plain.results]
