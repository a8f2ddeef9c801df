"""The JSON, CSV and Markdown formats of a status report, import and coverage summaries;
every figure in them is worded by ``wording.py``. No Rich here: these strings are safe to
pipe, and commands that need no table do not pay for importing Rich."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from gongshu_targets.core.models import Assessment, Plan, StatusReport, Target
from gongshu_targets.core.store import RETRACTED, format_value
from gongshu_targets.core.units import PERCENT, in_target_unit
from gongshu_targets.enums import GroupBy, Lang, SortKey, Status
from gongshu_targets.outputs import escape
from gongshu_targets.outputs.phrases import say
from gongshu_targets.outputs.wording import (
    DIFF_HEADERS,
    DIRECTION_LABELS,
    GROUP_TITLES,
    HEADERS,
    NO_OWNER,
    Pair,
    counted,
    diff_summary,
    display_name,
    expected_text,
    figure_text,
    gap_text,
    latest_text,
    mean_score_text,
    number,
    pick,
    quantity,
    rounded,
    score_text,
    section_name,
    status_label,
    summary_lines,
    target_name,
    target_names,
    target_words,
)

if TYPE_CHECKING:
    from pathlib import Path

    from gongshu_targets.core.coverage import CoverageReport, Phrase
    from gongshu_targets.core.diff import Change
    from gongshu_targets.core.draft import Draft
    from gongshu_targets.core.figures import Merge
    from gongshu_targets.core.items import Group
    from gongshu_targets.core.models import Observation
    from gongshu_targets.outputs.formats import CoverageView, DiffView, RollupView, StatusView

SPARK = "▁▂▃▄▅▆▇█"

JSON_TARGET_KEYS = (
    "id", "section", "section_en", "name", "name_en", "quote", "comparator", "target", "unit",
    "pace", "value", "figure", "value_as_of", "expected", "gap", "status", "score", "owner",
)  # fmt: skip


def rollup_rows(groups: Sequence[Group], by: GroupBy, lang: Lang) -> list[list[str]]:
    """The header and a row per owner or section: its name (targets whose plan names no
    owner are one group, said so), its number of targets, a count per status, its score."""
    header = [pick(GROUP_TITLES[by], lang), pick(GROUP_TITLES["total"], lang)]
    header += [status_label(s, lang) for s in Status] + [pick(GROUP_TITLES["score"], lang)]
    rows = [header]
    for g in groups:
        counts = [str(g.tally.counts[s]) for s in Status]
        total = str(sum(g.tally.counts.values()))
        score = mean_score_text(g.tally.score)
        name = g.title(lang is Lang.EN)
        rows.append([NO_OWNER[lang] if name is None else name, total, *counts, score])
    return rows


def render_rollup_json(view: RollupView) -> str:
    """``status --by --format json``: names null where no owner is named; a section's
    English heading (section_en) as ``name_en``, null where the plan gives none."""
    document = {
        "by": str(view.by),
        "groups": [
            {"name": g.name, "name_en": g.name_en, "score": g.tally.score,
             "counts": {str(k): v for k, v in g.tally.counts.items()}}
            for g in view.groups
        ],
    }  # fmt: skip
    return escape.json_text(document) + "\n"


def render_rollup_csv(view: RollupView) -> str:
    buffer = io.StringIO()
    rows = rollup_rows(view.groups, view.by, view.lang)
    csv.writer(buffer, lineterminator="\n").writerows(map(escape.csv_cell, r) for r in rows)
    return buffer.getvalue()


def render_rollup_markdown(view: RollupView) -> str:
    rows = rollup_rows(view.groups, view.by, view.lang)
    lines = ["| " + " | ".join(escape.markdown(str(c)) for c in rows[0]) + " |",
             "|" + "---|" * len(rows[0])]  # fmt: skip
    lines += ["| " + " | ".join(escape.markdown(str(c)) for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n"


def row_cells(a: Assessment, lang: Lang, names: Mapping[str, str]) -> list[str]:
    """The cells a status table and its Markdown share, before status and progress
    (``names``: every target's name, for an in_step target to name the one it tracks)."""
    return [
        a.target.id,
        display_name(a.target, lang),
        target_words(a.target, lang, names),
        latest_text(a, lang),
        expected_text(a, lang),
        gap_text(a),
    ]


def _target_row(a: Assessment, owner: str | None) -> dict[str, Any]:
    t = a.target
    figure_unit = PERCENT if a.share else t.unit
    row = {
        "id": t.id,
        "section": t.section,
        "section_en": t.section_en,
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
        "expected": None if a.expected is None else rounded(a.expected, figure_unit, True),
        "gap": a.gap,
        "status": str(a.status),
        "score": a.score,
        "owner": owner,
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
            "title_en": plan.title_en,
            "region": plan.region,
            "region_en": plan.region_en,
            "period": {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
            "source": plan.source,
        },
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "summary": {
            "score": s.score,
            "counts": {str(k): v for k, v in s.counts.items()},
            "tasks": {
                "score": s.tasks.score,
                "counts": {str(k): v for k, v in s.tasks.counts.items()},
            },
            "stretch": {
                "score": s.stretch.score,
                "counts": {str(k): v for k, v in s.stretch.counts.items()},
            },
            "sections": s.sections,
        },
        "targets": [_target_row(a, report.plan.owner(a.target)) for a in report.assessments],
    }
    return escape.json_text(document) + "\n"


def status_csv(report: StatusReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(JSON_TARGET_KEYS)
    for a in report.assessments:
        row = _target_row(a, report.plan.owner(a.target))
        writer.writerow("" if v is None else escape.csv_cell(v) for v in row.values())
    return buffer.getvalue()


def status_markdown(report: StatusReport, lang: Lang) -> str:
    headers = [pick(HEADERS[k], lang) for k in HEADERS]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    names = target_names(report.plan, lang)
    section = None
    for a in report.assessments:
        if report.sorted_by is SortKey.PLAN and a.target.section != section:
            section = a.target.section
            heading = escape.markdown(section_name(a.target, lang))
            lines.append(f"| | **{heading}** |" + " |" * (len(headers) - 2))
        cells = [*row_cells(a, lang, names), status_label(a.status, lang), score_text(a.score)]
        lines.append("| " + " | ".join(escape.markdown(c) for c in cells) + " |")
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


ACCEPT_OPTION = "--accept-implausible"

# A money unit named as a person would ask about it: "yuan? that is 0.61 × 100m yuan".
MONEY_WORDS = {"元": "yuan", "万元": "10,000 yuan", "亿元": "100 million yuan"}


def _times(ratio: float, lang: Lang) -> str:
    """10× (10 倍) for a multiple, 1/500 for a fraction."""
    if ratio < 1:
        return f"1/{number(1 / ratio)}"
    return f"{number(ratio)} 倍" if lang is Lang.ZH else f"{number(ratio)}×"


def doubt_text(p: Mapping[str, Any], lang: Lang) -> str:
    """Why a figure is refused as implausible (the values of ``Doubt.said``), with the
    reading probably meant, in ``lang``."""
    zh = lang is Lang.ZH
    v, unit, recording = p["value"], p["unit"], p["recording_unit"]
    head = "不合理：" if zh else "implausible: "
    if zh:
        accept = f"如确属无误，请加 {ACCEPT_OPTION} 录入"
    else:
        accept = f"if it is right, record it with {ACCEPT_OPTION}"
    if p["reference"] is None:
        low, high = quantity(p["low"], unit, lang), quantity(p["high"], unit, lang)
        if zh:
            return (
                f"{head}{quantity(v, unit, lang)} 超出增长率的合理范围（{low} 至 {high}）；{accept}"
            )
        return f"{head}{quantity(v, unit, lang)} is outside {low} to {high} for a rate; {accept}"
    reference = p["reference"]
    too_large = v > p["high"]
    times = _times((p["high"] if too_large else p["low"]) / reference, lang)
    scale, figure = quantity(reference, recording, lang), quantity(v, recording, lang)
    if zh:
        why = f"超过目标（{scale}）的 {times}" if too_large else f"不到目标（{scale}）的 {times}"
        text = f"{figure}{why}；{accept}"
    else:
        why = f"more than {times} the target" if too_large else f"less than {times} of the target"
        text = f"{figure} is {why} ({scale}); {accept}"
    meant_unit, meant_value = p["reading_unit"], p["reading_value"]
    if meant_unit is None:
        return head + text
    meant = quantity(meant_value, recording, lang)
    typed = f"{number(v)}{meant_unit}"
    if zh and meant_value > v:
        return f"{head}{number(v)}——是否指 {typed}（{meant}）？{text}"
    if zh:
        return f"{head}{number(v)}——单位是{meant_unit}吗？那就是 {meant}。{text}"
    if meant_value > v:
        return f"{head}{number(v)} — did you mean '{typed}' ({meant})? {text}"
    return f"{head}{number(v)} — {MONEY_WORDS.get(meant_unit, meant_unit)}? that is {meant}. {text}"


def typed_text(raw: Any) -> str:
    """A cell or argument as the user gave it: text as written, a number as stored, an
    Excel percentage as the % it shows."""
    from gongshu_targets.core.figures import Cell

    if isinstance(raw, Cell):
        return f"{raw.value * 100:.15g}%" if raw.percent else typed_text(raw.value)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return "" if raw is None else str(raw)
    return f"{raw:.15g}"


# A retraction as a person reads it; progress.csv holds RETRACTED.
RETRACTED_WORDS = {Lang.ZH: "已撤回", Lang.EN: RETRACTED}


def stored_text(obs: Observation, target: Target, lang: Lang = Lang.ZH) -> str:
    """A recorded figure with its unit, as progress.csv counts it: ``20,000 名``."""
    if obs.retracted:
        return RETRACTED_WORDS[lang]
    if obs.share:
        return figure_text(obs.value, target, True, lang)
    return quantity(obs.value, target.recording_unit, lang)


def stored_cell(obs: Observation, lang: Lang = Lang.EN) -> str:
    """A figure as progress.csv's value column holds it: ``31000``, or ``retracted``."""
    return RETRACTED_WORDS[lang] if obs.retracted else format_value(obs.value)


def reading_text(obs: Observation, target: Target, typed: Any, lang: Lang = Lang.ZH) -> str:
    """A figure as typed, as read, in the target's own unit: ``3.1万 → 31,000 名 (3.1 万名)``."""
    read = stored_text(obs, target, lang)
    if not obs.share and not obs.retracted and target.unit != target.recording_unit:
        in_unit = quantity(in_target_unit(obs.value, target.unit), target.unit, lang)
        if in_unit != read:  # English words 2.5 万名 as the 25,000 people it already says
            read += f"（{in_unit}）" if lang is Lang.ZH else f" ({in_unit})"
    return f"{typed_text(typed)} → {read}"


READING_WORDS = {
    Lang.EN: ("{}, stored as {}", f"accepted against the plausibility check ({ACCEPT_OPTION})"),
    Lang.ZH: ("{}，存为 {}", f"未通过合理性检查而照录（{ACCEPT_OPTION}）"),
}


def readings(merge: Merge, plan: Plan, lang: Lang) -> str:
    """Each figure of an update as typed, as read and as stored:
    ``3.1万 → 31,000 名 (3.1 万名), stored as 31000``."""
    stored_as, accepted = READING_WORDS[lang]
    shown = []
    for obs in [*merge.new_rows, *merge.unchanged]:
        target = plan.require_target(obs.id)
        reading = reading_text(obs, target, merge.typed.get(obs.slot), lang)
        shown.append(stored_as.format(reading, stored_cell(obs)))
    if merge.accepted:
        shown.append(accepted)
    return ("；" if lang is Lang.ZH else "; ").join(shown)


def merge_summary(merge: Merge, dry_run: bool, lang: Lang = Lang.EN) -> str:
    if lang is Lang.ZH:
        return _merge_summary_zh(merge, dry_run)
    verb = ("would add", "would revise", "would leave") if dry_run else ("added", "revised", "left")
    line = (
        f"{verb[0]} {len(merge.added)}, {verb[1]} {len(merge.revised)}, "
        f"{verb[2]} {len(merge.unchanged)} unchanged"
    )
    if merge.retracted:
        line += f", {'would retract' if dry_run else 'retracted'} {len(merge.retracted)}"
    if merge.skipped:
        skipped = len(merge.skipped)
        line += f"; skipped {skipped} row{'' if skipped == 1 else 's'} with no value"
    if dry_run:
        line += " (dry run: nothing written)"
    elif not merge.changes:
        line += " (progress.csv not touched)"
    return line


def _merge_summary_zh(merge: Merge, dry_run: bool) -> str:
    will = "将" if dry_run else ""
    line = (
        f"{will}新增 {len(merge.added)} 条、{will}修订 {len(merge.revised)} 条、"
        f"{len(merge.unchanged)} 条不变"
    )
    if merge.retracted:
        line += f"、{will}撤回 {len(merge.retracted)} 条"
    if merge.skipped:
        line += f"；跳过无数值的 {len(merge.skipped)} 行"
    if dry_run:
        line += "（试运行：未写入任何内容）"
    elif not merge.changes:
        line += "（progress.csv 未改动）"
    return line


def draft_summary(draft: Draft, output: Path | None, lang: Lang) -> str:
    """The line `targets draft` ends with, on stderr."""
    stretch = sum(bool(t.get("stretch")) for t in draft.targets)
    if lang is Lang.ZH:
        where = f"已写入 {output}：" if output is not None else ""
        line = f"{where}草拟目标 {len(draft.targets)} 项（其中力争 {stretch} 项）"
        if draft.later:
            line += f"；后续年份的 {len(draft.later)} 项另列"
        if draft.refused:
            line += f"；未草拟 {len(draft.refused)} 项，另列并注明原因"
        return line + "；使用前请逐项审核"
    where = f"wrote {output}: " if output is not None else ""
    line = f"{where}{len(draft.targets)} draft targets ({stretch} stretch)"
    if draft.later:
        line += f"; {len(draft.later)} for a later year listed apart"
    if draft.refused:
        line += f"; {len(draft.refused)} not drafted, listed with why"
    return line + "; review every target before use"


def coverage_summary(report: CoverageReport, lang: Lang) -> str:
    total = len(report.covered) + len(report.uncovered)
    if lang is Lang.ZH:
        return (
            f"承诺 {total} 项中已覆盖 {len(report.covered)} 项；未覆盖 {len(report.uncovered)} 项，"
            f"原文未找到 {len(report.missing_quotes)} 项，不一致 {len(report.mismatched)} 项；"
            f"略过成果 {len(report.results)} 项、名称 {len(report.ignored)} 项"
            + (f"；后续年份 {len(report.later)} 项" if report.later else "")
            + (f"；重复表述 {len(report.restated)} 项" if report.restated else "")
        )
    return (
        f"{len(report.covered)} of {total} commitments covered; {len(report.uncovered)} "
        f"uncovered, {counted(len(report.missing_quotes), 'quote')} not found, "
        f"{len(report.mismatched)} "
        f"mismatched; {counted(len(report.results), 'result')} and "
        f"{counted(len(report.ignored), 'name')} set aside"
        + (f"; {len(report.later)} for a later year" if report.later else "")
        + (f"; {len(report.restated)} restated" if report.restated else "")
    )


COVERAGE_WORDS: dict[str, Pair] = {
    "title": ("coverage of {}", "{} 的覆盖检查"),
    "uncovered": ("UNCOVERED {}: {}", "未覆盖 {}：{}"),
    "later": ("LATER ({}) {}: {}", "后续年份（{}）{}：{}"),
    "missing": ("QUOTE NOT FOUND [{}]", "原文未找到 [{}]"),
    "mismatch": ("MISMATCH [{}] {}", "不一致 [{}] {}"),
    "results": ("results (achieved, not commitments): {}", "成果（已完成，非承诺）：{}"),
    "ignored": ("ignored (names, not quantities): {}", "略过（名称，非数量）：{}"),
    "restated": (
        "restated (a commitment said again, counted once): {}",
        "重复表述（同一承诺再次出现，只计一次）：{}",
    ),
}


def coverage_text(report: CoverageReport, source: str, lang: Lang) -> str:
    safe = escape.text
    words = {key: pick(pair, lang) for key, pair in COVERAGE_WORDS.items()}
    lines = [words["title"].format(safe(source))]
    lines += [words["uncovered"].format(safe(p.text), safe(p.sentence)) for p in report.uncovered]
    lines += [words["later"].format(p.year, safe(p.text), safe(p.sentence)) for p in report.later]
    lines += [words["missing"].format(safe(target_id)) for target_id in report.missing_quotes]
    lines += [
        words["mismatch"].format(safe(target_id), safe(say(why, lang)))
        for target_id, why in report.mismatched
    ]
    comma = "、" if lang is Lang.ZH else ", "
    lines.append(words["results"].format(comma.join(safe(p.text) for p in report.results)))
    lines.append(words["ignored"].format(comma.join(safe(text) for text, _ in report.ignored)))
    if report.restated:
        lines.append(words["restated"].format(comma.join(safe(p.text) for p in report.restated)))
    lines.append(coverage_summary(report, lang))
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
        "mismatched": [{"id": target_id, "why": str(why)} for target_id, why in report.mismatched],
        "later": [{**phrase(p), "year": p.year} for p in report.later],
        "results": [{**phrase(p), "why": p.why} for p in report.results],
        "ignored": [{"text": text, "reason": reason} for text, reason in report.ignored],
        "restated": [{**phrase(p), "why": p.why} for p in report.restated],
    }
    return escape.json_text(document) + "\n"


def render_status_json(view: StatusView) -> str:
    return status_json(view.report)


def render_status_csv(view: StatusView) -> str:
    return status_csv(view.report)


def render_status_markdown(view: StatusView) -> str:
    return status_markdown(view.report, view.lang)


def render_coverage_text(view: CoverageView) -> str:
    return coverage_text(view.result, view.source, view.lang)


def render_coverage_json(view: CoverageView) -> str:
    return coverage_json(view.result, view.source)


def _change_row(c: Change, lang: Lang) -> dict[str, Any]:
    t = c.after.target
    return {
        "id": t.id,
        "name": target_name(t, lang),
        "before": {"as_of": _iso(c.before.value_as_of), "value": c.before.value,
                   "status": str(c.before.status)},
        "after": {"as_of": _iso(c.after.value_as_of), "value": c.after.value,
                  "status": str(c.after.status)},
        "direction": str(c.direction),
    }  # fmt: skip


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def render_diff_json(view: DiffView) -> str:
    document = {
        "from": view.start.isoformat(),
        "to": view.end.isoformat(),
        "changes": [_change_row(c, view.lang) for c in view.changes],
    }
    return escape.json_text(document) + "\n"


def render_diff_markdown(view: DiffView) -> str:
    """For a pull request's description: a row per changed target, then the summary."""
    changes, start, end, lang = view.changes, view.start, view.end, view.lang
    summary = diff_summary([c.direction for c in changes], start, end, lang)
    if not changes:
        return summary + "\n"
    headers = [
        pick(DIFF_HEADERS["id"], lang),
        pick(DIFF_HEADERS["name"], lang),
        str(start),
        str(end),
        pick(DIFF_HEADERS["status"], lang),
        pick(DIFF_HEADERS["direction"], lang),
    ]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for c in changes:
        cells = [c.after.target.id, display_name(c.after.target, lang),
                 latest_text(c.before, lang), latest_text(c.after, lang),
                 f"{status_label(c.before.status, lang)} → {status_label(c.after.status, lang)}",
                 pick(DIRECTION_LABELS[c.direction], lang)]  # fmt: skip
        lines.append("| " + " | ".join(escape.markdown(cell) for cell in cells) + " |")
    return "\n".join([*lines, "", summary]) + "\n"
