"""Data fidelity: the bundled plan is the repository's, and every target matches the report."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from gongshu_targets.core import store
from gongshu_targets.core.extract import prepare

ROOT = Path(__file__).parents[1]
LOADED = store.load_plan(ROOT / "targets.yaml")
PLAN = LOADED.plan
REPORT = prepare((ROOT / PLAN.source).read_text(encoding="utf-8"))


BUNDLED = ["targets.yaml", "targets.schema.json", "progress.csv", "reports/gongshu-2025.txt"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """The wheel pip builds from this checkout: what a user installs. (Under an editable
    install the package reads the checkout itself, so only a built wheel can show that
    the build bundles the right files.)"""
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    (path,) = out.glob("gongshu_targets-*.whl")
    with zipfile.ZipFile(path) as built:
        yield built


@pytest.mark.parametrize("name", BUNDLED)
def test_the_wheel_bundles_the_repositorys_own_files(wheel: zipfile.ZipFile, name: str):
    assert wheel.read(f"gongshu_targets/data/{name}") == (ROOT / name).read_bytes()


def test_the_wheel_bundles_nothing_else(wheel: zipfile.ZipFile):
    data = sorted(n for n in wheel.namelist() if n.startswith("gongshu_targets/data/"))
    assert data == sorted(f"gongshu_targets/data/{name}" for name in BUNDLED)


def test_the_bundled_plan_is_read_from_the_package_or_this_checkout():
    # A wheel's package has data/targets.yaml; an editable install reads the checkout.
    folder = store.bundled_dir()
    assert folder in (ROOT, Path(store.__file__).parents[2] / "data")
    assert (folder / "targets.yaml").read_bytes() == (ROOT / "targets.yaml").read_bytes()


def test_the_ocr_spaces_are_repaired():
    assert "货物出口增长38.3%" in REPORT
    assert "小幅下降1.9%" in REPORT
    assert "实现当年投资75.7亿元以上" in REPORT
    column = "\n\n".join(["货物增长", "38 .3%，", "下降1. 9%"] * 10)  # lines at one width
    assert prepare(column) == "货物增长38.3%，下降1.9%" * 10


def test_every_quantified_commitment_is_encoded():
    assert len(PLAN.targets) == 76
    assert sum(t.stretch for t in PLAN.targets) == 8


@pytest.mark.parametrize("target", PLAN.targets, ids=lambda t: t.id)
def test_quote_is_verbatim_and_carries_the_number(target):
    assert target.quote in REPORT
    if target.target is not None and target.id != "platform-rd-spending":  # 突破亿元: in words
        assert f"{target.target:g}" in target.quote


@pytest.mark.parametrize("target", PLAN.targets, ids=lambda t: t.id)
def test_sections_are_the_reports_headings(target):
    assert target.section == "主要预期目标" or target.section in REPORT
    if "力争" in target.quote:
        assert target.stretch


@pytest.mark.parametrize(
    ("target_id", "value", "unit", "comparator"),
    [
        ("gdp-growth", 5.5, "%", "about"),
        ("budget-revenue-growth", None, "%", "positive"),
        ("income-growth", None, "%", "in_step"),
        ("rd-intensity", 1.15, "%", "at_least"),
        ("platform-rd-spending", 1, "亿元", "more_than"),
        ("young-graduates", 4, "万名", "at_least"),
        ("fixed-asset-investment", 800, "亿元", "at_least"),
        ("government-investment", 75.7, "亿元", "at_least"),
        ("industrial-projects-over-100m", 60, "个", "at_least"),
        ("road-works", 90, "条", "at_least"),
        ("road-works-length", 41.7, "公里", "at_least"),
        ("underground-space", 30, "万平方米", "at_least"),
        ("national-reform-pilots", 7, "项", "at_least"),
        ("provincial-reform-pilots", 14, "项", "at_least"),
        ("hi-tech-zone-value-added-per-mu", 1500, "万元/亩", "at_least"),
        ("high-value-patents-per-10k", 58, "件/万人", "at_least"),
    ],
)
def test_key_commitments(target_id, value, unit, comparator):
    target = PLAN.target(target_id)
    assert target is not None
    assert (target.target, target.unit, target.comparator) == (value, unit, comparator)


def test_income_tracks_gdp():
    target = PLAN.target("income-growth")
    assert target is not None and target.tracks == "gdp-growth"


def test_progress_is_seeded_with_the_first_quarter_figures_that_measure_a_target():
    seeded = {(o.id, o.as_of): o.value for o in store.load_progress(LOADED)}
    q1 = date(2025, 3, 31)
    assert seeded == {
        ("gdp-growth", q1): 4.6,
        ("industrial-value-added-growth", q1): 9.1,
        ("services-value-added-growth", q1): 4.5,
        ("retail-sales-growth", q1): 4.8,
        ("high-tech-investment-growth", q1): 59.2,
        ("manufacturing-investment-growth", q1): 226.1,
    }
    for (target_id, _), value in seeded.items():
        assert f"{value:g}%" in REPORT, target_id
