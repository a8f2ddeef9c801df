"""Tasks, floors, ranges, items and owners in the plan: what each accepts and refuses."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conftest import make_plan, make_target
from gongshu_targets.core.models import Item, cross_check
from gongshu_targets.enums import Comparator, Lang
from gongshu_targets.outputs.text import target_words

TASK = {"target": None, "unit": "", "pace": None, "comparator": "task"}


def task(**fields: object):
    return make_target(**{**TASK, **fields})


def test_a_task_has_no_number_unit_or_pace():
    t = task(quote="节能减排完成市下达目标任务")
    assert t.is_task and t.target is None and t.unit == "" and t.pace is None


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"target": 5.0}, "target"),
        ({"unit": "%"}, "unit"),
        ({"pace": "cumulative"}, "pace"),
        ({"floor": 1.0}, "floor"),
        ({"milestones": [{"as_of": "2025-06-30", "share": 50}]}, "milestones"),
    ],
)
def test_a_task_refuses_every_number(extra, named):
    with pytest.raises(ValidationError, match=f"a task has no number.*remove {named}"):
        task(**extra)


def test_a_numeric_target_needs_a_unit_and_a_pace():
    with pytest.raises(ValidationError, match="needs a `unit` and a `pace`"):
        make_target(unit="")
    with pytest.raises(ValidationError, match="needs a `unit` and a `pace`"):
        make_target(pace=None)


def test_a_range_has_an_upper_end_above_its_target():
    t = make_target(comparator="range", target=5.0, upper=5.5, unit="%", pace="rate")
    assert (t.target, t.upper) == (5.0, 5.5)
    assert target_words(t, Lang.ZH) == "5—5.5%"
    with pytest.raises(ValidationError, match="'upper' must be above"):
        make_target(comparator="range", target=5.0, upper=5.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="`upper` is the top of `comparator: range`"):
        make_target(comparator="range", target=5.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="`upper` is the top of `comparator: range`"):
        make_target(comparator="at_least", target=5.0, upper=6.0, unit="%", pace="rate")


def test_a_floor_lies_below_a_rising_target():
    t = make_target(comparator="about", target=5.5, floor=5.0, unit="%", pace="rate")
    assert target_words(t, Lang.ZH) == "≈ 5.5% (确保 ≥ 5%)"
    assert target_words(t, Lang.EN) == "≈ 5.5% (floor ≥ 5%)"
    with pytest.raises(ValidationError, match="a 'floor' lies below the target"):
        make_target(comparator="at_least", target=5.0, floor=5.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="goes with `comparator: at_least`"):
        make_target(comparator="at_most", target=5.0, floor=4.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="needs a pace"):
        make_target(comparator="at_least", target=5.0, floor=4.0, pace="level")


def test_items_and_owners():
    plan = make_plan(
        make_target(id="a", item=3),
        make_target(id="b", item=3, owner="区发改局"),
        make_target(id="c"),
        items=[Item(number=3, title="招大引强", work="新引进…", owner="区投促局")],
    )
    assert [plan.owner(t) for t in plan.targets] == ["区投促局", "区发改局", None]
    assert plan.item(3) is not None and plan.item(3).title == "招大引强"  # type: ignore[union-attr]
    assert plan.item(None) is None and plan.item(4) is None
    assert cross_check(plan) == []


def test_a_target_naming_an_unknown_item_is_a_plan_problem():
    plan = make_plan(make_target(id="a", item=9), items=[Item(number=1, title="x")])
    assert [(i, f, str(why)) for i, f, why in cross_check(plan)] == [
        (0, "item", "no item numbered 9 in 'items'")
    ]


def test_items_numbered_twice_are_refused():
    with pytest.raises(ValidationError, match="items numbered twice: 2"):
        make_plan(make_target(), items=[Item(number=2, title="x"), Item(number=2, title="y")])


def test_an_empty_owner_is_no_owner():
    plan = make_plan(make_target(id="a", item=1, owner=""), items=[Item(number=1, title="x")])
    assert plan.owner(plan.targets[0]) is None


def test_comparators_include_task_and_range():
    assert {Comparator.TASK, Comparator.RANGE} <= set(Comparator)


def test_a_value_on_a_task_is_refused_by_update(tmp_path):
    from gongshu_targets.core.figures import ValueProblem, parse_value

    with pytest.raises(ValueProblem, match="a task has no number"):
        parse_value("5", task())


ITEMS_PLAN = """\
id: district-2024
title: 区政府工作报告主要任务
region: 某区
period: {start: 2024-01-01, end: 2024-12-31}
source: report.txt
items:
  - number: 1
    title: 招大引强
    work: 新引进亿元以上产业项目30个；实际使用外资1亿美元
    owner: 区投资促进局
  - number: 2
    title: 绿色低碳
    work: 节能减排完成市下达目标任务
    owner: 区发改局
targets:
  - id: big-projects
    section: （一）经济
    name: 新引进亿元以上产业项目
    name_en: New projects over 100 million yuan
    quote: 新引进亿元以上产业项目30个
    target: 30
    unit: 个
    comparator: at_least
    pace: cumulative
    item: 1
  - id: foreign-capital
    section: （一）经济
    name: 实际使用外资
    name_en: Foreign capital used
    quote: 实际使用外资1亿元
    target: 1
    unit: 亿元
    comparator: at_least
    pace: cumulative
    item: 1
  - id: energy-saving
    section: （二）绿色
    name: 节能减排
    name_en: Energy saving
    quote: 节能减排完成市下达目标任务
    comparator: task
    item: 2
  - id: gdp-growth
    section: （一）经济
    name: 地区生产总值增长
    name_en: GDP growth
    quote: 地区生产总值增长5.5%左右
    target: 5.5
    unit: '%'
    comparator: about
    pace: rate
"""

ITEMS_PROGRESS = """\
id,as_of,value,source,note,recorded_at,kind
big-projects,2024-06-30,16,,,2024-07-10T00:00:00+00:00,
energy-saving,2024-06-30,30,,,2024-07-10T00:00:00+00:00,share
foreign-capital,2024-06-30,0.3,,,2024-07-10T00:00:00+00:00,
gdp-growth,2024-06-30,5.6,,,2024-07-10T00:00:00+00:00,
"""


@pytest.fixture
def items_dir(tmp_path):
    (tmp_path / "targets.yaml").write_text(ITEMS_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(ITEMS_PROGRESS, encoding="utf-8")
    return tmp_path


def run(*args: str):
    from typer.testing import CliRunner

    from gongshu_targets import cli

    return CliRunner().invoke(cli.app, list(args), env={"TARGETS_FILE": None, "COLUMNS": None})


def test_the_report_has_one_row_per_item_worst_first_with_owners(items_dir):
    result = run("report", "-f", str(items_dir / "targets.yaml"), "--format", "csv")
    assert result.exit_code == 0, result.output
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [r[:4] for r in rows[1:]] == [
        # item 1: projects on pace (53.3% vs 49.7%), foreign capital 30% (off track): worst
        ["1", "招大引强", "新引进亿元以上产业项目30个；实际使用外资1亿美元", "区投资促进局"],
        # item 2: the task at 30% against 49.73%: off track too, after item 1 in plan order
        ["2", "绿色低碳", "节能减排完成市下达目标任务", "区发改局"],
        # a target with no item is numbered after the items, titled by its name
        ["3", "地区生产总值增长", "地区生产总值增长5.5%左右", "（未列明）"],
    ]
    first = rows[1]
    assert first[4] == "新引进亿元以上产业项目：≥ 30 个\n实际使用外资：≥ 1 亿元"
    assert first[5] == "16\n0.3"
    assert first[8] == "53.33\n30"
    assert first[11] == "滞后序时"
    task = rows[2]
    assert (task[4], task[5], task[6], task[8]) == ("完成年度任务", "", "", "30")
    assert task[10] == "慢于序时进度19.73个百分点"


def test_worst_ignores_targets_without_figures():
    from gongshu_targets.core.items import worst
    from gongshu_targets.enums import Status

    assert worst([Status.NO_DATA, Status.ON_TRACK]) is Status.ON_TRACK
    assert worst([Status.ACHIEVED, Status.AT_RISK, Status.NO_DATA]) is Status.AT_RISK
    assert worst([Status.OFF_TRACK, Status.MISSED]) is Status.MISSED
    assert worst([Status.NO_DATA]) is Status.NO_DATA
    assert worst([]) is Status.NO_DATA


def test_status_by_owner_rolls_up_counts_and_scores(items_dir):
    result = run("status", "-f", str(items_dir / "targets.yaml"), "--by", "owner",
                 "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "牵头单位,目标数,已完成,符合序时,存在风险,滞后序时,未完成,待评估,暂无数据,得分"
    )
    assert lines[1:] == [
        "区投资促进局,2,0,1,0,1,0,0,0,80.2",
        "区发改局,1,0,0,0,1,0,0,0,60.3",
        "（未列明）,1,0,1,0,0,0,0,0,100.0",
    ]
    as_json = run("status", "-f", str(items_dir / "targets.yaml"), "--by", "owner",
                  "--format", "json")  # fmt: skip
    import json

    groups = json.loads(as_json.stdout)["groups"]
    assert [g["name"] for g in groups] == ["区投资促进局", "区发改局", None]


def test_status_by_section(items_dir):
    result = run("status", "-f", str(items_dir / "targets.yaml"), "--by", "section",
                 "--format", "markdown", "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].startswith("| （一）经济 | 3 | 0 | 2 | 0 | 1 |")
    table = run("status", "-f", str(items_dir / "targets.yaml"), "--by", "section")
    assert "（二）绿色" in table.stdout and "60.3" in table.stdout


def test_the_template_carries_the_owner_and_imports_back(items_dir):
    out = items_dir / "t.csv"
    result = run("template", "-f", str(items_dir / "targets.yaml"), "--as-of", "2024Q3",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "编号,名称,牵头单位,单位,目标,最新值,日期,数值,完成进度,备注,来源"
    assert lines[1].startswith("big-projects,新引进亿元以上产业项目,区投资促进局,个,30,16,")
    assert lines[4].startswith("gdp-growth,地区生产总值增长,（未列明）,%,")
    filled = out.read_text(encoding="utf-8-sig").replace(
        "energy-saving,节能减排,区发改局,,,完成进度 30%,2024-09-30,,,",  # its latest: Q2's
        "energy-saving,节能减排,区发改局,,,完成进度 30%,2024-09-30,,80%,",
    )
    out.write_text(filled, encoding="utf-8-sig")
    imported = run("import", "--lang", "en", str(out), "-f", str(items_dir / "targets.yaml"))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("added 1,")


def test_the_html_report_has_a_card_per_item_with_its_owner_and_each_figure(items_dir):
    out = items_dir / "r.html"
    result = run("report", "-f", str(items_dir / "targets.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8").split("<main>", 1)[1]
    cards = text.split('<article class="item"')[1:]
    assert [c.split("<h3>", 1)[1].split(" <span", 1)[0] for c in cards] == [
        "1. 招大引强", "2. 绿色低碳", "3. 地区生产总值增长"
    ]  # fmt: skip
    first = cards[0]
    assert "牵头单位：区投资促进局" in first
    assert first.count("<h4>") == 2  # one block per target of the item
    assert first.count('class="chart"') == 2
    assert "完成 30%" in cards[1]  # the task's 完成进度 on its bar
    assert "牵头单位：（未列明）" in cards[2]


def test_status_json_names_each_targets_owner_or_null(items_dir):
    import json

    result = run("status", "-f", str(items_dir / "targets.yaml"), "--format", "json")
    owners = {t["id"]: t["owner"] for t in json.loads(result.stdout)["targets"]}
    assert owners == {"big-projects": "区投资促进局", "foreign-capital": "区投资促进局",
                      "energy-saving": "区发改局", "gdp-growth": None}  # fmt: skip
