"""The quarterly report's files: one place that picks the format and builds the bytes."""

from __future__ import annotations

from collections.abc import Sequence

from . import html_report, importer, quarterly, sheets
from .models import Observation, StatusReport
from .scoring import resolve_revisions
from .text import Lang


def build(report: StatusReport, observations: Sequence[Observation], fmt: str, lang: Lang) -> bytes:
    """``fmt`` is xlsx, md, csv or html."""
    if fmt == "html":
        histories: dict[str, list[Observation]] = {}
        for obs in resolve_revisions(o for o in observations if report.as_of is None
                                     or o.as_of <= report.as_of):  # fmt: skip
            histories.setdefault(obs.id, []).append(obs)
        return html_report.to_html(report, histories, lang).encode("utf-8")
    if fmt == "md":
        return quarterly.to_markdown(report, lang).encode("utf-8")
    header, rows = quarterly.table(report, lang)
    if fmt == "csv":
        return sheets.to_csv(header, rows)
    fills = [quarterly.STATUS_COLOURS[a.status] for a in report.assessments]
    figures = (importer.EXPORT_COLUMNS, importer.export_rows(report.plan, observations))
    return sheets.report_xlsx(quarterly.title(report, lang), header, rows, fills, figures)
