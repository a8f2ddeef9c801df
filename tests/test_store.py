"""Behaviour of the plan and progress readers in ``gongshu_targets.store``.

Self-contained: every fixture this file needs is defined here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from gongshu_targets.core import store
from gongshu_targets.core.models import Observation, Plan
from gongshu_targets.errors import (
    ExitCode,
    FileExistsRefusal,
    InvalidDataError,
    NoPlanError,
    Problem,
)

HEADER = "id,as_of,value,source,note,recorded_at\n"
ALIAS_MESSAGE = str(store.ALIAS_MESSAGE)


def plan_text() -> str:
    """A small valid plan: an about rate, an in_step rate tracking it, a 万名 count."""
    return """\
id: test-plan
title: 测试计划
region: 测试区
period:
  start: 2025-01-01
  end: 2025-12-31
source: report.txt
targets:
  - id: gdp-growth
    section: 主要预期目标
    name: 地区生产总值增长
    name_en: GDP growth
    quote: 地区生产总值增长5.5%左右
    target: 5.5
    unit: '%'
    comparator: about
    pace: rate
  - id: income-growth
    section: 主要预期目标
    name: 居民人均可支配收入增长
    name_en: Per-capita disposable income growth
    quote: 居民人均可支配收入增长与经济增长基本同步
    unit: '%'
    comparator: in_step
    tracks: gdp-growth
    pace: rate
  - id: young-graduates
    section: 民生实事
    name: 引进培育青年大学生
    name_en: Young graduates attracted
    quote: 引进培育青年大学生4万名
    target: 4
    unit: 万名
    comparator: at_least
    pace: cumulative
"""


def edit(text: str, old: str, new: str) -> str:
    """Replace the one occurrence of ``old``; fails loudly if the fixture text drifted."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the only line that contains ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def write_plan(directory: Path, text: str | None = None) -> Path:
    path = directory / "targets.yaml"
    path.write_text(plan_text() if text is None else text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    """The problems of a plan, each message worded in English."""
    with pytest.raises(InvalidDataError) as exc:
        store.load_plan(path)
    problems = exc.value.problems
    assert problems, "InvalidDataError must list at least one problem"
    return [replace(p, message=str(p.message)) for p in problems]


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def loaded_plan(tmp_path: Path) -> Plan:
    return store.load_plan(write_plan(tmp_path)).plan


def progress_problems(text: str, plan: Plan, path: Path) -> list[Problem]:
    with pytest.raises(InvalidDataError) as exc:
        store.parse_progress(text, path, plan)
    return [replace(p, message=str(p.message)) for p in exc.value.problems]


# --- Problem -------------------------------------------------------------------------


def test_problem_str_formats():
    assert str(Problem(Path("plan.yaml"), "bad", 7, "gdp-growth")) == (
        "plan.yaml:7: [gdp-growth] bad"
    )
    assert str(Problem(Path("plan.yaml"), "bad", 7)) == "plan.yaml:7: bad"
    assert str(Problem(Path("plan.yaml"), "bad")) == "plan.yaml: bad"
    assert str(Problem(None, "bad", None, "gdp-growth")) == "[gdp-growth] bad"


# --- load_plan: the valid plan ---------------------------------------------------------


def test_valid_plan_loads(tmp_path):
    path = write_plan(tmp_path)
    loaded = store.load_plan(path)
    plan = loaded.plan
    assert loaded.path == path
    assert loaded.bundled is False
    assert plan.id == "test-plan"
    assert plan.period.start == date(2025, 1, 1)
    assert plan.period.end == date(2025, 12, 31)
    assert [t.id for t in plan.targets] == ["gdp-growth", "income-growth", "young-graduates"]
    gdp = plan.target("gdp-growth")
    assert gdp is not None and gdp.target == 5.5 and gdp.unit == "%"
    income = plan.target("income-growth")
    assert income is not None and income.tracks == "gdp-growth" and income.target is None
    graduates = plan.target("young-graduates")
    assert graduates is not None and graduates.target == 4.0
    assert graduates.scale == 10_000 and graduates.recording_unit == "名"


def test_loaded_plan_paths(tmp_path):
    loaded = store.load_plan(write_plan(tmp_path))
    assert loaded.progress_path == tmp_path / "progress.csv"
    assert loaded.source_path == tmp_path / "report.txt"


def test_loaded_plan_lines_has_every_target(tmp_path):
    lines = store.load_plan(write_plan(tmp_path)).lines
    assert list(lines) == ["gdp-growth", "income-growth", "young-graduates"]
    assert all(isinstance(n, int) and n > 0 for n in lines.values())
    assert lines["gdp-growth"] < lines["income-growth"] < lines["young-graduates"]


def test_loaded_plan_lines_point_at_each_target_entry(tmp_path):
    text = plan_text()
    lines = store.load_plan(write_plan(tmp_path, text)).lines
    assert lines == {
        "gdp-growth": line_of(text, "- id: gdp-growth"),  # 9
        "income-growth": line_of(text, "- id: income-growth"),  # 18
        "young-graduates": line_of(text, "- id: young-graduates"),  # 27
    }


def test_plan_at_exactly_the_size_limit_loads(tmp_path, monkeypatch):
    path = write_plan(tmp_path)
    monkeypatch.setattr(store.plan, "MAX_PLAN_BYTES", path.stat().st_size)
    assert store.load_plan(path).plan.id == "test-plan"


# --- load_plan: problems found while reading and parsing the YAML ---------------------------


def test_duplicate_key(tmp_path):
    text = edit(plan_text(), "    target: 5.5\n", "    target: 5.5\n    target: 6\n")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path, "duplicate key 'target'", line_of(text, "target: 6"), "gdp-growth"
    )


def test_anchor_and_alias_are_refused(tmp_path):
    text = edit(plan_text(), "    section: 民生实事\n", "    section: *sec\n")
    text = edit(
        text,
        "  - id: income-growth\n    section: 主要预期目标\n",
        "  - id: income-growth\n    section: &sec 主要预期目标\n",
    )
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem.file == path
    assert problem.message == ALIAS_MESSAGE
    # Today the line is that of the anchored node; the alias's line would do as well.
    assert problem.line in (line_of(text, "&sec"), line_of(text, "*sec"))


def test_an_anchor_no_alias_uses_is_harmless_and_loads(tmp_path):
    # The C composer keeps no anchors; only an alias (a node used twice) can do harm.
    text = edit(plan_text(), "    section: 民生实事\n", "    section: &sec 民生实事\n")
    loaded = store.load_plan(write_plan(tmp_path, text))
    assert loaded.plan.target("young-graduates").section == "民生实事"


def billion_laughs() -> str:
    levels = "abcdefghi"
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for prev, name in zip(levels, levels[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    text = billion_laughs()
    assert text.count("\n") == 9 and "i: &i [*h" in text
    path = write_plan(tmp_path, text)
    problems = problems_of(path)
    # 8 levels x 9 aliases, each reported once and never expanded (9**9 nodes otherwise).
    assert len(problems) == 72
    assert {p.message for p in problems} == {ALIAS_MESSAGE}
    assert {p.file for p in problems} == {path}
    assert problems[0].line == 1  # the first alias, *a on line 2, reuses the node of line 1


def test_python_tag_is_refused_and_not_executed(tmp_path):
    marker = tmp_path / "executed.txt"
    text = edit(
        plan_text(),
        "    pace: cumulative\n",
        "    pace: cumulative\n"
        f'    notes: !!python/object/apply:os.system ["echo hi > {marker}"]\n',
    )
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem == Problem(
        path,
        "explicit YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        line_of(text, "!!python"),
        "young-graduates",
    )
    assert not marker.exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    target: 4\n", "    target: 4\n    target: 5\n"),
        ("    name_en: Young graduates attracted\n", "    name_en: *n\n"),
        ("    pace: cumulative\n", '    pace: cumulative\n    notes: !!python/name:os.system ""\n'),
    ],
    ids=["duplicate-key", "alias", "python-tag"],
)
def test_yaml_level_problems_inside_a_target_name_the_target(tmp_path, old, new):
    text = edit(plan_text(), old, new)
    if "*n" in new:
        text = edit(text, "    name: 引进培育青年大学生\n", "    name: &n 引进培育青年大学生\n")
    problem = only_problem(write_plan(tmp_path, text))
    assert problem.target_id == "young-graduates"


def test_plain_equals_sign_is_not_an_explicit_tag(tmp_path):
    text = edit(plan_text(), "    pace: cumulative\n", "    pace: cumulative\n    notes: =\n")
    try:
        loaded = store.load_plan(write_plan(tmp_path, text))
    except InvalidDataError as exc:
        raise AssertionError(str(exc)) from None
    assert loaded.plan.target("young-graduates").notes == "="


@pytest.mark.parametrize(
    "old",
    ["    name: 地区生产总值增长\n", "    name_en: GDP growth\n"],
    ids=["before-name", "before-name_en"],
)
def test_tab_indentation(tmp_path, old):
    text = edit(plan_text(), old, "\t" + old.lstrip(" "))
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem.file == path
    assert problem.line == line_of(text, "\t")
    assert problem.message.startswith("YAML syntax error: ")
    assert "tab" in problem.message
    assert problem.message.endswith("(indent with spaces, not tabs)")


def test_yaml_syntax_error_names_its_line(tmp_path):
    text = edit(plan_text(), "    quote: 引进培育青年大学生4万名\n", "    quote: [unclosed\n")
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem.file == path
    assert problem.message == "YAML syntax error: did not find expected ',' or ']'"
    # libyaml notices the unclosed flow sequence on the line after it opens.
    assert problem.line == line_of(text, "[unclosed") + 1
    assert problem.target_id is None


def test_non_utf8_bytes(tmp_path):
    text = plan_text()
    bad_line = line_of(text, "name_en: GDP growth")
    raw = text.encode("utf-8").replace(b"GDP growth", b"GDP \xff\xfe growth")
    path = tmp_path / "targets.yaml"
    path.write_bytes(raw)
    assert only_problem(path) == Problem(path, "file is not valid UTF-8", bad_line, None)


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + plan_text().encode("utf-8"))
    assert store.load_plan(path).plan.title == "测试计划"


@pytest.mark.parametrize(
    "text", ["", "# nothing but a comment\n", "\n\n"], ids=["empty", "comment", "blank"]
)
def test_empty_file(tmp_path, text):
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem == Problem(path, "the file is empty", None, None)
    assert str(problem) == f"{path}: the file is empty"


@pytest.mark.parametrize(
    "text", ["- a\n- b\n", "just text\n", "42\n"], ids=["list", "string", "number"]
)
def test_top_level_must_be_a_mapping(tmp_path, text):
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path, "the plan must be a mapping with a 'targets' list", 1, None
    )


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    path = write_plan(tmp_path)
    monkeypatch.setattr(store.plan, "MAX_PLAN_BYTES", path.stat().st_size - 1)
    problem = only_problem(path)
    assert problem.file == path
    assert problem.line is None
    assert problem.message.startswith("file is larger than ")


def test_file_not_found(tmp_path):
    path = tmp_path / "missing.yaml"
    problem = only_problem(path)
    assert problem == Problem(path, "file not found", None, None)
    assert str(problem) == f"{path}: file not found"


def test_deeply_nested_yaml_is_invalid_data_not_a_crash(tmp_path):
    depth = 900
    path = write_plan(tmp_path, "notes: " + "[" * depth + "]" * depth + "\n")
    problems = problems_of(path)
    assert all(p.file == path for p in problems)


# --- load_plan: problems found while validating the plan -----------------------------------


def test_unknown_field(tmp_path):
    text = edit(plan_text(), "    target: 4\n", "    taget: 4\n")
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem == Problem(
        path,
        "targets.2.taget: unknown field (check its spelling)",
        line_of(text, "taget:"),
        "young-graduates",
    )
    assert "unknown field" in problem.message and "targets.2.taget" in problem.message


def test_unknown_top_level_field(tmp_path):
    text = edit(plan_text(), "region: 测试区\n", "region: 测试区\nregoin: 测试区\n")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path, "regoin: unknown field (check its spelling)", line_of(text, "regoin"), None
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ("    target: 5.5\n", '    target: "abc"\n', "target", "valid number"),
        ("    name: 地区生产总值增长\n", "    name: 123\n", "name", "123 is not text"),
    ],
    ids=["target-abc", "name-123"],
)
def test_wrong_type(tmp_path, old, new, field, expected):
    text = edit(plan_text(), old, new)
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem.file == path
    assert problem.line == line_of(text, new.strip())
    assert problem.target_id == "gdp-growth"
    assert problem.message.startswith(f"targets.0.{field}: ")
    assert expected in problem.message


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_non_finite_target(tmp_path, value):
    text = edit(plan_text(), "    target: 5.5\n", f"    target: {value}\n")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path,
        f"targets.0.target: {value} is not a finite number",
        line_of(text, f"target: {value}"),
        "gdp-growth",
    )


# A plain YAML 1.1 scalar that reads as another number than it shows; refused with its line.
SURPRISES = {
    "030": "YAML 1.1 reads 030 (octal, for its leading zero) as 24",
    "0x10": "YAML 1.1 reads 0x10 (hexadecimal) as 16",
    "0b11": "YAML 1.1 reads 0b11 (binary) as 3",
    "1_000": "YAML 1.1 reads 1_000 (a number with underscores) as 1000",
    "1_0.5": "YAML 1.1 reads 1_0.5 (a number with underscores) as 10.5",
    "5:30": "YAML 1.1 reads 5:30 (sexagesimal, base 60) as 330",
    "0o17": "YAML 1.2 reads 0o17 as an octal number and YAML 1.1 as text",
}


@pytest.mark.parametrize("written", sorted(SURPRISES))
def test_numbers_yaml_reads_surprisingly_are_refused_with_their_line(tmp_path, written):
    text = edit(plan_text(), "    target: 5.5\n", f"    target: {written}\n")
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem.line == line_of(text, f"target: {written}")
    assert problem.target_id == "gdp-growth"
    assert problem.message.startswith(f"targets.0.target: {SURPRISES[written]}")


@pytest.mark.parametrize("written", ["12", "-0.5", "+5", "012.5", "'030'", "1.5e3"])
def test_plain_numbers_and_quoted_text_load(tmp_path, written):
    text = edit(plan_text(), "    target: 5.5\n", f"    target: {written}\n")
    assert store.load_plan(write_plan(tmp_path, text)).plan.targets[0].target is not None


@pytest.mark.parametrize("written", ['"1_000"', "' 12'", '"0x10"', '"١٢"', '"12\\n"'])
def test_a_number_quoted_in_a_form_no_reader_expects_is_refused(tmp_path, written):
    """Quoted, "1_000" is text that Python would still read as 1000: the same surprise
    the check of plain numbers refuses, so it is refused here too."""
    text = edit(plan_text(), "    target: 5.5\n", f"    target: {written}\n")
    problem = only_problem(write_plan(tmp_path, text))
    assert problem.message.startswith("targets.0.target: ")
    assert problem.message.endswith("is not a valid number written plainly (12, -0.5)")


def test_negative_zero_is_zero(tmp_path):
    text = edit(plan_text(), "    target: 5.5\n", "    target: -0.0\n")
    target = store.load_plan(write_plan(tmp_path, text)).plan.targets[0].target
    assert target == 0 and str(target) == "0.0"


def test_two_milestones_on_one_date_are_refused(tmp_path):
    text = plan_text().replace(
        "    pace: cumulative\n",
        "    pace: cumulative\n    milestones: [{as_of: 2025-06-30, share: 40}, "
        "{as_of: 2025-06-30, share: 60}]\n",
        1,
    )
    problem = only_problem(write_plan(tmp_path, text))
    assert problem.message.endswith("two milestones on one date (2025-06-30): which holds?")


@pytest.mark.parametrize("word", ["yes", "No", "on", "OFF", "true"])
def test_a_boolean_where_text_is_expected_says_why(tmp_path, word):
    text = edit(plan_text(), "    name_en: GDP growth\n", f"    name_en: {word}\n")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path,
        f"targets.0.name_en: YAML 1.1 reads {word} as a boolean, which this field does not "
        f"take; quote it ('{word}') if you meant the word",
        line_of(text, f"name_en: {word}"),
        "gdp-growth",
    )


def test_a_boolean_where_one_is_expected_loads(tmp_path):
    text = edit(plan_text(), "    pace: cumulative\n", "    pace: cumulative\n    stretch: yes\n")
    assert store.load_plan(write_plan(tmp_path, text)).plan.targets[2].stretch is True


# (old, new, target index, target id, message fragment) for checks on a whole target.
TARGET_LEVEL = {
    "rate-in-yi-yuan": (
        "    target: 5.5\n    unit: '%'\n",
        "    target: 5.5\n    unit: 亿元\n",
        0,
        "gdp-growth",
        "a target with `pace: rate` is a growth rate or share: its `unit` must be `%`",
    ),
    "unknown-unit": (
        "    unit: 万名\n",
        "    unit: 万只猫\n",
        2,
        "young-graduates",
        "unknown unit '万只猫'",
    ),
    "positive-with-number": (
        "    unit: '%'\n    comparator: in_step\n    tracks: gdp-growth\n",
        "    target: 3\n    unit: '%'\n    comparator: positive\n",
        1,
        "income-growth",
        "a target with `comparator: positive` has no `target` number",
    ),
    "negative-count": (
        "    target: 4\n",
        "    target: -4\n",
        2,
        "young-graduates",
        "a count or amount target cannot be negative",
    ),
}


@pytest.mark.parametrize(
    ("old", "new", "index", "target_id", "fragment"),
    list(TARGET_LEVEL.values()),
    ids=list(TARGET_LEVEL),
)
def test_target_level_problem(tmp_path, old, new, index, target_id, fragment):
    text = edit(plan_text(), old, new)
    path = write_plan(tmp_path, text)
    problem = only_problem(path)
    assert problem.file == path
    assert problem.target_id == target_id
    assert problem.message.startswith(f"targets.{index}: ")
    assert fragment in problem.message
    # A problem with the whole target points at its entry, not at its last key.
    assert problem.line == line_of(text, f"- id: {target_id}")


def test_missing_header_field_points_at_the_top_level_mapping(tmp_path):
    text = edit(plan_text(), "title: 测试计划\n", "")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(path, "title: missing (a required field)", 1, None)


def test_missing_target_field_points_at_the_target_entry(tmp_path):
    text = edit(plan_text(), "    name: 居民人均可支配收入增长\n", "")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path,
        "targets.1.name: missing (a required field)",
        line_of(text, "- id: income-growth"),
        "income-growth",
    )


def test_period_problem_points_at_the_period(tmp_path):
    text = edit(plan_text(), "  end: 2025-12-31\n", "  end: 2024-12-31\n")
    path = write_plan(tmp_path, text)
    assert only_problem(path) == Problem(
        path,
        "period: period end must be after its start",
        line_of(text, "start: 2025-01-01"),
        None,
    )


def test_duplicate_target_ids_name_the_second_target(tmp_path):
    text = edit(plan_text(), "  - id: young-graduates\n", "  - id: income-growth\n")
    path = write_plan(tmp_path, text)
    second = [n for n, line in enumerate(text.splitlines(), 1) if "- id: income-growth" in line]
    assert len(second) == 2
    assert only_problem(path) == Problem(
        path,
        "targets.2.id: duplicate id (first used by target #2)",
        second[1],
        "income-growth",
    )


def test_in_step_tracks_unknown_target(tmp_path):
    text = edit(plan_text(), "    tracks: gdp-growth\n", "    tracks: gdp\n")
    path = write_plan(tmp_path, text)
    line = line_of(text, "tracks: gdp")
    problem = only_problem(path)
    assert problem == Problem(
        path, "targets.1.tracks: tracks unknown target 'gdp'", line, "income-growth"
    )
    assert str(problem) == (
        f"{path}:{line}: [income-growth] targets.1.tracks: tracks unknown target 'gdp'"
    )


def test_invalid_data_error_lists_every_problem_in_its_message(tmp_path):
    text = edit(plan_text(), "    target: 5.5\n", "    target: .nan\n")
    text = edit(text, "    name: 引进培育青年大学生\n", "    name: 123\n")
    path = write_plan(tmp_path, text)
    with pytest.raises(InvalidDataError) as exc:
        store.load_plan(path)
    problems = exc.value.problems
    assert [(p.target_id, p.line) for p in problems] == [
        ("gdp-growth", line_of(text, "target: .nan")),
        ("young-graduates", line_of(text, "name: 123")),
    ]
    assert str(exc.value).splitlines() == ["2 problems found:"] + [f"  {p}" for p in problems]


# --- parse_progress ----------------------------------------------------------------------


def test_parse_valid_rows(tmp_path):
    plan = loaded_plan(tmp_path)
    text = (
        HEADER
        + "gdp-growth,2025-03-31,4.6,统计局,一季度,2025-04-20T09:00:00+08:00\n"
        + "income-growth,2025-06-30,5.1,统计局,上半年,2025-07-20T09:30:00\n"
    )
    observations = store.parse_progress(text, tmp_path / "progress.csv", plan)
    assert observations == [
        Observation(
            id="gdp-growth",
            as_of=date(2025, 3, 31),
            value=4.6,
            source="统计局",
            note="一季度",
            recorded_at=datetime(2025, 4, 20, 9, 0, tzinfo=timezone(timedelta(hours=8))),
        ),
        Observation(
            id="income-growth",
            as_of=date(2025, 6, 30),
            value=5.1,
            source="统计局",
            note="上半年",
            recorded_at=datetime(2025, 7, 20, 9, 30, tzinfo=UTC),  # no zone: UTC
        ),
    ]


def test_parse_keeps_a_wan_count_as_recorded(tmp_path):
    """progress.csv records people for a 万名 target, and the observation keeps them."""
    plan = loaded_plan(tmp_path)
    text = HEADER + "young-graduates,2025-06-30,20000,人社局,,2025-07-10T09:30:00\n"
    (observation,) = store.parse_progress(text, tmp_path / "progress.csv", plan)
    assert (observation.id, observation.as_of) == ("young-graduates", date(2025, 6, 30))
    assert (observation.source, observation.note) == ("人社局", "")
    assert observation.value == 20000.0  # as recorded; scoring judges it as 2 万名


@pytest.mark.parametrize("value", ["20000.5", "2e-1"])
def test_a_fraction_of_a_counted_figure_is_refused_on_load(tmp_path, value):
    """Every way in refuses 20000.5 people (import, update); a file edited by hand or
    written before that check is refused when read, as they would be."""
    path = tmp_path / "progress.csv"
    text = HEADER + f"young-graduates,2025-06-30,{value},s,,2025-07-10T09:30:00\n"
    (problem,) = progress_problems(text, loaded_plan(tmp_path), path)
    assert f"column value = '{value}': " in str(problem)
    assert "people is not a whole number: a target in 10,000 people" in str(problem)
    assert "is not a whole number" in str(problem)


def test_negative_zero_in_progress_is_zero(tmp_path):
    text = HEADER + "gdp-growth,2025-06-30,-0,s,,2025-07-10T09:30:00\n"
    text += "young-graduates,2025-06-30,-0.0,s,,2025-07-10T09:30:00\n"
    values = [
        o.value for o in store.parse_progress(text, tmp_path / "p.csv", loaded_plan(tmp_path))
    ]
    assert values == [0.0, 0.0] and all(str(v) == "0.0" for v in values)


@pytest.mark.parametrize("text", ["", HEADER, HEADER + "\n\n"], ids=["empty", "header", "blank"])
def test_parse_no_rows(tmp_path, text):
    assert store.parse_progress(text, tmp_path / "progress.csv", loaded_plan(tmp_path)) == []


@pytest.mark.parametrize(
    "header",
    ["id,as_of,value\n", "id,date,value,source,note,recorded_at\n", "gdp-growth,2025-03-31\n"],
    ids=["too-few-columns", "renamed-column", "no-header"],
)
def test_parse_wrong_header(tmp_path, header):
    path = tmp_path / "progress.csv"
    text = header + "gdp-growth,2025-03-31,4.6,s,n,2025-04-20T09:00:00\n"
    problems = progress_problems(text, loaded_plan(tmp_path), path)
    why = (
        "the header must be id,as_of,value,source,note,recorded_at, with ',kind' after it "
        "when the file holds a completion share"
    )
    assert problems == [Problem(path, why, 1, None)]


def test_parse_reports_every_bad_row(tmp_path):
    path = tmp_path / "progress.csv"
    rows = [
        "gdp-growth,2025-03-31,4.6,s,n,2025-04-20T09:00:00",  # 2: fine
        "",  # 3: blank, skipped
        "nope,2025-03-31,1,s,n,2025-04-20T09:00:00",  # 4
        "gdp-growth,2025-13-01,1,s,n,2025-04-20T09:00:00",  # 5
        " , , ,,, ",  # 6: blank cells only, skipped
        "gdp-growth,2025-03-31,abc,s,n,2025-04-20T09:00:00",  # 7
        "gdp-growth,2024-12-31,1,s,n,2025-04-20T09:00:00",  # 8
        "gdp-growth,2025-03-31,1",  # 9
        "young-graduates,2025-06-30,nan,s,n,2025-07-01T00:00:00",  # 10
        "gdp-growth,2025-06-30,5.0,s,n,yesterday",  # 11
        "young-graduates,2025-06-30,30000,s,n,2025-07-01T00:00:00",  # 12: fine
    ]
    text = HEADER + "\n".join(rows) + "\n"
    problems = progress_problems(text, loaded_plan(tmp_path), path)
    assert [str(p) for p in problems] == [
        f"{path}:4: row 4, column id = 'nope': no such target in the plan",
        f"{path}:5: [gdp-growth] row 5, column as_of = '2025-13-01': not a YYYY-MM-DD date",
        f"{path}:7: [gdp-growth] row 7, column value = 'abc': not a number within ±1e+15",
        f"{path}:8: [gdp-growth] row 8, column as_of = '2024-12-31': outside the plan's period",
        f"{path}:9: row 9: expected 6 columns, found 3",
        f"{path}:10: [young-graduates] row 10, column value = 'nan': not a number within ±1e+15",
        f"{path}:11: [gdp-growth] row 11, column recorded_at = 'yesterday': not an ISO timestamp",
    ]
    assert [p.line for p in problems] == [4, 5, 7, 8, 9, 10, 11]
    assert all(p.file == path for p in problems)


def test_parse_reports_every_problem_of_one_row(tmp_path):
    path = tmp_path / "progress.csv"
    text = HEADER + "gdp-growth,2026-01-01,inf,s,n,later\n"
    problems = progress_problems(text, loaded_plan(tmp_path), path)
    assert [(p.line, str(p.message).split(":")[0]) for p in problems] == [
        (2, "row 2, column as_of = '2026-01-01'"),
        (2, "row 2, column value = 'inf'"),
        (2, "row 2, column recorded_at = 'later'"),
    ]


def test_parse_accepts_period_boundaries(tmp_path):
    text = (
        HEADER
        + "gdp-growth,2025-01-01,1,s,n,2025-01-02T00:00:00\n"
        + "gdp-growth,2025-12-31,2,s,n,2026-01-02T00:00:00\n"
    )
    observations = store.parse_progress(text, tmp_path / "progress.csv", loaded_plan(tmp_path))
    assert [(o.as_of, o.value) for o in observations] == [
        (date(2025, 1, 1), 1.0),
        (date(2025, 12, 31), 2.0),
    ]


def test_parse_oversized_field_is_invalid_data(tmp_path):
    path = tmp_path / "progress.csv"
    text = HEADER + "gdp-growth,2025-03-31,4.6,s," + "x" * 200_000 + ",2025-04-20T09:00:00\n"
    problems = progress_problems(text, loaded_plan(tmp_path), path)
    assert [p.line for p in problems] == [2]


def test_load_progress_without_a_file(tmp_path):
    loaded = store.load_plan(write_plan(tmp_path))
    assert not loaded.progress_path.exists()
    assert store.load_progress(loaded) == []


def test_load_progress_reads_the_file_next_to_the_plan(tmp_path):
    loaded = store.load_plan(write_plan(tmp_path))
    loaded.progress_path.write_text(
        HEADER + "gdp-growth,2025-06-30,5.3,s,n,2025-07-01T00:00:00\n", encoding="utf-8"
    )
    observations = store.load_progress(loaded)
    assert [(o.id, o.as_of, o.value) for o in observations] == [
        ("gdp-growth", date(2025, 6, 30), 5.3)
    ]


def test_load_progress_reports_problems_in_the_progress_file(tmp_path):
    loaded = store.load_plan(write_plan(tmp_path))
    loaded.progress_path.write_text(HEADER + "nope,2025-06-30,1,s,n,2025-07-01\n")
    with pytest.raises(InvalidDataError) as exc:
        store.load_progress(loaded)
    assert [(p.file, p.line) for p in exc.value.problems] == [(loaded.progress_path, 2)]


# --- find_plan ---------------------------------------------------------------------------


def test_find_plan_explicit_path_wins(tmp_path, monkeypatch):
    write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    explicit = tmp_path / "elsewhere" / "mine.yaml"
    assert store.find_plan(explicit) == (explicit, False)


def test_find_plan_uses_targets_yaml_in_cwd(tmp_path, monkeypatch):
    local = write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    path, bundled = store.find_plan(None)
    assert bundled is False
    assert path.resolve() == local.resolve()


def test_find_plan_falls_back_to_the_bundled_plan_only_for_browsing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path, bundled = store.find_plan(None, example_ok=True)
    assert bundled is True
    assert path == store.bundled_dir() / "targets.yaml"
    assert path.is_file()
    with pytest.raises(NoPlanError, match="no targets.yaml in ") as refused:
        store.find_plan(None)
    assert refused.value.exit_code == ExitCode.USAGE


def test_bundled_plan_loads():
    loaded = store.load_plan(store.bundled_dir() / "targets.yaml", bundled=True)
    assert loaded.bundled is True
    assert loaded.plan.id == "gongshu-2025"
    assert loaded.source_path.is_file()


# --- init_copy ---------------------------------------------------------------------------

BUNDLED_FILES = ["targets.yaml", "targets.schema.json", "progress.csv", "reports/gongshu-2025.txt"]


def test_init_copy_writes_the_bundled_files(tmp_path):
    destination = tmp_path / "x"
    written = store.init_copy(destination)
    assert written == [destination / name for name in BUNDLED_FILES]
    for name in BUNDLED_FILES:
        copied = (destination / name).read_bytes()
        assert copied == (store.bundled_dir() / name).read_bytes(), name
        assert copied  # the bundled files are not empty
    assert store.load_plan(destination / "targets.yaml").plan.id == "gongshu-2025"


def test_init_copy_refuses_to_overwrite(tmp_path):
    destination = tmp_path / "x"
    store.init_copy(destination)
    (destination / "targets.yaml").write_text("# my edits\n", encoding="utf-8")
    before = {name: (destination / name).read_bytes() for name in BUNDLED_FILES}
    with pytest.raises(FileExistsRefusal) as exc:
        store.init_copy(destination)
    assert "targets.yaml" in str(exc.value)
    assert {name: (destination / name).read_bytes() for name in BUNDLED_FILES} == before
    assert before["targets.yaml"] == b"# my edits\n"


def test_init_copy_refuses_if_any_one_file_exists(tmp_path):
    destination = tmp_path / "x"
    (destination / "reports").mkdir(parents=True)
    (destination / "reports" / "gongshu-2025.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsRefusal) as exc:
        store.init_copy(destination)
    assert "gongshu-2025.txt" in str(exc.value)
    assert not (destination / "targets.yaml").exists()
    assert not (destination / "progress.csv").exists()
    assert (destination / "reports" / "gongshu-2025.txt").read_text(encoding="utf-8") == "mine\n"
