"""Report text -> every commitment the reader finds, matched to the plan's targets.

This is how the promise "every quantified commitment of the report is in targets.yaml"
is checked rather than trusted: ``extract`` (the same reader ``targets draft`` uses) finds
each commitment and sets results and names aside; every commitment must fall inside the
quote of a target that carries the same number and unit, and every target's quote must be
in the report with the comparison its wording fixes.
"""

from __future__ import annotations

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

__all__ = ["CoverageReport", "Phrase", "check_coverage", "implied_comparator", "prepare"]

Phrase = Commitment | SetAside


@dataclass
class CoverageReport:
    covered: list[tuple[Commitment, str]] = field(default_factory=list)  # (phrase, target id)
    uncovered: list[Commitment] = field(default_factory=list)
    later: list[Commitment] = field(default_factory=list)  # for a later year, not in the plan
    results: list[SetAside] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    missing_quotes: list[str] = field(default_factory=list)  # target ids
    mismatched: list[tuple[str, str]] = field(default_factory=list)  # (target id, why)

    @property
    def ok(self) -> bool:
        return not (self.uncovered or self.missing_quotes or self.mismatched)


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


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


def check_coverage(plan: Plan, report_text: str) -> CoverageReport:
    """Match every commitment in the report to a target through its quote and number."""
    found = extract(report_text)
    text = found.text
    result = CoverageReport(results=found.results, ignored=[(s.text, s.why) for s in found.ignored])
    quantities = [
        *(c.quantity for c in (*found.commitments, *found.later)),
        *(s.quantity for s in (*found.results, *found.ignored)),
    ]
    spans = {t.id: _spans(text, t.quote) for t in plan.targets}
    for target in plan.targets:
        if not spans[target.id]:
            result.missing_quotes.append(target.id)
            continue
        if target.is_task:  # no number to carry: its quote being in the report is enough
            continue
        inside = [q for q in quantities if _inside(q, spans[target.id])]
        carried = next((q for q in inside if _is_target(target, q)), None)
        if carried is None:
            said = ", ".join(q.text for q in inside) or "no quantity"
            wanted = (
                target.comparator if target.target is None else f"{target.target:g} {target.unit}"
            )
            result.mismatched.append((target.id, f"target {wanted}, but its quote says {said}"))
            continue
        implied = comparator_of(carried.phrase, carried)
        if target.comparator is not implied:
            result.mismatched.append(
                (target.id, f"comparator {target.comparator}, but its quote words {implied}")
            )
    for commitment in (*found.commitments, *found.later):
        match = next(
            (
                t.id
                for t in plan.targets
                if carries(t, commitment.quantity) and _inside(commitment.quantity, spans[t.id])
            ),
            None,
        )
        if match is not None:
            result.covered.append((commitment, match))
        elif commitment.year is not None:
            result.later.append(commitment)
        else:
            result.uncovered.append(commitment)
    return result
