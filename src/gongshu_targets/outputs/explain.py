"""The scoring steps (``core/steps.py``) in words: how ``targets show`` and a JUnit
failure explain a status. Every sentence about a step is written here."""

from __future__ import annotations

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
from gongshu_targets.enums import Comparator, Status


def _fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def _pace(step: PaceShare) -> str:
    how = (
        " (milestones)" if step.milestones else f" = {step.elapsed_days} / {step.period_days} days"
    )
    return f"pace (序时进度) at {step.day}: {step.share:.2f}%{how}"


def _completion(step: Completion) -> str:
    value, target, done = _fmt(step.value), _fmt(step.target), f"{step.completion:.2f}%"
    if step.base is None:
        return f"completion = {value} / {target} = {done}"
    base = _fmt(step.base)
    return f"completion = ({value} − {base}) / ({target} − {base}) = {done}"


def _threshold(step: Threshold) -> str:
    if step.comparator is Comparator.POSITIVE:
        return "threshold: stay above 0 (保持正增长)"
    if step.tolerance is None:
        return f"threshold = {_fmt(step.threshold)}"
    assert step.reference is not None
    named = f"{step.tracks} " if step.comparator is Comparator.IN_STEP else ""
    return (
        f"threshold = {named}{_fmt(step.reference)} − tolerance {_fmt(step.tolerance)}"
        f" = {_fmt(step.threshold)}"
    )


def _decision(step: Decision) -> str:
    value, threshold = _fmt(step.value), _fmt(step.threshold)
    if step.floor is not None and step.gap is not None and step.status is not Status.ACHIEVED:
        floor = _fmt(step.floor)
        ahead = (
            "on_track if the threshold is met"
            if step.rule is Rule.FLOOR_RATE
            else ("on_track if ≥ 0")
        )
        below = "missed" if step.over else "off_track"
        return (
            f"gap = {step.gap:+.2f} points; {ahead}, at_risk down to the floor (确保) "
            f"{floor}, {below} below it → {step.status}"
        )
    if step.rule is Rule.RATE:
        assert step.gap is not None
        return (
            f"gap = {step.gap:+.2f} points; on_track if the threshold is met, at_risk within "
            f"{_fmt(step.band)} point(s) → {step.status}"
            + (" (a whole-period figure)" if step.over else "")
        )
    if step.edge is Edge.PACE:
        assert step.gap is not None
        return (
            f"gap = {step.gap:+.2f} points; on_track if ≥ 0, at_risk if ≥ −{_fmt(step.band)}"
            f" → {step.status}"
        )
    if step.rule is Rule.SHARE:
        if step.met:
            return "the task is 100% done → achieved"
        return f"the period is over at {value}% done"
    if step.rule is Rule.CAP:
        if step.met:
            return f"the whole period stayed within {threshold} → achieved"
        return f"{value} is over the cap of {threshold} → {step.status}"
    if step.status is Status.ACHIEVED:
        the = "the target " if step.rule is Rule.TOWARD else ""
        return f"{value} meets {the}{threshold} → achieved"
    if step.status is Status.MISSED:
        return f"the period is over and {value} does not meet {threshold}"
    return "no baseline, so no pace can be claimed: pending until the period ends"


def step_text(step: AnyStep) -> str:
    """One step as a sentence with its numbers."""
    if isinstance(step, NoFigure):
        return "no observation yet"
    if isinstance(step, NoShare):
        return "no 完成进度 yet"
    if isinstance(step, ShareDone):
        return f"完成进度 {_fmt(step.done)}% of the year's task (a share, not a value)"
    if isinstance(step, NoReference):
        return f"no figure of {step.tracks} for {step.day} to compare with: pending"
    if isinstance(step, PaceShare):
        return _pace(step)
    if isinstance(step, Completion):
        return _completion(step)
    if isinstance(step, Threshold):
        return _threshold(step)
    if isinstance(step, Projection):
        return (
            f"linear year-end projection = {_fmt(step.value)} / {step.elapsed:.4f}"
            f" = {_fmt(step.projection)}"
        )
    return _decision(step)
