"""Assessments to Rich tables and panels for people.

This is the only module that imports Rich. Machine formats are plain strings from
``text.py``, written without Rich, so ``targets status --format json | jq`` never sees a
colour code.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TextIO

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from gongshu_targets.core.models import Assessment, Observation, Plan, StatusReport
from gongshu_targets.core.units import in_target_unit
from gongshu_targets.enums import Direction, GroupBy, Lang, SortKey, Status
from gongshu_targets.outputs import escape
from gongshu_targets.outputs.explain import step_text
from gongshu_targets.outputs.text import (
    ACCEPT_OPTION,
    merge_summary,
    reading_text,
    rollup_rows,
    row_cells,
    sparkline,
    stored_cell,
    stored_text,
)
from gongshu_targets.outputs.wording import (
    DIFF_HEADERS,
    DIRECTION_LABELS,
    HEADERS,
    Pair,
    completion_text,
    counts_line,
    diff_summary,
    display_name,
    expected_value_text,
    figure_text,
    gap_words,
    latest_text,
    pick,
    plan_region,
    plan_title,
    quantity,
    rate_gap_words,
    rule_words,
    score_text,
    score_words,
    section_name,
    status_label,
    summary_lines,
    target_names,
)

if TYPE_CHECKING:
    from gongshu_targets.core.figures import Merge
    from gongshu_targets.outputs.formats import DiffView, RollupView, StatusView

# Output width when stdout is not a terminal: wide enough that no cell is wrapped or cut.
PIPE_WIDTH = 240
BAR_WIDTH = 8


DIRECTION_STYLES = {Direction.BETTER: "green", Direction.WORSE: "red", Direction.SAME: "dim",
                    Direction.NEW: "cyan"}  # fmt: skip
STATUS_STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.MISSED: "red",
    Status.PENDING: "cyan",
    Status.NO_DATA: "dim",
}


def progress_cell(a: Assessment, lang: Lang, bars: bool) -> str:
    """Completion with the pace (序时进度) marked ┃ for paced targets; else the score."""
    if a.completion is None:
        label = "得分" if lang is Lang.ZH else "score"
        return (score_bar(a.score) if bars else score_text(a.score)).replace(" ", f" {label} ")
    text = completion_text(a, lang, bare=True)
    if not bars:
        return text
    filled = round(max(0.0, min(a.completion, 100.0)) / 100 * BAR_WIDTH)
    cells = ["█" if i < filled else "░" for i in range(BAR_WIDTH)]
    if a.pace_share is not None:
        cells[min(BAR_WIDTH - 1, int(a.pace_share / 100 * BAR_WIDTH))] = "┃"
    return "".join(cells) + " " + text


def score_bar(score: float | None) -> str:
    if score is None:
        return "—"
    filled = round(score / 100 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {score_text(score)}"


# The status table is laid out here, not by Rich's Table: the widths are decided per
# terminal width so that no column ever collapses, and 10,000 rows cost no table solver.
#
# What does not fit goes first to last in this order (the name is never dropped: it folds):
DROP_ORDER = ("bar", "id", "expected", "score", "target", "gap", "latest", "status")
COLUMN_ORDER = ("id", "name", "target", "latest", "expected", "gap", "status", "score")
NAME_MIN = 16  # cells a name keeps however narrow the terminal (eight Chinese characters)
NAME_EASY = 24  # cells a name gets before the other columns stop wrapping
NO_WRAP = frozenset({"id", "gap", "status", "score"})
RIGHT = frozenset({"gap", "expected"})


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""


# Closing punctuation never starts a line (禁则, kinsoku): the character before it comes
# down with it instead.
NO_LINE_START = frozenset("，。、；：？！）」』】〕〉》”’…,.;:?!)]}%")


def _kinsoku(line: str, ch: str, width: int) -> tuple[str, str]:
    """``line`` cut before ``ch`` as (what stays, what goes down with ``ch``): the last
    characters move down when ``ch`` may not start a line and the move fits."""
    if ch not in NO_LINE_START:
        return line, ""
    keep, down = line, ""
    while keep and (not down or down[0] in NO_LINE_START):
        keep, down = keep[:-1], keep[-1] + down
    if keep and cell_len(down + ch) <= width:
        return keep, down
    return line, ""


# Opening punctuation never ends a line: it goes down with what it opens.
NO_LINE_END = frozenset("（「『【〔〈《“‘")


def _atoms(word: str) -> list[str]:
    """A word (no spaces) in the pieces a line may break between: each wide character
    (Chinese breaks between any two), and each run of narrow ones (an option, a number, an
    English word), which stays whole, as does a number with the wide character after it
    (4万, 2025年: a figure and its unit)."""
    if not word:
        return [""]
    wide = [cell_len(ch) == 2 for ch in word]
    figure = [ch.isascii() and ch.isdigit() for ch in word]
    # where each atom starts: the word is cut once, never grown a character at a time
    starts = [
        0,
        *(i for i in range(1, len(word)) if wide[i - 1] or (wide[i] and not figure[i - 1])),
    ]
    return [word[a:b] for a, b in zip(starts, [*starts[1:], len(word)], strict=True)]


def _joined(parts: Sequence[tuple[str, str]]) -> str:
    """A line's pieces, each after its glue (a space, or nothing inside a word), the first
    without."""
    return "".join((glue if n else "") + atom for n, (glue, atom) in enumerate(parts))


def _cut(atom: str, width: int) -> list[str]:
    """An English word or id too long for any line, cut where it must be."""
    lines, line = [], ""
    for ch in atom:
        if cell_len(line + ch) > width:
            kept, line = _kinsoku(line, ch, width)
            lines.append(kept)
        line += ch
    return [*lines, line]


def _held(line: list[tuple[str, str]], glue: str, atom: str) -> bool:
    """Whether the last piece of ``line`` must go down with ``atom`` to the next line:
    closing punctuation after it with nothing between, or opening punctuation that ends it."""
    closing = not glue and atom[:1] in NO_LINE_START
    return bool(line) and (closing or line[-1][1][-1:] in NO_LINE_END)


def fold(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells: broken at spaces and between Chinese
    characters, never inside an English word, a number or an option (one too long for a
    line is cut where it must be, and one too long to go down with the closing punctuation
    after it gives it its last character), never before closing punctuation (，。）」…) nor
    after opening punctuation (（《“…)."""
    lines: list[str] = []
    line: list[tuple[str, str]] = []
    used = 0  # the cells of _joined(line), kept as it changes: each atom is measured once
    for n, word in enumerate(text.replace(" × ", "\0×\0").split(" ")):
        for k, atom in enumerate(_atoms(word.replace("\0", " "))):
            glue = " " if n and not k else ""
            cells = cell_len(atom)
            if used + (len(glue) if line else 0) + cells <= width:
                used += (len(glue) if line else 0) + cells
                line.append((glue, atom))
                continue
            if cells > width:
                *cut, tail = _cut(atom, width)
                lines += [_joined(line)] if line else []
                lines += cut
                line, used = [("", tail)], cell_len(tail)
                continue
            down, below = [(glue, atom)], cells  # below: the cells of _joined(down)
            before = (list(line), used)
            while _held(line, *down[0]):  # what the atom may not be parted from goes down
                last_glue, last = line[-1]
                moved = cell_len(last) + len(down[0][0]) + below
                if moved > width:
                    break
                line.pop()
                used -= cell_len(last) + (len(last_glue) if line else 0)
                down.insert(0, (last_glue, last))
                below = moved
            while _held(line, *down[0]) and len(line[-1][1]) > 1:
                # a word too wide to go down whole gives its last character instead
                last_glue, last = line[-1]
                moved = cell_len(last[-1]) + len(down[0][0]) + below
                if moved > width:
                    break
                line[-1] = (last_glue, last[:-1])
                used -= cell_len(last[-1])
                down.insert(0, ("", last[-1]))
                below = moved
            if not line:  # nothing would stay: break before the atom after all
                line, down, below = down[:-1], down[-1:], cells
            elif _held(line, *down[0]):  # what is held is wider than a line: break anyway
                (line, used), down, below = before, down[-1:], cells
            lines.append(_joined(line))
            line, used = down, below
    lines.append(_joined(line))
    return lines


# A bracketed tag of --help ([必填], [env var: TARGETS_LANG], [选项], [ARGS]...): one piece.
HELP_TAG = re.compile(r"\[[^\[\]]*\]\S*")


def fold_tags(text: str, width: int) -> list[str]:
    """``text`` folded as `fold` does, each bracketed tag kept whole on one line: one that
    does not fit after the text before it goes down whole (folded only if wider than a
    line), so that no line ends inside `[环境变` or `[env var:`."""
    lines: list[str] = []
    at = 0
    for tag in [*HELP_TAG.finditer(text), None]:
        prose = text[at : len(text) if tag is None else tag.start()]
        if prose.strip():
            lines += fold((lines.pop() if lines else "") + prose.rstrip(), width)
        if tag is None:
            break
        glue = " " if prose[-1:] == " " and lines else ""
        if lines and cell_len(lines[-1] + glue + tag.group()) <= width:
            lines[-1] += glue + tag.group()
        else:
            lines += fold(tag.group(), width)
        at = tag.end()
    return lines or [""]


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - cell_len(text))
    return space + text if right else text + space


def _min_width(key: str, texts: Sequence[str]) -> int:
    """The narrowest a column can be: its longest word (or whole cell, if it never wraps)."""
    if key == "name":
        return min(NAME_MIN, max(map(cell_len, texts)))  # it folds
    header, *body = texts
    words = (word for text in texts for word in text.replace(" × ", "×").split(" "))
    widest_word = max(map(cell_len, words)) + 2 * any(" × " in text for text in texts)
    while len(fold(header, widest_word)) > 2:  # a header takes two lines at most
        widest_word += 1
    if key in NO_WRAP:  # the header may wrap at its spaces; the cells never do
        return max(widest_word if key != "id" else 0, *map(cell_len, body or [""]))
    return widest_word


@dataclass
class Layout:
    """Which columns a width shows, how wide each is, and whether progress has its bar."""

    keys: list[str]
    widths: dict[str, int]
    bars: bool

    @property
    def total(self) -> int:
        return sum(self.widths[k] for k in self.keys) + 3 * len(self.keys) + 1


def plan_layout(columns: dict[str, list[str]], narrow_score: list[str], width: int) -> Layout:
    """Fit the columns to ``width``: drop in DROP_ORDER until the narrowest form fits (the
    bar and the id also go when they would squeeze a more important column), then widen
    the columns to their natural width, most important first, the name first of all."""
    keys = list(COLUMN_ORDER)
    cells = dict(columns)
    bars = True
    natural = {k: max(map(cell_len, cells[k])) for k in keys}

    def need(comfortable: bool) -> int:
        """The width needed: every column at its narrowest, the name at NAME_MIN, or
        (comfortable) every column at its natural width, the name at NAME_EASY."""
        name = min(NAME_EASY if comfortable else NAME_MIN, natural["name"])
        widths = [
            name if k == "name" else natural[k] if comfortable else _min_width(k, cells[k])
            for k in keys
        ]
        return sum(widths) + 3 * len(keys) + 1

    for what in DROP_ORDER:
        extra = what in ("bar", "id")
        if need(comfortable=False) <= width and not (extra and need(comfortable=True) > width):
            break
        if what == "bar":
            bars, cells["score"] = False, narrow_score
            natural["score"] = max(map(cell_len, narrow_score))
        else:
            keys.remove(what)
    widths = {k: _min_width(k, cells[k]) for k in keys}
    spare = width - (sum(widths.values()) + 3 * len(keys) + 1)
    by_importance = [k for k in reversed(DROP_ORDER) if k in keys]
    for key, cap in (("name", NAME_EASY), *((k, natural[k]) for k in by_importance),
                     ("name", natural["name"])):  # fmt: skip
        grow = max(0, min(spare, min(cap, natural[key]) - widths[key]))
        widths[key] += grow
        spare -= grow
    return Layout(keys=keys, widths=widths, bars=bars)


def _rule(layout: Layout, left: str, joint: str, right: str) -> str:
    return left + joint.join("─" * (layout.widths[k] + 2) for k in layout.keys) + right


def status_lines(report: StatusReport, lang: Lang, width: int, note: str = "") -> list[Text]:
    """The status table as lines of at most ``width`` cells, section headings and all."""
    rows: list[tuple[str, dict[str, Cell]]] = []
    narrow: list[str] = []
    names = target_names(report.plan, lang)
    for a in report.assessments:
        texts = map(escape.terminal, row_cells(a, lang, names))
        cells = dict(zip(COLUMN_ORDER[:6], map(Cell, texts), strict=True))
        cells["status"] = Cell(status_label(a.status, lang), STATUS_STYLES[a.status])
        cells["score"] = Cell(progress_cell(a, lang, bars=True))
        narrow.append(progress_cell(a, lang, bars=False))
        rows.append((escape.terminal(section_name(a.target, lang)), cells))
    headers = {k: pick(HEADERS[k], lang) for k in COLUMN_ORDER}
    columns = {k: [headers[k], *(cells[k].text for _, cells in rows)] for k in COLUMN_ORDER}
    layout = plan_layout(columns, [headers["score"], *narrow], max(width, 20))
    if not layout.bars:
        for (_, cells), text in zip(rows, narrow, strict=True):
            cells["score"] = Cell(text)
    inner = layout.total - 4
    lines = [Text(line.center(layout.total - (cell_len(line) - len(line))).rstrip())
             for line in fold(_title(report, lang), layout.total)]  # fmt: skip
    lines += [Text(part) for part in fold(note, width)] if note else []
    lines.append(Text(_rule(layout, "┌", "┬", "┐")))
    lines.extend(_row(layout, {k: Cell(headers[k], "bold") for k in layout.keys}))
    if report.sorted_by is not SortKey.PLAN:
        lines.append(Text(_rule(layout, "├", "┼", "┤")))
    section = None
    headings = report.sorted_by is SortKey.PLAN  # a sorted view mixes the sections: none
    for heading, cells in rows:
        if headings and heading != section:
            first = section is None
            section = heading
            lines.append(Text(_rule(layout, "├", "┴" if first else "┴", "┤")))
            for part in fold(heading, inner):
                line = Text("│ ")
                line.append(_pad(part, inner), style="bold")
                line.append(" │")
                lines.append(line)
            lines.append(Text(_rule(layout, "├", "┬", "┤")))
        lines.extend(_row(layout, cells))
    lines.append(Text(_rule(layout, "└", "┴", "┘")))
    return lines


def _title(report: StatusReport, lang: Lang) -> str:
    plan = report.plan
    as_of = report.as_of or "—"
    when = f"数据截至 {as_of}" if lang is Lang.ZH else f"data as of {as_of}"
    title, region = plan_title(plan, lang), plan_region(plan, lang)
    return f"{escape.terminal(title)} · {escape.terminal(region)} · {when}"


def _row(layout: Layout, cells: dict[str, Cell]) -> list[Text]:
    folded = {k: fold(cells[k].text, layout.widths[k]) for k in layout.keys}
    height = max(map(len, folded.values()))
    lines = []
    for i in range(height):
        line = Text("│")
        for k in layout.keys:
            part = folded[k][i] if i < len(folded[k]) else ""
            line.append(" ")
            line.append(_pad(part, layout.widths[k], k in RIGHT), style=cells[k].style)
            line.append(" │")
        lines.append(line)
    return lines


class _Console(Console):
    """Every piece of text it writes passes ``escape.lines`` and every line it writes
    ``escape.commands``: no control character reaches the terminal, and a plan's text
    wrapped onto a line of its own is never read by a CI runner as a workflow command."""

    def on_broken_pipe(self) -> None:
        """Leave a closed pipe to the command line's one handler (Rich would exit 1)."""
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        safe = (
            segment if segment.control else segment._replace(text=escape.lines(segment.text))
            for segment in buffer
        )
        return escape.commands(super()._render_buffer(safe))


def _console(stream: TextIO) -> Console:
    interactive = stream.isatty()
    width = None if interactive or os.environ.get("COLUMNS") else PIPE_WIDTH
    # Everything printed is plain text or Text: a plan's "[/]" or ":smile:" is shown as written.
    return _Console(
        file=stream, width=width, soft_wrap=False, highlight=False, markup=False, emoji=False
    )


# A table longer than this is summarised (nobody reads 10,000 rows): the worst problems,
# then a line per section. --all lists every target anyway.
LONG_TABLE = 200
PROBLEM_ROWS = 50
LONG_WORDS: dict[str, Pair] = {
    "problems": (
        "{n} targets: too many to list. The {shown} worst problems (missed, off track, at "
        "risk) of {total}, then each section; --all lists every target, and --section, "
        "--status or --problems narrow the list.",
        "共 {n} 项目标，逐项列出过长。以下为 {total} 项问题（未完成、滞后序时、存在风险）中"
        "最严重的 {shown} 项，其后为各板块汇总；--all 列出全部目标，--section、--status、"
        "--problems 可缩小范围。",
    ),
    "none": (
        "{n} targets: too many to list, and none is missed, off track or at risk; each "
        "section follows. --all lists every target.",
        "共 {n} 项目标，逐项列出过长；没有未完成、滞后序时或存在风险的目标，以下为各板块汇总。"
        "--all 列出全部目标。",
    ),
}


def _captured(draw: Callable[[Console], None]) -> str:
    """What ``draw`` prints on a console for stdout (its width, its colours), as text the
    command line writes."""
    console = _console(sys.stdout)
    with console.capture() as capture:
        draw(console)
    return capture.get()


def render_status_table(view: StatusView) -> str:
    """The status table; a plan of more than LONG_TABLE targets is summarised instead,
    unless ``view.everything``."""
    return _captured(lambda console: _status_table(console, view))


def _status_table(console: Console, view: StatusView) -> None:
    report, lang, everything = view.report, view.lang, view.everything
    width = console.width
    if everything or len(report.assessments) <= LONG_TABLE:
        lines = status_lines(report, lang, width)
    else:
        lines = _long_summary(report, lang, width)
    lines += [Text(part) for line in summary_lines(report, lang) for part in fold(line, width)]
    console.print(Text("\n").join(lines), no_wrap=True, crop=False)


def _long_summary(report: StatusReport, lang: Lang, width: int) -> list[Text]:
    """The worst problems as a table, then one line per section: counts and score."""
    from gongshu_targets.core.items import rollup
    from gongshu_targets.core.order import PROBLEMS, ordered

    worst = ordered(report, SortKey.STATUS).assessments
    problems = [a for a in worst if a.status in PROBLEMS]
    shown = problems[:PROBLEM_ROWS]
    words = LONG_WORDS["problems" if shown else "none"]
    note = pick(words, lang).format(n=f"{len(report.assessments):,}", shown=len(shown),
                                    total=f"{len(problems):,}")  # fmt: skip
    lines = status_lines(report.model_copy(update={"assessments": tuple(shown)}), lang, width, note)
    if not shown:  # the table's frame with no row: only its title and the note
        lines = [line for line in lines if not line.plain.startswith(("┌", "│", "├", "└"))]
    colon, semicolon = ("：", "；") if lang is Lang.ZH else (": ", "; ")
    for group in rollup(report, GroupBy.SECTION):
        n = sum(group.tally.counts.values())
        name = escape.terminal(str(group.title(lang is Lang.EN)))
        line = f"{name}{colon}{counts_line(group.tally.counts, lang)}{semicolon}"
        line += score_words(group.tally.score, group.tally.counts, lang)
        lines += [Text(part) for part in fold(line if n else name, width)]
    return lines


def render_rollup_table(view: RollupView) -> str:
    """``status --by``: a row per owner or section, its counts and score."""
    return _captured(lambda console: _rollup_table(console, view))


def _rollup_table(console: Console, view: RollupView) -> None:
    header, *rows = rollup_rows(view.groups, view.by, view.lang)
    table = Table(header_style="bold")
    for index, title in enumerate(header):
        table.add_column(title, overflow="fold", justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)


SHOW_LABELS: dict[str, tuple[str, str]] = {
    "score": ("score", "得分"),
    "projection": ("year-end projection", "年末线性预测"),
    "expected": ("expected now", "序时应达"),
    "trend": ("trend", "走势"),
    "as_of": ("date", "日期"),
    "value": ("value", "数值"),
    "recorded_at": ("recorded at", "录入时间"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
    "revised": ("(revised)", "（已修订）"),
    "retracted": ("(retracted)", "（已撤回）"),
    "retraction": ("retraction", "撤回"),
}


def print_target(
    a: Assessment,
    history: Sequence[Observation],
    counted: Sequence[Observation],
    lang: Lang,
    stream: TextIO,
    names: Mapping[str, str] | None = None,
) -> None:
    """Everything about one target: quote, rule, history, sparkline and the steps
    (``names``: the plan's target names, for an in_step target to name the one it tracks)."""
    t = a.target
    console = _console(stream)
    head = Text()
    head.append(f"{escape.terminal(t.id)}  ", style="bold")
    head.append(escape.terminal(display_name(t, lang)) + "\n")
    head.append(f"{escape.terminal(section_name(t, lang))}\n", style="dim")
    head.append(f"{escape.block(t.quote)}\n", style="italic")
    head.append(escape.terminal(rule_words(t, lang, names)) + "\n")
    head.append(f"{status_label(a.status, lang)}", style=STATUS_STYLES[a.status])
    head.append(f"  {pick(SHOW_LABELS['score'], lang)} {score_bar(a.score)}")
    if a.projection is not None:
        projection = quantity(a.projection, t.unit, lang, derived=True)
        head.append(f"  {pick(SHOW_LABELS['projection'], lang)} {projection}")
    if a.value is not None:
        figures = [f"{pick(HEADERS['latest'], lang)} {latest_text(a, lang)}"]
        if a.expected is not None:
            figures.append(f"{pick(SHOW_LABELS['expected'], lang)} {expected_value_text(a, lang)}")
        if a.gap is not None:
            figures.append(gap_words(a, lang))
        against_target = rate_gap_words(a, lang)  # the report's 进度判断 for a rate
        if against_target is not None:
            figures.append(against_target)
        head.append("\n" + " · ".join(figures))
    parts: list[Any] = [head]
    if history:
        counted_keys = {(o.as_of, o.recorded_at) for o in counted}
        table = Table(show_edge=False, header_style="bold")
        for key in ("as_of", "value", "recorded_at", "source", "note"):
            table.add_column(pick(SHOW_LABELS[key], lang), overflow="fold")
        withdrawn = _withdrawn(history)
        for o in history:
            superseded = (o.as_of, o.recorded_at) not in counted_keys
            shown = o.value if o.share else in_target_unit(o.value, t.unit)
            mark = SHOW_LABELS["retracted" if id(o) in withdrawn else "revised"]
            table.add_row(
                str(o.as_of),
                pick(SHOW_LABELS["retraction"], lang)
                if o.retracted
                else figure_text(shown, t, o.share, lang)
                + (f" {pick(mark, lang)}" if superseded else ""),
                o.recorded_at.isoformat(),
                escape.terminal(o.source),
                escape.block(o.note),
                style="yellow" if o.retracted else "dim strike" if superseded else None,
            )
        parts.append(table)
        trend = sparkline([o.value for o in counted if o.share == a.share])
        parts.append(Text(f"{pick(SHOW_LABELS['trend'], lang)} {trend}"))
    steps = (step_text(step, lang, None if a.share else t.unit) for step in a.steps)
    parts.append(Text("\n".join(f"• {step}" for step in steps)))
    if t.notes:
        parts.append(Text(escape.block(t.notes), style="dim"))
    console.print(Panel(Group(*parts), expand=False))


def _withdrawn(history: Sequence[Observation]) -> set[int]:
    """The figures (by id()) that the next row recorded for their slot takes back."""
    withdrawn = set()
    previous: dict[tuple[str, date, bool], Observation] = {}
    for obs in sorted(history, key=lambda o: o.recorded_at):
        before = previous.get(obs.slot)
        if obs.retracted and before is not None and not before.retracted:
            withdrawn.add(id(before))
        previous[obs.slot] = obs
    return withdrawn


def _stderr() -> Console:
    return _Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def error(message: str, lang: Lang, details: Iterable[str] = ()) -> None:
    """A message for people, on stderr (never mixed into the data on stdout), and its
    details (the problems of a file), each on one line of its own: whatever input text
    they quote is shown on that line, cut if huge, never obeyed."""
    from gongshu_targets.outputs import messages

    head = messages.error(escape.message(message), lang)
    lines = [head, *(f"  {escape.message(d)}" for d in details)]
    _stderr().print("\n".join(lines), style="red")


def note(message: str) -> None:
    _stderr().print(message)


DRY_RUN_ROWS = 200  # a dry run of a large sheet lists this many rows, then counts the rest


DRY_RUN_WORDS: dict[str, Pair] = {
    "change": ("change", "变动"),
    "id": ("id", "编号"),
    "as_of": ("date", "日期"),
    "current": ("current", "现有"),
    "reading": ("typed → read", "填写 → 读作"),
    "stored": ("stored", "存储值"),
    "add": ("add", "新增"),
    "revise": ("revise", "修订"),
    "retract": ("retract", "撤回"),
    "unchanged": ("unchanged", "不变"),
    "more": ("… and {} more {}", "……另有 {} 行"),  # the noun: row or rows
    "accepted": (
        "{} accepted against the plausibility check ({})",
        "{} 个数值未通过合理性检查而按 {} 照录",
    ),
}


def print_dry_run(merge: Merge, plan: Plan, stream: TextIO, lang: Lang = Lang.EN) -> None:
    """What an import would do: a table of the rows, each figure as typed, as read and
    as stored, then a summary."""
    console = _console(stream)
    total = len(merge.added) + len(merge.revised) + len(merge.retracted) + len(merge.unchanged)
    words = {key: pick(pair, lang) for key, pair in DRY_RUN_WORDS.items()}
    if total:
        rows = chain(
            (("add", "green", o, None) for o in merge.added),
            (("revise", "yellow", new, old) for old, new in merge.revised),
            (("retract", "red", new, old) for old, new in merge.retracted),
            (("unchanged", "dim", o, o) for o in merge.unchanged),
        )
        table = Table(header_style="bold")
        for column in ("change", "id", "as_of", "current", "reading", "stored"):
            table.add_column(words[column], overflow="fold")
        for change, style, new, old in islice(rows, DRY_RUN_ROWS):
            target = plan.require_target(new.id)
            current = "—" if old is None else stored_text(old, target, lang)
            reading = reading_text(new, target, merge.typed.get(new.slot, new.value), lang)
            table.add_row(Text(words[change], style=style), new.id, str(new.as_of), current,
                          reading, stored_cell(new, lang))  # fmt: skip
        console.print(table)
        if total > DRY_RUN_ROWS:
            more = total - DRY_RUN_ROWS
            console.print(words["more"].format(f"{more:,}", "row" if more == 1 else "rows"))
        if merge.accepted:
            accepted = len(merge.accepted)
            figures = f"{accepted} figure" + ("" if accepted == 1 else "s")
            count = figures if lang is Lang.EN else str(accepted)
            console.print(words["accepted"].format(count, ACCEPT_OPTION))
    console.print(merge_summary(merge, dry_run=True, lang=lang))


def render_diff_text(view: DiffView) -> str:
    """What changed between two dates: each target's figure at both, its status and which
    way it moved; then how many went each way."""
    return _captured(lambda console: _changes_table(console, view))


def _changes_table(console: Console, view: DiffView) -> None:
    changes, start, end, lang = view.changes, view.start, view.end, view.lang
    summary = diff_summary([c.direction for c in changes], start, end, lang)
    if not changes:
        console.print(summary)
        return
    table = Table(header_style="bold")
    for column in (pick(DIFF_HEADERS["id"], lang), pick(DIFF_HEADERS["name"], lang), str(start),
                   str(end), pick(DIFF_HEADERS["status"], lang),
                   pick(DIFF_HEADERS["direction"], lang)):  # fmt: skip
        table.add_column(column, overflow="fold")
    for c in changes:
        before, after = c.before.status, c.after.status
        moved = Text(status_label(before, lang), style=STATUS_STYLES[before])
        moved.append(" → ")
        moved.append(status_label(after, lang), style=STATUS_STYLES[after])
        table.add_row(
            c.after.target.id,
            display_name(c.after.target, lang),
            latest_text(c.before, lang),
            latest_text(c.after, lang),
            moved,
            Text(pick(DIRECTION_LABELS[c.direction], lang), style=DIRECTION_STYLES[c.direction]),
        )
    console.print(table)
    console.print(summary)


# --- --help: laid out here, so that at any width a line folds and nothing is cut ---------


@dataclass(frozen=True)
class HelpRow:
    """A line of a --help panel: an option (its long and short names, what its value is),
    an argument or a command, and what it does."""

    name: str
    help: str
    short: str = ""
    value: str = ""
    required: bool = False


@dataclass(frozen=True)
class HelpPage:
    """A command's --help: the usage line (its words too), its text in paragraphs, and its
    panels under their titles."""

    usage: str
    paragraphs: Sequence[str]
    panels: Sequence[tuple[str, Sequence[HelpRow]]]


# Narrower than this, the help of a row goes on the lines under its name instead.
HELP_MIN_WIDTH = 20
# --help is laid out for at least this many columns (the rules hold from 60 up).
HELP_NARROWEST = 40
HELP_STYLES = {"name": "bold cyan", "short": "bold green", "value": "bold yellow",
               "mark": "bold red", "help": "", "border": "dim"}  # fmt: skip


def _choices(value: str) -> list[str]:
    """A value's pieces that stay whole: a list of choices (``a | b | c``) breaks after a
    ``|``, never inside a choice."""
    return value.replace(" | ", " |\0").split("\0")


def _fold_value(value: str, width: int) -> list[str]:
    lines: list[str] = []
    for piece in _choices(value):
        if lines and cell_len(f"{lines[-1]} {piece}") <= width:
            lines[-1] += f" {piece}"
        else:
            lines.extend(fold(piece, width))
    return lines or [""]


def _side_by_side(cells: Sequence[tuple[list[str], int, str]]) -> list[Text]:
    """Columns of lines (each with its width and style) as lines, two spaces apart."""
    lines = []
    for i in range(max(len(texts) for texts, _, _ in cells)):
        line = Text()
        for n, (texts, width, key) in enumerate(cells):
            line.append("  " if n else "")
            line.append(_pad(texts[i] if i < len(texts) else "", width), HELP_STYLES[key])
        lines.append(line)
    return lines


def _panel(title: str, rows: Sequence[HelpRow], width: int) -> list[Text]:
    """A panel of rows in a box ``width`` wide. The names are never folded while they fit;
    the help takes what is left, and goes under the name when that is too little."""
    inner = width - 4
    widths = {
        "mark": 1 if any(r.required for r in rows) else 0,
        "name": min(max(cell_len(r.name) for r in rows), inner - 2),
        "short": max(cell_len(r.short) for r in rows),
        "value": max(cell_len(r.value) for r in rows),
    }

    def left() -> int:
        shown = [w for w in widths.values() if w]
        return inner - sum(shown) - 2 * len(shown)

    # the help is no narrower than its widest tag, which never folds
    least = max([HELP_MIN_WIDTH, *(cell_len(t) for r in rows for t in HELP_TAG.findall(r.help))])
    if left() < least and widths["value"]:
        widest = max(cell_len(piece) for r in rows for piece in _choices(r.value))
        widths["value"] = max(widest, widths["value"] - (least - left()))
    below = left() < least
    help_width = inner - 4 if below else left()
    border = HELP_STYLES["border"]
    top = f"─ {title} "
    lines = [Text(f"╭{top}{'─' * (width - 2 - cell_len(top))}╮", style=border)]
    for row in rows:
        texts = {
            "mark": ["*" if row.required else ""],
            "name": fold(row.name, widths["name"]),
            "short": [row.short],
            "value": _fold_value(row.value, widths["value"]),
        }
        cells = [(texts[key], w, key) for key, w in widths.items() if w]
        helped = fold_tags(row.help, help_width)
        if below:
            body = _side_by_side(cells)
            body += [Text("    ") + Text(line) for line in helped]
        else:
            body = _side_by_side([*cells, (helped, help_width, "help")])
        lines += [
            Text.assemble(("│ ", border), line, " " * (inner - line.cell_len), (" │", border))
            for line in body
        ]
    lines.append(Text(f"╰{'─' * (width - 2)}╯", style=border))
    return lines


def _fold_words(text: str, width: int) -> list[str]:
    """The usage line, broken only at its spaces: a command, an argument's word (编号) or a
    tag ([选项]) is never broken unless wider than a line."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and cell_len(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines += fold(word, width)
    return lines


def help_lines(page: HelpPage, width: int) -> list[Text]:
    """--help at ``width`` cells: every line fits, long words fold, nothing is cut."""
    lines = [Text(f" {line}") for line in _fold_words(page.usage, width - 2)]
    for paragraph in page.paragraphs:
        lines.append(Text(""))
        lines += [Text(f" {line}") for line in fold(paragraph, width - 2)]
    lines.append(Text(""))
    for title, rows in page.panels:
        if rows:
            lines += _panel(title, rows, width)
    return lines


def render_help(page: HelpPage) -> str:
    """A command's --help, as wide as the terminal (``COLUMNS``; 80 in a pipe)."""
    console = _Console(file=sys.stdout, highlight=False, markup=False, emoji=False)
    width = max(console.width, HELP_NARROWEST)
    with console.capture() as capture:
        for line in help_lines(page, width):
            console.print(line, overflow="ignore", crop=False, soft_wrap=True)
    return capture.get()
