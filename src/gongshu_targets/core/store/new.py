"""A blank plan of one's own: `targets new`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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
from gongshu_targets.errors import Message, OptionError, Said, in_turn

if TYPE_CHECKING:
    from collections.abc import Mapping


def plan_header(
    *, plan_id: str, title: str, region: str, start: date, end: date, source: str,
    title_en: str | None = None, region_en: str | None = None,
    given: Mapping[str, Message] | None = None,
) -> dict[str, object]:  # fmt: skip
    """A plan's header fields, checked as the plan model checks them (a usage error if
    not); the English forms (title_en, region_en) only where given. A problem with a field
    whose value the user typed as an option or argument (``given``: the field's key to its
    name, --region) names that, never a field of a file the user has not seen yet."""
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
        raise OptionError(in_turn(_header_problems(exc, given or {}))) from None
    return header


def _header_problems(exc: ValidationError, given: Mapping[str, Message]) -> list[Message]:
    """The header's problems, each naming its field, or what the user typed it as: one
    problem per option, its own field's first (a title made of --region repeats the
    problem of --region, with a value the user did not type)."""
    problems: list[Message] = []
    named: dict[Message, Message] = {}
    for error in exc.errors(include_url=False):
        loc, why = tuple(error["loc"]), field_problem(error)
        option = given.get(str(loc[0])) if loc else None
        if option is None:
            problems.append(at_field(loc, why))
        elif option not in named or option == f"--{str(loc[0]).replace('_', '-')}":
            named[option] = Said("bad value", option=option, why=why)
    return [*named.values(), *problems]


def new_plan(
    destination: Path, *, plan_id: str, title: str, region: str, start: date, end: date,
    report: Path, title_en: str | None = None, region_en: str | None = None,
    given: Mapping[str, Message] | None = None,
) -> list[Path]:  # fmt: skip
    """Write targets.yaml with no targets yet, its schema, an empty progress.csv and the
    report text under reports/. Writes nothing if any of them exists already. ``given``
    names the options the header's fields came from, as `plan_header` says."""
    report_text = read_report(report)
    source = f"reports/{report.name}"
    header = plan_header(
        plan_id=plan_id, title=title, region=region, start=start, end=end, source=source,
        title_en=title_en, region_en=region_en, given=given,
    )  # fmt: skip
    files = {
        PLAN_FILENAME: plan_yaml(header, []).encode("utf-8"),
        SCHEMA_FILENAME: (bundled_dir() / SCHEMA_FILENAME).read_bytes(),
        PROGRESS_FILENAME: empty_progress().encode("utf-8"),
        source: report_text.encode("utf-8"),
    }
    refuse_existing([destination / name for name in files])
    return [write_new(destination / name, data) for name, data in files.items()]
