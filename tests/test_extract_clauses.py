"""The reader at the level of the clause and the paragraph: how far a cue reaches, the parts
of a whole, and one deed said twice. Every sentence here is made up; each rule has a case
where it fires and one where the same cue stands in a real commitment."""

from __future__ import annotations

import pytest

from gongshu_targets.core.extract import extract


def taken(text: str) -> list[str]:
    return [c.text for c in extract(text).commitments]


def results(text: str) -> dict[str, str]:
    return {s.text: s.why for s in extract(text).results}


# ------------------------------------------- an earlier year opening a paragraph

PLAN_LINE = "\n2031年主要预期目标：地区生产总值增长6%左右。"


def test_an_earlier_year_opening_a_paragraph_holds_for_its_later_sentences():
    text = "2030年，全区固定资产投资500亿元，增长8%。万元GDP能耗下降3%，水耗下降2%。" + PLAN_LINE
    assert taken(text) == ["6%"]
    assert results(text)["3%"] == "a result of 2030 (the year that opens its paragraph)"
    assert results(text)["2%"] == "a result of 2030 (the year that opens its paragraph)"


def test_a_plan_cue_in_the_paragraph_ends_the_years_reach():
    text = "2030年，全区固定资产投资增长8%。今年，万元GDP能耗下降3%。" + PLAN_LINE
    assert taken(text) == ["3%", "6%"]


def test_the_plans_own_year_later_in_the_paragraph_ends_the_years_reach():
    text = "2030年，全区固定资产投资增长8%。2031年，万元GDP能耗下降3%。" + PLAN_LINE
    assert taken(text) == ["3%", "6%"]


def test_the_plans_own_year_opening_a_paragraph_is_no_result():
    text = "2031年，全区固定资产投资增长8%。万元GDP能耗下降3%。\n2030年主要指标：生产总值增长6%。"
    assert taken(text) == ["8%", "3%"]


def test_a_year_that_does_not_open_the_paragraph_reaches_its_sentence_only():
    text = "全区固定资产投资在2030年增长8%。万元GDP能耗下降3%。" + PLAN_LINE
    assert taken(text) == ["3%", "6%"]


# ------------------------------------------- the parts after 其中 are what their whole is

KEY_PROJECTS = (
    "2031年全区重点项目共50项，年度计划投资60亿元，1-6月累计完成投资30亿元，其中：在建项目20项，"
    "年度计划投资40亿元，1-6月累计完成投资25亿元；新开工项目30项，年度计划投资20亿元。"
)


def test_the_parts_of_a_planned_count_are_planned_counts_whatever_was_done_before():
    assert taken(KEY_PROJECTS) == ["50项", "60亿元", "20项", "40亿元", "30项", "20亿元"]
    assert set(results(KEY_PROJECTS)) == {"30亿元", "25亿元"}


def test_the_parts_of_a_result_of_the_same_unit_are_results():
    text = "今年新开工项目40项，上半年已开工25项，其中：工业项目15项。"
    assert taken(text) == ["40项"]
    assert results(text)["15项"] == "a part of the result before it"


def test_a_plan_cue_after_the_parts_of_a_result_ends_them():
    text = "上半年完成投资30亿元，其中工业投资12亿元，全区力争完成投资80亿元。"
    assert taken(text) == ["80亿元"]
    assert results(text)["12亿元"] == "a part of the result before it"


# ------------------------------------------- one deed said twice with other verbs


def restated(text: str) -> list[str]:
    return [s.text for s in extract(text).restated]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("今年新建学校5所，5所学校全部建成。", "5所"),
        ("今年新建学校5所，5所学校年底前全部建成投用。", "5所"),
        ("改造老旧小区30个，30个小区全部竣工验收。", "30个"),
        ("改造老旧小区30个，30个小区改造完成。", "30个"),
    ],
)
def test_a_count_to_build_said_again_as_built_is_one_commitment(text: str, count: str):
    assert (taken(text), restated(text)) == ([count], [count])


@pytest.mark.parametrize(
    "text",
    [
        # to start and to finish are two deeds: both are promised
        "新开工重点项目30个，30个重点项目竣工投用。",
        "新开工重点项目30个，30个重点项目完成年度投资。",
        # what is built, then started: the start is a date of its own to keep
        "今年新建学校5所，5所学校全部开工。",
    ],
)
def test_a_count_said_again_with_a_deed_of_another_stage_is_a_second_commitment(text: str):
    assert len(taken(text)) == 2 and restated(text) == []


# ------------------------------------------- the pool of a choice, the base of a change


def ignored(text: str) -> dict[str, str]:
    return {s.text: s.why for s in extract(text).ignored}


def test_the_pool_a_choice_is_made_from_is_no_target():
    text = "今年从13项候选项目中选出10项民生实事，从50家企业中评选10家示范企业。"
    assert taken(text) == ["10项", "10家"]
    assert set(ignored(text)) == {"13项", "50家"}


def test_a_count_after_cong_with_no_zhong_is_what_it_says():
    # 从严 and 从业 are words of their own; 从…中 names a pool, 从 alone does not
    assert taken("从严控制在5%以内，从业人员达到5000人。") == ["5%", "5000人"]


def test_the_level_a_change_starts_from_is_no_target():
    assert taken("研发投入强度从2%提高到2.5%。") == ["2.5%"]
    assert taken("城镇化率从2030年的60%提升至65%。") == ["65%"]
    assert ignored("研发投入强度从2%提高到2.5%。") == {
        "2%": "the level a change starts from (从2%提高到2.5%), not a target"
    }


def test_a_figure_after_cong_that_goes_nowhere_is_what_it_says():
    assert taken("新建学校5所，从而新增学位3000个。") == ["5所", "3000个"]


# ------------------------------------------- a table flattened into a review's text

FLATTENED = (
    "一、2030年计划执行情况\n"
    "表1 主要指标完成情况   序号   指标名称   完成情况   年度目标"
    "   1   地区生产总值   900亿元   10%   增长7%以上"
    "   2   城镇登记失业率   2.9%   控制在3.5%以内\n"
    "二、2031年计划\n"
    "地区生产总值增长6%左右。"
)


def test_a_cell_that_bounds_its_figure_quotes_the_years_target_in_a_review():
    assert taken(FLATTENED) == ["7%", "3.5%", "6%"]
    assert set(results(FLATTENED)) == {"900亿元", "10%", "2.9%"}


def test_a_bound_in_a_reviews_prose_is_a_result():
    text = "2030年，地区生产总值增长7%以上，失业率控制在3.5%以内。" + PLAN_LINE
    assert taken(text) == ["6%"]


# ------------------------------------------- a bulletin's tallies of the plan's tasks


def test_a_tally_of_tasks_in_a_state_and_their_share_are_progress():
    text = "年底前能够完成的有2项，不能全部完成的任务有3项，占任务总数的2.4%。"
    assert taken(text) == []
    assert results(text) == {
        "2项": "a tally of items in a state",
        "3项": "a tally of items in a state",
        "2.4%": "a share of the plan done",
    }


def test_a_count_to_deliver_is_no_tally():
    assert taken("今年新建学校5所，新增学位3000个。") == ["5所", "3000个"]


def test_work_said_done_with_jing_is_done():
    text = "已经完成投资30亿元，今年新建学校5所。"
    assert taken(text) == ["5所"]
    assert results(text) == {"30亿元": "a result (已经完成)"}


def test_a_task_quoted_with_its_clauses_is_no_name():
    assert taken("未完成的是“全年实现融资210亿元，新增金融机构2家”。") == ["210亿元", "2家"]


def test_a_short_name_in_quotes_is_still_a_name():
    text = "落实“民营经济32条”，新建学校5所。"
    assert taken(text) == ["5所"]
    assert "32条" in ignored(text)
