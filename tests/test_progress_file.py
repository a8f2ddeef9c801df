"""progress.csv as a user meets it: what each kind of bad row is called, which line it is
said to be on, what a file holding a 完成进度 reads and writes, and the exact bytes written."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import SMALL_PLAN, progress_text, write_progress
from gongshu_targets.core import store
from gongshu_targets.core.models import LARGEST, Observation
from gongshu_targets.errors import InvalidDataError, TargetsError

HEADER = "id,as_of,value,source,note,recorded_at\n"
KIND_HEADER = "id,as_of,value,source,note,recorded_at,kind\n"

TASK_YAML = """\
  - id: energy-saving
    section: （五）绿色
    name: 节能减排
    name_en: Energy saving
    quote: 节能减排完成市下达目标任务
    comparator: task
"""


@pytest.fixture
def loaded(tmp_path: Path) -> store.LoadedPlan:
    (tmp_path / "targets.yaml").write_text(SMALL_PLAN + TASK_YAML, encoding="utf-8")
    return store.load_plan(tmp_path / "targets.yaml")


def problems(text: str, loaded: store.LoadedPlan) -> list[str]:
    with pytest.raises(InvalidDataError) as exc:
        store.parse_progress(text, Path("progress.csv"), loaded.plan)
    return [str(p) for p in exc.value.problems]


def parse(text: str, loaded: store.LoadedPlan) -> list[Observation]:
    return store.parse_progress(text, Path("progress.csv"), loaded.plan)


def test_a_date_in_another_form_is_named_as_not_a_date(loaded):
    text = HEADER + "gdp-growth,31/03/2025,4.6,s,,2025-04-20T00:00:00\n"
    assert problems(text, loaded) == [
        "progress.csv:2: [gdp-growth] row 2, column as_of = '31/03/2025': not a YYYY-MM-DD date"
    ]


def test_a_kind_column_marks_shares_and_values(loaded):
    text = (
        KIND_HEADER
        + "young-graduates,2025-06-30,45,s,,2025-07-01T00:00:00,share\n"
        + "young-graduates,2025-06-30,20000,s,,2025-07-01T00:00:00,value\n"
        + "gdp-growth,2025-06-30,5.1,s,,2025-07-01T00:00:00,\n"
    )
    assert [(o.id, o.value, o.share) for o in parse(text, loaded)] == [
        ("young-graduates", 45.0, True),
        ("young-graduates", 20000.0, False),
        ("gdp-growth", 5.1, False),
    ]


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("young-graduates,2025-06-30,45,s,,2025-07-01T00:00:00,part",
         "column kind = 'part': not value or share"),
        ("young-graduates,2025-06-30,200.5,s,,2025-07-01T00:00:00,share",
         "column value = '200.5': a completion share lies from 0% to 200%"),
        ("young-graduates,2025-06-30,-1,s,,2025-07-01T00:00:00,share",
         "column value = '-1': a completion share lies from 0% to 200%"),
        ("gdp-growth,2025-06-30,50,s,,2025-07-01T00:00:00,share",
         "column value = '50': a growth rate has no completion share (the share of a task "
         "done): record the rate itself as its value"),
        ("energy-saving,2025-06-30,50,s,,2025-07-01T00:00:00,",
         "column value = '50': a task has no number, only its completion share"),
        ("young-graduates,2025-06-30,-5,s,,2025-07-01T00:00:00,",
         "column value = '-5': a count or amount cannot be negative"),
        ("young-graduates,2025-06-30,1e16,s,,2025-07-01T00:00:00,",
         "column value = '1e16': not a number within ±1e+15"),
    ],
)  # fmt: skip
def test_each_bad_figure_is_named_by_its_column_and_why(loaded, row, why):
    target_id = row.split(",")[0]
    assert problems(KIND_HEADER + row + "\n", loaded) == [
        f"progress.csv:2: [{target_id}] row 2, {why}"
    ]


def test_the_edges_of_each_range_are_accepted(loaded):
    text = (
        KIND_HEADER
        + "young-graduates,2025-06-30,0,s,,2025-07-01T00:00:00,share\n"
        + "young-graduates,2025-06-30,200,s,,2025-07-02T00:00:00,share\n"
        + "energy-saving,2025-06-30,0,s,,2025-07-01T00:00:00,share\n"
        + "young-graduates,2025-06-30,1e15,s,,2025-07-01T00:00:00,\n"
        + "gdp-growth,2025-06-30,-1e15,s,,2025-07-01T00:00:00,\n"
        + "young-graduates,2025-06-30,0,s,,2025-07-03T00:00:00,\n"
    )
    assert [(o.id, o.value, o.share) for o in parse(text, loaded)] == [
        ("young-graduates", 0.0, True),
        ("young-graduates", 200.0, True),
        ("energy-saving", 0.0, True),
        ("young-graduates", LARGEST, False),
        ("gdp-growth", -LARGEST, False),
        ("young-graduates", 0.0, False),
    ]


def test_a_line_break_is_refused_in_a_source_but_kept_in_a_note(loaded):
    text = (
        HEADER
        + 'gdp-growth,2025-03-31,4.6,"统计局\n一季度",,2025-04-20T00:00:00\n'
        + 'gdp-growth,2025-06-30,5.0,统计局,"上半年\n初步",2025-07-20T00:00:00\n'
        + "gdp-growth,2025-09-30,5.2,统计局,\x07,2025-10-20T00:00:00\n"
    )
    assert problems(text, loaded) == [
        "progress.csv:2: [gdp-growth] row 2, column source = '统计局\\n一季度': holds U+000A "
        "(line feed) at character 4; it is one line of text",
        "progress.csv:6: [gdp-growth] row 6, column note = '\\x07': holds U+0007 "
        "(a control character) at character 1; only tabs and line feeds are allowed here",
    ]


def test_a_text_refused_once_is_refused_on_every_row(loaded):
    bad = "gdp-growth,2025-03-31,4.6,a\x01b,,2025-04-20T00:00:00\n"
    assert [p.split(",")[0] for p in problems(HEADER + bad + bad, loaded)] == [
        "progress.csv:2: [gdp-growth] row 2",
        "progress.csv:3: [gdp-growth] row 3",
    ]


def test_rows_after_a_quoted_note_on_several_lines_keep_their_line(loaded):
    text = (
        HEADER
        + 'gdp-growth,2025-03-31,4.6,s,"一季度\n\n初步",2025-04-20T00:00:00\n'
        + "nope,2025-06-30,5.0,s,,2025-07-20T00:00:00\n"
    )
    assert problems(text, loaded) == [
        "progress.csv:5: row 5, column id = 'nope': no such target in the plan"
    ]


def test_a_carriage_return_in_a_quoted_note_is_refused_not_turned_into_a_line_feed(loaded):
    text = HEADER + 'gdp-growth,2025-03-31,4.6,s,"一\r\n二",2025-04-20T00:00:00\n'
    assert problems(text, loaded) == [
        "progress.csv:2: [gdp-growth] row 2, column note = '一\\r\\n二': holds U+000D "
        "(carriage return) at character 2; only tabs and line feeds are allowed here"
    ]


def test_a_file_with_old_mac_line_ends_reads(loaded):
    text = HEADER.replace("\n", "\r") + "gdp-growth,2025-03-31,4.6,s,,2025-04-20T00:00:00\r"
    assert [(o.id, o.value) for o in parse(text, loaded)] == [("gdp-growth", 4.6)]


def test_a_csv_error_in_a_quoted_cell_names_the_line_the_row_starts_on(loaded):
    text = HEADER + 'gdp-growth,2025-03-31,4.6,s,"a\nb\n' + "c" * 140_000 + '",x\n'
    assert problems(text, loaded) == [
        "progress.csv:2: row 2: not valid CSV (field larger than field limit (131072))"
    ]


def test_a_short_row_of_blank_cells_is_skipped_but_not_a_short_row_of_text(loaded):
    text = HEADER + " , \n" + "gdp-growth, \n"
    assert problems(text, loaded) == ["progress.csv:3: row 3: expected 6 columns, found 2"]


def test_a_progress_file_over_the_limit_is_refused_unread(loaded, monkeypatch):
    monkeypatch.setattr(store.progress, "MAX_PROGRESS_BYTES", 2**20)
    loaded.progress_path.write_bytes(HEADER.encode() + b"\n" * (2**20 + 1 - len(HEADER)))
    with pytest.raises(InvalidDataError) as exc:
        store.load_progress(loaded)
    assert [str(p) for p in exc.value.problems] == [
        f"{loaded.progress_path}: file is larger than 1 MiB"
    ]
    loaded.progress_path.write_bytes(HEADER.encode() + b"\n" * (2**20 - len(HEADER)))
    assert store.load_progress(loaded) == []


def test_validate_names_the_line_of_each_conflict(loaded):
    loaded.progress_path.write_text(
        HEADER
        + "gdp-growth,2025-03-31,retracted,s,,2025-04-01T00:00:00\n"
        + "gdp-growth,2025-06-30,5.0,s,,2025-07-20T00:00:00\n"
        + "gdp-growth,2025-06-30,5.1,s,,2025-07-20T00:00:00\n",
        encoding="utf-8",
    )
    observations, found = store.check_progress(loaded)
    assert len(observations) == 3
    assert [str(p) for p in found] == [
        f"{loaded.progress_path}:2: [gdp-growth] row 2: retraction of gdp-growth on "
        "2025-03-31 with no figure before it to take back",
        f"{loaded.progress_path}:4: [gdp-growth] row 4: another row for gdp-growth on "
        "2025-06-30 recorded at 2025-07-20T00:00:00+00:00 gives another value; which one "
        "counts would depend on line order",
    ]


def test_conflicts_are_judged_in_order_of_recording_not_of_lines(loaded):
    """A later line recorded earlier is the figure a retraction takes back; two retractions
    in a row take back nothing the second time; a figure and a retraction recorded at one
    time clash."""
    loaded.progress_path.write_text(
        HEADER
        + "gdp-growth,2025-03-31,retracted,s,,2025-04-02T00:00:00\n"  # 2: takes back line 3
        + "gdp-growth,2025-03-31,4.6,s,,2025-04-01T00:00:00\n"  # 3
        + "gdp-growth,2025-03-31,retracted,s,,2025-04-03T00:00:00\n"  # 4: nothing left
        + "gdp-growth,2025-06-30,5.0,s,,2025-07-20T00:00:00\n"  # 5
        + "gdp-growth,2025-06-30,5.0,s,,2025-07-20T00:00:00\n"  # 6: an exact repeat: fine
        + "gdp-growth,2025-06-30,retracted,s,,2025-07-20T00:00:00\n",  # 7: clashes
        encoding="utf-8",
    )
    _, found = store.check_progress(loaded)
    assert [(p.line, p.target_id, str(p.message).split(":")[1][:24]) for p in found] == [
        (4, "gdp-growth", " retraction of gdp-growt"),
        (7, "gdp-growth", " another row for gdp-gro"),
    ]


def test_conflicts_are_listed_by_line_across_targets(loaded):
    loaded.progress_path.write_text(
        HEADER
        + "gdp-growth,2025-03-31,5.0,s,,2025-04-01T00:00:00\n"  # 2
        + "income-growth,2025-03-31,retracted,s,,2025-04-01T00:00:00\n"  # 3
        + "gdp-growth,2025-03-31,5.1,s,,2025-04-01T00:00:00\n",  # 4: clashes with line 2
        encoding="utf-8",
    )
    _, found = store.check_progress(loaded)
    assert [(p.line, p.target_id) for p in found] == [(3, "income-growth"), (4, "gdp-growth")]


def observation(**fields: object) -> Observation:
    base: dict[str, object] = {
        "id": "young-graduates",
        "as_of": date(2025, 6, 30),
        "value": 20000.0,
        "recorded_at": datetime(2025, 7, 1, tzinfo=UTC),
    }
    return Observation(**{**base, **fields})


def test_progress_text_of_values_has_six_columns_and_unix_line_ends():
    rows = [
        observation(recorded_at=datetime(2025, 7, 2, tzinfo=UTC), value=21000.0),
        observation(),
        observation(id="gdp-growth", value=4.6, source="统计局", note="一季度"),
        observation(id="gdp-growth", value=4.6, retracted=True,
                    recorded_at=datetime(2025, 7, 3, tzinfo=UTC)),
    ]  # fmt: skip
    assert progress_text(rows) == (
        HEADER
        + "gdp-growth,2025-06-30,4.6,统计局,一季度,2025-07-01T00:00:00+00:00\n"
        + "gdp-growth,2025-06-30,retracted,,,2025-07-03T00:00:00+00:00\n"
        + "young-graduates,2025-06-30,20000,,,2025-07-01T00:00:00+00:00\n"
        + "young-graduates,2025-06-30,21000,,,2025-07-02T00:00:00+00:00\n"
    )


def test_progress_text_with_a_share_marks_it_in_a_kind_column():
    rows = [observation(value=45.0, share=True), observation()]
    assert progress_text(rows) == (
        KIND_HEADER
        + "young-graduates,2025-06-30,20000,,,2025-07-01T00:00:00+00:00,\n"
        + "young-graduates,2025-06-30,45,,,2025-07-01T00:00:00+00:00,share\n"
    )


def test_written_figures_read_back_the_same(loaded):
    rows = [
        observation(value=45.0, share=True),
        observation(),
        observation(id="gdp-growth", value=4.6, note="一\n二"),
        observation(id="gdp-growth", value=0.0, retracted=True,
                    recorded_at=datetime(2025, 7, 3, tzinfo=UTC)),
    ]  # fmt: skip
    write_progress(loaded, rows)
    read = store.load_progress(loaded)
    key = lambda o: (o.id, o.as_of, o.recorded_at, o.share)  # noqa: E731
    assert sorted(read, key=key) == sorted(rows, key=key)


def test_writing_figures_removes_temp_files_a_dead_writer_left(loaded):
    folder = loaded.path.parent
    stale = folder / ".progress.csv.k1ll3d.tmp"
    stale.write_text("half a file")
    others = [folder / ".progress.csv..tmp", folder / ".targets.yaml.abc.tmp",
              folder / ".progress.csv.abc.bak", folder / "progress.csv.abc.tmp"]  # fmt: skip
    for other in others:
        other.write_text("not ours")
    write_progress(loaded, [observation()])
    assert not stale.exists()
    assert all(other.read_text() == "not ours" for other in others)


def test_the_bundled_plan_refuses_figures_and_says_how_to_get_a_copy():
    path, bundled = store.find_plan(None, example_ok=True)
    loaded = store.load_plan(path, bundled=bundled)
    before = loaded.progress_path.read_bytes()
    with pytest.raises(TargetsError) as exc:
        write_progress(loaded, [])
    assert str(exc.value) == (
        f"the bundled plan ({loaded.plan.title}) is read-only: run `targets init DIR` for an "
        "editable copy, or `targets new DIR` for a plan of your own, then pass "
        "-f DIR/targets.yaml (or cd DIR)"
    )
    assert loaded.progress_path.read_bytes() == before


def test_the_lock_file_sits_beside_progress_csv(loaded):
    assert store.lock_file(loaded.progress_path) == loaded.path.parent / "progress.csv.lock"
    with store.progress_lock(loaded):
        assert (loaded.path.parent / "progress.csv.lock").is_file()
