"""Rows -> files a spreadsheet opens safely: CSV (UTF-8 with BOM) and .xlsx.

Every text cell passes through ``escape.csv_cell`` or ``escape.xlsx_cell``: one that
begins with = + - @, a tab or a carriage return gets a leading apostrophe, so a note such
as "=HYPERLINK(...)" is shown, never run. Numbers stay numbers and dates stay dates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from gongshu_targets.outputs import escape

if TYPE_CHECKING:
    from gongshu_targets.outputs.formats import SheetView

BOM = "\ufeff"


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
        writer.writerow(_cell_text(escape.csv_cell(v)) for v in row)
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_json(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    records = [
        {
            k: v.isoformat() if isinstance(v, datetime | date) else v
            for k, v in zip(header, row, strict=True)
        }
        for row in rows
    ]
    return (escape.json_text(records) + "\n").encode("utf-8")


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
        sheet.append([_xlsx_value(escape.xlsx_cell(v)) for v in row])
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


def render_csv(view: SheetView) -> bytes:
    return to_csv(view.header, view.rows)


def render_json(view: SheetView) -> bytes:
    return to_json(view.header, view.rows)


def render_xlsx(view: SheetView) -> bytes:
    return to_xlsx(view.header, view.rows, view.title)


# 完成情况's columns by what they hold, counted from 1 (see report/table.py HEADERS).
TEXT_COLUMNS = (2, 3, 4, 5, 11)  # titles, wording, owners, targets, judgements: wrapped
FIGURE_COLUMNS = (5, 6, 7, 8, 9, 10, 11)  # one line per target in an item's row
VALUE_COLUMN, DATE_COLUMN, SHARE_COLUMNS = 6, 8, (9, 10)
REPORT_WIDTHS = {1: 6, 2: 18, 3: 44, 4: 14, 5: 22, 6: 12, 7: 8, 8: 12, 9: 11, 10: 11, 11: 24,
                 12: 10}  # fmt: skip


def report_xlsx(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fills: Sequence[str],
    observations: tuple[Sequence[str], Sequence[Sequence[Any]]],
    value_formats: Sequence[str | None],
    sheet_names: tuple[str, str] = ("完成情况", "观测数据"),
) -> bytes:
    """The quarterly report workbook, ready to print.

    Sheet 1: a title row, a frozen header repeated on every printed page, an autofilter,
    typed cells, widths that show dates and numbers, the value column in each row's
    ``value_formats`` (counts without decimals; else as rounded), and the last (status)
    column filled with ``fills`` (RRGGBB, one per row); landscape A4, fitted to the page's
    width.
    Sheet 2: every figure, with the same care.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_names[0]
    sheet.append([escape.xlsx_cell(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(list(header))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row, fill, value_format in zip(rows, fills, value_formats, strict=True):
        sheet.append([_xlsx_value(escape.xlsx_cell(v)) for v in row])
        status = sheet.cell(row=sheet.max_row, column=len(header))
        status.fill = PatternFill("solid", start_color=fill, end_color=fill)
        status.font = Font(color="FFFFFF", bold=True)
        value = sheet.cell(row=sheet.max_row, column=VALUE_COLUMN)
        if isinstance(value.value, float):  # rounded by wording.py: shown as rounded
            fractional = value.value % 1
            value.number_format = value_format or ("#,##0.##" if fractional else "#,##0")
    sheet.freeze_panes = "A3"
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = REPORT_WIDTHS.get(index, 12)
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float) and cell.column in SHARE_COLUMNS:
                cell.number_format = "0.00"
            wrap = cell.column in TEXT_COLUMNS or (
                cell.column in FIGURE_COLUMNS and isinstance(cell.value, str)
            )
            cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    _print_ready(sheet, header_row=2, columns=len(header))
    figures = book.create_sheet(sheet_names[1])
    figures.append(list(observations[0]))
    for cell in figures[1]:
        cell.font = Font(bold=True)
    for row in observations[1]:
        figures.append([_xlsx_value(escape.xlsx_cell(v)) for v in row])
    figures.freeze_panes = "A2"
    for index, column in enumerate(figures.iter_cols(), start=1):
        letter = get_column_letter(index)
        figures.column_dimensions[letter].width = min(
            max(len(_cell_text(c.value)) for c in column) + 2, 40
        )
        for cell in column[1:]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
                figures.column_dimensions[letter].width = 20
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
                figures.column_dimensions[letter].width = 12
    _print_ready(figures, header_row=1, columns=len(observations[0]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _print_ready(sheet: Any, header_row: int, columns: int) -> None:
    """Landscape A4 fitted to one page wide, the header repeated on every page, and an
    autofilter over the table."""
    from openpyxl.utils import get_column_letter

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
