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
from gongshu_targets.errors import InvalidDataError, Problem, TargetsError

MAX_INPUT_BYTES = 256 * 1024 * 1024

BOM = "\ufeff"


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


def decode(raw: bytes, path: Path, encoding: str | None = None) -> str:
    """Strict UTF-8 (BOM or not), then GB18030; never a guess beyond those two."""
    if encoding is not None:
        try:
            return raw.decode(encoding).removeprefix(BOM)
        except LookupError:
            raise TargetsError(f"{path}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise TargetsError(f"{path}: not valid {encoding} at byte {exc.start}") from None
    for candidate in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise TargetsError(
        f"{path}: neither UTF-8 nor GB18030/GBK; save it as CSV UTF-8 from Excel, "
        "or name the encoding with --encoding"
    )


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
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except unreadable as exc:  # an .xls renamed .xlsx, a truncated download, …
        raise TargetsError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
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
