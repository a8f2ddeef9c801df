"""The quarterly report as one self-contained HTML page: plain HTML, CSS and inline SVG.

No library, no font, no image and no request: a strict Content-Security-Policy forbids
loading anything, so the file works offline and from an e-mail attachment. A few lines
of inline script filter the targets by section and status, and record on <body> what a
test in a real browser checks (charts drawn, resources loaded, policy violations).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from gongshu_targets.core.models import Assessment, Observation, Period, StatusReport
from gongshu_targets.core.units import in_target_unit
from gongshu_targets.enums import Lang, Pace, Status
from gongshu_targets.outputs.report.table import STATUS_COLOURS, title
from gongshu_targets.outputs.wording import (
    judgement,
    latest_text,
    number,
    quantity,
    status_label,
    target_name,
    target_words,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
BAR_W, BAR_H = 300, 26
TREND_W, TREND_H = 300, 70

STYLE = """
:root{--fg:#1d2430;--muted:#5b6472;--line:#e3e6ea;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",
"Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header,main,.summary,.filters{max-width:1200px;margin:0 auto;padding:12px 16px}
h1{font-size:1.35rem;margin:.4rem 0}
.muted{color:var(--muted);font-size:.85rem}
.badges{display:flex;flex-wrap:wrap;gap:8px}
.badge{color:#fff;border-radius:12px;padding:2px 10px;font-size:.85rem;white-space:nowrap}
table.sections{border-collapse:collapse;margin-top:8px;font-size:.9rem}
table.sections td{padding:2px 10px 2px 0;border-bottom:1px solid var(--line)}
.filters label{margin-right:16px}
select{font:inherit;padding:4px;max-width:100%}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
article h3{font-size:1rem;margin:0 0 4px}
article .quote{font-size:.85rem;color:var(--muted);margin:0 0 8px}
article .numbers{font-size:.85rem;margin:6px 0 0}
svg{display:block;width:100%;height:auto}
@media (max-width:480px){body{font-size:14px}main{grid-template-columns:1fr}}
"""

# Registered first, in <head>, so that no violation can happen before it listens.
HEAD_SCRIPT = (
    "window.violations=0;"
    "document.addEventListener('securitypolicyviolation',()=>{window.violations++;});"
)
SCRIPT = """
function applyFilters(){
  const s=document.getElementById('f-section').value, t=document.getElementById('f-status').value;
  for(const a of document.querySelectorAll('article.target')){
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
  b.ready='1';
});
"""


def _bar(a: Assessment) -> str:
    """Completion against the pace marker (序时进度) and the target (100%); for a rate, the
    figure against its threshold."""
    colour = "#" + STATUS_COLOURS[a.status]
    parts = [f'<rect x="0" y="6" width="{BAR_W}" height="14" rx="3" fill="#eceff3"/>']
    if a.target.pace is Pace.RATE:
        if a.value is not None and a.expected is not None:
            top = max(abs(a.value), abs(a.expected), 1e-9) * 1.25
            fill = max(0.0, min(a.value / top, 1.0)) * BAR_W
            mark = max(0.0, min(a.expected / top, 1.0)) * BAR_W
            parts.append(
                f'<rect x="0" y="6" width="{fill:.1f}" height="14" rx="3" fill="{colour}"/>'
            )
            parts.append(_marker(mark, "#1d2430", "threshold"))
    elif a.completion is not None:
        scale = BAR_W / 1.2  # room to show overshoot up to 120%
        fill = max(0.0, min(a.completion / 100, 1.2)) * scale
        parts.append(f'<rect x="0" y="6" width="{fill:.1f}" height="14" rx="3" fill="{colour}"/>')
        if a.pace_share is not None:
            parts.append(_marker(a.pace_share / 100 * scale, "#1d2430", "pace"))
        parts.append(_marker(scale, "#8a94a3", "target"))
    label = escape(f"{a.target.id} progress")
    return (
        f'<svg class="bar" viewBox="0 0 {BAR_W} {BAR_H}" role="img" aria-label="{label}">'
        + "".join(parts)
        + "</svg>"
    )


def _marker(x: float, colour: str, name: str) -> str:
    return (
        f'<line class="{name}" x1="{x:.1f}" x2="{x:.1f}" y1="2" y2="24" stroke="{colour}" '
        f'stroke-width="2"><title>{name}</title></line>'
    )


def _trend(a: Assessment, history: Sequence[Observation], period: Period, lang: Lang) -> str:
    """The figures over the year; a cumulative target also shows its straight pace line."""
    span = max((period.end - period.start).days, 1)
    values = [in_target_unit(o.value, a.target.unit) for o in history]
    goal = a.target.target if a.target.pace is Pace.CUMULATIVE else None
    top = max([*values, goal or 0, 1e-9])
    bottom = min([*values, 0.0])
    height = top - bottom or 1.0

    def x(day: date) -> float:
        return (day - period.start).days / span * (TREND_W - 8) + 4

    def y(value: float) -> float:
        return TREND_H - 6 - (value - bottom) / height * (TREND_H - 12)

    parts = [f'<line x1="4" x2="{TREND_W - 4}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#d5d9df"/>']
    if goal is not None:
        parts.append(
            f'<line class="pace-line" x1="{x(period.start):.1f}" y1="{y(0):.1f}" '
            f'x2="{x(period.end):.1f}" y2="{y(goal):.1f}" stroke="#8a94a3" stroke-dasharray="4 3"/>'
        )
    points = " ".join(f"{x(o.as_of):.1f},{y(v):.1f}" for o, v in zip(history, values, strict=True))
    if len(history) > 1:
        parts.append(f'<polyline points="{points}" fill="none" stroke="#2d6cdf" stroke-width="2"/>')
    for o, v in zip(history, values, strict=True):
        parts.append(
            f'<circle cx="{x(o.as_of):.1f}" cy="{y(v):.1f}" r="3" fill="#2d6cdf">'
            f"<title>{o.as_of}: {escape(quantity(v, a.target.unit, lang))}</title></circle>"
        )
    return (
        f'<svg class="trend" viewBox="0 0 {TREND_W} {TREND_H}" role="img" '
        f'aria-label="{escape(a.target.id)} trend">' + "".join(parts) + "</svg>"
    )


def _article(a: Assessment, history: Sequence[Observation], period: Period, lang: Lang) -> str:
    t = a.target
    name = target_name(t, lang)
    latest = latest_text(a, lang)
    badge = (
        f'<span class="badge" style="background:#{STATUS_COLOURS[a.status]}">'
        f"{escape(status_label(a.status, lang))}</span>"
    )
    stretch = " ★" if t.stretch else ""
    return f"""<article class="target" data-section="{escape(t.section)}" data-status="{a.status}">
<h3>{escape(name)}{stretch} {badge}</h3>
<p class="quote">{escape(t.quote)} <span class="muted">{escape(t.id)}</span></p>
<div class="chart">{_bar(a)}{_trend(a, history, period, lang)}</div>
<p class="numbers">{escape(" · ".join((target_words(t, lang), latest, judgement(a, lang))))}</p>
</article>"""


def _options(values: Sequence[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{escape(everything)}</option>' + "".join(
        f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in values
    )


def to_html(report: StatusReport, histories: dict[str, list[Observation]], lang: Lang) -> str:
    """The whole page; ``histories`` holds each target's counted figures by date."""
    s = report.summary
    badges = "".join(
        f'<span class="badge" style="background:#{STATUS_COLOURS[status]}">'
        f"{escape(status_label(status, lang))} {count}</span>"
        for status, count in s.counts.items()
        if count
    )
    score = "—" if s.score is None else f"{s.score:.1f}"
    sections = "".join(
        f"<tr><td>{escape(name)}</td><td>{'—' if value is None else number(value)}</td></tr>"
        for name, value in s.sections.items()
    )
    section_names = list(dict.fromkeys(a.target.section for a in report.assessments))
    statuses = [(str(st), status_label(st, lang)) for st in Status]
    zh = lang is Lang.ZH
    articles = "\n".join(
        _article(a, histories.get(a.target.id, []), report.plan.period, lang)
        for a in report.assessments
    )
    heading = escape(title(report, lang))
    everything = "全部" if zh else "all"
    section_options = _options([(n, n) for n in section_names], everything)
    status_options = _options(statuses, everything)
    period = report.plan.period
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
<p class="muted">{escape(report.plan.title)} · {period.start} – {period.end}</p></header>
<section class="summary">
<div class="badges">{badges}</div>
<p>{"总得分" if zh else "Overall score"} <strong>{score}</strong>
{"（力争目标另计）" if zh else "(stretch targets counted apart)"}</p>
<table class="sections">{sections}</table>
</section>
<section class="filters">
<label>{"板块" if zh else "Section"} <select id="f-section">{section_options}</select></label>
<label>{"状态" if zh else "Status"} <select id="f-status">{status_options}</select></label>
</section>
<main>
{articles}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""
