"""完成进度 as a figure: a share of the year's task, read from sheets, typed with
`update --progress`, stored marked in progress.csv and judged against 序时进度."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import (
    RECORDED,
    SMALL_PLAN,
    SMALL_PROGRESS,
    make_plan,
    make_target,
    obs,
    progress_text,
)
from gongshu_targets import cli
from gongshu_targets.core import store
from gongshu_targets.core.figures import Cell, ValueProblem
from gongshu_targets.core.figures.cells import parse_share
from gongshu_targets.core.models import Observation
from gongshu_targets.core.scoring import assess, resolve_revisions
from gongshu_targets.enums import Status
from gongshu_targets.errors import ExitCode

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


TASK_YAML = """\
  - id: energy-saving
    section: （五）绿色
    name: 节能减排
    name_en: Energy saving
    quote: 节能减排完成市下达目标任务
    comparator: task
  - id: new-firms
    section: （一）扩大需求
    name: 新增规上企业
    name_en: New firms above size
    quote: 新增规上企业100家
    target: 100
    unit: 家
    comparator: at_least
    pace: cumulative
"""


def run(*args: str):
    return runner.invoke(cli.app, list(args), env={"TARGETS_FILE": None, "COLUMNS": None})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(SMALL_PLAN + TASK_YAML, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(SMALL_PROGRESS, encoding="utf-8")
    return tmp_path


def plan_args(folder: Path) -> list[str]:
    return ["-f", str(folder / "targets.yaml")]


def status_json(folder: Path, *extra: str) -> dict[str, dict[str, object]]:
    result = run("status", *plan_args(folder), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


@pytest.mark.parametrize(
    ("cell", "share"),
    [
        ("52%", 52.0),
        ("53.6", 53.6),
        ("５０％", 50.0),
        (Cell(0.536, True), 53.6),
        (75, 75.0),
        ("105%", 105.0),
        ("/", None),
        ("／", None),
        ("—", None),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_a_share_cell_reads_as_published(cell: object, share: float | None):
    assert parse_share(cell) == share


@pytest.mark.parametrize("cell", ["-5%", "五成", "52万", "52 家", True])
def test_a_cell_that_is_no_share_is_refused(cell: object):
    with pytest.raises(ValueProblem):
        parse_share(cell)


def test_the_districts_column_imports_as_published(folder: Path):
    sheet = folder / "q2.csv"
    sheet.write_text(
        "编号,日期,完成进度,备注\n"
        "new-firms,2025-06-30,52%,区经信局\n"
        "energy-saving,2025-06-30,/,\n"
        "gdp-growth,2025-06-30,—,\n"
        "young-graduates,2025-06-30,,\n",
        encoding="utf-8",
    )
    result = run("import", "--lang", "en", str(sheet), *plan_args(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == ("added 1, revised 0, left 0 unchanged; skipped 3 rows with no value\n")
    lines = (folder / "progress.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,as_of,value,source,note,recorded_at,kind"
    assert [line for line in lines if line.startswith("new-firms")][0].startswith(
        "new-firms,2025-06-30,52,,区经信局,"
    )
    assert all(line.endswith(",share") for line in lines if line.startswith("new-firms"))
    assert all(line.endswith(",") for line in lines[1:] if not line.startswith("new-firms"))
    firms = status_json(folder)["new-firms"]
    assert (firms["value"], firms["figure"], firms["status"]) == (52.0, "share", "on_track")


def test_a_row_may_carry_a_value_and_a_share(folder: Path):
    sheet = folder / "q2.csv"
    sheet.write_text("id,as_of,value,progress\nnew-firms,2025-06-30,40,45%\n", encoding="utf-8")
    assert run("import", str(sheet), *plan_args(folder)).exit_code == 0
    loaded = store.load_plan(folder / "targets.yaml")
    figures = [o for o in store.load_progress(loaded) if o.id == "new-firms"]
    assert sorted((o.value, o.share) for o in figures) == [(40.0, False), (45.0, True)]
    firms = status_json(folder)["new-firms"]
    assert (firms["value"], firms["figure"]) == (40.0, "value")  # on one date the value decides


def test_a_bad_share_names_its_row_and_column_and_writes_nothing(folder: Path):
    before = (folder / "progress.csv").read_bytes()
    sheet = folder / "q2.csv"
    sheet.write_text("id,as_of,progress\nnew-firms,2025-06-30,五成\n", encoding="utf-8")
    result = run("import", str(sheet), *plan_args(folder))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 2, column progress = '五成': not a share" in result.stderr
    assert (folder / "progress.csv").read_bytes() == before


def test_a_sheet_needs_a_value_or_a_share_column(folder: Path):
    sheet = folder / "q2.csv"
    sheet.write_text("id,as_of,note\nnew-firms,2025-06-30,x\n", encoding="utf-8")
    result = run("import", str(sheet), *plan_args(folder))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "The header has no figure column: add one headed `value` or `数值`, or `progress` or "
        "`完成进度`, or both. The columns found: 'id', 'as_of', 'note'."
    ) in " ".join(result.stderr.split())


def test_a_share_on_a_rate_target_is_refused_never_read_as_a_rate(folder: Path):
    before = (folder / "progress.csv").read_bytes()
    typed = run(
        "update", "gdp-growth", "--progress", "50%", "--as-of", "2025-06-30", *plan_args(folder)
    )
    assert typed.exit_code == ExitCode.INVALID_INPUT
    assert typed.stderr == (
        "Error: 1 problem found; nothing was written:\n  [gdp-growth] --progress '50%': a growth "
        "rate has no completion share (the share of a task done): record the rate itself as "
        "its value\n"
    )
    sheet = folder / "s.csv"
    sheet.write_text("id,as_of,progress\ngdp-growth,2025-06-30,50%\n", encoding="utf-8")
    imported = run("import", str(sheet), *plan_args(folder))
    assert imported.exit_code == ExitCode.INVALID_INPUT
    assert (
        "row 2, column progress = '50%': a growth rate has no completion share" in imported.stderr
    )
    assert (folder / "progress.csv").read_bytes() == before
    (folder / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at,kind\n"
        "gdp-growth,2025-06-30,50,,,2025-07-01T00:00:00+00:00,share\n",
        encoding="utf-8",
    )
    shown = run("status", *plan_args(folder))
    assert shown.exit_code == ExitCode.INVALID_INPUT
    assert "a growth rate has no completion share" in shown.stderr


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1000", "a share of the task done lies from 0% to 200%"),
        ("-1%", "a share of the task done lies from 0% to 200%"),
        ("0.52", "ambiguous share: 0.52 may be 0.52% or a fraction (52%)"),
    ],
)
def test_update_refuses_a_share_out_of_range_or_ambiguous(folder: Path, typed: str, why: str):
    before = (folder / "progress.csv").read_bytes()
    args = ("update", "new-firms", "--as-of", "2025-06-30", *plan_args(folder))
    result = run(*args, "--progress", typed)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"--progress {typed!r}: {why}" in result.stderr
    assert (folder / "progress.csv").read_bytes() == before
    assert run(*args, "--progress", "105%").exit_code == 0  # done beyond the plan
    assert status_json(folder)["new-firms"]["value"] == 105.0


def test_update_records_a_share_on_a_task(folder: Path):
    args = ("update", "energy-saving", "--as-of", "2025-09-30", *plan_args(folder))
    assert run(*args, "--progress", "80%").exit_code == 0
    task = status_json(folder)["energy-saving"]
    assert (task["figure"], task["status"], task["unit"], task["pace"]) == (
        "share", "on_track", None, None
    )  # fmt: skip
    before = (folder / "progress.csv").read_bytes()
    refused = run(*args, "12")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert "a task has no number" in refused.stderr
    assert (folder / "progress.csv").read_bytes() == before


def test_update_without_a_figure_is_a_usage_error(folder: Path):
    before = (folder / "progress.csv").read_bytes()
    result = run("update", "new-firms", "--as-of", "2025-06-30", *plan_args(folder))
    assert result.exit_code == ExitCode.USAGE
    assert "--progress PERCENT" in result.stderr
    assert (folder / "progress.csv").read_bytes() == before


def test_a_changed_share_is_a_conflict_that_says_so(folder: Path):
    args = ("update", "new-firms", "--as-of", "2025-06-30", *plan_args(folder))
    assert run(*args, "--progress", "40").exit_code == 0
    result = run(*args, "--progress", "45")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "already recorded as completion share 40%, not 45%" in result.stderr
    assert run(*args, "--progress", "45", "--replace").exit_code == 0
    assert status_json(folder)["new-firms"]["value"] == 45.0


def test_progress_csv_reads_back_what_it_writes_with_shares():
    plan = make_plan(make_target(id="a"), make_target(id="b"))
    figures = [
        obs("a", date(2025, 3, 31), 10),
        Observation(id="a", as_of=date(2025, 3, 31), value=30, recorded_at=RECORDED, share=True),
        obs("b", date(2025, 6, 30), 20),
    ]
    text = progress_text(figures)
    assert text.splitlines()[0].endswith(",kind")
    assert sorted(store.parse_progress(text, Path("p.csv"), plan), key=str) == sorted(
        figures, key=str
    )
    values_only = progress_text(figures[::2])
    assert values_only.splitlines()[0] == "id,as_of,value,source,note,recorded_at"


def test_an_unknown_kind_in_progress_csv_is_named():
    plan = make_plan(make_target(id="a"))
    text = "id,as_of,value,source,note,recorded_at,kind\na,2025-03-31,1,,,2025-04-01,rate\n"
    with pytest.raises(Exception, match="column kind = 'rate': not value or share"):
        store.parse_progress(text, Path("p.csv"), plan)


PLAN = make_plan(make_target(id="a"))


def share(day: date, value: float) -> Observation:
    return Observation(id="a", as_of=day, value=value, recorded_at=RECORDED, share=True)


@pytest.mark.parametrize(
    ("day", "value", "status"),
    [
        (date(2025, 6, 30), 52, Status.ON_TRACK),
        (date(2025, 6, 30), 40, Status.AT_RISK),  # 9.59 points behind the pace
        (date(2025, 6, 30), 39.5, Status.OFF_TRACK),  # 10.09 behind
        (date(2025, 6, 30), 100, Status.ACHIEVED),
        (date(2025, 12, 31), 100, Status.ACHIEVED),
        (date(2025, 12, 31), 99, Status.MISSED),
    ],
)
def test_a_share_is_judged_like_a_cumulative_target(day: date, value: float, status: Status):
    a = assess(PLAN.targets[0], [share(day, value)], PLAN)
    assert a.status is status and a.share
    assert a.pace_share == round(((day - date(2025, 1, 1)).days + 1) / 365 * 100, 2)


def test_the_latest_figure_decides_whatever_its_kind():
    value = obs("a", date(2025, 3, 31), 90)  # 90 家 of 100: achieved by value
    later = share(date(2025, 6, 30), 40)
    history = resolve_revisions([value, later])
    assert assess(PLAN.targets[0], history, PLAN).status is Status.AT_RISK
    same_day = resolve_revisions([obs("a", date(2025, 6, 30), 100), later])
    assert assess(PLAN.targets[0], same_day, PLAN).status is Status.ACHIEVED


@given(
    low=st.floats(0, 200, allow_nan=False),
    more=st.floats(0, 200, allow_nan=False),
    day=st.dates(date(2025, 1, 1), date(2025, 12, 31)),
)
def test_more_done_never_judges_worse(low: float, more: float, day: date):
    order = [Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK, Status.ACHIEVED]
    first = assess(PLAN.targets[0], [share(day, low)], PLAN)
    second = assess(PLAN.targets[0], [share(day, low + more)], PLAN)
    assert order.index(second.status) >= order.index(first.status)
    assert first.score is not None and second.score is not None
    assert 0 <= first.score <= second.score <= 100


def test_the_districts_xlsx_with_percentage_cells_imports_as_published(folder: Path):
    """Excel keeps 52% as 0.52 shown as a percentage; `/` and blanks are no figure."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "编号", "日期", "完成进度", "牵头单位"])
    sheet.append([1, "new-firms", "2025-06-30", 0.52, "区经信局"])
    sheet.append([2, "energy-saving", "2025-06-30", "/", "区发改局"])
    sheet.append([3, "gdp-growth", "2025-06-30", None, None])
    sheet["D2"].number_format = "0%"
    path = folder / "q2.xlsx"
    book.save(path)
    result = run("import", "--lang", "en", str(path), *plan_args(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added 1, revised 0, left 0 unchanged; skipped 2 rows")
    firms = status_json(folder)["new-firms"]
    assert (firms["value"], firms["figure"], firms["status"]) == (52.0, "share", "on_track")


def test_a_template_shows_a_tasks_latest_share_in_words(folder: Path):
    """The 最新值 of a task is its 完成进度, worded as every output words one."""
    assert run("update", "energy-saving", "--progress", "52%", "--as-of", "2025-06-30",
               *plan_args(folder)).exit_code == 0  # fmt: skip
    for lang, header, cell in (("zh", "最新值", "完成进度 52%"), ("en", "latest", "52% done")):
        sheet = folder / f"t-{lang}.csv"
        made = run("template", "--as-of", "2025Q3", "--lang", lang, "-o", str(sheet),
                   *plan_args(folder))  # fmt: skip
        assert made.exit_code == 0, made.output
        rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines()))
        latest = rows[0].index(header)
        assert {r[0]: r[latest] for r in rows[1:]}["energy-saving"] == cell
