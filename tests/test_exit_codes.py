"""Every failure maps to its documented exit code: exit 4 only for a bug, never for input
we can name, and running out of memory is never exit 1 ("off track")."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SMALL_PLAN, SMALL_PROGRESS
from gongshu_targets import cli
from gongshu_targets.core import store

pytestmark = pytest.mark.usefixtures("english")  # they read the English words

runner = CliRunner()


def folder(tmp_path: Path, plan: str = SMALL_PLAN, progress: str = SMALL_PROGRESS) -> Path:
    (tmp_path / "targets.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(progress, encoding="utf-8")
    return tmp_path / "targets.yaml"


def run(plan: Path, *args: str):
    return runner.invoke(cli.app, [*args, "-f", str(plan)])


ZERO_BAND = "source: report.txt\nthresholds:\n  rate_at_risk: 0\n"
POSITIVE = SMALL_PLAN.replace("source: report.txt\n", ZERO_BAND) + """\
  - id: exports
    section: 主要预期目标
    name: 出口
    name_en: Exports
    quote: 出口保持正增长
    unit: '%'
    comparator: positive
    pace: rate
"""  # fmt: skip


@pytest.mark.parametrize("value", ["0", "-1.5"])
@pytest.mark.parametrize(
    "command", [["status", "--format", "json"], ["check"], ["report", "--format", "csv"]]
)
def test_a_zero_at_risk_band_on_a_positive_target_is_judged(
    tmp_path: Path, value: str, command: list[str]
):
    progress = SMALL_PROGRESS + f"exports,2025-06-30,{value},,,2025-07-01T00:00:00+00:00\n"
    result = run(folder(tmp_path, POSITIVE, progress), *command)
    assert result.exit_code in (0, 1), result.output
    if command[0] == "status":
        assert '"status": "off_track"' in result.stdout


def test_a_milestone_on_the_baselines_date_is_judged(tmp_path: Path):
    plan = SMALL_PLAN.replace(
        "    target: 4\n    unit: 万名\n    comparator: at_least\n    pace: cumulative\n",
        "    target: 4\n    unit: 万名\n    comparator: at_least\n    pace: level\n"
        "    baseline: {value: 1, as_of: 2025-01-01}\n"
        "    milestones: [{as_of: 2025-01-01, share: 10}, {as_of: 2025-06-30, share: 50}]\n",
    )
    for day in ("2025-01-01", "2025-06-30", "2025-09-30"):
        result = run(folder(tmp_path, plan), "status", "--as-of", day, "--format", "json")
        assert result.exit_code == 0, (day, result.output)


@pytest.mark.parametrize("value", ["1e1000000", "1e999999", "1E+1000000"])
def test_an_exponent_past_decimals_range_is_too_large(tmp_path: Path, value: str):
    plan = folder(tmp_path)
    result = run(plan, "update", "gdp-growth", value, "--as-of", "2025-09-30")
    assert result.exit_code == 3, result.output
    sheet = tmp_path / "s.csv"
    sheet.write_text(f"id,as_of,value\ngdp-growth,2025-09-30,{value}\n")
    result = run(plan, "import", str(sheet))
    assert result.exit_code == 3, result.output
    assert "too large" in result.stderr or "not a number" in result.stderr


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+05:00"])
def test_a_recorded_at_at_the_calendars_ends_is_refused(tmp_path: Path, stamp: str):
    progress = SMALL_PROGRESS + f"gdp-growth,2025-06-30,4,,,{stamp}\n"
    plan = folder(tmp_path, progress=progress)
    for command in (["export", "-o", str(tmp_path / "x.xlsx")], ["status"]):
        result = run(plan, *command)
        assert result.exit_code == 3, result.output
        assert f"recorded_at = '{stamp}': a time of recording in 1900–9000" in result.stderr
    plan = folder(tmp_path)
    sheet = tmp_path / "s.csv"
    sheet.write_text(f"id,as_of,value,recorded_at\ngdp-growth,2025-09-30,4.7,{stamp}\n")
    result = run(plan, "import", str(sheet), "--replace")
    assert result.exit_code == 3, result.output
    assert "a time of recording in 1900–9000 is expected" in result.stderr


def test_a_lone_surrogate_from_a_wrong_encoding_is_refused(tmp_path: Path):
    plan = folder(tmp_path)
    before = (tmp_path / "progress.csv").read_bytes()
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(b"id,as_of,value,note\ngdp-growth,2025-09-30,4,\\ud800x\n")
    result = run(plan, "import", str(sheet), "--encoding", "unicode_escape")
    assert result.exit_code == 3, result.output
    assert "holds U+D800 (a lone surrogate, not text) at character 1" in result.stderr
    assert (tmp_path / "progress.csv").read_bytes() == before


def test_running_out_of_memory_is_exit_3_not_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    plan = folder(tmp_path)

    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(store, "load_progress", exhausted)
    result = run(plan, "check")
    assert result.exit_code == 3


@pytest.mark.parametrize("encoding", ["utf-16", "undefined"])
def test_a_codec_that_fails_without_a_position_is_invalid_input(tmp_path: Path, encoding: str):
    plan = folder(tmp_path)
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(b"id,as_of,value\ngdp-growth,2025-09-30,4\n")  # UTF-16 needs a BOM
    result = run(plan, "import", str(sheet), "--encoding", encoding)
    assert result.exit_code == 3, result.output
    assert f"s.csv: not valid {encoding} at byte 0" in result.stderr


@pytest.mark.parametrize("way", ["update", "import"])
def test_negative_zero_is_recorded_as_zero(tmp_path: Path, way: str):
    plan = folder(tmp_path)
    if way == "update":
        args = ["update", "-f", str(plan), "--as-of", "2025-09-30", "--", "gdp-growth", "-0"]
        result = runner.invoke(cli.app, args)
    else:
        sheet = tmp_path / "s.csv"
        sheet.write_text("id,as_of,value\ngdp-growth,2025-09-30,-0.0%\n")
        result = run(plan, "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert "\ngdp-growth,2025-09-30,0,," in (tmp_path / "progress.csv").read_text()
