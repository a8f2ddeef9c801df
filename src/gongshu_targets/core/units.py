"""Units: which ones a target may have, and every conversion between them, here only.

A unit is an optional magnitude word (万, 亿, 万亿), a base from a broad list of Chinese
measure words (家, 个, 套, 人次, 个百分点, 平方公里…, longest match first) and an optional
denominator: ``万名`` is 10,000 people; ``件/万人`` (每万人…件) and ``万元/亩`` (亩均…万元)
are per-unit ratios. The plan model accepts every unit the report reader (extract.py)
finds, because both use this grammar. Counts
are recorded as counts (a ``万名`` target records people: ``4 万名`` is 40,000 in
progress.csv); money and ``%`` are recorded in the unit as written. Shares are fractions
(0-1) inside scoring and percent (0-100) in what it reports.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import TypeVar

from gongshu_targets.errors import Said, quoted

PERCENT = "%"  # the unit of rates and shares
# The largest 完成进度 taken, in percent: a task may be done beyond its plan (105%, 130%);
# far beyond it is a slip (1000 for 100, or a value typed as a share).
MAX_SHARE = 200
NO_UNIT = ""  # a task's: it has no number, only its 完成进度
# Counting units that the report writes with or without a 万 (10,000) scale word.
COUNT_UNITS = frozenset({"家", "个", "项", "名", "人", "件", "亩", "条", "公里", "平方米"})
MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Money units are units of account in Chinese statistics, recorded as written.
MONEY_UNITS = {
    "万亿元": MAGNITUDES["万"] * MAGNITUDES["亿"],
    "亿元": MAGNITUDES["亿"],
    "万元": MAGNITUDES["万"],
    "元": Decimal(1),
}
# Relative measures, recorded as written.
POINTS = ("个百分点", "百分点", "‰")
# Money of any currency, with any scale word: recorded as written.
MONEY = ("元", "美元", "欧元", "港元", "日元", "英镑")
SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
# Measure words of things counted one by one: a figure in one of them is a whole number.
COUNTED = frozenset(
    """
    家 家次 户 户次 个 项 名 人 人次 件 件次 条 座 所 套 台 台次 辆 艘 架 架次 列 班次 车次
    场 场次 次 处 栋 幢 间 张 床 床位 支 只 头 株 棵 本 册 部 批 批次 宗 份 例 篇 款 种 类
    组 对 片 段 单 笔 届 轮 期 趟 道 盏 根 块 门 口 眼
    """.split()
)
# Measure words: things counted, lengths, areas, volumes, weights, energy, time spans.
MEASURES = COUNTED | frozenset(
    """
    亩 公顷 平方米 平方公里 平方千米 公里 千米 米 延米 立方米 吨 千克 公斤 克 斤 升 毫升
    千瓦 千瓦时 兆瓦 吉瓦 瓦 度 千伏安 标箱 标准箱 微克/立方米 毫克/立方米 吨标准煤 吨标煤
    天 小时 分钟 秒 工作日 年 岁 倍 人年
    """.split()
)
# Words for the same thing counted: 3.1万名 on a 万人 target is 31,000 people.
SAME_COUNT = {"名": "人"}
# Denominators written before the number: 每万人…件, 亩均…万元, 人均…元, 地均…亿元.
PER = {"每万人": "万人", "每万人口": "万人", "每万名": "万名", "每千人": "千人", "每千人口": "千人",
       "每百人": "百人", "每平方公里": "平方公里", "亩均": "亩", "人均": "人", "户均": "户",
       "地均": "平方公里"}  # fmt: skip
LONGEST_MEASURE = max(map(len, (*MEASURES, *MONEY, *POINTS)))

Number = TypeVar("Number", float, Decimal)


class UnitProblem(ValueError):
    """A unit that is unknown, or cannot apply to a target's unit; the message says why."""


def is_money(unit: str) -> bool:
    base = unit.split("/", 1)[0]
    for scale in SCALES:
        if base.startswith(scale) and base[len(scale) :] in MONEY:
            return True
    return base in MONEY


def unit_scale(unit: str) -> tuple[float, str]:
    """Split a target's unit into (scale, recording unit): ``万名`` is (10000.0, ``名``).
    %, points, money and per-unit ratios are recorded as written; anything outside the
    grammar raises UnitProblem."""
    if unit in (PERCENT, NO_UNIT) or unit in POINTS or unit in MEASURES or is_money(unit):
        return 1.0, unit
    if "/" in unit:
        numerator, denominator = unit.split("/", 1)
        if denominator in MEASURES or denominator in PER.values():
            unit_scale(numerator)
            return 1.0, unit
        raise UnitProblem(Said("unknown unit", unit=quoted(unit)))
    for scale, size in SCALES.items():
        if unit.startswith(scale) and unit[len(scale) :] in MEASURES | {NO_UNIT}:
            return size, unit[len(scale) :]  # 万 alone (新增就业1.2万) counts what is named
    raise UnitProblem(Said("unknown unit", unit=quoted(unit)))


@cache  # asked for every figure read; a plan has few units
def is_whole(unit: str) -> bool:
    """A target counted one by one (家, 万名, 套): its recorded figures are whole numbers.
    Lengths, areas, money, %, time spans and ratios are not."""
    return "/" not in unit and unit_scale(unit)[1] in COUNTED


def not_whole(number: Decimal, unit: str) -> Said:
    """Why a figure of a target counted one by one is refused, with the reading a figure
    typed without its 万 may have meant (3.1 on a 万名 target: 3.1万), for a figure below
    one 万."""
    scale, counted = unit_scale(unit)
    scaled = number * Decimal(scale)
    meant = 1 < scale and number < Decimal(scale) and scaled == scaled.to_integral_value()
    return Said(
        "not whole", unit=unit, counted=counted, number=f"{number.normalize():f}",
        word=unit.removesuffix(counted), scaled=scaled if meant else None,
    )  # fmt: skip


def in_target_unit(value: Number, unit: str) -> Number:
    """A recorded figure in its target's unit: 40,000 people are 4 for a ``万名`` target."""
    scale = unit_scale(unit)[0]
    if isinstance(value, Decimal):
        return value / Decimal(scale)
    return value / scale


def in_recording_unit(value: float, unit: str) -> float:
    """A number in a target's unit as progress.csv records it, exactly: 4 万名 is 40000."""
    return float(Decimal(repr(value)) * Decimal(unit_scale(unit)[0]))


def factor(written: str, unit: str) -> Decimal:
    """How many recording units of a target in ``unit`` one ``written`` unit is worth:
    ``亿元`` is 10,000 for a ``万元`` target, ``万`` is 10,000 for a ``名`` one. An empty
    ``written`` is the recording unit itself."""
    if unit == PERCENT:
        if written in ("", PERCENT):
            return Decimal(1)
        raise UnitProblem(Said("unit on a rate", unit=quoted(written)))
    if written == PERCENT:
        raise UnitProblem(Said("percent on a count", target_unit=unit))
    if unit in MONEY_UNITS:
        if written == "":
            return Decimal(1)
        money = written if written in MONEY_UNITS else written + "元"
        if money not in MONEY_UNITS:
            raise UnitProblem(Said("unit mismatch", unit=quoted(written), target_unit=unit))
        return MONEY_UNITS[money] / MONEY_UNITS[unit]
    base = unit_scale(unit)[1]
    magnitude, measure = Decimal(1), written
    if written[:1] in MAGNITUDES:  # 亿元 is 亿 of 元; a refusal quotes what was typed
        magnitude, measure = MAGNITUDES[written[0]], written[1:]
    if measure == "" or SAME_COUNT.get(measure, measure) == SAME_COUNT.get(base, base):
        return magnitude
    if measure in MEASURES or measure in MONEY_UNITS:
        raise UnitProblem(Said("unit mismatch", unit=quoted(written), target_unit=unit))
    raise UnitProblem(Said("unknown unit", unit=quoted(written)))


def as_percent(share: Number) -> Number:
    """A share (0-1) in percent (0-100)."""
    return share * 100


def as_share(percent: float) -> float:
    """Percent (0-100) as a share (0-1)."""
    return percent / 100.0
