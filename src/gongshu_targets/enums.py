"""The tool's vocabulary: every enumeration, with nothing heavy imported.

The command line builds its options from these before it knows which command runs, so
``targets --help`` and ``--version`` do not pay for pydantic, Rich or the YAML reader.
"""

from __future__ import annotations

from enum import StrEnum


class Comparator(StrEnum):
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    AT_MOST = "at_most"
    POSITIVE = "positive"
    IN_STEP = "in_step"
    RANGE = "range"
    TASK = "task"


class Pace(StrEnum):
    CUMULATIVE = "cumulative"
    RATE = "rate"
    LEVEL = "level"


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    PENDING = "pending"
    NO_DATA = "no_data"


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class GroupBy(StrEnum):
    """``targets status --by``: roll the targets up by lead department or section."""

    OWNER = "owner"
    SECTION = "section"


class SortKey(StrEnum):
    """``targets status --sort``: the plan's order, worst status first, or largest gap first."""

    PLAN = "plan"
    STATUS = "status"
    GAP = "gap"


class Direction(StrEnum):
    """Which way a target moved between two dates (``targets diff``)."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    NEW = "new"  # its first figure


class FailOn(StrEnum):
    """The least severe finding that fails ``targets check`` (``missed`` always fails)."""

    OFF_TRACK = "off_track"
    AT_RISK = "at_risk"
    STALE = "stale"
