"""A workbook's size, checked before it is parsed: an .xlsx is a zip of XML parts, and a
few megabytes can unpack to gigabytes (a "zip bomb") or declare a sheet of a million
columns. Each part's unpacked size and the first sheet's dimensions are read from the
zip's directory and the sheet's first bytes, so a bomb is refused in well under a second.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from gongshu_targets.errors import Said, TargetsError

# A quarter's sheet of 100,000 rows unpacks to about 30 MB of sheet XML.
MAX_SHEET_BYTES = 256 * 2**20
MAX_SHARED_STRINGS_BYTES = 64 * 2**20  # read whole into memory by openpyxl
MAX_OTHER_PART_BYTES = 16 * 2**20  # styles, workbook, relationships, …
MAX_PARTS = 1_000
MAX_COLUMNS = 64  # a sheet to import has a handful; the rest is never read
MAX_ROWS = 1_048_576  # Excel's own limit
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _limit(name: str) -> int:
    if name.startswith("xl/worksheets/"):
        return MAX_SHEET_BYTES
    if name == "xl/sharedStrings.xml":
        return MAX_SHARED_STRINGS_BYTES
    return MAX_OTHER_PART_BYTES


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose parts unpack too large, that has no worksheet, or whose
    first sheet declares more columns or rows than an import reads."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
            if len(parts) > MAX_PARTS:
                raise TargetsError(Said("too many parts", path=str(path), parts=len(parts)))
            for part in parts:
                if part.file_size > _limit(part.filename):
                    raise TargetsError(
                        Said("part too big", path=str(path), part=repr(part.filename[:80]),
                             mib=f"{part.file_size / 2**20:,.0f}",
                             limit=_limit(part.filename) // 2**20)
                    )  # fmt: skip
            sheets = sorted(
                p.filename
                for p in parts
                if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")
            )
            if not sheets:
                raise TargetsError(Said("no worksheet", path=str(path)))
            with book.open(sheets[0]) as sheet:
                head = sheet.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise TargetsError(Said("not a workbook", path=str(path), error=str(exc))) from None
    _check_dimension(path, head)


def _check_dimension(path: Path, head: bytes) -> None:
    found = _DIMENSION.search(head)
    if found is None:
        return  # no dimension declared: the reader's own column bound holds
    last_column, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
    if last_column and _column_number(last_column.decode()) > MAX_COLUMNS:
        raise TargetsError(
            Said("too many columns", path=str(path), column=last_column.decode(), most=MAX_COLUMNS)
        )
    if last_row and int(last_row) > MAX_ROWS:
        raise TargetsError(Said("too many rows", path=str(path), rows=f"{int(last_row):,}"))
