"""An import holds a sheet's checked figures in columns and writes progress.csv from them:
what it records, what it reports and the bytes it writes must be those of the figures
held as observations, merged and written by ``record`` (update's path)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_import as import_cases
from conftest import RECORDED, hold, kept, make_plan, make_target, progress_text, write_progress
from gongshu_targets.core import figures, store
from gongshu_targets.core.figures import held, rows
from gongshu_targets.core.models import Observation
from gongshu_targets.errors import InvalidDataError

PLAN = make_plan(
    make_target(id="grads", unit="万名", target=4),  # recorded as people
    make_target(id="fai", unit="亿元", target=800),
    make_target(id="rd", unit="%", target=1.15, pace="rate"),
)
DAYS = ["2025-03-31", "2025-06-30", "2025Q3"]
STAMPS = ["", "2025-05-01T00:00:00+00:00", "2025-05-01T08:00:00+08:00", "2025-08-01T00:00:00+00:00"]
# Value cells as a sheet has them, written as typed (2.0, 2.50, " 2 ", 2e0) or not at all.
VALUES = ["", "1", "2", "2.5", "30000", "3万", "900", "retracted", "x"]
VALUES += ["2.0", "2.50", " 2 ", "2e0", "900.0", "1.10", "0.5"]
ROW = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["grads", "fai", "rd", "nope"]),
        "as_of": st.sampled_from(DAYS),
        "value": st.sampled_from(VALUES),
        "progress": st.sampled_from(["", "", "50%", "60", "retracted"]),
        "note": st.sampled_from(["", "月报", "a, b"]),
        "recorded_at": st.sampled_from(STAMPS),
    }
)


def _held(
    target_id: str, day: str, value: float, at: datetime, share: bool, taken: bool
) -> Observation:
    """A figure progress.csv may hold: a 完成进度 only on a count or amount, within 0–100%."""
    share = share and target_id != "rd"
    return Observation(id=target_id, as_of=date.fromisoformat(day), value=50.0 if share else value,
                       recorded_at=at, share=share, retracted=taken)  # fmt: skip


HELD = st.lists(
    st.builds(
        _held,
        st.sampled_from(["grads", "fai", "rd"]),
        st.sampled_from(["2025-03-31", "2025-06-30", "2025-09-30"]),
        st.sampled_from([1.0, 2.0, 30000.0, 900.0]),
        st.sampled_from(
            [
                RECORDED - timedelta(days=90),
                RECORDED,
                RECORDED + timedelta(seconds=5),
                datetime(2025, 5, 1, 8, tzinfo=timezone(timedelta(hours=8))),
            ]
        ),  # fmt: skip
        st.booleans(),
        st.booleans(),
    ),
    max_size=8,
)


def _sheet(path: Path, sheet_rows: list[dict[str, str]]) -> Path:
    header = ["id", "as_of", "value", "progress", "note", "recorded_at"]
    lines = [",".join(header)]
    for row in sheet_rows:
        lines.append(",".join(f'"{row[c]}"' if "," in row[c] else row[c] for c in header))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _loaded(folder: Path) -> store.LoadedPlan:
    return store.LoadedPlan(plan=PLAN, path=folder / "targets.yaml", bundled=False, lines={})


def _screen(accept: bool) -> figures.Screen:
    return figures.Screen(PLAN.thresholds, accept)


def _outcome(run: object) -> object:
    try:
        return run()  # type: ignore[operator]
    except InvalidDataError as exc:
        return [str(p) for p in exc.problems], exc.more


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sheet_rows=st.lists(ROW, max_size=12), existing=HELD, replace=st.booleans(),
       accept=st.booleans())  # fmt: skip
def test_an_import_records_and_writes_what_the_observations_would(
    tmp_path_factory: pytest.TempPathFactory,
    sheet_rows: list[dict[str, str]],
    existing: list[Observation],
    replace: bool,
    accept: bool,
):
    folder, twin = tmp_path_factory.mktemp("held"), tmp_path_factory.mktemp("list")
    sheet = _sheet(folder / "q.csv", sheet_rows)
    write_progress(_loaded(folder), existing)
    shutil.copy(folder / "progress.csv", twin / "progress.csv")

    def by_columns() -> object:
        merge = figures.import_file(_loaded(folder), sheet, replace=replace, dry_run=False,
                                    recorded_at=RECORDED, screen=_screen(accept))  # fmt: skip
        return list(merge.added), list(merge.revised), list(merge.retracted), merge.unchanged

    def by_observations() -> object:
        checked = figures.validate_rows(figures.read_table(sheet), PLAN, RECORDED, _screen(accept))
        columns = checked.held
        stamped = {
            columns.rows[i] for i in range(len(columns)) if columns.flags[i] & held.IS_STAMPED
        }
        merge = figures.record(_loaded(twin), hold(kept(checked), stamped, PLAN), replace,
                               dry_run=False, path=sheet)  # fmt: skip
        return list(merge.added), list(merge.revised), list(merge.retracted), merge.unchanged

    outcome = _outcome(by_columns)
    assert outcome == _outcome(by_observations)
    written = (folder / "progress.csv").read_text(encoding="utf-8")
    assert (folder / "progress.csv").read_bytes() == (twin / "progress.csv").read_bytes()
    if isinstance(outcome, tuple) and len(outcome) == 4:  # recorded: in the order a sort gives
        added, revised, retracted, _ = outcome
        new = [*added, *(n for _, n in revised), *(n for _, n in retracted)]
        assert written == progress_text([*existing, *new])
    else:
        assert written == progress_text(existing)


@settings(max_examples=100, deadline=None)
@given(sheet_rows=st.lists(ROW, max_size=12))
def test_each_figures_cell_is_the_one_a_dictionary_filled_row_by_row_keeps(
    sheet_rows: list[dict[str, str]],
):
    text = "id,as_of,value,progress,note\n" + "".join(
        f"{r['id']},{r['as_of']},{r['value']},{r['progress']},\n" for r in sheet_rows
    )
    try:
        checked = figures.validate_rows(figures.read_csv_text(text, Path("q.csv")), PLAN, RECORDED)
    except InvalidDataError:
        return
    expected = {}
    for number, o in kept(checked):
        expected[o.slot] = sheet_rows[number - 2]["progress" if o.share else "value"]
    order, starts = checked.held.by_target()
    typed = held.TypedCells(checked.held, order, starts)
    assert dict(typed) == expected
    assert all(typed.get(slot) == cell for slot, cell in expected.items())
    assert typed.get(("grads", date(2024, 1, 1), False)) is None and len(typed) == len(expected)


@settings(max_examples=100, deadline=None)
@given(sheet_rows=st.lists(ROW, max_size=20), cap=st.integers(1, 4))
def test_a_sheets_first_problems_are_its_first_in_row_order(
    sheet_rows: list[dict[str, str]], cap: int
):
    """Problems found while rows are read and those found once all are read (a figure
    given twice with two values, an implausible one) are listed together in row order,
    and only the first are listed."""
    table = "id,as_of,value,progress,note,recorded_at\n" + "".join(
        ",".join(r[c] for c in ("id", "as_of", "value", "progress"))
        + ",,"
        + r["recorded_at"]
        + "\n"
        for r in sheet_rows
    )

    def problems() -> object:
        read = figures.read_csv_text(table, Path("q.csv"))
        return _outcome(lambda: figures.validate_rows(read, PLAN, RECORDED, _screen(False)))

    every = problems()
    original = rows.MAX_PROBLEMS
    rows.MAX_PROBLEMS = cap
    try:
        first = problems()
    finally:
        rows.MAX_PROBLEMS = original
    if not isinstance(every, tuple):
        assert not isinstance(first, tuple)
        return
    listed, more = every
    assert more == 0 and [int(p.split(":")[1]) for p in listed] == sorted(
        int(p.split(":")[1]) for p in listed
    )
    assert first == (listed[:cap], len(listed) - min(cap, len(listed)))


def test_a_time_of_recording_in_another_zone_is_written_as_given(tmp_path: Path):
    """Two times of one instant are one for the merge and the check for a figure given
    twice, but each row keeps the time as it was written, in the rows imported and in the
    rows already held."""
    eight = timezone(timedelta(hours=8))
    held_rows = [
        Observation(id="fai", as_of=date(2025, 3, 31), value=1,
                    recorded_at=datetime(2025, 5, 1, 8, tzinfo=eight)),
        Observation(id="fai", as_of=date(2025, 6, 30), value=2,
                    recorded_at=datetime(2025, 5, 1, tzinfo=UTC)),
    ]  # fmt: skip
    write_progress(_loaded(tmp_path), held_rows)
    sheet = _sheet(
        tmp_path / "q.csv",
        [{"id": "rd", "as_of": "2025-03-31", "value": "1", "progress": "", "note": "",
          "recorded_at": "2025-05-01T08:00:00+08:00"},
         {"id": "rd", "as_of": "2025-06-30", "value": "2", "progress": "", "note": "",
          "recorded_at": "2025-05-01T00:00:00+00:00"}],
    )  # fmt: skip
    figures.import_file(_loaded(tmp_path), sheet, replace=False, dry_run=False,
                        recorded_at=RECORDED, screen=_screen(False))  # fmt: skip
    assert (tmp_path / "progress.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "fai,2025-03-31,1,,,2025-05-01T08:00:00+08:00",
        "fai,2025-06-30,2,,,2025-05-01T00:00:00+00:00",
        "rd,2025-03-31,1,,,2025-05-01T08:00:00+08:00",
        "rd,2025-06-30,2,,,2025-05-01T00:00:00+00:00",
    ]


# Rows that mostly read well, so that most of a sheet takes ``figure``: one figure per id
# and date (or the same again), values that suit every target, and some that do not.
PLAIN_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["grads", "people", "fai", "rd"]),
        st.sampled_from(["2025-03-31", "2025Q2", "2025-09"]),
        st.sampled_from(["1", "20000", "7", "30000", "12", "3万", "2.5", "-1", "1,000"]),
        st.sampled_from([None, "", "上半年", " 统计局 "]),
    ),
    max_size=25,
).map(lambda rows: [list(row) for row in rows])


@given(sheet=st.one_of(PLAIN_ROWS, import_cases.ROWS))
def test_the_plain_figure_path_leaves_a_sheets_outcome_as_the_full_check_has_it(sheet):
    """validate_rows takes ``figure`` (a row whose id and date were seen, with a plain
    number) where it can: the figures, skipped rows and problems are those of every row
    fully checked."""

    def outcome() -> object:
        try:
            result = figures.validate_rows(
                import_cases._table(sheet), import_cases.RATE_PLAN, RECORDED
            )
        except InvalidDataError as exc:
            return [str(p) for p in exc.problems]
        return list(kept(result)), result.skipped

    plain = outcome()
    original = rows._RowReader.figure
    rows._RowReader.figure = lambda self, cells: None  # type: ignore[method-assign]
    try:
        full = outcome()
    finally:
        rows._RowReader.figure = original  # type: ignore[method-assign]
    assert plain == full
