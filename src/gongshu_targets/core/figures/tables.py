"""Reading a sheet (CSV or .xlsx) into a Table of raw cells.

What Excel on Chinese Windows produces is accepted: UTF-8 with or without a BOM or
GB18030/GBK, CRLF line ends, blank trailing rows, and Excel's own number and date cells.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

from gongshu_targets.core import store
from gongshu_targets.core.figures.bounds import MAX_COLUMNS, check_workbook
from gongshu_targets.errors import InvalidDataError, Problem, Said, TargetsError, os_error, quoted

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
    """A sheet as read: its header and its data rows with their sheet row numbers, read
    from the file as they are iterated (once)."""

    path: Path
    header: tuple[str, ...]
    rows: Iterable[tuple[int, Sequence[Any]]]
    typed: bool = False  # a workbook's: one cell is one cell, never text split at a comma


def _plain(cell: Any) -> Any:
    """A sheet holds plain values, and a Cell only where Excel shows a number as a %."""
    return cell.value if isinstance(cell, Cell) else cell


def _blank(cell: Any) -> bool:
    value = _plain(cell)
    return value is None or (isinstance(value, str) and not value.strip())


CHUNK_BYTES = 1 << 20  # a CSV is checked and read a mebibyte at a time, never held whole


class _Undecodable(Exception):
    def __init__(self, at: int) -> None:
        self.at = at  # the offset of the first byte that does not decode


def _decodes(chunks: Iterable[bytes], codec: str) -> bool:
    """Decode the chunks one after another, keeping nothing; whether the text holds a
    quote character. Raises _Undecodable at the first byte that does not decode."""
    decoder = codecs.getincrementaldecoder(codec)()
    done = pending = 0
    quoted = False
    try:
        for chunk in chunks:
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the chunk
            quoted = '"' in decoder.decode(chunk) or quoted
            done += len(chunk)
        pending = len(decoder.getstate()[0])
        quoted = '"' in decoder.decode(b"", final=True) or quoted
    except UnicodeError as exc:  # UTF-16 with no BOM says so with no position
        start = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        raise _Undecodable(done - pending + start) from None
    return quoted


def choose_encoding(
    chunks: Callable[[], Iterable[bytes]], path: Path, encoding: str | None = None
) -> tuple[str, bool]:
    """The codec a file is read with, and whether it holds a quote character: strict UTF-8
    (BOM or not), else GB18030 for a file that is not mostly UTF-8. The whole file is
    decoded once, a chunk at a time, so a file that does not decode is refused before any
    row is read.

    A file that is UTF-8 but for a few bytes is refused, naming the first stray byte: read
    as GB18030 it would decode whole, every Chinese character turned to mojibake.
    """
    if encoding is not None:
        try:
            b"a".decode(encoding)  # refuses a name that is no text encoding (rot13, hex)
        except UnicodeError:
            pass  # a codec whose characters take more than one byte: checked below
        except LookupError:
            raise TargetsError(
                Said("unknown encoding", path=str(path), encoding=quoted(encoding))
            ) from None
        try:
            return encoding, _decodes(chunks(), encoding)
        except _Undecodable as exc:
            raise TargetsError(
                Said("not that encoding", path=str(path), encoding=encoding, at=exc.at)
            ) from None
    try:
        return "utf-8-sig", _decodes(chunks(), "utf-8")
    except _Undecodable as exc:
        first_bad = exc.at
    mostly, bad_byte, line, column = _utf8_census(chunks(), first_bad)
    if mostly:
        why = Said("stray byte", at=first_bad, byte=bad_byte, line=line, column=column)
        raise InvalidDataError([Problem(path, why, line)])
    try:
        return "gb18030", _decodes(chunks(), "gb18030")
    except _Undecodable:
        pass
    raise TargetsError(Said("no known encoding", path=str(path)))


def decode(raw: bytes, path: Path, encoding: str | None = None) -> str:
    """A whole file's bytes as text, read as ``choose_encoding`` says."""
    codec, _ = choose_encoding(lambda: (raw,), path, encoding)
    return raw.decode(codec).removeprefix(BOM)


def _utf8_census(chunks: Iterable[bytes], first_bad: int) -> tuple[bool, int, int, int]:
    """Whether the file is mostly UTF-8: over four times as many characters read as valid
    multi-byte UTF-8 as bytes that are not UTF-8; and the byte at ``first_bad``, its line
    and its column (in bytes).

    GBK text that is not valid UTF-8 seldom forms a valid UTF-8 sequence (about one
    Chinese character in seven, while most other bytes are invalid: in 30,000 random GBK
    phrases of one to six characters, none passes), and UTF-8 with a stray byte or two is
    nearly all valid sequences.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    stray = wide = offset = bad_byte = newlines = 0
    line_start = 0
    for chunk in chunks:
        text = decoder.decode(chunk)
        strays = len(_STRAY.findall(text))
        stray += strays
        wide += len(text) - len(text.encode("ascii", "ignore")) - strays
        before = chunk[: max(0, first_bad - offset)]
        newlines += before.count(b"\n")
        if b"\n" in before:
            line_start = offset + before.rindex(b"\n") + 1
        if offset <= first_bad < offset + len(chunk):
            bad_byte = chunk[first_bad - offset]
        offset += len(chunk)
    return wide > 4 * stray, bad_byte, newlines + 1, first_bad - line_start + 1


_STRAY = re.compile("[\udc80-\udcff]")


def _table(records: Iterator[tuple[int, list[str]]], path: Path) -> Table:
    """A Table whose rows are read as they are asked for, each numbered as a spreadsheet
    shows it (the header is row 1), as an xlsx row is: a quoted cell spanning lines is one
    row, however many lines it takes."""
    first = next(records, None)
    if first is None:
        raise InvalidDataError([Problem(path, Said("file empty"))])
    rows = ((number, row) for number, (_, row) in enumerate(records, start=2))
    return Table(path=path, header=tuple(first[1]), rows=rows)


def read_csv_text(text: str, path: Path) -> Table:
    return _table(store.csv_records(text, path), path)


def read_csv(path: Path, encoding: str | None = None) -> Table:
    """A CSV file, streamed: checked to decode first (a chunk at a time), then parsed a
    line at a time as its rows are asked for."""

    def chunks() -> Iterator[bytes]:
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(CHUNK_BYTES):
                    yield chunk
        except OSError as exc:
            raise TargetsError(
                Said("cannot read file", path=str(path), why=os_error(exc))
            ) from None

    codec, quoted = choose_encoding(chunks, path, encoding)

    def lines() -> Iterator[str]:
        try:
            with path.open(encoding=codec, newline="") as handle:
                first = next(handle, "")
                yield first.removeprefix(BOM)
                yield from handle
        except (OSError, UnicodeError) as exc:  # it changed after it was checked
            why = os_error(exc) if isinstance(exc, OSError) else Said("changed while read")
            raise TargetsError(Said("cannot read file", path=str(path), why=why)) from None

    return _table(store.csv_records(lines(), path, quoted), path)


def read_xlsx(path: Path) -> Table:
    """The first sheet of a workbook, with cached values of formula cells; its rows are
    read (openpyxl's read-only mode) as they are iterated."""
    check_workbook(path)  # sizes and dimensions, before any XML is parsed
    rows = _xlsx_rows(path)
    first = next(rows, None)
    if first is None:
        raise InvalidDataError([Problem(path, Said("empty sheet"))])
    header = tuple("" if _plain(c) is None else str(_plain(c)) for c in first[1])
    return Table(path=path, header=header, rows=rows, typed=True)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    import openpyxl  # imported here: only .xlsx users pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (InvalidFileException, OSError, KeyError, ValueError, TypeError,
                  zipfile.BadZipFile, ParseError)  # fmt: skip
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except unreadable as exc:  # an .xls renamed .xlsx, a truncated download, …
        raise TargetsError(Said("not a workbook", path=str(path), error=str(exc))) from None
    try:
        if not book.worksheets:
            raise TargetsError(Said("no worksheet", path=str(path)))
        sheet = book.worksheets[0]
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)  # a stray far cell: unread
        for number, row in enumerate(sheet.iter_rows(max_col=width), start=1):
            yield (
                number,
                tuple(
                    Cell(c.value, True)
                    if isinstance(c.value, int | float)
                    and "%" in str(getattr(c, "number_format", ""))
                    else c.value
                    for c in row
                ),
            )
    except unreadable as exc:
        raise TargetsError(Said("damaged workbook", path=str(path), error=str(exc))) from None
    finally:
        book.close()


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Read a .csv or .xlsx file into a Table whose rows are read as they are iterated."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TargetsError(Said("not a sheet file", path=str(path), suffix=suffix))
    store.require_regular(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TargetsError(Said("cannot read file", path=str(path), why=os_error(exc))) from None
    if size > MAX_INPUT_BYTES:
        raise TargetsError(Said("sheet too big", path=str(path), mib=MAX_INPUT_BYTES // 2**20))
    if suffix == ".xlsx":
        return read_xlsx(path)
    return read_csv(path, encoding)
