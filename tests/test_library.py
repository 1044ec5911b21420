"""The library's front door: ``cnasean.open()`` and the typed ``Dataset``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import cnasean
from cnasean.models import Event, Project, TradeRecord, VisaRule


@pytest.fixture(scope="module")
def ds() -> cnasean.Dataset:
    return cnasean.open()


def test_open_reads_the_packaged_data(ds: cnasean.Dataset, shipped_db: Path) -> None:
    """The package's copy (installed) or data/db.json (a source checkout): the same bytes."""
    assert ds.path.name == "db.json"
    assert ds.path.read_bytes() == shipped_db.read_bytes()
    assert ds.meta.data_version
    assert repr(ds).startswith("Dataset(path=")


def test_open_ignores_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shipped_db: Path
) -> None:
    """CNASEAN_DB and the user's copy are the command line's business, not the library's."""
    monkeypatch.setenv("CNASEAN_DB", str(tmp_path / "missing.json"))
    user = tmp_path / "xdg" / "cnasean" / "db.json"
    user.parent.mkdir(parents=True)
    user.write_text("not json", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    ds = cnasean.open()
    assert ds.path != tmp_path / "missing.json" and ds.path != user
    assert ds.path.read_bytes() == shipped_db.read_bytes()


def test_open_a_given_file(tmp_path: Path, shipped_db: Path) -> None:
    data = json.loads(shipped_db.read_text(encoding="utf-8"))
    data["meta"]["1"]["data_version"] = "9999.01.01"
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(data), encoding="utf-8")
    assert cnasean.open(mine).meta.data_version == "9999.01.01"
    assert cnasean.open(str(mine)).path == mine


def test_open_a_missing_or_broken_file_raises_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(cnasean.DataFileMissing, match="does not exist"):
        cnasean.open(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(cnasean.DataFileCorrupt, match="not valid JSON"):
        cnasean.open(bad)
    assert issubclass(cnasean.DataFileCorrupt, cnasean.DataError)
    assert issubclass(cnasean.DataError, cnasean.CnaseanError)


def test_methods_answer_with_typed_records(ds: cnasean.Dataset) -> None:
    trade = ds.trade(country="VN")
    assert trade and all(isinstance(r, TradeRecord) for r in trade)
    assert {r.partner for r in trade} == {"VN"}
    assert all(isinstance(r, VisaRule) for r in ds.visa("thailand", on="2023-12-01"))
    assert all(isinstance(p, Project) for p in ds.projects(country="laos"))
    assert ds.project("china-laos-railway").id == "china-laos-railway"
    assert all(isinstance(e, Event) for e in ds.events(since="2025"))
    assert ds.country("thailand").country.code == "TH"
    assert ds.search("railway")[0].score > 0
    assert [s.id for s in ds.sources(["T1"])] == ["T1"]
    assert ds.find("T1")[0] == "sources"
    assert ds.trade_summary().rows()
    day, rows = ds.visa_overview(on="2024-06-01")
    assert day.isoformat() == "2024-06-01" and rows
    answer = ds.ask("When did the China–Laos railway open?")
    assert answer.status == "answered" and answer.records


def test_methods_raise_the_cli_errors(ds: cnasean.Dataset) -> None:
    with pytest.raises(cnasean.UnknownCountry, match="thailand"):
        ds.trade(country="thialand")
    with pytest.raises(cnasean.BadDate):
        ds.visa(on="31/12/2023")


def test_records_give_their_json_form(ds: cnasean.Dataset) -> None:
    rec = ds.trade(period="2025-01..2025-09", currency="CNY")[0]
    doc = rec.to_dict()
    assert doc["id"] == rec.id and doc["value"] == rec.value
    assert json.loads(json.dumps(doc)) == doc


def test_to_pandas_without_pandas_says_how_to_get_it(
    ds: cnasean.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    with pytest.raises(cnasean.CnaseanError, match="pip install pandas"):
        cnasean.to_pandas(ds.trade(country="VN"))


def test_to_pandas_with_pandas(ds: cnasean.Dataset) -> None:
    pytest.importorskip("pandas")
    records = ds.trade(country="VN")
    frame = cnasean.to_pandas(records)
    assert len(frame) == len(records)
    assert list(frame.columns) == list(records[0].to_dict())


# --- mypy sees every type -------------------------------------------------------------------

GOOD = """
import cnasean
ds = cnasean.open()
value: int | float | None = ds.trade(country="VN")[0].value
name: str = ds.project("whoosh").name
"""


def _mypy(tmp_path: Path, code: str) -> tuple[str, int]:
    api: Any = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(code, encoding="utf-8")
    out, err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "mypy-cache"), str(snippet)]
    )
    return out + err, status


@pytest.mark.slow
def test_mypy_accepts_correct_use_and_rejects_typos(tmp_path: Path) -> None:
    """The package ships py.typed: a typo in a method or a field is a type error."""
    out, status = _mypy(tmp_path, GOOD)
    assert status == 0, out
    bad = GOOD + "ds.trdae()\nds.trade()[0].no_such_field\nds.visa(on=3.5)\n"
    out, status = _mypy(tmp_path, bad)
    assert status == 1, out
    assert '"Dataset" has no attribute "trdae"' in out
    assert '"TradeRecord" has no attribute "no_such_field"' in out
    assert 'Argument "on" to "visa" of "Dataset" has incompatible type "float"' in out
