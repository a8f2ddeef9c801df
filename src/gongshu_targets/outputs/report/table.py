"""The district's own quarterly table, 《政府工作报告》主要目标任务完成情况, as data.

One row per target: 序号, 项目名称, 主要工作内容, 牵头单位, 目标, 累计完成 and its date,
完成进度, 序时进度, 进度判断 ("快于序时进度3.2个百分点") and 状态. The formats (xlsx, md,
csv, html) are built from these rows, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongshu_targets.core.models import Assessment, StatusReport
from gongshu_targets.enums import Comparator, Lang, Pace, Status
from gongshu_targets.outputs.text import number, status_label, target_words

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
            a.value,
            t.unit,
            a.value_as_of,
            a.completion,
            a.pace_share if t.pace is not Pace.RATE else None,
            self.judgement,
            status_label(a.status, lang),
        ]


def _points(value: float) -> str:
    return number(round(abs(value), 2))


def judgement(a: Assessment, lang: Lang) -> str:
    """进度判断 in the district's words: 快于/慢于序时进度 N 个百分点, 高于/低于目标 …"""
    zh = lang is Lang.ZH
    if a.status is Status.ACHIEVED:
        return "已完成" if zh else "achieved"
    if a.status is Status.MISSED:
        return "未完成" if zh else "missed"
    if a.status is Status.NO_DATA:
        return "暂无数据" if zh else "no data yet"
    if a.gap is None:
        return "待期末评估" if zh else "judged at the end of the period"
    if a.target.pace is Pace.RATE and a.value is not None and a.reference is not None:
        return _rate_judgement(a, a.value - a.reference, zh)
    gap, pts = a.gap, _points(a.gap)
    if gap == 0:
        return "与序时进度持平" if zh else "level with the pace"
    if zh:
        return f"快于序时进度{pts}个百分点" if gap > 0 else f"慢于序时进度{pts}个百分点"
    return f"{pts} points ahead of the pace" if gap > 0 else f"{pts} points behind the pace"


def _rate_judgement(a: Assessment, diff: float, zh: bool) -> str:
    """A rate against the figure it is set against, not the threshold after tolerance:
    GDP 5.1% against 5.5%左右 is 低于目标0.4个百分点, though within the tolerance."""
    what = {
        Comparator.POSITIVE: ("零", "zero"),
        Comparator.IN_STEP: ("所跟踪指标", "the tracked figure"),
        Comparator.AT_MOST: ("上限", "the cap"),
    }.get(a.target.comparator, ("目标", "the target"))
    pts = _points(diff)
    if zh:
        if diff == 0:
            return f"与{what[0]}持平"
        return f"{'高于' if diff > 0 else '低于'}{what[0]}{pts}个百分点"
    if diff == 0:
        return f"level with {what[1]}"
    return f"{pts} points {'above' if diff > 0 else 'below'} {what[1]}"


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
