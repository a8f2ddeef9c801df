"""Rows -> files a spreadsheet opens safely: CSV (UTF-8 with BOM) and .xlsx.

Text cells that begin with = + - @, a tab or a carriage return are neutralised with a
leading apostrophe, so a note such as "=HYPERLINK(...)" is shown, never run. Numbers stay
numbers and dates stay dates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from gongshu_targets.core.figures.tables import FORMULA_START
from gongshu_targets.enums import SheetFormat

BOM = "\ufeff"


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM and CRLF line ends, as Excel on Windows expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(_cell_text(neutralise(v)) for v in row)
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_json(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    records = [
        {
            k: v.isoformat() if isinstance(v, datetime | date) else v
            for k, v in zip(header, row, strict=True)
        }
        for row in rows
    ]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_xlsx(
    header: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "observations"
) -> bytes:
    """One sheet: a bold, frozen header, typed cells and readable column widths."""
    from openpyxl import Workbook  # imported here: only .xlsx users pay for it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(neutralise(v)) for v in row])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        width = max((len(_cell_text(c.value)) for c in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        for cell in column[1:]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)  # Excel has no time zones: UTC
    return value


WRITERS = {SheetFormat.CSV: to_csv, SheetFormat.JSON: to_json, SheetFormat.XLSX: to_xlsx}


def encode(fmt: SheetFormat, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    return WRITERS[fmt](header, rows)


def report_xlsx(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fills: Sequence[str],
    observations: tuple[Sequence[str], Sequence[Sequence[Any]]],
) -> bytes:
    """The quarterly report workbook.

    Sheet 1: a title row, a frozen header, typed cells, readable widths and the last
    (status) column filled with ``fills`` (RRGGBB, one per row). Sheet 2: every figure.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "完成情况"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(list(header))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row, fill in zip(rows, fills, strict=True):
        sheet.append([_xlsx_value(neutralise(v)) for v in row])
        status = sheet.cell(row=sheet.max_row, column=len(header))
        status.fill = PatternFill("solid", start_color=fill, end_color=fill)
        status.font = Font(color="FFFFFF", bold=True)
    sheet.freeze_panes = "A3"
    widths = {1: 6, 2: 24, 3: 48, 4: 12, 5: 14, 11: 26}
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(index, 12)
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float):  # rounded by wording.py: shown as rounded
                cell.number_format = "#,##0.##" if cell.value % 1 else "#,##0"
            if cell.column in (2, 3, 11):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    figures = book.create_sheet("观测数据")
    figures.append(list(observations[0]))
    for cell in figures[1]:
        cell.font = Font(bold=True)
    for row in observations[1]:
        figures.append([_xlsx_value(neutralise(v)) for v in row])
    figures.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
