"""Folding never starts a line with closing punctuation; English counts agree with their
number; a sorted view shows no section headings."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gongshu_targets.cli import app
from gongshu_targets.outputs import terminal

runner = CliRunner()
CLOSING = "，。、；：）」"


def cell_len(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_fold_pulls_the_character_before_closing_punctuation_down():
    assert terminal.fold("以扩大需求为导向，着力巩固", 16) == ["以扩大需求为导", "向，着力巩固"]
    assert terminal.fold("数据截至。」之后", 8) == ["数据截", "至。」之", "后"]
    assert terminal.fold("社会消费品零售总额增长", 8) == ["社会消费", "品零售总", "额增长"]


# Words of characters, each maybe followed by one closing mark, joined by spaces.
_unit = st.tuples(st.sampled_from("拱墅区目标增长abXY"), st.sampled_from(["", *CLOSING]))
_word = st.lists(_unit.map("".join), min_size=1, max_size=12).map("".join)


@given(st.lists(_word, min_size=1, max_size=5).map(" ".join), st.integers(4, 40))
def test_fold_never_starts_a_line_with_closing_punctuation(text: str, width: int):
    lines = terminal.fold(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert [line for line in lines[1:] if line[:1] in CLOSING] == []


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_english_counts_agree_with_their_number(plan_dir: Path):
    f = ("-f", str(plan_dir / "targets.yaml"), "--lang", "en")
    lines = run("status", *f).splitlines()
    assert lines[-2].startswith("3 targets: ")
    assert lines[-1].startswith("★ 1 stretch target, counted apart: no data 1")
    one = run("status", *f, "--status", "at_risk").splitlines()
    assert one[-1].startswith("1 target: at risk 1; ")
    changed = run("diff", *f, "--from", "2025-03-31", "--to", "2025-06-30").splitlines()
    assert changed[-1].startswith("2025-03-31 → 2025-06-30: 1 target changed")


@pytest.mark.parametrize("key", ["status", "gap"])
def test_a_sorted_view_shows_no_section_headings(plan_dir: Path, key: str):
    f = ("-f", str(plan_dir / "targets.yaml"))
    by_plan = run("status", *f)
    assert by_plan.count("主要预期目标") == 1 and by_plan.count("（二）科技") == 1
    for args in (["--sort", key], ["--sort", key, "--format", "markdown"], ["--problems"]):
        out = run("status", *f, *args)
        assert "主要预期目标" not in out and "（二）科技" not in out, args
        assert "**" not in out
    assert "| | **主要预期目标** |" in run("status", *f, "--format", "markdown")


# Chinese, English words, options and numbers, each maybe in brackets or followed by one
# closing mark, with and without spaces between them.
_core = st.sampled_from(["拱墅区", "目标", "增长", "--as-of", "off_track", "2200", "YYYY-MM", "a"])
_bracketed = st.tuples(st.sampled_from(["", "（", "《"]), _core, st.sampled_from(["", *CLOSING]))
_piece = st.tuples(_bracketed.map("".join), st.sampled_from(["", " "])).map("".join)
NARROW_RUN = re.compile(
    r"[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+"
)


@given(st.lists(_piece, min_size=1, max_size=20).map("".join), st.integers(8, 40))
def test_fold_breaks_between_chinese_characters_but_never_inside_a_word(text: str, width: int):
    text = " ".join(text.split())
    lines = terminal.fold(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    runs = NARROW_RUN.findall(text)
    assume(all(len(run) + 6 <= width for run in runs))  # room to keep ） with it
    assert sorted(run for line in lines for run in NARROW_RUN.findall(line)) == sorted(runs)
    assert [line for line in lines[:-1] if line[-1:] in "（《"] == []
    assert [line for line in lines[1:] if line[:1] in CLOSING + "》"] == []


def test_fold_fills_a_line_before_chinese_text_rather_than_starting_it_anew():
    assert terminal.fold("设置一次 TARGETS_LANG=en，各命令即都用英文。", 28) == [
        "设置一次 TARGETS_LANG=en，各",
        "命令即都用英文。",
    ]
    assert terminal.fold("可用 achieved、on_track、at_risk", 20) == [
        "可用 achieved、",
        "on_track、at_risk",
    ]
    assert terminal.fold("默认用每项目标的最新数据", 10) == ["默认用每项", "目标的最新", "数据"]
    assert terminal.fold("数据 《政府工作报告》", 10) == ["数据 《政", "府工作报", "告》"]
    assert terminal.fold("数据《政府", 6) == ["数据", "《政府"]


def test_fold_keeps_a_number_with_its_unit():
    text = "数值，如 4.6、15.2%、4万、75.7亿元、40,000。"
    for width in range(8, 40):
        lines = terminal.fold(text, width)
        assert [line for line in lines[:-1] if line[-1:].isdigit()] == [], width
    assert terminal.fold("如 4.6、15.2%、4万", 16) == ["如 4.6、15.2%、", "4万"]
