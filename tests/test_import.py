"""Quarterly updates: parsing cells, decoding files, merging, and the update/import/template/
export commands, always in a copy of a plan (plan_dir or `targets init`), never the repo's."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import (
    PERIOD,
    RECORDED,
    hold,
    kept,
    make_plan,
    make_target,
    obs,
    progress_text,
    write_progress,
)
from gongshu_targets import cli
from gongshu_targets.core import figures, store
from gongshu_targets.core.figures import Cell, ValueProblem
from gongshu_targets.core.models import Observation
from gongshu_targets.errors import ExitCode, InvalidDataError, TargetsError

runner = CliRunner()
IN_WAN = " people is not a whole number: a target in 10,000 people counts whole people"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


BOM = b"\xef\xbb\xbf"
PERIOD_TEXT = "2025-01-01 to 2025-12-31"

# Targets in each kind of unit.
GRADS = make_target(id="grads", unit="万名", target=4)  # recorded as people
PEOPLE = make_target(id="people", unit="名", target=3000)
MONEY = make_target(id="fai", unit="亿元", target=800)
RATE = make_target(id="rd", unit="%", target=1.15, pace="rate")


def run(*args: str, env: dict[str, str | None] | None = None):
    """Invoke `targets`; no TARGETS_FILE or COLUMNS leaks in from the caller's shell."""
    return runner.invoke(
        cli.app, list(args), env={"TARGETS_FILE": None, "COLUMNS": None, **(env or {})}
    )


def plan_args(folder: Path) -> list[str]:
    return ["-f", str(folder / "targets.yaml")]


def progress_rows(folder: Path) -> list[dict[str, str]]:
    text = (folder / "progress.csv").read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def rows_for(folder: Path, target_id: str) -> list[tuple[str, str, str]]:
    return [
        (r["as_of"], r["value"], r["note"]) for r in progress_rows(folder) if r["id"] == target_id
    ]


def status_json(folder: Path) -> dict[str, dict]:
    result = run("status", *plan_args(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


def import_(folder: Path, sheet: Path, *options: str):
    return run("import", str(sheet), *options, *plan_args(folder))


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- parse_value -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "target", "expected"),
    [
        ("4万", GRADS, 40000),
        ("4万名", GRADS, 40000),
        ("40000", GRADS, 40000),
        ("40,000", GRADS, 40000),
        ("４００００", GRADS, 40000),
        ("２万", GRADS, 20000),
        ("3000名", PEOPLE, 3000),
        ("75.7亿元", MONEY, 75.7),
        ("75.7亿", MONEY, 75.7),
        ("75.7", MONEY, 75.7),
        ("7570000万元", MONEY, 757.0),
        ("15.2%", RATE, 15.2),
        ("15.2", RATE, 15.2),
        ("５％", RATE, 5.0),
        ("-1.9", RATE, -1.9),
        ("-0", RATE, 0.0),
        ("１２.５", RATE, 12.5),
        (" 4.6 ", RATE, 4.6),
    ],
)
def test_parse_value_text(raw: str, target, expected: float):
    value = figures.parse_value(Cell(raw), target)
    assert value == expected  # exact: decimal arithmetic, no float drift
    assert isinstance(value, float)


def test_parse_value_money_conversion_is_exact():
    assert repr(figures.parse_value(Cell("7570000万元"), MONEY)) == "757.0"
    assert repr(figures.parse_value(Cell("1元"), MONEY)) == "1e-08"


def test_parse_value_excel_percentage_cell():
    assert figures.parse_value(Cell(0.152, percent=True), RATE) == pytest.approx(15.2)
    with pytest.raises(ValueProblem, match="percentage"):
        figures.parse_value(Cell(0.152, percent=True), GRADS)


def test_parse_value_excel_number_cells():
    assert figures.parse_value(Cell(40000), GRADS) == 40000
    assert figures.parse_value(Cell(40000.0), GRADS) == 40000
    assert figures.parse_value(Cell(4.6), RATE) == 4.6


@pytest.mark.parametrize(
    ("raw", "target"),
    [
        ("5%", GRADS),
        ("5%", PEOPLE),
        ("3家", PEOPLE),
        ("3家", GRADS),
        ("5万元", GRADS),
        ("5家", MONEY),
        ("5亿元", RATE),
        ("abc", GRADS),
        ("", GRADS),
        ("   ", RATE),
        ("1e999", RATE),
        ("-5", GRADS),
        ("-5万", GRADS),
        ("-0", GRADS),
        ("-0.0", MONEY),
        (-0.0, PEOPLE),
        ("4.6.1", RATE),
        (True, GRADS),
        (False, RATE),
        (float("nan"), RATE),
        (float("inf"), GRADS),
    ],
)
def test_parse_value_rejects(raw: object, target):
    with pytest.raises(ValueProblem):
        figures.parse_value(Cell(raw), target)


def test_parse_value_error_says_why():
    with pytest.raises(ValueProblem, match="percentage"):
        figures.parse_value(Cell("5%"), GRADS)
    with pytest.raises(ValueProblem, match="家"):
        figures.parse_value(Cell("3家"), PEOPLE)
    with pytest.raises(ValueProblem, match="not a number"):
        figures.parse_value(Cell("abc"), PEOPLE)


JOBS = make_target(id="jobs", unit="万人", target=3)
ROADS = make_target(id="roads", unit="公里", target=12)


@pytest.mark.parametrize(
    ("raw", "target", "expected"),
    [
        ("3.1万名", JOBS, 31000),
        ("3.1万人", GRADS, 31000),
        ("3000人", PEOPLE, 3000),
        ("15000.0", JOBS, 15000),
        (Cell(15000.0), JOBS, 15000),
        ("3.12345万", ROADS, 31234.5),
        ("1.5", ROADS, 1.5),
    ],
)
def test_people_are_people_and_only_things_counted_one_by_one_are_whole(
    raw: object, target, expected: float
):
    assert figures.parse_value(raw if isinstance(raw, Cell) else Cell(raw), target) == expected


@pytest.mark.parametrize(
    ("raw", "target", "why"),
    [
        (
            "15000.7",
            JOBS,
            "15000.7" + IN_WAN,
        ),
        (
            15000.7,
            JOBS,
            "15000.7" + IN_WAN,
        ),
        (
            "3.12345万",
            GRADS,
            "31234.5" + IN_WAN,
        ),
        ("2.5", PEOPLE, "2.5 people is not a whole number: a target in people counts whole people"),
        ("3.1万人次", JOBS, "unit '万人次' cannot apply to a target in 10,000 people"),
    ],
)
def test_a_count_of_things_is_whole(raw: object, target, why: str):
    with pytest.raises(ValueProblem) as caught:
        figures.parse_value(Cell(raw), target)
    assert str(caught.value) == why


def test_parse_value_too_large_is_refused():
    with pytest.raises(ValueProblem, match=r"too large \(beyond ±1e\+15\)"):
        figures.parse_value(Cell("1" + "0" * 400), GRADS)


# --- parse_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-06-30", date(2025, 6, 30)),
        ("2025/6/30", date(2025, 6, 30)),
        ("2025年6月30日", date(2025, 6, 30)),
        ("２０２５－０６－３０", date(2025, 6, 30)),
        (" 2025-06-30 ", date(2025, 6, 30)),
        ("2025Q2", date(2025, 6, 30)),
        ("2025q2", date(2025, 6, 30)),
        ("2025-Q2", date(2025, 6, 30)),
        ("2025Q1", date(2025, 3, 31)),
        ("2025Q3", date(2025, 9, 30)),
        ("2025Q4", date(2025, 12, 31)),
        ("2025-06", date(2025, 6, 30)),
        ("2025-02", date(2025, 2, 28)),
        ("2024-02", date(2024, 2, 29)),
        ("2025年6月", date(2025, 6, 30)),
        (datetime(2025, 6, 30, 0, 0), date(2025, 6, 30)),
        (datetime(2025, 6, 30, 15, 45), date(2025, 6, 30)),
        (date(2025, 6, 30), date(2025, 6, 30)),
    ],
)
def test_parse_date(raw: object, expected: date):
    day = figures.parse_date(raw)
    assert day == expected
    assert type(day) is date


@pytest.mark.parametrize(
    "raw", ["2025-13-01", "2025-02-30", "2025-00", "2025Q5", "next week", "", None, "20250630"]
)
def test_parse_date_rejects(raw: object):
    with pytest.raises(ValueProblem):
        figures.parse_date(raw)


def test_parse_as_of_keeps_to_the_plan_period():
    period = make_plan(RATE).period
    assert figures.parse_as_of("2025-01-01", period) == PERIOD["start"]
    assert figures.parse_as_of("2025Q4", period) == PERIOD["end"]
    for outside in ("2024-12-31", "2026-01-01", "2024Q4", "2026-03"):
        with pytest.raises(ValueProblem, match="outside the plan's period"):
            figures.parse_as_of(outside, period)


# --- decode ------------------------------------------------------------------------------

CHINESE = "编号,日期,数值,备注\nyoung-graduates,2025-09-30,3万,人社局第三季度\n"


def test_decode_utf8_with_and_without_bom():
    path = Path("x.csv")
    assert figures.decode(BOM + CHINESE.encode("utf-8"), path) == CHINESE
    assert figures.decode(CHINESE.encode("utf-8"), path) == CHINESE


def test_decode_gbk_via_gb18030():
    raw = CHINESE.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the test really is about a non-UTF-8 file
    assert figures.decode(raw, Path("x.csv")) == CHINESE


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00\x00\xff", b"id,note\nx,caf\xe9 \xff\n"])
def test_decode_refuses_what_is_neither_and_names_encoding_option(raw: bytes):
    for candidate in ("utf-8", "gb18030"):  # the bytes are really invalid in both
        with pytest.raises(UnicodeDecodeError):
            raw.decode(candidate)
    with pytest.raises(TargetsError, match="--encoding") as caught:
        figures.decode(raw, Path("bad.csv"))
    assert "bad.csv" in str(caught.value)


def test_decode_explicit_encoding():
    assert figures.decode("note,café\n".encode("latin-1"), Path("x.csv"), "latin-1") == (
        "note,café\n"
    )
    assert figures.decode(CHINESE.encode("utf-16"), Path("x.csv"), "utf-16") == CHINESE
    assert figures.decode(CHINESE.encode("gbk"), Path("x.csv"), "gbk") == CHINESE


def test_decode_explicit_encoding_that_does_not_fit():
    with pytest.raises(TargetsError, match="not valid utf-8"):
        figures.decode(CHINESE.encode("gbk"), Path("x.csv"), "utf-8")


def test_decode_unknown_encoding_name():
    with pytest.raises(TargetsError, match="no-such-codec"):
        figures.decode(b"id\n", Path("x.csv"), "no-such-codec")


# --- merge -------------------------------------------------------------------------------

DAY = date(2025, 6, 30)
LATER = datetime(2025, 8, 1, tzinfo=UTC)


def test_merge_same_value_is_unchanged():
    held = obs("t", DAY, 5.0)
    result = figures.merge([held], hold([(2, obs("t", DAY, 5.0, LATER))]), False, Path("in.csv"))
    assert result.unchanged == [held]
    assert result.added == [] and result.revised == [] and result.new_rows == []


def test_merge_different_value_is_a_conflict_naming_the_row():
    held = obs("t", DAY, 5.0)
    with pytest.raises(InvalidDataError) as caught:
        figures.merge([held], hold([(7, obs("t", DAY, 6.0, LATER))]), False, Path("in.csv"))
    message = str(caught.value)
    assert "in.csv:7" in message and "row 7" in message
    assert "--replace" in message and "5" in message and "6" in message
    [problem] = caught.value.problems
    assert problem.line == 7 and problem.target_id == "t"


def test_merge_with_replace_is_a_revision():
    held = obs("t", DAY, 5.0)
    new = obs("t", DAY, 6.0, LATER)
    result = figures.merge([held], hold([(2, new)]), True, Path("in.csv"))
    assert result.revised == [(held, new)]
    assert result.new_rows == [new]
    assert result.added == [] and result.unchanged == []


def test_merge_new_figure_is_added():
    held = obs("t", DAY, 5.0)
    new = obs("t", date(2025, 9, 30), 6.0, LATER)
    other = obs("u", DAY, 5.0, LATER)
    result = figures.merge([held], hold([(2, new), (3, other)]), False, None)
    assert result.added == [new, other]
    assert result.new_rows == [new, other]


def test_merge_compares_with_the_latest_revision():
    old = obs("t", DAY, 5.0)
    current = obs("t", DAY, 6.0, LATER)
    result = figures.merge([old, current], hold([(2, obs("t", DAY, 6.0))]), False, None)
    assert result.unchanged == [current]
    with pytest.raises(InvalidDataError):
        figures.merge([old, current], hold([(2, obs("t", DAY, 5.0))]), False, None)


# --- validate_rows: the plain figure path for rows seen before ---------------------------

RATE_PLAN = make_plan(GRADS, PEOPLE, MONEY, RATE)
SHEET = Path("sheet.csv")
HEADER = ("id", "as_of", "value", "note", "source")
# Mostly cells that read well, so that many rows reach ``figure``; some that do not.
ID_CELLS = st.one_of(
    st.sampled_from(["grads", "people", "fai", "rd", " rd", "ｆａｉ"]),
    st.sampled_from(["nope", "", None, 7]),
)
DATE_CELLS = st.one_of(
    st.sampled_from(["2025-03-31", "2025Q1", "2025/3/31", "2025-06", " 2025Q2"]),
    st.sampled_from(["2026-01-01", "soon", "", None]),
    st.dates(date(2024, 12, 30), date(2026, 1, 2)),
)
VALUE_CELLS = st.one_of(
    st.sampled_from(["4.6", "-1.9", "-0", "20000", "4万", "75.7亿元", "15.2%", "1,234", "１２"]),
    st.from_regex(r"-?[0-9]{1,17}(\.[0-9]{1,3})?", fullmatch=True),
    st.text(alphabet="0123456789.-万亿元%, e", max_size=8),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(Cell, st.floats(-1, 1), st.just(True)),
    st.sampled_from(["", " ", None]),
)
TEXT_CELLS = st.one_of(st.sampled_from(["", "上半年", " 统计局 ", None]), st.integers(0, 9))
ROW = st.tuples(ID_CELLS, DATE_CELLS, VALUE_CELLS, TEXT_CELLS, TEXT_CELLS)
# A row may be cut short or run past the header, as hand-edited CSVs do.
ROWS = st.lists(
    st.tuples(ROW, st.integers(2, 7)).map(lambda r: [*r[0], "extra"][: r[1]]), max_size=30
)


def _table(rows: list[list[object]]) -> figures.Table:
    return figures.Table(SHEET, HEADER, [(n, row) for n, row in enumerate(rows, start=2)])


def _reader(table: figures.Table) -> figures.rows._RowReader:
    return figures.rows._RowReader(table, figures.rows._columns(table), RATE_PLAN, RECORDED)


def _plain(reader: figures.rows._RowReader, number: int, cells: tuple) -> Observation | None:
    """The row's figure as ``figure`` reads it and the columns hold it, as an observation."""
    found = reader.figure(cells)
    if found is None:
        return None
    reader.held.add_plain(number, found, cells[2])
    return reader.held.observation(len(reader.held) - 1)


@given(rows=ROWS)
def test_the_plain_figure_path_gives_each_row_what_the_full_check_gives(rows):
    """Rows whose id and date cells were seen before take ``figure``, with no second
    pydantic look: each figure it gives, held in the columns, must equal the full check's of
    the same row, and the full check must find nothing wrong with that row."""
    table = _table(rows)
    reader = _reader(table)
    for number, row in table.rows:
        cells = reader.fields(row)
        plain = _plain(reader, number, cells)
        if figures.tables._blank(cells[2]):
            assert plain is None
            continue
        problems = len(reader.problems)
        full = reader.read(number, cells)
        if plain is not None:
            assert [plain] == full
            assert plain.model_dump() == full[0].model_dump()
            assert len(reader.problems) == problems


def test_the_plain_figure_path_takes_a_row_whose_id_and_date_were_seen():
    table = _table([["fai", "2025Q1", "1"], ["rd", "2025Q2", "2"],
                    ["fai", "2025Q2", "3", " 上半年 ", " 统计局 "]])  # fmt: skip
    reader = _reader(table)
    first, second, third = (row for _, row in table.rows)
    assert reader.figure(reader.fields(first)) is None  # nothing seen: the full check learns
    assert reader.read(2, reader.fields(first)) is not None
    assert reader.read(3, reader.fields(second)) is not None
    assert _plain(reader, 4, reader.fields(third)) == Observation(
        id="fai", as_of=date(2025, 6, 30), value=3.0, note="上半年", source="统计局",
        recorded_at=RECORDED,
    )  # fmt: skip


def test_a_text_cell_is_never_read_as_an_earlier_excel_date():
    table = _table([["fai", date(2025, 3, 31), "1"], ["rd", "datetime.date(2025, 3, 31)", "2"]])
    with pytest.raises(InvalidDataError) as caught:
        figures.validate_rows(table, RATE_PLAN, RECORDED)
    assert [p.line for p in caught.value.problems] == [3]


def test_a_figure_given_twice_counts_once_and_a_clash_names_both_rows():
    same = figures.read_csv_text(
        "id,as_of,value\nfai,2025Q1,1\nrd,2025Q2,2\nfai,2025Q2,3\nfai,2025Q2,3\n", SHEET
    )
    rows = figures.validate_rows(same, RATE_PLAN, RECORDED)
    assert [(n, o.id, str(o.as_of), o.value) for n, o in kept(rows)] == [
        (2, "fai", "2025-03-31", 1.0),
        (3, "rd", "2025-06-30", 2.0),
        (4, "fai", "2025-06-30", 3.0),
    ]
    clash = figures.read_csv_text(
        "id,as_of,value\nfai,2025Q1,1\nrd,2025Q2,2\nfai,2025Q2,3\nfai,2025Q2,4\n", SHEET
    )
    with pytest.raises(InvalidDataError) as caught:
        figures.validate_rows(clash, RATE_PLAN, RECORDED)
    assert [str(p) for p in caught.value.problems] == [
        "sheet.csv:5: [fai] row 5, column value = '4': row 4 gives fai on 2025-06-30 another value"
    ]


@pytest.mark.parametrize("quote", ["", '"'], ids=["unquoted", "quoted"])
def test_csv_records_number_lines_and_name_the_line_of_a_broken_record(quote: str):
    text = f"id,as_of,value\r\n\r\nfai,2025Q1,{quote}1{quote}\r\nrd,2025Q2,2\r\n"
    assert list(store.csv_records(text, SHEET)) == [
        (1, ["id", "as_of", "value"]),
        (2, []),
        (3, ["fai", "2025Q1", "1"]),
        (4, ["rd", "2025Q2", "2"]),
    ]
    huge = text + "fai,2025Q3," + "9" * 200_000 + "\r\n"  # over the csv module's field limit
    with pytest.raises(InvalidDataError) as caught:
        list(store.csv_records(huge, SHEET))
    assert caught.value.problems[0].line == 5
    assert str(caught.value.problems[0]).startswith("sheet.csv:5: row 5: not valid CSV")


@pytest.mark.parametrize("enabled", [True, False])
def test_bulk_pauses_the_garbage_collector_and_restores_it(enabled: bool):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(ZeroDivisionError), store.bulk():
            assert not gc.isenabled()
            1 / 0  # noqa: B018
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# --- import: encodings and spreadsheet quirks ---------------------------------------------


def test_import_gbk_csv_with_chinese_headers_and_note(plan_dir: Path):
    sheet = write_csv(plan_dir / "q3.csv", CHINESE, "gbk")
    result = import_(plan_dir, sheet)
    assert result.exit_code == 0, result.output
    assert result.stdout == "added 1, revised 0, left 0 unchanged\n"
    assert ("2025-09-30", "30000", "人社局第三季度") in rows_for(plan_dir, "young-graduates")


def test_import_utf8_bom_crlf_fullwidth_and_blank_trailing_rows(plan_dir: Path):
    text = (
        "id,as_of,value,note\r\n"
        "gdp-growth,２０２５－０６－３０,５．１,上半年\r\n"
        "young-graduates,2025Q3,３００００,\r\n"
        ",,,\r\n"
        "\r\n"
        ",,,\r\n"
    )
    sheet = plan_dir / "q.csv"
    sheet.write_bytes(BOM + text.encode("utf-8"))
    result = import_(plan_dir, sheet)
    assert result.exit_code == 0, result.output
    assert "added 2" in result.output
    assert "skipped" not in result.output  # blank rows are passed over, not counted
    assert ("2025-06-30", "5.1", "上半年") in rows_for(plan_dir, "gdp-growth")
    assert ("2025-09-30", "30000", "") in rows_for(plan_dir, "young-graduates")


def test_bad_rows_are_all_listed_and_nothing_is_written(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "bad.csv",
        "id,as_of,value\n"
        "gdp-growth,2025-06-30,5.1\n"
        "gdp-growht,2025-06-30,5.0\n"
        "young-graduates,2025-09-30,lots\n",
    )
    before = (plan_dir / "progress.csv").read_bytes()
    files = {p.name for p in plan_dir.iterdir()}
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    assert result.stderr.startswith("Error: 2 problems found; nothing was written:\n")
    assert "row 3, column id = 'gdp-growht'" in result.stderr
    assert "did you mean gdp-growth" in result.stderr
    assert "row 4, column value = 'lots'" in result.stderr
    assert "row 2" not in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before
    left = {p.name for p in plan_dir.iterdir()}
    assert not [name for name in left if name.endswith(".tmp")]
    assert left <= files | {"progress.csv.lock"}


@pytest.mark.parametrize(
    ("text", "cells", "past"),
    [
        ("id,as_of,value\nyoung-graduates,2025-09-30,30500,Q3\n", "4 cells", "'Q3'"),
        (
            "id,as_of,value,note\nyoung-graduates,2025-09-30,30500,Q3, by 人社局\n",
            "5 cells",
            "' by 人社局'",
        ),
    ],
    ids=["note-past-the-header", "note-with-comma"],
)
def test_a_row_with_more_cells_than_the_header_is_refused(
    plan_dir: Path, text: str, cells: str, past: str
):
    sheet = write_csv(plan_dir / "wide.csv", text)
    before = (plan_dir / "progress.csv").read_bytes()
    for options in (("--dry-run",), ()):
        result = import_(plan_dir, sheet, *options)
        assert result.exit_code == ExitCode.INVALID_INPUT, result.output
        assert result.stdout == ""
        assert f"wide.csv:2: row 2 has {cells}" in result.stderr
        assert f"past the header: {past}" in result.stderr
        assert (plan_dir / "progress.csv").read_bytes() == before


def test_empty_cells_past_the_header_are_passed_over(plan_dir: Path):
    sheet = write_csv(plan_dir / "w.csv", "id,as_of,value\nyoung-graduates,2025-09-30,30500,,\n")
    result = import_(plan_dir, sheet)
    assert result.exit_code == 0, result.output
    assert ("2025-09-30", "30500", "") in rows_for(plan_dir, "young-graduates")


def test_unit_mismatch_is_refused(plan_dir: Path):
    sheet = write_csv(plan_dir / "u.csv", "id,as_of,value\nyoung-graduates,2025-09-30,5%\n")
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 2, column value = '5%'" in result.stderr
    assert "percentage" in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_date_outside_the_period_is_refused(plan_dir: Path):
    sheet = write_csv(plan_dir / "d.csv", "id,as_of,value\ngdp-growth,2026-03-31,5.0\n")
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 2, column as_of" in result.stderr
    assert "outside the plan's period" in result.stderr


def test_importing_twice_changes_nothing(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "q.csv",
        "id,as_of,value\ngdp-growth,2025-06-30,5.1\nyoung-graduates,2025-06-30,2万\n",
    )
    first = import_(plan_dir, sheet)
    assert first.exit_code == 0, first.output
    assert "added 1" in first.output and "left 1 unchanged" in first.output
    progress = plan_dir / "progress.csv"
    before, mtime = progress.read_bytes(), progress.stat().st_mtime_ns
    second = import_(plan_dir, sheet)
    assert second.exit_code == 0, second.output
    assert "added 0" in second.output and "left 2 unchanged" in second.output
    assert "not touched" in second.output
    assert progress.read_bytes() == before
    assert progress.stat().st_mtime_ns == mtime


def test_conflict_needs_replace_and_replace_keeps_history(plan_dir: Path):
    sheet = write_csv(plan_dir / "r.csv", "id,as_of,value\nyoung-graduates,2025-06-30,25000\n")
    before = (plan_dir / "progress.csv").read_bytes()
    refused = import_(plan_dir, sheet)
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert refused.stderr.startswith("Error: 1 problem found; nothing was written:\n")
    assert "--replace" in refused.stderr
    assert "row 2" in refused.stderr and "20000" in refused.stderr and "25000" in refused.stderr
    assert refused.stdout == ""
    assert (plan_dir / "progress.csv").read_bytes() == before

    replaced = import_(plan_dir, sheet, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert "revised 1" in replaced.output
    kept = [(a, v) for a, v, _ in rows_for(plan_dir, "young-graduates")]
    assert kept == [("2025-06-30", "20000"), ("2025-06-30", "25000")]
    assert status_json(plan_dir)["young-graduates"]["value"] == 2.5

    shown = run("show", "young-graduates", "--lang", "zh", *plan_args(plan_dir))
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    old = [line for line in lines if "2025-07-10" in line]  # the seeded row's recorded_at
    new = [line for line in lines if "2.5 万名" in line and not ("最新" in line or "•" in line)]
    assert len(old) == 1 and "2 万名 （已修订）" in old[0]
    assert len(new) == 1 and "已修订" not in new[0]


def test_dry_run_shows_each_cell_exactly_as_typed(plan_dir: Path):
    """5.0 is shown as 5.0, not as the 5 a float would be written as."""
    sheet = write_csv(
        plan_dir / "q.csv",
        "id,as_of,value\ngdp-growth,2025-06-30,5.0\nyoung-graduates,2025-06-30,25000.0\n",
    )
    result = import_(plan_dir, sheet, "--dry-run", "--replace")
    assert result.exit_code == 0, result.output
    assert "5.0 → 5%" in result.stdout and "25000.0 → 25,000 people" in result.stdout
    assert "│ 5 → 5%" not in result.stdout


def test_dry_run_shows_the_plan_and_writes_nothing(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "q.csv",
        "id,as_of,value\n"
        "gdp-growth,2025-06-30,5.1\n"
        "young-graduates,2025-06-30,25000\n"
        "gdp-growth,2025-03-31,4.6\n",
    )
    progress = plan_dir / "progress.csv"
    before, mtime = progress.read_bytes(), progress.stat().st_mtime_ns
    result = import_(plan_dir, sheet, "--dry-run", "--replace")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()

    def line_with(*words: str) -> str:
        found = [line for line in lines if all(w in line for w in words)]
        assert len(found) == 1, (words, result.stdout)
        return found[0]

    line_with("add", "gdp-growth", "2025-06-30", "—", "5.1 → 5.1%", "5.1")
    line_with("revise", "young-graduates", "2025-06-30", "20,000 people",
              "25000 → 25,000 people", "25000")  # fmt: skip
    line_with("unchanged", "gdp-growth", "2025-03-31", "4.6%", "4.6 → 4.6%", "4.6")
    assert "would add 1, would revise 1, would leave 1 unchanged" in result.output
    assert "nothing written" in result.output
    assert progress.read_bytes() == before
    assert progress.stat().st_mtime_ns == mtime


def test_dry_run_still_reports_a_conflict(plan_dir: Path):
    sheet = write_csv(plan_dir / "r.csv", "id,as_of,value\nyoung-graduates,2025-06-30,25000\n")
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet, "--dry-run")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "--replace" in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_unknown_column_is_named(plan_dir: Path):
    sheet = write_csv(plan_dir / "h.csv", "id,as_of,value,comment\ngdp-growth,2025-06-30,5.1,x\n")
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "The header has a column 'comment' that an import does not read" in result.stderr
    assert result.stdout == ""


def test_missing_required_column(plan_dir: Path):
    sheet = write_csv(plan_dir / "h.csv", "编号,数值\ngdp-growth,5.1\n")
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "The header has no date column: add one headed `as_of` or `日期`" in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_import_refuses_other_file_types(plan_dir: Path):
    sheet = plan_dir / "q.txt"
    sheet.write_text("id,as_of,value\n", encoding="utf-8")
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert ".txt" in result.stderr


def test_import_unreadable_encoding_says_encoding_option(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_bytes(b"id,as_of,value\ngdp-growth,2025-06-30,5.1\nx,y,\xff\xfe\x00\xff\n")
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "--encoding" in result.stderr


def test_import_explicit_encoding(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "q.csv", "id,as_of,value,note\ngdp-growth,2025-06-30,5.1,café\n", "cp1252"
    )
    result = import_(plan_dir, sheet, "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert ("2025-06-30", "5.1", "café") in rows_for(plan_dir, "gdp-growth")
    unknown = import_(plan_dir, sheet, "--encoding", "no-such-codec")
    assert unknown.exit_code == ExitCode.INVALID_INPUT
    assert "no-such-codec" in unknown.stderr


def test_import_explicit_utf8_encoding_of_a_bom_file(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_bytes(BOM + b"id,as_of,value\r\ngdp-growth,2025-06-30,5.1\r\n")
    result = import_(plan_dir, sheet, "--encoding", "utf-8")
    assert result.exit_code == 0, result.output
    assert ("2025-06-30", "5.1", "") in rows_for(plan_dir, "gdp-growth")


def test_row_number_of_a_record_with_a_multiline_note(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "m.csv", 'id,as_of,value,note\ngdp-growth,2025-06-30,abc,"two\nlines"\n'
    )
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 2, column value = 'abc'" in result.stderr


# --- template -> import -> export round trips --------------------------------------------


def header_index(header: tuple | list, *names: str) -> int:
    for i, title in enumerate(header):
        if title in names:
            return i
    raise AssertionError(f"none of {names} in {header}")


def export_json(folder: Path) -> list[dict]:
    result = run("export", "--format", "json", *plan_args(folder))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


SEEDED = {
    ("gdp-growth", "2025-03-31", 4.6),
    ("income-growth", "2025-03-31", 5.0),
    ("young-graduates", "2025-06-30", 20000),
}


def test_xlsx_template_round_trip_and_export(plan_dir: Path):
    template = plan_dir / "t.xlsx"
    made = run("template", "--as-of", "2025Q3", "-o", str(template), *plan_args(plan_dir))
    assert made.exit_code == 0, made.output
    assert made.stdout == ""

    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    id_col = header_index(header, "id", "编号") + 1
    value_col = header_index(header, "value", "数值") + 1
    rows = {sheet.cell(r, id_col).value: r for r in range(2, sheet.max_row + 1)}
    assert set(rows) == {"gdp-growth", "income-growth", "young-graduates", "platform-rd"}
    percent = sheet.cell(rows["gdp-growth"], value_col)
    percent.value = 0.052  # typed as 5.2% in a cell formatted as a percentage
    percent.number_format = "0.0%"
    sheet.cell(rows["young-graduates"], value_col).value = 30000
    book.save(template)

    result = import_(plan_dir, template)
    assert result.exit_code == 0, result.output
    assert "added 2" in result.output
    assert "skipped 2" in result.output  # income-growth and platform-rd left empty
    assert rows_for(plan_dir, "gdp-growth")[-1][:2] == ("2025-09-30", "5.2")
    assert rows_for(plan_dir, "young-graduates")[-1][:2] == ("2025-09-30", "30000")

    exported = {(r["id"], r["as_of"], r["value"]) for r in export_json(plan_dir)}
    assert exported == SEEDED | {
        ("gdp-growth", "2025-09-30", 5.2),
        ("young-graduates", "2025-09-30", 30000),
    }
    assert len(export_json(plan_dir)) == 5

    out = plan_dir / "e.xlsx"
    written = run("export", "-o", str(out), *plan_args(plan_dir))
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    sheet = openpyxl.load_workbook(out).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == list(figures.EXPORT_COLUMNS)
    columns = {name: i for i, name in enumerate(table[0])}
    assert len(table) == 6
    for row in table[1:]:
        value, as_of = row[columns["value"]], row[columns["as_of"]]
        assert isinstance(value, int | float) and not isinstance(value, bool)
        assert isinstance(as_of, datetime | date)
        assert isinstance(row[columns["recorded_at"]], datetime)
    recorded = {
        (r[columns["id"]], r[columns["as_of"]].date(), r[columns["value"]]) for r in table[1:]
    }
    assert ("gdp-growth", date(2025, 9, 30), 5.2) in recorded
    assert ("young-graduates", date(2025, 9, 30), 30000) in recorded


def test_csv_template_round_trip(plan_dir: Path):
    template = plan_dir / "t.csv"
    made = run("template", "--as-of", "2025Q3", "-o", str(template), *plan_args(plan_dir))
    assert made.exit_code == 0, made.output
    raw = template.read_bytes()
    assert raw.startswith(BOM)
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = table[0]
    value_col = header_index(header, "value", "数值")
    as_of_col = header_index(header, "as_of", "日期")
    for row in table[1:]:
        assert row[as_of_col] == "2025-09-30"
        if row[0] == "income-growth":
            row[value_col] = "5.3"
        elif row[0] == "young-graduates":
            row[value_col] = "3万"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    template.write_bytes(BOM + buffer.getvalue().encode("utf-8"))

    result = import_(plan_dir, template)
    assert result.exit_code == 0, result.output
    assert "added 2" in result.output and "skipped 2" in result.output
    exported = {(r["id"], r["as_of"], r["value"]) for r in export_json(plan_dir)}
    assert exported == SEEDED | {
        ("income-growth", "2025-09-30", 5.3),
        ("young-graduates", "2025-09-30", 30000),
    }


def test_unfilled_template_imports_nothing(plan_dir: Path):
    template = plan_dir / "t.xlsx"
    assert run("template", "-o", str(template), *plan_args(plan_dir)).exit_code == 0
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, template)
    assert result.exit_code == 0, result.output
    assert "added 0" in result.output and "skipped 4" in result.output
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_exports_neutralise_formulas_but_not_negative_numbers(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "n.csv",
        "id,as_of,value,note,source\n"
        "gdp-growth,2025-06-30,-1.9,=1+1,+cmd\n"
        "income-growth,2025-06-30,5.0,@SUM(A1),统计局\n"
        "young-graduates,2025-09-30,30000,-x,\n",
    )
    imported = import_(plan_dir, sheet)
    assert imported.exit_code == 0, imported.output
    notes = {r["note"] for r in progress_rows(plan_dir)}
    assert {"=1+1", "@SUM(A1)", "-x"} <= notes  # progress.csv holds the data as given

    out = plan_dir / "e.csv"
    result = run("export", "-o", str(out), *plan_args(plan_dir))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(BOM)
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8")[1:], newline="")))
    by_key = {(r["id"], r["as_of"]): r for r in records}
    assert by_key["gdp-growth", "2025-06-30"]["note"] == "'=1+1"
    assert by_key["gdp-growth", "2025-06-30"]["source"] == "'+cmd"
    assert by_key["gdp-growth", "2025-06-30"]["value"] == "-1.9"
    assert by_key["income-growth", "2025-06-30"]["note"] == "'@SUM(A1)"
    assert by_key["income-growth", "2025-06-30"]["source"] == "统计局"
    assert by_key["young-graduates", "2025-09-30"]["note"] == "'-x"

    stdout = run("export", *plan_args(plan_dir))
    assert stdout.exit_code == 0
    assert stdout.stdout_bytes.startswith(BOM)

    xlsx = plan_dir / "e.xlsx"
    assert run("export", "-o", str(xlsx), *plan_args(plan_dir)).exit_code == 0
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    header = [c.value for c in sheet[1]]
    note_col, value_col = header.index("note") + 1, header.index("value") + 1
    cells = {
        (sheet.cell(r, 1).value, sheet.cell(r, 2).value.date()): r
        for r in range(2, sheet.max_row + 1)
    }
    gdp = cells["gdp-growth", date(2025, 6, 30)]
    assert sheet.cell(gdp, note_col).value == "'=1+1"
    assert sheet.cell(gdp, note_col).data_type == "s"
    assert sheet.cell(gdp, value_col).value == -1.9
    assert sheet.cell(gdp, value_col).data_type == "n"
    assert sheet.cell(cells["income-growth", date(2025, 6, 30)], note_col).value == "'@SUM(A1)"
    assert sheet.cell(cells["young-graduates", date(2025, 9, 30)], note_col).value == "'-x"


# --- the README's worked example 2, in a `targets init` copy -------------------------------


@pytest.mark.parametrize(
    ("figure", "status", "gap", "score"),
    [("20000", "on_track", 0.41, 100.0), ("1.5万", "off_track", -12.09, 75.6)],
)
def test_graduates_example(tmp_path: Path, figure: str, status: str, gap: float, score: float):
    folder = tmp_path / "gongshu"
    made = run("init", str(folder))
    assert made.exit_code == 0, made.output
    sheet = write_csv(tmp_path / "h1.csv", f"编号,日期,数值\nyoung-graduates,2025-06-30,{figure}\n")
    result = import_(folder, sheet)
    assert result.exit_code == 0, result.output
    graduates = status_json(folder)["young-graduates"]
    assert graduates["status"] == status
    assert graduates["value_as_of"] == "2025-06-30"
    assert graduates["gap"] == pytest.approx(gap, abs=0.01)
    assert graduates["score"] == pytest.approx(score, abs=0.1)


# --- update ------------------------------------------------------------------------------


def test_update_records_one_row(plan_dir: Path):
    count = len(progress_rows(plan_dir))
    result = run(
        "update", "young-graduates", "3万", "--as-of", "2025Q3", "--source", "人社局",
        "--note", "三季度", *plan_args(plan_dir),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "young-graduates as of 2025-09-30" in result.stderr
    assert "added 1" in result.stderr
    rows = progress_rows(plan_dir)
    assert len(rows) == count + 1
    new = [r for r in rows if r["as_of"] == "2025-09-30"]
    assert [(r["id"], r["value"], r["source"], r["note"]) for r in new] == [
        ("young-graduates", "30000", "人社局", "三季度")
    ]


def test_update_conflict_and_replace(plan_dir: Path):
    refused = run(
        "update", "young-graduates", "2.1万", "--as-of", "2025-06-30", *plan_args(plan_dir)
    )
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert refused.stderr.startswith("Error: 1 problem found; nothing was written:\n")
    assert "--replace" in refused.stderr
    replaced = run(
        "update", "young-graduates", "2.1万", "--as-of", "2025-06-30", "--replace",
        *plan_args(plan_dir),
    )  # fmt: skip
    assert replaced.exit_code == 0, replaced.output
    assert "revised 1" in replaced.stderr
    assert status_json(plan_dir)["young-graduates"]["value"] == 2.1


def test_update_bad_value_and_unknown_target(plan_dir: Path):
    before = (plan_dir / "progress.csv").read_bytes()
    bad = run("update", "young-graduates", "5%", "--as-of", "2025Q3", *plan_args(plan_dir))
    assert bad.exit_code == ExitCode.INVALID_INPUT
    assert bad.stderr.startswith("Error: 1 problem found; nothing was written:\n")
    assert "5%" in bad.stderr
    unknown = run("update", "young-graduate", "1", "--as-of", "2025Q3", *plan_args(plan_dir))
    assert unknown.exit_code == ExitCode.INVALID_INPUT
    assert "young-graduates" in unknown.stderr  # the suggestion
    baddate = run("update", "young-graduates", "1", "--as-of", "2025-13-01", *plan_args(plan_dir))
    assert baddate.exit_code == ExitCode.USAGE
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_a_fractional_count_is_refused_by_update_and_import(plan_dir: Path):
    before = (plan_dir / "progress.csv").read_bytes()
    typed = run("update", "young-graduates", "15000.7", "--as-of", "2025Q3", *plan_args(plan_dir))
    assert typed.exit_code == ExitCode.INVALID_INPUT
    assert "15000.7 people is not a whole number" in typed.stderr
    sheet = write_csv(plan_dir / "f.csv", "id,as_of,value\nyoung-graduates,2025Q3,15000.7\n")
    imported = import_(plan_dir, sheet)
    assert imported.exit_code == ExitCode.INVALID_INPUT
    assert (
        "row 2, column value = '15000.7': 15000.7 people is not a whole number" in imported.stderr
    )
    assert (plan_dir / "progress.csv").read_bytes() == before
    people = run("update", "young-graduates", "3.1万人", "--as-of", "2025Q3", *plan_args(plan_dir))
    assert people.exit_code == 0, people.output
    assert ("2025-09-30", "31000", "") in rows_for(plan_dir, "young-graduates")


@pytest.mark.parametrize("target_id", ["young-graduates", "no-such-target"])
def test_update_without_as_of_uses_today_outside_the_period(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, target_id: str
):
    class Today(date):
        @classmethod
        def today(cls) -> date:
            return date(2026, 1, 1)

    monkeypatch.setattr(cli, "date", Today)
    before = (plan_dir / "progress.csv").read_bytes()
    result = run("update", target_id, "3万", *plan_args(plan_dir))
    assert result.exit_code == ExitCode.USAGE  # a missing --as-of, as an --as-of outside the period
    assert " ".join(result.stderr.split()) == (
        "Error: today (2026-01-01) is outside the plan's period 2025-01-01 to 2025-12-31: give "
        "the figure's date with --as-of, e.g. --as-of 2025Q3"
    )
    assert result.stdout == ""
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_update_without_as_of_says_today(plan_dir: Path, monkeypatch: pytest.MonkeyPatch):
    class Today(date):
        @classmethod
        def today(cls) -> date:
            return date(2025, 9, 30)

    monkeypatch.setattr(cli, "date", Today)
    result = run("update", "young-graduates", "3万", *plan_args(plan_dir))
    assert result.exit_code == 0, result.output
    assert "young-graduates as of 2025-09-30 (today)" in result.stderr
    assert ("2025-09-30", "30000", "") in rows_for(plan_dir, "young-graduates")


@pytest.mark.parametrize(
    "args",
    [
        ("update", "gdp-growth", "5.0", "--as-of", "2025-06-30"),
        ("import", "q.csv"),
        ("import", "q.csv", "--dry-run"),
        ("template", "-o", "t.csv"),
        ("export",),
    ],
)
def test_without_a_plan_writing_commands_exit_2_and_touch_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
):
    bundled = store.bundled_dir() / "progress.csv"
    before = bundled.read_bytes()
    work = tmp_path / "empty"
    work.mkdir()
    monkeypatch.chdir(work)
    sheet = write_csv(work / "q.csv", "id,as_of,value\ngdp-growth,2025-06-30,5.0\n")
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "no targets.yaml in" in result.stderr and "targets new DIR" in result.stderr
    assert result.stdout == ""
    assert bundled.read_bytes() == before
    assert list(work.iterdir()) == [sheet]


def _bundled_copy(tmp_path: Path) -> store.LoadedPlan:
    """A copy of the bundled files, loaded as the example is (a stand-in for the package)."""
    copy = tmp_path / "bundled"
    copy.mkdir()
    for name in ("targets.yaml", "progress.csv"):
        (copy / name).write_bytes((store.bundled_dir() / name).read_bytes())
    return store.load_plan(copy / "targets.yaml", bundled=True)


def test_a_plan_loaded_as_the_bundled_example_is_never_written(tmp_path: Path):
    loaded = _bundled_copy(tmp_path)
    before = loaded.progress_path.read_bytes()
    with pytest.raises(TargetsError, match="read-only: run `targets init DIR`"):
        write_progress(loaded, [])
    assert loaded.progress_path.read_bytes() == before


def test_a_dry_run_on_the_bundled_example_reads_only(tmp_path: Path):
    loaded = _bundled_copy(tmp_path)
    sheet = write_csv(tmp_path / "q.csv", "id,as_of,value\ngdp-growth,2025-06-30,5.0\n")
    screen = figures.Screen(loaded.plan.thresholds)
    merge = figures.import_file(
        loaded, sheet, replace=False, dry_run=True, recorded_at=RECORDED, screen=screen
    )
    assert len(merge.added) == 1
    assert sorted(p.name for p in loaded.path.parent.iterdir()) == [
        "progress.csv", "targets.yaml",
    ]  # fmt: skip


# --- writes ------------------------------------------------------------------------------


def test_writes_keep_the_file_mode(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    os.chmod(progress, 0o640)
    sheet = write_csv(plan_dir / "q.csv", "id,as_of,value\ngdp-growth,2025-06-30,5.1\n")
    result = import_(plan_dir, sheet)
    assert result.exit_code == 0, result.output
    assert "added 1" in result.output
    assert stat.S_IMODE(progress.stat().st_mode) == 0o640
    assert not list(plan_dir.glob("*.tmp")) and not list(plan_dir.glob(".*.tmp"))


def test_written_progress_is_sorted_and_reloads(plan_dir: Path):
    sheet = write_csv(
        plan_dir / "q.csv",
        "id,as_of,value\nyoung-graduates,2025-03-31,8000\ngdp-growth,2025-06-30,5.1\n",
    )
    assert import_(plan_dir, sheet).exit_code == 0
    keys = [(r["id"], r["as_of"]) for r in progress_rows(plan_dir)]
    assert keys == sorted(keys)
    assert run("validate", *plan_args(plan_dir)).exit_code == 0


# --- revisions: bugs found -------------------------------------------------------------------


def test_show_marks_a_revision_recorded_in_the_same_second(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cli, "_now", lambda: datetime(2025, 10, 1, tzinfo=UTC))
    first = run("update", "gdp-growth", "5.1", "--as-of", "2025-06-30", *plan_args(plan_dir))
    assert first.exit_code == 0, first.output
    second = run(
        "update", "gdp-growth", "5.3", "--as-of", "2025-06-30", "--replace", *plan_args(plan_dir)
    )
    assert second.exit_code == 0, second.output
    assert status_json(plan_dir)["gdp-growth"]["value"] == 5.3
    shown = run("show", "gdp-growth", "--lang", "zh", *plan_args(plan_dir))
    assert shown.exit_code == 0, shown.output
    old = [line for line in shown.stdout.splitlines() if "5.1%" in line]
    assert len(old) == 1 and "（已修订）" in old[0]


def test_replace_takes_effect_even_if_the_old_row_is_stamped_later(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    text = progress.read_text(encoding="utf-8")
    progress.write_text(
        text.replace("gdp-growth,2025-03-31,4.6,report,,2025-04-20T00:00:00+00:00",
                     "gdp-growth,2025-03-31,4.6,report,,2099-01-01T00:00:00+00:00"),
        encoding="utf-8",
    )  # fmt: skip
    sheet = write_csv(plan_dir / "r.csv", "id,as_of,value\ngdp-growth,2025-03-31,4.8\n")
    result = import_(plan_dir, sheet, "--replace")
    assert result.exit_code == 0, result.output
    assert "revised 1" in result.output
    assert status_json(plan_dir)["gdp-growth"]["value"] == 4.8


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_row_is_numbered_as_a_spreadsheet_shows_it_past_a_multi_line_note(
    plan_dir: Path, suffix: str
):
    """A note spanning three lines keeps its row one row: the bad row after it is row 3
    (the header is row 1) in a .csv as in an .xlsx, not the CSV's line 5."""
    rows = [
        ["id", "as_of", "value", "note"],
        ["gdp-growth", "2025-06-30", "5.1", "first line\nsecond line\nthird line"],
        ["young-graduates", "2025-09-30", "lots", ""],
    ]
    sheet = plan_dir / f"sheet{suffix}"
    if suffix == ".csv":
        with sheet.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator="\n").writerows(rows)
        assert sheet.read_text(encoding="utf-8").count("\n") == 5
    else:
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(sheet)
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 3, column value = 'lots'" in result.stderr
    assert "row 5" not in result.stderr


# --- imports stream: decoded a chunk at a time, problems capped ---------------------------


def test_a_sheet_of_many_bad_rows_lists_the_first_hundred_and_counts_the_rest(plan_dir: Path):
    before = (plan_dir / "progress.csv").read_bytes()
    lines = "".join(f"nope-{n},2025-06-30,1\n" for n in range(250))
    sheet = write_csv(plan_dir / "bad.csv", "id,as_of,value\n" + lines)
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    listed = [line for line in result.stderr.splitlines() if "column id = 'nope-" in line]
    assert len(listed) == figures.rows.MAX_PROBLEMS == 100
    assert "row 2, column id = 'nope-0'" in listed[0] and "row 101," in listed[-1]
    assert "250 problems found (the first 100 listed); nothing was written" in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


ENCODED = st.tuples(
    st.text(st.characters(codec="gbk", exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(["utf-8", "gbk"]),
    st.lists(st.integers(0, 60), max_size=2),  # where a stray 0xFF byte goes
    st.booleans(),  # a BOM
)


def _outcome(chunks, encoding: str | None) -> object:
    try:
        return figures.tables.choose_encoding(chunks, SHEET, encoding)
    except TargetsError as exc:
        return str(exc)


@given(encoded=ENCODED, size=st.integers(1, 9), given_encoding=st.sampled_from([None, "gbk"]))
def test_a_file_checked_in_chunks_gets_the_verdict_of_the_whole_file(encoded, size, given_encoding):
    """A CSV is decoded a chunk at a time, never held whole: however the bytes are cut
    (a character split between chunks), the codec chosen, the quote seen, and any refusal
    with its byte, line and column are those of the whole file at once."""
    text, encoding, strays, bom = encoded
    raw = bytearray((BOM if bom else b"") + text.encode(encoding))
    for at in strays:
        raw.insert(min(at, len(raw)), 0xFF)
    whole = bytes(raw)
    pieces = [whole[i : i + size] for i in range(0, len(whole), size)]
    assert _outcome(lambda: iter(pieces), given_encoding) == _outcome(
        lambda: (whole,), given_encoding
    )


def test_a_csv_is_read_in_chunks_with_the_whole_files_messages(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(figures.tables, "CHUNK_BYTES", 5)  # cuts characters in two
    raw = b"id,as_of,value,note\n" + "gdp-growth,2025Q1,5.1,中文说明\n".encode() * 3
    sheet = plan_dir / "q.csv"
    sheet.write_bytes(raw + b"gdp-growth,2025Q2,5.2,ab\xff\n")
    with pytest.raises(InvalidDataError) as caught:
        figures.read_table(sheet)
    (problem,) = caught.value.problems
    assert str(problem.message).startswith(
        f"byte {len(raw) + 24} (0xFF, line 5, byte 25 of the line)"
    )
    sheet.write_bytes(BOM + raw)
    table = figures.read_table(sheet)
    assert table.header == ("id", "as_of", "value", "note")
    assert [row[3] for _, row in table.rows] == ["中文说明"] * 3


def test_progress_csv_is_written_row_by_row_with_the_same_bytes(plan_dir: Path):
    loaded = store.load_plan(plan_dir / "targets.yaml")
    first = obs("gdp-growth", date(2025, 2, 28), 5.1).model_copy(update={"note": "一季度, 初步"})
    figures_ = [first, obs("income-growth", date(2025, 6, 30), 6.0)]
    existing = store.load_progress(loaded)
    figures.record(loaded, hold(enumerate(figures_), plan=loaded.plan), False, False, None)
    expected = progress_text([*existing, *figures_]).encode()
    assert (plan_dir / "progress.csv").read_bytes() == expected


# --- the header's problems in full sentences, in the import's language --------------------


@pytest.mark.parametrize(
    ("header", "lang", "message"),
    [
        ("id,as_of,note", "en",
         "The header has no figure column: add one headed `value` or `数值`, or `progress` or "
         "`完成进度`, or both. The columns found: 'id', 'as_of', 'note'."),
        ("id,as_of,note", "zh",
         "表头缺少数据列：请添加表头为 `value` 或 `数值`，"
         "或 `progress` 或 `完成进度` 的列，或两者都有。"
         "表头现有的列：'id'、'as_of'、'note'。"),
        ("编号,数值", "en",
         "The header has no date column: add one headed `as_of` or `日期`, or date the whole "
         "sheet with --as-of. The columns found: '编号', '数值'."),
        ("as_of,value", "en",
         "The header has no column naming each row's target: add one headed `id` or `编号`, or "
         "`no` or `序号` (`序号` numbers an item of the district's table). The columns found: "
         "'as_of', 'value'."),
        ("id,as_of,value,数值", "en",
         "The header has 'value' and '数值', both the `value`/`数值` column: keep one."),
        ("id,as_of,value,数值", "zh",
         "表头中 'value' 与 '数值' 是同一列（`value`/`数值`）：请只保留一列。"),
    ],
)  # fmt: skip
def test_a_header_problem_is_said_in_full_in_the_imports_language(
    plan_dir: Path, header: str, lang: str, message: str
):
    sheet = write_csv(plan_dir / "h.csv", f"{header}\n")
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet, "--lang", lang)
    assert result.exit_code == ExitCode.INVALID_INPUT
    head = {"en": "Error: 1 problem found; nothing was written:",
            "zh": "错误：发现 1 个问题；未写入任何内容："}[lang]  # fmt: skip
    assert " ".join(result.stderr.split()) == " ".join(f"{head} {sheet}:1: {message}".split())
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_an_unknown_column_lists_the_columns_read_in_chinese(plan_dir: Path):
    sheet = write_csv(plan_dir / "h.csv", "编号,日期,数值,说明\n")
    result = import_(plan_dir, sheet, "--lang", "zh")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "表头中的列 '说明' 无法识别：可读取的列为 `id`/`编号`、`"
        "no`/`序号`、`as_of`/`日期`、`value`/`数值`、"
        "`progress`/`完成进度`、`note`/`备注`、`source`/`来源"
        "`、`recorded_at`/`录入时间`；会略过的列为 `name`/`名称`、"
    ).replace(" ", "") in "".join(result.stderr.split())


@pytest.mark.parametrize(
    ("lang", "cut"), [("zh", "……（共 300 个字符）"), ("en", "… (300 characters)")]
)
def test_a_long_cell_is_cut_and_its_length_said_in_the_readers_language(
    plan_dir: Path, lang: str, cut: str
):
    """A cut value is worded when it is said, never frozen in English by the core."""
    sheet = plan_dir / "s.csv"
    sheet.write_text(f"id,as_of,value\ngdp-growth,2025-06-30,{'x' * 300}\n", encoding="utf-8")
    result = run("import", str(sheet), "-f", str(plan_dir / "targets.yaml"), "--lang", lang)
    assert result.exit_code == ExitCode.INVALID_INPUT
    value = f"'{'x' * 59}{cut}"
    expected = {
        "zh": f"  {sheet}:2: [gdp-growth] 第 2 行，数值列为 {value}：不是数字",
        "en": f"  {sheet}:2: [gdp-growth] row 2, column value = {value}: not a number",
    }
    assert result.stderr.splitlines()[1] == expected[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_header_is_listed_in_the_readers_language_then_counted(plan_dir: Path, lang: str):
    """The columns a header has are listed by the catalog (、 in Chinese) as far as a line
    goes, and the rest counted in the reader's language."""
    sheet = plan_dir / "s.csv"
    titles = [f"列{i}" for i in range(60)]
    sheet.write_text(",".join(["id", "value", *titles]) + "\n", encoding="utf-8")
    result = run("import", str(sheet), "-f", str(plan_dir / "targets.yaml"), "--lang", lang)
    assert result.exit_code == ExitCode.INVALID_INPUT
    shown = [f"'{t}'" for t in ["id", "value", *titles]][:35]
    expected = {
        "zh": f"表头现有的列：{'、'.join(shown)} 等，另有 27 个。",
        "en": f"The columns found: {', '.join(shown)} and 27 more.",
    }[lang]
    (missing,) = [line for line in result.stderr.splitlines() if expected in line]
    assert missing.endswith(expected)


@pytest.mark.parametrize(
    ("lang", "why"),
    [("zh", "无法读取（文件在读取期间被改动，已无法按先前的编码解码）"),
     ("en", "cannot read (it no longer decodes as it did a moment before: it changed while it "
            "was read)")],
)  # fmt: skip
def test_a_sheet_that_changes_while_read_is_refused_in_the_readers_language(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str, why: str
):
    """Checked to decode, then changed before its rows are read: said in the reader's
    language, never Python's own English words for the decoding error."""
    sheet = plan_dir / "s.csv"
    sheet.write_bytes("id,as_of,value,备注\n".encode("gb18030"))
    monkeypatch.setattr(figures.tables, "choose_encoding", lambda *_: ("utf-8", False))
    before = (plan_dir / "progress.csv").read_bytes()
    result = run("import", str(sheet), *plan_args(plan_dir), "--lang", lang)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.splitlines()[-1].endswith(
        f"{sheet}：{why}" if lang == "zh" else f"{sheet}: {why}"
    )
    assert (plan_dir / "progress.csv").read_bytes() == before


@pytest.mark.parametrize(("lang", "date"), [("en", "date"), ("zh", "日期")])
def test_a_dry_runs_header_names_the_date_as_show_does(plan_dir: Path, lang: str, date: str):
    sheet = write_csv(plan_dir / "d.csv", "id,as_of,value\ngdp-growth,2025-06-30,5.1\n")
    dry = import_(plan_dir, sheet, "--dry-run", "--lang", lang)
    shown = run("show", "gdp-growth", *plan_args(plan_dir), "--lang", lang)
    header = [line for line in dry.stdout.splitlines() if "┃" in line][0]
    assert [w.strip() for w in header.strip("┃ ").split("┃")][2] == date
    assert re.search(rf"^│\s+{date}\s+┃", shown.stdout, re.MULTILINE), shown.stdout
