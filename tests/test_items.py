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
    with pytest.raises(ValidationError, match="needs a 'unit' and a 'pace'"):
        make_target(unit="")
    with pytest.raises(ValidationError, match="needs a 'unit' and a 'pace'"):
        make_target(pace=None)


def test_a_range_has_an_upper_end_above_its_target():
    t = make_target(comparator="range", target=5.0, upper=5.5, unit="%", pace="rate")
    assert (t.target, t.upper) == (5.0, 5.5)
    assert target_words(t, Lang.ZH) == "5—5.5%"
    with pytest.raises(ValidationError, match="'upper' must be above"):
        make_target(comparator="range", target=5.0, upper=5.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="'upper' is the top of a range"):
        make_target(comparator="range", target=5.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="'upper' is the top of a range"):
        make_target(comparator="at_least", target=5.0, upper=6.0, unit="%", pace="rate")


def test_a_floor_lies_below_a_rising_target():
    t = make_target(comparator="about", target=5.5, floor=5.0, unit="%", pace="rate")
    assert target_words(t, Lang.ZH) == "≈ 5.5% (确保 ≥ 5%)"
    assert target_words(t, Lang.EN) == "≈ 5.5% (floor ≥ 5%)"
    with pytest.raises(ValidationError, match="a 'floor' .确保. lies below the target"):
        make_target(comparator="at_least", target=5.0, floor=5.0, unit="%", pace="rate")
    with pytest.raises(ValidationError, match="goes with at_least"):
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
    assert cross_check(plan) == [(0, "item", "no item numbered 9 in 'items'")]


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
