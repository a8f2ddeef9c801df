"""What changed between two dates: each target whose figure or status moved, and which way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongshu_targets.core.models import Assessment, Observation, Plan
from gongshu_targets.core.order import SEVERITY
from gongshu_targets.core.scoring import assess_plan, resolve_revisions
from gongshu_targets.enums import Direction, Status
from gongshu_targets.errors import OptionError, Said

# Judged statuses from best to worst; one without a judgement (no data, pending) is neither.
_JUDGED = [s for s in reversed(SEVERITY) if s not in (Status.NO_DATA, Status.PENDING)]


@dataclass(frozen=True)
class Change:
    """A target judged at two dates whose figure or status differs between them."""

    before: Assessment
    after: Assessment

    @property
    def direction(self) -> Direction:
        """Better or worse: by status, then (same status) by score, then by gap; ``new``
        for a target's first figure."""
        b, a = self.before, self.after
        if b.value is None:
            return Direction.NEW
        if b.status in _JUDGED and a.status in _JUDGED and b.status is not a.status:
            better = _JUDGED.index(a.status) < _JUDGED.index(b.status)
            return Direction.BETTER if better else Direction.WORSE
        for old, new in ((b.score, a.score), (b.gap, a.gap)):
            if old is not None and new is not None and old != new:
                return Direction.BETTER if new > old else Direction.WORSE
        return Direction.SAME


def last_two_dates(observations: Sequence[Observation]) -> tuple[date, date]:
    """The last two dates that have figures: the periods a quarter's diff compares."""
    dates = sorted({o.as_of for o in resolve_revisions(observations)})
    if len(dates) < 2:
        raise OptionError(Said("diff needs two dates", dates=[str(d) for d in dates]))
    return dates[-2], dates[-1]


def diff(plan: Plan, observations: Sequence[Observation], start: date, end: date) -> list[Change]:
    """Targets whose figure or status changed between ``start`` and ``end``, in plan order."""
    before = assess_plan(plan, observations, start).assessments
    after = assess_plan(plan, observations, end).assessments
    return [
        Change(b, a)
        for b, a in zip(before, after, strict=True)
        if b.status is not a.status or (b.value, b.value_as_of) != (a.value, a.value_as_of)
    ]
