"""The reader's findings do not depend on how a text is typeset: metamorphic properties over
the DEV texts of the corpus (never the holdout's). A real text new to the reader is set in
full-width or ASCII marks, with OCR spaces inside its numbers, hard-wrapped at the width of
a PDF page; each property takes a dev text, typesets it otherwise, and asks for the same
commitments: the same numbers, units, comparators, 力争/确保 and horizons; so do headings
set in other styles and a paragraph moved under another heading of its kind. And a text made
only of results (the result paragraphs of a dev review or bulletin, its headings lost, in
any order) gives no commitment."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gongshu_targets.core.extract import (
    _line_heading,
    _Reader,
    _width,
    extract,
    is_column,
    prepare,
)

DEV = sorted((Path(__file__).parent / "corpus").glob("dev-*.txt"))
TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in DEV}
NAMES = st.sampled_from(sorted(TEXTS))

Finding = tuple[float | None, str, str, bool, bool, int | None, float | None]


def findings(text: str) -> Counter[Finding]:
    found = extract(text)
    return Counter(
        (c.number, c.unit, str(c.comparator), c.stretch, c.floor, c.year, c.quantity.upper)
        for c in found.commitments + found.later
    )


READ = {name: findings(text) for name, text in TEXTS.items()}


def test_the_properties_read_dev_texts_only():
    assert len(TEXTS) >= 50
    assert all(name.startswith("dev-") for name in TEXTS)


def _some(pattern: str, text: str, seed: int, replace: dict[str, str] | None = None) -> str:
    """The text with about half the matches of ``pattern`` replaced (by ``replace`` of the
    match, or by the match with a space inserted after its first part)."""
    chance = random.Random(seed)

    def swap(match: re.Match[str]) -> str:
        if chance.random() < 0.5:
            return match.group()
        if replace is not None:
            return replace[match.group()]
        return match.group(1) + " " + match.group(2)

    return re.sub(pattern, swap, text)


FULL_TO_ASCII = {"，": ",", "；": ";", "（": "(", "）": ")", "：": ":"}
ASCII_TO_FULL = {ascii: full for full, ascii in FULL_TO_ASCII.items()}


@settings(max_examples=60, deadline=None)
@given(NAMES, st.integers(0, 2**32))
def test_full_width_and_ascii_punctuation_read_alike(name, seed):
    text = TEXTS[name]
    as_ascii = _some("[，；（）：]", text, seed, FULL_TO_ASCII)
    assert findings(as_ascii) == READ[name]
    # ASCII marks made full-width, but not a thousands comma (1,000)
    as_full = _some(r",(?!\d{3})|[;():]", text, seed, ASCII_TO_FULL)
    assert findings(as_full) == READ[name]


FULL_DIGITS = {str(d): chr(0xFF10 + d) for d in range(10)} | {"%": "％", ".": "．"}


@settings(max_examples=40, deadline=None)
@given(NAMES, st.integers(0, 2**32))
def test_full_width_digits_read_as_ascii_ones(name, seed):
    assert findings(_some(r"\d|%|(?<=\d)\.(?=\d)", TEXTS[name], seed, FULL_DIGITS)) == READ[name]


@settings(max_examples=40, deadline=None)
@given(NAMES, st.integers(0, 2**32))
def test_ocr_spaces_inside_a_number_change_nothing(name, seed):
    # 2803 .5亿元, 2803.5 亿元, 2 803亿元: a space the OCR or the typesetter put in a number;
    # one between its digits, and not in a number beside another parted from it by a space
    # (a flattened table's cells: there a space parts numbers)
    spaced = _some(r"(\d)(\.\d|%|亿|万|个)", TEXTS[name], seed)
    spaced = _some(r"(?<![\d.%])(?<![\d.%] )(\d)(\d)(?=(?>[\d.]*%?)(?! +\d))", spaced, seed + 1)
    assert findings(spaced) == READ[name]


@pytest.mark.parametrize(
    ("line", "figures"),
    [
        ("城镇新增就业 万人 5.2 7.23  139.1% 人社局", ["5.2万人", "7.23", "139.1%"]),
        ("减少大班额1.4万个以上 869 1022 117.6% 教体局", ["1.4万个", "869", "1022", "117.6%"]),
        ("新建农村公路 公里 168 171.70 102.2%", ["168", "171.70", "102.2%"]),
        ("投资28 03亿元，是20 11年的4倍", ["2803亿元", "2011", "4"]),
    ],
)
def test_numbers_parted_by_a_space_stay_apart_unless_one_was_cut(line, figures):
    # a flattened table's cells (序号 考核指标 单位 目标 完成 占比) were read as one figure:
    # 8691022117.6%; a lone pair of an integer and digits is a number the OCR cut
    numbers = re.findall(r"\d+(?:\.\d+)?", prepare(line))
    assert numbers == [re.match(r"[\d.]+", figure).group() for figure in figures]


def _hard_wrap(text: str, width: int, measure) -> str:
    """Each line longer than ``width`` cut into lines of that width, as a PDF or OCR copy
    sets a page: anywhere, inside a number or a word too (not next to a space: a copy loses
    the spaces at its line ends)."""
    lines = []
    for line in text.split("\n"):
        current = ""
        for char in line.strip():
            if measure(current + char) > width and not (char + current[-1:]).isspace():
                lines.append(current)
                current = ""
            current += char
        lines.append(current)
    return "\n".join(lines)


def test_a_hard_wrapped_page_is_joined_into_its_paragraphs():
    page = (
        "一、2030年工作安排\n"
        "全年地区生产总值增长6%左右，一般公共预算收入增长5%，新建公办幼儿园12所，"
        "改造老旧小区30个，新增城镇就业8000人以上。\n"
        "二、重点工作\n"
        "力争实际利用外资突破10亿美元。\n"
    )
    wrapped = _hard_wrap(page, 20, len)
    assert wrapped.count("\n") == page.count("\n") + 3
    assert findings(wrapped) == findings(page)
    assert findings(_hard_wrap(page, 40, _width)) == findings(page)  # a page's measure
    assert [c.number for c in extract(wrapped).commitments] == [6, 5, 12, 30, 8000, 10]


# ------------------------------------------------------------------ genre: results only


def _result_paragraphs(labels_file: Path) -> list[str]:
    """The paragraphs of a dev text labelled with no commitment that hold a labelled result,
    its heading lines left out (a copy that lost its bold headings)."""
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    text = labels_file.with_name(labels_file.name.replace(".labels.yaml", ".txt"))
    results = [re.sub(r"\s", "", r["at"]) for r in labels["results"] or []]
    return [
        line.strip()
        for line in text.read_text(encoding="utf-8").split("\n")
        if any(result in re.sub(r"\s", "", line) for result in results)
        and _line_heading(line.strip()) is None
    ]


RESULTS_ONLY = {
    path.name.removesuffix(".labels.yaml"): paragraphs
    for path in sorted((Path(__file__).parent / "corpus").glob("dev-*.labels.yaml"))
    if not yaml.safe_load(path.read_text(encoding="utf-8"))["commitments"]
    and (paragraphs := _result_paragraphs(path))
}


def test_the_genre_property_has_texts_of_several_genres():
    # reviews, execution reports, a statistical bulletin, a quarter's statistics
    assert len(RESULTS_ONLY) >= 15
    assert all(name.startswith("dev-") for name in RESULTS_ONLY)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(RESULTS_ONLY)).flatmap(lambda n: st.permutations(RESULTS_ONLY[n])))
def test_a_text_of_results_only_gives_no_commitment_in_any_order_and_without_headings(paras):
    found = extract("\n".join(paras))
    assert found.commitments == [] and found.later == []


# ------------------------------------------------------------------ headings and places

_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


def _number(numeral: str) -> int:
    """1 to 19, in arabic or Chinese numerals (一 to 十九)."""
    if numeral.isdigit():
        return int(numeral)
    if numeral.startswith("十"):
        return 10 + (_CN.index(numeral[1]) + 1 if len(numeral) > 1 else 0)
    return _CN.index(numeral[0]) + 1


# the heading styles from the top of an outline down: 一、 （一） 1、 （1）
_STYLES = [
    (re.compile(rf"[{_CN}]+(?=、)"), lambda n: f"{_cn(n)}、", 1),
    (re.compile(rf"[（(]([{_CN}]+)[）)]"), lambda n: f"（{_cn(n)}）", 0),
    (re.compile(r"(\d{1,2})[、．.](?![\d%])"), lambda n: f"{n}、", 0),
    (re.compile(r"[（(](\d{1,2})[）)]"), lambda n: f"（{n}）", 0),
]


def _one_level_down(text: str) -> str:
    """Every heading set one style lower, consistently (一、 -> （一）, （一） -> 1、,
    1、 -> （1）): the outline keeps its order of levels."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        for level, (pattern, _, skip) in enumerate(_STYLES[:-1]):
            found = pattern.match(line)
            if found:
                numeral = found.group(1) if found.groups() else found.group()
                line = _STYLES[level + 1][1](_number(numeral)) + line[found.end() + skip :]
                break
        lines.append(line)
    return "\n".join(lines)


def test_the_headings_one_style_lower_keep_every_finding():
    restyled = {name: _one_level_down(text) for name, text in TEXTS.items()}
    assert sum(restyled[name] != text for name, text in TEXTS.items()) >= 20
    for name, text in restyled.items():
        assert findings(text) == READ[name], name


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from([".", "．", "、"]))
def test_an_arabic_heading_marked_with_a_point_or_a_comma_reads_alike(name, mark):
    marked = re.sub(r"(?m)^(\s*\d{1,2})[、．.](?![\d%])", lambda m: m.group(1) + mark, TEXTS[name])
    assert findings(marked) == READ[name]


def _moves(text: str) -> list[str]:
    """The text with one paragraph holding a figure moved under another heading of the
    same kind (review, progress or plan), each such move once."""
    reader = _Reader(text)
    lines = reader.text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    headings = {s.start: s for s in reader.sections}
    modes = []
    for start in starts:
        before = [s for s in reader.sections if s.start <= start]
        modes.append(before[-1].mode if before else None)
    heads = [i for i, start in enumerate(starts) if start in headings]
    moved = []
    for i, line in enumerate(lines):
        if starts[i] in headings or modes[i] is None or not re.search(r"\d", line):
            continue
        for h in heads:
            if headings[starts[h]].mode == modes[i]:
                rest = lines[:i] + lines[i + 1 :]
                at = h if h < i else h - 1
                moved.append("\n".join(rest[: at + 1] + [line] + rest[at + 1 :]))
    return moved


def test_a_paragraph_moved_under_another_heading_of_its_kind_keeps_its_findings():
    moves = 0
    for name, text in TEXTS.items():
        if is_column(text):
            continue
        for moved in _moves(text):
            moves += 1
            assert findings(moved) == READ[name], name
    assert moves >= 100
