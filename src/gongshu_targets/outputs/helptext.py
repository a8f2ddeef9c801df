"""What --help says, in English and in Chinese: one table per language, with the same keys.

Each table holds every command's description (its first paragraph is its line in
``targets --help``), every option's and argument's help, the words of the usage line and of
the panels, and the words that stand for a value (DATE, PLAN). The command line looks every
text up here (``command_help``, ``param_help``, ``word``); nothing else words --help.

Keys: a command's name (``targets`` is the group); ``COMMAND --option`` or
``COMMAND ARGUMENT`` for one command's option or argument, else ``--option`` for an option
that reads alike on every command that takes it; ``value WORD`` for a value's word; the
frame's own words by name. Option names, file names, environment variables, commands and
the values an option takes are typed, so they stay as they are in both languages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongshu_targets.enums import Lang

if TYPE_CHECKING:
    from gongshu_targets.outputs.formats import Menu

_DATES_EN = "YYYY-MM-DD, YYYY/M/D, YYYYQn (quarter end) or YYYY-MM (month end)"
_DATES_ZH = "YYYY-MM-DD、YYYY/M/D、YYYYQn（季末）或 YYYY-MM（月末）"

EN: dict[str, str] = {
    # The frame.
    "usage": "Usage: {}",
    "[OPTIONS]": "[OPTIONS]",
    "COMMAND [ARGS]...": "COMMAND [ARGS]...",
    "Arguments": "Arguments",
    "Options": "Options",
    "Commands": "Commands",
    "default": "[default: {}]",
    "env var": "[env var: {}]",
    "required": "[required]",
    "formats": "{} or {}",
    "format default": "default: from -o's suffix ({}), else {}",
    "format sep": "; ",
    "format end": ".",
    # The words that stand for a value.
    "value PLAN": "PLAN",
    "value DATE": "DATE",
    "value FORMAT": "FORMAT",
    "value SECTION": "SECTION",
    "value STATUS": "STATUS",
    "value DAYS": "DAYS",
    "value ID": "ID",
    "value VALUE": "VALUE",
    "value PERCENT": "PERCENT",
    "value NOTE": "NOTE",
    "value SOURCE": "SOURCE",
    "value ENCODING": "ENCODING",
    "value DIR": "DIR",
    "value REPORT": "REPORT",
    "value REGION": "REGION",
    "value YEAR": "YEAR",
    "value TITLE": "TITLE",
    "value REGION-EN": "REGION-EN",
    "value TITLE-EN": "TITLE-EN",
    "value SHEET": "SHEET",
    "value OUTPUT": "OUTPUT",
    # The group.
    "targets": "Track the quantified commitments of a government work report against the "
    "time-proportional pace.\n\n"
    "The plan is --file/-f, else $TARGETS_FILE, else ./targets.yaml; start your own with "
    "`targets new DIR`. Without one, only status and show fall back to the bundled example "
    "plan (and say so); every other command exits 2. Exit codes: 0 ok, 1 check failed, 2 "
    "usage error, 3 invalid input data, 4 internal error, 130 interrupted.",
    "targets --debug": "Show the traceback of an internal error.",
    "targets --version": "Show the version.",
    # Options that read alike on every command.
    "--help": "Show this message and exit.",
    "--file": "The plan (targets.yaml); its progress.csv sits beside it.",
    "--lang": "Every word in Chinese (zh, the default) or English (en); plan text with no "
    "English form stays as written. Set TARGETS_LANG=en once for English everywhere.",
    "--as-of": f"Judge with figures up to this date only ({_DATES_EN}); default: each "
    "target's latest figure.",
    "--output": "Write to this file (default: stdout).",
    "--replace": "Record a different value for an existing (id, date) as a revision; the "
    "earlier figure stays in progress.csv as history.",
    "--accept-implausible": "Record a figure the plausibility check refuses (far from its "
    "target's scale, or a rate out of range); its note then says it was accepted against "
    "the check.",
    # The commands, in the order `targets --help` lists them.
    "status": "Every target with its latest figure, pace, gap, status and score.",
    "status --section": "Only the sections whose heading contains this text, in either "
    "language (the plan's section or section_en).",
    "status --status": "Only targets with this status (repeatable): achieved, on_track, "
    "at_risk, off_track, missed, pending or no_data, or its label in the table, in either "
    "language (at risk).",
    "status --problems": "Only the missed, off-track and at-risk targets, worst first (add "
    "--status to narrow, --sort gap to order by gap).",
    "status --sort": "plan (the plan's order, by section), status (worst first) or gap "
    "(furthest behind the pace first).",
    "status --all": "List every target in the table even when the plan has more than 200 (a "
    "longer table shows the worst problems and a line per section).",
    "status --format": "table for people, the others for tools",
    "status --by": "Roll the targets up: counts and score per owner (the lead department) "
    "or section.",
    "show": "One target in full: the report's quote, the rule, its history and how it was judged.",
    "show ID": "The target's id, e.g. rd-intensity.",
    "validate": "Load the plan and its progress.csv and report every problem (exit 3 if any).",
    "init": "Write an editable copy of the bundled example plan, its progress.csv and report.",
    "init DIR": "Where to write the copy (default: here).",
    "new": "Start a blank plan of your own: targets.yaml with no targets, an empty "
    "progress.csv and the report text. Fill it with `targets draft`.",
    "new DIR": "Where to write the plan (made if missing).",
    "new --report": "The report's text (UTF-8); copied into reports/.",
    "new --region": "Whose report it is: the region's name as the report writes it.",
    "new --year": "The calendar year the plan covers, 1949 to 2200 (default: this year).",
    "new --start": "The period's first day, for a period that is not a calendar year (with --end).",
    "new --end": "The period's last day.",
    "new --title": "The plan's title (default: made of REGION and YEAR as a work report's "
    "main targets are titled in Chinese).",
    "new --region-en": "The region in English, for --lang en, e.g. Some District, Some City.",
    "new --title-en": "The title in English, for --lang en (default with --region-en and no "
    "--title: REGION_EN: main targets of the YEAR government work report).",
    "new --id": "The plan's kebab-case id (default: work-report-YEAR).",
    "update": "Record one figure in progress.csv: a VALUE, a --progress share, or both.",
    "update ID": "The target's id.",
    "update VALUE": "The figure: 4.6, 15.2%, 40,000, or with the report's unit: 4万, 75.7亿元.",
    "update --progress": "The share of the year's task done (52%), instead of or beside "
    "VALUE; the one figure a task takes.",
    "update --as-of": f"{_DATES_EN}; default: today.",
    "update --note": "A note kept with the figure.",
    "update --source": "Where the figure comes from.",
    "retract": "Take back a figure recorded by mistake: a retraction row is appended to "
    "progress.csv, the figure no longer counts, and a new one may be recorded for that date.",
    "retract ID": "The target's id.",
    "retract --as-of": f"{_DATES_EN}.",
    "retract --note": "Why the figure is taken back.",
    "retract --progress": "Take back the share of the task done, not the value.",
    "import": "Import a quarter's figures, all or nothing: one bad row and nothing is written.",
    "import SHEET": "A .csv or .xlsx file: columns id, as_of, value and/or progress, optional "
    "note and source (or the same columns headed in Chinese); or the district's own table "
    "(item numbers and shares done) with --as-of.",
    "import --as-of": f"The date of every row of a sheet with no date column ({_DATES_EN}).",
    "import --dry-run": "Show what would change; write nothing.",
    "import --encoding": "The CSV's encoding, if neither UTF-8 nor GB18030/GBK.",
    "template": "A sheet to fill in for a quarter (.csv or .xlsx): fill the value column, then "
    "import it.",
    "template --as-of": f"The date the figures are for ({_DATES_EN}); default: the end of the "
    "plan's period.",
    "export": "Every recorded figure, revisions included (CSV for Excel: UTF-8 with BOM). "
    "Column titles, units and the sheet's name follow --lang, and import reads either "
    "language back; JSON keeps its keys.",
    "check": "A CI gate: exit 1 when a target is at or past the fail level, listing each one.",
    "check --fail-on": "The least severe finding that fails: off_track (default), at_risk, or "
    "stale (with --max-age); a status also as the table labels it, in either language (at "
    "risk). missed always fails.",
    "check --max-age": "Report a target whose latest figure is older than DAYS (0 or more), "
    "counted from the evaluation date (--as-of, else the latest figure's date), as stale.",
    "check --format": "github: annotations for the job; junit: a test report",
    "diff": "What changed between two dates (by default the last two that have figures): each "
    "target whose figure or status moved, its value at both dates, better or worse.",
    "diff --from": "The earlier date; default: the date before --to that has figures.",
    "diff --to": "The later date; default: the last date that has figures.",
    "diff --format": "markdown for a pull request's description",
    "coverage": "Check that every quantified commitment in the report text is a target (exit 1 "
    "if not).",
    "coverage REPORT": "The report text (default: the source the plan names, relative to the "
    "plan).",
    "draft": "Draft a plan from a report: one target per commitment found, each to review. The "
    "header (title, region, period) is the plan's from `targets new`, else guessed.",
    "draft REPORT": "The report's text (UTF-8).",
    "draft --output": "Write the draft plan here (default: stdout); review it, then save it as "
    "targets.yaml.",
    "schema": "Print the JSON Schema of targets.yaml (what targets.schema.json holds, for "
    "editors).",
    "report": "The quarterly table of the work report's main targets and their progress, in "
    "Excel, Markdown, CSV or a self-contained HTML page with charts.",
}

ZH: dict[str, str] = {
    "usage": "用法：{}",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "default": "[默认：{}]",
    "env var": "[环境变量：{}]",
    "required": "[必填]",
    "formats": "可用 {} 或 {}",
    "format default": "默认按 -o 文件的后缀（{}）确定，否则为 {}",
    "format sep": "；",
    "format end": "。",
    "value PLAN": "计划文件",
    "value DATE": "日期",
    "value FORMAT": "格式",
    "value SECTION": "板块",
    "value STATUS": "状态",
    "value DAYS": "天数",
    "value ID": "编号",
    "value VALUE": "数值",
    "value PERCENT": "百分比",
    "value NOTE": "备注",
    "value SOURCE": "来源",
    "value ENCODING": "编码",
    "value DIR": "目录",
    "value REPORT": "报告文本",
    "value REGION": "地区",
    "value YEAR": "年份",
    "value TITLE": "标题",
    "value REGION-EN": "英文地区名",
    "value TITLE-EN": "英文标题",
    "value SHEET": "表格文件",
    "value OUTPUT": "输出文件",
    "targets": "对照序时进度，跟踪政府工作报告中各项量化目标任务的完成情况。\n\n"
    "计划文件由 --file/-f 指定，未指定时依次取 $TARGETS_FILE、./targets.yaml；"
    "用 `targets new 目录` 建立自己的计划。找不到计划时，只有 `targets status` 和 "
    "`targets show` 改用内置的示例计划（并予以说明），其余命令均以退出码 2 退出。退出码：0 正常，"
    "1 检查未通过，2 用法错误，3 输入数据无效，4 内部错误，130 被中断。",
    "targets --debug": "发生内部错误时显示调用栈。",
    "targets --version": "显示版本号。",
    "--help": "显示本帮助并退出。",
    "--file": "计划文件（targets.yaml），其 progress.csv 放在同一目录下。",
    "--lang": "全部用中文（zh，默认）或英文（en）输出；计划中没有英文写法的文字照原样显示。"
    "设置一次 TARGETS_LANG=en，各命令即都用英文。",
    "--as-of": f"只用截至此日期的数据评估（{_DATES_ZH}）；默认用每项目标的最新数据。",
    "--output": "写入此文件（默认输出到标准输出）。",
    "--replace": "同一目标、同一日期已有数据时，把不同的数值作为修订录入；"
    "原数据作为历史记录保留在 progress.csv 中。",
    "--accept-implausible": "录入未通过合理性检查的数据（与目标的量级相差过大，或比率超出"
    "合理范围）；其备注将注明该数据未通过检查而仍予录入。",
    "status": "列出每项目标的最新数据、序时进度、差距、状态和得分。",
    "status --section": "只看标题含有此文字的板块，中文或英文标题均可，如 科技 或 （二）。",
    "status --status": "只看此状态的目标（可多次使用）：可用 achieved、on_track、at_risk、"
    "off_track、missed、pending 或 no_data，也可用表中的中文或英文状态名（如 存在风险）。",
    "status --problems": "只看未完成、滞后序时和存在风险的目标，最差的在前（可再用 --status "
    "缩小范围，用 --sort 按差距排序）。",
    "status --sort": "可用 plan（按计划顺序，分板块）、status（状态最差的在前）或 gap"
    "（落后序时进度最多的在前）。",
    "status --all": "计划超过 200 项目标时也在表中逐项列出（否则表中只列最严重的问题，"
    "每个板块各列一行）。",
    "status --format": "table 供人阅读，其余供程序读取",
    "status --by": "汇总目标：按牵头单位（owner）或板块（section）统计各状态的项数和得分。",
    "show": "查看一项目标的全貌：报告原文、评估规则、历次数据和评估过程。",
    "show ID": "目标的编号，如 rd-intensity。",
    "validate": "读取计划及其 progress.csv，列出发现的每个问题（有问题时退出码为 3）。",
    "init": "复制一份可编辑的内置示例计划，连同其 progress.csv 和报告文本。",
    "init DIR": "复制到此目录（默认为当前目录）。",
    "new": "新建一份自己的空白计划：不含目标的 targets.yaml、空的 progress.csv 和报告文本。"
    "再用 `targets draft` 填入目标。",
    "new DIR": "计划写入此目录（目录不存在时自动创建）。",
    "new --report": "报告文本（UTF-8 编码），将复制到 reports/ 目录下。",
    "new --region": "报告所属的地区，如 某市某区。",
    "new --year": "计划所属的年度，1949 至 2200（默认为今年）。",
    "new --start": "计划期的第一天，用于不按自然年计算的计划期（与 --end 同用）。",
    "new --end": "计划期的最后一天。",
    "new --title": "计划的标题（默认为 地区 + 年份 + 年政府工作报告主要目标任务）。",
    "new --region-en": "地区的英文名，供 --lang en 使用。",
    "new --title-en": "标题的英文写法，供 --lang en 使用（给了 --region-en 而未给 --title 时，"
    "默认由英文地区名和年份生成）。",
    "new --id": "计划的编号，用小写字母、数字和连字符（默认由年份生成）。",
    "update": "在 progress.csv 中录入一项数据：数值、--progress 完成进度，或两者都录。",
    "update ID": "目标的编号。",
    "update VALUE": "数值，如 4.6、15.2%、4万、75.7亿元、40,000。",
    "update --progress": "完成进度：年度任务已完成的比例（如 52%），可代替数值或与数值一并录入；"
    "任务类目标只录这一项。",
    "update --as-of": f"{_DATES_ZH}；默认为今天。",
    "update --note": "随数据保存的备注。",
    "update --source": "数据的来源。",
    "retract": "撤回误录的数据：在 progress.csv 末尾追加一行撤回记录，该数据不再计入，"
    "此日期可重新录入。",
    "retract ID": "目标的编号。",
    "retract --as-of": f"{_DATES_ZH}。",
    "retract --note": "撤回的原因。",
    "retract --progress": "撤回完成进度，而不是数值。",
    "import": "导入一个季度的数据，要么全部导入，要么一行不导：只要有一行有误，就不写入任何内容。",
    "import SHEET": "一个 .csv 或 .xlsx 文件：列为 编号、日期、数值 和/或 完成进度（列名也可用"
    "英文），可选 备注、来源；也可以是区里自己的表格（序号 … 完成进度），此时须给出 --as-of。",
    "import --as-of": f"表格没有日期列时，每一行数据的日期（{_DATES_ZH}）。",
    "import --dry-run": "只显示将有哪些变化，不写入任何内容。",
    "import --encoding": "csv 文件的编码（既不是 UTF-8，也不是 GB18030/GBK 时）。",
    "template": "生成一个季度的填报表（.csv 或 .xlsx）：填好数值列后导入。",
    "template --as-of": f"数据所属的日期（{_DATES_ZH}）；默认为计划期末。",
    "export": "导出已录入的全部数据，含修订记录（csv 为带 BOM 的 UTF-8 编码，便于 Excel 打开）。"
    "列名、单位和工作表名称随 --lang 而定，两种语言的表格都能再导入；json 的键名不变。",
    "check": "供持续集成使用的检查：有目标达到或超过不通过的等级时，逐项列出，退出码为 1。",
    "check --fail-on": "判为不通过的最低等级：可用 off_track（默认）、at_risk 或 stale"
    "（与 --max-age 同用）；状态也可写作表中的中文或英文状态名（如 存在风险）。"
    "未完成的目标总是判为不通过。",
    "check --max-age": "最新数据早于评估日期（--as-of，未给时为最新数据的日期）超过 天数 天"
    "（0 或以上）的目标，报告为数据过时。",
    "check --format": "github 在作业中标注；junit 为测试报告",
    "diff": "比较两个日期之间的变化（默认为最近两个有数据的日期）：列出数据或状态有变动的每项"
    "目标、两个日期的数值，以及是好转还是变差。",
    "diff --from": "较早的日期；默认为 --to 之前最近一个有数据的日期。",
    "diff --to": "较晚的日期；默认为最后一个有数据的日期。",
    "diff --format": "markdown 适合贴入合并请求的说明",
    "coverage": "检查报告文本中的每项量化目标任务是否都已列入计划（有遗漏时退出码为 1）。",
    "coverage REPORT": "报告文本（默认为计划注明的来源文件，路径相对于计划文件）。",
    "draft": "根据报告文本起草计划：每找到一项目标任务就列一项目标，逐项待审核。标题、地区和"
    "计划期取自 `targets new` 建立的计划，没有时自动推测。",
    "draft REPORT": "报告文本（UTF-8 编码）。",
    "draft --output": "计划草稿写入此文件（默认输出到标准输出）；审核后另存为 targets.yaml。",
    "schema": "输出 targets.yaml 的结构定义（即 targets.schema.json 的内容），供编辑器校验和补全。",
    "report": "生成季度报表《政府工作报告》主要目标任务完成情况：Excel 工作簿、markdown、csv，"
    "或带图表、可单独打开的 html 网页。",
}

HELP: dict[Lang, dict[str, str]] = {Lang.EN: EN, Lang.ZH: ZH}


def word(key: str, lang: Lang) -> str:
    """One of the frame's words (``usage``, ``Options``, ``default``…) in ``lang``."""
    return HELP[lang][key]


def value_word(shown: str, lang: Lang) -> str:
    """What --help shows for a value (``DATE``, ``[VALUE]``) in ``lang``: a word of the
    table, in its brackets if it has them; anything else (a list of choices) as it is."""
    bare = shown.strip("[]")
    words = HELP[lang].get(f"value {bare}")
    return shown if words is None else shown.replace(bare, words)


def command_help(command: str, lang: Lang) -> str:
    return HELP[lang][command]


def param_help(command: str, name: str, lang: Lang) -> str:
    """The help of ``command``'s option (``--as-of``) or argument (``ID``): its own, else
    the one every command shares; ``--format``'s from the command's formats."""
    table = HELP[lang]
    if name == "--format":
        from gongshu_targets.outputs.formats import MENUS

        (menu,) = [m for m in MENUS if m.command == command]
        return format_help(menu, table.get(f"{command} --format", ""), lang)
    return table.get(f"{command} {name}") or table[name]


def format_help(menu: Menu[object], note: str, lang: Lang) -> str:
    """What --help says of --format: the formats (aliases in brackets), a note, and for a
    command with -o where the default comes from (else --help shows it)."""
    from gongshu_targets.outputs.phrases import say

    names = [say(f.said, lang) for f in menu.formats]
    comma = "、" if lang is Lang.ZH else ", "
    *first, last = names
    parts = [word("formats", lang).format(comma.join(first), last) if first else last]
    parts += [note] if note else []
    if menu.output:
        suffixes = " ".join(s for f in menu.formats for s in f.suffixes)
        parts.append(word("format default", lang).format(suffixes, menu.default.name))
    return word("format sep", lang).join(parts) + word("format end", lang)
