"""Scoring rules: worked examples from the report for every pace × comparator, and properties."""

from __future__ import annotations

import inspect
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RECORDED, make_plan, make_target, obs
from gongshu_targets.core import scoring
from gongshu_targets.core.models import Baseline, Milestone, Observation, Status
from gongshu_targets.core.steps import Decision, Edge, Rule
from gongshu_targets.errors import OptionError, UnknownTargetError
from gongshu_targets.outputs.explain import step_text

Q1, H1, YEAR_END = date(2025, 3, 31), date(2025, 6, 30), date(2025, 12, 31)


def judge(target, *observations, as_of=None, reference=()):
    return scoring.assess(target, list(observations), make_plan(target), as_of, list(reference))


GRADUATES = make_target(id="young-graduates", target=4, unit="万名")


# --- cumulative ----------------------------------------------------------------------


def test_half_of_the_graduates_by_june_is_on_track():
    # 20,000 of 40,000 by 2025-06-30: 50% done against 181/365 = 49.59% of the year.
    a = judge(GRADUATES, obs("young-graduates", H1, 20000))
    assert a.status is Status.ON_TRACK
    assert a.pace_share == 49.59
    assert a.completion == 50.0
    assert a.expected == pytest.approx(1.9836)
    assert a.gap == 0.41
    assert a.score == 100.0
    assert a.projection == pytest.approx(2.0 * 365 / 181, abs=1e-4)


def test_fifteen_thousand_graduates_by_june_is_off_track():
    # 37.5% against 49.59%: about 12 points behind, beyond the 10-point at_risk band.
    a = judge(GRADUATES, obs("young-graduates", H1, 15000))
    assert a.status is Status.OFF_TRACK
    assert a.gap == -12.09
    assert a.score == pytest.approx(75.6)


def test_a_few_points_behind_pace_is_at_risk():
    assert judge(GRADUATES, obs("young-graduates", H1, 17000)).status is Status.AT_RISK


def test_per_target_band_overrides_the_plan_default():
    strict = GRADUATES.model_copy(update={"at_risk_points": 1.0})
    assert judge(strict, obs("young-graduates", H1, 17000)).status is Status.OFF_TRACK


def test_cumulative_target_met_early_is_achieved():
    a = judge(GRADUATES, obs("young-graduates", Q1, 41000))
    assert (a.status, a.score) == (Status.ACHIEVED, 100.0)


def test_cumulative_target_short_at_year_end_is_missed():
    a = judge(GRADUATES, obs("young-graduates", YEAR_END, 39000))
    assert a.status is Status.MISSED
    assert a.score == 97.5  # completion, not pace: 3.9 / 4


def test_more_than_is_not_met_by_equality():
    # 力争研发投入突破亿元: exactly 1 亿元 has not broken through.
    rd = make_target(id="rd", target=1, unit="亿元", comparator="more_than")
    assert judge(rd, obs("rd", YEAR_END, 1.0)).status is Status.MISSED
    assert judge(rd, obs("rd", YEAR_END, 1.01)).status is Status.ACHIEVED


def test_at_most_cumulative_mirrors_at_least():
    cap = make_target(id="cap", target=100, unit="亿元", comparator="at_most")
    below_pace = judge(cap, obs("cap", H1, 40))
    assert below_pace.status is Status.ON_TRACK
    assert below_pace.gap == pytest.approx(9.59)
    assert judge(cap, obs("cap", H1, 55)).status is Status.AT_RISK
    assert judge(cap, obs("cap", H1, 120)).status is Status.OFF_TRACK
    assert judge(cap, obs("cap", YEAR_END, 90)).status is Status.ACHIEVED
    assert judge(cap, obs("cap", YEAR_END, 120)).status is Status.MISSED


def test_milestones_replace_the_time_proportional_pace():
    seasonal = GRADUATES.model_copy(
        update={"milestones": (Milestone(as_of=Q1, share=10), Milestone(as_of=H1, share=30))}
    )
    a = judge(seasonal, obs("young-graduates", H1, 13000))  # 32.5% against a 30% milestone
    assert a.pace_share == 30.0
    assert a.status is Status.ON_TRACK
    # Between milestones the share is interpolated by day: halfway through Q2 ≈ 20%.
    assert scoring.pace_share(seasonal, make_plan(seasonal).period, date(2025, 5, 15)) == (
        pytest.approx(0.10 + 0.20 * 45 / 91)
    )


def test_milestone_values_are_shares_of_the_target():
    seasonal = GRADUATES.model_copy(update={"milestones": (Milestone(as_of=H1, value=1.0),)})
    assert judge(seasonal, obs("young-graduates", H1, 10000)).pace_share == 25.0


# --- rate --------------------------------------------------------------------------------

GDP = make_target(id="gdp", target=5.5, unit="%", comparator="about", pace="rate")
INDUSTRY = make_target(id="industry", target=6, unit="%", comparator="about", pace="rate")


def test_first_quarter_gdp_below_about_five_and_a_half_is_not_on_track():
    # GDP +4.6% in Q1 against "5.5%左右": threshold 5.5 − 0.5 = 5.0, gap −0.4 points.
    a = judge(GDP, obs("gdp", Q1, 4.6))
    assert a.status is Status.AT_RISK
    assert (a.expected, a.gap, a.score) == (5.0, -0.4, 92.0)


def test_first_quarter_industrial_value_added_is_on_track():
    # Industrial value added +9.1% against "6%左右".
    a = judge(INDUSTRY, obs("industry", Q1, 9.1))
    assert (a.status, a.gap, a.score) == (Status.ON_TRACK, 3.6, 100.0)


def test_rate_far_below_the_threshold_is_off_track():
    assert judge(GDP, obs("gdp", H1, 3.9)).status is Status.OFF_TRACK


def test_a_rate_is_achieved_only_by_a_whole_year_figure():
    assert judge(GDP, obs("gdp", date(2025, 9, 30), 5.6)).status is Status.ON_TRACK
    assert judge(GDP, obs("gdp", YEAR_END, 5.2)).status is Status.ACHIEVED
    assert judge(GDP, obs("gdp", YEAR_END, 4.9)).status is Status.MISSED


def test_about_tolerance_can_be_set_per_target():
    tight = GDP.model_copy(update={"tolerance": 0.1})
    assert judge(tight, obs("gdp", Q1, 5.2)).status is Status.AT_RISK


def test_at_least_rate():
    rd = make_target(id="rd", target=1.15, unit="%", pace="rate")
    assert judge(rd, obs("rd", H1, 1.15)).status is Status.ON_TRACK
    assert judge(rd, obs("rd", H1, 0.5)).status is Status.AT_RISK  # 0.65 below, band 1
    assert judge(rd, obs("rd", YEAR_END, 1.2)).status is Status.ACHIEVED


def test_more_than_rate_at_the_threshold_is_at_risk():
    share = make_target(id="share", target=60, unit="%", comparator="more_than", pace="rate")
    assert judge(share, obs("share", H1, 60)).status is Status.AT_RISK
    assert judge(share, obs("share", H1, 61)).status is Status.ON_TRACK


def test_at_most_rate():
    cap = make_target(id="cap", target=3, unit="%", comparator="at_most", pace="rate")
    assert judge(cap, obs("cap", H1, 2.5)).status is Status.ON_TRACK
    assert judge(cap, obs("cap", H1, 3.6)).status is Status.AT_RISK
    assert judge(cap, obs("cap", H1, 5)).status is Status.OFF_TRACK


def test_positive_growth():
    # 一般公共预算收入保持正增长: zero is not positive.
    rev = make_target(id="rev", target=None, unit="%", comparator="positive", pace="rate")
    assert judge(rev, obs("rev", H1, 0.5)).status is Status.ON_TRACK
    assert judge(rev, obs("rev", H1, 0.0)).status is Status.AT_RISK
    assert judge(rev, obs("rev", H1, -3)).status is Status.OFF_TRACK
    assert judge(rev, obs("rev", YEAR_END, 1.0)).status is Status.ACHIEVED


INCOME = make_target(
    id="income", target=None, unit="%", comparator="in_step", tracks="gdp", pace="rate"
)


def test_in_step_compares_with_the_tracked_figure_for_the_same_date():
    gdp = [obs("gdp", Q1, 4.6)]
    a = judge(INCOME, obs("income", Q1, 5.0), reference=gdp)
    assert (a.status, a.expected, a.gap) == (Status.ON_TRACK, 4.1, 0.9)
    assert judge(INCOME, obs("income", Q1, 3.9), reference=gdp).status is Status.AT_RISK


def test_in_step_without_a_tracked_figure_that_day_is_pending():
    a = judge(INCOME, obs("income", H1, 5.0), reference=[obs("gdp", Q1, 4.6)])
    assert (a.status, a.score) == (Status.PENDING, None)


# --- level -------------------------------------------------------------------------------

PATENTS = make_target(id="patents", target=18000, unit="件", pace="level")


def test_level_without_baseline_claims_no_pace():
    a = judge(PATENTS, obs("patents", H1, 17000))
    assert (a.status, a.completion, a.gap, a.score) == (Status.PENDING, 94.44, None, None)
    assert judge(PATENTS, obs("patents", H1, 18500)).status is Status.ACHIEVED
    assert judge(PATENTS, obs("patents", YEAR_END, 17000)).status is Status.MISSED


def test_level_with_baseline_is_paced_from_the_baseline():
    based = PATENTS.model_copy(update={"baseline": Baseline(value=16000, as_of=date(2024, 12, 31))})
    a = judge(based, obs("patents", H1, 17000))  # half of the 2,000 to add, at 49.59%
    assert (a.status, a.completion, a.gap) == (Status.ON_TRACK, 50.0, 0.41)
    assert a.projection is None  # projections are for cumulative totals only
    assert judge(based, obs("patents", H1, 16500)).status is Status.OFF_TRACK


# --- dates, revisions, plan ------------------------------------------------------------


def test_no_observation_is_no_data():
    a = judge(GDP)
    assert (a.status, a.value, a.score) == (Status.NO_DATA, None, None)


def test_as_of_uses_only_observations_up_to_that_date():
    history = [obs("gdp", Q1, 4.6), obs("gdp", H1, 5.8)]
    assert judge(GDP, *history).status is Status.ON_TRACK
    earlier = judge(GDP, *history, as_of=date(2025, 5, 1))
    assert (earlier.value_as_of, earlier.status) == (Q1, Status.AT_RISK)


def test_latest_recorded_revision_counts():
    first = datetime(2025, 4, 20, tzinfo=UTC)
    revised = obs("gdp", Q1, 5.1, recorded=first + timedelta(days=30))
    resolved = scoring.resolve_revisions([revised, obs("gdp", Q1, 4.6, recorded=first)])
    assert [o.value for o in resolved] == [5.1]


def test_plan_summary_keeps_stretch_targets_apart():
    stretch = make_target(
        id="rd", target=1, unit="亿元", comparator="more_than", stretch=True, section="b"
    )
    plan = make_plan(GDP, INDUSTRY, stretch)
    report = scoring.assess_plan(
        plan, [obs("gdp", Q1, 4.6), obs("industry", Q1, 9.1), obs("rd", Q1, 0.1)]
    )
    assert report.as_of == Q1
    assert report.summary.score == 96.0
    assert report.summary.counts[Status.AT_RISK] == 1
    assert report.summary.counts[Status.ON_TRACK] == 1
    assert sum(report.summary.counts.values()) == 2
    assert report.summary.stretch.counts[Status.OFF_TRACK] == 1
    assert report.summary.sections == {"s": 96.0}


def test_plan_filters_by_section_and_status():
    other = make_target(id="x", section="（二）科技")
    plan = make_plan(GDP, INDUSTRY, other)
    observations = [obs("gdp", Q1, 4.6), obs("industry", Q1, 9.1)]
    assert [
        a.target.id for a in scoring.assess_plan(plan, observations, section="科技").assessments
    ] == ["x"]
    at_risk = scoring.assess_plan(plan, observations, statuses=[Status.AT_RISK])
    assert [a.target.id for a in at_risk.assessments] == ["gdp"]


def test_explain_unknown_target():
    with pytest.raises(UnknownTargetError, match="gdp-growh"):
        scoring.explain(make_plan(GDP), [], "gdp-growh")


# --- properties --------------------------------------------------------------------------

RANK = {Status.MISSED: 0, Status.OFF_TRACK: 1, Status.AT_RISK: 2, Status.PENDING: 2,
        Status.ON_TRACK: 3, Status.ACHIEVED: 4}  # fmt: skip
days = st.dates(min_value=date(2025, 1, 1), max_value=YEAR_END)
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
any_target = st.one_of(
    st.builds(
        make_target,
        comparator=st.sampled_from(["at_least", "more_than", "at_most"]),
        pace=st.sampled_from(["cumulative", "level"]),
        target=st.floats(min_value=0, max_value=1e5),
    ),
    st.builds(
        make_target,
        comparator=st.sampled_from(["at_least", "more_than", "at_most", "about"]),
        pace=st.just("rate"),
        unit=st.just("%"),
        target=st.floats(min_value=-50, max_value=50),
    ),
    st.builds(
        make_target,
        comparator=st.just("positive"),
        pace=st.just("rate"),
        unit=st.just("%"),
        target=st.none(),
    ),
)


@given(any_target, days, values)
def test_scores_stay_between_0_and_100(target, day, value):
    a = judge(target, obs(target.id, day, value))
    assert a.score is None or 0 <= a.score <= 100


@given(
    st.sampled_from(["cumulative", "level", "rate"]),
    days,
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
    st.floats(min_value=0, max_value=1e4),
)
def test_a_higher_value_never_worsens_an_at_least_status(pace, day, value, extra):
    target = make_target(pace=pace, unit="%" if pace == "rate" else "家", target=50)
    low = judge(target, obs("t", day, value))
    high = judge(target, obs("t", day, value + extra))
    assert RANK[high.status] >= RANK[low.status]


def test_each_target_is_judged_at_its_own_latest_figure():
    # Without --as-of, at each target's own latest figure: the same as at the period's end.
    plan = make_plan(GDP, GRADUATES)
    observations = [obs("gdp", Q1, 4.6), obs("young-graduates", H1, 15000)]
    latest = scoring.assess_plan(plan, observations)
    assert latest.assessments == scoring.assess_plan(plan, observations, YEAR_END).assessments
    assert latest.as_of == H1
    assert [(a.value_as_of, a.pace_share) for a in latest.assessments] == [
        (Q1, None),
        (H1, 49.59),
    ]


def test_scoring_reads_no_clock():
    # What is judged depends on the data and --as-of only: scoring never asks the time.
    assert not re.search(r"\b(today|now|utcnow|time|monotonic)\(", inspect.getsource(scoring))


# --- baselines, caps and scores of unmet targets (from an independent review) ------------


def test_an_at_most_level_with_a_baseline_moves_down_toward_its_target():
    # From 100 down to at most 80: 90 by mid-year is half-way, on pace.
    falling = make_target(id="f", target=80, unit="件", comparator="at_most", pace="level",
                          baseline=Baseline(value=100, as_of=date(2024, 12, 31)))  # fmt: skip
    on_pace = judge(falling, obs("f", H1, 90))
    assert (on_pace.status, on_pace.completion, on_pace.gap) == (Status.ON_TRACK, 50.0, 0.41)
    assert judge(falling, obs("f", H1, 75)).status is Status.ACHIEVED
    assert judge(falling, obs("f", H1, 100)).status is Status.OFF_TRACK
    assert judge(falling, obs("f", YEAR_END, 85)).status is Status.MISSED


def test_milestone_values_count_from_the_baseline():
    based = make_target(id="b", target=200, unit="件", pace="level",
                        baseline=Baseline(value=100, as_of=date(2024, 12, 31)),
                        milestones=(Milestone(as_of=H1, value=150),))  # fmt: skip
    a = judge(based, obs("b", H1, 150))
    assert (a.pace_share, a.status, a.expected) == (50.0, Status.ON_TRACK, 150.0)


def test_a_baseline_dated_in_the_period_paces_from_the_next_day():
    based = make_target(id="b", target=200, unit="件", pace="level",
                        baseline=Baseline(value=150, as_of=H1))  # fmt: skip
    period = make_plan(based).period
    assert scoring.pace_share(based, period, date(2025, 7, 31)) == pytest.approx(31 / 184)
    assert scoring.pace_share(based, period, H1) == 0.0


@pytest.mark.parametrize(
    ("comparator", "baseline", "message"),
    [
        ("at_least", 200, "below the target"),
        ("at_least", 300, "below the target"),
        ("at_most", 150, "above the target"),
    ],
)
def test_a_baseline_on_the_wrong_side_of_the_target_is_refused(comparator, baseline, message):
    with pytest.raises(ValueError, match=message):
        make_target(target=200, unit="件", pace="level", comparator=comparator,
                    baseline=Baseline(value=baseline, as_of=date(2024, 12, 31)))  # fmt: skip


def test_milestone_values_need_a_non_zero_target():
    with pytest.raises(ValueError, match="cannot be 0"):
        make_target(target=0, milestones=(Milestone(as_of=H1, value=0),))


def test_an_unmet_target_never_scores_100():
    more = make_target(id="m", target=5, unit="%", comparator="more_than", pace="rate")
    at_five = judge(more, obs("m", YEAR_END, 5))
    assert (at_five.status, at_five.score) == (Status.MISSED, 99.9)
    total = make_target(id="t", target=100, unit="亿元", comparator="more_than")
    assert judge(total, obs("t", YEAR_END, 100)).score == 99.9
    level_cap = make_target(id="c", target=100, unit="件", comparator="at_most", pace="level")
    over = judge(level_cap, obs("c", YEAR_END, 150))
    assert (over.status, over.score) == (Status.MISSED, 66.7)


def test_a_cap_exceeded_by_a_fifth_scores_80():
    cap = make_target(id="cap", target=100, unit="亿元", comparator="at_most")
    a = judge(cap, obs("cap", YEAR_END, 120))
    assert (a.status, a.score) == (Status.MISSED, 80.0)
    decision = a.steps[-2]
    assert isinstance(decision, Decision)
    assert (decision.rule, decision.met, decision.over, decision.edge) == (
        Rule.CAP, False, True, None,
    )  # fmt: skip
    assert step_text(decision) == "120 is over the cap of 100 → missed"


def _with_baseline(comparator: str, based: bool) -> object:
    start = 150.0 if comparator == "at_most" else 50.0
    baseline = Baseline(value=start, as_of=date(2024, 12, 31)) if based else None
    return make_target(comparator=comparator, pace="level", target=100.0, baseline=baseline)


with_baselines = st.builds(
    _with_baseline, st.sampled_from(["at_least", "more_than", "at_most"]), st.booleans()
)


@given(st.one_of(any_target, with_baselines), days, values)
def test_only_a_met_or_on_pace_target_scores_100(target, day, value):
    a = judge(target, obs(target.id, day, value))
    if a.status is Status.MISSED:
        assert a.score is not None and a.score < 100
    if a.score == 100:
        assert a.status in (Status.ACHIEVED, Status.ON_TRACK)


# --- the decision table ---------------------------------------------------------------


def test_the_readme_shows_the_decision_table_scoring_uses():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scoring", 1)[1].split("\n## ", 1)[0]
    words = {"by pace": Edge.PACE, "by band": Edge.BAND, "by floor": Edge.FLOOR,
             **{str(s): s for s in Status}}  # fmt: skip
    shown = {}
    rules = {f"`{r}`" for r in Rule}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] in rules:
            shown[Rule(cells[0].strip("`"))] = scoring.Outcomes(*(words[c] for c in cells[2:]))
    assert shown == scoring.DECISIONS


@pytest.mark.parametrize(
    ("edge", "gap", "status"),
    [
        (Edge.PACE, 0.01, Status.ON_TRACK),
        (Edge.PACE, 0.0, Status.ON_TRACK),
        (Edge.PACE, -0.01, Status.AT_RISK),
        (Edge.PACE, -10.0, Status.AT_RISK),
        (Edge.PACE, -10.01, Status.OFF_TRACK),
        (Edge.BAND, 0.0, Status.AT_RISK),
        (Edge.BAND, -10.0, Status.AT_RISK),
        (Edge.BAND, -10.01, Status.OFF_TRACK),
        (Edge.FLOOR, 0.0, Status.AT_RISK),
        (Edge.FLOOR, -10.0, Status.AT_RISK),
        (Edge.FLOOR, -10.01, Status.MISSED),
    ],
)
def test_the_band_rule_at_each_edge(edge: Edge, gap: float, status: Status):
    assert scoring.by_gap(edge, gap, 10.0) is status


def test_every_rule_decides_each_case_as_its_row_says():
    for rule, row in scoring.DECISIONS.items():
        cases = {
            (True, True): row.met_at_end,
            (True, False): row.met_before_end,
            (False, True): row.unmet_at_end,
            (False, False): row.unmet_before_end,
        }
        for (met, over), outcome in cases.items():
            status, edge = scoring.decide(rule, met, over, -5.0, 10.0)
            if isinstance(outcome, Edge):
                assert (status, edge) == (scoring.by_gap(outcome, -5.0, 10.0), outcome)
            else:
                assert (status, edge) == (outcome, None)


# --- milestones outside their span, and every band and cap edge -----------------------

SEASONAL = make_target(
    id="s",
    target=100,
    milestones=(Milestone(as_of=Q1, share=10), Milestone(as_of=date(2025, 9, 30), share=70)),
)


@pytest.mark.parametrize(
    ("day", "share"),
    [
        (date(2025, 1, 1), 0.10 * 1 / 90),  # the pace rises from 0 the day before the year
        (date(2025, 2, 14), 0.10 * 45 / 90),  # before the first milestone
        (Q1, 0.10),
        (date(2025, 9, 30), 0.70),
        (date(2025, 11, 15), 0.70 + 0.30 * 46 / 92),  # after the last: on to 100% at the end
        (YEAR_END, 1.0),
    ],
)
def test_milestone_pace_before_between_and_after_the_milestones(day: date, share: float):
    period = make_plan(SEASONAL).period
    assert scoring.pace_share(SEASONAL, period, day) == pytest.approx(share, abs=1e-12)


def test_after_the_last_milestone_the_pace_keeps_rising():
    # 75 by mid-November is behind an 85% pace (at_risk), though ahead of Q3's 70%.
    a = judge(SEASONAL, obs("s", date(2025, 11, 15), 75))
    assert (a.pace_share, a.status, a.gap) == (85.0, Status.AT_RISK, -10.0)
    assert judge(SEASONAL, obs("s", date(2025, 2, 14), 5)).status is Status.ON_TRACK
    assert judge(SEASONAL, obs("s", date(2025, 2, 14), 4)).status is Status.AT_RISK


def test_a_last_milestone_at_the_period_end_is_its_share():
    ends = make_target(id="e", target=100, milestones=(Milestone(as_of=YEAR_END, share=80),))
    assert scoring.pace_share(ends, make_plan(ends).period, YEAR_END) == pytest.approx(0.8)


def test_before_a_baseline_dated_in_the_period_nothing_is_due():
    level = make_target(id="l", pace="level", target=300, baseline=Baseline(value=200, as_of=H1))
    period = make_plan(level).period
    assert scoring.pace_share(level, period, H1) == 0.0
    assert scoring.pace_share(level, period, date(2025, 7, 1)) == pytest.approx(1 / 184)


HALF = (Milestone(as_of=H1, share=50),)  # a pace of exactly 50% on 30 June


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (50, Status.ON_TRACK),
        (49.99, Status.AT_RISK),
        (25, Status.AT_RISK),
        (24.99, Status.OFF_TRACK),
    ],
)
def test_the_cumulative_band_edges(value: float, status: Status):
    target = make_target(id="c", target=100, milestones=HALF, at_risk_points=25)
    assert judge(target, obs("c", H1, value)).status is status


@pytest.mark.parametrize(
    ("comparator", "value", "status"),
    [
        ("at_least", 6, Status.ON_TRACK),
        ("at_least", 5, Status.AT_RISK),  # exactly one point below: the band's edge
        ("at_least", 4.99, Status.OFF_TRACK),
        ("more_than", 6, Status.AT_RISK),  # equality does not break through
        ("more_than", 6.01, Status.ON_TRACK),
        ("at_most", 6, Status.ON_TRACK),
        ("at_most", 7, Status.AT_RISK),
        ("at_most", 7.01, Status.OFF_TRACK),
    ],
)
def test_the_rate_band_edges(comparator: str, value: float, status: Status):
    rate = make_target(id="r", target=6, unit="%", comparator=comparator, pace="rate")
    assert judge(rate, obs("r", H1, value)).status is status


def test_an_about_rate_is_met_at_target_less_tolerance():
    about = make_target(id="a", target=5.5, unit="%", comparator="about", pace="rate")
    assert judge(about, obs("a", H1, 5.0)).status is Status.ON_TRACK
    assert judge(about, obs("a", H1, 4.0)).status is Status.AT_RISK
    assert judge(about, obs("a", H1, 3.99)).status is Status.OFF_TRACK


def test_a_positive_rate_needs_more_than_zero():
    positive = make_target(id="p", target=None, unit="%", comparator="positive", pace="rate")
    assert judge(positive, obs("p", H1, 0.01)).status is Status.ON_TRACK
    zero = judge(positive, obs("p", H1, 0.0))
    assert (zero.status, zero.gap, zero.expected) == (Status.AT_RISK, 0.0, 0.0)
    assert judge(positive, obs("p", YEAR_END, 0.0)).status is Status.MISSED


@pytest.mark.parametrize(
    ("day", "value", "status", "edge"),
    [
        (YEAR_END, 100, Status.ACHIEVED, None),  # the cap met exactly, the year over
        (YEAR_END, 100.01, Status.MISSED, None),
        (H1, 50, Status.ON_TRACK, Edge.PACE),  # used up as fast as the pace: on track
        (H1, 100, Status.AT_RISK, Edge.PACE),  # all of it used by June: within the cap
        (H1, 100.01, Status.OFF_TRACK, None),  # over the cap: off track at once
    ],
)
def test_the_cap_edges(day: date, value: float, status: Status, edge: Edge | None):
    cap = make_target(id="c", target=100, comparator="at_most", milestones=HALF, at_risk_points=50)
    a = judge(cap, obs("c", day, value))
    decision = a.steps[2]
    assert isinstance(decision, Decision)
    assert (a.status, decision.edge) == (status, edge)


def test_an_at_most_level_without_baseline_is_pending_until_the_year_ends():
    level = make_target(id="l", target=30, unit="%", comparator="at_most", pace="level")
    assert judge(level, obs("l", H1, 30)).status is Status.PENDING
    assert judge(level, obs("l", YEAR_END, 30)).status is Status.ACHIEVED
    missed = judge(level, obs("l", YEAR_END, 30.01))
    assert (missed.status, missed.score) == (Status.MISSED, 99.9)


# --- what mutation testing found untested -----------------------------------------------


def share(target_id: str, day: date, percent: float) -> Observation:
    return Observation(id=target_id, as_of=day, value=percent, recorded_at=RECORDED, share=True)


def test_revisions_tie_to_the_later_row_and_come_sorted_by_id_then_date():
    first, second = obs("b", Q1, 1), obs("b", Q1, 2)  # recorded in the same second
    assert [o.value for o in scoring.resolve_revisions([first, second])] == [2]
    mixed = [obs("b", Q1, 1), obs("a", H1, 2), obs("a", Q1, 3)]
    assert [(o.id, o.as_of) for o in scoring.resolve_revisions(mixed)] == [
        ("a", Q1), ("a", H1), ("b", Q1),
    ]  # fmt: skip


def test_a_baseline_dated_on_the_first_day_starts_the_pace_the_day_after():
    level = make_target(
        pace="level", target=300, baseline=Baseline(value=200, as_of=date(2025, 1, 1))
    )
    period = make_plan(level).period
    assert scoring.pace_start(level, period) == date(2025, 1, 2)
    assert scoring.pace_start(GRADUATES, period) == date(2025, 1, 1)


def test_pace_before_its_start_and_after_the_period():
    period = make_plan(GRADUATES).period
    assert scoring.elapsed_share(period.start, period.end, date(2026, 3, 1)) == 1.0
    assert scoring.elapsed_share(period.start, period.end, date(2024, 12, 1)) == 0.0
    level = make_target(pace="level", target=300, baseline=Baseline(value=200, as_of=H1))
    assert scoring.pace_share(level, period, date(2025, 5, 31)) == 0.0  # before the baseline
    ends = make_target(id="e", target=100, milestones=(Milestone(as_of=YEAR_END, share=80),))
    assert scoring.pace_share(ends, period, date(2026, 1, 15)) == pytest.approx(0.8)
    assert scoring.pace_share(SEASONAL, period, date(2026, 1, 15)) == 1.0
    both_ends = (Milestone(as_of=Q1, share=10), Milestone(as_of=YEAR_END, share=80))
    two = make_target(id="t", target=100, milestones=both_ends)
    assert scoring.pace_share(two, period, date(2026, 1, 15)) == pytest.approx(0.8)
    paced = make_target(pace="level", target=300, baseline=Baseline(value=200, as_of=H1),
                        milestones=(Milestone(as_of=date(2025, 9, 30), share=50),))  # fmt: skip
    assert scoring.pace_share(paced, period, date(2025, 5, 31)) == 0.0
    assert scoring.pace_share(paced, period, date(2025, 9, 30)) == 0.5


def test_nothing_due_yet_scores_100():
    slow_start = make_target(id="s", target=100, milestones=(Milestone(as_of=H1, share=0),))
    a = judge(slow_start, obs("s", Q1, 0))
    assert (a.status, a.pace_share, a.score) == (Status.ON_TRACK, 0.0, 100.0)
    b = judge(slow_start, share("s", Q1, 0))
    assert (b.status, b.pace_share, b.score) == (Status.ON_TRACK, 0.0, 100.0)


def test_numbers_are_rounded_as_documented():
    third = judge(make_target(id="t", target=3), obs("t", H1, 1))
    assert (third.completion, third.projection) == (33.33, 2.0166)
    assert judge(GRADUATES, obs("young-graduates", H1, 20000)).projection == 4.0331
    step = make_target(id="inc", target=None, unit="%", comparator="in_step", pace="rate",
                       tracks="gdp")  # fmt: skip
    a = judge(step, obs("inc", Q1, 4.567), reference=[obs("gdp", Q1, 5.123456)])
    assert (a.expected, a.gap, a.reference) == (4.6235, -0.06, 5.123456)
    rate = make_target(id="r", target=5.0, unit="%", pace="rate")
    assert judge(rate, obs("r", Q1, 4.567)).gap == -0.43


def test_a_target_of_zero_is_met_by_zero():
    none_yet = make_target(id="z", target=0, comparator="at_most", pace="level")
    a = judge(none_yet, obs("z", YEAR_END, 0))
    assert (a.status, a.completion) == (Status.ACHIEVED, None)  # a cap has no share done
    total = make_target(id="c", target=0)
    assert judge(total, obs("c", H1, 0)).completion == 100.0
    growth = make_target(id="g", target=0, unit="%", pace="rate")
    assert judge(growth, obs("g", H1, 0.5)).reference == 0.0


def test_about_levels_use_the_plans_tolerance():
    based = make_target(id="b", target=60, unit="%", comparator="about", pace="level",
                        baseline=Baseline(value=50, as_of=date(2024, 12, 31)))  # fmt: skip
    assert judge(based, obs("b", H1, 59.5)).status is Status.ACHIEVED
    assert judge(based, obs("b", H1, 59.4)).status is Status.ON_TRACK
    unbased = make_target(id="u", target=60, unit="%", comparator="about", pace="level")
    assert judge(unbased, obs("u", H1, 59.5)).status is Status.ACHIEVED
    assert judge(unbased, obs("u", H1, 59.4)).status is Status.PENDING


def test_an_unmet_cap_level_scores_the_share_of_the_cap_kept():
    small = make_target(id="s", target=0.5, unit="%", comparator="at_most", pace="level")
    assert judge(small, obs("s", YEAR_END, 0.8)).score == 62.5


PM25 = make_target(id="pm25", target=30, unit="微克/立方米", comparator="at_most", pace="level")


def test_a_cap_level_over_its_cap_is_at_risk_and_never_more_than_done():
    over = judge(PM25, obs("pm25", H1, 32))
    assert (over.status, over.completion, over.score) == (Status.AT_RISK, None, 93.8)
    assert over.steps == (
        Decision(rule=Rule.UNPACED_CAP, met=False, over=False, status=Status.AT_RISK,
                 value=32, threshold=30),
    )  # fmt: skip
    under = judge(PM25, obs("pm25", H1, 28))
    assert (under.status, under.completion, under.score) == (Status.PENDING, None, None)
    late = judge(PM25, obs("pm25", YEAR_END, 32))
    assert (late.status, late.completion, late.score) == (Status.MISSED, None, 93.8)


def test_what_each_assessment_carries():
    level = make_target(id="l", target=300, pace="level")
    a = judge(level, obs("l", H1, 290))
    assert (a.value, a.value_as_of, a.status) == (290, H1, Status.PENDING)
    assert a.steps[1] == Decision(rule=Rule.UNPACED, met=False, over=False,
                                  status=Status.PENDING, value=290, threshold=300)  # fmt: skip
    step = make_target(id="inc", target=None, unit="%", comparator="in_step", pace="rate",
                       tracks="gdp")  # fmt: skip
    waiting = judge(step, obs("inc", H1, 5.0), reference=[obs("gdp", Q1, 4.6)])
    assert (waiting.status, waiting.value, waiting.value_as_of) == (Status.PENDING, 5.0, H1)
    rate = judge(GDP, obs("gdp", Q1, 4.6))
    assert rate.reference == 5.5
    assert rate.steps[1] == Decision(
        rule=Rule.RATE, met=False, over=False, status=Status.AT_RISK, value=4.6, threshold=5.0,
        gap=pytest.approx(-0.4), band=1.0, edge=Edge.BAND,
    )  # fmt: skip


def test_a_share_is_judged_with_the_targets_band_and_scored_by_the_pace():
    banded = GRADUATES.model_copy(update={"at_risk_points": 5.0})
    assert judge(banded, share("young-graduates", H1, 43)).status is Status.OFF_TRACK
    assert judge(GRADUATES, share("young-graduates", H1, 43)).status is Status.AT_RISK
    a = judge(GRADUATES, share("young-graduates", H1, 40))
    assert (a.completion, a.expected, a.gap, a.score) == (40, 49.59, -9.59, 80.7)
    assert a.steps[2] == Decision(
        rule=Rule.SHARE, met=False, over=False, status=Status.AT_RISK, value=40,
        threshold=100.0, gap=pytest.approx(-9.589, abs=1e-3), band=10.0, edge=Edge.PACE,
    )  # fmt: skip
    done = judge(GRADUATES, share("young-graduates", Q1, 100))
    assert (done.status, done.score) == (Status.ACHIEVED, 100.0)
    short = judge(GRADUATES, share("young-graduates", YEAR_END, 90))
    assert (short.status, short.score) == (Status.MISSED, 90.0)


def test_the_tally_counts_each_status_and_rounds_the_mean_to_one_decimal():
    targets = [make_target(id=n, target=100) for n in ("a", "b", "c")]
    plan = make_plan(*targets)
    # 100, 100 and 92: a mean of 97.33
    figures = [obs("a", H1, 60), obs("b", H1, 70), obs("c", YEAR_END, 92)]
    report = scoring.assess_plan(plan, figures)
    assert report.summary.counts[Status.ON_TRACK] == 2
    assert report.summary.score == 97.3
    assert scoring.assess_plan(plan, figures, date(2025, 11, 30)).as_of == date(2025, 11, 30)
    stretch = make_target(id="s", target=100, stretch=True)
    both = scoring.assess_plan(make_plan(*targets, stretch), [*figures, obs("s", H1, 60)])
    assert both.summary.stretch.counts[Status.ON_TRACK] == 1
    assert both.summary.counts[Status.ON_TRACK] == 2


def test_explain_gives_the_assessment_and_the_figures_up_to_the_date():
    step = make_target(id="inc", target=None, unit="%", comparator="in_step", pace="rate",
                       tracks="gdp")  # fmt: skip
    gdp = make_target(id="gdp", target=5.5, unit="%", comparator="about", pace="rate")
    plan = make_plan(gdp, step)
    revised = obs("inc", Q1, 4.0, datetime(2025, 8, 1, tzinfo=UTC))
    recorded = [obs("inc", Q1, 5.0), revised, obs("inc", H1, 6.0), obs("gdp", Q1, 4.6),
                obs("gdp", H1, 5.0)]  # fmt: skip
    detail = scoring.explain(plan, recorded, "inc", Q1)
    assert detail.history == (recorded[0], revised)  # every figure up to Q1, revisions too
    assert detail.counted == (revised,)
    assert (detail.assessment.value, detail.assessment.expected) == (4.0, 4.1)  # gdp 4.6 − 0.5
    latest = scoring.explain(plan, recorded, "inc")
    assert latest.history == (recorded[0], revised, recorded[2])
    assert latest.counted == (revised, recorded[2])
    assert latest.assessment.expected == 4.5
    with pytest.raises(UnknownTargetError):
        scoring.explain(plan, recorded, "incc")


def test_date_options_outside_the_period_are_refused_with_their_name():
    plan = make_plan(GRADUATES)
    scoring.require_in_period(plan, None)
    scoring.require_in_period(plan, date(2025, 1, 1))
    scoring.require_in_period(plan, YEAR_END)
    with pytest.raises(OptionError) as caught:
        scoring.require_in_period(plan, date(2026, 1, 1), "--to")
    assert (
        str(caught.value) == "--to 2026-01-01 is outside the plan's period 2025-01-01 to 2025-12-31"
    )
    with pytest.raises(OptionError) as caught:
        scoring.require_in_period(plan, date(2024, 12, 31))
    assert str(caught.value).startswith("--as-of 2024-12-31 is outside")
    with pytest.raises(OptionError) as caught:
        scoring.require_in_period(plan, date(2026, 1, 2), today=True)
    assert str(caught.value) == (
        "today (2026-01-02) is outside the plan's period 2025-01-01 to 2025-12-31: give the "
        "figure's date with --as-of, e.g. --as-of 2025Q3"
    )
    with pytest.raises(OptionError, match="^--as-of 2024-01-01 is outside"):
        scoring.judgement_date(plan, date(2024, 1, 1))
    assert scoring.judgement_date(plan, date(2026, 2, 1)) == YEAR_END
    assert scoring.judgement_date(plan, date(2025, 1, 1)) == date(2025, 1, 1)
    with pytest.raises(OptionError) as caught:
        scoring.judgement_date(plan, date(2024, 12, 31), "--from")
    assert str(caught.value) == (
        "--from 2024-12-31 is outside the plan's period 2025-01-01 to 2025-12-31: it is before "
        "the period starts"
    )


def test_a_section_must_match_a_heading():
    plan = make_plan(
        make_target(id="a", section="（一）科技"), make_target(id="b", section="二、民生")
    )
    scoring.require_section(plan, None)
    scoring.require_section(plan, "科技")
    scoring.require_section(plan, "民生")
    with pytest.raises(OptionError) as caught:
        scoring.require_section(plan, "交通")
    assert str(caught.value) == (
        "--section '交通' matches no heading; the sections are: （一）科技; 二、民生"
    )


def test_a_floor_on_a_level_with_a_baseline_counts_from_the_baseline():
    # From 100 toward 200, 确保 150: at_risk reaches down to the floor's own pace, half of
    # the target's (49.59% × (1 − 50/100) = 24.79 points behind), not 10 points.
    level = make_target(id="l", pace="level", target=200, floor=150,
                        baseline=Baseline(value=100, as_of=date(2024, 12, 31)))  # fmt: skip
    assert judge(level, obs("l", H1, 130)).status is Status.AT_RISK
    assert judge(level, obs("l", H1, 120)).status is Status.OFF_TRACK
