"""The checked figures of one sheet, held in columns until all of them are checked.

All or nothing means that no figure is recorded before the last row is checked, so every
figure of a sheet is held at once. A figure is a few numbers (its row, its target, its
day, its value, its note, source and time of recording as indices into tables of the
distinct ones), kept in one array per column rather than one object per row: about 40
bytes a figure where an observation takes some 800. Observations are built from them
only for what is looked at (a dry run's first rows), and progress.csv is written from
the columns directly.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import Any, overload

from gongshu_targets.core.models import Observation, Plan, Target
from gongshu_targets.core.store import format_value

IS_SHARE, IS_RETRACTION, IS_STAMPED = 1, 2, 4  # the bits of a figure's flags

# What became of a figure once the sheet is checked and merged with progress.csv.
DROPPED, ADDED, UNCHANGED, REVISED, TAKEN_BACK, KEPT = range(6)  # KEPT: checked, not merged


class Figures:
    """A sheet's figures in columns, in the order of its rows (a row with a value and a
    完成进度 gives two). Targets are numbered in the order of their ids, so the figures of
    one target, grouped, are in progress.csv's order."""

    def __init__(self, plan: Plan, recorded_at: datetime) -> None:
        self.targets: list[Target] = sorted(plan.targets, key=attrgetter("id"))
        self.numbers = {t.id: n for n, t in enumerate(self.targets)}
        self.rows = array("i")  # the sheet row each figure is on
        self.target = array("i")
        self.day = array("i")  # date ordinals
        self.value = array("d")
        self.flags = bytearray()
        self.note = array("i")  # indices into texts
        self.source = array("i")
        self.stamp = array("i")  # indices into stamps
        self.fate = bytearray()  # DROPPED … KEPT, set once the sheet is checked
        self.texts: list[str] = []
        self._text_numbers: dict[str, int] = {}
        self.stamps: list[datetime] = [recorded_at]
        self._stamp_numbers: dict[tuple[datetime, str], int] = {
            (recorded_at, recorded_at.isoformat()): 0
        }
        self.stamped = 0  # how many figures give their own time of recording
        self.shares = 0  # how many are a 完成进度
        self.typed: dict[int, Any] = {}  # figure -> its cell, where that is not its value's text
        self._dates: dict[int, date] = {}
        self._grouped: tuple[array[int], array[int]] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def text_number(self, text: str) -> int:
        """The index of a note's or source's text in ``texts``, which holds each once."""
        number = self._text_numbers.get(text)
        if number is None:
            number = self._text_numbers[text] = len(self.texts)
            self.texts.append(text)
        return number

    def stamp_number(self, stamp: datetime) -> int:
        """The index of a time of recording in ``stamps``; two times of one instant in
        different zones are two (each is written as it was given)."""
        key = (stamp, stamp.isoformat())
        number = self._stamp_numbers.get(key)
        if number is None:
            number = self._stamp_numbers[key] = len(self.stamps)
            self.stamps.append(stamp)
        return number

    def add(self, number: int, obs: Observation, stamped: bool, cell: Any) -> None:
        """Hold one checked figure of sheet row ``number``, typed as ``cell``."""
        flags = (
            (IS_SHARE if obs.share else 0)
            | (IS_RETRACTION if obs.retracted else 0)
            | (IS_STAMPED if stamped else 0)
        )
        at = obs.recorded_at
        self.stamped += stamped
        self.shares += obs.share
        self.add_plain(
            number,
            (self.numbers[obs.id], obs.as_of.toordinal(), obs.value,
             self.text_number(obs.note), self.text_number(obs.source)),
            cell,
            flags,
            0 if at is self.stamps[0] else self.stamp_number(at),
        )  # fmt: skip

    def add_plain(
        self,
        number: int,
        figure: tuple[int, int, float, int, int],
        cell: Any,
        flags: int = 0,
        stamp: int = 0,
    ) -> None:
        """Hold one figure of sheet row ``number`` given as (target, day, value, note,
        source) numbers, typed as ``cell``; a value recorded now unless ``flags`` and
        ``stamp`` say otherwise."""
        target, day, value, note, source = figure
        if (
            flags & (IS_SHARE | IS_RETRACTION)
            or cell.__class__ is not str
            or cell != format_value(value)  # what cell() rebuilds it as: 5.0 is no 5
        ):
            self.typed[len(self.rows)] = cell
        self.rows.append(number)
        self.target.append(target)
        self.day.append(day)
        self.value.append(value)
        self.flags.append(flags)
        self.note.append(note)
        self.source.append(source)
        self.stamp.append(stamp)
        self.fate.append(KEPT)

    def day_of(self, ordinal: int) -> date:
        day = self._dates.get(ordinal)
        if day is None:
            day = self._dates[ordinal] = date.fromordinal(ordinal)
        return day

    def cell(self, i: int) -> Any:
        """Figure ``i``'s cell as the sheet gave it."""
        return self.typed[i] if i in self.typed else format_value(self.value[i])

    def slot(self, i: int) -> tuple[str, date, bool]:
        return (
            self.targets[self.target[i]].id,
            self.day_of(self.day[i]),
            bool(self.flags[i] & IS_SHARE),
        )

    def observation(self, i: int) -> Observation:
        """Figure ``i`` as an observation."""
        flags = self.flags[i]
        return Observation.lean(
            id=self.targets[self.target[i]].id,
            as_of=self.day_of(self.day[i]),
            value=self.value[i],
            source=self.texts[self.source[i]],
            note=self.texts[self.note[i]],
            recorded_at=self.stamps[self.stamp[i]],
            share=bool(flags & IS_SHARE),
            retracted=bool(flags & IS_RETRACTION),
        )

    def by_target(self) -> tuple[array[int], array[int]]:
        """The figures grouped by target in the order of their ids, each group in row
        order (a counting sort: two passes, four bytes a figure), and where each target's
        group starts (its last entry is the end of the last group). Made once for the
        figures held so far."""
        if self._grouped is not None and len(self._grouped[0]) == len(self.rows):
            return self._grouped
        starts = array("i", bytes(4 * (len(self.targets) + 1)))
        for t in self.target:
            starts[t + 1] += 1
        for t in range(len(self.targets)):
            starts[t + 1] += starts[t]
        order = array("i", bytes(4 * len(self.rows)))
        place = array("i", starts)
        for i, t in enumerate(self.target):
            order[place[t]] = i
            place[t] += 1
        self._grouped = (order, starts)
        return self._grouped


class Picked(Sequence[Any]):
    """Some of the held figures, in row order: as observations, or as (old, new) pairs
    with ``before``, the figures they revise or take back, one for each."""

    def __init__(
        self, held: Figures, picks: array[int], before: Sequence[Observation] | None = None
    ) -> None:
        self.held, self.picks, self.before = held, picks, before

    def __len__(self) -> int:
        return len(self.picks)

    def _one(self, k: int) -> Any:
        i = self.picks[k]
        obs = self.held.observation(i)
        if self.before is not None:
            return (self.before[k], obs)
        return obs

    @overload
    def __getitem__(self, k: int) -> Any: ...

    @overload
    def __getitem__(self, k: slice) -> list[Any]: ...

    def __getitem__(self, k: int | slice) -> Any:
        if isinstance(k, slice):
            return [self._one(j) for j in range(*k.indices(len(self)))]
        if not -len(self) <= k < len(self):
            raise IndexError(k)
        return self._one(k % len(self))

    def __iter__(self) -> Iterator[Any]:
        return (self._one(k) for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return list(self) == other if isinstance(other, list | Picked) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


class TypedCells(Mapping[tuple[str, date, bool], Any]):
    """Each recorded figure's cell as the sheet gave it, by slot (id, date, kind): the
    last figure of the slot kept after the checks, as a dictionary filled row by row
    would hold it, found from the target's group of figures, indexed the first time one
    of its slots is asked for, rather than held twice for every target."""

    def __init__(self, held: Figures, order: array[int], starts: array[int]) -> None:
        self.held, self.order, self.starts = held, order, starts
        self._by_target: dict[int, dict[tuple[int, int], int]] = {}

    def _last(self, slot: tuple[str, date, bool]) -> int | None:
        held = self.held
        t = held.numbers.get(slot[0]) if isinstance(slot, tuple) and len(slot) == 3 else None
        if t is None:
            return None
        if t not in self._by_target:
            self._by_target[t] = {
                (held.day[i], held.flags[i] & IS_SHARE): i
                for i in self.order[self.starts[t] : self.starts[t + 1]]
                if held.fate[i] != DROPPED
            }
        return self._by_target[t].get((slot[1].toordinal(), IS_SHARE if slot[2] else 0))

    def __getitem__(self, slot: tuple[str, date, bool]) -> Any:
        i = self._last(slot)
        if i is None:
            raise KeyError(slot)
        return self.held.cell(i)

    def __iter__(self) -> Iterator[tuple[str, date, bool]]:
        held, seen = self.held, set()
        for i in self.order:
            if held.fate[i] != DROPPED:
                slot = held.slot(i)
                if slot not in seen:
                    seen.add(slot)
                    yield slot

    def __len__(self) -> int:
        return sum(1 for _ in self)
