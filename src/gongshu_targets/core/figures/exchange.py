"""Rows for the sheets a user fills (template) and takes away (export)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from gongshu_targets.core.figures.rows import COLUMNS, TEMPLATE_INFO
from gongshu_targets.core.models import (
    Observation,
    Plan,
)
from gongshu_targets.core.scoring import resolve_revisions
from gongshu_targets.core.store import RETRACTED
from gongshu_targets.core.units import in_recording_unit

# What the 牵头单位 column says where the plan names no owner: left so on purpose.
UNNAMED_OWNER = {True: "（未列明）", False: "(not named)"}


def template_rows(
    plan: Plan, observations: Iterable[Observation], as_of: date, lang: str
) -> tuple[list[str], list[list[Any]]]:
    """A sheet to fill for one date: every target, its latest value, an empty value and an
    empty 完成进度 (the one figure a task takes)."""
    order = ("id", "name", "owner", "unit", "target", "latest", "as_of", "value", "share",
             "note", "source")  # fmt: skip
    titles = {**COLUMNS, **TEMPLATE_INFO}
    header = [titles[c][1] if lang == "zh" else titles[c][0] for c in order]
    latest: dict[str, Observation] = {}
    for obs in resolve_revisions(observations):
        if obs.as_of <= as_of and not obs.share:
            latest[obs.id] = obs
    rows = []
    for t in plan.targets:
        figure = latest.get(t.id)
        rows.append(
            [
                t.id,
                t.name if lang == "zh" else t.name_en,
                plan.owner(t) or UNNAMED_OWNER[lang == "zh"],
                t.recording_unit or None,
                None if t.target is None else in_recording_unit(t.target, t.unit),
                None if figure is None else figure.value,
                as_of,
                None,
                None,
                None,
                None,
            ]
        )
    return header, rows


EXPORT_COLUMNS = ("id", "as_of", "value", "unit", "source", "note", "recorded_at", "progress")


def export_rows(plan: Plan, observations: Iterable[Observation]) -> list[list[Any]]:
    """Every recorded figure, revisions included, in progress.csv's order and units; a
    完成进度 in the last column (progress, in %), with no value and no unit beside it. A
    retraction carries ``retracted`` where its figure would be."""
    units = {t.id: t.recording_unit for t in plan.targets}
    ordered = sorted(observations, key=lambda o: (o.id, o.as_of, o.recorded_at, o.share))
    return [
        [o.id, o.as_of, None, "", o.source, o.note, o.recorded_at, _figure(o)]
        if o.share
        else [
            o.id,
            o.as_of,
            _figure(o),
            units.get(o.id, ""),
            o.source,
            o.note,
            o.recorded_at,
            None,
        ]  # fmt: skip
        for o in ordered
    ]


def _figure(obs: Observation) -> float | str:
    """A figure's cell: its number, or ``retracted`` on the row that takes one back."""
    return RETRACTED if obs.retracted else obs.value
