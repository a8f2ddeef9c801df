"""Recording figures in progress.csv: merged with what is there, all of them or none."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from gongshu_targets.core import store
from gongshu_targets.core.figures.cells import ValueProblem, parse_share, parse_value
from gongshu_targets.core.figures.held import (
    ADDED,
    DROPPED,
    IS_RETRACTION,
    IS_SHARE,
    IS_STAMPED,
    KEPT,
    REVISED,
    TAKEN_BACK,
    UNCHANGED,
    Figures,
    Picked,
    TypedCells,
)
from gongshu_targets.core.figures.plausibility import Doubt, Screen
from gongshu_targets.core.figures.rows import NOTHING_WRITTEN, validate_rows
from gongshu_targets.core.figures.tables import read_table
from gongshu_targets.core.models import (
    Observation,
)
from gongshu_targets.core.scoring import require_in_period, resolve_revisions
from gongshu_targets.core.store import LoadedPlan, format_value
from gongshu_targets.errors import (
    InvalidDataError,
    Message,
    Problem,
    Said,
    control_problem,
    quoted,
)


@dataclass
class Merge:
    """What an import does to progress.csv: rows added, revised, retracted and left
    unchanged."""

    added: Sequence[Observation] = field(default_factory=list)
    revised: Sequence[tuple[Observation, Observation]] = field(default_factory=list)  # (old, new)
    retracted: Sequence[tuple[Observation, Observation]] = field(
        default_factory=list
    )  # (figure, row)
    unchanged: Sequence[Observation] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    typed: Mapping[tuple[str, date, bool], Any] = field(default_factory=dict)  # slot -> as typed
    accepted: list[Doubt] = field(default_factory=list)  # recorded although doubted

    @property
    def new_rows(self) -> list[Observation]:
        return [*self.added, *(new for _, new in self.revised), *(r for _, r in self.retracted)]

    @property
    def changes(self) -> int:
        """How many rows progress.csv gains."""
        return len(self.added) + len(self.revised) + len(self.retracted)


class _Held:
    """progress.csv's figures as a merge looks them up: the figure that counts for each
    slot, and each figure by slot and time of recording."""

    def __init__(self, existing: Iterable[Observation]) -> None:
        self.existing = list(existing)
        self.current = {o.slot: o for o in resolve_revisions(self.existing)}
        self.held_at = {(*o.slot, o.recorded_at): o for o in self.existing}

    def judge(
        self,
        slot: tuple[str, date, bool],
        value: float,
        retracted: bool,
        recorded_at: datetime,
        stamped: bool,
        replace: bool,
    ) -> tuple[int, Observation | None, datetime, Said | None]:
        """What becomes of one incoming figure: ADDED, UNCHANGED, REVISED or TAKEN_BACK
        with the figure it leaves or replaces and the time it is recorded at, or DROPPED
        with why it conflicts.

        The same value again is unchanged (so importing a file twice changes nothing); a
        different one is a conflict, or with ``replace`` a revision that keeps the old
        row. A ``stamped`` figure carries its own recorded_at (an export read back): one
        already held with that time is unchanged, one dated before the figure that counts
        is history, added as it is. A retraction takes back the figure that counts; with
        none, it is a conflict.
        """
        target_id, as_of, share = slot
        held = self.current.get(slot)
        if stamped:
            same = self.held_at.get((*slot, recorded_at))
            if same is not None:
                if same.value == value and same.retracted == retracted:
                    return UNCHANGED, same, recorded_at, None
                return (
                    DROPPED,
                    None,
                    recorded_at,
                    Said(
                        "held otherwise",
                        id=target_id,
                        day=as_of,
                        at=recorded_at,
                        held=format_value(same.value),
                        given=format_value(value),
                    ),  # fmt: skip
                )
            if held is None or recorded_at < held.recorded_at:
                return ADDED, None, recorded_at, None
        if retracted:
            if held is None:
                taken = any(o.slot == slot for o in self.existing)
                why = Said("nothing to retract", id=target_id, day=as_of, share=share, taken=taken)
                return DROPPED, None, recorded_at, why
            # Stamped after the row it takes back, even if that row's time is ahead of
            # this clock or in the same second.
            return TAKEN_BACK, held, max(recorded_at, held.recorded_at + _SECOND), None
        if held is None:
            return ADDED, None, recorded_at, None
        if held.value == value:
            return UNCHANGED, held, recorded_at, None
        if replace:  # a revision must count: stamped after the row it revises, as above
            return REVISED, held, max(recorded_at, held.recorded_at + _SECOND), None
        return (
            DROPPED,
            None,
            recorded_at,
            Said("already recorded", id=target_id, day=as_of, share=share,
                 held=format_value(held.value), given=format_value(value)),
        )  # fmt: skip


_SECOND = timedelta(seconds=1)


def _conflict(path: Path | None, number: int, why: Said, target_id: str) -> Problem:
    if path is None:
        return Problem(None, why, None, target_id)
    return Problem(path, Said("row", row=number, why=why), number, target_id)


def _unreadable(figures: Figures, written: Iterable[int], path: Path | None) -> list[Problem]:
    """The figures to be written that progress.csv would not read back: a value of up to
    three digits and a source written as the rest of a number (6 and 900 read back as
    6,900), which its reader refuses."""
    split = store.split_value(Path(store.PROGRESS_FILENAME))
    texts, source, note, value = figures.texts, figures.source, figures.note, figures.value
    problems = []
    for i in written:
        if figures.flags[i] & IS_RETRACTION:
            continue
        text = format_value(value[i])
        cells = {"value": text, "source": texts[source[i]], "note": texts[note[i]]}
        row = tuple(cells.get(column, "") for column in store.PROGRESS_COLUMNS)
        if split(1, row) is not None:
            why = Said("source reads on", source=quoted(texts[source[i]]), value=text)
            target_id = figures.targets[figures.target[i]].id
            problems.append(_conflict(path, figures.rows[i], why, target_id))
    return problems


def merge(
    existing: Iterable[Observation], figures: Figures, replace: bool, path: Path | None
) -> Merge:
    """Compare the held figures with the current ones (see ``_Held.judge``); a changed
    value needs ``replace``. Each figure's fate is kept in its column, and the Merge's
    lists are views of the columns. ``path`` is the sheet the figures came from, for the
    row numbers of conflicts."""
    held = _Held(existing)
    holding = {o.id for o in held.existing}
    # A figure of a target with nothing held that takes nothing back is added (as
    # ``judge`` would say), without its slot looked up.
    untouched = [t.id not in holding for t in figures.targets]
    picks: dict[int, array[int]] = {fate: array("i") for fate in (ADDED, REVISED, TAKEN_BACK)}
    olds: dict[int, list[Observation]] = {REVISED: [], TAKEN_BACK: []}
    unchanged: list[Observation] = []
    conflicts: list[Problem] = []
    fates, flags, value, stamp, stamps = (figures.fate, figures.flags, figures.value,
                                          figures.stamp, figures.stamps)  # fmt: skip
    target, add = figures.target, picks[ADDED].append
    for i, fate in enumerate(fates):
        if fate != KEPT:
            continue
        f = flags[i]
        if untouched[target[i]] and not f & IS_RETRACTION:
            fates[i] = ADDED
            add(i)
            continue
        slot = figures.slot(i)
        fate, old, at, why = held.judge(
            slot, value[i], bool(f & IS_RETRACTION), stamps[stamp[i]], bool(f & IS_STAMPED), replace
        )
        fates[i] = fate
        if why is not None:
            conflicts.append(_conflict(path, figures.rows[i], why, slot[0]))
        elif fate == UNCHANGED and old is not None:
            unchanged.append(old)
        else:
            picks[fate].append(i)
            if old is not None:
                olds[fate].append(old)
                stamp[i] = figures.stamp_number(at)
    conflicts += _unreadable(figures, (*picks[ADDED], *picks[REVISED]), path)
    if conflicts:
        raise InvalidDataError(sorted(conflicts, key=lambda p: p.line or 0))
    return Merge(
        added=Picked(figures, picks[ADDED]),
        revised=Picked(figures, picks[REVISED], before=olds[REVISED]),
        retracted=Picked(figures, picks[TAKEN_BACK], before=olds[TAKEN_BACK]),
        unchanged=unchanged,
    )


def record(
    loaded: LoadedPlan, figures: Figures, replace: bool, dry_run: bool, path: Path | None
) -> Merge:
    """Merge the held figures into progress.csv under its lock: all of them, or none;
    progress.csv is written from the columns. ``path`` is the sheet they came from."""
    if dry_run:  # reads only: no lock file, so it works on a read-only or bundled plan
        return merge(store.load_progress(loaded), figures, replace, path)
    store.refuse_bundled(loaded)
    with store.progress_lock(loaded):
        existing = store.load_progress(loaded)
        result = merge(existing, figures, replace, path)
        if result.changes:
            kind = any(o.share for o in existing) or (
                figures.shares > 0
                and any(
                    figures.flags[i] & IS_SHARE and figures.fate[i] in _WRITTEN
                    for i in range(len(figures))
                )
            )
            store.write_progress_with(
                loaded,
                lambda out: store.write_table(_progress_rows(existing, figures, kind), kind, out),
            )
    return result


# The order new rows take after the rows held, where the sort leaves them tied.
_WRITTEN = {ADDED: 0, REVISED: 1, TAKEN_BACK: 2}


def _progress_rows(
    existing: list[Observation], figures: Figures, kind: bool
) -> Iterator[tuple[str, ...]]:
    """progress.csv's rows, the figures held and the new ones, in its one order (id, date,
    time recorded, kind; ties as listed: held, added, revised, taken back), one target at
    a time, so that only one target's rows are sorted at once; with
    ``kind``, each ends with its kind (``share`` or empty)."""
    kinds: tuple[tuple[str, ...], ...] = (("",), ("share",)) if kind else ((), ())
    held: dict[str, list[Observation]] = {}
    for obs in existing:
        held.setdefault(obs.id, []).append(obs)
    # Times of recording in order; one instant in two zones is one rank, as it sorts.
    instants = sorted({*figures.stamps, *(o.recorded_at for o in existing)})
    rank = {at: n for n, at in enumerate(instants)}
    ranks = [rank[at] for at in figures.stamps]
    times = len(instants)
    iso = store.IsoTexts()
    days = _DayTexts(figures)
    stamp_texts = [at.isoformat() for at in figures.stamps]
    fates, flags, value, day = figures.fate, figures.flags, figures.value, figures.day
    texts, note, source, stamp = figures.texts, figures.note, figures.source, figures.stamp
    order, starts = figures.by_target()
    for t, target in enumerate(figures.targets):
        new = [i for i in order[starts[t] : starts[t + 1]] if fates[i] in _WRITTEN]
        old = held.get(target.id, [])
        if not new and not old:
            continue
        # (day, time, kind, held or new, which new) as one number; sorted stably
        rows = [
            ((((o.as_of.toordinal() * times + rank[o.recorded_at]) * 2 + o.share) * 2) * 3,
             (o.id, iso[o.as_of], store.RETRACTED if o.retracted else format_value(o.value),
              o.source, o.note, iso[o.recorded_at, o.recorded_at.tzinfo], *kinds[o.share]))
            for o in old
        ] + [
            ((((day[i] * times + ranks[stamp[i]]) * 2 + (flags[i] & IS_SHARE)) * 2 + 1) * 3
             + _WRITTEN[fates[i]],
             (target.id, days[day[i]],
              store.RETRACTED if flags[i] & IS_RETRACTION else format_value(value[i]),
              texts[source[i]], texts[note[i]], stamp_texts[stamp[i]],
              *kinds[flags[i] & IS_SHARE]))
            for i in new
        ]  # fmt: skip
        rows.sort(key=itemgetter(0))
        yield from map(itemgetter(1), rows)


class _DayTexts(dict[int, str]):
    """Each day's ISO text, by ordinal, made once."""

    def __init__(self, figures: Figures) -> None:
        super().__init__()
        self.figures = figures

    def __missing__(self, ordinal: int) -> str:
        text = self[ordinal] = self.figures.day_of(ordinal).isoformat()
        return text


def import_file(
    loaded: LoadedPlan,
    path: Path,
    *,
    replace: bool,
    dry_run: bool,
    recorded_at: datetime,
    screen: Screen,
    encoding: str | None = None,
    as_of: date | None = None,
) -> Merge:
    """Validate every row of a .csv/.xlsx file and ``screen`` its figures, then record them
    all, or nothing. ``as_of`` dates every row of a sheet with no date column."""
    require_in_period(loaded.plan, as_of)
    with _nothing_written():
        with store.bulk():
            table = read_table(path, encoding)
            rows = validate_rows(table, loaded.plan, recorded_at, screen, as_of)
        result = record(loaded, rows.held, replace, dry_run, path)
    result.skipped = rows.skipped
    order, starts = rows.held.by_target()
    result.typed = TypedCells(rows.held, order, starts)
    result.accepted = screen.accepted
    return result


def retract_one(
    loaded: LoadedPlan,
    target_id: str,
    as_of: date,
    *,
    note: str,
    share: bool,
    recorded_at: datetime,
) -> Merge:
    """Take back the figure recorded for a target and date (its 完成进度 with ``share``):
    a retraction row is appended, so the history keeps both the figure and its withdrawal,
    and the figure no longer counts. Nothing to take back is refused."""
    require_in_period(loaded.plan, as_of)
    target = loaded.plan.require_target(target_id)
    row = Observation(id=target.id, as_of=as_of, value=0.0, note=note, recorded_at=recorded_at,
                      share=share, retracted=True)  # fmt: skip
    held = Figures(loaded.plan, recorded_at)
    held.add(1, row, False, store.RETRACTED)
    with _nothing_written():
        return record(loaded, held, replace=False, dry_run=False, path=None)


@contextmanager
def _nothing_written() -> Iterator[None]:
    """A refused import or update says that progress.csv was left as it was."""
    try:
        yield
    except InvalidDataError as exc:
        raise InvalidDataError(exc.problems, NOTHING_WRITTEN, exc.more) from None


def update_one(
    loaded: LoadedPlan,
    target_id: str,
    value_text: str | None,
    as_of: date,
    *,
    note: str,
    source: str,
    replace: bool,
    recorded_at: datetime,
    screen: Screen,
    share_text: str | None = None,
    today: bool,
) -> Merge:
    """Record the figures typed on the command line: a value (units allowed: 4万,
    75.7亿元), a 完成进度 (52%), or both; each ``screen``ed before anything is written.

    ``today``: ``as_of`` is today's date, not one the user gave.
    """
    require_in_period(loaded.plan, as_of, today=today)
    target = loaded.plan.require_target(target_id)
    problems: list[Message] = []
    figures: list[tuple[float, bool]] = []
    if value_text is not None:
        try:
            figures.append((parse_value(value_text, target), False))
        except ValueProblem as exc:
            problems.append(Said("typed value", value=quoted(value_text), why=exc.why))
    if share_text is not None:
        try:
            share = parse_share(share_text, target)
        except ValueProblem as exc:
            problems.append(
                Said("typed option", option="--progress", value=quoted(share_text), why=exc.why)
            )
        else:
            if share is None:
                problems.append(
                    Said("option gives no figure", option="--progress", value=quoted(share_text))
                )
            else:
                figures.append((share, True))
    for option, text, multiline in (("--note", note, True), ("--source", source, False)):
        problem = control_problem(text, multiline)
        if problem:
            problems.append(Said("option problem", option=option, why=problem))
            figures = []  # an observation cannot hold it
    held = Figures(loaded.plan, recorded_at)
    typed: dict[tuple[str, date, bool], Any] = {}
    for figure, is_share in figures:
        obs, why = screen(target, Observation(
            id=target_id, as_of=as_of, value=figure, note=note, source=source,
            recorded_at=recorded_at, share=is_share,
        ))  # fmt: skip
        if why is not None:
            problems.append(Said("typed value", value=quoted(value_text), why=why))
        typed[obs.slot] = share_text if is_share else value_text
        held.add(1, obs, False, typed[obs.slot])
    if problems:
        problem_list = [Problem(None, p, None, target_id) for p in problems]
        raise InvalidDataError(problem_list, NOTHING_WRITTEN)
    with _nothing_written():
        result = record(loaded, held, replace, dry_run=False, path=None)
    result.typed = typed
    result.accepted = screen.accepted
    return result
