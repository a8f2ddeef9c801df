"""The district's own quarterly table, 《政府工作报告》主要目标任务完成情况, as data.

One row per item (序号), or per target where the plan has no items: 序号, 项目名称,
主要工作内容, 牵头单位, 目标, 累计完成 and its date, 完成进度, 序时进度, 进度判断
("快于序时进度3.2个百分点") and 状态. The formats (xlsx, md,
csv, html) are built from these rows, so they always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongshu_targets.core.items import SEVERITY, ItemRow, item_rows
from gongshu_targets.core.models import Assessment, StatusReport
from gongshu_targets.core.units import COUNT_UNITS
from gongshu_targets.enums import Lang, Status
from gongshu_targets.outputs import escape
from gongshu_targets.outputs.wording import (
    NO_OWNER,
    OWNER_NOTE,
    judgement,
    number,
    plan_title,
    sheet_figure,
    status_label,
    target_name,
    target_names,
    target_words,
)

TITLE = {
    Lang.ZH: "完成情况",
    Lang.EN: ": progress",
}
HEADERS = {
    Lang.ZH: ("序号", "项目名称", "主要工作内容", "牵头单位", "目标", "累计完成", "单位",
              "数据日期", "完成进度(%)", "序时进度(%)", "进度判断", "状态"),
    Lang.EN: ("No.", "Item", "Commitment (report's wording)", "Lead department", "Target",
              "Done so far", "Unit", "Data date", "Completion (%)", "Pace (%)", "Judgement",
              "Status"),
}  # fmt: skip
# Fill colours of the status cells (xlsx) and badges (html), as RRGGBB.
STATUS_COLOURS = {
    Status.ACHIEVED: "1B7F3B",
    Status.ON_TRACK: "4CAF50",
    Status.AT_RISK: "F2A900",
    Status.OFF_TRACK: "D32F2F",
    Status.MISSED: "8E1B1B",
    Status.PENDING: "4A90C2",
    Status.NO_DATA: "9E9E9E",
}


def row_title(row: ItemRow, lang: Lang) -> str:
    """项目名称: the item's title, or for a target of its own its name in ``lang``."""
    first = row.assessments[0].target
    return target_name(first, lang) if first.item is None else row.title


@dataclass(frozen=True)
class ReportRow:
    """One row of the district's table: an item (or a target of its own) with each of its
    targets' figures, judged by its worst target."""

    item: ItemRow
    names: dict[str, str]  # every target's name, to word in_step targets by name

    @property
    def status(self) -> Status:
        return self.item.status

    def cells(self, lang: Lang) -> list[Any]:
        """The row as typed cells: numbers stay numbers and dates stay dates; an item with
        several targets has one line per target in each figure's cell."""
        r = self.item
        many = len(r.assessments) > 1

        def column(cell: Callable[[Assessment], Any]) -> Any:
            values = [cell(a) for a in r.assessments]
            if not many:
                return values[0]
            return "\n".join(_line(v) for v in values)

        def goal(a: Assessment) -> str:
            words = target_words(a.target, lang, self.names)
            if not many:
                return words
            name = target_name(a.target, lang)
            return f"{name}：{words}" if lang is Lang.ZH else f"{name}: {words}"

        def value(a: Assessment) -> float | None:
            if a.value is None or a.share:
                return None
            return sheet_figure(a.value, a.target.unit, lang)[0]

        def unit(a: Assessment) -> str | None:
            return sheet_figure(0.0, a.target.unit, lang)[1] or None

        return [
            r.number,
            row_title(r, lang),
            r.work,
            r.owner or NO_OWNER[lang],
            column(goal),
            column(value),
            column(unit),
            column(lambda a: a.value_as_of),
            column(lambda a: a.completion),
            column(lambda a: a.pace_share),
            column(lambda a: judgement(a, lang)),
            status_label(r.status, lang),
        ]


def _line(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return number(value)
    return str(value)


def value_format(row: ReportRow) -> str | None:
    """The number format of a row's 累计完成 where its unit decides it: a count (家, 个,
    名…) without decimals; None for money, rates and 万 counts, shown as rounded."""
    units = {a.target.unit for a in row.item.assessments}
    return "#,##0" if units and all(u in COUNT_UNITS for u in units) else None


def report_rows(report: StatusReport, lang: Lang) -> list[ReportRow]:
    """The rows, problems first: missed, off track, at risk, pending, on track, achieved,
    then the rows with no figure; in the plan's order within each status."""
    names = target_names(report.plan, lang)
    rows = [ReportRow(item=row, names=names) for row in item_rows(report)]
    return sorted(rows, key=lambda row: SEVERITY.index(row.status))


def title(report: StatusReport, lang: Lang) -> str:
    as_of = report.as_of or "—"
    when = f"（数据截至{as_of}）" if lang is Lang.ZH else f" (data as of {as_of})"
    return f"{plan_title(report.plan, lang)}{TITLE[lang]}{when}"


def table(report: StatusReport, lang: Lang) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The header and typed rows shared by the xlsx, csv and Markdown reports."""
    return HEADERS[lang], [row.cells(lang) for row in report_rows(report, lang)]


def _md(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return number(value)
    return "<br>".join(escape.markdown(line) for line in str(value).split("\n"))


def to_markdown(report: StatusReport, lang: Lang) -> str:
    header, rows = table(report, lang)
    lines = [f"## {escape.markdown(title(report, lang))}", "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]  # fmt: skip
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    lines += ["", OWNER_NOTE[lang]]
    return "\n".join(lines) + "\n"
