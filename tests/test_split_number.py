"""A number typed with a thousands comma and no quotes (1,050) is two cells of a CSV. A row
that shows the shift is refused, naming the number; a row that reads as written (a value of
1 and a 完成进度 of 50) is kept."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import RECORDED, kept, make_plan, make_target
from gongshu_targets import cli
from gongshu_targets.core import figures, store
from gongshu_targets.core.figures.cells import ValueProblem, parse_share
from gongshu_targets.enums import Lang
from gongshu_targets.errors import ExitCode, InvalidDataError
from gongshu_targets.outputs.phrases import say

runner = CliRunner()
PLAN = make_plan(
    make_target(id="firms", target=100, unit="家"), make_target(id="staff", target=4, unit="万名")
)


def run(folder: Path, *args: str):
    return runner.invoke(cli.app, [*args, "-f", str(folder / "targets.yaml")],
                         env={"TARGETS_FILE": None, "COLUMNS": None})  # fmt: skip


def read(text: str) -> figures.Rows:
    return figures.validate_rows(figures.read_csv_text(text, Path("s.csv")), PLAN, RECORDED)


def refusals(text: str, lang: Lang = Lang.EN) -> list[str]:
    with pytest.raises(InvalidDataError) as caught:
        read(text)
    return [say(p.message, lang) for p in caught.value.problems]


def figures_of(text: str) -> list[tuple[int, float, bool]]:
    return [(row, o.value, o.share) for row, o in kept(read(text))]


SPLIT_1050 = (
    "row 2, column value = '1': ambiguous comma: 1 and 050 read as one number, 1,050, split at "
    "an unquoted comma, its 050 landing in column 'progress'; quote the number (\"1,050\") or "
    "write it without the comma (1050)"
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_analysts_row_is_refused_in_both_languages_and_nothing_is_written(
    plan_dir: Path, lang: str
):
    sheet = plan_dir / "s.csv"
    sheet.write_text("id,as_of,value,progress,note\nplatform-rd,2025-12-31,1,050,note\n",
                     encoding="utf-8")  # fmt: skip
    before = (plan_dir / "progress.csv").read_bytes()
    for options in (("--dry-run",), ()):
        result = run(plan_dir, "import", str(sheet), "--lang", lang, *options)
        assert result.exit_code == ExitCode.INVALID_INPUT, result.output
        assert result.stdout == ""
        assert (plan_dir / "progress.csv").read_bytes() == before
        expected = {
            "en": f"Error: 1 problem found; nothing was written:\n  {sheet}:2: {SPLIT_1050}\n",
            "zh": f"错误：发现 1 个问题；未写入任何内容：\n  {sheet}:2: 第 2 行，数值列为 '1'："
            "逗号有歧义：1 和 050 像是一个数 1,050 被未加引号的逗号拆成了两格，050 落在了列 "
            "'progress' 中；请给这个数加引号（\"1,050\"）或去掉逗号（1050）\n",
        }[lang]
        assert result.stderr == expected


def test_legitimate_rows_are_read_as_written():
    text = (
        "id,as_of,value,progress,note\n"
        "firms,2025-03-31,1,50,note\n"  # a value of 1 and 50% done
        "firms,2025-06-30,12,100\n"  # 12 and 100%, the note left out
        "firms,2025-09-30,12,100%,\n"
        "firms,2025-12-31,12,150.5,done\n"  # a share beyond the plan, below 200%
    )
    assert figures_of(text) == [
        (2, 1.0, False), (2, 50.0, True), (3, 12.0, False), (3, 100.0, True),
        (4, 12.0, False), (4, 100.0, True), (5, 12.0, False), (5, 150.5, True),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # the 050 cannot be a share: no column holds a number with a leading 0
        ("id,as_of,value,progress,note\nfirms,2025-06-30,1,050,note\n", "in column 'progress'"),
        # the row is shorter than the header: the note left out
        ("id,as_of,value,progress,note\nfirms,2025-06-30,1,050\n", "in column 'progress'"),
        # a share stops at 200%
        ("id,as_of,value,progress\nfirms,2025-06-30,1,250\n", "in column 'progress'"),
        # a note, a source, a unit (the export's order), a date hold no bare number
        ("id,as_of,value,note\nfirms,2025-06-30,1,250\n", "in column 'note'"),
        ("编号,数值,来源,日期\nfirms,1,250,2025-06-30\n", "in column '来源'"),
        ("id,as_of,value,unit\nfirms,2025-06-30,1,250\n", "in column 'unit'"),
        ("id,value,as_of\nfirms,1,250,2025-06-30\n", "in column 'as_of'"),
        # a column with no title, and past the header with only blank cells after it
        ("id,as_of,value,,note\nfirms,2025-06-30,1,250,x\n", "in a column with no title"),
        ("id,as_of,value,progress\nfirms,2025-06-30,12,100,\n", "in column 'progress'"),
        ("id,as_of,value\nfirms,2025-06-30,12,100\n", "past the header"),
        # progress before the value: the value's number split into the note
        ("id,as_of,progress,value,note\nfirms,2025-06-30,50,1,050\n", "in column 'note'"),
    ],
)
def test_a_row_that_shows_the_shift_is_refused(text: str, where: str):
    (said,) = refusals(text)
    assert f"landing {where};" in said
    assert said.startswith("row 2, column ")


def test_a_share_typed_before_its_value_names_the_share_column():
    (said,) = refusals("id,as_of,progress,value\nfirms,2025-06-30,1,050\n")
    assert said.startswith("row 2, column progress = '1': ambiguous comma: 1 and 050 ")
    assert "landing in column 'value'" in said


def test_groups_decimals_and_units_are_one_number():
    (million,) = refusals("id,as_of,value,progress,note\nfirms,2025-06-30,12,100,000\n")
    assert "read as one number, 12,100,000, split" in million
    assert "(12100000)" in million
    (decimal,) = refusals("id,as_of,value,note\nstaff,2025-06-30,1,050.5\n")
    assert '("1,050.5")' in decimal
    (unit,) = refusals("id,as_of,value,note\nstaff,2025-06-30,3,050万\n")
    assert '("3,050万") or write it without the comma (3050万)' in unit
    # a note that starts with three digits and goes on in words is a note
    assert figures_of("id,as_of,value,note\nfirms,2025-06-30,12,100户已完成\n") == [
        (2, 12.0, False)
    ]


def test_the_refusal_is_chinese_in_chinese():
    (said,) = refusals("id,as_of,value\nfirms,2025-06-30,12,100\n", Lang.ZH)
    assert said == (
        "第 2 行，数值列为 '12'：逗号有歧义：12 和 100 像是一个数 12,100 被未加引号的逗号拆成了"
        '两格，100 落在了表头之外；请给这个数加引号（"12,100"）或去掉逗号（12100）'
    )


def test_a_workbooks_cells_are_typed_and_never_split(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (("id", "as_of", "value", "progress"), ("firms", "2025-06-30", 1, "050")):
        sheet.append(row)
    path = tmp_path / "s.xlsx"
    book.save(path)
    rows = figures.validate_rows(figures.read_table(path), PLAN, RECORDED)
    assert [(r, o.value, o.share) for r, o in kept(rows)] == [(2, 1.0, False), (2, 50.0, True)]


def test_a_share_with_a_decimal_comma_is_refused_not_read_as_tens():
    with pytest.raises(ValueProblem) as caught:
        parse_share("5,5%")  # 5.5%, never 55%
    assert say(caught.value.why, Lang.EN).startswith("ambiguous comma")


@settings(max_examples=60, deadline=None)
@given(
    number=st.integers(1_000, 999_999_999),
    after=st.sampled_from(["note", "source", "unit", "", None]),
)
def test_a_grouped_value_before_a_text_column_is_never_read_as_its_head(
    number: int, after: str | None
):
    """Typed unquoted before a note, a source, a unit, an untitled column or at the row's
    end, a grouped number is refused and named whole."""
    header = "id,as_of,value" + ("" if after is None else f",{after}")
    (said,) = refusals(f"{header}\nfirms,2025-06-30,{number:,}\n")
    assert f"read as one number, {number:,}, split" in said


@settings(max_examples=60, deadline=None)
@given(value=st.integers(0, 999), share=st.integers(1, 200))
def test_a_value_and_a_share_are_kept_as_written(value: int, share: int):
    assert figures_of(f"id,as_of,value,progress\nfirms,2025-06-30,{value},{share}\n") == [
        (2, float(value), False),
        (2, float(share), True),
    ]


def test_update_reads_a_grouped_number_whole(plan_dir: Path):
    result = run(plan_dir, "update", "young-graduates", "31,050", "--as-of", "2025-09-30",
                 "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "young-graduates,2025-09-30,31050," in (plan_dir / "progress.csv").read_text("utf-8")
    before = (plan_dir / "progress.csv").read_bytes()
    split = run(plan_dir, "update", "young-graduates", "31,", "050", "--lang", "en")
    assert split.exit_code == ExitCode.USAGE
    assert (plan_dir / "progress.csv").read_bytes() == before


def test_update_refuses_a_share_with_a_decimal_comma(plan_dir: Path):
    before = (plan_dir / "progress.csv").read_bytes()
    result = run(plan_dir, "update", "platform-rd", "--progress", "5,5", "--as-of", "2025-12-31",
                 "--lang", "en")  # fmt: skip
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr == (
        "Error: 1 problem found; nothing was written:\n  [platform-rd] --progress '5,5': "
        "ambiguous comma: a comma separates thousands in groups of three (1,250); write a "
        "decimal with a point (4.6)\n"
    )
    assert (plan_dir / "progress.csv").read_bytes() == before


SPLIT_ROW = "trusted-consumption-units,2025-06-30,6,900,,2026-11-25T13:30:00+00:00\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["validate", "show trusted-consumption-units", "status"])
def test_progress_csv_itself_is_read_as_an_import_reads_a_sheet(
    tmp_path: Path, lang: str, command: str
):
    """An unquoted 6,900 in progress.csv is the value 6 and a source of 900: refused as
    an import refuses it, never read as 6 entities."""
    store.init_copy(tmp_path)
    progress = tmp_path / "progress.csv"
    with progress.open("a", encoding="utf-8") as out:
        out.write(SPLIT_ROW)
    line = len(progress.read_text("utf-8").splitlines())
    result = run(tmp_path, *command.split(), "--lang", lang)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    expected = {
        "en": f"Error: 1 problem found:\n  {progress}:{line}: row {line}, column value = '6': "
        "ambiguous comma: 6 and 900 read as one number, 6,900, split at an unquoted comma, its "
        "900 landing in column 'source'; write it without the comma (6900)\n",
        "zh": f"错误：发现 1 个问题：\n  {progress}:{line}: 第 {line} 行，数值列为 '6'："
        "逗号有歧义：6 和 900 像是一个数 6,900 被未加引号的逗号拆成了两格，"
        "900 落在了列 'source' 中；请去掉逗号（6900）\n",
    }[lang]
    assert result.stderr == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_source_progress_csv_would_read_as_digits_of_the_value_is_refused(
    plan_dir: Path, lang: str
):
    """What progress.csv could not read back is never written to it: a value of up to
    three digits then a source of three digits is 6,900 to its reader."""
    before = (plan_dir / "progress.csv").read_bytes()
    result = run(plan_dir, "update", "young-graduates", "600", "--source", "900",
                 "--as-of", "2025-09-30", "--accept-implausible", "--lang", lang)  # fmt: skip
    assert result.exit_code == ExitCode.INVALID_INPUT
    expected = {
        "en": "Error: 1 problem found; nothing was written:\n  [young-graduates] the source "
        "'900' would read back from progress.csv as the rest of the value 600, a comma between "
        "them (as a number written with a thousands comma): put a word in the source\n",
        "zh": "错误：发现 1 个问题；未写入任何内容：\n  [young-graduates] 来源 '900' 写入 "
        "progress.csv 后会与数值 600 连读为一个带千位逗号的数：请在来源中加上文字\n",
    }
    assert result.stderr == expected[lang]
    assert (plan_dir / "progress.csv").read_bytes() == before
    sheet = plan_dir / "s.csv"  # a sheet that puts its note between them reads well itself
    sheet.write_text("id,as_of,value,note,source\nyoung-graduates,2025-09-30,600,n,900\n",
                     encoding="utf-8")  # fmt: skip
    result = run(plan_dir, "import", str(sheet), "--accept-implausible", "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.endswith(
        f"  {sheet}:2: [young-graduates] row 2: the source '900' would read back from "
        "progress.csv as the rest of the value 600, a comma between them (as a number written "
        "with a thousands comma): put a word in the source\n"
    )
    assert (plan_dir / "progress.csv").read_bytes() == before
    result = run(plan_dir, "update", "young-graduates", "600", "--source", "900号",
                 "--as-of", "2025-09-30", "--accept-implausible")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert run(plan_dir, "validate").exit_code == 0
