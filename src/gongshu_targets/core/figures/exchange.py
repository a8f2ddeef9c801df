"""Rows for the sheets a user fills (template) and takes away (export)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


def template_rows(
    plan: Plan,
    observations: Iterable[Observation],
    as_of: date,
    lang: str,
    *,
    no_owner: str,
    share_text: Callable[[float], str],
    unit_text: Callable[[str], str] = str,
) -> tuple[list[str], list[list[Any]]]:
    """A sheet to fill for one date: every target, its latest figure, an empty value and an
    empty 完成进度 (the one figure a task takes).

    The latest figure is the one that counts (a value, or a 完成进度 worded by
    ``share_text`` so that it never passes for a value); the 牵头单位 cell of a target whose
    plan names none says ``no_owner``; ``unit_text`` words a unit in the sheet's language.
    The words come from the output layer."""
    order = ("id", "name", "owner", "unit", "target", "latest", "as_of", "value", "share",
             "note", "source")  # fmt: skip
    titles = {**COLUMNS, **TEMPLATE_INFO}
    header = [titles[c][1] if lang == "zh" else titles[c][0] for c in order]
    latest: dict[str, Observation] = {}
    for obs in resolve_revisions(observations):
        if obs.as_of <= as_of:  # on one date the value comes last: it is the last word
            latest[obs.id] = obs
    rows = []
    for t in plan.targets:
        figure = latest.get(t.id)
        rows.append(
            [
                t.id,
                t.name_en if lang == "en" and t.name_en else t.name,
                plan.owner(t) or no_owner,
                unit_text(t.recording_unit) or None,
                None if t.target is None else in_recording_unit(t.target, t.unit),
                _latest_cell(figure, share_text),
                as_of,
                None,
                None,
                None,
                None,
            ]
        )
    return header, rows


def _latest_cell(figure: Observation | None, share_text: Callable[[float], str]) -> Any:
    if figure is None:
        return None
    return share_text(figure.value) if figure.share else figure.value


EXPORT_COLUMNS = ("id", "as_of", "value", "unit", "source", "note", "recorded_at", "progress")


def export_header(lang: str) -> list[str]:
    """The export's column titles in ``lang``: the headers an import reads back."""
    titles = {aliases[0]: aliases for aliases in (*COLUMNS.values(), *TEMPLATE_INFO.values())}
    return [titles[c][1] if lang == "zh" else c for c in EXPORT_COLUMNS]


def export_rows(
    plan: Plan, observations: Iterable[Observation], unit_text: Callable[[str], str] = str
) -> list[list[Any]]:
    """Every recorded figure, revisions included, in progress.csv's order and units (worded
    by ``unit_text``); a 完成进度 in the last column (progress, in %), with no value and no
    unit beside it. A retraction carries ``retracted`` where its figure would be."""
    units = {t.id: unit_text(t.recording_unit) for t in plan.targets}
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
