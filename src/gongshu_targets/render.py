"""Assessments to text: Rich tables for people, JSON / CSV / Markdown for programs.

This is the only module that imports Rich. Machine formats are plain strings written
without Rich, so ``targets status --format json | jq`` never sees a colour code.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .check import Change
from .coverage import CoverageReport, Phrase
from .importer import Merge
from .models import Assessment, Comparator, Observation, Pace, Status, StatusReport, Target
from .store import format_value

# Output width when stdout is not a terminal: wide enough that no cell is wrapped or cut.
PIPE_WIDTH = 240
BAR_WIDTH = 8
BARS_MIN_WIDTH = 150  # narrower terminals get the score as a number, without its bar
SPARK = "▁▂▃▄▅▆▇█"


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("achieved", "已完成"),
    Status.ON_TRACK: ("on track", "符合序时"),
    Status.AT_RISK: ("at risk", "存在风险"),
    Status.OFF_TRACK: ("off track", "滞后序时"),
    Status.MISSED: ("missed", "未完成"),
    Status.PENDING: ("pending", "待评估"),
    Status.NO_DATA: ("no data", "暂无数据"),
}
STATUS_STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.MISSED: "red",
    Status.PENDING: "cyan",
    Status.NO_DATA: "dim",
}
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("ID", "编号"),
    "name": ("Name", "名称"),
    "target": ("Target", "目标"),
    "latest": ("Latest", "最新"),
    "expected": ("Pace/expected", "序时/应达"),
    "gap": ("Gap (pt)", "差距(点)"),
    "status": ("Status", "状态"),
    "score": ("Score", "得分"),
}
STRETCH_MARK = "★"
JSON_TARGET_KEYS = (
    "id", "section", "name", "name_en", "quote", "comparator", "target", "unit", "pace",
    "value", "value_as_of", "expected", "gap", "status", "score",
)  # fmt: skip


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang is Lang.ZH else pair[0]


def status_label(status: Status, lang: Lang) -> str:
    return _pick(STATUS_LABELS[status], lang)


def number(value: float) -> str:
    """A number as a person writes it: thousands separators, no trailing zeros."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def quantity(value: float, unit: str) -> str:
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def target_words(target: Target, lang: Lang = Lang.EN) -> str:
    """The commitment in symbols: ``≥ 1.15%``, ``≈ 5.5%``, ``> 0%``, ``≈ gdp-growth``."""
    if target.comparator is Comparator.POSITIVE:
        return "> 0%"
    if target.comparator is Comparator.IN_STEP:
        return f"≈ {target.tracks}" if lang is Lang.EN else f"与 {target.tracks} 同步"
    symbol = {
        Comparator.AT_LEAST: "≥",
        Comparator.MORE_THAN: ">",
        Comparator.ABOUT: "≈",
        Comparator.AT_MOST: "≤",
    }[target.comparator]
    assert target.target is not None
    return f"{symbol} {quantity(target.target, target.unit)}"


def _name(target: Target, lang: Lang) -> str:
    name = target.name if lang is Lang.ZH else target.name_en
    return f"{name} {STRETCH_MARK}" if target.stretch else name


def _latest(a: Assessment) -> str:
    if a.value is None:
        return "—"
    return f"{quantity(a.value, a.target.unit)} ({a.value_as_of})"


def _expected(a: Assessment) -> str:
    if a.expected is None:
        return "—"
    if a.target.pace is Pace.RATE:
        return quantity(a.expected, a.target.unit)
    return f"{a.pace_share:.1f}% · {quantity(a.expected, a.target.unit)}"


def _gap(a: Assessment) -> str:
    return "—" if a.gap is None else f"{a.gap:+.2f}"


def _score(score: float | None) -> str:
    return "—" if score is None else f"{score:.0f}"


def score_bar(score: float | None) -> str:
    if score is None:
        return "—"
    filled = round(score / 100 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {score:.0f}"


def _counts_line(counts: dict[Status, int], lang: Lang) -> str:
    return " · ".join(f"{status_label(s, lang)} {n}" for s, n in counts.items() if n)


SUMMARY_TEMPLATES = {
    Lang.EN: ("{n} targets: {counts}; overall score {score}",
              "{mark} {n} stretch targets (力争, counted apart): {counts}; score {score}"),
    Lang.ZH: ("目标 {n} 项：{counts}；总得分 {score}",
              "{mark} 力争目标 {n} 项（另计）：{counts}；得分 {score}"),
}  # fmt: skip


def summary_lines(report: StatusReport, lang: Lang) -> list[str]:
    """The footer: core targets, then stretch (力争) targets counted apart."""
    core, stretch = SUMMARY_TEMPLATES[lang]
    lines = []
    for template, tally in ((core, report.summary), (stretch, report.summary.stretch)):
        n = sum(tally.counts.values())
        if n or template is core:
            lines.append(
                template.format(
                    mark=STRETCH_MARK,
                    n=n,
                    counts=_counts_line(tally.counts, lang),
                    score="—" if tally.score is None else f"{tally.score:.1f}",
                )
            )
    return lines


def status_table(report: StatusReport, lang: Lang, bars: bool = True) -> Table:
    plan = report.plan
    as_of = report.as_of or "—"
    title = f"{plan.title} · {plan.region}" + (
        f" · 数据截至 {as_of}" if lang is Lang.ZH else f" · data as of {as_of}"
    )
    table = Table(title=title, header_style="bold", show_lines=False, expand=False)
    for key in HEADERS:
        justify = "right" if key in ("gap", "expected") else "left"
        # In a narrow terminal cells wrap (fold), never end in "…"; the name keeps some room.
        table.add_column(
            _pick(HEADERS[key], lang),
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
            a.target.id,
            _name(a.target, lang),
            target_words(a.target, lang),
            _latest(a),
            _expected(a),
            _gap(a),
            Text(status_label(a.status, lang), style=STATUS_STYLES[a.status]),
            score_bar(a.score) if bars else _score(a.score),
        )
    return table


def _console(stream: TextIO) -> Console:
    interactive = stream.isatty()
    width = None if interactive or os.environ.get("COLUMNS") else PIPE_WIDTH
    return Console(file=stream, width=width, soft_wrap=False, highlight=False)


def print_status_table(report: StatusReport, lang: Lang, stream: TextIO) -> None:
    console = _console(stream)
    console.print(status_table(report, lang, bars=console.width >= BARS_MIN_WIDTH))
    for line in summary_lines(report, lang):
        console.print(line, markup=False)


def _target_row(a: Assessment) -> dict[str, Any]:
    t = a.target
    row = {
        "id": t.id,
        "section": t.section,
        "name": t.name,
        "name_en": t.name_en,
        "quote": t.quote,
        "comparator": str(t.comparator),
        "target": t.target,
        "unit": t.unit,
        "pace": str(t.pace),
        "value": a.value,
        "value_as_of": a.value_as_of.isoformat() if a.value_as_of else None,
        "expected": a.expected,
        "gap": a.gap,
        "status": str(a.status),
        "score": a.score,
    }
    assert tuple(row) == JSON_TARGET_KEYS
    return row


def status_json(report: StatusReport) -> str:
    plan = report.plan
    s = report.summary
    document = {
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "region": plan.region,
            "period": {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
            "source": plan.source,
        },
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "summary": {
            "score": s.score,
            "counts": {str(k): v for k, v in s.counts.items()},
            "stretch": {
                "score": s.stretch.score,
                "counts": {str(k): v for k, v in s.stretch.counts.items()},
            },
            "sections": s.sections,
        },
        "targets": [_target_row(a) for a in report.assessments],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def status_csv(report: StatusReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(JSON_TARGET_KEYS)
    for a in report.assessments:
        writer.writerow("" if v is None else v for v in _target_row(a).values())
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def status_markdown(report: StatusReport, lang: Lang) -> str:
    headers = [_pick(HEADERS[k], lang) for k in HEADERS]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    section = None
    for a in report.assessments:
        if a.target.section != section:
            section = a.target.section
            lines.append(f"| | **{_md_cell(section)}** |" + " |" * (len(headers) - 2))
        cells = [
            a.target.id,
            _name(a.target, lang),
            target_words(a.target, lang),
            _latest(a),
            _expected(a),
            _gap(a),
            status_label(a.status, lang),
            _score(a.score),
        ]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines.append("")
    lines.extend(summary_lines(report, lang))
    return "\n".join(lines) + "\n"


TEXT_FORMATS: dict[OutputFormat, Callable[[StatusReport, Lang], str]] = {
    OutputFormat.JSON: lambda report, _lang: status_json(report),
    OutputFormat.CSV: lambda report, _lang: status_csv(report),
    OutputFormat.MARKDOWN: status_markdown,
}


def write_status(report: StatusReport, fmt: OutputFormat, lang: Lang, stream: TextIO) -> None:
    """The one place that turns a status report into the chosen output format."""
    if fmt is OutputFormat.TABLE:
        print_status_table(report, lang, stream)
    else:
        stream.write(TEXT_FORMATS[fmt](report, lang))


def sparkline(values: Sequence[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK[len(SPARK) // 2] * len(values)
    steps = len(SPARK) - 1
    return "".join(SPARK[round((v - low) / (high - low) * steps)] for v in values)


def rule_words(target: Target, lang: Lang) -> str:
    pace = {
        Pace.CUMULATIVE: (
            "cumulative: completion against the time-proportional pace (序时进度)",
            "累计：完成率对照序时进度",
        ),
        Pace.RATE: (
            "rate: the year-to-date figure against the threshold",
            "比率：年内累计值对照目标值",
        ),
        Pace.LEVEL: ("level: a stock measured at a date", "存量：按时点计"),
    }[target.pace]
    return f"{target_words(target, lang)} — {_pick(pace, lang)}"


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
    head.append(_name(t, lang) + "\n")
    head.append(f"{t.section}\n", style="dim")
    head.append(f"“{t.quote}”\n", style="italic")
    head.append(rule_words(t, lang) + "\n")
    head.append(f"{status_label(a.status, lang)}", style=STATUS_STYLES[a.status])
    head.append(f"  score {score_bar(a.score)}")
    if a.projection is not None:
        head.append(f"  year-end projection {quantity(a.projection, t.unit)}")
    parts: list[Any] = [head]
    if history:
        counted_keys = {(o.as_of, o.recorded_at) for o in counted}
        table = Table(show_edge=False, header_style="bold")
        for column in ("as_of", "value", "recorded_at", "source", "note"):
            table.add_column(column, overflow="fold")
        for o in history:
            superseded = (o.as_of, o.recorded_at) not in counted_keys
            table.add_row(
                str(o.as_of),
                quantity(o.value / t.scale, t.unit) + (" (revised)" if superseded else ""),
                o.recorded_at.isoformat(),
                o.source,
                o.note,
                style="dim strike" if superseded else None,
            )
        parts.append(table)
        parts.append(Text(f"trend {sparkline([o.value for o in counted])}"))
    parts.append(Text("\n".join(f"• {step}" for step in a.steps)))
    if t.notes:
        parts.append(Text(t.notes, style="dim"))
    console.print(Panel(Group(*parts), expand=False))


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    """A message for people, on stderr (never mixed into the data on stdout)."""
    _stderr().print(f"Error: {message}", markup=False, style="red")


def note(message: str) -> None:
    _stderr().print(message, markup=False)


def merge_summary(merge: Merge, dry_run: bool) -> str:
    verb = ("would add", "would revise", "would leave") if dry_run else ("added", "revised", "left")
    line = (
        f"{verb[0]} {len(merge.added)}, {verb[1]} {len(merge.revised)}, "
        f"{verb[2]} {len(merge.unchanged)} unchanged"
    )
    if merge.skipped:
        line += f"; skipped {len(merge.skipped)} row(s) with no value"
    if dry_run:
        line += " (dry run: nothing written)"
    elif not merge.new_rows:
        line += " (progress.csv not touched)"
    return line


def print_merge(merge: Merge, dry_run: bool, stream: TextIO) -> None:
    """What an import did, or with --dry-run would do: a table of the rows, then a summary."""
    console = _console(stream)
    if dry_run and (merge.added or merge.revised or merge.unchanged):
        table = Table(header_style="bold")
        for column in ("change", "id", "as_of", "current value", "new value"):
            table.add_column(column, overflow="fold")
        for o in merge.added:
            table.add_row(
                Text("add", style="green"), o.id, str(o.as_of), "—", format_value(o.value)
            )
        for old, new in merge.revised:
            table.add_row(
                Text("revise", style="yellow"),
                new.id,
                str(new.as_of),
                format_value(old.value),
                format_value(new.value),
            )
        for o in merge.unchanged:
            table.add_row(Text("unchanged", style="dim"), o.id, str(o.as_of),
                          format_value(o.value), format_value(o.value))  # fmt: skip
        console.print(table)
    console.print(merge_summary(merge, dry_run), markup=False)


def print_changes(changes: Sequence[Change], start: date, end: date, lang: Lang,
                  stream: TextIO) -> None:  # fmt: skip
    """The status changes between two dates, as a table (or a line saying there are none)."""
    console = _console(stream)
    if not changes:
        console.print(f"no target changed status between {start} and {end}", markup=False)
        return
    table = Table(title=f"{start} → {end}", header_style="bold")
    for column in ("id", "name", str(start), str(end), "latest"):
        table.add_column(column, overflow="fold")
    for c in changes:
        table.add_row(
            c.after.target.id,
            _name(c.after.target, lang),
            Text(status_label(c.before.status, lang), style=STATUS_STYLES[c.before.status]),
            Text(status_label(c.after.status, lang), style=STATUS_STYLES[c.after.status]),
            _latest(c.after),
        )
    console.print(table)
    console.print(f"{len(changes)} target(s) changed status", markup=False)


def coverage_summary(report: CoverageReport) -> str:
    total = len(report.covered) + len(report.uncovered)
    return (
        f"{len(report.covered)} of {total} commitments covered; {len(report.uncovered)} "
        f"uncovered, {len(report.missing_quotes)} quote(s) not found, {len(report.mismatched)} "
        f"mismatched; {len(report.results)} results and {len(report.ignored)} names set aside"
    )


def coverage_text(report: CoverageReport, source: str) -> str:
    lines = [f"coverage of {source}"]
    lines += [f"UNCOVERED {p.text}: {p.sentence}" for p in report.uncovered]
    lines += [f"QUOTE NOT FOUND [{target_id}]" for target_id in report.missing_quotes]
    lines += [f"MISMATCH [{target_id}] {why}" for target_id, why in report.mismatched]
    lines.append(
        "results (achieved, not commitments): " + "、".join(p.text for p in report.results)
    )
    lines.append(
        "ignored (names, not quantities): " + "、".join(text for text, _ in report.ignored)
    )
    lines.append(coverage_summary(report))
    return "\n".join(lines) + "\n"


def coverage_json(report: CoverageReport, source: str) -> str:
    def phrase(p: Phrase) -> dict[str, Any]:
        return {"text": p.text, "number": p.number, "unit": p.unit, "sentence": p.sentence}

    document = {
        "report": source,
        "ok": report.ok,
        "covered": [{**phrase(p), "target": target_id} for p, target_id in report.covered],
        "uncovered": [phrase(p) for p in report.uncovered],
        "missing_quotes": report.missing_quotes,
        "mismatched": [{"id": target_id, "why": why} for target_id, why in report.mismatched],
        "results": [phrase(p) for p in report.results],
        "ignored": [{"text": text, "reason": reason} for text, reason in report.ignored],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
