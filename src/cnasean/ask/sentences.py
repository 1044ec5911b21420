"""Every sentence an answer is built from, in English and in Chinese, in one table.

``say(p, key, **values)`` picks the question's language and fills in the values; the answer
modules hold no sentences of their own (only the values they put in)."""

from __future__ import annotations

from typing import Any

SENTENCES: dict[str, tuple[str, str]] = {
    # declines
    "not_member": (
        "cnasean covers China and the ASEAN members; {other} is not one of them, so the data has no answer.",
        "cnasean 只涵盖中国与东盟成员国;{other}不在其中,数据中没有答案。",
    ),
    "not_understood": (
        "I could not tell what the question asks. cnasean answers questions on China–ASEAN trade, visa rules, infrastructure projects and events; try one of: {commands}.",
        "无法理解这个问题。cnasean 可回答中国—东盟贸易、签证、基础设施和大事记方面的问题;可试用:{commands}。",
    ),
    "unplaced_no_topic": (
        "I could not place {words}. cnasean answers questions on China–ASEAN trade, visa rules, infrastructure projects and events; try one of: {commands}.",
        "无法理解问题中的“{words}”。cnasean 可回答中国—东盟贸易、签证、基础设施和大事记方面的问题;可试用:{commands}。",
    ),
    "unplaced": (
        "I could not place {words} in a question on {topic}, so I will not guess; try: {command}.",
        "无法理解问题中的“{words}”,不作猜测;可试用:{command}。",
    ),
    "two_countries": (
        "The question names more than one member ({names}); ask about one at a time.",
        "问题涉及多个成员国({names}),请一次只问一个。",
    ),
    "which_year": (
        "The question names a part of a year but not which year (or a rolling span); name the year.",
        "问题没有说明是哪一年(或为滚动期间);请写明年份。",
    ),
    "two_periods": (
        "The question names more than one period ({years}); ask about one at a time.",
        "问题涉及多个时期({years}),请一次只问一个。",
    ),
    "rank_total_only": (
        "Rankings are of total goods trade with China; cnasean does not rank exports, imports or products.",
        "排名仅按与中国的货物贸易总额;cnasean 不对出口、进口或商品排名。",
    ),
    "forecast": (
        "cnasean holds figures that were published, not forecasts: it cannot say what trade will be.",
        "cnasean 只收录已公布的数据,不做预测。",
    ),
    "forecast_in": (
        "The data has no figure for {period}: cnasean holds figures that were published, not forecasts.",
        "数据中没有{period}的数据:cnasean 只收录已公布的数据,不做预测。",
    ),
    "cannot": ("The data cannot answer that: {error}", "数据无法回答:{error}"),
    "topics": ("trade, visa rules, projects and events", "贸易、签证、项目和大事"),
    # trade
    "read_trade": ("{what}, {period}, {flow}, {who}", "{what},{period},{flow},{who}"),
    "read_trade_latest": (
        "{what}, the latest period, {flow}, {who}",
        "{what},最新一期,{flow},{who}",
    ),
    "pair": ("China–{name} trade", "中国—{name}贸易"),
    "member_side": ("{name}'s trade with China", "{name}对华贸易"),
    "flow_total": ("total", "总额"),
    "flow_export": ("China's exports", "中国出口"),
    "flow_import": ("China's imports", "中国进口"),
    "flow_balance": ("China's balance", "中国贸易差额"),
    "mflow_export": ("{name}'s exports to China", "{name}对华出口"),
    "mflow_import": ("{name}'s imports from China", "{name}自华进口"),
    "mflow_total": ("total", "总额"),
    "mflow_balance": ("{name}'s balance", "{name}贸易差额"),
    "customs": ("China's customs", "中国海关"),
    "own_stats": ("{name}'s own statistics", "{name}方统计"),
    "figure_total": (
        "China–{name} trade in {period} was {figure}, according to {who}.",
        "{period}中国与{name}贸易额为{figure}(据{who})。",
    ),
    "figure_export": (
        "China's exports to {name} in {period} were {figure}, according to {who}.",
        "{period}中国对{name}出口{figure}(据{who})。",
    ),
    "figure_import": (
        "China's imports from {name} in {period} were {figure}, according to {who}.",
        "{period}中国自{name}进口{figure}(据{who})。",
    ),
    "figure_balance": (
        "China's trade balance with {name} in {period} was a {sign} of {figure}, according to {who}.",
        "{period}中国对{name}贸易{sign}{figure}(据{who})。",
    ),
    "mfigure_export": (
        "{name}'s exports to China in {period} were {figure}, according to {who}.",
        "{period}{name}对华出口{figure}(据{who})。",
    ),
    "mfigure_import": (
        "{name}'s imports from China in {period} were {figure}, according to {who}.",
        "{period}{name}自华进口{figure}(据{who})。",
    ),
    "mfigure_total": (
        "{name}'s trade with China in {period} was {figure}, according to {who}.",
        "{period}{name}与中国贸易额为{figure}(据{who})。",
    ),
    "surplus": ("surplus", "顺差"),
    "deficit": ("deficit", "逆差"),
    "same_basis": (
        " Other sources for the same figure give {figures}.",
        "同口径其他来源:{figures}。",
    ),
    "other_reporter": (" {who} give {figures}.", "{who}:{figures}。"),
    "no_trade": (
        "The data has no figure for {what} ({flow}) in {period}.",
        "数据中没有{what}{period}的数据({flow})。",
    ),
    "no_trade_at_all": (
        "The data has no figure for {what} ({flow}).",
        "数据中没有{what}的数据({flow})。",
    ),
    "latest_within": (
        " The latest figure within {year} is for {period}: {figures}.",
        "{year}年内最新的数据为{period}:{figures}。",
    ),
    "no_growth": (
        "The data gives no year-on-year growth for {what} in {period}.",
        "数据中没有{what}{period}的同比增速。",
    ),
    "no_share": (
        "The data gives no share of China's foreign trade for {what} in {period}.",
        "数据中没有{what}{period}占中国外贸的比重。",
    ),
    "milestone": (
        "ASEAN became China's largest trading partner for the first time in {year}: {note}",
        "东盟于{year}年首次成为中国第一大贸易伙伴(据中国海关)。",
    ),
    "read_milestone": (
        "the year ASEAN first became China's largest trading partner",
        "东盟首次成为中国第一大贸易伙伴的年份",
    ),
    "no_milestone": ("The data does not say.", "数据中没有相关记载。"),
    # rankings
    "read_rank": (
        "the members ranked by total trade with China, {year}, {currency}, China's customs",
        "东盟成员国与中国贸易额排名,{year}年,{currency},中国海关",
    ),
    "rank_most": (
        "In {year}, {first} traded the most with China: {figure} ({share}% of the ranked members' total), according to China's customs.",
        "{year}年,与中国贸易额最大的东盟成员国是{first}:{figure}(占参与排名成员合计的{share}%)(据中国海关)。",
    ),
    "rank_least": (
        "In {year}, {first} traded the least with China: {figure} ({share}% of the ranked members' total), according to China's customs.",
        "{year}年,与中国贸易额最小的东盟成员国是{first}:{figure}(占参与排名成员合计的{share}%)(据中国海关)。",
    ),
    "rank_order": (" The order: {rows}.", "排名:{rows}。"),
    "rank_missing": (
        " No figure for {names}, so they are not ranked.",
        "{names}无数据,未参与排名。",
    ),
    "rank_too_few": (
        "The data has a {year} figure for too few members ({names}) to rank them.",
        "数据中{year}年只有少数成员国({names})有数据,无法排名。",
    ),
    # visa
    "read_visa": ("visa rules, {who}, {when}", "签证规定,{who},{when}"),
    "read_visa_list": (
        "visa-free entry, {who}, each member, {when}",
        "免签入境,{who},各成员国,{when}",
    ),
    "read_visa_end": ("the end of the visa rules, {who}, {when}", "签证规定的有效期,{who},{when}"),
    "both_ways": ("both directions", "双向"),
    "which_country": ("Which country? Name an ASEAN member.", "请说明是哪个东盟国家。"),
    "no_visa_rule": ("The data has no visa rule for that.", "数据中没有相关签证规定。"),
    "visa_today": ("today", "目前"),
    "visa_on": ("on {day}", "{day}"),
    "visa_between": ("between {lo} and {hi}", "{lo}至{hi}期间"),
    "who_goes": ("{demonym} citizens going to {dest}", "{pp}公民前往{dest}"),
    "chinese_to_members": ("Chinese citizens going to ASEAN members", "中国公民前往东盟成员国"),
    "members_to_china": ("ASEAN members' citizens going to China", "东盟成员国公民前往中国"),
    "only_special": ("{who}: only special schemes apply {when}", "{who}:{when}仅有特殊政策"),
    "visa_free": (
        "{who} need no visa {when}{stay}{limit} under the {scheme}{since}{until}",
        "{who}{when}免签{stay}{limit}{since}{until}",
    ),
    "visa_needed": ("{who} need a visa {when} ({scheme})", "{who}{when}需要办理签证"),
    "stay": (" for up to {days} days", ",每次停留不超过{days}天"),
    "cumulative": (" ({days} days in any {window})", "(任意{window}天内累计不超过{days}天)"),
    "since": (", in force since {day}", ",自{day}起实施"),
    "until": (", until {day}", ",至{day}止"),
    "no_end": (", with no end date known", ",未见截止日期"),
    "exceptions": ("; visa-free exceptions: {names}", ";免签例外:{names}"),
    "list_head": ("{who} need no visa {when} for: {items}.", "{who}{when}免签的成员国:{items}。"),
    "list_item": (
        "{name} ({days} days, {scheme}{since}{until}; conditions: {conditions})",
        "{name}({days}天,{scheme}{since}{until};条件:{conditions})",
    ),
    "list_special": (
        " Only special schemes (not the whole country) for: {items}.",
        "仅有特殊政策(非全境)的成员国:{items}。",
    ),
    "list_none": (
        "{who} need a visa {when} for every ASEAN member in the data.",
        "{who}{when}前往数据中的各东盟成员国均需签证。",
    ),
    "list_visa": (" A visa is needed for: {names}.", "需要签证:{names}。"),
    "ended": (
        "{who}: no visa-free rule is in force {when}; the last one, the {scheme}, ended on {day}.",
        "{who}:{when}没有免签政策;最近一项({scheme})已于{day}结束。",
    ),
    "end_rule": (
        "{who}: the {scheme} (since {since}) {end}.",
        "{who}:{scheme}(自{since}起){end}。",
    ),
    "ends_on": ("ends on {day}", "于{day}截止"),
    "ends_unknown": ("has no end date known", "未见截止日期"),
    "unknown_start": ("a date not known", "日期不详"),
    # projects
    "read_project": ("{name}: {attribute}", "{name}:{attribute}"),
    "which_project": (
        "Which project? Name it (e.g. the China–Laos Railway).",
        "请说明是哪个项目。",
    ),
    "opened": ("The {name} opened on {day}.", "{name}于{day}开通。"),
    "not_opened": (
        "The data has no opening date for the {name}; its status is {status}.",
        "数据中没有{name}的开通日期,目前状态:{status}。",
    ),
    "length": ("The {name} is {km} km long.", "{name}全长{km}公里。"),
    "no_length": ("The data has no length for the {name}.", "数据中没有{name}的长度。"),
    "speed": ("The {name} is designed for {kmh} km/h.", "{name}设计时速{kmh}公里。"),
    "no_speed": ("The data has no speed for the {name}.", "数据中没有{name}的时速。"),
    "cost": ("The {name} cost about US${bn}.", "{name}造价约{yi}亿美元。"),
    "no_cost": (
        "The data has no cost in US dollars for the {name}.",
        "数据中没有{name}的美元造价。",
    ),
    "passengers": (
        "The {name} had carried {q}{n} passengers by {day}.",
        "截至{day},{name}累计发送旅客{q}{n}人次。",
    ),
    "no_passengers": (
        "The data has no passenger figure for the {name}.",
        "数据中没有{name}的客运数据。",
    ),
    "started": ("Construction of the {name} began in {day}.", "{name}于{day}开工。"),
    "no_start": (
        "The data has no construction start for the {name}.",
        "数据中没有{name}的开工日期。",
    ),
    "status": ("The {name}: status {status}{as_of}.", "{name}:状态{status}{as_of}。"),
    "summary": ("The {name}: {bits}.", "{name}:{bits}。"),
    "sources_differ": (" Sources differ: {alts}.", "来源不一:{alts}。"),
    # events
    "read_events": ("China–ASEAN events between {lo} and {hi}", "中国—东盟大事,{lo}至{hi}"),
    "read_event": ("the event: {title}", "事件:{title}"),
    "no_events": (
        "The data has no China–ASEAN event between {lo} and {hi}.",
        "数据中没有{lo}至{hi}期间的事件。",
    ),
    "events": ("{n} events: {items}{more}.", "共{n}项:{items}{more}。"),
    "more": (" (and {n} more)", "(另有{n}项)"),
    "no_event": ("The data has no event that matches.", "数据中没有匹配的事件。"),
    "event": ("{title}: {day}{place}.", "{title}:{day}。"),
    "event_what": ("{title} ({day}{place}). {note}", "{title}({day})。"),
    "sep": ("; ", ";"),
    "or": (" or ", ",即"),
}


def say(p: Any, key: str, **values: object) -> str:
    """The sentence ``key`` in the language of ``p`` (a Parsed), with ``values`` filled in."""
    en, zh = SENTENCES[key]
    return (zh if p.lang == "zh" else en).format(**values)
