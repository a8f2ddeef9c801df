"""The reader's findings do not depend on how a text is typeset: metamorphic properties over
the DEV texts of the corpus (never the holdout's). A real text new to the reader is set in
full-width or ASCII marks, with OCR spaces inside its numbers, hard-wrapped at the width of
a PDF page; each property takes a dev text, typesets it otherwise, and asks for the same
commitments: the same numbers, units, comparators, 力争/确保 and horizons. And a text made
only of results (the result paragraphs of a dev review or bulletin, its headings lost, in
any order) gives no commitment."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gongshu_targets.core.extract import _line_heading, _width, extract

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
    # 2803 .5亿元, 2803.5 亿元, 28 03亿元: a space the OCR or the typesetter put in a number
    spaced = _some(r"(\d)(\.\d|\d|%|亿|万|个)", TEXTS[name], seed)
    assert findings(spaced) == READ[name]


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
