"""The quarterly report's files: one place that picks the format and builds the bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongshu_targets.core import figures
from gongshu_targets.core.models import Observation, StatusReport
from gongshu_targets.core.scoring import resolve_revisions
from gongshu_targets.enums import Lang, ReportFormat
from gongshu_targets.outputs import sheets
from gongshu_targets.outputs.report import html, table


def _html(report: StatusReport, observations: Sequence[Observation], lang: Lang) -> bytes:
    histories: dict[str, list[Observation]] = {}
    usable = (o for o in observations if report.as_of is None or o.as_of <= report.as_of)
    for obs in resolve_revisions(usable):
        histories.setdefault(obs.id, []).append(obs)
    return html.to_html(report, histories, lang).encode("utf-8")


def _markdown(report: StatusReport, _observations: Sequence[Observation], lang: Lang) -> bytes:
    return table.to_markdown(report, lang).encode("utf-8")


def _csv(report: StatusReport, _observations: Sequence[Observation], lang: Lang) -> bytes:
    return sheets.to_csv(*table.table(report, lang))


def _xlsx(report: StatusReport, observations: Sequence[Observation], lang: Lang) -> bytes:
    rows = table.report_rows(report, lang)
    header, cells = table.HEADERS[lang], [row.cells(lang) for row in rows]
    fills = [table.STATUS_COLOURS[row.status] for row in rows]
    formats = [table.value_format(row) for row in rows]
    recorded = (figures.EXPORT_COLUMNS, figures.export_rows(report.plan, observations))
    return sheets.report_xlsx(table.title(report, lang), header, cells, fills, recorded, formats)


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
