"""The quarterly report's files: one place that picks the format and builds the bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import html_report, importer, quarterly, sheets
from .enums import Lang, ReportFormat
from .models import Observation, StatusReport
from .scoring import resolve_revisions


def _html(report: StatusReport, observations: Sequence[Observation], lang: Lang) -> bytes:
    histories: dict[str, list[Observation]] = {}
    usable = (o for o in observations if report.as_of is None or o.as_of <= report.as_of)
    for obs in resolve_revisions(usable):
        histories.setdefault(obs.id, []).append(obs)
    return html_report.to_html(report, histories, lang).encode("utf-8")


def _markdown(report: StatusReport, _observations: Sequence[Observation], lang: Lang) -> bytes:
    return quarterly.to_markdown(report, lang).encode("utf-8")


def _csv(report: StatusReport, _observations: Sequence[Observation], lang: Lang) -> bytes:
    return sheets.to_csv(*quarterly.table(report, lang))


def _xlsx(report: StatusReport, observations: Sequence[Observation], lang: Lang) -> bytes:
    header, rows = quarterly.table(report, lang)
    fills = [quarterly.STATUS_COLOURS[a.status] for a in report.assessments]
    figures = (importer.EXPORT_COLUMNS, importer.export_rows(report.plan, observations))
    return sheets.report_xlsx(quarterly.title(report, lang), header, rows, fills, figures)


BUILDERS: dict[ReportFormat, Callable[[StatusReport, Sequence[Observation], Lang], bytes]] = {
    ReportFormat.HTML: _html,
    ReportFormat.MD: _markdown,
    ReportFormat.CSV: _csv,
    ReportFormat.XLSX: _xlsx,
}


def build(
    report: StatusReport, observations: Sequence[Observation], fmt: ReportFormat, lang: Lang
) -> bytes:
    return BUILDERS[fmt](report, observations, lang)
