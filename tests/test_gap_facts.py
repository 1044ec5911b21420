"""The facts found for the known gaps (issue 13, items 4 and 7) stay in the shipped data.

Each test pins one group of facts: the value, its dates and a cited source with a URL, so that
a later edit cannot drop or change one silently. The sources are the pages named in each
record's note; the values are theirs, never computed here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DB = Path(__file__).resolve().parents[1] / "data" / "db.json"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(DB.read_text(encoding="utf-8"))


def _rec(raw: dict[str, Any], kind: str, rid: str) -> dict[str, Any]:
    hits = [d for d in raw[kind].values() if d["id"] == rid]
    assert len(hits) == 1, f"{kind} {rid}: {len(hits)} records"
    return hits[0]


def _sources(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in raw["sources"].values()}


def _cites(raw: dict[str, Any], rec: dict[str, Any], *wanted: str) -> None:
    """The record cites each wanted source, and each has a URL and both dates."""
    srcs = _sources(raw)
    for sid in wanted:
        assert sid in rec["sources"], f"{rec['id']} no longer cites {sid}"
        s = srcs[sid]
        assert s["url"].startswith(("http://", "https://")), sid
        assert s["published"] and s["retrieved"], sid


def _trade(raw: dict[str, Any], rid: str) -> tuple[Any, ...]:
    r = _rec(raw, "trade", rid)
    return (
        r["reporter"],
        r["partner"],
        r["flow"],
        r["period_start"],
        r["period_end"],
        r["value"],
        r["currency"],
        r["qualifier"],
        r["yoy_pct"],
    )


def test_china_asean_2025_full_year_and_jan_nov(raw: dict[str, Any]) -> None:
    y = ("CN", "ASEAN", "total", "2025-01-01", "2025-12-31")
    assert _trade(raw, "cn-asean-total-2025-cny") == (*y, 7550000000000, "CNY", None, 8)
    assert _trade(raw, "cn-asean-total-2025-usd-yicai") == (*y, 1080000000000, "USD", "about", None)
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2025-cny"), "TG1")
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2025-usd-yicai"), "TG1")
    # the earlier "over US$1 trillion" stays, as its own record, and now points to the exact one
    old = _rec(raw, "trade", "cn-asean-total-2025-usd")
    assert (old["value"], old["qualifier"]) == (1000000000000, "over")
    assert "cn-asean-total-2025-cny" in old["note"]
    jan_nov = _rec(raw, "trade", "cn-asean-total-2025-01-11-cny")
    assert _trade(raw, jan_nov["id"]) == (
        "CN",
        "ASEAN",
        "total",
        "2025-01-01",
        "2025-11-30",
        6820000000000,
        "CNY",
        None,
        8.5,
    )
    assert (jan_nov["share_pct"], jan_nov["period_kind"]) == (16.6, "ytd")
    _cites(raw, jan_nov, "TG2")


def test_china_asean_2017_with_exports_and_imports(raw: dict[str, Any]) -> None:
    y = ("CN", "ASEAN")
    d = ("2017-01-01", "2017-12-31")
    assert _trade(raw, "cn-asean-total-2017-usd-cri") == (
        *y,
        "total",
        *d,
        514800000000,
        "USD",
        None,
        13.8,
    )
    assert _trade(raw, "cn-asean-export-2017-usd") == (
        *y,
        "export",
        *d,
        279100000000,
        "USD",
        None,
        9,
    )
    assert _trade(raw, "cn-asean-import-2017-usd") == (
        *y,
        "import",
        *d,
        235700000000,
        "USD",
        None,
        20,
    )
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2017-usd-cri"), "TG3", "TG4", "I171")
    for rid in ("cn-asean-export-2017-usd", "cn-asean-import-2017-usd"):
        _cites(raw, _rec(raw, "trade", rid), "TG3")
    # the ambassador's rounded figure is kept beside it, not overwritten
    assert _rec(raw, "trade", "cn-asean-total-2017-usd")["value"] == 514000000000


def test_china_asean_2003_and_alternatives_2019_2022(raw: dict[str, Any]) -> None:
    r2003 = _rec(raw, "trade", "cn-asean-total-2003-usd-sggp")
    assert _trade(raw, r2003["id"])[3:7] == ("2003-01-01", "2003-12-31", 78200000000, "USD")
    assert r2003["confidence"] == "weak"
    _cites(raw, r2003, "TG5")
    # 2022: three published China-side figures side by side
    values_2022 = {
        rid: _rec(raw, "trade", rid)["value"]
        for rid in (
            "cn-asean-total-2022-usd",
            "cn-asean-total-2022-usd-sggp",
            "cn-asean-total-2022-usd-smni",
        )
    }
    assert values_2022 == {
        "cn-asean-total-2022-usd": 975340000000,
        "cn-asean-total-2022-usd-sggp": 975600000000,
        "cn-asean-total-2022-usd-smni": 975300000000,
    }
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2022-usd-sggp"), "TG5")
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2022-usd-smni"), "TG8")
    mfa = _rec(raw, "trade", "cn-asean-total-2019-usd-mfa")
    assert (mfa["period"], mfa["value"], mfa["currency"]) == ("2019", 641500000000, "USD")
    _cites(raw, mfa, "TG7")
    for rid in ("cn-asean-total-2019-usd-xinhua", "cn-asean-total-2019-usd-vna"):
        assert "cn-asean-total-2019-usd-mfa" in _rec(raw, "trade", rid)["note"]


def test_china_asean_cnyes_alternatives(raw: dict[str, Any]) -> None:
    r2024 = _rec(raw, "trade", "cn-asean-total-2024-usd-cnyes")
    r2025 = _rec(raw, "trade", "cn-asean-total-2025-01-09-usd-cnyes")
    assert (r2024["period"], r2024["value"], r2024["currency"]) == ("2024", 982300000000, "USD")
    assert (r2025["period"], r2025["value"], r2025["yoy_pct"]) == (
        "2025-01..2025-09",
        776700000000,
        None,
    )
    _cites(raw, r2024, "TG17")
    _cites(raw, r2025, "TG17")
    # GAC's figure stays and names the other one
    gac = _rec(raw, "trade", "cn-asean-total-2024-usd")
    assert gac["value"] == 982100000000 and "cn-asean-total-2024-usd-cnyes" in gac["note"]


def test_asean_reported_2024(raw: dict[str, Any]) -> None:
    r = _rec(raw, "trade", "asean-cn-total-2024-usd")
    assert (r["reporter"], r["partner"], r["period"], r["value"]) == (
        "ASEAN",
        "CN",
        "2024",
        772200000000,
    )
    _cites(raw, r, "TG18")


def test_china_asean_us_dollar_year_to_date(raw: dict[str, Any]) -> None:
    assert _trade(raw, "cn-asean-total-2020-01-09-usd") == (
        "CN",
        "ASEAN",
        "total",
        "2020-01-01",
        "2020-09-30",
        481800000000,
        "USD",
        None,
        None,
    )
    assert _trade(raw, "cn-asean-total-2021-01-10-usd") == (
        "CN",
        "ASEAN",
        "total",
        "2021-01-01",
        "2021-10-31",
        703340000000,
        "USD",
        None,
        30,
    )
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2020-01-09-usd"), "TG7")
    _cites(raw, _rec(raw, "trade", "cn-asean-total-2021-01-10-usd"), "TG9")


def test_member_figures(raw: dict[str, Any]) -> None:
    year = {y: (f"{y}-01-01", f"{y}-12-31") for y in ("2021", "2022", "2023")}
    want = [
        ("cn-sg-total-2022-usd", "TG6", "CN", "SG", "total", *year["2022"], 115100000000, 22.8),
        ("cn-sg-total-2023-01-02-usd", "TG6", "CN", "SG", "total", "2023-01-01", "2023-02-28",
         19500000000, 37.6),
        ("cn-id-total-2021-usd", "TG10", "CN", "ID", "total", *year["2021"], 124340000000, 58.43),
        ("cn-id-total-2021-usd-reuters", "TG11", "CN", "ID", "total", *year["2021"],
         124400000000, 58.6),
        ("cn-id-export-2021-usd", "TG11", "CN", "ID", "export", *year["2021"], 60700000000, 48.1),
        ("cn-id-import-2021-usd", "TG11", "CN", "ID", "import", *year["2021"], 63800000000, 70.1),
        ("cn-la-total-2023-usd", "TG12", "CN", "LA", "total", *year["2023"], 7100000000, 26.6),
        ("cn-la-total-2024-01-07-usd", "TG12", "CN", "LA", "total", "2024-01-01", "2024-07-31",
         4900000000, 30.3),
        ("la-cn-total-2021-usd", "TG13", "LA", "CN", "total", *year["2021"], 4350000000, 21.4),
        ("kh-cn-total-2025-h1-usd", "TG16", "KH", "CN", "total", "2025-01-01", "2025-06-30",
         9280000000, 26.9),
        ("kh-cn-total-2025-01-11-usd", "TG15", "KH", "CN", "total", "2025-01-01", "2025-11-30",
         17690000000, 28),
    ]  # fmt: skip
    for rid, sid, rep, par, flow, start, end, value, yoy in want:
        assert _trade(raw, rid) == (rep, par, flow, start, end, value, "USD", None, yoy), rid
        _cites(raw, _rec(raw, "trade", rid), sid)
    kh_q1 = ("CN", "KH", "total", "2025-01-01", "2025-03-31", 33330000000, "CNY", None, 13.1)
    assert _trade(raw, "cn-kh-total-2025-q1-cny") == kh_q1
    _cites(raw, _rec(raw, "trade", "cn-kh-total-2025-q1-cny"), "TG14")


def test_caexpo_editions(raw: dict[str, Any]) -> None:
    want = {
        "caexpo-6-2009": ("2009-10-20", "2009-10-24", "IG10"),
        "caexpo-9-2012": ("2012-09-21", "2012-09-25", "IG12"),
        "caexpo-10-2013": ("2013-09-03", "2013-09-06", "IG13"),
        "caexpo-12-2015": ("2015-09-18", "2015-09-21", "IG14"),
        "caexpo-13-2016": ("2016-09-11", "2016-09-14", "IG15"),
        "caexpo-14-2017": ("2017-09-12", "2017-09-15", "IG17"),
        "caexpo-15-2018": ("2018-09-12", "2018-09-15", "I171"),
        "caexpo-16-2019": ("2019-09-21", "2019-09-24", "IG18"),
        "caexpo-17-2020": ("2020-11-27", "2020-11-30", "TG7"),
        "caexpo-18-2021": ("2021-09-10", "2021-09-13", "IG26"),
        "caexpo-19-2022": ("2022-09-16", "2022-09-19", "IG22"),
        "caexpo-22-2025": ("2025-09-17", "2025-09-21", "IG9"),
    }
    for rid, (start, end, sid) in want.items():
        e = _rec(raw, "events", rid)
        assert (e["date"], e["date_end"], e["category"], e["place"]) == (
            start,
            end,
            "expo",
            "Nanning",
        )
        _cites(raw, e, sid)
    editions = [e for e in raw["events"].values() if e["category"] == "expo"]
    assert len(editions) >= 15  # 1st, 20th, 21st and the eleven added here


def test_coc_framework_2017(raw: dict[str, Any]) -> None:
    agreed = _rec(raw, "events", "coc-framework-agreed-2017")
    adopted = _rec(raw, "events", "coc-framework-adopted-2017")
    assert (agreed["date"], agreed["place"]) == ("2017-05-18", "Guiyang")
    assert (adopted["date"], adopted["place"]) == ("2017-08-06", "Manila")
    _cites(raw, agreed, "IG5")
    _cites(raw, adopted, "IG7")


def test_asean_summits_2026(raw: dict[str, Any]) -> None:
    s48 = _rec(raw, "events", "asean-summit-48-2026")
    s49 = _rec(raw, "events", "asean-summit-49-2026")
    assert (s48["date"], s48["date_end"]) == ("2026-05-08", "2026-05-09")
    assert (s49["date"], s49["date_end"]) == ("2026-11-10", "2026-11-12")
    assert "scheduled" in s49["title"] and "not found" in s49["note"]
    _cites(raw, s48, "IG1", "IG3")
    _cites(raw, s49, "IG1", "IG2")


def test_hainan_resumption_2023(raw: dict[str, Any]) -> None:
    for cc in ("bn", "id", "my", "ph", "sg", "th"):
        v = _rec(raw, "visa", f"visa-{cc}-cn-hainan-2023")
        assert (v["passport"], v["destination"], v["regime"]) == (
            cc.upper(),
            "CN",
            "regional_exemption",
        )
        assert (v["effective_from"], v["effective_to"], v["max_stay_days"]) == (
            "2023-03-15",
            "2024-02-08",
            30,
        )
        assert (v["region"], v["purposes"], v["visa_free"]) == ("Hainan", ["tourism"], True)
        _cites(raw, v, "VG1")
        # the suspended 2018 scheme and the 2024 widening meet it without a gap or overlap
        assert _rec(raw, "visa", f"visa-{cc}-cn-hainan-2018")["effective_to"] == "2020-03-27"
        assert _rec(raw, "visa", f"visa-{cc}-cn-hainan-2024")["effective_from"] == "2024-02-09"
        assert "was not found" not in _rec(raw, "visa", f"visa-{cc}-cn-hainan-2018")["note"]


def test_myanmar_visa_on_arrival_2018(raw: dict[str, Any]) -> None:
    v = _rec(raw, "visa", "visa-cn-mm-voa-2018")
    assert (v["effective_from"], v["max_stay_days"]) == ("2018-10-01", 28)
    _cites(raw, v, "VG3")
    assert "30 days" in v["note"]  # the other figure, named


def test_estrella_pantaleon_bridge(raw: dict[str, Any]) -> None:
    p = _rec(raw, "infrastructure", "estrella-pantaleon-bridge")
    assert (p["construction_start"], p["opened"], p["length_km"]) == (
        "2018-07-17",
        "2021-07-29",
        0.50646,
    )
    assert p["cost_usd"] is None and "PHP 1.46 bn" in p["financing"]
    alts = {(a["field"], a["value"]) for a in p["alternatives"]}
    assert ("construction_start", "2019") in alts
    _cites(raw, p, "IG23", "IG24")
