"""Every date option is honoured: with it, a command judges on the figures up to that date
only, and says so; without it, on every figure. Each test would fail if the option were
ignored (a later figure, 3% GDP in June, turns at_risk into off_track)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import ci

JUNE_GDP = "gdp-growth,2025-06-30,3.0,report,,2025-07-20T00:00:00+00:00\n"


@pytest.fixture
def folder(plan_dir: Path) -> Path:
    progress = plan_dir / "progress.csv"
    progress.write_text(progress.read_text(encoding="utf-8") + JUNE_GDP, encoding="utf-8")
    return plan_dir


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli.app, [*args, "-f", str(folder / "targets.yaml")])


def test_check_as_of_judges_on_the_figures_up_to_that_date(folder: Path):
    latest = run(folder, "check", "--lang", "en")
    assert latest.exit_code == ExitCode.CHECK_FAILED
    assert "evaluated on 2025-06-30;" in latest.stdout
    first = run(folder, "check", "--lang", "en", "--as-of", "2025-03-31")
    assert first.exit_code == ExitCode.OK
    assert first.stdout.splitlines() == [
        "WARN gdp-growth GDP growth: 4.6% vs 5% expected (-0.4 pt against the pace) as of "
        "2025-03-31; at risk since 2025-03-31",
        "targets check passed: 0 failing, 1 warning among 4 targets in "
        f"{ci.plan_name(folder / 'targets.yaml')} "
        "(evaluated on 2025-03-31; overall score 96.0)",
    ]


def test_show_as_of_shows_and_judges_the_figures_up_to_that_date(folder: Path):
    latest = run(folder, "show", "gdp-growth", "--lang", "en").stdout
    assert "off track" in latest and "3%" in latest
    first = run(folder, "show", "gdp-growth", "--lang", "en", "--as-of", "2025-03-31").stdout
    assert "at risk  score" in first
    assert "2025-06-30" not in first and "3%" not in first  # the June figure is not shown
    assert "• gap = -0.4 points; on track if the threshold is met, at risk within 1 point" in (
        first
    )


def test_diff_to_compares_with_that_date(folder: Path):
    before_june = run(folder, "diff", "--from", "2025-03-31", "--to", "2025-05-31", "--lang", "en")
    assert before_june.stdout == (
        "no target's figure or status changed between 2025-03-31 and 2025-05-31\n"
    )
    june = run(folder, "diff", "--from", "2025-03-31", "--to", "2025-06-30", "--lang", "en")
    assert june.stdout.rstrip().endswith("2 targets changed (worse 1 · first figure 1)")
    rows = [line for line in june.stdout.splitlines() if line.startswith("│")]
    assert [row.split("│")[1].strip() for row in rows] == ["gdp-growth", "young-graduates"]
    assert "at risk" in rows[0] and "off track" in rows[0]


def test_diff_from_compares_from_that_date(folder: Path):
    after_june = run(folder, "diff", "--from", "2025-06-30", "--to", "2025-07-31", "--lang", "en")
    assert after_june.stdout == (
        "no target's figure or status changed between 2025-06-30 and 2025-07-31\n"
    )
    may = run(folder, "diff", "--from", "2025-05-31", "--to", "2025-07-31", "--lang", "en")
    assert "2025-05-31 → 2025-07-31" in may.stdout
    assert may.stdout.rstrip().endswith("2 targets changed (worse 1 · first figure 1)")
