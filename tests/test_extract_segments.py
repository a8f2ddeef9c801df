"""The reader's segmentation: what reviews the past, what reports progress on this year's
plan, and what plans ahead. Every sentence here is made up; each rule has a case where it
fires and one where it must not."""

from __future__ import annotations

import pytest

from gongshu_targets.core.extract import extract


def taken(text: str) -> list[str]:
    return [c.text for c in extract(text).commitments]


def results(text: str) -> dict[str, str]:
    return {s.text: s.why for s in extract(text).results}


# ------------------------------------------------ progress bulletins name their tasks

BULLETIN = """\
2031年1-9月份某市重点任务完成情况
一、量化指标进展情况
列入通报的量化指标共40项,达到序时进度35项、占比87.5%。未达到序时进度5项,为新建公办幼儿园12所、改造老旧小区30个、新增城镇就业8000人。
"""


def test_a_bulletin_names_its_lagging_tasks_with_their_targets():
    assert taken(BULLETIN) == ["12所", "30个", "8000人"]
    assert set(results(BULLETIN)) == {"40项", "35项", "87.5%", "5项"}


def test_a_list_of_tasks_told_with_their_progress_is_progress():
    bulletin = (
        "一、民生实事进展情况\n"
        "超额完成的有3项:新建公办幼儿园完成14所,完成率117%;改造老旧小区完成32个,完成率107%。\n"
    )
    assert taken(bulletin) == []
    assert set(results(bulletin)) == {"3项", "14所", "117%", "32个", "107%"}


def test_a_review_names_last_years_tasks_as_results():
    review = (
        "一、2030年工作回顾\n"
        "全年完成民生实事10项,分别为新建公办幼儿园12所、改造老旧小区30个。\n"
        "二、2031年工作安排\n新建公办幼儿园15所。\n"
    )
    assert taken(review) == ["15所"]
    assert set(results(review)) == {"10项", "12所", "30个"}


# ------------------------------------- a target quoted with its progress, in progress only


def test_a_count_quoted_with_its_progress_is_a_target_in_a_progress_report():
    bulletin = "一、重点项目进展情况\n58个重点项目已竣工42个,完成投资120亿元。\n"
    assert taken(bulletin) == ["58个"]
    assert set(results(bulletin)) == {"42个", "120亿元"}


def test_a_count_with_its_progress_in_a_review_is_last_years():
    review = "一、过去一年工作回顾\n58个重点项目已竣工42个,完成投资120亿元。\n"
    assert taken(review) == []
    assert set(results(review)) == {"58个", "42个", "120亿元"}


# ------------------------------- a progress heading of an earlier year than the plan's


def test_last_years_execution_in_a_plan_report_is_a_review():
    report = (
        "一、2030年国民经济和社会发展计划执行情况\n"
        "32个重点项目已开工30个。\n"
        "二、2031年国民经济和社会发展计划\n"
        "安排重点项目40个。\n"
    )
    assert taken(report) == ["40个"]
    assert results(report)["32个"].startswith("in a review section")


def test_this_years_execution_quotes_its_targets():
    report = "2031年计划执行情况\n32个重点项目已开工30个。\n"
    assert taken(report) == ["32个"]
    assert results(report) == {"30个": "in a progress section (2031年计划执行情况)"}


# ------------------------------------------------------- 累计: a result only when done


def test_a_cumulative_figure_done_is_a_result():
    text = "累计完成投资52亿元,累计已建成5G基站3000个,累计培训了1.2万人次,累计组织活动95次。"
    assert taken(text) == []
    assert set(results(text)) == {"52亿元", "3000个", "1.2万人次", "95次"}


def test_a_cumulative_figure_to_add_is_a_commitment():
    text = "新建城市公园8个,累计新增绿地120公顷,单位产值能耗累计降低10%。"
    assert taken(text) == ["8个", "120公顷", "10%"]


# ---------------------------------------- 计划 before its figure names a plan handed down


def test_a_plan_handed_down_is_counted_with_its_result():
    text = "上半年已完成搬迁1.2万人。累计下达搬迁计划8.5万人,累计完成搬迁6.1万人。"
    assert taken(text) == []
    assert set(results(text)) == {"1.2万人", "8.5万人", "6.1万人"}


def test_a_plan_ahead_still_plans():
    text = "累计下达的任务已完成,计划新开工项目30个。"
    assert taken(text) == ["30个"]


# ------------------------------------------------------ 今年 before a time past is so far


def test_this_year_so_far_reports_progress():
    text = "全市重点项目年度计划投资900亿元,今年1—9月完成投资700亿元,今年上半年新开工项目40个。"
    assert taken(text) == ["900亿元"]
    assert results(text) == {"700亿元": "a result (1—9月)", "40个": "a result (上半年)"}


def test_this_year_alone_still_plans():
    text = "去年完成投资800亿元,今年完成投资900亿元。"
    assert taken(text) == ["900亿元"]


# --------------------------------------------- 其中 opening a sentence reaches past ；


def test_the_parts_after_a_results_qizhong_are_results_past_semicolons():
    text = "上半年完成投资60亿元。其中,一号馆施工完成90%;二号馆施工完成100%;三号馆完成投资5亿元。"
    assert taken(text) == []
    assert set(results(text)) == {"60亿元", "90%", "100%", "5亿元"}


def test_a_plan_cue_after_qizhong_ends_its_reach():
    text = "上半年完成投资60亿元。其中,一号馆完成投资20亿元;力争三号馆完成投资5亿元。"
    assert taken(text) == ["5亿元"]


# ----------------------------------------------- a space between words ends a sentence


def test_items_set_off_by_spaces_are_sentences_of_their_own():
    text = "实施健康筛查项目 预计覆盖群众7.9万人 - 建设口袋公园3个 改造农贸市场1个"
    assert taken(text) == ["3个", "1个"]
    assert results(text) == {"7.9万人": "a result (预计)"}


def test_a_forecast_still_reaches_its_sentence_after_a_comma():
    text = "预计覆盖群众7.9万人,建设口袋公园3个。"
    assert taken(text) == []


# ------------------------ a cue of a time past or of work done holds past ； until a plan cue

LEAD = "报告提出,2031年主要预期目标:生产总值增长6%左右。"


def test_an_earlier_year_holds_past_semicolons():
    text = LEAD + "初步统计,2030年全市生产总值2000亿元,增长6.5%;一般公共预算收入120亿元,增长5%。"
    found = extract(text)
    assert found.year == 2031
    assert [c.text for c in found.commitments] == ["6%"]
    assert results(text) == {
        "2000亿元": "a result of 2030",
        "6.5%": "a result of 2030",
        "120亿元": "a result of 2030",
        "5%": "a result of 2030",
    }


def test_a_time_past_holds_past_semicolons():
    text = "全市经济运行平稳,上半年新开工项目40个,完成投资80亿元;新增就业1.2万人。"
    assert taken(text) == []
    assert set(results(text)) == {"40个", "80亿元", "1.2万人"}


def test_a_plan_cue_ends_the_reach_of_an_earlier_year():
    text = LEAD + "2030年生产总值增长6.5%;今年生产总值增长6%左右,新增就业1.2万人。"
    assert taken(text) == ["6%", "6%", "1.2万人"]


def test_a_ranking_holds_in_its_own_sentence_only():
    text = "生产总值增速居全省第1;新建学校5所。"
    assert taken(text) == ["5所"]


def test_an_earlier_year_as_the_base_of_a_comparison_is_no_result():
    text = LEAD + "单位生产总值能耗比2030年下降3%。"
    assert taken(text) == ["6%", "3%"]


# --------------------------------------------- a count that opens its clause as its subject


def test_a_count_naming_the_set_its_planned_figure_is_about_is_no_target():
    text = "我市86个省重点项目年度计划投资500亿元,1—6月完成投资260亿元。"
    assert taken(text) == ["500亿元"]
    assert results(text)["86个"] == "names the set the figure after it is about, not a target"


def test_in_a_plan_section_the_count_and_its_figure_are_both_targets():
    text = "二、今年重点工作\n80个重点项目年内要完成投资150亿元。\n"
    assert taken(text) == ["80个", "150亿元"]


def test_two_counts_of_a_set_are_no_subject_and_its_figure():
    text = "新建幼儿园12个和托育机构8个。"
    assert taken(text) == ["12个", "8个"]


def test_counts_the_sentence_says_are_done_are_results():
    text = "2030年我市12项民生实事项目、28个子项,已全部完成年度目标任务。"
    assert taken(text) == []
    assert results(text)["12项"] == "a result (the sentence says they are done)"


def test_counts_the_sentence_goes_on_to_plan_are_targets():
    text = "新建学校12所、改造校舍28个,完成投资5亿元。"
    assert taken(text) == ["12所", "28个", "5亿元"]


# ------------------------------- a progress report names its tasks before 等…任务完成情况


def test_tasks_named_before_their_summary_are_targets_in_a_progress_report():
    text = (
        "2031年政府工作报告主要目标任务一季度完成情况\n"
        "一季度,新开工项目12个;加快建设环城公路,建成投用8条市政道路,"
        "新建体育公园等部分重点任务完成情况较好。\n"
    )
    assert taken(text) == ["8条"]
    assert set(results(text)) == {"12个"}


def test_tasks_named_in_a_review_stay_results():
    text = "一、过去一年工作回顾\n建成投用8条市政道路,新建体育公园等部分重点任务完成情况较好。\n"
    assert taken(text) == []


# --------------------------------------- a change from one year to another is no horizon


def test_a_change_told_from_year_to_year_and_a_quarter_are_no_horizons():
    text = "渗透率从2029年的5.4%提升到2030年的40.9%,2031年前三季度完成投资30亿元。"
    assert extract(text).year == 2031
    assert extract(text).later == []


def test_a_target_by_a_later_year_keeps_its_horizon():
    found = extract("2031年新建学校5所,到2035年新建学校20所,2033年底前建成公园3个。")
    assert found.year == 2031
    assert [c.text for c in found.commitments] == ["5所"]
    assert [(c.text, c.year) for c in found.later] == [("20所", 2035), ("3个", 2033)]


# ----------------------------- a heading run into its line after a sentence and a space


def test_a_review_heading_after_a_sentence_and_a_space_opens_a_review():
    text = (
        "现在报告工作,请予审议。 一、过去五年工作回顾 全区生产总值达到520亿元,"
        "新建学校12所。 二、今后五年主要任务 新建学校20所。"
    )
    assert taken(text) == ["20所"]
    assert set(results(text)) == {"520亿元", "12所"}
    review = extract(text).results[0].why
    assert review == "in a review section (一、过去五年工作回顾)"


def test_a_plan_heading_after_a_sentence_and_a_space_still_plans():
    text = "现在报告工作。 一、2031年重点工作 全区新建学校20所,改造老旧小区30个。"
    assert taken(text) == ["20所", "30个"]


# -------------------------------------- the chapters and sections of a plan outline


OUTLINE = """\
第一章 发展基础
第一节 主要成就
一、综合实力
全县生产总值260亿元,新建学校12所。
第二节 发展环境
一、机遇
新建学校20所。
"""


def test_a_sections_achievements_are_results_under_its_numbered_headings():
    assert set(results(OUTLINE)) == {"260亿元", "12所"}
    assert results(OUTLINE)["260亿元"] == "in a review section (一、综合实力)"


def test_the_next_section_of_an_outline_ends_the_review():
    assert taken(OUTLINE) == ["20所"]


# ------------------------- a paragraph keeps the time its first sentence sets, until a plan

PAST_PARAGRAPH = "2030年,全市生产总值增长6.5%。一般公共预算收入增长5%,新建学校12所。"


def test_a_paragraph_opened_by_an_earlier_year_reports_that_year_throughout():
    found = extract(LEAD + "\n" + PAST_PARAGRAPH + "\n")
    assert [c.text for c in found.commitments] == ["6%"]
    why = {s.text: s.why for s in found.results}
    assert why["5%"] == why["12所"] == "a result of 2030 (the year that opens its paragraph)"


def test_a_span_told_back_opens_a_paragraphs_frame():
    text = "五年来,全县经济持续向好。生产总值年均增长8%,新建学校30所。\n"
    assert taken(text) == []
    assert results(text) == {
        "8%": "a result (五年来, the time that opens its paragraph)",
        "30所": "a result (五年来, the time that opens its paragraph)",
    }


def test_the_current_term_with_a_word_looking_back_tells_back():
    for back in ("本届政府成立以来,", "本届政府以来,", "本届政府已"):
        text = "2031年政府工作报告\n" + back + "新建学校30所,新增就业岗位5万个。\n"
        assert taken(text) == [], back
        told = back.rstrip(",")
        assert results(text) == {
            "30所": f"a result ({told})",
            "5万个": f"a result ({told})",
        }, back


def test_the_current_term_alone_looks_ahead():
    for ahead in ("本届政府任期内,", "本届政府将", "本届政府要"):
        text = (
            "2031年政府工作报告\n二、2031年工作安排\n"
            + ahead
            + "新建学校30所,新增就业岗位5万个。\n"
        )
        assert taken(text) == ["30所", "5万个"], ahead
        assert results(text) == {}, ahead


def test_a_plan_cue_or_the_plans_year_turns_the_paragraph_ahead():
    for ahead in ("今年,", "2031年,", "明年", "今后五年,", "力争"):
        text = LEAD + "\n2030年,全市生产总值增长6.5%。" + ahead + "新建学校12所。\n"
        assert "12所" in taken(text), ahead


def test_a_past_time_after_the_opening_opens_no_frame():
    text = LEAD + "\n全区新建学校12所。2030年生产总值增长6.5%。改造老旧小区30个。\n"
    assert taken(text) == ["6%", "12所", "30个"]


def test_no_frame_in_a_plan_section():
    text = "一、2031年工作安排\n去年以来,全区经济平稳。新建学校12所。\n"
    assert taken(text) == ["12所"]


# ------------------------------------------ a five-year plan's period, past or to come

LEAD_2016 = "报告提出,2016年主要预期目标:生产总值增长7%左右。"


def test_a_five_year_period_over_before_the_plans_year_is_past():
    text = LEAD_2016 + "“十二五”期间,全县生产总值年均增长9%;新建学校120所。"
    assert taken(text) == ["7%"]
    assert results(text) == {
        "9%": "a result of the “十二五”期间 period",
        "120所": "a result of the “十二五”期间 period",
    }


def test_the_period_under_way_or_to_come_plans():
    text = LEAD_2016 + "“十三五”期间,全县生产总值年均增长7.5%。"
    found = extract(text)
    assert [c.text for c in found.commitments + found.later] == ["7%", "7.5%"]


def test_since_a_periods_start_is_past():
    text = "报告提出,2019年主要预期目标:生产总值增长7%左右。“十三五”以来,新建学校60所。"
    assert results(text) == {"60所": "a result of the “十三五”以来 period"}


def test_with_no_year_a_period_is_past_when_the_text_names_a_later_one():
    text = "“十二五”时期,新建学校120所。“十三五”时期,新建学校150所。"
    found = extract(text)
    assert found.year is None
    assert [c.text for c in found.commitments + found.later] == ["150所"]
    assert set(results(text)) == {"120所"}


# --------------------------- a span told back sets the time of the sentences after it


def test_a_span_told_back_inside_a_paragraph_holds_for_the_sentences_after_it():
    text = (
        "市人代会今天开幕。报告指出,过去一年,全市经济稳中有进。全市生产总值达5000亿元,"
        "增长5%。为完成今年目标,要新建学校12所。"
    )
    assert taken(text) == ["12所"]
    assert results(text) == {
        "5000亿元": "a result (过去一年, the time its paragraph tells of)",
        "5%": "a result (过去一年, the time its paragraph tells of)",
    }


def test_without_a_span_told_back_the_same_figures_plan():
    text = "市人代会今天开幕。报告指出,全市经济稳中有进。全市生产总值达5000亿元,增长5%。"
    assert taken(text) == ["5000亿元", "5%"]


def test_better_than_expected_is_no_plan_cue_but_expected_alone_is():
    told = "过去一年,全市经济平稳。生产总值达5000亿元,好于预期;新建学校12所。"
    assert taken(told) == []
    planned = "过去一年,全市经济平稳。预期生产总值增长6%左右,新建学校12所。"
    assert taken(planned) == ["6%", "12所"]


# ------------------------- a text, or a part of it, that tells of the past in figures

TOLD_BACK = (
    "经济总量 - 2029年全市生产总值预计达到5200亿元,比2025年增长30% - 一般公共预算收入连续3年"
    "增长5% - 研发投入强度居全省第2位,达到3.1% - 2028年进出口总额突破1200亿元 - 新增上市企业"
    "12家 - 常住人口超过900万人"
)
TOLD = "a part that tells of the past (no word ahead in it, most figures results)"


def test_a_text_with_no_word_ahead_and_mostly_results_is_all_results():
    assert taken(TOLD_BACK) == []
    assert results(TOLD_BACK)["12家"] == results(TOLD_BACK)["900万人"] == TOLD
    in_order = ["5200亿元", "30%", "5%", "3.1%", "1200亿元", "12家", "900万人"]
    assert list(results(TOLD_BACK)) == in_order


def test_one_word_ahead_keeps_the_texts_own_targets():
    words = (" - 力争新增上市企业15家", " - 到2031年常住人口达到950万人", " - 今年新建学校5所")
    for ahead in words:
        found = extract(TOLD_BACK + ahead)
        assert "12家" in [c.text for c in found.commitments + found.later], ahead


def test_a_control_target_or_a_past_horizon_is_no_word_ahead():
    text = TOLD_BACK + " - 从2025年的5.4%提升到2028年的9.6% - 失业率低于5.5%控制目标"
    assert taken(text) == []


def test_a_list_of_tasks_with_no_word_ahead_keeps_its_targets():
    tasks = "1.新建学校5所\n2.改造老旧小区30个\n3.新增托位500个\n4.上半年已完成植树1.2万株\n"
    assert taken(tasks) == ["5所", "30个", "500个"]


def test_fewer_results_than_figures_left_is_no_review():
    text = TOLD_BACK + " - 新建学校5所 - 改造老旧小区30个 - 新增托位500个 - 新建公园8个"
    assert taken(text) == ["12家", "900万人", "5所", "30个", "500个", "8个"]


QUARTER = (
    "一季度,全市实现地区生产总值86.4亿元,增长5.1%。\n一、农业生产平稳\n全市农林牧渔业总产值"
    "12.3亿元,增长1.2%。肉类产量3.1万吨,下降2.4%。\n二、工业生产较快增长\n全市规模以上工业"
    "增加值增长8.3%,制造业增加值增长9.6%。\n"
)


def test_a_quarters_statistics_with_no_review_heading_are_results():
    # changes told bare (增长1.2%, 下降2.4%) and levels told with one (12.3亿元,增长1.2%):
    # where nothing looks ahead, figures seen
    assert taken(QUARTER) == []
    assert results(QUARTER)["3.1万吨"] == results(QUARTER)["9.6%"] == TOLD


def test_a_plan_section_after_the_statistics_keeps_its_targets_and_only_its_own():
    # an execution report: last year's part under headings that name no mode, then the plan
    text = QUARTER + "三、2031年主要目标\n力争地区生产总值增长6%,新建学校5所。\n"
    assert taken(text) == ["6%", "5所"]
    assert results(text)["12.3亿元"] == TOLD


def test_a_word_ahead_in_the_part_keeps_its_figures():
    text = QUARTER.replace("制造业增加值增长9.6%", "今年力争制造业增加值增长10%")
    assert "10%" in taken(text)


def test_a_list_of_deeds_with_no_word_ahead_is_no_statistics():
    tasks = "新建公办幼儿园12所\n改造老旧小区30个\n新增城镇就业8000人\n新建养老服务中心5个\n"
    assert taken(tasks) == ["12所", "30个", "8000人", "5个"]


@pytest.mark.parametrize(
    "words",
    [
        "现将2030年计划执行情况报告如下,请予审议。\n",  # the plan's execution reported
        "全市地区生产总值占年计划的98%。\n",  # the plan as the base of a share
        "过去一年,全县较好完成了县人大确定的各项目标任务。\n",  # targets told as reached
        "今年是“十五五”开局之年。\n",  # 今年 saying what the year is
    ],
)
def test_a_plan_named_as_reported_on_is_no_word_ahead(words):
    assert taken(words + QUARTER) == []


def test_a_plan_named_ahead_is_a_word_ahead():
    assert taken("提出2031年计划草案。\n" + QUARTER) != []


# ----------------------------------- a change told against last year is a change seen

SEEN = "a result (比上年增长: a change seen against last year)"


def test_a_change_against_last_year_and_its_level_are_results():
    text = "全区生产总值520亿元,按不变价格计算,比上年增长6.5%。全年居民消费价格比上年上涨0.1%。"
    assert taken(text) == []
    assert results(text) == {
        "520亿元": SEEN,
        "6.5%": SEEN,
        "0.1%": "a result (比上年上涨: a change seen against last year)",
    }


def test_a_change_against_last_year_that_a_plan_aims_at_is_a_target():
    for planned in (
        "今年,全区生产总值比上年增长6%。",
        "全区生产总值比上年增长6%左右。",
        "主要预期目标:城乡居民收入比上年增长6%。",
        "力争全区生产总值520亿元,比上年增长6%。",
        "二、2031年主要任务\n城乡居民收入比上年增长6%。",
    ):
        assert "6%" in taken(planned), planned


def test_a_target_told_as_reached_is_no_word_ahead():
    done = TOLD_BACK + " - 已全部完成年度目标任务"
    assert taken(done) == []
    for ahead in (" - 确保完成年度目标任务", " - 年度目标任务为新增上市企业15家"):
        assert "12家" in taken(TOLD_BACK + ahead), ahead


# ------------------------------------------ a level a move heads for (向N冲刺, 向N迈进)


def test_a_level_a_move_heads_for_is_a_target_and_a_class_of_things_is_not():
    found = extract(
        "2026年主要目标:生产总值增长6%。到2030年,全省经济总量向3万亿元迈进,数字经济向5000亿元冲刺。"
    )
    assert [(c.text, c.comparator, c.year) for c in found.later] == [
        ("3万亿元", "at_least", 2030),
        ("5000亿元", "at_least", 2030),
    ]
    assert taken("今年培育3万亿元产业集群2个。") == ["2个"]


# ------------------------------------------------ a congress's news: last year in figures


def test_a_year_after_who_says_it_opens_its_paragraph_and_a_bare_aim_does_not_end_it():
    text = (
        "2031年政府工作报告提出了今年的主要目标。\n"
        "报告指出:2030年,全县紧紧围绕富民强县目标,奋力拼搏,生产总值实现131487万元,同比增长15%;"
        "全社会固定资产投资完成87102万元。\n"
    )
    assert taken(text) == []
    assert results(text)["87102万元"] == "a result of 2030 (the year that opens its paragraph)"


def test_a_word_ahead_still_ends_the_year_that_opens_the_paragraph():
    text = (
        "2031年政府工作报告提出了今年的主要目标。\n"
        "报告指出:2030年,生产总值增长15%。今年力争增长8%。\n"
    )
    assert taken(text) == ["8%"]


def test_an_aim_to_reach_a_target_is_a_word_ahead_a_target_reached_is_not():
    review = (
        "全县较好完成了年度目标任务。全县生产总值86.4亿元,增长5.1%;固定资产投资增长7.2%;"
        "社会消费品零售总额30.2亿元,增长4.4%。\n"
    )
    assert taken(review) == []
    assert taken(review.replace("较好完成了", "为完成")) != []


def test_the_people_at_the_meeting_are_no_target():
    text = "今年要新建学校5所。来自全县的162名代表出席会议,160多名代表与会。今年新增就业800人。"
    assert taken(text) == ["5所", "800人"]
    assert taken("来自全县各条战线的230名人大代表精神饱满。今年培训基层干部230名。") == ["230名"]


def test_person_years_per_ten_thousand_workers_keep_their_unit_and_denominator():
    found = extract("到2027年,每万名就业人员中研发人员达到209人年以上。").commitments
    assert [(c.number, c.unit) for c in found] == [(209, "人年/万名")]


def test_a_per_cent_written_as_care_of_is_a_per_cent():
    # pages converted from GBK write ％ as ℅
    assert [(c.text, c.unit) for c in extract("今年力争生产总值增长8℅。").commitments] == [
        ("8℅", "%")
    ]


def test_an_expected_type_indicator_and_in_step_as_an_adverb_look_nowhere():
    # 预期性指标 names a class of indicators; 同步 before a verb is an adverb
    text = (
        "“十二五”确定的9项约束性指标全部完成,15项预期性指标基本完成,与全国一道同步迈入小康社会。"
        "全年实现生产总值83.91亿元、增长10.8%,完成财政总收入4.17亿元、增长6.1%,"
        "地方财政收入3.02亿元、增长9.2%。\n"
    )
    assert taken(text) == []
    assert taken("居民收入增长与经济增长同步。") == ["与经济增长同步"]


# --------------------------------------- paragraphs run together keep their years apart


def test_the_plans_year_is_the_one_its_cue_names_in_its_own_sentence():
    # a later horizon (到2035年) near the cue, in the sentence before, is no plan year
    text = (
        "到2030年,全省经济总量向3万亿元迈进,为到2035年基本建成现代化奠定基础。"
        "其中,2026年的主要预期目标是:生产总值增长6%左右。"
    )
    found = extract(text)
    assert found.year == 2026
    assert [c.text for c in found.commitments] == ["6%"]
    assert [(c.text, c.year) for c in found.later] == [("3万亿元", 2030)]


def test_an_earlier_year_opening_a_sentence_frames_the_sentences_after_it():
    # a copy that ran its paragraphs together: 2030年， no longer opens a line
    text = (
        "区长作政府工作报告,部署了2031年任务目标。2030年,全区生产总值增长6%。"
        "一般公共预算收入137亿元,新建学校5所。"
    )
    assert taken(text) == []
    assert results(text)["5所"] == "a result of 2030 (the year that opens its sentence)"
    assert taken(text + "2031年,新建学校8所。") == ["8所"]


def test_this_year_past_opening_a_paragraph_tells_of_it():
    # 这一年，我们… looks back on the year a review is about, as 过去一年 does
    text = (
        "这一年,我们千方百计惠民生。新建普惠性幼儿园2所,学位占比达到89%。\n"
        "今年力争新建幼儿园3所。\n"
    )
    assert taken(text) == ["3所"]
    assert taken("新建普惠性幼儿园2所,学位占比达到89%。\n") == ["2所", "89%"]
