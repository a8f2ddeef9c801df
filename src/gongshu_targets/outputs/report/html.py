"""The quarterly report as one self-contained HTML page: plain HTML, CSS and inline SVG.

No library, no font, no image and no request: a strict Content-Security-Policy forbids
loading anything, so the file works offline and from an e-mail attachment. A few lines
of inline script filter the rows by section and status, and record on <body> what a test
in a real browser checks (charts drawn, resources loaded, policy violations, the page's
width and its smallest chart text).

A leader reads it top down: the counts, a legend for every mark, then the items grouped by
status, problems first (missed, off track, at risk), then on track and achieved; the rows
with no figure yet are one compact list at the end. Every chart has labelled axes, the
target and pace lines, and its values printed, so nothing needs a hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from gongshu_targets.core.items import SEVERITY
from gongshu_targets.core.models import Assessment, Observation, Period, StatusReport
from gongshu_targets.core.steps import Decision
from gongshu_targets.core.units import PERCENT, in_target_unit
from gongshu_targets.enums import Comparator, Lang, Pace, Status
from gongshu_targets.outputs.escape import html as escape
from gongshu_targets.outputs.report.table import (
    STATUS_COLOURS,
    ReportRow,
    report_rows,
    row_title,
    title,
)
from gongshu_targets.outputs.wording import (
    NO_OWNER,
    STRETCH_MARK,
    completion_text,
    judgement,
    latest_text,
    mean_score_text,
    number,
    percent_share,
    pick,
    plan_title,
    quantity,
    section_name,
    status_label,
    target_name,
    target_words,
    unit_words,
)

WHOLE = 100.0  # a share of 100%: the task done, the target reached
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
W = 320  # every chart's viewBox width; it scales to the card (about 330 px on a phone)
LEFT, RIGHT = 44, 10  # room for the y axis's labels, and for a label at the far right
BAR_H, TREND_H = 74, 150
TEXT = 'font-size="11" fill="#1d2430"'
PACE_COLOUR, TARGET_COLOUR, BAND_COLOUR, RANGE_COLOUR, LINE_COLOUR = (
    "#1d2430", "#6b7685", "#F2A900", "#4CAF50", "#2d6cdf",
)  # fmt: skip

STYLE = """
:root{--fg:#1d2430;--muted:#5b6472;--line:#e3e6ea;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",
"Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header,main,.summary,.filters,.legend{max-width:1200px;margin:0 auto;padding:10px 16px}
h1{font-size:1.35rem;margin:.4rem 0}
h2{font-size:1.1rem;margin:18px 0 8px;padding-left:8px;border-left:6px solid var(--c)}
.muted{color:var(--muted);font-size:.85rem}
.badges{display:flex;flex-wrap:wrap;gap:8px}
.badge{color:#fff;border-radius:12px;padding:2px 10px;font-size:.85rem;white-space:nowrap}
table.sections{border-collapse:collapse;margin-top:8px;font-size:.9rem}
table.sections td{padding:2px 10px 2px 0;border-bottom:1px solid var(--line)}
.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 10px;margin:0;
font-size:.85rem}
.legend dt{display:flex;align-items:center}
.legend dd{margin:0}
.legend svg{width:44px;height:14px}
.filters label{margin-right:16px;white-space:nowrap}
select{font:inherit;padding:4px;max-width:100%}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;
min-width:0}
article h3{font-size:1rem;margin:0 0 4px}
article h4{font-size:.9rem;margin:10px 0 2px}
article .quote{font-size:.85rem;color:var(--muted);margin:0 0 4px}
article .owner,article .numbers{font-size:.85rem;margin:2px 0}
article .waiting{font-size:.8rem;color:var(--muted);margin:6px 0 0}
.nodata ul{columns:2 320px;font-size:.85rem;padding-left:18px;margin:0}
.nodata li{break-inside:avoid;margin-bottom:2px}
svg.bar,svg.trend{display:block;width:100%;height:auto;margin-top:6px}
@media (max-width:480px){body{font-size:14px}.cards{grid-template-columns:1fr}
header,main,.summary,.filters,.legend{padding:8px 10px}
.filters label{display:block;margin:0 0 6px}select{max-width:calc(100vw - 80px)}}
"""

# Registered first, in <head>, so that no violation can happen before it listens.
HEAD_SCRIPT = (
    "window.violations=0;"
    "document.addEventListener('securitypolicyviolation',()=>{window.violations++;});"
)
SCRIPT = """
function applyFilters(){
  const s=document.getElementById('f-section').value, t=document.getElementById('f-status').value;
  for(const a of document.querySelectorAll('main [data-status]')){
    a.hidden=(s!==''&&a.dataset.section!==s)||(t!==''&&a.dataset.status!==t);
  }
}
document.getElementById('f-section').addEventListener('change',applyFilters);
document.getElementById('f-status').addEventListener('change',applyFilters);
window.addEventListener('load',()=>{
  const b=document.body.dataset;
  b.charts=document.querySelectorAll('.chart').length;
  b.resources=performance.getEntriesByType('resource').length;
  b.violations=window.violations;
  b.overflow=document.documentElement.scrollWidth>window.innerWidth?'1':'0';
  const sizes=[...document.querySelectorAll('svg.bar text,svg.trend text')]
    .map(t=>parseFloat(getComputedStyle(t).fontSize)*t.getScreenCTM().a);
  b.minfont=sizes.length?Math.min(...sizes).toFixed(1):'0';
  b.values=document.querySelectorAll('svg text.value').length;
  b.ready='1';
});
"""

WORDS: dict[str, tuple[str, str]] = {
    "pace": ("pace", "序时"),
    "target": ("target", "目标"),
    "floor": ("floor", "确保"),
    "owner": ("Lead department", "牵头单位"),
    "score": ("Overall score", "总得分"),
    "apart": ("(stretch targets and tasks counted apart)", "（力争目标、工作任务另计）"),
    "section": ("Section", "板块"),
    "status": ("Status", "状态"),
    "all": ("all", "全部"),
    "legend": ("How to read the charts", "图例"),
    "nodata": ("No figure yet", "暂无数据"),
    "waiting": ("No figure yet", "暂无数据"),
    "share_axis": ("% of the year's task", "完成进度 %"),
    "date_axis": ("month", "月份"),
}
LEGEND_MARKS: tuple[tuple[str, tuple[str, str]], ...] = (
    (f'<rect x="2" y="3" width="40" height="8" fill="{LINE_COLOUR}"/>',
     ("the figure: value or share done (printed beside it)", "实际值或完成进度（数值标在旁边）")),
    (f'<line x1="22" x2="22" y1="0" y2="14" stroke="{PACE_COLOUR}" stroke-width="2.5"/>',
     ("the pace: the share of the year elapsed, where the figure should be by now",
      "序时进度：按时间应完成的比例")),
    (f'<line x1="22" x2="22" y1="0" y2="14" stroke="{TARGET_COLOUR}" stroke-width="2.5" '
     'stroke-dasharray="3 2"/>', ("the year's target", "年度目标")),
    (f'<rect x="2" y="2" width="40" height="10" fill="{BAND_COLOUR}" fill-opacity=".3"/>',
     ("at-risk band: below the pace or threshold, down to the band's edge or the floor",
      "风险区间：低于序时或目标、但在容差或“确保”底线之内")),
    (f'<rect x="2" y="2" width="40" height="10" fill="{RANGE_COLOUR}" fill-opacity=".3"/>',
     ("a target range (5%—5.5%)", "目标区间（如5%—5.5%）")),
    (f'<line x1="2" x2="42" y1="12" y2="2" stroke="{TARGET_COLOUR}" stroke-dasharray="4 3"/>',
     ("trend chart: the straight pace line from 0 to the target", "走势图：从0到目标的序时线")),
    (f'<circle cx="22" cy="7" r="4" fill="{LINE_COLOUR}"/>',
     ("a recorded figure, its value printed above", "一次记录的数值（标在点上方）")),
)  # fmt: skip


def _colon(lang: Lang) -> str:
    return "：" if lang is Lang.ZH else ": "


def _w(key: str, lang: Lang) -> str:
    return pick(WORDS[key], lang)


def _band(a: Assessment) -> float | None:
    """The at-risk band the decision used, in points (a floor's, where there is one)."""
    decision = next((s for s in a.steps if isinstance(s, Decision)), None)
    return None if decision is None else decision.band


def _label(x: float, y: float, text: str, css: str = "", anchor: str = "middle") -> str:
    """Chart text, kept inside the chart's width."""
    x = min(max(x, LEFT - 40), W - 2)
    if anchor == "middle":
        half = len(text) * 3.3
        x = min(max(x, half), W - half)
    klass = f' class="{css}"' if css else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {TEXT} text-anchor="{anchor}"{klass}>{escape(text)}</text>'
    )


def _value_label(start: float, end: float, text: str) -> str:
    """A bar's value, printed inside its end in white where the bar is wide enough, else
    just past it."""
    inside = end - start > len(text) * 6.6 + 8
    if inside:
        return (
            f'<text x="{end - 4:.1f}" y="38" font-size="11" font-weight="bold" fill="#fff" '
            f'text-anchor="end" class="value">{escape(text)}</text>'
        )
    return _label(end + 4, 38, text, "value", anchor="start")


def _vline(x: float, y1: float, y2: float, colour: str, css: str, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        f'<line class="{css}" x1="{x:.1f}" x2="{x:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="2.5"{dash}/>'
    )


def _axis(ticks: Sequence[tuple[float, str]], y: float, x0: float, x1: float) -> list[str]:
    parts = [f'<line class="axis" x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
             'stroke="#9aa3ae"/>']  # fmt: skip
    for x, text in ticks:
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y + 4:.1f}" '
                     'stroke="#9aa3ae"/>')  # fmt: skip
        parts.append(_label(x, y + 15, text, "tick"))
    return parts


def _svg(css: str, height: int, label: str, parts: Sequence[str]) -> str:
    return (
        f'<svg class="{css}" viewBox="0 0 {W} {height}" role="img" '
        f'aria-label="{escape(label)}">' + "".join(parts) + "</svg>"
    )


def _share_bar(a: Assessment, lang: Lang) -> str:
    """Completion (or a 完成进度) on a 0–100% axis, with the pace and the target marked
    and the at-risk band below the pace shaded."""
    assert a.completion is not None
    top = max(120.0, min(a.completion, 200.0) + 10)
    x0, x1 = LEFT - 30, W - RIGHT

    def x(p: float) -> float:
        return x0 + max(min(p, top), 0.0) / top * (x1 - x0)

    colour = "#" + STATUS_COLOURS[a.status]
    parts = [f'<rect x="{x0}" y="26" width="{x1 - x0}" height="16" fill="#eceff3"/>']
    band = _band(a)
    if a.pace_share is not None and band:
        low = x(a.pace_share - band)
        parts.append(f'<rect class="band" x="{low:.1f}" y="24" width="{x(a.pace_share) - low:.1f}"'
                     f' height="20" fill="{BAND_COLOUR}" fill-opacity=".3"/>')  # fmt: skip
    parts.append(f'<rect class="fill" x="{x0}" y="28" width="{x(a.completion) - x0:.1f}" '
                 f'height="12" fill="{colour}"/>')  # fmt: skip
    parts.append(_vline(x(WHOLE), 18, 48, TARGET_COLOUR, "target", dashed=True))
    if a.pace_share is not None:
        parts.append(_vline(x(a.pace_share), 18, 48, PACE_COLOUR, "pace"))
        pace = f"{_w('pace', lang)} {percent_share(a.pace_share)}"
        parts.append(_label(x(a.pace_share), 12, pace,
                            anchor="end" if a.pace_share > 60 else "start"))  # fmt: skip
    done = completion_text(a, lang)
    parts.append(_value_label(x0, x(a.completion), done))
    # the target is named on its own tick, leaving the row above the bar to the pace
    ticks = [(x(0), "0%"), (x(50), "50%"), (x(WHOLE), f"{_w('target', lang)} 100%")]
    parts += _axis(ticks, 52, x0, x1)
    name = f"{target_name(a.target, lang)}: {done}"
    return _svg("bar", BAR_H, name, parts)


def _rate_bar(a: Assessment, lang: Lang) -> str:
    """A rate's figure against its target: the bar runs from 0 to the value on an axis that
    holds the value, the target and its band, so a rate never looks "80% done"."""
    assert a.value is not None
    t = a.target
    reference = a.reference if a.reference is not None else (t.target or 0.0)
    threshold = a.expected if a.expected is not None else reference
    band = _band(a) or 0.0
    # the band lies on the failing side of the threshold: below it, above it for a cap
    edge = threshold + band if t.comparator is Comparator.AT_MOST else threshold - band
    marks = [a.value, reference, threshold, edge, 0.0]
    marks += [m for m in (t.upper, t.floor) if m is not None]
    low, high = min(marks), max(marks)
    span = (high - low) or 1.0
    low, high = low - span * 0.08, high + span * 0.15
    x0, x1 = LEFT - 30, W - RIGHT

    def x(v: float) -> float:
        return x0 + (v - low) / (high - low) * (x1 - x0)

    colour = "#" + STATUS_COLOURS[a.status]
    parts = [f'<rect x="{x0}" y="26" width="{x1 - x0}" height="16" fill="#eceff3"/>']
    if band > 0:
        left, right = sorted((x(edge), x(threshold)))
        parts.append(f'<rect class="band" x="{left:.1f}" y="24" width="{right - left:.1f}" '
                     f'height="20" fill="{BAND_COLOUR}" fill-opacity=".3"/>')  # fmt: skip
    if t.comparator is Comparator.RANGE and t.target is not None and t.upper is not None:
        parts.append(f'<rect class="range" x="{x(t.target):.1f}" y="24" '
                     f'width="{x(t.upper) - x(t.target):.1f}" height="20" '
                     f'fill="{RANGE_COLOUR}" fill-opacity=".3"/>')  # fmt: skip
    start, end = sorted((x(0.0), x(a.value)))
    parts.append(f'<rect class="fill" x="{start:.1f}" y="28" width="{max(end - start, 1.5):.1f}" '
                 f'height="12" fill="{colour}"/>')  # fmt: skip
    goal = f"{_w('target', lang)} {quantity(reference, PERCENT, lang)}"
    parts.append(_vline(x(reference), 18, 48, TARGET_COLOUR, "target", dashed=True))
    parts.append(_label(x(reference), 12, goal))
    value = quantity(a.value, PERCENT, lang)
    parts.append(_value_label(start, end, value))
    ticks = [(x(v), quantity(v, PERCENT, lang)) for v in sorted({0.0, round(high, 1)})]
    parts += _axis(ticks, 52, x0, x1)
    return _svg("bar", BAR_H, f"{target_name(t, lang)}: {value}", parts)


def _bar(a: Assessment, lang: Lang) -> str:
    if a.value is None:
        return ""
    if a.target.pace is Pace.RATE and not a.share:
        return _rate_bar(a, lang)
    if a.completion is not None:
        return _share_bar(a, lang)
    return ""


def _months(lang: Lang) -> list[str]:
    if lang is Lang.ZH:
        return [f"{m}月" for m in range(1, 13)]
    return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _trend(a: Assessment, history: Sequence[Observation], period: Period, lang: Lang) -> str:
    """The figures of the kind shown over the year, each value printed; the target as a
    line, and for a total or a share the straight pace line from 0 to the target."""
    t = a.target
    shown = [o for o in history if o.share == a.share]
    unit = PERCENT if a.share else t.unit
    values = [o.value if a.share else in_target_unit(o.value, t.unit) for o in shown]
    paced = a.share or t.pace is Pace.CUMULATIVE
    goal = WHOLE if a.share else t.target
    if t.pace is Pace.RATE and not a.share and a.reference is not None:
        goal = a.reference
    top = max([*values, goal or 0.0, 0.0])
    bottom = min([*values, 0.0])
    height = (top - bottom) or 1.0
    top += height * 0.18
    y0, y1 = TREND_H - 30, 14  # the plot's bottom and top
    span = max((period.end - period.start).days, 1)

    def x(day: date) -> float:
        return LEFT + (day - period.start).days / span * (W - LEFT - RIGHT)

    def y(value: float) -> float:
        return y0 - (value - bottom) / (top - bottom) * (y0 - y1)

    parts = [f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{y1}" y2="{y0}" stroke="#9aa3ae"/>']
    for value in sorted({bottom, *([goal] if goal is not None else [])}):
        parts.append(_label(LEFT - 4, y(value) + 4, number(value, 2), "tick", anchor="end"))
    axis_unit = _w("share_axis", lang) if a.share else unit_words(unit, lang)
    parts.append(_label(2, 10, axis_unit, "unit", anchor="start"))
    months = _months(lang)
    ticks = []
    for month in (3, 6, 9, 12):
        day = date(period.end.year, month, 1)
        if period.start <= day <= period.end:
            ticks.append((x(day), months[month - 1]))
    parts += _axis(ticks, y0, LEFT, W - RIGHT)
    if goal is not None:
        parts.append(
            f'<line class="target" x1="{LEFT}" x2="{W - RIGHT}" y1="{y(goal):.1f}" '
            f'y2="{y(goal):.1f}" stroke="{TARGET_COLOUR}" stroke-dasharray="3 2"/>'
        )
        parts.append(_label(W - RIGHT, y(goal) - 4, _w("target", lang), anchor="end"))
        if paced:
            parts.append(
                f'<line class="pace-line" x1="{x(period.start):.1f}" y1="{y(0):.1f}" '
                f'x2="{x(period.end):.1f}" y2="{y(goal):.1f}" stroke="{TARGET_COLOUR}" '
                'stroke-dasharray="4 3"/>'
            )
    points = " ".join(f"{x(o.as_of):.1f},{y(v):.1f}" for o, v in zip(shown, values, strict=True))
    if len(shown) > 1:
        parts.append(f'<polyline points="{points}" fill="none" stroke="{LINE_COLOUR}" '
                     'stroke-width="2"/>')  # fmt: skip
    for o, v in zip(shown, values, strict=True):
        parts.append(
            f'<circle cx="{x(o.as_of):.1f}" cy="{y(v):.1f}" r="3.5" fill="{LINE_COLOUR}"/>'
        )
        text = f"{number(v, 2)}%" if a.share else quantity(v, unit, lang)
        parts.append(_label(x(o.as_of), y(v) - 7, text, "value"))
    parts.append(_label((LEFT + W - RIGHT) / 2, TREND_H - 2, _w("date_axis", lang), "unit"))
    return _svg("trend", TREND_H, f"{target_name(t, lang)}: {latest_text(a, lang)}", parts)


def _badge(status: Status, lang: Lang, count: int | None = None) -> str:
    text = status_label(status, lang) + ("" if count is None else f" {count}")
    return f'<span class="badge" style="background:#{STATUS_COLOURS[status]}">{escape(text)}</span>'


def _target_block(
    a: Assessment, history: Sequence[Observation], period: Period, lang: Lang,
    names: dict[str, str], many: bool,
) -> str:  # fmt: skip
    t = a.target
    head = ""
    if many:
        stretch = f" {STRETCH_MARK}" if t.stretch else ""
        head = f"<h4>{escape(target_name(t, lang))}{stretch} {_badge(a.status, lang)}</h4>"
    numbers = " · ".join((target_words(t, lang, names), latest_text(a, lang), judgement(a, lang)))
    return (
        f'{head}<p class="numbers">{escape(numbers)}</p>'
        f'<div class="chart">{_bar(a, lang)}{_trend(a, history, period, lang)}</div>'
    )


def _card(
    row: ReportRow, histories: dict[str, list[Observation]], period: Period, lang: Lang
) -> str:
    item = row.item
    many = len(item.assessments) > 1
    stretch = f" {STRETCH_MARK}" if not many and item.assessments[0].target.stretch else ""
    judged = [a for a in item.assessments if a.status is not Status.NO_DATA]
    waiting = [a for a in item.assessments if a.status is Status.NO_DATA]
    blocks = "".join(
        _target_block(a, histories.get(a.target.id, []), period, lang, row.names, many)
        for a in judged
    )
    if waiting:
        between = "、" if lang is Lang.ZH else "; "
        names = between.join(target_name(a.target, lang) for a in waiting)
        waiting_words = escape(_w("waiting", lang)) + _colon(lang)
        blocks += f'<p class="waiting">{waiting_words}{escape(names)}</p>'
    owner = item.owner or NO_OWNER[lang]
    data = f'data-section="{escape(item.section)}" data-status="{row.status}"'
    return f"""<article class="item" {data}>
<h3>{item.number}. {escape(row_title(item, lang))}{stretch} {_badge(row.status, lang)}</h3>
<p class="quote">{escape(item.work)}</p>
<p class="owner">{escape(_w("owner", lang))}{_colon(lang)}{escape(owner)}</p>
{blocks}
</article>"""


def _no_data(rows: Sequence[ReportRow], lang: Lang) -> str:
    """The rows with no figure at all: one compact list, not a wall of grey cards."""
    if not rows:
        return ""

    def line(r: ReportRow) -> str:
        goals = "；".join(target_words(a.target, lang, r.names) for a in r.item.assessments)
        return (
            f'<li data-section="{escape(r.item.section)}" data-status="{r.status}">'
            f"{r.item.number}. <b>{escape(row_title(r.item, lang))}</b> {escape(goals)}"
            f" · {escape(r.item.owner or NO_OWNER[lang])}</li>"
        )

    items = "".join(line(r) for r in rows)
    colour = STATUS_COLOURS[Status.NO_DATA]
    heading = (
        f"{_w('nodata', lang)}（{len(rows)}）"
        if lang is Lang.ZH
        else (f"{_w('nodata', lang)} ({len(rows)})")
    )
    return (
        f'<section class="nodata"><h2 style="--c:#{colour}">{escape(heading)}</h2>'
        f"<ul>{items}</ul></section>"
    )


def _legend(lang: Lang) -> str:
    statuses = "".join(
        f"<dt>{_badge(s, lang)}</dt><dd>{escape(pick(STATUS_MEANINGS[s], lang))}</dd>"
        for s in SEVERITY
    )
    marks = "".join(
        f'<dt><svg viewBox="0 0 44 14" aria-hidden="true">{svg}</svg></dt>'
        f"<dd>{escape(pick(words, lang))}</dd>"
        for svg, words in LEGEND_MARKS
    )
    stretch = pick(("a stretch target, counted apart", "力争目标，另计"), lang)
    return (
        f'<section class="legend"><h2 style="--c:#9aa3ae">{escape(_w("legend", lang))}</h2>'
        f"<dl>{statuses}{marks}<dt>{STRETCH_MARK}</dt><dd>{escape(stretch)}</dd>"
        f"<dt>{escape(NO_OWNER[lang])}</dt><dd>{escape(pick(OWNER_MEANING, lang))}</dd></dl>"
        "</section>"
    )


STATUS_MEANINGS: dict[Status, tuple[str, str]] = {
    Status.MISSED: ("the period is over and the target was not met", "期末未达到目标"),
    Status.OFF_TRACK: ("behind the pace by more than the band, or below the floor",
                       "落后序时超过容差，或低于“确保”底线"),
    Status.AT_RISK: ("behind the pace, within the band (or above the floor)",
                     "落后序时，但在容差（或“确保”底线）之内"),
    Status.PENDING: ("cannot be judged before the period's end", "期末方可评估"),
    Status.ON_TRACK: ("at or ahead of the pace", "达到或快于序时进度"),
    Status.ACHIEVED: ("the target is met", "已达到目标"),
    Status.NO_DATA: ("no figure recorded yet", "尚无数据"),
}  # fmt: skip
OWNER_MEANING = (
    "the plan names no lead department; none is guessed",
    "计划未列明牵头单位，不作推断",
)


def _options(values: Sequence[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{escape(everything)}</option>' + "".join(
        f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in values
    )


def to_html(report: StatusReport, histories: dict[str, list[Observation]], lang: Lang) -> str:
    """The whole page; ``histories`` holds each target's counted figures by date."""
    s = report.summary
    zh = lang is Lang.ZH
    counts = {st: s.counts[st] + s.stretch.counts[st] + s.tasks.counts[st] for st in Status}
    badges = "".join(_badge(st, lang, counts[st]) for st in SEVERITY if counts[st])
    score = mean_score_text(s.score)
    headings = {a.target.section: section_name(a.target, lang) for a in report.assessments}
    sections = "".join(
        f"<tr><td>{escape(headings.get(name, name))}</td>"
        f"<td>{'—' if value is None else number(value)}</td></tr>"
        for name, value in s.sections.items()
    )
    rows = report_rows(report, lang)
    period = report.plan.period
    groups = []
    for status in SEVERITY:
        members = [r for r in rows if r.status is status]
        if not members or status is Status.NO_DATA:
            continue
        cards = "\n".join(_card(r, histories, period, lang) for r in members)
        heading = (
            f"{status_label(status, lang)}（{len(members)}）"
            if zh
            else (f"{status_label(status, lang)} ({len(members)})")
        )
        groups.append(
            f'<section class="group" data-group="{status}">'
            f'<h2 style="--c:#{STATUS_COLOURS[status]}">{escape(heading)}</h2>'
            f'<div class="cards">{cards}</div></section>'
        )
    no_data = _no_data([r for r in rows if r.status is Status.NO_DATA], lang)
    statuses = [(str(st), status_label(st, lang)) for st in SEVERITY]
    heading = escape(title(report, lang))
    everything = _w("all", lang)
    section_options = _options(list(headings.items()), everything)
    status_options = _options(statuses, everything)
    plan_heading = escape(plan_title(report.plan, lang))
    return f"""<!doctype html>
<html lang="{"zh-CN" if zh else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{heading}</title>
<script>{HEAD_SCRIPT}</script>
<style>{STYLE}</style>
</head>
<body>
<header><h1>{heading}</h1>
<p class="muted">{plan_heading} · {period.start} – {period.end}</p></header>
<section class="summary">
<div class="badges">{badges}</div>
<p>{escape(_w("score", lang))} <strong>{score}</strong> {escape(_w("apart", lang))}</p>
<table class="sections">{sections}</table>
</section>
{_legend(lang)}
<section class="filters">
<label>{escape(_w("section", lang))} <select id="f-section">{section_options}</select></label>
<label>{escape(_w("status", lang))} <select id="f-status">{status_options}</select></label>
</section>
<main>
{"".join(groups)}
{no_data}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""
