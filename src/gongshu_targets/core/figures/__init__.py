"""Figures coming in: a sheet read (``tables``), its cells read as numbers and dates
(``cells``), its rows checked (``rows``), then recorded all or nothing (``record``);
and the rows of the sheets we hand out (``exchange``). The names callers need are here.
"""

from gongshu_targets.core.figures.cells import ValueProblem, parse_as_of, parse_date, parse_value
from gongshu_targets.core.figures.exchange import (
    EXPORT_COLUMNS,
    export_header,
    export_rows,
    template_rows,
)
from gongshu_targets.core.figures.plausibility import ACCEPTED_NOTE, Doubt, Reading, Screen
from gongshu_targets.core.figures.record import (
    Merge,
    import_file,
    merge,
    record,
    retract_one,
    update_one,
)
from gongshu_targets.core.figures.rows import NOTHING_WRITTEN, Rows, validate_rows
from gongshu_targets.core.figures.tables import Cell, Table, decode, read_csv_text, read_table

__all__ = [
    "ACCEPTED_NOTE",
    "Doubt",
    "Reading",
    "Screen",
    "EXPORT_COLUMNS",
    "export_header",
    "NOTHING_WRITTEN",
    "Cell",
    "Merge",
    "Rows",
    "Table",
    "ValueProblem",
    "decode",
    "export_rows",
    "import_file",
    "merge",
    "parse_as_of",
    "parse_date",
    "parse_value",
    "read_csv_text",
    "read_table",
    "record",
    "retract_one",
    "template_rows",
    "update_one",
    "validate_rows",
]
