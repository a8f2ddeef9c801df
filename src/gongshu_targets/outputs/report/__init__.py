"""The quarterly report's files, one renderer per format (the registry,
``outputs/formats.py``, says which format is which)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongshu_targets.core import figures
from gongshu_targets.core.models import Observation
from gongshu_targets.core.scoring import resolve_revisions
from gongshu_targets.outputs import sheets
from gongshu_targets.outputs.report import html, table
from gongshu_targets.outputs.wording import SHEET_NAMES, pick, unit_words

if TYPE_CHECKING:
    from gongshu_targets.outputs.formats import ReportView


def render_html(view: ReportView) -> bytes:
    report = view.report
    histories: dict[str, list[Observation]] = {}
    usable = (o for o in view.observations if report.as_of is None or o.as_of <= report.as_of)
    for obs in resolve_revisions(usable):
        histories.setdefault(obs.id, []).append(obs)
    return html.to_html(report, histories, view.lang).encode("utf-8")


def render_markdown(view: ReportView) -> bytes:
    return table.to_markdown(view.report, view.lang).encode("utf-8")


def render_csv(view: ReportView) -> bytes:
    return sheets.to_csv(*table.table(view.report, view.lang))


def render_xlsx(view: ReportView) -> bytes:
    report, lang = view.report, view.lang
    rows = table.report_rows(report, lang)
    header, cells = table.HEADERS[lang], [row.cells(lang) for row in rows]
    fills = [table.STATUS_COLOURS[row.status] for row in rows]
    formats = [table.value_format(row) for row in rows]
    recorded = (
        figures.export_header(lang.value),
        figures.export_rows(report.plan, view.observations, lambda unit: unit_words(unit, lang)),
    )
    names = (pick(SHEET_NAMES["report"], lang), pick(SHEET_NAMES["export"], lang))
    return sheets.report_xlsx(
        table.title(report, lang), header, cells, fills, recorded, formats, names
    )
