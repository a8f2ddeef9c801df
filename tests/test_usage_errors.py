"""Every usage error (exit 2), Click's own and our option parsers', in the command's
language: what is wrong, naming the option or argument in that language, and where the
command's help is; nothing of Typer's English frame (Usage:, Try, ╭─ Error)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets.cli import app
from gongshu_targets.errors import ExitCode

runner = CliRunner()
HELP = {"zh": "（运行 `targets{} -h` 查看用法）", "en": " (run `targets{} -h` for help)"}
NOT_A_DATE = {
    "zh": "--as-of 的值无效：'2025-02-30' 不是有效的日期：须是日历上有的日子，写作 "
    "YYYY-MM-DD、YYYY/M/D、YYYYQn（季末）或 YYYY-MM（月末）",
    "en": "invalid value for --as-of: '2025-02-30' is not a date: give a day of the calendar "
    "as YYYY-MM-DD, YYYY/M/D, YYYYQn (quarter end) or YYYY-MM (month end)",
}
CASES = {
    "not a date": (["status", "--as-of", "2025-02-30"], NOT_A_DATE),
    "not a count": (
        ["check", "--max-age", "x"],
        {"zh": "--max-age 的值无效：'x' 不是 0 或以上的整数",
         "en": "invalid value for --max-age: 'x' is not a whole number, 0 or more"},
    ),
    "out of range": (
        ["new", "p", "--report", "r.txt", "--region", "某区", "--year", "3000"],
        {"zh": "--year 的值无效：'3000' 不是 1949 至 2200 之间的整数",
         "en": "invalid value for --year: '3000' is not a whole number from 1949 to 2200"},
    ),
    "missing argument": (["show"], {"zh": "缺少参数 编号", "en": "missing argument ID"}),
    "missing option": (
        ["new", "p", "--region", "某区"],
        {"zh": "缺少选项 --report", "en": "missing option --report"},
    ),
    "extra arguments": (
        ["show", "gdp-growth", "extra", "more"],
        {"zh": "多余的参数：'extra'、'more'",
         "en": "unexpected extra arguments: 'extra', 'more'"},
    ),
    "needs a value": (
        ["status", "--as-of"],
        {"zh": "--as-of 后面缺少值", "en": "--as-of needs a value"},
    ),
    "takes no value": (
        ["status", "--problems=yes"],
        {"zh": "--problems 不带值", "en": "--problems takes no value"},
    ),
    "no such option": (
        ["status", "--form", "md"],
        {"zh": "没有 '--form' 这个选项（是否指 --format、--sort？）",
         "en": "no such option: '--form' (did you mean --format, --sort?)"},
    ),
    "a folder for a file": (
        ["validate", "-f", "reports"],
        {"zh": "--file 的值无效：'reports' 是目录，不是文件",
         "en": "invalid value for --file: 'reports' is a folder, not a file"},
    ),
    "a file for a folder": (
        ["init", "r.txt"],
        {"zh": "参数 目录 的值无效：'r.txt' 是文件，不是目录",
         "en": "invalid value for argument DIR: 'r.txt' is a file, not a folder"},
    ),
    "unknown format": (
        ["diff", "--format", "xml"],
        {"zh": "--format 的值无效：diff 没有 'xml' 这种格式："
               "可用 text（txt）、json、markdown（md）",
         "en": "invalid value for --format: unknown format 'xml' for diff: choose one of "
         "text (txt), json, markdown (md)"},
    ),
}  # fmt: skip
GROUP_CASES = {
    "no such command": (
        ["stauts"],
        {"zh": "没有 'stauts' 这个命令（是否指 status？）",
         "en": "no such command: 'stauts' (did you mean status?)"},
    ),
    "missing command": (["--debug"], {"zh": "缺少命令", "en": "missing command"}),
    "no such option of targets": (
        ["--bogus"],
        {"zh": "没有 '--bogus' 这个选项", "en": "no such option: '--bogus'"},
    ),
}  # fmt: skip


def refusal(args: list[str], lang: str, tmp_path: Path) -> str:
    (tmp_path / "reports").mkdir(exist_ok=True)
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, args, env={"TARGETS_LANG": lang, "COLUMNS": "80"})
    assert (result.exit_code, result.stdout) == (ExitCode.USAGE, ""), result.output
    return result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", [*CASES, *GROUP_CASES])
def test_a_usage_error_is_worded_in_the_commands_language(
    case: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    args, words = CASES[case] if case in CASES else GROUP_CASES[case]
    command = f" {args[0]}" if case in CASES else ""
    head = "错误：" if lang == "zh" else "Error: "
    expected = head + words[lang] + HELP[lang].format(command) + "\n"
    assert refusal(args, lang, tmp_path) == expected
    typed = [*args[:1], "--lang", lang, *args[1:]] if case in CASES else [*args, "--lang", lang]
    other = "en" if lang == "zh" else "zh"
    assert refusal(typed, other, tmp_path) == expected  # --lang wins over TARGETS_LANG
