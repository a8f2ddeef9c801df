"""Reading a sheet (CSV or .xlsx) into a Table of raw cells.

What Excel on Chinese Windows produces is accepted: UTF-8 with or without a BOM or
GB18030/GBK, CRLF line ends, blank trailing rows, and Excel's own number and date cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

from gongshu_targets.core import store
from gongshu_targets.core.figures.bounds import MAX_COLUMNS, check_workbook
from gongshu_targets.errors import InvalidDataError, Problem, TargetsError

MAX_INPUT_BYTES = 256 * 1024 * 1024

BOM = "\ufeff"

# A spreadsheet runs a text cell that starts with one of these as a formula: our exports
# put an apostrophe before such a text, and an import takes it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Cell(NamedTuple):
    """A raw cell: text from a CSV, or what openpyxl read (numbers and dates stay typed)."""

    value: Any
    percent: bool = False  # an Excel number shown as a percentage (0.152 for 15.2%)


@dataclass(frozen=True)
class Table:
    """A sheet as read: its header and its data rows with their sheet row numbers."""

    path: Path
    header: tuple[str, ...]
    rows: Sequence[tuple[int, Sequence[Any]]]


def _plain(cell: Any) -> Any:
    """A sheet holds plain values, and a Cell only where Excel shows a number as a %."""
    return cell.value if isinstance(cell, Cell) else cell


def _blank(cell: Any) -> bool:
    value = _plain(cell)
    return value is None or (isinstance(value, str) and not value.strip())


ENCODING_HINT = "save it as CSV UTF-8 from Excel, or name the encoding with --encoding"


def decode(raw: bytes, path: Path, encoding: str | None = None) -> str:
    """Strict UTF-8 (BOM or not), else GB18030 for a file that is not mostly UTF-8.

    A file that is UTF-8 but for a few bytes is refused, naming the first stray byte: read
    as GB18030 it would decode whole, every Chinese character turned to mojibake.
    """
    if encoding is not None:
        try:
            return raw.decode(encoding).removeprefix(BOM)
        except LookupError:
            raise TargetsError(f"{path}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise TargetsError(f"{path}: not valid {encoding} at byte {exc.start}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _mostly_utf8(raw):
        line = raw[:first_bad].count(b"\n") + 1
        column = first_bad - (raw.rfind(b"\n", 0, first_bad) + 1) + 1
        why = (
            f"byte {first_bad} (0x{raw[first_bad]:02X}, line {line}, byte {column} of the line) "
            f"is not UTF-8, though the rest of the file is; fix that byte, or {ENCODING_HINT}"
        )
        raise InvalidDataError([Problem(path, why, line)])
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    raise TargetsError(f"{path}: neither UTF-8 nor GB18030/GBK; {ENCODING_HINT}")


def _mostly_utf8(raw: bytes) -> bool:
    """Over four times as many characters read as valid multi-byte UTF-8 as bytes that
    are not UTF-8.

    GBK text that is not valid UTF-8 seldom forms a valid UTF-8 sequence (about one
    Chinese character in seven, while most other bytes are invalid: in 30,000 random GBK
    phrases of one to six characters, none passes), and UTF-8 with a stray byte or two is
    nearly all valid sequences.
    """
    text = raw.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    wide = sum(1 for ch in text if ch > "\x7f") - stray
    return wide > 4 * stray


def read_csv_text(text: str, path: Path) -> Table:
    records = list(store.csv_records(text, path))
    if not records:
        raise InvalidDataError([Problem(path, "the file is empty")])
    (_, header), body = records[0], records[1:]
    return Table(path=path, header=tuple(header), rows=body)


def read_xlsx(path: Path) -> Table:
    """The first sheet of a workbook, with cached values of formula cells."""
    import openpyxl  # imported here: only .xlsx users pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (InvalidFileException, OSError, KeyError, ValueError, TypeError,
                  zipfile.BadZipFile, ParseError)  # fmt: skip
    check_workbook(path)  # sizes and dimensions, before any XML is parsed
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except unreadable as exc:  # an .xls renamed .xlsx, a truncated download, …
        raise TargetsError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        if not book.worksheets:
            raise TargetsError(f"{path}: the workbook has no worksheet")
        sheet = book.worksheets[0]
        rows = []
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)  # a stray far cell: unread
        for number, row in enumerate(sheet.iter_rows(max_col=width), start=1):
            cells = tuple(
                Cell(c.value, True)
                if isinstance(c.value, int | float) and "%" in str(getattr(c, "number_format", ""))
                else c.value
                for c in row
            )
            rows.append((number, cells))
    except unreadable as exc:
        raise TargetsError(f"{path}: a damaged .xlsx workbook ({exc})") from None
    finally:
        book.close()
    if not rows:
        raise InvalidDataError([Problem(path, "the first sheet is empty")])
    header = tuple("" if _plain(c) is None else str(_plain(c)) for c in rows[0][1])
    return Table(path=path, header=header, rows=tuple(rows[1:]))


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Read a .csv or .xlsx file into a Table."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TargetsError(f"{path}: import reads .csv and .xlsx files, not {suffix or 'this'}")
    store.require_regular(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TargetsError(f"{path}: cannot read ({exc.strerror})") from None
    if size > MAX_INPUT_BYTES:
        raise TargetsError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB")
    if suffix == ".xlsx":
        return read_xlsx(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TargetsError(f"{path}: cannot read ({exc.strerror})") from None
    return read_csv_text(decode(raw, path, encoding), path)
