"""The CI gate: which targets fail, which warn, since when, and the exit code that follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongshu_targets.core.models import Assessment, Observation, Plan, StatusReport
from gongshu_targets.core.order import SEVERITY
from gongshu_targets.core.scoring import (
    assess,
    assess_histories,
    group_histories,
    judgement_date,
)
from gongshu_targets.enums import FailOn, Status
from gongshu_targets.errors import ExitCode

FAILING_STATUSES = {
    FailOn.OFF_TRACK: frozenset({Status.OFF_TRACK, Status.MISSED}),
    FailOn.AT_RISK: frozenset({Status.AT_RISK, Status.OFF_TRACK, Status.MISSED}),
    FailOn.STALE: frozenset({Status.OFF_TRACK, Status.MISSED}),
}


@dataclass(frozen=True)
class Stale:
    """A target's latest figure is older than --max-age allows."""

    age: int  # days, from the figure's date to the evaluation date
    limit: int


@dataclass(frozen=True)
class Finding:
    """One target the check reports: why (its status, its figure's age), and since which
    date its status has held."""

    assessment: Assessment
    failing: bool
    reasons: tuple[Status | Stale, ...]
    since: date | None


def worst_first(findings: Sequence[Finding]) -> list[Finding]:
    """Failures, then warnings; within each, by status as ``status --sort status`` orders
    them (missed, off track, at risk, then the rest: stale only), the largest gap behind
    first; ties keep the plan's order."""

    def key(item: tuple[int, Finding]) -> tuple[bool, int, float, int]:
        index, f = item
        a = f.assessment
        gap = a.gap if a.gap is not None else float("inf")
        return (not f.failing, SEVERITY.index(a.status), gap, index)

    return [f for _, f in sorted(enumerate(findings), key=key)]


@dataclass(frozen=True)
class CheckResult:
    report: StatusReport
    evaluated_on: date | None
    findings: tuple[Finding, ...]  # worst first
    asked: date | None = None  # an --as-of after the period: judged at its end instead
    # With --max-age: the targets that have never had a figure, reported once as a group
    # (they are not stale: there is no figure to be old); they fail with --fail-on stale.
    no_figure: tuple[Assessment, ...] = ()
    no_figure_fails: bool = False

    @property
    def final(self) -> bool:
        """Judged at the period's end for a date after it: the plan's final results."""
        return self.asked is not None and self.asked != self.evaluated_on

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.failing]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.failing]

    @property
    def exit_code(self) -> ExitCode:
        fails = self.failing or (self.no_figure and self.no_figure_fails)
        return ExitCode.CHECK_FAILED if fails else ExitCode.OK


def status_since(
    plan: Plan,
    assessment: Assessment,
    history: Sequence[Observation],
    reference: Sequence[Observation],
) -> date | None:
    """The first figure date from which the target has kept its current status."""
    target, status = assessment.target, assessment.status
    since = None
    for obs in reversed(history):
        if assessment.value_as_of is not None and obs.as_of > assessment.value_as_of:
            continue
        if assess(target, history, plan, obs.as_of, reference).status is not status:
            break
        since = obs.as_of
    return since


def run_check(
    plan: Plan,
    observations: Sequence[Observation],
    *,
    fail_on: FailOn = FailOn.OFF_TRACK,
    as_of: date | None = None,
    max_age_days: int | None = None,
) -> CheckResult:
    """Assess the plan and sort every target into failing, warning or fine. An ``as_of``
    after the period judges the plan at its end (see :func:`judgement_date`)."""
    asked = as_of
    if as_of is not None:
        as_of = judgement_date(plan, as_of)
    by_id = group_histories(observations)
    report = assess_histories(plan, by_id, as_of)
    evaluated_on = as_of if as_of is not None else report.as_of
    failing_statuses = FAILING_STATUSES[fail_on]
    findings = []
    no_figure: list[Assessment] = []
    for a in report.assessments:
        reasons: list[Status | Stale] = []
        status_fails = a.status in failing_statuses
        if a.status in (Status.AT_RISK, Status.OFF_TRACK, Status.MISSED):
            reasons.append(a.status)
        stale = False
        if max_age_days is not None:
            if a.value_as_of is None:
                no_figure.append(a)
            elif evaluated_on is not None:
                age = (evaluated_on - a.value_as_of).days
                stale = age > max_age_days
                if stale:
                    reasons.append(Stale(age, max_age_days))
        if not reasons:
            continue
        history = by_id.get(a.target.id, [])
        since = (
            status_since(plan, a, history, by_id.get(a.target.tracks or "", []))
            if a.status is not Status.NO_DATA
            else None
        )
        failing = status_fails or (stale and fail_on is FailOn.STALE)
        findings.append(Finding(a, failing, tuple(reasons), since))
    return CheckResult(
        report=report,
        evaluated_on=evaluated_on,
        findings=tuple(worst_first(findings)),
        asked=asked,
        no_figure=tuple(no_figure),
        no_figure_fails=fail_on is FailOn.STALE,
    )
