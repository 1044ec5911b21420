"""Simplified Chinese for the hints and notices on stderr (``cli.options.note`` and the
stale-data notice), as ``output.i18n_zh_messages`` reads them."""

from __future__ import annotations

NOTES: tuple[tuple[str, str], ...] = (
    # hints and notices (cli)
    (
        "The data may be out of date: {late:stale*}. Newer data: cnasean db update FILE|URL"
        " (see cnasean db info).",
        "数据可能已过时:{late}。获取新数据:cnasean db update FILE|URL(见 cnasean db info)。",
    ),
    (
        "{option:w} {value:w} is in the future: shown as known today{detail:future_detail};"
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
    ("{version:w} (as of {as_of:w}): {briefly:any}", "{version}(截至 {as_of}):{briefly}"),
)
