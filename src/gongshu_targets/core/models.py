"""The plan, its targets, observations and assessments: pydantic models, no I/O."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from functools import cached_property
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SkipValidation,
    model_validator,
)

from gongshu_targets.core.steps import AnyStep
from gongshu_targets.core.units import MAGNITUDES, NO_UNIT, PERCENT, UnitProblem, unit_scale
from gongshu_targets.enums import Comparator, Pace, SortKey, Status
from gongshu_targets.errors import Said, UnknownTargetError, control_problem, quoted

KEBAB_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# Comparators that carry no number of their own.
RELATIVE = frozenset({Comparator.POSITIVE, Comparator.IN_STEP})
# Comparators whose figures rise toward the target: the ones a floor (确保) can go with.
RISING = frozenset({Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.ABOUT, Comparator.RANGE})

# No figure of a work report comes near 10^15 (a quadrillion yuan); a larger one is a
# mistake or an attack on the arithmetic (1e308 * 100 is inf).
LARGEST = 1e15


def _unsigned_zero(value: float) -> float:
    return value + 0.0  # -0.0 is 0.0: never shown as -0


# A number given as text is read only in its plain form ('030', '1.5e3', which YAML 1.1
# leaves as text): "1_000", " 100", "0x10" are refused, as they are unquoted. -0 is 0.
_NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _plain_if_text(value: object) -> object:
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value):
        raise ValueError(Said("not a plain number", value=quoted(value)))
    return value


Plain = BeforeValidator(_plain_if_text)
Unsigned0 = AfterValidator(_unsigned_zero)
Finite = Annotated[float, Field(ge=-LARGEST, le=LARGEST, allow_inf_nan=False), Plain, Unsigned0]
NonNegative = Annotated[float, Field(ge=0, le=LARGEST, allow_inf_nan=False), Plain, Unsigned0]


def _one_line(text: str) -> str:
    problem = control_problem(text, multiline=False)
    if problem:
        raise ValueError(problem)
    return text


def _lines(text: str) -> str:
    problem = control_problem(text, multiline=True)
    if problem:
        raise ValueError(problem)
    return text


# Plan and figure text: names and labels hold no control character at all; a quote or a
# note may also hold tabs and line feeds (what a YAML block or an Excel Alt+Enter makes).
Line = Annotated[str, AfterValidator(_one_line)]
Lines = Annotated[str, AfterValidator(_lines)]
# The same, not empty: the length is a string's (pydantic then says "at least 1 character",
# not "1 item after validation").
FilledLine = Annotated[str, Field(min_length=1), AfterValidator(_one_line)]
FilledLines = Annotated[str, Field(min_length=1), AfterValidator(_lines)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(Model):
    """Plan-level scoring defaults (a target may override the first three), and how far an
    incoming figure may stray from its target's scale before it is refused."""

    cumulative_at_risk: NonNegative = Field(
        10.0, description="Points behind pace that are still at_risk (cumulative, level)."
    )
    rate_at_risk: NonNegative = Field(
        1.0, description="Points below the threshold that are still at_risk (rate)."
    )
    tolerance: NonNegative = Field(
        0.5,
        description="Default tolerance of about / in_step targets in % points (an about "
        "target in another unit sets its own, in that unit).",
    )
    plausible_times: Annotated[float, Field(gt=1, le=LARGEST, allow_inf_nan=False), Plain] = Field(
        10.0,
        description="A count or amount more than this many times its target (or baseline) "
        "is refused as implausible unless accepted explicitly.",
    )
    plausible_fraction: Annotated[float, Field(gt=0, lt=1, allow_inf_nan=False), Plain] = Field(
        0.002,
        description="A count or amount above 0 but under this share of its target (or "
        "baseline) is refused as implausible unless accepted explicitly.",
    )
    plausible_rate_min: Finite = Field(
        -100.0, description="A rate (%) below this is refused as implausible."
    )
    plausible_rate_max: Finite = Field(
        1000.0, description="A rate (%) above this is refused as implausible."
    )

    @model_validator(mode="after")
    def _plausible_bands(self) -> Thresholds:
        if self.plausible_times / self.plausible_fraction >= MAGNITUDES["万"]:
            raise ValueError(Said("plausible band too wide"))
        if self.plausible_rate_min >= self.plausible_rate_max:
            raise ValueError(Said("plausible rates reversed"))
        return self


class Period(Model):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end <= self.start:
            raise ValueError(Said("period reversed"))
        return self


class Baseline(Model):
    value: Finite
    as_of: date


class Milestone(Model):
    """A planned cumulative value, or share of the target in percent, by a date."""

    as_of: date
    value: Finite | None = None
    share: Annotated[float, Field(ge=0, le=100), Plain, Unsigned0] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Milestone:
        if (self.value is None) == (self.share is None):
            raise ValueError(Said("milestone value or share"))
        return self


class Item(Model):
    """A row of the district's table (its 序号): a title, the work as worded, an owner, and
    the targets that measure it (each names the item by its number)."""

    number: Annotated[int, Field(ge=1, description="序号, as the district numbers the row."), Plain]
    title: Annotated[Line, Field(min_length=1, description="项目名称")]
    work: Lines | None = Field(None, description="主要工作内容, as the table words it.")
    owner: Line | None = Field(None, description="牵头单位; a target may name its own.")


SHARE_ON_RATE = Said("share on a rate")


class Target(Model):
    id: Annotated[str, Field(pattern=KEBAB_ID, max_length=80)]
    section: FilledLine
    section_en: FilledLine | None = Field(
        None,
        description="The section's heading in English, for --lang en: the same on every "
        "target of the section, or on none.",
    )
    name: FilledLine
    name_en: FilledLine | None = Field(
        None,
        description="The name in English, for --lang en; without it English outputs show the name.",
    )
    quote: FilledLines
    target: Finite | None = None
    upper: Finite | None = Field(
        None, description="The top of a range (5%—5.5%: target 5, upper 5.5)."
    )
    floor: Finite | None = Field(
        None, description="确保: the least that is promised, below the target."
    )
    unit: Line = Field(NO_UNIT, description="The report's unit; a task has none.")
    comparator: Comparator
    pace: Pace | None = Field(None, description="How the figure is paced; a task has none.")
    tracks: Line | None = Field(None, description="The target an in_step target follows.")
    tolerance: NonNegative | None = None
    at_risk_points: NonNegative | None = None
    baseline: Baseline | None = None
    milestones: tuple[Milestone, ...] = ()
    item: Annotated[int, Plain] | None = Field(
        None, description="The 序号 of the item this target measures."
    )
    owner: Line | None = None
    stretch: bool = False
    notes: Lines | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.comparator is Comparator.TASK:
            return self._task()
        if self.unit == NO_UNIT or self.pace is None:
            raise ValueError(Said("needs unit and pace", comparator=str(self.comparator)))
        try:
            unit_scale(self.unit)
        except UnitProblem as exc:
            raise ValueError(Said("unknown unit, use", why=exc.args[0])) from None
        relative = self.comparator in RELATIVE
        if relative and self.target is not None:
            raise ValueError(Said("has no target number", comparator=str(self.comparator)))
        if not relative and self.target is None:
            raise ValueError(Said("needs a target number", comparator=str(self.comparator)))
        if relative and self.pace is not Pace.RATE:
            raise ValueError(Said("judged as a rate", comparator=str(self.comparator)))
        if (self.comparator is Comparator.IN_STEP) != (self.tracks is not None):
            raise ValueError(Said("tracks only in step"))
        if self.pace is Pace.RATE and self.unit != PERCENT:
            raise ValueError(Said("rate unit is percent"))
        if self.pace is Pace.CUMULATIVE and self.unit == PERCENT:
            raise ValueError(Said("cumulative unit not percent"))
        self._floor_and_range()
        if self.tolerance is not None and self.comparator not in (
            Comparator.ABOUT,
            Comparator.IN_STEP,
        ):
            raise ValueError(Said("tolerance only about"))
        if self.comparator is Comparator.ABOUT and self.unit != PERCENT and self.tolerance is None:
            raise ValueError(Said("about needs tolerance"))
        if self.baseline is not None and self.pace is not Pace.LEVEL:
            raise ValueError(Said("baseline only level"))
        if self.baseline is not None and self.target is not None:
            falling = self.comparator is Comparator.AT_MOST
            if (
                (self.baseline.value <= self.target)
                if falling
                else (self.baseline.value >= self.target)
            ):
                side = "baseline above target" if falling else "baseline below target"
                raise ValueError(Said(side))
        if (
            self.target == 0
            and self.baseline is None
            and any(m.value is not None for m in self.milestones)
        ):
            raise ValueError(Said("milestones of a zero target"))
        if self.milestones and self.pace is Pace.RATE:
            raise ValueError(Said("milestones of a rate"))
        if self.target is not None and self.unit != PERCENT and self.target < 0:
            raise ValueError(Said("negative count"))
        days = Counter(m.as_of for m in self.milestones)
        twice = sorted(str(day) for day, n in days.items() if n > 1)
        if twice:
            raise ValueError(Said("milestones on one date", dates=tuple(twice)))
        return self

    def _task(self) -> Target:
        """A commitment with no number: tracked by its 完成进度 (completion share) alone."""
        numbered = [
            name
            for name in ("target", "upper", "floor", "tracks", "tolerance", "baseline")
            if getattr(self, name) is not None
        ]
        if self.unit != NO_UNIT:
            numbered.insert(0, "unit")
        if self.pace is not None:
            numbered.insert(0, "pace")
        if self.milestones:
            numbered.append("milestones")
        if numbered:
            fields = tuple(Said("field name", name=name) for name in numbered)
            raise ValueError(Said("task has no number", fields=fields))
        return self

    def _floor_and_range(self) -> None:
        if (self.comparator is Comparator.RANGE) != (self.upper is not None):
            raise ValueError(Said("upper only range"))
        if self.upper is not None and self.target is not None and self.upper <= self.target:
            raise ValueError(Said("upper below target"))
        if self.floor is None:
            return
        if self.comparator not in RISING:
            raise ValueError(Said("floor comparators"))
        if self.pace is Pace.LEVEL and self.baseline is None:
            raise ValueError(Said("floor needs a pace"))
        if self.target is not None and self.floor >= self.target:
            raise ValueError(Said("floor above target"))

    @property
    def is_task(self) -> bool:
        return self.comparator is Comparator.TASK

    @property
    def is_cap(self) -> bool:
        """A yearly amount kept under a ceiling (a cumulative ``at_most``, with no baseline
        to come down from): its completion is the share of the cap used, not of a task done."""
        return (
            self.comparator is Comparator.AT_MOST
            and self.baseline is None
            and self.pace is Pace.CUMULATIVE
        )

    @property
    def takes_share(self) -> bool:
        """Whether a 完成进度 (share of the task done) can be recorded: not for a growth
        rate, which has no task to be a share of (50% is neither its rate nor its pace)."""
        return self.pace is not Pace.RATE

    @property
    def scale(self) -> float:
        return unit_scale(self.unit)[0]

    @property
    def headings(self) -> tuple[str, ...]:
        """Its section's heading in each language the plan gives (section, section_en)."""
        return (self.section,) if self.section_en is None else (self.section, self.section_en)

    def in_section(self, text: str) -> bool:
        """Whether ``text`` is part of its section's heading, in either language, any case:
        what every option choosing a section (``--section``) matches."""
        wanted = text.casefold()
        return any(wanted in heading.casefold() for heading in self.headings)

    @property
    def recording_unit(self) -> str:
        return unit_scale(self.unit)[1]


class Plan(Model):
    id: Annotated[str, Field(pattern=KEBAB_ID)]
    title: Line
    title_en: FilledLine | None = Field(None, description="The title in English, for --lang en.")
    region: Line
    region_en: FilledLine | None = Field(None, description="The region in English, for --lang en.")
    period: Period
    source: Line = Field(description="The report text, relative to the plan file.")
    thresholds: Thresholds = Thresholds()
    items: tuple[Item, ...] = Field(
        (), description="The district's numbered rows (序号), each measured by its targets."
    )
    targets: tuple[Target, ...]

    @model_validator(mode="after")
    def _items_numbered_once(self) -> Plan:
        counts = Counter(item.number for item in self.items)
        twice = sorted(n for n, count in counts.items() if count > 1)
        if twice:
            raise ValueError(Said("items numbered twice", numbers=tuple(twice)))
        return self

    @model_validator(mode="after")
    def _one_english_heading_per_section(self) -> Plan:
        given: dict[str, set[str | None]] = {}
        for t in self.targets:
            given.setdefault(t.section, set()).add(t.section_en)
        for section, names in given.items():
            if len(names) > 1:
                found = tuple(
                    Said("not given") if n is None else quoted(n) for n in sorted(names, key=str)
                )
                raise ValueError(Said("one section_en", section=quoted(section), found=found))
        return self

    def item(self, number: int | None) -> Item | None:
        return None if number is None else self._items.get(number)

    def owner(self, target: Target) -> str | None:
        """牵头单位: the target's own, else its item's; None when the plan names none."""
        if target.owner:
            return target.owner
        item = self.item(target.item)
        return item.owner if item is not None and item.owner else None

    def target(self, target_id: str) -> Target | None:
        return self._by_id.get(target_id)

    def require_target(self, target_id: str) -> Target:
        """The target with this id, or UnknownTargetError suggesting the closest ids."""
        target = self._by_id.get(target_id)
        if target is None:
            raise UnknownTargetError(target_id, self.names_by_id)
        return target

    @property
    def names_by_id(self) -> dict[str, tuple[str, ...]]:
        """Each id with the target's names, for suggesting the id a mistyped one meant."""
        return {t.id: (t.name,) if t.name_en is None else (t.name, t.name_en) for t in self.targets}

    @cached_property
    def _items(self) -> dict[int, Item]:
        items: dict[int, Item] = {}
        for item in self.items:
            items.setdefault(item.number, item)
        return items

    @cached_property
    def _by_id(self) -> dict[str, Target]:
        by_id: dict[str, Target] = {}
        for target in self.targets:
            by_id.setdefault(target.id, target)
        return by_id


def cross_check(plan: Plan) -> list[tuple[int, str, Said]]:
    """Problems that need the whole plan: (target index, field, message)."""
    problems: list[tuple[int, str, Said]] = []
    seen: dict[str, int] = {}
    numbers = {item.number for item in plan.items}
    for index, target in enumerate(plan.targets):
        if target.id in seen:
            problems.append((index, "id", Said("duplicate id", first=seen[target.id] + 1)))
        seen.setdefault(target.id, index)
        if target.item is not None and target.item not in numbers:
            problems.append((index, "item", Said("no such item", number=target.item)))
        if target.tracks is not None:
            tracked = plan.target(target.tracks)
            if tracked is None:
                problems.append((index, "tracks", Said("tracks unknown", id=quoted(target.tracks))))
            elif tracked.id == target.id or tracked.pace is not Pace.RATE:
                problems.append((index, "tracks", Said("tracks a rate")))
        for milestone in target.milestones:
            if not plan.period.start <= milestone.as_of <= plan.period.end:
                problems.append(
                    (index, "milestones", Said("milestone outside", day=str(milestone.as_of)))
                )
        if target.baseline is not None and target.baseline.as_of >= plan.period.end:
            problems.append((index, "baseline", Said("baseline after period")))
    return problems


# When a figure can have been recorded. Outside these years a timestamp is a mistake, and
# near the ends of Python's calendar (year 1 or 9999) converting it to UTC or stamping a
# revision a second later overflows.
RECORDED_YEARS = (1900, 9000)


def recorded_in_range(stamp: datetime) -> bool:
    return RECORDED_YEARS[0] <= stamp.year <= RECORDED_YEARS[1]


class Observation(Model):
    """One recorded figure, as progress.csv holds it: counts written with 万 in the report
    are plain counts here (20000 for a 万名 target). A ``share`` is a completion share
    (完成进度) instead: the share of the year's task done, in percent, whatever the
    target's unit. A ``retracted`` row withdraws the figure of its slot recorded before
    it; its value is 0 and means nothing."""

    id: str
    as_of: date
    value: Finite
    source: Line = ""
    note: Lines = ""
    recorded_at: datetime
    share: bool = False
    retracted: bool = False

    @property
    def slot(self) -> tuple[str, date, bool]:
        """What a revision replaces: a value and a share of one date are two figures."""
        return (self.id, self.as_of, self.share)

    @classmethod
    def lean(
        cls,
        *,
        id: str,
        as_of: date,
        value: float,
        source: str,
        note: str,
        recorded_at: datetime,
        share: bool = False,
        retracted: bool = False,
    ) -> Observation:
        """An observation validated like any other, sharing one set of field names with
        every other lean one (pydantic keeps a set per instance): at 200,000 figures that is
        two thirds of their memory. Every field is given, so the shared set is exact."""
        fields = {"id": id, "as_of": as_of, "value": value, "source": source, "note": note,
                  "recorded_at": recorded_at, "share": share,
                  "retracted": retracted}  # fmt: skip
        obs: Observation = cls.__pydantic_validator__.validate_python(fields)
        object.__setattr__(obs, "__pydantic_fields_set__", _ALL_OBSERVATION_FIELDS)
        return obs


# Never mutated: the models are frozen, and model_copy copies the set it changes.
_ALL_OBSERVATION_FIELDS = set(Observation.model_fields)


class Assessment(Model):
    """How one target stands at the date of its latest usable observation."""

    target: Target
    status: Status
    value: float | None = None
    value_as_of: date | None = None
    pace_share: float | None = Field(None, description="序时进度 in percent")
    completion: float | None = Field(None, description="Share of the target done, in percent")
    expected: float | None = Field(None, description="Where the value should be by now")
    gap: float | None = Field(None, description="Ahead (+) or behind (-), in % points")
    reference: float | None = Field(
        None,
        description="What a rate is set against before any tolerance: the target, 0 "
        "(positive) or the tracked figure (in_step)",
    )
    score: float | None = None
    projection: float | None = Field(None, description="Linear year-end projection")
    share: bool = Field(
        False, description="The value is a 完成进度 (share of the task done, in %)."
    )
    # Built by scoring only, from values it typed: not validated again.
    steps: SkipValidation[tuple[AnyStep, ...]] = ()


class Tally(Model):
    score: float | None
    counts: dict[Status, int]


class Summary(Model):
    """Core targets, stretch (力争) targets and tasks (no number, judged by 完成进度) are
    tallied apart; section scores are over the core targets."""

    score: float | None
    counts: dict[Status, int]
    stretch: Tally
    tasks: Tally
    sections: dict[str, float | None]


class StatusReport(Model):
    plan: Plan
    as_of: date | None
    assessments: tuple[Assessment, ...]
    summary: Summary
    sorted_by: SortKey = SortKey.PLAN  # the plan's order keeps its sections together


class TargetDetail(Model):
    """One target's assessment with every recorded figure, revisions included."""

    assessment: Assessment
    history: tuple[Observation, ...]
    counted: tuple[Observation, ...]


def plan_json_schema() -> dict[str, object]:
    """The JSON Schema of targets.yaml, in draft-7 form for editors' YAML language servers."""
    schema = Plan.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **schema,
        "definitions": definitions,
    }
