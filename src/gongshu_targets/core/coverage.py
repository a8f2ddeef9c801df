"""Report text -> every commitment the reader finds, matched to the plan's targets.

This is how the promise "every quantified commitment of the report is in targets.yaml"
is checked rather than trusted: ``extract`` (the same reader ``targets draft`` uses) finds
each commitment and sets results and names aside; every commitment must fall inside the
quote of a target that carries the same number and unit, and every target's quote must be
in the report with the comparison its wording fixes and its stretch (力争) as the report
words it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from gongshu_targets.core.extract import (
    Commitment,
    Quantity,
    SetAside,
    comparator_of,
    extract,
    implied_comparator,
    prepare,
)
from gongshu_targets.core.models import RELATIVE, Plan, Target
from gongshu_targets.errors import Said

__all__ = ["CoverageReport", "Phrase", "check_coverage", "implied_comparator", "prepare"]

Phrase = Commitment | SetAside


@dataclass
class CoverageReport:
    covered: list[tuple[Commitment, str]] = field(default_factory=list)  # (phrase, target id)
    uncovered: list[Commitment] = field(default_factory=list)
    later: list[Commitment] = field(default_factory=list)  # for a later year, not in the plan
    results: list[SetAside] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    restated: list[SetAside] = field(default_factory=list)  # a commitment said again
    missing_quotes: list[str] = field(default_factory=list)  # target ids
    mismatched: list[tuple[str, Said]] = field(default_factory=list)  # (target id, why)

    @property
    def ok(self) -> bool:
        return not (self.uncovered or self.missing_quotes or self.mismatched)


_GRAM = 4


def quote_spans(text: str, quotes: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each quote occurs in the text, found in one pass over it: the text's positions
    are indexed by the first characters of the quotes, then each candidate is checked. A
    search per quote would scan the whole text once per target. Only the positions holding
    a quote's first character are looked at (found by the regex engine, not a Python loop
    over every character)."""
    at: dict[str, list[int]] = {}
    for size in sorted({min(_GRAM, len(quote)) for quote in quotes if quote}):
        firsts = {quote[:size] for quote in quotes if min(_GRAM, len(quote)) == size}
        heads = re.compile(f"[{re.escape(''.join({gram[0] for gram in firsts}))}]")
        for match in heads.finditer(text):
            i = match.start()
            gram = text[i : i + size]
            if gram in firsts:
                at.setdefault(gram, []).append(i)
    return {
        quote: [(i, i + len(quote)) for i in at.get(quote[:_GRAM], ()) if text.startswith(quote, i)]
        for quote in quotes
    }


def carries(target: Target, q: Quantity) -> bool:
    """Whether a quantity of the report is the number this target tracks: its target, a
    range's both ends, or its floor (确保)."""
    if q.number is None:
        return target.comparator in RELATIVE and q.unit == target.comparator
    if q.unit != target.unit:
        return False
    if q.upper is not None or target.upper is not None:
        return (q.number, q.upper) == (target.target, target.upper)
    return q.number in (target.target, target.floor)


def _is_target(target: Target, q: Quantity) -> bool:
    """Whether a quantity states the target itself (not only its floor)."""
    return carries(target, q) and (q.number is None or q.number == target.target)


def _inside(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(s <= q.start and q.end <= e for s, e in spans)


def _key(q: Quantity | Target) -> tuple[float | None, str, float | None]:
    if isinstance(q, Target):
        return (q.target, str(q.comparator) if q.comparator in RELATIVE else q.unit, q.upper)
    return (q.number, q.unit, q.upper)


def check_coverage(plan: Plan, report_text: str) -> CoverageReport:
    """Match every commitment in the report to a target through its quote and number.

    Quantities are looked up by position (bisection) and targets by number and unit, so the
    time grows with the text and the plan, not with their product."""
    found = extract(report_text)
    text = found.text
    result = CoverageReport(
        results=found.results,
        ignored=[(s.text, s.why) for s in found.ignored],
        restated=found.restated,
    )
    quantities = sorted(
        (
            *(c.quantity for c in (*found.commitments, *found.later)),
            *(s.quantity for s in (*found.results, *found.ignored, *found.restated)),
        ),
        key=lambda q: q.start,
    )
    starts = [q.start for q in quantities]
    worded_stretch = {c.quantity.start: c.stretch for c in (*found.commitments, *found.later)}
    # the comparison the reader read, with its list's words (分别增长7%、8%左右: 7% is about)
    worded = {c.quantity.start: c.comparator for c in (*found.commitments, *found.later)}
    where = quote_spans(text, [t.quote for t in plan.targets])
    spans = {t.id: where[t.quote] for t in plan.targets}
    by_number: dict[tuple[float | None, str, float | None], list[Target]] = {}
    for target in plan.targets:
        by_number.setdefault(_key(target), []).append(target)
        if target.floor is not None:
            by_number.setdefault((target.floor, target.unit, None), []).append(target)
        if not spans[target.id]:
            result.missing_quotes.append(target.id)
            continue
        if target.is_task:  # no number to carry: its quote being in the report is enough
            continue
        inside = [
            q
            for s, e in spans[target.id]
            for q in quantities[bisect_left(starts, s) : bisect_left(starts, e)]
            if q.end <= e
        ]
        carried = next((q for q in inside if _is_target(target, q)), None)
        if carried is None:
            said = Said("quote says", comparator=str(target.comparator), target=target.target,
                        unit=target.unit, said=[q.text for q in inside])  # fmt: skip
            result.mismatched.append((target.id, said))
            continue
        implied = worded.get(carried.start) or comparator_of(carried.phrase, carried)
        if target.comparator is not implied:
            why = Said("quote words", comparator=str(target.comparator), implied=str(implied))
            result.mismatched.append((target.id, why))
        stretch = worded_stretch.get(carried.start)
        if stretch is not None and stretch is not target.stretch:
            result.mismatched.append((target.id, Said("stretch differs", stretch=target.stretch)))
    for commitment in (*found.commitments, *found.later):
        q = commitment.quantity
        match = next(
            (t.id for t in by_number.get(_key(q), ()) if carries(t, q) and _inside(q, spans[t.id])),
            None,
        )
        if match is not None:
            result.covered.append((commitment, match))
        elif commitment.year is not None:
            result.later.append(commitment)
        else:
            result.uncovered.append(commitment)
    return result
