"""The plan's observations: reading, locking and writing progress.csv."""

from __future__ import annotations

import csv
import gc
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import IO, TextIO

from gongshu_targets.core.models import (
    LARGEST,
    RECORDED_YEARS,
    SHARE_ON_RATE,
    Observation,
    Plan,
    recorded_in_range,
)
from gongshu_targets.core.store.files import read_text, write_atomic
from gongshu_targets.core.store.plan import LoadedPlan, refuse_bundled
from gongshu_targets.core.units import MAX_SHARE, PERCENT, is_whole, not_whole
from gongshu_targets.errors import (
    InvalidDataError,
    Message,
    Problem,
    Said,
    TargetsError,
    control_problem,
    os_error,
    quoted,
)

PROGRESS_COLUMNS = ("id", "as_of", "value", "source", "note", "recorded_at")
# A file that holds a 完成进度 (a share, not a value) has one more column saying so.
KIND_COLUMN = "kind"
KINDS = {"": False, "value": False, "share": True}

# The value of a row that takes back the figure recorded before it for its id, date and kind.
RETRACTED = "retracted"

_NOT_A_DATE = Said("not iso date")
_OUTSIDE = Said("outside the period")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class _ProgressReader:
    """Reads progress.csv rows. Dates, timestamps and repeated texts are parsed once and
    shared, which matters at 200,000 rows; every field is checked here, so observations are
    built without a second validation."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.period = plan.period
        self.dates: dict[str, date | Said] = {}  # text -> date, or why it is not one
        self.stamps: dict[str, datetime | Said] = {}  # text -> time, or why it is not one
        self.texts: dict[str, str] = {}  # a source or note already checked

    def _date(self, text: str) -> date | Said:
        if text not in self.dates:
            if not _ISO_DATE.fullmatch(text):
                self.dates[text] = _NOT_A_DATE
            else:
                try:
                    day = date.fromisoformat(text)
                except ValueError:
                    self.dates[text] = _NOT_A_DATE
                else:
                    inside = self.period.start <= day <= self.period.end
                    self.dates[text] = day if inside else _OUTSIDE
        return self.dates[text]

    def _stamp(self, text: str) -> datetime | Said:
        if text not in self.stamps:
            try:
                stamp = datetime.fromisoformat(text)
            except ValueError:
                self.stamps[text] = Said("not iso time")
            else:  # a time written without its zone is UTC, as the tool writes it
                stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
                years = "{}–{}".format(*RECORDED_YEARS)
                in_range = recorded_in_range(stamp)
                self.stamps[text] = stamp if in_range else Said("time range", years=years)
        return self.stamps[text]

    def row(self, row: list[str]) -> Observation | list[tuple[str, str, Message]]:
        """One record: an observation, or its problems as (column, value, why)."""
        target_id, as_of_text, value_text, source, note, recorded_text = row[:6]
        kind = row[6] if len(row) > 6 else ""
        bad: list[tuple[str, str, Message]] = []
        share = KINDS.get(kind)
        if share is None:
            bad.append((KIND_COLUMN, kind, Said("not a kind")))
        target = self.plan.target(target_id)
        if target is None:
            bad.append(("id", target_id, Said("no such target", close=[])))
        as_of = self._date(as_of_text)
        if isinstance(as_of, Said):
            bad.append(("as_of", as_of_text, as_of))
        retracted = value_text == RETRACTED
        # + 0.0: a "-0" is 0 (shown as 0, never -0)
        value = float(value_text) + 0.0 if _PLAIN_NUMBER.fullmatch(value_text) else None
        if retracted:
            value = 0.0
        elif value is None or not -LARGEST <= value <= LARGEST:
            bad.append(("value", value_text, Said("number within", limit=LARGEST)))
        elif share and not 0 <= value <= MAX_SHARE:
            bad.append(("value", value_text, Said("stored share range", top=MAX_SHARE)))
        elif share and target is not None and not target.takes_share:
            bad.append(("value", value_text, SHARE_ON_RATE))
        elif not share and target is not None and target.is_task:
            bad.append(("value", value_text, Said("stored task value")))
        elif not share and value < 0 and target is not None and target.unit != PERCENT:
            bad.append(("value", value_text, Said("stored negative")))
        elif not share and target is not None and is_whole(target.unit) and value % 1:
            # what every way in refuses (import, update), refused here too: a file
            # edited by hand, or written before the check, holds no 20.5 家
            bad.append(("value", value_text, not_whole(Decimal(value_text), target.unit)))
        recorded_at = self._stamp(recorded_text)
        if isinstance(recorded_at, Said):
            bad.append(("recorded_at", recorded_text, recorded_at))
        for column, text, multiline in (("source", source, False), ("note", note, True)):
            if text not in self.texts:
                problem = control_problem(text, multiline)
                if problem:
                    bad.append((column, text, problem))
        if bad:
            return bad
        assert isinstance(as_of, date) and value is not None and isinstance(recorded_at, datetime)
        texts = self.texts
        return Observation.lean(
            id=texts.setdefault(target_id, target_id),
            as_of=as_of,
            value=value,
            source=texts.setdefault(source, source),
            note=texts.setdefault(note, note),
            recorded_at=recorded_at,
            share=bool(share),
            retracted=retracted,
        )


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built.

    Observations hold no reference cycles, so reference counting frees them all the same;
    left on, the collector rescans the growing heap every few hundred objects, which at
    100,000 rows is a third of an import's time.
    """
    enabled = gc.isenabled()
    try:
        gc.disable()
        yield
    finally:
        if enabled:
            gc.enable()


def csv_records(
    source: str | Iterable[str], path: Path, quoted: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV text, or of its lines as they are read, one at a time, each
    with the line it starts on (as an editor shows it). Lines given one by one are
    ``quoted`` unless the caller knows that no quote character is among them."""
    if isinstance(source, str):
        quoted = '"' in source
        source = io.StringIO(source, newline="")
    reader = csv.reader(source)
    start = 1
    try:
        if quoted:  # a quoted cell may span lines
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        else:  # no record spans lines: record n is on line n
            yield from enumerate(reader, 1)
    except csv.Error as exc:
        line = start if quoted else reader.line_num
        raise InvalidDataError(
            [Problem(path, Said("not csv", row=line, error=str(exc)), line)]
        ) from None


def split_value(
    path: Path, columns: tuple[str, ...] = PROGRESS_COLUMNS
) -> Callable[[int, Sequence[str]], Problem | None]:
    """How a row of progress.csv (at ``path``, under ``columns``) is refused whose value
    and the cells after it read as one number split at an unquoted comma (6,900: a value
    of 6 and a source of 900), by the check an import makes of a sheet's rows. Here the
    value is never quoted with its comma: it is written without one."""
    # figures reads the store: imported here, once the store is
    from gongshu_targets.core.figures.cells import normalise_text
    from gongshu_targets.core.figures.rows import split_number
    from gongshu_targets.core.figures.tables import Table

    table = Table(path, columns, ())
    at, value = dict(enumerate(columns)), columns.index("value")
    # Only a cell after the value that begins with a digit can go on its number: each
    # distinct one (a file repeats a few sources) is looked at once.
    numeric: dict[str, bool] = {}

    def split(line: int, row: Sequence[str]) -> Problem | None:
        after = row[value + 1] if len(row) > value + 1 else ""
        begins = numeric.get(after)
        if begins is None:
            first = normalise_text(after)[:1]
            begins = numeric[after] = first.isascii() and first.isdecimal()
        return split_number(table, at, (value,), line, row, quoting=False) if begins else None

    return split


def parse_progress(
    text: str, path: Path, plan: Plan, lines: list[int] | None = None
) -> list[Observation]:
    """Parse progress.csv text into observations, listing every bad row.

    A row is numbered by the line it starts on, as an editor shows it; ``lines``, if
    given, receives the line of each observation.
    """
    records = csv_records(text, path)
    header = next(records, None)
    if header is None:
        return []
    columns = tuple(h.strip() for h in header[1])
    if columns not in (PROGRESS_COLUMNS, (*PROGRESS_COLUMNS, KIND_COLUMN)):
        raise InvalidDataError(
            [
                Problem(
                    path,
                    Said("progress header", columns=",".join(PROGRESS_COLUMNS), kind=KIND_COLUMN),
                    1,
                )
            ]
        )
    reader = _ProgressReader(plan)
    observations: list[Observation] = []
    problems: list[Problem] = []
    width = len(columns)
    split = split_value(path, columns)
    for line, row in records:
        if (problem := split(line, row)) is not None:
            problems.append(problem)
            continue
        if len(row) != width:
            if "".join(row).strip():
                why = Said("columns count", expected=width, found=len(row))
                problems.append(Problem(path, Said("row", row=line, why=why), line))
            continue
        parsed = reader.row(row)
        if isinstance(parsed, Observation):
            observations.append(parsed)
            if lines is not None:
                lines.append(line)
            continue
        if not "".join(row).strip():
            continue
        target_id = row[0] if reader.plan.target(row[0]) else None
        problems.extend(
            Problem(
                path,
                Said("cell", row=line, column=column, value=quoted(value), why=why),
                line,
                target_id,
            )
            for column, value, why in parsed
        )
    if problems:
        raise InvalidDataError(problems)
    return observations


MAX_PROGRESS_BYTES = 1 << 30  # 1 GiB: millions of rows; a larger file is refused unread


def load_progress(loaded: LoadedPlan) -> list[Observation]:
    """The plan's observations. No progress.csv at all (not even a link) means a plan that
    has never had figures; anything else there must be a readable file (a link to nothing,
    a folder or a pipe is refused, never read as "no figures")."""
    return _load(loaded)


def _load(loaded: LoadedPlan, lines: list[int] | None = None) -> list[Observation]:
    path = loaded.progress_path
    if not os.path.lexists(path):
        return []
    text = read_text(path, MAX_PROGRESS_BYTES)
    with bulk():
        return parse_progress(text, path, loaded.plan, lines)


def conflicts(
    observations: Sequence[Observation], lines: Sequence[int], path: Path
) -> list[Problem]:
    """What a well-formed progress.csv may still hold that cannot be right: two rows for
    one id, date and kind recorded at the same time with different values (which one
    counts would depend on line order), and a retraction with no figure before it to take
    back. ``lines`` are the rows' lines, in the same order."""
    problems = []
    by_slot: dict[tuple[str, date, bool], list[tuple[datetime, int, Observation]]] = {}
    for line, obs in zip(lines, observations, strict=True):
        by_slot.setdefault(obs.slot, []).append((obs.recorded_at, line, obs))
    for rows in by_slot.values():
        rows.sort(key=lambda row: (row[0], row[1]))
        previous: Observation | None = None
        for at, line, obs in rows:
            if (
                previous is not None
                and previous.recorded_at == at
                and (previous.value != obs.value or previous.retracted != obs.retracted)
            ):
                why = Said("same time", id=obs.id, day=obs.as_of, at=at.isoformat())
                problems.append(Problem(path, Said("row", row=line, why=why), line, obs.id))
            elif obs.retracted and (previous is None or previous.retracted):
                why = Said("retraction of nothing", id=obs.id, day=obs.as_of)
                problems.append(Problem(path, Said("row", row=line, why=why), line, obs.id))
            previous = obs
    return sorted(problems, key=lambda p: p.line or 0)


def check_progress(loaded: LoadedPlan) -> tuple[list[Observation], list[Problem]]:
    """The plan's observations and the conflicts among them (for ``validate``)."""
    lines: list[int] = []
    observations = _load(loaded, lines)
    return observations, conflicts(observations, lines, loaded.progress_path)


LOCK_TIMEOUT_SECONDS = 60


@contextmanager
def progress_lock(loaded: LoadedPlan) -> Iterator[None]:
    """Serialise writers of one progress.csv (a lock file beside it). A lock file that is
    a link, a folder or anything but a file is refused (locking truncates it), and so is
    a folder where none can be made: our error, exit 3."""
    from filelock import FileLock, Timeout  # imported here: only writers pay for it

    path = loaded.progress_path
    lock_path = lock_file(loaded.progress_path)
    if lock_path.is_symlink() or (os.path.lexists(lock_path) and not lock_path.is_file()):
        raise TargetsError(Said("lock not a file", path=str(path), lock=str(lock_path)))
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise TargetsError(Said("locked", path=str(path), seconds=LOCK_TIMEOUT_SECONDS)) from None
    except OSError as exc:
        why = os_error(exc)
        raise TargetsError(
            Said("cannot lock", path=str(path), lock=str(lock_path), why=why)
        ) from None
    try:
        yield
    finally:
        lock.release()


def lock_file(progress: Path) -> Path:
    """The lock file that serialises writers of a plan's progress.csv."""
    return Path(f"{progress}.lock")


def format_value(value: float) -> str:
    """The shortest text that reads back as the same float: 20000, 4.6, 226.1."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


class IsoTexts(dict[date | tuple[datetime, tzinfo | None], str]):
    """Each date's ISO text, and each time's by the time and its zone (``iso[at,
    at.tzinfo]``), made once: a file holds few distinct ones. Two times of one instant in
    two zones are equal, and each is written as it was given."""

    def __missing__(self, key: date | tuple[datetime, tzinfo | None]) -> str:
        text = self[key] = key[0].isoformat() if isinstance(key, tuple) else key.isoformat()
        return text


def empty_progress() -> str:
    """The text of a progress.csv that holds no figure: its header."""
    buffer = io.StringIO()
    write_table((), False, buffer)
    return buffer.getvalue()


def write_table(rows: Iterable[Sequence[str]], kind: bool, out: TextIO) -> None:
    """progress.csv from its rows, already in order; with ``kind`` (the file holds a
    完成进度) each row ends with its kind, ``share`` or empty, under a ``kind`` header."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*PROGRESS_COLUMNS, KIND_COLUMN) if kind else PROGRESS_COLUMNS)
    writer.writerows(rows)


def write_progress_with(loaded: LoadedPlan, write_text: Callable[[TextIO], None]) -> None:
    """Replace progress.csv with what ``write_text`` writes, row by row into its
    temporary copy (the file is never held whole), then renamed over it."""
    refuse_bundled(loaded)

    def write(handle: IO[bytes]) -> None:
        out = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
        write_text(out)
        out.flush()
        out.detach()

    write_atomic(loaded.progress_path, write, tidy=True)
