"""`cnasean db import` of official trade downloads, recognised by their header: the IMF's
IMTS SDMX-CSV (1.0 and 2.0) and China customs' query export (English; Chinese in GBK).

The fixtures in ``tests/fixtures/official/`` follow the documented headers with made-up
values. What is checked: the right records with the right values, periods and source (the
file's sha256); rows outside China-ASEAN, commodity rows and unreadable rows counted and
skipped whole; an unrecognised CSV refused with what is expected; re-import changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import in_process

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "official"
IMF_V1 = FIXTURES / "imf-imts-v1-annual.csv"
IMF_V2 = FIXTURES / "imf-imts-v2-quarterly-monthly.csv"
GACS_EN = FIXTURES / "gacs-export-en.csv"
GACS_ZH = FIXTURES / "gacs-import-zh.csv"
COMTRADE = FIXTURES / "comtrade-tradedata.csv"


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str | None]:
    return {"XDG_DATA_HOME": str(tmp_path / "xdg"), "CNASEAN_DB": None}


def cn(env: dict[str, str | None], *args: str | Path) -> subprocess.CompletedProcess[str]:
    res = in_process(*args, env=env)
    assert "Traceback" not in res.stderr, res.stderr
    return res


def user_file(env: dict[str, str | None]) -> Path:
    """The user's edits (an overlay on the packaged data): what a write writes."""
    return Path(str(env["XDG_DATA_HOME"])) / "cnasean" / "overlay.json"


def user_data(env: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    """The data the user reads (the packaged data with their edits): each table's records
    by id."""
    res = cn(env, "db", "export")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    return {t: {d["id"]: d for d in data.get(t, [])} for t in ("sources", "trade")}


def imported(env: dict[str, str | None], path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Import ``path``; (its source, its trade records by (reporter, partner, flow, period))."""
    res = cn(env, "db", "import", path)
    assert res.returncode == 0, res.stderr
    data = user_data(env)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (source,) = [s for s in data["sources"].values() if digest in (s.get("note") or "")]
    trade = {
        (r["reporter"], r["partner"], r["flow"], r["period"]): r
        for r in data["trade"].values()
        if r["sources"] == [source["id"]]
    }
    return source, trade


def check_source(source: dict[str, Any], path: Path, publisher: str) -> None:
    assert publisher in source["publisher"]
    assert source["kind"] == "official"
    assert source["retrieved"] == dt.date.today().isoformat()
    assert path.name in source["title"] and path.name in source["note"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() in source["note"]


def test_imf_sdmx_csv_1_annual(env: dict[str, str | None]) -> None:
    res = cn(env, "db", "import", IMF_V1, "--dry-run")
    assert res.returncode == 0, res.stderr
    assert not user_file(env).exists()  # a dry run writes nothing
    assert "3 rows skipped, not between China and an ASEAN member" in res.stderr
    assert "1 row skipped, another indicator" in res.stderr
    assert "2 rows skipped, no value" in res.stderr
    source, trade = imported(env, IMF_V1)
    check_source(source, IMF_V1, "International Monetary Fund")
    assert set(trade) == {
        ("CN", "VN", "export", "2023"),
        ("CN", "VN", "import", "2023"),
        ("VN", "CN", "export", "2023"),
        ("CN", "TL", "export", "2019"),  # Timor-Leste, as the data treats it
    }
    export = trade["CN", "VN", "export", "2023"]
    assert export["value"] == 111111111111 and export["currency"] == "USD"
    assert (export["period_kind"], export["period_start"], export["period_end"]) == (
        "year",
        "2023-01-01",
        "2023-12-31",
    )
    assert export["last_verified"] == dt.date.today().isoformat()
    assert trade["CN", "VN", "import", "2023"]["value"] == 22222222222
    estimate = trade["VN", "CN", "export", "2023"]
    assert estimate["confidence"] == "weak" and "estimate" in estimate["note"]
    assert export["confidence"] == "verbatim"
    assert cn(env, "db", "validate").returncode == 0


def test_imf_sdmx_csv_2_quarterly_and_monthly(env: dict[str, str | None]) -> None:
    source, trade = imported(env, IMF_V2)
    check_source(source, IMF_V2, "International Monetary Fund")
    q1 = trade["CN", "ID", "export", "2024-Q1"]
    assert (q1["value"], q1["period_kind"], q1["period_start"], q1["period_end"]) == (
        5555555555,
        "quarter",
        "2024-01-01",
        "2024-03-31",
    )
    assert trade["CN", "ID", "import", "2024-Q4"]["period_end"] == "2024-12-31"
    assert trade["CN", "ID", "import", "2024-Q4"]["value"] == 6666666666.5
    jan = trade["CN", "SG", "export", "2025-01"]
    assert (jan["period_kind"], jan["period_start"], jan["period_end"]) == (
        "month",
        "2025-01-01",
        "2025-01-31",
    )
    assert trade["SG", "CN", "import", "2025-12"]["value"] == 8888888888
    assert len(trade) == 4


def test_imf_report_of_unit_and_unreadable_rows(env: dict[str, str | None]) -> None:
    res = cn(env, "db", "import", IMF_V2, "--dry-run")
    assert "1 row skipped, not in US dollars (first: line 8, UNIT XDR)" in res.stderr
    assert "2 rows skipped, unreadable (first: line 6, TIME_PERIOD '2025-M13'" in res.stderr
    assert "4 China-member figures" in res.stderr


def test_gacs_english_export(env: dict[str, str | None]) -> None:
    res = cn(env, "db", "import", GACS_EN, "--dry-run")
    for line in (
        "1 row skipped, not between China and an ASEAN member (first: line 4, partner 210 Ceuta)",
        "1 row skipped, commodity-level, not a country total (first: line 5, commodity 96151100)",
        "1 row skipped, part of a total only",
        "(first: line 6, Customs Regime code 10)",
        "1 row skipped, unreadable (first: line 7, the value '12,34,5' is not a number)",
    ):
        assert line in res.stderr
    source, trade = imported(env, GACS_EN)
    check_source(source, GACS_EN, "General Administration of Customs")
    assert {k: r["value"] for k, r in trade.items()} == {
        ("CN", "VN", "export", "2024-03"): 1111111111,  # "1,111,111,111"
        ("CN", "ID", "export", "2024-03"): 222222222,
        ("CN", "MY", "export", "2024-04"): 333333333,
    }
    vn = trade["CN", "VN", "export", "2024-03"]
    assert (vn["currency"], vn["period_kind"], vn["period_end"]) == ("USD", "month", "2024-03-31")


def test_gacs_chinese_gbk_export(env: dict[str, str | None], tmp_path: Path) -> None:
    raw = GACS_ZH.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture is GBK, as the customs' Chinese export is
    named = tmp_path / "海关-进口-2025.csv"  # the flow may be said in Chinese too
    shutil.copyfile(GACS_ZH, named)
    for path in (GACS_ZH, named):
        res = cn(env, "db", "import", path, "--dry-run")
        assert res.returncode == 0, res.stderr
        assert "partner 142 中国" in res.stderr and "commodity 85171300" in res.stderr
        assert "注册地编码 4401" in res.stderr and "the date '2025１3' is not YYYYMM" in res.stderr
    source, trade = imported(env, GACS_ZH)
    check_source(source, GACS_ZH, "General Administration of Customs")
    assert {k: r["value"] for k, r in trade.items()} == {
        ("CN", "KH", "import", "2025-01"): 4444444,  # "4,444,444"
        ("CN", "LA", "import", "2025-02"): 555555,
        ("CN", "TL", "import", "2025-01"): 66666,
    }
    assert all(r["currency"] == "USD" for r in trade.values())


def test_gacs_export_needs_its_flow_in_the_name(env: dict[str, str | None], tmp_path: Path) -> None:
    for name in ("gacs-2024.csv", "进出口-2024.csv", "export-and-import.csv"):
        path = tmp_path / name
        shutil.copyfile(GACS_EN, path)
        res = cn(env, "db", "import", path)
        assert res.returncode == 2
        assert "export" in res.stderr and "import" in res.stderr and "name" in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
    assert not user_file(env).exists()


def test_reimport_changes_nothing(env: dict[str, str | None]) -> None:
    for path in (IMF_V1, IMF_V2, GACS_EN, GACS_ZH):
        assert cn(env, "db", "import", path).returncode == 0
    before = user_data(env)
    for path, records in ((IMF_V1, 5), (GACS_ZH, 4)):  # the source and its figures
        res = cn(env, "db", "import", path, "--json")
        assert res.returncode == 0, res.stderr
        assert json.loads(res.stdout) == []
        assert f"0 added, 0 changed, {records} unchanged" in res.stderr
    assert user_data(env) == before


def test_reimport_on_a_later_day_keeps_the_first_date(env: dict[str, str | None]) -> None:
    assert cn(env, "db", "import", GACS_EN).returncode == 0
    text = user_file(env).read_text(encoding="utf-8")
    user_file(env).write_text(text.replace(dt.date.today().isoformat(), "2026-01-02"), "utf-8")
    res = cn(env, "db", "import", GACS_EN)
    assert "0 added, 0 changed, 4 unchanged" in res.stderr, res.stderr
    source, trade = imported(env, GACS_EN)
    assert source["retrieved"] == "2026-01-02"
    assert {r["last_verified"] for r in trade.values()} == {"2026-01-02"}


def test_an_unrecognised_csv_names_what_is_expected(
    env: dict[str, str | None], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text("Year,Reporter,Partner,Value\n2024,China,Viet Nam,1\n", encoding="utf-8")
    res = cn(env, "db", "import", path)
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1
    for expected in ("DATAFLOW", "STRUCTURE", "TIME_PERIOD", "Date of data", "数据年月", "--kind"):
        assert expected in res.stderr
    assert not user_file(env).exists()


def test_a_header_lacking_a_column_says_which(env: dict[str, str | None], tmp_path: Path) -> None:
    path = tmp_path / "imf.csv"
    header = IMF_V1.read_text(encoding="utf-8").replace("COUNTERPART_COUNTRY", "PARTNER")
    path.write_text(header, encoding="utf-8")
    res = cn(env, "db", "import", path)
    assert res.returncode == 2 and "no column COUNTERPART_COUNTRY" in res.stderr


def test_bad_rows_are_skipped_whole(env: dict[str, str | None], tmp_path: Path) -> None:
    """A row with a bad number, a bad period, too many cells or a repeated figure is
    reported and counted; nothing of it is imported, and the good rows are."""
    head = IMF_V1.read_text(encoding="utf-8").splitlines()[0]
    good = "IMF.STA:IMTS(1.0.0),CHN,XG_FOB_USD,KHM,A,2022,123456789,6,,2,X,FOB,USD,,,"
    lines = [
        head,
        good,
        good.replace("KHM", "LAO").replace("123456789", "12x4"),
        good.replace("KHM", "MMR").replace("2022", "22"),
        good.replace("KHM", "PHL") + ",extra",
        good.replace("123456789", "987654321"),
    ]
    path = tmp_path / "imf.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = cn(env, "db", "import", path)
    assert res.returncode == 0, res.stderr
    assert "3 rows skipped, unreadable (first: line 3, the value '12x4' is not a number)" in (
        res.stderr
    )
    assert "1 row skipped, repeated" in res.stderr
    trade = user_data(env)["trade"]
    mine = [
        r
        for r in trade.values()
        if r["id"].endswith(hashlib.sha256(path.read_bytes()).hexdigest()[:16])
    ]
    assert [(r["partner"], r["value"]) for r in mine] == [("KH", 123456789)]


def test_sdmx_labels_and_bom(env: dict[str, str | None], tmp_path: Path) -> None:
    """SDMX-CSV with labels ("COUNTRY: Country", "CHN: China"), behind a UTF-8 BOM."""
    text = (
        "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY: Country,INDICATOR: Indicator,"
        "COUNTERPART_COUNTRY: Counterpart country,FREQUENCY: Frequency,TIME_PERIOD: Time,"
        "OBS_VALUE: Value\n"
        'dataflow,IMF.STA:IMTS(1.0.0),I,CHN: China,"XG_FOB_USD: Exports, FOB, USD",'
        "THA: Thailand,A: Annual,2021,42424242\n"
    )
    path = tmp_path / "labelled.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    _, trade = imported(env, path)
    assert trade["CN", "TH", "export", "2021"]["value"] == 42424242


def test_other_imports_are_unchanged(env: dict[str, str | None], tmp_path: Path) -> None:
    """A CSV that is not UTF-8 and not an official download is still refused as such."""
    path = tmp_path / "latin.csv"
    path.write_bytes("table,id,title\nevents,x,caf\xe9\n".encode("latin-1"))
    res = cn(env, "db", "import", path)
    assert res.returncode == 2 and "not UTF-8" in res.stderr


def test_number_and_period_readers() -> None:
    from cnasean.store import official, official_formats

    assert official.number("1,161") == 1161
    assert official.number("1,234,567.5") == 1234567.5
    assert official.number("1.5e3") == 1500
    for bad in ("12,34,5", "1 161", "１２３", "-5"):
        with pytest.raises(official.Skip) as exc:
            official.number(bad)
        assert exc.value.reason == "unreadable"
    for missing in ("", "NaN", "-"):
        with pytest.raises(official.Skip) as exc:
            official.number(missing)
        assert exc.value.reason == "empty"
    assert official_formats.gacs_period("201801-201809")["period"] == "2018-01..2018-09"
    assert official_formats.gacs_period("201801-201812")["period_kind"] == "year"
    assert official_formats.gacs_period("2018")["period"] == "2018"
    assert official_formats.gacs_period("201802")["period_end"] == "2018-02-28"
    with pytest.raises(official.Skip):
        official_formats.gacs_period("201803-201809")
    assert official_formats.imf_period("Q", "2024Q3")["period"] == "2024-Q3"
    assert official_formats.imf_period("M", "2024-M02")["period_end"] == "2024-02-29"


def test_un_comtrade_download_into_a_users_own_file(env: dict[str, str | None]) -> None:
    """Each data row one field longer than the header (the trailing comma that shifts a
    pandas read by one column): read by name, the values stay in their columns."""
    res = cn(env, "db", "import", COMTRADE, "--dry-run")
    for line in (
        "1 row skipped, not between China and an ASEAN member (first: line 5, CHN and USA)",
        "1 row skipped, commodity-level, not a country total (first: line 6, cmdCode 85)",
        "1 row skipped, part of a total only",
        "(first: line 7, motCode 2100)",
        "1 row skipped, another flow (only exports X and imports M are read)",
    ):
        assert line in res.stderr
    source, trade = imported(env, COMTRADE)
    assert source["kind"] == "aggregator" and "never shipped" in source["note"]
    assert source["id"].startswith("comtrade-")
    assert {k: r["value"] for k, r in trade.items()} == {
        ("CN", "VN", "export", "2022"): 101010101010,
        ("CN", "VN", "import", "2022"): 20202020202.5,
        ("VN", "CN", "export", "2022-03"): 3030303030,
    }


def test_the_shipped_data_holds_no_un_comtrade_figure() -> None:
    """The UN's terms forbid re-disseminating Comtrade data: nothing imported from a
    Comtrade download (its source says so) may be in the shipped file."""
    shipped = json.loads((FIXTURES.parents[2] / "data" / "db.json").read_text(encoding="utf-8"))
    offenders = [
        s["id"]
        for s in shipped["sources"].values()
        if s["id"].startswith("comtrade-") or "UN Comtrade" in s.get("publisher", "")
    ]
    assert offenders == []
