#!/usr/bin/env python3
"""Generate a large, valid cnasean data file for benchmarks.

    python bench/make_db.py 100000 -o bench/out/db-100k.json

Mostly trade records (per member, per period, per flow, per currency, from both reporters),
plus the shipped sources, visa rules, projects and events. Values are random but of the
right size and shape; the file passes ``cnasean db validate``. Not real data: never ship it.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"]
FLOWS = ["total", "export", "import", "balance"]


def periods(year: int) -> list[tuple[str, str, str, str]]:
    """(period, kind, start, end) for a year: months, quarters, halves, year-to-date, year."""
    out = []
    for m in range(1, 13):
        last = calendar.monthrange(year, m)[1]
        out.append((f"{year}-{m:02d}", "month", f"{year}-{m:02d}-01", f"{year}-{m:02d}-{last}"))
        if m > 1 and m not in (6, 12):
            out.append(
                (f"{year}-01..{year}-{m:02d}", "ytd", f"{year}-01-01", f"{year}-{m:02d}-{last}")
            )
    for q in range(1, 5):
        m = 3 * q
        last = calendar.monthrange(year, m)[1]
        out.append((f"{year}-Q{q}", "quarter", f"{year}-{m - 2:02d}-01", f"{year}-{m:02d}-{last}"))
    out.append((f"{year}-H1", "half", f"{year}-01-01", f"{year}-06-30"))
    out.append((f"{year}-H2", "half", f"{year}-07-01", f"{year}-12-31"))
    out.append((str(year), "year", f"{year}-01-01", f"{year}-12-31"))
    return out


def trade_records(n: int, source_ids: list[str], rng: random.Random):
    year = 1900
    count = 0
    while True:
        for period, kind, start, end in periods(year):
            for code in MEMBERS:
                for reporter, partner in (("CN", code), (code, "CN")):
                    for flow in FLOWS:
                        for currency in ("CNY", "USD"):
                            if count >= n:
                                return
                            count += 1
                            value = rng.randrange(10**8, 10**12)
                            yield {
                                "id": f"gen-{reporter}-{partner}-{flow}-{period.replace('..', '-')}"
                                f"-{currency}".lower(),
                                "reporter": reporter,
                                "partner": partner,
                                "flow": flow,
                                "period": period,
                                "period_start": start,
                                "period_end": end,
                                "value": -value if flow == "balance" else value,
                                "currency": currency,
                                "yoy_pct": round(rng.uniform(-20, 30), 1),
                                "share_pct": None,
                                "derived": None,
                                "note": "Generated for benchmarks; not a real figure.",
                                "sources": [rng.choice(source_ids)],
                                "period_kind": kind,
                                "qualifier": None,
                                "confidence": "verbatim",
                                "last_verified": "2026-11-29",
                            }
        year += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("n", type=int, help="number of trade records")
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    shipped = json.loads((ROOT / "data" / "db.json").read_text(encoding="utf-8"))
    rng = random.Random(args.seed)
    source_ids = [s["id"] for s in shipped["sources"].values()]
    out = args.output or ROOT / "bench" / "out" / f"db-{args.n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        # Written table by table so that a million records never sit in memory at once.
        fh.write("{")
        for name in ("meta", "sources", "visa", "infrastructure", "events"):
            fh.write(
                json.dumps(name) + ": " + json.dumps(shipped[name], ensure_ascii=False) + ",\n"
            )
        fh.write('"trade": {')
        for i, rec in enumerate(trade_records(args.n, source_ids, rng), 1):
            fh.write(
                ("," if i > 1 else "") + f'"{i}": ' + json.dumps(rec, ensure_ascii=False) + "\n"
            )
        fh.write("}}\n")
    print(out)


if __name__ == "__main__":
    main()
