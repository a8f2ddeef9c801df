"""Figures coming in and going out, at the edges a user would notice: a repeated row, a
blank header cell, a zero, Excel's row numbers and formula cells, and what a template
holds. Each test fails if that edge is handled otherwise."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import RECORDED, hold, kept, make_plan, make_target, obs
from gongshu_targets import cli
from gongshu_targets.core import figures, store, units
from gongshu_targets.core.figures import Cell, ValueProblem
from gongshu_targets.core.figures.cells import parse_share
from gongshu_targets.core.models import Observation
from gongshu_targets.enums import Lang
from gongshu_targets.errors import InvalidDataError, TargetsError
from gongshu_targets.outputs import wording

SHEET = Path("sheet.csv")
WORDS = {  # what the output layer gives a template to word its cells with
    lang.value: {"no_owner": wording.NO_OWNER[lang],
                 "share_text": partial(wording.share_text, lang=lang)}
    for lang in Lang
}  # fmt: skip
Q1, H1 = date(2025, 3, 31), date(2025, 6, 30)
GRADS = make_target(id="grads", unit="万名", target=4)  # recorded as people
FIRMS = make_target(id="firms", unit="家", target=100)
RATE = make_target(id="rd", unit="%", target=1.15, pace="rate")
PLAN = make_plan(GRADS, FIRMS, RATE)


def read(text: str) -> list[tuple[int, str, str, float, str, str]]:
    rows = figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    return [(n, o.id, str(o.as_of), o.value, o.note, o.source) for n, o in kept(rows)]


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


@pytest.mark.usefixtures("english")
def test_xlsx_problems_name_the_sheets_own_row_numbers(tmp_path: Path):
    sheet = _workbook(
        tmp_path / "q.xlsx",
        [["id", "as_of", "value"], ["firms", "2025-03-31", 10], [None, None, None],
         ["firms", "2025-06-30", "many"], ["nope", "2025-06-30", 1]],
    )  # fmt: skip
    assert [number for number, _ in figures.read_table(sheet).rows] == [2, 3, 4, 5]
    with pytest.raises(InvalidDataError) as caught:  # rows are read once: read it again
        figures.validate_rows(figures.read_table(sheet), PLAN, RECORDED)
    assert [(p.line, str(p.message).split(":")[0]) for p in caught.value.problems] == [
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
    header, rows = figures.template_rows(PLAN, recorded, H1, "en", **WORDS["en"])
    shown = ("id", "unit", "target", "latest", "as_of", "value", "progress", "note", "source")
    assert [h for h in header if h in shown] == list(shown)  # in this order, among others
    assert [{h: row[header.index(h)] for h in shown} for row in rows] == [
        dict(zip(shown, ["grads", "名", 40000.0, 21000, H1, None, None, None, None], strict=True)),
        dict(zip(shown, ["firms", "家", 100.0, 45, H1, None, None, None, None], strict=True)),
        dict(zip(shown, ["rd", "%", 1.15, None, H1, None, None, None, None], strict=True)),
    ]
    zh_header, early = figures.template_rows(PLAN, recorded, Q1, "zh", **WORDS["zh"])
    latest, unit = zh_header.index("最新值"), zh_header.index("单位")
    assert [row[latest] for row in early] == [12000, None, None]  # nothing after its date
    assert [row[unit] for row in early] == ["名", "家", "%"]


# --- every refusal of a cell, in its exact words --------------------------------------

PEOPLE = make_target(id="people", unit="名", target=3000)
MONEY = make_target(id="fai", unit="万元", target=800)
TASK = make_target(id="task", target=None, unit="", comparator="task", pace=None)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("cell", "target", "why"),
    [
        (Cell(True), FIRMS, "not a number"),
        ("abc", FIRMS, "not a number"),
        ("NaN", RATE, "not a number"),
        (Cell(float("inf")), FIRMS, "not a finite number"),
        ("5%", GRADS, "a percentage cannot apply to a target in 10,000 people"),
        (Cell(0.5, percent=True), GRADS, "a percentage cannot apply to a target in 10,000 people"),
        ("5元", RATE, "unit '元' cannot apply to a % target"),
        ("3家", PEOPLE, "unit '家' cannot apply to a target in people"),
        ("3万家", PEOPLE, "unit '万家' cannot apply to a target in people"),
        ("3亿元", PEOPLE, "unit '亿元' cannot apply to a target in people"),
        ("3 apples", PEOPLE, "unknown unit 'apples'"),
        ("3名", MONEY, "unit '名' cannot apply to a target in 10k yuan"),
        ("1000000000000001", RATE, "too large (beyond ±1e+15)"),
        ("-1000000000000001", RATE, "too large (beyond ±1e+15)"),
        ("-3", FIRMS, "a count or amount cannot be negative (entities)"),
        ("-0", FIRMS, "a count or amount cannot be negative (entities)"),
        (Cell(-3), FIRMS, "a count or amount cannot be negative (entities)"),
        ("3", TASK, "a task has no number: record its completion share"),
    ],
)
def test_a_cell_that_is_no_figure_of_its_target_says_why(cell: object, target, why: str):
    with pytest.raises(ValueProblem) as caught:
        figures.parse_value(cell, target)
    assert str(caught.value) == why


@pytest.mark.parametrize(
    ("cell", "target", "value"),
    [
        ("1000000000000000", RATE, 1e15),  # the largest figure, and its negative for a rate
        ("-1000000000000000", RATE, -1e15),
        ("-1.5", RATE, -1.5),
        (Cell(7), FIRMS, 7.0),
        (Cell(2.0), FIRMS, 2.0),
        (Cell(0.152, percent=True), RATE, 15.2),
        ("3万", PEOPLE, 30000.0),
        ("3亿", PEOPLE, 300000000.0),
        ("3名", GRADS, 3.0),
        ("2亿元", MONEY, 20000.0),
        ("2亿", MONEY, 20000.0),
        ("5000元", MONEY, 0.5),
        ("2万元", MONEY, 2.0),
        ("４．６％", RATE, 4.6),  # full-width, as Chinese input methods type it
        ("−1.9%", RATE, -1.9),  # a typographic minus, as PDFs copy it
        ("1 250", FIRMS, 1250.0),
    ],
)
def test_a_cell_read_in_its_targets_recording_unit(cell: object, target, value: float):
    assert figures.parse_value(cell, target) == value


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        (Cell(True), "not a share"),
        ("abc", "not a share: write it as 52% or 52, or / for no figure"),
        ("52元", "not a share: write it as 52% or 52, or / for no figure"),
        ("-5%", "a share of the task done lies from 0% to 200%"),
        (Cell(-1), "a share of the task done lies from 0% to 200%"),
        ("1000", "a share of the task done lies from 0% to 200%"),
        ("200.01%", "a share of the task done lies from 0% to 200%"),
        (Cell(2.5, percent=True), "a share of the task done lies from 0% to 200%"),
        ("1000000000000001", "a share of the task done lies from 0% to 200%"),
        (
            "0.52",
            "ambiguous share: 0.52 may be 0.52% or a fraction (52%); write it with its % sign",
        ),
        (
            Cell(0.52),
            "ambiguous share: 0.52 may be 0.52% or a fraction (52%); write it with its % sign",
        ),
    ],
)
def test_a_cell_that_is_no_share_says_why(cell: object, why: str):
    with pytest.raises(ValueProblem) as caught:
        parse_share(cell)
    assert str(caught.value) == why


@pytest.mark.parametrize(
    ("cell", "share"),
    [
        ("0", 0.0),
        ("0%", 0.0),
        ("52%", 52.0),
        ("104.5", 104.5),
        ("105%", 105.0),
        ("200", 200.0),
        ("1", 1.0),
        ("0.52%", 0.52),
        (Cell(52), 52.0),
        (Cell(52.5), 52.5),
        (Cell(0.525, percent=True), 52.5),
        (Cell(0.0052, percent=True), 0.52),
        ("/", None),
        (None, None),
    ],
)
def test_a_share_cell_read_in_percent(cell: object, share: float | None):
    assert parse_share(cell) == share


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("2025-02-30", "no such date"),
        ("2025Q5", "not a date (use YYYY-MM-DD, YYYY/M/D, YYYYQn or YYYY-MM)"),
        ("2025-13", "no such date"),
        (None, "not a date (use YYYY-MM-DD, YYYY/M/D, YYYYQn or YYYY-MM)"),
        ("soon", "not a date (use YYYY-MM-DD, YYYY/M/D, YYYYQn or YYYY-MM)"),
    ],
)
def test_a_cell_that_is_no_date_says_why(raw: object, why: str):
    with pytest.raises(ValueProblem) as caught:
        figures.parse_date(raw)
    assert str(caught.value) == why


def test_units_convert_exactly_both_ways():
    assert units.in_target_unit(40000.0, "万名") == 4.0
    assert units.in_target_unit(Decimal("40000"), "万名") == Decimal("4")
    assert units.in_target_unit(7.0, "家") == 7.0
    assert units.in_recording_unit(1.15, "万名") == 11500.0  # not 11499.999999999998
    assert units.in_recording_unit(75.7, "亿元") == 75.7  # money is recorded as written
    assert units.unit_scale("万名") == (10000.0, "名")
    with pytest.raises(units.UnitProblem) as caught:
        units.unit_scale("万apples")
    assert str(caught.value) == "unknown unit '万apples'"
    assert units.factor("", "万元") == 1
    assert units.factor("亿", "万元") == 10000
    assert units.factor("元", "亿元") == Decimal("1E-8")
    assert units.factor("%", "%") == units.factor("", "%") == 1
    assert units.as_percent(0.5) == 50.0 and units.as_share(50.0) == 0.5


# --- reading files: every refusal names the file and says why --------------------------


@pytest.mark.usefixtures("english")
def test_a_file_mostly_utf8_with_a_stray_byte_names_the_byte_and_its_line():
    raw = b"id,as_of,value,note\n" + "firms,2025Q1,1,中文说明\n".encode() * 3
    raw += b"firms,2025Q2,2,ab\xff\n"
    with pytest.raises(InvalidDataError) as caught:
        figures.decode(raw, SHEET)
    (problem,) = caught.value.problems
    at = raw.index(b"\xff")
    assert (problem.file, problem.line) == (SHEET, 5)
    assert str(problem.message) == (
        f"byte {at} (0xFF, line 5, byte 18 of the line) is not UTF-8, though the rest of the "
        "file is; fix that byte, or save it as CSV UTF-8 from Excel, or name the encoding "
        "with --encoding"
    )


def test_decoding_reads_utf8_with_a_bom_and_gbk():
    assert figures.decode("\ufeffid,数值\n".encode(), SHEET) == "id,数值\n"
    assert figures.decode("编号,数值\n".encode("gbk"), SHEET) == "编号,数值\n"


def test_an_empty_sheet_is_refused_by_name(tmp_path: Path):
    with pytest.raises(InvalidDataError) as caught:
        figures.read_csv_text("", SHEET)
    assert [str(p) for p in caught.value.problems] == ["sheet.csv: the file is empty"]
    book = openpyxl.Workbook()
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(InvalidDataError) as caught:
        figures.read_table(tmp_path / "empty.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'empty.xlsx'}: the first sheet is empty"
    ]


def test_files_that_cannot_be_sheets_are_refused_by_name(tmp_path: Path):
    for name, why in [("q.txt", "import reads .csv and .xlsx files, not .txt"),
                      ("q", "import reads .csv and .xlsx files, not this")]:  # fmt: skip
        with pytest.raises(TargetsError) as caught:
            figures.read_table(tmp_path / name)
        assert str(caught.value) == f"{tmp_path / name}: {why}"
    with pytest.raises(InvalidDataError) as caught:
        figures.read_table(tmp_path / "missing.csv")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'missing.csv'}: file not found"
    ]
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(TargetsError) as caught:
        figures.read_table(fake)
    assert str(caught.value).startswith(f"{fake}: not a readable .xlsx workbook (")


def test_a_sheet_is_read_whole_up_to_its_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    sheet = tmp_path / "q.csv"
    sheet.write_text("id,as_of,value\nfirms,2025Q1,1\n", encoding="utf-8")
    size = sheet.stat().st_size
    monkeypatch.setattr(figures.tables, "MAX_INPUT_BYTES", size)
    assert figures.read_table(sheet).path == sheet  # at the limit: read
    monkeypatch.setattr(figures.tables, "MAX_INPUT_BYTES", size - 1)
    with pytest.raises(TargetsError) as caught:
        figures.read_table(sheet)
    assert str(caught.value) == f"{sheet}: larger than 0 MiB"


def test_an_xlsx_sheet_keeps_its_path_blank_headers_and_percent_cells(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", None, "as_of", "value"])
    sheet.append(["rd", "x", "2025-03-31", 0.152])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["rd", "y", "2025-06-30", 15.2])
    book.save(tmp_path / "p.xlsx")
    table = figures.read_table(tmp_path / "p.xlsx")
    assert (table.path, table.header) == (tmp_path / "p.xlsx", ("id", "", "as_of", "value"))
    assert [cells[3] for _, cells in table.rows] == [Cell(0.152, True), 15.2]
    table = figures.read_table(tmp_path / "p.xlsx")  # rows are read once: read it again
    assert [o.value for _, o in kept(figures.validate_rows(table, PLAN, RECORDED))] == [
        15.2,
        15.2,
    ]


# --- rows, merges and sheets: what a second mutation run found untested -------------------


@pytest.mark.usefixtures("english")
def test_each_bad_row_names_its_target_column_and_cell():
    text = (
        "id,as_of,value,progress,recorded_at\n"
        ",2025Q1,1,,\n"
        "firms,2025-02-30,1,,\n"
        "firms,2025Q1,many,,\n"
        "firms,2025Q2,,-5%,\n"
        "firms,2025Q3,1,,soon\n"
    )
    with pytest.raises(InvalidDataError) as caught:
        figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    assert [(p.line, p.target_id, str(p.message)) for p in caught.value.problems] == [
        (2, None, "row 2, column id = '': empty"),
        (3, "firms", "row 3, column as_of = '2025-02-30': no such date"),
        (4, "firms", "row 4, column value = 'many': not a number"),
        (5, "firms", "row 5, column progress = '-5%': a share of the task done lies from 0% "
         "to 200%"),
        (6, "firms", "row 6, column recorded_at = 'soon': not a date and time "
                     "(YYYY-MM-DDTHH:MM:SS+08:00)"),
    ]  # fmt: skip


@pytest.mark.usefixtures("english")
def test_a_clash_is_named_and_the_rows_after_it_still_checked():
    text = (
        "id,as_of,value,progress\nfirms,2025Q1,1,10\nfirms,2025Q1,1,20\nfirms,2025Q1,2,\n"
        "firms,2025Q2,x,\n"
    )
    assert problems(text.replace("progress", "progress", 1)) == [
        "sheet.csv:3: [firms] row 3, column progress = '20': row 2 gives firms on 2025-03-31 "
        "another completion share",
        "sheet.csv:4: [firms] row 4, column value = '2': row 2 gives firms on 2025-03-31 "
        "another value",
        "sheet.csv:5: [firms] row 5, column value = 'x': not a number",
    ]


def test_a_value_and_a_share_on_a_row_seen_before_are_both_read():
    text = "id,as_of,value,progress\nfirms,2025Q1,1,\nfirms,2025Q1,1,30%\n"
    rows = figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    assert [(n, o.value, o.share) for n, o in kept(rows)] == [
        (2, 1.0, False),
        (3, 30.0, True),
    ]


def test_rows_with_no_figure_are_counted_as_skipped():
    text = "id,as_of,value\nfirms,2025Q1,\n,,\nfirms,2025Q2,3\n"
    rows = figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    assert (rows.skipped, [n for n, _ in kept(rows)]) == ([2], [4])


def test_a_stamp_without_a_zone_is_utc_and_an_apostrophe_only_guards_a_formula():
    text = "id,as_of,value,note,recorded_at\nfirms,2025Q1,1,'abc,2025-04-01T08:00:00\n"
    rows = figures.validate_rows(figures.read_csv_text(text, SHEET), PLAN, RECORDED)
    ((_, o),) = kept(rows)
    assert (o.note, str(o.recorded_at)) == ("'abc", "2025-04-01 08:00:00+00:00")
    guarded = text.replace("'abc", "'=1+2")
    ((_, g),) = kept(figures.validate_rows(figures.read_csv_text(guarded, SHEET), PLAN, RECORDED))
    assert g.note == "=1+2"


def test_header_problems_are_on_line_one_of_the_sheet():
    with pytest.raises(InvalidDataError) as caught:
        figures.validate_rows(figures.read_csv_text("id,id,note\n", SHEET), PLAN, RECORDED)
    assert [(p.file, p.line) for p in caught.value.problems] == [(SHEET, 1)] * 3
    assert [str(p.message) for p in caught.value.problems] == [
        "The header has 'id' and 'id', both the `id`/`编号` column: keep one.",
        "The header has no date column: add one headed `as_of` or `日期`, or date the whole "
        "sheet with --as-of. The columns found: 'id', 'id', 'note'.",
        "The header has no figure column: add one headed `value` or `数值`, or `progress` or "
        "`完成进度`, or both. The columns found: 'id', 'id', 'note'.",
    ]


def test_merge_names_the_target_of_each_conflict_and_stamps_revisions_a_second_later():
    held = obs("firms", Q1, 10)
    with pytest.raises(InvalidDataError) as caught:
        figures.merge([held], hold([(1, obs("firms", Q1, 12))]), replace=False, path=None)
    assert [str(p) for p in caught.value.problems] == [
        "[firms] firms on 2025-03-31 is already recorded as 10, not 12; use --replace to "
        "record a revision"
    ]
    earlier = obs("firms", Q1, 12, RECORDED.replace(month=6))
    revised = figures.merge([held], hold([(1, earlier)]), replace=True, path=None).revised
    assert revised[0][1].recorded_at == RECORDED + timedelta(seconds=1)
    stamped = figures.merge([held], hold([(7, held)], {7}), replace=False, path=SHEET)
    assert stamped.unchanged == [held]
    with pytest.raises(InvalidDataError) as caught:
        figures.merge([held], hold([(7, obs("firms", Q1, 11))], {7}), replace=False, path=SHEET)
    assert [(p.line, p.target_id) for p in caught.value.problems] == [(7, "firms")]


def test_units_of_ratios_are_recorded_as_written():
    assert units.unit_scale("吨/公顷") == (1.0, "吨/公顷")
    assert units.unit_scale("件/万人") == (1.0, "件/万人")
    assert units.is_money("万元/亩") and not units.is_money("件/万人")
    with pytest.raises(units.UnitProblem) as caught:
        units.unit_scale("件/年x")
    assert str(caught.value) == "unknown unit '件/年x'"


def test_a_template_names_targets_and_owners_in_its_language():
    for lang, name, owner in (("en", "name", "(not named)"), ("zh", "名", "（未列明）")):
        header, rows = figures.template_rows(PLAN, [], H1, lang, **WORDS[lang])
        assert {row[1] for row in rows} == {name}
        assert {row[2] for row in rows} == {owner}


def test_a_template_words_a_latest_share_and_the_latest_figure_of_either_kind_counts():
    """A task's latest figure is its 完成进度: the 最新值 cell says so in the output layer's
    words (never a bare 52 that reads as a value); a target whose latest figure is a share
    shows the share, and on one date the value is the last word, as scoring has it."""
    task = make_target(id="task", target=None, unit="", comparator="task", pace=None)
    plan = make_plan(task, FIRMS)
    recorded = [
        Observation(id="task", as_of=Q1, value=20, recorded_at=RECORDED, share=True),
        Observation(id="task", as_of=H1, value=52.5, recorded_at=RECORDED, share=True),
        obs("firms", Q1, 10),
        Observation(id="firms", as_of=H1, value=50, recorded_at=RECORDED, share=True),
        obs("firms", H1, 45),
    ]
    for lang, task_cell in (("zh", "完成进度 52.5%"), ("en", "52.5% done")):
        header, rows = figures.template_rows(plan, recorded, H1, lang, **WORDS[lang])
        latest = header.index("最新值" if lang == "zh" else "latest")
        assert [row[latest] for row in rows] == [task_cell, 45]
    header, rows = figures.template_rows(plan, recorded[1:4], H1, "zh", **WORDS["zh"])
    assert [row[header.index("最新值")] for row in rows] == ["完成进度 52.5%", "完成进度 50%"]


def test_an_export_gives_a_share_no_value_and_an_unknown_id_no_unit():
    shared = Observation(id="firms", as_of=Q1, value=40, recorded_at=RECORDED, share=True)
    rows = figures.export_rows(PLAN, [shared, obs("gone", Q1, 3), obs("firms", Q1, 5)])
    assert [row[:4] + row[7:] for row in rows] == [
        ["firms", Q1, 5, "家", None],
        ["firms", Q1, None, "", 40],
        ["gone", Q1, 3, "", None],
    ]


def test_the_size_limit_is_said_in_mib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    sheet = tmp_path / "big.csv"
    sheet.write_bytes(b"id,as_of,value\n" + b"x" * (3 * 2**20))
    monkeypatch.setattr(figures.tables, "MAX_INPUT_BYTES", 3 * 2**20)
    with pytest.raises(TargetsError) as caught:
        figures.read_table(sheet)
    assert str(caught.value) == f"{sheet}: larger than 3 MiB"


def test_a_broken_csv_record_names_the_sheet():
    table = figures.read_csv_text("id,as_of,value\nfirms,2025Q1," + "9" * 200_000 + "\n", SHEET)
    with pytest.raises(InvalidDataError) as caught:  # rows are parsed as they are read
        list(table.rows)
    assert [p.file for p in caught.value.problems] == [SHEET]


def test_a_grouped_number_then_a_comma_is_ambiguous():
    with pytest.raises(ValueProblem) as caught:
        figures.parse_value("1,250万,3", PEOPLE)
    assert str(caught.value).startswith("ambiguous comma")


@pytest.mark.parametrize(
    ("typed", "lang", "said"),
    [
        ("5%", "en", "value '5%': a percentage cannot apply to a target in entities"),
        ("5%", "zh", "数值 '5%'：百分比不能用于单位为 家 的目标"),
        ("5亿元", "en", "value '5亿元': unit '亿元' cannot apply to a target in entities"),
        ("5亿元", "zh", "数值 '5亿元'：单位 '亿元' 不能用于单位为 家 的目标"),
        ("5亿x", "en", "value '5亿x': unknown unit '亿x'"),
    ],
)
def test_a_unit_refused_is_quoted_as_typed_and_the_targets_in_the_readers_words(
    tmp_path: Path, typed: str, lang: str, said: str
):
    store.init_copy(tmp_path)
    before = (tmp_path / "progress.csv").read_bytes()
    result = CliRunner().invoke(cli.app, ["update", "trusted-consumption-units", typed, "--as-of",
                                          "2025Q3", "-f", str(tmp_path / "targets.yaml"),
                                          "--lang", lang])  # fmt: skip
    assert result.exit_code == 3
    assert result.stderr.splitlines()[1] == f"  [trusted-consumption-units] {said}"
    assert (tmp_path / "progress.csv").read_bytes() == before


def test_the_core_gives_its_figures_as_numbers_for_the_outputs_to_word():
    """A limit or a reading the core names is a number in its message, worded (rounded,
    grouped) by the catalog in the reader's language, never text the core formatted."""
    said = units.not_whole(Decimal("3.1"), "万名")
    assert said.params["scaled"] == Decimal(31000)
    assert str(said).endswith("did you mean '3.1万' (31,000 people)?")
    with pytest.raises(ValueProblem) as caught:
        figures.parse_value("1" + "0" * 16, RATE)
    assert caught.value.why.params["limit"] == 1e15
