"""Units: which ones a target may have, and every conversion between them, here only.

A unit is an optional magnitude word (万, 亿) and a base: ``万名`` is 10,000 people. Counts
are recorded as counts (a ``万名`` target records people: ``4 万名`` is 40,000 in
progress.csv); money and ``%`` are recorded in the unit as written. Shares are fractions
(0-1) inside scoring and percent (0-100) in what it reports.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

PERCENT = "%"  # the unit of rates and shares
NO_UNIT = ""  # a task's: it has no number, only its 完成进度
# Counting units that the report writes with or without a 万 (10,000) scale word.
COUNT_UNITS = frozenset({"家", "个", "项", "名", "人", "件", "亩", "条", "公里", "平方米"})
MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Money units are units of account in Chinese statistics, recorded as written.
MONEY_UNITS = {"亿元": MAGNITUDES["亿"], "万元": MAGNITUDES["万"], "元": Decimal(1)}

Number = TypeVar("Number", float, Decimal)


class UnitProblem(ValueError):
    """A unit that is unknown, or cannot apply to a target's unit; the message says why."""


def unit_scale(unit: str) -> tuple[float, str]:
    """Split a target's unit into (scale, recording unit): ``万名`` is (10000.0, ``名``)."""
    if unit in COUNT_UNITS or unit in MONEY_UNITS or unit == PERCENT or unit == NO_UNIT:
        return 1.0, unit
    if unit[:1] == "万" and unit[1:] in COUNT_UNITS:
        return float(MAGNITUDES["万"]), unit[1:]
    raise UnitProblem(f"unknown unit {unit!r}")


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
        raise UnitProblem(f"unit {written!r} cannot apply to a % target")
    if written == PERCENT:
        raise UnitProblem(f"a percentage cannot apply to a target in {unit}")
    if unit in MONEY_UNITS:
        if written == "":
            return Decimal(1)
        money = written if written in MONEY_UNITS else written + "元"
        if money not in MONEY_UNITS:
            raise UnitProblem(f"unit {written!r} cannot apply to a target in {unit}")
        return MONEY_UNITS[money] / MONEY_UNITS[unit]
    base = unit_scale(unit)[1]
    magnitude = Decimal(1)
    if written[:1] in MAGNITUDES:
        magnitude, written = MAGNITUDES[written[0]], written[1:]
    if written in ("", base):
        return magnitude
    if written in COUNT_UNITS or written in MONEY_UNITS:
        raise UnitProblem(f"unit {written!r} cannot apply to a target in {unit}")
    raise UnitProblem(f"unknown unit {written!r}")


def as_percent(share: Number) -> Number:
    """A share (0-1) in percent (0-100)."""
    return share * 100


def as_share(percent: float) -> float:
    """Percent (0-100) as a share (0-1)."""
    return percent / 100.0
