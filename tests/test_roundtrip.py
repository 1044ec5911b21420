"""Files that round-trip (issue 16, part 3): an export works as --db, and every problem of
every record is reported in one run, by db validate and by every write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.conftest import SHIPPED_DB


def test_a_json_export_works_as_db(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert run("db", "export", "-f", "json", "-o", str(out)).exit_code == 0
    exported = run("--db", str(out), "trade", "--json")
    shipped = run("trade", "--json")
    assert exported.exit_code == 0, exported.stderr
    assert json.loads(exported.stdout) == json.loads(shipped.stdout)
    valid = run("--db", str(out), "db", "validate")
    assert valid.exit_code == 0, valid.stdout + valid.stderr


def _broken(tmp_path: Path) -> Path:
    data = json.loads(SHIPPED_DB.read_text(encoding="utf-8"))
    doc = data["trade"]["1"]
    doc.update(period_start="2020-13-01", currency="EUR", flow="exports", sources=[])
    del doc["confidence"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_reports_every_problem_of_a_record(run: Any, tmp_path: Path) -> None:
    r = run("--db", str(_broken(tmp_path)), "db", "validate", "-f", "tsv")
    assert r.exit_code == 3
    fields = {"period_start", "currency", "flow", "sources", "confidence"}
    found = {f for f in fields if f"field '{f}'" in r.stdout}
    assert found == fields, r.stdout


def test_add_reports_every_problem_and_fills_what_it_can(run: Any, tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shutil.copy(SHIPPED_DB, db)
    bad = {"id": "t-new", "reporter": "CN", "partner": "VN", "flow": "exports",
           "period": "2025-Q3", "value": "x", "sources": ["T1"]}  # fmt: skip
    r = run("--db", str(db), "db", "add", "trade", "--record", json.dumps(bad))
    assert r.exit_code == 2
    for field in ("value", "flow", "confidence"):
        assert f"field '{field}'" in r.stderr, r.stderr
    assert "period_start" not in r.stderr  # filled from the period, not asked for
    good = {**bad, "flow": "export", "value": 5, "currency": "USD", "confidence": "verbatim"}
    ok = run("--db", str(db), "db", "add", "trade", "--record", json.dumps(good))
    assert ok.exit_code == 0, ok.stderr
    assert "Filled in: period_start 2025-07-01, period_end 2025-09-30, period_kind quarter" in (
        ok.stderr
    )
    stored = [
        d for d in json.loads(db.read_text(encoding="utf-8"))["trade"].values()
        if d["id"] == "t-new"
    ]  # fmt: skip
    assert stored[0]["period_kind"] == "quarter" and stored[0]["last_verified"]


def test_set_reports_every_problem(run: Any, tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shutil.copy(SHIPPED_DB, db)
    data = json.loads(db.read_text(encoding="utf-8"))
    rid = data["trade"]["1"]["id"]
    r = run("--db", str(db), "db", "set", rid, "value", '"abc"')
    assert r.exit_code == 2 and "field 'value' must be a number" in r.stderr
