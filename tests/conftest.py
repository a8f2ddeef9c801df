"""Shared fixtures: real models and small plan folders in tmp_path, never the repo's own."""

from __future__ import annotations

import io
import signal
from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime
from operator import attrgetter
from pathlib import Path

import pytest

from gongshu_targets.core import store
from gongshu_targets.core.figures import Rows
from gongshu_targets.core.figures.held import DROPPED, Figures
from gongshu_targets.core.models import Observation, Plan, Target

PERIOD = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
RECORDED = datetime(2025, 7, 1, tzinfo=UTC)

SMALL_PLAN = """\
id: test-2025
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
    name_en: Income growth
    quote: 居民人均可支配收入增长与经济增长基本同步
    unit: '%'
    comparator: in_step
    tracks: gdp-growth
    pace: rate
  - id: young-graduates
    section: （二）科技
    name: 新引进35周岁以下大学生
    name_en: Graduates under 35
    quote: 新引进35周岁以下大学生4万名以上
    target: 4
    unit: 万名
    comparator: at_least
    pace: cumulative
  - id: platform-rd
    section: （二）科技
    name: 研发投入
    name_en: Platform R&D
    quote: 力争研发投入突破亿元
    target: 1
    unit: 亿元
    comparator: more_than
    pace: cumulative
    stretch: true
"""

SMALL_PROGRESS = """\
id,as_of,value,source,note,recorded_at
gdp-growth,2025-03-31,4.6,report,,2025-04-20T00:00:00+00:00
income-growth,2025-03-31,5.0,report,,2025-04-20T00:00:00+00:00
young-graduates,2025-06-30,20000,bureau,,2025-07-10T00:00:00+00:00
"""


def make_target(**fields: object) -> Target:
    """A target with sensible defaults; override any field."""
    base: dict[str, object] = {
        "id": "t",
        "section": "s",
        "name": "名",
        "name_en": "name",
        "quote": "quote",
        "target": 100.0,
        "unit": "家",
        "comparator": "at_least",
        "pace": "cumulative",
    }
    base.update(fields)
    return Target.model_validate(base)


def make_plan(*targets: Target, **fields: object) -> Plan:
    data: dict[str, object] = {
        "id": "p",
        "title": "t",
        "region": "r",
        "period": PERIOD,
        "source": "report.txt",
        "targets": targets,
    }
    data.update(fields)
    return Plan.model_validate(data)


def kept(rows: Rows) -> list[tuple[int, Observation]]:
    """Each figure a sheet's check kept, with its row, in row order, as the columns hold it."""
    held = rows.held
    return [
        (held.rows[i], held.observation(i)) for i in range(len(held)) if held.fate[i] != DROPPED
    ]


def hold(
    incoming: Iterable[tuple[int, Observation]],
    stamped: Collection[int] = (),
    plan: Plan | None = None,
) -> Figures:
    """Figures numbered by row, held in columns as a sheet's or a command's are (rows in
    ``stamped`` give their own time of recording), for ``figures.merge``; by default in a plan
    of their targets."""
    incoming = list(incoming)
    if plan is None:
        plan = make_plan(*(make_target(id=i) for i in sorted({o.id for _, o in incoming})))
    held = Figures(plan, RECORDED)
    for number, o in incoming:
        held.add(number, o, number in stamped, store.format_value(o.value))
    return held


def progress_text(observations: Iterable[Observation]) -> str:
    """progress.csv as a simple sort gives it: by id, date, time recorded and kind, ties in
    the order given (the import's writer is held to it)."""
    ordered = sorted(observations, key=attrgetter("id", "as_of", "recorded_at", "share"))
    kind = any(o.share for o in ordered)
    kinds: tuple[tuple[str, ...], ...] = (("",), ("share",)) if kind else ((), ())
    rows = [
        (o.id, o.as_of.isoformat(), store.RETRACTED if o.retracted else store.format_value(o.value),
         o.source, o.note, o.recorded_at.isoformat(), *kinds[o.share])
        for o in ordered
    ]  # fmt: skip
    buffer = io.StringIO()
    store.write_table(rows, kind, buffer)
    return buffer.getvalue()


def write_progress(loaded: store.LoadedPlan, observations: Iterable[Observation]) -> None:
    """Replace progress.csv with ``progress_text`` (a test's own progress.csv)."""
    text = progress_text(observations)
    store.write_progress_with(loaded, lambda out: out.write(text))


def obs(target_id: str, day: date, value: float, recorded: datetime = RECORDED) -> Observation:
    return Observation(id=target_id, as_of=day, value=value, recorded_at=recorded)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A folder with a small valid targets.yaml and progress.csv."""
    (tmp_path / "targets.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(SMALL_PROGRESS, encoding="utf-8")
    return tmp_path


# Files a test run leaves for people to look at (the HTML report's screenshot), listed at
# the end of the run.
ARTEFACTS: list[Path] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for path in ARTEFACTS:
        terminalreporter.write_line(f"screenshot of the HTML report: {path}")


@pytest.fixture(autouse=True)
def _no_implicit_plan(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test starts in an empty folder with no TARGETS_FILE and no TARGETS_LANG: a test
    that means a plan names it, none reads this repository's targets.yaml by accident, and
    the language is the default unless the test says."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    monkeypatch.delenv("TARGETS_LANG", raising=False)


def interruptible() -> None:
    """Run in a child before it starts (Popen's preexec_fn): Ctrl-C raises there again.

    A shell without job control starts a background job with SIGINT ignored, its children
    inherit that, and Python then installs no KeyboardInterrupt handler; a test of what a
    user's Ctrl-C does must not depend on how the test run was started."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the tests that read the commands' English words: TARGETS_LANG=en."""
    monkeypatch.setenv("TARGETS_LANG", "en")
