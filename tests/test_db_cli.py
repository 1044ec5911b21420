"""`cnasean db`: info, validate, add/set/remove, import/export round trips, diff, reset.

Every command runs in-process (conftest's ``in_process``), as a fresh process would, with
exactly the environment the test gives it."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import in_process

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "db.json"


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "CNASEAN_DB"}
    e["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return e


def cn(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    changed = {k: env.get(k) for k in {*os.environ, *env} if env.get(k) != os.environ.get(k)}
    res = in_process(*args, env=changed, input=stdin)
    assert "Traceback" not in res.stderr, res.stderr
    return res


def test_info_says_which_file_and_why(env: dict[str, str], tmp_path: Path) -> None:
    info = json.loads(cn(env, "db", "info", "--json").stdout)[0]
    assert info["origin"] == "packaged" and info["counts"]["trade"] > 100
    assert set(info["oldest_verified"]) == {"trade", "visa", "infrastructure", "events"}
    copy = tmp_path / "mine.json"
    copy.write_bytes(SHIPPED.read_bytes())
    assert (
        json.loads(cn(env, "db", "info", "--json", "--db", str(copy)).stdout)[0]["origin"]
        == "option"
    )
    info = json.loads(cn({**env, "CNASEAN_DB": str(copy)}, "db", "info", "--json").stdout)[0]
    assert info["origin"] == "environment" and info["path"] == str(copy)


def test_validate_lists_every_problem(env: dict[str, str], tmp_path: Path) -> None:
    assert cn(env, "db", "validate").returncode == 0
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    trade = data["trade"]
    first, second = list(trade)[:2]
    trade[first]["period_start"] = "2024-13-01"
    trade[second]["sources"] = ["NOPE"]
    data["visa"][next(iter(data["visa"]))]["id"] = trade[first]["id"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    res = cn(env, "db", "validate", str(bad), "-f", "tsv")
    assert res.returncode == 3
    lines = res.stdout.strip().splitlines()[1:]
    text = "\n".join(lines)
    assert "period_start" in text and "NOPE" in text and "duplicate id" in text
    assert len(lines) >= 3
    broken = tmp_path / "broken.json"
    broken.write_text('{"meta": {"1": {}}, "trade": [', encoding="utf-8")
    res = cn(env, "db", "validate", str(broken))
    assert res.returncode == 3 and "line 1" in res.stdout


def test_first_write_records_an_overlay_of_the_user_edits(
    env: dict[str, str], tmp_path: Path
) -> None:
    before = SHIPPED.read_bytes()
    res = cn(env, "db", "set", "cn-asean-total-2024-usd", "note", "checked again")
    assert res.returncode == 0, res.stderr
    overlay = tmp_path / "xdg" / "cnasean" / "overlay.json"
    assert overlay.exists() and SHIPPED.read_bytes() == before
    assert not (tmp_path / "xdg" / "cnasean" / "db.json").exists()  # no full copy
    info = json.loads(cn(env, "db", "info", "--json").stdout)[0]
    # the packaged data is still what is read, with the edit on top
    assert info["origin"] == "packaged" and info["edits"] == 1
    assert info["overlay"] == str(overlay)
    rec = json.loads(cn(env, "trade", "--period", "2024", "--currency", "USD", "--json").stdout)
    assert any(r["note"] == "checked again" for r in rec)
    assert cn(env, "db", "reset").returncode == 2  # not a terminal: needs --yes
    assert cn(env, "db", "reset", "--yes").returncode == 0
    info = json.loads(cn(env, "db", "info", "--json").stdout)[0]
    assert info["origin"] == "packaged" and info["edits"] == 0
    rec = json.loads(cn(env, "trade", "--period", "2024", "--currency", "USD", "--json").stdout)
    assert not any(r["note"] == "checked again" for r in rec)


def test_add_refuses_a_fact_without_a_source(env: dict[str, str]) -> None:
    fact = {
        "id": "test-event",
        "date": "2026-01-01",
        "title": "t",
        "category": "summit",
        "countries": ["CN"],
        "sources": [],
        "confidence": "verbatim",
        "last_verified": "2026-11-29",
    }
    res = cn(env, "db", "add", "events", "--record", json.dumps(fact))
    assert res.returncode == 2 and "source" in res.stderr
    fact["sources"] = ["T1"]
    assert cn(env, "db", "add", "events", stdin=json.dumps(fact)).returncode == 0
    assert (
        cn(env, "events", "--since", "2026-01-01", "--until", "2026-01-01", "--json").stdout.count(
            "test-event"
        )
        == 1
    )
    assert cn(env, "db", "remove", "test-event").returncode == 0
    assert cn(env, "db", "remove", "T1").returncode == 2  # still cited


@pytest.mark.parametrize("fmt, suffix", [("json", ".json"), ("jsonl", ".jsonl"), ("csv", ".csv")])
def test_export_import_round_trip(
    env: dict[str, str], tmp_path: Path, fmt: str, suffix: str
) -> None:
    kind_args = ["--kind", "visa"] if fmt == "csv" else []
    out = tmp_path / f"export{suffix}"
    assert cn(env, "db", "export", "-f", fmt, *kind_args, "-o", str(out)).returncode == 0
    res = cn(env, "db", "import", str(out), *kind_args, "--dry-run", "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == []  # nothing changes: the export is the data
    assert "0 added, 0 changed" in res.stderr


def test_import_merges_and_validates_first(env: dict[str, str], tmp_path: Path) -> None:
    rows = io.StringIO()
    export = cn(env, "db", "export", "-f", "csv", "--kind", "events").stdout
    reader = list(csv.DictReader(io.StringIO(export)))
    reader[0]["title"] = reader[0]["title"] + " (corrected)"
    new = dict(reader[1], id="test-new-event")
    writer = csv.DictWriter(rows, fieldnames=list(reader[0]))
    writer.writeheader()
    writer.writerows([reader[0], new])
    f = tmp_path / "events.csv"
    f.write_text(rows.getvalue(), encoding="utf-8")
    res = cn(env, "db", "import", str(f), "--kind", "events", "--json")
    assert res.returncode == 0, res.stderr
    changes = {(c["change"], c["id"]) for c in json.loads(res.stdout)}
    assert changes == {("changed", reader[0]["id"]), ("added", "test-new-event")}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {
                "table": "events",
                "id": "x-ok",
                "date": "2026",
                "title": "t",
                "category": "summit",
                "countries": ["CN"],
                "sources": ["T1"],
                "confidence": "verbatim",
                "last_verified": "2026-11-29",
            }
        )
        + "\n"
        + json.dumps({"table": "events", "id": "x-bad", "sources": ["T1"]})
        + "\n",
        encoding="utf-8",
    )
    user = tmp_path / "xdg" / "cnasean" / "overlay.json"
    before = user.read_bytes()
    res = cn(env, "db", "import", str(bad))
    assert res.returncode == 2 and "x-bad" in res.stderr
    assert user.read_bytes() == before  # the valid record was not written either


def test_sqlite_export_is_a_real_database(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "c.sqlite"
    assert cn(env, "db", "export", "-f", "sqlite", "-o", str(out)).returncode == 0
    con = sqlite3.connect(out)
    n = con.execute("select count(*) from trade").fetchone()[0]
    assert n == len(json.loads(SHIPPED.read_text(encoding="utf-8"))["trade"])
    row = con.execute(
        "select t.value, s.publisher from trade t join citations c on c.record_id = t.id "
        "join sources s on s.id = c.source_id where t.id = 'cn-asean-total-2025-01-09-cny'"
    ).fetchone()
    assert row[0] == 5570000000000 and row[1]
    assert json.loads(con.execute("select purposes from visa limit 1").fetchone()[0]) is not None


def test_diff_by_record(env: dict[str, str], tmp_path: Path) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    key = next(iter(data["events"]))
    removed = data["events"].pop(key)["id"]
    data["trade"][next(iter(data["trade"]))]["note"] = "changed"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    res = cn(env, "db", "diff", str(SHIPPED), str(other), "--json")
    changes = json.loads(res.stdout)
    assert {
        "change": "removed",
        "kind": "events",
        "id": removed,
        "fields": [],
        "values": {},
    } in changes
    noted = [c for c in changes if c["change"] == "changed" and c["fields"] == ["note"]]
    assert noted and noted[0]["values"]["note"]["new"] == "changed"  # old -> new, not names
    assert cn(env, "db", "diff", str(SHIPPED), str(SHIPPED)).stderr.strip() == "No differences."
