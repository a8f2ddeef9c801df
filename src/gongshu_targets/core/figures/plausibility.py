"""Is a figure plausible for its target? Decided before anything is written.

A count or an amount far from the target's scale (over ``plausible_times`` the target, or
under ``plausible_fraction`` of it) is doubted, and so is a rate outside
``plausible_rate_min`` … ``plausible_rate_max``. The band of a count or amount is narrower
than 10,000 (万), so a figure read 万 or 亿 times too large or too small, when the right
one was plausible, always falls outside it. A doubt names the reading that was probably
meant when one unit word (万, 亿, 元, 万元, 亿元) would bring the figure inside.
Returns data (a Said); the outputs word it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongshu_targets.core.models import Observation, Target, Thresholds
from gongshu_targets.core.units import MAGNITUDES, MONEY_UNITS, NO_UNIT, PERCENT
from gongshu_targets.errors import Said

# Kept in a figure's note when it was recorded although the check doubted it.
ACCEPTED_NOTE = "accepted against the plausibility check"


@dataclass(frozen=True)
class Reading:
    """What a doubted figure probably meant: the number as typed with ``unit`` after it
    (3.1 with 万; 61,000,000,000 in 元), which is ``value`` in the recording unit."""

    unit: str
    value: float


@dataclass(frozen=True)
class Doubt:
    """A figure outside what its target makes plausible, in the recording unit."""

    target: Target
    value: float
    low: float
    high: float
    reference: float | None = None  # the target's scale (count or amount), recording unit
    reading: Reading | None = None

    @property
    def too_large(self) -> bool:
        return self.value > self.high

    @property
    def is_rate(self) -> bool:
        return self.target.unit == PERCENT

    def said(self) -> Said:
        """Why the figure is refused, as data: the figure, the band, the target's scale and
        the reading probably meant, each in the recording unit."""
        reading = self.reading
        return Said(
            "implausible",
            value=self.value,
            low=self.low,
            high=self.high,
            unit=self.target.unit,
            recording_unit=self.target.recording_unit,
            reference=self.reference,
            reading_unit=None if reading is None else reading.unit,
            reading_value=None if reading is None else reading.value,
        )


def scale_of(target: Target) -> float | None:
    """The size of a count or amount target in its recording unit: the largest of its
    target, range, floor and baseline (every count or amount has a target: the model
    refuses one without); None for a rate, a task or a target of 0."""
    if target.unit in (PERCENT, NO_UNIT):
        return None
    numbers = [target.target, target.upper, target.floor]
    if target.baseline is not None:
        numbers.append(target.baseline.value)
    reference = max(abs(n) for n in numbers if n is not None) * target.scale
    return reference or None


def band(target: Target, thresholds: Thresholds) -> tuple[float, float] | None:
    """The plausible range of a figure in the recording unit, or None when the target
    gives no scale to judge by (a task, a target of 0)."""
    if target.unit == PERCENT:
        return thresholds.plausible_rate_min, thresholds.plausible_rate_max
    reference = scale_of(target)
    if reference is None:
        return None
    return reference * thresholds.plausible_fraction, reference * thresholds.plausible_times


def doubt(target: Target, value: float, thresholds: Thresholds) -> Doubt | None:
    """A Doubt when ``value`` (in the recording unit) is implausible for ``target``.

    A count or amount of 0 is plausible (nothing done yet) however small the band's floor.
    """
    limits = band(target, thresholds)
    if limits is None:
        return None
    low, high = limits
    if low <= value <= high or (value == 0 and target.unit != PERCENT):
        return None
    reading = _reading(target, value, low, high)
    return Doubt(target, value, low, high, scale_of(target), reading)


def _reading(target: Target, value: float, low: float, high: float) -> Reading | None:
    """The one unit word that would bring the figure inside the band, if there is one."""
    if target.unit == PERCENT:
        return None
    if target.unit in MONEY_UNITS:
        own = MONEY_UNITS[target.unit]
        words = {unit: factor / own for unit, factor in MONEY_UNITS.items() if unit != target.unit}
    else:  # words that scale a count as it is typed: 3.1万 is 31,000
        words = dict(MAGNITUDES)
    for unit, factor in sorted(words.items(), key=lambda item: item[1]):
        meant = float(Decimal(repr(value)) * factor)
        if low <= meant <= high:
            return Reading(unit, meant)
    return None


@dataclass
class Screen:
    """Checks each incoming figure before anything is written.

    A doubted figure is refused (``Doubt.said``, worded by the outputs), unless ``accept``
    records it anyway: its note then says it was accepted against the check,
    and a figure whose note says so already (an export read back) is not doubted again.
    """

    thresholds: Thresholds
    accept: bool = False
    accepted: list[Doubt] = field(default_factory=list)
    bands: dict[str, tuple[float, float] | None] = field(default_factory=dict, repr=False)

    def __call__(self, target: Target, obs: Observation) -> tuple[Observation, Said | None]:
        """The figure to record, and why it is refused (None when it is not)."""
        if obs.share or obs.retracted:
            return obs, None
        note, refused = self.check(target, obs.value, obs.note)
        return (obs if note is None else obs.model_copy(update={"note": note})), refused

    def limits(self, target: Target) -> tuple[float, float] | None:
        """``band``, once per target however many rows."""
        if target.id not in self.bands:
            self.bands[target.id] = band(target, self.thresholds)
        return self.bands[target.id]

    def check(self, target: Target, value: float, note: str) -> tuple[str | None, Said | None]:
        """For a value (not a 完成进度) of ``target``: the note to record it with when that
        changes (it was accepted although doubted), and why it is refused."""
        limits = self.limits(target)
        if limits is None or limits[0] <= value <= limits[1]:
            return None, None
        found = doubt(target, value, self.thresholds)
        if found is None or ACCEPTED_NOTE in note:
            return None, None
        if not self.accept:
            return None, found.said()
        self.accepted.append(found)
        return (f"{note}; {ACCEPTED_NOTE}" if note else ACCEPTED_NOTE), None
