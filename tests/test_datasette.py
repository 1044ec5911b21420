"""``db export -f sqlite``: integer columns as INTEGER, and Datasette's metadata.json
beside the file, with titles, sources, licences and the data version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from helpers import AS_OF, VERSION


def _export(cli: Any, out: Path, *extra: str) -> Any:
    r = cli("db", "export", "-f", "sqlite", "-o", out, *extra)
    assert r.returncode == 0, r.stderr
    return r


def test_integer_columns_are_integer(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "cnasean.sqlite"
    _export(cli, out)
    con = sqlite3.connect(out)
    visa = {row[1]: row[2] for row in con.execute("pragma table_info(visa)")}
    assert visa["max_stay_days"] == "INTEGER" and visa["visa_free"] == "INTEGER"
    kinds = con.execute(
        "select distinct typeof(max_stay_days), typeof(visa_free) from visa "
        "where max_stay_days is not null"
    ).fetchall()
    assert kinds == [("integer", "integer")]
    trade = {row[1]: row[2] for row in con.execute("pragma table_info(trade)")}
    values = [v for (v,) in con.execute("select value from trade where value is not null")]
    # int | float: INTEGER when every figure is a whole number (as in the shipped data), else
    # REAL (INTEGER affinity would keep a fraction anyway, but the type would mislead)
    whole = all(isinstance(v, int) for v in values)
    assert trade["value"] == ("INTEGER" if whole else "REAL")
    assert trade["yoy_pct"] == "REAL"  # a percentage with decimals
    con.close()


def test_metadata_json_beside_the_file(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "cnasean.sqlite"
    r = _export(cli, out)
    meta_path = tmp_path / "metadata.json"
    assert f"datasette {out} -m {meta_path}" in r.stderr
    doc = json.loads(meta_path.read_text(encoding="utf-8"))
    version = json.loads(cli("db", "info", "--json").stdout)
    assert doc["about"] == "cnasean" and VERSION in doc["description"]
    assert f"as of {AS_OF}" in doc["description"]
    tables = doc["databases"]["cnasean"]["tables"]
    con = sqlite3.connect(out)
    names = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()
    assert set(tables) == names
    for name in ("trade", "visa", "infrastructure", "events", "sources"):
        assert tables[name]["title"] and tables[name]["license"] and tables[name]["source"]
    assert "publishers, most cited" in tables["trade"]["source"]
    assert "International Monetary Fund" in tables["trade"]["source"]
    assert version  # the info command still answers


def test_someone_elses_metadata_json_is_kept(cli: Any, tmp_path: Path) -> None:
    theirs = tmp_path / "metadata.json"
    theirs.write_text('{"title": "my own"}', encoding="utf-8")
    out = tmp_path / "facts.sqlite"
    r = _export(cli, out)
    assert theirs.read_text(encoding="utf-8") == '{"title": "my own"}'
    mine = tmp_path / "facts.metadata.json"
    assert json.loads(mine.read_text(encoding="utf-8"))["about"] == "cnasean"
    assert str(mine) in r.stderr
    # and a metadata.json cnasean wrote is replaced, not doubled
    other = tmp_path / "sub"
    other.mkdir()
    _export(cli, other / "a.sqlite")
    _export(cli, other / "a.sqlite")
    assert sorted(p.name for p in other.iterdir()) == ["a.sqlite", "metadata.json"]
