"""Recording figures in progress.csv: merged with what is there, all of them or none."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from gongshu_targets.core import store
from gongshu_targets.core.figures.cells import ValueProblem, parse_share, parse_value
from gongshu_targets.core.figures.plausibility import Doubt, Screen
from gongshu_targets.core.figures.rows import validate_rows
from gongshu_targets.core.figures.tables import read_table
from gongshu_targets.core.models import (
    Observation,
)
from gongshu_targets.core.scoring import require_in_period, resolve_revisions
from gongshu_targets.core.store import LoadedPlan, format_value
from gongshu_targets.errors import InvalidDataError, Problem, control_problem, shown

NOTHING_WRITTEN = "nothing was written"  # all or nothing: said with every refusal


@dataclass
class Merge:
    """What an import does to progress.csv: rows added, revised, retracted and left
    unchanged."""

    added: list[Observation] = field(default_factory=list)
    revised: list[tuple[Observation, Observation]] = field(default_factory=list)  # (old, new)
    retracted: list[tuple[Observation, Observation]] = field(default_factory=list)  # (figure, row)
    unchanged: list[Observation] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    typed: dict[tuple[str, date, bool], Any] = field(default_factory=dict)  # slot -> as typed
    accepted: list[Doubt] = field(default_factory=list)  # recorded although doubted

    @property
    def new_rows(self) -> list[Observation]:
        return [*self.added, *(new for _, new in self.revised), *(r for _, r in self.retracted)]


def merge(
    existing: Iterable[Observation],
    incoming: Sequence[tuple[int, Observation]],
    replace: bool,
    path: Path | None,
    stamped: Collection[int] = (),
) -> Merge:
    """Compare incoming figures with the current ones; a changed value needs ``replace``.

    The same value again is unchanged (so importing a file twice changes nothing); a
    different one is a conflict, or with ``replace`` a revision that keeps the old row.
    Rows numbered in ``stamped`` carry their own recorded_at (an export read back): one
    already held with that time is unchanged, one dated before the figure that counts is
    history, added as it is. A retraction takes back the figure that counts; with none,
    it is a conflict.
    """
    existing = list(existing)
    current = {o.slot: o for o in resolve_revisions(existing)}
    held_at = {(*o.slot, o.recorded_at): o for o in existing}
    result = Merge()
    conflicts: list[Problem] = []

    def conflict(number: int, why: str, target_id: str) -> None:
        if path is None:
            conflicts.append(Problem(None, why, None, target_id))
        else:
            conflicts.append(Problem(path, f"row {number}: {why}", number, target_id))

    for number, obs in incoming:
        held = current.get(obs.slot)
        if number in stamped:
            same = held_at.get((*obs.slot, obs.recorded_at))
            if same is not None:
                if same.value == obs.value and same.retracted == obs.retracted:
                    result.unchanged.append(same)
                else:
                    conflict(number, f"{obs.id} on {obs.as_of} recorded at {obs.recorded_at} "
                             f"is held as {format_value(same.value)}, not "
                             f"{format_value(obs.value)}", obs.id)  # fmt: skip
                continue
            if held is None or obs.recorded_at < held.recorded_at:
                result.added.append(obs)
                continue
        if obs.retracted:
            if held is None:
                taken = any(o.slot == obs.slot for o in existing)
                why = f"{obs.id} on {obs.as_of} has no {'完成进度' if obs.share else 'figure'} "
                why += "to retract" + (" (it was retracted already)" if taken else "")
                conflict(number, why, obs.id)
            else:
                stamp = max(obs.recorded_at, held.recorded_at + timedelta(seconds=1))
                result.retracted.append((held, obs.model_copy(update={"recorded_at": stamp})))
        elif held is None:
            result.added.append(obs)
        elif held.value == obs.value:
            result.unchanged.append(held)
        elif replace:
            # A revision must count: stamp it after the row it revises, even if that row's
            # time is ahead of this clock or in the same second.
            stamp = max(obs.recorded_at, held.recorded_at + timedelta(seconds=1))
            result.revised.append((held, obs.model_copy(update={"recorded_at": stamp})))
        else:
            what = ("完成进度 ", "%") if obs.share else ("", "")
            why = (
                f"{obs.id} on {obs.as_of} is already recorded as {what[0]}"
                f"{format_value(held.value)}{what[1]}, not {format_value(obs.value)}{what[1]}; "
                "use --replace to record a revision"
            )
            conflict(number, why, obs.id)
    if conflicts:
        raise InvalidDataError(conflicts)
    return result


def record(
    loaded: LoadedPlan,
    incoming: Sequence[tuple[int, Observation]],
    replace: bool,
    dry_run: bool,
    source_file: Path | None,
    stamped: Collection[int] = (),
) -> Merge:
    """Merge figures into progress.csv under its lock: all of them, or none.

    ``source_file`` is the sheet the rows came from, for the row numbers of conflicts.
    """
    if dry_run:  # reads only: no lock file, so it works on a read-only or bundled plan
        return merge(store.load_progress(loaded), incoming, replace, source_file, stamped)
    store.refuse_bundled(loaded)
    with store.progress_lock(loaded):
        existing = store.load_progress(loaded)
        result = merge(existing, incoming, replace, source_file, stamped)
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
        result = record(loaded, rows.observations, replace, dry_run, path, rows.stamped)
    result.skipped = rows.skipped
    result.typed = rows.typed
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
    with _nothing_written():
        return record(loaded, [(1, row)], replace=False, dry_run=False, source_file=None)


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
    problems = []
    figures: list[tuple[float, bool]] = []
    if value_text is not None:
        try:
            figures.append((parse_value(value_text, target), False))
        except ValueProblem as exc:
            problems.append(f"value {shown(value_text)}: {exc}")
    if share_text is not None:
        try:
            share = parse_share(share_text, target)
        except ValueProblem as exc:
            problems.append(f"--progress {shown(share_text)}: {exc}")
        else:
            if share is None:
                problems.append(f"--progress {shown(share_text)} gives no figure")
            else:
                figures.append((share, True))
    for option, text, multiline in (("--note", note, True), ("--source", source, False)):
        problem = control_problem(text, multiline)
        if problem:
            problems.append(f"{option} {problem}")
            figures = []  # an observation cannot hold it
    incoming = []
    typed: dict[tuple[str, date, bool], Any] = {}
    for figure, is_share in figures:
        obs, why = screen(target, Observation(
            id=target_id, as_of=as_of, value=figure, note=note, source=source,
            recorded_at=recorded_at, share=is_share,
        ))  # fmt: skip
        if why is not None:
            problems.append(f"value {shown(value_text)}: {why}")
        typed[obs.slot] = share_text if is_share else value_text
        incoming.append((1, obs))
    if problems:
        problem_list = [Problem(None, p, None, target_id) for p in problems]
        raise InvalidDataError(problem_list, NOTHING_WRITTEN)
    with _nothing_written():
        result = record(loaded, incoming, replace, dry_run=False, source_file=None)
    result.typed = typed
    result.accepted = screen.accepted
    return result
