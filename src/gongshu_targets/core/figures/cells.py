"""One cell as a figure or a date: full-width characters, thousands separators and unit
words (4万, 75.7亿元, 15.2%) read into the target's recording unit."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation, Overflow
from typing import Any

from gongshu_targets.core.figures.tables import Cell, _plain
from gongshu_targets.core.models import LARGEST, SHARE_ON_RATE, Period, Target
from gongshu_targets.core.units import (
    MAX_SHARE,
    PERCENT,
    UnitProblem,
    as_percent,
    factor,
    is_whole,
    not_whole,
)
from gongshu_targets.errors import Message, Said

_PLAIN = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")

_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)")

_QUARTER = re.compile(r"(\d{4})\s*-?\s*Q([1-4])", re.IGNORECASE)

_MONTH = re.compile(r"(\d{4})[-/年](\d{1,2})月?")

_DAY = re.compile(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?")

# A comma separates thousands, in groups of three (1,250 and 12,345,678), and nothing else:
# 4,6 may be a decimal comma (4.6) or a slip, so it is refused rather than read as 46.
_GROUPED = re.compile(r"([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?![\d,.])(.*)")

AMBIGUOUS_COMMA = Said("ambiguous comma")
_NOT_A_NUMBER = Said("cell not a number")
_TOO_LARGE = Said("too large", limit=LARGEST)


class ValueProblem(ValueError):
    """A cell that cannot be read as the target needs; its one argument (a Said) says why."""

    def __init__(self, why: Message) -> None:
        super().__init__(why)
        self.why = why

    def __str__(self) -> str:
        return str(self.why)


def normalise_text(text: str) -> str:
    """NFKC folds full-width digits, letters, ％ and ，; a typographic minus (−, as PDFs
    copy it) becomes -; spaces are dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u2212", "-")


def _plain_number(text: str, target: Target) -> float | None:
    """A cell like 226.1, in ASCII digits as written, or None for anything that needs a
    closer look: a sign on a count or amount, units, separators, exponents, other digits."""
    if len(text) > 15 or _PLAIN.fullmatch(text) is None or target.is_task:
        return None
    if text[0] == "-" and target.unit != PERCENT:
        return None
    if "." in text and is_whole(target.unit):
        return None  # parse_value says whether it is whole
    return float(text)


def _ungrouped(text: str) -> str:
    """The text with its thousands separators taken out; any other comma is refused."""
    if "," not in text:
        return text
    match = _GROUPED.fullmatch(text)
    if match is None or "," in match.group(2):
        raise ValueProblem(AMBIGUOUS_COMMA)
    return match.group(1).replace(",", "") + match.group(2)


def parse_value(cell: Any, target: Target) -> float:
    """A cell (a plain value, or a Cell) as a number in the target's recording unit
    (people for a 万名 target)."""
    raw = _plain(cell)
    percent = isinstance(cell, Cell) and cell.percent
    if target.is_task:
        raise ValueProblem(Said("task cell has no number"))
    if isinstance(raw, bool):
        raise ValueProblem(_NOT_A_NUMBER)
    if isinstance(raw, int | float):
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if percent:
            if target.unit != PERCENT:
                raise ValueProblem(Said("percent on a count", target_unit=target.unit))
            number = as_percent(number)  # a cell formatted as a percentage holds a share
    elif isinstance(raw, str) and (plain := _plain_number(raw, target)) is not None:
        return plain + 0.0  # the common case: a plain number, in the recording unit (-0 is 0)
    else:
        text = _ungrouped(normalise_text(str(raw)))
        match = _NUMBER.fullmatch(text)
        if match is None:
            raise ValueProblem(_NOT_A_NUMBER)
        try:
            number = Decimal(match.group(1)) * factor(match.group(2), target.unit)
        except Overflow:  # an exponent past what Decimal holds (1e1000000)
            raise ValueProblem(_TOO_LARGE) from None
        except InvalidOperation:
            raise ValueProblem(_NOT_A_NUMBER) from None
        except UnitProblem as exc:
            raise ValueProblem(exc.args[0]) from None
    if not number.is_finite():
        raise ValueProblem(Said("cell not finite"))
    value = float(number)
    if not -LARGEST <= value <= LARGEST:
        raise ValueProblem(_TOO_LARGE)
    if number.is_signed() and target.unit != PERCENT:  # -0 included: a sign is a mistake
        raise ValueProblem(Said("negative", unit=target.unit))
    if is_whole(target.unit) and number != number.to_integral_value():
        raise ValueProblem(not_whole(number, target.unit))
    return value + 0.0  # -0 (a rate written "-0%") is 0, never shown as -0


# What a published table writes in 完成进度 when it has no figure for a row.
NO_FIGURE = frozenset({"", "/", "—", "——", "-", "–", "--", "无", "N/A", "n/a"})


def parse_share(cell: Any, target: Target | None = None) -> float | None:
    """A 完成进度 cell as a share of the task in percent (``52%``, ``53.6``, an Excel
    percentage cell), or None where the table gives no figure (``/``, ``—``, empty).

    A share lies from 0% to MAX_SHARE; a bare number between 0 and 1 (``0.52``) is refused,
    since it may be a fraction (52%) as well as 0.52%. With ``target``, a share on a target
    that takes none (a growth rate) is refused too.
    """
    raw = _plain(cell)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueProblem(Said("not a share"))
    bare = True
    if isinstance(raw, int | float):
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if isinstance(cell, Cell) and cell.percent:
            number *= 100
            bare = False
    else:
        text = normalise_text(str(raw))
        if text in NO_FIGURE:
            return None
        match = _NUMBER.fullmatch(_ungrouped(text))
        if match is None or match.group(2) not in ("", "%"):
            raise ValueProblem(Said("share form"))
        try:
            number = Decimal(match.group(1))
        except InvalidOperation:
            raise ValueProblem(Said("not a share")) from None
        bare = match.group(2) == ""
    if not number.is_finite() or not 0 <= number <= MAX_SHARE:
        raise ValueProblem(Said("share range", top=MAX_SHARE))
    if bare and 0 < number < 1:
        raise ValueProblem(
            Said("ambiguous share", bare=f"{number:f}", percent=f"{(number * 100).normalize():f}")
        )
    if target is not None and not target.takes_share:
        raise ValueProblem(SHARE_ON_RATE)
    return float(number) + 0.0  # -0% is 0%


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_date(raw: Any) -> date:
    """2025-06-30, 2025/6/30, 2025年6月30日, 2025Q2 (quarter end), 2025-06 (month end), or
    an Excel date cell."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = normalise_text("" if raw is None else str(raw))
    try:
        if match := _DAY.fullmatch(text):
            return date(*(int(g) for g in match.groups()))
        if match := _QUARTER.fullmatch(text):
            return _month_end(int(match.group(1)), int(match.group(2)) * 3)
        if match := _MONTH.fullmatch(text):
            return _month_end(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise ValueProblem(Said("no such date")) from None
    raise ValueProblem(Said("cell not a date"))


def parse_as_of(raw: Any, period: Period) -> date:
    day = parse_date(raw)
    if not period.start <= day <= period.end:
        raise ValueProblem(Said("outside the period from", start=period.start, end=period.end))
    return day
