"""How an assessment was reached, as data: each step names what it compared and carries
its numbers. Scoring fills them in; ``outputs/explain.py`` words them for people.

Shares and gaps are in percent (points), values in the target's unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from gongshu_targets.enums import Comparator, Status


class Rule(StrEnum):
    """A row of the decision table (``scoring.DECISIONS``): how a target is judged."""

    TOWARD = "toward"  # a cumulative total, or a level paced from its baseline, toward a target
    CAP = "cap"  # a cumulative at_most: a yearly total kept under a cap
    RATE = "rate"  # a growth rate or share against its threshold
    UNPACED = "unpaced"  # a level with no baseline: met or not, no pace
    UNPACED_CAP = "unpaced_cap"  # the same for an at_most level
    SHARE = "share"  # a 完成进度: the share of the year's task done, against the pace
    FLOOR = "floor"  # TOWARD with a floor (确保): at_risk down to the floor's pace
    FLOOR_RATE = "floor_rate"  # RATE with a floor (确保): at_risk down to the floor


class Edge(StrEnum):
    """How a gap decides a status where the table says so (``scoring.by_gap``)."""

    PACE = "pace"  # on_track at or ahead of the pace, else by the band
    BAND = "band"  # at_risk within the band, else off_track
    FLOOR = "floor"  # at the period's end: at_risk down to the floor (kept), else missed


@dataclass(frozen=True, slots=True, kw_only=True)
class NoFigure:
    """No observation on or before the date."""

    kind: Literal["no_figure"] = "no_figure"


@dataclass(frozen=True, slots=True, kw_only=True)
class NoShare:
    """A task with a value but no 完成进度: it has no number to judge."""

    kind: Literal["no_share"] = "no_share"


@dataclass(frozen=True, slots=True, kw_only=True)
class ShareDone:
    """A 完成进度: the share of the year's task done, in percent."""

    kind: Literal["share_done"] = "share_done"
    done: float


@dataclass(frozen=True, slots=True, kw_only=True)
class NoReference:
    """An in_step target whose tracked target has no figure for the same date."""

    kind: Literal["no_reference"] = "no_reference"
    tracks: str | None
    day: date


@dataclass(frozen=True, slots=True, kw_only=True)
class PaceShare:
    """序时进度 at ``day``: the share due, from milestones or from elapsed days."""

    kind: Literal["pace"] = "pace"
    day: date
    share: float  # percent
    milestones: bool
    elapsed_days: int
    period_days: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Completion:
    """The share of the target done: (value − base) ÷ (target − base)."""

    kind: Literal["completion"] = "completion"
    value: float
    target: float
    base: float | None  # the baseline's value, when the target has one
    completion: float  # percent
    cap: bool = False  # the share of a cap used (Target.is_cap), not of a task done


@dataclass(frozen=True, slots=True, kw_only=True)
class Threshold:
    """What a rate is held to: the target, less a tolerance for about and in_step."""

    kind: Literal["threshold"] = "threshold"
    comparator: Comparator
    threshold: float
    reference: float | None = None  # the target (about) or the tracked figure (in_step)
    tolerance: float | None = None
    tracks: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """The decision table's inputs and its outcome (``edge``: the gap rule it applied)."""

    kind: Literal["decision"] = "decision"
    rule: Rule
    met: bool
    over: bool  # the figure covers the whole period
    status: Status
    value: float
    threshold: float
    gap: float | None = None  # points
    band: float | None = None  # points: where at_risk ends (none for a rule with no gap)
    edge: Edge | None = None
    floor: float | None = None  # 确保: the band reaches down to it


@dataclass(frozen=True, slots=True, kw_only=True)
class Projection:
    """A linear year-end projection: value ÷ share of the period elapsed."""

    kind: Literal["projection"] = "projection"
    value: float
    elapsed: float  # share, 0-1
    projection: float


AnyStep = (
    NoFigure
    | NoShare
    | NoReference
    | PaceShare
    | ShareDone
    | Completion
    | Threshold
    | Decision
    | Projection
)
