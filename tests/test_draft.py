"""`targets draft`: a plan from a report's text that validates as it is and covers it."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core.draft import NO_RATE_YET, draft_plan, guess_pace, provisional_name
from gongshu_targets.core.extract import extract
from gongshu_targets.core.store import yaml_comment
from gongshu_targets.enums import Pace
from gongshu_targets.errors import ExitCode

CORPUS = Path(__file__).parent / "corpus"
HOLDOUT = sorted(
    path.with_name(path.name.removesuffix(".labels.yaml") + ".txt")
    for path in CORPUS.glob("*.labels.yaml")
    if yaml.safe_load(path.read_text(encoding="utf-8"))["split"] == "holdout"
)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


def run(*args: str):
    return runner.invoke(cli.app, list(args))


@pytest.mark.parametrize("report", HOLDOUT, ids=lambda p: p.stem)
def test_new_draft_validate_coverage_on_a_text_never_tuned_on(
    report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    made = run("new", "plan", "--report", str(report), "--region", "某区", "--year", "2026")
    assert made.exit_code == ExitCode.OK, made.output
    monkeypatch.chdir(tmp_path / "plan")
    drafted = run("draft", f"reports/{report.name}", "-o", "draft.yaml")
    assert drafted.exit_code == ExitCode.OK, drafted.output
    checked = run("validate", "-f", "draft.yaml")
    assert checked.exit_code == ExitCode.OK, checked.output
    covered = run("coverage", "-f", "draft.yaml")
    assert covered.exit_code == ExitCode.OK, covered.output
    count = len(yaml.safe_load(Path("draft.yaml").read_text(encoding="utf-8"))["targets"])
    # Every commitment covered, every quote found. The draft may hold more targets than
    # coverage counts commitments: a list before 保持正增长 or 同步 is one commitment that the
    # draft writes as one target per indicator under one quote, by design (see
    # test_each_indicator_of_a_positive_growth_list_is_its_own_target).
    line = re.search(r"(\d+) of (\d+) commitments covered; 0 uncovered, 0 quotes not found, "
                     r"0 mismatched", covered.stdout)  # fmt: skip
    assert line and line[1] == line[2] and int(line[1]) <= count, covered.stdout
    plan = yaml.safe_load(Path("draft.yaml").read_text(encoding="utf-8"))
    assert (plan["id"], plan["region"], plan["period"]["start"].year) == ("work-report-2026",
                                                                         "某区", 2026)  # fmt: skip


REPORT = """\
二、2026年主要目标和工作安排
今年主要预期目标是：地区生产总值增长5.5%左右，确保5%以上；居民收入增长与经济增长基本同步。
（一）扩大有效投资
新增规上工业企业30家，力争固定资产投资增长6%—7%，每万人高价值发明专利拥有量达到20件。
到2030年，数字经济核心产业增加值达到1000亿元。
"""


@pytest.fixture
def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = run("draft", "report.txt", "-o", "draft.yaml")
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stderr.splitlines()[-1] == (
        "wrote draft.yaml: 5 draft targets (1 stretch); 1 for a later year listed apart; "
        "review every target before use"
    )
    return tmp_path / "draft.yaml"


def test_the_draft_has_one_target_per_commitment(drafted: Path):
    plan = yaml.safe_load(drafted.read_text(encoding="utf-8"))
    assert (plan["id"], plan["title"], plan["source"]) == (
        "draft-2026",
        "2026年政府工作报告主要目标任务",
        "report.txt",
    )
    rows = [
        (t["id"], t["section"], t["name"], t["quote"], t.get("target"), t.get("upper"),
         t.get("floor"), t["unit"], t["comparator"], t["pace"], t.get("stretch", False),
         t.get("tracks"))
        for t in plan["targets"]
    ]  # fmt: skip
    assert rows == [
        ("t001", "主要预期目标", "地区生产总值增长", "地区生产总值增长5.5%左右，确保5%以上", 5.5,
         None, 5, "%",
         "about", "rate", False, None),
        ("t002", "主要预期目标", "居民收入增长", "居民收入增长与经济增长基本同步", None, None,
         None, "%", "in_step", "rate", False, "t001"),
        ("t003", "（一）扩大有效投资", "新增规上工业企业", "新增规上工业企业30家", 30, None, None,
         "家", "at_least", "cumulative", False, None),
        ("t004", "（一）扩大有效投资", "固定资产投资增长", "力争固定资产投资增长6%—7%", 6, 7,
         None, "%", "range", "rate", True, None),
        ("t005", "（一）扩大有效投资", "每万人高价值发明专利拥有量",
         "每万人高价值发明专利拥有量达到20件", 20, None, None, "件/万人", "at_least", "level",
         False, None),
    ]  # fmt: skip
    assert all(t["notes"].startswith("draft: check") for t in plan["targets"])


def test_later_commitments_are_listed_apart_and_coverage_agrees(drafted: Path):
    text = drafted.read_text(encoding="utf-8")
    assert text.endswith(
        "# For a later year than this plan's (not targets of it):\n"
        "#   2030: 数字经济核心产业增加值达到1000亿元\n"
    )
    covered = run("coverage", "-f", str(drafted))
    assert covered.exit_code == ExitCode.OK, covered.output
    assert "LATER (2030) 1000亿元: 到2030年，数字经济核心产业增加值达到1000亿元。" in covered.stdout
    assert covered.stdout.splitlines()[-1] == (
        "6 of 6 commitments covered; 0 uncovered, 0 quotes not found, 0 mismatched; "
        "0 results and 0 names set aside; 1 for a later year"
    )


def test_the_draft_takes_the_header_of_the_plan_beside_it(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert (
        run("new", "mine", "--report", "r.txt", "--region", "甲区", "--year", "2026").exit_code == 0
    )
    result = run("draft", "mine/reports/r.txt", "-f", "mine/targets.yaml", "-o", "mine/d.yaml")
    assert result.exit_code == ExitCode.OK, result.output
    plan = yaml.safe_load((tmp_path / "mine" / "d.yaml").read_text(encoding="utf-8"))
    assert (plan["id"], plan["title"], plan["source"]) == (
        "work-report-2026",
        "甲区2026年政府工作报告主要目标任务",
        "reports/r.txt",
    )


def test_draft_to_stdout_says_what_it_did_on_stderr(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    result = run("draft", "r.txt")
    assert result.exit_code == ExitCode.OK
    assert yaml.safe_load(result.stdout)["targets"][0]["id"] == "t001"
    assert result.stderr.startswith("5 draft targets (1 stretch)")


def test_a_missing_report_is_invalid_input(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("draft", "nope.txt", "-o", "d.yaml")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert not (tmp_path / "d.yaml").exists()


def test_in_step_with_nothing_to_track_is_listed_not_drafted():
    drafted = draft_plan("今年居民收入增长与经济增长基本同步。", None, "r.txt", 2026)
    assert drafted.targets == []
    assert [(c.text, why) for c, why in drafted.refused] == [("与经济增长基本同步", NO_RATE_YET)]


@pytest.mark.parametrize(
    ("text", "name", "pace"),
    [
        ("今年社会消费品零售总额增长5%左右。", "社会消费品零售总额增长", Pace.RATE),
        ("今年实施5个城中村改造项目。", "实施城中村改造项目", Pace.CUMULATIVE),
        ("力争研发投入突破亿元。", "研发投入", Pace.CUMULATIVE),
        ("今年推送率提升至96%。", "推送率", Pace.RATE),
        ("今年有效发明专利拥有量达到18000件。", "有效发明专利拥有量", Pace.LEVEL),
        ("今年城镇调查失业率控制在5%以内。", "城镇调查失业率", Pace.RATE),
        ("今年提高2个百分点。", "提高2个百分点", Pace.LEVEL),
        # a stock word is a stock only as the noun its number measures, not as a qualifier
        ("今年新增规模以上工业企业20家。", "新增规模以上工业企业", Pace.CUMULATIVE),
        ("今年产业规模达到1000亿元。", "产业规模", Pace.LEVEL),
        ("今年贷款余额2000亿元。", "贷款余额", Pace.LEVEL),
        ("今年新增效率提升企业10家。", "新增效率提升企业", Pace.CUMULATIVE),
        ("今年人均预期寿命提高到80岁。", "人均预期寿命", Pace.LEVEL),
        # counts to deliver add up; a level reached or kept is a level
        ("今年完成老旧小区改造30个。", "老旧小区改造", Pace.CUMULATIVE),
        ("今年开工项目50个。", "开工项目", Pace.CUMULATIVE),
        ("今年建成5G基站1000个。", "建成5G基站", Pace.CUMULATIVE),
        ("今年规模以上工业企业达到500家。", "规模以上工业企业", Pace.LEVEL),
        ("今年保持市场主体10万户。", "保持市场主体", Pace.LEVEL),
    ],
)
def test_provisional_names_and_guessed_paces(text: str, name: str, pace: Pace):
    (commitment,) = extract(text).commitments
    assert (provisional_name(commitment), guess_pace(commitment)) == (name, pace)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("力争 地区生产总值增长6%左右，一般公共预算收入 增长5%。",
         ["地区生产总值增长", "一般公共预算收入增长"]),
        ("确保 粮食产量 达到50万吨。", ["粮食产量"]),
    ],
)  # fmt: skip
def test_a_spaced_out_copy_is_named_as_the_plain_one(text: str, names: list[str]):
    """Spaces between words (a copy spaced out by hand) are no part of a name."""
    found = extract("二、2026年工作安排\n" + text).commitments
    assert [provisional_name(c) for c in found] == names


# Sentences of the bundled Gongshu 2025 report (source: reports/README.md), each paced as
# the hand-made plan paces it.
@pytest.mark.parametrize(
    ("text", "paces"),
    [
        # a portfolio: 安排 governs the clause after it, which has no verb of its own
        (
            "安排省“千项万亿”工程重大项目9个，市、区重点项目120个。",
            [Pace.LEVEL, Pace.LEVEL],
        ),
        ("加快建设货拉拉智汇云谷、贝壳圣都等64个重点项目。", [Pace.LEVEL]),
        ("统筹抓好7项国家级、14项省级改革试点。", [Pace.LEVEL, Pace.LEVEL]),
        ("认定总部企业68家以上。", [Pace.LEVEL]),
        # the item's own noun decides before a verb the list shares: stock, then flow
        (
            "实现有效发明专利拥有量18000件、海外发明专利申请量达到90件以上。",
            [Pace.LEVEL, Pace.CUMULATIVE],
        ),
        # money adds up over the year, 达到 or per mu
        ("全社会研发投入达到26亿元。", [Pace.CUMULATIVE]),
        ("规上工业亩均增加值1500万元以上。", [Pace.CUMULATIVE]),
        # the verb nearest the number wins: 推进 a pilot, 孵化 60 firms
        ("推进国家知识产权强县试点，孵化专利“金种子”企业60家。", [Pace.CUMULATIVE]),
    ],
)
def test_paces_follow_the_plans_reading_of_the_report(text: str, paces: list[Pace]):
    assert [guess_pace(c) for c in extract(text).commitments] == paces


def test_the_bundled_report_drafts_to_76_targets_that_cover_it():
    from gongshu_targets.core.coverage import check_coverage
    from gongshu_targets.core.models import Plan

    report = (Path(__file__).parents[1] / "reports" / "gongshu-2025.txt").read_text("utf-8")
    drafted = draft_plan(report, None, "r.txt", 2026)
    plan = Plan.model_validate({**drafted.header, "targets": drafted.targets})
    result = check_coverage(plan, report)
    assert (len(plan.targets), sum(t.stretch for t in plan.targets)) == (76, 8)
    assert result.ok and len(result.covered) == 76 and drafted.header["id"] == "draft-2025"


def test_a_respectively_list_drafts_one_named_target_per_figure_that_covers_it():
    from gongshu_targets.core.coverage import check_coverage
    from gongshu_targets.core.models import Plan

    report = "今年城镇居民、农村居民人均可支配收入分别增长7%、8%左右。"
    drafted = draft_plan(report, None, "r.txt", 2026)
    assert [(t["name"], t["target"], t["comparator"]) for t in drafted.targets] == [
        ("城镇居民人均可支配收入增长", 7, "about"),
        ("农村居民人均可支配收入增长", 8, "about"),
    ]
    result = check_coverage(Plan.model_validate({**drafted.header, "targets": drafted.targets}),
                            report)  # fmt: skip
    assert result.ok and len(result.covered) == 2


def test_coverage_lists_a_restatement_as_such_not_as_a_name(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    report = "今年安排重点项目57个，新开工项目30个，30个项目竣工投用。57个重点项目推进顺利。"
    Path("r.txt").write_text(report, encoding="utf-8")
    assert run("draft", "r.txt", "-o", "d.yaml").exit_code == ExitCode.OK
    covered = run("coverage", "r.txt", "-f", "d.yaml")
    assert covered.exit_code == ExitCode.OK, covered.output
    assert covered.stdout.splitlines()[-3:] == [
        "ignored (names, not quantities): ",
        "restated (a commitment said again, counted once): 57个",
        "3 of 3 commitments covered; 0 uncovered, 0 quotes not found, 0 mismatched; "
        "0 results and 0 names set aside; 1 restated",
    ]
    listed = json.loads(run("coverage", "r.txt", "-f", "d.yaml", "--format",
                            "json").stdout)  # fmt: skip
    assert [(r["text"], r["why"]) for r in listed["restated"]] == [
        ("57个", "restates the commitment 57个 said before")
    ]
    assert listed["ignored"] == []


def test_each_indicator_of_a_positive_growth_list_is_its_own_target():
    from gongshu_targets.core.coverage import check_coverage
    from gongshu_targets.core.models import Plan

    report = "今年地区生产总值增长5%，一般公共预算收入、固定资产投资保持正增长。"
    drafted = draft_plan(report, None, "r.txt", 2026)
    assert [(t["name"], t["quote"], t["comparator"], t["pace"]) for t in drafted.targets] == [
        ("地区生产总值增长", "今年地区生产总值增长5%", "at_least", "rate"),
        ("一般公共预算收入", "一般公共预算收入、固定资产投资保持正增长", "positive", "rate"),
        ("固定资产投资", "一般公共预算收入、固定资产投资保持正增长", "positive", "rate"),
    ]
    result = check_coverage(Plan.model_validate({**drafted.header, "targets": drafted.targets}),
                            report)  # fmt: skip
    assert result.ok and len(result.covered) == 2


# Line breaks YAML knows besides \n, and controls: a report may hold any of them.
ODD = ["\r", "\x85", "\u2028", "\u2029", "\x00", "\x1b", "\x7f", "\ufeff", "\ufffe", "\t"]


@pytest.mark.parametrize("odd", ODD, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_clause_set_apart_with_any_break_or_control_keeps_the_draft_loadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: str, lang: str
):
    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text(f"2025年主要预期目标：新增企业8—{odd}5家。\n", encoding="utf-8")
    drafted = run("draft", "r.txt", "-o", "d.yaml", "--lang", lang)
    assert drafted.exit_code == ExitCode.OK, drafted.output
    checked = run("validate", "-f", "d.yaml", "--lang", lang)
    assert checked.exit_code == ExitCode.OK, checked.output
    text = Path("d.yaml").read_text(encoding="utf-8")
    if odd != "\t":
        assert odd not in text


def test_a_yaml_comment_shows_each_break_and_control_by_its_code_point():
    text = "a\x85b\u2028c\u2029d\re\x00f\x1bg\x7fh\ufeffi\tj\n\nk"
    assert yaml_comment(text) == (
        "# a\\u0085b\\u2028c\\u2029d\\u000de\\u0000f\\u001bg\\u007fh\\ufeffi\tj\n#\n# k\n"
    )
    assert yaml.safe_load(yaml_comment(text) + "x: 1\n") == {"x": 1}


PIECES = st.sampled_from(
    ["2025年主要预期目标：", "新增企业8", "家。", "新建学校30所，", "增长5%左右；", "力争",
     "—", "\n", *ODD]
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=20).map("".join))
def test_any_report_text_drafts_a_plan_that_validates_or_is_refused_cleanly(report: str):
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        (where / "r.txt").write_text(report, encoding="utf-8", errors="surrogatepass")
        drafted = run("draft", str(where / "r.txt"), "-o", str(where / "d.yaml"))
        if drafted.exit_code != ExitCode.OK:
            assert drafted.exit_code == ExitCode.INVALID_INPUT, drafted.output
            assert not (where / "d.yaml").exists()
            return
        checked = run("validate", "-f", str(where / "d.yaml"))
        assert checked.exit_code == ExitCode.OK, checked.output
