#!/usr/bin/env python3
"""Build the IMF DOTS China<->member trade records of data/db.json from the IMF's tables.

    python data/build/imf_dots.py RAW_DIR            # print what the build gives (a summary)
    python data/build/imf_dots.py RAW_DIR --write    # put it into data/db.json, in place
    python data/build/imf_dots.py RAW_DIR --check    # exit 1, listing differences, if they disagree

RAW_DIR holds the IMF Direction of Trade Statistics report tables DOTS_<n>.xlsx (one per
reporter) and, beside it, SHA256SUMS (see ../shared/data-brief/imf-dots-2022/README.md).
The tables are not part of the project: without them --check says "skipped" and exits 0.

The build owns the trade records whose id starts with ``imf-dots-2022-`` and the source
records whose id starts with ``IMF-DOTS-2022-``; it replaces exactly those and keeps every
other record, its document key and its place. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

TRADE_PREFIX = "imf-dots-2022-"
SOURCE_PREFIX = "IMF-DOTS-2022-"
FIRST_YEAR, LAST_YEAR = 1992, 2020
# The day the tables were read for this project; fixed so that the build repeats exactly.
CHECKED = "2026-12-01"
COPY_REPO = "SamLeBlanc/Direction-of-Trade-Map"
COPY_COMMIT = "a769819d9b25a21a362d6cabfb10f150903f834d"
COPY_DATE = "2022-02-02"
# The IMF's reuse terms for its data (../shared/data-brief/imf-dots-2022/README.md).
IMF_TERMS = (
    "IMF Copyright and Usage terms: the data may be downloaded, extracted, copied, published "
    "and redistributed with attribution to the IMF (https://www.imf.org/en/About/"
    "copyright-and-terms)"
)

# IMF country code of each reporter's table -> ISO code, and the IMF's name for it.
TABLES = {
    "40": ("CN", "China, P.R.: Mainland"),
    "29": ("BN", "Brunei Darussalam"),
    "34": ("KH", "Cambodia"),
    "94": ("ID", "Indonesia"),
    "110": ("LA", "Lao People's Dem. Rep."),
    "120": ("MY", "Malaysia"),
    "135": ("MM", "Myanmar"),
    "157": ("PH", "Philippines"),
    "173": ("SG", "Singapore"),
    "194": ("TH", "Thailand"),
    "195": ("TL", "Timor-Leste, Dem. Rep. of"),
    "213": ("VN", "Vietnam"),
}
NAME_TO_CODE = {name: code for code, name in TABLES.values()}
MEMBERS = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL")
# The China-ASEAN sums count the ten members before Timor-Leste joined (db event
# timor-leste-joins-asean-2025), the same ten for every year.
ASEAN10 = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
ENGLISH = {
    "CN": "China",
    "BN": "Brunei",
    "KH": "Cambodia",
    "ID": "Indonesia",
    "LA": "Laos",
    "MY": "Malaysia",
    "MM": "Myanmar",
    "PH": "the Philippines",
    "SG": "Singapore",
    "TH": "Thailand",
    "VN": "Vietnam",
    "TL": "Timor-Leste",
}
SHEETS = {
    "export": ("xl/worksheets/sheet1.xml", "Exports, FOB to Partner Countries"),
    "import": ("xl/worksheets/sheet2.xml", "Imports, CIF from Partner Countries"),
}
# Timor-Leste's own figures 2014-2019 carry no flag but are a constant multiple of China's
# (the data brief's README); they are IMF estimates too, not Timor-Leste's statistics.
UNFLAGGED_ESTIMATES = {("TL", year) for year in range(2014, 2020)}

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"([A-Z]+)(\d+)$")
_CELL = re.compile(r"^\s*(-?[\d,]*\.?\d+)\s*(e)?\s*$")


class BuildError(Exception):
    pass


# -- reading the tables ---------------------------------------------------------------------


def _sheet_cells(z: zipfile.ZipFile, member: str, strings: list[str]) -> dict[int, dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for c in ET.fromstring(z.read(member)).iter(_NS + "c"):
        m = _REF.match(c.get("r", ""))
        if not m:
            continue
        kind, v = c.get("t"), c.find(_NS + "v")
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(_NS + "t"))
        elif v is None or v.text is None:
            continue
        elif kind == "s":
            text = strings[int(v.text)]
        else:
            # A numeric cell holds the shortest repr's 17-digit spelling: read it as the float.
            text = format(Decimal(repr(float(v.text))), "f") if kind in (None, "n") else v.text
        rows.setdefault(int(m.group(2)), {})[m.group(1)] = text
    return rows


def _cell(text: str, where: str) -> tuple[Decimal, bool]:
    m = _CELL.match(text)
    if not m:
        raise BuildError(f"{where}: cannot read the cell {text!r}")
    return Decimal(m.group(1).replace(",", "")), m.group(2) == "e"


def read_table(path: Path) -> dict[tuple[str, str, int], tuple[Decimal, bool, str]]:
    """(flow, partner code, year) -> (US$ millions, IMF estimate flag, the cell as written)."""
    code = path.stem.split("_", 1)[1]
    reporter, reporter_name = TABLES[code]
    out: dict[tuple[str, str, int], tuple[Decimal, bool, str]] = {}
    with zipfile.ZipFile(path) as z:
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        strings = ["".join(t.text or "" for t in si.iter(_NS + "t")) for si in sst]
        for flow, (member, title) in SHEETS.items():
            rows = _sheet_cells(z, member, strings)
            head = (rows.get(2, {}).get("B"), rows.get(4, {}).get("B"), rows.get(5, {}).get("B"))
            if head != (title, reporter_name, "US Dollars, Millions"):
                raise BuildError(f"{path.name} {member}: unexpected heading {head}")
            years = {col: int(t) for col, t in rows.get(7, {}).items() if t.isdigit()}
            for n, row in rows.items():
                partner = NAME_TO_CODE.get(row.get("B", ""))
                if n <= 7 or partner is None or partner == reporter:
                    continue
                if (reporter == "CN") == (partner == "CN"):
                    continue
                for col, year in years.items():
                    if FIRST_YEAR <= year <= LAST_YEAR and row.get(col, "").strip():
                        value, flag = _cell(row[col], f"{path.name} {member} {col}{n}")
                        out[(flow, partner, year)] = (value, flag, row[col].strip())
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_sums(raw: Path) -> dict[str, str]:
    for p in (raw / "SHA256SUMS", raw.parent / "SHA256SUMS"):
        if p.is_file():
            pairs = (line.split() for line in p.read_text().splitlines() if line.strip())
            return {name.lstrip("*"): digest for digest, name in pairs}
    return {}


# -- the records ----------------------------------------------------------------------------


def _dollars(millions: Decimal) -> int:
    return int((millions * 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def _mn(millions: Decimal) -> str:
    return f"{millions:,.2f}"


def _trade(
    rid: str, reporter: str, partner: str, flow: str, year: int, value: int
) -> dict[str, Any]:
    return {
        "id": rid,
        "reporter": reporter,
        "partner": partner,
        "flow": flow,
        "period": str(year),
        "period_kind": "year",
        "period_start": f"{year}-01-01",
        "period_end": f"{year}-12-31",
        "value": value,
        "currency": "USD",
        "qualifier": None,
        "yoy_pct": None,
        "share_pct": None,
        "derived": None,
        "confidence": "verbatim",
        "note": None,
        "sources": [],
        "last_verified": CHECKED,
    }


def trade_id(reporter: str, partner: str, flow: str, year: int, tail: str = "") -> str:
    return f"{TRADE_PREFIX}{reporter}-{partner}-{flow}-{year}-usd{tail}".lower()


def source_record(code: str, path: Path, digest: str) -> dict[str, Any]:
    reporter, name = TABLES[code]
    return {
        "id": f"{SOURCE_PREFIX}{reporter}",
        "publisher": "International Monetary Fund (IMF), Direction of Trade Statistics (DOTS)",
        "title": f"Direction of Trade Statistics, {name}: Exports, FOB to Partner Countries; "
        "Imports, CIF from Partner Countries (US Dollars, Millions)",
        "url": f"https://github.com/{COPY_REPO}/blob/{COPY_COMMIT}/data/DOTS/{path.name}",
        "published": COPY_DATE,
        "retrieved": CHECKED,
        "kind": "official",
        "note": (
            f"IMF DOTS report table for {name} as reporter, vintage of about January 2022. "
            f"Read from the public copy {path.name} (sha256 {digest}) in the GitHub repository "
            f"{COPY_REPO}, data/DOTS/, commit {COPY_COMMIT[:12]} of {COPY_DATE} (the date "
            "given as published is the copy's). Cells flagged 'e' are IMF estimates. The IMF's "
            "terms allow the data to be redistributed with attribution. Built by "
            "data/build/imf_dots.py; values converted from US$ millions to whole dollars. "
            "The IMF has replaced DOTS with IMTS (data.imf.org), with revised figures."
        ),
        "also_urls": [],
        "license": IMF_TERMS,
    }


def _flow_note(reporter: str, partner: str, flow: str, cell: str, estimate: str | None) -> str:
    who = ENGLISH[reporter]
    what = (
        f"exports (FOB) to {ENGLISH[partner]}"
        if flow == "export"
        else f"imports (CIF) from {ENGLISH[partner]}"
    )
    text = f"IMF DOTS: {who}-reported {what}; the table's cell reads '{cell}' (US$ millions)."
    return f"{text} {estimate}" if estimate else text


def _estimate_reason(reporter: str, year: int, flag: bool) -> str | None:
    if flag:
        return (
            f"Flagged 'e': an IMF estimate built from partner reports, not {ENGLISH[reporter]}'s "
            "own figure."
        )
    if (reporter, year) in UNFLAGGED_ESTIMATES:
        return (
            "Not flagged, but Timor-Leste's figures for 2014-2019 are a constant multiple of "
            "China's mirror figures (its exports about 1.304 x China's imports from it, its "
            "imports about 0.667 x China's exports to it): an IMF estimate, not Timor-Leste's "
            "own figure."
        )
    return None


def build_records(raw: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The build's trade records (stable order) and its source records, from RAW_DIR."""
    sums = read_sums(raw)
    sources: list[dict[str, Any]] = []
    figures: dict[tuple[str, str, str, int], tuple[Decimal, str | None, str]] = {}
    for code in sorted(TABLES, key=lambda c: (TABLES[c][0] != "CN", TABLES[c][0])):
        path = raw / f"DOTS_{code}.xlsx"
        if not path.is_file():
            raise BuildError(f"{path.name} not found in {raw}")
        digest = sha256(path)
        if sums and sums.get(path.name) != digest:
            raise BuildError(f"{path.name}: sha256 {digest} is not the one in SHA256SUMS")
        sources.append(source_record(code, path, digest))
        reporter = TABLES[code][0]
        for (flow, partner, year), (value, flag, cell) in read_table(path).items():
            reason = _estimate_reason(reporter, year, flag)
            figures[(reporter, partner, flow, year)] = (value, reason, cell)

    trade: list[dict[str, Any]] = []
    pairs = [("CN", m) for m in MEMBERS] + [(m, "CN") for m in MEMBERS]
    for reporter, partner in pairs:
        src = f"{SOURCE_PREFIX}{reporter}"
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            got = {}
            for flow in ("export", "import"):
                fig = figures.get((reporter, partner, flow, year))
                if fig is None:
                    continue
                value, reason, cell = fig
                rec = _trade(
                    trade_id(reporter, partner, flow, year),
                    reporter,
                    partner,
                    flow,
                    year,
                    _dollars(value),
                )
                rec["confidence"] = "estimate" if reason else "verbatim"
                rec["note"] = _flow_note(reporter, partner, flow, cell, reason)
                rec["sources"] = [src]
                got[flow] = (rec, value, reason)
                trade.append(rec)
            if len(got) == 2:
                (ex, exv, exr), (im, imv, imr) = got["export"], got["import"]
                rec = _trade(
                    trade_id(reporter, partner, "total", year),
                    reporter,
                    partner,
                    "total",
                    year,
                    ex["value"] + im["value"],
                )
                rec["derived"] = {
                    "fields": ["value"],
                    "method": f"exports FOB + imports CIF as reported by {ENGLISH[reporter]} "
                    f"in IMF DOTS: {_mn(exv)} + {_mn(imv)} = {_mn(exv + imv)} US$ mn",
                    "inputs": [ex["id"], im["id"]],
                }
                note = "Computed here from the IMF's export and import figures."
                if exr or imr:
                    rec["confidence"] = "estimate"
                    note += " Built on IMF estimates, not the reporter's own figures."
                else:
                    rec["confidence"] = "derived"
                rec["note"] = note
                rec["sources"] = [src]
                trade.append(rec)
    return trade, sources


def _official_asean_years(db: dict[str, Any]) -> set[int]:
    """Years with a China-reported China-ASEAN annual total from a source (not computed)."""
    years = set()
    for d in db.get("trade", {}).values():
        if d.get("id", "").startswith(TRADE_PREFIX):
            continue
        if (d.get("reporter"), d.get("partner"), d.get("flow"), d.get("period_kind")) != (
            "CN",
            "ASEAN",
            "total",
            "year",
        ):
            continue
        if d.get("value") is not None and d.get("confidence") != "derived":
            years.add(int(d["period_start"][:4]))
    return years


def asean_sums(trade: list[dict[str, Any]], db: dict[str, Any]) -> list[dict[str, Any]]:
    """China-ASEAN totals summed over the ten members, for the years no source gives one."""
    have = _official_asean_years(db)
    by_id = {r["id"]: r for r in trade}
    out = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if year in have:
            continue
        inputs, missing = [], []
        for m in ASEAN10:
            for flow in ("export", "import"):
                rid = trade_id("CN", m, flow, year)
                (inputs if rid in by_id else missing).append(rid if rid in by_id else (m, flow))
        recs = [by_id[i] for i in inputs]
        total = sum(r["value"] for r in recs)
        rec = _trade(
            trade_id("CN", "ASEAN", "total", year, "-sum"), "CN", "ASEAN", "total", year, total
        )
        method = (
            "sum of China-reported exports FOB to and imports CIF from the ten members "
            f"{', '.join(ASEAN10)} in IMF DOTS, in whole dollars"
        )
        if missing:
            gone = ", ".join(
                f"{'exports to' if f == 'export' else 'imports from'} {m}" for m, f in missing
            )
            method += f"; not in the table and left out: China's {gone}"
        rec["derived"] = {"fields": ["value"], "method": method, "inputs": inputs}
        estimated = any(r["confidence"] == "estimate" for r in recs)
        rec["confidence"] = "estimate" if estimated else "derived"
        rec["note"] = (
            f"Computed here: no sourced China-reported (GACS) China-ASEAN total for {year} is "
            "in this data, so this sums the IMF's China-reported figures over Brunei, Cambodia, "
            "Indonesia, Laos, Malaysia, Myanmar, the Philippines, Singapore, Thailand and "
            "Vietnam (ASEAN's ten members before Timor-Leste; the same ten for every year, "
            "including years before some of them had joined). An alternative to any official "
            "figure, not GACS's: the IMF's China figures differ a little from GACS's."
        )
        rec["sources"] = [f"{SOURCE_PREFIX}CN"]
        out.append(rec)
    return out


def _overlaps(trade: list[dict[str, Any]], db: dict[str, Any]) -> None:
    """Name other sources' figures for the same reporter, partner, flow and year in the note."""
    others: dict[tuple[str, str, str, str], list[str]] = {}
    for d in db.get("trade", {}).values():
        if d.get("id", "").startswith(TRADE_PREFIX) or d.get("period_kind") != "year":
            continue
        key = (d.get("reporter"), d.get("partner"), d.get("flow"), d.get("period"))
        others.setdefault(key, []).append(d["id"])  # type: ignore[arg-type]
    for r in trade:
        ids = others.get((r["reporter"], r["partner"], r["flow"], r["period"]))
        if ids:
            r["note"] += " Other figures for this year: " + ", ".join(sorted(ids)) + "."


# -- the data file --------------------------------------------------------------------------


def dumps(data: Any) -> str:
    """cnasean's own layout (cnasean.store.write.dumps)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _replace(table: dict[str, Any], own: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    kept = {k: v for k, v in table.items() if not str(v.get("id", "")).startswith(own)}
    start = max((int(k) for k in kept), default=0) + 1
    out = dict(kept)
    for n, rec in enumerate(records):
        out[str(start + n)] = rec
    return out


def build_db(raw: Path, db: dict[str, Any]) -> dict[str, Any]:
    trade, sources = build_records(raw)
    trade += asean_sums(trade, db)
    _overlaps(trade, db)
    out = dict(db)
    out["sources"] = _replace(db.get("sources", {}), SOURCE_PREFIX, sources)
    out["trade"] = _replace(db.get("trade", {}), TRADE_PREFIX, trade)
    return out


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    out = []
    for table in sorted(set(old) | set(new)):
        a, b = old.get(table, {}), new.get(table, {})
        if a == b and list(a) == list(b):
            continue
        ida = {str(v.get("id")): (k, v) for k, v in a.items()}
        idb = {str(v.get("id")): (k, v) for k, v in b.items()}
        for i in sorted(set(ida) - set(idb)):
            out.append(f"{table}: {i} is in the file but not in the build")
        for i in sorted(set(idb) - set(ida)):
            out.append(f"{table}: {i} is in the build but not in the file")
        for i in sorted(set(ida) & set(idb)):
            (ka, va), (kb, vb) = ida[i], idb[i]
            if va != vb:
                fields = sorted(f for f in set(va) | set(vb) if va.get(f) != vb.get(f))
                out.append(f"{table}: {i} differs in {', '.join(fields)}")
            elif ka != kb:
                out.append(f"{table}: {i} has document key {ka}, the build gives {kb}")
        if not out or not out[-1].startswith(table):
            out.append(f"{table}: the records are in another order than the build's")
    return out


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[2]
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("raw", type=Path, help="folder of the IMF tables DOTS_<n>.xlsx")
    p.add_argument("--db", type=Path, default=here / "data" / "db.json")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="update the data file in place")
    mode.add_argument("--check", action="store_true", help="exit 1 if the file disagrees")
    args = p.parse_args(argv)

    if not all((args.raw / f"DOTS_{c}.xlsx").is_file() for c in TABLES):
        if args.check:
            print(f"imf_dots: skipped: tables not found in {args.raw}")
            return 0
        print(f"imf_dots: tables not found in {args.raw} (DOTS_<n>.xlsx)", file=sys.stderr)
        return 2
    text = args.db.read_text(encoding="utf-8")
    db = json.loads(text)
    try:
        new = build_db(args.raw, db)
    except BuildError as e:
        print(f"imf_dots: {e}", file=sys.stderr)
        return 1
    n_trade = sum(1 for v in new["trade"].values() if v["id"].startswith(TRADE_PREFIX))
    n_src = sum(1 for v in new["sources"].values() if v["id"].startswith(SOURCE_PREFIX))
    if args.check:
        diff = differences(db, new)
        if diff:
            print(
                f"imf_dots: {args.db.name} disagrees with the build (re-run with --write):",
                file=sys.stderr,
            )
            for line in diff[:50]:
                print(f"  {line}", file=sys.stderr)
            if len(diff) > 50:
                print(f"  ... and {len(diff) - 50} more", file=sys.stderr)
            return 1
        print(f"imf_dots: ok: {n_trade} trade records and {n_src} sources match the build")
        return 0
    if args.write:
        out = dumps(new)
        if out != text:
            tmp = args.db.with_name(args.db.name + ".imf-dots.tmp")
            tmp.write_text(out, encoding="utf-8")
            tmp.replace(args.db)
        print(f"imf_dots: wrote {n_trade} trade records and {n_src} sources to {args.db}")
        return 0
    print(
        f"imf_dots: the build gives {n_trade} trade records and {n_src} sources "
        "(--write to update the file, --check to compare)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
