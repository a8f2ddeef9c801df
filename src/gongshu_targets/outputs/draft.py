"""`targets draft`'s file, worded in one language: the comment above the plan, each
target's note that it is a draft, the commitments listed apart at the end. The YAML keys,
ids and values are what `targets validate` reads, the same in both languages.

In English every target gets ``name_en: Draft target N``, a slot to fill in; a Chinese
draft gives none (``name_en`` is optional: English outputs show the name until one is
added)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongshu_targets.core.draft import ABOUT_TOLERANCE
from gongshu_targets.core.store import plan_yaml, yaml_comment
from gongshu_targets.enums import Lang
from gongshu_targets.outputs.phrases import say
from gongshu_targets.outputs.wording import Pair, pick

if TYPE_CHECKING:
    from gongshu_targets.core.draft import Draft

WORDS: dict[str, Pair] = {
    "note": (
        "draft: check the name, comparator and pace against the report",
        "草稿：请对照报告核对名称、比较方式和进度口径",
    ),
    "tolerance": ("; tolerance guessed as {:.0%} of the target", "；容差按目标值的{:.0%}估计"),
    "later": (
        "For a later year than this plan's (not targets of it):",
        "后续年份的目标（不属于本计划）：",
    ),
    "later_one": ("  {}: {}", "  {}年：{}"),
    "refused": (
        "Not drafted (add them by hand if they are targets):",
        "未草拟（如属本计划目标，请手工补入）：",
    ),
    "refused_one": ("  {}: {}", "  {}：{}"),
}
NAME_EN_TO_FILL = "Draft target {}"


def header_comment(draft: Draft, source: str, lang: Lang) -> str:
    """The comment above the draft: what it is, and how to review it."""
    found = draft.found
    results = len(found.results) if found else 0
    ignored = len(found.ignored) if found else 0
    if lang is Lang.ZH:
        return (
            f"本文件是 `targets draft` 根据 {source} 草拟的计划草稿。\n"
            "各项目标均为暂定：请对照报告逐项核对名称、数值、单位、比较方式（comparator）\n"
            "和进度口径（pace），需要英文输出的可补写英文名称（name_en），核对后另存为\n"
            "targets.yaml；`targets coverage` 可将其与报告逐条比对。识别时略过成果 "
            f"{results} 项、\n名称或限定语 {ignored} 项（`targets coverage --format json` "
            "逐项列出并注明原因）。"
        )
    return (
        f"A DRAFT of the commitments in {source}, made by `targets draft`.\n"
        "Every target is provisional: check its name, number, unit, comparator and pace\n"
        "against the report and give its name_en, then save the file as targets.yaml;\n"
        f"`targets coverage` checks it against the report. The reader set aside {results}\n"
        f"results and {ignored} names or qualifiers (`targets coverage --format json` lists\n"
        "each with why)."
    )


def _target(entry: dict[str, Any], draft: Draft, lang: Lang) -> dict[str, Any]:
    """A drafted target as the file holds it: in English a name_en to fill in after its
    name; its note last."""
    fields = list(entry.items())
    if lang is Lang.EN:
        number = int(entry["id"].removeprefix("t"))
        fields.insert(list(entry).index("name") + 1, ("name_en", NAME_EN_TO_FILL.format(number)))
    note = pick(WORDS["note"], lang)
    if entry["id"] in draft.guessed_tolerance:
        note += pick(WORDS["tolerance"], lang).format(ABOUT_TOLERANCE)
    return {**dict(fields), "notes": note}


def end_comment(draft: Draft, lang: Lang) -> str:
    """Commitments for a later year and those refused, as comment lines at the end."""
    words = {key: pick(pair, lang) for key, pair in WORDS.items()}
    lines = []
    if draft.later:
        lines.append(words["later"])
        lines += [words["later_one"].format(c.year, c.clause) for c in draft.later]
    if draft.refused:
        lines.append(words["refused"])
        lines += [words["refused_one"].format(c.clause, say(why, lang)) for c, why in draft.refused]
    return "".join(yaml_comment(line) for line in lines)


def draft_yaml(draft: Draft, source: str, lang: Lang) -> str:
    """The draft as a targets.yaml that `targets validate` accepts, worded in ``lang``."""
    targets = [_target(entry, draft, lang) for entry in draft.targets]
    return plan_yaml(draft.header, targets, header_comment(draft, source, lang)) + end_comment(
        draft, lang
    )
