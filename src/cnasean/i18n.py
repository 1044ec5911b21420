"""Simplified Chinese for what people read: headers, labels, titles, country names.

``set_lang("zh")`` (from ``--lang zh`` or ``CNASEAN_LANG=zh``) switches; ``tr(text)`` gives the
Chinese for a known English text or template, and the English itself otherwise, so every field
falls back to English on its own. Data values (JSON, TSV) are never translated.
"""

from __future__ import annotations

import os
from typing import Any

LANGS = ("en", "zh")
ENV_VAR = "CNASEAN_LANG"
_current = {"lang": ""}

ZH: dict[str, str] = {
    # column headers
    "Period": "时期",
    "Yuan": "人民币",
    "YoY (¥)": "同比(人民币)",
    "US dollars": "美元",
    "YoY ($)": "同比(美元)",
    "Share": "占比",
    "* Also reported": "* 其他来源数据",
    "Sources": "来源",
    "Reporter": "统计方",
    "Partner": "伙伴",
    "Flow": "流向",
    "Value": "金额",
    "YoY": "同比",
    "Caveat": "说明",
    "Member": "成员国",
    "Chinese citizens going there": "中国公民前往",
    "Its citizens going to China": "该国公民来华",
    "Direction": "方向",
    "Rule": "规定",
    "Visa-free": "免签",
    "Stay": "停留",
    "From": "起",
    "To": "止",
    "Purposes": "目的",
    "Conditions": "条件",
    "Note": "备注",
    "Verified": "核实日期",
    "Name": "名称",
    "Countries": "国家",
    "Type": "类型",
    "Status": "状态",
    "Length": "长度",
    "Speed": "速度",
    "Cost": "造价",
    "Opened": "开通",
    "Started": "开工",
    "ID": "编号",
    "Also called": "又称",
    "Route": "线路",
    "Design speed": "设计时速",
    "Financing": "融资",
    "Construction": "开工",
    "Metrics": "数据",
    "Sources differ": "来源不一致",
    "Confidence": "可信度",
    "Date": "日期",
    "Event": "事件",
    "Category": "类别",
    "Who": "各方",
    "Place": "地点",
    "Kind": "类别",
    "What": "内容",
    "Score": "得分",
    "Publisher": "发布者",
    "Title": "标题",
    "Published": "发布日期",
    "URL": "网址",
    "Official name": "正式名称",
    "Chinese name": "中文名称",
    "Codes": "代码",
    "ASEAN member since": "加入东盟",
    # titles and templates
    "China–{partner} goods trade{flow}, as reported by {side}": "中国—{partner}货物贸易{flow}(据{side})",
    "China's customs": "中国海关",
    "{name}'s own statistics": "{name}方统计",
    "Visa rules in force on {day} (ordinary passports)": "{day}有效的签证规定(普通护照)",
    "Visa rules in force on {day}": "{day}有效的签证规定",
    "Visa rules, every one that ever applied": "签证规定(全部历史)",
    "Latest trade with China": "与中国的最新贸易数据",
    "Projects": "项目",
    "Events": "事件",
    "Sources: {ids}.": "来源:{ids}。",
    "Data {version}, as of {as_of}.": "数据版本 {version},截至 {as_of}。",
    "Details: cnasean sources ID.": "详情:cnasean sources 编号。",
    "visa-free": "免签",
    "visa needed": "需签证",
    "no rule in the data": "无数据",
    "yes": "是",
    "no": "否",
    "no end date": "无截止日期",
    "not known (see note)": "不详(见备注)",
    "days": "天",
    "since": "自",
    "until": "至",
    "more": "条其他规定",
    # values shown in tables
    "operating": "运营中",
    "under-construction": "在建",
    "planned": "规划中",
    "suspended": "暂停",
    "stalled": "停滞",
    "cancelled": "取消",
    "completed": "已完工",
    "railway": "铁路",
    "high-speed-rail": "高速铁路",
    "metro": "城市轨道交通",
    "expressway": "高速公路",
    "port": "港口",
    "airport": "机场",
    "canal": "运河",
    "industrial-park": "产业园",
    "sez": "经济特区",
    "energy": "能源",
    "refinery": "炼化",
    "hydropower": "水电",
    "pipeline": "管道",
    "logistics-corridor": "物流通道",
    "irrigation": "灌溉",
    "bridge": "桥梁",
    "dam": "水坝",
    "programme": "合作项目",
    "total": "进出口",
    "export": "出口",
    "import": "进口",
    "balance": "差额",
    "agreement-signed": "协议签署",
    "agreement-in-force": "协议生效",
    "negotiation": "谈判",
    "summit": "峰会",
    "expo": "博览会",
    "accession": "加入",
    "partnership": "伙伴关系",
    "declaration": "宣言",
    "plan": "行动计划",
    "visa-agreement": "签证协定",
    "statement": "表态",
    "infrastructure": "基础设施",
    "year-of": "主题年",
    "dialogue": "对话关系",
    # regimes
    "mutual exemption": "互免签证",
    "unilateral exemption": "单方面免签",
    "temporary exemption": "临时免签",
    "trial exemption": "试行免签",
    "group-tour exemption": "旅游团免签",
    "visa on arrival": "落地签",
    "e-visa": "电子签证",
    "visa required": "需签证",
    "visa-free transit": "过境免签",
    "region-limited exemption": "区域性免签",
    "business visa": "商务签证",
}


def set_lang(lang: str | None) -> None:
    """Switch the language (``en`` or ``zh``); an unknown one is a usage error."""
    if lang is None:
        return
    value = lang.strip().lower().replace("_", "-")
    if value in ("zh-cn", "zh-hans", "cn", "chinese", "中文"):
        value = "zh"
    if value not in LANGS:
        from cnasean.errors import UsageError

        raise UsageError(f"Unknown language {lang!r}: use en or zh.")
    _current["lang"] = value


def lang() -> str:
    """The language in use: set explicitly, else ``CNASEAN_LANG``, else English."""
    if not _current["lang"]:
        env = os.environ.get(ENV_VAR, "").strip().lower()
        _current["lang"] = "zh" if env.startswith("zh") else "en"
    return _current["lang"]


def reset() -> None:
    _current["lang"] = ""


def tr(text: str, **kwargs: Any) -> str:
    """``text`` (a literal or a ``str.format`` template) in the current language."""
    template = ZH.get(text, text) if lang() == "zh" else text
    return template.format(**kwargs) if kwargs else template


def pick(english: str, chinese: str | None) -> str:
    """A data field's Chinese form when showing Chinese and the data has one."""
    return chinese if chinese and lang() == "zh" else english
