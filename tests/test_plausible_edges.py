"""The plausibility check at its edges: what sets a target's scale, a target of 0,
a reading that lands exactly on the band's edge, and the note an accepted figure keeps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from conftest import make_target
from gongshu_targets import cli
from gongshu_targets.core.figures.plausibility import Reading, doubt, scale_of
from gongshu_targets.core.models import Thresholds

TIGHT = Thresholds(plausible_fraction=0.01, plausible_times=10)  # 100 家: 1 to 1,000


def test_a_baseline_larger_than_the_target_sets_the_scale():
    target = make_target(
        target=100,
        comparator="at_most",
        pace="level",
        baseline={"value": 5000, "as_of": date(2024, 12, 31)},
    )
    assert scale_of(target) == 5000
    assert doubt(target, 40_000, TIGHT) is None  # under 10 × the baseline
    assert doubt(target, 60_000, TIGHT) is not None


def test_a_count_with_a_target_of_zero_has_no_scale_and_doubts_nothing():
    target = make_target(comparator="at_most", target=0, pace="level")
    assert scale_of(target) is None
    assert doubt(target, 1e9, TIGHT) is None


def test_a_reading_exactly_on_the_bands_edge_is_offered():
    target = make_target(target=100)
    low_edge = doubt(target, 0.0001, TIGHT)  # 0.0001万 is 1, the band's floor
    assert low_edge is not None and low_edge.reading == Reading("万", 1.0)
    high_edge = doubt(target, 0.1, TIGHT)  # 0.1万 is 1,000, the band's ceiling
    assert high_edge is not None and high_edge.reading == Reading("万", 1000.0)


def test_an_accepted_figure_with_no_note_keeps_the_acceptance_alone(plan_dir: Path):
    result = CliRunner().invoke(
        cli.app,
        ["update", "young-graduates", "31", "--as-of", "2025-09-30", "--accept-implausible",
         "-f", str(plan_dir / "targets.yaml")],
        env={"TARGETS_FILE": None, "COLUMNS": None},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = (plan_dir / "progress.csv").read_text(encoding="utf-8").splitlines()
    assert rows[-1].startswith(
        "young-graduates,2025-09-30,31,,accepted against the plausibility check,"
    )
