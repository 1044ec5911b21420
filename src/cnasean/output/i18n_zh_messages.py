"""Simplified Chinese for the messages on stderr: errors, hints and notices (issue 16).

Each pair is the English template, written like the f-string that makes the message (see
``output.i18n_patterns`` for the placeholders' kinds), and its Chinese. Values quoted from
the user or the data (a country typed, a period, a path, a command or option) are filled in
as they are. The first template that matches wins: a specific one comes before a general
one. A message that matches none stays in English. The errors are here; the hints and
notices in ``i18n_zh_notes``, the fragments both are made of in ``i18n_zh_fragments``.
"""

from __future__ import annotations

from cnasean.output.i18n_patterns import Table
from cnasean.output.i18n_zh_fragments import FAMILIES
from cnasean.output.i18n_zh_notes import NOTES

ERRORS: tuple[tuple[str, str], ...] = (
    (
        "Got unexpected extra argument(s) ({args}){see:see}",
        "多余的参数({args})。{see}",
    ),
    (
        "No such option: {option:w}{possible:possible}{see:see}",
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
    # a record, a value or a file given as input (db add, db set, db import)
    ("{what:input} {problem:file_problem}.", "{what}{problem}。"),
    (
        "No record given: use --record '{...}', --file FILE, or pipe JSON in.",
        "没有给出记录:请使用 --record '{{...}}'、--file FILE,或用管道传入 JSON。",
    ),
    (
        "No record has the id {id:q}. Find ids with: cnasean search WORDS.",
        "没有编号为 {id} 的记录。查找编号:cnasean search WORDS。",
    ),
    # records added, changed, removed (store.edit)
    ("A record is a JSON object with an id.", "记录应是带 id 的 JSON 对象。"),
    (
        'Refused: {id} cites no source. Add "sources": ["ID", ...].',
        '已拒绝:{id} 没有引用来源。请加上 "sources": ["ID", ...]。',
    ),
    (
        "A record with the id {id:q} exists; use db set or db import.",
        "编号为 {id} 的记录已存在;请使用 db set 或 db import。",
    ),
    (
        "Ids do not change: remove the record and add it again.",
        "编号不能修改:请删除该记录后重新添加。",
    ),
    ("Refused: a fact must cite at least one source.", "已拒绝:事实必须至少引用一个来源。"),
    (
        "{kind:w} records have no field {field:q}. Fields: {fields}.",
        "{kind} 记录没有字段 {field}。可用字段:{fields}。",
    ),
    (
        "Source {id:w} is cited by {users}; remove or change those first.",
        "来源 {id} 被 {users} 引用;请先删除或修改这些记录。",
    ),
    (
        "A CSV file holds one kind: add --kind (sources, trade, visa, ...).",
        "一个 CSV 文件只存一类记录:请加上 --kind(sources、trade、visa 等)。",
    ),
    # files written (db export, chart files)
    (
        "{path} is a folder: give the name of a file to write.",
        "{path} 是文件夹:请给出要写入的文件名。",
    ),
    ("Cannot write {path}: {reason}.", "无法写入 {path}({reason})。"),
    (
        "Refused: {path} is {what:refused} data file cnasean reads{named:named}; export to"
        " another file.",
        "已拒绝:{path} 是 cnasean 读取的数据文件{what}{named};请导出到另一个文件。",
    ),
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
        "{option:w}: name one ASEAN member, not ASEAN as a whole.",
        "{option}:请指定一个东盟成员国,而不是整个东盟。",
    ),
    ("{option:w}: name China or one ASEAN member.", "{option}:请指定中国或一个东盟成员国。"),
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
        "cnasean mcp needs the MCP SDK, an optional extra: pip install 'cnasean[mcp]'"
        " ({module} is missing).",
        "cnasean mcp 需要 MCP SDK(可选组件):pip install 'cnasean[mcp]'(缺少 {module})。",
    ),
    (
        "Calendars need icalendar, an optional extra: pip install 'cnasean[calendar]'.",
        "日历需要 icalendar(可选组件):pip install 'cnasean[calendar]'。",
    ),
    ("cannot write the output: {reason}.", "无法写出结果({reason})。"),
)

MESSAGES = ERRORS + NOTES
ZH_MESSAGES = Table(MESSAGES, FAMILIES, separators={"*": ";", "+": "、"})
