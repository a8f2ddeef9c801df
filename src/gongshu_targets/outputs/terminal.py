"""Assessments to Rich tables and panels for people.

This is the only module that imports Rich. Machine formats are plain strings from
``text.py``, written without Rich, so ``targets status --format json | jq`` never sees a
colour code.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Literal, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gongshu_targets.core.models import Assessment, Observation, StatusReport
from gongshu_targets.core.store import format_value
from gongshu_targets.core.units import in_target_unit
from gongshu_targets.enums import Lang, Status
from gongshu_targets.outputs.explain import step_text
from gongshu_targets.outputs.text import merge_summary, row_cells, sparkline
from gongshu_targets.outputs.wording import (
    HEADERS,
    display_name,
    expected_value_text,
    figure_text,
    gap_words,
    latest_text,
    pick,
    quantity,
    rule_words,
    score_text,
    status_label,
    summary_lines,
)

if TYPE_CHECKING:
    from gongshu_targets.core.check import Change
    from gongshu_targets.core.figures import Merge

# Output width when stdout is not a terminal: wide enough that no cell is wrapped or cut.
PIPE_WIDTH = 240
BAR_WIDTH = 8
BARS_MIN_WIDTH = 150  # narrower terminals get the score as a number, without its bar


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
    text = f"{a.completion:.0f}%"
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
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {score:.0f}"


def status_table(report: StatusReport, lang: Lang, bars: bool = True) -> Table:
    plan = report.plan
    as_of = report.as_of or "—"
    title = f"{plan.title} · {plan.region}" + (
        f" · 数据截至 {as_of}" if lang is Lang.ZH else f" · data as of {as_of}"
    )
    table = Table(title=title, header_style="bold", show_lines=False, expand=False)
    for key in HEADERS:
        justify: Literal["right", "left"] = "right" if key in ("gap", "expected") else "left"
        # In a narrow terminal cells wrap (fold), never end in "…"; the name keeps some room.
        table.add_column(
            pick(HEADERS[key], lang),
            justify=justify,
            overflow="fold",
            no_wrap=key not in ("name", "expected"),  # ids stay whole, to be copied
            min_width=12 if key == "name" else None,
        )
    section = None
    for a in report.assessments:
        if a.target.section != section:
            if section is not None:
                table.add_section()
            section = a.target.section
            table.add_row("", Text(section, style="bold underline"))
        table.add_row(
            *row_cells(a, lang),
            Text(status_label(a.status, lang), style=STATUS_STYLES[a.status]),
            progress_cell(a, lang, bars),
        )
    return table


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Leave a closed pipe to the command line's one handler (Rich would exit 1)."""
        raise BrokenPipeError


def _console(stream: TextIO) -> Console:
    interactive = stream.isatty()
    width = None if interactive or os.environ.get("COLUMNS") else PIPE_WIDTH
    # Everything printed is plain text or Text: a plan's "[/]" or ":smile:" is shown as written.
    return _Console(
        file=stream, width=width, soft_wrap=False, highlight=False, markup=False, emoji=False
    )


def print_status_table(report: StatusReport, lang: Lang, stream: TextIO) -> None:
    console = _console(stream)
    console.print(status_table(report, lang, bars=console.width >= BARS_MIN_WIDTH))
    for line in summary_lines(report, lang):
        console.print(line)


SHOW_LABELS: dict[str, tuple[str, str]] = {
    "score": ("score", "得分"),
    "projection": ("year-end projection", "年末线性预测"),
    "expected": ("expected now", "序时应达"),
    "trend": ("trend", "走势"),
    "as_of": ("as_of", "日期"),
    "value": ("value", "数值"),
    "recorded_at": ("recorded_at", "录入时间"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
    "revised": ("(revised)", "（已修订）"),
}


def print_target(
    a: Assessment,
    history: Sequence[Observation],
    counted: Sequence[Observation],
    lang: Lang,
    stream: TextIO,
) -> None:
    """Everything about one target: quote, rule, history, sparkline and the steps."""
    t = a.target
    console = _console(stream)
    head = Text()
    head.append(f"{t.id}  ", style="bold")
    head.append(display_name(t, lang) + "\n")
    head.append(f"{t.section}\n", style="dim")
    head.append(f"{t.quote}\n", style="italic")
    head.append(rule_words(t, lang) + "\n")
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
        head.append("\n" + " · ".join(figures))
    parts: list[Any] = [head]
    if history:
        counted_keys = {(o.as_of, o.recorded_at) for o in counted}
        table = Table(show_edge=False, header_style="bold")
        for key in ("as_of", "value", "recorded_at", "source", "note"):
            table.add_column(pick(SHOW_LABELS[key], lang), overflow="fold")
        for o in history:
            superseded = (o.as_of, o.recorded_at) not in counted_keys
            shown = o.value if o.share else in_target_unit(o.value, t.unit)
            table.add_row(
                str(o.as_of),
                figure_text(shown, t, o.share, lang)
                + (f" {pick(SHOW_LABELS['revised'], lang)}" if superseded else ""),
                o.recorded_at.isoformat(),
                o.source,
                o.note,
                style="dim strike" if superseded else None,
            )
        parts.append(table)
        trend = sparkline([o.value for o in counted if o.share == a.share])
        parts.append(Text(f"{pick(SHOW_LABELS['trend'], lang)} {trend}"))
    parts.append(Text("\n".join(f"• {step_text(step)}" for step in a.steps)))
    if t.notes:
        parts.append(Text(t.notes, style="dim"))
    console.print(Panel(Group(*parts), expand=False))


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def error(message: str) -> None:
    """A message for people, on stderr (never mixed into the data on stdout)."""
    _stderr().print(f"Error: {message}", style="red")


def note(message: str) -> None:
    _stderr().print(message)


DRY_RUN_ROWS = 200  # a dry run of a large sheet lists this many rows, then counts the rest


def print_dry_run(merge: Merge, stream: TextIO) -> None:
    """What an import would do: a table of the rows, then a summary."""
    console = _console(stream)
    total = len(merge.added) + len(merge.revised) + len(merge.unchanged)
    if total:
        rows = chain(
            (("add", "green", o, None) for o in merge.added),
            (("revise", "yellow", new, old) for old, new in merge.revised),
            (("unchanged", "dim", o, o) for o in merge.unchanged),
        )
        table = Table(header_style="bold")
        for column in ("change", "id", "as_of", "current value", "new value"):
            table.add_column(column, overflow="fold")
        for change, style, new, old in islice(rows, DRY_RUN_ROWS):
            current = "—" if old is None else format_value(old.value)
            table.add_row(Text(change, style=style), new.id, str(new.as_of), current,
                          format_value(new.value))  # fmt: skip
        console.print(table)
        if total > DRY_RUN_ROWS:
            console.print(f"… and {total - DRY_RUN_ROWS:,} more rows")
    console.print(merge_summary(merge, dry_run=True))


def print_changes(changes: Sequence[Change], start: date, end: date, lang: Lang,
                  stream: TextIO) -> None:  # fmt: skip
    """The status changes between two dates, as a table (or a line saying there are none)."""
    console = _console(stream)
    if not changes:
        console.print(f"no target changed status between {start} and {end}")
        return
    table = Table(title=f"{start} → {end}", header_style="bold")
    for column in (*(pick(HEADERS[k], lang) for k in ("id", "name")), str(start), str(end),
                   pick(HEADERS["latest"], lang)):  # fmt: skip
        table.add_column(column, overflow="fold")
    for c in changes:
        table.add_row(
            c.after.target.id,
            display_name(c.after.target, lang),
            Text(status_label(c.before.status, lang), style=STATUS_STYLES[c.before.status]),
            Text(status_label(c.after.status, lang), style=STATUS_STYLES[c.after.status]),
            latest_text(c.after, lang),
        )
    console.print(table)
    console.print(f"{len(changes)} target(s) changed status")
