"""Simplified Chinese for the messages on stderr: errors, hints and notices (issue 16).

Each pair is the English template, written like the f-string that makes the message (see
``output.i18n_patterns`` for the placeholders' kinds), and its Chinese. Values quoted from
the user or the data (a country typed, a period, a path, a command or option) are filled in
as they are. The first template that matches wins: a specific one comes before a general
one. A message that matches none stays in English.
"""

from __future__ import annotations

from cnasean.output.i18n_patterns import Table

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
    "value_type": (("int", "整数"), ("integer", "整数"), ("float", "数字")),
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
    "table_count": (("{count:n} {table}", "{table} 表 {count} 条"),),
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

MESSAGES: tuple[tuple[str, str], ...] = (
    # typer's (click's) usage errors
    (
        "Got unexpected extra argument(s) ({args}){see:see}",
        "多余的参数({args})。{see}",
    ),
    (
        "No such option: {option}{possible:possible}{see:see}",
        "没有选项 {option}{possible}。{see}",
    ),
    (
        "No such command {name:q}.{hint:command_hint}{see:see}",
        "没有命令 {name}。{hint}{see}",
    ),
    ("Missing argument {name}.{see:see}", "缺少参数 {name}。{see}"),
    ("Missing option {name}.{see:see}", "缺少选项 {name}。{see}"),
    ("Option {option:q} requires an argument.{see:see}", "选项 {option} 需要一个值。{see}"),
    ("Option {option:q} does not take a value.{see:see}", "选项 {option} 不接受值。{see}"),
    (
        "Invalid value for {option}: {problem:value_problem}{see:see}",
        "{option} 的值无效:{problem}{see}",
    ),
    # countries, choices, records (countries, query)
    (
        "Unknown country {text:q}. Did you mean: {names}?",
        "未知的国家 {text}。是否要找:{names}?",
    ),
    (
        "Unknown country {text:q}. cnasean covers China and the ASEAN members: try a name,"
        " an ISO code (TH, THA) or a Chinese name (泰国).",
        "未知的国家 {text}。cnasean 只涵盖中国和东盟成员国:请输入名称、ISO 代码(TH、THA)"
        "或中文名称(泰国)。",
    ),
    ("Ambiguous country {text:q}: it matches {names}.", "国家 {text} 有歧义:可指 {names}。"),
    (
        "Unknown {what:choice} {value:q}.{hint:did_you_mean} Choose from: {allowed}.",
        "未知的{what} {value}。{hint}可选:{allowed}。",
    ),
    (
        "Unknown {what:choice} {value:q}.{hint:did_you_mean} Choose one of: {allowed}.",
        "未知的{what} {value}。{hint}可选:{allowed}。",
    ),
    ("Unknown project {name:q}.{hint:project_hint}", "未知的项目 {name}。{hint}"),
    (
        "{name:q} matches {count:n} projects: {listed}. Use the id.",
        "{name} 与 {count} 个项目相符:{listed}。请使用编号。",
    ),
    (
        "Name a project: an id such as china-laos-railway, or words of its name.",
        "请指明项目:编号(如 china-laos-railway)或名称中的词。",
    ),
    ("Unknown source {id:q}.{hint:did_you_mean}", "未知的来源 {id}。{hint}"),
    ("No fact or source has the id {id:q}.{hint:id_hint}", "没有编号为 {id} 的事实或来源。{hint}"),
    (
        "Give a fact or source ID, or --dataset to cite the data itself.",
        "请给出事实或来源的编号,或用 --dataset 引用数据集本身。",
    ),
    (
        "Name an ASEAN member: the profile is of its relations with China.",
        "请指定一个东盟成员国:概况介绍的是它与中国的关系。",
    ),
    # dates and periods
    ("Bad date {text:q}: {problem:date_problem}.", "日期 {text} 有误:{problem}。"),
    ("Bad period {text:q}: {problem:period_problem}.", "时期 {text} 有误:{problem}。"),
    (
        "Bad year {text:q}: use four digits, e.g. 2024.",
        "年份 {text} 有误:请使用四位数字,例如 2024。",
    ),
    ("--until {until} is before --since {since}.", "--until {until} 早于 --since {since}。"),
    ("--from {start} is after --to {end}.", "--from {start} 晚于 --to {end}。"),
    # the data file
    (
        "Data file {where:data_file} {problem:file_problem}.{hint:backup}",
        "数据文件 {where} {problem}。{hint}",
    ),
    (
        "Data file {where:data_file}: table {table:q} is not a JSON object.",
        "数据文件 {where}:表 {table} 不是 JSON 对象。",
    ),
    (
        "Data file {where:data_file}: {table} document {key} is not a JSON object.",
        "数据文件 {where}:{table} 表中的文档 {key} 不是 JSON 对象。",
    ),
    ("{path}: the meta table is missing or empty.", "{path}:meta 表缺失或为空。"),
    (
        "Data file {where:data_file} cannot be found: the working folder no longer exists."
        " Change to a folder that exists, or give the full path.",
        "找不到数据文件 {where}:当前工作文件夹已不存在。请换到一个存在的文件夹,或给出完整路径。",
    ),
    (
        "Data file {where:data_file} cannot be found: {reason}.",
        "找不到数据文件 {where}({reason})。",
    ),
    (
        "Data file {where:data_file} is a link to {target}, which does not exist."
        " Remove the link or restore the file.",
        "数据文件 {where} 是指向 {target} 的链接,而后者不存在。请删除该链接或恢复文件。",
    ),
    (
        "Data file {where:data_file} is a loop of symbolic links."
        " Remove the link or point it at the file.",
        "数据文件 {where} 是循环的符号链接。请删除该链接或让它指向文件。",
    ),
    # options used together wrongly (cli)
    (
        "--fields needs field names, e.g. --fields period,value,sources.",
        "--fields 需要字段名,例如 --fields period,value,sources。",
    ),
    (
        "Unknown field {names} for -f {format}. Fields: {fields}.",
        "-f {format} 没有字段 {names}。可用字段:{fields}。",
    ),
    (
        "Unknown fields {names} for -f {format}. Fields: {fields}.",
        "-f {format} 没有字段 {names}。可用字段:{fields}。",
    ),
    ("-f {format} is for {owners:owners}.", "-f {format} 仅用于 {owners}。"),
    (
        "--chart draws for people; for data use --json or --format without it.",
        "--chart 画的是给人看的图;要数据请去掉它,使用 --json 或 --format。",
    ),
    ("--output writes a chart file: add --chart.", "--output 用于写图表文件:请加上 --chart。"),
    (
        "--output writes a chart file: add --chart (with --country, --history).",
        "--output 用于写图表文件:请加上 --chart(以及 --country、--history)。",
    ),
    (
        "--chart draws the yearly series: leave out --year, --period and --list.",
        "--chart 画的是逐年序列:请去掉 --year、--period 和 --list。",
    ),
    (
        "--chart draws one member's history: add --country NAME --history.",
        "--chart 画的是单个成员国的历史:请加上 --country NAME --history。",
    ),
    (
        "--rank ranks every member for one year: use --year (and --reporter, --currency),"
        " not --country, --period, --from, --to, --list or --chart.",
        "--rank 对某一年的全部成员国排名:请使用 --year(以及 --reporter、--currency),"
        "不要用 --country、--period、--from、--to、--list 或 --chart。",
    ),
    ("--rank ranks by total trade: leave out --flow.", "--rank 按贸易总额排名:请去掉 --flow。"),
    (
        "--rank compares the members from one reporter: China's customs (--reporter CN)."
        " Each member's own figures: --country X --reporter X.",
        "--rank 比较的是同一统计方的数据:中国海关(--reporter CN)。"
        "各成员国自己的数据:--country X --reporter X。",
    ),
    (
        "China is the other side of every figure; name an ASEAN member or ASEAN.",
        "每项数据的另一方都是中国;请指定一个东盟成员国或东盟。",
    ),
    (
        "Reporter {reporter} does not report trade with {partner}: use CN or {code}.",
        "统计方 {reporter} 不报告与 {partner} 的贸易:请使用 CN 或 {code}。",
    ),
    (
        "The flow summary is for one member: name it with --country.",
        "流向汇总针对单个成员国:请用 --country 指定。",
    ),
    (
        "Name one reporter for the flow summary: CN or the member.",
        "请为流向汇总指定一个统计方:CN 或该成员国。",
    ),
    (
        "{option}: name one ASEAN member, not ASEAN as a whole.",
        "{option}:请指定一个东盟成员国,而不是整个东盟。",
    ),
    ("{option}: name China or one ASEAN member.", "{option}:请指定中国或一个东盟成员国。"),
    (
        "China is one side of every rule: name the ASEAN member with --country.",
        "每条规定的一方都是中国:请用 --country 指定东盟成员国。",
    ),
    (
        "One side of every rule is China: --passport or --destination must be CN.",
        "每条规定的一方都是中国:--passport 或 --destination 必须是 CN。",
    ),
    (
        "--passport and --destination are the same country.",
        "--passport 和 --destination 是同一个国家。",
    ),
    ("Use --on or --history, not both.", "请使用 --on 或 --history,不要同时使用。"),
    (
        "Search for at least one word, e.g. cnasean search railway.",
        "请至少输入一个词,例如 cnasean search railway。",
    ),
    ("--limit must be 0 (no limit) or more.", "--limit 必须是 0(不限)或更大的数。"),
    (
        "The {what:query} is {length:n} characters long; at most {most:n} are read."
        " Use fewer words.",
        "{what}长 {length} 个字符;最多读取 {most} 个。请减少字数。",
    ),
    (
        "ask does not write {format}: use -f json (the answer and its facts), or the command"
        " for the facts (cnasean trade, visa, events ... -f csv).",
        "ask 不输出 {format}:请使用 -f json(回答及其依据的事实),或用相应命令获取事实"
        "(cnasean trade、visa、events ... -f csv)。",
    ),
    ("Unknown language {lang:q}: use en or zh.", "未知的语言 {lang}:请使用 en 或 zh。"),
    # optional extras and chart files
    (
        "--lang zh needs a Chinese font for the chart and none is installed (e.g. apt install"
        " fonts-noto-cjk, then rm -rf ~/.cache/matplotlib); or leave out --lang zh.",
        "--lang zh 的图表需要中文字体,但系统中没有安装(例如 apt install fonts-noto-cjk,"
        "然后 rm -rf ~/.cache/matplotlib);或者去掉 --lang zh。",
    ),
    (
        "A chart file is .svg or .png, not {suffix:q}: {path}.",
        "图表文件须为 .svg 或 .png,而不是 {suffix}:{path}。",
    ),
    (
        "Chart files need matplotlib, an optional extra: pip install 'cnasean[charts]'.",
        "图表文件需要 matplotlib(可选组件):pip install 'cnasean[charts]'。",
    ),
    (
        "Calendars need icalendar, an optional extra: pip install 'cnasean[calendar]'.",
        "日历需要 icalendar(可选组件):pip install 'cnasean[calendar]'。",
    ),
    ("cannot write the output: {reason}.", "无法写出结果({reason})。"),
    # hints and notices (cli)
    (
        "The data may be out of date: {late:stale*}. Newer data: cnasean db update FILE|URL"
        " (see cnasean db info).",
        "数据可能已过时:{late}。获取新数据:cnasean db update FILE|URL(见 cnasean db info)。",
    ),
    (
        "{option} {value} is in the future: shown as known today{detail:future_detail};"
        " it may change before then.",
        "{option} {value} 是将来的时间:显示的是目前已知的情况{detail};届时可能有变。",
    ),
    ("No project matches.", "没有符合条件的项目。"),
    ("No event matches.", "没有符合条件的事件。"),
    ("No source matches.", "没有符合条件的来源。"),
    ("Nothing matches. Try fewer or other words.", "没有找到匹配的内容。请减少或换用其他关键词。"),
    (
        "{shown:n} of {total:n} shown; --limit 0 for all.",
        "共 {total} 条,显示了 {shown} 条;--limit 0 显示全部。",
    ),
    ("Try: {command}", "可以试试:{command}"),
    (
        "No figures match. Try fewer filters, or --reporter all.",
        "没有符合条件的数据。请减少筛选条件,或使用 --reporter all。",
    ),
    (
        "No figures match {asked}. Nearest: {label} (--period {period}).",
        "没有 {asked} 的数据。最接近的是:{label}(--period {period})。",
    ),
    (
        "No figures for this selection. Try --list, or --reporter all.",
        "所选范围内没有数据。请试试 --list,或 --reporter all。",
    ),
    (
        "No figures for this selection. Try --list --reporter all.",
        "所选范围内没有数据。请试试 --list --reporter all。",
    ),
    (
        "No member has a {currency} total for {year}. Try --year.",
        "{year} 年没有哪个成员国有以 {currency} 计的总额。请用 --year 换一年。",
    ),
    ("No rule in the data matches on {day}.", "数据中没有在 {day} 适用的规定。"),
    ("No rule in the data matches.", "数据中没有符合条件的规定。"),
    (
        "{count:n} events dated only to a month or a year are left out of the calendar.",
        "{count} 个只精确到月或年的事件未写入日历。",
    ),
    (
        "{count:n} rules with no start or end date are left out of the calendar.",
        "{count} 条没有起止日期的规定未写入日历。",
    ),
    # db: what was written, checked, changed (cli.data, cli.data_channel, cli.changes)
    (
        "Wrote {private} (private: keep it secret) and {public} (give it to users: --trust).",
        "已写入 {private}(私钥:请保密)和 {public}(公钥:交给用户,配合 --trust 使用)。",
    ),
    (
        "Wrote {path}: data {version} (after {previous}). {briefly:any}",
        "已写入 {path}:数据 {version}(上一版 {previous})。{briefly}",
    ),
    ("Wrote {meta}: datasette {path} -m {again}", "已写入 {meta}:datasette {path} -m {again}"),
    ("Wrote {path}: {counts:table_count+}.", "已写入 {path}:{counts}。"),
    ("Wrote {path}.", "已写入 {path}。"),
    (
        "{count:n} of your edits conflict with the data in use (yours are read):"
        " see conflict.* below, or --json.",
        "您有 {count} 处修改与当前数据冲突(以您的修改为准):见下方 conflict.*,或使用 --json。",
    ),
    (
        "{path} with your edits ({edits}): {count:n} problem(s).",
        "{path}(含您的修改 {edits}):{count} 个问题。",
    ),
    ("{path} with your edits ({edits}): valid.", "{path}(含您的修改 {edits}):有效。"),
    ("{path}: {count:n} problem(s).", "{path}:{count} 个问题。"),
    ("{path}: valid.", "{path}:有效。"),
    ("Filled in: {fields}.", "已自动填写:{fields}。"),
    ("Added {kind} {id} to {path}.", "已将 {kind} {id} 添加到 {path}。"),
    ("Removed {kind} {id}.", "已删除 {kind} {id}。"),
    ("Dry run: nothing written.", "试运行:未写入任何内容。"),
    (
        "{added:n} added, {changed:n} changed, {unchanged:n} unchanged.",
        "新增 {added} 条,修改 {changed} 条,未变 {unchanged} 条。",
    ),
    ("No differences.", "没有差异。"),
    ("Already using the packaged data.", "已经在使用随包数据。"),
    ("Nothing changed.", "未做任何更改。"),
    (
        "Not on a terminal: add --yes to reset without asking.",
        "不在终端上:请加上 --yes,不经询问直接重置。",
    ),
    (
        "Not on a terminal: add --yes to roll back without asking.",
        "不在终端上:请加上 --yes,不经询问直接回滚。",
    ),
    (
        "No bundle given: cnasean has no hosted data channel yet. Give a bundle file or an"
        " http(s):// URL (cnasean db update FILE|URL), or set {variable}.",
        "没有给出数据包:cnasean 目前还没有托管的数据渠道。请给出数据包文件或 http(s):// 网址"
        "(cnasean db update FILE|URL),或设置 {variable}。",
    ),
    (
        "Back to {back:back_to}. {said:set_aside*}.",
        "已恢复为{back}。{said}。",
    ),
    (
        "Data {version} is installed already: nothing changed.",
        "数据 {version} 已经安装:未做任何更改。",
    ),
    (
        "Updated the data: {old} -> {new} (as of {as_of}). {briefly:any}",
        "数据已更新:{old} -> {new}(截至 {as_of})。{briefly}",
    ),
    (
        "The packaged data ({version}) is newer and stays in use.",
        "随包数据({version})更新,继续使用随包数据。",
    ),
    (
        "CNASEAN_DB is set: commands read that file, not the installed data.",
        "已设置 CNASEAN_DB:命令读取该文件,而不是已安装的数据。",
    ),
    (
        "{count:n} of your edits conflict with the new data (yours are read):"
        " cnasean db info lists them.",
        "您有 {count} 处修改与新数据冲突(以您的修改为准):cnasean db info 会列出它们。",
    ),
    (
        "With your edits the data has {count:n} problem(s): cnasean db validate.",
        "加上您的修改后,数据有 {count} 个问题:请运行 cnasean db validate。",
    ),
    (
        "No data bundle is installed: the packaged data is in use.",
        "没有安装数据包:正在使用随包数据。",
    ),
    ("Rolled back the data: {old} -> {new}.", "数据已回滚:{old} -> {new}。"),
    (
        "No changelog: the packaged data (version {version}) is in use, and changelogs come"
        " with data bundles (cnasean db update).",
        "没有更新日志:正在使用随包数据(版本 {version}),更新日志随数据包提供(cnasean db update)。",
    ),
    ("{version} (as of {as_of}): {briefly:any}", "{version}(截至 {as_of}):{briefly}"),
)

ZH_MESSAGES = Table(MESSAGES, FAMILIES, separators={"*": ";", "+": "、"})
