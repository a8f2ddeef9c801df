"""``targets check`` results in the formats CI systems read: text, JSON, GitHub workflow
commands, JUnit XML and Markdown. Plain strings; no Rich."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from gongshu_targets.core.check import CheckResult, Finding, Stale
from gongshu_targets.core.models import Assessment
from gongshu_targets.enums import Lang, Pace, Status
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import escape
from gongshu_targets.outputs.explain import step_text
from gongshu_targets.outputs.text import status_json
from gongshu_targets.outputs.wording import (
    Pair,
    counted,
    expected_value_text,
    figure_text,
    gap_text,
    gap_words,
    latest_text,
    mean_score_text,
    percent_share,
    pick,
    section_name,
    status_label,
    target_name,
    target_names,
    target_words,
)

if TYPE_CHECKING:
    from gongshu_targets.outputs.formats import CheckView

Escape: TypeAlias = Callable[[str], str]

# What check says, in each language (``--lang``; English by default: CI logs are read so).
WORDS: dict[str, Pair] = {
    "FAIL": ("FAIL", "未通过"),
    "WARN": ("WARN", "警告"),
    "no figure": ("no figure", "尚无数值"),
    "expected": (" vs {} expected", "，应达 {}"),
    "of target": (" ({} of {})", "（完成 {1} 的 {0}）"),
    "as of": (" as of {}", "，截至 {}"),
    "since": ("{} since {}", "{}（自 {} 起）"),
    "stale": (
        "stale: latest figure {} old (limit {})",
        "数据过期：最新数据已 {} 天（上限 {} 天）",
    ),
    "passed": ("targets check passed", "目标检查通过"),
    "FAILED": ("targets check FAILED", "目标检查未通过"),
    "verdict": (
        "{verdict}: {failing} failing, {warnings} among {total}{missing} in {plan} "
        "(evaluated on {when}; overall score {score})",
        "{verdict}：{total}中未通过 {failing} 项、警告 {warnings} 项{missing}，计划 {plan}"
        "（评估日 {when}；总得分 {score}）",
    ),
    "missing": (" ({} with no figure yet)", "（{} 项尚无数据）"),
    "final": (
        "{}, the plan's end, for --as-of {}: final results",
        "{}（计划期末；所给日期 {} 在期末之后：按最终结果）",
    ),
    "no figure yet": ("no figure yet", "尚无数据"),
    "no figure group": ("{label} {count} has no figure yet", "{label} {count}尚无数据"),
    # Where the targets an annotation does not name are listed: the step summary when one
    # is written (GITHUB_STEP_SUMMARY set), else check's text output.
    "listed": ("; the step summary lists them", "；步骤摘要列出全部"),
    "listed elsewhere": (
        "; `targets check` (text) lists them",
        "；文本格式的检查结果列出全部",
    ),
    "more": (
        "{n} more: {failing} failing, {warnings}. GitHub shows {max} annotations per step; {where}",
        "另有 {n} 条：未通过 {failing} 项、警告 {warnings} 项。每个步骤最多显示 {max} 条注释；"
        "{where}",
    ),
    "all listed": ("the step summary lists them all", "步骤摘要列出全部"),
    "all listed elsewhere": (
        "`targets check` (text) lists them all",
        "文本格式的检查结果列出全部",
    ),
    "check": ("targets check", "目标检查"),
    "columns": (
        "| | id | name | target | latest | expected | gap vs pace (pt) | status | since |",
        "| | 编号 | 名称 | 目标 | 最新 | 序时应达 | 较序时(点) | 状态 | 自 |",
    ),
    "unreported": (
        "no figure yet (--max-age with --fail-on stale)",
        "尚无数据（按数据过期判为未通过）",
    ),
    "skipped": ("no figure recorded yet", "尚无记录数据"),
    "pace": ("; pace {}%", "；序时进度 {}%"),
}


def _say(key: str, lang: Lang) -> str:
    return pick(WORDS[key], lang)


def _against(a: Assessment, safe: Escape, lang: Lang) -> str:
    """value against expected, in words: ``4.6% vs 5% expected (-0.4 pt against the pace)``."""
    if a.value is None:
        return _say("no figure", lang)
    text = safe(figure_text(a.value, a.target, a.share, lang))
    if a.expected is not None:
        text += _say("expected", lang).format(safe(expected_value_text(a, lang)))
    elif a.completion is not None:
        target = safe(target_words(a.target, lang))
        text += _say("of target", lang).format(percent_share(a.completion), target)
    if a.gap is not None:
        gap = gap_words(a, lang)
        text += f"（{gap}）" if lang is Lang.ZH else f" ({gap})"
    return text


def _reason(reason: Status | Stale, lang: Lang) -> str:
    if isinstance(reason, Stale):
        age, limit = reason.age, reason.limit
        if lang is Lang.EN:
            return _say("stale", lang).format(counted(age, "day"), counted(limit, "day"))
        return _say("stale", lang).format(age, limit)
    return status_label(reason, lang)


def _reasons(f: Finding, lang: Lang) -> str:
    status = f.assessment.status
    words = [
        _say("since", lang).format(_reason(r, lang), f.since)
        if r == status and f.since
        else _reason(r, lang)
        for r in f.reasons
    ]
    return ("；" if lang is Lang.ZH else "; ").join(words)


def finding_line(f: Finding, safe: Escape, lang: Lang = Lang.EN) -> str:
    """One finding on one line, its plan text passed through ``safe`` for the medium."""
    a = f.assessment
    label = _say("FAIL" if f.failing else "WARN", lang)
    as_of = _say("as of", lang).format(a.value_as_of) if a.value_as_of else ""
    head = f"{label} {safe(a.target.id)} {safe(target_name(a.target, lang))}"
    colon, semicolon = ("：", "；") if lang is Lang.ZH else (": ", "; ")
    return f"{head}{colon}{_against(a, safe, lang)}{as_of}{semicolon}{_reasons(f, lang)}"


def _counted(n: int, noun: str, lang: Lang) -> str:
    """``1 warning``, ``2 warnings``; in Chinese the bare number (the sentence counts)."""
    if lang is Lang.ZH:
        return str(n)
    return counted(n, noun)


def plan_name(path: Path) -> str:
    """The plan as every check output names it: relative to the working directory (which
    is also what a GitHub annotation's file= needs), with forward slashes."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return path.resolve().as_posix()


def summary_line(result: CheckResult, plan_path: Path, lang: Lang = Lang.EN) -> str:
    total = len(result.report.assessments)
    failing, warnings = len(result.failing), len(result.warnings)
    verdict = "FAILED" if result.exit_code is ExitCode.CHECK_FAILED else "passed"
    score = result.report.summary.score
    missing = result.no_figure and _say("missing", lang).format(len(result.no_figure))
    zh = lang is Lang.ZH
    return _say("verdict", lang).format(
        verdict=_say(verdict, lang),
        failing=failing,
        warnings=_counted(warnings, "warning", lang),
        total=f"{total} 项目标" if zh else _counted(total, "target", lang),
        missing=missing or "",
        plan=escape.text(plan_name(plan_path)),
        when=_evaluated(result, lang),
        score=mean_score_text(score),
    )


def no_figure_words(result: CheckResult, lang: Lang = Lang.EN) -> str:
    """The targets that never had a figure, as one finding: ``WARN 47 targets have no
    figure yet`` (FAIL with --fail-on stale)."""
    count = len(result.no_figure)
    label = _say("FAIL" if result.no_figure_fails else "WARN", lang)
    if lang is Lang.ZH:
        return _say("no figure group", lang).format(label=label, count=f"{count} 项目标")
    if count == 1:
        return f"{label} 1 target has no figure yet"
    return f"{label} {count} targets have no figure yet"


def _no_figure_ids(result: CheckResult, wrap: str = "") -> str:
    return ", ".join(f"{wrap}{a.target.id}{wrap}" for a in result.no_figure)


def _evaluated(result: CheckResult, lang: Lang) -> str:
    if result.final:
        return _say("final", lang).format(result.evaluated_on, result.asked)
    return str(result.evaluated_on or "—")


def text(result: CheckResult, plan_path: Path, lines: dict[str, int], lang: Lang) -> str:
    """Failures, then warnings, worst first; the targets with no figure once, in their
    place (a failure with --fail-on stale, else a warning); then the verdict."""
    items = [(f.failing, finding_line(f, escape.text, lang)) for f in result.findings]
    if result.no_figure:
        colon = "：" if lang is Lang.ZH else ": "
        line = f"{no_figure_words(result, lang)}{colon}{_no_figure_ids(result)}"
        items.insert(_group_place(result, items), (result.no_figure_fails, line))
    lines_out = [*(line for _, line in items), summary_line(result, plan_path, lang)]
    return "\n".join(lines_out) + "\n"


def _group_place(result: CheckResult, items: list[tuple[bool, str]]) -> int:
    """Where the no-figure group goes: after the failures if it fails, else at the end."""
    return len(result.failing) if result.no_figure_fails else len(items)


def as_json(result: CheckResult, plan_path: Path, lines: dict[str, int], lang: Lang) -> str:
    document = json.loads(status_json(result.report))
    document["plan_file"] = plan_name(plan_path)
    document["failing"] = [f.assessment.target.id for f in result.failing]
    document["warnings"] = [f.assessment.target.id for f in result.warnings]
    document["no_figure"] = [a.target.id for a in result.no_figure]
    document["exit_code"] = int(result.exit_code)
    return escape.json_text(document) + "\n"


def github_command(f: Finding, plan_path: Path, lines: dict[str, int], lang: Lang) -> str:
    kind = "error" if f.failing else "warning"
    a = f.assessment
    status = status_label(a.status, lang)
    props = {
        "file": plan_name(plan_path),
        "line": str(lines.get(a.target.id, 1)),
        "title": f"{a.target.id}: {status}",
    }
    prop_text = ",".join(f"{k}={escape.github_property(v)}" for k, v in props.items())
    return f"::{kind} {prop_text}::{escape.github_data(finding_line(f, str, lang))}"


MAX_ANNOTATIONS = 10  # GitHub shows no more per step


def github(
    result: CheckResult,
    plan_path: Path,
    lines: dict[str, int],
    lang: Lang,
    summary: bool = False,
) -> str:
    """One annotation per finding, worst first; at most ten, the tenth saying how many more
    there are and where they are all listed: the step summary if ``summary`` (one is
    written), else check's text output."""
    items = [(f.failing, github_command(f, plan_path, lines, lang)) for f in result.findings]
    if result.no_figure:
        kind = "error" if result.no_figure_fails else "warning"
        title = escape.github_property(_say("no figure yet", lang))
        props = f"file={escape.github_property(plan_name(plan_path))},line=1,title={title}"
        message = no_figure_words(result, lang) + _say(
            "listed" if summary else "listed elsewhere", lang
        )
        items.insert(
            _group_place(result, items),
            (result.no_figure_fails, f"::{kind} {props}::{escape.github_data(message)}"),
        )
    if len(items) > MAX_ANNOTATIONS:
        rest = items[MAX_ANNOTATIONS - 1 :]
        failing = sum(1 for fails, _ in rest if fails)
        kind = "error" if failing else "warning"
        message = _say("more", lang).format(
            n=len(rest),
            failing=failing,
            warnings=_counted(len(rest) - failing, "warning", lang),
            max=MAX_ANNOTATIONS,
            where=_say("all listed" if summary else "all listed elsewhere", lang),
        )
        title = escape.github_property(_say("check", lang))
        more = f"::{kind} title={title}::{escape.github_data(message)}"
        items = [*items[: MAX_ANNOTATIONS - 1], (bool(failing), more)]
    return "\n".join([*(c for _, c in items), summary_line(result, plan_path, lang)]) + "\n"


# What the job summary ticks: a target judged and fine, never one still pending.
FINE = frozenset({Status.ACHIEVED, Status.ON_TRACK})


def markdown(result: CheckResult, plan_path: Path, lines: dict[str, int], lang: Lang) -> str:
    """A table of every target for a pull-request comment or a job summary (GitHub renders
    both as Markdown)."""
    findings = {f.assessment.target.id: f for f in result.findings}
    rows = [f"### {summary_line(result, plan_path, lang)}", ""]
    if result.no_figure:
        colon = "：" if lang is Lang.ZH else ": "
        rows += [f"{no_figure_words(result, lang)}{colon}{_no_figure_ids(result, '`')}", ""]
    rows += [_say("columns", lang), "|---|---|---|---|---|---|---|---|---|"]
    # The findings first, worst first, then every other target in the plan's order.
    rest = [a for a in result.report.assessments if a.target.id not in findings]
    between = "、" if lang is Lang.ZH else ", "
    names = target_names(result.report.plan, lang)
    for a in [f.assessment for f in result.findings] + rest:
        f = findings.get(a.target.id)
        mark = "❌" if f and f.failing else "⚠️" if f else "✅" if a.status in FINE else "·"
        status = between.join(_reason(r, lang) for r in f.reasons) if f else _reason(a.status, lang)
        cells = [
            mark,
            f"`{escape.markdown(a.target.id)}`",
            escape.markdown(target_name(a.target, lang)),
            escape.markdown(target_words(a.target, lang, names)),
            escape.markdown(latest_text(a, lang)),
            escape.markdown(expected_value_text(a, lang)),
            gap_text(a),
            status,
            str(f.since) if f and f.since else "",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def junit(result: CheckResult, plan_path: Path, lines: dict[str, int], lang: Lang) -> str:
    """One testsuite per section, one testcase per target, a <failure> per failing one."""
    findings = {f.assessment.target.id: f for f in result.findings}
    unreported = {a.target.id for a in result.no_figure} if result.no_figure_fails else set()
    sections: dict[str, list[Assessment]] = {}
    for a in result.report.assessments:
        sections.setdefault(section_name(a.target, lang), []).append(a)
    root = ET.Element(
        "testsuites",
        name=escape.junit(f"{_say('check', lang)} {plan_name(plan_path)}"),
        tests=str(len(result.report.assessments)),
        failures=str(len(result.failing) + len(unreported)),
    )
    safe = escape.junit
    for section, assessments in sections.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=safe(section),
            tests=str(len(assessments)),
            failures=str(
                sum(1 for a in assessments if _fails(findings, a) or a.target.id in unreported)
            ),
            skipped=str(
                sum(1 for a in assessments if a.value is None and a.target.id not in unreported)
            ),
        )
        for a in assessments:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=safe(section),
                name=safe(f"{a.target.id} {target_name(a.target, lang)}"),
                file=safe(plan_name(plan_path)),
                line=str(lines.get(a.target.id, 1)),
            )
            f = findings.get(a.target.id)
            if f is not None and f.failing:
                failure = ET.SubElement(
                    case, "failure", message=finding_line(f, safe, lang), type=str(a.status)
                )
                failure.text = "\n".join(
                    safe(step_text(step, lang, a.target.unit)) for step in a.steps
                )
            elif a.target.id in unreported:
                ET.SubElement(case, "failure", message=_say("unreported", lang), type=str(a.status))
            elif a.value is None:
                ET.SubElement(case, "skipped", message=_say("skipped", lang))
            pace = a.target.pace is not Pace.RATE and a.pace_share
            colon = "：" if lang is Lang.ZH else ": "
            detail = f"{_reason(a.status, lang)}{colon}{_against(a, safe, lang)}" + (
                _say("pace", lang).format(a.pace_share) if pace else ""
            )
            if f is not None and not f.failing:
                detail = finding_line(f, safe, lang)
            ET.SubElement(case, "system-out").text = detail
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fails(findings: dict[str, Finding], a: Assessment) -> bool:
    f = findings.get(a.target.id)
    return f is not None and f.failing


def render_text(view: CheckView) -> str:
    return text(view.result, view.plan_path, view.lines, view.lang)


def render_json(view: CheckView) -> str:
    return as_json(view.result, view.plan_path, view.lines, view.lang)


def render_github(view: CheckView) -> str:
    return github(view.result, view.plan_path, view.lines, view.lang, view.summary)


def render_junit(view: CheckView) -> str:
    return junit(view.result, view.plan_path, view.lines, view.lang)


def render_markdown(view: CheckView) -> str:
    return markdown(view.result, view.plan_path, view.lines, view.lang)
