"""`targets coverage` proves targets.yaml complete; `targets schema` keeps editors honest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core import coverage, store
from gongshu_targets.core.models import Comparator, plan_json_schema
from gongshu_targets.errors import ExitCode

ROOT = Path(__file__).parents[1]
runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    store.init_copy(tmp_path)
    return tmp_path


def run(*args: str):
    return runner.invoke(cli.app, list(args))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_bundled_plan_covers_every_commitment():
    result = run("coverage", "-f", str(ROOT / "targets.yaml"))
    assert result.exit_code == ExitCode.OK, result.stdout
    assert result.stdout.splitlines()[-1] == (
        "76 of 76 commitments covered; 0 uncovered, 0 quotes not found, 0 mismatched; "
        "11 results and 3 names set aside"
    )


def test_first_quarter_figures_are_results_not_commitments(copy: Path):
    data = json.loads(run("coverage", "-f", str(copy / "targets.yaml"), "--format", "json").stdout)
    results = [p["text"] for p in data["results"]]
    assert results[:3] == ["4.6%", "9.1%", "4.5%"] and "8.73亿元" in results
    assert all(p["text"] not in ("4.6%", "9.1%") for p in data["uncovered"])
    covered = {p["target"]: p["text"] for p in data["covered"]}
    assert covered["platform-rd-spending"] == "突破亿元"
    assert covered["income-growth"] == "与经济增长基本同步"
    assert data["ok"] is True


def test_a_report_with_an_extra_commitment_is_uncovered(copy: Path):
    report = copy / "reports" / "gongshu-2025.txt"
    edit(report, "体化全流程闭环。深化招投标", "体化全流程闭环。新建公共充电桩500个。深化招投标")
    result = run("coverage", "-f", str(copy / "targets.yaml"))
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert "UNCOVERED 500个: 新建公共充电桩500个。" in result.stdout


def test_a_plan_missing_a_target_leaves_its_commitment_uncovered(copy: Path):
    plan = copy / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - id: parking-spaces")
    end = text.index("  # （四）")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("coverage", "-f", str(plan))
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert "UNCOVERED 3000个: 完善城市基础设施，新增地下空间30万平方米、停车泊位3000个" in (
        result.stdout
    )


def test_a_quote_changed_by_one_character_is_reported(copy: Path):
    edit(
        copy / "targets.yaml",
        "quote: 实现固定资产投资800亿元以上",
        "quote: 实现固定资产投资800亿元已上",
    )
    result = run("coverage", "-f", str(copy / "targets.yaml"))
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert "QUOTE NOT FOUND [fixed-asset-investment]" in result.stdout
    assert "UNCOVERED 800亿元" in result.stdout


def test_a_number_that_disagrees_with_its_quote_is_reported(copy: Path):
    edit(copy / "targets.yaml", "    target: 75.7\n", "    target: 75.1\n")
    result = run("coverage", "-f", str(copy / "targets.yaml"))
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert (
        "MISMATCH [government-investment] target 75.1 × 100m yuan, but its quote says 75.7亿元"
    ) in result.stdout


@pytest.mark.parametrize(
    ("lang", "line", "status"),
    [
        ("en", "MISMATCH [trusted-consumption-units] target 1,234,567 entities, but its quote "
               "says 6900家", "≥ 1,234,567 entities"),
        ("zh", "不一致 [trusted-consumption-units] 目标为 1,234,567 家，但原文写的是 6900家",
               "≥ 1,234,567 家"),
    ],
)  # fmt: skip
def test_a_target_that_disagrees_is_worded_as_status_words_it(
    copy: Path, lang: str, line: str, status: str
):
    """The target's number as status and show word it, never 1.23457e+06, its unit in
    the reader's language; JSON carries the English."""
    plan = copy / "targets.yaml"
    edit(plan, "单位6900家以上\n    target: 6900\n", "单位6900家以上\n    target: 1234567\n")
    result = run("coverage", "-f", str(plan), "--lang", lang)
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert line in result.stdout.splitlines()
    shown = run("show", "trusted-consumption-units", "-f", str(plan), "--lang", lang)
    assert status in shown.stdout
    result = run("coverage", "-f", str(plan), "--format", "json")
    (why,) = [m["why"] for m in json.loads(result.stdout)["mismatched"]]
    assert why == "target 1,234,567 entities, but its quote says 6900家"


def test_a_comparator_that_disagrees_with_the_wording_is_reported(copy: Path):
    plan = copy / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - id: retail-sales-growth")
    block = text[start : text.index("  - id:", start + 1)]
    plan.write_text(text.replace(block, block.replace("comparator: about", "comparator: at_least")))
    result = run("coverage", "-f", str(plan))
    said = "`comparator: at_least`, but its quote is worded as `about`"
    assert f"MISMATCH [retail-sales-growth] {said}" in result.stdout


def test_a_stretch_flag_that_disagrees_with_the_wording_is_reported(copy: Path):
    plan = copy / "targets.yaml"
    edit(plan, "    pace: cumulative\n    stretch: true\n", "    pace: cumulative\n")
    edit(
        plan,
        "    quote: 实现固定资产投资800亿元以上\n    target: 800\n",
        "    quote: 实现固定资产投资800亿元以上\n    stretch: true\n    target: 800\n",
    )
    result = run("coverage", "-f", str(plan))
    assert result.exit_code == ExitCode.CHECK_FAILED
    mismatches = [line for line in result.stdout.splitlines() if line.startswith("MISMATCH")]
    assert mismatches == [
        "MISMATCH [fixed-asset-investment] stretch true, but the report does not call it a "
        "stretch target",
        "MISMATCH [platform-rd-spending] stretch false, but the report calls it a stretch target",
    ]


@pytest.mark.parametrize(
    ("quote", "comparator"),
    [
        ("地区生产总值增长5.5%左右", Comparator.ABOUT),
        ("一般公共预算收入保持正增长", Comparator.POSITIVE),
        ("居民人均可支配收入增长与经济增长基本同步", Comparator.IN_STEP),
        ("高新技术产业投资比重超过78%", Comparator.MORE_THAN),
        ("力争研发投入突破亿元", Comparator.MORE_THAN),
        ("能耗强度控制在0.5%以内", Comparator.AT_MOST),
        ("全社会研发投入达到26亿元", Comparator.AT_LEAST),
        ("新增“小升规”工业企业10家", Comparator.AT_LEAST),
        ("地区生产总值增长5%—5.5%", Comparator.RANGE),
    ],
)
def test_implied_comparator(quote: str, comparator: Comparator):
    assert coverage.implied_comparator(quote) is comparator


def test_coverage_works_from_any_folder_given_the_plan(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("coverage", "-f", str(ROOT / "targets.yaml")).exit_code == ExitCode.OK
    refused = run("coverage")
    assert refused.exit_code == ExitCode.USAGE
    assert "no targets.yaml in" in refused.stderr


def test_a_missing_report_exits_3(tmp_path: Path):
    result = run("coverage", str(tmp_path / "nope.txt"), "-f", str(ROOT / "targets.yaml"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "file not found" in result.stderr


def test_schema_command_equals_the_committed_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(
        (ROOT / "targets.schema.json").read_text(encoding="utf-8")
    )
    assert result.stdout == (ROOT / "targets.schema.json").read_text(encoding="utf-8")


def test_schema_is_draft_7_and_forbids_unknown_fields():
    schema = plan_json_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["additionalProperties"] is False
    assert schema["definitions"]["Target"]["additionalProperties"] is False
    assert "$defs" not in json.dumps(schema)


def test_the_plan_points_editors_at_its_schema():
    first = (ROOT / "targets.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./targets.schema.json"


def test_quotes_of_any_length_are_found_where_they_are():
    text = "统筹抓好7项国家级、14项省级改革试点，14项"
    assert coverage.quote_spans(text, ["14项", "7", "统筹抓好7项", "省级改革", "无此句"]) == {
        "14项": [(10, 13), (20, 23)],
        "7": [(4, 5)],
        "统筹抓好7项": [(0, 6)],
        "省级改革": [(13, 17)],
        "无此句": [],
    }
