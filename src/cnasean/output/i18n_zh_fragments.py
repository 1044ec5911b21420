"""Simplified Chinese for the fragments the messages on stderr are made of: the hints click
and cnasean add, what is wrong with a date or a data file, the kinds of a choice
(``output.i18n_zh_messages`` names them as the *families* of its placeholders)."""

from __future__ import annotations

_ISO = "请使用 YYYY-MM-DD 格式,例如 2023-12-01"

FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    # what click adds, and what cli.outcome.report adds after it
    "see": (("", ""), (" See '{command} --help'.", "请查看 '{command} --help'。")),
    "possible": (("", ""), (" (Possible options: {options})", "(可能的选项:{options})")),
    "command_hint": (("", ""), (" Did you mean {names}?", "是否要找 {names}?")),
    "value_problem": (
        ("{value:q} is not one of {choices}.", "{value} 不是 {choices} 之一。"),
        ("{value:q} is not a valid {type:value_type}.", "{value} 不是有效的{type}。"),
        ("{value} is not in the range {range}.", "{value} 不在范围 {range} 内。"),
    ),
    "value_type": (("int", "整数"), ("float range", "数字")),
    # the suggestions cnasean adds
    "did_you_mean": (("", ""), (" Did you mean: {names}?", "是否要找:{names}?")),
    "project_hint": (
        (" Did you mean: {ids}?", "是否要找:{ids}?"),
        (" List them with: cnasean infra.", "查看全部项目:cnasean infra。"),
    ),
    "id_hint": (
        (" Did you mean: {ids}?", "是否要找:{ids}?"),
        (" Find ids with: cnasean search WORDS.", "查找编号:cnasean search WORDS。"),
    ),
    "choice": (
        ("flow", "流向"),
        ("currency", "货币"),
        ("kind", "类别"),
        ("project type", "项目类型"),
        ("status", "状态"),
        ("category", "类别"),
        ("purpose", "目的"),
        ("source kind", "来源类别"),
    ),
    "query": (("question", "问题"), ("search text", "搜索内容")),
    "owners": (
        ("cnasean events and cnasean visa", "cnasean events 和 cnasean visa"),
        ("cnasean changes", "cnasean changes"),
    ),
    # dates and periods (cnasean.dates)
    "iso": (("use YYYY-MM-DD, e.g. 2023-12-01", _ISO),),
    "date_problem": (
        ("month {month:n} does not exist", "月份 {month} 不存在"),
        ("{month} has no day {day:n}", "{month} 没有 {day} 日"),
        ("year {year:n} is out of range {low:n}-{high:n}", "年份 {year} 超出范围 {low}-{high}"),
        ("use YYYY-MM-DD, e.g. 2023-12-01", _ISO),
        ("a whole day is needed here; {use:iso}", "这里需要具体到某一天;{use}"),
        ("it does not name a whole day; {use:iso}", "没有具体到某一天;{use}"),
        ("a day is needed, not a time; {use:iso}", "需要的是日期,不是时间;{use}"),
    ),
    "period_problem": (
        (
            "use 2025, 2025-03, 2025-03-01, 2025-Q3, 2025-H1 or a range 2025-01..2025-09",
            "请使用 2025、2025-03、2025-03-01、2025-Q3、2025-H1 或范围 2025-01..2025-09",
        ),
        (
            "a range needs both ends, e.g. 2025-01..2025-09",
            "范围需要起止两端,例如 2025-01..2025-09",
        ),
        ("the range is reversed ({start} is after {end})", "范围颠倒了({start} 在 {end} 之后)"),
    ),
    # the data file (store.locate, store.files, store.storage)
    "data_file": (
        ("{path} (from --db)", "{path}(来自 --db)"),
        ("{path} (from CNASEAN_DB)", "{path}(来自 CNASEAN_DB)"),
        ("{path} (your copy)", "{path}(您的副本)"),
        ("{path}", "{path}"),
    ),
    "file_problem": (
        ("does not exist", "不存在"),
        ("is a directory, not a file", "是文件夹,不是文件"),
        ("cannot be read: permission denied", "无法读取:没有权限"),
        ("cannot be opened: {reason}", "无法打开({reason})"),
        ("cannot be read: {reason}", "无法读取({reason})"),
        ("is empty", "是空的"),
        (
            "is not a cnasean data file: it does not start with a JSON object",
            "不是 cnasean 数据文件:它不以 JSON 对象开头",
        ),
        ("is not a cnasean data file (no tables)", "不是 cnasean 数据文件(没有数据表)"),
        (
            "has no meta table; it is not a cnasean data file",
            "没有 meta 表;不是 cnasean 数据文件",
        ),
        ("is not a cnasean data file", "不是 cnasean 数据文件"),
        (
            "is not a regular file (a pipe or a device?): save it to a file",
            "不是普通文件(是管道或设备?):请先存成文件",
        ),
        ("is larger than {size}, the most cnasean reads", "大于 {size},超出 cnasean 的读取上限"),
        ("is not text: it holds NUL bytes (a sparse file?)", "不是文本:含有 NUL 字节(稀疏文件?)"),
        ("is not text: it holds NUL bytes", "不是文本:含有 NUL 字节"),
        ("is not UTF-8 text (byte {byte:n})", "不是 UTF-8 文本(第 {byte} 字节)"),
        (
            "is not valid JSON: {reason} at line {line:n}, column {column:n}",
            "不是有效的 JSON:第 {line} 行第 {column} 列有误({reason})",
        ),
        ("is nested too deeply to be {what:nested}", "嵌套太深,无法{what}"),
        (
            "has the key {key:q} twice in one object{where:in_record}: JSON keeps only the last,"
            " so the other would be lost; remove one of them",
            "中有一个对象{where}两次出现键 {key}:JSON 只保留后一个,前一个会丢失;请删除其中一个",
        ),
    ),
    "nested": (("a data file", "作为数据文件读取"), ("read", "读取")),
    "in_record": (("", ""), (" (in the record {id:q})", "(在记录 {id} 中)")),
    "input": (("The record", "记录"), ("The value", "该值"), ("{path:w}", "{path} ")),
    "refused": (("a", ""), ("the backup of a", "的备份"), ("the write lock of a", "的写锁")),
    "named": (("", ""), (" ({path})", "({path})")),
    "backup": (("", ""), (" The previous version is in {path}.", "上一版本保存在 {path}。")),
    # the stale-data notice (store.freshness)
    "stale": (
        (
            "trade figures end in {month} (newer ones were due by {due})",
            "贸易数据截至 {month}(更新的数据应于 {due} 前发布)",
        ),
        (
            "{kind:stale_kind} as of {as_of} are past their {days:n}-day review",
            "{kind}(截至 {as_of})已超过 {days} 天的复核期",
        ),
    ),
    "stale_kind": (("visa rules", "签证规定"), ("projects", "项目"), ("events", "事件")),
    "future_detail": (
        ("", ""),
        (" (rules without an end date as still in force)", "(没有截止日期的规定按仍然有效显示)"),
    ),
    # db export, db reset
    "table_count": (("{count:n} {table:w}", "{table} 表 {count} 条"),),
    "back_to": (
        ("the packaged data", "随包数据"),
        ("the installed data, without edits", "已安装的数据(不含您的修改)"),
    ),
    "set_aside": (
        (
            "{user} was a link to {target}, which is untouched",
            "{user} 原是指向 {target} 的链接,{target} 未被改动",
        ),
        ("your copy is kept as {path}", "您的副本已另存为 {path}"),
        ("your edits are kept as {path}", "您的修改已另存为 {path}"),
    ),
}
