"""Plain-text pieces shared by every output: labels, numbers, targets in words, and the
JSON, CSV and Markdown formats of a status report. No Rich here: these strings are safe to
pipe, and commands that need no table do not pay for importing Rich."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from gongshu_targets.core.models import Assessment, StatusReport, Target
from gongshu_targets.enums import Comparator, CoverageFormat, Lang, OutputFormat, Pace, Status

if TYPE_CHECKING:
    from gongshu_targets.core.coverage import CoverageReport, Phrase
    from gongshu_targets.core.figures import Merge

SPARK = "▁▂▃▄▅▆▇█"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("achieved", "已完成"),
    Status.ON_TRACK: ("on track", "符合序时"),
    Status.AT_RISK: ("at risk", "存在风险"),
    Status.OFF_TRACK: ("off track", "滞后序时"),
    Status.MISSED: ("missed", "未完成"),
    Status.PENDING: ("pending", "待评估"),
    Status.NO_DATA: ("no data", "暂无数据"),
}
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("ID", "编号"),
    "name": ("Name", "名称"),
    "target": ("Target", "目标"),
    "latest": ("Latest", "最新"),
    "expected": ("Pace/expected", "序时/应达"),
    "gap": ("Gap (pt)", "差距(点)"),
    "status": ("Status", "状态"),
    "score": ("Progress", "进度"),
}
STRETCH_MARK = "★"
JSON_TARGET_KEYS = (
    "id", "section", "name", "name_en", "quote", "comparator", "target", "unit", "pace",
    "value", "figure", "value_as_of", "expected", "gap", "status", "score",
)  # fmt: skip


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang is Lang.ZH else pair[0]


def status_label(status: Status, lang: Lang) -> str:
    return pick(STATUS_LABELS[status], lang)


def number(value: float) -> str:
    """A number as a person writes it: thousands separators, no trailing zeros."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def quantity(value: float, unit: str) -> str:
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def target_words(target: Target, lang: Lang = Lang.EN) -> str:
    """The commitment in symbols: ``≥ 1.15%``, ``≈ 5.5%``, ``> 0%``, ``≈ gdp-growth``,
    ``5%—5.5%``, ``≈ 5.5% (确保 ≥ 5%)``, and a task in words."""
    words = _bare_target_words(target, lang)
    if target.floor is None:
        return words
    floor = f"≥ {quantity(target.floor, target.unit)}"
    return f"{words} (确保 {floor})" if lang is Lang.ZH else f"{words} (floor {floor})"


def _bare_target_words(target: Target, lang: Lang) -> str:
    if target.comparator is Comparator.TASK:
        return "完成年度任务" if lang is Lang.ZH else "the year's task"
    if target.comparator is Comparator.RANGE:
        assert target.target is not None and target.upper is not None
        return f"{number(target.target)}—{quantity(target.upper, target.unit)}"
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


def display_name(target: Target, lang: Lang) -> str:
    name = target.name if lang is Lang.ZH else target.name_en
    return f"{name} {STRETCH_MARK}" if target.stretch else name


SHARE_WORDS = {Lang.ZH: "完成进度 {}%", Lang.EN: "{}% done"}


def figure_text(value: float, target: Target, share: bool, lang: Lang = Lang.EN) -> str:
    """A figure in the target's unit, or a 完成进度 said as one: never a bare 52% that
    could pass for a rate."""
    if share:
        return SHARE_WORDS[lang].format(number(value))
    return quantity(value, target.unit)


def latest_text(a: Assessment, lang: Lang = Lang.EN) -> str:
    if a.value is None:
        return "—"
    return f"{figure_text(a.value, a.target, a.share, lang)} ({a.value_as_of})"


def expected_text(a: Assessment) -> str:
    if a.expected is None:
        return "—"
    if a.share:
        return f"{a.expected:.1f}%"
    if a.target.pace is Pace.RATE:
        return quantity(a.expected, a.target.unit)
    return f"{a.pace_share:.1f}% · {quantity(round(a.expected, 2), a.target.unit)}"


def row_cells(a: Assessment, lang: Lang) -> list[str]:
    """The cells a status table and its Markdown share, before status and progress."""
    return [
        a.target.id,
        display_name(a.target, lang),
        target_words(a.target, lang),
        latest_text(a, lang),
        expected_text(a),
        gap_text(a),
    ]


def gap_text(a: Assessment) -> str:
    return "—" if a.gap is None else f"{a.gap:+.2f}"


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.0f}"


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
        "unit": t.unit or None,
        "pace": None if t.pace is None else str(t.pace),
        "value": a.value,
        "figure": None if a.value is None else "share" if a.share else "value",
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
    headers = [pick(HEADERS[k], lang) for k in HEADERS]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    section = None
    for a in report.assessments:
        if a.target.section != section:
            section = a.target.section
            lines.append(f"| | **{_md_cell(section)}** |" + " |" * (len(headers) - 2))
        cells = [*row_cells(a, lang), status_label(a.status, lang), score_text(a.score)]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines.append("")
    lines.extend(summary_lines(report, lang))
    return "\n".join(lines) + "\n"


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
        None: (
            "task: its completion share (完成进度) against the time-proportional pace",
            "任务：完成进度对照序时进度",
        ),
    }[target.pace]
    return f"{target_words(target, lang)} — {pick(pace, lang)}"


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


TEXT_FORMATS: dict[OutputFormat, Callable[[StatusReport, Lang], str]] = {
    OutputFormat.JSON: lambda report, _lang: status_json(report),
    OutputFormat.CSV: lambda report, _lang: status_csv(report),
    OutputFormat.MARKDOWN: status_markdown,
}


def status_text(report: StatusReport, fmt: OutputFormat, lang: Lang) -> str:
    """A status report in a machine format (json, csv, markdown); the table is render's."""
    return TEXT_FORMATS[fmt](report, lang)


COVERAGE_FORMATS: dict[CoverageFormat, Callable[[CoverageReport, str], str]] = {
    CoverageFormat.TEXT: coverage_text,
    CoverageFormat.JSON: coverage_json,
}


def after_period(option: str, asked: date, end: date) -> str:
    """Said when a date after the plan's period is judged at the period's end."""
    return (
        f"note: {option} {asked} is after the plan's period, which ended {end}: "
        f"judged at its end, {end} (final results)"
    )
