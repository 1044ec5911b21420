"""The readers of each official format ``official`` recognises: the header names, the codes
and units, the periods, and what makes a row a country total.

Headers and traps: IMF IMTS SDMX-CSV (1.0: ``DATAFLOW`` first; 2.0: ``STRUCTURE,
STRUCTURE_ID,ACTION`` first; columns read by name, their order varies; ISO3 codes;
``OBS_VALUE`` in US dollars, ``SCALE`` a display hint only), China customs' online query
export (every field quoted, a trailing comma, thousands separators; the Chinese one in GBK,
``数据年月`` as ``YYYYMM``; partners by customs code; the file does not say whether it holds
exports or imports, so its name must).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.store.official import (
    Imported,
    Row,
    Skip,
    collect,
    country,
    number,
    pair,
    period,
    rows,
    source_record,
    trade_record,
)

Reader = Callable[[str, list[str], bytes, Path, dt.date], Imported]

# --- IMF IMTS SDMX-CSV -------------------------------------------------------------------

IMF_COLUMNS = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD")
IMF_FLOWS = {"XG_FOB_USD": "export", "MG_CIF_USD": "import"}
IMF = {
    "publisher": "International Monetary Fund (IMF), Statistics Department",
    "title": "International Trade in Goods (IMTS), SDMX-CSV download",
    "url": "https://data.imf.org/",
    "note": "OBS_VALUE read as US dollars (the IMF gives units; SCALE only says how to show "
    "them). XG_FOB_USD is exports FOB, MG_CIF_USD imports CIF, as COUNTRY reports them.",
}
_USD = frozenset({"USD", "US_DOLLAR", "US DOLLAR", "US DOLLARS", "U.S. DOLLARS"})
_A = re.compile(r"(\d{4})(?:-?A1?)?", re.ASCII)
_Q = re.compile(r"(\d{4})-?Q([1-4])", re.ASCII)
_M = re.compile(r"(\d{4})-?M?(0[1-9]|1[0-2])", re.ASCII)


def code_of(text: str) -> str:
    """The code of an SDMX cell, labelled ("CHN: China") or not."""
    return text.split(":", 1)[0].strip()


def imf_period(freq: str, text: str) -> dict[str, str]:
    pattern, kind = {"A": (_A, "year"), "Q": (_Q, "quarter"), "M": (_M, "month")}.get(
        code_of(freq).upper(), (None, "")
    )
    found = pattern.fullmatch(text) if pattern else None
    if found is None:
        raise Skip("unreadable", f"TIME_PERIOD {text!r} does not fit FREQUENCY {freq!r}")
    year = int(found.group(1))
    return period(kind, year, int(found.group(2)) if kind != "year" else 1)


def read_imf(text: str, header: list[str], raw: bytes, path: Path, today: dt.date) -> Imported:
    src = source_record("imts", raw, path, IMF, today)
    out = Imported("IMF IMTS SDMX-CSV", str(path))
    out.append(("sources", src))

    def one(row: Row) -> dict[str, Any]:
        if code_of(row.get("ACTION")).upper() == "D":
            raise Skip("unreadable", "ACTION D deletes an observation")
        indicator = code_of(row.get("INDICATOR"))
        flow = IMF_FLOWS.get(indicator)
        if flow is None:
            raise Skip("indicator", indicator)
        rep, par = row.get("COUNTRY"), row.get("COUNTERPART_COUNTRY")
        who = pair(country(rep), country(par), f"{code_of(rep)} and {code_of(par)}")
        unit = code_of(row.get("UNIT"))
        if unit and unit.upper() not in _USD:
            raise Skip("unit", f"UNIT {unit}")
        when = imf_period(row.get("FREQUENCY"), row.get("TIME_PERIOD"))
        value = number(row.get("OBS_VALUE"))
        status = code_of(row.get("STATUS") or row.get("OBS_STATUS"))
        note = f"IMF IMTS {indicator}" + (f", STATUS {status}" if status else "") + "."
        return trade_record(
            src,
            who,
            flow,
            when,
            value=value,
            currency="USD",
            confidence="weak" if status.upper() == "E" else "verbatim",
            note=note + (" An IMF estimate." if status.upper() == "E" else ""),
        )

    return collect(out, rows(text, header, path), one)


# --- China customs (GACS) online query export --------------------------------------------

# The customs' own partner codes (its COUNTRY table); 142 (China) is re-imports.
GACS_PARTNERS = {
    "105": "BN",
    "106": "MM",
    "107": "KH",
    "112": "ID",
    "119": "LA",
    "122": "MY",
    "129": "PH",
    "132": "SG",
    "136": "TH",
    "141": "VN",
    "144": "TL",
}


class Columns(Frozen):
    """The names of a customs export's columns, in one of its languages."""

    lang: str
    date: str
    partner: str
    name: str
    commodity: str
    parts: tuple[str, ...]  # breakdowns of a total: a row with one is a part of it
    money: tuple[tuple[str, str], ...]  # (value column, its currency)


GACS_EN = Columns(
    "English",
    "Date of data",
    "Trading partner code",
    "Trading partner",
    "Commodity code",
    ("Customs Regime code",),
    (("US dollar", "USD"), ("RMB", "CNY"), ("Renminbi", "CNY")),
)
GACS_ZH = Columns(
    "Chinese",
    "数据年月",
    "贸易伙伴编码",
    "贸易伙伴名称",
    "商品编码",
    ("贸易方式编码", "注册地编码"),
    (("美元", "USD"), ("人民币", "CNY")),
)
GACS = {
    "publisher": "General Administration of Customs of the People's Republic of China (GACS)",
    "title": "China customs statistics, online query export",
    "url": "http://stats.customs.gov.cn/",
}
# What a breakdown cell holds on a row that is the whole (no commodity, regime or place).
_WHOLE = frozenset({"", "-", "总值", "合计", "总计", "total", "all"})
_YM = re.compile(r"(\d{4})(0[1-9]|1[0-2])?(?:\s*-\s*(\d{4})(0[1-9]|1[0-2]))?", re.ASCII)


def gacs_flow(path: Path) -> str:
    name = path.name.lower()
    exports = "export" in name or "出口" in name.replace("进出口", "")
    imports = "import" in name or "进口" in name.replace("进出口", "")
    if exports == imports:
        raise UsageError(
            f"{path} is a China customs query export, which does not say whether it holds "
            "exports or imports: put 'export' or 'import' (出口 or 进口) in the file's name, "
            "for example gacs-export-2024.csv."
        )
    return "export" if exports else "import"


def gacs_period(text: str) -> dict[str, str]:
    """``YYYYMM`` a month, ``YYYY`` a year, ``YYYYMM-YYYYMM`` (from January) a year to date."""
    found = _YM.fullmatch(text.strip())
    if found is None:
        raise Skip("unreadable", f"the date {text!r} is not YYYYMM")
    year, month, year2, month2 = found.groups()
    if year2 is None:
        return period("month", int(year), int(month)) if month else period("year", int(year))
    if year2 != year or month != "01":
        raise Skip("unreadable", f"the period {text!r} is not from January of one year")
    if month2 == "12":
        return period("year", int(year))
    return period("ytd", int(year), 1, int(month2))


def gacs_partner(code: str, name: str) -> str:
    from cnasean import countries

    found = GACS_PARTNERS.get(code.lstrip("0") or "0")
    if found is None:
        raise Skip("outside", f"partner {code} {name}".strip())
    named = countries.get(name) if name else None
    if named is not None and named.code != found:
        raise Skip("unreadable", f"partner code {code} is {found}, but the name says {name!r}")
    return found


def read_gacs(cols: Columns) -> Reader:
    def reader(text: str, header: list[str], raw: bytes, path: Path, today: dt.date) -> Imported:
        flow = gacs_flow(path)
        value_col, currency = next((c, v) for c, v in cols.money if c in header)
        lang = cols.lang
        about = {
            **GACS,
            "title": f"{GACS['title']} ({lang}, {flow}s)",
            "note": f"The file's {flow}s, in {currency} as its {value_col!r} column gives them.",
        }
        src = source_record("gacs", raw, path, about, today)
        out = Imported(f"China customs query export ({lang})", str(path))
        out.append(("sources", src))

        def one(row: Row) -> dict[str, Any]:
            partner = gacs_partner(row.get(cols.partner), row.get(cols.name))
            if row.get(cols.commodity).lower() not in _WHOLE:
                raise Skip("commodity", f"commodity {row.get(cols.commodity)}")
            for part in cols.parts:
                if row.get(part).lower() not in _WHOLE:
                    raise Skip("partial", f"{part} {row.get(part)}")
            when = gacs_period(row.get(cols.date))
            value = number(row.get(value_col))
            who = pair("CN", partner, partner)
            note = f"China customs query export, {flow}s to/from the partner."
            return trade_record(src, who, flow, when, value=value, currency=currency, note=note)

        return collect(out, rows(text, header, path), one)

    return reader


# --- UN Comtrade Plus download (a user's own file only: never shipped) -------------------

COMTRADE_COLUMNS = ("freqCode", "period", "reporterISO", "flowCode", "partnerISO", "cmdCode")
COMTRADE_FLOWS = {"X": "export", "M": "import"}
COMTRADE = {
    "publisher": "United Nations Statistics Division, UN Comtrade",
    "title": "UN Comtrade Plus data download",
    "url": "https://comtradeplus.un.org/",
    "kind": "aggregator",
    "note": "UN Comtrade data: the UN's terms forbid re-disseminating it without the UN's "
    "permission, so it stays in this data file and is never shipped with cnasean. "
    "primaryValue read as US dollars.",
}
# A country total: all commodities, no second partner, all customs procedures and modes.
_COMTRADE_WHOLE = {"partner2Code": "0", "customsCode": "C00", "motCode": "0"}
_YEAR_MONTH = re.compile(r"(\d{4})(0[1-9]|1[0-2])?", re.ASCII)


def read_comtrade(text: str, header: list[str], raw: bytes, path: Path, today: dt.date) -> Imported:
    src = source_record("comtrade", raw, path, COMTRADE, today)
    out = Imported("UN Comtrade Plus download (your own file only)", str(path))
    out.append(("sources", src))

    def one(row: Row) -> dict[str, Any]:
        flow = COMTRADE_FLOWS.get(row.get("flowCode").upper())
        if flow is None:
            raise Skip("flow", f"flowCode {row.get('flowCode')}")
        rep, par = row.get("reporterISO"), row.get("partnerISO")
        who = pair(country(rep), country(par), f"{rep} and {par}")
        if row.get("cmdCode").upper() != "TOTAL":
            raise Skip("commodity", f"cmdCode {row.get('cmdCode')}")
        for col, whole in _COMTRADE_WHOLE.items():
            if col in header and row.get(col) not in (whole, ""):
                raise Skip("partial", f"{col} {row.get(col)}")
        found = _YEAR_MONTH.fullmatch(row.get("period"))
        monthly = row.get("freqCode").upper() == "M"
        if found is None or bool(found.group(2)) != monthly:
            raise Skip("unreadable", f"period {row.get('period')!r}")
        year, month = int(found.group(1)), int(found.group(2) or 1)
        when = period("month" if monthly else "year", year, month)
        value = number(row.get("primaryValue"))
        note = "UN Comtrade (not for redistribution)."
        return trade_record(src, who, flow, when, value=value, currency="USD", note=note)

    return collect(out, rows(text, header, path), one)


# --- recognising a header ----------------------------------------------------------------


def _needs(header: list[str], names: tuple[str, ...], path: Path, what: str) -> None:
    missing = [n for n in names if n not in header]
    if missing:
        raise UsageError(
            f"{path} looks like {what} but has no column {', '.join(missing)}: "
            f"expected {', '.join(names)}."
        )


def recognise(header: list[str], path: Path) -> Reader | None:
    """The reader for a header, None for a header of no official format; a header that
    starts like one but lacks a column it needs is a ``UsageError`` naming the columns."""
    if header[:1] in (["DATAFLOW"], ["STRUCTURE"]):
        _needs(header, (*IMF_COLUMNS, "OBS_VALUE"), path, "an IMF SDMX-CSV download")
        return read_imf
    for cols in (GACS_EN, GACS_ZH):
        if cols.date in header:
            what = "a China customs query export"
            _needs(header, (cols.date, cols.partner), path, what)
            if not any(c in header for c, _ in cols.money):
                _needs(header, (cols.money[0][0],), path, what)
            return read_gacs(cols)
    if "reporterISO" in header and "primaryValue" in header:
        what = "a UN Comtrade download"
        _needs(header, (*COMTRADE_COLUMNS, "primaryValue"), path, what)
        return read_comtrade
    return None
