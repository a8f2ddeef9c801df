"""The district's own quarterly table, imported as published and judged as the district
would judge it.

The table: 2024年第二季度拱墅区《政府工作报告》主要任务完成情况, published 2024-07-23,
retrieved from https://polyu-hzri.com/zhengcexinxi/11465/33940.html (a copy of the
district's page; the stored copy holds rows 1–11 whole). tests/fixtures/gongshu-2024-q2/
holds the plan that encodes it (targets.yaml, whose header says how each row is encoded)
and the sheet as published (published.csv: 序号, 项目名称, 主要工作内容, 牵头单位, 完成进度,
with its `/`, its blank merged cells and its shares)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import RECORDED, kept, make_plan, make_target
from gongshu_targets import cli
from gongshu_targets.core import figures, store
from gongshu_targets.core.figures import ValueProblem
from gongshu_targets.core.figures.rows import item_target
from gongshu_targets.core.models import Item
from gongshu_targets.errors import ExitCode, InvalidDataError

SOURCE = "https://polyu-hzri.com/zhengcexinxi/11465/33940.html"
FIXTURE = Path(__file__).parent / "fixtures" / "gongshu-2024-q2"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(cli.app, list(args), env={"TARGETS_FILE": None, "COLUMNS": None})


@pytest.fixture
def district(tmp_path: Path) -> Path:
    folder = tmp_path / "gongshu-2024-q2"
    shutil.copytree(FIXTURE, folder)
    (folder / "progress.csv").write_text("", encoding="utf-8")
    return folder


def plan_args(folder: Path) -> list[str]:
    return ["-f", str(folder / "targets.yaml")]


def published() -> list[list[str]]:
    with (FIXTURE / "published.csv").open(encoding="utf-8", newline="") as sheet:
        return list(csv.reader(sheet))


# Why each row's status is the district's. 序时进度 on 2024-06-30 is 182 of 366 days:
# 49.73% (our pace counts days; the table prints no 序时进度 column, and the district's
# half-year convention is six months of twelve, 50%). A share at or above the pace is
# 符合序时; up to `cumulative_at_risk` (10) points behind it, 存在风险; further, 滞后序时.
# The district writes every share at or above 50%, and so at or above both paces: no row is
# behind, whichever pace is taken. The one row without a share is GDP growth (`/`).
EXPECTED = {  # 序号: (status, 完成进度 as published, why)
    1: ("暂无数据", "/", "`/`: no share for a growth rate, and no rate published yet"),
    2: ("符合序时", "52", "52% ≥ 49.73% (+2.27; +2 on the district's 50%)"),
    3: ("符合序时", "53.6", "53.6% ≥ 49.73% (+3.87)"),
    4: ("符合序时", "50", "50% ≥ 49.73% (+0.27; level with the district's 50%)"),
    5: ("符合序时", "60", "60% ≥ 49.73% (+10.27)"),
    **dict.fromkeys(range(6, 12), ("符合序时", "50", "50% ≥ 49.73% (+0.27; level with 50%)")),
}


def test_the_fixture_is_the_published_table_and_names_its_source():
    assert SOURCE in (FIXTURE / "targets.yaml").read_text(encoding="utf-8")
    rows = published()
    assert rows[0] == ["序号", "项目名称", "主要工作内容", "牵头单位", "完成进度"]
    assert [r[4] for r in rows[1:]] == [
        "/", "52%", "53.6%", "50%", "60%", "50%", "50%", "50%", "50%", "50%", "50%",
    ]  # fmt: skip
    assert [r[1] for r in rows[1:]] == ["主要经济指标", "", "", "", "",
                                         "系统优化创新生态", "", "", "", "", ""]  # fmt: skip
    plan = store.load_plan(FIXTURE / "targets.yaml").plan
    titles, title = [], ""
    for row in rows[1:]:
        title = row[1] or title  # a blank 项目名称 is the merged cell above
        titles.append(title)
    assert [(i.number, i.title, i.work, i.owner) for i in plan.items] == [
        (int(r[0]), t, r[2], r[3]) for r, t in zip(rows[1:], titles, strict=True)
    ]
    for target in plan.targets:  # every commitment quotes its row's wording
        item = plan.item(target.item)
        assert item is not None and item.work is not None
        assert target.quote.rstrip("。") in item.work, target.id


def test_the_published_sheet_imports_as_published_and_reads_as_the_district_would(
    district: Path,
):
    sheet = district / "published.csv"
    imported = run("import", "--lang", "en", str(sheet), "--as-of", "2024Q2", *plan_args(district))
    assert imported.exit_code == 0, imported.output
    # all or nothing, and nothing the district published refused: ten shares and the `/`
    assert imported.stdout == (
        "added 10, revised 0, left 0 unchanged; skipped 1 row with no value\n"
    )
    shares = {
        o.id: (o.value, o.share, str(o.as_of))
        for o in store.load_progress(store.load_plan(district / "targets.yaml"))
    }
    assert shares == {
        "revenue-task": (52.0, True, "2024-06-30"),  # row 2: its task, not its growth rate
        "effective-investment": (53.6, True, "2024-06-30"),
        "energy-saving": (50.0, True, "2024-06-30"),
        "environment": (60.0, True, "2024-06-30"),
        "innovation-ecosystem": (50.0, True, "2024-06-30"),
        "science-funding-task": (50.0, True, "2024-06-30"),  # rows 7, 8, 10, 11: the
        "rd-task": (50.0, True, "2024-06-30"),  # row's one task, the work as a whole
        "cas-cooperation": (50.0, True, "2024-06-30"),
        "university-cooperation": (50.0, True, "2024-06-30"),
        "ip-county": (50.0, True, "2024-06-30"),
    }
    again = run("import", "--lang", "en", str(sheet), "--as-of", "2024Q2", *plan_args(district))
    assert again.stdout.startswith("added 0, revised 0, left 10 unchanged")

    status = run("status", "--format", "json", *plan_args(district))
    by_id = {t["id"]: t for t in json.loads(status.stdout)["targets"]}
    assert {i: t["status"] for i, t in by_id.items() if t["figure"] == "share"} == dict.fromkeys(
        shares, "on_track"
    )
    assert {t["expected"] for t in by_id.values() if t["figure"] == "share"} == {49.73}
    assert by_id["gdp-growth"]["status"] == "no_data"

    report = run("report", "--format", "md", *plan_args(district))
    assert report.exit_code == 0, report.output
    lines = [line for line in report.stdout.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[1:]:
        cells = dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        rows[int(cells["序号"])] = cells
    by_number = {int(r[0]): r for r in published()[1:]}
    for number, (status_label, share, why) in EXPECTED.items():
        row = rows[number]
        assert row["状态"] == status_label, (number, why)
        assert row["牵头单位"] == by_number[number][3]
        assert row["主要工作内容"] == by_number[number][2]
        assert row["完成进度(%)"].split("<br>")[-1] == ("—" if share == "/" else share), why
        assert row["序时进度(%)"].split("<br>")[-1] == ("—" if share == "/" else "49.73")
    # problems first, then plan order: all on pace, the row without a figure last
    assert [int(c) for c in (line.split("|")[1] for line in lines[1:])] == [*range(2, 12), 1]


def test_the_same_table_as_an_excel_workbook_imports_the_same(district: Path):
    """Excel keeps 序号 as numbers and a share as a percentage cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for number, row in enumerate(published()):
        if number == 0:
            sheet.append(row)
            continue
        cell = row[4]
        sheet.append([int(row[0]), row[1] or None, row[2], row[3],
                      cell if cell == "/" else float(cell.rstrip("%")) / 100])  # fmt: skip
        if cell != "/":
            sheet.cell(number + 1, 5).number_format = "0.0%"
    path = district / "q2.xlsx"
    book.save(path)
    imported = run(
        "import", "--lang", "en", str(path), "--as-of", "2024-06-30", *plan_args(district)
    )
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("added 10, revised 0, left 0 unchanged; skipped 1 row")
    values = {
        o.id: o.value for o in store.load_progress(store.load_plan(district / "targets.yaml"))
    }
    assert values["effective-investment"] == pytest.approx(53.6)
    assert values["environment"] == pytest.approx(60.0)


def test_a_sheet_without_dates_needs_as_of_and_one_with_dates_refuses_it(district: Path):
    before = (district / "progress.csv").read_bytes()
    sheet = district / "published.csv"
    undated = run("import", str(sheet), *plan_args(district))
    assert undated.exit_code == ExitCode.INVALID_INPUT
    assert (
        "published.csv:1: 表头缺少日期列：请添加表头为 "
        "`as_of` 或 `日期` 的列，或用 --as-of 为整张表"
        "指定日期。表头现有的列：'序号'、'项目名称'、'主要工作内容'、'牵头单位'、'完成进度'。"
    ) in " ".join(undated.output.split())
    outside = run("import", str(sheet), "--as-of", "2025Q2", *plan_args(district))
    assert outside.exit_code == ExitCode.USAGE
    dated = district / "dated.csv"
    dated.write_text("序号,日期,完成进度\n3,2024-06-30,53.6%\n", encoding="utf-8")
    both = run("import", str(dated), "--as-of", "2024Q2", *plan_args(district))
    assert both.exit_code == ExitCode.USAGE
    assert "此表已在 '日期' 列注明各行日期；--as-of 只用于没有日期列的表；未写入任何内容" in (
        both.output
    )
    assert (district / "progress.csv").read_bytes() == before
    assert run("import", str(dated), *plan_args(district)).exit_code == 0  # 序号 and a date


@pytest.mark.usefixtures("english")
def test_a_row_whose_item_cannot_take_it_refuses_the_whole_sheet(district: Path):
    before = (district / "progress.csv").read_bytes()
    sheet = district / "bad.csv"
    sheet.write_text("序号,完成进度\n3,53.6%\n12,50%\n一,50%\n1,40%\n", encoding="utf-8")
    result = run("import", str(sheet), "--as-of", "2024Q2", *plan_args(district))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 3, column no = '12': no item numbered 12 in the plan's items" in result.output
    assert "row 4, column no = '一': not an item's number (1, 2, 3…)" in result.output
    assert "row 5, column progress = '40%'" in result.output  # GDP growth: a rate takes none
    assert (district / "progress.csv").read_bytes() == before


def test_an_items_row_goes_to_its_one_target_else_its_one_task():
    plan = make_plan(
        make_target(id="alone", item=1),
        make_target(id="count", item=2),
        make_target(id="work", item=2, target=None, unit="", comparator="task", pace=None),
        make_target(id="a", item=3),
        make_target(id="b", item=3),
        items=[Item(number=n, title=f"项目{n}") for n in (1, 2, 3, 4)],
    )
    assert item_target(plan, "1").id == "alone"
    assert item_target(plan, 2.0).id == "work"  # Excel's number cell
    assert item_target(plan, "２").id == "work"  # a full-width digit
    for raw, why in (
        ("3", "item 3 has 2 targets (a, b) and no task for the row's work as a whole: "
              "name the target in an id column, or give the item one task"),
        ("4", "item 4 has no target to record the row on"),
        ("5", "no item numbered 5 in the plan's items"),
        ("0", "not an item's number (1, 2, 3…)"),
        (1.5, "not an item's number (1, 2, 3…)"),
        (True, "not an item's number (1, 2, 3…)"),
    ):  # fmt: skip
        with pytest.raises(ValueProblem) as caught:
            item_target(plan, raw)
        assert str(caught.value) == why


def test_an_id_column_wins_over_the_serial_number():
    plan = make_plan(make_target(id="a", item=1), make_target(id="b", item=1),
                     items=[Item(number=1, title="项目")])  # fmt: skip
    text = "序号,编号,日期,数值\n1,b,2025Q2,40\n"
    rows = figures.validate_rows(figures.read_csv_text(text, Path("s.csv")), plan, RECORDED)
    assert [o.id for _, o in kept(rows)] == ["b"]
    with pytest.raises(InvalidDataError):  # without the id, item 1 is ambiguous
        figures.validate_rows(
            figures.read_csv_text("序号,日期,数值\n1,2025Q2,40\n", Path("s.csv")), plan, RECORDED
        )
