"""`targets new`: a blank plan of one's own, and nothing in the package tied to one district."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.errors import ExitCode

PACKAGE = Path(cli.__file__).parent
runner = CliRunner()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the tests that read the commands' English words: TARGETS_LANG=en."""
    monkeypatch.setenv("TARGETS_LANG", "en")


REPORT = "二、2026年主要目标\n地区生产总值增长6%左右。\n"


def run(*args: str):
    return runner.invoke(cli.app, list(args))


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "work-report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.usefixtures("english")
def test_new_writes_a_blank_plan_that_validates(tmp_path: Path, report: Path):
    folder = tmp_path / "mine"
    made = run("new", str(folder), "--report", str(report), "--region", "某市某区", "--year",
               "2026")  # fmt: skip
    assert made.exit_code == ExitCode.OK, made.output
    plan = (folder / "targets.yaml").read_text(encoding="utf-8")
    assert plan == (
        "# yaml-language-server: $schema=./targets.schema.json\n"
        "id: work-report-2026\n"
        "title: 某市某区2026年政府工作报告主要目标任务\n"
        "region: 某市某区\n"
        "period:\n"
        "  start: 2026-01-01\n"
        "  end: 2026-12-31\n"
        "source: reports/work-report.txt\n"
        "targets: []\n"
    )
    assert (folder / "progress.csv").read_text(encoding="utf-8") == (
        "id,as_of,value,source,note,recorded_at\n"
    )
    assert (folder / "reports" / "work-report.txt").read_text(encoding="utf-8") == REPORT
    assert (folder / "targets.schema.json").is_file()
    checked = run("validate", "-f", str(folder / "targets.yaml"))
    assert checked.exit_code == ExitCode.OK, checked.output
    assert checked.stdout == (
        f"OK: {folder / 'targets.yaml'}: 0 targets (0 stretch), 0 observations in progress.csv\n"
    )


def test_new_takes_a_period_title_and_id(tmp_path: Path, report: Path):
    made = run(
        "new", str(tmp_path / "p"), "--report", str(report), "--region", "甲市",
        "--start", "2026-07-01", "--end", "2027-06-30", "--title", "甲市计划", "--id", "jia",
    )  # fmt: skip
    assert made.exit_code == ExitCode.OK, made.output
    plan = (tmp_path / "p" / "targets.yaml").read_text(encoding="utf-8")
    assert "id: jia\ntitle: 甲市计划\n" in plan
    assert "  start: 2026-07-01\n  end: 2027-06-30\n" in plan


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2026-01-01"], "give both --start and --end"),
        (["--year", "2026", "--start", "2026-01-01", "--end", "2026-06-30"], "not both"),
        (["--id", "Not Kebab"], "--id: 'Not Kebab' is not an id: use lowercase letters"),
        (["--start", "2026-06-30", "--end", "2026-01-01"], "period end must be after its start"),
    ],
)
def test_new_refuses_bad_options_and_writes_nothing(
    tmp_path: Path, report: Path, args: list[str], message: str
):
    folder = tmp_path / "p"
    result = run(
        "new", str(folder), "--report", str(report), "--region", "甲", *args, "--lang", "en"
    )
    assert result.exit_code == ExitCode.USAGE
    assert message in result.output
    assert not folder.exists()


def test_new_never_overwrites(tmp_path: Path, report: Path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "progress.csv").write_text("mine", encoding="utf-8")
    result = run("new", str(folder), "--report", str(report), "--region", "甲", "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "progress.csv exists already" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["progress.csv"]
    assert (folder / "progress.csv").read_text(encoding="utf-8") == "mine"


@pytest.mark.usefixtures("english")
def test_a_missing_report_is_invalid_input(tmp_path: Path):
    result = run("new", str(tmp_path / "p"), "--report", str(tmp_path / "no.txt"), "--region", "甲")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "file not found" in result.stderr
    assert not (tmp_path / "p").exists()


def test_the_report_heading_and_hints_come_from_the_plan(tmp_path: Path, report: Path):
    folder = tmp_path / "p"
    run("new", str(folder), "--report", str(report), "--region", "甲区", "--year", "2031")
    plan = str(folder / "targets.yaml")
    heading = run("report", "-f", plan, "--format", "md")
    assert heading.stdout.splitlines()[0] == (
        "## 甲区2031年政府工作报告主要目标任务完成情况（数据截至—）"
    )
    hint = run("update", "x", "1", "-f", plan)
    assert hint.exit_code == ExitCode.USAGE
    assert "如 --as-of 2031Q3" in hint.output


# A year (2000-2049) as a word of its own: not "yaml.org,2002:" nor "\u2002".
YEAR = re.compile(r"(?<![A-Za-z0-9\\,])20[0-4]\d(?![\d:])")
REGION = re.compile(r"拱墅|杭州|Gongshu|Hangzhou", re.I)
PACKAGE_NAME = re.compile(r"gongshu[-_]targets")


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module, docstrings only where they are help (cli.py)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    if path.name != "cli.py":
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body:
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]  # fmt: skip


def test_no_region_or_year_is_written_into_the_package():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _strings(path)
        if YEAR.search(text) or REGION.search(PACKAGE_NAME.sub("", text))
    ]
    assert found == []


def test_the_scan_would_see_a_year_or_a_region():
    assert YEAR.search("e.g. --as-of 2025Q3") and YEAR.search("拱墅区2025年")
    assert REGION.search("the bundled Gongshu plan")
    assert not YEAR.search("tag:yaml.org,2002:str") and not YEAR.search("\\u2002")


COMMANDS = sorted(c.name or c.callback.__name__ for c in cli.app.registered_commands)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_no_help_names_a_region_or_a_year(command: list[str]):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert not YEAR.search(result.stdout) and not REGION.search(result.stdout), result.stdout


def test_new_takes_the_english_title_and_region_and_draft_keeps_them(tmp_path: Path, report):
    folder = tmp_path / "p"
    made = run("new", str(folder), "--report", str(report), "--region", "甲区", "--year", "2026",
               "--region-en", "Jia District", "--title-en", "Jia's targets")  # fmt: skip
    assert made.exit_code == ExitCode.OK, made.output
    plan = folder / "targets.yaml"
    assert "title: 甲区2026年政府工作报告主要目标任务\ntitle_en: Jia's targets\nregion: 甲区\n" \
        "region_en: Jia District\n" in plan.read_text(encoding="utf-8")  # fmt: skip
    status = runner.invoke(cli.app, ["status", "-f", str(plan), "--lang", "en"],
                           env={"COLUMNS": "160"})  # fmt: skip
    assert status.stdout.splitlines()[0].strip() == "Jia's targets · Jia District · data as of —"
    drafted = run("draft", str(folder / "reports" / report.name), "-f", str(plan))
    assert drafted.exit_code == ExitCode.OK, drafted.output
    assert "title_en: Jia's targets\nregion: 甲区\nregion_en: Jia District\n" in drafted.stdout


def test_new_words_an_english_title_from_the_english_region(tmp_path: Path, report: Path):
    folder = tmp_path / "p"
    made = run("new", str(folder), "--report", str(report), "--region", "甲区", "--year", "2026",
               "--region-en", "Jia District")  # fmt: skip
    assert made.exit_code == ExitCode.OK, made.output
    assert "title_en: 'Jia District: main targets of the 2026 government work report'\n" in (
        folder / "targets.yaml"
    ).read_text(encoding="utf-8")
    titled = tmp_path / "t"  # a title of one's own: no English one is made up beside it
    run("new", str(titled), "--report", str(report), "--region", "甲区", "--title", "甲区目标",
        "--region-en", "Jia District")  # fmt: skip
    assert "title_en" not in (titled / "targets.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title-en", ""], "--title-en: must not be empty"),
        (["--region-en", ""], "--region-en: must not be empty"),
        (["--region-en", "Jia\x1b[31m"], "--region-en: holds U+001B (escape)"),
        (["--title-en", "a\nb"], "--title-en: holds U+000A"),
    ],
)
def test_new_refuses_bad_english_forms_and_writes_nothing(
    tmp_path: Path, report: Path, args: list[str], message: str
):
    folder = tmp_path / "p"
    result = run(
        "new", str(folder), "--report", str(report), "--region", "甲", *args, "--lang", "en"
    )
    assert result.exit_code == ExitCode.USAGE
    assert message in " ".join(result.stderr.split())
    assert not folder.exists()


# A value the user typed as an option is named by the option in a refusal, in the reader's
# language, never by the YAML field it would have become (title, id, source): one of each
# way a header field gets its value (typed, made of another option, the report's name).
NAMED_REFUSALS = {
    "region": (
        ["--region", "a\x1b[31mb"],
        "Error: invalid value for --region: holds U+001B (escape) at character 2; it is one "
        "line of text",
        "错误：--region 的值无效：第 2 个字符是 U+001B（转义符）；此处只能是一行文字",
    ),
    "id": (
        ["--region", "甲", "--id", "Bad Id"],
        "Error: invalid value for --id: 'Bad Id' is not an id: use lowercase letters, digits "
        "and single hyphens (gdp-growth)",
        "错误：--id 的值无效：'Bad Id' 不是有效的编号：只能用小写字母、数字和单个连字符"
        "（如 `gdp-growth`）",
    ),
    "title": (
        ["--region", "甲", "--title", "a\tb"],
        "Error: invalid value for --title: holds U+0009 (tab) at character 2; it is one line "
        "of text",
        "错误：--title 的值无效：第 2 个字符是 U+0009（制表符）；此处只能是一行文字",
    ),
    "english title made of the english region": (
        ["--region", "甲", "--region-en", "a\udc85b"],
        "Error: invalid value for --region-en: 'a\\udc85b' is not text",
        "错误：--region-en 的值无效：'a\\udc85b' 不是文本",
    ),
    "period": (
        ["--region", "甲", "--start", "2026-06-30", "--end", "2026-01-01"],
        "Error: invalid value for --end: period end must be after its start",
        "错误：--end 的值无效：计划期的结束日期必须晚于开始日期",
    ),
    "report's name": (
        ["--region", "甲", "--report", "x\n.txt"],
        "Error: invalid value for --report: holds U+000A (line feed) at character 2; it is one "
        "line of text (run `targets new -h` for help)",
        "错误：--report 的值无效：第 2 个字符是 U+000A（换行符）；此处只能是一行文字（运行 "
        "`targets new -h` 查看用法）",
    ),
}


@pytest.mark.parametrize("name", NAMED_REFUSALS)
def test_a_refusal_of_new_names_the_option_typed_not_a_field(
    name: str, tmp_path: Path, report: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x\n.txt").write_text(REPORT, encoding="utf-8")
    args, en, zh = NAMED_REFUSALS[name]
    for lang, said in (("en", en), ("zh", zh)):
        result = run("new", "p", "--report", str(report), *args, "--lang", lang)
        assert result.exit_code == ExitCode.USAGE
        assert result.stderr == said + "\n"
        assert not (tmp_path / "p").exists()


def test_a_draft_of_a_report_whose_name_is_no_line_names_the_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x\n.txt").write_text(REPORT, encoding="utf-8")
    said = {
        "en": "Error: invalid value for argument REPORT: holds U+000A (line feed) at character "
        "2; it is one line of text (run `targets draft -h` for help)\n",
        "zh": "错误：参数 报告文本 的值无效：第 2 个字符是 U+000A（换行符）；此处只能是一行文字"
        "（运行 `targets draft -h` 查看用法）\n",
    }
    for lang, text in said.items():
        result = run("draft", "x\n.txt", "-o", "d.yaml", "--lang", lang)
        assert (result.exit_code, result.stderr) == (ExitCode.USAGE, text)
        assert not (tmp_path / "d.yaml").exists()
