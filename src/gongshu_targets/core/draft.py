"""Report text -> a draft plan: one target per commitment the reader finds, to review.

Each target gets a generated id (t001, t002…), a provisional name (the words before its
number), the report's verbatim clause as its quote, its number, unit, comparator, 力争
(stretch) and 确保 (floor), a guessed pace and its section. Commitments for a later year
(到2030年…) are no targets of this year's plan: they are listed apart, with those the plan
model refused. The draft is data; outputs/draft.py words it as a file in one language (its
comments, each target's note saying it is a draft, an English name to fill in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gongshu_targets.core.extract import OPENING_WORDS, Commitment, Extraction, extract
from gongshu_targets.core.models import RISING, Plan, Target, cross_check
from gongshu_targets.core.store.new import plan_header
from gongshu_targets.core.store.plan import field_problem
from gongshu_targets.core.units import MONEY, PERCENT, POINTS
from gongshu_targets.enums import Comparator, Pace
from gongshu_targets.errors import Message, Said

if TYPE_CHECKING:
    from collections.abc import Mapping

DEFAULT_SECTION = "报告正文"
# An about target in a unit other than % needs a tolerance: 5% of the target is a guess.
ABOUT_TOLERANCE = 0.05
# Why a commitment in step with a growth rate is not drafted: no rate target precedes it.
NO_RATE_YET = Said("no rate yet")

# Trailing comparison words before the number.
_TRAIL = re.compile(
    r"(?:不低于|不少于|不高于|不超过|超过|突破|高于|达到|提升至|提升到|提高至|提高到|增至|"
    r"增加到|上升至|降至|控制在|保持在|稳定在|分别为|为|达|超)$"
)
# What is held rather than added up: a stock (拥有量, 余额, 总量, 规模) or a ratio (率, 比重,
# 密度) that the item names, as the noun its number measures (产业规模达到1000亿元); the same
# word qualifying another noun (新增规模以上工业企业20家) names no stock. A flow (申请量) is
# added up.
_STOCK = re.compile(
    r"(?:拥有量|保有量|存量|余额|总量|规模|总数|常住人口|密度|比重|占比|水平|指数|寿命|年限|率)$"
)
_FLOW = re.compile(r"[申请成交接待发放交易出让]量")
# The verb that governs a count, in its clause or the nearest clause before it that has
# one (安排A9个，B120个): a level reached or a portfolio run through the year (安排, 建设,
# 推进, 抓好 N个项目; 认定总部企业68家, a list kept) is a level; a count to deliver is added
# up.
_HOLD = re.compile(
    r"达到|提升至|提升到|提高至|提高到|增至|保持|控制在|稳定在|安排|(?<!新)建设|推进|抓好|"
    r"(?<!新)认定"
)
_DELIVER = re.compile(
    r"新增|引进|引育|招引|新建|建成|开工|投用|完成|实施|孵化|培育|出让|实现|创建|举办|改造|"
    r"减负|新认定"
)
_CLAUSE_SPLIT = re.compile(r"[，,：:]")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")  # 收入 增长
_GDP = re.compile(r"生产总值|经济增长|GDP")


@dataclass
class Draft:
    header: dict[str, Any]
    targets: list[dict[str, Any]] = field(default_factory=list)
    later: list[Commitment] = field(default_factory=list)
    # (commitment, why): NO_RATE_YET, or why the plan model refused it
    refused: list[tuple[Commitment, Message]] = field(default_factory=list)
    found: Extraction | None = None
    guessed_tolerance: set[str] = field(default_factory=set)  # ids: ABOUT_TOLERANCE guessed


def provisional_name(commitment: Commitment) -> str:
    """The words before the number in its clause, without cue or comparison words (in a
    分别 list, the item paired with the figure); else the clause with the number taken
    out."""
    q = commitment.quantity
    if commitment.item:  # 城镇居民、农村居民人均可支配收入分别增长7%、8%: each its own item
        item = _SPACED.sub("", commitment.item)
        return _TRAIL.sub("", OPENING_WORDS.sub("", item.strip("，,、；;：: ")))
    clause = _SPACED.sub("", commitment.clause)
    head = clause[: len(clause) - len(q.phrase)] if clause.endswith(q.phrase) else clause
    if q.number is None:
        head = clause[: clause.rfind(q.text)] if q.text in clause else head
    head = _TRAIL.sub("", OPENING_WORDS.sub("", head.strip("，,、；;：: ")))
    if len(head) > 2:
        return head
    after = commitment.sentence[commitment.sentence.find(q.phrase) + len(q.phrase) :]
    tail = re.split(r"[，,。；;、]", after, maxsplit=1)[0].strip()
    return head + (tail or q.phrase)


def guess_pace(commitment: Commitment) -> Pace:
    """增长 x% is a rate. A stock (拥有量, 余额) or a ratio the number measures, a per-unit
    count, a level reached (达到, 提升至, 保持) or a portfolio (安排/建设/推进 N个项目) is a
    level. Money and flows
    (申请量) add up over the year, 达到 or not (研发投入达到26亿元, 亩均增加值1500万元):
    cumulative, as are counts to deliver (新增, 引进, 开工, 完成)."""
    unit = commitment.unit
    if unit == PERCENT or commitment.number is None:
        return Pace.RATE
    if unit in POINTS or _STOCK.search(provisional_name(commitment)):
        return Pace.LEVEL
    if unit.split("/")[0].endswith(MONEY) or _FLOW.search(commitment.clause):
        return Pace.CUMULATIVE
    if "/" in unit:
        return Pace.LEVEL
    q = commitment.quantity
    lead = commitment.sentence[: commitment.sentence.find(q.phrase) + len(q.phrase)]
    for clause in reversed(_CLAUSE_SPLIT.split(lead)):
        hold, deliver = _HOLD.search(clause), _DELIVER.search(clause)
        if hold or deliver:
            later = hold and (not deliver or hold.start() > deliver.start())
            return Pace.LEVEL if later else Pace.CUMULATIVE
    return Pace.CUMULATIVE


def _plain(number: float) -> int | float:
    """5 rather than 5.0 in the YAML, as the report writes it."""
    return int(number) if number.is_integer() else number


def _target(
    commitment: Commitment, number: int, tracks: str | None, name: str | None = None
) -> dict[str, Any]:
    q = commitment.quantity
    entry: dict[str, Any] = {
        "id": f"t{number:03d}",
        "section": commitment.section or DEFAULT_SECTION,
        "name": name or provisional_name(commitment),
        "quote": commitment.clause,
    }
    if q.number is not None:
        entry["target"] = _plain(q.number)
        if q.upper is not None:
            entry["upper"] = _plain(q.upper)
    entry["unit"] = PERCENT if q.number is None else q.unit
    entry["comparator"] = str(commitment.comparator)
    if commitment.comparator is Comparator.IN_STEP:
        entry["tracks"] = tracks
    entry["pace"] = str(guess_pace(commitment))
    if commitment.comparator is Comparator.ABOUT and q.unit != PERCENT and q.number:
        entry["tolerance"] = round(q.number * ABOUT_TOLERANCE, 6)
    if commitment.stretch:
        entry["stretch"] = True
    return entry


def _is_floor_of(commitment: Commitment, previous: dict[str, Any] | None) -> bool:
    """确保5%以上 right after 5.5%左右 in the same sentence is that target's floor."""
    if previous is None or not commitment.floor or commitment.number is None:
        return False
    return (
        previous.get("unit") == commitment.unit
        and Comparator(previous["comparator"]) in RISING
        and previous.get("target") is not None
        and previous["target"] > commitment.number
        and previous["_sentence"] == commitment.sentence
        and "floor" not in previous
    )


def draft_header(
    plan: Plan | None, year: int, source: str, given: Mapping[str, Message] | None = None
) -> dict[str, Any]:
    """The draft's header: the plan's own (from `targets new`), else one for ``year``;
    ``given`` names what the user typed a field as (the report's argument for source)."""
    if plan is not None:
        return plan_header(plan_id=plan.id, title=plan.title, region=plan.region,
                           start=plan.period.start, end=plan.period.end, source=source,
                           title_en=plan.title_en, region_en=plan.region_en,
                           given=given)  # fmt: skip
    return plan_header(
        plan_id=f"draft-{year}", title=f"{year}年政府工作报告主要目标任务", region="",
        start=date(year, 1, 1), end=date(year, 12, 31), source=source, given=given,
    )  # fmt: skip


def _add(
    draft: Draft, commitment: Commitment, tracks: str | None, name: str | None
) -> dict[str, Any] | None:
    """The commitment as the draft's next target (named ``name``, else provisionally), or
    None when the plan model refuses it: then it is listed apart with why."""
    entry = _target(commitment, len(draft.targets) + 1, tracks, name)
    try:
        Target.model_validate({k: v for k, v in entry.items() if not k.startswith("_")})
    except ValidationError as exc:
        draft.refused.append((commitment, field_problem(exc.errors(include_url=False)[0])))
        return None
    entry["_sentence"] = commitment.sentence
    entry["_quote_start"] = commitment.clause_start
    if "tolerance" in entry:
        draft.guessed_tolerance.add(entry["id"])
    draft.targets.append(entry)
    return entry


def draft_plan(
    report: str,
    plan: Plan | None,
    source: str,
    this_year: int,
    given: Mapping[str, Message] | None = None,
) -> Draft:
    """A plan whose targets are the report's commitments, each checked as the plan model
    checks it; one it refuses is listed apart with why, never written half-right. The
    header is ``plan``'s, else one for the year the report plans (else ``this_year``)."""
    found = extract(report)
    header = draft_header(plan, found.year or this_year, source, given)
    draft = Draft(header=header, later=found.later, found=found)
    previous: dict[str, Any] | None = None
    tracked: str | None = None  # what an in_step target follows: GDP growth, else a rate
    tracked_gdp = False
    for commitment in found.commitments:
        if _is_floor_of(commitment, previous):
            assert previous is not None and commitment.number is not None
            previous["floor"] = _plain(commitment.number)
            end = commitment.quantity.phrase_start + len(commitment.quantity.phrase)
            previous["quote"] = found.text[previous["_quote_start"] : end]
            continue
        tracks = tracked
        if commitment.comparator is Comparator.IN_STEP and tracks is None:
            draft.refused.append((commitment, NO_RATE_YET))
            continue
        # 一般公共预算收入、固定资产投资保持正增长: one target per indicator, one quote
        for name in commitment.items or (None,):
            added = _add(draft, commitment, tracks, name)
            previous = added or previous
        if added is None:
            continue
        entry = added
        is_gdp = bool(_GDP.search(entry["name"]))
        if (
            entry["pace"] == Pace.RATE
            and "target" in entry
            and (tracked is None or is_gdp and not tracked_gdp)
        ):
            tracked, tracked_gdp = entry["id"], is_gdp
    for entry in draft.targets:
        entry.pop("_sentence")
        entry.pop("_quote_start")
    plan = Plan.model_validate({**header, "targets": draft.targets})
    problems = cross_check(plan)
    if problems:  # a bug of ours: the draft must load as it is
        raise ValueError(f"the draft does not validate: {problems[0]}")
    return draft
