"""``targets check`` results in the formats CI systems read: text, JSON, GitHub workflow
commands, JUnit XML and Markdown. Plain strings; no Rich."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from gongshu_targets.core.check import CheckResult, Finding
from gongshu_targets.core.models import Assessment
from gongshu_targets.enums import CheckFormat, Lang, Pace, Status
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import escape
from gongshu_targets.outputs.explain import step_text
from gongshu_targets.outputs.text import status_json
from gongshu_targets.outputs.wording import (
    expected_value_text,
    figure_text,
    gap_text,
    gap_words,
    latest_text,
    number,
    target_words,
)

# CI logs are read in English; units stay as the plan writes them, like the names.
UNITS = Lang.ZH
WORDS = Lang.EN

Escape: TypeAlias = Callable[[str], str]


def _against(a: Assessment, safe: Escape) -> str:
    """value against expected, in words: ``4.6% vs 5% expected (-0.4 pt against the pace)``."""
    if a.value is None:
        return "no figure"
    text = safe(figure_text(a.value, a.target, a.share, UNITS))
    if a.expected is not None:
        text += f" vs {safe(expected_value_text(a, UNITS))} expected"
    elif a.completion is not None:
        text += f" ({number(a.completion, 1)}% of {safe(target_words(a.target, UNITS))})"
    if a.gap is not None:
        text += f" ({gap_words(a, WORDS)})"
    return text


def finding_line(f: Finding, safe: Escape) -> str:
    """One finding on one line, its plan text passed through ``safe`` for the medium."""
    a = f.assessment
    label = "FAIL" if f.failing else "WARN"
    as_of = f" as of {a.value_as_of}" if a.value_as_of else ""
    reasons = [f"{r} since {f.since}" if r == a.status and f.since else r for r in f.reasons]
    head = f"{label} {safe(a.target.id)} {safe(a.target.name)}"
    return f"{head}: {_against(a, safe)}{as_of}; {'; '.join(reasons)}"


def plan_name(path: Path) -> str:
    """The plan as every check output names it: relative to the working directory (which
    is also what a GitHub annotation's file= needs), with forward slashes."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return path.resolve().as_posix()


def summary_line(result: CheckResult, plan_path: Path) -> str:
    total = len(result.report.assessments)
    failing, warnings = len(result.failing), len(result.warnings)
    verdict = "FAILED" if result.exit_code is ExitCode.CHECK_FAILED else "passed"
    score = result.report.summary.score
    score_text = "—" if score is None else f"{score:.1f}"
    missing = f" ({len(result.no_figure)} with no figure yet)" if result.no_figure else ""
    return (
        f"targets check {verdict}: {failing} failing, {warnings} warning(s) among {total} "
        f"targets{missing} in {escape.text(plan_name(plan_path))} "
        f"(evaluated on {_evaluated(result)}; "
        f"overall score {score_text})"
    )


def no_figure_words(result: CheckResult) -> str:
    """The targets that never had a figure, as one finding: ``WARN 47 targets have no
    figure yet`` (FAIL with --fail-on stale)."""
    count = len(result.no_figure)
    label = "FAIL" if result.no_figure_fails else "WARN"
    return f"{label} {count} target{'s have' if count != 1 else ' has'} no figure yet"


def _no_figure_ids(result: CheckResult, wrap: str = "") -> str:
    return ", ".join(f"{wrap}{a.target.id}{wrap}" for a in result.no_figure)


def _evaluated(result: CheckResult) -> str:
    if result.final:
        return f"{result.evaluated_on}, the plan's end, for --as-of {result.asked}: final results"
    return str(result.evaluated_on or "—")


def text(result: CheckResult, plan_path: Path, lines: dict[str, int]) -> str:
    """Failures, then warnings, worst first; the targets with no figure once, in their
    place (a failure with --fail-on stale, else a warning); then the verdict."""
    items = [(f.failing, finding_line(f, escape.text)) for f in result.findings]
    if result.no_figure:
        line = f"{no_figure_words(result)}: {_no_figure_ids(result)}"
        items.insert(_group_place(result, items), (result.no_figure_fails, line))
    return "\n".join([*(line for _, line in items), summary_line(result, plan_path)]) + "\n"


def _group_place(result: CheckResult, items: list[tuple[bool, str]]) -> int:
    """Where the no-figure group goes: after the failures if it fails, else at the end."""
    return len(result.failing) if result.no_figure_fails else len(items)


def as_json(result: CheckResult, plan_path: Path, lines: dict[str, int]) -> str:
    document = json.loads(status_json(result.report))
    document["plan_file"] = plan_name(plan_path)
    document["failing"] = [f.assessment.target.id for f in result.failing]
    document["warnings"] = [f.assessment.target.id for f in result.warnings]
    document["no_figure"] = [a.target.id for a in result.no_figure]
    document["exit_code"] = int(result.exit_code)
    return escape.json_text(document) + "\n"


def github_command(f: Finding, plan_path: Path, lines: dict[str, int]) -> str:
    kind = "error" if f.failing else "warning"
    a = f.assessment
    props = {
        "file": plan_name(plan_path),
        "line": str(lines.get(a.target.id, 1)),
        "title": f"{a.target.id}: {a.status}",
    }
    prop_text = ",".join(f"{k}={escape.github_property(v)}" for k, v in props.items())
    return f"::{kind} {prop_text}::{escape.github_data(finding_line(f, str))}"


MAX_ANNOTATIONS = 10  # GitHub shows no more per step


def github(result: CheckResult, plan_path: Path, lines: dict[str, int]) -> str:
    """One annotation per finding, worst first; at most ten, the tenth saying how many more
    there are and that the step summary lists them all."""
    items = [(f.failing, github_command(f, plan_path, lines)) for f in result.findings]
    if result.no_figure:
        kind = "error" if result.no_figure_fails else "warning"
        props = f"file={escape.github_property(plan_name(plan_path))},line=1,title=no figure yet"
        message = f"{no_figure_words(result)}; the step summary lists them"
        items.insert(
            _group_place(result, items),
            (result.no_figure_fails, f"::{kind} {props}::{escape.github_data(message)}"),
        )
    if len(items) > MAX_ANNOTATIONS:
        rest = items[MAX_ANNOTATIONS - 1 :]
        failing = sum(1 for fails, _ in rest if fails)
        kind = "error" if failing else "warning"
        message = (
            f"{len(rest)} more: {failing} failing, {len(rest) - failing} warning(s). GitHub "
            f"shows {MAX_ANNOTATIONS} annotations per step; the step summary lists them all"
        )
        more = f"::{kind} title=targets check::{escape.github_data(message)}"
        items = [*items[: MAX_ANNOTATIONS - 1], (bool(failing), more)]
    return "\n".join([*(c for _, c in items), summary_line(result, plan_path)]) + "\n"


# What the job summary ticks: a target judged and fine, never one still pending.
FINE = frozenset({Status.ACHIEVED, Status.ON_TRACK})


def markdown(result: CheckResult, plan_path: Path, lines: dict[str, int]) -> str:
    """A table of every target for a pull-request comment or a job summary (GitHub renders
    both as Markdown)."""
    findings = {f.assessment.target.id: f for f in result.findings}
    rows = [f"### {summary_line(result, plan_path)}", ""]
    if result.no_figure:
        rows += [f"{no_figure_words(result)}: {_no_figure_ids(result, '`')}", ""]
    rows += [
        "| | id | name | target | latest | expected | gap vs pace (pt) | status | since |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    # The findings first, worst first, then every other target in the plan's order.
    rest = [a for a in result.report.assessments if a.target.id not in findings]
    for a in [f.assessment for f in result.findings] + rest:
        f = findings.get(a.target.id)
        mark = "❌" if f and f.failing else "⚠️" if f else "✅" if a.status in FINE else "·"
        cells = [
            mark,
            f"`{escape.markdown(a.target.id)}`",
            escape.markdown(a.target.name),
            escape.markdown(target_words(a.target, UNITS)),
            escape.markdown(latest_text(a, UNITS)),
            escape.markdown(expected_value_text(a, UNITS)),
            gap_text(a),
            ", ".join(f.reasons) if f else str(a.status),
            str(f.since) if f and f.since else "",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def junit(result: CheckResult, plan_path: Path, lines: dict[str, int]) -> str:
    """One testsuite per section, one testcase per target, a <failure> per failing one."""
    findings = {f.assessment.target.id: f for f in result.findings}
    unreported = {a.target.id for a in result.no_figure} if result.no_figure_fails else set()
    sections: dict[str, list[Assessment]] = {}
    for a in result.report.assessments:
        sections.setdefault(a.target.section, []).append(a)
    root = ET.Element(
        "testsuites",
        name=escape.junit(f"targets check {plan_name(plan_path)}"),
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
                name=safe(f"{a.target.id} {a.target.name}"),
                file=safe(plan_name(plan_path)),
                line=str(lines.get(a.target.id, 1)),
            )
            f = findings.get(a.target.id)
            if f is not None and f.failing:
                failure = ET.SubElement(
                    case, "failure", message=finding_line(f, safe), type=str(a.status)
                )
                failure.text = "\n".join(safe(step_text(step)) for step in a.steps)
            elif a.target.id in unreported:
                message = "no figure yet (--max-age with --fail-on stale)"
                ET.SubElement(case, "failure", message=message, type=str(a.status))
            elif a.value is None:
                ET.SubElement(case, "skipped", message="no figure recorded yet")
            detail = f"{a.status}: {_against(a, safe)}" + (
                f"; pace {a.pace_share}%" if a.target.pace is not Pace.RATE and a.pace_share else ""
            )
            if f is not None and not f.failing:
                detail = finding_line(f, safe)
            ET.SubElement(case, "system-out").text = detail
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fails(findings: dict[str, Finding], a: Assessment) -> bool:
    f = findings.get(a.target.id)
    return f is not None and f.failing


FORMATTERS: dict[CheckFormat, Callable[[CheckResult, Path, dict[str, int]], str]] = {
    CheckFormat.TEXT: text,
    CheckFormat.JSON: as_json,
    CheckFormat.GITHUB: github,
    CheckFormat.JUNIT: junit,
    CheckFormat.MARKDOWN: markdown,
}


def format_check(
    result: CheckResult, fmt: CheckFormat, plan_path: Path, lines: dict[str, int]
) -> str:
    return FORMATTERS[fmt](result, plan_path, lines)
