"""`targets check` (the CI gate) and `targets diff`: exit codes, formats, staleness, since."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SMALL_PLAN, make_plan, make_target, obs
from gongshu_targets import cli
from gongshu_targets.core import check, store
from gongshu_targets.core.models import Assessment
from gongshu_targets.enums import Lang, Status
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import ci, escape

runner = CliRunner()


NO_SUMMARY: dict[str, str | None] = {"GITHUB_STEP_SUMMARY": None}  # as outside GitHub


def run(plan_dir: Path, *args: str, env: dict[str, str | None] | None = None):
    """Invoke `targets`; check's words are read in English here unless --lang says."""
    lang = ["--lang", "en"] if args[0] == "check" and "--lang" not in args else []
    return runner.invoke(cli.app, [*args, *lang, "-f", str(plan_dir / "targets.yaml")], env=env)


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
        "WARN gdp-growth GDP growth: 4.6% vs 5% expected (-0.4 pt against the pace) as of "
        "2025-03-31; at risk since 2025-03-31\n"
        f"targets check passed: 0 failing, 1 warning among 4 targets in {relative(plan_dir)} "
        "(evaluated on 2025-06-30; overall score 97.3)\n"
    )


def test_fail_on_at_risk_fails(plan_dir: Path):
    result = run(plan_dir, "check", "--fail-on", "at_risk")
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert result.stdout.startswith("FAIL gdp-growth ")
    assert "targets check FAILED: 1 failing, 0 warnings" in result.stdout


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
        "FAIL young-graduates Graduates under 35: 18,000 people vs 29,918 people expected "
        "(-29.79 pt against the pace) as of 2025-09-30; off track since 2025-09-30"
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
    assert "stale: latest figure 91 days old (limit 60 days)" in warned.stdout
    assert "platform-rd 研发投入" not in warned.stdout  # no figure is not an old figure
    assert "\nWARN 1 target has no figure yet: platform-rd\n" in warned.stdout
    assert "among 4 targets (1 with no figure yet) in " in warned.stdout
    failed = run(plan_dir, "check", "--max-age", "60", "--fail-on", "stale")
    assert failed.exit_code == ExitCode.CHECK_FAILED
    assert "FAIL income-growth" in failed.stdout
    assert "\nFAIL 1 target has no figure yet: platform-rd\n" in failed.stdout
    assert "young-graduates" not in failed.stdout  # its figure is from the evaluation date


def test_no_figure_alone_fails_with_fail_on_stale_in_every_format(plan_dir: Path, tmp_path):
    (plan_dir / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at\n"
        "young-graduates,2025-06-30,20000,,,2025-07-10T00:00:00+00:00\n",
        encoding="utf-8",
    )
    args = ("check", "--max-age", "60", "--fail-on", "stale")
    result = run(plan_dir, *args)
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert result.stdout.startswith(
        "FAIL 3 targets have no figure yet: gdp-growth, income-growth, platform-rd\n"
        "targets check FAILED: 0 failing, 0 warnings among 4 targets (3 with no figure yet)"
    )
    assert json.loads(run(plan_dir, *args, "--format", "json").stdout)["no_figure"] == [
        "gdp-growth", "income-growth", "platform-rd",
    ]  # fmt: skip
    github = run(plan_dir, *args, "--format", "github", env=NO_SUMMARY).stdout.splitlines()
    assert github[0] == (
        f"::error file={relative(plan_dir)},line=1,title=no figure yet::FAIL 3 targets have no "
        "figure yet; `targets check` (text) lists them"
    )
    junit = ET.fromstring(run(plan_dir, *args, "--format", "junit").stdout)
    assert junit.get("failures") == "3"
    assert len(junit.findall("testsuite/testcase/failure")) == 3
    assert junit.findall("testsuite/testcase/skipped") == []


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
    result = run(plan_dir, "check")
    assert result.exit_code == ExitCode.INTERNAL
    assert (result.stdout, result.stderr) == (
        "",
        "Error: internal error: KeyError: 'boom'. This is a bug; run again with --debug for "
        "the traceback and report it.\n",
    )


def test_json_is_the_status_json_plus_the_verdict(plan_dir: Path):
    status = json.loads(run(plan_dir, "status", "--format", "json").stdout)
    result = run(plan_dir, "check", "--format", "json", "--fail-on", "at_risk")
    checked = json.loads(result.stdout)
    assert checked.pop("failing") == ["gdp-growth"]
    assert checked.pop("warnings") == []
    assert checked.pop("exit_code") == 1 == result.exit_code
    assert checked.pop("plan_file") == relative(plan_dir)
    assert checked.pop("no_figure") == []  # reported with --max-age only
    assert checked == status


def test_github_annotations_name_the_plan_line(plan_dir: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run(plan_dir, "check", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    plan = relative(plan_dir).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines()[0] == (
        f"::warning file={plan},line=9,title=gdp-growth%3A at risk::WARN gdp-growth GDP "
        "growth: 4.6%25 vs 5%25 expected (-0.4 pt against the pace) as of 2025-03-31; at risk "
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
        cli.app,
        ["check", "--format", fmt, "--lang", "en", "-f", str(district / "targets.yaml")],
        env=env,
    )
    assert result.exit_code == ExitCode.OK
    named = {
        "text": "among 4 targets in district/targets.yaml (evaluated",
        "json": '"plan_file": "district/targets.yaml"',
        "github": "::warning file=district/targets.yaml,line=9,",
        "junit": '<testsuites name="targets check district/targets.yaml"',
        "markdown": "### targets check passed: 0 failing, 1 warning among 4 targets in "
        "district/targets.yaml",
    }[fmt]
    assert named in result.stdout
    assert str(plan_dir) not in result.stdout  # never the absolute path
    if fmt == "github":
        assert "among 4 targets in district/targets.yaml" in summary.read_text(encoding="utf-8")
    written = runner.invoke(
        cli.app,
        [
            "check",
            "--format",
            fmt,
            "--lang",
            "en",
            "-f",
            "district/targets.yaml",
            "-o",
            f"out.{fmt}",
        ],
    )
    assert "among 4 targets in district/targets.yaml" in written.stderr
    assert named in (plan_dir / f"out.{fmt}").read_text(encoding="utf-8")


def test_github_escaping_follows_the_actions_toolkit():
    assert escape.github_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape.github_property("a:b,c%") == "a%3Ab%2Cc%25"


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
        "| ⚠️ | `gdp-growth` | GDP growth | ≈ 5.5% | 4.6% (2025-03-31) | 5% | -0.4 |"
        " at risk | 2025-03-31 |"
    )


def test_diff_lists_the_status_changes(plan_dir: Path):
    result = run(plan_dir, "diff", "--from", "2025-03-31", "--to", "2025Q2", "--lang", "en")
    assert result.exit_code == 0
    assert "young-graduates" in result.stdout
    assert "no data → on track" in result.stdout
    assert "gdp-growth" not in result.stdout
    assert result.stdout.rstrip().endswith(
        "2025-03-31 → 2025-06-30: 1 target changed (first figure 1)"
    )
    same = run(plan_dir, "diff", "--from", "2025-07-01", "--to", "2025-08-01")
    assert same.stdout == "2025-07-01 至 2025-08-01 间没有目标的数值或状态变化\n"
    english = run(plan_dir, "diff", "--from", "2025-07-01", "--to", "2025-08-01", "--lang", "en")
    assert english.stdout == (
        "no target's figure or status changed between 2025-07-01 and 2025-08-01\n"
    )


# --- worst first, and no more annotations than GitHub shows ------------------------------


def write_counts_plan(folder: Path, figures: dict[str, tuple[str, float] | None]) -> Path:
    """A plan of cumulative targets of 100 家 each; ``figures`` maps an id to its one figure
    (date, value), or to None for a target with no figure yet."""
    entries = "".join(
        f"""  - id: {target_id}
    section: 主要预期目标
    name: 目标{target_id}
    name_en: target {target_id}
    quote: 新增{target_id}100家
    target: 100
    unit: 家
    comparator: at_least
    pace: cumulative
"""
        for target_id in figures
    )
    (folder / "targets.yaml").write_text(
        SMALL_PLAN[: SMALL_PLAN.index("targets:\n")] + "targets:\n" + entries, encoding="utf-8"
    )
    rows = "".join(
        f"{target_id},{figure[0]},{figure[1]},,,2025-07-10T00:00:00+00:00\n"
        for target_id, figure in figures.items()
        if figure is not None
    )
    (folder / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at\n" + rows, encoding="utf-8"
    )
    return folder


H1 = "2025-06-30"  # pace 49.59%: 45 is 4.59 points behind (at risk), 30 is 19.59 (off track)


def test_failures_then_warnings_worst_gap_first_in_every_listing(tmp_path: Path):
    plan_dir = write_counts_plan(
        tmp_path,
        {
            "a-risk-9": (H1, 40),
            "b-off-39": (H1, 10),
            "c-fine": (H1, 60),
            "d-off-19": (H1, 30),
            "e-risk-4": (H1, 45),
            "f-stale-only": ("2025-01-31", 50),
            "g-none": None,
        },
    )
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    order = ["b-off-39", "d-off-19", "a-risk-9", "e-risk-4", "f-stale-only"]
    text = run(plan_dir, "check", "--max-age", "60").stdout.splitlines()
    assert [line.split()[1] for line in text[:5]] == order
    assert [line.split()[0] for line in text[:5]] == ["FAIL", "FAIL", "WARN", "WARN", "WARN"]
    assert text[5] == "WARN 1 target has no figure yet: g-none"
    github = run(plan_dir, "check", "--max-age", "60", "--format", "github", env=env)
    titles = [line.split("title=")[1].split("%3A")[0] for line in github.stdout.splitlines()[:5]]
    assert titles == order
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if "| `" in line]
    assert [row.split("`")[1] for row in rows] == [*order, "c-fine", "g-none"]
    assert "WARN 1 target has no figure yet: `g-none`" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("summary", "where"),
    [
        (True, "the step summary lists them all"),
        (False, "`targets check` (text) lists them all"),
    ],
)
def test_more_than_ten_annotations_the_tenth_counts_the_rest(
    tmp_path: Path, summary: bool, where: str
):
    """The tenth annotation says where the rest are listed: the step summary only when one
    is written."""
    figures: dict[str, tuple[str, float] | None] = {f"off-{n:02d}": (H1, 10 + n) for n in range(15)}
    figures.update({f"none-{n}": None for n in range(47)})
    plan_dir = write_counts_plan(tmp_path, figures)
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")} if summary else NO_SUMMARY
    args = ("check", "--max-age", "60", "--format", "github")
    lines = run(plan_dir, *args, env=env).stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 10
    assert [a.split("title=")[1].split("%3A")[0] for a in annotations[:9]] == [
        f"off-{n:02d}" for n in range(9)
    ]  # worst (lowest) first
    assert annotations[9] == (
        "::error title=targets check::7 more: 6 failing, 1 warning. GitHub shows 10 "
        f"annotations per step; {where}"
    )
    assert (tmp_path / "summary.md").exists() is summary
    assert lines[10].startswith("targets check FAILED: 15 failing, 0 warnings among 62 ")
    assert "(47 with no figure yet)" in lines[10]


def test_ten_annotations_are_all_shown(tmp_path: Path):
    plan_dir = write_counts_plan(tmp_path, {f"off-{n}": (H1, 10 + n) for n in range(10)})
    lines = run(plan_dir, "check", "--format", "github").stdout.splitlines()
    assert [line.split("title=")[1].split("%3A")[0] for line in lines[:10]] == [
        f"off-{n}" for n in range(10)
    ]
    assert "more:" not in "".join(lines)


def test_never_a_figure_is_one_annotation_with_the_ids_in_the_step_summary(tmp_path: Path):
    figures: dict[str, tuple[str, float] | None] = {"risk": (H1, 45)}
    figures.update({f"none-{n:02d}": None for n in range(47)})
    plan_dir = write_counts_plan(tmp_path, figures)
    summary = tmp_path / "summary.md"
    result = run(
        plan_dir, "check", "--max-age", "120", "--format", "github",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 2
    assert "title=risk%3A at risk" in annotations[0]
    assert annotations[1].endswith(
        "::WARN 47 targets have no figure yet; the step summary lists them"
    )
    written = summary.read_text(encoding="utf-8")
    assert (
        "WARN 47 targets have no figure yet: " + ", ".join(f"`none-{n:02d}`" for n in range(47))
        in written
    )


@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.sampled_from([Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]),
            st.none() | st.floats(-100, 100, allow_nan=False),
        ),
        max_size=12,
    )
)
def test_worst_first_is_a_stable_order_by_failing_status_and_gap(rows):
    findings = [
        check.Finding(
            Assessment(target=make_target(id=f"t{i}"), status=status, gap=gap), failing, (), None
        )
        for i, (failing, status, gap) in enumerate(rows)
    ]
    ordered = check.worst_first(findings)
    assert sorted(ordered, key=id) == sorted(findings, key=id)  # a permutation
    rank = [Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]  # worst first

    def key(f: check.Finding) -> tuple[bool, int, float, int]:
        a = f.assessment
        gap = float("inf") if a.gap is None else a.gap
        return (not f.failing, rank.index(a.status), gap, findings.index(f))

    assert [key(f) for f in ordered] == sorted(key(f) for f in findings)


def test_the_job_summary_ticks_only_targets_that_are_on_track_or_achieved():
    # ✅ says "fine"; a pending level (no baseline: no pace can be claimed) is not yet
    # judged, and a target with no figure has nothing to tick.
    targets = [
        make_target(id="cum"),
        make_target(id="done"),
        make_target(id="level", pace="level"),
        make_target(id="none"),
    ]
    plan = make_plan(*targets)
    june = date(2025, 6, 30)
    observations = [obs("cum", june, 60), obs("done", june, 100), obs("level", june, 50)]
    lines = ci.markdown(check.run_check(plan, observations), Path("targets.yaml"), {}, Lang.EN)
    marks = {line.split(" | ")[1]: line.split(" | ")[0] for line in lines.splitlines()[4:]}
    assert marks == {"`cum`": "| ✅", "`done`": "| ✅", "`level`": "| ·", "`none`": "| ·"}
    assert "| pending |" in next(line for line in lines.splitlines() if "`level`" in line)


def test_junit_words_a_target_without_a_figure_in_each_language(plan_dir: Path):
    """en says the status then that there is no figure; zh says the same in Chinese, with a
    Chinese colon and without repeating the status's words."""
    said = {}
    for lang in ("en", "zh"):
        root = ET.fromstring(run(plan_dir, "check", "--lang", lang, "--format", "junit").stdout)
        skipped = [c for c in root.iter("testcase") if c.find("skipped") is not None]
        said[lang] = [c.findtext("system-out") for c in skipped]
    assert said == {"en": ["no data: no figure"], "zh": ["暂无数据：尚无数值"]}


def test_zh_annotations_point_to_the_text_output_without_a_step_summary(plan_dir: Path):
    args = ("check", "--max-age", "60", "--fail-on", "stale", "--format", "github")
    plain = run(plan_dir, *args, "--lang", "zh", env=NO_SUMMARY).stdout.splitlines()
    assert plain[2].endswith("::未通过 1 项目标尚无数据；文本格式的检查结果列出全部")
