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
from typing import Any

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


PHRASES: dict[str, tuple[Wording, Wording]] = {
    # --- any input ------------------------------------------------------------------
    "problems": (_problems_en, _problems_zh),
    "and then": ("{first}; {then}", "{first}；{then}"),
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
    "not a choice of": ("{value} is not one of {choices}", "{value} 不是可选的值：可用 {choices}"),
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
        "an in_step target tracks another rate target",
        "`in_step` 目标须跟随另一个增长率目标",
    ),
    "milestone outside": ("milestone {day} is outside the period", "里程碑 {day} 不在计划期内"),
    "baseline after period": (
        "the baseline must be dated before the period ends",
        "基数（`baseline`）的日期必须早于计划期结束",
    ),
    "needs unit and pace": (
        "a {comparator} target needs a 'unit' and a 'pace'",
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
        "a {comparator} target has no 'target' number",
        "`comparator: {comparator}` 的目标没有 `target` 数值",
    ),
    "needs a target number": (
        "a {comparator} target needs a 'target' number",
        "`comparator: {comparator}` 的目标需要 `target` 数值",
    ),
    "judged as a rate": (
        "a {comparator} target is judged as a rate: use pace: rate",
        "`comparator: {comparator}` 的目标按增长率评估：请用 `pace: rate`",
    ),
    "tracks only in step": (
        "'tracks' names the target of an in_step comparator, and only then",
        "`tracks` 只用于 `comparator: in_step`，指明所跟随的目标",
    ),
    "rate unit is percent": (
        "a rate target is a growth rate or share: its unit must be %",
        "`pace: rate` 的目标是增长率或比重：`unit` 必须是 `%`",
    ),
    "cumulative unit not percent": (
        "a cumulative target adds up amounts: its unit cannot be %",
        "`pace: cumulative` 的目标是累加的量：`unit` 不能是 `%`",
    ),
    "tolerance only about": (
        "'tolerance' applies to about and in_step targets only",
        "`tolerance` 只适用于 `about` 和 `in_step` 目标",
    ),
    "about needs tolerance": (
        "an about target in a unit other than % needs a 'tolerance'",
        "单位不是 `%` 的 `about` 目标需要 `tolerance`",
    ),
    "baseline only level": (
        "a 'baseline' paces a level target; other paces start from zero",
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
        "milestones pace cumulative and level targets, not rates",
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
        "'upper' is the top of a range comparator, and only then",
        "`upper` 只用于 `comparator: range`，是区间的上限",
    ),
    "upper below target": (
        "a range's 'upper' must be above its 'target' (its lower end)",
        "区间的 `upper` 必须高于其 `target`（下限）",
    ),
    "floor comparators": (
        "a 'floor' goes with at_least, more_than, about and range targets",
        "`floor`（确保）只用于 `at_least`、`more_than`、`about` 和 `range` 目标",
    ),
    "floor needs a pace": (
        "a 'floor' needs a pace: a level target without a baseline has none",
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
        "a percentage cannot apply to a target in {target_unit}",
        "百分比不能用于单位为 {target_unit} 的目标",
    ),
    "unit mismatch": (
        "unit {unit} cannot apply to a target in {target_unit}",
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
        "--section {section} matches no heading; the sections are: {headings}",
        "--section {section} 与任何栏目标题都不匹配；现有栏目：{headings}",
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
