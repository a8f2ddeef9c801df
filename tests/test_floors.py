"""Floors (确保), ranges and tasks scored as the README's Scoring section says."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RECORDED, make_plan, make_target, obs
from gongshu_targets.core.models import Observation
from gongshu_targets.core.scoring import assess, assess_plan
from gongshu_targets.enums import Status
from gongshu_targets.outputs.explain import step_text

MID, END = date(2025, 6, 30), date(2025, 12, 31)
WORSE_TO_BETTER = [Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK,
                   Status.ACHIEVED]  # fmt: skip

# 5.5%左右（确保5%以上）, with a 0.2-point tolerance so that the floor lies below the band
GDP = make_target(id="gdp", unit="%", pace="rate", comparator="about", target=5.5,
                  tolerance=0.2, floor=5.0)  # fmt: skip
# 新增企业100家（确保80家）
FIRMS = make_target(id="firms", target=100, floor=80)
# 增长5%—5.5%
RANGE = make_target(id="range", unit="%", pace="rate", comparator="range", target=5, upper=5.5)
PLAN = make_plan(GDP, FIRMS, RANGE)


def judged(target, day: date, value: float):
    return assess(target, [obs(target.id, day, value)], PLAN)


@pytest.mark.parametrize(
    ("day", "value", "status"),
    [
        (MID, 5.3, Status.ON_TRACK),  # at the band: 5.5 − 0.2
        (MID, 5.29, Status.AT_RISK),  # between the floor and the band
        (MID, 5.0, Status.AT_RISK),  # the floor itself is kept
        (MID, 4.99, Status.OFF_TRACK),  # below the floor
        (END, 5.6, Status.ACHIEVED),
        (END, 5.1, Status.AT_RISK),  # the year is over: the floor kept, the target not
        (END, 4.9, Status.MISSED),
    ],
)
def test_a_rate_with_a_floor(day: date, value: float, status: Status):
    a = judged(GDP, day, value)
    assert a.status is status


def test_a_floor_at_the_band_leaves_no_at_risk_room():
    tight = make_target(id="gdp", unit="%", pace="rate", comparator="about", target=5.5,
                        floor=5.0)  # fmt: skip  # the default 0.5 tolerance: band at 5.0
    plan = make_plan(tight)
    assert assess(tight, [obs("gdp", MID, 5.0)], plan).status is Status.ON_TRACK
    # without its floor 4.6 would be at risk (within 1 point); with it, off track
    assert assess(tight, [obs("gdp", MID, 4.6)], plan).status is Status.OFF_TRACK


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (50, Status.ON_TRACK),  # pace 49.59%: 49.59 firms due
        (49.5, Status.AT_RISK),
        (39.68, Status.AT_RISK),  # 80 × 49.59%: the floor's own pace
        (39.6, Status.OFF_TRACK),
    ],
)
def test_a_paced_target_with_a_floor_is_at_risk_down_to_the_floors_pace(value, status):
    assert judged(FIRMS, MID, value).status is status


@pytest.mark.parametrize(
    ("value", "status"), [(100, Status.ACHIEVED), (80, Status.AT_RISK), (79, Status.MISSED)]
)
def test_a_paced_floor_at_the_years_end(value: float, status: Status):
    assert judged(FIRMS, END, value).status is status


def test_the_floor_step_says_what_decided():
    a = judged(GDP, MID, 5.1)
    assert step_text(a.steps[-1]) == (
        "gap = -0.2 points; on track if the threshold is met, at risk down to the floor "
        "5, off track below it → at risk"
    )
    assert step_text(judged(FIRMS, END, 79).steps[2]).endswith("missed below it → missed")


@pytest.mark.parametrize(
    ("day", "value", "status"),
    [
        (MID, 5.2, Status.ON_TRACK),
        (MID, 6.0, Status.ON_TRACK),  # above the range is fine
        (MID, 4.5, Status.AT_RISK),  # within 1 point below its lower end
        (MID, 3.9, Status.OFF_TRACK),
        (END, 5.0, Status.ACHIEVED),
        (END, 5.5, Status.ACHIEVED),
        (END, 7.0, Status.ACHIEVED),
        (END, 4.99, Status.MISSED),
    ],
)
def test_a_range_is_achieved_within_or_above_it(day: date, value: float, status: Status):
    assert judged(RANGE, day, value).status is status


def rank(status: Status) -> int:
    return WORSE_TO_BETTER.index(status)


values = st.floats(-20, 200, allow_nan=False)
days = st.dates(date(2025, 1, 1), date(2025, 12, 31))


@given(low=values, more=st.floats(0, 100, allow_nan=False), day=days)
def test_more_never_judges_worse_with_a_floor_or_a_range(low: float, more: float, day: date):
    for target in (GDP, FIRMS, RANGE):
        if target is FIRMS and low < 0:
            continue
        first, second = judged(target, day, low), judged(target, day, low + more)
        assert rank(second.status) >= rank(first.status)
        assert first.score is not None and 0 <= first.score <= 100


@given(value=values, day=days)
def test_a_floor_never_judges_worse_than_no_floor_above_it_nor_better_below(
    value: float, day: date
):
    """Above the floor a floor can only soften a verdict to at risk; below it, only
    harden it: the floor is a promise kept or broken."""
    plain = make_target(id="gdp", unit="%", pace="rate", comparator="about", target=5.5,
                        tolerance=0.2)  # fmt: skip
    with_floor = judged(GDP, day, value).status
    without = assess(plain, [obs("gdp", day, value)], make_plan(plain)).status
    if value >= 5.0:
        assert rank(with_floor) >= min(rank(without), rank(Status.AT_RISK))
    else:
        assert with_floor in (Status.OFF_TRACK, Status.MISSED)


def test_tasks_are_counted_apart_from_numeric_targets():
    task = make_target(id="task", target=None, unit="", pace=None, comparator="task")
    plan = make_plan(FIRMS, task)
    share = Observation(id="task", as_of=MID, value=60, recorded_at=RECORDED, share=True)
    report = assess_plan(plan, [obs("firms", MID, 20), share])
    assert sum(report.summary.counts.values()) == 1
    assert report.summary.counts[Status.OFF_TRACK] == 1
    assert report.summary.tasks.counts[Status.ON_TRACK] == 1
    assert report.summary.tasks.score == 100.0


@pytest.mark.parametrize(
    ("done", "status", "gap"),
    [(91, Status.AT_RISK, -0.53), (80, Status.OFF_TRACK, -11.53), (100, Status.ACHIEVED, 8.47)],
)
def test_the_readmes_xuancheng_example(done: float, status: Status, gap: float):
    """A task at 2020-11-30, a leap year: 序时进度 335/366 = 91.53%."""
    task = make_target(id="task", target=None, unit="", pace=None, comparator="task")
    plan = make_plan(task, period={"start": date(2020, 1, 1), "end": date(2020, 12, 31)})
    share = Observation(id="task", as_of=date(2020, 11, 30), value=done, recorded_at=RECORDED,
                        share=True)  # fmt: skip
    a = assess(task, [share], plan)
    assert (a.status, a.pace_share, a.gap) == (status, 91.53, gap)
