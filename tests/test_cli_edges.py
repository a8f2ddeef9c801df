"""What an analyst gets wrong on the command line, and what the tool answers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import make_plan, make_target, obs
from gongshu_targets import cli
from gongshu_targets.core import scoring, store
from gongshu_targets.enums import Lang
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs.report import table

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


def flat(text: str) -> str:
    """Usage errors come in a box that wraps lines: join them back."""
    return re.sub(r"[\s│]+", " ", text)


def run(plan_dir: Path, *args: str):
    return runner.invoke(cli.app, [*args, "-f", str(plan_dir / "targets.yaml")])


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--as-of", "2024-06-30"),
        ("check", "--as-of", "2024Q4"),
        ("report", "--as-of", "2024-12-31"),
        ("template", "--as-of", "2024Q4"),
        ("template", "--as-of", "2026Q1"),  # a sheet's figures are dated in the period
        ("show", "gdp-growth", "--as-of", "2024-01-01"),
        ("diff", "--from", "2024-12-31", "--to", "2025-06-30"),
    ],
)
def test_a_date_outside_the_plan_is_a_usage_error(plan_dir: Path, args: tuple[str, ...]):
    result = run(plan_dir, *args)
    assert result.exit_code == ExitCode.USAGE
    assert "outside the plan's period 2025-01-01 to 2025-12-31" in flat(result.stderr)
    assert result.stdout == ""


AFTER = "note: --as-of 2026-01-15 is after the plan's period, which ended 2025-12-31: judged at"
END = " its end, 2025-12-31 (final results)\n"


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--format", "json"),
        ("status",),
        ("show", "young-graduates"),
        ("report", "--format", "md"),
        ("report", "--format", "csv"),
    ],
)
def test_a_date_after_the_period_judges_the_plan_at_its_end_and_says_so(
    plan_dir: Path, args: tuple[str, ...]
):
    (plan_dir / "progress.csv").write_text(
        (plan_dir / "progress.csv").read_text(encoding="utf-8")
        + "young-graduates,2025-12-31,38000,,,2026-01-10T00:00:00+00:00\n",
        encoding="utf-8",
    )
    after = run(plan_dir, *args, "--as-of", "2026-01-15")
    at_end = run(plan_dir, *args, "--as-of", "2025-12-31")
    assert after.exit_code == at_end.exit_code == ExitCode.OK
    assert after.stdout == at_end.stdout
    assert after.stderr == AFTER + END
    assert at_end.stderr == ""


def test_check_after_the_period_gives_the_final_results_and_says_so(plan_dir: Path):
    (plan_dir / "progress.csv").write_text(
        (plan_dir / "progress.csv").read_text(encoding="utf-8")
        + "young-graduates,2025-12-31,38000,,,2026-01-10T00:00:00+00:00\n",
        encoding="utf-8",
    )
    after = run(plan_dir, "check", "--lang", "en", "--as-of", "2026-01-15", "--max-age", "400")
    at_end = run(plan_dir, "check", "--lang", "en", "--as-of", "2025-12-31", "--max-age", "400")
    assert after.exit_code == at_end.exit_code == ExitCode.CHECK_FAILED  # 38,000 < 40,000
    assert "FAIL young-graduates" in after.stdout and "missed since 2025-12-31" in after.stdout
    assert (
        after.stdout.replace(
            "evaluated on 2025-12-31, the plan's end, for --as-of 2026-01-15: final results",
            "evaluated on 2025-12-31",
        )
        == at_end.stdout
    )
    assert "the plan's end, for --as-of 2026-01-15: final results" in after.stdout
    as_json = run(plan_dir, "check", "--lang", "en", "--as-of", "2026-01-15", "--format", "json")
    assert json.loads(as_json.stdout)["as_of"] == "2025-12-31"


def test_diff_to_a_date_after_the_period_ends_at_the_period_end(plan_dir: Path):
    after = run(plan_dir, "diff", "--from", "2025-03-31", "--to", "2026-02-01")
    at_end = run(plan_dir, "diff", "--from", "2025-03-31", "--to", "2025-12-31")
    assert after.exit_code == at_end.exit_code == ExitCode.OK
    assert after.stdout == at_end.stdout
    assert "--to 2026-02-01 is after the plan's period" in after.stderr


def test_diff_dates_the_wrong_way_round(plan_dir: Path):
    result = run(plan_dir, "diff", "--from", "2025Q3", "--to", "2025Q1")
    assert result.exit_code == ExitCode.USAGE
    assert "--to 2025-03-31 is before --from 2025-09-30" in flat(result.stderr)


def test_a_section_that_matches_nothing_lists_the_sections(plan_dir: Path):
    result = run(plan_dir, "status", "--section", "不存在")
    assert result.exit_code == ExitCode.USAGE
    assert "--section '不存在' matches no heading" in flat(result.stderr)
    assert "主要预期目标" in result.stderr


@pytest.mark.parametrize("command", ["report", "export", "template"])
def test_an_output_suffix_the_tool_cannot_write_is_refused(plan_dir: Path, command: str):
    result = run(plan_dir, command, "-o", str(plan_dir / "out.pdf"))
    assert result.exit_code == ExitCode.USAGE
    assert "cannot tell the format from 'out.pdf'" in flat(result.stderr)
    assert not (plan_dir / "out.pdf").exists()


def test_short_help():
    result = runner.invoke(cli.app, ["status", "-h"])
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_a_typographic_minus_is_a_minus(plan_dir: Path):
    result = run(plan_dir, "update", "gdp-growth", "−1.9%", "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.stderr
    loaded = store.load_plan(plan_dir / "targets.yaml")
    assert [o.value for o in store.load_progress(loaded) if o.as_of.month == 6 and
            o.id == "gdp-growth"] == [-1.9]  # fmt: skip


def test_github_annotations_use_a_path_relative_to_the_checkout(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(plan_dir)
    result = runner.invoke(cli.app, ["check", "--format", "github", "-f", "targets.yaml"])
    assert result.stdout.startswith("::warning file=targets.yaml,line=9,")


def test_a_closed_pipe_is_no_failure(plan_dir: Path):
    """`targets status | head -1` exits 0, quietly (Rich alone would exit 1)."""
    script = (
        f"import subprocess, sys; p = subprocess.Popen([sys.executable, '-m', 'gongshu_targets',"
        f" 'status', '-f', {str(plan_dir / 'targets.yaml')!r}], stdout=subprocess.PIPE,"
        " stderr=subprocess.PIPE, env={'COLUMNS': '400', 'PATH': ''}); p.stdout.readline();"
        " p.stdout.close(); err = p.stderr.read(); print(p.wait(), err.decode())"
    )
    # Pad the plan so that the table is far larger than a pipe's buffer.
    plan = plan_dir / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    block = text[text.index("  - id: young-graduates") : text.index("  - id: platform-rd")]
    plan.write_text(
        text + "".join(block.replace("young-graduates", f"copy-{i}") for i in range(600)),
        encoding="utf-8",
    )
    code, _, err = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.partition(" ")
    assert code == "0", err
    assert "Traceback" not in err and "Error" not in err


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (4.6, "低于目标（5.5%，门槛5%）0.9个百分点"),
        (5, "低于目标（5.5%，门槛5%）0.5个百分点"),
        (5.5, "与目标（5.5%，门槛5%）持平"),
        (6.2, "高于目标（5.5%，门槛5%）0.7个百分点"),
    ],
)
def test_a_rate_is_worded_against_its_target_naming_the_threshold(value: float, words: str):
    # GDP against 5.5%左右, as the district words it (低于目标), with the threshold its status
    # is judged by named beside the target (5%: the tolerance is 0.5).
    gdp = make_target(id="gdp", target=5.5, unit="%", comparator="about", pace="rate")
    a = scoring.assess(gdp, [obs("gdp", date(2025, 6, 30), value)], make_plan(gdp))
    assert table.judgement(a, Lang.ZH) == words


def test_a_large_dry_run_lists_200_rows_and_counts_the_rest(tmp_path: Path):
    assert runner.invoke(cli.app, ["init", str(tmp_path)]).exit_code == 0
    sheet = tmp_path / "big.csv"
    days = [f"2025-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]
    sheet.write_text(
        "id,as_of,value\n" + "".join(f"first-stores,{day},{n}\n" for n, day in enumerate(days)),
        encoding="utf-8",
    )
    result = runner.invoke(
        cli.app,
        ["import", "--lang", "en", str(sheet), "--dry-run", "-f", str(tmp_path / "targets.yaml")],
    )
    assert result.exit_code == 0
    assert result.stdout.count("│ add ") == 200
    assert "… and 136 more rows" in result.stdout
    assert "would add 336, would revise 0, would leave 0 unchanged" in result.stdout


@pytest.mark.parametrize(
    "command", [["status", "--lang", "en"], ["show", "gdp-growth", "--lang", "en"]]
)
def test_brackets_and_colons_in_a_plan_are_text_not_markup(plan_dir: Path, command: list[str]):
    """A plan is the user's text: "[/]" once crashed Rich's markup parser (exit 4) and
    "[bold]" vanished into a style."""
    plan = plan_dir / "targets.yaml"
    name = "[/] GDP [bold]growth :smile:"
    plan.write_text(plan.read_text(encoding="utf-8").replace("GDP growth", f"'{name}'"), "utf-8")
    result = run(plan_dir, *command)
    assert result.exit_code == 0, result.output
    assert name in result.stdout


def test_brackets_in_an_error_message_are_text_not_markup(plan_dir: Path):
    result = run(plan_dir, "show", "[/]gdp")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "no target with id '[/]gdp'" in result.stderr
