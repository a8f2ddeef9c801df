"""The one voice: how every output words and rounds a figure, in Chinese and in English.

``status``, ``show``, ``check``, ``diff``, the report (md, csv, xlsx, html) and JSON take
their numbers, units, gaps and labels from here, so one figure reads the same everywhere.

Rounding:

- a count (家, 个, 项, 名, 件…; 万名 is a count written in ten-thousands) that is *derived*
  (an expected value, a projection) is a whole number of things; a recorded count is shown
  as recorded (a density such as 58.3 patents per 10,000 people keeps its decimals), to
  at most two decimals of the unit it counts;
- money (亿元, 万元, 元) and percentages keep the report's precision: two decimals at most,
  trailing zeros dropped;
- a gap is in percentage points, two decimals at most, signed, and always says what it is
  measured against: the pace (序时进度, or for a rate the threshold due now) or the target.

Units in English: money keeps the report's own unit of account, written ``× 100m yuan``
(亿元), ``× 10k yuan`` (万元) or ``yuan`` (元), so the number is the report's number;
counts written in 万 are multiplied out (4万名 → 40,000 people; 万 alone, 新增就业1.2万, is
12,000; 1.2万台 is 12,000 台, never the scale word again); count words get an
English noun (家 entities, 个 units, 项 items, 名/人 people, 人次 visits, 户 households,
件 cases, 套 sets, 亩 mu, 条 lines, 公里 km, 平方米 m², 平方公里 km², 个百分点 points,
微克/立方米 µg/m³…, see ``EN_UNITS``). Any other unit the plan accepts is shown as written,
never refused: a ratio's parts are worded one by one (件/千人 → cases per 1,000 people).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongshu_targets.core.units import (
    COUNT_UNITS,
    MEASURES,
    MONEY_UNITS,
    NO_UNIT,
    PERCENT,
    in_recording_unit,
    unit_scale,
)
from gongshu_targets.enums import Comparator, Direction, Lang, Pace, Status

if TYPE_CHECKING:
    from collections.abc import Mapping

    from gongshu_targets.core.models import Assessment, Plan, StatusReport, Target

Pair = tuple[str, str]  # (English, Chinese)

STRETCH_MARK = "★"
NONE = "—"  # what a cell shows when there is nothing to show

STATUS_LABELS: dict[Status, Pair] = {
    Status.ACHIEVED: ("achieved", "已完成"),
    Status.ON_TRACK: ("on track", "符合序时"),
    Status.AT_RISK: ("at risk", "存在风险"),
    Status.OFF_TRACK: ("off track", "滞后序时"),
    Status.MISSED: ("missed", "未完成"),
    Status.PENDING: ("pending", "待评估"),
    Status.NO_DATA: ("no data", "暂无数据"),
}
HEADERS: dict[str, Pair] = {
    "id": ("ID", "编号"),
    "name": ("Name", "名称"),
    "target": ("Target", "目标"),
    "latest": ("Latest", "最新"),
    "expected": ("Pace/expected", "序时/应达"),
    "gap": ("vs pace (pt)", "较序时(点)"),
    "status": ("Status", "状态"),
    "score": ("Progress", "进度"),
}

# What a gap is measured against.
AGAINST_PACE: Pair = ("against the pace", "对照序时")
AGAINST_TARGET: Pair = ("against the target", "对照目标")

EN_MONEY = {"万亿元": "× 1tn yuan", "亿元": "× 100m yuan", "万元": "× 10k yuan", "元": "yuan"}
EN_SCALES = {1e4: "10,000", 1e8: "100m", 1e12: "1tn"}
EN_SCALE_WORDS = {"万": "10,000", "千": "1,000", "百": "100"}  # of a ratio's denominator
EN_UNITS = {
    "家": "entities",
    "个": "units",
    "项": "items",
    "名": "people",
    "人": "people",
    "人次": "visits",
    "户": "households",
    "件": "cases",
    "套": "sets",
    "亩": "mu",
    "条": "lines",
    "公里": "km",
    "千米": "km",
    "米": "m",
    "平方米": "m²",
    "平方公里": "km²",
    "平方千米": "km²",
    "公顷": "ha",
    "立方米": "m³",
    "吨": "t",
    "千瓦": "kW",
    "千瓦时": "kWh",
    "微克/立方米": "µg/m³",
    "毫克/立方米": "mg/m³",
    "个百分点": "points",
    "百分点": "points",
    "天": "days",
    "小时": "hours",
}
assert set(EN_MONEY) == set(MONEY_UNITS) and COUNT_UNITS <= set(EN_UNITS)
# A noun of EN_UNITS after exactly 1 (≥ 1 entity, 1 person); a symbol (km, t) has no plural.
EN_SINGULAR = {
    "entities": "entity", "units": "unit", "items": "item", "people": "person",
    "visits": "visit", "households": "household", "cases": "case", "sets": "set",
    "lines": "line", "points": "point", "days": "day", "hours": "hour",
}  # fmt: skip
assert set(EN_SINGULAR) <= set(EN_UNITS.values())

MAX_DECIMALS = 2  # the report's precision for money, percentages and points


def en_noun(figure: str, noun: str) -> str:
    """``figure`` (as written: 1, +1, 2.5) and an English noun of EN_UNITS, in the singular
    after exactly one: ``1 entity``, ``-1 point``, ``2 entities``."""
    one = figure.lstrip("+-−") == "1"
    return f"{figure} {EN_SINGULAR.get(noun, noun) if one else noun}"


def points_words(figure: str) -> str:
    """Percentage points in English: ``1 point``, ``0.4 points``, ``-1 point``."""
    return en_noun(figure, "points")


def counted(n: int, noun: str) -> str:
    """``1 target``, ``2 targets``, ``0 targets``: an English count and its noun."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def pick(pair: Pair, lang: Lang) -> str:
    return pair[1] if lang is Lang.ZH else pair[0]


def status_label(status: Status, lang: Lang) -> str:
    return pick(STATUS_LABELS[status], lang)


def number(value: float, decimals: int = 4) -> str:
    """A number as a person writes it: thousands separators, no trailing zeros."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return "0" if text == "-0" else text


def is_count(unit: str) -> bool:
    """A count of things (家, 万名, 套): money, %, points and ratios are not."""
    return unit_scale(unit)[1] in MEASURES and "/" not in unit


def decimals(unit: str, derived: bool = False) -> int:
    """How many decimals a value in ``unit`` is shown with (see the module's rules)."""
    if not is_count(unit):
        return MAX_DECIMALS
    places = len(str(round(unit_scale(unit)[0]))) - 1  # 4 for a unit written in 万
    return places if derived or places else MAX_DECIMALS


def rounded(value: float, unit: str, derived: bool = False) -> float:
    """``value`` rounded as it is shown: what JSON and spreadsheets carry too."""
    return round(value, decimals(unit, derived))


def quantity(value: float, unit: str, lang: Lang = Lang.ZH, derived: bool = False) -> str:
    """A value with its unit: ``4.6%``, ``75.7 亿元`` / ``75.7 × 100m yuan``, ``40,000 people``."""
    if unit == PERCENT:
        return f"{number(value, MAX_DECIMALS)}%"
    if unit == NO_UNIT:
        return number(value, MAX_DECIMALS)
    if _is_ratio(unit) and lang is Lang.EN:  # a ratio: 件/万人, 万元/亩
        numerator, per = unit.split("/", 1)
        return f"{quantity(value, numerator, lang)} per {_per_words(per)}"  # a density
    if lang is Lang.ZH or unit in MONEY_UNITS:
        words = unit if lang is Lang.ZH else EN_MONEY[unit]
        return f"{number(value, decimals(unit, derived))} {words}"
    base = unit_scale(unit)[1]
    places = decimals(base, derived) if derived else MAX_DECIMALS
    figure = number(in_recording_unit(value, unit), places)
    noun = EN_UNITS.get(base, base)  # multiplied out: never the scale word again (万台 → 台)
    return en_noun(figure, noun) if noun else figure  # 万 alone: 1.2 万 is 12,000


def _is_ratio(unit: str) -> bool:
    """A per-unit ratio worded part by part; 微克/立方米 is one measure with its own name."""
    return "/" in unit and unit not in MEASURES


def _per_words(per: str) -> str:
    """A ratio's denominator in English: 万人 → 10,000 people, 千人 → 1,000 people, 亩 → mu."""
    scale = EN_SCALE_WORDS.get(per[:1]) if len(per) > 1 else None
    if scale is not None and per[1:] in MEASURES:
        return f"{scale} {EN_UNITS.get(per[1:], per[1:])}"
    return EN_UNITS.get(per, per)


def sheet_figure(value: float, unit: str, lang: Lang) -> tuple[float, str]:
    """A figure as a sheet's number cell and unit cell show it, in the unit ``quantity``
    words the row's target in: English multiplies a count written in 万 out, so 2.1 万名
    is 21,000 people in the one row that says ≥ 40,000 people."""
    scale, base = unit_scale(unit)
    if lang is Lang.EN and scale != 1 and (is_count(unit) or base == NO_UNIT):
        return round(in_recording_unit(value, unit), MAX_DECIMALS), EN_UNITS.get(base, base)
    return rounded(value, unit), unit_words(unit, lang)


def unit_words(unit: str, lang: Lang) -> str:
    """The unit alone, as a column of a sheet shows it."""
    if lang is Lang.ZH or unit in (PERCENT, NO_UNIT):
        return unit
    if unit in MONEY_UNITS:
        return EN_MONEY[unit].removeprefix("× ")
    if _is_ratio(unit):
        numerator, per = unit.split("/", 1)
        return f"{unit_words(numerator, lang)} per {_per_words(per)}"
    scale, base = unit_scale(unit)
    noun = EN_UNITS.get(base, base)
    if scale == 1:
        return noun
    return f"{EN_SCALES[scale]} {noun}" if noun else EN_SCALES[scale]


def points(value: float, signed: bool = True) -> str:
    """Percentage points: ``+0.2``, ``-29.79``, ``0``."""
    text = number(value, MAX_DECIMALS)
    return f"+{text}" if signed and value > 0 and text != "0" else text


def target_words(target: Target, lang: Lang, names: Mapping[str, str] | None = None) -> str:
    """The commitment in symbols: ``≥ 1.15%``, ``≈ 5.5%``, ``> 0%``, ``5%—5.5%``,
    ``≈ 5.5% (确保 ≥ 5%)``; a task and an in_step target in words, the tracked target by
    its name in ``names`` (``target_names``): ``与地区生产总值增长同步`` / ``in step with GDP
    growth``."""
    if target.comparator is Comparator.IN_STEP:
        tracked = (names or {}).get(target.tracks or "", target.tracks)
        return f"与{tracked}同步" if lang is Lang.ZH else f"in step with {tracked}"
    words = _bare_target_words(target, lang)
    if target.floor is None:
        return words
    floor = f"≥ {quantity(target.floor, target.unit, lang)}"
    return f"{words} (确保 {floor})" if lang is Lang.ZH else f"{words} (floor {floor})"


def _bare_target_words(target: Target, lang: Lang) -> str:
    if target.comparator is Comparator.TASK:
        return "完成年度任务" if lang is Lang.ZH else "the year's task"
    if target.comparator is Comparator.RANGE:
        assert target.target is not None and target.upper is not None
        low = quantity(target.target, target.unit, lang).partition(" ")[0].removesuffix("%")
        return f"{low}—{quantity(target.upper, target.unit, lang)}"
    if target.comparator is Comparator.POSITIVE:
        return "> 0%"
    symbol = {
        Comparator.AT_LEAST: "≥",
        Comparator.MORE_THAN: ">",
        Comparator.ABOUT: "≈",
        Comparator.AT_MOST: "≤",
    }[target.comparator]
    assert target.target is not None
    return f"{symbol} {quantity(target.target, target.unit, lang)}"


def target_names(plan: Plan, lang: Lang) -> dict[str, str]:
    """Every target's name in ``lang`` by id: how an in_step target names the one it tracks."""
    return {t.id: target_name(t, lang) for t in plan.targets}


def target_name(target: Target, lang: Lang) -> str:
    """The target's name in ``lang``: in English its ``name_en`` where the plan gives one."""
    return target.name_en if lang is Lang.EN and target.name_en else target.name


def plan_title(plan: Plan, lang: Lang) -> str:
    """The plan's title in ``lang``: in English its ``title_en`` where the plan gives one."""
    return plan.title_en if lang is Lang.EN and plan.title_en else plan.title


def plan_region(plan: Plan, lang: Lang) -> str:
    return plan.region_en if lang is Lang.EN and plan.region_en else plan.region


def section_name(target: Target, lang: Lang) -> str:
    """The heading of a target's section in ``lang``: in English its ``section_en`` where
    the plan gives one."""
    return target.section_en if lang is Lang.EN and target.section_en else target.section


def display_name(target: Target, lang: Lang) -> str:
    name = target_name(target, lang)
    return f"{name} {STRETCH_MARK}" if target.stretch else name


# The sheet a template or an export names (the report's second sheet is 观测数据 too).
SHEET_NAMES: dict[str, Pair] = {
    "template": ("template", "填报"),
    "export": ("observations", "观测数据"),
    "report": ("progress", "完成情况"),
}


# 牵头单位 where the plan names none: said, so that an empty cell never looks forgotten.
NO_OWNER = {Lang.ZH: "（未列明）", Lang.EN: "(not named)"}
OWNER_NOTE = {
    Lang.ZH: "牵头单位：计划未列明的写作“（未列明）”，本表不作推断。",
    Lang.EN: "Lead department: “(not named)” where the plan names none; none is guessed.",
}
GROUP_TITLES: dict[str, Pair] = {
    "owner": ("Lead department", "牵头单位"),
    "section": ("Section", "板块"),
    "total": ("Targets", "目标数"),
    "score": ("Score", "得分"),
}


SHARE_WORDS = {Lang.ZH: "完成进度 {}%", Lang.EN: "{}% done"}


def figure_text(value: float, target: Target, share: bool, lang: Lang) -> str:
    """A figure in the target's unit, or a 完成进度 said as one: never a bare 52% that
    could pass for a rate."""
    if share:
        return share_text(value, lang)
    return quantity(value, target.unit, lang)


def percent_share(value: float) -> str:
    """A share in % (of the target done, of the period gone), rounded as every output
    rounds it, the report's precision: ``49.59%``, ``40%``."""
    return f"{number(value, MAX_DECIMALS)}%"


def share_text(value: float, lang: Lang) -> str:
    """A 完成进度 in words: ``完成进度 52%`` / ``52% done``."""
    return SHARE_WORDS[lang].format(number(value, MAX_DECIMALS))


# A completion in words: the share of the target done, or of a cap used (Target.is_cap):
# a cap gone over reads 已用上限的107%, never 完成107%.
COMPLETION_WORD: Pair = ("completion", "完成率")
CAP_USED_WORD: Pair = ("share of the cap used", "上限使用率")
DONE_WORDS = {Lang.ZH: "完成 {}", Lang.EN: "done {}"}
CAP_USED_WORDS = {Lang.ZH: "已用上限的{}", Lang.EN: "{} of the cap used"}


def uses_cap(a: Assessment) -> bool:
    """Whether ``a``'s completion is a share of a cap used (a 完成进度 is a task's share)."""
    return a.target.is_cap and not a.share


def completion_text(a: Assessment, lang: Lang, bare: bool = False) -> str:
    """``完成 52%`` / ``done 52%`` (``52%`` when ``bare``); a cap's ``已用上限的107%`` /
    ``107% of the cap used`` always."""
    assert a.completion is not None
    percent = percent_share(a.completion)
    if uses_cap(a):
        return CAP_USED_WORDS[lang].format(percent)
    return percent if bare else DONE_WORDS[lang].format(percent)


def latest_text(a: Assessment, lang: Lang) -> str:
    if a.value is None:
        return NONE
    return f"{figure_text(a.value, a.target, a.share, lang)} ({a.value_as_of})"


def expected_value_text(a: Assessment, lang: Lang) -> str:
    """Where the value should be by now: the threshold of a rate, the paced amount else
    (for a 完成进度, the share due)."""
    if a.expected is None:
        return NONE
    if a.share:
        return f"{number(a.expected, MAX_DECIMALS)}%"
    return quantity(a.expected, a.target.unit, lang, derived=True)


def expected_text(a: Assessment, lang: Lang) -> str:
    """The pace cell: ``5%`` for a rate, ``49.6% · 19,836 名`` for a paced amount."""
    if a.expected is None:
        return NONE
    if a.share:
        return expected_value_text(a, lang)
    if a.target.pace is Pace.RATE:
        return expected_value_text(a, lang)
    return f"{percent_share(a.pace_share or 0.0)} · {expected_value_text(a, lang)}"


def gap_text(a: Assessment) -> str:
    """The gap against the pace, in points, as every output writes it."""
    return NONE if a.gap is None else points(a.gap)


def gap_words(a: Assessment, lang: Lang) -> str:
    """The gap with its reference named: ``-0.4 pt against the pace`` / ``对照序时-0.4个百分点``."""
    if a.gap is None:
        return NONE
    if lang is Lang.ZH:
        return f"{pick(AGAINST_PACE, lang)}{points(a.gap)}个百分点"
    return f"{points(a.gap)} pt {pick(AGAINST_PACE, lang)}"


def score_text(score: float | None) -> str:
    """A target's score: a whole number (``95``), ``—`` without one."""
    return NONE if score is None else f"{score:.0f}"


def mean_score_text(score: float | None) -> str:
    """A mean of scores (a plan's, a section's, an owner's): one decimal (``95.2``)."""
    return NONE if score is None else f"{score:.1f}"


def percent(value: float, places: int = MAX_DECIMALS) -> str:
    """A share as a worked step shows it, to fixed places (``49.73%``), never ``-0.00%``."""
    text = f"{value:.{places}f}"
    return f"{text.removeprefix('-') if float(text) == 0 else text}%"


def judgement(a: Assessment, lang: Lang) -> str:
    """进度判断 in the district's words: 快于/慢于序时进度 N 个百分点 against the pace (the
    status table's gap, ``gap_words``'); a rate 高于/低于目标（5.5%，门槛5%）N 个百分点
    against its target, as ``show`` says it too (``rate_gap_words``); a cap how much of it
    is used."""
    zh = lang is Lang.ZH
    if uses_cap(a) and a.completion is not None:
        return _cap_judgement(a, lang)
    if a.status in (Status.ACHIEVED, Status.MISSED, Status.NO_DATA):
        return status_label(a.status, lang)
    if a.gap is None:
        return "待期末评估" if zh else "judged at the end of the period"
    rate = rate_gap_words(a, lang)
    if rate is not None:
        return rate
    gap, pts = a.gap, points(abs(a.gap), signed=False)
    if pts == "0":
        return "与序时进度持平" if zh else "level with the pace"
    if zh:
        return f"快于序时进度{pts}个百分点" if gap > 0 else f"慢于序时进度{pts}个百分点"
    return f"{points_words(pts)} {'ahead of' if gap > 0 else 'behind'} the pace"


def _cap_judgement(a: Assessment, lang: Lang) -> str:
    """A cap says how much of it is used, and, while the year runs, whether faster than the
    pace (a gap below 0: more used than due) or slower."""
    used = completion_text(a, lang)
    if a.status in (Status.ACHIEVED, Status.MISSED) or a.gap is None:
        return used
    pts = points(abs(a.gap), signed=False)
    if pts == "0":
        return f"{used}，与序时进度持平" if lang is Lang.ZH else f"{used}, level with the pace"
    if lang is Lang.ZH:
        return f"{used}，{'低于' if a.gap > 0 else '高于'}序时进度{pts}个百分点"
    return f"{used}, {points_words(pts)} {'below' if a.gap > 0 else 'above'} the pace"


# What a rate is set against, named as the district names it.
REFERENCE_WORDS: dict[Comparator, Pair] = {
    Comparator.AT_MOST: ("the cap", "上限"),
    Comparator.RANGE: ("the range's lower end", "目标下限"),
    Comparator.IN_STEP: ("the figure it keeps in step with", "同步目标"),
}
TARGET_WORDS: Pair = ("the target", "目标")


def rate_gap_words(a: Assessment, lang: Lang) -> str | None:
    """A rate against its target, as the district words it: ``低于目标（5.5%，门槛5%）0.9个
    百分点`` / ``0.9 points below the target (5.5%; threshold 5%)``. The reference is named
    (the target, a range's lower end, the figure an in_step target keeps to, 0 for 保持正增长,
    a cap), and so is the threshold the status is judged by where it differs (5.5%左右 less
    its tolerance); None for a figure that is no rate."""
    if a.target.pace is not Pace.RATE or a.share or a.value is None or a.reference is None:
        return None
    zh = lang is Lang.ZH
    what = pick(REFERENCE_WORDS.get(a.target.comparator, TARGET_WORDS), lang)
    named = quantity(a.reference, a.target.unit, lang)
    if a.expected is not None and round(a.expected, MAX_DECIMALS) != round(a.reference, 2):
        threshold = quantity(a.expected, a.target.unit, lang)
        named += f"，门槛{threshold}" if zh else f"; threshold {threshold}"
    diff = a.value - a.reference
    pts = points(abs(diff), signed=False)
    if pts == "0":
        return f"与{what}（{named}）持平" if zh else f"level with {what} ({named})"
    if zh:
        return f"{'高于' if diff > 0 else '低于'}{what}（{named}）{pts}个百分点"
    return f"{points_words(pts)} {'above' if diff > 0 else 'below'} {what} ({named})"


def counts_line(counts: dict[Status, int], lang: Lang) -> str:
    return " · ".join(f"{status_label(s, lang)} {n}" for s, n in counts.items() if n)


def scored(counts: dict[Status, int]) -> int:
    """How many targets a score is the mean over: those judged, with a figure."""
    return sum(n for s, n in counts.items() if s not in (Status.NO_DATA, Status.PENDING))


SUMMARY_TEMPLATES = {
    Lang.EN: ("{targets}: {counts}; {score}",
              "{mark} {stretch}, counted apart: {counts}; {score}",
              "{tasks} (no number; by share done), counted apart: {counts}; {score}"),
    Lang.ZH: ("目标 {n} 项：{counts}；{score}",
              "{mark} 力争目标 {n} 项（另计）：{counts}；{score}",
              "工作任务 {n} 项（无量化指标，按完成进度，另计）：{counts}；{score}"),
}  # fmt: skip
SCORE_TEMPLATES = {
    Lang.EN: ("score {score}: the mean of {k} scored of {m} with figures",
              "no score: no figures yet"),
    Lang.ZH: ("得分 {score}（有数据的 {m} 项中计分 {k} 项的平均）", "暂无得分：尚无数据"),
}  # fmt: skip


def score_words(score: float | None, counts: dict[Status, int], lang: Lang) -> str:
    """What the score means: the mean over the targets judged, out of those with a figure
    (a pending target has one but is not scored yet)."""
    with_score, without = SCORE_TEMPLATES[lang]
    if score is None:
        return without
    with_figures = sum(n for s, n in counts.items() if s is not Status.NO_DATA)
    return with_score.format(score=mean_score_text(score), k=scored(counts), m=with_figures)


def summary_lines(report: StatusReport, lang: Lang) -> list[str]:
    """The footer: what the score is the mean of; stretch (力争) targets and tasks counted
    apart, each line shown when there are any."""
    core, stretch, tasks = SUMMARY_TEMPLATES[lang]
    lines = []
    summary = report.summary
    for template, tally in ((core, summary), (stretch, summary.stretch), (tasks, summary.tasks)):
        n = sum(tally.counts.values())
        if n or template is core:
            lines.append(
                template.format(
                    mark=STRETCH_MARK,
                    n=n,
                    targets=counted(n, "target"),
                    tasks=counted(n, "task"),
                    stretch=counted(n, "stretch target"),
                    counts=counts_line(tally.counts, lang) or NONE,
                    score=score_words(tally.score, tally.counts, lang),
                )
            )
    return lines


def rule_words(target: Target, lang: Lang, names: Mapping[str, str] | None = None) -> str:
    pace = {
        Pace.CUMULATIVE: (
            "cumulative: completion against the time-proportional pace",
            "累计：完成率对照序时进度",
        ),
        Pace.RATE: (
            "rate: the year-to-date figure against the threshold",
            "比率：年内累计值对照目标值",
        ),
        Pace.LEVEL: ("level: a stock measured at a date", "存量：按时点计"),
        None: (
            "task: its completion share against the time-proportional pace",
            "任务：完成进度对照序时进度",
        ),
    }[target.pace]
    return f"{target_words(target, lang, names)} — {pick(pace, lang)}"


DIRECTION_LABELS: dict[Direction, Pair] = {
    Direction.BETTER: ("better", "好转"),
    Direction.WORSE: ("worse", "变差"),
    Direction.SAME: ("same judgement", "判断未变"),
    Direction.NEW: ("first figure", "首次有数据"),
}
DIFF_HEADERS: dict[str, Pair] = {
    "id": HEADERS["id"],
    "name": HEADERS["name"],
    "status": HEADERS["status"],
    "direction": ("Direction", "走向"),
}


def diff_summary(directions: list[Direction], start: object, end: object, lang: Lang) -> str:
    """``targets diff``'s last line: how many changed, and which way."""
    if not directions:
        if lang is Lang.ZH:
            return f"{start} 至 {end} 间没有目标的数值或状态变化"
        return f"no target's figure or status changed between {start} and {end}"
    counts = " · ".join(
        f"{pick(DIRECTION_LABELS[d], lang)} {directions.count(d)}"
        for d in Direction
        if d in directions
    )
    if lang is Lang.ZH:
        return f"{start} → {end}：{len(directions)} 个目标有变化（{counts}）"
    return f"{start} → {end}: {counted(len(directions), 'target')} changed ({counts})"
