"""`targets check` (the CI gate) and `targets diff`: exit codes, formats, staleness, since."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core import check, store
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import ci

runner = CliRunner()


def run(plan_dir: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli.app, [*args, "-f", str(plan_dir / "targets.yaml")], env=env)


def relative(plan_dir: Path) -> str:
    """The plan's path as check's outputs name it: relative to the working directory."""
    return Path(os.path.relpath(plan_dir / "targets.yaml")).as_posix()


def add_rows(plan_dir: Path, *rows: str) -> None:
    progress = plan_dir / "progress.csv"
    progress.write_text(
        progress.read_text(encoding="utf-8") + "".join(r + "\n" for r in rows), encoding="utf-8"
    )


def test_at_risk_warns_but_passes_by_default(plan_dir: Path):
    result = run(plan_dir, "check")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == (
        "WARN gdp-growth 地区生产总值增长: 4.6% vs 5% expected (-0.4 pt against the pace) as of "
        "2025-03-31; at_risk since 2025-03-31\n"
        f"targets check passed: 0 failing, 1 warning(s) among 4 targets in {relative(plan_dir)} "
        "(evaluated on 2025-06-30; overall score 97.3)\n"
    )


def test_fail_on_at_risk_fails(plan_dir: Path):
    result = run(plan_dir, "check", "--fail-on", "at_risk")
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert result.stdout.startswith("FAIL gdp-growth ")
    assert "targets check FAILED: 1 failing, 0 warning(s)" in result.stdout


def test_off_track_fails_and_says_since_when(plan_dir: Path):
    add_rows(
        plan_dir,
        "young-graduates,2025-03-31,9000,,,2025-04-10T00:00:00+00:00",
        "young-graduates,2025-09-30,18000,,,2025-10-10T00:00:00+00:00",
    )
    result = run(plan_dir, "check")
    assert result.exit_code == ExitCode.CHECK_FAILED
    # 9,000 by Q1 (22.5% vs 24.66%) is at risk, 20,000 by H1 on track,
    # 18,000 by Q3 (45% vs 74.79%) off track: off track since 2025-09-30.
    assert (
        "FAIL young-graduates 新引进35周岁以下大学生: 1.8 万名 vs 2.9918 万名 expected "
        "(-29.79 pt against the pace) as of 2025-09-30; off_track since 2025-09-30"
    ) in result.stdout


def test_since_is_the_first_date_of_an_unbroken_run(plan_dir: Path):
    add_rows(
        plan_dir,
        "gdp-growth,2025-06-30,4.7,,,2025-07-20T00:00:00+00:00",
        "gdp-growth,2025-09-30,4.8,,,2025-10-20T00:00:00+00:00",
    )
    loaded = store.load_plan(plan_dir / "targets.yaml")
    result = check.run_check(loaded.plan, store.load_progress(loaded))
    (finding,) = result.findings
    assert finding.assessment.target.id == "gdp-growth"
    assert finding.since == date(2025, 3, 31)


def test_missed_always_fails(plan_dir: Path):
    add_rows(plan_dir, "young-graduates,2025-12-31,39000,,,2026-01-20T00:00:00+00:00")
    result = run(plan_dir, "check", "--fail-on", "off_track")
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert "missed since 2025-12-31" in result.stdout


def test_stale_warns_then_fails_with_fail_on_stale(plan_dir: Path):
    warned = run(plan_dir, "check", "--max-age", "60")
    assert warned.exit_code == ExitCode.OK
    assert "stale: latest figure 91 days old (limit 60)" in warned.stdout
    assert "WARN platform-rd 研发投入: no figure; stale: no figure recorded" in warned.stdout
    failed = run(plan_dir, "check", "--max-age", "60", "--fail-on", "stale")
    assert failed.exit_code == ExitCode.CHECK_FAILED
    assert "FAIL income-growth" in failed.stdout
    assert "young-graduates" not in failed.stdout  # its figure is from the evaluation date


def test_max_age_counts_from_as_of(plan_dir: Path):
    result = run(plan_dir, "check", "--max-age", "100", "--as-of", "2025-12-31")
    assert "FAIL" not in result.stdout
    assert "young-graduates" in result.stdout and "184 days old" in result.stdout


def test_broken_plan_exits_3_without_traceback(plan_dir: Path):
    plan = plan_dir / "targets.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("pace: rate", "pace: ratee", 1))
    result = run(plan_dir, "check")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "[gdp-growth] targets.0.pace" in result.stderr


def test_internal_error_exits_4(plan_dir: Path, monkeypatch: pytest.MonkeyPatch):
    def broken(*_args, **_kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(check, "run_check", broken)
    assert run(plan_dir, "check").exit_code == ExitCode.INTERNAL


def test_json_is_the_status_json_plus_the_verdict(plan_dir: Path):
    status = json.loads(run(plan_dir, "status", "--format", "json").stdout)
    result = run(plan_dir, "check", "--format", "json", "--fail-on", "at_risk")
    checked = json.loads(result.stdout)
    assert checked.pop("failing") == ["gdp-growth"]
    assert checked.pop("warnings") == []
    assert checked.pop("exit_code") == 1 == result.exit_code
    assert checked.pop("plan_file") == relative(plan_dir)
    assert checked == status


def test_github_annotations_name_the_plan_line(plan_dir: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run(plan_dir, "check", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    plan = relative(plan_dir).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines()[0] == (
        f"::warning file={plan},line=9,title=gdp-growth%3A at_risk::WARN gdp-growth 地区生产总值"
        "增长: 4.6%25 vs 5%25 expected (-0.4 pt against the pace) as of 2025-03-31; at_risk "
        "since 2025-03-31"
    )
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n### targets check passed")
    assert written.count("\n| ") == 5  # header and one row per target


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "markdown"])
def test_every_output_names_the_plan_it_judged_relative_to_the_cwd(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
):
    district = plan_dir / "district"
    district.mkdir()
    for name in ("targets.yaml", "progress.csv"):
        (plan_dir / name).rename(district / name)
    summary = plan_dir / "summary.md"
    monkeypatch.chdir(plan_dir)
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = runner.invoke(
        cli.app, ["check", "--format", fmt, "-f", str(district / "targets.yaml")], env=env
    )
    assert result.exit_code == ExitCode.OK
    named = {
        "text": "among 4 targets in district/targets.yaml (evaluated",
        "json": '"plan_file": "district/targets.yaml"',
        "github": "::warning file=district/targets.yaml,line=9,",
        "junit": '<testsuites name="targets check district/targets.yaml"',
        "markdown": "### targets check passed: 0 failing, 1 warning(s) among 4 targets in "
        "district/targets.yaml",
    }[fmt]
    assert named in result.stdout
    assert str(plan_dir) not in result.stdout  # never the absolute path
    if fmt == "github":
        assert "among 4 targets in district/targets.yaml" in summary.read_text(encoding="utf-8")
    written = runner.invoke(
        cli.app, ["check", "--format", fmt, "-f", "district/targets.yaml", "-o", f"out.{fmt}"]
    )
    assert "among 4 targets in district/targets.yaml" in written.stderr
    assert named in (plan_dir / f"out.{fmt}").read_text(encoding="utf-8")


def test_github_escaping_follows_the_actions_toolkit():
    assert ci._escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert ci._escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_junit_has_one_testcase_per_target_grouped_by_section(plan_dir: Path, tmp_path: Path):
    out = tmp_path / "junit.xml"
    result = run(plan_dir, "check", "--format", "junit", "--fail-on", "at_risk", "-o", str(out))
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert result.stdout == ""
    root = ET.parse(out).getroot()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["主要预期目标", "（二）科技"]
    cases = root.findall("testsuite/testcase")
    assert [c.get("name").split()[0] for c in cases] == [
        "gdp-growth", "income-growth", "young-graduates", "platform-rd",
    ]  # fmt: skip
    failures = root.findall("testsuite/testcase/failure")
    assert len(failures) == 1 and failures[0].get("type") == "at_risk"
    assert root.get("failures") == "1"
    assert len(root.findall("testsuite/testcase/skipped")) == 1


def test_markdown_table(plan_dir: Path):
    lines = run(plan_dir, "check", "--format", "markdown").stdout.splitlines()
    assert lines[2] == (
        "| | id | name | target | latest | expected | gap vs pace (pt) | status | since |"
    )
    assert lines[4] == (
        "| ⚠️ | `gdp-growth` | 地区生产总值增长 | ≈ 5.5% | 4.6% (2025-03-31) | 5% | -0.4 |"
        " at_risk | 2025-03-31 |"
    )


def test_diff_lists_the_status_changes(plan_dir: Path):
    result = run(plan_dir, "diff", "--from", "2025-03-31", "--to", "2025Q2", "--lang", "en")
    assert result.exit_code == 0
    assert "young-graduates" in result.stdout
    assert "no data" in result.stdout and "on track" in result.stdout
    assert "gdp-growth" not in result.stdout
    assert result.stdout.rstrip().endswith("1 target(s) changed status")
    same = run(plan_dir, "diff", "--from", "2025-07-01", "--to", "2025-08-01")
    assert same.stdout == "no target changed status between 2025-07-01 and 2025-08-01\n"
