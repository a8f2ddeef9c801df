"""The report reader: structure, units, comparators, results set aside, tables, speed-safe."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongshu_targets.core.extract import (
    extract,
    find_quantities,
    find_sections,
    list_items,
    prepare,
)
from gongshu_targets.core.units import unit_scale
from gongshu_targets.enums import Comparator


def taken(text: str) -> list[tuple[str, float | None, str, Comparator]]:
    found = extract(text)
    return [(c.quantity.phrase, c.number, c.unit, c.comparator) for c in found.commitments]


def test_a_newspaper_column_is_joined_and_its_numbers_repaired():
    column = "\n\n".join(
        ["货物出口增", "长38 .3%，下", "降1. 9%，投资75 .7亿", "元（下转7版）"] * 6
    )
    assert prepare(column) == "货物出口增长38.3%，下降1.9%，投资75.7亿元" * 6


def _wrapped(text: str, width: int = 12) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def test_a_heading_on_a_line_of_its_own_in_a_column_ends_at_its_line_end():
    lines = [
        *_wrapped(
            "二〇二六年是十五五规划开局之年，全区上下要坚定信心、攻坚克难，奋力推进高质量发展，"
            "在新的起点上展现新担当新作为，以只争朝夕的紧迫感、履职尽责勇于担当的责任感，全力"
            "推动经济社会高质量发展，在推进中国式现代化的新征程上奋勇争先，重点做好以下工作。"
        ),
        "（一）以扩大需求为导向，着力巩固高质量发展态势",  # no 。, longer than the column
        *_wrapped(
            "实现固定资产投资1200亿元以上，力争新引进大学生3万名，持续扩大有效投资和消费需求。"
        ),
        "（二）科技创新",  # no 。, shorter than the column
        *_wrapped("新增高新技术企业100家，加快培育发展新质生产力。"),
        "（三）以改革开放为引擎，",  # a heading wrapped at the column's width goes on
        *_wrapped("持续增强发展内生性动力。新增外贸主体50家。"),
    ]
    found = extract("\n\n".join(lines))
    assert [(c.text, c.section, c.clause) for c in found.commitments] == [
        (
            "1200亿元",
            "（一）以扩大需求为导向，着力巩固高质量发展态势",
            "实现固定资产投资1200亿元以上",
        ),
        ("3万名", "（一）以扩大需求为导向，着力巩固高质量发展态势", "力争新引进大学生3万名"),
        ("100家", "（二）科技创新", "新增高新技术企业100家"),
        ("50家", "（三）以改革开放为引擎，持续增强发展内生性动力", "新增外贸主体50家"),
    ]


def test_short_lines_of_many_widths_are_no_column():
    # one figure a line: each line ends where it ends, so the amount that closes one line
    # is not read as qualifying the words that open the next
    lines = ["二、今年主要目标", "城镇新增就业1200万人以上", "赤字规模比上年增加2300亿元",
             "一般公共预算支出将达到30万亿元", "拟发行国债1.3万亿元"] * 5  # fmt: skip
    text = "\n\n".join(lines)
    assert prepare(text) == "\n".join(lines)
    assert [c.text for c in extract(text).commitments][:4] == [
        "1200万人", "2300亿元", "30万亿元", "1.3万亿元",
    ]  # fmt: skip


def test_other_texts_keep_their_lines_and_lose_number_spaces():
    text = "一、2024 年工作回顾\r\n\r\n国内生产总值达 134.9 万亿元，增长５．２％，新增1,256万人"
    assert prepare(text) == "一、2024年工作回顾\n国内生产总值达134.9万亿元，增长5.2%，新增1256万人"


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("提高2个百分点", 2, "个百分点"),
        ("服务企业300家次", 300, "家次"),
        ("营收1.4万亿元", 1.4, "万亿元"),
        ("外资381万美元", 381, "万美元"),
        ("接待游客500万人次", 500, "万人次"),
        ("建成12.5平方公里", 12.5, "平方公里"),
        ("新增装机3.7亿千瓦", 3.7, "亿千瓦"),
        ("浓度29微克/立方米", 29, "微克/立方米"),
        ("地均5.4亿元/平方公里", 5.4, "亿元/平方公里"),
        ("每万人拥有量58件", 58, "件/万人"),
        ("规上工业亩均增加值1500万元", 1500, "万元/亩"),
        ("改造老旧小区30个", 30, "个"),
        ("交付安置房1.2万套", 1.2, "万套"),
        ("新增充电桩800台", 800, "台"),
        ("惠及2000户", 2000, "户"),
        ("能源综合生产能力达到58亿吨标准煤", 58, "亿吨标准煤"),
        ("平均受教育年限提高到11.7年", 11.7, "年"),
        ("人均预期寿命提高到80岁", 80, "岁"),  # 人均 of an age is no denominator
        ("新增城镇就业1.2万", 1.2, "万"),  # a scale word alone is the unit
        ("农村贫困人口减少1000万以上", 1000, "万"),
        ("接待游客1.5万人次", 1.5, "万人次"),
        ("营收1.2万亿", 1.2, "万亿"),
    ],
)
def test_units_are_read_whole_and_kept_with_their_denominator(text, number, unit):
    ((_, got_number, got_unit, _),) = taken("今年" + text + "。")
    assert (got_number, got_unit) == (number, unit)
    unit_scale(got_unit)  # the plan model accepts every unit the reader finds


@pytest.mark.parametrize(
    "text", ["2025年", "2013—2017年", "90年代", "“十四五”", "M102线", "6G", "320国道", "1+4+N"]
)
def test_numbers_without_a_measure_word_are_no_quantities(text):
    assert find_quantities(prepare(text)) == []


def test_a_measure_word_that_starts_a_longer_word_is_none():
    assert [q.text for q in find_quantities("粮食产量跃上1.4万亿斤新台阶")] == ["1.4万亿斤"]
    assert [q.text for q in find_quantities("建成3个项目")] == ["3个"]


@pytest.mark.parametrize(("text", "quantity"), [("打造15分钟生活圈", "15分钟"),
                                                ("24小时不打烊", "24小时"),
                                                ("照护3岁以下婴幼儿", "3岁"),
                                                ("实施3年行动", "3年")])  # fmt: skip
def test_a_span_of_time_naming_a_thing_is_a_qualifier(text, quantity):
    found = extract("今年" + text + "。")
    assert found.commitments == []
    assert [s.text for s in found.ignored] == [quantity]


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("固定资产投资800亿元以上", Comparator.AT_LEAST),
        ("总投资不低于2000亿元", Comparator.AT_LEAST),
        ("不少于30个", Comparator.AT_LEAST),
        ("研发投入达到26亿元", Comparator.AT_LEAST),
        ("推送率提升至96%", Comparator.AT_LEAST),
        ("新增企业10家", Comparator.AT_LEAST),
        ("比重超过78%", Comparator.MORE_THAN),
        ("营收超50亿元", Comparator.MORE_THAN),
        ("营收突破1.4万亿元", Comparator.MORE_THAN),
        ("增长5.5%左右", Comparator.ABOUT),
        ("失业率5.5%以内", Comparator.AT_MOST),
        ("能耗不超过0.5吨", Comparator.AT_MOST),
        ("失业率控制在5%", Comparator.AT_MOST),
        ("增长5%—5.5%", Comparator.RANGE),
        ("增长5%一5.5%", Comparator.RANGE),
        ("增长5-6%", Comparator.RANGE),
        ("一般公共预算收入保持正增长", Comparator.POSITIVE),
        ("居民收入增长与经济增长基本同步", Comparator.IN_STEP),
        ("居民收入增长和经济增长同步", Comparator.IN_STEP),
    ],
)
def test_comparators(text, comparator):
    ((_, _, _, got),) = taken("今年" + text + "。")
    assert got is comparator


def test_a_range_keeps_both_ends():
    (commitment,) = extract("全年增长5%—5.5%。").commitments
    assert (commitment.number, commitment.quantity.upper, commitment.text) == (5, 5.5, "5%—5.5%")


def test_stretch_and_floor():
    found = extract("今年地区生产总值增长5.5%左右，确保5%以上；力争研发投入突破亿元。").commitments
    assert [(c.text, c.comparator, c.stretch, c.floor) for c in found] == [
        ("5.5%", Comparator.ABOUT, False, False),
        ("5%", Comparator.AT_LEAST, False, True),
        ("突破亿元", Comparator.MORE_THAN, True, False),
    ]


REPORT = """\
政府工作报告
一、2025年工作回顾
全区实现地区生产总值2803.5亿元、增长3.8%，新增上市企业2家。
二、2026年主要目标和工作安排
今年主要预期目标是：地区生产总值增长5.5%左右，居民收入增长与经济增长基本同步。
（一）扩大有效投资
实现固定资产投资800亿元以上，引进10亿元以上项目12个，落实“民营经济32条”，重点做好4个方面工作。
预计今年高校毕业生超过1170万人。城镇居民人均可支配收入连续6年居全市第一，去年增长6%。
到2030年，数字经济核心产业增加值达到1000亿元。
"""


def test_review_and_plan_are_told_apart_by_their_headings():
    found = extract(REPORT)
    assert found.year == 2026
    assert [(c.text, c.section) for c in found.commitments] == [
        ("5.5%", "主要预期目标"),
        ("与经济增长基本同步", "主要预期目标"),
        ("800亿元", "（一）扩大有效投资"),
        ("12个", "（一）扩大有效投资"),
    ]
    assert [(c.text, c.year) for c in found.later] == [("1000亿元", 2030)]


def test_results_are_set_aside_with_why():
    whys = {s.text: s.why for s in extract(REPORT).results}
    assert whys["2803.5亿元"] == "in a review section (一、2025年工作回顾)"
    assert whys["2家"] == "in a review section (一、2025年工作回顾)"
    assert whys["1170万人"] == "a result (预计)"
    assert whys["6%"] == "a result (去年)"


def test_names_and_qualifiers_are_set_aside():
    ignored = {s.text: s.why for s in extract(REPORT).ignored}
    assert ignored["32条"].startswith("a name in quotes")
    assert ignored["4个"].startswith("a count of the report's own points")
    assert ignored["10亿元"].startswith("qualifies what is counted")


TABLE = """\
2026年《政府工作报告》主要目标任务完成情况
序号\t项目名称\t主要工作内容\t牵头单位\t完成进度
1\t扩大投资\t实现固定资产投资800亿元以上\t区发改局\t完成420亿元，占年度目标52.5%
2\t人才\t新引进大学生4万名以上\t区人社局\t已引进2.1万名
"""


def test_tables_are_read_by_column():
    found = extract(TABLE)
    assert [c.text for c in found.commitments] == ["800亿元", "4万名"]
    assert {s.text: s.why for s in found.results} == {
        "420亿元": "in the table's 完成进度 column",
        "52.5%": "in the table's 完成进度 column",
        "2.1万名": "in the table's 完成进度 column",
    }


def test_a_column_of_pipes_is_a_table_too():
    table = "| 主要工作内容 | 累计完成情况 |\n|---|---|\n| 新增充电桩800台 | 已建成300台 |\n"
    found = extract(table)
    assert [c.text for c in found.commitments] == ["800台"]
    assert [s.text for s in found.results] == ["300台"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="0123456789.%—一万亿元个家以上左右力争确保，。\n今年到2030年回顾安排 ",
        max_size=200,
    )
)
def test_any_text_is_read_and_every_quantity_is_where_it_says(text):
    found = extract(text)
    for item in (*found.commitments, *found.later, *found.results, *found.ignored):
        q = item.quantity
        assert found.text[q.start : q.end] == q.text
        assert found.text[q.phrase_start : q.phrase_start + len(q.phrase)] == q.phrase
        if q.number is not None:
            unit_scale(q.unit)


# A county work report's review (https://m.wenke99.com/p-5530274.html): a bare line opens
# it and its numbered headings name no review word, yet everything under them is a result.
BARE_REVIEW = """\
回顾过去五年
一、结构调整步伐加快，综合实力逐渐增强
全县上下以经济建设为中心，以结构调整为主线，促进了国民经济较快增长。实现国内生产总值43.68亿元，年均递增8.1%；农业总产值8.96亿元。
今年工作安排
一、加快工业发展
新增规模以上工业企业20家。
"""


def test_a_numbered_heading_under_a_bare_review_line_reviews_too():
    found = extract(BARE_REVIEW)
    assert [s.text for s in found.results] == ["43.68亿元", "8.1%", "8.96亿元"]
    assert {s.why for s in found.results} == {
        "in a review section (一、结构调整步伐加快，综合实力逐渐增强)"
    }
    assert [(c.text, c.section) for c in found.commitments] == [("20家", "一、加快工业发展")]


# A county's first-half summary (https://www.gongwenku1.com/index.php?id=52292): its items
# are numbered 1、 2、; the second's heading leans to a plan (重点) but sits under a review.
ARABIC_ITEMS = """\
一、上半年工作总结
1、经济社会发展平稳运行。聚焦地区生产总值年度增长6%目标任务，建立经济运行工作专班。
2、重点项目建设成效显著。92个计划新开工项目已开工51个，开工率55.4%。
"""


def test_arabic_items_are_headings_under_their_parent():
    found = extract(ARABIC_ITEMS)
    assert [(c.text, c.section) for c in found.commitments] == [
        ("6%", "1、经济社会发展平稳运行"),
        ("92个", "2、重点项目建设成效显著"),
    ]
    assert {s.text: s.why for s in found.results} == {
        "51个": "in a review section (2、重点项目建设成效显著)",
        "55.4%": "in a review section (2、重点项目建设成效显著)",
    }


@pytest.mark.parametrize(
    ("heading", "mode"),
    [("1.经济发展", None), ("(1)新建项目15个", None), ("1.5%的增速", "not a heading")],
)
def test_arabic_markers_at_a_line_start(heading, mode):
    sections = find_sections(heading + "\n", column=False)
    if mode == "not a heading":
        assert sections == []
    else:
        assert [(s.heading, s.mode) for s in sections] == [(heading, mode)]


# Songyang County's key projects (https://www.songyang.gov.cn/art/2025/5/16/
# art_1229355067_59005088.html): the counts of the first sentence come back as the subjects
# of the next ones.
RESTATED = """\
2025年共安排县新续建重点项目57个(新建15个,续建42个),另有重点预备项目10个,重大前期项目17个。57个新续建重点项目全年计划完成投资98.5亿元。
(1)15个重点新建项目,全年计划完成投资17.2亿元。
(3)10个重点预备和17个重大前期项目推进总体进展顺利。
"""


def test_a_commitment_restated_as_a_later_subject_is_taken_once():
    found = extract(RESTATED)
    assert [c.text for c in found.commitments] == [
        "57个", "15个", "42个", "10个", "17个", "98.5亿元", "17.2亿元",
    ]  # fmt: skip
    restated = found.restated
    assert all(s.why.startswith("restates") for s in restated)
    assert [(s.text, s.start) for s in restated] == [
        ("57个", RESTATED.index("57个新续建")),
        ("15个", RESTATED.index("15个重点")),
        ("10个", RESTATED.index("10个重点")),
        ("17个", RESTATED.index("17个重大")),
    ]


def test_a_time_word_earlier_in_the_sentence_drops_no_later_commitment():
    text = (
        "今年主要预期目标是：地区生产总值增长5%左右；一般公共预算收入与上年持平；居民消费价格"
        "涨幅2%左右；城镇新增就业3.5万人以上。确保一季度开门红；全年新增市场主体5000户，"
        "新增城镇就业2万人。"
    )
    assert [c.text for c in extract(text).commitments] == ["5%", "2%", "3.5万人", "5000户", "2万人"]
    aimed = extract("确保一季度开门红，新增城镇就业2万人。")  # a time inside a 确保 clause plans
    assert [c.text for c in aimed.commitments] == ["2万人"]


@pytest.mark.parametrize(
    "text",
    [
        "今年主要预期目标是：地区生产总值比上年增长6%左右，城镇新增就业1.2万人以上。",
        "主要预期目标是：一般公共预算收入总量与上年持平，居民消费价格涨幅2%左右，"
        "城镇新增就业3.5万人以上，居民人均可支配收入增长与经济增长基本同步。",
    ],
)
def test_last_year_as_the_base_of_a_comparison_is_no_result_cue(text):
    assert extract(text).results == []


def test_a_time_opening_the_sentence_still_reports_on_it_after_a_semicolon():
    found = extract("2024年上半年，新开工项目30个；竣工项目12个。全年新开工项目60个。")
    assert [(r.text, r.why) for r in found.results] == [
        ("30个", "a result (上半年)"),
        ("12个", "a result (上半年)"),
    ]
    assert [c.text for c in found.commitments] == ["60个"]


def test_a_figure_said_twice_for_different_things_is_taken_twice():
    # Beijing 2026 (https://www.163.com/dy/article/KK5CTI950514R9KQ.html)
    text = "拆除违法建设500万平方米、治理无手续建筑500万平方米。"
    assert [c.text for c in extract(text).commitments] == ["500万平方米", "500万平方米"]


# Xiao County's livelihood projects at the end of September 2025
# (https://www.ahxx.gov.cn/xxdt/ztzl/xxmsgc/gggs/163042521.html): a progress bulletin that
# quotes each target as the subject of what is done.
QUOTED_WITH_PROGRESS = """\
萧县9月份民生工程进展情况
剩余8项中,2个嵌入式养老机构建设已完成1个(50%)、15个农村幸福院建设已完成8个(53%),263场送戏进万村已送230场(87%),6个老旧小区改造正在施工中(90%)这3项预计11月底前全部完成。
"""


def test_a_target_quoted_with_its_progress_is_taken_and_the_progress_set_aside():
    found = extract(QUOTED_WITH_PROGRESS)
    assert [c.text for c in found.commitments] == ["2个", "15个", "263场", "6个"]
    assert [s.text for s in found.results] == [
        "8项", "1个", "50%", "8个", "53%", "230场", "87%", "90%", "3项",
    ]  # fmt: skip


# Chongqing's 25 livelihood projects of 2015 at mid-year
# (http://fzggw.cq.gov.cn/zwxx/xwbd/202003/t20200319_5756150_wap.html).
CHONGQING = """\
2015年25件重点民生实事计划总投资277亿元,上半年实际完成投资156.92亿元,占全年计划投资的56.6%。其中,中央专项资金38.15亿元,市级财政24.21亿元。
2606个撤并村通公路(2013—2017年)。上半年已完成建设4022公里。累计解决了2585个撤并村通公路,占总计划的99.2%。
5100所义务教育薄弱学校基本办学条件改善(2015—2017年)。上半年,寄宿制学校实际开工199所,完工102所;教师周转宿舍完工1504套;
"""


def test_progress_figures_are_set_aside_by_their_time_share_and_parts():
    found = extract(CHONGQING)
    assert found.year == 2015  # 2017 ends the ranges (2013—2017年), it is no plan year
    assert {"277亿元", "2606个", "5100所"} <= {c.text for c in found.commitments}
    whys = {s.text: s.why for s in found.results}
    assert whys["56.6%"] == "a share of the plan done"
    assert whys["38.15亿元"] == "a part of the result before it"
    assert whys["24.21亿元"] == "a part of the result before it"
    assert whys["2585个"] == "a result (累计解决了)"
    assert whys["1504套"] == "a result (上半年)"  # the time opening the sentence, after ；


def test_a_part_of_a_commitment_stays_a_commitment():
    # Luojiang 2025 (http://bx2200.com/baogao/huadong/12226_2.html) wording
    text = "一般公共预算总收入增长3.5%，其中一般公共预算收入增长2.5%。"
    assert [c.text for c in extract(text).commitments] == ["3.5%", "2.5%"]


def test_an_ordinal_is_no_quantity():
    # Chongqing 2025 (dev-chongqing-2025-livelihood): the news site's name
    found = extract("第1眼TV-华龙网讯，重庆市第六届人民代表大会第三次会议开幕。")
    assert found.commitments == []
    assert [s.why for s in found.ignored] == ["an ordinal (第N), not a quantity"]


# The State Council's 2019 quantified tasks and what was done (tests/corpus/
# dev-national-2019-tasks.txt, http://www2.china-sd.com/News/2020/quanguolianghui/lhjsbb/
# 202005/t20200520_2734534.html).
NATIONAL_2019 = """\
报告提出,2019年减轻企业税收和社保缴费负担近2万亿元,制造业等行业现行16%的税率降至13%。实际上,去年全年减税降费超过2.3万亿元,制造业等行业现行16%的税率降至13%。
"""


def test_a_bulletin_quoting_the_report_and_then_last_year():
    found = extract(NATIONAL_2019)
    assert [(c.text, c.comparator) for c in found.commitments] == [
        ("2万亿元", Comparator.ABOUT),  # 近: nearly
        ("13%", Comparator.AT_MOST),
    ]
    whys = {s.text: s.why for s in found.results}
    assert whys["2.3万亿元"] == "a result (去年)"  # 去年全年 is last year's whole year
    assert [s.why for s in found.ignored if s.text == "16%"] == [
        "the figure as it stands (现行16%的税率), not a target"
    ] * 2


# Hanzhong's key projects to August 2018 (http://www.hanzhong.gov.cn/hzszf/zwgk/zdjsxm/
# 201809/t20180919_538245.shtml), its missing commas as retrieved (a space before 98.4% left out).
HANZHONG = """\
一、市级重点项目进展情况
2018年,全市安排重点项目458个,总投资7206.7亿元,年度计划投资853.8亿元。1-8月共完成投资622.2亿元,占年度投资计划的73%。其中133个续建项目完成投资454.31亿元,占年度计划的75%124个新建项目已开工122个,开工率为98.4%,完成投资124.06亿元,占年度计划的64%50个建成项目完成投资40.48亿元。
"""


def test_the_plans_figure_is_the_one_right_after_its_words():
    found = extract(HANZHONG)
    assert "853.8亿元" in {c.text for c in found.commitments}  # 年度计划投资853.8亿元
    assert {"122个", "50个", "40.48亿元"} <= {s.text for s in found.results}


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # the words closing a 分别 list govern every figure in it, as the reader of Chinese
        # takes them (分别增长7%、8%左右: about 7% and about 8%)
        ("今年城乡居民收入分别增长7%、8%左右。", [("7%", "about"), ("8%", "about")]),
        ("今年甲、乙分别增长5.5%、6%以上。", [("5.5%", "at_least"), ("6%", "at_least")]),
        ("今年甲、乙分别增长5%和7.5%左右。", [("5%", "about"), ("7.5%", "about")]),
        # a figure's own words stay its own
        ("今年甲、乙分别增长5%以上、7%左右。", [("5%", "at_least"), ("7%", "about")]),
        # without a closing word, 增长 is at least
        ("今年甲、乙分别增长7%、8%。", [("7%", "at_least"), ("8%", "at_least")]),
        # no 分别: a 左右 closing the next clause is that clause's only
        ("今年甲增长7%、乙增长8%左右。", [("7%", "at_least"), ("8%", "about")]),
        ("今年甲增长7%，乙分别增长8%左右。", [("7%", "at_least"), ("8%", "about")]),
    ],
)
def test_a_respectively_list_shares_its_closing_words(text, read):
    assert [(c.text, str(c.comparator)) for c in extract(text).commitments] == read


def test_a_respectively_list_pairs_each_figure_with_its_item():
    found = extract("今年城镇居民、农村居民人均可支配收入分别增长5.5%、6%以上，甲、乙分别达8%。")
    assert [(c.text, c.item, c.clause) for c in found.commitments] == [  # fmt: skip
        ("5.5%", "城镇居民人均可支配收入增长", "今年城镇居民、农村居民人均可支配收入分别增长5.5%"),
        (
            "6%",
            "农村居民人均可支配收入增长",
            "今年城镇居民、农村居民人均可支配收入分别增长5.5%、6%以上",
        ),
        ("8%", "甲、乙", "甲、乙分别达8%"),  # two items, one figure: the whole subject
    ]


@pytest.mark.parametrize(
    ("subject", "items"),
    [
        ("地区生产总值、一般公共预算收入", ["地区生产总值", "一般公共预算收入"]),  # nothing shared
        ("城镇居民、农村常住居民人均可支配收入",  # parallel parts of different lengths
         ["城镇居民人均可支配收入", "农村常住居民人均可支配收入"]),
        ("工业、服务业增加值", ["工业", "服务业增加值"]),  # 工业 and 服务 do not end alike
        ("出口、实际使用外资", ["出口", "实际使用外资"]),
        ("税收、非税收入", ["税收", "非税收入"]),  # 税收 in 非税收入 shares no noun
        ("甲、乙、丙", ["甲", "乙", "丙"]),
    ],
)  # fmt: skip
def test_list_items_share_only_the_tail_they_really_share(subject, items):
    """The tail after the part of the last item that parallels the first (it ends as the
    first does) is the items' shared noun; never a splice by length (地区生产总值收入)."""
    assert list_items(subject) == items
    figures = "、".join(f"{n}%" for n in range(6, 6 + len(items)))
    found = extract(f"二、2026年工作安排\n{subject}分别增长{figures}左右。")
    assert [c.item for c in found.commitments] == [item + "增长" for item in items]
    assert [c.item for c in extract("今年新增企业10家、20家。").commitments] == ["", ""]


def test_a_list_flattened_into_one_line_is_read_item_by_item():
    # items set off by " - ", clauses by a space between words: an estimate in one item
    # does not make the others results, nor does 力争 in one make the others stretch
    text = (
        "今年民生实事项目 - 预计覆盖群众超过7.9万人 [1] - 新建挡墙13.46千米 道路8.72千米 "
        "力争扩岗1500人以上 [2] - 组织480名青年见习"
    )
    found = extract(text)
    assert [(c.text, c.clause, c.stretch) for c in found.commitments] == [
        ("13.46千米", "新建挡墙13.46千米", False),
        ("8.72千米", "道路8.72千米", False),
        ("1500人", "力争扩岗1500人以上", True),
        ("480名", "组织480名", False),
    ]
    assert [(r.text, r.why) for r in found.results] == [("7.9万人", "a result (预计)")]
    # a space beside a number, or between letters, ends nothing
    assert [c.clause for c in extract("今年新增 12 家 A B企业。").commitments] == ["今年新增12家"]


@pytest.mark.parametrize(
    ("text", "clauses", "stretch"),
    [
        ("力争 地区生产总值增长6%左右，一般公共预算收入 增长5%。",
         ["力争 地区生产总值增长6%左右", "一般公共预算收入 增长5%"], [True, False]),
        ("确保 粮食产量 达到50万吨。", ["确保 粮食产量 达到50万吨"], [False]),
        ("今年 新增就业1.2万人 道路8.72千米。", ["今年 新增就业1.2万人", "道路8.72千米"],
         [False, False]),  # a flattened list's items stay apart
    ],
)  # fmt: skip
def test_a_space_after_a_cue_or_before_a_verb_ends_no_clause(text, clauses, stretch):
    """In a copy spaced out by hand a space ends a clause only between items: not after
    力争/确保/今年, nor between a subject and what it does (收入 增长5%)."""
    found = extract("二、2026年工作安排\n" + text).commitments
    assert [c.clause for c in found] == clauses
    assert [c.stretch for c in found] == stretch


@pytest.mark.parametrize(
    "text",
    ["配套日处理400吨的转运中心", "改造翠竹桥至扬子中路段 长度约740米", "建成装机容量9兆瓦的发电厂",
     "以及303平方米的综合楼"],
)  # fmt: skip
def test_a_specification_of_what_is_built_is_no_target(text):
    found = extract("今年" + text + "。")
    assert found.commitments == []
    assert found.ignored[0].why.startswith("a specification of what is built")


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("总装机容量达100万千瓦以上", Comparator.AT_LEAST),  # a promise, not a description
        ("新建道路8.72千米", Comparator.AT_LEAST),
        ("提供不低于30天的托养照护", Comparator.AT_LEAST),  # a span promised is no qualifier
        ("新增绿地面积50万平方米", Comparator.AT_LEAST),
    ],
)
def test_a_measure_promised_is_a_target(text, comparator):
    ((_, _, _, got),) = taken("今年" + text + "。")
    assert got is comparator


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("完成植树造林5000亩的任务", "5000亩"),  # the task itself, 的 or not
        ("新增绿地50公顷的目标", "50公顷"),
        ("改造供水管网30公里的任务", "30公里"),
        ("年内建成20公里的城市绿道", "20公里"),  # what is built, measured
        ("新建1.2万亩的高标准农田", "1.2万亩"),
        ("新建城市道路总长15公里", "15公里"),  # a length after a verb that builds it
        ("确保建成长度12公里的快速路", "12公里"),
    ],
)
def test_a_measure_built_is_a_target_though_a_noun_follows(text, quantity):
    """A measured unit + 的 + noun, or 总长/长度, is no specification where the clause builds
    it: only a measure nothing in its clause builds (以及303平方米的综合楼) describes."""
    found = extract("二、2026年工作安排\n今年，" + text + "。")
    assert [c.quantity.text for c in found.commitments] == [quantity]
    assert found.ignored == []


@pytest.mark.parametrize(
    ("text", "quantity", "number", "unit", "comparator"),
    [
        ("筛查病种增加至20余类", "20余类", 20, "类", Comparator.MORE_THAN),
        ("新增就业1万余人", "1万余人", 1, "万人", Comparator.MORE_THAN),
        ("引进企业100多家", "100多家", 100, "家", Comparator.MORE_THAN),
        ("新建道路约5公里", "5公里", 5, "公里", Comparator.ABOUT),
        ("大约5公里", "5公里", 5, "公里", Comparator.ABOUT),
        # 节约 is no 约, and 多 with no unit after it is none of the number's
        ("节约10万吨标准煤", "10万吨标准煤", 10, "万吨标准煤", Comparator.AT_LEAST),
        ("引进企业100家，多家落地", "100家", 100, "家", Comparator.AT_LEAST),
    ],
)
def test_odd_numbers_and_approximations(text, quantity, number, unit, comparator):
    (commitment, *_) = extract("今年" + text + "。").commitments
    got = (commitment.text, commitment.number, commitment.unit, commitment.comparator)
    assert got == (quantity, number, unit, comparator)


def test_a_count_said_again_as_the_subject_of_a_new_deed_is_a_second_commitment():
    # a different commitment about the same set: 30 projects started, 30 completed
    found = extract("今年新开工重点项目30个，30个重点项目竣工投用。")
    assert [c.clause for c in found.commitments] == [
        "今年新开工重点项目30个",
        "30个重点项目竣工投用",
    ]
    assert found.restated == []
    # the same count as the subject of another figure, or of no deed, is said again
    again = extract(
        "今年安排重点项目57个。57个重点项目推进顺利；57个重点项目全年计划完成投资98.5亿元。"
    )
    assert [c.text for c in again.commitments] == ["57个", "98.5亿元"]
    assert [s.text for s in again.restated] == ["57个", "57个"]
    assert again.ignored == []  # a restatement is no name


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("今年一般公共预算收入、固定资产投资保持正增长。", ("一般公共预算收入", "固定资产投资")),
        ("今年工业、服务业增加值实现正增长。", ("工业", "服务业增加值")),
        # the items after a target of its own
        (
            "今年地区生产总值增长5%、一般公共预算收入、税收保持正增长。",
            ("一般公共预算收入", "税收"),
        ),
        (
            "今年城镇居民、农村居民收入增长与经济增长同步。",
            ("城镇居民收入增长", "农村居民收入增长"),
        ),
        # one indicator: no list
        ("今年固定资产投资保持正增长。", ()),
    ],
)
def test_each_indicator_listed_before_a_relative_commitment_is_its_own(text, items):
    (relative,) = [c for c in extract(text).commitments if c.number is None]
    assert relative.items == items
    assert all(item[:2] in relative.clause for item in items)  # the quote names every one


@pytest.mark.parametrize(
    ("subject", "items"),
    [
        ("城镇居民、农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("工业、服务业增加值", ["工业", "服务业增加值"]),  # 工业 and 服务 do not end alike
        ("规上、亿元以上工业企业", ["规上", "亿元以上工业企业"]),
        ("固定资产投资", ["固定资产投资"]),
    ],
)
def test_list_items_share_the_last_noun_only_between_parallel_items(subject, items):
    assert list_items(subject) == items


@pytest.mark.parametrize(
    ("text", "taken_", "class_"),
    [
        ("力争实现20%的村集体年收入超30万元", ["20%"], ["30万元"]),
        ("实现80%以上的企业营收超1000万元", ["80%"], ["1000万元"]),
        # no 的 after the share, or a base (的基础上): the amount is a target of its own
        ("完成80%的任务，投资10亿元", ["80%", "10亿元"], []),
        ("新增5家的基础上投资10亿元", ["5家", "10亿元"], []),
    ],
)
def test_an_amount_naming_which_things_a_share_counts_is_no_target(text, taken_, class_):
    found = extract("今年" + text + "。")
    assert [c.text for c in found.commitments] == taken_
    assert [s.text for s in found.ignored if s.why.startswith("the class")] == class_


@pytest.mark.parametrize(
    ("text", "taken_"),
    [
        (
            "今年县级重点项目共530项，总投资2944.74亿元，年度计划投资561.86亿元。",
            ["530项", "561.86亿元"],
        ),
        # a 计划总投资, or one with a comparison, is a figure to deliver
        ("今年民生实事计划总投资277亿元。", ["277亿元"]),
        ("今年重大项目总投资不低于2000亿元。", ["2000亿元"]),
    ],
)
def test_the_total_investment_of_a_set_of_projects_is_no_target(text, taken_):
    assert [c.text for c in extract(text).commitments] == taken_


@pytest.mark.parametrize(
    "text",
    ["到2027年，累计建成5G基站1万个。", "力争到2027年累计建成5G基站1万个。",
     "今年，累计新建5G基站1万个。", "1、确保年内累计完成5G基站1万个。"],
)  # fmt: skip
def test_a_horizon_opening_the_sentence_wins_over_a_cumulative_result_cue(text):
    """累计建成 reports a result, unless the sentence opens with the time it is due by."""
    found = extract("二、2026年工作安排\n" + text)
    assert found.results == []
    assert [c.quantity.text for c in found.later + found.commitments] == ["1万个"]


def test_a_cumulative_figure_after_a_plan_figure_stays_a_result():
    found = extract(
        "二、2026年工作安排\n2025年，累计完成投资50亿元。全年计划投资90亿元，1-6月累计完成投资40亿元。"
    )
    assert [(r.text, r.why) for r in found.results] == [
        ("50亿元", "a result (累计完成)"),
        ("40亿元", "a result (累计完成)"),
    ]


@pytest.mark.parametrize(
    ("text", "taken", "restated"),
    [
        ("新开工重点项目30个，30个重点项目全部开工建设。", ["新开工重点项目30个"], ["30个"]),
        ("完成老旧小区改造30个，30个老旧小区全部完成改造。", ["完成老旧小区改造30个"],
         ["30个"]),
        ("新开工重点项目30个，30个重点项目开工并竣工。",  # a deed of its own too
         ["新开工重点项目30个", "30个重点项目开工并竣工"], []),
    ],
)  # fmt: skip
def test_a_count_said_again_with_the_deed_it_first_named_is_a_restatement(text, taken, restated):
    """The same delivering verb as the first mention delivers nothing new."""
    found = extract("二、2026年工作安排\n" + text)
    assert [c.clause for c in found.commitments] == taken
    assert [s.text for s in found.restated] == restated
