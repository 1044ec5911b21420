"""The IMF DOTS data build (data/build/imf_dots.py) and the records it puts in data/db.json.

Tests that read the IMF tables skip when ../shared/data-brief/imf-dots-2022 is not there (the
tables are not part of the project); the tests of the shipped records always run.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "data" / "build" / "imf_dots.py"
DB = ROOT / "data" / "db.json"
BRIEF = ROOT.parent / "shared" / "data-brief" / "imf-dots-2022"
RAW = BRIEF / "raw"
TIDY = BRIEF / "cn_asean_dots_tidy.csv"
PREFIX = "imf-dots-2022-"
ASEAN10 = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"}

needs_raw = pytest.mark.skipif(
    not (RAW / "DOTS_40.xlsx").is_file(), reason="IMF DOTS tables not on this machine"
)


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("imf_dots", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


imf = _load()
SHIPPED: dict[str, Any] = json.loads(DB.read_text(encoding="utf-8"))
OWN = {d["id"]: d for d in SHIPPED["trade"].values() if d["id"].startswith(PREFIX)}


@pytest.fixture(scope="module")
def built() -> str:
    """The text the build gives for the shipped file."""
    return imf.dumps(imf.build_db(RAW, SHIPPED))


def _tidy() -> list[dict[str, str]]:
    with TIDY.open(encoding="utf-8", newline="") as f:
        return [
            r
            for r in csv.DictReader(f)
            if 1992 <= int(r["year"]) <= 2020 and "CN" in (r["reporter"], r["partner"])
        ]


def _usd(millions: str) -> int:
    return int((Decimal(millions) * 1_000_000).to_integral_value())


# -- the build ------------------------------------------------------------------------------


@needs_raw
def test_build_is_deterministic(built: str) -> None:
    again = imf.dumps(imf.build_db(RAW, json.loads(DB.read_text(encoding="utf-8"))))
    assert again == built


@needs_raw
def test_committed_file_is_the_build(built: str) -> None:
    assert imf.main([str(RAW), "--check"]) == 0
    assert built == DB.read_text(encoding="utf-8")


@needs_raw
def test_write_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shutil.copy(DB, db)
    assert imf.main([str(RAW), "--db", str(db), "--write"]) == 0
    first = db.read_bytes()
    assert imf.main([str(RAW), "--db", str(db), "--write"]) == 0
    assert db.read_bytes() == first == DB.read_bytes()


@needs_raw
def test_check_fails_when_a_figure_is_changed(tmp_path: Path, capsys: Any) -> None:
    data = json.loads(DB.read_text(encoding="utf-8"))
    key = next(k for k, d in data["trade"].items() if d["id"] == f"{PREFIX}cn-vn-export-2020-usd")
    data["trade"][key]["value"] += 1
    db = tmp_path / "db.json"
    db.write_text(imf.dumps(data), encoding="utf-8")
    assert imf.main([str(RAW), "--db", str(db), "--check"]) == 1
    assert f"{PREFIX}cn-vn-export-2020-usd differs in value" in capsys.readouterr().err
    assert imf.main([str(RAW), "--db", str(db), "--write"]) == 0
    assert db.read_bytes() == DB.read_bytes()


@needs_raw
def test_rebuild_keeps_records_added_by_others(tmp_path: Path) -> None:
    """How data is merged: another hand adds records, the build is run again over them."""
    data = json.loads(DB.read_text(encoding="utf-8"))
    extra = dict(next(iter(data["trade"].values())), id="cn-asean-total-2016-usd-test")
    extra.update(period="2016", period_start="2016-01-01", period_end="2016-12-31")
    data["trade"][str(max(map(int, data["trade"])) + 1)] = extra
    data["events"]["9999"] = dict(next(iter(data["events"].values())), id="an-event-test")
    db = tmp_path / "db.json"
    db.write_text(imf.dumps(data), encoding="utf-8")
    assert imf.main([str(RAW), "--db", str(db), "--check"]) == 1  # 2016 now has a sourced total
    assert imf.main([str(RAW), "--db", str(db), "--write"]) == 0
    first = db.read_bytes()
    assert imf.main([str(RAW), "--db", str(db), "--write"]) == 0
    assert db.read_bytes() == first
    new = json.loads(first)
    ids = [d["id"] for d in new["trade"].values()]
    assert (
        "cn-asean-total-2016-usd-test" in ids and f"{PREFIX}cn-asean-total-2016-usd-sum" not in ids
    )
    assert new["events"]["9999"]["id"] == "an-event-test"
    others = [d for d in data["trade"].values() if not d["id"].startswith(PREFIX)]
    assert [d for d in new["trade"].values() if not d["id"].startswith(PREFIX)] == others


def test_check_without_the_tables_is_skipped(tmp_path: Path, capsys: Any) -> None:
    assert imf.main([str(tmp_path / "absent"), "--check"]) == 0
    assert "skipped: tables not found" in capsys.readouterr().out
    assert imf.main([str(tmp_path / "absent"), "--write"]) == 2


# -- the figures against the IMF's tables ---------------------------------------------------


@needs_raw
@pytest.mark.parametrize(
    ("reporter", "partner", "flow", "year"),
    [("CN", "VN", "export", 2020), ("VN", "CN", "import", 2020), ("LA", "CN", "export", 2005)],
)
def test_spot_values_match_the_tidy_table(
    reporter: str, partner: str, flow: str, year: int
) -> None:
    row = next(
        r
        for r in _tidy()
        if (r["reporter"], r["partner"], r["flow"].split("_")[0], r["year"])
        == (reporter, partner, flow, str(year))
    )
    rec = OWN[f"{PREFIX}{reporter}-{partner}-{flow}-{year}-usd".lower()]
    assert rec["value"] == _usd(row["value_usd_millions"])
    assert rec["currency"] == "USD" and rec["period"] == str(year)


@needs_raw
def test_every_flow_figure_matches_the_tidy_table() -> None:
    want = {}
    for r in _tidy():
        if r["reporter"] == "CN" and r["partner"] not in imf.MEMBERS:
            continue
        rid = f"{PREFIX}{r['reporter']}-{r['partner']}-{r['flow'].split('_')[0]}-{r['year']}-usd"
        want[rid.lower()] = (_usd(r["value_usd_millions"]), r["imf_estimate_flag"] == "e")
    got = {
        i: (d["value"], d["confidence"] == "estimate" and "Flagged 'e'" in d["note"])
        for i, d in OWN.items()
        if d["flow"] in ("export", "import")
    }
    assert got == want


@needs_raw
def test_sources_name_the_copy_read() -> None:
    lines = (BRIEF / "SHA256SUMS").read_text().splitlines()
    sums = {name: digest for digest, name in (line.split() for line in lines if line)}
    srcs = {s["id"]: s for s in SHIPPED["sources"].values() if s["id"].startswith("IMF-DOTS-")}
    assert len(srcs) == 12
    for s in srcs.values():
        name = s["url"].rsplit("/", 1)[1]
        assert sums[name] in s["note"] and name in s["note"]
        assert s["publisher"].startswith("International Monetary Fund")
        assert "January 2022" in s["note"] and s["kind"] == "official"


# -- the shipped records --------------------------------------------------------------------


def test_the_build_covers_both_sides_1992_to_2020() -> None:
    pairs = {(d["reporter"], d["partner"]) for d in OWN.values()}
    assert pairs == {("CN", m) for m in imf.MEMBERS} | {(m, "CN") for m in imf.MEMBERS} | {
        ("CN", "ASEAN")
    }
    assert {d["period"] for d in OWN.values()} == {str(y) for y in range(1992, 2021)}
    assert len(OWN) > 1700


def test_estimates_carry_the_estimate_confidence() -> None:
    flows = {(d["reporter"], d["period"]) for d in OWN.values() if d["confidence"] == "estimate"}
    readme = (
        {("LA", str(y)) for y in [1992, *range(1998, 2021)]}
        | {("KH", str(y)) for y in range(1992, 1997)}
        | {("MM", str(y)) for y in range(1992, 2000)}
        | {("BN", "1998"), *(("TL", str(y)) for y in range(2014, 2020))}
    )
    assert flows == readme
    for d in OWN.values():
        if d["confidence"] == "estimate":
            assert "estimate" in d["note"]


def test_timor_leste_2014_2019_is_a_multiple_of_china() -> None:
    def v(reporter: str, partner: str, flow: str, y: int) -> int:
        return int(OWN[f"{PREFIX}{reporter}-{partner}-{flow}-{y}-usd"]["value"])

    for y in range(2014, 2020):
        assert v("tl", "cn", "export", y) / v("cn", "tl", "import", y) == pytest.approx(
            1.3043, abs=1e-4
        )
        assert v("tl", "cn", "import", y) / v("cn", "tl", "export", y) == pytest.approx(
            0.6671, abs=1e-4
        )


def test_derived_totals_equal_the_sum_of_their_inputs() -> None:
    totals = [d for d in OWN.values() if d["flow"] == "total"]
    assert totals
    for d in totals:
        inputs = [OWN[i] for i in d["derived"]["inputs"]]
        assert d["value"] == sum(r["value"] for r in inputs), d["id"]
        assert all(r["period"] == d["period"] and r["reporter"] == d["reporter"] for r in inputs)
        assert d["confidence"] == (
            "estimate" if any(r["confidence"] == "estimate" for r in inputs) else "derived"
        )


def test_china_asean_sums_only_where_no_sourced_total() -> None:
    sums = {d["period"]: d for d in OWN.values() if d["partner"] == "ASEAN"}
    official = {
        d["period"]
        for d in SHIPPED["trade"].values()
        if not d["id"].startswith(PREFIX)
        and (d["reporter"], d["partner"], d["flow"], d["period_kind"])
        == ("CN", "ASEAN", "total", "year")
        and d["value"] is not None
        and d["confidence"] != "derived"
    }
    assert {"2016", "2018"} <= set(sums)
    assert set(sums) == {str(y) for y in range(1992, 2021)} - official
    for d in sums.values():
        members = {OWN[i]["partner"] for i in d["derived"]["inputs"]}
        assert members == ASEAN10  # Timor-Leste joined in 2025: never in these sums
        assert all(OWN[i]["reporter"] == "CN" for i in d["derived"]["inputs"])
        assert "Timor-Leste" in d["note"] and d["sources"] == ["IMF-DOTS-2022-CN"]


def test_other_sources_figures_are_kept_beside() -> None:
    other = next(d for d in SHIPPED["trade"].values() if d["id"] == "cn-bn-total-2020-usd")
    mine = OWN[f"{PREFIX}cn-bn-total-2020-usd"]
    assert other["value"] != mine["value"]
    assert "cn-bn-total-2020-usd" in mine["note"]
