"""A blank plan of one's own: `targets new`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError

from gongshu_targets.core.models import Plan
from gongshu_targets.core.store.plan import (
    PLAN_FILENAME,
    PROGRESS_FILENAME,
    SCHEMA_FILENAME,
    at_field,
    bundled_dir,
    field_problem,
    plan_yaml,
    read_report,
    refuse_existing,
    write_new,
)
from gongshu_targets.core.store.progress import empty_progress
from gongshu_targets.errors import OptionError, in_turn


def plan_header(
    *, plan_id: str, title: str, region: str, start: date, end: date, source: str,
    title_en: str | None = None, region_en: str | None = None,
) -> dict[str, object]:  # fmt: skip
    """A plan's header fields, checked as the plan model checks them (a usage error if
    not); the English forms (title_en, region_en) only where given."""
    header: dict[str, object] = {
        "id": plan_id,
        "title": title,
        **({} if title_en is None else {"title_en": title_en}),
        "region": region,
        **({} if region_en is None else {"region_en": region_en}),
        "period": {"start": start, "end": end},
        "source": source,
    }
    try:
        Plan.model_validate({**header, "targets": []})
    except ValidationError as exc:
        problems = [
            at_field(tuple(error["loc"]), field_problem(error))
            for error in exc.errors(include_url=False)
        ]
        raise OptionError(in_turn(problems)) from None
    return header


def new_plan(
    destination: Path, *, plan_id: str, title: str, region: str, start: date, end: date,
    report: Path, title_en: str | None = None, region_en: str | None = None,
) -> list[Path]:  # fmt: skip
    """Write targets.yaml with no targets yet, its schema, an empty progress.csv and the
    report text under reports/. Writes nothing if any of them exists already."""
    report_text = read_report(report)
    source = f"reports/{report.name}"
    header = plan_header(
        plan_id=plan_id, title=title, region=region, start=start, end=end, source=source,
        title_en=title_en, region_en=region_en,
    )  # fmt: skip
    files = {
        PLAN_FILENAME: plan_yaml(header, []).encode("utf-8"),
        SCHEMA_FILENAME: (bundled_dir() / SCHEMA_FILENAME).read_bytes(),
        PROGRESS_FILENAME: empty_progress().encode("utf-8"),
        source: report_text.encode("utf-8"),
    }
    refuse_existing([destination / name for name in files])
    return [write_new(destination / name, data) for name, data in files.items()]
