"""Spreadsheet rows (CSV or .xlsx) -> validated observations, or every row's problems.

What Excel on Chinese Windows produces is accepted: UTF-8 with or without a BOM or
GB18030/GBK, CRLF line ends, blank trailing rows, full-width characters, thousands
separators, unit words (4万, 75.7亿元, 15.2%), Excel's own number and date cells, and
the Chinese headers 编号 日期 数值 备注 来源.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

from . import store
from .errors import InvalidDataError, Problem, TargetsError, suggestion
from .models import COUNT_UNITS, LARGEST, MONEY_UNITS, PERCENT, Observation, Period, Plan, Target
from .scoring import resolve_revisions
from .store import LoadedPlan, format_value

MAX_INPUT_BYTES = 256 * 1024 * 1024
NOTHING_WRITTEN = "nothing was written"  # all or nothing: said with every refusal
BOM = "\ufeff"

# Canonical column -> the headers accepted for it (compared after NFKC and casefold).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号"),
    "as_of": ("as_of", "日期"),
    "value": ("value", "数值"),
    "note": ("note", "备注"),
    "source": ("source", "来源"),
}
REQUIRED = ("id", "as_of", "value")
# Columns a template carries for the reader's benefit; an import ignores them.
TEMPLATE_INFO: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称"),
    "unit": ("unit", "单位"),
    "target": ("target", "目标"),
    "latest": ("latest", "最新值"),
}
HEADER_LOOKUP = {
    alias.casefold(): column
    for table in (COLUMNS, TEMPLATE_INFO)
    for column, aliases in table.items()
    for alias in aliases
}

_PLAIN = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")
_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)")
_QUARTER = re.compile(r"(\d{4})\s*-?\s*Q([1-4])", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})[-/年](\d{1,2})月?")
_DAY = re.compile(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?")
_MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


class ValueProblem(ValueError):
    """A cell that cannot be read as the target needs; the message says why."""


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


def normalise_text(text: str) -> str:
    """NFKC folds full-width digits, letters, ％ and ，; a typographic minus (−, as PDFs
    copy it) becomes -; spaces are dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u2212", "-")


def _factor(unit: str, target: Target) -> Decimal:
    """How many recording units one ``unit`` is worth for ``target``; raises if it cannot apply."""
    words = target.unit
    if target.unit == PERCENT:
        if unit in ("", "%"):
            return Decimal(1)
        raise ValueProblem(f"unit {unit!r} cannot apply to a % target")
    if unit == "%":
        raise ValueProblem(f"a percentage cannot apply to a target in {words}")
    if target.unit in MONEY_UNITS:
        if unit == "":
            return Decimal(1)
        money = unit if unit in MONEY_UNITS else unit + "元" if unit in _MAGNITUDES else None
        if money is None:
            raise ValueProblem(f"unit {unit!r} cannot apply to a target in {words}")
        return Decimal(str(MONEY_UNITS[money])) / Decimal(str(MONEY_UNITS[target.unit]))
    base = target.recording_unit
    magnitude = Decimal(1)
    if unit[:1] in _MAGNITUDES:
        magnitude, unit = _MAGNITUDES[unit[0]], unit[1:]
    if unit in ("", base):
        return magnitude
    if unit in COUNT_UNITS or unit in MONEY_UNITS:
        raise ValueProblem(f"unit {unit!r} cannot apply to a target in {words}")
    raise ValueProblem(f"unknown unit {unit!r}")


def _plain_number(text: str, target: Target) -> float | None:
    """A cell like 226.1, in ASCII digits as written, or None for anything that needs a
    closer look: a sign on a count or amount, units, separators, exponents, other digits."""
    if len(text) > 15 or _PLAIN.fullmatch(text) is None:
        return None
    if text[0] == "-" and target.unit != PERCENT:
        return None
    return float(text)


def parse_value(cell: Any, target: Target) -> float:
    """A cell (a plain value, or a Cell) as a number in the target's recording unit
    (people for a 万名 target)."""
    raw = _plain(cell)
    percent = isinstance(cell, Cell) and cell.percent
    if isinstance(raw, bool):
        raise ValueProblem("not a number")
    if isinstance(raw, int | float):
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if percent:
            if target.unit != PERCENT:
                raise ValueProblem(f"a percentage cannot apply to a target in {target.unit}")
            number *= 100
    elif isinstance(raw, str) and (plain := _plain_number(raw, target)) is not None:
        return plain  # the common case: a plain number, in the recording unit
    else:
        text = normalise_text(str(raw)).replace(",", "")
        match = _NUMBER.fullmatch(text)
        if match is None:
            raise ValueProblem("not a number")
        try:
            number = Decimal(match.group(1)) * _factor(match.group(2), target)
        except InvalidOperation:
            raise ValueProblem("not a number") from None
    if not number.is_finite():
        raise ValueProblem("not a finite number")
    value = float(number)
    if not -LARGEST <= value <= LARGEST:
        raise ValueProblem(f"too large (beyond ±{LARGEST:.0e})")
    if number.is_signed() and target.unit != PERCENT:  # -0 included: a sign is a mistake
        raise ValueProblem(f"a count or amount cannot be negative ({target.unit})")
    return value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_date(raw: Any) -> date:
    """2025-06-30, 2025/6/30, 2025年6月30日, 2025Q2 (quarter end), 2025-06 (month end), or
    an Excel date cell."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = normalise_text("" if raw is None else str(raw))
    try:
        if match := _DAY.fullmatch(text):
            return date(*(int(g) for g in match.groups()))
        if match := _QUARTER.fullmatch(text):
            return _month_end(int(match.group(1)), int(match.group(2)) * 3)
        if match := _MONTH.fullmatch(text):
            return _month_end(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise ValueProblem("no such date") from None
    raise ValueProblem("not a date (use 2025-06-30, 2025/6/30, 2025Q2 or 2025-06)")


def parse_as_of(raw: Any, period: Period) -> date:
    day = parse_date(raw)
    if not period.start <= day <= period.end:
        raise ValueProblem(f"outside the plan's period {period.start} to {period.end}")
    return day


def _columns(table: Table) -> dict[str, int]:
    """Map each known column to its index; unknown or repeated headers are errors."""
    problems = []
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        key = normalise_text(title).casefold()
        if not key:
            continue
        column = HEADER_LOOKUP.get(key)
        if column is None:
            problems.append(f"unknown column {title!r}")
        elif column in found:
            problems.append(f"column {title!r} appears twice")
        else:
            found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        accepted = "; ".join(f"{c} ({'/'.join(COLUMNS[c])})" for c in missing)
        problems.append(f"missing column(s): {accepted}")
    if problems:
        raise InvalidDataError([Problem(table.path, f"header: {p}", 1) for p in problems])
    return found


@dataclass
class Rows:
    """Validated rows of one import, and the rows left out because their value was empty."""

    observations: list[tuple[int, Observation]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


_FIELDS = ("id", "as_of", "value", "note", "source")


@dataclass
class _RowReader:
    """Reads one sheet row at a time, collecting a Problem for every bad cell.

    A sheet repeats a few ids and dates over many rows, so each distinct id or date cell is
    checked once; a row whose id and date are text cells already checked, with a plain
    number as its value, takes ``quick`` (the common case, a few microseconds) and any
    other row ``read``, which handles and reports everything.
    """

    table: Table
    columns: dict[str, int]
    plan: Plan
    recorded_at: datetime
    problems: list[Problem] = field(default_factory=list)
    dates: dict[Any, date | str] = field(default_factory=dict)  # a cell -> date, or why not
    known_ids: dict[str, Target] = field(default_factory=dict)  # a text cell -> its target

    def __post_init__(self) -> None:
        # Where each field sits; a missing optional column (-1) and a cell past the end of
        # a short row read as None from the padding.
        indices = [self.columns.get(name, -1) for name in _FIELDS]
        self.padding = (None,) * (max(indices) + 2)
        self.pick = itemgetter(*indices)

    def fields(self, row: Sequence[Any]) -> tuple[Any, Any, Any, Any, Any]:
        """The row's raw id, as_of, value, note and source (plain values or Cells)."""
        cells: tuple[Any, Any, Any, Any, Any] = self.pick((*row, *self.padding))
        return cells

    def as_of(self, raw: Any) -> date | str:
        """parse_as_of, once per distinct cell."""
        # A cell that is not text is keyed apart from any text: the text
        # "datetime.date(2025, 3, 31)" is no date, whatever Excel cells came before it.
        key = raw if isinstance(raw, str) else (type(raw), repr(raw))
        if key not in self.dates:
            try:
                self.dates[key] = parse_as_of(raw, self.plan.period)
            except ValueProblem as exc:
                self.dates[key] = str(exc)
        return self.dates[key]

    def bad(self, number: int, column: str, raw: Any, why: str, who: str | None) -> None:
        shown = _plain(raw)
        text = "" if shown is None else str(shown)
        self.problems.append(
            Problem(
                self.table.path, f"row {number}, column {column} = {text!r}: {why}", number, who
            )
        )

    def target(self, number: int, raw: Any) -> Target | None:
        raw = _plain(raw)
        target_id = normalise_text(str(raw or ""))
        target = self.plan.target(target_id)
        if target is None:
            known = [t.id for t in self.plan.targets]
            why = "no such target in the plan" if target_id else "empty"
            self.bad(number, "id", raw, why + suggestion(target_id, known), None)
        elif isinstance(raw, str):
            self.known_ids[raw] = target
        return target

    def quick(self, row: Sequence[Any]) -> Observation | None:
        """The row's observation when its id and date cells were seen before and its value
        is a plain number; None sends the row to ``read``."""
        raw_id, raw_date, raw_value, raw_note, raw_source = self.fields(row)
        target = self.known_ids.get(raw_id)
        as_of = self.dates.get(raw_date)  # a text cell's own key; other cells miss
        if target is None or not isinstance(as_of, date) or raw_value.__class__ is not str:
            return None
        value = _plain_number(raw_value, target)
        if value is None:
            return None
        note, source = _text(_plain(raw_note)), _text(_plain(raw_source))
        return Observation.checked(target.id, as_of, value, source, note, self.recorded_at)

    def read(self, number: int, cells: tuple[Any, Any, Any, Any, Any]) -> Observation | None:
        """The row's observation, or None when it has a problem (recorded)."""
        raw_id, raw_date, raw_value, raw_note, raw_source = cells
        target = self.target(number, raw_id)
        who = target.id if target else None
        as_of = self.as_of(_plain(raw_date))
        if isinstance(as_of, str):
            self.bad(number, "as_of", raw_date, as_of, who)
        if target is None:
            return None
        try:
            value = parse_value(raw_value, target)
        except ValueProblem as exc:
            self.bad(number, "value", raw_value, str(exc), who)
            return None
        if isinstance(as_of, str):
            return None
        return Observation.lean(
            id=target.id,
            as_of=as_of,
            value=value,
            note=_text(_plain(raw_note)),
            source=_text(_plain(raw_source)),
            recorded_at=self.recorded_at,
        )


def validate_rows(table: Table, plan: Plan, recorded_at: datetime) -> Rows:
    """Every row checked; raises InvalidDataError naming each bad row, column and value.

    Blank rows are passed over; a row whose value is empty (a template row nobody filled)
    is skipped and counted.
    """
    reader = _RowReader(table, _columns(table), plan, recorded_at)
    result = Rows()
    first_seen: dict[tuple[str, date], tuple[int, float]] = {}
    for number, row in table.rows:
        obs = reader.quick(row)
        if obs is None:
            cells = reader.fields(row)
            if _blank(cells[2]):
                if not all(_blank(c) for c in row):
                    result.skipped.append(number)
                continue
            obs = reader.read(number, cells)
            if obs is None:
                continue
        earlier = first_seen.setdefault((obs.id, obs.as_of), (number, obs.value))
        if earlier[0] != number:
            if earlier[1] != obs.value:
                why = f"row {earlier[0]} gives {obs.id} on {obs.as_of} another value"
                reader.bad(number, "value", reader.fields(row)[2], why, obs.id)
            continue
        result.observations.append((number, obs))
    if reader.problems:
        raise InvalidDataError(reader.problems)
    return result


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


@dataclass
class Merge:
    """What an import does to progress.csv: rows added, revised and left unchanged."""

    added: list[Observation] = field(default_factory=list)
    revised: list[tuple[Observation, Observation]] = field(default_factory=list)  # (old, new)
    unchanged: list[Observation] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    @property
    def new_rows(self) -> list[Observation]:
        return self.added + [new for _, new in self.revised]


def merge(
    existing: Iterable[Observation],
    incoming: Sequence[tuple[int, Observation]],
    replace: bool,
    path: Path | None,
) -> Merge:
    """Compare incoming figures with the current ones; a changed value needs ``replace``.

    The same value again is unchanged (so importing a file twice changes nothing); a
    different one is a conflict, or with ``replace`` a revision that keeps the old row.
    """
    current = {(o.id, o.as_of): o for o in resolve_revisions(existing)}
    result = Merge()
    conflicts: list[Problem] = []
    for number, obs in incoming:
        held = current.get((obs.id, obs.as_of))
        if held is None:
            result.added.append(obs)
        elif held.value == obs.value:
            result.unchanged.append(held)
        elif replace:
            # A revision must count: stamp it after the row it revises, even if that row's
            # time is ahead of this clock or in the same second.
            stamp = max(obs.recorded_at, held.recorded_at + timedelta(seconds=1))
            result.revised.append((held, obs.model_copy(update={"recorded_at": stamp})))
        else:
            why = (
                f"{obs.id} on {obs.as_of} is already recorded as {format_value(held.value)}, "
                f"not {format_value(obs.value)}; use --replace to record a revision"
            )
            if path is None:
                conflicts.append(Problem(None, why, None, obs.id))
            else:
                conflicts.append(Problem(path, f"row {number}: {why}", number, obs.id))
    if conflicts:
        raise InvalidDataError(conflicts)
    return result


def record(
    loaded: LoadedPlan,
    incoming: Sequence[tuple[int, Observation]],
    replace: bool,
    dry_run: bool,
    source_file: Path | None,
) -> Merge:
    """Merge figures into progress.csv under its lock: all of them, or none.

    ``source_file`` is the sheet the rows came from, for the row numbers of conflicts.
    """
    if dry_run:  # reads only: no lock file, so it works on a read-only or bundled plan
        return merge(store.load_progress(loaded), incoming, replace, source_file)
    store.refuse_bundled(loaded)
    with store.progress_lock(loaded):
        existing = store.load_progress(loaded)
        result = merge(existing, incoming, replace, source_file)
        if result.new_rows:
            store.write_progress(loaded, [*existing, *result.new_rows])
    return result


def import_file(
    loaded: LoadedPlan,
    path: Path,
    *,
    replace: bool,
    dry_run: bool,
    recorded_at: datetime,
    encoding: str | None = None,
) -> Merge:
    """Validate every row of a .csv/.xlsx file, then record them all, or nothing."""
    with _nothing_written():
        with store.bulk():
            rows = validate_rows(read_table(path, encoding), loaded.plan, recorded_at)
        result = record(loaded, rows.observations, replace, dry_run, path)
    result.skipped = rows.skipped
    return result


@contextmanager
def _nothing_written() -> Iterator[None]:
    """A refused import or update says that progress.csv was left as it was."""
    try:
        yield
    except InvalidDataError as exc:
        raise InvalidDataError(exc.problems, NOTHING_WRITTEN) from None


def update_one(
    loaded: LoadedPlan,
    target_id: str,
    value_text: str,
    as_of: date,
    *,
    note: str,
    source: str,
    replace: bool,
    recorded_at: datetime,
) -> Merge:
    """Record one figure typed on the command line (units allowed: 4万, 75.7亿元)."""
    target = loaded.plan.require_target(target_id)
    period = loaded.plan.period
    problems = []
    if not period.start <= as_of <= period.end:
        problems.append(f"date {as_of} is outside the plan's period {period.start} to {period.end}")
    try:
        value = parse_value(value_text, target)
    except ValueProblem as exc:
        problems.append(f"value {value_text!r}: {exc}")
    if problems:
        problem_list = [Problem(None, p, None, target_id) for p in problems]
        raise InvalidDataError(problem_list, NOTHING_WRITTEN)
    obs = Observation(
        id=target_id, as_of=as_of, value=value, note=note, source=source, recorded_at=recorded_at
    )
    with _nothing_written():
        return record(loaded, [(1, obs)], replace, dry_run=False, source_file=None)


def template_rows(
    plan: Plan, observations: Iterable[Observation], as_of: date, lang: str
) -> tuple[list[str], list[list[Any]]]:
    """A sheet to fill for one date: every target, its latest figure, an empty value."""
    order = ("id", "name", "unit", "target", "latest", "as_of", "value", "note", "source")
    titles = {**COLUMNS, **TEMPLATE_INFO}
    header = [titles[c][1] if lang == "zh" else titles[c][0] for c in order]
    latest: dict[str, Observation] = {}
    for obs in resolve_revisions(observations):
        if obs.as_of <= as_of:
            latest[obs.id] = obs
    rows = []
    for t in plan.targets:
        figure = latest.get(t.id)
        rows.append(
            [
                t.id,
                t.name if lang == "zh" else t.name_en,
                t.recording_unit,
                None if t.target is None else float(Decimal(repr(t.target)) * Decimal(t.scale)),
                None if figure is None else figure.value,
                as_of,
                None,
                None,
                None,
            ]
        )
    return header, rows


EXPORT_COLUMNS = ("id", "as_of", "value", "unit", "source", "note", "recorded_at")


def export_rows(plan: Plan, observations: Iterable[Observation]) -> list[list[Any]]:
    """Every recorded figure, revisions included, in progress.csv's order and units."""
    units = {t.id: t.recording_unit for t in plan.targets}
    ordered = sorted(observations, key=lambda o: (o.id, o.as_of, o.recorded_at))
    return [
        [o.id, o.as_of, o.value, units.get(o.id, ""), o.source, o.note, o.recorded_at]
        for o in ordered
    ]


def scale_hint(plan: Plan, target_id: str, value_text: str) -> str | None:
    """A word for a bare number on a 万 target: it counts people, not 万 people."""
    target = plan.target(target_id)
    text = normalise_text(value_text).replace(",", "")
    if target is None or target.scale == 1 or _NUMBER.fullmatch(text) is None:
        return None
    match = _NUMBER.fullmatch(text)
    assert match is not None
    if match.group(2):
        return None
    number = Decimal(match.group(1))
    in_target_unit = number / Decimal(target.scale)
    return (
        f"note: {value_text} was read as {number} {target.recording_unit}, that is "
        f"{in_target_unit.normalize():f} {target.unit}; if you meant {number}{target.unit}, "
        f"record {number}万 with --replace"
    )
