"""The scoring steps (``core/steps.py``) in words, in English and Chinese: how ``targets
show`` and a JUnit failure explain a status. Every sentence about a step is written here;
its numbers are written as ``wording.py`` writes them."""

from __future__ import annotations

from collections.abc import Callable

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
from gongshu_targets.enums import Comparator, Lang, Status
from gongshu_targets.outputs.wording import (
    CAP_USED_WORD,
    COMPLETION_WORD,
    MAX_DECIMALS,
    number,
    percent,
    pick,
    points,
    points_words,
    quantity,
    status_label,
)


def _fmt(value: float) -> str:
    """A number without a unit (a tolerance, a band, a share), as wording.py rounds it."""
    return number(value, MAX_DECIMALS)


def _is(status: Status, lang: Lang) -> str:
    return status_label(status, lang)


def _pace(step: PaceShare, lang: Lang) -> str:
    if lang is Lang.ZH:
        how = "（按节点）" if step.milestones else f" = {step.elapsed_days} / {step.period_days} 天"
        return f"序时进度（{step.day}）：{percent(step.share)}{how}"
    how = (
        " (milestones)" if step.milestones else f" = {step.elapsed_days} / {step.period_days} days"
    )
    return f"pace at {step.day}: {percent(step.share)}{how}"


def _in(unit: str | None, lang: Lang) -> Callable[[float], str]:
    """How a step's values are written: in the target's unit as every other line words
    them (21,000 people, not 2.1, in English), or bare where the unit is not the figure's."""
    if unit is None:
        return _fmt
    return lambda value: quantity(value, unit, lang)


def _completion(step: Completion, lang: Lang, unit: str | None) -> str:
    fmt = _in(unit, lang)
    value, target, done = fmt(step.value), fmt(step.target), percent(step.completion)
    word = pick(CAP_USED_WORD if step.cap else COMPLETION_WORD, lang)
    if step.base is None:
        return f"{word} = {value} / {target} = {done}"
    base = fmt(step.base)
    return f"{word} = ({value} − {base}) / ({target} − {base}) = {done}"


def _threshold(step: Threshold, lang: Lang, unit: str | None) -> str:
    zh = lang is Lang.ZH
    if step.comparator is Comparator.POSITIVE:
        return "门槛：保持正增长（高于 0）" if zh else "threshold: stay above 0"
    word, fmt = "门槛" if zh else "threshold", _in(unit, lang)
    if step.tolerance is None:
        return f"{word} = {fmt(step.threshold)}"
    assert step.reference is not None
    named = f"{step.tracks} " if step.comparator is Comparator.IN_STEP else ""
    tolerance = "容差" if zh else "tolerance"
    return (
        f"{word} = {named}{fmt(step.reference)} − {tolerance} {_fmt(step.tolerance)}"
        f" = {fmt(step.threshold)}"
    )


def _decision(step: Decision, lang: Lang, unit: str | None) -> str:
    zh, fmt = lang is Lang.ZH, _in(unit, lang)
    value, threshold, status = fmt(step.value), fmt(step.threshold), _is(step.status, lang)
    on, risk = _is(Status.ON_TRACK, lang), _is(Status.AT_RISK, lang)
    gap = "" if step.gap is None else points(step.gap)
    if step.floor is not None and step.gap is not None and step.status is not Status.ACHIEVED:
        floor = fmt(step.floor)
        below = _is(Status.MISSED if step.over else Status.OFF_TRACK, lang)
        if zh:
            ahead = "达到门槛" if step.rule is Rule.FLOOR_RATE else "≥ 0"
            return (
                f"差距 = {gap} 个百分点；{ahead}为{on}，不低于确保值 {floor} 为{risk}，"
                f"低于确保值为{below} → {status}"
            )
        ahead = "if the threshold is met" if step.rule is Rule.FLOOR_RATE else "if ≥ 0"
        return (
            f"gap = {points_words(gap)}; {on} {ahead}, {risk} down to the floor {floor}, {below} "
            f"below it → {status}"
        )
    if step.rule is Rule.RATE:
        assert step.band is not None
        if zh:
            return (
                f"差距 = {gap} 个百分点；达到门槛为{on}，差距在 {_fmt(step.band)} 个百分点内为"
                f"{risk} → {status}" + ("（全期数据）" if step.over else "")
            )
        return (
            f"gap = {points_words(gap)}; {on} if the threshold is met, {risk} within "
            f"{points_words(_fmt(step.band))} → {status}"
            + (" (a whole-period figure)" if step.over else "")
        )
    if step.edge is Edge.PACE:
        assert step.band is not None
        if zh:
            return f"差距 = {gap} 个百分点；≥ 0 为{on}，≥ −{_fmt(step.band)} 为{risk} → {status}"
        return f"gap = {points_words(gap)}; {on} if ≥ 0, {risk} if ≥ −{_fmt(step.band)} → {status}"
    achieved = _is(Status.ACHIEVED, lang)
    if step.rule is Rule.SHARE:
        if step.met:
            return f"任务已完成 100% → {achieved}" if zh else f"the task is 100% done → {achieved}"
        return f"期末完成进度 {value}%" if zh else f"the period is over at {value}% done"
    over_cap = step.rule is Rule.UNPACED_CAP and step.status is Status.AT_RISK
    if step.rule is Rule.CAP or over_cap:
        if step.met:
            if zh:
                return f"全期未超过上限 {threshold} → {achieved}"
            return f"the whole period stayed within {threshold} → {achieved}"
        return (
            f"{value} 超过上限 {threshold} → {status}"
            if zh
            else f"{value} is over the cap of {threshold} → {status}"
        )
    if step.status is Status.ACHIEVED:
        if zh:
            the = "目标 " if step.rule is Rule.TOWARD else " "
            return f"{value} 达到{the}{threshold} → {achieved}"
        the = "the target " if step.rule is Rule.TOWARD else ""
        return f"{value} meets {the}{threshold} → {achieved}"
    if step.status is Status.MISSED:
        if zh:
            return f"期末 {value} 未达到 {threshold}"
        return f"the period is over and {value} does not meet {threshold}"
    if zh:
        return "无基期值，无法按序时评估：待期末评估"
    return "no baseline, so no pace can be claimed: pending until the period ends"


def step_text(step: AnyStep, lang: Lang = Lang.EN, unit: str | None = None) -> str:
    """One step as a sentence with its numbers; ``unit`` words a projection as the target's
    other figures are worded."""
    zh = lang is Lang.ZH
    if isinstance(step, NoFigure):
        return "尚无数据" if zh else "no observation yet"
    if isinstance(step, NoShare):
        return "尚无完成进度" if zh else "no completion share yet"
    if isinstance(step, ShareDone):
        done = _fmt(step.done)
        if zh:
            return f"完成进度 {done}%（年度任务完成的比例，不是数值）"
        return f"{done}% of the year's task done (a share, not a value)"
    if isinstance(step, NoReference):
        if zh:
            return f"{step.day} 尚无 {step.tracks} 的数据可比：待评估"
        return f"no figure of {step.tracks} for {step.day} to compare with: pending"
    if isinstance(step, PaceShare):
        return _pace(step, lang)
    if isinstance(step, Completion):
        return _completion(step, lang, unit)
    if isinstance(step, Threshold):
        return _threshold(step, lang, unit)
    if isinstance(step, Projection):
        projection = (
            _fmt(step.projection)
            if unit is None
            else quantity(step.projection, unit, lang, derived=True)
        )
        word = "年末线性预测" if zh else "linear year-end projection"
        return f"{word} = {_in(unit, lang)(step.value)} / {step.elapsed:.4f} = {projection}"
    return _decision(step, lang, unit)
