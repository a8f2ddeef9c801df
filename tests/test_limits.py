"""Bounded time and memory: a workbook's parts and dimensions are checked before its XML is
parsed, so a zip bomb or a sheet a million columns wide is refused at once (exit 3)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core.figures import bounds

runner = CliRunner()


def good_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "as_of", "value"])
    sheet.append(["gdp-growth", "2025-09-30", 5.2])
    book.save(path)
    return path


def rewrite(source: Path, target: Path, part: str, data: bytes | None, pad: int = 0) -> Path:
    """A copy of ``source`` with ``part`` replaced by ``data`` (None drops it) followed by
    ``pad`` bytes of spaces, streamed so a large part costs no memory here."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info, old.read(info.filename), zipfile.ZIP_DEFLATED)
        if data is not None:
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            with new.open(info, "w", force_zip64=True) as handle:
                handle.write(data)
                chunk = b" " * 2**20
                for _ in range(pad // len(chunk)):
                    handle.write(chunk)
    return target


def import_(plan_dir: Path, sheet: Path):
    return runner.invoke(
        cli.app, ["import", "--lang", "en", str(sheet), "-f", str(plan_dir / "targets.yaml")]
    )


SHEET = "xl/worksheets/sheet1.xml"


def test_a_whitespace_bomb_is_refused_before_parsing(plan_dir: Path, tmp_path: Path):
    source = good_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(source) as book:
        xml = book.read(SHEET)
    pad = bounds.MAX_SHEET_BYTES + 2**20
    bomb = rewrite(source, tmp_path / "bomb.xlsx", SHEET, xml[:60], pad=pad)
    assert bomb.stat().st_size < 2 * 2**20
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, bomb)
    assert result.exit_code == 3
    assert "part 'xl/worksheets/sheet1.xml' unpacks to 257 MiB, more than the 256 MiB" in (
        result.stderr
    )
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_a_huge_shared_string_table_is_refused(plan_dir: Path, tmp_path: Path):
    source = good_workbook(tmp_path / "ok.xlsx")
    part = "xl/sharedStrings.xml"
    bomb = rewrite(source, tmp_path / "strings.xlsx", part, b"<sst>",
                   pad=bounds.MAX_SHARED_STRINGS_BYTES + 2**20)  # fmt: skip
    result = import_(plan_dir, bomb)
    assert result.exit_code == 3
    assert "part 'xl/sharedStrings.xml' unpacks to 65 MiB" in result.stderr


@pytest.mark.parametrize(
    ("ref", "why"),
    [
        ("A1:XFD20000", "the sheet reaches column XFD; a sheet to import uses at most 64"),
        ("A1:C2000000", "the sheet declares 2,000,000 rows"),
    ],
)
def test_a_sheet_declared_too_wide_or_too_long_is_refused(
    plan_dir: Path, tmp_path: Path, ref: str, why: str
):
    source = good_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(source) as book:
        xml = book.read(SHEET)
    wide = re.sub(rb'<dimension ref="A1:C2"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml)
    assert wide != xml
    result = import_(plan_dir, rewrite(source, tmp_path / "wide.xlsx", SHEET, wide))
    assert result.exit_code == 3
    assert why in result.stderr


def test_a_stray_far_cell_with_no_dimension_is_not_read(plan_dir: Path, tmp_path: Path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "as_of", "value"])
    sheet.append(["gdp-growth", "2025-09-30", 5.2])
    for row in range(3, 2000):
        sheet.cell(row=row, column=16384, value="x")
    source = tmp_path / "far.xlsx"
    book.save(source)
    with zipfile.ZipFile(source) as saved:
        xml = saved.read(SHEET)
    undeclared = re.sub(rb'<dimension ref="A1:XFD1999"\s*/>', b"", xml)
    assert undeclared != xml
    result = import_(plan_dir, rewrite(source, tmp_path / "far2.xlsx", SHEET, undeclared))
    assert result.exit_code == 0, result.output
    assert "added 1" in result.stdout


def test_a_workbook_with_no_worksheet_is_exit_3(plan_dir: Path, tmp_path: Path):
    source = good_workbook(tmp_path / "ok.xlsx")
    empty = rewrite(source, tmp_path / "none.xlsx", SHEET, None)
    result = import_(plan_dir, empty)
    assert result.exit_code == 3, result.output
    assert "none.xlsx: the workbook has no worksheet" in result.stderr
