"""What `update`, `retract` and `import` tell a user about a figure they typed or a file
they gave: the options named in each refusal, how a file's encoding is judged, and the
bounds a workbook is checked against before it is parsed."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core import store
from gongshu_targets.core.figures import bounds
from gongshu_targets.core.figures.record import retract_one
from gongshu_targets.core.figures.rows import parse_recorded_at
from gongshu_targets.core.figures.tables import decode, read_xlsx
from gongshu_targets.errors import ExitCode, InvalidDataError, TargetsError
from test_limits import SHEET, good_workbook, rewrite

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


def run(folder: Path, *args: str):
    return runner.invoke(cli.app, [*args, "-f", str(folder / "targets.yaml")],
                         env={"TARGETS_FILE": None, "COLUMNS": None})  # fmt: skip


def refused(folder: Path, *args: str) -> str:
    before = (folder / "progress.csv").read_bytes()
    result = run(folder, *args)
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert (folder / "progress.csv").read_bytes() == before
    return result.stderr


def test_retracting_outside_the_period_is_a_usage_error(plan_dir: Path):
    result = run(plan_dir, "retract", "gdp-growth", "--as-of", "2024-12-31")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "Error: --as-of 2024-12-31 is outside the plan's period 2025-01-01 to 2025-12-31\n"
    )


def test_a_progress_option_with_no_figure_is_named(plan_dir: Path):
    assert refused(plan_dir, "update", "young-graduates", "--progress", "/",
                   "--as-of", "2025-09-30") == (
        "Error: 1 problem found; nothing was written:\n"
        "  [young-graduates] --progress '/' gives no figure\n"
    )  # fmt: skip


def test_a_line_break_is_refused_in_source_but_kept_in_a_note(plan_dir: Path):
    assert refused(plan_dir, "update", "young-graduates", "2万", "--as-of", "2025-09-30",
                   "--source", "统计局\n初步") == (
        "Error: 1 problem found; nothing was written:\n"
        "  [young-graduates] --source holds U+000A (line feed) at character 4; it is one "
        "line of text\n"
    )  # fmt: skip
    result = run(plan_dir, "update", "young-graduates", "2万", "--as-of", "2025-09-30",
                 "--note", "一\n二")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"一\n二"' in (plan_dir / "progress.csv").read_text(encoding="utf-8")


def test_an_implausible_figure_is_named_as_typed(plan_dir: Path):
    assert refused(plan_dir, "update", "young-graduates", "31", "--as-of", "2025-09-30") == (
        "Error: 1 problem found; nothing was written:\n"
        "  [young-graduates] value '31': implausible: 31 — did you mean '31万' (310,000 "
        "people)? 31 people is less than 1/500 of the target (40,000 people); if it is right, "
        "record it with --accept-implausible\n"
    )


def test_a_share_is_echoed_as_typed(plan_dir: Path):
    result = run(plan_dir, "update", "young-graduates", "--progress", "52%",
                 "--as-of", "2025-09-30")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "young-graduates as of 2025-09-30: 52% → 52% done, stored as 52; added 1, "
        "revised 0, left 0 unchanged\n"
    )


# --- encodings: UTF-8 with a stray byte, or GB18030 ---------------------------------------

NOT_UTF8 = "neither UTF-8 nor GB18030/GBK"


def why_not(raw: bytes) -> str:
    with pytest.raises(TargetsError) as exc:
        decode(raw, Path("s.csv"))
    return str(exc.value)


@pytest.mark.parametrize("stray", [b"\x80", b"\xff"])
def test_five_characters_of_utf8_to_one_stray_byte_is_utf8_with_a_slip(stray: bytes):
    raw = b"\n" + "中文字符号".encode() + stray + b","
    assert why_not(raw).endswith(
        f"s.csv:2: byte 16 (0x{stray[0]:02X}, line 2, byte 16 of the line) is not UTF-8, "
        "though the rest of the file is; fix that byte, or save it as CSV UTF-8 from Excel, "
        "or name the encoding with --encoding"
    )


@pytest.mark.parametrize(
    "raw",
    ["中文字符".encode() + b"\x80", "中文字符".encode() + b"\xff",
     "中文字\x7f符".encode() + b"\xff"],
)  # fmt: skip
def test_four_characters_of_utf8_to_one_stray_byte_is_not_taken_for_utf8(raw: bytes):
    assert NOT_UTF8 in why_not(raw)
    with pytest.raises(TargetsError) as exc:
        decode(raw, Path("s.csv"))
    assert not isinstance(exc.value, InvalidDataError)


# --- workbooks: bounds checked before parsing ----------------------------------------------


def with_dimension(tmp_path: Path, ref: str) -> Path:
    source = good_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(source) as book:
        xml = book.read(SHEET)
    changed = xml.replace(b'<dimension ref="A1:C2"', f'<dimension ref="{ref}"'.encode())
    assert changed != xml
    return rewrite(source, tmp_path / f"{ref.replace(':', '-')}.xlsx", SHEET, changed)


@pytest.mark.parametrize("ref", ["A1:BL2", "BL1", "A1:C1048576", "C1048576", "A1"])
def test_a_sheet_declared_within_the_bounds_passes(tmp_path: Path, ref: str):
    bounds.check_workbook(with_dimension(tmp_path, ref))


@pytest.mark.parametrize(
    ("ref", "why"),
    [
        ("A1:BM2", "the sheet reaches column BM; a sheet to import uses at most 64 columns "
                   "(delete the stray cells to the right)"),
        ("BM1", "the sheet reaches column BM; a sheet to import uses at most 64 columns "
                "(delete the stray cells to the right)"),
        ("AAA1", "the sheet reaches column AAA; a sheet to import uses at most 64 columns "
                 "(delete the stray cells to the right)"),
        ("A1:C1048577", "the sheet declares 1,048,577 rows, past Excel's"),
        ("C1048577", "the sheet declares 1,048,577 rows, past Excel's"),
    ],
)  # fmt: skip
def test_a_sheet_declared_past_the_bounds_is_refused(tmp_path: Path, ref: str, why: str):
    path = with_dimension(tmp_path, ref)
    with pytest.raises(TargetsError) as exc:
        bounds.check_workbook(path)
    assert str(exc.value).startswith(f"{path}: {why}")


def test_shared_strings_have_their_own_larger_bound(tmp_path: Path):
    source = good_workbook(tmp_path / "ok.xlsx")
    size = bounds.MAX_OTHER_PART_BYTES + 2**20
    strings = rewrite(source, tmp_path / "strings.xlsx", "xl/sharedStrings.xml", b"<sst>",
                      pad=size)  # fmt: skip
    bounds.check_workbook(strings)
    styles = rewrite(source, tmp_path / "styles.xlsx", "xl/styles.xml", b"<styleSheet>",
                     pad=size)  # fmt: skip
    with pytest.raises(TargetsError) as exc:
        bounds.check_workbook(styles)
    assert str(exc.value) == (
        f"{styles}: its part 'xl/styles.xml' unpacks to 17 MiB, more than the 16 MiB a sheet "
        "to import needs"
    )


def test_a_file_that_is_no_zip_is_not_a_readable_workbook(plan_dir: Path, tmp_path: Path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("id,as_of,value\n", encoding="utf-8")
    assert refused(plan_dir, "import", str(fake)) == (
        f"Error: {fake}: not a readable .xlsx workbook (File is not a zip file)\n"
    )


def test_a_workbook_openpyxl_cannot_open_or_read_says_so(tmp_path: Path):
    source = good_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(source) as book:
        workbook, sheet = book.read("xl/workbook.xml"), book.read(SHEET)
    cases = [
        (rewrite(source, tmp_path / "a.xlsx", "xl/workbook.xml", b"<workbook"),
         "not a readable .xlsx workbook (unclosed token: line 1, column 0)"),
        (rewrite(source, tmp_path / "b.xlsx", "xl/workbook.xml",
                 re.sub(rb"<sheet [^>]*/>", b"", workbook)),
         "the workbook has no worksheet"),
        (rewrite(source, tmp_path / "c.xlsx", SHEET,
                 sheet[: sheet.index(b"</sheetData>")] + b"<row><c"),
         "a damaged .xlsx workbook (unclosed token: line 1, column "),
    ]  # fmt: skip
    for path, why in cases:
        with pytest.raises(TargetsError) as exc:  # rows are read as they are iterated
            list(read_xlsx(path).rows)
        assert str(exc.value).startswith(f"{path}: {why}")


# --- recorded_at ---------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["yesterday", 20250701])
def test_a_recorded_at_that_is_no_time_is_named(raw: object):
    with pytest.raises(ValueError) as exc:
        parse_recorded_at(raw)
    assert str(exc.value) == "not a date and time (YYYY-MM-DDTHH:MM:SS+08:00)"


def test_a_recorded_at_out_of_range_names_the_years():
    with pytest.raises(ValueError) as exc:
        parse_recorded_at("1899-12-31T00:00:00")
    assert str(exc.value) == "a time of recording in 1900–9000 is expected"


def test_a_recorded_at_keeps_its_zone_or_is_utc():
    assert parse_recorded_at("2025-07-01T09:00:00+08:00").isoformat() == (
        "2025-07-01T09:00:00+08:00"
    )
    assert parse_recorded_at("2025-07-01T09:00:00").isoformat() == "2025-07-01T09:00:00+00:00"


# --- import: each bad row named by file, row and column ------------------------------------


def test_every_bad_row_of_a_sheet_is_named_exactly(plan_dir: Path, tmp_path: Path):
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "id,as_of,value,note\n"
        "nope,2025-09-30,5,\n"
        "gdp-growth,,5,\n"
        "young-graduates,2025-09-30,3万,a\x07b\n"
        ",2025-09-30,5,\n",
        encoding="utf-8",
    )
    assert refused(plan_dir, "import", str(sheet)) == (
        "Error: 4 problems found; nothing was written:\n"
        f"  {sheet}:2: row 2, column id = 'nope': no such target in the plan\n"
        f"  {sheet}:3: [gdp-growth] row 3, column as_of = '': not a date (use YYYY-MM-DD, "
        "YYYY/M/D, YYYYQn or YYYY-MM)\n"
        f"  {sheet}:4: [young-graduates] row 4, column note = 'a\\x07b': holds U+0007 (a "
        "control character) at character 2; only tabs and line feeds are allowed here\n"
        f"  {sheet}:5: row 5, column id = '': empty\n"
    )


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_sheet_that_retracts_nothing_names_its_row(plan_dir: Path, tmp_path: Path, dry_run):
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,as_of,value\nyoung-graduates,2025-09-30,retracted\n", encoding="utf-8")
    assert refused(plan_dir, "import", str(sheet), *dry_run) == (
        "Error: 1 problem found; nothing was written:\n"
        f"  {sheet}:2: [young-graduates] row 2: young-graduates on 2025-09-30 has no figure "
        "to retract\n"
    )


def test_a_dry_run_names_the_row_of_a_clash(plan_dir: Path, tmp_path: Path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,as_of,value\ngdp-growth,2025-03-31,4.7\n", encoding="utf-8")
    assert refused(plan_dir, "import", str(sheet), "--dry-run") == (
        "Error: 1 problem found; nothing was written:\n"
        f"  {sheet}:2: [gdp-growth] row 2: gdp-growth on 2025-03-31 is already recorded as "
        "4.6, not 4.7; use --replace to record a revision\n"
    )


def test_retracting_twice_says_it_was_retracted_already(plan_dir: Path):
    assert run(plan_dir, "retract", "gdp-growth", "--as-of", "2025-03-31").exit_code == 0
    assert refused(plan_dir, "retract", "gdp-growth", "--as-of", "2025-03-31") == (
        "Error: 1 problem found; nothing was written:\n"
        "  [gdp-growth] gdp-growth on 2025-03-31 has no figure to retract (it was retracted "
        "already)\n"
    )


def test_a_retraction_is_stamped_after_the_figure_it_takes_back(plan_dir: Path):
    """Even when this clock is behind the figure's: a retraction recorded before its figure
    would take back nothing."""
    loaded = store.load_plan(plan_dir / "targets.yaml")
    held = datetime(2025, 4, 20, tzinfo=UTC)  # when SMALL_PROGRESS recorded gdp-growth
    merge = retract_one(loaded, "gdp-growth", date(2025, 3, 31), note="", share=False,
                        recorded_at=held - timedelta(days=1))  # fmt: skip
    ((_, row),) = merge.retracted
    assert row.recorded_at == held + timedelta(seconds=1)
    assert "gdp-growth,2025-03-31,retracted,,,2025-04-20T00:00:01+00:00\n" in (
        plan_dir / "progress.csv"
    ).read_text(encoding="utf-8")


def test_a_control_character_is_refused_on_the_quick_path_too(plan_dir: Path, tmp_path: Path):
    """Rows after the first with a known id and date and a plain number take a quick path;
    a control character in their note or source is refused there as well."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "id,as_of,value,note,source\n"
        "gdp-growth,2025-09-30,5.1,,\n"
        "income-growth,2025-09-30,5.0,,a\x07b\n"
        "young-graduates,2025-09-30,30000,a\x07b,\n",
        encoding="utf-8",
    )
    assert refused(plan_dir, "import", str(sheet)) == (
        "Error: 2 problems found; nothing was written:\n"
        f"  {sheet}:3: [income-growth] row 3, column source = 'a\\x07b': holds U+0007 (a "
        "control character) at character 2; it is one line of text\n"
        f"  {sheet}:4: [young-graduates] row 4, column note = 'a\\x07b': holds U+0007 (a "
        "control character) at character 2; only tabs and line feeds are allowed here\n"
    )


def test_a_row_spilling_past_the_header_is_named_with_what_spilled(plan_dir: Path, tmp_path: Path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,as_of,value,note\nyoung-graduates,2025-09-30,1050,一,二,三,,\n",
                     encoding="utf-8")  # fmt: skip
    assert refused(plan_dir, "import", str(sheet)) == (
        "Error: 1 problem found; nothing was written:\n"
        f"  {sheet}:2: row 2 has 8 cells (6 filled), the header 4; past the header: '二', "
        "'三'. A value or note holding a comma is quoted (\"1,050\") or written without it "
        "(1050)\n"
    )
