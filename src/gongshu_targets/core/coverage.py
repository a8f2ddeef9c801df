"""Report text -> every quantified phrase, classified, and matched to the plan's targets.

This is how the promise "every quantified commitment of the report is in targets.yaml"
is checked rather than trusted: each number-with-unit in the report is a commitment, a
result already achieved, or a name that merely contains a number; every commitment must
fall inside the quote of a target that carries the same number and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongshu_targets.core.models import RELATIVE, Plan, Target
from gongshu_targets.enums import Comparator

# OCR left spaces around the decimal point of some numbers: "38 .3%", "1. 9%", "75 .7亿元".
_SPACE_BEFORE_POINT = re.compile(r"(?<=\d)[ \u2002\u3000]+(?=\.\d)")
_SPACE_AFTER_POINT = re.compile(r"(?<=\d\.)[ \u2002\u3000]+(?=\d)")
# Page-jump markers of the newspaper: （下转7版）, （上接1版）.
_PAGE_MARKER = re.compile(r"[（(][上下][转接]\d+版[）)]")

UNITS = ("万平方米", "平方米", "万元", "亿元", "万名", "万人", "公里", "%", "家", "个", "项",
         "名", "件", "亩", "条", "人")  # fmt: skip
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)(" + "|".join(map(re.escape, UNITS)) + ")")
# A number in words: 突破亿元 / 超过亿元 is "more than 1 亿元".
_IN_WORDS = re.compile(r"(?:突破|超过)(亿元|万元)(?!以上)")
# Commitments with no number of their own: stay above zero, keep in step with another figure.
_RELATIVE = {
    Comparator.POSITIVE: re.compile(r"保持正增长"),
    Comparator.IN_STEP: re.compile(r"与[^，。；]{1,12}基本同步"),
}

# Names that contain a number but promise none. Each is masked before phrases are read.
IGNORED: tuple[tuple[str, str], ...] = (
    (r"“民营经济\d+条”", "the name of a policy (32 measures for the private economy)"),
    (r"“三个\d+%”", "the name of a policy (the three 15% rules)"),
    (r"\d+个方面", "a count of the report's own points"),
    (r"“\d+”", "a programme's name in quotes (“315”, “132”)"),
    (r"“\d+(?:\+[\dN]+)+”", "a programme's name (“6+1”, “1+4+N”)"),
    (r"\d+国道", "a road's name (320国道)"),
    (r"\d+周岁以下", "an age limit qualifying a target, not a target"),
)
_IGNORED = [(re.compile(pattern), reason) for pattern, reason in IGNORED]
# Where the plan starts: everything before the heading 二、2025年发展主要目标… is a review
# of results, and any sentence about the first quarter reports results too.
_PLAN_HEADING = re.compile(r"[一二三四五六七八九十]、\d{4}年[^。]*?目标")
_RESULT_WORDS = ("一季度",)
_SENTENCE_END = "。；！？"


def normalise_report(text: str) -> str:
    """Join the newspaper column's line breaks, drop page markers, repair OCR numbers."""
    joined = "".join(line.strip("\r") for line in text.split("\n"))
    joined = _PAGE_MARKER.sub("", joined)
    return _SPACE_AFTER_POINT.sub("", _SPACE_BEFORE_POINT.sub("", joined))


@dataclass(frozen=True)
class Phrase:
    """A quantity in the report: its text, number and unit, where it is, and its sentence."""

    text: str
    number: float | None  # None for 保持正增长 / 基本同步
    unit: str
    start: int
    end: int
    sentence: str


@dataclass
class CoverageReport:
    covered: list[tuple[Phrase, str]] = field(default_factory=list)  # (phrase, target id)
    uncovered: list[Phrase] = field(default_factory=list)
    results: list[Phrase] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    missing_quotes: list[str] = field(default_factory=list)  # target ids
    mismatched: list[tuple[str, str]] = field(default_factory=list)  # (target id, why)

    @property
    def ok(self) -> bool:
        return not (self.uncovered or self.missing_quotes or self.mismatched)


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, position) for ch in _SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, position) for ch in _SENTENCE_END) if i != -1]
    return start, (min(ends) + 1 if ends else len(text))


def find_phrases(text: str) -> tuple[list[Phrase], list[tuple[str, str]]]:
    """Every quantity in normalised text, and the ignored names (masked out first)."""
    ignored: list[tuple[str, str]] = []
    masked = text
    for pattern, reason in _IGNORED:
        for match in pattern.finditer(text):
            ignored.append((match.group(), reason))
            masked = masked[: match.start()] + " " * len(match.group()) + masked[match.end() :]
    phrases = []
    for match in _QUANTITY.finditer(masked):
        start, end = _sentence_bounds(text, match.start())
        phrases.append(
            Phrase(match.group(), float(match.group(1)), match.group(2), match.start(),
                   match.end(), text[start:end])
        )  # fmt: skip
    for match in _IN_WORDS.finditer(masked):
        start, end = _sentence_bounds(text, match.start())
        phrases.append(
            Phrase(match.group(), 1.0, match.group(1), match.start(), match.end(), text[start:end])
        )
    for comparator, pattern in _RELATIVE.items():
        for match in pattern.finditer(masked):
            start, end = _sentence_bounds(text, match.start())
            phrases.append(
                Phrase(match.group(), None, str(comparator), match.start(), match.end(),
                       text[start:end])
            )  # fmt: skip
    phrases.sort(key=lambda p: p.start)
    return phrases, ignored


def is_result(text: str, phrase: Phrase) -> bool:
    heading = _PLAN_HEADING.search(text)
    if heading is not None and phrase.start < heading.start():
        return True
    return any(word in phrase.sentence for word in _RESULT_WORDS)


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _carries(target: Target, phrase: Phrase) -> bool:
    if phrase.number is None:
        return target.comparator in RELATIVE and phrase.unit == target.comparator
    return phrase.unit == target.unit and phrase.number == target.target


def implied_comparator(quote: str) -> Comparator:
    """The comparison the report's wording fixes (see the report's README)."""
    if "左右" in quote:
        return Comparator.ABOUT
    if re.search(r"\d%?[—–～~-]\d", quote):
        return Comparator.RANGE
    for comparator, pattern in _RELATIVE.items():
        if pattern.search(quote):
            return comparator
    if re.search("超过|突破", quote):
        return Comparator.MORE_THAN
    if re.search("以内|控制在|不高于", quote):
        return Comparator.AT_MOST
    return Comparator.AT_LEAST  # 以上, 达到, 提升至, 不低于, or a bare count to deliver


def check_coverage(plan: Plan, report_text: str) -> CoverageReport:
    """Match every commitment in the report to a target through its quote and number."""
    text = normalise_report(report_text)
    phrases, ignored = find_phrases(text)
    result = CoverageReport(ignored=ignored)
    commitments: list[Phrase] = []
    for phrase in phrases:
        (result.results if is_result(text, phrase) else commitments).append(phrase)
    spans = {t.id: _spans(text, t.quote) for t in plan.targets}
    for target in plan.targets:
        if not spans[target.id]:
            result.missing_quotes.append(target.id)
            continue
        if target.is_task:  # no number to carry: its quote being in the report is enough
            continue
        implied = implied_comparator(target.quote)
        if target.comparator is not implied:
            result.mismatched.append(
                (target.id, f"comparator {target.comparator}, but its quote words {implied}")
            )
        inside = [
            p for p in phrases if any(s <= p.start and p.end <= e for s, e in spans[target.id])
        ]
        if not any(_carries(target, p) for p in inside):
            found = ", ".join(p.text for p in inside) or "no quantity"
            wanted = (
                target.comparator if target.target is None else f"{target.target:g} {target.unit}"
            )
            result.mismatched.append((target.id, f"target {wanted}, but its quote says {found}"))
    for phrase in commitments:
        match = next(
            (
                t.id
                for t in plan.targets
                if _carries(t, phrase)
                and any(s <= phrase.start and phrase.end <= e for s, e in spans[t.id])
            ),
            None,
        )
        if match is None:
            result.uncovered.append(phrase)
        else:
            result.covered.append((phrase, match))
    return result
