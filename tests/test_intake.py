"""Figures you can trust on the way in: numbers that mean one thing, text that decodes
honestly, sheets that round-trip, in a copy of a plan (plan_dir), never the repo's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from conftest import SMALL_PROGRESS, make_target
from gongshu_targets import cli
from gongshu_targets.core import figures
from gongshu_targets.core.figures import ValueProblem, plausibility
from gongshu_targets.core.models import Target, Thresholds
from gongshu_targets.errors import ExitCode, InvalidDataError

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


BOM = b"\xef\xbb\xbf"
PEOPLE = make_target(id="people", unit="名", target=3000)
RATE = make_target(id="rd", unit="%", target=1.15, pace="rate")


def run(*args: str):
    return runner.invoke(cli.app, list(args), env={"TARGETS_FILE": None, "COLUMNS": None})


def import_(folder: Path, sheet: Path, *options: str):
    return run("import", str(sheet), "-f", str(folder / "targets.yaml"), *options)


# --- numbers: a comma separates thousands, in groups of three -----------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,250", 1250), ("12,345,678", 12345678), ("1,250.0", 1250), ("1，250", 1250),
     ("3,000名", 3000), ("1,234万", 12_340_000)],
)  # fmt: skip
def test_a_comma_in_groups_of_three_separates_thousands(raw: str, expected: float):
    assert figures.parse_value(raw, PEOPLE) == expected


@pytest.mark.parametrize("raw", ["4,6", "0,5", ",5", "1,2,3", "1,2345", "12,34", "1,234,5"])
def test_any_other_comma_is_refused_as_ambiguous(raw: str):
    for target in (PEOPLE, RATE):
        with pytest.raises(ValueProblem, match="ambiguous comma: .* groups of three"):
            figures.parse_value(raw, target)


@given(st.integers(min_value=0, max_value=10**14))
def test_every_grouped_integer_reads_as_itself(n: int):
    assert figures.parse_value(f"{n:,}", PEOPLE) == n


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_a_decimal_comma_is_never_read_as_a_number(whole: int, fraction: int):
    with pytest.raises(ValueProblem, match="ambiguous comma"):
        figures.parse_value(f"{whole},{fraction}", RATE)


def test_an_import_with_a_decimal_comma_writes_nothing(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text('id,as_of,value\ngdp-growth,2025-06-30,"4,6"\n', encoding="utf-8")
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 2, column value = '4,6': ambiguous comma" in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


# --- decoding: UTF-8, else GB18030 only for a file that is not mostly UTF-8 ---------------

NOTES = "id,as_of,value,note\n" + "".join(
    f"gdp-growth,2025-0{m}-30,5.{m},同比增长\n" for m in range(4, 10)
)


def with_stray_byte(line: int) -> bytes:
    """NOTES in UTF-8 with one byte that is not UTF-8 at the start of ``line``; read as
    GB18030 it decodes whole, as mojibake."""
    lines = NOTES.encode("utf-8").split(b"\n")
    lines[line - 1] = b"\x81" + lines[line - 1]
    return b"\n".join(lines)


def test_utf8_with_a_stray_byte_is_refused_naming_line_and_byte():
    broken = with_stray_byte(4)
    at = broken.index(b"\x81")
    with pytest.raises(InvalidDataError) as caught:
        figures.decode(broken, Path("q.csv"))
    (problem,) = caught.value.problems
    assert problem.line == 4
    assert str(problem.message) == (
        f"byte {at} (0x81, line 4, byte 1 of the line) is not UTF-8, though the rest of "
        "the file is; fix that byte, or save it as CSV UTF-8 from Excel, or name the "
        "encoding with --encoding"
    )


def test_a_stray_byte_import_writes_nothing_and_no_mojibake(plan_dir: Path):
    broken = with_stray_byte(3)
    assert "鍚屾瘮澧為暱" in broken.decode("gb18030")  # what the old reader stored
    sheet = plan_dir / "q.csv"
    sheet.write_bytes(broken)
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "q.csv:3: byte" in result.stderr and "--encoding" in result.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


@pytest.mark.parametrize("prefix", [b"", BOM])
def test_valid_utf8_is_read_as_utf8(prefix: bytes):
    assert figures.decode(prefix + NOTES.encode("utf-8"), Path("q.csv")) == NOTES


def test_gbk_is_still_read_as_gb18030():
    assert figures.decode(NOTES.encode("gbk"), Path("q.csv")) == NOTES


@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1))
def test_gbk_chinese_is_never_taken_for_broken_utf8(text: str):
    raw = f"id,note\nx,{text}\n".encode("gb18030")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert figures.decode(raw, Path("q.csv")) == f"id,note\nx,{text}\n"


# --- round trips: export imports back unchanged ------------------------------------------

HISTORY = """\
id,as_of,value,source,note,recorded_at
gdp-growth,2025-03-31,4.6,report,=1+1,2025-04-20T00:00:00+00:00
gdp-growth,2025-03-31,4.7,revised,-x,2025-05-01T08:30:00+00:00
income-growth,2025-03-31,5,report,"two
lines",2025-04-20T00:00:00+00:00
young-graduates,2025-06-30,20000,@bureau,,2025-07-10T00:00:00+00:00
"""


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_imports_back_into_an_empty_plan_byte_for_byte(plan_dir: Path, suffix: str):
    (plan_dir / "progress.csv").write_text(HISTORY, encoding="utf-8")
    original = (plan_dir / "progress.csv").read_bytes()
    out = plan_dir / f"e.{suffix}"
    assert run("export", "-o", str(out), "-f", str(plan_dir / "targets.yaml")).exit_code == 0
    fresh = plan_dir / "fresh"
    fresh.mkdir()
    shutil.copy(plan_dir / "targets.yaml", fresh / "targets.yaml")
    result = import_(fresh, out)
    assert result.exit_code == 0, result.output
    assert result.stdout == "added 4, revised 0, left 0 unchanged\n"
    assert (fresh / "progress.csv").read_bytes() == original
    again = import_(plan_dir, out)
    assert again.stdout == "added 0, revised 0, left 4 unchanged (progress.csv not touched)\n"
    assert (plan_dir / "progress.csv").read_bytes() == original


def test_a_stamped_row_that_clashes_with_the_held_one_is_refused(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text(
        "id,as_of,value,recorded_at\ngdp-growth,2025-03-31,9.9,2025-04-20T00:00:00+00:00\n",
        encoding="utf-8",
    )
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "row 2: gdp-growth on 2025-03-31 recorded at 2025-04-20 00:00:00+00:00 is held as "
        "4.6, not 9.9" in result.stderr
    )
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_an_older_stamped_row_is_history_and_changes_no_counted_figure(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text(
        "id,as_of,value,recorded_at\ngdp-growth,2025-03-31,4.4,2025-04-01T00:00:00Z\n",
        encoding="utf-8",
    )
    result = import_(plan_dir, sheet)
    assert result.exit_code == 0, result.output
    assert "gdp-growth,2025-03-31,4.4,,,2025-04-01T00:00:00+00:00" in (
        (plan_dir / "progress.csv").read_text(encoding="utf-8")
    )
    shown = run("status", "--format", "csv", "-f", str(plan_dir / "targets.yaml"))
    assert ",4.6," in shown.stdout


def test_a_bad_recorded_at_is_named(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text("id,as_of,value,录入时间\ngdp-growth,2025-06-30,5,yesterday\n", "utf-8")
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "row 2, column recorded_at = 'yesterday': not a date and time" in result.stderr


def test_a_filled_template_with_common_extras_imports(plan_dir: Path):
    template = plan_dir / "t.xlsx"
    made = run("template", "--lang", "zh", "--as-of", "2025Q3", "-o", str(template),
               "-f", str(plan_dir / "targets.yaml"))  # fmt: skip
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert "牵头单位" in header  # the template carries it; a sheet may fill it in
    sheet.cell(1, len(header) + 1).value = "序号"
    value_col = header.index("数值") + 1
    owner_col = header.index("牵头单位") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == "gdp-growth":
            sheet.cell(row, value_col).value = 5.2
            sheet.cell(row, owner_col).value = "区发改局"
            sheet.cell(row, len(header) + 1).value = 1
    book.save(template)
    result = import_(plan_dir, template)
    assert result.exit_code == 0, result.output
    assert "added 1" in result.stdout


def test_an_unknown_column_is_refused_listing_the_known_ones(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text("id,as_of,value,comment\ngdp-growth,2025-06-30,5.1,x\n", "utf-8")
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, sheet)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "The header has a column 'comment' that an import does not read: the columns read are "
        "`id`/`编号`, `no`/`序号`, `as_of`/`日期`, `value`/`数值`"
        ", `progress`/`完成进度`, `note`/`备注`, `source`/`来源`, "
        "`recorded_at`/`录入时间`; read over: `name`/`名称`,"
        " `unit`/`单位`, `target`/`目标`, `latest`/`最新值`, "
        "`owner`/`牵头单位`, `item`/`项目名称`, "
        "`work`/`主要工作内容`, `leader`/`牵头领导`, `pace`/`序时进度`."
    ) in " ".join(result.stderr.split())
    assert (plan_dir / "progress.csv").read_bytes() == before


# --- plausibility: decided before anything is written ------------------------------------

THRESHOLDS = Thresholds()
UNITS = ["名", "万名", "家", "亿元", "万元", "元", "公里"]


@st.composite
def scaled_targets(draw: st.DrawFn) -> tuple[Target, float]:
    """A count or amount target and a figure plausible for it (recording unit)."""
    unit = draw(st.sampled_from(UNITS))
    goal = draw(st.floats(min_value=0.01, max_value=1e6, allow_nan=False))
    target = make_target(unit=unit, target=goal)
    share = draw(
        st.floats(THRESHOLDS.plausible_fraction, THRESHOLDS.plausible_times, allow_nan=False)
    )
    reference = plausibility.scale_of(target)
    assert reference is not None
    return target, reference * share


@given(scaled_targets())
def test_no_plausible_figure_is_refused(case: tuple[Target, float]):
    target, value = case
    assert plausibility.doubt(target, value, THRESHOLDS) is None


@given(scaled_targets(), st.sampled_from([1e4, 1e8, 1e-4]))
def test_every_wan_or_yi_misreading_of_a_plausible_figure_is_caught(
    case: tuple[Target, float], factor: float
):
    target, value = case
    misread = value * factor
    found = plausibility.doubt(target, misread, THRESHOLDS)
    assert found is not None and found.value == misread


@given(st.floats(min_value=-100, max_value=1000, allow_nan=False))
def test_no_rate_in_range_is_refused(value: float):
    assert plausibility.doubt(RATE, value, THRESHOLDS) is None


def test_zero_is_plausible_for_a_count_and_a_rate_out_of_range_is_not():
    assert plausibility.doubt(PEOPLE, 0, THRESHOLDS) is None
    found = plausibility.doubt(RATE, 7625, THRESHOLDS)
    assert found is not None and found.reading is None


@pytest.mark.parametrize(
    ("unit", "goal", "value", "reading"),
    [("万名", 4, 3.1, plausibility.Reading("万", 31000)),
     ("亿元", 800, 6.1e10, plausibility.Reading("元", 610)),
     ("亿元", 800, 6.1e6, plausibility.Reading("万元", 610)),
     ("万元", 5000, 0.5, plausibility.Reading("亿元", 5000)),
     ("名", 3000, 3e8, None)],
)  # fmt: skip
def test_a_doubt_names_the_reading_probably_meant(unit, goal, value, reading):
    found = plausibility.doubt(make_target(unit=unit, target=goal), value, THRESHOLDS)
    assert found is not None and found.reading == reading


@pytest.mark.parametrize(
    ("fields", "why"),
    [({"plausible_times": 100, "plausible_fraction": 0.01}, "must stay under 10,000"),
     ({"plausible_rate_min": 5, "plausible_rate_max": 5}, "must be below"),
     ({"plausible_times": 1}, "greater than 1")],
)  # fmt: skip
def test_plausibility_limits_that_would_let_a_misreading_through_are_refused(fields, why):
    with pytest.raises(ValidationError, match=why):
        Thresholds(**fields)


def plan_args(folder: Path) -> list[str]:
    return ["-f", str(folder / "targets.yaml")]


def test_update_refuses_a_bare_count_on_a_wan_target_and_writes_nothing(plan_dir: Path):
    before = (plan_dir / "progress.csv").read_bytes()
    result = run("update", "young-graduates", "3.1", "--as-of", "2025-09-30", *plan_args(plan_dir))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr == (
        "Error: 1 problem found; nothing was written:\n"
        "  [young-graduates] value '3.1': 3.1 people is not a whole number: a target in 10,000 "
        "people counts whole people; did you mean '3.1万' (31,000 people)?\n"
    )
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_update_says_what_it_read_and_stored(plan_dir: Path):
    result = run("update", "young-graduates", "3.1万", "--as-of", "2025-09-30",
                 *plan_args(plan_dir))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "young-graduates as of 2025-09-30: 3.1万 → 31,000 people, stored as 31000; "
        "added 1, revised 0, left 0 unchanged\n"
    )
    zh = run("update", "young-graduates", "3.2万", "--as-of", "2025-08-31", "--lang", "zh",
             *plan_args(plan_dir))  # fmt: skip
    assert zh.stderr == (
        "young-graduates（截至 2025-08-31）：3.2万 → 32,000 名（3.2 万名），存为 32000；"
        "新增 1 条、修订 0 条、0 条不变\n"
    )


def test_an_accepted_figure_keeps_a_note_and_reads_back(plan_dir: Path):
    result = run("update", "young-graduates", "31", "--as-of", "2025-09-30", "--note", "试点",
                 "--accept-implausible", *plan_args(plan_dir))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "accepted against the plausibility check (--accept-implausible)" in result.stderr
    assert "young-graduates,2025-09-30,31,,试点; accepted against the plausibility check," in (
        plan_dir / "progress.csv"
    ).read_text(encoding="utf-8")
    out = plan_dir / "e.csv"
    assert run("export", "-o", str(out), *plan_args(plan_dir)).exit_code == 0
    again = import_(plan_dir, out)
    assert again.exit_code == 0, again.output
    assert "added 0, revised 0, left 4 unchanged" in again.stdout


def test_an_xlsx_in_yuan_is_refused_naming_the_reading(plan_dir: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["编号", "日期", "数值"])
    sheet.append(["platform-rd", "2025-09-30", 6.1e7])
    sheet.append(["gdp-growth", "2025-09-30", 76.25])
    sheet.cell(3, 3).number_format = "0.00%"
    path = plan_dir / "q.xlsx"
    book.save(path)
    before = (plan_dir / "progress.csv").read_bytes()
    result = import_(plan_dir, path)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "row 2, column value = '61000000': implausible: 61,000,000 — yuan? that is 0.61 × "
        "100m yuan. 61,000,000 × 100m yuan is more than 10× the target (1 × 100m yuan); if it "
        "is right, record it with --accept-implausible"
    ) in " ".join(result.stderr.split())
    assert (
        "row 3, column value = '76.25': implausible: 7,625% is outside -100% to 1,000% for a "
        "rate; if it is right, record it with --accept-implausible"
    ) in " ".join(result.stderr.split())
    assert (plan_dir / "progress.csv").read_bytes() == before
    accepted = import_(plan_dir, path, "--accept-implausible")
    assert accepted.exit_code == 0, accepted.output
    assert "added 2" in accepted.stdout


def test_the_plans_thresholds_tune_the_check(plan_dir: Path):
    plan = plan_dir / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("source: report.txt\n", "source: report.txt\nthresholds:\n"
                     "  plausible_times: 100\n  plausible_fraction: 0.02\n"),
        encoding="utf-8",
    )  # fmt: skip
    big = run("update", "young-graduates", "200万", "--as-of", "2025-09-30", *plan_args(plan_dir))
    assert big.exit_code == 0, big.output
    small = run("update", "young-graduates", "500", "--as-of", "2025-10-31", *plan_args(plan_dir))
    assert small.exit_code == ExitCode.INVALID_INPUT
    assert "less than 1/50 of the target" in small.stderr


def test_a_dry_run_shows_each_figure_as_typed_read_and_stored(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text("id,as_of,value\nyoung-graduates,2025-09-30,3.1万\n", encoding="utf-8")
    result = run("import", str(sheet), "--dry-run", *plan_args(plan_dir))
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stdout.splitlines() if "young-graduates" in line]
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells == ["add", "young-graduates", "2025-09-30", "—",
                     "3.1万 → 31,000 people", "31000"]  # fmt: skip


# --- retractions: a figure taken back, with its history kept -----------------------------


def test_retract_appends_a_row_and_the_figure_no_longer_counts(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    before = progress.read_bytes()
    result = run("retract", "young-graduates", "--as-of", "2025-06-30", "--note", "wrong target",
                 *plan_args(plan_dir))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "young-graduates as of 2025-06-30: retracted 20,000 people (recorded "
        "2025-07-10T00:00:00+00:00); it no longer counts"
    )
    old, new = before.decode().splitlines(), progress.read_text(encoding="utf-8").splitlines()
    assert new[:-1] == [line.replace(",5.0,", ",5,") for line in old]  # the figure stays
    assert new[-1].startswith("young-graduates,2025-06-30,retracted,,wrong target,")
    shown = json.loads(run("status", "--format", "json", *plan_args(plan_dir)).stdout)
    (graduates,) = [t for t in shown["targets"] if t["id"] == "young-graduates"]
    assert graduates["value"] is None and graduates["status"] == "no_data"
    detail = run("show", "young-graduates", "--lang", "en", *plan_args(plan_dir)).stdout
    assert "20,000 people (retracted)" in detail and "retraction" in detail
    exported = run("export", "--format", "csv", *plan_args(plan_dir)).stdout
    assert "young-graduates,2025-06-30,retracted,people,,wrong target," in exported


def test_a_later_figure_for_a_retracted_date_needs_no_replace(plan_dir: Path):
    assert run("retract", "young-graduates", "--as-of", "2025-06-30",
               *plan_args(plan_dir)).exit_code == 0  # fmt: skip
    again = run("update", "young-graduates", "2.1万", "--as-of", "2025-06-30", *plan_args(plan_dir))
    assert again.exit_code == 0, again.output
    shown = json.loads(run("status", "--format", "json", *plan_args(plan_dir)).stdout)
    (graduates,) = [t for t in shown["targets"] if t["id"] == "young-graduates"]
    assert graduates["value"] == 2.1


@pytest.mark.parametrize(
    ("args", "why"),
    [(["young-graduates", "--as-of", "2025-09-30"],
      "young-graduates on 2025-09-30 has no figure to retract"),
     (["young-graduates", "--as-of", "2025-06-30", "--progress"],
      "young-graduates on 2025-06-30 has no completion share to retract")],
)  # fmt: skip
def test_retracting_nothing_is_refused_and_writes_nothing(plan_dir: Path, args, why):
    before = (plan_dir / "progress.csv").read_bytes()
    result = run("retract", *args, *plan_args(plan_dir))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr == (
        f"Error: 1 problem found; nothing was written:\n  [young-graduates] {why}\n"
    )
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_retracting_twice_is_refused(plan_dir: Path):
    assert run("retract", "gdp-growth", "--as-of", "2025-03-31",
               *plan_args(plan_dir)).exit_code == 0  # fmt: skip
    before = (plan_dir / "progress.csv").read_bytes()
    twice = run("retract", "gdp-growth", "--as-of", "2025-03-31", *plan_args(plan_dir))
    assert twice.exit_code == ExitCode.INVALID_INPUT
    assert "(it was retracted already)" in twice.stderr
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_a_retraction_round_trips_through_an_export(plan_dir: Path):
    assert run("retract", "gdp-growth", "--as-of", "2025-03-31",
               *plan_args(plan_dir)).exit_code == 0  # fmt: skip
    original = (plan_dir / "progress.csv").read_bytes()
    out = plan_dir / "e.xlsx"
    assert run("export", "-o", str(out), *plan_args(plan_dir)).exit_code == 0
    fresh = plan_dir / "fresh"
    fresh.mkdir()
    shutil.copy(plan_dir / "targets.yaml", fresh / "targets.yaml")
    result = import_(fresh, out)
    assert result.exit_code == 0, result.output
    assert (fresh / "progress.csv").read_bytes() == original


def test_a_sheet_can_retract_and_its_dry_run_says_so(plan_dir: Path):
    sheet = plan_dir / "q.csv"
    sheet.write_text("id,as_of,value\nyoung-graduates,2025-06-30,retracted\n", "utf-8")
    result = run("import", str(sheet), "--dry-run", *plan_args(plan_dir))
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stdout.splitlines() if "young-graduates" in line]
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells == ["retract", "young-graduates", "2025-06-30", "20,000 people",
                     "retracted → retracted", "retracted"]  # fmt: skip
    assert "would retract 1 (dry run: nothing written)" in result.stdout


# --- validate finds what progress.csv cannot mean ----------------------------------------

CONFLICTED = """\
id,as_of,value,source,note,recorded_at
gdp-growth,2025-03-31,4.6,report,,2025-04-20T00:00:00+00:00
gdp-growth,2025-03-31,4.8,report,,2025-04-20T00:00:00+00:00
income-growth,2025-03-31,retracted,,,2025-04-20T00:00:00+00:00
young-graduates,2025-06-30,20000,bureau,,2025-07-10T00:00:00+00:00
young-graduates,2025-06-30,20000,bureau,,2025-07-10T00:00:00+00:00
"""


def test_validate_finds_a_clash_and_a_retraction_of_nothing(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    progress.write_text(CONFLICTED, encoding="utf-8")
    result = run("validate", *plan_args(plan_dir))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.splitlines()[1:] == [
        f"  {progress}:3: [gdp-growth] row 3: another row for gdp-growth on 2025-03-31 "
        "recorded at 2025-04-20T00:00:00+00:00 gives another value; which one counts would "
        "depend on line order",
        f"  {progress}:4: [income-growth] row 4: retraction of income-growth on 2025-03-31 "
        "with no figure before it to take back",
    ]
    progress.write_text(SMALL_PROGRESS, encoding="utf-8")
    assert run("validate", *plan_args(plan_dir)).exit_code == 0
