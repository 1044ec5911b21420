"""Chinese for the messages on stderr under ``--lang zh`` (issue 16, item 5): errors, hints
and notices. Each is run through the command line in both languages: the Chinese line, with
the values the user typed or the data holds kept as they are, the same exit code, and the
English line unchanged. Then the table itself: every template is used by one of these
messages, and fills in only what its English matched.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cnasean.output.i18n_zh_messages import FAMILIES, MESSAGES, ZH_MESSAGES
from conftest import in_process, mini_data

# <MINI> is the tiny data file (conftest), <TMP> the test's folder (for the files below).
CASES: list[tuple[str, str, str, int]] = [
    # typer's (click's) usage errors, with where to look
    (
        "trade extra",
        "Got unexpected extra argument(s) (extra) See 'cnasean trade --help'.",
        "多余的参数(extra)。请查看 'cnasean trade --help'。",
        2,
    ),
    (
        "trade --lst",
        "No such option: --lst (Possible options: --list, --to) See 'cnasean trade --help'.",
        "没有选项 --lst(可能的选项:--list, --to)。请查看 'cnasean trade --help'。",
        2,
    ),
    (
        "infra --limit 3",
        "No such option: --limit See 'cnasean infra --help'.",
        "没有选项 --limit。请查看 'cnasean infra --help'。",
        2,
    ),
    (
        "trad",
        "No such command 'trad'. Did you mean 'trade'? See 'cnasean --help'.",
        "没有命令 'trad'。是否要找 'trade'?请查看 'cnasean --help'。",
        2,
    ),
    (
        "zzzzz",
        "No such command 'zzzzz'. See 'cnasean --help'.",
        "没有命令 'zzzzz'。请查看 'cnasean --help'。",
        2,
    ),
    (
        "infra show",
        "Missing argument 'name'. See 'cnasean infra show --help'.",
        "缺少参数 'name'。请查看 'cnasean infra show --help'。",
        2,
    ),
    (
        "db bundle",
        "Missing option '--output' / '-o'. See 'cnasean db bundle --help'.",
        "缺少选项 '--output' / '-o'。请查看 'cnasean db bundle --help'。",
        2,
    ),
    (
        "trade --period",
        "Option '--period' requires an argument.",
        "选项 '--period' 需要一个值。",
        2,
    ),
    ("trade --list=3", "Option '--list' does not take a value.", "选项 '--list' 不接受值。", 2),
    (
        "search x --limit abc",
        "Invalid value for '--limit': 'abc' is not a valid int. See 'cnasean search --help'.",
        "'--limit' 的值无效:'abc' 不是有效的整数。请查看 'cnasean search --help'。",
        2,
    ),
    (
        "db update x --timeout abc",
        "Invalid value for '--timeout': 'abc' is not a valid float range."
        " See 'cnasean db update --help'.",
        "'--timeout' 的值无效:'abc' 不是有效的数字。请查看 'cnasean db update --help'。",
        2,
    ),
    (
        "db update x --timeout 0",
        "Invalid value for '--timeout': 0.0 is not in the range x>=0.1."
        " See 'cnasean db update --help'.",
        "'--timeout' 的值无效:0.0 不在范围 x>=0.1 内。请查看 'cnasean db update --help'。",
        2,
    ),
    (
        "trade -f nope",
        "Invalid value for '--format' / '-f': 'nope' is not one of table, tsv, csv, json, jsonl."
        " See 'cnasean trade --help'.",
        "'--format' / '-f' 的值无效:'nope' 不是 table, tsv, csv, json, jsonl 之一。"
        "请查看 'cnasean trade --help'。",
        2,
    ),
    # countries, choices, ids
    (
        "trade -c thialand",
        "Unknown country 'thialand'. Did you mean: thailand?",
        "未知的国家 'thialand'。是否要找:thailand?",
        2,
    ),
    (
        "visa --passport US",
        "Unknown country 'US'. cnasean covers China and the ASEAN members: try a name, an ISO"
        " code (TH, THA) or a Chinese name (泰国).",
        "未知的国家 'US'。cnasean 只涵盖中国和东盟成员国:请输入名称、ISO 代码(TH、THA)"
        "或中文名称(泰国)。",
        2,
    ),
    (
        "visa -c kin",
        "Ambiguous country 'kin': it matches cambodia, thailand.",
        "国家 'kin' 有歧义:可指 cambodia, thailand。",
        2,
    ),
    (
        "trade --flow exports",
        "Unknown flow 'exports'. Did you mean: export, import? Choose one of: total, export,"
        " import, balance.",
        "未知的流向 'exports'。是否要找:export, import?可选:total, export, import, balance。",
        2,
    ),
    (
        "trade --currency eur",
        "Unknown currency 'eur'. Choose from: cny, usd.",
        "未知的货币 'eur'。可选:cny, usd。",
        2,
    ),
    (
        "search rail --kind proj",
        "Unknown kind 'proj'. Choose from: infrastructure, events, visa, trade, sources.",
        "未知的类别 'proj'。可选:infrastructure, events, visa, trade, sources。",
        2,
    ),
    (
        "infra --type hsr",
        "Unknown project type 'hsr'. Did you mean: high-speed-rail? Choose from: railway,"
        " high-speed-rail, metro, expressway, port, airport, canal, industrial-park, sez, energy,"
        " refinery, hydropower, pipeline, logistics-corridor, irrigation, bridge, dam, programme.",
        "未知的项目类型 'hsr'。是否要找:high-speed-rail?可选:railway, high-speed-rail, metro,"
        " expressway, port, airport, canal, industrial-park, sez, energy, refinery, hydropower,"
        " pipeline, logistics-corridor, irrigation, bridge, dam, programme。",
        2,
    ),
    (
        "infra --status open",
        "Unknown status 'open'. Did you mean: operating? Choose from: operating,"
        " under-construction, planned, suspended, stalled, cancelled, completed.",
        "未知的状态 'open'。是否要找:operating?可选:operating, under-construction, planned,"
        " suspended, stalled, cancelled, completed。",
        2,
    ),
    (
        "events --category summits",
        "Unknown category 'summits'. Did you mean: summit? Choose from: dialogue,"
        " agreement-signed, agreement-in-force, negotiation, summit, expo, accession,"
        " partnership, declaration, plan, visa-agreement, statement, infrastructure, year-of.",
        "未知的类别 'summits'。是否要找:summit?可选:dialogue, agreement-signed,"
        " agreement-in-force, negotiation, summit, expo, accession, partnership, declaration,"
        " plan, visa-agreement, statement, infrastructure, year-of。",
        2,
    ),
    (
        "visa --purpose fun",
        "Unknown purpose 'fun'. Choose one of: tourism, business, family, exchange, transit,"
        " study, work, medical, conference, any.",
        "未知的目的 'fun'。可选:tourism, business, family, exchange, transit, study, work,"
        " medical, conference, any。",
        2,
    ),
    (
        "sources --kind blog",
        "Unknown source kind 'blog'. Choose from: official, wire, secondary, aggregator.",
        "未知的来源类别 'blog'。可选:official, wire, secondary, aggregator。",
        2,
    ),
    ("sources nope --db <MINI>", "Unknown source 'nope'.", "未知的来源 'nope'。", 2),
    (
        "sources T11 --db <MINI>",
        "Unknown source 'T11'. Did you mean: T1?",
        "未知的来源 'T11'。是否要找:T1?",
        2,
    ),
    (
        "infra show zzzz",
        "Unknown project 'zzzz'. List them with: cnasean infra.",
        "未知的项目 'zzzz'。查看全部项目:cnasean infra。",
        2,
    ),
    (
        "infra show ' '",
        "Name a project: an id such as china-laos-railway, or words of its name.",
        "请指明项目:编号(如 china-laos-railway)或名称中的词。",
        2,
    ),
    (
        "cite nope --db <MINI>",
        "No fact or source has the id 'nope'. Find ids with: cnasean search WORDS.",
        "没有编号为 'nope' 的事实或来源。查找编号:cnasean search WORDS。",
        2,
    ),
    (
        "cite cn-th-total-2023-usx --db <MINI>",
        "No fact or source has the id 'cn-th-total-2023-usx'. Did you mean: cn-th-total-2023-usd,"
        " th-cn-total-2023-usd, cn-asean-total-2023-usd?",
        "没有编号为 'cn-th-total-2023-usx' 的事实或来源。是否要找:cn-th-total-2023-usd,"
        " th-cn-total-2023-usd, cn-asean-total-2023-usd?",
        2,
    ),
    (
        "cite",
        "Give a fact or source ID, or --dataset to cite the data itself.",
        "请给出事实或来源的编号,或用 --dataset 引用数据集本身。",
        2,
    ),
    (
        "country CN",
        "Name an ASEAN member: the profile is of its relations with China.",
        "请指定一个东盟成员国:概况介绍的是它与中国的关系。",
        2,
    ),
    # dates and periods
    (
        "trade --period 2025-13",
        "Bad date '2025-13': month 13 does not exist.",
        "日期 '2025-13' 有误:月份 13 不存在。",
        2,
    ),
    (
        "events --since 2025-02-30",
        "Bad date '2025-02-30': 2025-02 has no day 30.",
        "日期 '2025-02-30' 有误:2025-02 没有 30 日。",
        2,
    ),
    (
        "trade --year 1200",
        "Bad date '1200': year 1200 is out of range 1900-2100.",
        "日期 '1200' 有误:年份 1200 超出范围 1900-2100。",
        2,
    ),
    (
        "visa --on 2023-1x",
        "Bad date '2023-1x': use YYYY-MM-DD, e.g. 2023-12-01.",
        "日期 '2023-1x' 有误:请使用 YYYY-MM-DD 格式,例如 2023-12-01。",
        2,
    ),
    (
        "visa --on 2023-12",
        "Bad date '2023-12': a whole day is needed here; use YYYY-MM-DD, e.g. 2023-12-01.",
        "日期 '2023-12' 有误:这里需要具体到某一天;请使用 YYYY-MM-DD 格式,例如 2023-12-01。",
        2,
    ),
    (
        "visa --on 'Dec 2023'",
        "Bad date 'Dec 2023': it does not name a whole day; use YYYY-MM-DD, e.g. 2023-12-01.",
        "日期 'Dec 2023' 有误:没有具体到某一天;请使用 YYYY-MM-DD 格式,例如 2023-12-01。",
        2,
    ),
    (
        "visa --on '1 Dec 2023 10:00'",
        "Bad date '1 Dec 2023 10:00': a day is needed, not a time; use YYYY-MM-DD, e.g."
        " 2023-12-01.",
        "日期 '1 Dec 2023 10:00' 有误:需要的是日期,不是时间;"
        "请使用 YYYY-MM-DD 格式,例如 2023-12-01。",
        2,
    ),
    (
        "events --since 2025-1-1x",
        "Bad period '2025-1-1x': use 2025, 2025-03, 2025-03-01, 2025-Q3, 2025-H1 or a range"
        " 2025-01..2025-09.",
        "时期 '2025-1-1x' 有误:请使用 2025、2025-03、2025-03-01、2025-Q3、2025-H1 或范围"
        " 2025-01..2025-09。",
        2,
    ),
    (
        "trade --period ..2025",
        "Bad period '..2025': a range needs both ends, e.g. 2025-01..2025-09.",
        "时期 '..2025' 有误:范围需要起止两端,例如 2025-01..2025-09。",
        2,
    ),
    (
        "trade --period 2025-01..2024-01",
        "Bad period '2025-01..2024-01': the range is reversed (2025-01 is after 2024-01).",
        "时期 '2025-01..2024-01' 有误:范围颠倒了(2025-01 在 2024-01 之后)。",
        2,
    ),
    (
        "trade --year 25",
        "Bad year '25': use four digits, e.g. 2024.",
        "年份 '25' 有误:请使用四位数字,例如 2024。",
        2,
    ),
    (
        "events --since 2025 --until 2024",
        "--until 2024 is before --since 2025.",
        "--until 2024 早于 --since 2025。",
        2,
    ),
    (
        "trade --from 2025 --to 2024",
        "--from 2025 is after --to 2024.",
        "--from 2025 晚于 --to 2024。",
        2,
    ),
]
CASES += [
    # the data file (the files are made by the fixture ``files``)
    (
        "--db /nonexist trade",
        "Data file /nonexist (from --db) does not exist.",
        "数据文件 /nonexist(来自 --db) 不存在。",
        3,
    ),
    (
        "--db <TMP>/empty.json trade",
        "Data file <TMP>/empty.json (from --db) is empty.",
        "数据文件 <TMP>/empty.json(来自 --db) 是空的。",
        3,
    ),
    (
        "--db <TMP>/list.json trade",
        "Data file <TMP>/list.json (from --db) is not a cnasean data file: it does not start"
        " with a JSON object.",
        "数据文件 <TMP>/list.json(来自 --db) 不是 cnasean 数据文件:它不以 JSON 对象开头。",
        3,
    ),
    (
        "--db <TMP>/bad.json trade",
        "Data file <TMP>/bad.json (from --db) is not valid JSON: Expecting property name enclosed"
        " in double quotes at line 2, column 1.",
        "数据文件 <TMP>/bad.json(来自 --db) 不是有效的 JSON:第 2 行第 1 列有误"
        "(Expecting property name enclosed in double quotes)。",
        3,
    ),
    (
        "--db <TMP>/nometa.json trade",
        "Data file <TMP>/nometa.json (from --db) has no meta table; it is not a cnasean data file.",
        "数据文件 <TMP>/nometa.json(来自 --db) 没有 meta 表;不是 cnasean 数据文件。",
        3,
    ),
    (
        "--db <TMP> trade",
        "Data file <TMP> (from --db) is a directory, not a file.",
        "数据文件 <TMP>(来自 --db) 是文件夹,不是文件。",
        3,
    ),
    (
        "--db /dev/null trade",
        "Data file /dev/null (from --db) is not a regular file (a pipe or a device?): save it to"
        " a file.",
        "数据文件 /dev/null(来自 --db) 不是普通文件(是管道或设备?):请先存成文件。",
        3,
    ),
    (
        "--db <TMP>/loop.json trade",
        "Data file <TMP>/loop.json (from --db) cannot be opened: Too many levels of symbolic"
        " links.",
        "数据文件 <TMP>/loop.json(来自 --db) 无法打开(Too many levels of symbolic links)。",
        3,
    ),
    (
        "--db <TMP>/nul.json trade",
        "Data file <TMP>/nul.json (from --db) is not text: it holds NUL bytes.",
        "数据文件 <TMP>/nul.json(来自 --db) 不是文本:含有 NUL 字节。",
        3,
    ),
    (
        "--db <TMP>/latin.json trade",
        "Data file <TMP>/latin.json (from --db) is not UTF-8 text (byte 7).",
        "数据文件 <TMP>/latin.json(来自 --db) 不是 UTF-8 文本(第 7 字节)。",
        3,
    ),
    (
        "--db <TMP>/big.json trade",
        "Data file <TMP>/big.json (from --db) is larger than 512 MiB, the most cnasean reads.",
        "数据文件 <TMP>/big.json(来自 --db) 大于 512 MiB,超出 cnasean 的读取上限。",
        3,
    ),
    (
        "--db <TMP>/deep.json trade",
        "Data file <TMP>/deep.json (from --db) is nested too deeply to be a data file.",
        "数据文件 <TMP>/deep.json(来自 --db) 嵌套太深,无法作为数据文件读取。",
        3,
    ),
    (
        "--db <TMP>/dup.json trade",
        "Data file <TMP>/dup.json (from --db) has the key 'a' twice in one object: JSON keeps only"
        " the last, so the other would be lost; remove one of them.",
        "数据文件 <TMP>/dup.json(来自 --db) 中有一个对象两次出现键 'a':JSON 只保留后一个,"
        "前一个会丢失;请删除其中一个。",
        3,
    ),
    (
        "--db <TMP>/dup-in-record.json trade",
        "Data file <TMP>/dup-in-record.json (from --db) has the key 'a' twice in one object (in"
        " the record 'm'): JSON keeps only the last, so the other would be lost; remove one of"
        " them.",
        "数据文件 <TMP>/dup-in-record.json(来自 --db) 中有一个对象(在记录 'm' 中)两次出现键 'a'"
        ":JSON 只保留后一个,前一个会丢失;请删除其中一个。",
        3,
    ),
    (
        "--db <TMP>/table.json trade",
        "Data file <TMP>/table.json (from --db): table 'trade' is not a JSON object.",
        "数据文件 <TMP>/table.json(来自 --db):表 'trade' 不是 JSON 对象。",
        3,
    ),
    (
        "--db <TMP>/document.json trade",
        "Data file <TMP>/document.json (from --db): trade document 1 is not a JSON object.",
        "数据文件 <TMP>/document.json(来自 --db):trade 表中的文档 1 不是 JSON 对象。",
        3,
    ),
    (
        "--db <TMP>/emptymeta.json trade",
        "<TMP>/emptymeta.json: the meta table is missing or empty.",
        "<TMP>/emptymeta.json:meta 表缺失或为空。",
        3,
    ),
    (
        "db set T1 note x --db <TMP>/backed-up.json",
        "Data file <TMP>/backed-up.json is not valid JSON: Expecting property name enclosed in"
        " double quotes at line 2, column 1. The previous version is in <TMP>/backed-up.json.bak.",
        "数据文件 <TMP>/backed-up.json 不是有效的 JSON:第 2 行第 1 列有误(Expecting property name"
        " enclosed in double quotes)。上一版本保存在 <TMP>/backed-up.json.bak。",
        3,
    ),
    (
        "db add events --file <TMP>/deep.json",
        "<TMP>/deep.json is nested too deeply to be read.",
        "<TMP>/deep.json 嵌套太深,无法读取。",
        2,
    ),
    (
        "db add events --record '{'",
        "The record is not valid JSON: Expecting property name enclosed in double quotes at"
        " line 1, column 2.",
        "记录不是有效的 JSON:第 1 行第 2 列有误(Expecting property name enclosed in double"
        " quotes)。",
        2,
    ),
    (
        "db add events",
        "No record given: use --record '{...}', --file FILE, or pipe JSON in.",
        "没有给出记录:请使用 --record '{...}'、--file FILE,或用管道传入 JSON。",
        2,
    ),
    (
        "db remove nope",
        "No record has the id 'nope'. Find ids with: cnasean search WORDS.",
        "没有编号为 'nope' 的记录。查找编号:cnasean search WORDS。",
        2,
    ),
    (
        "db add events --record '[]'",
        "A record is a JSON object with an id.",
        "记录应是带 id 的 JSON 对象。",
        2,
    ),
    (
        """db add events --record '{"id": "x-1"}'""",
        'Refused: x-1 cites no source. Add "sources": ["ID", ...].',
        '已拒绝:x-1 没有引用来源。请加上 "sources": ["ID", ...]。',
        2,
    ),
    (
        """db add sources --record '{"id": "T1"}' --db <MINI>""",
        "A record with the id 'T1' exists; use db set or db import.",
        "编号为 'T1' 的记录已存在;请使用 db set 或 db import。",
        2,
    ),
    (
        "db set T1 id T9 --db <MINI>",
        "Ids do not change: remove the record and add it again.",
        "编号不能修改:请删除该记录后重新添加。",
        2,
    ),
    (
        "db set cn-th-total-2023-usd sources [] --db <MINI>",
        "Refused: a fact must cite at least one source.",
        "已拒绝:事实必须至少引用一个来源。",
        2,
    ),
    (
        "db set T1 value 3 --db <MINI>",
        "sources records have no field 'value'. Fields: also_urls, id, kind, license, note,"
        " published, publisher, retrieved, title, url.",
        "sources 记录没有字段 'value'。可用字段:also_urls, id, kind, license, note, published,"
        " publisher, retrieved, title, url。",
        2,
    ),
    (
        "db remove T1 --db <MINI>",
        "Source T1 is cited by cn-asean-total-2022-cny, cn-asean-total-2023-usd,"
        " cn-asean-export-2023-usd, cn-th-total-2023-usd; remove or change those first.",
        "来源 T1 被 cn-asean-total-2022-cny, cn-asean-total-2023-usd, cn-asean-export-2023-usd,"
        " cn-th-total-2023-usd 引用;请先删除或修改这些记录。",
        2,
    ),
    (
        "db export -f csv",
        "A CSV file holds one kind: add --kind (sources, trade, visa, ...).",
        "一个 CSV 文件只存一类记录:请加上 --kind(sources、trade、visa 等)。",
        2,
    ),
    # files written
    (
        "db export -f csv -o <TMP>",
        "<TMP> is a folder: give the name of a file to write.",
        "<TMP> 是文件夹:请给出要写入的文件名。",
        2,
    ),
    (
        "db export -f csv -o <TMP>/no-such-folder/x.csv",
        "Cannot write <TMP>/no-such-folder/x.csv: No such file or directory.",
        "无法写入 <TMP>/no-such-folder/x.csv(No such file or directory)。",
        1,
    ),
    (
        "db export -f json -o <MINI> --db <MINI>",
        "Refused: <MINI> is a data file cnasean reads; export to another file.",
        "已拒绝:<MINI> 是 cnasean 读取的数据文件;请导出到另一个文件。",
        2,
    ),
    # options used together wrongly
    (
        "trade --fields",
        "--fields needs field names, e.g. --fields period,value,sources.",
        "--fields 需要字段名,例如 --fields period,value,sources。",
        2,
    ),
    (
        "trade --fields nope",
        "Unknown field 'nope' for -f tsv. Fields: period, cny, cny_qualifier, cny_yoy_pct, usd,"
        " usd_qualifier, usd_yoy_pct, share_pct, also_reported, sources.",
        "-f tsv 没有字段 'nope'。可用字段:period, cny, cny_qualifier, cny_yoy_pct, usd,"
        " usd_qualifier, usd_yoy_pct, share_pct, also_reported, sources。",
        2,
    ),
    (
        "trade --fields a,b",
        "Unknown fields 'a', 'b' for -f tsv. Fields: period, cny, cny_qualifier, cny_yoy_pct,"
        " usd, usd_qualifier, usd_yoy_pct, share_pct, also_reported, sources.",
        "-f tsv 没有字段 'a', 'b'。可用字段:period, cny, cny_qualifier, cny_yoy_pct, usd,"
        " usd_qualifier, usd_yoy_pct, share_pct, also_reported, sources。",
        2,
    ),
    (
        "trade -f ics",
        "-f ics is for cnasean events and cnasean visa.",
        "-f ics 仅用于 cnasean events 和 cnasean visa。",
        2,
    ),
    ("trade -f atom", "-f atom is for cnasean changes.", "-f atom 仅用于 cnasean changes。", 2),
    (
        "trade --chart -f json",
        "--chart draws for people; for data use --json or --format without it.",
        "--chart 画的是给人看的图;要数据请去掉它,使用 --json 或 --format。",
        2,
    ),
    (
        "trade -o x.svg",
        "--output writes a chart file: add --chart.",
        "--output 用于写图表文件:请加上 --chart。",
        2,
    ),
    (
        "visa -o x.svg",
        "--output writes a chart file: add --chart (with --country, --history).",
        "--output 用于写图表文件:请加上 --chart(以及 --country、--history)。",
        2,
    ),
    (
        "trade --chart --year 2024",
        "--chart draws the yearly series: leave out --year, --period and --list.",
        "--chart 画的是逐年序列:请去掉 --year、--period 和 --list。",
        2,
    ),
    (
        "visa --chart",
        "--chart draws one member's history: add --country NAME --history.",
        "--chart 画的是单个成员国的历史:请加上 --country NAME --history。",
        2,
    ),
    (
        "trade --chart -o x.txt",
        "A chart file is .svg or .png, not '.txt': x.txt.",
        "图表文件须为 .svg 或 .png,而不是 '.txt':x.txt。",
        2,
    ),
    (
        "trade --rank -c TH",
        "--rank ranks every member for one year: use --year (and --reporter, --currency), not"
        " --country, --period, --from, --to, --list or --chart.",
        "--rank 对某一年的全部成员国排名:请使用 --year(以及 --reporter、--currency),不要用"
        " --country、--period、--from、--to、--list 或 --chart。",
        2,
    ),
    (
        "trade --rank --flow export",
        "--rank ranks by total trade: leave out --flow.",
        "--rank 按贸易总额排名:请去掉 --flow。",
        2,
    ),
    (
        "trade --rank --reporter TH",
        "--rank compares the members from one reporter: China's customs (--reporter CN). Each"
        " member's own figures: --country X --reporter X.",
        "--rank 比较的是同一统计方的数据:中国海关(--reporter CN)。各成员国自己的数据:"
        "--country X --reporter X。",
        2,
    ),
    (
        "trade -c CN",
        "China is the other side of every figure; name an ASEAN member or ASEAN.",
        "每项数据的另一方都是中国;请指定一个东盟成员国或东盟。",
        2,
    ),
    (
        "trade --reporter TH",
        "Reporter TH does not report trade with ASEAN: use CN or ASEAN.",
        "统计方 TH 不报告与 东盟 的贸易:请使用 CN 或 ASEAN。",
        2,
    ),
    (
        "visa -c ASEAN",
        "--country: name one ASEAN member, not ASEAN as a whole.",
        "--country:请指定一个东盟成员国,而不是整个东盟。",
        2,
    ),
    (
        "visa --passport ASEAN",
        "--passport: name China or one ASEAN member.",
        "--passport:请指定中国或一个东盟成员国。",
        2,
    ),
    (
        "visa -c CN",
        "China is one side of every rule: name the ASEAN member with --country.",
        "每条规定的一方都是中国:请用 --country 指定东盟成员国。",
        2,
    ),
    (
        "visa --passport TH --destination LA",
        "One side of every rule is China: --passport or --destination must be CN.",
        "每条规定的一方都是中国:--passport 或 --destination 必须是 CN。",
        2,
    ),
    (
        "visa --passport CN --destination CN",
        "--passport and --destination are the same country.",
        "--passport 和 --destination 是同一个国家。",
        2,
    ),
    (
        "visa --on 2025-01-01 --history",
        "Use --on or --history, not both.",
        "请使用 --on 或 --history,不要同时使用。",
        2,
    ),
    (
        "search ' '",
        "Search for at least one word, e.g. cnasean search railway.",
        "请至少输入一个词,例如 cnasean search railway。",
        2,
    ),
    (
        "search rail --limit -1",
        "--limit must be 0 (no limit) or more.",
        "--limit 必须是 0(不限)或更大的数。",
        2,
    ),
    (
        "search " + "a" * 501,
        "The search text is 501 characters long; at most 500 are read. Use fewer words.",
        "搜索内容长 501 个字符;最多读取 500 个。请减少字数。",
        2,
    ),
    (
        "ask " + "a" * 501,
        "The question is 501 characters long; at most 500 are read. Use fewer words.",
        "问题长 501 个字符;最多读取 500 个。请减少字数。",
        2,
    ),
    (
        "ask -f csv what",
        "ask does not write CSV: use -f json (the answer and its facts), or the command for the"
        " facts (cnasean trade, visa, events ... -f csv).",
        "ask 不输出 CSV:请使用 -f json(回答及其依据的事实),或用相应命令获取事实"
        "(cnasean trade、visa、events ... -f csv)。",
        2,
    ),
    (
        "db update",
        "No bundle given: cnasean has no hosted data channel yet. Give a bundle file or an"
        " http(s):// URL (cnasean db update FILE|URL), or set CNASEAN_UPDATE_URL.",
        "没有给出数据包:cnasean 目前还没有托管的数据渠道。请给出数据包文件或 http(s):// 网址"
        "(cnasean db update FILE|URL),或设置 CNASEAN_UPDATE_URL。",
        2,
    ),
    (
        "db reset",
        "Already using the packaged data.",
        "已经在使用随包数据。",
        0,
    ),
    (
        "db rollback",
        "No data bundle is installed: the packaged data is in use.",
        "没有安装数据包:正在使用随包数据。",
        0,
    ),
    # hints and notices
    (
        "search zzzzqqq --db <MINI>",
        "Nothing matches. Try fewer or other words.",
        "没有找到匹配的内容。请减少或换用其他关键词。",
        0,
    ),
    (
        "search thailand --limit 1 --db <MINI>",
        "1 of 5 shown; --limit 0 for all.",
        "共 5 条,显示了 1 条;--limit 0 显示全部。",
        0,
    ),
    ("infra --db <MINI>", "No project matches.", "没有符合条件的项目。", 0),
    ("events --db <MINI>", "No event matches.", "没有符合条件的事件。", 0),
    ("sources --kind aggregator --db <MINI>", "No source matches.", "没有符合条件的来源。", 0),
    (
        "trade --list -c TH --flow balance --db <MINI>",
        "No figures match. Try fewer filters, or --reporter all.",
        "没有符合条件的数据。请减少筛选条件,或使用 --reporter all。",
        0,
    ),
    (
        "trade --period 2025-Q3 --db <MINI>",
        "No figures match 2025-Q3. Nearest: 2024 Q1 (--period 2024-Q1).",
        "没有 2025-Q3 的数据。最接近的是:2024 Q1(--period 2024-Q1)。",
        0,
    ),
    (
        "trade -c TH --flow export --db <MINI>",
        "No figures for this selection. Try --list, or --reporter all.",
        "所选范围内没有数据。请试试 --list,或 --reporter all。",
        0,
    ),
    (
        "trade -c TH --reporter all --from 2030 --db <MINI>",
        "No figures for this selection. Try --list --reporter all.",
        "所选范围内没有数据。请试试 --list --reporter all。",
        0,
    ),
    (
        "trade --year 2099 --db <MINI>",
        "--year 2099 is in the future: shown as known today; it may change before then.",
        "--year 2099 是将来的时间:显示的是目前已知的情况;届时可能有变。",
        0,
    ),
    (
        "trade --rank --year 2099 --db <MINI>",
        "No member has a USD total for 2099. Try --year.",
        "2099 年没有哪个成员国有以 USD 计的总额。请用 --year 换一年。",
        0,
    ),
    (
        "visa -c LA --on 2099-01-01 --db <MINI>",
        "--on 2099-01-01 is in the future: shown as known today (rules without an end date as"
        " still in force); it may change before then.",
        "--on 2099-01-01 是将来的时间:显示的是目前已知的情况(没有截止日期的规定按仍然有效显示);"
        "届时可能有变。",
        0,
    ),
    (
        "visa -c LA --on 2024-08-01 --purpose work --db <MINI>",
        "No rule in the data matches on 2024-08-01.",
        "数据中没有在 2024-08-01 适用的规定。",
        0,
    ),
    (
        "visa -c LA --history --purpose work --db <MINI>",
        "No rule in the data matches.",
        "数据中没有符合条件的规定。",
        0,
    ),
    (
        "visa -c TH --db <MINI>",  # the reminder was Chinese already, and stays so
        "Visa rules change often: check the official source before you travel. Data last"
        " verified 2025-01-31.",
        "签证政策常有变化:出行前请查阅官方来源。数据最近核实于2025-01-31。",
        0,
    ),
    (
        "ask 'what is the weather' --db <MINI>",
        "Try: cnasean search WORDS",
        "可以试试:cnasean search WORDS",
        0,
    ),
    ("db validate <MINI>", "<MINI>: valid.", "<MINI>:有效。", 0),
    ("db validate <TMP>/bad.json", "<TMP>/bad.json: 1 problem(s).", "<TMP>/bad.json:1 个问题。", 3),
    ("db diff <MINI> <MINI>", "No differences.", "没有差异。", 0),
]


# Notes for people on a run that fails, not errors (no "cnasean: error: ").
NOTES_OF_FAILURES = {"db validate <TMP>/bad.json"}


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """Data files that are wrong in every way a reader refuses, in ``tmp_path``."""
    texts: dict[str, str | bytes] = {
        "empty.json": "",
        "list.json": "[]",
        "bad.json": "{\n",
        "nometa.json": '{"a": 1}',
        "nul.json": '{"a": "\0"}',
        "latin.json": b'{"a": "\xff"}',
        "deep.json": '{"a":' + "[" * 200_000 + "]" * 200_000 + "}",
        "dup.json": '{"a": 1, "a": 2}',
        "dup-in-record.json": '{"meta": {"1": {"a": 1, "a": 2, "id": "m"}}}',
        "table.json": '{"meta": {}, "trade": 5}',
        "document.json": '{"meta": {"1": {}}, "trade": {"1": 5}}',
        "emptymeta.json": '{"meta": {}}',
        "backed-up.json": "{\n",
        "backed-up.json.bak": json.dumps(mini_data()),
    }
    for name, text in texts.items():
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop2.json")
    (tmp_path / "loop2.json").symlink_to(tmp_path / "loop.json")
    with open(tmp_path / "big.json", "wb") as big:  # sparse: nothing is written
        big.truncate(513 * 2**20)
    return tmp_path


def _filled(text: str, mini: Path, tmp: Path) -> str:
    return text.replace("<MINI>", str(mini)).replace("<TMP>", str(tmp))


def _args(line: str, mini: Path, tmp: Path) -> list[str]:
    import shlex

    return [_filled(a, mini, tmp) for a in shlex.split(line)]


@pytest.mark.parametrize("line, english, chinese, code", CASES, ids=[c[0][:40] for c in CASES])
def test_each_message_in_chinese_and_english(
    cli: Any, mini_db: Path, files: Path, line: str, english: str, chinese: str, code: int
) -> None:
    args = _args(line, mini_db, files)
    english, chinese = _filled(english, mini_db, files), _filled(chinese, mini_db, files)
    prefix = "cnasean: error: " if code and line not in NOTES_OF_FAILURES else ""
    en = cli(*args)
    assert en.returncode == code, en.stderr
    assert prefix + english in en.stderr.splitlines(), en.stderr  # English runs unchanged
    zh = cli("--lang", "zh", *args)
    assert zh.returncode == code, zh.stderr
    assert prefix + chinese in zh.stderr.splitlines(), zh.stderr
    assert english not in zh.stderr


def test_cnasean_lang_zh_does_the_same(cli: Any) -> None:
    r = cli("trade", "--flow", "exports", env={"CNASEAN_LANG": "zh"})
    assert r.returncode == 2
    assert r.stderr.startswith("cnasean: error: 未知的流向 'exports'。")
    # an unknown --lang is said in the language of $CNASEAN_LANG
    r = cli("--lang", "xx", "trade", env={"CNASEAN_LANG": "zh"})
    assert r.returncode == 2
    assert r.stderr == "cnasean: error: 未知的语言 'xx':请使用 en 或 zh。\n"
    assert cli("--lang", "xx", "trade").stderr == (
        "cnasean: error: Unknown language 'xx': use en or zh.\n"
    )


def test_a_data_file_named_by_cnasean_db(cli: Any) -> None:
    env = {"CNASEAN_DB": "/nonexist"}
    assert cli("trade", env=env).stderr == (
        "cnasean: error: Data file /nonexist (from CNASEAN_DB) does not exist.\n"
    )
    r = cli("--lang", "zh", "trade", env=env)
    assert r.returncode == 3
    assert r.stderr == "cnasean: error: 数据文件 /nonexist(来自 CNASEAN_DB) 不存在。\n"


def test_the_stale_data_notice(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from cnasean.store import freshness

    # long after every review period of the shipped data: trade (read by every trade
    # command) is past its next release whatever the data holds
    late = functools.partial(freshness.notice, today=dt.date(2099, 1, 1))
    monkeypatch.setattr(freshness, "notice", late)
    en = [x for x in cli("trade", "--json").stderr.splitlines() if "out of date" in x]
    assert len(en) == 1 and en[0].startswith("The data may be out of date: trade figures end in")
    zh = cli("--lang", "zh", "trade", "--json")
    assert zh.returncode == 0 and "out of date" not in zh.stderr
    line = next(x for x in zh.stderr.splitlines() if "过时" in x)
    month = en[0].split("end in ")[1][:7]
    assert line.startswith(f"数据可能已过时:贸易数据截至 {month}(更新的数据应于 ")
    assert line.endswith("获取新数据:cnasean db update FILE|URL(见 cnasean db info)。")


def test_the_stale_data_notice_for_several_kinds(tmp_path: Path) -> None:
    from cnasean.store.freshness import stale_line
    from cnasean.store.read import load

    data = mini_data()
    data["meta"]["1"].update(as_of="2026-01-01", review_days={"visa": 90, "trade": 45})
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    line = stale_line(load(path, "packaged"), {"visa", "trade"}, dt.date(2026, 6, 1))
    assert line == (
        "The data may be out of date: visa rules as of 2026-01-01 are past their 90-day review;"
        " trade figures end in 2024-03 (newer ones were due by 2024-07-15). Newer data: cnasean"
        " db update FILE|URL (see cnasean db info)."
    )
    assert ZH_MESSAGES.translate(line) == (
        "数据可能已过时:签证规定(截至 2026-01-01)已超过 90 天的复核期;贸易数据截至 2024-03"
        "(更新的数据应于 2024-07-15 前发布)。获取新数据:cnasean db update FILE|URL"
        "(见 cnasean db info)。"
    )


def _both(
    tmp: Path, line: list[str], english: str, chinese: str, code: int = 0, **env: str
) -> None:
    """``cnasean LINE`` with a user data folder for each language, so that a sequence of
    commands runs the same in both: ``english`` and ``chinese`` begin a line of each one's
    stderr (<TMP> is ``tmp``, <LANG> the language, in them, in ``line`` and in ``env``)."""
    for lang, want in (("en", english), ("zh", chinese)):
        args = [a.replace("<TMP>", str(tmp)).replace("<LANG>", lang) for a in line]
        more = {k: v.replace("<TMP>", str(tmp)).replace("<LANG>", lang) for k, v in env.items()}
        r = in_process(
            "--lang", lang, *args, env={"XDG_DATA_HOME": str(tmp / f"xdg-{lang}"), **more}
        )
        assert r.returncode == code, r.stderr
        want = want.replace("<TMP>", str(tmp)).replace("<LANG>", lang)
        assert any(x.startswith(want) for x in r.stderr.splitlines()), (want, r.stderr)
        if lang == "zh":  # and not the English
            assert english.replace("<TMP>", str(tmp)).replace("<LANG>", lang) not in r.stderr


def test_db_edits_and_files_in_both_languages(tmp_path: Path) -> None:
    fact = {
        "id": "test-event",
        "date": "2026-01-01",
        "title": "t",
        "category": "summit",
        "countries": ["CN"],
        "sources": ["T1"],
        "confidence": "verbatim",
    }
    mine = "<TMP>/xdg-<LANG>/cnasean/overlay.json"
    today = dt.date.today().isoformat()
    add = ["db", "add", "events", "--record", json.dumps(fact)]
    _both(
        tmp_path, add, f"Filled in: last_verified {today}.", f"已自动填写:last_verified {today}。"
    )
    from cnasean.store.locate import packaged_path

    shipped = packaged_path()  # the installed package's data (a wheel's, in CI)
    _both(
        tmp_path,
        ["db", "validate"],
        f"{shipped} with your edits ({mine}): valid.",
        f"{shipped}(含您的修改 {mine}):有效。",
    )
    _both(tmp_path, ["db", "remove", "test-event"], "Removed events", "已删除 events test-event。")
    _both(
        tmp_path,
        add,
        f"Added events test-event to {mine}.",
        f"已将 events test-event 添加到 {mine}。",
    )
    export = ["db", "export", "-f", "csv", "--kind", "events", "-o", "<TMP>/e-<LANG>.csv"]
    _both(tmp_path, export, "Wrote <TMP>/e-<LANG>.csv.", "已写入 <TMP>/e-<LANG>.csv。")
    back = ["db", "import", "<TMP>/e-<LANG>.csv", "--kind", "events"]
    _both(tmp_path, [*back, "--dry-run"], "Dry run: nothing written.", "试运行:未写入任何内容。")
    n = len(json.loads(in_process("events", "--json").stdout)) + 1
    _both(
        tmp_path, back, f"0 added, 0 changed, {n} unchanged.", f"新增 0 条,修改 0 条,未变 {n} 条。"
    )
    probe = in_process(
        "db",
        "export",
        "-f",
        "sqlite",
        "-o",
        str(tmp_path / "probe.db"),
        env={"XDG_DATA_HOME": str(tmp_path / "xdg-en")},
    )
    english = probe.stderr.splitlines()[0].split(": ", 1)[1].rstrip(".")  # 573 sources, ...
    chinese = "、".join(f"{t} 表 {n} 条" for n, t in (c.split(" ") for c in english.split(", ")))
    sqlite = ["db", "export", "-f", "sqlite", "-o", "<TMP>/x-<LANG>.db"]
    _both(
        tmp_path,
        sqlite,
        f"Wrote <TMP>/x-<LANG>.db: {english}.",
        f"已写入 <TMP>/x-<LANG>.db:{chinese}。",
    )
    _both(
        tmp_path,
        sqlite,
        "Wrote <TMP>/metadata.json: datasette <TMP>/x-<LANG>.db -m <TMP>/metadata.json",
        "已写入 <TMP>/metadata.json:datasette <TMP>/x-<LANG>.db -m <TMP>/metadata.json",
    )
    _both(
        tmp_path,
        ["db", "reset"],
        "cnasean: error: Not on a terminal: add --yes to reset without asking.",
        "cnasean: error: 不在终端上:请加上 --yes,不经询问直接重置。",
        2,
    )
    _both(
        tmp_path,
        ["db", "reset", "--yes"],
        f"Back to the packaged data. your edits are kept as {mine}.reset-",
        f"已恢复为随包数据。您的修改已另存为 {mine}.reset-",
    )
    _both(
        tmp_path,
        ["changes"],
        "No changelog: the packaged data (version ",
        "没有更新日志:正在使用随包数据(版本 ",
    )


def test_db_keys_bundles_updates_in_both_languages(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")
    keys = "<TMP>/keys-<LANG>"
    _both(
        tmp_path,
        ["db", "keygen", keys],
        f"Wrote {keys}/cnasean.key (private: keep it secret) and {keys}/cnasean.pub (give it to"
        " users: --trust).",
        f"已写入 {keys}/cnasean.key(私钥:请保密)和 {keys}/cnasean.pub(公钥:交给用户,配合"
        " --trust 使用)。",
    )
    shipped = json.loads((Path(__file__).resolve().parents[1] / "data" / "db.json").read_text())
    packaged = shipped["meta"]["1"]["data_version"]
    for version in ("2099.1.1", "2099.2.1"):
        shipped["meta"]["1"]["data_version"] = version
        (tmp_path / f"{version}.json").write_text(json.dumps(shipped), encoding="utf-8")
    sign = ["--key", f"{keys}/cnasean.key"]
    first = ["db", "bundle", "--db", "<TMP>/2099.1.1.json", "-o", "<TMP>/a-<LANG>.bundle", *sign]
    _both(
        tmp_path,
        first,
        f"Wrote <TMP>/a-<LANG>.bundle: data 2099.1.1 (after {packaged}).",
        f"已写入 <TMP>/a-<LANG>.bundle:数据 2099.1.1(上一版 {packaged})。",
    )
    second = ["db", "bundle", "--db", "<TMP>/2099.2.1.json", "-o", "<TMP>/b-<LANG>.bundle", *sign]
    _both(tmp_path, [*second, "--previous", "<TMP>/a-<LANG>.bundle"], "Wrote", "已写入")
    trust = {"CNASEAN_TRUSTED_KEYS": f"{keys}/cnasean.pub"}
    _both(
        tmp_path,
        ["db", "update", "<TMP>/a-<LANG>.bundle"],
        f"Updated the data: {packaged} -> 2099.1.1 (as of ",
        f"数据已更新:{packaged} -> 2099.1.1(截至 ",
        **trust,
    )
    _both(
        tmp_path,
        ["db", "update", "<TMP>/b-<LANG>.bundle"],
        "CNASEAN_DB is set: commands read that file, not the installed data.",
        "已设置 CNASEAN_DB:命令读取该文件,而不是已安装的数据。",
        **trust,
        CNASEAN_DB="<TMP>/2099.1.1.json",
    )
    _both(tmp_path, ["changes"], "2099.2.1 (as of ", "2099.2.1(截至 ")
    _both(
        tmp_path,
        ["db", "rollback"],
        "cnasean: error: Not on a terminal: add --yes to roll back without asking.",
        "cnasean: error: 不在终端上:请加上 --yes,不经询问直接回滚。",
        2,
    )
    _both(
        tmp_path,
        ["db", "rollback", "--yes"],
        "Rolled back the data: 2099.2.1 -> 2099.1.1.",
        "数据已回滚:2099.2.1 -> 2099.1.1。",
    )


def test_a_project_name_that_matches_several_or_none(cli: Any) -> None:
    en = cli("infra", "show", "rail").stderr.strip()
    zh = cli("--lang", "zh", "infra", "show", "rail").stderr.strip()
    listed = en.split(" projects: ", 1)[1].removesuffix(". Use the id.")
    count = en.split("'rail' matches ")[1].split(" ")[0]
    assert en == f"cnasean: error: 'rail' matches {count} projects: {listed}. Use the id."
    assert zh == f"cnasean: error: 'rail' 与 {count} 个项目相符:{listed}。请使用编号。"
    en = cli("infra", "show", "china-laos-railwy").stderr.strip()
    zh = cli("--lang", "zh", "infra", "show", "china-laos-railwy").stderr.strip()
    ids = en.split("Did you mean: ", 1)[1].removesuffix("?")
    assert "china-laos-railway" in ids
    assert en == f"cnasean: error: Unknown project 'china-laos-railwy'. Did you mean: {ids}?"
    assert zh == f"cnasean: error: 未知的项目 'china-laos-railwy'。是否要找:{ids}?"


def test_optional_extras_that_are_missing(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    assert cli("--lang", "zh", "events", "-f", "ics").stderr == (
        "cnasean: error: 日历需要 icalendar(可选组件):pip install 'cnasean[calendar]'。\n"
    )
    assert cli("events", "-f", "ics").stderr == f"cnasean: error: {ICALENDAR}\n"
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    r = cli("--lang", "zh", "trade", "--chart", "-o", "never-written.svg")
    assert r.returncode == 2 and r.stderr == (
        "cnasean: error: 图表文件需要 matplotlib(可选组件):pip install 'cnasean[charts]'。\n"
    )
    assert cli("trade", "--chart", "-o", "x.svg").stderr == f"cnasean: error: {MATPLOTLIB}\n"
    monkeypatch.setitem(sys.modules, "cnasean.cli.mcp_server", None)
    assert cli("--lang", "zh", "mcp").stderr == (
        "cnasean: error: cnasean mcp 需要 MCP SDK(可选组件):pip install 'cnasean[mcp]'"
        "(缺少 cnasean.cli.mcp_server)。\n"
    )
    assert cli("mcp").stderr == f"cnasean: error: {NO_MCP}\n"


def test_a_chart_in_chinese_without_a_chinese_font(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from cnasean.output import chart_file

    monkeypatch.setattr(chart_file, "CJK_FONTS", ("No Such Font At All",))
    r = cli("trade", "--chart", "--lang", "zh", "-o", tmp_path / "zh.svg")
    assert r.returncode == 2
    assert r.stderr == (
        "cnasean: error: --lang zh 的图表需要中文字体,但系统中没有安装(例如 apt install"
        " fonts-noto-cjk,然后 rm -rf ~/.cache/matplotlib);或者去掉 --lang zh。\n"
    )
    assert ZH_MESSAGES.translate(NO_FONT) == r.stderr.removeprefix("cnasean: error: ").strip()


def test_calendar_notes(cli: Any) -> None:
    en = cli("events", "-f", "ics").stderr.splitlines()
    zh = cli("--lang", "zh", "events", "-f", "ics").stderr.splitlines()
    left = next(x for x in en if "left out of the calendar" in x)
    count = left.split(" ")[0]
    assert left == f"{count} events dated only to a month or a year are left out of the calendar."
    assert f"{count} 个只精确到月或年的事件未写入日历。" in zh


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_in_chinese(cli_bin: Path, base_env: dict[str, str]) -> None:
    for lang, want in (("en", FULL_DISK), ("zh", "无法写出结果(No space left on device)。")):
        with open("/dev/full", "w") as stdout:
            r = subprocess.run(
                [str(cli_bin), "--lang", lang, "trade", "--json"],
                stdout=stdout,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                env=base_env,
                text=True,
                timeout=60,
                check=False,
            )
        assert r.returncode == 1
        assert f"cnasean: error: {want}" in r.stderr.splitlines()


def test_english_runs_read_no_translation(base_env: dict[str, str]) -> None:
    """The tables are imported only when the language is Chinese: an English run, even one
    that fails or says a hint, pays nothing for them."""
    probe = (
        "import sys\n"
        "from cnasean.cli import main\n"
        "sys.argv = ['cnasean', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "names = [n for n in sys.modules if n.startswith('cnasean.output.i18n_')]\n"
        "print(*sorted(names), file=sys.__stderr__)\n"
    )
    tables = {"i18n_patterns", "i18n_zh_fragments", "i18n_zh_messages", "i18n_zh_notes"}
    for args, zh in (
        (["--version"], False),
        (["trade", "--json"], False),
        (["trade", "--flow", "exports"], False),
        (["search", "zzzzqqq"], False),
        (["--lang", "zh", "trade", "--flow", "exports"], True),
    ):
        r = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            env=base_env,
            timeout=60,
            check=False,
        )
        found = {n.removeprefix("cnasean.output.") for n in r.stderr.splitlines()[-1].split()}
        assert (found & tables == tables) if zh else not (found & tables), (args, r.stderr)


# --- the table ------------------------------------------------------------------------

# Messages the tests above check too, as they are made (the CLI cases are in CASES).
ICALENDAR = "Calendars need icalendar, an optional extra: pip install 'cnasean[calendar]'."
MATPLOTLIB = "Chart files need matplotlib, an optional extra: pip install 'cnasean[charts]'."
NO_FONT = (
    "--lang zh needs a Chinese font for the chart and none is installed (e.g. apt install"
    " fonts-noto-cjk, then rm -rf ~/.cache/matplotlib); or leave out --lang zh."
)
FULL_DISK = "cannot write the output: No space left on device."
NO_MCP = (
    "cnasean mcp needs the MCP SDK, an optional extra: pip install 'cnasean[mcp]'"
    " (cnasean.cli.mcp_server is missing)."
)
ELSEWHERE = [
    "'rail' matches 2 projects: a (A), b (B). Use the id.",
    "Unknown project 'china-laos-railwy'. Did you mean: china-laos-railway?",
    ICALENDAR,
    MATPLOTLIB,
    NO_FONT,
    FULL_DISK,
    NO_MCP,
    "Unknown language 'xx': use en or zh.",
    "Data file /nonexist (from CNASEAN_DB) does not exist.",
    "12 events dated only to a month or a year are left out of the calendar.",
    "Filled in: last_verified 2026-12-01.",
    "/x/db.json with your edits (/x/overlay.json): valid.",
    "Removed events test-event.",
    "Added events test-event to /x/overlay.json.",
    "Wrote /x/e.csv.",
    "Dry run: nothing written.",
    "0 added, 0 changed, 71 unchanged.",
    "Wrote /x/x.db: 573 sources, 13 countries, 2058 trade.",
    "Wrote /x/metadata.json: datasette /x/x.db -m /x/metadata.json",
    "Not on a terminal: add --yes to reset without asking.",
    "Back to the packaged data. your edits are kept as /x/overlay.json.reset-20261202T054358.",
    "No changelog: the packaged data (version 2026.12.01) is in use, and changelogs come with"
    " data bundles (cnasean db update).",
    "Wrote /k/cnasean.key (private: keep it secret) and /k/cnasean.pub (give it to users:"
    " --trust).",
    "Wrote /x/a.bundle: data 2099.1.1 (after 2026.12.01). No changes.",
    "Updated the data: 2026.12.01 -> 2099.1.1 (as of 2026-12-01). No changes.",
    "CNASEAN_DB is set: commands read that file, not the installed data.",
    "2099.2.1 (as of 2026-12-01): No changes.",
    "Not on a terminal: add --yes to roll back without asking.",
    "Rolled back the data: 2099.2.1 -> 2099.1.1.",
    "The data may be out of date: visa rules as of 2026-01-01 are past their 90-day review;"
    " trade figures end in 2024-03 (newer ones were due by 2024-07-15). Newer data: cnasean"
    " db update FILE|URL (see cnasean db info).",
]


def _made_by_the_code() -> list[tuple[str, str]]:
    """Messages the tests above do not meet (a file this user cannot read, a folder gone
    from under the run), made by the code that makes them, and their Chinese."""
    from cnasean.store import files, storage
    from cnasean.store.locate import describe

    def data_error(problem: files.FileError, where: str, hint: str = "") -> str:
        return str(files.data_error(problem, where, hint))

    denied = files._open_problem(PermissionError(13, "Permission denied"))
    mine = describe(Path("/x/db.json"), "user")
    with pytest.raises(Exception) as no_tables:
        storage._tables([], "/x/db.json")
    return [
        (data_error(denied, mine), "数据文件 /x/db.json(您的副本) 无法读取:没有权限。"),
        (
            data_error(files.FileError("is not text: it holds NUL bytes (a sparse file?)"), "/x"),
            "数据文件 /x 不是文本:含有 NUL 字节(稀疏文件?)。",
        ),
        (
            data_error(files.FileError("cannot be read: Input/output error"), "/x", " The p"),
            "",  # an unknown hint: the message stays English
        ),
        (str(no_tables.value), "数据文件 /x/db.json 不是 cnasean 数据文件(没有数据表)。"),
    ]


# Messages met rarely (a download interrupted, a conflict with new data), with their Chinese.
EXAMPLES: list[tuple[str, str]] = [
    (
        "Data file /x/db.json (from --db) cannot be read: Input/output error.",
        "数据文件 /x/db.json(来自 --db) 无法读取(Input/output error)。",
    ),
    (
        "Data file /x/db.json is not a cnasean data file. The previous version is in"
        " /x/db.json.bak.",
        "数据文件 /x/db.json 不是 cnasean 数据文件。上一版本保存在 /x/db.json.bak。",
    ),
    (
        "Data file db.json cannot be found: the working folder no longer exists. Change to a"
        " folder that exists, or give the full path.",
        "找不到数据文件 db.json:当前工作文件夹已不存在。请换到一个存在的文件夹,或给出完整路径。",
    ),
    (
        "Data file /x/db.json (from --db) cannot be found: Permission denied.",
        "找不到数据文件 /x/db.json(来自 --db)(Permission denied)。",
    ),
    (
        "Data file /x/db.json (from --db) is a link to /y, which does not exist. Remove the link"
        " or restore the file.",
        "数据文件 /x/db.json(来自 --db) 是指向 /y 的链接,而后者不存在。请删除该链接或恢复文件。",
    ),
    (
        "Data file /x/db.json (from --db) is a loop of symbolic links. Remove the link or point"
        " it at the file.",
        "数据文件 /x/db.json(来自 --db) 是循环的符号链接。请删除该链接或让它指向文件。",
    ),
    (
        "The value is not valid JSON: Expecting value at line 1, column 1.",
        "该值不是有效的 JSON:第 1 行第 1 列有误(Expecting value)。",
    ),
    (
        "Refused: /x/db.json is the backup of a data file cnasean reads (/x/db.json.bak); export"
        " to another file.",
        "已拒绝:/x/db.json 是 cnasean 读取的数据文件的备份(/x/db.json.bak);请导出到另一个文件。",
    ),
    (
        "Refused: /x/db.lock is the write lock of a data file cnasean reads; export to another"
        " file.",
        "已拒绝:/x/db.lock 是 cnasean 读取的数据文件的写锁;请导出到另一个文件。",
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
        "3 rules with no start or end date are left out of the calendar.",
        "3 条没有起止日期的规定未写入日历。",
    ),
    (
        "2 of your edits conflict with the data in use (yours are read): see conflict.* below,"
        " or --json.",
        "您有 2 处修改与当前数据冲突(以您的修改为准):见下方 conflict.*,或使用 --json。",
    ),
    (
        "/x/db.json with your edits (/x/overlay.json): 2 problem(s).",
        "/x/db.json(含您的修改 /x/overlay.json):2 个问题。",
    ),
    ("Nothing changed.", "未做任何更改。"),
    (
        "Back to the installed data, without edits. /x/db.json was a link to /y/db.json, which is"
        " untouched; your copy is kept as /x/db.json.reset-1.",
        "已恢复为已安装的数据(不含您的修改)。/x/db.json 原是指向 /y/db.json 的链接,/y/db.json"
        " 未被改动;您的副本已另存为 /x/db.json.reset-1。",
    ),
    (
        "Data 2099.1.1 is installed already: nothing changed.",
        "数据 2099.1.1 已经安装:未做任何更改。",
    ),
    (
        "The packaged data (2100.1.1) is newer and stays in use.",
        "随包数据(2100.1.1)更新,继续使用随包数据。",
    ),
    (
        "2 of your edits conflict with the new data (yours are read): cnasean db info lists them.",
        "您有 2 处修改与新数据冲突(以您的修改为准):cnasean db info 会列出它们。",
    ),
    (
        "With your edits the data has 2 problem(s): cnasean db validate.",
        "加上您的修改后,数据有 2 个问题:请运行 cnasean db validate。",
    ),
    (
        "The data may be out of date: projects as of 2026-01-01 are past their 180-day review;"
        " events as of 2026-01-01 are past their 180-day review. Newer data: cnasean db update"
        " FILE|URL (see cnasean db info).",
        "数据可能已过时:项目(截至 2026-01-01)已超过 180 天的复核期;事件(截至 2026-01-01)"
        "已超过 180 天的复核期。获取新数据:cnasean db update FILE|URL(见 cnasean db info)。",
    ),
]


@pytest.mark.parametrize("english, chinese", EXAMPLES, ids=[e[:40] for e, _ in EXAMPLES])
def test_rare_messages(english: str, chinese: str) -> None:
    assert ZH_MESSAGES.translate(english) == chinese


def test_messages_as_the_code_makes_them() -> None:
    for english, chinese in _made_by_the_code():
        assert ZH_MESSAGES.translate(english) == (chinese or english), english


def test_a_message_no_template_matches_stays_english() -> None:
    for english in (
        "Something new went wrong.",
        # an English subject is not taken for a file's name
        "The thing is empty.",
        "Something went wrong --x: name China or one ASEAN member.",
        # a known frame with an unknown part: never half in Chinese
        "Unknown flavour 'x'. Choose from: a, b.",
        "Data file /x is haunted.",
        "Bad date '2025-13': the moon is wrong.",
        "The data may be out of date: trade figures end in 2026-02 (newer ones were due by"
        " 2026-06-14); ghosts are past their review. Newer data: cnasean db update FILE|URL"
        " (see cnasean db info).",
        "No such option: --x (Possible options: --y) See 'cnasean trade --help'. Extra.",
    ):
        assert ZH_MESSAGES.translate(english) == english


def _every_english() -> list[str]:
    cases = [_filled(en, Path("/m.json"), Path("/t")) for _, en, _, _ in CASES]
    made = [en for en, _ in _made_by_the_code()]
    return cases + ELSEWHERE + [en for en, _ in EXAMPLES] + made


def test_every_template_is_used_by_a_tested_message() -> None:
    used: set[tuple[str, int]] = set()
    for english in _every_english():
        ZH_MESSAGES.translate(english, used)
    unused = [en for i, (en, _) in enumerate(MESSAGES) if ("", i) not in used]
    unused += [
        f"{family}: {en!r}"
        for family, pairs in FAMILIES.items()
        for i, (en, _) in enumerate(pairs)
        if (family, i) not in used
    ]
    assert unused == []


def test_every_message_tested_is_translated() -> None:
    kept = [en for en, zh in _made_by_the_code() if not zh]
    for english in _every_english():
        if english in kept or english.startswith("Visa rules change often"):  # tr()'s
            continue
        assert ZH_MESSAGES.translate(english) != english, english


def _names(template: str, chinese: bool) -> set[str]:
    if chinese:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    return set(ZH_MESSAGES.kinds(template))


def test_each_template_fills_in_what_its_english_matched() -> None:
    pairs = [*MESSAGES, *(p for pairs in FAMILIES.values() for p in pairs)]
    for english, chinese in pairs:
        assert _names(chinese, True) == _names(english, False), (english, chinese)
        for kind in ZH_MESSAGES.kinds(english).values():
            assert kind in ("", "any", "q", "n", "w") or kind.rstrip("*+") in FAMILIES, kind
        ZH_MESSAGES.compiled(english)  # a valid regular expression
        chinese.format(**dict.fromkeys(_names(chinese, True), "x"))  # and a valid template
