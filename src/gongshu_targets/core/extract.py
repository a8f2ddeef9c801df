"""Report text -> every quantified forward-looking commitment, and the results set aside.

One reader for `targets coverage` and `targets draft`. It works on any Chinese government
work report, plan-execution report or quarterly task table, in four steps, each linear in
the length of the text:

1. **prepare**: a newspaper column (many short lines, most at one width) is joined into
   one paragraph, but a heading set on a line of its own keeps its line end (a heading
   ends there, 。 or not); a page hard-wrapped at a wider measure (a PDF or OCR copy) is
   joined into its paragraphs; other texts keep their lines. Page markers go, OCR spaces
   inside numbers go, full-width digits become ASCII.
2. **structure**: headings (一、 （一） 1、 （1） ■ 第一部分, or a short line naming
   回顾/安排/目标) open sections, an outline of levels; each says whether what follows
   reviews the past (回顾, 成绩), reports a plan's progress (完成情况, 执行情况, 进展情况: a
   review when it names an earlier year than the plan's) or plans ahead (安排, 目标, 任务, 计划),
   or inherits its parent's say (a numbered heading naming neither, under a line naming
   工作回顾); words that go either way (成就, 目标任务) follow a parent that names the other
   mode, and an aim (取得新成就) is no achievement; words that only lean (重点, 成效显著)
   decide when no parent does. Tables
   are read by column: 主要工作内容 holds commitments, 完成进度 / 累计完成情况 / 实际完成
   hold results.
3. **quantities**: a number, an optional scale word, a measure word (longest match, with a
   boundary check; a scale word alone is a unit too) and any denominator; a range
   (5%—5.5%); 突破亿元; and the relative commitments 保持正增长 and 与…(基本)同步.
4. **judgement**: each quantity is a name (“民营经济32条”, 4个方面), a qualifier (亿元以上项目),
   a result (review section, table result column, or a clause cue: 预计, 一季度, 去年,
   连续N年, 居第N…; a change against last year unless its sentence or its list's intro
   plans: 今年主要预期目标如下。), a restatement of an earlier commitment (重点项目57个 …
   57个新续建重点项目全年计划…), or a commitment, with its comparator, 力争 (stretch),
   确保 (floor) and horizon (到2030年 is a later year).
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from gongshu_targets.core.units import (
    COUNTED,
    LONGEST_MEASURE,
    MEASURES,
    MONEY,
    PER,
    PERCENT,
    POINTS,
    SCALES,
)
from gongshu_targets.enums import Comparator

# ---------------------------------------------------------------- 1. prepare

# Page-jump markers of a newspaper: （下转7版）, （上接1版）, (紧接第3版).
_PAGE_MARKER = re.compile(r"[（(](?:[上下][转接]|紧接)第?\d+版[）)]")
# OCR and typesetting spaces next to a number: "38 .3%", "1. 9%", "达 134.9 万亿元".
_SPACE_IN_NUMBER = re.compile(
    r"(?<=\d)[ \u2002\u3000](?=[.%\u4e00-\u9fff])|(?<=\.)[ \u2002\u3000](?=\d)"
    r"|(?<=[\u4e00-\u9fff])[ \u2002\u3000](?=\d)"
)
# A space between two runs of digits joins them only as one number cut in two ("28 03亿元",
# "20 11年"): a whole integer then digits, neither in a chain of numbers set apart by spaces.
# The cells of a table flattened into text ("5.2 7.23 139.1%", "869 1022 117.6%") stay
# apart: joined, they read as one wrong figure.
_SPACE_IN_DIGITS = re.compile(
    r"(?<![\d.%])(?<![\d.%][ \u2002\u3000])(\d+)[ \u2002\u3000]"
    r"(?=(?>\d+(?:\.\d+)?%?)(?![\d.]|[ \u2002\u3000]+\d))"
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")


def is_column(text: str) -> bool:
    """A newspaper column turned into text: a line break every few characters, most lines
    wrapped at one width. Short lines of many widths (one figure a line, a notice's
    牵头单位 lines) are lines of their own."""
    lengths = [len(line.strip()) for line in text.split("\n") if line.strip()]
    if len(lengths) < 20:
        return False
    width = statistics.median(lengths)
    wrapped = sum(abs(length - width) <= 1 for length in lengths)
    return width <= 20 and wrapped >= len(lengths) / 2


# A line that ends on one of these goes on in the next line.
_GOES_ON = "，,、：:“（("


def _join_column(text: str) -> str:
    """A column's lines as one paragraph, but for a heading set on a line of its own: a
    line wrapped at the column's width goes on in the next one, while a heading line that
    is shorter or longer than the width and does not end on a comma ends at its line end
    (so the paragraph after a heading with no 。 is not read as the heading's tail)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    width = statistics.median(len(line) for line in lines)
    parts = []
    for line in lines:
        parts.append(line)
        heading = _TOP_HEADING.match(line) or _SUB_HEADING.match(line)
        wrapped = abs(len(line) - width) <= 1
        if heading and not wrapped and line[-1] not in _GOES_ON + _SENTENCE_ENDS:
            parts.append("\n")
        elif len(line) < width - 1 and line[-1] in _PERIOD_ENDS:
            parts.append("\n")  # a paragraph's last line: short, ending a sentence
    return "".join(parts)


def _width(line: str) -> int:
    """How wide a line is set: a Chinese character or full-width mark takes two places, an
    ASCII character one (from the UTF-8 length: three bytes for the one, one for the other)."""
    return len(line) + (len(line.encode("utf-8")) - len(line)) // 2


_NARROWEST = 16  # the narrowest measure of a hard wrap; a narrower one is a column


def _wrap_width(lines: list[str]) -> tuple[Callable[[str], int], int] | None:
    """How a hard-wrapped text (a PDF or OCR copy, a page set in lines of one measure) is
    measured, and the width its wrapped lines reach, or None for a text that keeps its
    paragraphs on lines: most lines that do not end a sentence reach one width, by
    characters or by places set, half as many again as reach any shorter long width, and
    hardly any line is longer. Long lines ending in 。 and short headings are no wrap; nor
    are lines of one figure each (a list of targets, one a line: many widths)."""
    open_lines = [line for line in lines if line[-1] not in _SENTENCE_ENDS]
    if len(open_lines) < 2:
        return None
    best: tuple[int, tuple[Callable[[str], int], int] | None] = (0, None)
    for measure, slack in ((len, 0), (_width, 2)):
        counts = Counter(measure(line) for line in open_lines)
        widths = [w for w in counts if w >= _NARROWEST]
        if not widths:
            continue
        reaching = {w: sum(counts[w + d] for d in range(-slack, 1)) for w in counts}
        width = max(widths, key=lambda w: (reaching[w], w))
        full = reaching[width]
        # the next most common of the long widths short of the wrap's: lines of one figure
        # each come in many widths, none much more common than the others
        runner_up = max(
            (n for w, n in reaching.items() if width / 2 <= w < width - slack), default=0
        )
        longer = sum(measure(line) > width + slack for line in lines)
        if (
            full > best[0]
            and full >= max(2, len(lines) / 20)
            and 2 * full > 3 * runner_up
            and longer <= full // 5 + 1
        ):
            best = (full, (measure, width - slack))
    return best[1]


def _unwrap(lines: list[str]) -> str:
    """The lines of a hard-wrapped text joined into its paragraphs: a line that reaches the
    width goes on in the next, unless a heading (一、, （一）) opens that one, even when it
    ends on 。 (a sentence ends at the width more often than a paragraph does); other lines
    keep their line ends."""
    wrap = _wrap_width(lines)
    if wrap is None:
        return "\n".join(lines)
    measure, reach = wrap
    parts = []
    for i, line in enumerate(lines):
        parts.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        goes_on = measure(line) >= reach and not (
            _TOP_HEADING.match(following) or _SUB_HEADING.match(following)
        )
        if following and not goes_on:
            parts.append("\n")
    return "".join(parts)


def prepare(text: str) -> str:
    """The text the extractor reads, and every quote and position refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_column(text):
        text = _join_column(text)
    else:
        text = _unwrap([line.strip() for line in text.split("\n") if line.strip()])
    text = _PAGE_MARKER.sub("", text).translate(_FULL_WIDTH)
    text = _THOUSANDS.sub("", text)
    return _SPACE_IN_NUMBER.sub("", _SPACE_IN_DIGITS.sub(r"\1", text))


# ---------------------------------------------------------------- results of the reader


@dataclass(frozen=True)
class Quantity:
    """A quantity in the prepared text. ``text`` is the number with its unit as written
    (``800亿元``, ``5%—5.5%``, ``突破亿元``, ``与经济增长基本同步``); ``phrase`` adds the
    comparison words around it (``800亿元以上``, ``力争突破亿元``)."""

    text: str
    number: float | None
    unit: str  # for 保持正增长 / 基本同步: the comparator's name, "positive" / "in_step"
    start: int
    end: int
    phrase: str
    phrase_start: int
    upper: float | None = None


@dataclass(frozen=True)
class _Found:
    """What the reader found at a quantity: its text, number, unit and place are the
    quantity's."""

    quantity: Quantity

    @property
    def text(self) -> str:
        return self.quantity.text

    @property
    def number(self) -> float | None:
        return self.quantity.number

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end


@dataclass(frozen=True)
class Commitment(_Found):
    comparator: Comparator
    stretch: bool  # 力争
    floor: bool  # 确保
    year: int | None  # the horizon when it is a later year than the plan's (到2030年)
    section: str
    clause: str  # from the clause's start through the phrase: the quote of a target
    clause_start: int
    sentence: str
    # the item a 分别 list pairs with this figure, with its verb: 城镇居民人均可支配收入增长
    # of 城镇居民、农村居民人均可支配收入分别增长7%、8%; "" outside such a list
    item: str = ""
    # the indicators a relative commitment names, each its own: 一般公共预算收入、固定资产投资
    # 保持正增长 names two; () when it names one
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetAside(_Found):
    """A quantity that is no commitment of the plan: a result, a name, a qualifier."""

    why: str
    sentence: str


@dataclass
class Extraction:
    text: str  # the prepared text
    year: int | None  # the plan's year, as the text says it
    commitments: list[Commitment] = field(default_factory=list)  # this year's
    later: list[Commitment] = field(default_factory=list)  # for a later year
    results: list[SetAside] = field(default_factory=list)
    ignored: list[SetAside] = field(default_factory=list)  # names and qualifiers
    restated: list[SetAside] = field(default_factory=list)  # commitments said again


# ---------------------------------------------------------------- 2. structure

_CN_NUMERAL = "一二三四五六七八九十"
# 第一章 and 第一节 are the chapters and sections of a plan outline (规划纲要) or a long report.
_TOP_HEADING = re.compile(rf"[{_CN_NUMERAL}]+[、.．]|第[{_CN_NUMERAL}]+(?:部分|篇|章|节)|■")
_SUB_HEADING = re.compile(rf"[（(][{_CN_NUMERAL}]+[）)]")
# 1、 1. （1） at a line's start; not 1.5% nor 2025年.
_ARABIC_HEADING = re.compile(r"\d{1,2}(?:[、．]|\.(?![\d%]))|[（(]\d{1,2}[）)]")
_ITEM_MARK = re.compile(r"^\s*(?:\d{1,2}[、．.]|[（(]\d{1,2}[）)])")
_ITEM_END = re.compile(r"[。！？；;，,：:]")
# Words of a heading that fix its time: a span told back (回顾, 过去一年, 以来), a plan's
# progress, a plan ahead (安排, 今年, 展望).
_TOLD_BACK = r"回顾|工作总结|过去一年|过去五年|以来|一年来|五年来"
_PROGRESS_WORDS = re.compile(r"完成情况|执行情况|进展情况")
_AHEAD_WORDS = r"安排|计划|今年|展望|工作部署"
_FIXES_TIME = re.compile(rf"{_TOLD_BACK}|{_AHEAD_WORDS}|{_PROGRESS_WORDS.pattern}")
# 成就 and 成绩 head what a period achieved (主要成就, 发展成绩), but one still to reach or to
# keep is an aim (取得新成就, 更大成绩, 巩固发展成就); 目标 and 任务 head a plan, or the plan a
# review says was met (圆满完成目标任务). Such words go either way: they name a heading's
# mode after the words that fix its time, and only where no heading above names the other.
_ACHIEVED = re.compile("成绩|成就")
_AIMED = re.compile(
    r"(?:新|更[大好多高优]|(?:巩固|拓展|扩大|再创|争创|创造|夺取)[^，,；;。]{0,8}?)(?:成绩|成就)"
)
_REVIEW_WORDS = re.compile(_TOLD_BACK)
_PLAN_WORDS = re.compile(_AHEAD_WORDS)
_TASK_WORDS = re.compile("目标|任务")
# Words that lean one way but yield to the parent heading: 重点项目建设成效显著 under 上半年工作
# 总结 reviews; 成效显著 alone reviews, 重点工作 alone plans.
_LEANS_REVIEW = re.compile(r"成效|显著|取得")
_LEANS_PLAN = re.compile(r"重点|思路|要求|建议")
_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?=\s?年)")
_RANGE_END = re.compile(r"(?<=\d\d[—–－~～-])(20\d\d)(?=年)")
_YEAR_DIGITS = re.compile(r"(?=(?:20|19)\d\d)")  # where any year could start
_SENTENCE_ENDS = "。；！？!?;\n"
_CLAUSE_ENDS = _SENTENCE_ENDS + "，,、：:"
_LIST_ENDS = _SENTENCE_ENDS + "，,：:"
_PERIOD_ENDS = "。！？!?\n"  # a sentence in the full sense: ； does not end it

REVIEW, PROGRESS, PLAN = "review", "progress", "plan"


@dataclass(frozen=True)
class Section:
    start: int
    heading: str
    named: str | None  # REVIEW, PROGRESS or PLAN when the heading says so, else None
    # 0 a part (第一部分, 第一篇, ■, a bare line), 1 第一章, 2 第一节, 3 一、, 4 （一）, 5 1、,
    # 6 （1）
    rank: int
    mode: str | None = None  # the mode in force: its own, or its parent's


def _heading_mode(heading: str) -> str | None:
    """The mode a heading names: by the words that fix its time, else by those that go
    either way (成就 told as done, 目标, 任务)."""
    if _REVIEW_WORDS.search(heading):
        return REVIEW
    if _PROGRESS_WORDS.search(heading):
        return PROGRESS
    if _PLAN_WORDS.search(heading):
        return PLAN
    if _ACHIEVED.search(_AIMED.sub("", heading)):
        return REVIEW
    if _TASK_WORDS.search(heading):
        return PLAN
    return None


def _names_both(heading: str) -> bool:
    """Whether a heading names a review and a plan (2025年工作回顾和2026年目标任务)."""
    review = _REVIEW_WORDS.search(heading) or _ACHIEVED.search(_AIMED.sub("", heading))
    return bool(review and (_PLAN_WORDS.search(heading) or _TASK_WORDS.search(heading)))


def _leaning(heading: str) -> str | None:
    if _LEANS_REVIEW.search(heading):
        return REVIEW
    if _LEANS_PLAN.search(heading):
        return PLAN
    return None


_TOP_RANK = 3  # the rank of 一、


def _rank(marker: str) -> int:
    """The outline level a heading's marker stands for."""
    if marker.startswith("第"):
        return {"章": 1, "节": 2}.get(marker[-1], 0)
    if marker == "■":
        return 0
    if marker[0] in _CN_NUMERAL:
        return _TOP_RANK
    if marker[0] in "（(" and marker[1] in _CN_NUMERAL:
        return _TOP_RANK + 1
    return _TOP_RANK + 3 if marker[0] in "（(" else _TOP_RANK + 2


def _line_heading(line: str) -> tuple[str, str | None, int] | None:
    """A line's heading (its first sentence; for an arabic 1、 or （1） item, its first
    clause), the mode it names and its rank, or None."""
    marker = _TOP_HEADING.match(line) or _SUB_HEADING.match(line)
    if marker and marker.group() == "■" and len(line) > 40:  # a paragraph marked ■
        marker = None
    if marker:
        end = min((i for i in (line.find("。"), line.find("！")) if i != -1), default=len(line))
        heading = line[: min(end, 60)]
        return heading, _heading_mode(heading), _rank(marker.group())
    item = _ARABIC_HEADING.match(line)
    if item:
        clause = _ITEM_END.search(line, item.end())
        heading = line[: clause.start() if clause else min(len(line), 60)]
        return heading, _heading_mode(heading), _rank(item.group())
    short = len(line) <= 30 and not any(ch in line for ch in "。，,；;")
    if short and (_heading_mode(line) or _LEANS_PLAN.search(line)):
        return line, _heading_mode(line), 0
    return None


# After a sentence's end, or after it and a space (a page that runs its paragraphs into one
# line with a space between: …提出意见。 一、过去五年工作回顾 本届政府的五年…).
_INLINE_HEADING = re.compile(
    r"(?:(?<=[。！？；\n])|(?<=[。！？；][ \u3000])|^)"
    rf"(?:[{_CN_NUMERAL}]+、|[（(][{_CN_NUMERAL}]+[）)])[^。！？；\n]{{1,60}}"
)
# A space after a heading's words ends it: its paragraph follows on the same line.
_SPACE = re.compile(r"[ \u3000]")


def find_sections(text: str, column: bool) -> list[Section]:
    """The headings in order: at the start of a line, or (in a column joined into one
    paragraph, or paragraphs run together) right after the end of a sentence. Each has
    the mode in force under it: its own, or its parent's (a heading of a higher level
    before it), so that a numbered heading that names no mode, under a bare line naming
    工作回顾, reviews too."""
    sections = []
    for match in _INLINE_HEADING.finditer(text):
        if column or (match.start() > 0 and text[match.start() - 1] != "\n"):
            # a heading at a line's start is the line's own, found below
            heading = match.group()
            space = _SPACE.search(heading, 4)  # not the space of 一、 过去
            heading = heading[: space.start()] if space else heading
            rank = _TOP_RANK + 1 if _SUB_HEADING.match(heading) else _TOP_RANK
            sections.append(Section(match.start(), heading, _heading_mode(heading), rank))
    if not column:
        position = 0
        for line in text.split("\n"):
            found = _line_heading(line)
            if found is not None:
                heading, mode, rank = found
                sections.append(Section(position, heading, mode, rank))
            position += len(line) + 1
        sections.sort(key=lambda s: s.start)
    return _inherit(sections)


def _inherit(sections: list[Section]) -> list[Section]:
    """Each section with the mode in force under it, through the outline's levels. A
    top-level heading that names its own mode ends a bare part heading's reach: the
    document's parts are its 一、 headings then."""
    outline: list[Section] = []
    inherited = []
    for section in sections:
        while outline and outline[-1].rank >= section.rank:
            outline.pop()
        named = section.named
        if named is not None and not _FIXES_TIME.search(section.heading):
            ruling = next((s for s in reversed(outline) if s.named is not None), None)
            if ruling is not None and {named, ruling.named} == {REVIEW, PLAN}:
                if not _names_both(ruling.heading):
                    named = None  # 取得新成就 under 2026年工作安排; 完成目标任务 under 工作回顾
        if section.rank == _TOP_RANK and named is not None:
            outline = [s for s in outline if s.mode == named]
        mode = named or (outline[-1].mode if outline else _leaning(section.heading))
        section = replace(section, named=named, mode=mode)
        outline.append(section)
        inherited.append(section)
    return inherited


# ---------------------------------------------------------------- tables

_COMMITMENT_COLUMNS = re.compile(
    r"主要工作内容|工作内容|目标任务|年度目标|任务内容|具体目标|主要目标"
)
_RESULT_COLUMNS = re.compile(r"完成进度|累计完成|实际完成|完成情况|进展情况|完成值|截至|进度")
_OTHER_COLUMNS = re.compile(r"序号|牵头单位|责任单位|配合单位|项目名称|备注|完成时限|单位")
_CELL_SPLIT = re.compile(r"\t+|\s*\|\s*| {2,}|\u3000{2,}")


def _cells(line: str) -> list[tuple[int, str]]:
    """A line's cells with their offsets in the line."""
    cells, position = [], 0
    for match in _CELL_SPLIT.finditer(line):
        if match.start() > position:
            cells.append((position, line[position : match.start()]))
        position = match.end()
    if position < len(line):
        cells.append((position, line[position:]))
    return cells


def _column_kind(name: str) -> str | None:
    if _COMMITMENT_COLUMNS.search(name):
        return PLAN
    if _RESULT_COLUMNS.search(name):
        return REVIEW
    if _OTHER_COLUMNS.search(name):
        return "other"
    return None


def table_cells(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, column) of every cell of every table: a header line naming at
    least two known columns, then the lines that split into as many cells."""
    found: list[tuple[int, int, str, str]] = []
    header: list[tuple[str | None, str]] | None = None
    position = 0
    for line in text.split("\n"):
        cells = _cells(line)
        kinds = [(_column_kind(cell), cell) for _, cell in cells]
        if len(cells) >= 2 and sum(kind is not None for kind, _ in kinds) >= 2:
            header = kinds
        elif header is not None and len(cells) >= 2:
            for index, (offset, cell) in enumerate(cells[: len(header)]):
                kind, name = header[index]
                start = position + offset
                found.append((start, start + len(cell), kind or "other", name))
        else:
            header = None
        position += len(line) + 1
    return found


# ---------------------------------------------------------------- 3. quantities

_NUMBER = re.compile(r"(?<![\d.A-Za-z])\d++(?:\.\d++)?")
_MEASURE_WORDS = frozenset((*MEASURES, *MONEY, *POINTS))
_MEASURE_HEADS = frozenset(word[0] for word in _MEASURE_WORDS)
# ℅ (care of) stands for ％ in pages converted from GBK (增长15℅): a per cent sign too.
_PER_CENT_SIGNS = "%℅"
_UNIT_HEADS = _MEASURE_HEADS | {*_PER_CENT_SIGNS, *(scale[0] for scale in SCALES)}
# A measure word that is the start of a longer word is no measure word: 新台阶, 人民, 项目.
_NOT_AFTER = {"台": "阶账", "人": "民工", "项": "目", "所": "有在属以", "部": "门分署",
              "场": "景所馆地", "类": "型别", "批": "准复", "次": "要序", "度": "过",
              "支": "持撑付", "对": "于接标外", "单": "位元", "片": "区", "段": "落",
              "种": "植", "头": "部", "道": "路", "门": "类", "口": "岸径", "期": "间待",
              "届": "时", "组": "织", "眼": "光", "块": "钱", "倍": "增",
              "年": "代度底初末月级份终中"}  # fmt: skip
_DASHES = "—–－~～-一至到"
_IN_WORDS = re.compile(r"(?:突破|超过|超)(亿元|万元)")
_POSITIVE = re.compile(r"(?:保持|实现)正增长")
# 同步 before a verb is an adverb (与全国一道同步迈入小康社会, 质量和效益同步提高), no target.
_IN_STEP = re.compile(r"(?:与|和|同)[^，。；,;、\n]{1,14}?(?:基本)?同步(?![\u4e00-\u9fff])")


def list_items(subject: str) -> list[str]:
    """The items a 、-list names: 一般公共预算收入、固定资产投资 is two. When the first item
    and as many characters of the last end alike, the rest of the last is a noun they share
    (城镇居民、农村居民人均可支配收入: 城镇居民人均可支配收入 and 农村居民人均可支配收入), as
    it is when the last holds the first's last two characters before two more of its own
    (城镇居民、农村常住居民人均可支配收入); else each item is as written (工业、服务业增加值;
    地区生产总值、一般公共预算收入, never 地区生产总值收入)."""
    items = [item for item in subject.split("、") if item]
    if len(items) < 2:
        return items
    first, last = items[0], items[-1]
    if len(last) > len(first) and last[len(first) - 1] == first[-1]:
        shared = last[len(first) :]
    else:  # a parallel part of another length that ends alike: 城镇居民、农村常住居民人均…
        found = last.find(first[-2:]) if len(first) > 1 else -1
        shared = last[found + 2 :] if found > 0 and len(last) - found - 2 > 1 else ""
    return [item + shared for item in items[:-1]] + [last]


def _measure_at(text: str, position: int) -> str:
    """The longest measure word (with any /denominator) at ``position``, or ''."""
    if text[position : position + 1] not in _MEASURE_HEADS:  # most numbers: no slicing
        return ""
    best = ""
    for length in range(min(LONGEST_MEASURE, len(text) - position), 0, -1):
        word = text[position : position + length]
        if word in _MEASURE_WORDS:
            best = word
            break
    if not best:
        return ""
    after = text[position + len(best) : position + len(best) + 1]
    if len(best) == 1 and after and after in _NOT_AFTER.get(best, ""):
        return ""
    if after == "/":
        per = _measure_at(text, position + len(best) + 1)
        if per:
            return best + "/" + per
    return best


def _unit_at(text: str, position: int) -> str:
    """Scale word and measure word at ``position`` (万名, 亿元, 万亿元, 个百分点, %), or ''."""
    if text[position : position + 1] not in _UNIT_HEADS:  # most numbers: looked at once
        return ""
    if text[position] in _PER_CENT_SIGNS:
        return "%"
    for scale in SCALES:  # 万亿 before 亿 and 万
        if text.startswith(scale, position):
            # a scale word is a multiplier with or without a measure word: 1.2万套, 1.2万
            return scale + _measure_at(text, position + len(scale))
    return _measure_at(text, position)


_A_YEAR = re.compile(r"(?:19|20)\d\d")


_ODD = ("余", "多")  # 20余类, 1万余人, 100多家: more than the number
_AFTER_NUMBER = frozenset((*_UNIT_HEADS, *_ODD, *_DASHES))  # what may follow a quantity's number
_MORE_THAN_NUMBER = re.compile(rf"\d(?:万亿|亿|万)?[{''.join(_ODD)}]")


def _unit_of(text: str, number: re.Match[str]) -> tuple[str, int]:
    """The unit after a number and where it ends; a year (2025年) has none. A 余 or 多 may
    stand before the scale or the measure word (20余类, 1万余人): it is no part of the unit."""
    position = number.end()
    if text[position : position + 1] in _ODD and _unit_at(text, position + 1):
        position += 1
    unit = _unit_at(text, position)
    if not unit or unit == "年" and _A_YEAR.fullmatch(number.group()):
        return "", number.end()
    end = position + len(unit)
    if unit in SCALES and text[end : end + 1] in _ODD:  # 1万余人
        measure = _measure_at(text, end + 1)
        return unit + measure, end + 1 + len(measure)
    return unit, end


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity of the prepared text, in order."""
    found: list[Quantity] = []
    skip_to = 0
    for match in _NUMBER.finditer(text):
        if match.start() < skip_to or text[match.end() : match.end() + 1] not in _AFTER_NUMBER:
            continue  # most numbers of a long text: neither a unit nor a range after them
        number = match.group()
        unit, dash = _unit_of(text, match)
        dashed = dash < len(text) and text[dash] in _DASHES
        second = _NUMBER.match(text, dash + 1) if dashed else None
        second_unit, stop = _unit_of(text, second) if second is not None else ("", 0)
        if second is not None and second_unit and unit in ("", second_unit):
            found.append(
                Quantity(text[match.start() : stop], float(number), second_unit, match.start(),
                         stop, "", 0, float(second.group()))
            )  # fmt: skip
            skip_to = stop
        elif unit:
            found.append(
                Quantity(text[match.start() : dash], float(number), unit, match.start(), dash,
                         "", 0)
            )  # fmt: skip
    for match in _IN_WORDS.finditer(text):
        found.append(
            Quantity(match.group(), 1.0, match.group(1), match.start(), match.end(), "", 0)
        )
    for pattern, name in ((_POSITIVE, Comparator.POSITIVE), (_IN_STEP, Comparator.IN_STEP)):
        for match in pattern.finditer(text):
            found.append(
                Quantity(match.group(), None, str(name), match.start(), match.end(), "", 0)
            )
    found.sort(key=lambda q: q.start)
    return found


# ---------------------------------------------------------------- 4. judgement

_BEFORE = re.compile(  # comparison words just before the number (read right to left)
    r"(?:力争|确保|争取)?(?:不低于|不少于|不高于|不超过|超过|突破|高于|大于|多于|低于|少于|"
    r"达到|达|提升至|提升到|提高至|提高到|增至|增加到|上升至|降至|降到|降低至|下降至|"
    r"控制在|保持在|稳定在|超|至少|力争|确保|争取|近|(?<![节集制契预签公条])约)$"
)
_AFTER = re.compile(r"^(?:以上|以下|左右|以内|之内|内|上下)")
_AT_LEAST_WORDS = ("不低于", "不少于")
_ABOUT = re.compile(r"(?<![节集制契预签公条])约$")  # 约740米; 节约10万吨 is no 约
_MORE = ("超过", "突破", "高于", "大于", "多于", "超")
_AT_MOST = ("不高于", "不超过", "低于", "少于", "控制在", "降至", "降到", "降低至", "下降至")
_SPANS_OF_TIME = frozenset({"分钟", "小时", "天", "工作日", "年", "岁"})
_BOUND = re.compile(r"及以上|以上|以下")
# A name in quotes holds no clause break: “全年实现各类融资210亿元,新增…” quotes a task.
_CLOSING_QUOTE = re.compile(r"[^“”\"\n，,；;。]{0,12}[”\"」]")
_STOP_AFTER = frozenset("和与及或并等")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOW = frozenset({"现行", "现有", "目前"})
# A dimension or capacity of what is built, before its figure: 日处理400吨, 长度约740米,
# 装机容量9兆瓦. A specification, not a figure to deliver; but a length after a verb that
# builds is what is built (新建城市道路总长15公里, 确保建成长度12公里的快速路).
_SPECIFICATION = re.compile(
    r"(?:[日年](?:处理|处置|供水|吞吐)|装机容量|设计容量|库容|宽度|高度|直径|跨度|(长度|全长|总长))"
    r"(?:能力|规模)?(?:约|为|达|共)?$"
)
# The total investment of the projects a text counts (共530项,总投资2944.74亿元) describes the
# set; a 计划总投资 or a 总投资 with a comparison (不低于) is a figure to deliver.
_SET_TOTAL = re.compile(r"(?<!计划)总投资$")
# A measure that modifies the noun after it, in a clause that builds nothing: 以及303平方米的
# 综合楼. 年内建成20公里的城市绿道, 完成植树造林5000亩的任务 deliver it.
_MODIFIES = re.compile(r"的[\u4e00-\u9fff]")
_BUILDS = re.compile(
    r"新建|建成|建设|修建|改建|扩建|新改建|改造|新增|铺设|完成|实施|打造|开工|造林|整治|治理|"
    r"提升|续建|种植|开发|打通|贯通"
)
# 向N冲刺, 向N迈进: a level to reach, named as where a move heads (经济总量向7万亿元冲刺).
_TOWARD = re.compile(r"(?:大关)?(?:冲刺|迈进|挺进|进军|攀升|冲击|跨越)")
_POINTS_OF_REPORT = re.compile(r"个?(?:方面|重点要点|要点|部分|大类)")
# 从N个…中: the pool a choice is made from (从13项候选项目中选出10项, 从50家企业中评选10家);
# the choice is the target. 从5%提高到8% is a change's base, not a pool (no 中).
_POOL = re.compile(r"[^，。；,;：:\s\d]{0,10}中")
# A cell of a table flattened into text, set off by a run of spaces or a tab, that words a
# bound: 增长7%以上 between the result's cells 10% and 2.
_CELL_OPENS = re.compile(r"(?:[ \u3000]{2,}|\t)(?:增长|下降|提高|降低|提升|增加|减少)?$")
_CELL_ENDS = re.compile(r"[ \u3000]{2,}|\t|\n|$")
_BOUND_WORDS = re.compile(r"以上|以内|以下|左右")
# 从2%提高到2.5%, 从2020年的5.4%提升至8%: the level a change starts from is where it stands,
# the level it goes to is the target.
_TO = re.compile(r"[^，。；,;：:\d]{0,6}?(?:到|至)\d")
_QUOTED_NAME = re.compile(r"[“\"「][^”\"」\n]{0,16}$")

# A time that reports on the past: 一季度, 1-9月, 上年; 上年 after 与/比/较/同 is the base of a
# comparison (与上年持平, 比上年增长6%), not a time.
_PART_OF_YEAR_TIME = (
    r"一季度|上半年|前三季度|(?<![\d一二三四五六七八九十])1[-—至~～](?:1[012]|[2-9])月|"
    r"一至[二三四五六七八九十]{1,2}月"
)
_PART_OF_YEAR = re.compile(_PART_OF_YEAR_TIME)
_PAST_TIME = _PART_OF_YEAR_TIME + r"|(?<![与比较同])(?:去年|上年)"
# Cues of a time past or of work done hold to the end of the sentence, past ；; the others
# compare one figure (居全省第1, 快于, 高于目标) and hold in its own sentence only.
# A span of time told back from its end: 过去五年, 五年来, 五年间. 本届政府 names the current
# term, which a report looks back on (本届政府成立以来, 本届政府已…) or ahead to (本届政府任期内,
# 本届政府将…): it tells back only with a word that looks back.
_SPANS = (
    r"过去一年|过去五年|五年来|一年来|五年间|(?<![的])这一年(?=[，,])|"
    r"本届政府(?:成立|组建|任期|履职)?以来|本届政府(?:任期)?(?:已|过去)"
)
_DONE_CUES = (
    _PAST_TIME + r"|预计|" + _SPANS + "|"
    r"累计(?:已|完成|实现|建成|下达|组织|开展|举办|接待|受理|办理|发放|惠及)|"
    r"累计[^，。；,;\d]{0,6}了|已(?:经)?完成|提前完成|超额完成"
)
_RESULT_CUES = re.compile(
    _DONE_CUES + r"|完成率|"
    r"连续\d{1,3}年|居[^，。；]{0,8}第|位居|排名|高于目标|低于目标|塌目标|快于|慢于|分别达到"
)
# 完成年度投资计划的21.3%, 占全年计划投资的56.6%: a share of the plan done, so a result.
# 能够完成的有2项, 不能全部完成的任务有3项: how many of a set are in a state (X的有N项), a
# tally of progress; a plan counts what it delivers (新建学校5所), not those it has.
_TALLY = re.compile(r"(?:的|任务|指标)有$")
# 占任务总数的15.2%: the share of the plan's tasks in a state, a tally of progress.
_SHARE_OF_PLAN = re.compile(
    r"(?:完成|占)[^，。；,;]{0,12}(?:计划|目标|任务)(?:投资|资金|总数)?的?$"
)
# The five-year plans by name and last year: “十三五” is 2016—2020 (the third began in 1966).
_FIVE_YEAR_PLANS = {"九五": 2000, "十五": 2005, **{f"十{n}五": 2005 + 5 * i for i, n in
                    enumerate("一二三四五六", 1)}}  # fmt: skip
# A five-year plan's period named as a time (“十二五”期间, 十三五时期, “十四五”以来); 九五 and
# 十五 only in quotes (十五期间 could be fifteen).
_PERIOD_NAMED = re.compile(
    r"(?:[“\"](九五|十五)[”\"]|[“\"]?(十[一二三四五六]五)[”\"]?)(?:规划)?(期间|时期|以来)"
)
# A time past that may open a paragraph as its time (besides an earlier year): a time past
# (上半年, 去年), a span told back from its end (五年来, 2020年以来, 今年以来).
_FRAMES = re.compile(_PAST_TIME + "|" + _SPANS + "|(?:今年)?以来")
# A change told against last year, right before its figure: 比上年增长, 同比下降, 较上年同期上涨.
_OBSERVED = re.compile(
    r"(?:比上年|较上年|比去年|较去年|同比)(?:同期)?(?:名义|实际)?"
    r"(?:增长|下降|上涨|增加|减少|提高|降低|回落|上升|分别增长|分别下降)$"
)
# A change right before its figure (增长4.6%, 同比下降7.7%), and a level's change told right
# after it (56.82亿元,增长4.6%; 29.21亿元, 比上年下降1.8%).
_CHANGE_VERBS = r"(?:增长|下降|上涨|增加|减少|提高|降低|回落|上升)"
_CHANGE = re.compile(_CHANGE_VERBS + "$")
# A running total (累计53家) or a deed told done with 了 (实现了, 新增了) before a figure.
_TOLD_DONE = re.compile(r"累计$|[\u4e00-\u9fff]了")
_CHANGE_TOLD = re.compile(
    r"[,，、]\s?(?:比上年|较上年|比去年|同比)?(?:同期)?" + _CHANGE_VERBS + r"\d++(?:\.\d++)?[%℅]"
)
# A plan or its targets named as reported on: reached earlier in its clause (完成了县人大
# 确定的各项目标任务), the base of a share (占年计划的, 占计划的), set at a past session
# (确定的目标任务); or a plan's execution reported (计划执行情况, 计划完成情况, 计划得到…执行).
_PLAN_TOLD = re.compile(r"完成|实现|达到|占|确定的")
_DONE_WITH_LE = re.compile(r"(?:完成|实现|达到)了")
_PLAN_REPORTED = re.compile(r"[^，。；,;]{0,4}?(?:执行|完成情况|落实情况)|得到")
# The people at a meeting a news report tells of, after their count in its clause: 162名代表
# 汇聚一堂, 160多名代表与会.
_PEOPLE = frozenset({"名", "人", "位"})
_ATTEND = re.compile(r"出席|列席|与会|到会|参会|汇聚一堂|参加(?:会议|大会|开幕)")
# …and those who came, told by where from: 来自全县各条战线的230名人大代表.
_FROM = re.compile(r"来自[^，。；,;]{0,12}的$")
# A target told as reached, right before it: 已全部完成年度目标任务, 超额完成全年计划.
_REACHED = re.compile(r"(?:完成|实现|达到|超额完成)了?(?:全年|年度)?$")
# …reached as an aim: 为完成今年目标, 要实现全年计划, 确保完成年度目标任务.
_AIMING = re.compile(
    r"(?:为了?|要|将|确保|力争|努力|争取)(?:全面|圆满)?(?:完成|实现|达到)(?:全年|年度)?$"
)
# Words that look ahead anywhere in a text; a year after 到 or before 底前 only when it is later
# than the plan's (从2020年的5.4%提升到2024年的40.9% looks back).
_WORDS_AHEAD = re.compile(
    r"力争|确保|争取|今年(?!以来|上半年|一季度|前三季度|[1一][-—–至~～])|年内|计划|拟|将要|"
    r"(?<![于超合])预期(?!性)|目标任务|(?:主要|预期|发展|年度|奋斗)目标|目标(?:是|为|[:：])|今后|未来|明年|"
    r"新的一年|下一步|接下来|展望|将(?:要|会|于|继续|进一步|新建|完成|实施|推进|建成|开工|新增|实现)|"
    r"到(20\d\d)年|(20\d\d)年(?:底前|以前|前(?![一二三四五六七八九十\d]))"
)
# A time that opens a sentence reports on all its parts, after ； too: 上半年，…开工199所；
# 教师周转宿舍完工1504套. Before it, at most an item mark or a year (2024年上半年).
_TIME_CUES = re.compile(_PAST_TIME)
_OPENS = re.compile(r"(?:\d{1,2}[、．.]|[（(][\d一二三四五六七八九十]{1,2}[）)])?(?:20\d\d年)?")
# A count quoted as the subject of its progress: 2个嵌入式养老机构建设已完成1个(50%).
_IN_PROGRESS = re.compile(r"已|正在")
# The tasks a bulletin counts and then names: …11项,为A、B、C; …3项:A、B、C.
_TASK_LIST = re.compile(r"(?<=[,，:：])(?:分别)?(?:为|是|包括)|(?<=项)[:：]")
_TASK_COUNT = re.compile(r"(?<!\d)\d++项")  # from a run's start: linear in a long run
# …建成投用10条市政道路,…等部分重点项目或任务完成情况较好: what comes before names the tasks.
_TASK_CLOSER = re.compile(
    r"等[^，。；;,]{0,12}(?:任务|项目|指标|工作)[^，。；;,]{0,4}(?:完成情况|进展|推进)"
)
# What may come before a count that opens its clause as its subject: an item mark, a year,
# the place (我市, 全区, 宁波市).
# Who says what follows, before a colon: 报告指出：, 贾建刚说：.
_LEAD_IN = re.compile(r"[^，。！？；,;:：\n]{1,12}[:：]")
# A year that opens a paragraph as its time, set off by a comma: 2020年，…; 2020年底，….
_PARAGRAPH_YEAR = re.compile(
    r"(?:\d{1,2}[、．.]|[（(][\d一二三四五六七八九十]{1,2}[）)])?(20\d\d)年(?:底|末|以来|全年)?[，,：:]"
)
# …and one that opens a sentence inside a paragraph (after who says it too), as it does
# when a copy runs its paragraphs together: …增长10%。2020年，全区…; …开幕。报告指出：2010年，.
_SENTENCE_YEAR = re.compile(
    r"(?<=[。！？])(?:[^，。！？；,;:：\n]{1,12}[:：])?(20\d\d)年(?:底|末|以来|全年)?[，,]"
)
_SUBJECT_OPENS = re.compile(
    r"(?:\d{1,2}[、．.]|[（(][\d一二三四五六七八九十]{1,2}[）)])?(?:20\d\d年)?"
    r"(?:[我全本][市区县省镇]|[\u4e00-\u9fff]{2,3}[市县])?"
)
# The sentence goes on to say the counted things are done: …31个子项,已全部完成年度目标任务.
_DONE_PREDICATE = re.compile(
    r"(?:均|都|全部)?已(?:经)?(?:全部|全面|如期|基本)?(?:完成|竣工|建成|完工|投用)|"
    r"(?:全部|均)(?:完成|竣工|建成|完工)"
)
# A part of the figure before it: 完成投资156.92亿元。其中，中央专项资金38.15亿元; 其中 opening
# a sentence reaches past ；: 其中，A馆完成90%；B馆完成100%.
_PART_OF = re.compile(r"其中")
# The plan's own figure, restated in a review or progress report: 年度增长6%目标任务,
# 全年计划完成投资98.5亿元, 92个计划新开工项目.
_PLAN_FIGURE_AFTER = re.compile(r"(?:以上|左右)?的?(?:目标|计划)")
# The words between 全年计划 and its figure name what is planned (完成投资), no other figure.
_PLAN_FIGURE_BEFORE = re.compile(r"(?:全年|年度)(?:计划|目标)[^，。；,;:：%\d]{0,6}$")
# 计划 right before its figure names a plan handed down (累计下达搬迁计划53.8万人), not one
# ahead; 今年 before a time past (今年1—9月, 今年上半年, 今年以来) is the year so far; a
# result measured against what was expected (好于预期, 超预期, 符合预期) plans nothing.
_PLAN_CUES = re.compile(
    r"力争|确保|今年(?!以来|上半年|一季度|前三季度|[1一][-—–至~～])|(?<!去年)(?<!上年)全年|目标|"
    r"到20\d\d年|(?<![于超合])预期(?!性)|计划(?!\d)|拟|将要"
)
# What opens a list: 如下 (…主要预期目标如下。), a colon (…目标是：), or 以下 and a count of
# what follows (…目标有以下几项。, 以下五个方面：); not 5%以下.
_LIST_INTRO = re.compile(
    r"(?:如下|如次)(?:[。：:]|(?=\n|$))|[：:]"
    r"|以下[几一二三四五六七八九十两\d][^，,；;。：:\n]{0,6}(?:[。：:]|(?=\n|$))"
)
_HORIZON = re.compile(r"\s*(?:(?:到|至)20\d\d年|今年|全年|年内|力争|确保|争取)")
# A later year a target is for: 到2030年, 2027年底前. Not the end of a change told from one
# year to another (从2020年的5.4%提升到2024年的40.9%), nor a time in that year (2025年前三季度).
_LATER = re.compile(
    r"(?:(?<![加升高降低大长少])到|(?<![加升高降低大长少])至|于)(20\d\d)年|"
    r"(20\d\d)年(?:前(?![一二三三四五六七八九十\d]+个?[季月])|底前|以前)"
)
_STRETCH = re.compile(r"力争|争取")
# What a count delivers when it is the subject of its clause: 30个重点项目竣工投用.
_DELIVERS = re.compile(
    r"竣工|投用|投入使用|投产|达产|建成|完成|开工|交付|开业|运营|通车|验收|落地|改造|启用|上线"
)
_DIGIT = re.compile(r"\d")
_BASE = re.compile("的基础")  # 新增5家的基础上: a base, not the things counted
_RESPECTIVELY = re.compile("分别")
# Leading words of a clause that are no part of what is measured.
OPENING_WORDS = re.compile(r"^(?:今年|全年|力争|确保|争取|全区|全市|要|将|并|同时|其中|实现|完成)+")
_JOINED = re.compile("[、和与及]")  # between the figures of a 分别 list
_FLOOR = re.compile(r"确保")
_MAIN_TARGETS = "主要预期目标"


# A list flattened into one line: its items set off by a dash or bullet between spaces end
# a sentence (…[1] - 实施…), and a space between two words ends a clause (挡墙13.46千米 道路
# 8.72千米), as a comma would.
# Each starts on the space, so the regex engine skips to the spaces of the text.
_BULLET = re.compile(r"[ \u3000](?<= [-•·●▪][ \u3000])")
# Not after a cue word nor before what a subject does (力争 地区生产总值增长6%, 一般公共预算
# 收入 增长5%): a copy spaced out by hand, one clause.
_CUES_BEFORE_SPACE = (
    "力争",
    "确保",
    "争取",
    "今年",
    "全年",
    "年内",
    "全区",
    "全市",
    "同时",
    "其中",
)
_SPACE_BETWEEN_WORDS = re.compile(
    r"[ \u3000](?<=[\u4e00-\u9fff\]）)][ \u3000])"
    + "".join(f"(?<!{cue}[ \u3000])" for cue in _CUES_BEFORE_SPACE)
    + r"(?=[\u4e00-\u9fff\[（(])"
    r"(?!增长|下降|增加|减少|提高|提升|降低|达到|达|超过|突破|不低于|不少于|不超过|控制在|保持|稳定)"
)


def _positions(characters: str, text: str, *more: list[int]) -> list[int]:
    """Where any of ``characters`` stands in the text (with the positions ``more``), in
    order, found by the regex engine: a Python loop over every character costs a quarter
    of a second per megabyte."""
    pattern = re.compile(f"[{re.escape(characters)}]")
    found = [match.start() for match in pattern.finditer(text)]
    return sorted(found + [i for positions in more for i in positions]) if more else found


class _Index:
    """Sentence and clause boundaries, found once, looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        bullets = [match.start() for match in _BULLET.finditer(text)]
        spaces = [match.start() for match in _SPACE_BETWEEN_WORDS.finditer(text)]
        self.sentences = _positions(_SENTENCE_ENDS, text, bullets)
        self.clauses = _positions(_CLAUSE_ENDS, text, bullets, spaces)
        self.lists = _positions(_LIST_ENDS, text, bullets, spaces)
        self.periods = _positions(_PERIOD_ENDS, text, bullets)
        self.lines = _positions("\n", text)

    @staticmethod
    def _bounds(ends: list[int], start: int, end: int, size: int) -> tuple[int, int]:
        before = bisect_left(ends, start)
        first = ends[before - 1] + 1 if before else 0
        after = bisect_left(ends, end)
        last = ends[after] + 1 if after < len(ends) else size
        return first, last

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.sentences, start, end, len(self.text))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.clauses, start, end, len(self.text))

    def period(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.periods, start, end, len(self.text))

    def paragraph(self, position: int) -> tuple[int, int]:
        """The line (a paragraph of the text as written) holding ``position``."""
        return self._bounds(self.lines, position, position, len(self.text))

    def list_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The list item (、 does not end it) holding [start, end)."""
        return self._bounds(self.lists, start, end, len(self.text))

    def list_start(self, position: int) -> int:
        """Where the list holding ``position`` starts: 力争A、B、C makes all three stretch."""
        return self._bounds(self.lists, position, position, len(self.text))[0]


_PER = re.compile("|".join(sorted(PER, key=len, reverse=True)))


def _with_phrase(text: str, q: Quantity, clause_start: int, per: str | None = None) -> Quantity:
    """The quantity with the comparison words around it, and the denominator its clause
    names before it (每万人…件 is 件/万人, 亩均…万元 is 万元/亩)."""
    start, end = q.start, q.end
    # 人均预期寿命80岁: an age or a span of time per person is the age or the span itself
    ratio = q.unit != PERCENT and q.unit not in POINTS and q.unit not in _SPANS_OF_TIME
    if per and q.number is not None and ratio:
        if "/" not in q.unit:
            q = replace(q, unit=f"{q.unit}/{PER[per]}")
    if q.number is not None:
        words = _BEFORE.search(text[max(clause_start, q.start - 8) : q.start])
        start -= len(words.group()) if words else 0
        after = _AFTER.match(text[q.end : q.end + 2])
        end += len(after.group()) if after else 0
    return Quantity(q.text, q.number, q.unit, q.start, q.end, text[start:end], start, q.upper)


def comparator_of(phrase: str, q: Quantity) -> Comparator:
    """The comparison the wording fixes."""
    if q.unit in (Comparator.POSITIVE, Comparator.IN_STEP):
        return Comparator(q.unit)
    if "左右" in phrase or "上下" in phrase[len(phrase) - 2 :]:
        return Comparator.ABOUT
    head = phrase[: phrase.find(q.text)]
    if head.endswith("近") or _ABOUT.search(head):  # 近2万亿元, 约740米: nearly, about
        return Comparator.ABOUT
    if q.upper is not None:
        return Comparator.RANGE
    tail = phrase[phrase.find(q.text) + len(q.text) :]
    head = phrase[: phrase.find(q.text)]
    if tail.startswith(("以内", "之内", "以下", "内")):
        return Comparator.AT_MOST
    if tail.startswith("以上"):
        return Comparator.AT_LEAST
    if _MORE_THAN_NUMBER.search(q.text):  # 20余类, 100多家
        return Comparator.MORE_THAN
    if head.endswith(_AT_LEAST_WORDS):
        return Comparator.AT_LEAST
    if head.endswith(_AT_MOST):
        return Comparator.AT_MOST
    if head.endswith(_MORE) or q.text.startswith(_MORE):
        return Comparator.MORE_THAN
    return Comparator.AT_LEAST  # 达到, 提升至, 不低于, or a bare number to deliver


def implied_comparator(quote: str) -> Comparator:
    """The comparison a target's quote words (used to check a plan against its report)."""
    quantities = find_quantities(quote)
    numbered = [q for q in quantities if q.number is not None]
    relative = [q for q in quantities if q.number is None]
    if relative and not numbered:
        return Comparator(relative[0].unit)
    if not numbered:
        return Comparator.AT_LEAST
    q = _with_phrase(quote, numbered[-1], 0)
    return comparator_of(q.phrase, q)


def _plan_year(text: str, sections: list[Section]) -> int | None:
    years = [int(y) for s in sections if s.named == PLAN for y in _YEAR.findall(s.heading)]
    if years:
        return max(years)
    digits = _Marks(_YEAR_DIGITS, text)  # a text that names no year is not read around cues
    for match in re.finditer(r"今年|主要预期目标|政府工作任务|计划草案", text):
        start, end = max(0, match.start() - 40), match.end() + 40
        if digits.first(start, end) is None:
            continue
        # the years of the cue's own sentence first: 2023年…主要预期目标是 after a paragraph
        # on 到2027年
        left = max(text.rfind(mark, start, match.start()) for mark in _PERIOD_ENDS) + 1
        ends = [i for i in (text.find(mark, match.end(), end) for mark in _PERIOD_ENDS) if i >= 0]
        own = [int(y) for y in _YEAR.findall(text, max(start, left), min(ends, default=end))]
        near = own or [int(y) for y in _YEAR.findall(text, start, end)]
        if near:
            return max(near)
    reviewed = [int(y) for s in sections if s.named == REVIEW for y in _YEAR.findall(s.heading)]
    if reviewed:
        return max(reviewed) + 1
    progressed = [int(y) for s in sections if s.named == PROGRESS for y in _YEAR.findall(s.heading)]
    if progressed:  # a bulletin on the progress of its year's plan
        return max(progressed)
    later = {int(m.group(1) or m.group(2)) for m in _LATER.finditer(text)}
    later |= {int(y) for y in _RANGE_END.findall(text)}  # 2017 of (2013—2017年)
    mentioned = Counter(int(y) for y in _YEAR.findall(text) if int(y) not in later)
    return max(mentioned) if mentioned else None


def _past_progress_reviews(sections: list[Section], year: int | None) -> list[Section]:
    """The sections again, a progress heading of an earlier year than the plan's
    (一、2024年计划执行情况 in a 2025 report) now a review: its figures are last year's."""
    if year is None:
        return sections
    relabelled = [
        replace(s, named=REVIEW)
        if s.named == PROGRESS and any(int(y) < year for y in _YEAR.findall(s.heading))
        else s
        for s in sections
    ]
    return _inherit(relabelled)


def _is_measured(unit: str) -> bool:
    """A length, area, volume, weight or power (吨, 平方米, 兆瓦), not a count, money, a
    share or a span of time."""
    base = unit
    for scale in SCALES:
        base = base.removeprefix(scale)
    return base in MEASURES and base not in COUNTED and base not in _SPANS_OF_TIME | {"倍"}


def _name_or_qualifier(text: str, q: Quantity, clause_start: int) -> str | None:
    """Why a quantity promises nothing, if it does not."""
    if q.number is None:
        return None
    if text[q.start - 1 : q.start] == "第":
        return "an ordinal (第N), not a quantity"
    if text[q.start - 1 : q.start] == "从" and _POOL.match(text, q.end):
        return "the pool a choice is made from (从13项候选项目中选出10项), not a target"
    if text.rfind("从", max(clause_start, q.start - 8), q.start) != -1 and _TO.match(text, q.end):
        return "the level a change starts from (从2%提高到2.5%), not a target"
    if text[max(0, q.start - 2) : q.start] in _NOW:
        return "the figure as it stands (现行16%的税率), not a target"
    if _QUOTED_NAME.search(text, max(0, q.start - 16), q.start) and _CLOSING_QUOTE.match(
        text, q.end
    ):
        return "a name in quotes (a policy or programme), not a quantity to deliver"
    if _POINTS_OF_REPORT.match(text, q.end - 1 if q.unit == "个" else q.end):
        return "a count of the report's own points or parts"
    # 不低于30天的托养照护, 总装机容量达100万千瓦以上: a promise, not a description (约 is none)
    compared = text[q.phrase_start : q.start] not in ("", "约", "近")
    specified = _SPECIFICATION.search(text, max(0, q.phrase_start - 8), q.phrase_start)
    modifies = specified is None and _is_measured(q.unit) and _MODIFIES.match(text, q.end)
    built = (modifies or specified is not None and specified.group(1) is not None) and bool(
        _BUILDS.search(text, max(clause_start, q.phrase_start - _QUOTE), q.phrase_start)
    )  # a length or measure after a verb that builds it is what is built
    if not compared and (specified or modifies) and not built:
        return "a specification of what is built (日处理400吨, 303平方米的综合楼), not a target"
    money = q.unit.split("/")[0].endswith(MONEY)
    if (
        money
        and q.phrase_start == q.start
        and _SET_TOTAL.search(text, max(0, q.start - 6), q.start)
    ):
        return "the total investment of a set of projects (项目总投资5141亿元), not a target"
    money = money or q.unit in _SPANS_OF_TIME and not compared
    if text[q.phrase_start - 1 : q.phrase_start] == "向" and _TOWARD.match(text, q.end):
        return None  # 向7万亿元冲刺: the level a move heads for, no class of things
    if money or q.unit.endswith(("平方米", "亩")):
        follows = text[q.end : q.end + 4]
        bound = _BOUND.match(follows)
        rest = follows[len(bound.group()) :] if bound else follows
        if (bound or money) and _CJK.match(rest) and rest[:1] not in _STOP_AFTER:
            if not _AFTER.match(rest) and not rest.startswith(("的比", "的增")):
                return "qualifies what is counted (亿元以上项目), not a target"
    return None


def _section_at(
    sections: list[Section], starts: list[int], position: int
) -> tuple[str, str | None]:
    """(the nearest heading, the mode in force) at ``position``."""
    index = bisect_right(starts, position) - 1
    if index < 0:
        return "", None
    return sections[index].heading, sections[index].mode


def _clean_heading(heading: str) -> str:
    return heading.strip().lstrip("■●◆ ").strip()


class _Marks:
    """Where a pattern matches in the text, found once and looked up by bisection, so that
    each quantity's look at its sentence costs a logarithm, not the sentence's length. The
    text is scanned at the first look, so a text whose numbers are all passed over (no unit
    after them) pays for none of the patterns."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        text: str,
        keep: Callable[[re.Match[str]], bool] | None = None,
    ) -> None:
        self._pattern, self._text, self._keep = pattern, text, keep

    @cached_property
    def matches(self) -> list[re.Match[str]]:
        found = self._pattern.finditer(self._text)
        return [m for m in found if self._keep(m)] if self._keep else list(found)

    @cached_property
    def starts(self) -> list[int]:
        return [m.start() for m in self.matches]

    def last(self, start: int, end: int) -> re.Match[str] | None:
        """The last match that starts in [start, end)."""
        i = bisect_left(self.starts, end) - 1
        return self.matches[i] if i >= 0 and self.starts[i] >= start else None

    def first(self, start: int, end: int) -> re.Match[str] | None:
        """The first match that starts in [start, end)."""
        i = bisect_left(self.starts, start)
        return self.matches[i] if i < len(self.starts) and self.starts[i] < end else None


# Quotes and sentences kept with a quantity: enough to read, bounded however long the text.
_CONTEXT = 150
_QUOTE = 60
_NEAR = 8  # the words either side of a commitment that name what it counts


def _pairs(words: str) -> set[str]:
    """The two-character words a stretch of text may hold."""
    return {words[i : i + 2] for i in range(len(words) - 1)}


# The stages of a thing built, each named by several verbs: to start it (开工), to build it
# (新建, 建成, 竣工: 新建学校5所 promises the schools finished) and to put it to use (投用,
# 通车). Building a thing is done to use it, so a count to build also names its use:
# 新建学校5所，5所学校全部建成投用 is one deed said twice; 新开工项目30个，30个项目竣工投用
# names a second deed, the finish of what is started.
_STAGES = (
    (re.compile(r"开工|动工"), ("stage:start",)),
    (
        re.compile(r"新建|建设|建成|修建|改建|扩建|改造|完成|竣工|完工|验收"),
        ("stage:build", "stage:use"),
    ),
    (re.compile(r"投用|投入使用|投产|达产|交付|开业|运营|通车|启用|上线"), ("stage:use",)),
)


def _stages(words: str) -> set[str]:
    """The stages of building the verbs in ``words`` name, as words of their own."""
    return {stage for verb, named in _STAGES if verb.search(words) for stage in named}


class _Reader:
    """One report, prepared, with its structure and cue words found once."""

    def __init__(self, report: str) -> None:
        column = is_column(report)
        self.text = text = prepare(report)
        self.sections = find_sections(text, column)
        self.section_starts = [s.start for s in self.sections]
        self.year = _plan_year(text, self.sections)
        self.sections = _past_progress_reviews(self.sections, self.year)
        self.cells = [] if column else table_cells(text)
        self.cell_starts = [c[0] for c in self.cells]
        self.index = _Index(text)
        self.results = _Marks(_RESULT_CUES, text)
        self.done = _Marks(re.compile(_DONE_CUES), text)
        self.times = _Marks(_TIME_CUES, text)
        self.progress = _Marks(_IN_PROGRESS, text)
        self.task_lists = _Marks(_TASK_LIST, text)
        self.task_counts = _Marks(_TASK_COUNT, text)
        self.task_closers = _Marks(_TASK_CLOSER, text)
        self.plans = _Marks(_PLAN_CUES, text)
        self.targets = _Marks(re.compile("目标"), text)
        self.years = _Marks(_YEAR, text)
        self.later = _Marks(_LATER, text)
        self.stretch = _Marks(_STRETCH, text)
        self.floor = _Marks(_FLOOR, text)
        self.per = _Marks(_PER, text)
        self.main = _Marks(re.compile(_MAIN_TARGETS), text)
        self.respectively = _Marks(_RESPECTIVELY, text)
        self.parts = _Marks(_PART_OF, text)
        self.past_periods = _Marks(_PERIOD_NAMED, text, self._period_past)
        self.sentence_years = _Marks(
            _SENTENCE_YEAR, text, lambda m: self.year is not None and int(m.group(1)) < self.year
        )
        self.ahead_words = _Marks(_WORDS_AHEAD, text, lambda m: not self._looks_back(m))
        self.spans = _Marks(re.compile(_SPANS), text)
        self.firm_plans = _Marks(_PLAN_CUES, text, lambda m: m.group() != "全年")
        self.intros = _Marks(_LIST_INTRO, text, self._plans_a_list)
        self.periods_ahead = _Marks(_PERIOD_NAMED, text, lambda m: not self._period_past(m))
        self.now = _Marks(_YEAR, text, lambda m: self.year is None or int(m.group(1)) >= self.year)
        self.frames: dict[int, re.Match[str] | None] = {}  # each paragraph's, once looked at
        self.restated_at = -1
        self.listed_by = -1  # where the 分别 of the list being read stands
        self.listed = 0  # the current figure's index in it
        self.list_items: tuple[list[str], str] = ([], "")  # its items, its whole subject
        # the words before each number and unit counted so far, to tell a restatement
        self.counted: dict[tuple[float | None, str, float | None], set[str]] = {}

    def _cell(self, position: int) -> tuple[str, str] | None:
        """(kind, column name) of the table cell at ``position``, if any."""
        i = bisect_right(self.cell_starts, position) - 1
        if i >= 0 and self.cells[i][0] <= position < self.cells[i][1]:
            return self.cells[i][2], self.cells[i][3]
        return None

    def _period_past(self, named: re.Match[str]) -> bool:
        """Whether a five-year plan's period named in the text is over by the plan's year
        (“十二五”期间 in a 2016 outline), or began before it (“十三五”以来 in 2019). With no
        year known, a period is over when the text names a later one."""
        last = _FIVE_YEAR_PLANS[named.group(1) or named.group(2)]
        since = named.group(3) == "以来"
        if self.year is None:
            return since or last < self._latest_period
        return last - 4 < self.year if since else last < self.year

    @cached_property
    def _latest_period(self) -> int:
        """The last year of the latest five-year plan the text names as a period."""
        named = _PERIOD_NAMED.finditer(self.text)
        return max(_FIVE_YEAR_PLANS[m.group(1) or m.group(2)] for m in named)

    def _plans_a_list(self, intro: re.Match[str]) -> bool:
        """Whether the sentence an intro ends plans what it lists: a plan cue in it (今年,
        预期目标, 力争…), and no word of progress or of work done (主要目标完成情况如下)."""
        start = self.index.period(intro.start(), intro.start())[0]
        if not (
            self.firm_plans.last(start, intro.start()) or self.stretch.last(start, intro.start())
        ):
            return False
        told = _PROGRESS_WORDS.search(self.text, start, intro.start())
        return told is None and self.done.last(start, intro.start()) is None

    @cached_property
    def _item_runs(self) -> dict[int, int]:
        """For each line's start, where the run of list items from it ends: a line opening
        on an item mark (1、, （1）) or holding one sentence is an item; a paragraph of
        sentences or a heading (一、, （二）) ends the list."""
        runs: dict[int, int] = {}
        lines = self.text.split("\n")
        position = len(self.text) + 1
        end = len(self.text)
        for line in reversed(lines):
            position -= len(line) + 1
            inside = line[:-1]
            item = _ITEM_MARK.match(line) or not any(ch in inside for ch in "。！？!?")
            if not item or _TOP_HEADING.match(line) or _SUB_HEADING.match(line):
                end = position
            runs[position] = end
        return runs

    def _introduced(self, position: int) -> bool:
        """Whether ``position`` is in a list a plan's intro opens (今年主要预期目标如下。 /
        主要目标是：): the rest of the intro's line, and when the intro ends its line, the
        lines of items after it."""
        intro = self.intros.last(0, position)
        if intro is None:
            return False
        if intro.start() >= self.index.paragraph(position)[0]:
            return True
        if self.text[intro.end() : intro.end() + 1] != "\n":
            return False
        return position < self._item_runs.get(intro.end() + 1, intro.end())

    def _frame(self, start: int) -> re.Match[str] | None:
        """The time past that opens the paragraph starting at ``start``, if one does: an
        earlier year set off by a comma (2020年，…; after who says it, 报告指出：2010年，…),
        a span told back (五年来，过去一年，2020年以来), a time past (上半年，去年) or a
        five-year period past (“十二五”时期，)."""
        if start in self.frames:
            return self.frames[start]
        lead = _LEAD_IN.match(self.text, start)  # 报告指出：2010年，…
        year = _PARAGRAPH_YEAR.match(self.text, lead.end() if lead else start)
        if year is not None and not (self.year is not None and int(year.group(1)) < self.year):
            year = None
        opening = _OPENS.match(self.text, start)
        at = opening.end() if opening else start
        span = _FRAMES.match(self.text, at)
        period = _PERIOD_NAMED.match(self.text, at)
        period = period if period is not None and self._period_past(period) else None
        self.frames[start] = frame = year or span or period
        return frame

    def _framed(self, q: Quantity) -> str | None:
        """Why a figure is a result of the time past that opens its paragraph, if it is. A
        paragraph that opens on its time (2020年，…交出了答卷：…。万元GDP能耗下降1.5%; 五年来，
        …。新建学校30所) tells of it in every sentence, not only its first, until a word
        ahead (今年, 力争, 主要目标, 今后, 明年…; not a plan or target named as reported on,
        完成了…确定的目标任务, nor 目标 alone, 紧紧围绕富民强县目标), a year of the plan's or
        later, or a five-year period to come turns it to the plan (2020年，…增长6%。2021年，
        …增长7%)."""
        start = self.index.paragraph(q.start)[0]
        frame = self._frame(start)
        frame = frame if frame is not None and frame.end() <= q.phrase_start else None
        # a span told back (过去一年，五年来), a period past (“十二五”期间) or an earlier year
        # opening a sentence (。2020年，) sets the time of the sentences after it wherever it
        # stands: 报告指出，过去一年，…。全市生产总值达…
        told = [
            self.spans.last(start, q.phrase_start),
            self.past_periods.last(start, q.phrase_start),
            self.sentence_years.last(start, q.phrase_start),
        ]
        told_back = max((m for m in told if m is not None), key=lambda m: m.start(), default=None)
        if told_back is not None and (frame is None or told_back.start() > frame.start()):
            frame = told_back
        if frame is None or frame.end() > q.phrase_start:
            return None
        # a part of the year (上半年，…) turns to the year's plan at 全年 and the plan cues too
        in_year = frame.re is _FRAMES and _PART_OF_YEAR.fullmatch(frame.group()) is not None
        stops = (self.ahead_words, self.stretch, self.now, self.periods_ahead)
        for marks in (*stops, self.plans) if in_year else stops:
            if marks.last(frame.end(), q.phrase_start + len(q.phrase)) is not None:
                return None
        if frame.re is _PARAGRAPH_YEAR:
            return f"a result of {frame.group(1)} (the year that opens its paragraph)"
        if frame.re is _SENTENCE_YEAR:
            return f"a result of {frame.group(1)} (the year that opens its sentence)"
        if frame is told_back:
            return f"a result ({frame.group()}, the time its paragraph tells of)"
        return f"a result ({frame.group()}, the time that opens its paragraph)"

    def _observed(
        self, q: Quantity, clause: tuple[int, int], after: Quantity | None, sentence_end: int
    ) -> str | None:
        """Why a change measured against last year is a result, if it is: 比上年增长6.5%,
        同比下降2%, 较上年上涨0.1% report a change seen (a statistical bulletin, a review),
        and so does the level it is the change of, told just before it in its sentence
        (生产总值201.2亿元,按不变价格计算,比上年增长6.5%);
        unless a plan cue in its sentence (今年, 预期目标, 力争…) or after it in its clause
        makes it the change aimed at (今年…比上年增长6%左右), or it is worded as a target is
        (…增长6%左右, 7%以上). 全年 alone is no plan cue here: 全年居民消费价格比上年上涨0.1%
        is the whole year seen."""
        lead = _OBSERVED.search(self.text, max(clause[0], q.phrase_start - 12), q.phrase_start)
        change = q
        if lead is None and after is not None and after.start < min(sentence_end, q.end + 20):
            change = after  # the level before its change
            lead = _OBSERVED.search(self.text, max(q.end, after.start - 12), after.start)
        if lead is None:
            return None
        if any(_AFTER.match(self.text[f.end : f.end + 2]) for f in (q, change)):  # 6%左右
            return None
        period_start = self.index.period(q.start, q.end)[0]
        end = max(clause[1], change.end)
        for marks in (self.firm_plans, self.stretch):
            if marks.last(period_start, q.phrase_start) or marks.first(q.end, end):
                return None
        if self._introduced(q.start):
            return None
        return f"a result ({lead.group()}: a change seen against last year)"

    def _aimed(self, cue: re.Match[str]) -> bool:
        """Whether a cue is part of what a clause aims at (确保一季度开门红, 力争累计…)."""
        start = self.index.clause(cue.start(), cue.end())[0]
        return bool(self.stretch.last(start, cue.start()) or self.floor.last(start, cue.start()))

    def _horizon_opens(self, sentence_start: int) -> bool:
        """Whether a horizon opens the sentence (到2027年，累计建成…; 今年，累计新增…): what is
        累计 by then is a target, not a result."""
        opening = _OPENS.match(self.text, sentence_start)
        return _HORIZON.match(self.text, opening.end() if opening else sentence_start) is not None

    def _result_cue(
        self, q: Quantity, sentence_start: int, clause: tuple[int, int], since: int = 0
    ) -> str | None:
        """Why the words around a quantity make it a result, if they do: a result cue (预计,
        一季度, 连续N年…) in its sentence before it or its clause after it, or an earlier
        year in the sentence; unless the clause plans (力争, 确保, 今年…). Both hold past ；
        to the end of the sentence in the full sense, unless a plan cue comes. A forecast
        (预计) counts unless the sentence states targets (主要预期目标是：预计…5.5%左右).
        No cue before ``since`` counts (the 其中 that opens a part of a commitment)."""
        sentence_start = max(sentence_start, since)
        cue = self.results.last(sentence_start, q.phrase_start) or self.results.first(
            q.end, clause[1]
        )
        if cue is not None and not self._aimed(cue):
            if cue.group() == "预计":
                planned = self.targets.last(sentence_start, q.start) is not None
            else:
                planned = self.plans.last(clause[0], q.start) is not None or (
                    cue.group().startswith("累计")
                    and self._horizon_opens(sentence_start)
                    and self.times.last(sentence_start, cue.start()) is None  # 1-6月累计
                )
            return None if planned else f"a result ({cue.group()})"
        period_start = max(self.index.period(q.start, q.end)[0], since)
        time = self.times.first(period_start, sentence_start)
        if (
            time is not None
            and _OPENS.fullmatch(self.text, period_start, time.start())
            and self.plans.last(clause[0], q.start) is None
        ):
            return f"a result ({time.group()})"
        # A cue earlier in the sentence in the full sense (。) holds past ； until a plan cue:
        # 2012年，生产总值…增长11.4%；公共财政总收入3008.91亿元，增长15.9%.
        plan = self.plans.last(period_start, q.phrase_start)
        reach = max(period_start, plan.end()) if plan else period_start
        carried = self.done.last(reach, sentence_start)
        if carried is not None and not self._aimed(carried):
            if carried.group() != "预计" or self.targets.last(period_start, q.start) is None:
                return f"a result ({carried.group()})"
        period = self.past_periods.last(reach, q.phrase_start)
        if period is not None:
            return f"a result of the {period.group()} period"
        past = self.years.first(min(reach, sentence_start), q.phrase_start)
        if past is None or self.year is None or int(past.group(1)) >= self.year:
            return None
        if self.text[past.start() - 1 : past.start()] in ("到", "至", "比", "较"):
            return None  # a horizon (到2030年) or the base of a comparison (比2020年下降)
        return f"a result of {past.group(1)}"

    def _lists(self, quantities: list[Quantity]) -> list[tuple[str, int]]:
        """For each quantity: the words closing the run of figures it opens or continues
        (7%、8%左右: 左右 for both; its own if it has some) and how many figures the run
        has from it on. One pass from the end, so a run of any length costs its length."""
        runs: list[tuple[str, int]] = [("", 0)] * len(quantities)
        following: Quantity | None = None
        for i in range(len(quantities) - 1, -1, -1):
            q = quantities[i]
            own = _AFTER.match(self.text[q.end : q.end + 2])
            joined = (
                following is not None
                and following.unit == q.unit
                and _JOINED.fullmatch(self.text, q.end + (len(own.group()) if own else 0),
                                      following.start)
            )  # fmt: skip
            closing, length = runs[i + 1] if joined else ("", 0)
            runs[i] = (own.group() if own else closing, length + 1)
            following = q
        return runs

    def _list_items(self, respectively: re.Match[str], first_at: int) -> tuple[list[str], str]:
        """The items of a 分别 list, each with the list's verb, and its whole subject with
        the verb: 城镇居民、农村居民人均可支配收入分别增长7%、8% has the items
        城镇居民人均可支配收入增长 and 农村居民人均可支配收入增长 (the items share the noun the
        last one ends on). Read once per list."""
        list_start = self.index.list_start(respectively.start())
        subject = OPENING_WORDS.sub("", self.text[list_start : respectively.start()])
        verb = self.text[respectively.end() : first_at]
        return [item + verb for item in list_items(subject)], subject + verb

    def read(self) -> Extraction:
        text = self.text
        result = Extraction(text=text, year=self.year)
        quantities = find_quantities(text)
        runs = self._lists(quantities)
        results_before = 0  # how many results there were before the last quantity
        taken_before = 0  # how many commitments (restated too)
        # each unit's latest figure: where it starts, and whether it was a result
        latest: dict[str, tuple[int, bool]] = {}
        wholes: dict[int, dict[str, tuple[int, bool]]] = {}  # the latest ones at each 其中
        for i, raw in enumerate(quantities):
            after_a_result = len(result.results) > results_before
            results_before = len(result.results)
            taken = len(result.commitments) + len(result.later) + len(result.restated)
            if i and (after_a_result or taken > taken_before):
                latest[quantities[i - 1].unit] = (quantities[i - 1].start, after_a_result)
            taken_before = taken
            sentence_start, sentence_end = self.index.sentence(raw.start, raw.end)
            parted = self.parts.last(self.index.period(raw.start, raw.end)[0], raw.start)
            if parted is not None and parted.start() not in wholes:
                wholes[parted.start()] = dict(latest)
            clause = self.index.clause(raw.start, raw.end)
            per = self.per.last(clause[0], raw.start)
            q = _with_phrase(text, raw, clause[0], per.group() if per else None)
            list_start = self.index.list_start(q.start)
            respectively = self.respectively.last(list_start, q.phrase_start)
            if respectively is not None and respectively.start() == self.listed_by:
                self.listed += 1  # the figure's place in its 分别 list
            elif respectively is not None:
                self.listed, self.listed_by = 0, respectively.start()
                self.list_items = self._list_items(respectively, q.phrase_start)
            sentence = text[
                max(sentence_start, q.start - _CONTEXT) : min(sentence_end, q.end + _CONTEXT)
            ].strip()
            why = _name_or_qualifier(text, q, clause[0]) or self._threshold(
                q, quantities, i, clause
            )
            if why is not None:
                result.ignored.append(SetAside(q, why, sentence))
                continue
            heading, mode = _section_at(self.sections, self.section_starts, q.start)
            cell = self._cell(q.start)
            if cell is not None:
                kind, column_name = cell
                if kind != PLAN:
                    where = result.results if kind == REVIEW else result.ignored
                    where.append(SetAside(q, f"in the table's {column_name} column", sentence))
                    continue
                mode = PLAN
            lead = text[max(clause[0], q.phrase_start - 20) : q.phrase_start]
            if _SHARE_OF_PLAN.search(lead):
                result.results.append(SetAside(q, "a share of the plan done", sentence))
                continue
            if _TALLY.search(lead):
                result.results.append(SetAside(q, "a tally of items in a state", sentence))
                continue
            if q.unit in _PEOPLE and (
                _ATTEND.search(text, q.end, clause[1]) or _FROM.search(text, clause[0], q.start)
            ):
                why = "the people at the meeting reported (162名代表出席), not a target"
                result.results.append(SetAside(q, why, sentence))
                continue
            restated = bool(
                _PLAN_FIGURE_AFTER.match(text, q.end, q.end + 6)
                or self._bound_cell(q)
                or _PLAN_FIGURE_BEFORE.search(lead)
                or (mode != REVIEW and self._quoted_with_progress(q, quantities, i, clause))
                or (
                    mode == PROGRESS
                    and (
                        self._named_task(q, sentence_start, sentence_end)
                        or self.task_closers.first(q.end, sentence_end) is not None
                    )
                )
            )
            period_start = self.index.period(q.start, q.end)[0]
            part = (
                _PART_OF.match(text, clause[0])
                or _PART_OF.match(text, sentence_start)
                or (
                    _PART_OF.match(text, period_start)
                    and self.plans.last(period_start, q.start) is None
                )
            )
            # A part named after 其中 in the sentence of its whole (共530项,…,1-6月累计完成投资
            # 362亿元,其中:在建项目185项,…) is what its whole is: the whole is the figure of the
            # same unit before 其中 in that sentence in the full sense. The cues told of the
            # whole (累计完成) are not the part's, nor are those of a part before ；. A plan cue
            # after 其中 (其中工业12亿元，力争全年80亿元) ends the parts of a result.
            whole = None
            if parted is not None and not restated:
                whole = wholes[parted.start()].get(q.unit)
                if whole is not None and whole[0] < period_start:
                    whole = None
                elif whole is not None and whole[1] and self.plans.last(parted.end(), q.start):
                    whole = None
            part_of_a_result = whole[1] if whole is not None else bool(after_a_result and part)
            if part_of_a_result and not restated:
                result.results.append(SetAside(q, "a part of the result before it", sentence))
                continue
            if mode in (REVIEW, PROGRESS) and not restated:
                result.results.append(SetAside(q, f"in a {mode} section ({heading})", sentence))
                continue
            since = 0
            if whole is not None and parted is not None:
                since = max(parted.end(), sentence_start)
            cue = None if restated else self._result_cue(q, sentence_start, clause, since)
            if cue is None and not restated and mode != PLAN:
                after = quantities[i + 1] if i + 1 < len(quantities) else None
                cue = self._framed(q) or self._observed(q, clause, after, sentence_end)
            if cue is not None:
                result.results.append(SetAside(q, cue, sentence))
                continue
            later = self.later.last(sentence_start, q.phrase_start)
            horizon = int(later.group(1) or later.group(2)) if later else None
            if horizon is not None and (self.year is None or horizon <= self.year):
                horizon = None
            period = self.index.period(q.start, q.end)
            main = self.main.last(
                max(period[0], q.start - _CONTEXT), min(period[1], q.end + _CONTEXT)
            )
            quote_start = max(clause[0], q.phrase_start - _QUOTE)
            listed = max(list_start, q.phrase_start - _CONTEXT)
            worded = q.phrase
            item = ""
            items: tuple[str, ...] = ()
            if q.number is None:  # A、B保持正增长: each indicator listed is its own
                named = OPENING_WORDS.sub("", text[list_start : q.start]).split("、")
                # the items after any that is a target of its own (A增长5%、B、C保持正增长)
                tail = next((i for i in range(len(named), 0, -1) if _DIGIT.search(named[i - 1])), 0)
                if len(named) - tail > 1:
                    items = tuple(list_items("、".join(named[tail:])))
                    quote_start = max(list_start, q.phrase_start - _QUOTE)
            if respectively is not None:  # A、B分别增长7%、8%左右: the list's 左右 is each one's
                closing, left = runs[i]
                if not _AFTER.match(text[q.end : q.end + 2]):
                    worded += closing
                # paired in order; when items and figures do not pair one to one, every
                # figure is named by the whole subject
                paired, subject = self.list_items
                item = paired[self.listed] if len(paired) == self.listed + left else subject
                quote_start = max(list_start, q.phrase_start - _QUOTE)
            commitment = Commitment(
                quantity=q,
                comparator=comparator_of(worded, q),
                stretch=bool(self.stretch.last(listed, q.phrase_start + 2)),
                floor=bool(self.floor.last(listed, q.phrase_start + 2)),
                year=horizon,
                section=_MAIN_TARGETS if main else _clean_heading(heading),
                clause=text[quote_start : self._quote_end(q, clause)].strip(),
                clause_start=quote_start,
                sentence=sentence,
                item=item,
                items=items,
            )
            again = self._restates(commitment)
            if again is not None:
                result.restated.append(SetAside(q, again, sentence))
                continue
            set_of = (
                None if restated or mode == PLAN else self._subject_cue(q, quantities, i, clause)
            )
            if set_of is not None:
                result.results.append(SetAside(q, set_of, sentence))
                continue
            (result.later if horizon is not None else result.commitments).append(commitment)
        told_back = self._told_back(result)
        if told_back:
            why = "a part that tells of the past (no word ahead in it, most figures results)"
            starts = [a for a, _ in told_back]

            def back(c: Commitment) -> bool:
                i = bisect_right(starts, c.start) - 1
                return i >= 0 and c.start < told_back[i][1]

            told = [c for c in result.commitments + result.later if back(c)]
            result.results.extend(SetAside(c.quantity, why, c.sentence) for c in told)
            result.commitments = [c for c in result.commitments if not back(c)]
            result.later = [c for c in result.later if not back(c)]
            result.results.sort(key=lambda s: s.start)
        return result

    def _parts(self) -> list[tuple[int, int]]:
        """The runs of text outside the sections that plan or report a plan's progress: the
        whole text when no section does; else the parts before, between and after them (a
        plan-execution report's part on last year under headings that name no mode, 一、农业
        生产平稳, before 二、2031年工作安排)."""
        parts, start, planned = [], 0, False
        for section in self.sections:
            if section.mode in (PLAN, PROGRESS) and not planned:
                parts.append((start, section.start))
                planned = True
            elif section.mode not in (PLAN, PROGRESS) and planned:
                start, planned = section.start, False
        if not planned:
            parts.append((start, len(self.text)))
        return [(a, b) for a, b in parts if b > a]

    def _told_back(self, found: Extraction) -> list[tuple[int, int]]:
        """The parts of the text (each run outside the sections that plan or report a plan's
        progress; the whole text when none does) that tell of the past: no word in the part
        looks ahead (力争, 今年, 计划, 主要目标, 今后, 将新建, 到2030年…; 目标 alone and 全年
        are no such word: 低于5.5%的控制目标, 2024年全年; nor is a plan or target named as
        reported on: 已完成年度目标任务, 占年计划的41.8%, 计划执行情况), no table column in it
        plans, and at least five of its figures are told as results by their own words or
        are figures seen (a change told bare, 增长4.6%, 下降7.7%, or a level told with one,
        56.82亿元,增长4.6%; a running total, 累计53家), no fewer than its figures left. A
        review in figures (a news summary of a five-year period, a flash on last year's
        report, a quarter's statistics, an execution report's part on last year with no
        review heading) says so in its cues and its changes: where nothing looks ahead, a
        bare change is one seen; a list of projects or tasks with no word ahead tells few
        results and few changes."""
        told = sorted(found.commitments + found.later, key=lambda c: c.start)
        if not told:
            return []
        told_starts = [c.start for c in told]
        result_starts = [r.start for r in found.results]
        back = []
        for a, b in self._parts():
            mine = told[bisect_left(told_starts, a) : bisect_left(told_starts, b)]
            if not mine:
                continue
            results = bisect_left(result_starts, b) - bisect_left(result_starts, a)
            if results + len(mine) < 5:
                continue
            if any(kind == PLAN and a <= start < b for start, _, kind, _ in self.cells):
                continue
            if not all(self._looks_back(m) for m in _WORDS_AHEAD.finditer(self.text, a, b)):
                continue
            if self._mostly_seen(mine, results):
                back.append((a, b))
        return back

    def _mostly_seen(self, told: list[Commitment], results: int) -> bool:
        """Whether the results and the figures seen among ``told`` are at least five and no
        fewer than the figures left; looked at figure by figure until the answer is known."""
        needed = max(5 - results, (len(told) - results + 1) // 2)
        seen = 0
        for i, commitment in enumerate(told):
            if seen >= needed or seen + len(told) - i < needed:
                break
            seen += self._seen_change(commitment.quantity)
        return seen >= needed

    def _looks_back(self, ahead: re.Match[str]) -> bool:
        """Whether a word that may look ahead does not: it names a plan or its targets as
        reported on, or a year no later than the plan's (从2020年…到2024年的40.9%)."""
        if self._named_back(ahead):
            return True
        year = ahead.group(1) or ahead.group(2)
        return year is not None and self.year is not None and int(year) <= self.year

    def _named_back(self, ahead: re.Match[str]) -> bool:
        """Whether a word that looks ahead only names a plan or its targets as what is
        reported on: told as reached (已全部完成年度目标任务, 完成了…确定的各项目标任务), as
        the base of a share (占年计划的41.8%), or as what is executed (计划执行情况); or
        今年 says what the year is (今年是“十三五”开局之年)."""
        text, start, end = self.text, ahead.start(), ahead.end()
        if _REACHED.search(text, max(0, start - 8), start):
            return not _AIMING.search(text, max(0, start - 12), start)  # 为完成今年目标
        word = ahead.group()
        if word == "今年":
            return text.startswith("是", end)
        if not word.startswith(("计划", "目标")) and not word.endswith(("目标", "目标任务")):
            return False
        clause_start = self.index.clause(start, end)[0]
        if _PLAN_TOLD.search(text, max(clause_start, start - 24), start):
            return True
        sentence_start, sentence_end = self.index.sentence(start, end)
        if _DONE_WITH_LE.search(text, sentence_start, sentence_end):
            return True  # 大力推进…各项目标任务,完成了…确定的目标任务
        return word == "计划" and _PLAN_REPORTED.match(text, end) is not None

    def _seen_change(self, q: Quantity) -> bool:
        """Whether a figure is a change told bare (增长4.6%, 同比下降7.7%: no 以上, 左右…
        around it), a level told with one right after it (56.82亿元,增长4.6%), a running
        total (累计53家) or a figure its clause tells as done (实现了…, 达到了…): where
        nothing in the text looks ahead, each is a figure seen."""
        if q.number is None or q.phrase != q.text:
            return False
        clause_start = self.index.clause(q.start, q.end)[0]
        if _TOLD_DONE.search(self.text, max(clause_start, q.start - 12), q.start):
            return True
        if _CHANGE.search(self.text, max(0, q.start - 6), q.start):
            return _AFTER.match(self.text, q.end) is None
        told = _CHANGE_TOLD.match(self.text, q.end)
        return told is not None and _AFTER.match(self.text, told.end()) is None

    def _subject_cue(
        self, q: Quantity, quantities: list[Quantity], i: int, clause: tuple[int, int]
    ) -> str | None:
        """Why a count that opens its clause as its subject is no target, if it is not (read
        outside a plan section: a plan's 120个重点项目年内要完成投资200亿元 commits to both): it
        names the set another figure of the clause is about (2015年25件重点民生实事计划总投资
        277亿元: 277亿元 is the target), or the sentence goes on to say the things counted are
        done (15项民生实事项目、31个子项,已全部完成)."""
        if q.number is None or q.phrase != q.text or q.unit in (PERCENT, *POINTS):
            return None
        if q.unit.endswith(MONEY) or _CJK.match(self.text, q.end) is None:
            return None
        if not _SUBJECT_OPENS.fullmatch(self.text, clause[0], q.start):
            return None
        after = quantities[i + 1] if i + 1 < len(quantities) else None
        if after is not None and after.start < clause[1] and after.unit != q.unit:
            return "names the set the figure after it is about, not a target"
        end = self.index.list_bounds(q.start, q.end)[1]
        if self.text[end - 1 : end] in ("，", ",") and _DONE_PREDICATE.match(self.text, end):
            return "a result (the sentence says they are done)"
        return None

    def _bound_cell(self, q: Quantity) -> bool:
        """Whether a figure is a table's cell worded as a bound (增长7%以上, 控制在3%以内,
        5%—5.5%), cells set off by runs of spaces or tabs as a table flattened into text is:
        a table measures its results in bare figures (15352.99亿元, 10%), and a cell that
        bounds its figure quotes the year's target (年度目标), in a review's table too."""
        if q.number is None:
            return False
        end = q.phrase_start + len(q.phrase)
        bounded = q.upper is not None or _BOUND_WORDS.match(self.text, q.end) is not None
        return (
            bounded
            and _CELL_OPENS.search(self.text, max(0, q.phrase_start - 8), q.phrase_start)
            is not None
            and _CELL_ENDS.match(self.text, end) is not None
        )

    def _named_task(self, q: Quantity, sentence_start: int, sentence_end: int) -> bool:
        """Whether a figure is in the list of tasks a progress bulletin names after counting
        them (未达到序时进度11项,为…完成投资80亿元、新建安置区5个): each is a task's target.
        The list holds names only, 、 between them to the sentence's end; a task told with
        its progress (…10项:建设完成2个,完成率200%) is no name."""
        intro = self.task_lists.last(sentence_start, q.phrase_start)
        if intro is None or self.task_counts.last(sentence_start, intro.start()) is None:
            return False
        first, last = self.index.list_bounds(q.start, q.end)
        return intro.start() <= first <= intro.end() and last >= sentence_end

    def _threshold(
        self, q: Quantity, quantities: list[Quantity], i: int, clause: tuple[int, int]
    ) -> str | None:
        """Why an amount is the class of what a count or share before it counts, if it is:
        20%的村集体年收入超30万元 (the share of villages is the target, the income over 30万元
        says which villages)."""
        before = quantities[i - 1] if i else None
        if before is None or before.start < clause[0] or q.number is None:
            return None
        counts = before.unit == PERCENT or before.unit.removeprefix("万") in COUNTED
        amount = q.unit.split("/")[0].endswith(MONEY) or _is_measured(q.unit)
        bound = _AFTER.match(self.text[before.end : before.end + 2])
        of = before.end + (len(bound.group()) if bound else 0)
        if counts and amount and self.text.startswith("的", of) and not _BASE.match(self.text, of):
            return "the class of what is counted (20%的村集体年收入超30万元), not a target"
        return None

    def _quote_end(self, q: Quantity, clause: tuple[int, int]) -> int:
        """Where a commitment's quote ends: after its phrase, or, for a count that opens its
        clause as its subject, at the clause's end (30个重点项目竣工投用: what the 30 do)."""
        end = q.phrase_start + len(q.phrase)
        lead = _ITEM_MARK.sub("", self.text[clause[0] : q.phrase_start])
        if lead or _CJK.match(self.text, end) is None:
            return end
        stop = clause[1] - 1 if self.text[clause[1] - 1 : clause[1]] in _CLAUSE_ENDS else clause[1]
        return max(end, min(stop, end + _QUOTE))

    def _quoted_with_progress(
        self, q: Quantity, quantities: list[Quantity], i: int, clause: tuple[int, int]
    ) -> bool:
        """Whether a count opening its clause is a target quoted with its progress after it
        in the same clause: 2个嵌入式养老机构建设已完成1个(50%), 6个老旧小区改造正在施工中
        (90%): a count of the same unit, or a share, after 已 or 正在."""
        if q.phrase != q.text or _CJK.match(self.text, q.end) is None:
            return False
        if _ITEM_MARK.sub("", self.text[clause[0] : q.start]):
            return False
        after = quantities[i + 1] if i + 1 < len(quantities) else None
        if after is None or after.start >= clause[1] or after.unit not in (q.unit, PERCENT):
            return False
        return self.progress.first(q.end, after.start) is not None

    def _restates(self, commitment: Commitment) -> str | None:
        """Why a commitment is an earlier one said again, if it is: what a sentence counted
        (重点项目57个) comes back with the same number and unit opening a later clause (or
        joined by 和 to one that does), named by a word of the first (57个新续建重点项目全年
        计划…), as the subject of something else. The first is kept. A count whose own clause
        delivers something with no other figure (新开工重点项目30个，30个重点项目竣工投用) is
        a second commitment about the same set; the deed the first named, said again
        (30个重点项目全部开工建设), is a restatement."""
        q = commitment.quantity
        counted = self.counted.setdefault((q.number, q.unit, q.upper), set())
        clause_start, clause_end = self.index.clause(q.start, q.end)
        lead = _ITEM_MARK.sub("", self.text[clause_start : q.start])
        opens = not lead or (lead[-1] in "和及与" and self.restated_at >= clause_start)
        if q.phrase == q.text and opens and _CJK.match(self.text, q.end) is not None:
            rest = self.text[q.end : clause_end]
            # a deed of its own: one the first mention did not name (新开工…30个，30个…竣工)
            deeds = (deed.group() for deed in _DELIVERS.finditer(rest))
            delivers = any(not (_pairs(deed) | _stages(deed)) & counted for deed in deeds)
            delivers = delivers and not _DIGIT.search(rest)
            if not delivers and _pairs(self.text[q.end : min(clause_end, q.end + _NEAR)]) & counted:
                self.restated_at = q.start
                return f"restates the commitment {q.text} said before"
        else:
            named = self.text[max(commitment.clause_start, q.start - _NEAR) : q.start]
            counted |= _pairs(named) | _stages(named)
        return None


def extract(report: str) -> Extraction:
    """Read a report: its commitments for the plan's year, those for later years, and the
    quantities set aside (results, names, qualifiers), each with why."""
    return _Reader(report).read()
