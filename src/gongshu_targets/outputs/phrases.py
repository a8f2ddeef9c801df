"""The one catalog of what the core says: each message key (a :class:`Said`'s) worded in
English and in Chinese, and :func:`say`, which words a message in the reader's language.

A wording is a ``str.format`` template of the message's parameters, or, where English
needs a plural, a function of them. Parameters are filled as the core gave them: values
quoted from the input (ids, cells, paths) come already escaped and cut (``errors.quoted``:
a cut value is a message, its length said in the reader's language); a parameter that is
itself a message is worded in the same language, and a list of values is listed (``a, b``
/ ``a、b``). In Chinese a plan's field is named by its YAML key in
backticks (`target`), as the reader types it in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

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


def _files_exist_en(p: Mapping[str, object]) -> str:
    verb = "exists" if p["count"] == 1 else "exist"
    return f"{p['paths']} {verb} already; choose an empty folder or remove them first"


def _too_short_en(p: Mapping[str, object]) -> str:
    return "must not be empty" if p["limit"] == 1 else f"must have at least {p['limit']} characters"


def _too_short_zh(p: Mapping[str, object]) -> str:
    return "不能为空" if p["limit"] == 1 else f"至少要有 {p['limit']} 个字符"


def _yaml_syntax_en(p: Mapping[str, object]) -> str:
    tab = " (indent with spaces, not tabs)" if p["tab"] else ""
    return f"YAML syntax error: {p['reason']}{tab}"


# What the YAML parser (libyaml, or PyYAML's own) says, by a phrase of its reason, in
# Chinese; a reason not listed is said by the line it is on.
YAML_REASONS_ZH = {
    "mapping values are not allowed": "此处不能有“键: 值”（冒号位置不对，或缩进有误）",
    "did not find expected key": "未找到应有的键（缩进可能不一致）",
    "did not find expected ',' or ']'": "未找到应有的 `,` 或 `]`",
    "did not find expected ',' or '}'": "未找到应有的 `,` 或 `}`",
    "did not find expected '-' indicator": "未找到应有的列表标记 `-`（缩进可能不一致）",
    "could not find expected ':'": "未找到应有的 `:`",
    "cannot start any token": "有一个字符不能出现在此处开头",
    "found unexpected end of stream": "文件意外结束（引号或括号可能没有闭合）",
    "found unknown escape character": "有未知的转义字符",
    "but found another document": "一个文件只能有一个文档（此处又出现了 `---`）",
    "found undefined tag handle": "有未定义的标签前缀",
    "found undefined alias": "有未定义的别名",
    "second occurrence": "锚点名称重复",
    "control characters are not allowed": "不允许控制字符",
    "block sequence entries are not allowed": "此处不能有列表项（缩进可能不一致）",
    "found a tab character": "制表符破坏了缩进",
}


def _yaml_syntax_zh(p: Mapping[str, object]) -> str:
    reason = str(p["reason"])
    said = next((zh for en, zh in YAML_REASONS_ZH.items() if en in reason), "无法解析此处的内容")
    tab = "（请用空格缩进，不要用制表符）" if p["tab"] else ""
    return f"YAML 语法错误：{said}{tab}"


# The system's reasons for refusing to read or write a file, by its error's name.
OS_ERRORS_ZH = {
    "EACCES": "没有权限",
    "EPERM": "操作不被允许",
    "ENOENT": "文件或文件夹不存在",
    "ENOTDIR": "路径中有一部分不是文件夹",
    "EISDIR": "这是一个文件夹",
    "EEXIST": "已存在",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "文件系统是只读的",
    "ENAMETOOLONG": "文件名过长",
    "EIO": "输入输出错误",
    "EBUSY": "文件正被占用",
}


def _os_error_zh(p: Mapping[str, object]) -> str:
    return OS_ERRORS_ZH.get(str(p["name"]), f"系统错误（{p['name']}）" if p["name"] else "系统错误")


def _implausible(lang: Lang) -> Callable[[Mapping[str, Any]], str]:
    def worded(p: Mapping[str, Any]) -> str:
        from gongshu_targets.outputs.text import doubt_text  # the figures' own wording

        return doubt_text(p, lang)

    return worded


# A sheet's or progress.csv's column, as a Chinese sheet heads it.
_COLUMNS_ZH = {
    "id": "编号", "no": "序号", "as_of": "日期", "value": "数值", "progress": "完成进度",
    "note": "备注", "source": "来源", "recorded_at": "录入时间", "kind": "类型",
}  # fmt: skip

# What a path that is no regular file is, by its kind.
_KINDS = {
    "folder": ("a folder", "文件夹"),
    "fifo": ("a pipe (FIFO)", "命名管道"),
    "character device": ("a character device", "字符设备"),
    "block device": ("a block device", "块设备"),
    "socket": ("a socket", "套接字"),
    "other": ("not a regular file", "特殊文件"),
}

# How to give an import a file it can decode.
_HINT = (
    "save it as CSV UTF-8 from Excel, or name the encoding with --encoding",
    "在 Excel 中另存为“CSV UTF-8”，或用 --encoding 指定编码",
)


def _did_you_mean(close: object, lang: Lang) -> str:
    """`` (did you mean a, b?)`` after an id that names no target, if any is close."""
    if not close:
        return ""
    return f"（是否指 {close}？）" if lang is Lang.ZH else f" (did you mean {close}?)"


def _column_zh(p: Mapping[str, object]) -> object:
    return _COLUMNS_ZH.get(str(p["column"]), p["column"])


def _landed_en(p: Mapping[str, object]) -> str:
    """Where the part of a number split at its comma went: a column, by its title."""
    if p["past"]:
        return "past the header"
    return f"in column {p['column']}" if p["column"] else "in a column with no title"


def _landed_zh(p: Mapping[str, object]) -> str:
    if p["past"]:
        return "表头之外"
    return f"列 {p['column']} 中" if p["column"] else "无列名的列中"


def _kind(p: Mapping[str, object]) -> tuple[str, str]:
    return _KINDS.get(str(p["kind"]), _KINDS["other"])


def _unit_en(unit: object) -> str:
    """A unit of the plan in English words (名 is people); one the grammar does not know,
    as written."""
    from gongshu_targets.core.units import UnitProblem
    from gongshu_targets.outputs.wording import unit_words

    try:
        return unit_words(str(unit), Lang.EN)
    except UnitProblem:
        return str(unit)


def _typed(value: object) -> str:
    """A comparator as the plan writes it ('positive'), quoted; a number as it is."""
    return f"'{value}'" if str(value).isidentifier() else str(value)


def _wanted(p: Mapping[str, Any], lang: Lang) -> str:
    """A target's number with its unit, as status and show word it (1,234,567 家 /
    1,234,567 entities); a target with no number, by its comparator ('positive')."""
    from gongshu_targets.outputs.wording import quantity

    if p["target"] is None:
        return _typed(p["comparator"])
    return quantity(p["target"], str(p["unit"]), lang)


def _pct(p: Mapping[str, object]) -> str:
    """The % sign after a 完成进度."""
    return "%" if p["share"] else ""


# What an import lacks, by the name the core gives it: (what, what else would do), in
# English and in Chinese.
_NEEDED = {
    "date": (("date column", ", or date the whole sheet with --as-of"),
             ("日期列", "，或用 --as-of 为整张表指定日期")),
    "key": (("column naming each row's target",
             " (`序号` numbers an item of the district's table)"),
            ("标明各行目标的列", "（`序号` 为区级表格中的项目序号）")),
    "figure": (("figure column", ", or both"), ("数据列", "，或两者都有")),
}  # fmt: skip


def _missing_en(p: Mapping[str, object]) -> str:
    what, instead = _NEEDED.get(str(p["need"]), _NEEDED["figure"])[0]
    alts = str(p["headers"]).replace(", ", ", or ")
    return (
        f"The header has no {what}: add one headed {alts}{instead}. The columns found: "
        f"{p['found'] or 'none'}."
    )


def _missing_zh(p: Mapping[str, object]) -> str:
    what, instead = _NEEDED.get(str(p["need"]), _NEEDED["figure"])[1]
    alts = str(p["headers"]).replace("、", "，或 ")
    return (
        f"表头缺少{what}：请添加表头为 {alts} 的列{instead}。表头现有的列：{p['found'] or '无'}。"
    )


def _items(value: object) -> Iterable[object]:
    """A list parameter's items (each worded)."""
    return cast("Iterable[object]", value)


def _in_turn(sep: str) -> Callable[[Mapping[str, object]], str]:
    """Parts said one after another, each already worded: ``a; b`` / ``a；b``."""
    return lambda p: sep.join(str(part) for part in _items(p["parts"]))


PHRASES: dict[str, tuple[Wording, Wording]] = {
    # --- any input ------------------------------------------------------------------
    "problems": (_problems_en, _problems_zh),
    "cut": ("{text}… ({size:,} characters)", "{text}……（共 {size:,} 个字符）"),
    "in turn": (_in_turn("; "), _in_turn("；")),
    "target at": ("[{id}]", "[{id}]"),
    "and more": ("{items} and {more:,} more", "{items} 等，另有 {more:,} 个"),
    "nothing written": ("nothing was written", "未写入任何内容"),
    "file not found": ("file not found", "文件不存在"),
    "file empty": ("the file is empty", "文件是空的"),
    "no plan": (
        "no plan to read: no --file, no TARGETS_FILE and no targets.yaml in {folder}. "
        "Name one with --file PATH (or TARGETS_FILE=PATH), run the command where "
        "targets.yaml is, or start a plan with `targets new DIR` (or copy the example "
        "with `targets init DIR`).",
        "没有可读的计划：未给 --file，没有 TARGETS_FILE，{folder} 中也没有 targets.yaml。"
        "用 --file PATH（或 TARGETS_FILE=PATH）指定计划，在 targets.yaml 所在的目录运行，"
        "或用 `targets new DIR` 建立计划（或用 `targets init DIR` 复制示例）。",
    ),
    # --- files ----------------------------------------------------------------------
    "os error": ("{text}", _os_error_zh),
    "files exist": (_files_exist_en, "{paths} 已存在；请选一个空文件夹，或先删除这些文件"),
    "cannot write": ("cannot write {path}: {why}", "无法写入 {path}：{why}"),
    "cannot write, nothing written": (
        "cannot write {path}: {why}; nothing was written",
        "无法写入 {path}：{why}；未写入任何内容",
    ),
    "bundled read-only": (
        "the bundled plan ({title_en}) is read-only: run `targets init DIR` for an editable "
        "copy, or `targets new DIR` for a plan of your own, then pass -f DIR/targets.yaml "
        "(or cd DIR)",
        "内置计划（{title}）是只读的：用 `targets init DIR` 复制一份可编辑的计划，或用 "
        "`targets new DIR` 建立自己的计划，再用 -f DIR/targets.yaml 指定它（或 `cd DIR`）",
    ),
    # --- the plan as YAML --------------------------------------------------------------
    "yaml syntax": (_yaml_syntax_en, _yaml_syntax_zh),
    "yaml alias": (
        "aliases (*name) are not allowed: write the value out",
        "不允许使用别名（`*name`）：请把值完整写出",
    ),
    "yaml too deep": ("nested more than {depth} levels deep", "嵌套超过 {depth} 层"),
    "yaml tag": ("explicit YAML tag {tag} is not allowed", "不允许显式的 YAML 标签 {tag}"),
    "yaml key not text": (
        "mapping keys must be text, not {key}",
        "映射的键必须是文本，不能是 {key}",
    ),
    "yaml duplicate key": ("duplicate key {key}", "键 {key} 重复"),
    "yaml number too long": ("{value} is too long for a number", "{value} 作为数字太长"),
    "yaml unreadable": ("{value} cannot be read: {reason}", "无法读取 {value}：不是有效的值"),
    "yaml too many values": (
        "more than {limit:,} values (YAML nodes) by this line; a plan holds at most that many "
        "(100,000 targets hold about 2,000,000)",
        "到此行已超过 {limit:,} 个值（YAML 节点）；一份计划最多容纳这么多"
        "（100,000 个目标约有 2,000,000 个）",
    ),
    "yaml 1.1 number": (
        "YAML 1.1 reads {written} ({form}) as {value}; write the number plainly",
        "YAML 1.1 会把 {written}（{form}）读作 {value}；请按常规写法写数字",
    ),
    "underscores": ("a number with underscores", "带下划线的数字"),
    "sexagesimal": ("sexagesimal, base 60", "六十进制"),
    "hexadecimal": ("hexadecimal", "十六进制"),
    "binary": ("binary", "二进制"),
    "octal": ("octal, for its leading zero", "开头的 0 使它成为八进制"),
    "yaml 1.2 octal": (
        "YAML 1.2 reads {written} as an octal number and YAML 1.1 as text; write the number "
        "plainly, or quote it as text",
        "YAML 1.2 把 {written} 读作八进制数，YAML 1.1 则读作文本；请按常规写法写数字，"
        "或加引号作为文本",
    ),
    "yaml boolean": (
        "YAML 1.1 reads {written} as a boolean, which this field does not take; quote it "
        "('{written}') if you meant the word",
        "YAML 1.1 会把 `{written}` 读作布尔值，而此字段不接受布尔值；如指文字，请加引号"
        "（'{written}'）",
    ),
    # --- a field of the plan, and what is wrong with its value ----------------------------
    "at top": ("(top level): {why}", "计划顶层：{why}"),
    "at field": ("{field}: {why}", "`{field}`：{why}"),
    "field name": ("{name}", "`{name}`"),
    "plan not a mapping": (
        "the plan must be a mapping with a 'targets' list",
        "计划必须是含 `targets` 列表的映射",
    ),
    "field missing": ("missing (a required field)", "缺少此必填字段"),
    "field unknown": ("unknown field (check its spelling)", "未知字段（请检查拼写）"),
    "field invalid": ("{reason}", "{value} 无效"),
    "not a number": ("{value} is not a number", "{value} 不是数字"),
    "not a plain number": (
        "{value} is not a valid number written plainly (12, -0.5)",
        "{value} 不是按常规写法写的数字（如 12、-0.5）",
    ),
    "not finite": ("{value} is not a finite number", "{value} 不是有限的数"),
    "not a whole number": ("{value} is not a whole number", "{value} 不是整数"),
    "not text": ("{value} is not text", "{value} 不是文本"),
    "text too short": (_too_short_en, _too_short_zh),
    "text too long": ("is longer than {limit} characters", "超过 {limit} 个字符"),
    "not an id": (
        "{value} is not an id: use lowercase letters, digits and single hyphens (gdp-growth)",
        "{value} 不是有效的编号：只能用小写字母、数字和单个连字符（如 `gdp-growth`）",
    ),
    "not a boolean": ("{value} is not true or false", "{value} 不是 `true` 或 `false`"),
    "not a date": ("{value} is not a date (YYYY-MM-DD)", "{value} 不是日期（格式为 `YYYY-MM-DD`）"),
    "not a time": (
        "{value} is not a date and time (YYYY-MM-DDTHH:MM:SS)",
        "{value} 不是日期时间（格式为 `YYYY-MM-DDTHH:MM:SS`）",
    ),
    "not greater than": (
        "must be greater than {limit:,g} (it is {value})",
        "必须大于 {limit:,g}（现为 {value}）",
    ),
    "less than": (
        "must be at least {limit:,g} (it is {value})",
        "不得小于 {limit:,g}（现为 {value}）",
    ),
    "not less than": (
        "must be less than {limit:,g} (it is {value})",
        "必须小于 {limit:,g}（现为 {value}）",
    ),
    "more than": (
        "must be at most {limit:,g} (it is {value})",
        "不得大于 {limit:,g}（现为 {value}）",
    ),
    "not a mapping": (
        "{value} is not a mapping (key: value lines)",
        "{value} 不是映射（应为若干“键: 值”行）",
    ),
    "not a list": ("{value} is not a list", "{value} 不是列表"),
    # --- the plan's header, thresholds and items --------------------------------------------
    "source outside": (
        "source: {source} is outside the plan's folder; keep the report text beside the plan",
        "`source`：{source} 不在计划所在的文件夹内；请把报告文本放在计划旁边",
    ),
    "period reversed": ("period end must be after its start", "计划期的结束日期必须晚于开始日期"),
    "plausible band too wide": (
        "plausible_times / plausible_fraction must stay under 10,000, so that a figure read "
        "10,000 times too large or too small always falls outside the band",
        "`plausible_times` / `plausible_fraction` 必须小于 10,000，这样大了或小了一万倍的"
        "数值总会落在合理范围之外",
    ),
    "plausible rates reversed": (
        "plausible_rate_min must be below plausible_rate_max",
        "`plausible_rate_min` 必须小于 `plausible_rate_max`",
    ),
    "not given": ("none", "未写"),
    "items numbered twice": ("items numbered twice: {numbers}", "`items` 中序号重复：{numbers}"),
    "one section_en": (
        "section {section}: give the same section_en on every one of its targets, or on none "
        "(found {found})",
        "栏目 {section}：其下每个目标的 `section_en` 须相同，或都不写（现有 {found}）",
    ),
    # --- a target ------------------------------------------------------------------------
    "duplicate id": (
        "duplicate id (first used by target #{first})",
        "编号重复（第 {first} 个目标已使用）",
    ),
    "no such item": (
        "no item numbered {number} in 'items'",
        "`items` 中没有序号为 {number} 的项目",
    ),
    "tracks unknown": ("tracks unknown target {id}", "所跟随的目标 {id} 不存在"),
    "tracks a rate": (
        "a target with `comparator: in_step` must track another growth-rate target",
        "`in_step` 目标须跟随另一个增长率目标",
    ),
    "milestone outside": ("milestone {day} is outside the period", "里程碑 {day} 不在计划期内"),
    "baseline after period": (
        "the baseline must be dated before the period ends",
        "基数（`baseline`）的日期必须早于计划期结束",
    ),
    "needs unit and pace": (
        "a target with `comparator: {comparator}` needs a `unit` and a `pace`",
        "`comparator: {comparator}` 的目标需要 `unit` 和 `pace`",
    ),
    "unknown unit, use": (
        "{why}; use `%`, `个百分点`, money (`元`, `万元`, `亿元`, `美元`…), or a measure word "
        "(`家`, `个`, `名`, `件`, `套`, `公里`…) optionally prefixed with `万` or `亿`, "
        "optionally per a unit (`件/万人`, `万元/亩`)",
        "{why}；可用 `%`、`个百分点`、货币单位（`元`、`万元`、`亿元`、`美元`……）或量词"
        "（`家`、`个`、`名`、`件`、`套`、`公里`……），量词前可加 `万` 或 `亿`，也可带分母"
        "（`件/万人`、`万元/亩`）",
    ),
    "has no target number": (
        "a target with `comparator: {comparator}` has no `target` number",
        "`comparator: {comparator}` 的目标没有 `target` 数值",
    ),
    "needs a target number": (
        "a target with `comparator: {comparator}` needs a `target` number",
        "`comparator: {comparator}` 的目标需要 `target` 数值",
    ),
    "judged as a rate": (
        "a target with `comparator: {comparator}` is judged as a rate: use `pace: rate`",
        "`comparator: {comparator}` 的目标按增长率评估：请用 `pace: rate`",
    ),
    "tracks only in step": (
        "`tracks` names the target that `comparator: in_step` follows, and only then",
        "`tracks` 只用于 `comparator: in_step`，指明所跟随的目标",
    ),
    "rate unit is percent": (
        "a target with `pace: rate` is a growth rate or share: its `unit` must be `%`",
        "`pace: rate` 的目标是增长率或比重：`unit` 必须是 `%`",
    ),
    "cumulative unit not percent": (
        "a target with `pace: cumulative` adds up amounts: its `unit` cannot be `%`",
        "`pace: cumulative` 的目标是累加的量：`unit` 不能是 `%`",
    ),
    "tolerance only about": (
        "`tolerance` applies only to `comparator: about` and `comparator: in_step`",
        "`tolerance` 只适用于 `about` 和 `in_step` 目标",
    ),
    "about needs tolerance": (
        "a target with `comparator: about` in a unit other than `%` needs a `tolerance`",
        "单位不是 `%` 的 `about` 目标需要 `tolerance`",
    ),
    "baseline only level": (
        "a `baseline` paces a target with `pace: level`; other paces start from zero",
        "`baseline` 只用于 `pace: level` 的目标；其他目标从零起算",
    ),
    "baseline above target": (
        "the baseline must lie above the target it moves toward",
        "基数（`baseline`）必须高于要降到的目标",
    ),
    "baseline below target": (
        "the baseline must lie below the target it moves toward",
        "基数（`baseline`）必须低于要达到的目标",
    ),
    "milestones of a zero target": (
        "milestone values are shares of the target: the target cannot be 0",
        "里程碑的 `value` 按目标的份额计：`target` 不能为 0",
    ),
    "milestones of a rate": (
        "milestones pace targets with `pace: cumulative` or `pace: level`, not rates",
        "里程碑只用于累计类和水平类目标，不用于增长率",
    ),
    "milestone value or share": (
        "a milestone has either 'value' or 'share', not both",
        "里程碑须有 `value` 或 `share`，二者只能有其一",
    ),
    "milestones on one date": (
        "two milestones on one date ({dates}): which holds?",
        "同一日期有两个里程碑（{dates}）：以哪个为准？",
    ),
    "negative count": ("a count or amount target cannot be negative", "数量或金额目标不能为负数"),
    "task has no number": (
        "a task has no number, only its completion share: remove {fields}",
        "工作任务没有数值，只有完成进度：请删去 {fields}",
    ),
    "upper only range": (
        "`upper` is the top of `comparator: range`, and only then",
        "`upper` 只用于 `comparator: range`，是区间的上限",
    ),
    "upper below target": (
        "a range's 'upper' must be above its 'target' (its lower end)",
        "区间的 `upper` 必须高于其 `target`（下限）",
    ),
    "floor comparators": (
        "a `floor` goes with `comparator: at_least`, `more_than`, `about` or `range` only",
        "`floor`（确保）只用于 `comparator` 为 `at_least`、`more_than`、`about` 或 `range` 的目标",
    ),
    "floor needs a pace": (
        "a `floor` needs a pace: a target with `pace: level` and no `baseline` has none",
        "`floor` 需要进度：没有 `baseline` 的水平类目标没有进度",
    ),
    "floor above target": ("a 'floor' lies below the target", "`floor`（确保）必须低于目标"),
    "share on a rate": (
        "a growth rate has no completion share (the share of a task done): record the rate "
        "itself as its value",
        "增长率没有完成进度：请直接录入增长率本身",
    ),
    # --- an incoming figure ---------------------------------------------------------------
    "implausible": (_implausible(Lang.EN), _implausible(Lang.ZH)),
    # --- units --------------------------------------------------------------------------
    "unknown unit": ("unknown unit {unit}", "未知单位 {unit}"),
    "unit on a rate": ("unit {unit} cannot apply to a % target", "单位 {unit} 不能用于 `%` 目标"),
    "percent on a count": (
        lambda p: f"a percentage cannot apply to a target in {_unit_en(p['target_unit'])}",
        "百分比不能用于单位为 {target_unit} 的目标",
    ),
    "unit mismatch": (
        lambda p: f"unit {p['unit']} cannot apply to a target in {_unit_en(p['target_unit'])}",
        "单位 {unit} 不能用于单位为 {target_unit} 的目标",
    ),
    # --- dates and sections an option names -------------------------------------------------
    "outside period": (
        "{option} {day} is outside the plan's period {start} to {end}",
        "{option} {day} 不在计划期（{start} 至 {end}）内",
    ),
    "today outside period": (
        "today ({day}) is outside the plan's period {start} to {end}: give the figure's date "
        "with {option}, e.g. {option} {year}Q3",
        "今天（{day}）不在计划期（{start} 至 {end}）内：请用 {option} 给出数值的日期，"
        "如 {option} {year}Q3",
    ),
    "before period": (
        "{option} {day} is outside the plan's period {start} to {end}: it is before the "
        "period starts",
        "{option} {day} 不在计划期（{start} 至 {end}）内：早于计划期开始",
    ),
    "plan text": ("{en}", "{zh}"),
    "no such section": (
        lambda p: (
            f"--section {p['section']} matches no heading; the sections are: {p['headings']}"
            + (f" and {p['more']:,} more" if p["more"] else "")
        ),
        lambda p: (
            f"--section {p['section']} 与任何栏目标题都不匹配；现有栏目：{p['headings']}"
            + (f" 等，另有 {p['more']:,} 个" if p["more"] else "")
        ),
    ),
    # --- text that cannot be plan or figure text --------------------------------------
    "control character in a line": (
        "holds {code} ({name}) at character {at}; it is one line of text",
        "第 {at} 个字符是 {code}（{name}）；此处只能是一行文字",
    ),
    "control character in lines": (
        "holds {code} ({name}) at character {at}; only tabs and line feeds are allowed here",
        "第 {at} 个字符是 {code}（{name}）；此处只允许制表符和换行符",
    ),
    "char tab": ("tab", "制表符"),
    "char line feed": ("line feed", "换行符"),
    "char carriage return": ("carriage return", "回车符"),
    "char escape": ("escape", "转义符"),
    "char null": ("null", "空字符"),
    "char line separator": ("line separator", "行分隔符"),
    "char paragraph separator": ("paragraph separator", "段分隔符"),
    "char surrogate": ("a lone surrogate, not text", "孤立的代理码位，不是文字"),
    "char control": ("a control character", "控制字符"),
    # --- figures: progress.csv, sheets, update and retract (12e) --------------------
    "cell": (
        "row {row}, column {column} = {value}: {why}",
        lambda p: f"第 {p['row']} 行，{_column_zh(p)}列为 {p['value']}：{p['why']}",
    ),
    "row": ("row {row}: {why}", "第 {row} 行：{why}"),
    "not csv": (
        "row {row}: not valid CSV ({error})",
        "第 {row} 行：不是有效的 CSV 格式（如引号未成对）",
    ),
    "progress header": (
        "the header must be {columns}, with ',{kind}' after it when the file holds a completion "
        "share",
        "表头应为 '{columns}'；文件中有完成进度时，其后再加 ',{kind}'",
    ),
    "columns count": (
        "expected {expected} columns, found {found}",
        "应有 {expected} 列，实有 {found} 列",
    ),
    "overflow": (
        "row {row} has {cells} cells ({filled} filled), the header {width}; past the header: "
        '{extra}. A value or note holding a comma is quoted ("1,050") or written without it '
        "(1050)",
        "第 {row} 行有 {cells} 个单元格（{filled} 个有内容），表头只有 {width} 列；超出表头的内容："
        '{extra}。含逗号的数值或备注请加引号（"1,050"）或去掉逗号（1050）',
    ),
    "split number": (
        lambda p: (
            f"ambiguous comma: {p['first']} and {p['second']} read as one number, {p['joined']}, "
            f"split at an unquoted comma, its {p['second']} landing {_landed_en(p)}; "
            + (f'quote the number ("{p["joined"]}") or ' if p["quoting"] else "")
            + f"write it without the comma ({p['bare']})"
        ),
        lambda p: (
            f"逗号有歧义：{p['first']} 和 {p['second']} 像是一个数 {p['joined']} 被未加引号的逗号"
            f"拆成了两格，{p['second']} 落在了{_landed_zh(p)}；请"
            + (f'给这个数加引号（"{p["joined"]}"）或' if p["quoting"] else "")
            + f"去掉逗号（{p['bare']}）"
        ),
    ),
    "source reads on": (
        "the source {source} would read back from progress.csv as the rest of the value "
        "{value}, a comma between them (as a number written with a thousands comma): put a "
        "word in the source",
        "来源 {source} 写入 progress.csv 后会与数值 {value} 连读为一个带千位逗号的数："
        "请在来源中加上文字",
    ),
    "column unknown": (
        "The header has a column {title} that an import does not read: the columns read are "
        "{read}; read over: {over}.",
        "表头中的列 {title} 无法识别：可读取的列为 {read}；会略过的列为 {over}。",
    ),
    "column twice": (
        "The header has {first} and {second}, both the {column} column: keep one.",
        "表头中 {first} 与 {second} 是同一列（{column}）：请只保留一列。",
    ),
    "column missing": (_missing_en, _missing_zh),
    "one of": (
        lambda p: str(p["names"]).replace(", ", " or "),
        lambda p: str(p["names"]).replace("、", " 或 "),
    ),
    "not iso date": ("not a YYYY-MM-DD date", "不是 YYYY-MM-DD 格式的日期"),
    "outside the period": ("outside the plan's period", "不在计划期内"),
    "outside the period from": (
        "outside the plan's period {start} to {end}",
        "不在计划期（{start} 至 {end}）内",
    ),
    "not iso time": ("not an ISO timestamp", "不是标准格式的时间（`YYYY-MM-DDTHH:MM:SS+08:00`）"),
    "not a stamp": (
        "not a date and time (YYYY-MM-DDTHH:MM:SS+08:00)",
        "不是日期时间（格式为 `YYYY-MM-DDTHH:MM:SS+08:00`）",
    ),
    "time range": ("a time of recording in {years} is expected", "录入时间应在 {years} 年之间"),
    "not a kind": ("not value or share", "应为 'value' 或 'share'（或留空）"),
    "no target with id": (
        lambda p: f"no target with id {p['id']} in the plan" + _did_you_mean(p["close"], Lang.EN),
        lambda p: f"计划中没有编号为 {p['id']} 的目标" + _did_you_mean(p["close"], Lang.ZH),
    ),
    "no such target": (
        lambda p: "no such target in the plan" + _did_you_mean(p["close"], Lang.EN),
        lambda p: "计划中没有这个目标" + _did_you_mean(p["close"], Lang.ZH),
    ),
    "empty": ("empty", "为空"),
    "number within": ("not a number within ±{limit:.0e}", "不是 ±{limit:.0e} 以内的数"),
    "stored share range": (
        "a completion share lies from 0% to {top}%",
        "完成进度应在 0% 到 {top}% 之间",
    ),
    "stored task value": (
        "a task has no number, only its completion share",
        "任务没有数值，只有完成进度",
    ),
    "stored negative": ("a count or amount cannot be negative", "数量或金额不能为负数"),
    "same time": (
        "another row for {id} on {day} recorded at {at} gives another value; which one counts "
        "would depend on line order",
        "另有一行给出 {id} 在 {day}、录入时间 {at} 的不同数值；以哪一行为准将取决于行的先后",
    ),
    "retraction of nothing": (
        "retraction of {id} on {day} with no figure before it to take back",
        "撤回 {id} 在 {day} 的数据，但此前没有可撤回的数据",
    ),
    # a cell read as a figure or a date
    "ambiguous comma": (
        "ambiguous comma: a comma separates thousands in groups of three (1,250); write a "
        "decimal with a point (4.6)",
        "逗号有歧义：逗号只用于每三位分隔千位（1,250）；小数请用小数点（4.6）",
    ),
    "task cell has no number": (
        "a task has no number: record its completion share",
        "任务没有数值：请填写其完成进度",
    ),
    "cell not a number": ("not a number", "不是数字"),
    "too large": ("too large (beyond ±{limit:.0e})", "数值过大（超出 ±{limit:.0e}）"),
    "cell not finite": ("not a finite number", "不是有限的数"),
    "negative": (
        lambda p: f"a count or amount cannot be negative ({_unit_en(p['unit'])})",
        "数量或金额不能为负数（{unit}）",
    ),
    "not whole": (
        lambda p: (
            f"{p['number']} {_unit_en(p['counted'])} is not a whole number: a target in "
            f"{_unit_en(p['unit'])} counts whole {_unit_en(p['counted'])}"
            + (
                ""
                if p["scaled"] is None
                else f"; did you mean '{p['number']}{p['word']}' ({p['scaled']:,.0f} "
                f"{_unit_en(p['counted'])})?"
            )
        ),
        lambda p: (
            f"以{p['unit']}计的目标，数值须为整数：{p['number']}{p['counted']}不是整数"
            + (
                ""
                if p["scaled"] is None
                else f"；是否指 {p['number']}{p['word']}（{p['scaled']:,.0f}{p['counted']}）？"
            )
        ),
    ),
    "not a share": ("not a share", "不是完成进度"),
    "share form": (
        "not a share: write it as 52% or 52, or / for no figure",
        "不是完成进度：请写作 52% 或 52，无数据时写 /",
    ),
    "share range": (
        "a share of the task done lies from 0% to {top}%",
        "完成进度应在 0% 到 {top}% 之间",
    ),
    "ambiguous share": (
        "ambiguous share: {bare} may be {bare}% or a fraction ({percent}%); write it with its % "
        "sign",
        "完成进度有歧义：{bare} 可能是 {bare}%，也可能是小数（{percent}%）；请带 % 号填写",
    ),
    "no such date": ("no such date", "日期不存在"),
    "cell not a date": (
        "not a date (use YYYY-MM-DD, YYYY/M/D, YYYYQn or YYYY-MM)",
        "不是日期（可写作 `YYYY-MM-DD`、`YYYY/M/D`、`YYYY年M月D日`、`YYYYQn` 或 `YYYY-MM`）",
    ),
    "given again": (
        lambda p: (
            f"row {p['row']} gives {p['id']} on {p['day']} another "
            + ("completion share" if p["share"] else "value")
            + ("" if p["at"] is None else f" recorded at {p['at']}")
        ),
        lambda p: (
            f"第 {p['row']} 行已给出 {p['id']} 在 {p['day']}"
            + (" " if p["at"] is None else f"（录入时间 {p['at']}）")
            + "的另一个"
            + ("完成进度" if p["share"] else "数值")
        ),
    ),
    "not an item number": ("not an item's number (1, 2, 3…)", "不是项目序号（1、2、3…）"),
    "no item numbered": (
        "no item numbered {item} in the plan's items",
        "计划中没有序号为 {item} 的项目",
    ),
    "item without target": (
        "item {item} has no target to record the row on",
        "项目 {item} 没有可记录本行数据的目标",
    ),
    "item ambiguous": (
        lambda p: (
            f"item {p['item']} has {p['count']} targets ({p['ids']}) and "
            + ("no task" if not p["tasks"] else f"{p['tasks']} tasks")
            + " for the row's work as a whole: name the target in an id column, or give the item "
            "one task"
        ),
        lambda p: (
            f"项目 {p['item']} 有 {p['count']} 个目标（{p['ids']}），"
            + ("没有" if not p["tasks"] else f"有 {p['tasks']} 项")
            + "代表本行整体工作的任务：请在编号列写明目标，或为该项目设一项任务"
        ),
    ),
    "dated sheet": (
        "{path}: the sheet dates its rows in column {title}: --as-of is for a sheet with no "
        "date column; nothing was written",
        "{path}：此表已在 {title} 列注明各行日期；--as-of 只用于没有日期列的表；未写入任何内容",
    ),
    "held otherwise": (
        "{id} on {day} recorded at {at} is held as {held}, not {given}",
        "{id} 在 {day}（录入时间 {at}）已记录为 {held}，不是 {given}",
    ),
    "nothing to retract": (
        lambda p: (
            f"{p['id']} on {p['day']} has no "
            + ("completion share" if p["share"] else "figure")
            + " to retract"
            + (" (it was retracted already)" if p["taken"] else "")
        ),
        lambda p: (
            f"{p['id']} 在 {p['day']} 没有可撤回的"
            + ("完成进度" if p["share"] else "数据")
            + ("（已撤回过）" if p["taken"] else "")
        ),
    ),
    "already recorded": (
        lambda p: (
            f"{p['id']} on {p['day']} is already recorded as "
            + ("completion share " if p["share"] else "")
            + f"{p['held']}{_pct(p)}, not {p['given']}{_pct(p)}; use --replace to record a revision"
        ),
        lambda p: (
            f"{p['id']} 在 {p['day']} 已记录为"
            + ("完成进度 " if p["share"] else " ")
            + f"{p['held']}{_pct(p)}，不是 {p['given']}{_pct(p)}；如需修订，请加 --replace"
        ),
    ),
    "typed value": ("value {value}: {why}", "数值 {value}：{why}"),
    "typed option": ("{option} {value}: {why}", "{option} {value}：{why}"),
    "option gives no figure": ("{option} {value} gives no figure", "{option} {value} 没有给出数据"),
    "option problem": ("{option} {why}", "{option} {why}"),
    "diff needs two dates": (
        lambda p: (
            "diff compares figures at two dates; progress.csv "
            + (f"has figures only at {p['dates']}" if p["dates"] else "has no figures yet")
            + ": record another quarter's figures, or give --from and --to"
        ),
        lambda p: (
            "targets diff 比较两个日期的数据；progress.csv 中"
            + (f"只有 {p['dates']} 的数据" if p["dates"] else "还没有数据")
            + "：请再录入一个季度的数据，或用 --from 和 --to 指定两个日期"
        ),
    ),
    "no rate yet": (
        "in step with a growth rate the plan has not yet",
        "与之同步的增长率目标尚未列入计划",
    ),
    # coverage: a target its quote does not bear out
    "quote says": (
        lambda p: f"target {_wanted(p, Lang.EN)}, but its quote says {p['said'] or 'no quantity'}",
        lambda p: (
            f"目标为 {_wanted(p, Lang.ZH)}，但原文"
            + (f"写的是 {p['said']}" if p["said"] else "中没有数量")
        ),
    ),
    "quote words": (
        "`comparator: {comparator}`, but its quote is worded as `{implied}`",
        "`comparator: {comparator}`，但原文措辞对应 `{implied}`",
    ),
    "stretch differs": (
        lambda p: (
            f"stretch {str(p['stretch']).lower()}, but the report "
            + ("does not call it a stretch target" if p["stretch"] else "calls it a stretch target")
        ),
        lambda p: (
            "已标为力争，但报告中没有“力争”" if p["stretch"] else "未标为力争，但报告写明“力争”"
        ),
    ),
    # files: reading, writing, locking
    "link to nothing": (
        "is a link to {target}, which does not exist",
        "是指向 {target} 的链接，但链接目标不存在",
    ),
    "not a regular file": (
        lambda p: f"is {_kind(p)[0]}, not a regular file: only files are read (save it first)",
        lambda p: f"是{_kind(p)[1]}，不是普通文件：只能读取文件（请先保存为文件）",
    ),
    "cannot read": ("cannot read: {why}", "无法读取：{why}"),
    "too big": ("file is larger than {mib} MiB", "文件大于 {mib} 兆字节"),
    "not utf-8": ("file is not valid UTF-8", "文件不是有效的 UTF-8 编码"),
    "cannot write, kept": (
        "cannot write {path}: {why}; it was left as it was",
        "无法写入 {path}：{why}；原文件未改动",
    ),
    "not a file to write": ("not a regular file", "不是普通文件"),
    "output is kept": (
        "-o {output} is the {what} ({path}): choose another file; nothing was written",
        "-o {output} 是{what}（{path}）：请另选一个文件；未写入任何内容",
    ),
    "kept plan": ("plan", "计划文件"),
    "kept schema": ("plan's schema", "计划的结构定义文件"),
    "kept progress": ("progress file", "进度文件"),
    "kept lock": ("progress file's lock", "进度文件的锁文件"),
    "kept report": ("report text", "报告原文"),
    "cannot append": ("cannot append to {path}: {why}", "无法追加写入 {path}：{why}"),
    "lock not a file": (
        "cannot lock {path}: {lock} is not a plain file; remove it",
        "无法锁定 {path}：{lock} 不是普通文件，请删除它",
    ),
    "locked": (
        "{path} is locked by another writer for over {seconds} s",
        "{path} 被另一个写入进程锁定已超过 {seconds} 秒",
    ),
    "cannot lock": ("cannot lock {path} with {lock}: {why}", "无法用 {lock} 锁定 {path}：{why}"),
    # a sheet to import: its encoding, its workbook, its size
    "unknown encoding": (
        "{path}: unknown encoding {encoding}",
        "{path}：无法识别的编码 {encoding}",
    ),
    "not that encoding": (
        "{path}: not valid {encoding} at byte {at}",
        "{path}：从第 {at} 个字节起不是有效的 '{encoding}' 编码",
    ),
    "stray byte": (
        lambda p: (
            f"byte {p['at']} (0x{p['byte']:02X}, line {p['line']}, byte {p['column']} of "
            f"the line) is not UTF-8, though the rest of the file is; fix that byte, or {_HINT[0]}"
        ),
        lambda p: (
            f"第 {p['at']} 个字节（第 {p['line']} 行第 {p['column']} 个字节）不是 UTF-8，"
            f"而文件其余部分是；请修正该字节，或{_HINT[1]}"
        ),
    ),
    "no known encoding": (
        f"{{path}}: neither UTF-8 nor GB18030/GBK; {_HINT[0]}",
        f"{{path}}：既不是 UTF-8 也不是 GB18030/GBK 编码；{_HINT[1]}",
    ),
    "changed while read": (
        "it no longer decodes as it did a moment before: it changed while it was read",
        "文件在读取期间被改动，已无法按先前的编码解码",
    ),
    "empty sheet": ("the first sheet is empty", "第一个工作表为空"),
    "cannot read file": ("{path}: cannot read ({why})", "{path}：无法读取（{why}）"),
    "not a workbook": (
        "{path}: not a readable .xlsx workbook ({error})",
        "{path}：不是可读取的 .xlsx 工作簿",
    ),
    "no worksheet": ("{path}: the workbook has no worksheet", "{path}：工作簿中没有工作表"),
    "damaged workbook": (
        "{path}: a damaged .xlsx workbook ({error})",
        "{path}：.xlsx 工作簿已损坏",
    ),
    "not a sheet file": (
        lambda p: f"{p['path']}: import reads .csv and .xlsx files, not {p['suffix'] or 'this'}",
        lambda p: (
            f"{p['path']}：只能导入 .csv 和 .xlsx 文件"
            + (f"，不能导入 {p['suffix']} 文件" if p["suffix"] else "")
        ),
    ),
    "too many parts": (
        "{path}: a workbook of {parts:,} parts is not a sheet",
        "{path}：工作簿有 {parts:,} 个部件，不是要导入的表格",
    ),
    "part too big": (
        "{path}: its part {part} unpacks to {mib} MiB, more than the {limit} MiB a sheet to "
        "import needs",
        "{path}：其中的部件 {part} 解压后有 {mib} 兆字节，超过要导入的表格所需的 {limit} 兆字节",
    ),
    "too many columns": (
        "{path}: the sheet reaches column {column}; a sheet to import uses at most {most} "
        "columns (delete the stray cells to the right)",
        "{path}：工作表延伸到 {column} 列；要导入的表格最多 {most} 列（请删除右侧多余的单元格）",
    ),
    "too many rows": (
        "{path}: the sheet declares {rows} rows, past Excel's",
        "{path}：工作表声明有 {rows} 行，超出 Excel 的行数上限",
    ),
    "sheet too big": ("{path}: larger than {mib} MiB", "{path}：大于 {mib} 兆字节"),
    # --- the command line's usage errors (exit 2) -------------------------------------
    "usage": ("{what} (run `{command} -h` for help)", "{what}（运行 `{command} -h` 查看用法）"),
    "bad value": ("invalid value for {option}: {why}", "{option} 的值无效：{why}"),
    "no such option": (
        lambda p: f"no such option: {p['option']}{_did_you_mean(p['close'], Lang.EN)}",
        lambda p: f"没有 {p['option']} 这个选项{_did_you_mean(p['close'], Lang.ZH)}",
    ),
    "no such command": (
        lambda p: f"no such command: {p['command']}{_did_you_mean(p['close'], Lang.EN)}",
        lambda p: f"没有 {p['command']} 这个命令{_did_you_mean(p['close'], Lang.ZH)}",
    ),
    "missing command": ("missing command", "缺少命令"),
    "needs a value": ("{option} needs a value", "{option} 后面缺少值"),
    "takes no value": ("{option} takes no value", "{option} 不带值"),
    "missing option": ("missing option {name}", "缺少选项 {name}"),
    "missing argument": ("missing {name}", "缺少{name}"),
    "argument": ("argument {name}", "参数 {name}"),
    "extra arguments": (
        lambda p: f"unexpected extra argument{'s' if p['count'] != 1 else ''}: {p['extra']}",
        "多余的参数：{extra}",
    ),
    "option not a date": (
        "{text} is not a date: give a day of the calendar as YYYY-MM-DD, YYYY/M/D, YYYYQn "
        "(quarter end) or YYYY-MM (month end)",
        "{text} 不是有效的日期：须是日历上有的日子，写作 YYYY-MM-DD、YYYY/M/D、YYYYQn（季末）"
        "或 YYYY-MM（月末）",
    ),
    "option not a whole number": (
        "{text} is not a whole number from {low} to {high}",
        "{text} 不是 {low} 至 {high} 之间的整数",
    ),
    "not a count": ("{text} is not a whole number, 0 or more", "{text} 不是 0 或以上的整数"),
    "is a folder": ("{path} is a folder, not a file", "{path} 是目录，不是文件"),
    "is a file": ("{path} is a file, not a folder", "{path} 是文件，不是目录"),
    "unknown format": (
        "unknown format {text} for {command}: choose one of {choices}",
        "{command} 没有 {text} 这种格式：可用 {choices}",
    ),
    "format from suffix": (
        "cannot tell the format from {name}: use {suffixes}, or --format",
        "无法从 {name} 判断格式：请用 {suffixes} 后缀，或用 --format 指定",
    ),
    "format from suffix only": (
        "cannot tell the format from {name}: use {suffixes}",
        "无法从 {name} 判断格式：请用 {suffixes} 后缀",
    ),
    "format label": ("{name} ({aliases})", "{name}（{aliases}）"),
    "lang env unknown": (
        lambda p: (
            f"{p['name']}={p['value']} names no language: set it to {_or_en(p['choices'])} "
            "(or unset it), or give --lang"
        ),
        lambda p: (
            f"环境变量 {p['name']}={p['value']} 不是可用的语言：请设为 {_or_zh(p['choices'])}"
            "（或删去它），或用 --lang 指定"
        ),
    ),
    "not a choice": (
        lambda p: f"{p['value']} is not a choice: use {_or_en(p['choices'])}",
        lambda p: f"{p['value']} 不是可选的值：可用 {_or_zh(p['choices'])}",
    ),
    "not a status": (
        lambda p: (
            f"{p['text']} is not a status: use {_or_en(p['choices'])}, or the status as "
            f"the table labels it ({_or_en(p['labels'])})"
        ),
        lambda p: (
            f"{p['text']} 不是状态：可用 {_or_zh(p['choices'])}，或表中的状态名"
            f"（{_or_zh(p['labels'])}）"
        ),
    ),
    "not a fail level": (
        lambda p: (
            f"{p['text']} is not a choice: use {_or_en(p['choices'])}, or the status as "
            f"the table labels it ({_or_en(p['labels'])})"
        ),
        lambda p: (
            f"{p['text']} 不是可选的值：可用 {_or_zh(p['choices'])}，或表中的状态名"
            f"（{_or_zh(p['labels'])}）"
        ),
    ),
    "status label": (lambda p: _status_label(p, Lang.EN), lambda p: _status_label(p, Lang.ZH)),
    "no problems asked for": (
        "--problems shows the targets missed, off track or at risk: --status names none of these",
        "--problems 只显示未完成、滞后序时和存在风险的目标：--status 未列出其中任何一种",
    ),
    "start and end": (
        "give both --start and --end, or --year",
        "请同时给出 --start 和 --end，或只给 --year",
    ),
    "year or period": (
        "give --year or --start/--end, not both",
        "--year 与 --start/--end 只能给一种",
    ),
    "give the figure": (
        "give the figure: VALUE, or --progress PERCENT",
        "请给出数据：数值，或 --progress 百分比（完成进度）",
    ),
    "to before from": ("--to {end} is before --from {start}", "--to {end} 早于 --from {start}"),
}


def _status_label(p: Mapping[str, object], lang: Lang) -> str:
    """A status as the table labels it (at risk, 存在风险); else as its value."""
    from gongshu_targets.outputs.wording import STATUS_LABELS, pick

    labels = {status.value: pair for status, pair in STATUS_LABELS.items()}
    value = str(p["status"])
    return pick(labels.get(value, (value, value)), lang)


def _or_en(words: object) -> str:
    """``a, b or c``: a list as _param joined it, in plain words."""
    head, comma, last = str(words).rpartition(", ")
    return f"{head} or {last}" if comma else last


def _or_zh(words: object) -> str:
    """``a、b 或 c``."""
    head, comma, last = str(words).rpartition("、")
    return f"{head} 或 {last}" if comma else last


class _Listed(tuple[str, ...]):
    """A list parameter, each item worded: formatted as ``a、b`` / ``a, b``, and iterable
    item by item for a wording that joins its items its own way (``in turn``)."""

    sep: str

    def __new__(cls, items: Iterable[str], sep: str) -> _Listed:
        listed = super().__new__(cls, items)
        listed.sep = sep
        return listed

    def __format__(self, spec: str) -> str:
        return format(self.sep.join(self), spec)

    def __str__(self) -> str:
        return self.sep.join(self)


def _param(value: object, lang: Lang) -> object:
    """A parameter ready to be formatted: a message worded, a list's items worded one by
    one (each item a message or text, never a list: no depth to recurse into)."""
    if isinstance(value, Said):
        return say(value, lang)
    if isinstance(value, (list, tuple)):
        words = (say(v, lang) if isinstance(v, Said) else str(v) for v in value)
        return _Listed(words, "、" if lang is Lang.ZH else ", ")
    return value


def say(message: Message, lang: Lang) -> str:
    """``message`` worded in ``lang``; text (a path, a value) is the same in every language."""
    if isinstance(message, str):
        return message
    wording = PHRASES[message.key][lang is Lang.ZH]
    params = {name: _param(value, lang) for name, value in message.params.items()}
    return wording.format(**params) if isinstance(wording, str) else wording(params)
