"""The one catalog of what the core says: each message key (a :class:`Said`'s) worded in
English and in Chinese, and :func:`say`, which words a message in the reader's language.

A wording is a ``str.format`` template of the message's parameters, or, where English
needs a plural, a function of them. Parameters are filled as the core gave them: values
quoted from the input (ids, cells, paths) come already cut and escaped (``errors.shown``);
a parameter that is itself a message is worded in the same language, and a list of values
is listed (``a, b`` / ``a、b``). In Chinese a plan's field is named by its YAML key in
backticks (`target`), as the reader types it in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from gongshu_targets.enums import Lang
from gongshu_targets.errors import Message, Said

Wording = str | Callable[[Mapping[str, object]], str]


def _count(n: object, word: str) -> str:
    """``1 problem`` / ``3 problems``, ``1,234`` with its thousands separated."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _problems_en(p: Mapping[str, object]) -> str:
    listed = f" (the first {p['listed']} listed)" if p["listed"] is not None else ""
    return f"{_count(p['count'], 'problem')} found{listed}"


def _problems_zh(p: Mapping[str, object]) -> str:
    listed = f"（列出前 {p['listed']} 个）" if p["listed"] is not None else ""
    return f"发现 {p['count']:,} 个问题{listed}"


PHRASES: dict[str, tuple[Wording, Wording]] = {
    # --- any input ------------------------------------------------------------------
    "problems": (_problems_en, _problems_zh),
    "nothing written": ("nothing was written", "未写入任何内容"),
    "file not found": ("file not found", "文件不存在"),
}


def _param(value: object, lang: Lang) -> object:
    if isinstance(value, Said):
        return say(value, lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang is Lang.ZH else ", ").join(str(_param(v, lang)) for v in value)
    return value


def say(message: Message, lang: Lang) -> str:
    """``message`` worded in ``lang``; text (a path, a value) is the same in every language."""
    if isinstance(message, str):
        return message
    wording = PHRASES[message.key][lang is Lang.ZH]
    params = {name: _param(value, lang) for name, value in message.params.items()}
    return wording.format(**params) if isinstance(wording, str) else wording(params)
