"""The command line: exact output, exit codes, stdout kept apart from stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core import scoring, store
from gongshu_targets.enums import Lang
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import messages, text

runner = CliRunner()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the tests that read the commands' English words: TARGETS_LANG=en."""
    monkeypatch.setenv("TARGETS_LANG", "en")


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli.app, list(args), env=env)


def test_status_json_is_exact(plan_dir: Path):
    result = run("status", "-f", str(plan_dir / "targets.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "plan": {
            "id": "test-2025",
            "title": "测试计划",
            "title_en": None,
            "region": "测试区",
            "region_en": None,
            "period": {"start": "2025-01-01", "end": "2025-12-31"},
            "source": "report.txt",
        },
        "as_of": "2025-06-30",
        "summary": {
            "score": 97.3,
            "counts": {"achieved": 0, "on_track": 2, "at_risk": 1, "off_track": 0,
                       "missed": 0, "pending": 0, "no_data": 0},
            "tasks": {
                "score": None,
                "counts": {"achieved": 0, "on_track": 0, "at_risk": 0, "off_track": 0,
                           "missed": 0, "pending": 0, "no_data": 0},
            },
            "stretch": {
                "score": None,
                "counts": {"achieved": 0, "on_track": 0, "at_risk": 0, "off_track": 0,
                           "missed": 0, "pending": 0, "no_data": 1},
            },
            "sections": {"主要预期目标": 96.0, "（二）科技": 100.0},
        },
        "targets": [
            {"id": "gdp-growth", "section": "主要预期目标", "section_en": None,
             "name": "地区生产总值增长",
             "name_en": "GDP growth", "quote": "地区生产总值增长5.5%左右", "comparator": "about",
             "target": 5.5, "unit": "%", "pace": "rate", "value": 4.6, "figure": "value",
             "value_as_of": "2025-03-31", "expected": 5.0, "gap": -0.4, "status": "at_risk",
             "score": 92.0, "owner": None},
            {"id": "income-growth", "section": "主要预期目标", "section_en": None,
             "name": "居民人均可支配收入增长",
             "name_en": "Income growth", "quote": "居民人均可支配收入增长与经济增长基本同步",
             "comparator": "in_step", "target": None, "unit": "%", "pace": "rate",
             "value": 5.0, "figure": "value", "value_as_of": "2025-03-31", "expected": 4.1,
             "gap": 0.9,
             "status": "on_track", "score": 100.0, "owner": None},
            {"id": "young-graduates", "section": "（二）科技", "section_en": None,
             "name": "新引进35周岁以下大学生",
             "name_en": "Graduates under 35", "quote": "新引进35周岁以下大学生4万名以上",
             "comparator": "at_least", "target": 4.0, "unit": "万名", "pace": "cumulative",
             "value": 2.0, "figure": "value", "value_as_of": "2025-06-30", "expected": 1.9836,
             "gap": 0.41,
             "status": "on_track", "score": 100.0, "owner": None},
            {"id": "platform-rd", "section": "（二）科技", "section_en": None,
             "name": "研发投入",
             "name_en": "Platform R&D", "quote": "力争研发投入突破亿元",
             "comparator": "more_than", "target": 1.0, "unit": "亿元", "pace": "cumulative",
             "value": None, "figure": None, "value_as_of": None, "expected": None, "gap": None,
             "status": "no_data", "score": None, "owner": None},
        ],
    }  # fmt: skip


def test_cli_json_equals_the_core_result(plan_dir: Path):
    loaded = store.load_plan(plan_dir / "targets.yaml")
    report = scoring.assess_plan(loaded.plan, store.load_progress(loaded))
    result = run("status", "-f", str(plan_dir / "targets.yaml"), "--format", "json")
    assert result.stdout == text.status_json(report)


def test_status_as_of_filters_observations(plan_dir: Path):
    result = run(
        "status", "-f", str(plan_dir / "targets.yaml"), "--format", "json", "--as-of", "2025-04-30"
    )
    data = json.loads(result.stdout)
    graduates = next(t for t in data["targets"] if t["id"] == "young-graduates")
    assert (data["as_of"], graduates["status"], graduates["value"]) == (
        "2025-04-30",
        "no_data",
        None,
    )


def test_status_csv(plan_dir: Path):
    result = run("status", "-f", str(plan_dir / "targets.yaml"), "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(text.JSON_TARGET_KEYS)
    assert lines[1] == (
        "gdp-growth,主要预期目标,,地区生产总值增长,GDP growth,地区生产总值增长5.5%左右,about,5.5,%,"
        "rate,4.6,value,2025-03-31,5.0,-0.4,at_risk,92.0,"
    )
    assert len(lines) == 5


def test_status_markdown_english(plan_dir: Path):
    result = run(
        "status", "-f", str(plan_dir / "targets.yaml"), "--format", "markdown", "--lang", "en"
    )
    assert (
        "| gdp-growth | GDP growth | ≈ 5.5% | 4.6% (2025-03-31) | 5% | -0.4 | at risk | 92 |"
        in (result.stdout)
    )
    assert "| platform-rd | Platform R&D ★ | > 1 × 100m yuan |" in result.stdout
    assert result.stdout.rstrip().splitlines()[-2:] == [
        "3 targets: on track 2 · at risk 1; score 97.3: the mean of 3 scored of 3 with figures",
        "★ 1 stretch target, counted apart: no data 1; no score: no figures yet",
    ]


def test_status_table_in_a_pipe_has_no_colour_and_no_cut_cells(plan_dir: Path):
    result = run("status", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "…" not in result.stdout
    assert "新引进35周岁以下大学生" in result.stdout
    assert "2 万名 (2025-06-30)" in result.stdout
    assert "49.59% · 1.9836 万名" in result.stdout
    assert result.stdout.rstrip().splitlines()[-2:] == [
        "目标 3 项：符合序时 2 · 存在风险 1；得分 97.3（有数据的 3 项中计分 3 项的平均）",
        "★ 力争目标 1 项（另计）：暂无数据 1；暂无得分：尚无数据",
    ]


def test_status_filters_by_section_and_status(plan_dir: Path):
    plan = str(plan_dir / "targets.yaml")
    by_section = json.loads(
        run("status", "-f", plan, "--section", "科技", "--format", "json").stdout
    )
    assert [t["id"] for t in by_section["targets"]] == ["young-graduates", "platform-rd"]
    by_status = json.loads(
        run(
            "status", "-f", plan, "--status", "at_risk", "--status", "no_data", "--format", "json"
        ).stdout
    )
    assert [t["id"] for t in by_status["targets"]] == ["gdp-growth", "platform-rd"]


def test_targets_file_environment_variable(plan_dir: Path):
    result = run("status", "--format", "json", env={"TARGETS_FILE": str(plan_dir / "targets.yaml")})
    assert json.loads(result.stdout)["plan"]["id"] == "test-2025"


def test_default_is_the_local_targets_yaml(plan_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(plan_dir)
    monkeypatch.delenv("TARGETS_FILE", raising=False)
    assert json.loads(run("status", "--format", "json").stdout)["plan"]["id"] == "test-2025"


@pytest.mark.usefixtures("english")
def test_status_elsewhere_shows_the_bundled_example_and_says_so_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = run("status", "--format", "json")
    data = json.loads(result.stdout)  # stdout stays clean JSON for `| jq`
    assert data["plan"]["id"] == "gongshu-2025"
    assert len(data["targets"]) == 76
    note = messages.EXAMPLE_NOTE[Lang.EN]
    assert result.stderr.splitlines()[0] == note
    shown = run("show", "gdp-growth")
    assert shown.exit_code == 0
    assert shown.stderr.splitlines()[0] == note
    assert "bundled example plan" in note and "`targets new DIR`" in note
    chinese = run("show", "gdp-growth", "--lang", "zh")
    assert chinese.stderr.splitlines()[0] == messages.EXAMPLE_NOTE[Lang.ZH]


def test_a_plan_of_ones_own_brings_no_example_note(plan_dir: Path):
    result = run("status", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--format", "github"),
        ("validate",),
        ("report",),
        ("report", "-o", "r.html"),
        ("diff", "--from", "2025-03-31", "--to", "2025-06-30"),
        ("coverage",),
    ],
)
def test_ci_commands_in_a_folder_without_a_plan_exit_2_and_say_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert f"no plan to read: no --file, no TARGETS_FILE and no targets.yaml in {tmp_path}" in (
        message
    )
    assert "--file PATH" in message and "`targets new DIR`" in message
    assert list(tmp_path.iterdir()) == []


def test_show_prints_quote_history_and_steps(plan_dir: Path):
    result = run("show", "gdp-growth", "-f", str(plan_dir / "targets.yaml"), "--lang", "en")
    assert result.exit_code == 0
    for expected in (
        "地区生产总值增长5.5%左右",
        "≈ 5.5%",
        "at risk",
        "4.6%",
        "threshold = 5.5% − tolerance 0.5 = 5%",
        "gap = -0.4 points",
    ):
        assert expected in result.stdout


def test_show_marks_a_revised_figure(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    progress.write_text(
        progress.read_text(encoding="utf-8")
        + "gdp-growth,2025-03-31,4.8,revised,,2025-05-20T00:00:00+00:00\n",
        encoding="utf-8",
    )
    result = run("show", "gdp-growth", "-f", str(plan_dir / "targets.yaml"))
    assert "4.6% （已修订）" in result.stdout
    assert "4.8%" in result.stdout and "4.8% （已修订）" not in result.stdout
    english = run("show", "gdp-growth", "-f", str(plan_dir / "targets.yaml"), "--lang", "en")
    assert "4.6% (revised)" in english.stdout


@pytest.mark.usefixtures("english")
def test_show_unknown_target_exits_3(plan_dir: Path):
    result = run("show", "gdp-growh", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    assert "no target with id 'gdp-growh'" in result.stderr
    assert "gdp-growth" in result.stderr


@pytest.mark.usefixtures("english")
def test_validate_ok(plan_dir: Path):
    result = run("validate", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == 0
    assert result.stdout == (
        f"OK: {plan_dir / 'targets.yaml'}: 4 targets (1 stretch), 3 observations in progress.csv\n"
    )


@pytest.mark.parametrize(
    ("replace", "by", "line", "message"),
    [
        ("    pace: cumulative\n    stretch: true", "    pace: cumulative\n    pace: rate", 45,
         "duplicate key 'pace'"),
        ("    target: 5.5\n", "    taget: 5.5\n", 14, "unknown field"),
        ("    target: 4\n", "    target: lots\n", 32, "valid number"),
        ("  - id: gdp-growth\n",
         "  - id: gdp-growth\n    notes: !!python/object/apply:os.system ['true']\n",
         10, "explicit YAML tag"),
        ("  - id: income-growth\n    section: 主要预期目标\n",
         "  - id: income-growth\n\tsection: x\n", 19, "tab"),
    ],
)  # fmt: skip
def test_validate_bad_yaml_exits_3_with_file_and_line(plan_dir, replace, by, line, message):
    plan = plan_dir / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    assert replace in text
    plan.write_text(text.replace(replace, by, 1), encoding="utf-8")
    result = run("validate", "-f", str(plan), "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    assert f"{plan}:{line}:" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("english")
def test_validate_bad_progress_row_exits_3(plan_dir: Path):
    (plan_dir / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at\nnope,2025-13-01,x,,,2025-01-01T00:00:00\n",
        encoding="utf-8",
    )
    result = run("validate", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    for column in ("column id = 'nope'", "column as_of = '2025-13-01'", "column value = 'x'"):
        assert column in result.stderr


@pytest.mark.usefixtures("english")
def test_missing_plan_file_exits_3(tmp_path: Path):
    result = run("status", "-f", str(tmp_path / "none.yaml"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "file not found" in result.stderr


@pytest.mark.usefixtures("english")
def test_usage_error_exits_2():
    result = run("status", "--format", "xml", "--lang", "zh")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == (
        "错误：--format 的值无效：status 没有 'xml' 这种格式：可用 table、json、csv、markdown（md）"
        "（运行 `targets status -h` 查看用法）\n"
    )
    english = run("status", "--format", "xml")
    assert english.stderr == (
        "Error: invalid value for --format: unknown format 'xml' for status: choose one of "
        "table, json, csv, markdown (md) (run `targets status -h` for help)\n"
    )


@pytest.mark.usefixtures("english")
def test_internal_error_exits_4_without_traceback(plan_dir, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(scoring, "assess_plan", broken)
    result = run("status", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: ZeroDivisionError: boom" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run("--debug", "status", "-f", str(plan_dir / "targets.yaml"))
    assert debug.exit_code == ExitCode.INTERNAL
    assert "Traceback" in debug.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("wording", ["error_text", "problem_text"])
def test_a_failure_while_wording_an_error_is_a_bug_exit_4(plan_dir, monkeypatch, lang, wording):
    """An exception raised while an error is worded is met by the exit-4 mapping, like
    any other bug: its message, no traceback without --debug."""

    def broken(*_args, **_kwargs):
        raise RecursionError("deep")

    monkeypatch.setattr(messages, wording, broken)
    plan = plan_dir / "targets.yaml"
    if wording == "problem_text":
        plan.write_text("targets: [", encoding="utf-8")
    result = run("status", "-f", str(plan), "--section", "nope", "--lang", lang)
    assert result.exit_code == ExitCode.INTERNAL
    assert "RecursionError: deep" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run("--debug", "status", "-f", str(plan), "--section", "nope", "--lang", lang)
    assert debug.exit_code == ExitCode.INTERNAL
    assert "Traceback" in debug.stderr


def test_an_unknown_section_of_a_plan_of_hundreds_names_twenty_and_counts_the_rest(plan_dir):
    plan = plan_dir / "targets.yaml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    first = data["targets"][0]
    data["targets"] = [
        {**first, "id": f"t{i}", "section": f"栏目{i}", "section_en": f"part {i}"}
        for i in range(400)
    ]
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for lang, named, more in [
        ("zh", "；".join(f"栏目{i}" for i in range(20)), " 等，另有 380 个"),
        ("en", "; ".join(f"part {i}" for i in range(20)), " and 380 more"),
    ]:
        result = run("status", "-f", str(plan), "--section", "nope", "--lang", lang)
        assert result.exit_code == ExitCode.USAGE, result.stderr
        assert named + more in " ".join(result.stderr.replace("│", " ").split())
        assert "栏目20" not in result.stderr and "part 20" not in result.stderr


def test_init_writes_an_editable_copy_and_refuses_to_overwrite(tmp_path: Path):
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "targets.yaml").read_bytes() == (
        store.bundled_dir() / "targets.yaml"
    ).read_bytes()
    assert (tmp_path / "progress.csv").is_file()
    assert (tmp_path / "reports" / "gongshu-2025.txt").is_file()
    (tmp_path / "progress.csv").write_text("mine", encoding="utf-8")
    again = run("init", str(tmp_path), "--lang", "en")
    assert again.exit_code == ExitCode.INVALID_INPUT
    assert "exist already; choose an empty folder" in again.stderr
    assert (tmp_path / "progress.csv").read_text(encoding="utf-8") == "mine"


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("targets 0.")


COMMANDS = sorted(c.name or c.callback.__name__ for c in cli.app.registered_commands)


def test_the_command_list_is_the_one_documented():
    assert COMMANDS == sorted([
        "check", "coverage", "diff", "draft", "export", "import", "init", "new", "report",
        "retract", "schema", "show", "status", "template", "update", "validate",
    ])  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_row_in_the_readme(command: str):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(" 用法：targets ")  # Chinese by default, as every output
    assert run(command, "--help", "--lang", "en").stdout.startswith(" Usage: targets ")
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `targets {command}\b[^`]*` \| \S", readme, re.M), command
