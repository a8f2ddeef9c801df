"""The district's rows: targets gathered by item (序号), each item judged by its worst
target; and counts and scores rolled up by owner (牵头单位) or section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongshu_targets.core.models import Assessment, Model, StatusReport, Tally
from gongshu_targets.core.scoring import tally
from gongshu_targets.enums import GroupBy, Status

# From the worst to the best: an item is as good as its worst target that has a figure.
SEVERITY = (
    Status.MISSED,
    Status.OFF_TRACK,
    Status.AT_RISK,
    Status.PENDING,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.NO_DATA,
)


def worst(statuses: Sequence[Status]) -> Status:
    """The worst of these statuses, ``no_data`` only when none has a figure."""
    return min(statuses, key=SEVERITY.index, default=Status.NO_DATA)


@dataclass(frozen=True)
class ItemRow:
    """One row of the district's table: an item and its targets, or a target of its own."""

    number: int
    title: str
    work: str
    owner: str | None
    section: str
    assessments: tuple[Assessment, ...]

    @property
    def status(self) -> Status:
        return worst([a.status for a in self.assessments])


def item_rows(report: StatusReport) -> list[ItemRow]:
    """The report's targets as the district numbers them, in plan order.

    Targets of one item share its row (its 序号, 项目名称, 主要工作内容 and 牵头单位); a target
    with no item is a row of its own, titled by its name and worded by its quote. With no
    items in the plan the rows are numbered 1, 2, … as the targets come; otherwise targets
    without an item are numbered after the last item.
    """
    plan = report.plan
    position = {t.id: i for i, t in enumerate(plan.targets)}
    grouped: dict[int, list[Assessment]] = {}
    alone: list[Assessment] = []
    for a in report.assessments:
        item = plan.item(a.target.item)
        if item is None:
            alone.append(a)
        else:
            grouped.setdefault(item.number, []).append(a)
    rows: list[tuple[int, ItemRow]] = []
    for item in plan.items:
        members = grouped.get(item.number)
        if members:
            owners = {plan.owner(a.target) for a in members}
            owner = owners.pop() if len(owners) == 1 else item.owner
            work = item.work or "；".join(a.target.quote for a in members)
            row = ItemRow(item.number, item.title, work, owner, members[0].target.section,
                          tuple(members))  # fmt: skip
            rows.append((position[members[0].target.id], row))
    number = max((item.number for item in plan.items), default=0)
    for a in alone:
        number += 1
        t = a.target
        rows.append(
            (
                plan.targets.index(t),
                ItemRow(number, t.name, t.quote, plan.owner(t), t.section, (a,)),
            )
        )
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


class Group(Model):
    """The targets of one owner or section: their counts and mean score."""

    name: str | None
    tally: Tally
    name_en: str | None = None  # a section's section_en

    def title(self, english: bool) -> str | None:
        """The group's name, in English where the plan gives one."""
        return self.name_en if english and self.name_en else self.name


def rollup(report: StatusReport, by: GroupBy) -> list[Group]:
    """Counts and scores by 牵头单位 or section, in the order they first come; targets with
    no owner form one group named None. Stretch (力争) targets are counted with the rest."""
    groups: dict[str | None, list[Assessment]] = {}
    for a in report.assessments:
        key = report.plan.owner(a.target) if by is GroupBy.OWNER else a.target.section
        groups.setdefault(key, []).append(a)
    return [
        Group(
            name=name,
            tally=tally(members),
            name_en=members[0].target.section_en if by is GroupBy.SECTION else None,
        )
        for name, members in groups.items()
    ]
