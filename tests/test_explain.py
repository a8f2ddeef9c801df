"""The scoring steps as data, and their English words: every sentence `targets show` can
print, exact, from a real assessment."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import RECORDED, make_plan, make_target, obs
from gongshu_targets.core import scoring
from gongshu_targets.core.models import Baseline, Milestone, Observation
from gongshu_targets.core.steps import Completion, Decision, Edge, PaceShare, Rule
from gongshu_targets.enums import Status
from gongshu_targets.outputs.explain import step_text

Q1, H1, YEAR_END = date(2025, 3, 31), date(2025, 6, 30), date(2025, 12, 31)


def words(target, *observations, reference=()):
    a = scoring.assess(target, list(observations), make_plan(target), None, list(reference))
    return [step_text(step) for step in a.steps]


GRADUATES = make_target(id="g", target=4, unit="万名")


def test_a_cumulative_target_behind_pace_says_each_number():
    assert words(GRADUATES, obs("g", H1, 15000)) == [
        "pace at 2025-06-30: 49.59% = 181 / 365 days",
        "completion = 1.5 / 4 = 37.50%",
        "gap = -12.09 points; on track if ≥ 0, at risk if ≥ −10 → off track",
        "linear year-end projection = 1.5 / 0.4959 = 3.02",
    ]


def test_a_met_and_a_missed_cumulative_target():
    assert words(GRADUATES, obs("g", Q1, 41000))[2] == "4.1 meets the target 4 → achieved"
    assert words(GRADUATES, obs("g", YEAR_END, 39000))[2] == (
        "the period is over and 3.9 does not meet 4"
    )


def test_milestones_and_a_baseline_are_named():
    seasonal = GRADUATES.model_copy(update={"milestones": (Milestone(as_of=H1, share=30),)})
    assert words(seasonal, obs("g", H1, 13000))[0] == ("pace at 2025-06-30: 30.00% (milestones)")
    level = make_target(id="l", target=300, unit="件", pace="level",
                        baseline=Baseline(value=200, as_of=date(2025, 2, 28)))  # fmt: skip
    assert words(level, obs("l", H1, 250))[:2] == [
        "pace at 2025-06-30: 39.87% = 122 / 306 days",  # from 03-01
        "completion = (250 − 200) / (300 − 200) = 50.00%",
    ]


def test_a_cap_under_pace_within_and_over():
    cap = make_target(id="c", target=50, unit="亿元", comparator="at_most")
    assert words(cap, obs("c", H1, 20))[2] == (
        "gap = +9.59 points; on track if ≥ 0, at risk if ≥ −10 → on track"
    )
    assert words(cap, obs("c", YEAR_END, 49))[2] == ("the whole period stayed within 50 → achieved")
    assert words(cap, obs("c", H1, 51))[2] == "51 is over the cap of 50 → off track"


def test_a_level_without_baseline_is_met_pending_or_missed():
    level = make_target(id="l", target=300, unit="件", pace="level")
    assert words(level, obs("l", H1, 290)) == [
        "completion = 290 / 300 = 96.67%",
        "no baseline, so no pace can be claimed: pending until the period ends",
    ]
    assert words(level, obs("l", H1, 300))[1] == "300 meets 300 → achieved"
    assert words(level, obs("l", YEAR_END, 299))[1] == (
        "the period is over and 299 does not meet 300"
    )


def test_a_cap_level_over_its_cap_says_so_and_claims_no_completion():
    cap = make_target(id="pm", target=30, unit="微克/立方米", comparator="at_most", pace="level")
    assert words(cap, obs("pm", H1, 32)) == ["32 is over the cap of 30 → at risk"]
    assert words(cap, obs("pm", H1, 28)) == [
        "no baseline, so no pace can be claimed: pending until the period ends"
    ]


def test_rates_name_their_threshold():
    about = make_target(id="gdp", target=5.5, unit="%", comparator="about", pace="rate")
    assert words(about, obs("gdp", Q1, 4.6)) == [
        "threshold = 5.5 − tolerance 0.5 = 5",
        "gap = -0.4 points; on track if the threshold is met, at risk within 1 point → at risk",
    ]
    least = make_target(id="r", target=6, unit="%", pace="rate", at_risk_points=2)
    assert words(least, obs("r", YEAR_END, 6.5)) == [
        "threshold = 6",
        "gap = +0.5 points; on track if the threshold is met, at risk within 2 points "
        "→ achieved (a whole-period figure)",
    ]
    positive = make_target(id="p", target=None, unit="%", comparator="positive", pace="rate")
    assert words(positive, obs("p", Q1, 0.1))[0] == "threshold: stay above 0"


def test_in_step_names_the_tracked_target_or_waits_for_it():
    step = make_target(id="inc", target=None, unit="%", comparator="in_step", pace="rate",
                       tracks="gdp")  # fmt: skip
    assert words(step, obs("inc", Q1, 5.0), reference=[obs("gdp", Q1, 4.6)])[0] == (
        "threshold = gdp 4.6 − tolerance 0.5 = 4.1"
    )
    assert words(step, obs("inc", H1, 5.0), reference=[obs("gdp", Q1, 4.6)]) == [
        "no figure of gdp for 2025-06-30 to compare with: pending"
    ]


def test_no_figure_yet():
    assert words(GRADUATES) == ["no observation yet"]


def test_values_keep_the_reports_precision_whatever_their_size():
    big = make_target(id="b", target=123456.789, unit="元")
    assert words(big, obs("b", H1, 50000.25))[1] == "completion = 50,000.25 / 123,456.79 = 40.50%"


def test_the_steps_are_data_with_their_numbers():
    a = scoring.assess(GRADUATES, [obs("g", H1, 15000)], make_plan(GRADUATES))
    pace, completion, decision = a.steps[:3]
    assert isinstance(pace, PaceShare)
    assert (pace.elapsed_days, pace.period_days, pace.milestones) == (181, 365, False)
    assert pace.share == pytest.approx(49.589, abs=1e-3)
    assert completion == Completion(value=1.5, target=4, base=None, completion=37.5)
    assert isinstance(decision, Decision)
    assert (decision.rule, decision.met, decision.over, decision.edge, decision.status) == (
        Rule.TOWARD, False, False, Edge.PACE, Status.OFF_TRACK,
    )  # fmt: skip
    assert decision.gap == pytest.approx(-12.089, abs=1e-3)


def test_a_share_of_the_task_is_worded_as_a_share():
    def share(day: date, percent: float) -> Observation:
        return Observation(id="g", as_of=day, value=percent, recorded_at=RECORDED, share=True)

    assert words(GRADUATES, share(H1, 40)) == [
        "pace at 2025-06-30: 49.59% = 181 / 365 days",
        "40% of the year's task done (a share, not a value)",
        "gap = -9.59 points; on track if ≥ 0, at risk if ≥ −10 → at risk",
    ]
    assert words(GRADUATES, share(Q1, 100))[2] == "the task is 100% done → achieved"
    assert words(GRADUATES, share(YEAR_END, 90))[2] == "the period is over at 90% done"
    task = make_target(id="g", target=None, unit="", comparator="task", pace=None)
    assert words(task, obs("g", H1, 3)) == ["no completion share yet"]
