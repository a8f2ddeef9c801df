"""The district's own quarterly table, 《政府工作报告》主要目标任务完成情况, as data.

One row per target: 序号, 项目名称, 主要工作内容, 牵头单位, 目标, 累计完成 and its date,
完成进度, 序时进度, 进度判断 ("快于序时进度3.2个百分点") and 状态. The formats (xlsx, md,
csv, html) are built from these rows, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongshu_targets.core.models import Assessment, StatusReport
from gongshu_targets.enums import Lang, Pace, Status
from gongshu_targets.outputs.wording import (
    judgement,
    number,
    rounded,
    status_label,
    target_words,
    unit_words,
)

TITLE = {
    Lang.ZH: "完成情况",
    Lang.EN: ": progress",
}
HEADERS = {
    Lang.ZH: ("序号", "项目名称", "主要工作内容", "牵头单位", "目标", "累计完成", "单位",
              "数据日期", "完成进度(%)", "序时进度(%)", "进度判断", "状态"),
    Lang.EN: ("No.", "Section", "Commitment (report's wording)", "Lead department", "Target",
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


@dataclass(frozen=True)
class ReportRow:
    number: int
    assessment: Assessment
    judgement: str

    def cells(self, lang: Lang) -> list[Any]:
        """The row as typed cells: numbers stay numbers, dates stay dates."""
        a, t = self.assessment, self.assessment.target
        return [
            self.number,
            t.section,
            t.quote,
            t.owner or "",
            target_words(t, lang),
            None if a.value is None else rounded(a.value, t.unit),
            unit_words(t.unit, lang),
            a.value_as_of,
            a.completion,
            a.pace_share if t.pace is not Pace.RATE else None,
            self.judgement,
            status_label(a.status, lang),
        ]


def report_rows(report: StatusReport, lang: Lang) -> list[ReportRow]:
    return [
        ReportRow(number=i, assessment=a, judgement=judgement(a, lang))
        for i, a in enumerate(report.assessments, start=1)
    ]


def title(report: StatusReport, lang: Lang) -> str:
    as_of = report.as_of or "—"
    when = f"（数据截至{as_of}）" if lang is Lang.ZH else f" (data as of {as_of})"
    return f"{report.plan.title}{TITLE[lang]}{when}"


def table(report: StatusReport, lang: Lang) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The header and typed rows shared by the xlsx, csv and Markdown reports."""
    return HEADERS[lang], [row.cells(lang) for row in report_rows(report, lang)]


def _md(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return number(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(report: StatusReport, lang: Lang) -> str:
    header, rows = table(report, lang)
    lines = [f"## {title(report, lang)}", "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]  # fmt: skip
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
