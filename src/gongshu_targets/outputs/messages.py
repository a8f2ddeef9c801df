"""What the commands say to a person on stderr, in Chinese or in English: the line a
command ends with (wrote, OK, recorded, retracted), its notes, and the errors the command
line maps to an exit code. The core raises our exceptions with their data; the common ones
are worded here, the others keep the words the core gave them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongshu_targets.enums import Lang
from gongshu_targets.errors import (
    InvalidDataError,
    Problem,
    TargetsError,
)
from gongshu_targets.outputs.phrases import say

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


ERROR = {Lang.EN: "Error: {}", Lang.ZH: "错误：{}"}
WROTE = {Lang.EN: "wrote {}", Lang.ZH: "已写入 {}"}

EXAMPLE_NOTE = {
    Lang.EN: "note: showing the bundled example plan: there is no --file, no TARGETS_FILE and "
    "no targets.yaml here. Start a plan of your own with `targets new DIR`, or copy this one "
    "with `targets init DIR`.",
    Lang.ZH: "注意：显示的是内置的示例计划：未给 --file，没有 TARGETS_FILE，此处也没有 "
    "targets.yaml。用 `targets new DIR` 建立自己的计划，或用 `targets init DIR` 复制这一份。",
}


def error(message: str, lang: Lang) -> str:
    return ERROR[lang].format(message)


def wrote(path: Path | str, lang: Lang) -> str:
    return WROTE[lang].format(path)


def after_period(option: str, asked: date, end: date, lang: Lang) -> str:
    """Said when a date after the plan's period is judged at the period's end."""
    if lang is Lang.ZH:
        return (
            f"注意：{option} {asked} 在计划期之后（计划期止于 {end}）："
            f"按期末 {end} 评估（最终结果）"
        )
    return (
        f"note: {option} {asked} is after the plan's period, which ended {end}: "
        f"judged at its end, {end} (final results)"
    )


def needs_output(name: str, kind: tuple[str, str], suffix: str, lang: Lang) -> str:
    """A binary format asked for without -o FILE (``kind``: what it is, in English and
    Chinese)."""
    if lang is Lang.ZH:
        return f"{name} 是 {kind[1]}，不是文本：请用 -o FILE{suffix} 写入文件"
    return f"{name} is {kind[0]}, not text: give -o FILE{suffix}"


def validated(
    path: str, targets: int, stretch: int, observations: int, progress: str, lang: Lang
) -> str:
    """`targets validate`'s line when the plan and its figures load."""
    if lang is Lang.ZH:
        return (
            f"无误：{path}：目标 {targets} 项（其中力争 {stretch} 项），"
            f"{progress} 中有观测 {observations} 条"
        )
    from gongshu_targets.outputs.wording import counted

    listed = f"{counted(targets, 'target')} ({stretch} stretch)"
    return f"OK: {path}: {listed}, {counted(observations, 'observation')} in {progress}"


def next_after_new(report: Path, draft: Path, plan: Path, lang: Lang) -> str:
    """What to do after `targets new`."""
    if lang is Lang.ZH:
        return f"下一步：targets draft {report} -o {draft}，审核草稿后用它替换 {plan}"
    return f"next: targets draft {report} -o {draft}, review it, then move it over {plan}"


def recorded(
    target_id: str, day: date, today: bool, readings: str, summary: str, lang: Lang
) -> str:
    """`targets update`'s line: the figure as read and stored, and what changed."""
    if lang is Lang.ZH:
        when = f"{day}（今天）" if today else str(day)
        return f"{target_id}（截至 {when}）：{readings}；{summary}"
    when = f"{day} (today)" if today else str(day)
    return f"{target_id} as of {when}: {readings}; {summary}"


def retracted(target_id: str, day: date, figure: str, recorded_at: str, lang: Lang) -> str:
    """`targets retract`'s line."""
    if lang is Lang.ZH:
        return f"{target_id}（截至 {day}）：已撤回 {figure}（录入于 {recorded_at}），不再计入"
    return (
        f"{target_id} as of {day}: retracted {figure} (recorded {recorded_at}); it no longer counts"
    )


def problem_text(problem: Problem, lang: Lang) -> str:
    """A problem located as the core located it, its message worded in ``lang``."""
    return "".join(f"{say(part, lang)} " for part in problem.where()) + say(problem.message, lang)


def problems_head(exc: InvalidDataError, lang: Lang) -> str:
    """``3 problems found (the first 2 listed); nothing was written:``, above the list."""
    head = say(exc.message, lang)
    if exc.outcome:
        head += ("；" if lang is Lang.ZH else "; ") + say(exc.outcome, lang)
    return head + ("：" if lang is Lang.ZH else ":")


def error_text(exc: Exception, lang: Lang) -> str:
    """An error of ours in ``lang``: the common ones worded here, the rest as raised."""
    if isinstance(exc, TargetsError):
        return say(exc.message, lang)
    return str(exc)


def internal_error(exc: Exception, lang: Lang) -> str:
    if lang is Lang.ZH:
        return (
            f"内部错误：{type(exc).__name__}: {exc}。这是程序缺陷；请加 --debug 重新运行以查看"
            "调用栈，并报告此问题。"
        )
    return (
        f"internal error: {type(exc).__name__}: {exc}. This is a bug; run again with "
        "--debug for the traceback and report it."
    )
