"""Figures coming in and going out, at the edges a user would notice: a repeated row, a
blank header cell, a zero, Excel's row numbers and formula cells, and what a template
holds. Each test fails if that edge is handled otherwise."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from conftest import RECORDED, make_plan, make_target, obs
from gongshu_targets.core import figures, store
from gongshu_targets.errors import InvalidDataError

SHEET = Path("sheet.csv")
Q1, H1 = date(2025, 3, 31), date(2025, 6, 30)
GRADS = make_target(id="grads", unit="万名", target=4)  # recorded as people
FIRMS = make_target(id="firms", unit="家", target=100)
RATE = make_target(id="rd", unit="%", target=1.15, pace="rate")
PLAN = make_plan(GRADS, FIRMS, RATE)


def read(text: str) -> list[tuple[int, str, str, float, str, str]]:
    rows = figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    return [(n, o.id, str(o.as_of), o.value, o.note, o.source) for n, o in rows.observations]


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidDataError) as caught:
        figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    return [str(p) for p in caught.value.problems]


def test_rows_after_an_exact_repeat_are_all_read():
    assert read(
        "id,as_of,value\nfirms,2025Q1,10\nfirms,2025Q1,10\nrd,2025Q1,1.2\ngrads,2025Q2,5\n"
    ) == [
        (2, "firms", "2025-03-31", 10.0, "", ""),
        (4, "rd", "2025-03-31", 1.2, "", ""),
        (5, "grads", "2025-06-30", 5.0, "", ""),
    ]


def test_a_blank_header_cell_hides_no_column_after_it():
    text = "id,,as_of,value,,note,source\nfirms,x,2025Q1,10,y,a note,a bureau\n"
    assert read(text) == [(2, "firms", "2025-03-31", 10.0, "a note", "a bureau")]


@pytest.mark.parametrize("cell", ["0", "0.0", "0万", "0%"])
def test_a_figure_of_zero_is_a_figure(cell: str):
    target = "rd" if cell.endswith("%") else "grads"
    assert read(f"id,as_of,value\n{target},2025Q1,{cell}\n") == [
        (2, target, "2025-03-31", 0.0, "", "")
    ]


def test_zero_in_progress_csv_is_read_and_a_negative_count_is_not(tmp_path: Path):
    header = "id,as_of,value,source,note,recorded_at\n"
    zero = header + "firms,2025-03-31,0,,,2025-04-01T00:00:00+00:00\n"
    assert [o.value for o in store.parse_progress(zero, tmp_path / "p.csv", PLAN)] == [0.0]
    with pytest.raises(InvalidDataError):
        store.parse_progress(zero.replace(",0,", ",-1,"), tmp_path / "p.csv", PLAN)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_xlsx_problems_name_the_sheets_own_row_numbers(tmp_path: Path):
    sheet = _workbook(
        tmp_path / "q.xlsx",
        [["id", "as_of", "value"], ["firms", "2025-03-31", 10], [None, None, None],
         ["firms", "2025-06-30", "many"], ["nope", "2025-06-30", 1]],
    )  # fmt: skip
    table = figures.read_table(sheet)
    assert [number for number, _ in table.rows] == [2, 3, 4, 5]
    with pytest.raises(InvalidDataError) as caught:
        figures.validate_rows(table, PLAN, RECORDED)
    assert [(p.line, p.message.split(":")[0]) for p in caught.value.problems] == [
        (4, "row 4, column value = 'many'"),
        (5, "row 5, column id = 'nope'"),
    ]


def test_a_formula_cell_is_read_as_the_value_excel_computed(tmp_path: Path):
    sheet = _workbook(tmp_path / "f.xlsx", [["id", "as_of", "value"], ["firms", "2025-03-31", 30]])
    # What Excel saves for =10*3: the formula and the value it computed.
    with zipfile.ZipFile(sheet) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml, count = re.subn(rb'(<c r="C2"[^>]*>)(<v>30</v>)', rb"\1<f>10*3</f>\2", parts[name])
    assert count == 1
    parts[name] = xml
    with zipfile.ZipFile(sheet, "w") as book:
        for part, data in parts.items():
            book.writestr(part, data)
    assert openpyxl.load_workbook(sheet).active["C2"].value == "=10*3"  # the formula is there
    table = figures.read_table(sheet)
    assert [tuple(cells) for _, cells in table.rows] == [("firms", "2025-03-31", 30)]


def test_a_template_lists_each_target_with_its_latest_figure_in_recorded_units():
    recorded = [
        obs("grads", Q1, 12000),
        obs("grads", H1, 21000),
        obs("firms", H1, 40),
        obs("firms", H1, 45,
            RECORDED.replace(month=8)),  # a revision: it counts
    ]  # fmt: skip
    header, rows = figures.template_rows(PLAN, recorded, H1, "en")
    shown = ("id", "unit", "target", "latest", "as_of", "value", "progress", "note", "source")
    assert [h for h in header if h in shown] == list(shown)  # in this order, among others
    assert [{h: row[header.index(h)] for h in shown} for row in rows] == [
        dict(zip(shown, ["grads", "名", 40000.0, 21000, H1, None, None, None, None], strict=True)),
        dict(zip(shown, ["firms", "家", 100.0, 45, H1, None, None, None, None], strict=True)),
        dict(zip(shown, ["rd", "%", 1.15, None, H1, None, None, None, None], strict=True)),
    ]
    zh_header, early = figures.template_rows(PLAN, recorded, Q1, "zh")
    latest, unit = zh_header.index("最新值"), zh_header.index("单位")
    assert [row[latest] for row in early] == [12000, None, None]  # nothing after its date
    assert [row[unit] for row in early] == ["名", "家", "%"]
