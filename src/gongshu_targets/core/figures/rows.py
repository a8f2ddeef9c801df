"""Checking a sheet's rows: its header (the Chinese headers 编号 日期 数值 备注 来源 too) and
every row, each problem named by row and column."""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any

from gongshu_targets.core.figures.cells import (
    _PLAIN,
    ValueProblem,
    normalise_text,
    parse_as_of,
    parse_share,
    parse_value,
)
from gongshu_targets.core.figures.held import (
    DROPPED,
    IS_RETRACTION,
    IS_SHARE,
    IS_STAMPED,
    KEPT,
    Figures,
)
from gongshu_targets.core.figures.plausibility import Screen
from gongshu_targets.core.figures.tables import FORMULA_START, Table, _blank, _plain
from gongshu_targets.core.models import (
    RECORDED_YEARS,
    Observation,
    Plan,
    Target,
    recorded_in_range,
)
from gongshu_targets.core.store import RETRACTED
from gongshu_targets.core.units import MAX_SHARE, PERCENT, UnitProblem, is_whole, unit_scale
from gongshu_targets.errors import (
    MAX_PROBLEMS,
    SHOWN_LIMIT,
    InvalidDataError,
    Message,
    OptionError,
    Problem,
    Said,
    close_ids,
    control_problem,
    quoted,
)

# Canonical column -> the headers accepted for it (compared after NFKC and casefold).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号"),
    "serial": ("no", "序号"),
    "as_of": ("as_of", "日期"),
    "value": ("value", "数值"),
    "share": ("progress", "完成进度"),
    "note": ("note", "备注"),
    "source": ("source", "来源"),
    "recorded_at": ("recorded_at", "录入时间"),
}

KEYS = ("id", "serial")  # a target's id, else the 序号 of the item the row is (item_target)
FIGURES = ("value", "share")  # at least one of them: a value, a 完成进度, or both

# Columns a template carries for the reader's benefit; an import ignores them.
TEMPLATE_INFO: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称"),
    "unit": ("unit", "单位"),
    "target": ("target", "目标"),
    "latest": ("latest", "最新值"),
    "owner": ("owner", "牵头单位"),
}

# Columns a district's own sheet commonly adds, read over like the template's (the plan's
# items hold the row's title and work; 序时进度 is ours, from the dates). A column that
# becomes meaningful moves from here to COLUMNS.
COMMON_EXTRAS: dict[str, tuple[str, ...]] = {
    "title": ("item", "项目名称"),
    "work": ("work", "主要工作内容"),
    "leader": ("leader", "牵头领导"),
    "pace": ("pace", "序时进度"),
}

READ_OVER = {**TEMPLATE_INFO, **COMMON_EXTRAS}

NOTHING_WRITTEN = Said("nothing written")  # all or nothing: said with every refusal

HEADER_LOOKUP = {
    alias.casefold(): column
    for table in (COLUMNS, READ_OVER)
    for column, aliases in table.items()
    for alias in aliases
}


def _typed(headers: tuple[str, ...]) -> list[str]:
    """Headers as a reader types them: ```id```, ```编号```."""
    return [f"`{h}`" for h in headers]


def _aliases(table: dict[str, tuple[str, ...]]) -> list[str]:
    """Each column's headers, as a list of them shows it: ```id`/`编号```."""
    return ["/".join(_typed(a)) for a in table.values()]


# What an import needs and lacks: each group of columns any one of which will do (a date,
# a row's target, a figure), by the name its message gives it.
NEEDED: dict[tuple[str, ...], str] = {("as_of",): "date", KEYS: "key", FIGURES: "figure"}

FOUND_LIMIT = 4 * SHOWN_LIMIT  # a header's columns, listed as found, cut past this


def _missing(columns: tuple[str, ...], header: Sequence[str]) -> Said:
    """A group of columns the header lacks: the headers any of them takes, and the columns
    the header has, listed (by the catalog, in the reader's language) as far as about
    FOUND_LIMIT characters go, then counted."""
    titles = [t for t in (normalise_text(t) for t in header) if t]
    listed, size = 0, 0
    for title in titles:
        size += min(len(title), SHOWN_LIMIT) + 4  # its quotes and the list's comma
        if size > FOUND_LIMIT and listed:
            break
        listed += 1
    found: object = [quoted(t) for t in titles[:listed]]
    if listed < len(titles):
        found = Said("and more", items=found, more=len(titles) - listed)
    return Said(
        "column missing", need=NEEDED[columns],
        headers=[Said("one of", names=_typed(COLUMNS[c])) for c in columns], found=found,
    )  # fmt: skip


def _columns(table: Table, dated: bool = False) -> dict[str, int]:
    """Map each known column to its index; unknown or repeated headers are errors. A sheet
    dated as a whole (``dated``, import's --as-of) has no date column, and one that has
    one is refused (a usage error): which date would count is not for us to guess."""
    issues: list[Said] = []
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        key = normalise_text(title).casefold()
        if not key:
            continue
        column = HEADER_LOOKUP.get(key)
        if column is None:
            issues.append(Said("column unknown", title=quoted(title), read=_aliases(COLUMNS),
                               over=_aliases(READ_OVER)))  # fmt: skip
        elif column in found:
            first = quoted(table.header[found[column]])
            issues.append(Said("column twice", first=first, second=quoted(title),
                               column="/".join(_typed(COLUMNS[column]))))  # fmt: skip
        else:
            found[column] = index
    if dated and "as_of" in found:
        title = table.header[found["as_of"]]
        raise OptionError(Said("dated sheet", path=str(table.path), title=quoted(title)))
    wanted = ([] if dated else [("as_of",)]) + [KEYS, FIGURES]
    issues += [_missing(w, table.header) for w in wanted if not any(c in found for c in w)]
    if issues:
        problems = [Problem(table.path, issue, 1) for issue in issues]
        raise InvalidDataError(problems, NOTHING_WRITTEN)
    return found


@dataclass
class Rows:
    """Validated rows of one import, and the rows left out because their value was empty."""

    held: Figures
    skipped: list[int] = field(default_factory=list)


_FIELDS = ("id", "as_of", "value", "note", "source", "share", "recorded_at")
Cells = tuple[Any, Any, Any, Any, Any, Any, Any]

# Any control character at all: a quick test that sends the row to the full check.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


# How a plain number (_PLAIN) reads for a target: not at all (a task: 0), else as it is,
# with a sign only where the unit allows one, with a point only where it need not be whole.
_PLAIN_OK, _SIGNED, _WHOLE = 1, 2, 4


def _plain_kind(target: Target) -> int:
    if target.is_task:
        return 0
    return (
        _PLAIN_OK
        | (_SIGNED if target.unit == PERCENT else 0)
        | (_WHOLE if is_whole(target.unit) else 0)
    )


class _Problems(list[Problem]):
    """The first MAX_PROBLEMS problems of a sheet, and a count of the rest: a sheet of a
    million bad rows is refused with a screenful, not a million lines held in memory."""

    more = 0

    @property
    def full(self) -> bool:
        """Whether a new problem would only be counted (so its words need not be made)."""
        return len(self) >= MAX_PROBLEMS

    def append(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            super().append(problem)


@dataclass
class _RowReader:
    """Reads one sheet row at a time, collecting a Problem for every bad cell.

    A sheet repeats a few ids and dates over many rows, so each distinct id or date cell is
    checked once; a row whose id and date are text cells already checked, with a plain
    number as its value, takes ``figure`` (the common case, a few microseconds) and any
    other row ``read``, which handles and reports everything.
    """

    table: Table
    columns: dict[str, int]
    plan: Plan
    recorded_at: datetime
    day: date | None = None  # the date of every row of a sheet with no date column
    problems: _Problems = field(default_factory=_Problems)
    dates: dict[Any, date | Message] = field(default_factory=dict)  # a cell -> date, or why not
    # A text cell -> its target's number in ``held``, and how a plain number reads for it
    known_ids: dict[str, tuple[int, int]] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)  # a text cell -> its date's ordinal
    texts: dict[str, str] = field(default_factory=dict)  # each note and source, kept once
    clean: dict[str | None, int] = field(default_factory=dict)  # a text cell -> held's number

    def __post_init__(self) -> None:
        self.held = Figures(self.plan, self.recorded_at)  # the figures read, in columns
        # Where each field sits; a missing optional column (-1) and a cell past the end of
        # a short row read as None from the padding.
        # A sheet with no id column names each row's item by its 序号 in the id field's place.
        self.by_item = "id" not in self.columns
        key = "serial" if self.by_item else "id"
        indices = [self.columns.get(key if name == "id" else name, -1) for name in _FIELDS]
        self.padding = (None,) * (max(indices) + 2)
        self.pick = itemgetter(*indices)

    def _known(self, raw: Any, target: Target) -> None:
        """Remember a text id cell's target for ``figure``."""
        if isinstance(raw, str):
            self.known_ids[raw] = (self.held.numbers[target.id], _plain_kind(target))

    def fields(self, row: Sequence[Any]) -> Cells:
        """The row's raw id, as_of, value, note, source, share and recorded_at (plain values
        or Cells)."""
        cells: Cells = self.pick((*row, *self.padding))
        return cells

    def as_of(self, raw: Any) -> date | Message:
        """parse_as_of, once per distinct cell."""
        # A cell that is not text is keyed apart from any text: the text
        # "datetime.date(2025, 3, 31)" is no date, whatever Excel cells came before it.
        key = raw if isinstance(raw, str) else (type(raw), repr(raw))
        if raw is None and self.day is not None:  # no date column: the sheet's date
            return self.day
        if key not in self.dates:
            try:
                day = self.dates[key] = parse_as_of(raw, self.plan.period)
            except ValueProblem as exc:
                self.dates[key] = exc.why
            else:
                if isinstance(raw, str):
                    self.ordinals[raw] = day.toordinal()
        return self.dates[key]

    def text(self, raw: Any) -> str:
        """A note or source cell's text; one copy of each text the sheet repeats."""
        text = _text(_plain(raw))
        return self.texts.setdefault(text, text)

    def bad(
        self,
        number: int,
        column: str,
        raw: Any,
        why: Message,
        who: str | None,
        problems: _Problems | None = None,
    ) -> None:
        """A problem with a cell, kept in ``problems`` (the reader's own by default)."""
        problems = self.problems if problems is None else problems
        if problems.full:
            problems.more += 1
            return
        plain = _plain(raw)
        text = quoted("" if plain is None else str(plain))
        message = Said("cell", row=number, column=column, value=text, why=why)
        problems.append(Problem(self.table.path, message, number, who))

    def target(self, number: int, raw: Any) -> Target | None:
        raw = _plain(raw)
        if self.by_item:
            try:
                found = item_target(self.plan, raw)
            except ValueProblem as exc:
                self.bad(number, "no", raw, exc.why, None)
                return None
            self._known(raw, found)
            return found
        target_id = normalise_text(str(raw or ""))
        target = self.plan.target(target_id)
        if target is None:
            # the look for a near id costs a pass over the plan
            close = [] if self.problems.full else close_ids(target_id, self.plan.names_by_id)
            why = Said("no such target", close=close) if target_id else Said("empty")
            self.bad(number, "id", raw, why, None)
        else:
            self._known(raw, target)
        return target

    def figure(self, cells: Cells) -> tuple[int, int, float, int, int] | None:
        """The row's figure as ``held`` numbers it (target, day, value, note, source)
        when its id and date cells were seen before and its value is a plain number, with
        no 完成进度 and no time of recording; None sends the row to ``read``."""
        raw_id, raw_date, raw_value, raw_note, raw_source, raw_share, raw_stamp = cells
        known = self.known_ids.get(raw_id)
        day = self.ordinals.get(raw_date)  # a text cell's own key; other cells miss
        if known is None or day is None or raw_value.__class__ is not str:
            return None
        if (raw_share is not None and not _blank(raw_share)) or (
            raw_stamp is not None and not _blank(raw_stamp)
        ):
            return None
        target, plain = known
        # _plain_number, with what it asks of the target answered once per target
        if not plain or len(raw_value) > 15 or _PLAIN.fullmatch(raw_value) is None:
            return None
        if (raw_value[0] == "-" and not plain & _SIGNED) or (plain & _WHOLE and "." in raw_value):
            return None
        note, source = self.clean.get(raw_note), self.clean.get(raw_source)
        if note is None or source is None:
            texts = self.text(raw_note), self.text(raw_source)
            if _CONTROL.search(texts[0]) or _CONTROL.search(texts[1]):
                return None  # ``read`` reports it
            note, source = (self.held.text_number(text) for text in texts)
            for raw, number in ((raw_note, note), (raw_source, source)):
                if raw is None or raw.__class__ is str:
                    self.clean[raw] = number
        return (target, day, float(raw_value) + 0.0, note, source)  # -0 is 0

    def read(self, number: int, cells: Cells) -> list[Observation]:
        """The row's figures (a value, a 完成进度, or both); none when it has a problem
        (recorded) or no figure."""
        raw_id, raw_date, raw_value, raw_note, raw_source, raw_share, raw_stamp = cells
        target = self.target(number, raw_id)
        who = target.id if target else None
        as_of = self.as_of(_plain(raw_date))
        if not isinstance(as_of, date):
            self.bad(number, "as_of", raw_date, as_of, who)
        recorded_at = self.recorded_at
        if not _blank(raw_stamp):
            try:
                recorded_at = parse_recorded_at(_plain(raw_stamp))
            except ValueProblem as exc:
                self.bad(number, "recorded_at", raw_stamp, exc.why, who)
                return []
        if target is None:
            return []
        figures: list[tuple[float, bool, bool]] = []  # (figure, share, retracted)
        if _is_retraction(raw_value):
            figures.append((0.0, False, True))
        elif not _blank(raw_value):
            try:
                figures.append((parse_value(raw_value, target), False, False))
            except ValueProblem as exc:
                self.bad(number, "value", raw_value, exc.why, who)
                return []
        if _is_retraction(raw_share):
            figures.append((0.0, True, True))
        else:
            try:
                share = parse_share(raw_share, target)
            except ValueProblem as exc:
                self.bad(number, "progress", raw_share, exc.why, who)
                return []
            if share is not None:
                figures.append((share, True, False))
        note, source = self.text(raw_note), self.text(raw_source)
        texts_bad = False
        for column, text, multiline in (("note", note, True), ("source", source, False)):
            problem = control_problem(text, multiline)
            if problem:
                self.bad(number, column, text, problem, who)
                texts_bad = True
        if not isinstance(as_of, date) or texts_bad:
            return []
        return [
            Observation.lean(
                id=target.id,
                as_of=as_of,
                value=value,
                note=note,
                source=source,
                recorded_at=recorded_at,
                share=is_share,
                retracted=retracted,
            )
            for value, is_share, retracted in figures
        ]


def validate_rows(
    table: Table,
    plan: Plan,
    recorded_at: datetime,
    screen: Screen | None = None,
    day: date | None = None,
) -> Rows:
    """Every row checked; raises InvalidDataError naming each bad row, column and value.

    Blank rows are passed over; a row whose value is empty (a template row nobody filled)
    is skipped and counted. With ``screen``, a figure implausible for its target is a bad
    row too (or, accepted, recorded with a note that says so). ``day`` dates every row of
    a sheet that has no date column (the district's own table has none).
    """
    columns = _columns(table, day is not None)
    reader = _RowReader(table, columns, plan, recorded_at, day)
    held = reader.held
    result = Rows(held)
    width = len(table.header)
    at = {index: column for column, index in columns.items()}
    splits = () if table.typed else tuple(sorted(columns[c] for c in FIGURES if c in columns))
    figure, add, add_plain = reader.figure, held.add, held.add_plain
    for number, row in table.rows:
        if splits and (split := split_number(table, at, splits, number, row)) is not None:
            reader.problems.append(split)
            continue
        if len(row) > width and not all(_blank(c) for c in row[width:]):
            reader.problems.append(_overflow(table, number, row, width))
            continue
        cells = reader.fields(row)
        plain = figure(cells)
        if plain is not None:
            add_plain(number, plain, cells[2])
            continue
        if _blank(cells[2]) and _no_share(cells[5]):
            if not all(_blank(c) for c in row):
                result.skipped.append(number)
            continue
        stamped = cells[6] is not None and not _blank(cells[6])
        for obs in reader.read(number, cells):
            add(number, obs, stamped, cells[5] if obs.share else cells[2])
    later = _Problems()
    _settle(held, screen, later, reader)
    if reader.problems or later:
        found = list(heapq.merge(reader.problems, later, key=attrgetter("line")))
        more = reader.problems.more + later.more + max(0, len(found) - MAX_PROBLEMS)
        raise InvalidDataError(found[:MAX_PROBLEMS], more=more)
    return result


def _settle(held: Figures, screen: Screen | None, problems: _Problems, reader: _RowReader) -> None:
    """Once every row is read: a figure given again for its id, date and kind (and time
    of recording, on a row that gives one) counts once, and another value for it is a
    problem of the later row; then each figure that counts is ``screen``ed. Problems are
    found in row order, as they would be row by row."""
    day, flags, stamp, stamps, value = held.day, held.flags, held.stamp, held.stamps, held.value
    earlier: dict[int, int] = {}  # a figure given again -> the first of its slot
    doubted: list[int] = []  # figures outside their target's plausible band
    order, starts = held.by_target()
    for t, target in enumerate(held.targets):
        group = order[starts[t] : starts[t + 1]]
        if not group:
            continue
        # A figure's slot: its day and kind, and whether it gives its time of recording
        # (with that time when it does).
        keys: list[Any] = [day[i] << 3 | flags[i] & (IS_SHARE | IS_STAMPED) for i in group]
        if held.stamped:
            keys = [(k, stamps[stamp[i]]) if flags[i] & IS_STAMPED else k
                    for k, i in zip(keys, group, strict=True)]  # fmt: skip
        if len(set(keys)) < len(keys):
            first: dict[Any, int] = {}
            for key, i in zip(keys, group, strict=True):
                if first.setdefault(key, i) != i:
                    earlier[i] = first[key]
        limits = None if screen is None else screen.limits(target)
        if limits is not None:
            low, high = limits
            doubted += (i for i in group if not flags[i] & (IS_SHARE | IS_RETRACTION)
                        and not low <= value[i] <= high and i not in earlier)  # fmt: skip
    del order, starts
    fate, note = held.fate, held.note
    for i in sorted((*earlier, *doubted)):
        target = held.targets[held.target[i]]
        fate[i] = DROPPED
        if i in earlier:
            e = earlier[i]
            if value[e] != value[i]:
                share = bool(flags[i] & IS_SHARE)
                why = Said(
                    "given again", row=held.rows[e], id=target.id, day=held.day_of(day[i]),
                    share=share, at=stamps[stamp[i]] if flags[i] & IS_STAMPED else None,
                )  # fmt: skip
                name = "progress" if share else "value"
                reader.bad(held.rows[i], name, held.cell(i), why, target.id, problems)
            continue
        assert screen is not None  # only a screen doubts
        text, refused = screen.check(target, value[i], held.texts[note[i]])
        if refused is not None:
            reader.bad(held.rows[i], "value", held.cell(i), refused, target.id, problems)
            continue
        fate[i] = KEPT
        if text is not None:
            note[i] = held.text_number(text)


def item_target(plan: Plan, raw: Any) -> Target:
    """The target a row of the district's table records its figures on, named by the row's
    序号: the item's one target, or, when it has several, its one task (the row's work as a
    whole, which the district's 完成进度 measures). Anything else is ambiguous: ValueProblem
    says why, and a sheet names the target with an id column instead."""
    number = _serial(raw)
    if number is None:
        raise ValueProblem(Said("not an item number"))
    if plan.item(number) is None:
        raise ValueProblem(Said("no item numbered", item=number))
    targets = [t for t in plan.targets if t.item == number]
    tasks = [t for t in targets if t.is_task]
    if len(targets) == 1:
        return targets[0]
    if len(tasks) == 1:
        return tasks[0]
    if not targets:
        raise ValueProblem(Said("item without target", item=number))
    raise ValueProblem(
        Said("item ambiguous", item=number, count=len(targets), ids=[t.id for t in targets],
             tasks=len(tasks))
    )  # fmt: skip


def _serial(raw: Any) -> int | None:
    """A 序号 as a sheet holds it: text of digits, or a whole number (Excel's 2.0)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float) and float(raw).is_integer() and raw >= 1:
        return int(raw)
    text = normalise_text(raw) if isinstance(raw, str) else ""
    return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None


# A number typed with thousands commas and no quotes (1,050) is two cells of a CSV, 1 and
# 050: a figure cell of one to three digits (with its sign), then groups of three digits,
# the last with its decimals and unit (050.5, 050万, 050%).
_HEAD = re.compile(r"[+-]?[0-9]{1,3}")
_GROUP = re.compile(r"([0-9]{3}(?:\.[0-9]+)?)(.*)")
# The columns a bare number of three digits may stand in as written (12 then 100: a value
# and a 完成进度 of 100%), and of them the shares, which stop at MAX_SHARE.
_NUMERIC = frozenset({"value", "share", "serial", "target", "latest", "pace"})
_SHARES = frozenset({"share", "pace"})
_NAMES = {"value": "value", "share": "progress"}  # a figure column, as a refusal names it


def _unit_word(tail: str) -> bool:
    """Whether what follows a number is a unit (or nothing, or %), as a figure ends."""
    try:
        unit_scale(tail)
    except UnitProblem:
        return False
    return True


def _shifts(text: str, number: str, tail: str, column: str | None) -> bool:
    """Whether three digits in ``column`` (None: one with no title, or past the header)
    show a number split at its comma: no column holds a number written with a leading 0
    (050); a note, a date, an id or a name holds no bare number; a share stops at
    MAX_SHARE and takes no unit but %."""
    if text[0] == "0" or column not in _NUMERIC:
        return True
    return column in _SHARES and (Decimal(number) > MAX_SHARE or tail not in ("", "%"))


def split_number(
    table: Table, at: dict[int, str], figures: tuple[int, ...], number: int,
    row: Sequence[Any], quoting: bool = True,
) -> Problem | None:  # fmt: skip
    """A CSV row where a figure cell (at one of ``figures``, in row order) and the cells
    after it read as one number split at its comma (1 and 050: 1,050) and the row shows
    the shift: a group lands where it cannot be what its column (``at`` its index) holds
    (``_shifts``), or the row is longer than its header. Read as written, the figure
    would be 1 and the 050 a 完成进度 of 50%, a note or nothing. A sheet to import and
    progress.csv alike are read through it; ``quoting``: whether the file reads a quoted
    number with its comma ("1,050"), as a sheet does and progress.csv does not."""
    width = len(table.header)
    for index in figures:
        if index + 1 >= len(row):
            continue
        head, after = row[index], row[index + 1]
        # most rows stop here: a figure of more than three digits, or nothing after it
        if head.__class__ is not str or after.__class__ is not str or len(after) < 3:
            continue
        first = normalise_text(head) if 0 < len(head.strip()) <= 4 else ""
        if _HEAD.fullmatch(first) is None:
            continue
        groups: list[str] = []
        shifted = len(row) > width
        for place in range(index + 1, len(row)):
            cell = row[place]
            text = normalise_text(cell) if isinstance(cell, str) else ""
            match = _GROUP.fullmatch(text)
            if match is None or not _unit_word(match.group(2)):
                break
            groups.append(text)
            shifted = shifted or _shifts(text, match.group(1), match.group(2), at.get(place))
            if text != match.group(1) or "." in text:  # decimals or a unit end a number
                break
        if not groups or not shifted:
            continue
        joined = ",".join((first, *groups))
        landed = index + 1
        title = table.header[landed] if landed < width else ""
        why = Said("split number", first=first, second=groups[0], joined=joined,
                   bare=joined.replace(",", ""), past=landed >= width, quoting=quoting,
                   column=quoted(title) if normalise_text(title) else None)  # fmt: skip
        message = Said("cell", row=number, column=_NAMES[at[index]], value=quoted(head), why=why)
        return Problem(table.path, message, number)
    return None


def _overflow(table: Table, number: int, row: Sequence[Any], width: int) -> Problem:
    """A row with filled cells past the header's last column: read by the header alone, a
    value written 1,050 would be 1 and a note cut at its comma."""
    filled = sum(1 for c in row if not _blank(c))
    extra = [quoted(str(_plain(c))) for c in row[width:] if not _blank(c)]
    why = Said("overflow", row=number, cells=len(row), filled=filled, width=width, extra=extra)
    return Problem(table.path, why, number)


def _is_retraction(raw: Any) -> bool:
    """A figure's cell that says ``retracted``, as progress.csv and exports write it."""
    text = _plain(raw)
    return isinstance(text, str) and normalise_text(text).casefold() == RETRACTED


def _no_share(raw: Any) -> bool:
    """An empty 完成进度 cell, or one that says there is no figure (/, —)."""
    if _blank(raw):
        return True
    try:
        return parse_share(raw) is None
    except ValueProblem:
        return False


def _text(raw: Any) -> str:
    """A note or source as written, without the apostrophe our exports put before a text
    that a spreadsheet would run as a formula (so an export imports back unchanged)."""
    text = "" if raw is None else str(raw).strip()
    if text.startswith("'") and text[1:2].startswith(FORMULA_START):
        return text[1:]
    return text


def parse_recorded_at(raw: Any) -> datetime:
    """When a figure was recorded: an ISO date and time (as progress.csv and our exports
    write it) or an Excel date-time cell; one without a time zone is UTC."""
    if isinstance(raw, datetime):
        stamp = raw
    elif isinstance(raw, str):
        try:
            stamp = datetime.fromisoformat(normalise_text(raw))
        except ValueError:
            raise ValueProblem(Said("not a stamp")) from None
    else:
        raise ValueProblem(Said("not a stamp"))
    if not recorded_in_range(stamp):
        raise ValueProblem(Said("time range", years="{}–{}".format(*RECORDED_YEARS)))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
