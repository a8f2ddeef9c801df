"""Problems first: the order of a status report sorted by status or by gap."""

from __future__ import annotations

from gongshu_targets.core.models import Assessment, StatusReport
from gongshu_targets.enums import SortKey, Status

# Worst first. A status with no figure to judge comes after every judged problem.
SEVERITY: tuple[Status, ...] = (
    Status.MISSED,
    Status.OFF_TRACK,
    Status.AT_RISK,
    Status.PENDING,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.ACHIEVED,
)
# What ``status --problems`` shows.
PROBLEMS = frozenset({Status.MISSED, Status.OFF_TRACK, Status.AT_RISK})
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}


def _gap(a: Assessment) -> float:
    return a.gap if a.gap is not None else float("inf")


def ordered(report: StatusReport, by: SortKey) -> StatusReport:
    """The report with its targets in ``by`` order; ties keep the plan's order.

    ``status``: worst status first, then the largest gap behind. ``gap``: the largest gap
    behind (against the pace) first, targets with no gap last, then by status.
    """
    if by is SortKey.PLAN:
        return report
    keys = {
        SortKey.STATUS: lambda a: (_RANK[a.status], _gap(a)),
        SortKey.GAP: lambda a: (_gap(a), _RANK[a.status]),
    }
    return report.model_copy(
        update={"assessments": tuple(sorted(report.assessments, key=keys[by])), "sorted_by": by}
    )
