"""targets.yaml as a user meets it: the exact words and lines of what the strict reader
refuses, the text `draft` and `new` write, and what `init` and `new` do with folders that
are not there yet or cannot be written."""

from __future__ import annotations

import errno
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import SMALL_PLAN
from gongshu_targets.core import store
from gongshu_targets.enums import Lang
from gongshu_targets.errors import (
    FileExistsRefusal,
    InvalidDataError,
    NoPlanError,
    TargetsError,
    quoted,
)
from gongshu_targets.outputs import messages

REPORT = "二、2026年主要目标\n地区生产总值增长6%左右。\n"


def refused(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDataError) as exc:
        store.load_plan(path)
    return [str(p).removeprefix(f"{path}:") for p in exc.value.problems]


def test_a_tab_that_breaks_indentation_is_named_with_the_fix(tmp_path: Path):
    assert refused(tmp_path, SMALL_PLAN.replace("  end: 2025-12-31", "\tend: 2025-12-31")) == [
        "6: YAML syntax error: found a tab character that violates indentation "
        "(indent with spaces, not tabs)"
    ]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("1:30.5", "YAML 1.1 reads 1:30.5 (sexagesimal, base 60) as 90.5; write the number "
                   "plainly"),
        ("+0o17", "YAML 1.2 reads +0o17 as an octal number and YAML 1.1 as text; write the number "
                  "plainly, or quote it as text"),
        ("-0o17", "YAML 1.2 reads -0o17 as an octal number and YAML 1.1 as text; write the number "
                  "plainly, or quote it as text"),
    ],
)  # fmt: skip
def test_a_number_yaml_reads_otherwise_is_named_with_its_reading(tmp_path, written, why):
    text = SMALL_PLAN.replace("    target: 5.5\n", f"    target: {written}\n")
    line = text.splitlines().index(f"    target: {written}") + 1
    assert refused(tmp_path, text)[0] == f"{line}: [gdp-growth] targets.0.target: {why}"


def test_quoted_text_that_looks_octal_is_text(tmp_path: Path):
    text = SMALL_PLAN.replace("    name_en: GDP growth\n", "    name_en: '+0o17'\n")
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    assert store.load_plan(tmp_path / "targets.yaml").plan.targets[0].name_en == "+0o17"


def nested(depth: int) -> str:
    """A plan whose ``notes`` value is nested so that its innermost value sits ``depth``
    levels below the document."""
    inner = "x"
    for _ in range(depth - 3):  # targets, the entry and notes are three levels
        inner = f"[{inner}]"
    return SMALL_PLAN.replace("    pace: rate\n", f"    pace: rate\n    notes: {inner}\n", 1)


def test_nesting_is_refused_only_past_32_levels(tmp_path: Path):
    assert refused(tmp_path, nested(33)) == ["18: [gdp-growth] nested more than 32 levels deep"]
    (at_limit,) = refused(tmp_path, nested(32))
    assert at_limit == (
        "18: [gdp-growth] targets.0.notes: "
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[['x']]]]]]]]]]]]]]]]]]]]]]]]]]]]… (61 characters) is not text"
    )


def test_a_key_that_is_not_text_is_named_on_its_line(tmp_path: Path):
    text = SMALL_PLAN.replace("    pace: rate\n", "    pace: rate\n    2025: x\n", 1)
    assert refused(tmp_path, text) == ["18: [gdp-growth] mapping keys must be text, not 2025"]


def test_a_target_that_is_not_a_mapping_is_named_without_an_id(tmp_path: Path):
    text = SMALL_PLAN.split("targets:\n")[0] + "targets:\n  - [a, b]\n"
    assert refused(tmp_path, text) == [
        "9: targets.0: ['a', 'b'] is not a mapping (key: value lines)"
    ]


def test_a_problem_of_the_whole_plan_is_at_the_top_level(tmp_path: Path):
    items = "items:\n  - number: 1\n    title: 甲\n  - number: 1\n    title: 乙\n"
    assert refused(tmp_path, SMALL_PLAN.replace("targets:\n", items + "targets:\n", 1)) == [
        "1: (top level): items numbered twice: 1"
    ]


def test_problems_of_both_kinds_are_listed_by_line(tmp_path: Path):
    text = SMALL_PLAN.replace("    name_en: GDP growth\n", "    name_en: yes\n")
    text = text.replace("region: 测试区\n", "region: 测试区\ncolour: red\n")
    assert refused(tmp_path, text) == [
        "4: colour: unknown field (check its spelling)",
        "13: [gdp-growth] targets.0.name_en: YAML 1.1 reads yes as a boolean, which this "
        "field does not take; quote it ('yes') if you meant the word",
    ]


def test_no_plan_names_the_folder_it_looked_in(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NoPlanError) as exc:
        store.find_plan(None)
    assert f"no targets.yaml in {tmp_path}. " in str(exc.value)


def test_plan_yaml_writes_the_comment_and_keeps_lines_to_100_characters():
    quote = "word " * 17 + "wor end of it"
    text = store.plan_yaml({"id": "x"}, [{"quote": quote}], comment="one\n\nthree")
    assert text == (
        "# yaml-language-server: $schema=./targets.schema.json\n"
        "# one\n"
        "#\n"
        "# three\n"
        "id: x\n"
        "targets:\n"
        f"- quote: {quote.removesuffix(' of it')}\n"
        "    of it\n"
    )


def test_init_refuses_naming_every_file_in_the_way(tmp_path: Path):
    (tmp_path / "targets.yaml").write_text("mine")
    (tmp_path / "progress.csv").write_text("mine")
    with pytest.raises(FileExistsRefusal) as exc:
        store.init_copy(tmp_path)
    assert str(exc.value) == (
        f"{tmp_path / 'targets.yaml'}, {tmp_path / 'progress.csv'} exist already; choose an "
        "empty folder or remove them first"
    )


def test_init_makes_every_folder_the_copy_needs(tmp_path: Path):
    destination = tmp_path / "a" / "b"
    written = store.init_copy(destination)
    assert [p.relative_to(destination).as_posix() for p in written] == [
        "targets.yaml", "targets.schema.json", "progress.csv", "reports/gongshu-2025.txt",
    ]  # fmt: skip
    assert store.load_plan(destination / "targets.yaml").plan.id == "gongshu-2025"


def test_init_that_runs_out_of_space_leaves_nothing_it_made(tmp_path: Path, monkeypatch):
    copy = shutil.copyfileobj
    copied: list[str] = []

    def full(source, target, *args):  # the third file finds the disk full
        copied.append(target.name)
        if len(copied) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        copy(source, target, *args)

    monkeypatch.setattr(shutil, "copyfileobj", full)
    destination = tmp_path / "a" / "b"
    with pytest.raises(TargetsError) as exc:
        store.init_copy(destination)
    assert str(exc.value) == (
        f"cannot write {destination / 'progress.csv'}: No space left on device; nothing was written"
    )
    assert list(tmp_path.iterdir()) == []


def new(destination: Path, report: Path) -> list[Path]:
    return store.new_plan(
        destination, plan_id="mine-2026", title="标题", region="某区", start=date(2026, 1, 1),
        end=date(2026, 12, 31), report=report,
    )  # fmt: skip


def test_new_makes_every_folder_the_plan_needs(tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    destination = tmp_path / "a" / "b"
    written = new(destination, report)
    assert [p.relative_to(destination).as_posix() for p in written] == [
        "targets.yaml", "targets.schema.json", "progress.csv", "reports/report.txt",
    ]  # fmt: skip
    assert (destination / "reports" / "report.txt").read_text(encoding="utf-8") == REPORT


def test_new_onto_a_file_says_it_cannot_write_there(tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    with pytest.raises(TargetsError) as exc:
        new(report, report)
    assert str(exc.value) == f"cannot write {report / 'targets.yaml'}: File exists"
    assert report.read_text(encoding="utf-8") == REPORT


def test_a_null_byte_is_named_without_the_hint_about_tabs(tmp_path: Path):
    (problem,) = refused(tmp_path, SMALL_PLAN.replace("title: 测试计划", "title: 测\x00试"))
    assert "unacceptable character #x0000" in problem and "tabs" not in problem


def test_a_date_with_no_such_day_is_named_on_its_line(tmp_path: Path):
    text = SMALL_PLAN.replace("  start: 2025-01-01", "  start: 2025-02-30")
    assert refused(tmp_path, text) == [
        "5: '2025-02-30' cannot be read: day is out of range for month"
    ]


def test_a_tagged_key_inside_a_target_names_the_target(tmp_path: Path):
    text = SMALL_PLAN.replace("    pace: rate\n", "    pace: rate\n    !custom colour: red\n", 1)
    assert refused(tmp_path, text) == [
        "18: [gdp-growth] explicit YAML tag '!custom' is not allowed",
        "18: [gdp-growth] mapping keys must be text, not null",
    ]


@pytest.mark.parametrize(
    ("written", "tag"),
    [('!!int "0x10"', "int"), ("!!int '1_000'", "int"), ('!!float "1:30"', "float"),
     ("!!float 5", "float"), ('!!bool "yes"', "bool")],
)  # fmt: skip
def test_a_tag_written_out_on_a_number_is_refused(tmp_path: Path, written: str, tag: str):
    """A tag on a quoted scalar would read "0x10" as 16, past the checks of plain numbers
    (0x10 is refused as hexadecimal): a plan holds no explicit tags, these included."""
    text = SMALL_PLAN.replace("    target: 5.5\n", f"    target: {written}\n")
    assert refused(tmp_path, text) == [
        f"14: [gdp-growth] explicit YAML tag 'tag:yaml.org,2002:{tag}' is not allowed"
    ]


@pytest.mark.parametrize(
    ("anchor", "field", "en", "zh"),
    [
        ("    pace: rate\n", "    notes", "[gdp-growth] targets.0.notes: 2025-06-30 is not text",
         "[gdp-growth] `targets.0.notes`：2025-06-30 不是文本"),
        ("targets:\n", "thresholds:\n  cumulative_at_risk",
         "thresholds.cumulative_at_risk: 2025-06-30 is not a number",
         "`thresholds.cumulative_at_risk`：2025-06-30 不是数字"),
    ],
)  # fmt: skip
def test_a_date_where_text_or_a_number_belongs_is_named_as_typed(tmp_path, anchor, field, en, zh):
    text = SMALL_PLAN.replace(anchor, f"{anchor}{field}: 2025-06-30\n", 1)
    if anchor == "targets:\n":
        text = SMALL_PLAN.replace(anchor, f"{field}: 2025-06-30\n{anchor}", 1)
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDataError) as exc:
        store.load_plan(path)
    (problem,) = exc.value.problems
    assert str(problem).endswith(f" {en}")
    assert messages.problem_text(problem, Lang.ZH).endswith(f" {zh}")


@pytest.mark.parametrize(
    ("value", "typed"),
    [(date(2025, 6, 30), "2025-06-30"), (datetime(2025, 6, 30, 8, 0), "2025-06-30 08:00:00"),
     (True, "true"), (None, "null"), ("x", "'x'"), (5.5, "5.5")],
)  # fmt: skip
def test_a_value_is_shown_as_a_plan_writes_it(value: object, typed: str):
    assert quoted(value) == typed
