"""Pure scoring: a target, its observations and a date in; an assessment out.

Every rule here is written out in plain words in the README's "Scoring" section.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from statistics import fmean
from typing import NamedTuple

from gongshu_targets.core.models import (
    Assessment,
    Observation,
    Period,
    Plan,
    StatusReport,
    Summary,
    Tally,
    Target,
    TargetDetail,
    Thresholds,
)
from gongshu_targets.core.steps import (
    AnyStep,
    Completion,
    Decision,
    Edge,
    NoFigure,
    NoReference,
    NoShare,
    PaceShare,
    Projection,
    Rule,
    ShareDone,
    Threshold,
)
from gongshu_targets.core.units import as_percent, as_share, in_target_unit
from gongshu_targets.enums import Comparator, Pace, Status
from gongshu_targets.errors import OptionError, Said, in_turn, quoted

UNMET_MAX = 99.9  # a target that is not met never scores a full 100


class Outcomes(NamedTuple):
    """One row of the decision table: the status, or the gap rule that decides it, for a
    figure that meets the target or not, at the period's end or before it."""

    met_at_end: Status | Edge
    met_before_end: Status | Edge
    unmet_at_end: Status | Edge
    unmet_before_end: Status | Edge


# Every status a figure can earn, in one table (the README's "Scoring" section shows it).
DECISIONS: dict[Rule, Outcomes] = {
    Rule.TOWARD: Outcomes(Status.ACHIEVED, Status.ACHIEVED, Status.MISSED, Edge.PACE),
    Rule.CAP: Outcomes(Status.ACHIEVED, Edge.PACE, Status.MISSED, Status.OFF_TRACK),
    Rule.RATE: Outcomes(Status.ACHIEVED, Status.ON_TRACK, Status.MISSED, Edge.BAND),
    Rule.UNPACED: Outcomes(Status.ACHIEVED, Status.ACHIEVED, Status.MISSED, Status.PENDING),
    Rule.UNPACED_CAP: Outcomes(Status.ACHIEVED, Status.PENDING, Status.MISSED, Status.AT_RISK),
    Rule.SHARE: Outcomes(Status.ACHIEVED, Status.ACHIEVED, Status.MISSED, Edge.PACE),
    Rule.FLOOR: Outcomes(Status.ACHIEVED, Status.ACHIEVED, Edge.FLOOR, Edge.PACE),
    Rule.FLOOR_RATE: Outcomes(Status.ACHIEVED, Status.ON_TRACK, Edge.FLOOR, Edge.BAND),
}


def by_gap(edge: Edge, gap: float, band: float) -> Status:
    """The band rule, written once: ``pace`` is on_track at a gap of 0 or more; all are
    at_risk down to −band points, and below that off_track (``floor``: missed, for the
    period is over)."""
    if edge is Edge.PACE and gap >= 0:
        return Status.ON_TRACK
    if gap >= -band:
        return Status.AT_RISK
    return Status.MISSED if edge is Edge.FLOOR else Status.OFF_TRACK


def decide(
    rule: Rule, met: bool, over: bool, gap: float | None = None, band: float | None = None
) -> tuple[Status, Edge | None]:
    """The status the decision table gives, and the gap rule that gave it (if one did);
    the rules whose row has a gap rule need the gap and the band."""
    row = DECISIONS[rule]
    if met:
        outcome = row.met_at_end if over else row.met_before_end
    else:
        outcome = row.unmet_at_end if over else row.unmet_before_end
    if isinstance(outcome, Status):
        return outcome, None
    assert gap is not None and band is not None, f"the {rule} rule decides by a gap"
    return by_gap(outcome, gap, band), outcome


def resolve_revisions(observations: Iterable[Observation]) -> list[Observation]:
    """One figure per (id, as_of, kind): the latest recorded revision counts, and none
    when that latest row is a retraction (the figure was taken back).

    Ties on ``recorded_at`` go to the later row. The result is sorted by id and date; on
    one date a 完成进度 (share) comes before the value, so that the value, the more exact
    figure, is the date's last word.
    """
    latest: dict[tuple[str, date, bool], Observation] = {}
    for obs in observations:
        key = obs.slot
        held = latest.get(key)
        if held is None or obs.recorded_at >= held.recorded_at:
            latest[key] = obs
    ordered = sorted(latest, key=lambda k: (k[0], k[1], not k[2]))
    return [latest[key] for key in ordered if not latest[key].retracted]


def pace_start(target: Target, period: Period) -> date:
    """Pacing starts with the period, or the day after a baseline dated within it."""
    if target.baseline is not None and target.baseline.as_of >= period.start:
        return target.baseline.as_of + timedelta(days=1)
    return period.start


def _days(start: date, end: date, day: date) -> tuple[int, int]:
    """The days from ``start`` to ``day`` and to ``end``, each counting both ends."""
    return (day - start).days + 1, (end - start).days + 1


def elapsed_share(start: date, end: date, day: date) -> float:
    """序时进度 from ``start``: the share (0-1) of the days to ``end`` elapsed by ``day``."""
    elapsed, total = _days(start, end, day)
    return min(max(elapsed / total, 0.0), 1.0)


def pace_share(target: Target, period: Period, day: date) -> float:
    """The share of the target due by ``day`` (0-1): its milestones, else 序时进度 from
    the pace's start."""
    start = pace_start(target, period)
    if not target.milestones:
        return elapsed_share(start, period.end, day)
    assert target.target is not None
    base = target.baseline.value if target.baseline else 0.0
    points = [(start.toordinal() - 1, 0.0)]
    for milestone in sorted(target.milestones, key=lambda m: m.as_of):
        if milestone.share is not None:
            share = as_share(milestone.share)
        else:
            assert milestone.value is not None
            share = (milestone.value - base) / (target.target - base)
        points.append((milestone.as_of.toordinal(), share))
    if points[-1][0] < period.end.toordinal():
        points.append((period.end.toordinal(), 1.0))
    x = day.toordinal()
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            if x < x0:
                return y0
            # Two points on one day (a milestone on the baseline's date): the later holds.
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1]


def _pace_step(target: Target, period: Period, day: date, share: float) -> PaceShare:
    elapsed_days, period_days = _days(pace_start(target, period), period.end, day)
    return PaceShare(
        day=day, share=as_percent(share), milestones=bool(target.milestones),
        elapsed_days=elapsed_days, period_days=period_days,
    )  # fmt: skip


def _clamp_score(ratio: float) -> float:
    return round(as_percent(min(max(ratio, 0.0), 1.0)), 1)


def _tolerance(target: Target, thresholds: Thresholds) -> float:
    return target.tolerance if target.tolerance is not None else thresholds.tolerance


def _band(target: Target, thresholds: Thresholds) -> float:
    if target.at_risk_points is not None:
        return target.at_risk_points
    if target.pace is Pace.RATE:
        return thresholds.rate_at_risk
    return thresholds.cumulative_at_risk


def _meets(comparator: Comparator, value: float, threshold: float) -> bool:
    if comparator is Comparator.AT_MOST:
        return value <= threshold
    if comparator in (Comparator.MORE_THAN, Comparator.POSITIVE):
        return value > threshold
    return value >= threshold


def _threshold(target: Target, thresholds: Thresholds) -> float:
    assert target.target is not None
    if target.comparator is Comparator.ABOUT:
        return target.target - _tolerance(target, thresholds)
    return target.target


def _assess_paced(
    target: Target, obs: Observation, period: Period, thresholds: Thresholds
) -> Assessment:
    """Cumulative totals, and levels with a baseline: completion against the pace.

    A cumulative ``at_most`` target is a cap on a yearly total: using it up more slowly
    than the pace is on track, going over it is off track at once. Every other paced
    target moves from its baseline (or zero) toward the target, in either direction.
    """
    assert target.target is not None
    day, value = obs.as_of, obs.value
    over = day >= period.end
    base = target.baseline.value if target.baseline else 0.0
    span = target.target - base
    share = pace_share(target, period, day)
    completion = (value - base) / span if span else 1.0
    band = _band(target, thresholds)
    threshold = _threshold(target, thresholds)
    met = _meets(target.comparator, value, threshold)
    cap = target.is_cap
    rule = Rule.CAP if cap else Rule.TOWARD
    gap = as_percent((share - completion) if cap else (completion - share))
    if target.floor is not None:  # at_risk down to the floor's own pace, not a fixed band
        rule = Rule.FLOOR
        band = as_percent((1 - (target.floor - base) / span) * share)
    status, edge = decide(rule, met, over, gap, band)
    steps: list[AnyStep] = [
        _pace_step(target, period, day, share),
        Completion(
            value=value, target=target.target,
            base=target.baseline.value if target.baseline else None,
            completion=as_percent(completion), cap=cap,
        ),
        Decision(
            rule=rule, met=met, over=over, status=status, value=value, threshold=threshold,
            gap=gap, band=band, edge=edge, floor=target.floor,
        ),
    ]  # fmt: skip
    projection = None
    if target.pace is Pace.CUMULATIVE:
        elapsed = elapsed_share(period.start, period.end, day)
        projection = round(value / elapsed, 4)
        steps.append(Projection(value=value, elapsed=elapsed, projection=projection))
    if status is Status.ACHIEVED:
        score = 100.0
    elif status is Status.MISSED:  # by the share of the target reached, never a full 100
        score = min(_clamp_score(2 - completion if cap else completion), UNMET_MAX)
    else:  # 100 × (1 + gap ÷ pace), capped
        score = _clamp_score(1 + as_share(gap) / share) if share > 0 else 100.0
    return Assessment(
        target=target,
        status=status,
        value=value,
        value_as_of=day,
        pace_share=round(as_percent(share), 2),
        completion=round(as_percent(completion), 2),
        expected=round(base + span * share, 4),
        gap=round(gap, 2),
        score=score,
        projection=projection,
        steps=tuple(steps),
    )


def _assess_unpaced_level(
    target: Target, obs: Observation, period: Period, thresholds: Thresholds
) -> Assessment:
    """A level with no baseline: no pace can be claimed, only whether it is met.

    A cap (``at_most``) has no share done: 32 against a cap of 30 is over it, not 107%
    done, so it has no completion, and over the cap before the end it is at risk, scored
    by the share of the cap it keeps to (30 / 32).
    """
    assert target.target is not None
    over = obs.as_of >= period.end
    threshold = _threshold(target, thresholds)
    met = _meets(target.comparator, obs.value, threshold)
    at_most = target.comparator is Comparator.AT_MOST
    rule = Rule.UNPACED_CAP if at_most else Rule.UNPACED
    status, _ = decide(rule, met, over)
    steps: list[AnyStep] = []
    completion = None
    if at_most:
        reached = target.target / obs.value if obs.value > 0 else 1.0
    else:
        reached = obs.value / target.target if target.target else 1.0
        completion = round(as_percent(reached), 2)
        steps.append(
            Completion(
                value=obs.value, target=target.target, base=None, completion=as_percent(reached)
            )
        )
    steps.append(
        Decision(rule=rule, met=met, over=over, status=status, value=obs.value, threshold=threshold)
    )
    score = None
    if status is Status.ACHIEVED:
        score = 100.0
    elif status in (Status.MISSED, Status.AT_RISK):
        score = min(_clamp_score(reached), UNMET_MAX)
    return Assessment(
        target=target,
        status=status,
        value=obs.value,
        value_as_of=obs.as_of,
        completion=completion,
        score=score,
        steps=tuple(steps),
    )


def _assess_rate(
    target: Target,
    obs: Observation,
    period: Period,
    thresholds: Thresholds,
    reference: Observation | None,
) -> Assessment:
    """Growth rates and shares: the year-to-date value against the threshold."""
    over = obs.as_of >= period.end
    tolerance: float | None = None
    if target.comparator is Comparator.POSITIVE:
        threshold = reference_value = 0.0
    elif target.comparator is Comparator.IN_STEP:
        if reference is None:
            return Assessment(
                target=target,
                status=Status.PENDING,
                value=obs.value,
                value_as_of=obs.as_of,
                steps=(NoReference(tracks=target.tracks, day=obs.as_of),),
            )
        tolerance = _tolerance(target, thresholds)
        reference_value = reference.value
        threshold = reference.value - tolerance
    else:
        threshold = _threshold(target, thresholds)
        reference_value = target.target or 0.0
        if target.comparator is Comparator.ABOUT:
            tolerance = _tolerance(target, thresholds)
    band = _band(target, thresholds)
    at_most = target.comparator is Comparator.AT_MOST
    gap = threshold - obs.value if at_most else obs.value - threshold
    met = _meets(target.comparator, obs.value, threshold)
    rule = Rule.RATE
    if target.floor is not None:  # at_risk down to the floor: gap ≥ −band ⇔ value ≥ floor
        rule, band = Rule.FLOOR_RATE, threshold - target.floor
        met = met and obs.value >= target.floor
    status, edge = decide(rule, met, over, gap, band)
    scale = max(abs(threshold), band)
    # A zero threshold with no at-risk band (rate_at_risk: 0) leaves no scale: unmet is 0.
    score = 100.0 if met else min(_clamp_score(1 + gap / scale), UNMET_MAX) if scale else 0.0
    return Assessment(
        target=target,
        status=status,
        value=obs.value,
        value_as_of=obs.as_of,
        expected=round(threshold, 4),
        gap=round(gap, 2),
        reference=reference_value,
        score=score,
        steps=(
            Threshold(
                comparator=target.comparator, threshold=threshold, reference=reference_value,
                tolerance=tolerance, tracks=target.tracks,
            ),
            Decision(
                rule=rule, met=met, over=over, status=status, value=obs.value,
                threshold=threshold, gap=gap, band=band, edge=edge, floor=target.floor,
            ),
        ),
    )  # fmt: skip


def _assess_share(
    target: Target, obs: Observation, period: Period, thresholds: Thresholds
) -> Assessment:
    """A 完成进度 (the share of the year's task done, in %), whatever the target's unit:
    judged like a cumulative target against the pace, with the cumulative band."""
    day, done = obs.as_of, as_share(obs.value)
    share = pace_share(target, period, day)
    band = target.at_risk_points
    if band is None:
        band = thresholds.cumulative_at_risk
    gap = as_percent(done - share)
    met, over = done >= 1, day >= period.end
    status, edge = decide(Rule.SHARE, met, over, gap, band)
    if status is Status.ACHIEVED:
        score = 100.0
    elif status is Status.MISSED:
        score = min(_clamp_score(done), UNMET_MAX)
    else:
        score = _clamp_score(1 + as_share(gap) / share) if share > 0 else 100.0
    return Assessment(
        target=target,
        status=status,
        value=obs.value,
        value_as_of=day,
        pace_share=round(as_percent(share), 2),
        completion=obs.value,
        expected=round(as_percent(share), 2),
        gap=round(gap, 2),
        score=score,
        share=True,
        steps=(
            _pace_step(target, period, day, share),
            ShareDone(done=obs.value),
            Decision(
                rule=Rule.SHARE, met=met, over=over, status=status, value=obs.value,
                threshold=as_percent(1.0), gap=gap, band=band, edge=edge,
            ),
        ),
    )  # fmt: skip


def assess(
    target: Target,
    history: Sequence[Observation],
    plan: Plan,
    as_of: date | None = None,
    reference_history: Sequence[Observation] = (),
) -> Assessment:
    """Judge ``target`` at the date of its latest observation on or before ``as_of``.

    ``history`` holds this target's resolved observations sorted by date;
    ``reference_history`` those of the target an in_step target tracks.
    """
    usable = [o for o in history if as_of is None or o.as_of <= as_of]
    if not usable:
        return Assessment(target=target, status=Status.NO_DATA, steps=(NoFigure(),))
    latest = usable[-1]
    if latest.share:
        return _assess_share(target, latest, plan.period, plan.thresholds)
    if target.is_task:  # a hand-written value on a task: it has no number to judge
        return Assessment(target=target, status=Status.NO_DATA, steps=(NoShare(),))
    if target.unit != target.recording_unit:  # counts are recorded; judge in 万名 (say)
        latest = latest.model_copy(update={"value": in_target_unit(latest.value, target.unit)})
    if target.pace is Pace.RATE:
        reference = next(
            (o for o in reference_history if o.as_of == latest.as_of and not o.share), None
        )
        return _assess_rate(target, latest, plan.period, plan.thresholds, reference)
    if target.pace is Pace.LEVEL and target.baseline is None:
        return _assess_unpaced_level(target, latest, plan.period, plan.thresholds)
    return _assess_paced(target, latest, plan.period, plan.thresholds)


def tally(assessments: Sequence[Assessment]) -> Tally:
    counts = dict.fromkeys(Status, 0)
    for a in assessments:
        counts[a.status] += 1
    scores = [a.score for a in assessments if a.score is not None]
    return Tally(score=round(fmean(scores), 1) if scores else None, counts=counts)


def require_in_period(
    plan: Plan, day: date | None, option: str = "--as-of", *, today: bool = False
) -> None:
    """A date given for a plan must fall in its period: 2024-12-31 is no date of 2025.

    ``today``: ``day`` is today's date, taken because ``option`` was not given.
    """
    period = plan.period
    if day is None or period.start <= day <= period.end:
        return
    dates = {"day": str(day), "start": str(period.start), "end": str(period.end)}
    if today:
        raise OptionError(
            Said("today outside period", option=option, year=period.end.year, **dates)
        )
    raise OptionError(Said("outside period", option=option, **dates))


def judgement_date(plan: Plan, day: date, option: str = "--as-of") -> date:
    """The date to judge the plan at, for a date a user gave: the day itself within the
    period; the period's end for a day after it (once the period is over, the plan is judged
    on its final results, so a job that passes today's date keeps working next year); a day
    before the period starts is a usage error."""
    period = plan.period
    if day < period.start:
        dates = {"day": str(day), "start": str(period.start), "end": str(period.end)}
        raise OptionError(Said("before period", option=option, **dates))
    return min(day, period.end)


# Headings a refused --section names; a plan of hundreds of sections has the rest counted.
HEADINGS_NAMED = 20


def require_section(plan: Plan, section: str | None) -> None:
    """A --section must match at least one heading, in either language; say which
    headings there are (each in both languages where the plan gives its English)."""
    if section is None:
        return
    if not any(t.in_section(section) for t in plan.targets):
        headings = dict.fromkeys((t.section, t.section_en or t.section) for t in plan.targets)
        named = [Said("plan text", zh=zh, en=en) for zh, en in list(headings)[:HEADINGS_NAMED]]
        more = len(headings) - len(named)
        said = Said("no such section", section=quoted(section), headings=in_turn(named), more=more)
        raise OptionError(said)


def group_histories(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    """Each target's counted figures (revisions resolved), sorted by date: grouped once."""
    by_id: dict[str, list[Observation]] = defaultdict(list)
    for obs in resolve_revisions(observations):
        by_id[obs.id].append(obs)
    return by_id


def assess_plan(
    plan: Plan,
    observations: Iterable[Observation],
    as_of: date | None = None,
    section: str | None = None,
    statuses: Iterable[Status] | None = None,
) -> StatusReport:
    """Assess the plan's targets against their recorded figures; see ``assess_histories``."""
    return assess_histories(plan, group_histories(observations), as_of, section, statuses)


def assess_histories(
    plan: Plan,
    by_id: dict[str, list[Observation]],
    as_of: date | None = None,
    section: str | None = None,
    statuses: Iterable[Status] | None = None,
) -> StatusReport:
    """Assess the plan's targets; no target scans anything but its own history.

    ``section`` keeps targets whose heading contains that text (in either language) and
    ``statuses`` those with one of these statuses; the summary then tallies what was kept.
    """
    wanted = set(statuses) if statuses else None
    assessments = tuple(
        a
        for a in (
            assess(t, by_id.get(t.id, []), plan, as_of, by_id.get(t.tracks or "", []))
            for t in plan.targets
            if section is None or t.in_section(section)
        )
        if wanted is None or a.status in wanted
    )
    tasks = [a for a in assessments if a.target.is_task]
    stretch = [a for a in assessments if a.target.stretch and not a.target.is_task]
    core = [a for a in assessments if not a.target.stretch and not a.target.is_task]
    sections: dict[str, list[Assessment]] = {}
    for a in core:
        sections.setdefault(a.target.section, []).append(a)
    core_tally = tally(core)
    dated = [a.value_as_of for a in assessments if a.value_as_of is not None]
    return StatusReport(
        plan=plan,
        as_of=as_of if as_of is not None else max(dated, default=None),
        assessments=assessments,
        summary=Summary(
            score=core_tally.score,
            counts=core_tally.counts,
            stretch=tally(stretch),
            tasks=tally(tasks),
            sections={name: tally(items).score for name, items in sections.items()},
        ),
    )


def explain(
    plan: Plan, observations: Sequence[Observation], target_id: str, as_of: date | None = None
) -> TargetDetail:
    """One target in full: its assessment, every recorded figure and the ones that count."""
    target = plan.require_target(target_id)
    counted = resolve_revisions(o for o in observations if o.id == target_id)
    reference = resolve_revisions(o for o in observations if o.id == target.tracks)
    history = sorted(
        (o for o in observations if o.id == target_id), key=lambda o: (o.as_of, o.recorded_at)
    )
    return TargetDetail(
        assessment=assess(target, counted, plan, as_of, reference),
        history=tuple(o for o in history if as_of is None or o.as_of <= as_of),
        counted=tuple(o for o in counted if as_of is None or o.as_of <= as_of),
    )
